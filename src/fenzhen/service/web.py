"""Server-rendered web UI: login, intake with live assessment, worklist, encounter, audit view.

Pages are Jinja2 templates with a little JavaScript (static/app.js) for the live assessment and
the self-refreshing worklist; without JavaScript every form still works. Every page but login
needs a session; writes carry the session's CSRF token. Web routes are left out of the OpenAPI
document, which describes the JSON API only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from fenzhen import Intake, assess
from fenzhen.domain import VITAL_FIELDS
from fenzhen.errors import FenzhenError, ForbiddenError
from fenzhen.knowledge import load
from fenzhen.scores.band_names import band_zh
from fenzhen.service.auth import PERMISSIONS, SESSION_COOKIE, check_csrf, optional_principal
from fenzhen.service.i18n import LANG_COOKIE, choose_language, translator
from fenzhen.service.intake_form import CHOICE_FIELDS, NUMBER_FIELDS, form_from_intake, intake_from_form
from fenzhen.service.panels import render_panels
from fenzhen.store import clinical
from fenzhen.store.accounts import Principal, login, logout
from fenzhen.store.audit import verify_chain
from fenzhen.store.models import AuditEvent
from fenzhen.store.worklist import build_worklist

__all__ = ["mount", "router"]

router = APIRouter(include_in_schema=False)
_templates = Jinja2Templates(directory=str(resources.files("fenzhen.service").joinpath("templates")))


def _level_names() -> tuple[dict[int, dict[str, str]], dict[int, dict[str, str]]]:
    levels = load("triage_levels")
    china = {r.level: {"zh": r.name_zh, "en": r.name_en} for r in levels.china}
    acuity = {r.level: {"zh": r.name_zh, "en": r.name_en} for r in levels.acuity}
    return china, acuity


_templates.env.globals["china_names"], _templates.env.globals["acuity_names"] = _level_names()
_templates.env.globals["number_fields"], _templates.env.globals["choice_fields"] = NUMBER_FIELDS, CHOICE_FIELDS
_templates.env.filters["band_zh"] = band_zh


def _missing_labels(t: Callable[[str], str]) -> dict[str, str]:
    """What the live assessment shows for each name in `missing_vitals`: the form's label, not the field name."""
    return {name: t(name) for name in (*VITAL_FIELDS, "avpu_or_gcs") if name != "consciousness"}


_templates.env.globals["missing_labels"] = _missing_labels


class _NeedLogin(Exception):
    pass


def _lang(request: Request) -> str:
    return choose_language(
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
        request.app.state.settings.default_language,
    )


def _page(
    request: Request, name: str, principal: Principal | None, status: int = 200, **ctx: Any
) -> HTMLResponse:
    lang = _lang(request)
    ctx.update(
        request=request,
        user=principal,
        lang=lang,
        t=translator(lang),
        can_review=principal is not None and principal.role in PERMISSIONS["review"],
        is_admin=principal is not None and principal.role in PERMISSIONS["admin"],
        refresh_s=request.app.state.settings.worklist_refresh_seconds,
    )
    return _templates.TemplateResponse(request, name, ctx, status_code=status)


def _user(principal: Principal | None = Depends(optional_principal)) -> Principal:
    if principal is None:
        raise _NeedLogin
    return principal


@router.get("/")
def index(principal: Principal | None = Depends(optional_principal)) -> Response:
    return RedirectResponse("/worklist" if principal else "/login", status_code=303)


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return _page(request, "login.html", None)


@router.post("/login")
def login_submit(
    request: Request, username: str = Form(max_length=64), password: str = Form(max_length=256)
) -> Response:
    settings = request.app.state.settings
    with request.app.state.database.transaction() as session:
        result = login(session, name=username, password=password, hours=settings.session_hours)
    if result is None:
        return _page(
            request, "login.html", None, status=401, error=translator(_lang(request))("login_failed")
        )
    secret, _ = result
    response = RedirectResponse("/worklist", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure,
        max_age=settings.session_hours * 3600,
    )
    return response


@router.post("/logout")
def logout_submit(request: Request, csrf: str = Form(""), principal: Principal = Depends(_user)) -> Response:
    check_csrf(principal, csrf)
    with request.app.state.database.transaction() as session:
        logout(session, request.cookies.get(SESSION_COOKIE, ""))
    request.app.state.token_cache.clear()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/lang/{code}")
def set_language(code: str, principal: Principal = Depends(_user)) -> Response:
    response = RedirectResponse("/worklist", status_code=303)
    if code in ("zh", "en"):
        response.set_cookie(LANG_COOKIE, code, samesite="strict", max_age=365 * 86400)
    return response


@router.get("/intake")
def intake_page(request: Request, principal: Principal = Depends(_user)) -> HTMLResponse:
    return _page(request, "intake.html", principal, form={})


@router.post("/intake")
async def intake_submit(request: Request, principal: Principal = Depends(_user)) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    if principal.role not in PERMISSIONS["register"]:
        raise ForbiddenError("this role may not register patients")
    try:
        details = clinical.PatientDetails(
            name=form.get("name", ""),
            id_number=form.get("id_number") or None,
            phone=form.get("phone") or None,
        )
        details.validate()
        intake = Intake.parse(intake_from_form(form))
        result = assess(intake)
    except FenzhenError as exc:
        return _page(request, "intake.html", principal, status=422, form=form, error=exc.message)
    with request.app.state.database.transaction() as session:
        patient = clinical.create_patient(
            session, details=details, actor_id=principal.user_id, actor=principal.name
        )
        encounter, _ = clinical.open_encounter(
            session,
            patient_id=patient.id,
            intake=intake,
            assessment=result,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return RedirectResponse(f"/encounters/{encounter.id}", status_code=303)


@router.get("/worklist")
def worklist_page(request: Request, principal: Principal = Depends(_user)) -> HTMLResponse:
    with request.app.state.database.transaction() as session:
        entries = build_worklist(session, actor=principal.name)
    return _page(request, "worklist.html", principal, entries=entries)


@router.get("/worklist/rows")
def worklist_rows(request: Request, principal: Principal = Depends(_user)) -> HTMLResponse:
    with request.app.state.database.transaction() as session:
        entries = build_worklist(session, actor=principal.name)
    return _page(request, "_worklist_rows.html", principal, entries=entries)


@router.get("/encounters/{encounter_id}")
def encounter_page(
    request: Request, encounter_id: str, principal: Principal = Depends(_user)
) -> HTMLResponse:
    with request.app.state.database.transaction() as session:
        encounter = clinical.get_encounter(session, encounter_id, actor=principal.name)
    lang = _lang(request)
    latest = encounter["assessments"][-1] if encounter["assessments"] else None
    return _page(
        request,
        "encounter.html",
        principal,
        enc=encounter,
        panels=render_panels(encounter, lang),
        latest=latest,
        retriage_form=form_from_intake(latest["intake"]) if latest else {},
    )


def _opt_int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


@router.post("/encounters/{encounter_id}/review")
async def review_submit(
    request: Request, encounter_id: str, principal: Principal = Depends(_user)
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    if principal.role not in PERMISSIONS["review"]:
        raise ForbiddenError("only a doctor may review")
    review = clinical.ReviewInput(
        decision=form.get("decision", ""),
        acuity=_opt_int(form.get("acuity")),
        china_level=_opt_int(form.get("china_level")),
        department=form.get("department") or None,
        reason=form.get("reason") or None,
    )
    with request.app.state.database.transaction() as session:
        clinical.record_review(
            session,
            assessment_id=form.get("assessment_id", ""),
            review=review,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return RedirectResponse(f"/encounters/{quote(encounter_id)}", status_code=303)


@router.post("/encounters/{encounter_id}/retriage")
async def retriage_submit(
    request: Request, encounter_id: str, principal: Principal = Depends(_user)
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    intake = Intake.parse(intake_from_form(form))
    result = assess(intake)
    with request.app.state.database.transaction() as session:
        clinical.add_assessment(
            session,
            encounter_id=encounter_id,
            intake=intake,
            assessment=result,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return RedirectResponse(f"/encounters/{quote(encounter_id)}", status_code=303)


@router.post("/encounters/{encounter_id}/status")
async def status_submit(
    request: Request, encounter_id: str, principal: Principal = Depends(_user)
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    with request.app.state.database.transaction() as session:
        clinical.set_status(
            session, encounter_id=encounter_id, status=form.get("status", ""), actor=principal.name
        )
    return RedirectResponse("/worklist", status_code=303)


@router.get("/admin/audit")
def audit_page(request: Request, principal: Principal = Depends(_user)) -> HTMLResponse:
    if principal.role not in PERMISSIONS["admin"]:
        raise ForbiddenError("only an admin may read the audit trail")
    with request.app.state.database.transaction() as session:
        report = verify_chain(session)
        events = session.query(AuditEvent).order_by(AuditEvent.seq.desc()).limit(200).all()
        rows = [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "object": f"{e.object_type} {e.object_id[:12]}",
                "detail": json.loads(e.detail),
            }
            for e in events
        ]
    return _page(request, "audit.html", principal, report=report, events=rows)


async def _need_login(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


def mount(app: FastAPI) -> None:
    """Attach the web pages, static files and the login redirect to `app`."""
    app.include_router(router)
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("fenzhen.service").joinpath("static"))),
        name="static",
    )
    app.add_exception_handler(_NeedLogin, _need_login)
