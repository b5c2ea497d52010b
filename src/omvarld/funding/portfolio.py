"""The portfolio of EU projects in figures: applications and success rate, EU funds granted and
received, the municipality's own co-financing; per year, per programme and per body.

How each figure is counted (and tested against hand-counted numbers):

- an application counts in the year it was submitted (``submitted_on``);
- a decision counts in the year it was made (``decided_on``): granted or rejected; the success
  rate is granted / (granted + rejected), among the decisions counted;
- EU funds granted are the awarded grants of granted projects, in the year of the decision;
- EU funds received are the payments that came in (``PaymentClaim.amount_received``), in the
  year they came in;
- own co-financing (money and hours) is that of granted projects, in the year of the decision.

Amounts are shown in both SEK and EUR, converted with each project's own exchange rate. A project
of several bodies counts in full for each body; the total counts it once, so the body table's
rows may add up to more than the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .constants import Currency, Decision
from .models import PaymentClaim, Project

ZERO = Decimal(0)


@dataclass(frozen=True)
class PortfolioFilters:
    year_from: int | None = None
    year_to: int | None = None
    programme_id: int | None = None
    body_id: int | None = None

    def takes(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (
            self.year_to is None or year <= self.year_to
        )


@dataclass
class Figures:
    applications: int = 0
    granted: int = 0
    rejected: int = 0
    granted_sek: Decimal = ZERO
    granted_eur: Decimal = ZERO
    received_sek: Decimal = ZERO
    received_eur: Decimal = ZERO
    cofinancing_sek: Decimal = ZERO
    cofinancing_eur: Decimal = ZERO
    cofinancing_hours: Decimal = ZERO

    @property
    def decided(self) -> int:
        return self.granted + self.rejected

    @property
    def success_rate(self) -> float | None:
        """Granted among decided, as a fraction; None without decisions."""
        return self.granted / self.decided if self.decided else None

    @property
    def success_percent(self) -> int | None:
        rate = self.success_rate
        return None if rate is None else round(100 * rate)


@dataclass
class Row:
    key: str
    label: str
    figures: Figures = field(default_factory=Figures)


@dataclass
class Portfolio:
    total: Figures
    year: list[Row]
    programme: list[Row]
    body: list[Row]

    def table(self, name: str) -> list[Row]:
        rows: list[Row] = getattr(self, name)
        return rows


TABLES = ("year", "programme", "body")


def _both(project: Project, amount: Decimal | None, currency: str = "") -> tuple[Decimal, Decimal]:
    sek = project.in_currency(amount, Currency.SEK, source=currency)
    eur = project.in_currency(amount, Currency.EUR, source=currency)
    return sek or ZERO, eur or ZERO


class _Tally:
    """Adds each event to the total and to the rows of its year, programme and bodies."""

    def __init__(self) -> None:
        self.total = Figures()
        self.rows: dict[str, dict[str, Row]] = {name: {} for name in TABLES}

    def _row(self, table: str, key: str, label: str) -> Figures:
        row = self.rows[table].setdefault(key, Row(key, label))
        return row.figures

    def add(self, project: Project, year: int, change: Callable[[Figures], None]) -> None:
        change(self.total)
        change(self._row("year", str(year), str(year)))
        programme = project.programme
        key = programme.code if programme else ""
        change(self._row("programme", key, programme.name_sv if programme else _("No programme")))
        for body in project.bodies.all():
            change(self._row("body", str(body.pk), body.name))


def _sorted(rows: Iterable[Row], table: str) -> list[Row]:
    if table == "year":
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (r.key == "", r.label))


def portfolio(filters: PortfolioFilters, *, payments: bool = True) -> Portfolio:
    """The figures of the filtered projects (two queries for projects and bodies, one for
    payments unless ``payments`` is False: the yearly indicators count no payments)."""
    projects = Project.objects.select_related("programme").prefetch_related("bodies")
    if filters.programme_id:
        projects = projects.filter(programme_id=filters.programme_id)
    if filters.body_id:
        projects = projects.filter(bodies=filters.body_id)
    tally = _Tally()
    by_pk: dict[int, Project] = {}
    for project in projects.distinct():
        by_pk[project.pk] = project
        submitted, decided = project.submitted_on, project.decided_on
        if submitted and filters.takes(submitted.year):
            tally.add(project, submitted.year, _application)
        if decided and filters.takes(decided.year):
            tally.add(project, decided.year, _decision(project))
    claims = PaymentClaim.objects.filter(
        project_id__in=by_pk if payments else [],
        received_on__isnull=False,
        amount_received__isnull=False,
    ).values_list("project_id", "received_on", "amount_received", "currency")
    for project_id, received_on, amount, currency in claims:
        assert received_on is not None  # filtered on it
        assert amount is not None
        if filters.takes(received_on.year):
            project = by_pk[project_id]
            tally.add(project, received_on.year, _received(project, amount, currency))
    return Portfolio(
        total=tally.total,
        **{name: _sorted(tally.rows[name].values(), name) for name in TABLES},
    )


def _application(figures: Figures) -> None:
    figures.applications += 1


def _decision(project: Project) -> Callable[[Figures], None]:
    granted_sek, granted_eur = _both(project, project.eu_grant_awarded)
    own_sek, own_eur = _both(project, project.own_cofinancing)
    hours = project.own_hours or ZERO

    def change(figures: Figures) -> None:
        if project.decision == Decision.REJECTED:
            figures.rejected += 1
            return
        if project.decision != Decision.GRANTED:
            return
        figures.granted += 1
        figures.granted_sek += granted_sek
        figures.granted_eur += granted_eur
        figures.cofinancing_sek += own_sek
        figures.cofinancing_eur += own_eur
        figures.cofinancing_hours += hours

    return change


def _received(project: Project, amount: Decimal, currency: str) -> Callable[[Figures], None]:
    sek, eur = _both(project, amount, currency)

    def change(figures: Figures) -> None:
        figures.received_sek += sek
        figures.received_eur += eur

    return change


def portfolio_years() -> list[int]:
    """The years that have an application, a decision or a payment, newest first."""
    years: set[int] = set()
    for submitted, decided in Project.objects.values_list("submitted_on", "decided_on"):
        years.update(d.year for d in (submitted, decided) if d)
    received = PaymentClaim.objects.exclude(received_on=None).values_list("received_on", flat=True)
    years.update(d.year for d in received if d)
    return sorted(years, reverse=True)
