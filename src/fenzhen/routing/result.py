"""What `route()` returns: a recommendation with its probability, alternatives and reasons."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["Alternative", "RouteResult"]


class Alternative(BaseModel):
    department: str
    department_display: str
    probability: float = Field(ge=0, le=1)


class RouteResult(BaseModel):
    """A suggested department (decision support: staff at the desk decide)."""

    department: str = Field(description="First-level department (one of the 14 catalogue names).")
    department_display: str = Field(description="The clinic's own name for it (after renaming).")
    department_en: str
    subdepartment: str | None = Field(description="Second-level department, when one can be told.")
    subdepartment_probability: float | None = None
    probability: float = Field(ge=0, le=1, description="Calibrated probability of `department`.")
    alternatives: list[Alternative] = Field(description="The next most likely departments (up to 2).")
    top3: list[str] = Field(description="First-level names, best first (the chosen one first).")
    model_department: str = Field(description="What the model alone said, before the rules.")
    drivers: list[str] = Field(description="The words that drove the choice.")
    rules_applied: list[str] = Field(description="Non-negotiable rules that changed or constrained it.")
    triage_acuity: int | None = Field(None, description="5-level acuity used by the emergency rule.")
    disclaimer: str = "Decision support only: staff decide. 仅供导诊参考，由医护人员最终判断。"
