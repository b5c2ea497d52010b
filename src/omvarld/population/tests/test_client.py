"""The SCB client on the recorded responses: it follows the limits /config publishes, asks for
data with the documented GET form, and retries as the platform's HTTP client does."""

from __future__ import annotations

import itertools

import pytest

from omvarld.core.http_client import Response, SourceHTTPError, TransportTimeoutError

from .fake_scb import scb_client

pytestmark = pytest.mark.shared_data


def _read(recordings, name):
    return (recordings / name).read_text(encoding="utf-8")


def test_config_sets_the_call_pace_and_the_cell_limit(recordings):
    client, fake = scb_client(
        {"/config": _read(recordings, "config.json"), "/tables/TAB6471/metadata": "{}"}
    )
    client.config()
    # Recorded: 3 calls per 1-second window, 150,000 cells per call.
    assert client.http.min_interval == pytest.approx(1 / 3)
    assert client.max_cells == 150_000
    for _ in range(3):
        client.metadata("TAB6471")
    times = [t for t, _ in fake.requests]
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [pytest.approx(1 / 3)] * 3
    # Never more than three calls start within any one-second window.
    assert all(times[i + 3] - times[i] >= 1 - 1e-9 for i in range(len(times) - 3))


def test_data_is_asked_with_value_codes(recordings):
    client, fake = scb_client({"/tables/TAB6471/data": _read(recordings, "TAB6471_data.json")})
    answer = client.data("TAB6471", {"Region": ["0581", "05", "00"], "Tid": ["2026M01"]})
    assert answer.status == 200
    assert answer.payload.startswith("{")
    assert fake.paths() == ["/api/v2/tables/TAB6471/data"]
    assert fake.params(0) == {
        "lang": "sv",
        "outputFormat": "json-stat2",
        "valueCodes[Region]": "0581,05,00",
        "valueCodes[Tid]": "2026M01",
    }
    assert answer.request.startswith("https://statistikdatabasen.scb.se/api/v2/tables/TAB6471/")
    user_agent = fake.requests[0][1].headers["User-Agent"]
    assert user_agent.startswith("Omvarld/")


def test_table_search(recordings):
    client, fake = scb_client({"/tables": _read(recordings, "search.json")})
    answer = client.tables(query="befolkning")
    assert '"TAB6473"' in answer.payload
    assert fake.params(0)["query"] == "befolkning"


def test_retry_after_and_timeouts(recordings):
    client, fake = scb_client({"/config": _read(recordings, "config.json")})
    fake.queue = [
        Response(status=429, body=b"", headers={"Retry-After": "7"}),
        TransportTimeoutError("no answer within 30 s"),
    ]
    client.config()
    assert len(fake.requests) == 3
    assert fake.clock.sleeps[:2] == [7.0, 4.0]  # as told, then the back-off of attempt 1


def test_an_error_status_is_not_retried(recordings):
    client, fake = scb_client({})
    with pytest.raises(SourceHTTPError):
        client.metadata("TAB0")
    assert len(fake.requests) == 1
