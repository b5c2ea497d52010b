"""What EU funding adds to the workspace, the yearly indicators and the annual follow-up: the
calls, reports and payment claims a body has due, the funding figures of a body's year (calls
matched, applications, grants and the EU funds granted) and the body's projects. Registered in
:class:`FundingConfig.ready`.

Every figure is read through the app's own reads: the calls in a body's inbox through
:func:`selectors.visible_matches`, the applications and grants through
:func:`portfolio.portfolio`, so that the follow-up shows the same numbers as the portfolio page.
The workspace shows the indicators of this year in its table of figures, so the app adds no
block of figures of its own.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omvarld.core.contributions import (
    Block,
    Entry,
    Indicator,
    Scope,
    Section,
    Unit,
    Values,
    count_values,
    register_block,
    register_indicator,
    register_report_list,
)

from . import selectors
from .constants import Currency
from .models import Project
from .portfolio import Figures, PortfolioFilters, portfolio

SHOWN = 8
APP = gettext_lazy("EU funding")
# EU funds are what the programme's theme of relations names ("the Baltic Sea region, where the
# EU invests large development funds") and what the joint guideline's development focus area uses.
GOALS = ("relations", "development_competence")


def _kind_labels() -> dict[str, str]:
    return {
        "call": _("Call closes"),
        "report": _("Project report due"),
        "claim": _("Payment claim due"),
        "start": _("Granted project to start"),
    }


def _scope_url(scope: Scope) -> str:
    if len(scope.body_ids) == 1 and not scope.whole:
        return reverse("funding:inbox", kwargs={"body_id": next(iter(scope.body_ids))})
    return reverse("funding:overview")


def due_block(*, scope: Scope, today: datetime.date, since: datetime.datetime) -> Block | None:
    """New calls matched to the scope's bodies closing within 30 days, and its projects' reports
    and payment claims due within 30 days or overdue (four queries).

    A call or project of several of the scope's bodies is shown once.
    """
    if not scope.body_ids:
        return None
    seen: set[tuple[str, int, datetime.date | None]] = set()
    rows = []
    for todo in selectors.needs_doing(body_ids=scope.body_ids, today=today):
        if (todo.kind, todo.pk, todo.due) not in seen:
            seen.add((todo.kind, todo.pk, todo.due))
            rows.append(todo)
    if not rows:
        return None
    labels = _kind_labels()
    return Block(
        title=_("EU funding: calls, reports and claims due"),
        url=_scope_url(scope),
        entries=[
            Entry(
                title=todo.title,
                url=reverse(todo.url_name, kwargs={"pk": todo.pk}),
                label=labels.get(todo.kind, todo.kind),
                date=todo.due,
                overdue=todo.kind != "start" and todo.due is not None and todo.due < today,
            )
            for todo in rows[:SHOWN]
        ],
        total=len(rows),
    )


# --- Indicators -----------------------------------------------------------------------------------


def calls_matched(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    """The calls in the bodies' inboxes closing in the year (one query; each call once in the
    total)."""
    pairs = list(
        selectors.visible_matches()
        .filter(call__deadline__year=year)
        .values_list("body_id", "call_id")
    )
    counts = Counter(body for body, _call in pairs)
    return count_values(body_ids, counts, len({call for _body, call in pairs}))


def _year_figures(body_ids: Collection[int], year: int) -> tuple[dict[int, Figures], Figures]:
    """The portfolio's figures of the year per body and in total (each project once)."""
    result = portfolio(PortfolioFilters(year_from=year, year_to=year), payments=False)
    wanted = {str(b) for b in body_ids}
    return {int(r.key): r.figures for r in result.body if r.key in wanted}, result.total


def applications(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    per_body, total = _year_figures(body_ids, year)
    return count_values(
        body_ids, {b: f.applications for b, f in per_body.items()}, total.applications
    )


def projects_granted(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    per_body, total = _year_figures(body_ids, year)
    return count_values(body_ids, {b: f.granted for b, f in per_body.items()}, total.granted)


def _kronor(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), ROUND_HALF_UP))


def funds_granted_sek(*, body_ids: Collection[int], year: int, today: datetime.date) -> Values:
    per_body, total = _year_figures(body_ids, year)
    return count_values(
        body_ids,
        {b: _kronor(f.granted_sek) for b, f in per_body.items()},
        _kronor(total.granted_sek),
    )


# --- The annual report's list -----------------------------------------------------------------


def _amount_detail(project: Project) -> str:
    """The EU grant awarded, or else applied for, in kronor when the rate is known."""
    awarded = project.eu_grant_awarded is not None
    amount = project.eu_grant_awarded if awarded else project.eu_grant_applied
    if amount is None:
        return ""
    sek = project.in_currency(amount, Currency.SEK)
    shown = number_format(_kronor(sek if sek is not None else amount), force_grouping=True)
    text = (
        _("EU grant awarded: %(amount)s %(currency)s")
        if awarded
        else _("EU grant applied for: %(amount)s %(currency)s")
    )
    return text % {"amount": shown, "currency": "kr" if sek is not None else project.currency}


def project_list(*, body_ids: Collection[int] | None, year: int) -> Sequence[Entry]:
    """The projects of the year (application submitted or decided in it, or running during it),
    of the bodies or of the whole municipality, with status and EU grant (one query)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    of_year = (
        Q(submitted_on__year=year)
        | Q(decided_on__year=year)
        | (Q(starts__lte=end) & (Q(ends__gte=start) | Q(ends__isnull=True)))
    )
    qs = Project.objects.filter(of_year).select_related("programme")
    if body_ids is not None:
        qs = qs.filter(pk__in=Project.objects.filter(bodies__in=body_ids).values("pk"))
    return [
        Entry(
            title=str(p),
            url=reverse("funding:project_detail", kwargs={"pk": p.pk}),
            label=str(p.get_status_display()),
            date=p.decided_on or p.submitted_on,
            detail=" · ".join(
                part
                for part in (p.programme.name_sv if p.programme else "", _amount_detail(p))
                if part
            ),
        )
        for p in qs.order_by("title", "pk")
    ]


def register() -> None:
    register_block("funding.due", Section.TODO, 60, due_block)
    definitions = [
        (
            "funding.calls_matched",
            gettext_lazy("Calls matched"),
            gettext_lazy(
                "The number of EU calls matched to the body's areas whose deadline falls in the "
                "year, those the body judged not relevant left out. For the whole municipality: "
                "each call once."
            ),
            Unit.COUNT,
            calls_matched,
        ),
        (
            "funding.applications",
            gettext_lazy("Applications for EU funding submitted"),
            gettext_lazy(
                "The number of the body's projects whose application was submitted in the year. "
                "A project of several bodies counts for each; the whole municipality counts it "
                "once."
            ),
            Unit.COUNT,
            applications,
        ),
        (
            "funding.granted",
            gettext_lazy("Applications granted"),
            gettext_lazy(
                "The number of the body's applications granted by a decision made in the year."
            ),
            Unit.COUNT,
            projects_granted,
        ),
        (
            "funding.granted_sek",
            gettext_lazy("EU funds granted"),
            gettext_lazy(
                "The EU grants awarded to the body's projects by decisions made in the year, in "
                "kronor at each project's own exchange rate. A project of several bodies counts "
                "in full for each; the whole municipality counts it once."
            ),
            Unit.SEK,
            funds_granted_sek,
        ),
    ]
    for order, (key, name, definition, unit, query) in enumerate(definitions, start=60):
        register_indicator(
            Indicator(
                key=key,
                name=name,
                definition=definition,
                unit=unit,
                app=APP,
                query=query,
                order=order,
                goals=GOALS,
            )
        )
    register_report_list("funding.projects", gettext_lazy("EU projects"), 60, project_list)
