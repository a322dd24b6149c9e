"""One `Settings` object for the service: every setting has a name, a default, a type and a help text.

Settings are loaded in this order, each layer overriding the one before:

1. the defaults in `SETTINGS`;
2. a TOML file (``--config FILE``, else ``<data_dir>/fenzhen.toml`` when it exists);
3. environment variables ``FENZHEN_<NAME>`` (e.g. ``FENZHEN_PORT=8080``);
4. command-line flags.

Everything is validated at start-up and a bad value fails with the key named, so that a typo in a
config file never silently falls back to a default. Library code never reads the environment: only
the command line (and the uvicorn worker factory, which is part of the command line) calls `load`.

The default data directory is ``./fenzhen-data`` (relative to where the service is started), chosen
over a platform data directory so that a clinic's data sits where the operator can see and back it
up; use ``--data-dir`` or ``FENZHEN_DATA_DIR`` for anything else.

The ``llm_*`` settings describe one optional language model (see `fenzhen.llm`); the default
``llm_kind = "none"`` means no model, and every feature then uses the rules path.
`llm_config` turns them into an `fenzhen.llm.LLMConfig`. The API key is never shown:
`Settings.public` leaves it out and says only whether one is set.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenzhen.errors import InputError

if TYPE_CHECKING:
    from fenzhen.llm.config import LLMConfig

__all__ = ["SETTINGS", "SettingSpec", "Settings", "llm_config", "load_settings", "worker_environment"]

ENV_PREFIX = "FENZHEN_"
CONFIG_FILE_NAME = "fenzhen.toml"
#: Settings whose value is a secret: never printed, logged or returned by `Settings.public`.
SECRET_SETTINGS: frozenset[str] = frozenset({"llm_api_key"})


@dataclass(frozen=True)
class SettingSpec:
    """Documentation and validation of one setting."""

    name: str
    type: type
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()


#: Every setting the service knows; a meta-test checks each has a help text and a `Settings` field.
SETTINGS: dict[str, SettingSpec] = {
    s.name: s
    for s in (
        SettingSpec(
            "data_dir",
            Path,
            Path("fenzhen-data"),
            "Directory for the SQLite database and the config file; created on first start.",
        ),
        SettingSpec(
            "database_url",
            str,
            "",
            "SQLAlchemy URL; empty means sqlite:///<data_dir>/fenzhen.sqlite3. "
            "postgresql://user@host/db uses PostgreSQL through psycopg 3.",
        ),
        SettingSpec("host", str, "127.0.0.1", "Interface to listen on; 127.0.0.1 keeps the service local."),
        SettingSpec("port", int, 8000, "TCP port to listen on.", 1, 65535),
        SettingSpec("workers", int, 1, "uvicorn worker processes (one per core is a good start).", 1, 64),
        SettingSpec(
            "log_level",
            str,
            "info",
            "Log level of the service.",
            choices=("critical", "error", "warning", "info", "debug"),
        ),
        SettingSpec("session_hours", int, 12, "Hours a web login stays valid (one clinic shift).", 1, 168),
        SettingSpec(
            "token_cache_seconds",
            int,
            30,
            "Seconds a verified API token is cached per worker; a revoked token stops working "
            "within this time.",
            0,
            3600,
        ),
        SettingSpec(
            "worklist_refresh_seconds", int, 15, "How often the worklist page refreshes itself.", 2, 600
        ),
        SettingSpec(
            "default_language",
            str,
            "en",
            "UI language when the browser asks for neither Chinese nor English.",
            choices=("zh", "en"),
        ),
        SettingSpec(
            "cookie_secure",
            bool,
            False,
            "Mark the login cookie Secure (set true when served over HTTPS behind a proxy).",
        ),
        SettingSpec(
            "facility_profile",
            str,
            "township",
            "Facility this service runs at, for care-level advice (分级诊疗): village, township, county "
            "or the path of a YAML facility profile (see fenzhen.service.tools_care).",
        ),
        SettingSpec(
            "public_base_url",
            str,
            "",
            "Base URL of the web UI as others reach it (links in CDS Hooks cards); "
            "empty means http://<host>:<port>.",
        ),
        SettingSpec(
            "llm_kind",
            str,
            "none",
            "Optional language model: none (rules only, the default), openai (any OpenAI-compatible "
            "endpoint: vLLM, Ollama, llama.cpp server, SGLang, LM Studio, hosted DeepSeek/Qwen) or "
            "local (a GGUF file run in-process; needs fenzhen[local-llm]).",
            choices=("none", "openai", "local"),
        ),
        SettingSpec(
            "llm_base_url",
            str,
            "",
            "Endpoint root including /v1 for llm_kind openai, e.g. http://127.0.0.1:8080/v1.",
        ),
        SettingSpec(
            "llm_model",
            str,
            "",
            "Model name sent to the endpoint (llm_kind openai), e.g. qwen2.5-7b-instruct; a label for local.",
        ),
        SettingSpec(
            "llm_api_key",
            str,
            "",
            "Bearer key for the endpoint, if it needs one; never printed or logged "
            "(prefer FENZHEN_LLM_API_KEY over the config file).",
        ),
        SettingSpec(
            "llm_local",
            bool,
            False,
            "Whether the llm_kind openai endpoint runs inside the clinic: only then is case text sent "
            "as written; otherwise it is de-identified first or not sent. Always true for llm_kind local.",
        ),
        SettingSpec(
            "llm_model_path",
            str,
            "",
            "The GGUF model file for llm_kind local.",
        ),
        SettingSpec(
            "llm_timeout_s",
            float,
            20.0,
            "Seconds to wait for one model answer before the feature falls back to the rules path.",
            0.5,
            600,
        ),
        SettingSpec(
            "llm_structured_via",
            str,
            "response_format",
            "How structured (JSON) output is requested: response_format (OpenAI json_schema), "
            "json_object (llama-cpp-python's server) or tool (a forced tool call).",
            choices=("response_format", "json_object", "tool"),
        ),
    )
}


@dataclass(frozen=True)
class Settings:
    """The effective, validated settings (see `SETTINGS` for each one's meaning)."""

    data_dir: Path = Path("fenzhen-data")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    log_level: str = "info"
    session_hours: int = 12
    token_cache_seconds: int = 30
    worklist_refresh_seconds: int = 15
    default_language: str = "en"
    cookie_secure: bool = False
    facility_profile: str = "township"
    public_base_url: str = ""
    llm_kind: str = "none"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_local: bool = False
    llm_model_path: str = ""
    llm_timeout_s: float = 20.0
    llm_structured_via: str = "response_format"

    @property
    def effective_database_url(self) -> str:
        """Return the database URL, defaulting to the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'fenzhen.sqlite3').resolve()}"

    def __repr__(self) -> str:
        """Show the settings as `public` does, so a logged or printed object leaks no secret."""
        shown = ", ".join(f"{k}={v!r}" for k, v in self.public().items())
        return f"Settings({shown})"

    def public(self) -> dict[str, Any]:
        """Return the settings as JSON-ready values, with every secret hidden.

        Passwords in URLs become ``***``; secret settings (the LLM API key) are left out and only
        ``<name>_set`` says whether one is configured. Leaving the key out (rather than showing
        ``***``) matters: `fenzhen serve` hands these values to its workers as ``FENZHEN_*``
        variables, and a placeholder there would replace the real key.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in SECRET_SETTINGS:
                out[f"{f.name}_set"] = bool(value)
                continue
            out[f.name] = str(value) if isinstance(value, Path) else value
        out["database_url"] = _hide_password(self.effective_database_url)
        out["llm_base_url"] = _hide_password(self.llm_base_url)
        return out


def _hide_password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in creds else ''}@{host}"


def _coerce(spec: SettingSpec, value: Any, origin: str) -> Any:
    """Convert `value` to the setting's type, raising `InputError` naming the key and where it came from."""
    key = f"{spec.name} ({origin})"
    try:
        if spec.type is bool:
            if isinstance(value, bool):
                result: Any = value
            elif str(value).strip().lower() in ("1", "true", "yes", "on"):
                result = True
            elif str(value).strip().lower() in ("0", "false", "no", "off"):
                result = False
            else:
                raise ValueError
        elif spec.type is int:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            result = int(str(value).strip())
        elif spec.type is float:
            if isinstance(value, bool):
                raise ValueError
            result = float(str(value).strip())
            if result != result:  # NaN passes every range check
                raise ValueError
        elif spec.type is Path:
            if not str(value).strip():
                raise ValueError
            result = Path(str(value))
        else:
            if not isinstance(value, str | int | float):
                raise ValueError
            result = str(value)
    except ValueError:
        shown = "***" if spec.name in SECRET_SETTINGS else value
        raise InputError.for_field(key, shown, f"is not a valid {spec.type.__name__}") from None
    if spec.minimum is not None and spec.maximum is not None and not spec.minimum <= result <= spec.maximum:
        raise InputError.for_field(key, result, "is out of range", f"{spec.minimum:g}–{spec.maximum:g}")
    if spec.choices and result not in spec.choices:
        raise InputError.for_field(key, result, "is not one of the choices", ", ".join(spec.choices))
    return result


def _apply(base: dict[str, Any], layer: Mapping[str, Any], origin: str) -> None:
    for name, value in layer.items():
        spec = SETTINGS.get(name)
        if spec is None:
            raise InputError.for_field(
                f"{name} ({origin})", value, "is not a Fenzhen setting", ", ".join(SETTINGS)
            )
        base[name] = _coerce(spec, value, origin)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError:
        raise InputError.for_field("config", path.name, "cannot be read") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError.for_field("config", path.name, f"is not valid TOML ({exc})") from None
    section = data.get("fenzhen", data)
    if not isinstance(section, dict):
        raise InputError.for_field("config", path.name, "must contain a [fenzhen] table")
    return section


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the effective settings from defaults, a TOML file, the environment and flags.

    Args:
        flags: values given on the command line; `None` entries mean "not given".
        environ: the environment to read ``FENZHEN_*`` variables from (the caller passes
            ``os.environ`` explicitly, so library code stays free of hidden inputs).
        config_file: an explicit TOML file; otherwise ``<data_dir>/fenzhen.toml`` if present.

    Returns:
        The validated `Settings`.

    Raises:
        InputError: naming the key (and the layer it came from) of an unknown or invalid setting.
    """
    given_flags = {k: v for k, v in (flags or {}).items() if v is not None}
    env_layer = {
        k[len(ENV_PREFIX) :].lower(): v
        for k, v in (environ or {}).items()
        if k.startswith(ENV_PREFIX) and k[len(ENV_PREFIX) :].lower() in SETTINGS
    }
    values: dict[str, Any] = {name: spec.default for name, spec in SETTINGS.items()}
    # The data directory decides where the config file is, so resolve it first.
    probe: dict[str, Any] = dict(values)
    _apply(probe, {k: v for k, v in env_layer.items() if k == "data_dir"}, "environment")
    _apply(probe, {k: v for k, v in given_flags.items() if k == "data_dir"}, "flag")
    path = config_file or (probe["data_dir"] / CONFIG_FILE_NAME)
    if config_file is not None or path.is_file():
        _apply(values, _read_file(path), f"file {path.name}")
    _apply(values, env_layer, "environment")
    _apply(values, given_flags, "flag")
    settings = replace(Settings(), **values)
    llm_config(settings)  # an incomplete LLM configuration fails now, naming the setting
    return settings


def llm_config(settings: Settings) -> LLMConfig | None:
    """Build the language-model configuration from the ``llm_*`` settings.

    Args:
        settings: the effective settings.

    Returns:
        The `fenzhen.llm.LLMConfig`, or None when ``llm_kind`` is ``none`` (rules only).

    Raises:
        InputError: naming the ``llm_*`` setting that is missing or invalid (e.g. ``llm_base_url``
            for an openai endpoint without a URL); the API key's value is never shown.
    """
    if settings.llm_kind == "none":
        return None
    from fenzhen.llm.config import LLMConfig

    data: dict[str, object] = {
        "kind": "llama-cpp" if settings.llm_kind == "local" else "openai",
        "base_url": settings.llm_base_url,
        "model": settings.llm_model,
        "api_key": settings.llm_api_key or None,
        # An in-process model never leaves the machine, whatever llm_local says.
        "local": settings.llm_local or settings.llm_kind == "local",
        "model_path": Path(settings.llm_model_path) if settings.llm_model_path else None,
        "timeout_s": settings.llm_timeout_s,
        "structured_via": settings.llm_structured_via,
    }
    try:
        return LLMConfig.parse(data)
    except InputError as exc:
        problem = exc.fields[0] if exc.fields else {}
        key = str(problem.get("field", "llm.kind")).replace("llm.", "llm_", 1)
        value = "***" if key in SECRET_SETTINGS else problem.get("value")
        if key == "llm_base_url" and isinstance(value, str):
            value = _hide_password(value)
        raise InputError.for_field(key, value, str(problem.get("problem", exc.message))) from None


def worker_environment(settings: Settings) -> dict[str, str]:
    """Return the ``FENZHEN_*`` variables that hand `settings` to a worker process, secrets included.

    `Settings.public` hides secrets and so cannot be used for this: a worker given ``***`` as its
    LLM key or database password would fail. These variables go only into the environment of
    the processes `fenzhen serve` starts, never to a log or a page.
    """
    out: dict[str, str] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        out[f"{ENV_PREFIX}{f.name.upper()}"] = str(value.resolve() if isinstance(value, Path) else value)
    out[f"{ENV_PREFIX}DATABASE_URL"] = settings.effective_database_url
    return out


def settings_from_environment() -> Settings:
    """Load settings for a uvicorn worker process, which receives them through ``FENZHEN_*``."""
    return load_settings(environ=os.environ)
