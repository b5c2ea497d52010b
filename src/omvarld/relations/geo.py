"""The partner map, drawn on the server as SVG: no script, no request to another host.

Country outlines are Natural Earth's 1:110 million countries (public domain) as packaged in the
npm package ``world-atlas``, converted once by ``scripts/build_world_map.py`` into
``data/world-110m.json``: one SVG path per country, already projected. Markers use the same
projection, :func:`project`: spherical Web Mercator onto a square of ``WORLD`` units, the
projection of the common map-tile services, so an optional tile layer (configured with
``OMVARLD_MAP_TILE_URL``) lies exactly under the outlines and the markers.

Plain Python: no Django import, so the build script and the tests use it directly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WORLD = 1000.0
#: Web Mercator's latitude limit: the square world ends here.
MAX_LATITUDE = 85.0511287798
WORLD_FILE = Path(__file__).resolve().parent / "data" / "world-110m.json"
#: The map keeps this shape (width / height) whatever it shows.
ASPECT = 1.6
#: The least a map shows: about 12 degrees of longitude, so one town is not a blur.
MIN_WIDTH = 34.0
TILE_PIXELS = 256


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude (degrees) to map units: x east from 180°W, y south from the top."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    x = (lon + 180.0) / 360.0 * WORLD
    phi = math.radians(lat)
    y = (1.0 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2.0 * WORLD
    return x, y


@dataclass(frozen=True)
class CountryShape:
    code: str
    name: str
    path: str
    centre: tuple[float, float]


@dataclass(frozen=True)
class WorldOutlines:
    source: str
    licence: str
    countries: tuple[CountryShape, ...]

    def by_code(self) -> dict[str, CountryShape]:
        return {c.code: c for c in self.countries if c.code}


@lru_cache(maxsize=2)
def world_outlines(path: Path = WORLD_FILE) -> WorldOutlines:
    """The shipped country outlines, read once per process."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    shapes = tuple(
        CountryShape(
            code=c["code"], name=c["name"], path=c["path"], centre=(c["centre"][0], c["centre"][1])
        )
        for c in data["countries"]
    )
    return WorldOutlines(source=data["source"], licence=data["licence"], countries=shapes)


@dataclass(frozen=True)
class ViewBox:
    x: float
    y: float
    width: float
    height: float

    def __str__(self) -> str:
        return f"{self.x:.1f} {self.y:.1f} {self.width:.1f} {self.height:.1f}"

    def contains(self, point: tuple[float, float]) -> bool:
        px, py = point
        return self.x <= px <= self.x + self.width and self.y <= py <= self.y + self.height


WHOLE_WORLD = ViewBox(0.0, 120.0, WORLD, WORLD / ASPECT)


def fit(points: Sequence[tuple[float, float]], *, padding: float = 0.12) -> ViewBox:
    """The smallest view of the map's shape that shows every point with some space around it."""
    if not points:
        return WHOLE_WORLD
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    width = max(max(xs) - min(xs), MIN_WIDTH) * (1 + 2 * padding)
    height = max(max(ys) - min(ys), MIN_WIDTH / ASPECT) * (1 + 2 * padding)
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    if width > WORLD:
        return WHOLE_WORLD
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, 0.0), WORLD - width)
    y = min(max(cy - height / 2, 0.0), WORLD - height)
    return ViewBox(x, y, width, height)


@dataclass(frozen=True)
class Tile:
    href: str
    x: float
    y: float
    size: float


def tiles(view: ViewBox, template: str, *, across: int = 4, limit: int = 64) -> list[Tile]:
    """The XYZ tiles that cover the view, at the zoom that puts about ``across`` tiles across it.

    ``template`` is a tile address with ``{z}``, ``{x}`` and ``{y}``; empty gives no tiles.
    """
    if not template:
        return []
    zoom = max(0, min(18, round(math.log2(WORLD * across / view.width))))
    while True:
        count = 2**zoom
        size = WORLD / count
        first_x, last_x = int(view.x // size), int((view.x + view.width) // size)
        first_y, last_y = int(view.y // size), int((view.y + view.height) // size)
        last_x, last_y = min(last_x, count - 1), min(last_y, count - 1)
        if (last_x - first_x + 1) * (last_y - first_y + 1) <= limit or zoom == 0:
            break
        zoom -= 1
    return [
        Tile(
            href=template.replace("{z}", str(zoom)).replace("{x}", str(tx)).replace("{y}", str(ty)),
            x=tx * size,
            y=ty * size,
            size=size,
        )
        for ty in range(first_y, last_y + 1)
        for tx in range(first_x, last_x + 1)
    ]


# --- Building the outline file from TopoJSON (used by scripts/build_world_map.py) --------------


def topojson_rings(topology: dict[str, Any], arcs: Iterable[int]) -> list[tuple[float, float]]:
    """One ring of a TopoJSON polygon as longitude/latitude points (the arcs decoded and joined)."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    ring: list[tuple[float, float]] = []
    for index in arcs:
        arc = topology["arcs"][index if index >= 0 else ~index]
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        if index < 0:
            points.reverse()
        # Consecutive arcs share their end point.
        ring.extend(points[1:] if ring else points)
    return ring


def svg_path(polygons: Iterable[Iterable[list[tuple[float, float]]]]) -> str:
    """An SVG path of projected polygons (each a list of rings), one decimal place."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected = [project(lon, lat) for lon, lat in ring]
            points = [f"{x:.1f} {y:.1f}" for x, y in projected]
            # Drop repeats that rounding produced; they only lengthen the path.
            kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
            if len(kept) >= 3:
                parts.append("M" + "L".join(kept) + "Z")
    return "".join(parts)


def centre(polygons: Sequence[Sequence[list[tuple[float, float]]]]) -> tuple[float, float]:
    """The projected centroid of the largest outer ring: where a country-level marker goes."""
    best: tuple[float, float, float] = (0.0, 0.0, 0.0)
    for polygon in polygons:
        ring = [project(lon, lat) for lon, lat in polygon[0]]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and abs(area) > best[0]:
            best = (abs(area), cx / (3 * area), cy / (3 * area))
    return round(best[1], 1), round(best[2], 1)
