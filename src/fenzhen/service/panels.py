"""Slots where later features plug into the encounter page without editing its template.

`ENCOUNTER_PANELS` maps a slot name to a function that takes the encounter (the dict from
`fenzhen.store.clinical.get_encounter`) and the language, and returns a `Panel` or `None`.
The encounter page renders every registered panel, in order, under its own heading. The slots
reserved today, each to be filled by its own package on import:

- ``routing``: department and care level (village / township / county) for the latest assessment;
- ``dosing``: weight/age-based dose checks for the medicines in the intake;
- ``export``: a link to the de-identified export of this encounter (an audited ``export`` event);
- ``fhir``: a link to the FHIR R4 resources of this encounter.

Templates also expose ``{% block extra_panels %}`` in ``encounter.html`` for panels that need
their own markup. Panel HTML must be escaped by the provider (`markupsafe.escape`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ENCOUNTER_PANELS", "RESERVED_SLOTS", "Panel", "register_panel", "render_panels"]

RESERVED_SLOTS: tuple[str, ...] = ("routing", "dosing", "export", "fhir")


@dataclass(frozen=True)
class Panel:
    """One extra panel: a heading and already-escaped HTML."""

    title: str
    html: str


PanelProvider = Callable[[dict[str, Any], str], Panel | None]
ENCOUNTER_PANELS: dict[str, PanelProvider] = {}


def register_panel(slot: str, provider: PanelProvider) -> None:
    """Fill slot `slot` (one of `RESERVED_SLOTS` or a new name) with `provider`."""
    ENCOUNTER_PANELS[slot] = provider


def render_panels(encounter: dict[str, Any], lang: str) -> list[Panel]:
    """Return the panels every registered provider gives for this encounter."""
    panels = []
    for provider in ENCOUNTER_PANELS.values():
        panel = provider(encounter, lang)
        if panel is not None:
            panels.append(panel)
    return panels
