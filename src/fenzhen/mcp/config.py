"""What an MCP server instance is configured with: the service to read stored data from, the
default token, the clinic's pseudonym key and the facility for care advice.

The command line (`fenzhen mcp`) reads flags and the environment (``FENZHEN_TOKEN``,
``FENZHEN_DEID_KEY``) and builds one `McpConfig`; tools read it from the request context with
`config_of`, never from the environment, so a test can run two servers with different settings
in one process. Secrets live here, never in a tool argument's default or description, so they
do not reach an agent's transcript or the tool list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from fenzhen.errors import InputError, PrivacyError

__all__ = ["DEFAULT_SERVICE_URL", "FACILITIES", "McpConfig", "config_of"]

DEFAULT_SERVICE_URL = "http://127.0.0.1:8000"
#: The packaged facility profiles care advice can be given for.
FACILITIES: tuple[str, ...] = ("village", "township", "county")
Facility = Literal["village", "township", "county"]


@dataclass(frozen=True)
class McpConfig:
    """Settings of one MCP server.

    Attributes:
        service_url: base URL of a running `fenzhen serve` (tools for stored data read from it).
        default_token: API token used when a service-backed tool is called without ``token``.
        deid_key: the clinic's pseudonym key (≥ 16 bytes); None disables ``operator=pseudonym``.
        facility: default facility profile for care advice (``village``, ``township``, ``county``).
        service_timeout_s: how long to wait for the service before the tool reports it unreachable.
    """

    service_url: str = DEFAULT_SERVICE_URL
    default_token: str | None = field(default=None, repr=False)
    deid_key: bytes | None = field(default=None, repr=False)
    facility: Facility = "township"
    service_timeout_s: float = 15.0

    def __post_init__(self) -> None:
        url = self.service_url.rstrip("/")
        if not url.startswith(("http://", "https://")) or len(url) > 500:
            raise InputError.for_field("service_url", None, "is not an http(s) URL", "e.g. http://127.0.0.1:8000")
        object.__setattr__(self, "service_url", url)
        if self.facility not in FACILITIES:
            raise InputError.for_field("facility", self.facility, "is not a packaged profile", ", ".join(FACILITIES))
        if self.deid_key is not None:
            from fenzhen.privacy import Pseudonymizer

            try:
                Pseudonymizer(self.deid_key)
            except PrivacyError:
                # Refuse a weak key at start-up rather than on the first pseudonym request.
                raise PrivacyError("the de-identification key must be at least 16 bytes") from None


def config_of(ctx: Any) -> McpConfig:
    """Return the `McpConfig` of the server handling this request (defaults if none was given).

    Args:
        ctx: the FastMCP ``Context`` injected into the tool.
    """
    config = getattr(ctx.fastmcp, "fenzhen_config", None)
    return config if isinstance(config, McpConfig) else McpConfig()
