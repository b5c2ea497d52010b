"""The HTTP client: retries, back-off, Retry-After, rate limit and timeouts, with a fake transport
and a fake clock (no network, no waiting)."""

from __future__ import annotations

import email.utils

import httpx
import pytest

from omvarld.core.http_client import (
    HttpClient,
    HttpxTransport,
    Request,
    Response,
    SourceHTTPError,
    SourceUnavailableError,
    TransportError,
    TransportTimeoutError,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeTransport:
    """Answers from a script: a Response or an exception per call; records what was asked."""

    def __init__(self, clock: FakeClock, *answers: Response | Exception) -> None:
        self.clock = clock
        self.answers = list(answers)
        self.requests: list[tuple[float, Request, float]] = []

    def __call__(self, request: Request, *, timeout: float) -> Response:
        self.requests.append((self.clock.now, request, timeout))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def ok(body: bytes = b"{}") -> Response:
    return Response(status=200, body=body, headers={"Content-Type": "application/json"})


def client(transport: FakeTransport, clock: FakeClock, **kwargs) -> HttpClient:
    return HttpClient(transport=transport, clock=clock, wall_time=lambda: 0.0, **kwargs)


def test_a_plain_request_names_omvarld_and_passes_the_timeout():
    clock = FakeClock()
    transport = FakeTransport(clock, ok(b'{"a": 1}'))
    response = client(transport, clock, timeout=12.5).get(
        "https://example.eu/api", params={"q": "a b", "page": 0}
    )
    assert response.text == '{"a": 1}'
    _at, request, timeout = transport.requests[0]
    assert request.url == "https://example.eu/api?q=a+b&page=0"
    assert request.headers["User-Agent"].startswith("Omvarld/")
    assert timeout == 12.5
    assert clock.sleeps == []


def test_5xx_and_timeouts_are_retried_with_exponential_back_off():
    clock = FakeClock()
    transport = FakeTransport(
        clock,
        Response(503, b"busy"),
        TransportTimeoutError("no answer"),
        Response(502, b"bad gateway"),
        ok(),
    )
    response = client(transport, clock, backoff=2.0, min_interval=0).get("https://example.eu/x")
    assert response.status == 200
    assert clock.sleeps == [2.0, 4.0, 8.0]
    assert len(transport.requests) == 4


def test_back_off_is_capped():
    clock = FakeClock()
    transport = FakeTransport(clock, *[Response(500, b"")] * 4, ok())
    client(transport, clock, backoff=10.0, max_backoff=25.0, min_interval=0).get("https://e.eu/")
    assert clock.sleeps == [10.0, 20.0, 25.0, 25.0]


def test_retry_after_in_seconds_is_honoured_and_capped():
    clock = FakeClock()
    transport = FakeTransport(
        clock,
        Response(429, b"", headers={"retry-after": "7"}),
        Response(429, b"", headers={"Retry-After": "3600"}),
        ok(),
    )
    client(transport, clock, max_retry_after=120.0, min_interval=0).get("https://e.eu/")
    assert clock.sleeps == [7.0, 120.0]


def test_retry_after_as_an_http_date():
    clock = FakeClock()
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    transport = FakeTransport(clock, Response(503, b"", headers={"Retry-After": date}), ok())
    HttpClient(transport=transport, clock=clock, wall_time=lambda: now, min_interval=0).get(
        "https://e.eu/"
    )
    assert clock.sleeps == [pytest.approx(30.0)]


def test_gives_up_after_the_retries_with_a_plain_message():
    clock = FakeClock()
    transport = FakeTransport(clock, *[TransportError("Name or service not known")] * 3)
    with pytest.raises(SourceUnavailableError) as caught:
        client(transport, clock, retries=2, backoff=1.0, min_interval=0).get("https://e.eu/a")
    assert str(caught.value) == (
        "e.eu could not be reached: could not connect (Name or service not known) after 3 attempts"
    )
    assert clock.sleeps == [1.0, 2.0], "no sleep after the last attempt"


def test_a_client_error_is_not_retried():
    clock = FakeClock()
    transport = FakeTransport(clock, Response(404, b"not found"))
    with pytest.raises(SourceHTTPError) as caught:
        client(transport, clock).get("https://e.eu/missing")
    assert caught.value.status == 404
    assert len(transport.requests) == 1
    assert clock.sleeps == []


def test_the_rate_limit_spaces_requests_to_one_host_but_not_to_others():
    clock = FakeClock()
    transport = FakeTransport(clock, ok(), ok(), ok(), ok())
    c = client(transport, clock, min_interval=2.0)
    c.get("https://a.eu/1")
    c.get("https://b.eu/1")
    clock.now += 0.5
    c.get("https://a.eu/2")
    c.get("https://a.eu/3")
    times = [(at, request.url) for at, request, _ in transport.requests]
    assert times == [
        (1000.0, "https://a.eu/1"),
        (1000.0, "https://b.eu/1"),
        (1002.0, "https://a.eu/2"),
        (1004.0, "https://a.eu/3"),
    ]
    assert clock.sleeps == [1.5, 2.0]


def test_retries_also_keep_the_rate_limit():
    clock = FakeClock()
    transport = FakeTransport(clock, Response(500, b""), ok())
    client(transport, clock, backoff=0.25, min_interval=1.0).get("https://a.eu/")
    assert [at for at, _r, _t in transport.requests] == [1000.0, 1001.0]


def mocked(handler) -> HttpxTransport:
    """The real transport over httpx's own mock transport: no request leaves the process."""
    return HttpxTransport(httpx.Client(transport=httpx.MockTransport(handler)))


def test_httpx_transport_sends_the_request_and_reads_the_answer():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b'{"ok": 1}', headers={"Content-Type": "x/y"})

    answer = mocked(handler)(
        Request("GET", "https://e.eu/a?b=1", headers={"User-Agent": "Omvarld/0.1"}), timeout=3
    )
    assert (answer.status, answer.body, answer.header("content-type")) == (200, b'{"ok": 1}', "x/y")
    assert answer.url == "https://e.eu/a?b=1"
    assert seen[0].headers["user-agent"] == "Omvarld/0.1"
    assert seen[0].extensions["timeout"]["read"] == 3


def test_httpx_transport_turns_failures_into_transport_errors():
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(TransportError, match="refused"):
        mocked(refused)(Request("GET", "https://e.eu/"), timeout=1)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(TransportTimeoutError, match="within 1 s"):
        mocked(slow)(Request("GET", "https://e.eu/"), timeout=1)


def test_httpx_transport_returns_error_statuses_as_responses():
    def busy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, content=b"busy", headers={"Retry-After": "5"})

    response = mocked(busy)(Request("GET", "https://e.eu/"), timeout=1)
    assert response.status == 503
    assert response.header("retry-after") == "5"


def test_the_client_retries_through_the_real_transport():
    answers = [httpx.Response(502), httpx.Response(200, content=b"[]")]
    clock = FakeClock()
    got = HttpClient(
        transport=mocked(lambda request: answers.pop(0)), clock=clock, wall_time=lambda: 0.0
    ).get("https://e.eu/x", params={"q": "å"})
    assert got.body == b"[]"
    assert got.url == "https://e.eu/x?q=%C3%A5"
    assert clock.sleeps == [2.0]
