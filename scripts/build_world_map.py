"""Build the partner map's country outlines from Natural Earth's 1:110m countries.

The source is ``countries-110m.json`` of the npm package ``world-atlas`` (TopoJSON of Natural
Earth's admin-0 countries, public domain; packaging ISC). It is fetched at development time, never
at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-110m.json

The result, ``src/omvarld/relations/data/world-110m.json``, holds one SVG path per country in the
map's projection (``omvarld.relations.geo.project``), its ISO 3166-1 alpha-2 code (from the
numeric code that world-atlas uses as id) and the centre where a country-level marker goes.
Antarctica is left out: no partner is there and Web Mercator would draw it larger than Africa.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False)

from django_countries import countries  # noqa: E402

from omvarld.relations.geo import WORLD_FILE, centre, svg_path, topojson_rings  # noqa: E402

SOURCE = "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries, via world-atlas 2.0.2"
LICENCE = (
    "Natural Earth: public domain (naturalearthdata.com). world-atlas packaging: ISC licence, "
    "copyright 2013-2019 Michael Bostock."
)
LEFT_OUT = {"AQ"}


def polygons(topology: dict[str, Any], geometry: dict[str, Any]) -> list[list[Any]]:
    if geometry["type"] == "Polygon":
        shapes = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        shapes = geometry["arcs"]
    else:
        return []
    return [[topojson_rings(topology, ring) for ring in shape] for shape in shapes]


def build(source: Path) -> dict[str, Any]:
    topology = json.loads(source.read_text(encoding="utf-8"))
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id") or ""
        code = countries.alpha2(numeric) if numeric else ""
        if code in LEFT_OUT:
            continue
        shapes = polygons(topology, geometry)
        if not shapes:
            continue
        out.append(
            {
                "code": code,
                "name": geometry["properties"]["name"],
                "path": svg_path(shapes),
                "centre": list(centre(shapes)),
            }
        )
    out.sort(key=lambda c: (c["code"] or "~", c["name"]))
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "projection": "web-mercator-1000",
        "countries": out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="countries-110m.json of world-atlas")
    parser.add_argument("--out", type=Path, default=WORLD_FILE)
    args = parser.parse_args()
    data = build(args.source)
    # One country per line: a rebuild shows in a diff as the countries that changed.
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = [json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in data["countries"]]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "countries": [\n'
    text += ",\n".join(lines) + "\n]}\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(data['countries'])} countries written to {args.out}")


if __name__ == "__main__":
    main()
