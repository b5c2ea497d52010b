"""Development: `make run`. Debug off unless OMVARLD_DEBUG=1 (so a newcomer sees the pages as
production shows them: Swedish error pages, static files through WhiteNoise), e-mail to the
console, a per-checkout secret key."""

from __future__ import annotations

from django.core.management.utils import get_random_secret_key

from config.env import BASE_DIR

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

DEBUG = env.debug


def _dev_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts; never used in production."""
    path = BASE_DIR / "var" / "dev-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key(), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = SECRET_KEY or _dev_secret_key()

# WhiteNoise serves the static files in both modes; with debug on it reads them straight from
# the apps, so a changed file shows at once. With debug off `make run` collects them first.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
