"""Care sites, the site supervising each, and where each user works with their prescribing rights.

A village clinic is supervised by a township centre, which is supervised by a county hospital
(the 医联体 / 县域医共体 chain). A remote dose-adjustment request goes to the supervising site's
doctors who hold prescribing rights (处方权); those rights are granted per user, here, by an admin
or the CLI, and every grant or withdrawal is an audited change.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.errors import ConflictError, InputError, NotFoundError
from fenzhen.store.audit import append_event
from fenzhen.store.db import utcnow
from fenzhen.store.models import Site, StaffSite, User

__all__ = ["SITE_LEVELS", "add_site", "assign_staff", "list_sites", "prescribers_at", "staff_site"]

#: Levels of care, from the patient's door upwards (the China 3-tier primary-care system).
SITE_LEVELS: tuple[str, ...] = ("village", "township", "county", "other")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


def _check_code(field: str, code: str) -> None:
    if not _CODE.match(code):
        raise InputError.for_field(
            field, code, "is not a site code", "1–32 lower-case letters, digits, '-' or '_'"
        )


def add_site(
    session: Session, *, code: str, name: str, level: str, supervising_site: str | None, actor: str
) -> Site:
    """Create a site.

    Args:
        code: short stable code (``xc-01``), used in URLs and the CLI.
        name: display name (a place name; not a patient identifier).
        level: one of `SITE_LEVELS`.
        supervising_site: code of an existing site that receives this site's dose requests.

    Raises:
        InputError: a bad code, name or level, or an unknown supervising site.
        ConflictError: the code is taken.
    """
    _check_code("code", code)
    if not 1 <= len(name.strip()) <= 100:
        raise InputError.for_field("name", None, "must be 1–100 characters")
    if level not in SITE_LEVELS:
        raise InputError.for_field("level", level, "is not a level", ", ".join(SITE_LEVELS))
    if supervising_site is not None:
        _check_code("supervising_site", supervising_site)
        if session.get(Site, supervising_site) is None:
            raise InputError.for_field("supervising_site", supervising_site, "is not a known site")
        if supervising_site == code:
            raise InputError.for_field("supervising_site", code, "a site cannot supervise itself")
    if session.get(Site, code) is not None:
        raise ConflictError(f"a site with code {code!r} already exists")
    site = Site(
        code=code, name=name.strip(), level=level, supervising_site=supervising_site, created_at=utcnow()
    )
    session.add(site)
    session.flush()
    append_event(
        session,
        actor=actor,
        action="create",
        object_type="site",
        object_id=code,
        detail={"level": level, "supervising_site": supervising_site},
    )
    return site


def assign_staff(
    session: Session, *, user_name: str, site_code: str, can_prescribe: bool, actor: str
) -> StaffSite:
    """Place a user at a site and grant or withdraw prescribing rights there.

    Raises:
        NotFoundError: no such user.
        InputError: an unknown site, or prescribing rights for a role other than doctor.
    """
    user = session.execute(select(User).where(User.name == user_name)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user named {user_name!r}")
    _check_code("site", site_code)
    if session.get(Site, site_code) is None:
        raise InputError.for_field("site", site_code, "is not a known site", "add it with `fenzhen site add`")
    if can_prescribe and user.role != "doctor":
        raise InputError.for_field(
            "prescriber", True, f"prescribing rights need the doctor role, not {user.role}", "doctor"
        )
    row = session.get(StaffSite, user.id)
    if row is None:
        row = StaffSite(
            user_id=user.id, site_code=site_code, can_prescribe=can_prescribe, updated_at=utcnow()
        )
        session.add(row)
    else:
        row.site_code, row.can_prescribe, row.updated_at = site_code, can_prescribe, utcnow()
    session.flush()
    append_event(
        session,
        actor=actor,
        action="update",
        object_type="user",
        object_id=user.id,
        detail={"site": site_code, "can_prescribe": can_prescribe},
    )
    return row


def staff_site(session: Session, user_id: str) -> StaffSite | None:
    """Return where a user works (and whether they may prescribe there), or `None`."""
    return session.get(StaffSite, user_id)


def prescribers_at(session: Session, site_code: str) -> list[str]:
    """Return the names of active doctors with prescribing rights at a site."""
    rows = session.execute(
        select(User.name)
        .join(StaffSite, StaffSite.user_id == User.id)
        .where(
            StaffSite.site_code == site_code,
            StaffSite.can_prescribe.is_(True),
            User.role == "doctor",
            User.active.is_(True),
        )
        .order_by(User.name)
    )
    return list(rows.scalars())


def list_sites(session: Session) -> list[dict[str, str | None]]:
    """Return every site with its level and supervising site, by code."""
    return [
        {"code": s.code, "name": s.name, "level": s.level, "supervising_site": s.supervising_site}
        for s in session.execute(select(Site).order_by(Site.code)).scalars()
    ]
