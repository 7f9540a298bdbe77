"""Build the world outline of the HTML report's map, src/eventwire/data/report/world-110m.txt.

Run once, then commit the output; the report reads only the bundled file:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/build_world_outline.py package/land-110m.json package/countries-110m.json

Source (build time only): the npm package world-atlas 2.0.2 (ISC licence, Copyright
2013-2019 Michael Bostock), a TopoJSON redistribution of Natural Earth's 1:110m land
polygons and admin-0 country boundaries (public domain, naturalearthdata.com).

The output is text: `#` comment lines (this provenance), then one SVG path a line in an
equirectangular projection, x = longitude + 180 and y = 90 - latitude (a 360 x 180
box), rounded to 0.1 degree: `land <path>` for a land polygon ring, `border <path>` for a
land border between two countries (each border once).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "report" / "world-110m.txt"
HEADER = """\
# Land outlines for the map of eventwire's HTML report (built by tools/build_world_outline.py).
# Natural Earth 1:110m land polygons (public domain, naturalearthdata.com), from the npm
# package world-atlas 2.0.2: ISC licence, Copyright 2013-2019 Michael Bostock. Permission
# to use, copy, modify, and/or distribute this software for any purpose with or without
# fee is hereby granted, provided that the above copyright notice and this permission
# notice appear in all copies.
# Natural Earth 1:110m admin-0 countries, same package: the borders between them.
# One SVG path a line, `land` (a polygon ring) or `border` (a shared boundary), in an
# equirectangular projection: x = longitude + 180, y = 90 - latitude (viewBox 0 0 360 180).
"""


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantised, delta-encoded) as lists of (lon, lat)."""
    transform = topology["transform"]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's points from its arc indexes (~i is arc i reversed); shared end points once."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def svg_path(points: list[tuple[float, float]], closed: bool = True) -> str:
    coords = []
    for lon, lat in points:
        xy = f"{lon + 180:.1f} {90 - lat:.1f}"
        if not coords or coords[-1] != xy:
            coords.append(xy)
    return "M" + "L".join(coords) + ("Z" if closed else "")


def shared_arcs(topology: dict) -> list[int]:
    """Arcs used by two country polygons: land borders (a coastline belongs to one country)."""
    uses: dict[int, int] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        polygons = polygons if geometry["type"] == "MultiPolygon" else [polygons]
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    arc = index if index >= 0 else ~index
                    uses[arc] = uses.get(arc, 0) + 1
    return sorted(arc for arc, count in uses.items() if count >= 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("land", type=Path, help="world-atlas land-110m.json")
    parser.add_argument("countries", type=Path, help="world-atlas countries-110m.json")
    args = parser.parse_args()
    land = json.loads(args.land.read_text(encoding="utf-8"))
    arcs = decode_arcs(land)
    lines = []
    for geometry in land["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            lines.extend("land " + svg_path(ring_points(ring, arcs)) for ring in polygon)
    countries = json.loads(args.countries.read_text(encoding="utf-8"))
    country_arcs = decode_arcs(countries)
    lines.extend("border " + svg_path(country_arcs[arc], closed=False) for arc in shared_arcs(countries))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} paths to {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
