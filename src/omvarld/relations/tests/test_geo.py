"""The map's projection, its shipped outlines and the view and tiles it chooses."""

from __future__ import annotations

import re

import pytest

from omvarld.relations import geo
from omvarld.relations.text import fold, name_key, website_key


def test_names_and_websites_compare_without_case_accents_or_decoration():
    assert name_key("Kópavogur") == name_key(" KOPAVOGUR ") == "kopavogur"
    assert name_key("Rīga") == name_key("riga")
    assert name_key("Esslingen am Neckar") == name_key("Esslingen  am Neckar")
    assert name_key("Tórshavn") == "torshavn"
    assert name_key("Ærø") == "aero"
    assert fold("Linköpings  Kommun") == "linkopings kommun"
    assert website_key("https://www.odense.dk/") == website_key("http://odense.dk") == "odense.dk"
    assert website_key("odense.dk/en?x=1") == "odense.dk/en"
    assert website_key("") == ""


def test_web_mercator_puts_known_points_where_they_belong():
    assert geo.project(0, 0) == pytest.approx((500.0, 500.0))
    assert geo.project(-180, 85.0511287798) == pytest.approx((0.0, 0.0), abs=1e-6)
    assert geo.project(180, -85.0511287798) == pytest.approx((1000.0, 1000.0), abs=1e-6)
    # Beyond the limit a point is clamped to the edge, not sent to infinity.
    assert geo.project(0, 90)[1] == pytest.approx(0.0, abs=1e-6)


def _bounds(path: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d", path)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_shipped_outlines_are_natural_earth_countries_in_the_same_projection():
    world = geo.world_outlines()
    codes = [c.code for c in world.countries if c.code]
    assert len(world.countries) == 176  # Natural Earth 110m has 177; Antarctica is left out
    assert len(codes) == len(set(codes)) == 173  # N. Cyprus, Somaliland and Kosovo have no code
    assert "AQ" not in codes
    assert "Natural Earth" in world.source
    assert "public domain" in world.licence
    outlines = world.by_code()
    # Places drawn with the markers' projection fall inside their country's outline box.
    for code, lon, lat in [
        ("SE", 16.1826, 58.59419),
        ("IS", -21.91298, 64.11234),
        ("AT", 14.28611, 48.30639),
        ("CN", 117.28386, 34.20442),
    ]:
        x, y = geo.project(lon, lat)
        left, top, right, bottom = _bounds(outlines[code].path)
        assert left <= x <= right, code
        assert top <= y <= bottom, code
    # A country-level marker stands inside the country.
    left, top, right, bottom = _bounds(outlines["KE"].path)
    cx, cy = outlines["KE"].centre
    assert left < cx < right
    assert top < cy < bottom


def test_the_view_keeps_its_shape_and_shows_every_point():
    points = [geo.project(10.38831, 55.39594), geo.project(117.28386, 34.20442)]
    view = geo.fit(points)
    assert view.width / view.height == pytest.approx(geo.ASPECT)
    assert all(view.contains(p) for p in points)
    assert view.x >= 0
    assert view.x + view.width <= geo.WORLD
    one = geo.fit([geo.project(16.18, 58.59)])
    assert one.width == pytest.approx(geo.MIN_WIDTH * 1.24)
    assert geo.fit([]) == geo.WHOLE_WORLD


def test_tiles_cover_the_view_at_one_zoom_and_are_none_without_an_address():
    view = geo.fit([geo.project(10.4, 55.4), geo.project(24.1, 56.9)])
    assert geo.tiles(view, "") == []
    tiles = geo.tiles(view, "https://tiles.example.se/{z}/{x}/{y}.png")
    zooms = {t.href.split("/")[3] for t in tiles}
    assert len(zooms) == 1
    assert 4 <= len(tiles) <= 64
    left = min(t.x for t in tiles)
    right = max(t.x + t.size for t in tiles)
    assert left <= view.x
    assert right >= view.x + view.width
    assert all(t.href.startswith("https://tiles.example.se/") for t in tiles)
