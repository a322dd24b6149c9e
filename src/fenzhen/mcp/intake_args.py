"""The intake's fields as MCP tool parameters, declared once for every tool that takes an intake.

FastMCP builds a tool's input schema from the function's signature, so a tool that takes the
intake's fields must show them as parameters. `takes_intake` gives a ``fn(..., **fields)`` the
signature below (after the function's own parameters without defaults, before those with), so
`assess`, `advise_care` and any later intake tool cannot drift apart from each other or from
`fenzhen.domain.Intake`, which validates the values.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, get_type_hints

from pydantic import Field

__all__ = ["INTAKE_PARAMETERS", "NumberArg", "intake_fields", "takes_intake"]

F = TypeVar("F", bound=Callable[..., Any])

NumberArg = Annotated[float | None, Field(description="None = not measured")]

_KW = inspect.Parameter.KEYWORD_ONLY


def _p(name: str, annotation: Any, *, required: bool = False) -> inspect.Parameter:
    return inspect.Parameter(name, _KW, annotation=annotation, default=inspect.Parameter.empty if required else None)


#: The intake JSON form's fields (the triage core's names, units in the names).
INTAKE_PARAMETERS: tuple[inspect.Parameter, ...] = (
    _p(
        "complaint",
        Annotated[str, Field(description="Free-text chief complaint, Chinese and/or English.")],
        required=True,
    ),
    _p("age_years", Annotated[float | None, Field(description="Age in years; fractional for infants.")]),
    _p("sex", Literal["female", "male"] | None),
    _p("weight_kg", NumberArg),
    _p("pregnant", bool | None),
    _p("heart_rate_bpm", NumberArg),
    _p("resp_rate_bpm", NumberArg),
    _p("sbp_mmhg", NumberArg),
    _p("dbp_mmhg", NumberArg),
    _p("temp_c", NumberArg),
    _p("spo2_pct", NumberArg),
    _p("on_oxygen", bool | None),
    _p("avpu", Literal["A", "C", "V", "P", "U"] | None),
    _p("gcs", Annotated[int | None, Field(description="Glasgow Coma Scale 3–15")]),
    _p("pain_nrs", Annotated[int | None, Field(description="Pain, numeric rating 0–10")]),
    _p("cap_refill_s", NumberArg),
    _p("glucose_mmol_l", NumberArg),
    _p("arrival_mode", Literal["walk_in", "ambulance", "private_vehicle", "transfer", "other"] | None),
    _p("injury", bool | None),
    _p("injury_mechanism", str | None),
)

_NAMES = frozenset(p.name for p in INTAKE_PARAMETERS)


def takes_intake(fn: F) -> F:
    """Give ``fn(own parameters…, **fields)`` the intake's fields as keyword parameters.

    Annotations are resolved here (`typing.get_type_hints`), since the new signature mixes the
    function's own, possibly postponed, annotations with the real types above.
    """
    hints = get_type_hints(fn, include_extras=True)
    sig = inspect.signature(fn)
    own = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in sig.parameters.values()
           if p.kind is not inspect.Parameter.VAR_KEYWORD]
    required = [p for p in own if p.default is inspect.Parameter.empty]
    optional = [p.replace(kind=_KW) for p in own if p.default is not inspect.Parameter.empty]
    fn.__signature__ = sig.replace(  # type: ignore[attr-defined]
        parameters=[*required, *INTAKE_PARAMETERS, *optional],
        return_annotation=hints.get("return", sig.return_annotation),
    )
    return fn


def intake_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The intake fields a tool was given, without the ones left out (None = not measured)."""
    return {k: v for k, v in fields.items() if k in _NAMES and v is not None}
