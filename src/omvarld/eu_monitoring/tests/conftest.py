"""Fixtures of the EU-monitoring tests: another app's deadlines, registered as such an app would."""

from __future__ import annotations

import datetime
from collections.abc import Collection

import pytest

from omvarld.core import contributions
from omvarld.core.contributions import BodyDeadline, register_deadlines


class RecordedProvider:
    """A deadline provider with fixed steps, answering like a real one: only the bodies and dates
    asked for, and remembering each question."""

    def __init__(self) -> None:
        self.steps: list[BodyDeadline] = []
        self.asked: list[dict[str, object]] = []

    def add(self, body, date: datetime.date, title: str, **extra) -> BodyDeadline:
        step = BodyDeadline(
            uid=extra.pop("uid", f"agreement-{len(self.steps) + 1}@omvarld"),
            date=date,
            title=title,
            label=extra.pop("label", "Sista dag att säga upp avtalet"),
            body_id=body.pk,
            url=extra.pop("url", "/relationer/avtal/1/"),
            source=extra.pop("source", "Internationella relationer"),
            **extra,
        )
        self.steps.append(step)
        return step

    def __call__(
        self,
        *,
        body_ids: Collection[int],
        date_from: datetime.date,
        date_to: datetime.date,
        today: datetime.date,
    ) -> list[BodyDeadline]:
        self.asked.append({"body_ids": set(body_ids), "from": date_from, "to": date_to})
        return [s for s in self.steps if s.body_id in body_ids and date_from <= s.date <= date_to]


@pytest.fixture
def other_app(monkeypatch) -> RecordedProvider:
    """A second app's deadlines (agreements of international relations), registered for the test
    only: what the deadlines page, the feeds and the digest show of it, they show of any app."""
    monkeypatch.setattr(
        contributions, "_deadline_providers", dict(contributions._deadline_providers)
    )
    provider = RecordedProvider()
    register_deadlines("relations", "Internationella relationer", provider)
    return provider
