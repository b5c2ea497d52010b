"""The workspaces a person can switch between: their bodies ("Min nämnd"), their offices
("Mitt kontor", with the bodies the office serves) and the whole municipality. Registered as the
workspace's source of scopes in :class:`OrganisationConfig.ready`."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from omvarld.core import permissions
from omvarld.core.contributions import AnyUser, Scope, ScopeChoices, ScopeOption

from .models import Body, Office


def _body(body: Body) -> ScopeOption:
    return ScopeOption(
        param="organ",
        value=body.short_name,
        label=body.name,
        title=_("My committee: %(name)s") % {"name": body.name},
        scope=Scope(body_ids=frozenset({body.pk})),
        columns=((body.pk, body.short_name),),
    )


def _office(office: Office) -> ScopeOption:
    served = sorted(office.bodies.all(), key=lambda b: b.name)
    return ScopeOption(
        param="kontor",
        value=office.short_name,
        label=office.name,
        title=_("My office: %(name)s") % {"name": office.name},
        scope=Scope(body_ids=frozenset(b.pk for b in served), office_ids=frozenset({office.pk})),
        columns=tuple((b.pk, b.short_name) for b in served),
    )


def workspace_scopes(
    *, user: AnyUser, today: datetime.date, wanted: tuple[str, str] | None
) -> ScopeChoices:
    """The person's bodies and offices by name, the whole municipality (every active body),
    and the body or office the address asks for (three queries, four with an asked one)."""
    body_ids, office_ids = permissions.member_ids(user)
    own = [_body(b) for b in Body.objects.filter(pk__in=body_ids).order_by("name")]
    own += [
        _office(o)
        for o in Office.objects.filter(pk__in=office_ids)
        .prefetch_related("bodies")
        .order_by("name")
    ]
    whole = ScopeOption(
        param="alla",
        value="1",
        label=_("The whole municipality"),
        title=_("The whole municipality"),
        scope=Scope(
            body_ids=frozenset(Body.objects.active_on(today).values_list("pk", flat=True)),
            whole=True,
        ),
    )
    asked = None
    if wanted is not None and not any((o.param, o.value) == wanted for o in own):
        param, value = wanted
        if param == "organ":
            body = Body.objects.filter(short_name=value).first()
            asked = _body(body) if body is not None else None
        elif param == "kontor":
            office = Office.objects.filter(short_name=value).prefetch_related("bodies").first()
            asked = _office(office) if office is not None else None
    return ScopeChoices(own=own, whole=whole, asked=asked)
