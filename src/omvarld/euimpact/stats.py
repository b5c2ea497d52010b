"""Shares of EU influence among agenda items, as the published studies report them.

The studies (DOMAIN.md §3) give the share of items touched by EU law or policy among all
items; the codebook adds the share among substantive items (decisions, motions and
interpellations), where formalities and elections do not dilute it. Plain functions over
anything with ``kind``, ``eu`` and ``funding``, so the web app can pass its own rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from omvarld.euimpact.model import SUBSTANTIVE_KINDS

__all__ = ["Coded", "Shares", "Summary", "shares", "summarise"]


class Coded(Protocol):
    """What the statistics need of a coded item."""

    @property
    def kind(self) -> str:
        """The codebook's item kind."""

    @property
    def eu(self) -> str:
        """``legal``, ``policy`` or ``none``."""

    @property
    def funding(self) -> bool:
        """True when the item concerns EU funds."""


@dataclass(frozen=True, slots=True)
class Shares:
    """Counts and shares (0..1) of EU codes among a group of items; shares are 0 when empty."""

    items: int
    legal: int
    policy: int
    none: int
    funding: int

    def share(self, count: int) -> float:
        """``count`` as a share of the items in the group."""
        return count / self.items if self.items else 0.0

    @property
    def legal_share(self) -> float:
        """Share coded ``legal``."""
        return self.share(self.legal)

    @property
    def policy_share(self) -> float:
        """Share coded ``policy``."""
        return self.share(self.policy)

    @property
    def none_share(self) -> float:
        """Share coded ``none``."""
        return self.share(self.none)

    @property
    def eu_share(self) -> float:
        """Share coded ``legal`` or ``policy``: the figure the studies report."""
        return self.share(self.legal + self.policy)

    @property
    def funding_share(self) -> float:
        """Share concerning EU funds or programmes."""
        return self.share(self.funding)

    def to_dict(self) -> dict[str, float | int]:
        """Counts and shares as JSON-ready data."""
        return {
            "items": self.items,
            "legal": self.legal,
            "policy": self.policy,
            "none": self.none,
            "funding": self.funding,
            "legal_share": self.legal_share,
            "policy_share": self.policy_share,
            "none_share": self.none_share,
            "eu_share": self.eu_share,
            "funding_share": self.funding_share,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Shares among all items and among substantive items."""

    all: Shares
    substantive: Shares

    def to_dict(self) -> dict[str, dict[str, float | int]]:
        """Both groups as JSON-ready data."""
        return {"all": self.all.to_dict(), "substantive": self.substantive.to_dict()}


def shares(codings: Iterable[Coded]) -> Shares:
    """Count the EU codes and funding flags of ``codings``."""
    items = legal = policy = none = funding = 0
    for coding in codings:
        items += 1
        if coding.eu == "legal":
            legal += 1
        elif coding.eu == "policy":
            policy += 1
        else:
            none += 1
        funding += bool(coding.funding)
    return Shares(items=items, legal=legal, policy=policy, none=none, funding=funding)


def summarise(codings: Iterable[Coded]) -> Summary:
    """Shares among all items and among substantive items (decision, motion, interpellation)."""
    coded = list(codings)
    return Summary(
        all=shares(coded),
        substantive=shares(c for c in coded if c.kind in SUBSTANTIVE_KINDS),
    )
