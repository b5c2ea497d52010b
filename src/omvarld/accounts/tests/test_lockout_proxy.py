"""The lockout counts failed logins per user name and *client* address. Behind the TLS proxy
that the README asks for, every request comes from the proxy's address; the client's is the one
the trusted proxy appends to X-Forwarded-For (issue 9, item 7)."""

from __future__ import annotations

import pytest

from omvarld.accounts.constants import Role

pytestmark = pytest.mark.django_db
PASSWORD = "ett långt testlösenord"
PROXY = "10.0.0.2"
ATTACKER = "198.51.100.7"
COLLEAGUE = "203.0.113.9"


def login(client, password: str, *, forwarded: str | None) -> int:
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    response = client.post("/konto/logga-in/", {"username": "anna", "password": password}, **extra)
    return response.status_code


def test_behind_one_proxy_failures_from_one_client_do_not_lock_out_another(
    client, make_user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user(Role.READER, username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert login(client, "fel", forwarded=ATTACKER) != 302
    assert login(client, PASSWORD, forwarded=ATTACKER) == 429
    assert login(client, PASSWORD, forwarded=COLLEAGUE) == 302


def test_behind_one_proxy_an_address_the_client_put_in_the_header_is_ignored(
    client, make_user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user(Role.READER, username="anna")
    # The attacker claims a new address each time; the proxy appends the real one last.
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "fel", forwarded=f"192.0.2.{n}, {ATTACKER}")
    assert login(client, PASSWORD, forwarded=f"192.0.2.99, {ATTACKER}") == 429


def test_without_a_trusted_proxy_the_header_is_ignored(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    make_user(Role.READER, username="anna")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "fel", forwarded=f"192.0.2.{n}")
    # The request comes straight from PROXY's address; a forged header changes nothing.
    assert login(client, PASSWORD, forwarded=COLLEAGUE) == 429


def test_a_malformed_header_falls_back_to_the_connection_address(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    make_user(Role.READER, username="anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "fel", forwarded="not an address")
    assert login(client, PASSWORD, forwarded=None) == 429
