"""Web UI of the tools: the dose calculator page and the encounter-page panels (routing, export, FHIR).

The dose calculator is a plain form posted back to the server, so it works without JavaScript;
the intake page's department and care level come from ``POST /api/v1/care`` (static/app.js).
Encounter panels fill the reserved slots of `fenzhen.service.panels`; the routing panel uses the
facility of the app that installed it last (one facility per process, as `fenzhen serve` runs).
Strings are added to the one i18n table (`fenzhen.service.i18n.STRINGS`) in both languages.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from fenzhen import Intake
from fenzhen.domain import Assessment
from fenzhen.dosing import calculate_dose, formulary
from fenzhen.errors import FenzhenError
from fenzhen.service import web
from fenzhen.service.auth import check_csrf
from fenzhen.service.i18n import STRINGS, translator
from fenzhen.service.panels import Panel, register_panel
from fenzhen.service.tools_care import load_facility, route_and_care
from fenzhen.service.tools_models import DoseIn
from fenzhen.store.accounts import Principal

__all__ = ["TOOLS_STRINGS", "install", "router"]

router = APIRouter(include_in_schema=False)

TOOLS_STRINGS: dict[str, dict[str, str]] = {
    "dose_calculator": {"zh": "剂量计算", "en": "Dose calculator"},
    "drug": {"zh": "药品", "en": "Drug"},
    "indication": {"zh": "适应证", "en": "Indication"},
    "form": {"zh": "剂型", "en": "Form"},
    "calculate": {"zh": "计算剂量", "en": "Calculate"},
    "dose": {"zh": "每次剂量", "en": "Dose"},
    "volume": {"zh": "量取", "en": "Measure"},
    "frequency": {"zh": "频次", "en": "Frequency"},
    "caps": {"zh": "上限", "en": "Maximum"},
    "max_single": {"zh": "单次最大量", "en": "Max single dose"},
    "max_daily": {"zh": "每日最大量", "en": "Max daily dose"},
    "dose_warnings": {"zh": "提示与警告", "en": "Warnings"},
    "sources": {"zh": "依据来源", "en": "Sources"},
    "avoid": {"zh": "避免使用", "en": "Avoid"},
    "weight_estimated": {"zh": "体重为估计值", "en": "Weight ESTIMATED"},
    "creatinine_umol_l": {"zh": "肌酐（µmol/L）", "en": "Creatinine (µmol/L)"},
    "suggested_department": {"zh": "建议科室", "en": "Suggested department"},
    "alternatives": {"zh": "其他可能", "en": "Alternatives"},
    "because": {"zh": "依据词", "en": "Because of"},
    "care_level": {"zh": "建议就诊层级", "en": "Care level"},
    "routing_panel": {"zh": "导诊与分级诊疗", "en": "Department and care level"},
    "export_panel": {"zh": "导出", "en": "Export"},
    "deid_export": {"zh": "去标识化导出（JSON）", "en": "De-identified export (JSON)"},
    "fhir_bundle": {"zh": "FHIR R4 Bundle", "en": "FHIR R4 Bundle"},
    "export_hint": {"zh": "每次导出都记入审计日志", "en": "Every export is recorded in the audit trail"},
    "care_self_care": {"zh": "居家自我护理", "en": "Self-care with advice"},
    "care_village_clinic": {"zh": "村卫生室", "en": "Village clinic"},
    "care_township_centre": {"zh": "乡镇卫生院", "en": "Township health centre"},
    "care_county_hospital": {"zh": "县医院", "en": "County hospital"},
    "care_emergency_transfer": {"zh": "急诊转运（拨打120）", "en": "Emergency transfer (call 120)"},
}
STRINGS.update(TOOLS_STRINGS)


def _choices() -> dict[str, list[tuple[str, str]]]:
    drugs = formulary().drugs
    return {
        "drugs": [(k, f"{d.name_zh} {d.name_en}") for k, d in drugs.items()],
        "indications": sorted({(i, i) for d in drugs.values() for i in d.indications}),
        "forms": [(f.id, f"{k}: {f.label_zh} {f.label_en}") for k, d in drugs.items() for f in d.forms],
    }


def _dose_form(raw: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("drug", "indication", "form"):
        if raw.get(name, "").strip():
            data[name] = raw[name].strip()
    for name in ("age_years", "weight_kg", "creatinine_umol_l"):
        value = raw.get(name, "").strip()
        if value:
            try:
                data[name] = float(value)
            except ValueError:
                data[name] = value  # DoseIn names the field
    if raw.get("sex") in ("female", "male"):
        data["sex"] = raw["sex"]
    return data


@router.get("/tools/dose")
def dose_page(request: Request, principal: Principal = Depends(web._user)) -> HTMLResponse:  # noqa: B008
    return web._page(request, "tools_dose.html", principal, form={}, result=None, choices=_choices())


@router.post("/tools/dose")
async def dose_submit(request: Request, principal: Principal = Depends(web._user)) -> HTMLResponse:  # noqa: B008
    raw = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(principal, raw.get("csrf"))
    try:
        body = DoseIn.model_validate(_dose_form(raw))
        result = calculate_dose(body.drug, body.indication, **body.model_dump(exclude={"drug", "indication"}))
    except FenzhenError as exc:
        return web._page(
            request,
            "tools_dose.html",
            principal,
            status=422,
            form=raw,
            result=None,
            choices=_choices(),
            error=exc.message,
        )
    except ValueError as exc:  # pydantic: name the first field, never echo the value
        first = exc.errors()[0] if hasattr(exc, "errors") else {"loc": ("input",), "msg": "is invalid"}
        where = ".".join(str(p) for p in first["loc"])
        return web._page(
            request,
            "tools_dose.html",
            principal,
            status=422,
            form=raw,
            result=None,
            choices=_choices(),
            error=f"{where}: {str(first['msg']).lower()}",
        )
    return web._page(request, "tools_dose.html", principal, form=raw, result=result, choices=_choices())


def _badge(care: str, t: Any) -> str:
    return f'<span class="badge care-{escape(care)}" id="panel-care">{escape(t("care_" + care))}</span>'


def routing_panel(facility_setting: str, encounter: dict[str, Any], lang: str) -> Panel | None:
    """Department (with alternatives) and care level of the encounter's latest assessment."""
    if not encounter.get("assessments"):
        return None
    latest = encounter["assessments"][-1]
    intake = Intake.model_validate(latest["intake"])
    advice = route_and_care(
        intake, Assessment.model_validate(latest["assessment"]), load_facility(facility_setting)
    )
    t, r, c = translator(lang), advice.route, advice.care
    zh = lang == "zh"
    sub = f" / {escape(r.subdepartment)}" if r.subdepartment and r.subdepartment != r.department else ""
    alts = "、".join(f"{escape(a.department_display)} {a.probability:.0%}" for a in r.alternatives)
    rules = "".join(f"<li>{escape(rule)}</li>" for rule in r.rules_applied)
    html = (
        f'<p><strong>{escape(t("suggested_department"))}:</strong> <span id="panel-department">'
        f"{escape(r.department_display)}{sub}</span> ({r.probability:.0%})</p>"
        f"<p>{escape(t('alternatives'))}: {alts or '—'}</p>"
        f"<p class=hint>{escape(t('because'))}: {escape('、'.join(r.drivers) or '—')}</p>"
        f"{f'<ul class=hint>{rules}</ul>' if rules else ''}"
        f"<p><strong>{escape(t('care_level'))}:</strong> {_badge(c.care, t)} "
        f"<span id=panel-care-reason>{escape(c.reason_zh if zh else c.reason_en)}</span></p>"
        f"<p class=hint>{escape(advice.facility_name_zh if zh else advice.facility_name_en)} · "
        f"{escape(r.disclaimer)}</p>"
    )
    return Panel(title=t("routing_panel"), html=str(Markup(html)))


def export_panel(encounter: dict[str, Any], lang: str) -> Panel:
    """Links to the de-identified export and the FHIR Bundle (each an audited export)."""
    t = translator(lang)
    base = f"/api/v1/encounters/{escape(encounter['id'])}/export"
    html = (
        f'<p><a id="export-deid" href="{base}">{escape(t("deid_export"))}</a> · '
        f'<a id="export-fhir" href="{base}?format=fhir">{escape(t("fhir_bundle"))}</a></p>'
        f'<p class="hint">{escape(t("export_hint"))}</p>'
    )
    return Panel(title=t("export_panel"), html=html)


def install(app: FastAPI) -> None:
    """Add the dose page and fill the routing and export panel slots."""
    app.include_router(router)
    register_panel("routing", partial(routing_panel, app.state.settings.facility_profile))
    register_panel("export", export_panel)
