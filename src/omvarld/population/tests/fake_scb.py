"""A stand-in for SCB's PxWebApi 2.0 behind the platform's HTTP client: it answers each path
with a payload (the recorded responses where there are some) and records every request, on a
fake clock, so no test reaches the network or waits."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping

from omvarld.core.http_client import HttpClient, Request, Response
from omvarld.population.scb.client import ScbClient


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


Answer = str | Response | Callable[[Request], Response]


class FakeScb:
    """Routes ``/api/v2`` paths to answers; ``queue`` holds answers to give first, in order."""

    def __init__(self, routes: Mapping[str, Answer], clock: FakeClock) -> None:
        self.routes = dict(routes)
        self.clock = clock
        self.queue: list[Response | Exception] = []
        self.requests: list[tuple[float, Request]] = []

    def __call__(self, request: Request, *, timeout: float) -> Response:
        self.requests.append((self.clock.now, request))
        if self.queue:
            answer = self.queue.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        path = urllib.parse.urlsplit(request.url).path.removeprefix("/api/v2")
        routed = self.routes.get(path)
        if routed is None:
            return Response(status=404, body=b'{"title":"Not found"}', url=request.url)
        if callable(routed):
            return routed(request)
        if isinstance(routed, Response):
            return routed
        return Response(status=200, body=routed.encode("utf-8"), url=request.url)

    def paths(self) -> list[str]:
        return [urllib.parse.urlsplit(r.url).path for _, r in self.requests]

    def params(self, n: int) -> dict[str, str]:
        query = urllib.parse.urlsplit(self.requests[n][1].url).query
        return dict(urllib.parse.parse_qsl(query))


def scb_client(routes: Mapping[str, Answer]) -> tuple[ScbClient, FakeScb]:
    clock = FakeClock()
    fake = FakeScb(routes, clock)
    http = HttpClient(transport=fake, clock=clock, wall_time=lambda: 0.0, min_interval=0.0)
    return ScbClient(http=http), fake
