"""Web UI of the LLM features: the encounter-page panel and one page per feature.

The panel (slot ``llm`` of `fenzhen.service.panels`) links to plain GET pages, so it works
without JavaScript and needs no CSRF token (the pages change nothing; each is an audited read,
like the encounter page itself). The pages show the model's words beside the rules' levels, always
marked advisory; the draft note comes in editable fields for the clinician to correct and copy.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import escape

from fenzhen.errors import ForbiddenError
from fenzhen.service import web
from fenzhen.service.auth import PERMISSIONS
from fenzhen.service.i18n import STRINGS, translator
from fenzhen.service.llm_runtime import LlmRuntime, read_case
from fenzhen.service.panels import Panel, register_panel
from fenzhen.store.accounts import Principal

__all__ = ["LLM_STRINGS", "install", "llm_panel", "router"]

router = APIRouter(include_in_schema=False)

LLM_STRINGS: dict[str, dict[str, str]] = {
    "llm_panel": {"zh": "大模型辅助（仅供参考）", "en": "Language model assistance (advisory)"},
    "llm_second_opinion": {"zh": "大模型第二意见", "en": "LLM second opinion"},
    "llm_explain_zh": {"zh": "向患者解释（中文）", "en": "Explain to patient (Chinese)"},
    "llm_explain_en": {"zh": "向患者解释（英文）", "en": "Explain to patient (English)"},
    "llm_note": {"zh": "病历草稿", "en": "Draft note"},
    "llm_explanation": {"zh": "患者及家属说明", "en": "Explanation for patient and family"},
    "llm_model": {"zh": "模型", "en": "Model"},
    "llm_none": {
        "zh": "未配置大模型：以下内容来自规则和模板。",
        "en": "No language model configured: these come from the rules and templates.",
    },
    "llm_advisory": {
        "zh": "仅供参考：已保存的分诊级别不变，由临床医护人员决定（如需更改请复核并改判）。",
        "en": "Advisory only: the stored triage level is unchanged; a clinician decides "
        "(to change it, review and override).",
    },
    "llm_audit_hint": {"zh": "每次使用均记入审计日志", "en": "Every use is recorded in the audit trail"},
    "llm_doctor_only": {"zh": "（医生）", "en": "(doctors)"},
    "llm_rules": {"zh": "规则与模型", "en": "Rules and model"},
    "llm_llm": {"zh": "大模型意见", "en": "LLM opinion"},
    "llm_combined": {"zh": "合并后（只升不降）", "en": "Combined (raise only)"},
    "llm_reasoning": {"zh": "模型理由", "en": "Model's reasoning"},
    "llm_thinking": {"zh": "推理过程", "en": "Model's thinking"},
    "llm_concerns": {"zh": "关注点", "en": "Concerns"},
    "llm_injection": {
        "zh": "主诉中含有针对模型的指令，模型意见未被采用",
        "en": "The complaint addresses the model: its opinion was not applied",
    },
    "llm_note_hint": {
        "zh": "草稿：请逐行核对修改后再写入病历（此处不保存）。",
        "en": "Draft: check and edit every line before it goes into the record (not saved here).",
    },
    "chief_complaint": {"zh": "主诉", "en": "Chief complaint"},
    "llm_history": {"zh": "现病史", "en": "History"},
    "llm_vitals": {"zh": "生命体征", "en": "Vital signs"},
    "llm_assessment": {"zh": "分诊评估", "en": "Assessment"},
    "back_to_encounter": {"zh": "返回就诊记录", "en": "Back to the encounter"},
}
STRINGS.update(LLM_STRINGS)


def _button(href: str, label: str, element_id: str) -> str:
    return f'<a class="button" id="{element_id}" href="{escape(href)}">{escape(label)}</a>'


def llm_panel(runtime: LlmRuntime, encounter: dict[str, Any], lang: str) -> Panel | None:
    """Buttons for the second opinion, the explanations (zh, en) and a draft note of the latest triage."""
    if not encounter.get("assessments"):
        return None
    t = translator(lang)
    base = f"/assessments/{encounter['assessments'][-1]['id']}/llm"
    status = (
        escape(t("llm_none"))
        if not runtime.configured or runtime.config is None
        else f"{escape(t('llm_model'))}: {escape(runtime.config.model or runtime.config.kind)}"
    )
    html = (
        f'<p class="hint" id="llm-status">{status}</p><p>'
        + _button(f"{base}/second-opinion", t("llm_second_opinion"), "llm-second-opinion")
        + f' <small class="hint">{escape(t("llm_doctor_only"))}</small> '
        + _button(f"{base}/explanation?language=zh", t("llm_explain_zh"), "llm-explain-zh")
        + " "
        + _button(f"{base}/explanation?language=en", t("llm_explain_en"), "llm-explain-en")
        + " "
        + _button(f"{base}/note?language={lang}", t("llm_note"), "llm-note")
        + f'</p><p class="hint">{escape(t("llm_advisory"))} {escape(t("llm_audit_hint"))}</p>'
    )
    return Panel(title=t("llm_panel"), html=html)


def _runtime(request: Request) -> LlmRuntime:
    return request.app.state.llm  # type: ignore[no-any-return]


@router.get("/assessments/{assessment_id}/llm/second-opinion")
def second_opinion_page(
    request: Request,
    assessment_id: str,
    principal: Principal = Depends(web._user),  # noqa: B008
) -> HTMLResponse:
    if principal.role not in PERMISSIONS["review"]:
        raise ForbiddenError("only a doctor may ask for the model's second opinion on a level")
    case = read_case(request.app.state.database, assessment_id, actor=principal.name, purpose="llm_second_opinion")
    opinion = _runtime(request).second_opinion(case)
    return web._page(request, "llm.html", principal, feature="second_opinion", case=case, opinion=opinion)


@router.get("/assessments/{assessment_id}/llm/explanation")
def explanation_page(
    request: Request,
    assessment_id: str,
    language: Literal["zh", "en"] = Query("zh"),
    principal: Principal = Depends(web._user),  # noqa: B008
) -> HTMLResponse:
    case = read_case(request.app.state.database, assessment_id, actor=principal.name, purpose="llm_explanation")
    explanation = _runtime(request).explain(case, language)
    return web._page(request, "llm.html", principal, feature="explanation", case=case, explanation=explanation)


@router.get("/assessments/{assessment_id}/llm/note")
def note_page(
    request: Request,
    assessment_id: str,
    language: Literal["zh", "en"] = Query("zh"),
    principal: Principal = Depends(web._user),  # noqa: B008
) -> HTMLResponse:
    case = read_case(request.app.state.database, assessment_id, actor=principal.name, purpose="llm_note_draft")
    note = _runtime(request).draft_note(case, language)
    return web._page(request, "llm.html", principal, feature="note", case=case, note=note)


def install(app: FastAPI) -> None:
    """Add the LLM pages and fill the ``llm`` panel slot with this app's model."""
    app.include_router(router)
    register_panel("llm", partial(llm_panel, app.state.llm))
