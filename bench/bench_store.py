"""Bench: the store. Ingest throughput against bare spaCy, database size, query latency.

1. Ingest end to end (`eventwire.store.ingest`: read, clean, NLP stages, DuckDB) over
   generated wire articles (bench/make_articles.py), timed against the bare spaCy
   pipeline (`eventwire.nlp.load_spacy()` + `nlp.pipe`) over the same article texts in
   the same process; the share of the time spent committing to DuckDB is measured too.
2. The size of that database, and per 10,000 articles.
3. p50/p95 latency of `events` queries (`find_events`, as the CLI runs them: by type, by
   actor, by country and a month, near a point, by a word of the evidence) on a database
   of 1,000,000 events generated directly into the schema with SQL.

    python bench/bench_store.py [--articles 1000] [--events 1000000] [--write]

`--write` updates the "Store" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.config import load_settings
from eventwire.nlp import load_pipeline, load_spacy
from eventwire.store import EventQuery, find_events, ingest, loader, open_store
from make_articles import generate_articles, write_jsonl
from make_corpus import publish

SECTION = "Store"
QUERY_RUNS = 20
PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
# (ISO3, latitude, longitude) of the countries the generated events take place in.
COUNTRIES = [
    ("SYR", 35.0, 38.5), ("TUR", 39.0, 35.2), ("UKR", 49.0, 31.4), ("RUS", 55.7, 37.6), ("SDN", 15.5, 32.5),
    ("ETH", 9.0, 38.7), ("SOM", 2.0, 45.3), ("KEN", -1.3, 36.8), ("IRQ", 33.3, 44.4), ("IRN", 35.7, 51.4),
    ("ISR", 31.8, 35.2), ("LBN", 33.9, 35.5), ("PAK", 33.7, 73.0), ("IND", 28.6, 77.2), ("COL", 4.7, -74.1),
    ("MLI", 12.6, -8.0), ("ARM", 40.2, 44.5), ("AZE", 40.4, 49.9), ("YEM", 15.4, 44.2), ("LBY", 32.9, 13.2),
    ("NGA", 9.1, 7.5), ("COD", -4.3, 15.3), ("MMR", 19.8, 96.1), ("AFG", 34.5, 69.2), ("VEN", 10.5, -66.9),
    ("HTI", 18.5, -72.3), ("MEX", 19.4, -99.1), ("PSE", 31.5, 34.5), ("BFA", 12.4, -1.5), ("NER", 13.5, 2.1),
]  # fmt: skip
WORDS = [
    "ceasefire", "checkpoint", "convoy", "border", "refinery", "airport", "bridge", "hospital", "market",
    "detainees", "talks", "sanctions", "protest", "strike", "shelling", "drone", "summit", "aid",
]  # fmt: skip

log = logging.getLogger("bench_store")


# ---------------------------------------------------------------------------- ingest


def _scale_note(count: int, ingest_s: float) -> str:
    if count == 10_000:
        return ""
    minutes = ingest_s / count * 10_000 / 60
    return f" {count:,} articles were measured, not 10,000 (10,000 would take about {minutes:.0f} minutes)."


def timed_commits() -> list[float]:
    """Wrap the store's batch commit to add up the time spent writing to DuckDB."""
    spent: list[float] = []
    commit = loader.commit_batch

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return commit(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - started)

    loader.commit_batch = timed  # type: ignore[assignment]
    return spent


def measure_ingest(count: int, folder: Path) -> dict[str, Any]:
    source = write_jsonl(folder / "articles.jsonl", count)
    texts = [record["text"] for record in generate_articles(count)]
    settings = load_settings()
    # A fresh bare pipeline: the cached `load_spacy()` object is the one `load_pipeline()`
    # adds eventwire's components to.
    nlp = load_spacy.__wrapped__()
    warm = write_jsonl(folder / "warm.jsonl", 20, seed=99)
    ingest([str(warm)], folder / "warm.duckdb")  # loads the pipeline and every stage's data
    list(nlp.pipe(texts[:20]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.n_process):
        pass
    spacy_s = time.perf_counter() - started
    commits = timed_commits()
    db = folder / "bench.duckdb"
    started = time.perf_counter()
    summary = ingest([str(source)], db)
    ingest_s = time.perf_counter() - started
    load = os.getloadavg()[1]
    size = sum(path.stat().st_size for path in folder.glob("bench.duckdb*"))
    return {
        "articles": count,
        "chars": sum(len(text) for text in texts),
        "spacy_s": spacy_s,
        "ingest_s": ingest_s,
        "commit_s": sum(commits),
        "batches": len(commits),
        "summary": summary,
        "size": size,
        "components": ", ".join(load_pipeline().pipe_names),
        "bare": ", ".join(nlp.pipe_names),
        "load": load,
    }


# ---------------------------------------------------------------------------- a million events


def build_events_db(path: Path, events: int, articles: int) -> None:
    """Fill a fresh store with `articles` articles and `events` events (one report each)."""
    types = ", ".join(f"'{kind}'" for kind in PLOVER_TYPES)
    words = ", ".join(f"'{word}'" for word in WORDS)
    codes = "[" + ", ".join(f"'{code}'" for code, _, _ in COUNTRIES) + "]"
    lats = "[" + ", ".join(str(lat) for _, lat, _ in COUNTRIES) + "]"
    lons = "[" + ", ".join(str(lon) for _, _, lon in COUNTRIES) + "]"
    with open_store(path) as con:
        # pick(i, salt, n): a pseudo-random whole number in [0, n), the same for the same i and salt.
        con.execute("CREATE TEMP MACRO pick(i, salt, n) AS CAST(hash(i, salt) % n AS BIGINT)")
        con.execute(f"""
            INSERT INTO articles
                (id, document_id, seq, source, title, published, content_hash, story_id, body)
            SELECT 'a' || i, 'd' || i, i, 'wire/' || i || '.txt', 'Generated article ' || i,
                   CAST(DATE '2015-01-01' + CAST(pick(i, 'day', 3650) AS INTEGER) AS VARCHAR),
                   md5(CAST(i AS VARCHAR)), 's' || (i // 3), 'Body of article ' || i
            FROM range({articles}) t(i)
        """)
        con.execute(f"""
            CREATE TEMP TABLE generated AS
            SELECT i, [{types}][1 + pick(i, 'type', 16)] AS type,
                   1 + pick(i, 'where', {len(COUNTRIES)}) AS place,
                   1 + pick(i, 'source', {len(COUNTRIES)}) AS source,
                   1 + pick(i, 'target', {len(COUNTRIES)}) AS target,
                   DATE '2015-01-01' + CAST(pick(i, 'day', 3650) AS INTEGER) AS day,
                   pick(i, 'lat', 1000) / 250.0 - 2 AS dlat, pick(i, 'lon', 1000) / 250.0 - 2 AS dlon,
                   [{words}][1 + pick(i, 'w1', {len(WORDS)})] AS w1,
                   [{words}][1 + pick(i, 'w2', {len(WORDS)})] AS w2,
                   'a' || (i % {articles}) AS article_id
            FROM range({events}) t(i)
        """)
        con.execute(f"""
            INSERT INTO events (id, type, date, date_rule, place_name, place_country, lat, lon, source_key,
                                target_key, source_label, target_label, source_names, target_names,
                                source_actors, target_actors, source_countries, target_countries,
                                source_types, target_types, evidence, first_article_id, sources, stories,
                                first_reported, confidence)
            SELECT 'ev' || i, type, day, 'when', 'Town ' || (i % 5000), {codes}[place],
                   {lats}[place] + dlat, {lons}[place] + dlon, {codes}[source], {codes}[target],
                   'Forces of ' || {codes}[source] || ' (' || {codes}[source] || ' MIL)',
                   'Government of ' || {codes}[target] || ' (' || {codes}[target] || ' GOV)',
                   'Forces of ' || {codes}[source], 'Government of ' || {codes}[target],
                   [{codes}[source] || 'MIL'], [{codes}[target] || 'GOV'], [{codes}[source]],
                   [{codes}[target]], ['MIL'], ['GOV'],
                   'Forces of ' || {codes}[source] || ' were reported near the ' || w1 || ' after the '
                       || w2 || ' in Town ' || (i % 5000) || ', officials said.',
                   article_id, 1 + pick(i, 'n', 5), 1, CAST(day AS VARCHAR), 0.8
            FROM generated
        """)
        con.execute("""
            INSERT INTO event_reports (article_id, id, event_id, type, date, evidence, negated, hypothetical)
            SELECT first_article_id, 'ev1', id, type, date, evidence, false, false FROM events
        """)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def query_latencies(path: Path, seed: int = 5) -> dict[str, tuple[float, float]]:
    pick = random.Random(seed).choice
    kinds: dict[str, Callable[[], EventQuery]] = {
        "by type (`--type ASSAULT`)": lambda: EventQuery(type=pick(PLOVER_TYPES)),
        "by actor (`--actor TUR`)": lambda: EventQuery(actor=pick(COUNTRIES)[0]),
        "country and a month (`--country SYR --since --until`)": lambda: _country_month(pick),
        "near a point (`--near LAT,LON,50`)": lambda: _near(pick),
        "a word of the evidence (`--text ceasefire`)": lambda: EventQuery(text=pick(WORDS)),
    }
    results = {}
    with open_store(path, read_only=True) as con:
        find_events(con, EventQuery(type="ASSAULT"))  # warm-up: catalog and first blocks read
        for name, make in kinds.items():
            seconds = []
            for _ in range(QUERY_RUNS):
                query = make()
                started = time.perf_counter()
                find_events(con, query)
                seconds.append(time.perf_counter() - started)
            results[name] = (percentile(seconds, 0.5) * 1000, percentile(seconds, 0.95) * 1000)
    opens = []
    for _ in range(10):
        started = time.perf_counter()
        with open_store(path, read_only=True):
            opens.append(time.perf_counter() - started)
    results["opening the database read-only (each CLI command)"] = (
        percentile(opens, 0.5) * 1000,
        percentile(opens, 0.95) * 1000,
    )
    return results


def _country_month(pick: Callable) -> EventQuery:
    since = dt.date(2015, 1, 1) + dt.timedelta(days=pick(range(3600)))
    return EventQuery(country=pick(COUNTRIES)[0], since=since, until=since + dt.timedelta(days=30))


def _near(pick: Callable) -> EventQuery:
    _, lat, lon = pick(COUNTRIES)
    return EventQuery(near=(lat, lon, 50.0))


# ---------------------------------------------------------------------------- report


def report(measured: dict[str, Any], events: int, articles: int, latencies: dict, events_db_size: int) -> str:
    count, summary = measured["articles"], measured["summary"]
    spacy_s, ingest_s, commit_s = measured["spacy_s"], measured["ingest_s"], measured["commit_s"]
    totals = summary.totals
    per_10k = measured["size"] / count * 10_000 / 1e6
    lines = [
        f"Ingest end to end (`store.ingest`: read, clean, NLP stages [{measured['components']}], DuckDB) "
        f"over {count:,} generated wire articles (bench/make_articles.py, seed 11, "
        f"{measured['chars'] / count:.0f} characters each on average), against the bare spaCy pipeline "
        f"(`load_spacy()` + `nlp.pipe`: {measured['bare']}) over the same article texts, in the same "
        "process; one run each "
        f"after a warm-up; Python {platform.python_version()} on {platform.machine()} with "
        f"{os.cpu_count()} CPUs.{_scale_note(count, ingest_s)}",
        "",
        "| | seconds | articles/s |",
        "|---|---:|---:|",
        f"| bare spaCy `nlp.pipe` (baseline) | {spacy_s:.1f} | {count / spacy_s:.1f} |",
        f"| eventwire ingest | {ingest_s:.1f} | {count / ingest_s:.1f} |",
        f"| of which DuckDB commits ({measured['batches']} batches) | {commit_s:.1f} | |",
        "",
        f"eventwire ingest takes {ingest_s / spacy_s:.1f}× the time of bare spaCy on the same text; "
        f"writing to DuckDB is {100 * commit_s / ingest_s:.1f}% of it. The machine's 5-minute load average "
        f"at the end of the ingest was {measured['load']:.1f} on {os.cpu_count()} CPUs (other processes "
        "running beside the bench slow both contenders).",
        "",
        f"Database: {measured['size'] / 1e6:.1f} MB for {count:,} input articles "
        f"({totals.get('articles', 0):,} stored, {totals.get('reprints', 0)} exact reprints, "
        f"{totals.get('stories', 0):,} stories, {totals.get('event_reports', 0):,} event reports merged into "
        f"{totals.get('events', 0):,} events, {totals.get('quotes', 0):,} quotes, raw text kept), so about "
        f"**{per_10k:.0f} MB per 10,000 articles**"
        + (" (extrapolated linearly from the measured run)." if count != 10_000 else "."),
        "",
        f"`events` queries on a database of {events:,} generated events ({articles:,} articles, one report "
        f"per event, {events_db_size / 1e6:.0f} MB; events in random date order, so no help from DuckDB's "
        f"zone maps on dates): `find_events` as the CLI runs it (limit 50, latest first), {QUERY_RUNS} "
        "queries of each kind with varied values, on a warm read-only connection.",
        "",
        "| query | p50 ms | p95 ms |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {p50:.0f} | {p95:.0f} |" for name, (p50, p95) in latencies.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles to ingest (default 1000)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events for the query bench")
    parser.add_argument("--write", action="store_true", help="update the Store section of bench/RESULTS.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as scratch:
        folder = Path(scratch)
        log.info("ingesting %d generated articles...", args.articles)
        measured = measure_ingest(args.articles, folder)
        log.info("generating %d events...", args.events)
        events_db = folder / "events.duckdb"
        articles = max(1, args.events // 5)
        build_events_db(events_db, args.events, articles)
        events_db_size = sum(path.stat().st_size for path in folder.glob("events.duckdb*"))
        latencies = query_latencies(events_db)
    publish(SECTION, report(measured, args.events, articles, latencies, events_db_size), args.write)


if __name__ == "__main__":
    main()
