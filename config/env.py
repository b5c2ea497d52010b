"""Every environment variable the platform reads, declared once with its type and default.

Settings modules read configuration only through :func:`get_env`, so a deployment can see in one
place what it may set. Variables are prefixed ``OMVARLD_`` except ``DATABASE_URL``, which
follows the widespread convention.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(BaseSettings):
    """The typed environment schema of Omvärld."""

    model_config = SettingsConfigDict(env_prefix="OMVARLD_", extra="ignore")

    secret_key: SecretStr | None = Field(
        default=None, description="Django's SECRET_KEY; required in production."
    )
    debug: bool = Field(default=False, description="Django's DEBUG; only for development.")
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost"],
        description="Comma-separated host names the site answers to.",
    )
    csrf_trusted_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins, e.g. https://omvarld.example.se.",
    )
    database_url: str = Field(
        default=f"sqlite:///{BASE_DIR / 'var' / 'omvarld.sqlite3'}",
        validation_alias=AliasChoices("DATABASE_URL", "OMVARLD_DATABASE_URL"),
        description="sqlite:///path or postgres://user:password@host:port/name.",
    )
    media_root: Path = Field(
        default=BASE_DIR / "var" / "media", description="Where uploaded originals are kept."
    )
    static_root: Path = Field(
        default=BASE_DIR / "var" / "static", description="Where collectstatic puts files."
    )
    site_url: str = Field(
        default="http://127.0.0.1:8000", description="Public address, used in e-mailed links."
    )
    organisation_file: Path = Field(
        default=BASE_DIR / "src" / "omvarld" / "organisation" / "data" / "norrkoping.yaml",
        description="The data file of the default organisation (municipality, bodies, offices).",
    )
    email_host: str = Field(
        default="", description="SMTP host; empty prints e-mail to the console."
    )
    email_port: int = Field(default=587, description="SMTP port.")
    email_host_user: str = Field(default="", description="SMTP user.")
    email_host_password: SecretStr = Field(default=SecretStr(""), description="SMTP password.")
    email_use_tls: bool = Field(default=True, description="STARTTLS for SMTP.")
    default_from_email: str = Field(
        default="omvarld@localhost", description="Sender address of the platform's e-mail."
    )
    secure_ssl_redirect: bool = Field(
        default=True, description="Production: redirect HTTP to HTTPS (off behind a TLS proxy)."
    )
    hsts_seconds: int = Field(default=31536000, description="Production: HSTS max-age.")
    worker_heartbeat_max_age: int = Field(
        default=90, description="Seconds after which a silent task worker counts as down."
    )
    login_failure_limit: int = Field(
        default=5, description="Failed logins before the account is locked for a while."
    )
    login_cooloff_minutes: int = Field(default=15, description="How long a lockout lasts.")
    exchange_report_due_days: int = Field(
        default=14,
        ge=0,
        description="Days after the return from a trip by which its trip report is due.",
    )
    map_tile_url: str = Field(
        default="",
        description="Optional map tiles under the partner map, e.g. "
        "https://tiles.example.se/{z}/{x}/{y}.png (Web Mercator XYZ); empty draws outlines only.",
    )
    map_tile_attribution: str = Field(
        default="", description="The credit line the tile service asks for, shown under the map."
    )

    @field_validator("map_tile_url")
    @classmethod
    def _tile_template(cls, value: str) -> str:
        if value and not (
            value.startswith("https://") and all(p in value for p in ("{z}", "{x}", "{y}"))
        ):
            raise ValueError("an https:// address with {z}, {x} and {y}")
        return value

    trusted_proxy_count: int = Field(
        default=0,
        ge=0,
        description="Reverse proxies in front of the site that append the client's address to "
        "X-Forwarded-For (1 behind one TLS proxy); 0 ignores the header.",
    )

    @field_validator("allowed_hosts", "csrf_trusted_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache(maxsize=1)
def get_env() -> Env:
    """The environment, read once per process."""
    return Env()
