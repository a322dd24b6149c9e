"""Web pages of remote dose adjustment: my requests (with the notification badge), the
prescriber's worklist, the proposal form and the request page with the decision form.

The pages reuse the service's page frame (`fenzhen.service.web`), forms work without JavaScript,
and every write carries the session's CSRF token. The nav link with its unread badge comes from
the ``dose_nav`` template global registered here; the encounter page gets a "propose a dose
change" panel through `fenzhen.service.panels`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from fenzhen.dosing.schema import FREQUENCIES
from fenzhen.dosing.units import creatinine_to_umol_l
from fenzhen.errors import FenzhenError, ForbiddenError, InputError
from fenzhen.service import web
from fenzhen.service.api_dose_requests import PERMISSIONS, parse_patient
from fenzhen.service.auth import check_csrf
from fenzhen.service.panels import Panel, register_panel
from fenzhen.store import clinical
from fenzhen.store import dose_requests as repo
from fenzhen.store.accounts import Principal
from fenzhen.store.sites import list_sites

__all__ = ["STRINGS", "dose_nav", "router"]

router = APIRouter(include_in_schema=False)

STRINGS: dict[str, dict[str, str]] = {
    "dose_requests": {"zh": "远程调药", "en": "Dose requests"},
    "new_request": {"zh": "申请调整剂量", "en": "Propose a dose change"},
    "my_requests": {"zh": "我的申请", "en": "My requests"},
    "to_decide": {"zh": "待我审批", "en": "Awaiting my decision"},
    "none": {"zh": "暂无", "en": "None"},
    "drug": {"zh": "药品", "en": "Drug"},
    "dose": {"zh": "剂量（含单位）", "en": "Dose (with unit)"},
    "frequency": {"zh": "频次", "en": "Frequency"},
    "indication": {"zh": "适应证", "en": "Indication"},
    "form": {"zh": "剂型", "en": "Form"},
    "route": {"zh": "途径", "en": "Route"},
    "current_dose": {"zh": "当前剂量", "en": "Current dose"},
    "creatinine": {"zh": "血肌酐", "en": "Serum creatinine"},
    "height_cm": {"zh": "身高（cm）", "en": "Height (cm)"},
    "pregnant": {"zh": "妊娠", "en": "Pregnant"},
    "allergies": {"zh": "过敏史（逗号分隔）", "en": "Allergies (comma-separated)"},
    "current_medications": {"zh": "正在使用的药物（逗号分隔）", "en": "Current medicines (comma-separated)"},
    "measured_at": {"zh": "测量日期", "en": "Measured on"},
    "supervising_site": {"zh": "上级审批机构", "en": "Supervising site"},
    "default_site": {"zh": "默认：本机构的上级", "en": "Default: my site's supervisor"},
    "reason": {"zh": "理由", "en": "Reason"},
    "submit": {"zh": "提交", "en": "Submit"},
    "status": {"zh": "状态", "en": "Status"},
    "pending": {"zh": "待审批", "en": "Pending"},
    "approved": {"zh": "已批准", "en": "Approved"},
    "modified": {"zh": "已修改后批准", "en": "Approved as modified"},
    "rejected": {"zh": "已驳回", "en": "Rejected"},
    "approve": {"zh": "批准", "en": "Approve"},
    "modify": {"zh": "修改剂量", "en": "Modify"},
    "reject": {"zh": "驳回", "en": "Reject"},
    "new": {"zh": "新", "en": "new"},
    "dose_check": {"zh": "剂量核查", "en": "Dose check"},
    "no_findings": {"zh": "未发现问题", "en": "No finding"},
    "decisions": {"zh": "审批记录", "en": "Decisions"},
    "decide": {"zh": "审批", "en": "Decide"},
    "acknowledge_critical": {
        "zh": "我已知晓严重警示，仍作此决定",
        "en": "I acknowledge the critical findings",
    },
    "reason_required": {"zh": "修改或驳回时必填", "en": "required to modify or reject"},
    "proposed": {"zh": "申请剂量", "en": "Proposed"},
    "final": {"zh": "最终剂量", "en": "Decided dose"},
    "requested_by": {"zh": "申请人", "en": "Requested by"},
    "fhir": {"zh": "导出 FHIR", "en": "FHIR export"},
    "never_automatic": {
        "zh": "任何申请都不会自动批准，须由有处方权的医生审批。",
        "en": "Nothing is approved automatically: a doctor with prescribing rights decides.",
    },
}


def _td(lang: str):  # type: ignore[no-untyped-def]
    return lambda key: STRINGS[key][lang] if key in STRINGS else key


def _page(request: Request, name: str, principal: Principal, status: int = 200, **ctx: Any) -> HTMLResponse:
    lang = web._lang(request)
    return web._page(
        request, name, principal, status=status, td=_td(lang), frequencies=list(FREQUENCIES), **ctx
    )


def dose_nav(request: Request, user: Principal | None, lang: str) -> Markup:
    """Return the nav link to the dose-request pages with the caller's unread count."""
    if user is None:
        return Markup("")
    unread = 0
    if user.role in PERMISSIONS["propose_dose"]:
        with request.app.state.database.transaction() as session:
            unread = repo.unread_count(session, user.user_id)
    badge = Markup(' <span class="badge" id="dose-unread">{}</span>').format(unread) if unread else ""
    return Markup('<a href="/dose-requests" id="nav-dose-requests">{}{}</a>').format(
        STRINGS["dose_requests"][lang], badge
    )


def _encounter_panel(encounter: dict[str, Any], lang: str) -> Panel | None:
    query = urlencode({"patient_id": encounter["patient"]["id"], "encounter_id": encounter["id"]})
    link = Markup('<a class="button" href="/dose-requests/new?{}" id="propose-dose">{}</a>').format(
        query, STRINGS["new_request"][lang]
    )
    return Panel(title=STRINGS["dose_requests"][lang], html=str(link))


@router.get("/dose-requests")
def list_page(request: Request, principal: Principal = Depends(web._user)) -> HTMLResponse:
    with request.app.state.database.transaction() as session:
        mine = repo.list_my_requests(session, viewer_id=principal.user_id, actor=principal.name)
        try:
            pending = repo.list_pending(session, viewer_id=principal.user_id, actor=principal.name)
        except ForbiddenError:
            pending = None
    return _page(request, "dose_requests.html", principal, mine=mine, pending=pending)


def _prefill(request: Request, principal: Principal, encounter_id: str) -> dict[str, str]:
    with request.app.state.database.transaction() as session:
        enc = clinical.get_encounter(session, encounter_id, actor=principal.name)
    intake = enc["assessments"][-1]["intake"] if enc["assessments"] else {}
    return {k: str(intake[k]) for k in ("age_years", "sex", "weight_kg") if intake.get(k) is not None}


@router.get("/dose-requests/new")
def new_page(
    request: Request, patient_id: str = "", encounter_id: str = "", principal: Principal = Depends(web._user)
) -> HTMLResponse:
    form = {"patient_id": patient_id, "encounter_id": encounter_id}
    if encounter_id:
        form.update(_prefill(request, principal, encounter_id))
    with request.app.state.database.transaction() as session:
        sites = list_sites(session)
    return _page(request, "dose_requests_new.html", principal, form=form, sites=sites)


def _split(text: str) -> list[str]:
    return [x.strip() for x in text.replace("，", ",").split(",") if x.strip()]


def _number(form: dict[str, str], name: str) -> float | str | None:
    value = form.get(name, "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return value  # parsed below, which names the field


def _proposal(form: dict[str, str]) -> repo.DoseProposal:
    from fenzhen.service.api_dose_requests import DoseOrderIn

    facts: dict[str, Any] = {
        "age_years": _number(form, "age_years"),
        "weight_kg": _number(form, "weight_kg"),
        "height_cm": _number(form, "height_cm"),
        "sex": form.get("sex") or None,
        "pregnant": form.get("pregnant") == "on",
        "allergies": _split(form.get("allergies", "")),
        "current_medications": _split(form.get("current_medications", "")),
    }
    creatinine = _number(form, "creatinine")
    if isinstance(creatinine, float):
        facts["creatinine_umol_l"] = creatinine_to_umol_l(creatinine, form.get("creatinine_unit", "umol/L"))
    elif creatinine is not None:
        raise InputError.for_field("creatinine", creatinine, "is not a number")
    order = {k: form.get(k) or None for k in ("drug", "dose", "frequency", "indication", "form", "route")}
    current = None
    try:
        new_order = DoseOrderIn.model_validate(order).to_order()
        if form.get("current_dose"):
            frequency = form.get("current_frequency") or order["frequency"]
            current = DoseOrderIn.model_validate(
                {"drug": order["drug"], "dose": form["current_dose"], "frequency": frequency}
            ).to_order()
    except ValueError:
        missing = next((k for k in ("drug", "dose", "frequency") if not order[k]), "frequency")
        raise InputError.for_field(f"order.{missing}", None, "is required or not valid") from None
    return repo.DoseProposal(
        patient_id=form.get("patient_id", ""),
        encounter_id=form.get("encounter_id") or None,
        supervising_site=form.get("supervising_site") or None,
        order=new_order,
        current_order=current,
        patient=parse_patient({k: v for k, v in facts.items() if v is not None}),
        measured_at=form.get("measured_at") or None,
        reason=form.get("reason", ""),
    )


@router.post("/dose-requests/new")
async def new_submit(request: Request, principal: Principal = Depends(web._user)) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    if principal.role not in PERMISSIONS["propose_dose"]:
        raise ForbiddenError("only a nurse or doctor may propose a dose change")
    try:
        proposal = _proposal(form)
        with request.app.state.database.transaction() as session:
            row = repo.propose_dose_change(
                session, proposal, actor_id=principal.user_id, actor=principal.name
            )
    except (FenzhenError, ValueError) as exc:
        with request.app.state.database.transaction() as session:
            sites = list_sites(session)
        message = exc.message if isinstance(exc, FenzhenError) else "a field is not valid"
        return _page(
            request, "dose_requests_new.html", principal, status=422, form=form, sites=sites, error=message
        )
    return RedirectResponse(f"/dose-requests/{row.id}", status_code=303)


@router.get("/dose-requests/{request_id}")
def detail_page(request: Request, request_id: str, principal: Principal = Depends(web._user)) -> HTMLResponse:
    with request.app.state.database.transaction() as session:
        detail = repo.get_dose_request(session, request_id, viewer_id=principal.user_id, actor=principal.name)
    return _page(request, "dose_requests_detail.html", principal, r=detail)


@router.post("/dose-requests/{request_id}/decide")
async def decide_submit(
    request: Request, request_id: str, principal: Principal = Depends(web._user)
) -> Response:
    from fenzhen.service.api_dose_requests import DoseOrderIn

    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, form.get("csrf"))
    if principal.role not in PERMISSIONS["decide_dose"]:
        raise ForbiddenError("only a doctor with prescribing rights may decide")
    try:
        with request.app.state.database.transaction() as session:
            detail = repo.get_dose_request(
                session, request_id, viewer_id=principal.user_id, actor=principal.name
            )
            order = None
            if form.get("decision") == "modify" and form.get("dose"):
                base = detail["order"]
                order = DoseOrderIn.model_validate(
                    {**base, "dose": form["dose"], "frequency": form.get("frequency") or base["frequency"]}
                ).to_order()
            decision = repo.DoseDecision(
                decision=form.get("decision", ""),
                reason=form.get("reason") or None,
                order=order,
                acknowledge_critical=form.get("acknowledge_critical") == "on",
            )
            repo.decide_dose_request(
                session, request_id, decision, actor_id=principal.user_id, actor=principal.name
            )
    except InputError as exc:
        with request.app.state.database.transaction() as session:
            detail = repo.get_dose_request(
                session, request_id, viewer_id=principal.user_id, actor=principal.name
            )
        return _page(request, "dose_requests_detail.html", principal, status=422, r=detail, error=exc.message)
    return RedirectResponse(f"/dose-requests/{quote(request_id)}", status_code=303)


web._templates.env.globals["dose_nav"] = dose_nav
register_panel("dose_request", _encounter_panel)
