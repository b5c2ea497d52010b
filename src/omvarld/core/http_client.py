"""The one HTTP client through which the platform reaches outside sources (the EU sources, SCB,
the Funding & Tenders portal).

Every request has a timeout, names Omvärld in its User-Agent, waits its turn under a per-host
rate limit and is retried with exponential back-off on 429, 5xx and network failures (honouring
``Retry-After``). The requests go out through httpx; the retries are tenacity's, sleeping on the
injected clock. The transport and the clock are injected, so tests never touch the network and
never wait.
"""

from __future__ import annotations

import email.utils
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import tenacity

if TYPE_CHECKING:
    import httpx

__all__ = [
    "USER_AGENT",
    "Clock",
    "HttpClient",
    "HttpxTransport",
    "Request",
    "Response",
    "SourceError",
    "SourceHTTPError",
    "SourceUnavailableError",
    "SystemClock",
    "Transport",
    "TransportError",
    "TransportTimeoutError",
    "default_client",
]

USER_AGENT = "Omvarld/0.1 (EU horizon scanning for a Swedish municipality; open source)"


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | None = None


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    url: str = ""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class TransportError(Exception):
    """The request did not get an HTTP answer (DNS, refused connection, TLS, reset)."""


class TransportTimeoutError(TransportError):
    """The request got no answer within its timeout."""


class SourceError(Exception):
    """A source could not give what was asked; the message says why in plain words."""


class SourceUnavailableError(SourceError):
    """The source could not be reached, even after the retries."""


class SourceHTTPError(SourceError):
    """The source answered with an error status that retrying does not help."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class Transport(Protocol):
    def __call__(self, request: Request, *, timeout: float) -> Response: ...


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class HttpxTransport:
    """The real transport: one httpx client (kept-alive connections, the environment's proxies,
    redirects followed).

    httpx is imported on the first request, so the web processes that never reach the sources do
    not pay for loading it. Tests hand in a client with httpx's own mock transport.
    """

    def __init__(self, client: httpx.Client | None = None) -> None:
        self._client = client

    def __call__(self, request: Request, *, timeout: float) -> Response:
        import httpx

        if self._client is None:
            self._client = httpx.Client(follow_redirects=True)
        try:
            answer = self._client.request(
                request.method,
                request.url,
                content=request.body,
                headers=dict(request.headers),
                timeout=timeout,
            )
        except httpx.TimeoutException as exc:
            raise TransportTimeoutError(f"no answer within {timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise TransportError(str(exc) or exc.__class__.__name__) from exc
        return Response(
            status=answer.status_code,
            body=answer.content,
            headers=dict(answer.headers.items()),
            url=str(answer.url),
        )


class _RetryableError(Exception):
    """One attempt failed in a way a later attempt may not: what happened, and the source's wait."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


def _retry_after(value: str | None, now: Callable[[], float]) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class HttpClient:
    """GET (and search POST) requests with timeout, retries, back-off and a per-host rate limit.

    ``min_interval`` is the least time between two requests to one host. A failed attempt
    ``n`` (0-based) waits ``backoff * 2**n`` seconds, capped at ``max_backoff``, unless the
    source says how long in ``Retry-After`` (capped at ``max_retry_after``).
    """

    RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

    def __init__(
        self,
        *,
        transport: Transport | None = None,
        clock: Clock | None = None,
        wall_time: Callable[[], float] = time.time,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 2.0,
        max_backoff: float = 60.0,
        max_retry_after: float = 300.0,
        min_interval: float = 1.0,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.transport: Transport = transport or HttpxTransport()
        self.clock: Clock = clock or SystemClock()
        self.wall_time = wall_time
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.min_interval = min_interval
        self.user_agent = user_agent
        self._last_request: dict[str, float] = {}

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """GET ``url`` and return a 2xx response, or raise a :class:`SourceError`."""
        return self._send("GET", url, params=params, headers=headers, body=None)

    def post(
        self,
        url: str,
        *,
        body: bytes,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """POST ``body`` to ``url`` for a search that takes its query in the body (the Funding &
        Tenders portal's): a read, so retried like a GET."""
        return self._send("POST", url, params=params, headers=headers, body=body)

    def _send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None,
        headers: Mapping[str, str] | None,
        body: bytes | None,
    ) -> Response:
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
        request = Request(
            method,
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "application/json",
                **(headers or {}),
            },
            body=body,
        )
        host = urllib.parse.urlsplit(url).netloc
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type(_RetryableError),
            sleep=self.clock.sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._attempt(request, host)
        except _RetryableError as exc:
            raise SourceUnavailableError(
                f"{host} could not be reached: {exc.problem} after {self.retries + 1} attempts"
            ) from None
        raise AssertionError("tenacity ends with an answer or the last error")  # pragma: no cover

    def _attempt(self, request: Request, host: str) -> Response:
        self._wait_turn(host)
        try:
            response = self.transport(request, timeout=self.timeout)
        except TransportTimeoutError as exc:
            raise _RetryableError(f"timed out ({exc})") from exc
        except TransportError as exc:
            raise _RetryableError(f"could not connect ({exc})") from exc
        if 200 <= response.status < 300:
            return response
        if response.status not in self.RETRY_STATUSES:
            raise SourceHTTPError(
                f"{host} answered HTTP {response.status} for {request.url}",
                status=response.status,
            )
        told = _retry_after(response.header("Retry-After"), self.wall_time)
        raise _RetryableError(f"answered HTTP {response.status}", told)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        """Seconds before the next attempt: the source's Retry-After, else exponential back-off."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _RetryableError) and error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after)
        return float(min(self.backoff * 2 ** (state.attempt_number - 1), self.max_backoff))

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.min_interval - self.clock.monotonic()
            if wait > 0:
                self.clock.sleep(wait)
        self._last_request[host] = self.clock.monotonic()


def default_client() -> HttpClient:
    """The client the commands and the daily task use (replaced in tests)."""
    return HttpClient()
