"""Browser journeys: Playwright drives Debian's Chromium against the live test server, and every
page visited gets an axe accessibility scan and a check for content-security-policy violations."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
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

# What axe's rules can see of a page, without the data: every element with its attributes and
# whether it holds text, numbers and per-response tokens (CSRF, CSP nonce) left out, and the
# width of the window. Two pages with the same shape get the same axe results, so each shape is
# scanned once per test process; a page that differs in any element, attribute, class or empty
# text (an error message, another role's menu, one more row) is scanned again.
PAGE_SHAPE = """() => {
  const parts = [String(window.innerWidth)];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.textContent.trim()) parts.push('#');
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const attributes = [];
      for (const attribute of child.attributes) {
        if (attribute.name === 'nonce') continue;
        const value = child.type === 'hidden' && attribute.name === 'value' ? '' : attribute.value;
        const shape = value.replace(/[A-Za-z0-9_-]{24,}/g, 'token').replace(/[0-9]+/g, '0');
        attributes.push(attribute.name + '=' + shape);
      }
      parts.push('<' + child.tagName + ' ' + attributes.sort().join(' '));
      walk(child);
      parts.push('>');
    }
  };
  walk(document);
  return parts.join('');
}"""
SCANNED_SHAPES: set[str] = set()


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
        """Fail on any CSP report, and on any axe violation of the page's shape when it is the
        first page of that shape in this process."""
        self.settle()
        url = self.page.url
        shape = hashlib.sha256(self.page.evaluate(PAGE_SHAPE).encode()).hexdigest()
        if shape not in SCANNED_SHAPES:
            results = Axe().run(self.page)
            assert results.violations_count == 0, f"axe on {url}:\n{results.generate_report()}"
            SCANNED_SHAPES.add(shape)
        assert not self.csp_violations, f"CSP violations on {url}: {self.csp_violations}"


@pytest.fixture
def visit(browser: Browser, live_server) -> Iterator[Visit]:
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Visit(page, live_server.url)
    context.close()


def sign_in(visit: Visit, username: str) -> None:
    """Sign the tab in as ``username`` with a session made on the server, as Django's test client
    does, and open the start page, where the login form leads. For journeys about something else
    than logging in; ``log_in`` goes through the form."""
    client = Client()
    client.force_login(
        get_user_model().objects.get(username=username),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    visit.page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": visit.base_url}]
    )
    visit.go("/")


def log_in(visit: Visit, username: str, password: str = PASSWORD) -> None:
    page = visit.go("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord", exact=False).fill(password)
    page.get_by_role("button", name="Logga in").click()
    visit.settle()
