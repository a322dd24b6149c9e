"""MCP tool `deidentify`: clinical text in, de-identified text and where identifiers were out.

The same function as ``POST /api/v1/deid/text`` and ``fenzhen deid text``. The pseudonym operator
needs the clinic's secret key; it comes from the server's configuration (``FENZHEN_DEID_KEY`` or
``fenzhen mcp --deid-key-file``), never from a tool argument, because arguments are written into
the agent's transcript and often sent to a model provider outside the clinic. Spans give the kind
of identifier and its offsets in the text sent, never the original value.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.fastmcp import Context
from pydantic import BaseModel, Field

from fenzhen.errors import PrivacyError
from fenzhen.mcp.config import config_of
from fenzhen.mcp.registry import mcp_tool
from fenzhen.privacy import deidentify

__all__ = ["DeidSpan", "DeidText", "deidentify_tool"]

#: Largest text accepted per call (characters), as for the HTTP route.
MAX_DEID_CHARS = 200_000


class DeidSpan(BaseModel):
    """Where one identifier was: its kind and offsets into the text sent (no value)."""

    type: str = Field(description="NAME, PHONE, ID_NUMBER, ADDRESS, DATE, …")
    start: int
    end: int
    recognizer: str
    score: float
    explanation: str
    replacement: str = Field(description="What now stands in the output text.")


class DeidText(BaseModel):
    """De-identified text. It reduces, but does not remove, the risk of re-identification."""

    text: str
    language: str
    operator: str
    counts: dict[str, int] = Field(description="Spans per identifier type.")
    spans: list[DeidSpan]


@mcp_tool("deidentify")
def deidentify_tool(
    ctx: Context,  # type: ignore[type-arg]
    text: Annotated[
        str, Field(min_length=1, max_length=MAX_DEID_CHARS, description="Chinese, English or mixed clinical text.")
    ],
    operator: Annotated[
        Literal["tag", "mask", "pseudonym"],
        Field(description="tag: [姓名]/[NAME]; mask: ***; pseudonym: the clinic's keyed surrogates, dates shifted."),
    ] = "tag",
    language: Annotated[
        Literal["zh", "en"] | None, Field(description="Language of tags and surrogates; detected when absent.")
    ] = None,
) -> DeidText:
    """De-identify clinical text: names, phones, ID numbers, addresses, dates …; clinical numbers are kept.

    Returns the new text and each replaced span's type and offsets (never the original value).
    ``pseudonym`` uses the key the server was started with; the key is never an argument.
    """
    key = config_of(ctx).deid_key
    if operator == "pseudonym" and key is None:
        raise PrivacyError(
            "operator: pseudonym needs the clinic's key, and this server has none: start it with "
            "FENZHEN_DEID_KEY set or with --deid-key-file (use tag or mask meanwhile)"
        )
    result = deidentify(text, operator, key if operator == "pseudonym" else None, language=language)
    return DeidText.model_validate(result.to_dict())
