"""Browser journeys: Playwright drives Debian's Chromium against the live test server, and every
page visited gets an axe accessibility scan and a check for content-security-policy violations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make to set up
# data are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "ett långt testlösenord"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (sudo apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser tab that scans every page it settles on."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.csp_violations: list[str] = []
        self.scanned: list[str] = []
        self.pending: set[object] = set()
        page.on("console", self._console)
        page.on("request", lambda request: self.pending.add(request))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def _console(self, message: object) -> None:
        text = getattr(message, "text", "")
        if "Content Security Policy" in text or "Refused to" in text:
            self.csp_violations.append(text)

    def go(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def settle(self, quiet_ms: int = 100) -> None:
        """Wait until the page has loaded and no request (a navigation, an HTMX swap) has been
        pending for ``quiet_ms``. Playwright's "networkidle" waits a fixed 500 ms of silence,
        which cost the browser journeys a minute on every run; this waits only as long as the
        requests the tab itself started."""
        self.page.wait_for_load_state("load")
        quiet = 0
        while quiet < quiet_ms:
            self.page.wait_for_timeout(25)  # lets Playwright deliver the request events
            quiet = 0 if self.pending else quiet + 25
        self.page.wait_for_load_state("load")

    def check(self) -> None:
        """Axe-scan the current page and fail on any violation or CSP report."""
        self.settle()
        results = Axe().run(self.page)
        url = self.page.url
        assert results.violations_count == 0, f"axe on {url}:\n{results.generate_report()}"
        assert not self.csp_violations, f"CSP violations on {url}: {self.csp_violations}"
        self.scanned.append(url)


@pytest.fixture
def visit(browser: Browser, live_server) -> Iterator[Visit]:
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visit(page, live_server.url)
    context.close()


def log_in(visit: Visit, username: str, password: str = PASSWORD) -> None:
    page = visit.go("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord", exact=False).fill(password)
    page.get_by_role("button", name="Logga in").click()
    visit.settle()
