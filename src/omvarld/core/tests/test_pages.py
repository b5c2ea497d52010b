"""The base layout, the start page, the language switch, security headers and the change log."""

from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_start_page_for_visitors_is_swedish_and_explains_the_platform(client):
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html
    assert "ungefär hälften av alla ärenden" in html
    assert 'href="/konto/logga-in/"' in html


def test_start_page_is_the_workspace_of_the_users_body(client_as, organisation):
    from omvarld.organisation.models import Body

    client = client_as(Role.OFFICER, bodies=[Body.objects.get(short_name="UN")])
    html = client.get("/").content.decode()
    assert "Min nämnd: Utbildningsnämnden" in html
    assert "Att göra nu" in html
    # Only modules that exist are in the navigation; officers do not see task or audit pages.
    assert 'href="/bakgrundsjobb/"' not in html
    assert 'href="/kunskapsbank/"' in html


def test_coordinator_navigation_has_tasks_and_audit(client_as):
    html = client_as(Role.COORDINATOR).get("/").content.decode()
    assert 'href="/bakgrundsjobb/"' in html
    assert 'href="/andringslogg/"' in html


def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Svenska" in html


def test_security_headers_and_csp(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(client_as):
    client = client_as(Role.COORDINATOR)
    for url in ("/", "/organisation/", "/kunskapsbank/", "/bakgrundsjobb/", "/konto/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert " style=" not in html, url


def test_change_log_shows_who_changed_what(client_as, make_body):
    body = make_body("UN")
    officer_client = client_as(Role.OFFICER, username="olle", bodies=[body])
    officer_client.post(
        f"/organisation/organ/{body.pk}/andra/",
        {"description": "Ny beskrivning", "contact_email": "un@example.se"},
    )
    officer_client.logout()
    html = client_as(Role.COORDINATOR).get("/andringslogg/").content.decode()
    assert "olle" in html
    assert "beskrivning" in html
    assert "kontaktadress" in html


def test_not_found_page_is_swedish(client_as):
    response = client_as(Role.READER).get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_navigation_marks_only_the_current_section(client_as):
    html = client_as(Role.READER).get("/organisation/").content.decode()
    assert html.count('aria-current="page"') == 1
    assert '<a href="/organisation/" aria-current="page">' in html


def test_change_log_has_constant_queries(client_as, make_body, django_assert_max_num_queries):
    # Routings name themselves by initiative and body: describing them must not load either.
    from omvarld.core.selectors import _audited_models
    from omvarld.eu_monitoring.models import Initiative, Routing

    for i in range(15):
        initiative = Initiative.objects.create(title_sv=f"Initiativ {i}")
        Routing.objects.create(initiative=initiative, body=make_body(f"N{i}"))
    client = client_as(Role.COORDINATOR)
    with django_assert_max_num_queries(2 * len(_audited_models()) + 12):
        html = client.get("/andringslogg/").content.decode()
    assert "Initiativ 14" in html


def test_swedish_whatever_the_browser_says_until_the_user_switches(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="en">' in html


@pytest.mark.parametrize(
    ("role", "sections"),
    [
        (Role.COORDINATOR, {"EU-bevakning", "Kunskapsbank", "Organisation", "Plattformen"}),
        (
            Role.ADMINISTRATOR,
            {
                "Användare och roller",
                "Autentisering och auktorisering",
                "Autentiseringstoken",
                "Kö för bakgrundsjobb",
                "Misslyckade inloggningar och spärrar",
            },
        ),
    ],
)
def test_the_admin_site_is_omvarlds_and_speaks_swedish(client_as, role, sections):
    import re

    html = client_as(role).get("/admin/").content.decode()
    assert "<title>Administration | Omvärld – administration</title>" in html
    assert "Omvärld – administration</a>" in html
    assert "Django" not in re.sub(r"<[^>]+>", "", html)
    captions = set(re.findall(r"<caption>\s*<a[^>]*>(.*?)</a>", html))
    assert sections <= captions
    # The libraries' own English names are gone.
    assert not captions & {
        "Tasks Database Backend",
        "Axes",
        "Auth Token",
        "Authentication and Authorization",
    }


def test_the_start_page_promises_only_what_exists(client):
    """Registers of partners, agreements, projects and trips are being built elsewhere: until
    they exist the start page does not promise them."""
    html = client.get("/").content.decode()
    for word in ("partner", "avtal", "EU-projekt", "reserapport", "evenemang"):
        assert word not in html
    assert "tidsfrister" in html


def test_the_swedish_readme_promises_only_what_exists():
    """EU projects, calls, trip reports and committee plans are being built by other issues:
    until their apps are installed the README's promises do not name them."""
    from django.apps import apps
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    swedish = readme[readme.index("## Svenska") : readme.index("## English")]
    promises = swedish[: swedish.index("Varje nämnd")]
    for app, words in (
        ("omvarld.funding", ("EU-projekt", "utlysningar")),
        ("omvarld.exchange", ("reserapporter", "resor")),
        ("omvarld.plans", ("plan för internationellt arbete", "uppföljningen")),
        ("omvarld.relations", ("partner", "avtal")),
        ("omvarld.population", ("invånarnas",)),
    ):
        if not apps.is_installed(app):
            for word in words:
                assert word not in promises, word
