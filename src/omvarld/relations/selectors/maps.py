"""The partner map: outlines, markers and the optional tiles, ready for the SVG template."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..countries import country_name
from ..geo import Tile, ViewBox, fit, project, tiles, world_outlines
from ..models import Partner


@dataclass(frozen=True)
class Marker:
    """A numbered partner on the map; ``exact`` is False when it stands at its country's centre."""

    number: int
    partner: Partner
    x: float
    y: float
    exact: bool


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    path: str
    partners: int


@dataclass(frozen=True)
class HomeMark:
    """The municipality's own place: a square, so it is not read as a partner."""

    name: str
    x: float
    y: float
    size: float

    @property
    def left(self) -> float:
        return self.x - self.size / 2

    @property
    def top(self) -> float:
        return self.y - self.size / 2


@dataclass(frozen=True)
class MapView:
    view_box: ViewBox
    outlines: list[Outline]
    markers: list[Marker]
    unplaced: list[Partner]
    home: HomeMark | None
    tiles: list[Tile]
    radius: float

    @property
    def label_size(self) -> float:
        return self.radius * 1.3


def _spread(markers: list[Marker], distance: float) -> list[Marker]:
    """Markers on the same spot (two partners at one country's centre) set in a small ring
    around it, so each number can be read; one marker stays where it is."""
    groups: dict[tuple[float, float], list[Marker]] = {}
    for marker in markers:
        groups.setdefault((round(marker.x, 1), round(marker.y, 1)), []).append(marker)
    spread = []
    for group in groups.values():
        if len(group) == 1:
            spread.append(group[0])
            continue
        for index, marker in enumerate(group):
            angle = 2 * math.pi * index / len(group)
            x = marker.x + distance * math.cos(angle)
            y = marker.y + distance * math.sin(angle)
            spread.append(
                Marker(marker.number, marker.partner, round(x, 2), round(y, 2), marker.exact)
            )
    return sorted(spread, key=lambda m: m.number)


def map_view(
    *,
    partners: Iterable[Partner],
    home: tuple[str, float, float] | None = None,
    tile_url: str = "",
) -> MapView:
    """Markers for the partners (at their coordinates, else at their country's centre), the
    country outlines with the number of partners in each, and the view that shows them all.

    ``home`` is the municipality's own place (name, latitude, longitude), drawn and kept in view.
    """
    world = world_outlines()
    centres = {c.code: c.centre for c in world.countries if c.code}
    markers: list[Marker] = []
    unplaced: list[Partner] = []
    per_country: dict[str, int] = {}
    for partner in partners:
        if partner.country:
            per_country[partner.country] = per_country.get(partner.country, 0) + 1
        if partner.latitude is not None and partner.longitude is not None:
            x, y = project(float(partner.longitude), float(partner.latitude))
            exact = True
        elif partner.country in centres:
            x, y = centres[partner.country]
            exact = False
        else:
            unplaced.append(partner)
            continue
        markers.append(Marker(len(markers) + 1, partner, round(x, 2), round(y, 2), exact))
    points = [(m.x, m.y) for m in markers]
    if home is not None:
        points.append(project(home[2], home[1]))
    view = fit(points)
    radius = round(view.width / 110, 3)
    markers = _spread(markers, radius * 1.2)
    home_mark = None
    if home is not None:
        hx, hy = points[-1]
        home_mark = HomeMark(home[0], round(hx, 2), round(hy, 2), round(radius * 1.6, 3))
    outlines = [
        Outline(c.code, country_name(c.code) or c.name, c.path, per_country.get(c.code, 0))
        for c in world.countries
    ]
    return MapView(
        view_box=view,
        outlines=outlines,
        markers=markers,
        unplaced=unplaced,
        home=home_mark,
        tiles=tiles(view, tile_url),
        radius=radius,
    )
