"""UI strings in Chinese and English, and the choice of language for a request.

Chinese is chosen when the user picked it (cookie ``fz_lang``) or the browser's Accept-Language
prefers ``zh`` over ``en``; otherwise English or the configured default. A meta-test checks
every key exists in both languages.
"""

from __future__ import annotations

__all__ = ["LANG_COOKIE", "STRINGS", "choose_language", "translator"]

LANG_COOKIE = "fz_lang"

STRINGS: dict[str, dict[str, str]] = {
    "app_name": {"zh": "分诊 Fenzhen", "en": "Fenzhen triage"},
    "disclaimer": {
        "zh": "仅供辅助决策，由临床医护人员最终判断。",
        "en": "Decision support only: a clinician decides.",
    },
    "login": {"zh": "登录", "en": "Sign in"},
    "logout": {"zh": "退出", "en": "Sign out"},
    "username": {"zh": "用户名", "en": "User name"},
    "password": {"zh": "密码", "en": "Password"},
    "login_failed": {"zh": "用户名或密码错误", "en": "Wrong user name or password"},
    "worklist": {"zh": "候诊列表", "en": "Worklist"},
    "new_patient": {"zh": "新患者分诊", "en": "Triage a patient"},
    "audit": {"zh": "审计日志", "en": "Audit trail"},
    "patient": {"zh": "患者", "en": "Patient"},
    "patient_name": {"zh": "姓名", "en": "Name"},
    "id_number": {"zh": "身份证号", "en": "ID number"},
    "phone": {"zh": "电话", "en": "Phone"},
    "complaint": {"zh": "主诉", "en": "Chief complaint"},
    "vitals": {"zh": "生命体征", "en": "Vital signs"},
    "age_years": {"zh": "年龄（岁）", "en": "Age (years)"},
    "sex": {"zh": "性别", "en": "Sex"},
    "female": {"zh": "女", "en": "Female"},
    "male": {"zh": "男", "en": "Male"},
    "unknown": {"zh": "未知", "en": "Unknown"},
    "heart_rate_bpm": {"zh": "心率（次/分）", "en": "Heart rate (/min)"},
    "resp_rate_bpm": {"zh": "呼吸（次/分）", "en": "Resp. rate (/min)"},
    "sbp_mmhg": {"zh": "收缩压（mmHg）", "en": "Systolic BP (mmHg)"},
    "dbp_mmhg": {"zh": "舒张压（mmHg）", "en": "Diastolic BP (mmHg)"},
    "temp_c": {"zh": "体温（°C）", "en": "Temperature (°C)"},
    "spo2_pct": {"zh": "血氧饱和度（%）", "en": "SpO₂ (%)"},
    "avpu": {"zh": "意识（AVPU）", "en": "Consciousness (AVPU)"},
    "pain_nrs": {"zh": "疼痛评分（0–10）", "en": "Pain (0–10)"},
    "weight_kg": {"zh": "体重（kg）", "en": "Weight (kg)"},
    "gcs": {"zh": "GCS评分（3–15）", "en": "GCS (3–15)"},
    "glucose_mmol_l": {"zh": "血糖（mmol/L）", "en": "Blood glucose (mmol/L)"},
    "cap_refill_s": {"zh": "毛细血管充盈（秒）", "en": "Capillary refill (s)"},
    "avpu_or_gcs": {"zh": "意识（AVPU或GCS）", "en": "Consciousness (AVPU or GCS)"},
    "on_oxygen": {"zh": "正在吸氧", "en": "On oxygen"},
    "pregnant": {"zh": "妊娠", "en": "Pregnant"},
    "injury": {"zh": "外伤/中毒等外因", "en": "Injury or other external cause"},
    "arrival_mode": {"zh": "来院方式", "en": "Arrival"},
    "yes": {"zh": "是", "en": "Yes"},
    "no": {"zh": "否", "en": "No"},
    "avpu_A": {"zh": "A 清醒", "en": "A alert"},
    "avpu_C": {"zh": "C 新发意识模糊", "en": "C new confusion"},
    "avpu_V": {"zh": "V 对声音有反应", "en": "V responds to voice"},
    "avpu_P": {"zh": "P 对疼痛有反应", "en": "P responds to pain"},
    "avpu_U": {"zh": "U 无反应", "en": "U unresponsive"},
    "arrival_walk_in": {"zh": "步行", "en": "Walk-in"},
    "arrival_ambulance": {"zh": "救护车", "en": "Ambulance"},
    "arrival_private_vehicle": {"zh": "私家车", "en": "Private vehicle"},
    "arrival_transfer": {"zh": "转诊", "en": "Transfer"},
    "arrival_other": {"zh": "其他", "en": "Other"},
    "save_triage": {"zh": "保存并加入候诊", "en": "Save and add to worklist"},
    "live_assessment": {"zh": "实时评估", "en": "Live assessment"},
    "live_hint": {"zh": "输入主诉和体征后自动评估（尚未保存）", "en": "Assessed as you type (not saved yet)"},
    "level": {"zh": "分级", "en": "Level"},
    "china_level": {"zh": "中国四级", "en": "China level"},
    "acuity": {"zh": "五级急迫度", "en": "Acuity (5-level)"},
    "waited": {"zh": "已等待", "en": "Waited"},
    "minutes": {"zh": "分钟", "en": "min"},
    "target": {"zh": "响应时限", "en": "Target"},
    "overdue": {"zh": "已超时", "en": "Overdue"},
    "escalated": {"zh": "已升级提醒：请立即处理或再次评估", "en": "Escalated: see now or re-triage"},
    "overridden": {"zh": "医生已修改", "en": "Overridden"},
    "reviewed": {"zh": "已审核", "en": "Reviewed"},
    "not_reviewed": {"zh": "待审核", "en": "Not reviewed"},
    "open": {"zh": "打开", "en": "Open"},
    "empty_worklist": {"zh": "当前无候诊患者", "en": "No patients waiting"},
    "auto_refresh": {"zh": "自动刷新", "en": "Refreshes automatically"},
    "evidence": {"zh": "依据", "en": "Evidence"},
    "scores": {"zh": "评分", "en": "Scores"},
    "red_flags": {"zh": "危险信号", "en": "Red flags"},
    "history": {"zh": "分诊记录", "en": "Triage history"},
    "missing_vitals": {"zh": "缺少的体征", "en": "Missing vital signs"},
    "assumptions": {"zh": "推定与说明", "en": "Assumptions made"},
    "provisional": {"zh": "暂定分级（体征不全）", "en": "Provisional (vital signs missing)"},
    "warnings": {"zh": "提示", "en": "Warnings"},
    "review": {"zh": "医生审核", "en": "Clinician review"},
    "accept": {"zh": "同意", "en": "Accept"},
    "override": {"zh": "修改", "en": "Override"},
    "department": {"zh": "科室", "en": "Department"},
    "reason": {"zh": "理由（修改时必填）", "en": "Reason (required to override)"},
    "submit_review": {"zh": "提交审核", "en": "Submit review"},
    "retriage": {"zh": "再次分诊", "en": "Re-triage"},
    "mark_seen": {"zh": "已接诊", "en": "Mark seen"},
    "status": {"zh": "状态", "en": "Status"},
    "engine": {"zh": "引擎版本", "en": "Engine version"},
    "verify_chain": {"zh": "校验哈希链", "en": "Verify hash chain"},
    "chain_ok": {"zh": "审计链完整", "en": "Audit chain intact"},
    "chain_broken": {"zh": "审计链被篡改", "en": "Audit chain BROKEN"},
    "actor": {"zh": "操作者", "en": "Actor"},
    "action": {"zh": "操作", "en": "Action"},
    "object": {"zh": "对象", "en": "Object"},
    "time": {"zh": "时间", "en": "Time"},
    "error": {"zh": "错误", "en": "Error"},
    "by": {"zh": "审核人", "en": "By"},
    "decision": {"zh": "决定", "en": "Decision"},
    "language": {"zh": "English", "en": "中文"},
}


def choose_language(cookie: str | None, accept_language: str | None, default: str) -> str:
    """Return ``zh`` or ``en`` from the user's choice, else the browser's preference, else `default`."""
    if cookie in ("zh", "en"):
        return cookie
    best: tuple[float, str] | None = None
    for part in (accept_language or "").split(",")[:20]:
        bits = part.strip().split(";")
        tag = bits[0].strip().lower()
        q = 1.0
        for b in bits[1:]:
            if b.strip().startswith("q="):
                try:
                    q = float(b.strip()[2:])
                except ValueError:
                    q = 0.0
        lang = "zh" if tag.startswith("zh") else "en" if tag.startswith("en") else None
        if lang and (best is None or q > best[0]):
            best = (q, lang)
    return best[1] if best else default


def translator(lang: str):  # type: ignore[no-untyped-def]
    """Return ``t(key)`` for one language; an unknown key shows itself so a gap is visible."""

    def t(key: str) -> str:
        entry = STRINGS.get(key)
        return entry[lang] if entry else key

    return t
