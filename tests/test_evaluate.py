"""`eventwire eval`: the scoring rules of gold/FORMAT.md, the same figures as the
reference scorer shared/gold/score.py, micro-averaging, floors and the command."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventwire.cli import app, eval_confusion_table, eval_type_table
from eventwire.evaluate import (
    WRONG_ACTORS,
    Counts,
    EvalReport,
    GoldError,
    check_floors,
    date_interval,
    evaluate,
    extract_records,
    floors_from,
    gold_files,
    load_floors,
    primary_type,
    reference_date,
    same_date,
    same_person,
    score_file,
    score_gold,
)
from helpers import SEED_GOLD, SHARED, found_or_skip, import_script, load_gold_or_skip

REFERENCE_SCORER = SHARED / "gold" / "score.py"
TEAM_GOLD = sorted((Path(__file__).parent / "gold").rglob("*.expected.json"))
GOLD_PATHS = [SEED_GOLD, *TEAM_GOLD]


# --- the same figures as score.py ---------------------------------------------------


@pytest.fixture(scope="module")
def reference_scorer() -> ModuleType:
    return import_script(found_or_skip(REFERENCE_SCORER))


def reference_report(
    scorer: ModuleType, gold_path: Path, records: list[dict], tmp_path: Path, capsys: pytest.CaptureFixture
) -> dict[str, Any]:
    """What `score.py GOLD OUTPUT.jsonl --json` prints for these records."""
    output = tmp_path / "output.jsonl"
    output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    capsys.readouterr()
    scorer.main(["score.py", str(gold_path), str(output), "--json"])
    return json.loads(capsys.readouterr().out)


def actors(countries: list[str]) -> list[dict[str, str]]:
    return [{"name": code, "country": code} for code in countries]


def exact_output(article: dict) -> dict[str, Any]:
    """An output record that reads the gold article exactly as the gold does."""
    return {
        "title": article["title"],
        "body": f"{article['body_starts']} …\n\n{article['body_ends']}",
        "paragraphs": [{"text": "p"}] * article["paragraphs"],
        "captions": [dict(c) for c in article.get("captions", [])],
        "entities": [
            {"type": "PERSON", "name": p["name"], "country": p.get("country"), "role": p.get("role")}
            for p in article.get("people", [])
        ],
        "quotes": [
            {"text": f"“{q['starts']} and so on", "speaker": q["speaker"]} for q in article.get("quotes", [])
        ],
        "events": [
            {
                "type": primary_type(e),
                "source": actors(e.get("source") or []),
                "target": actors(e.get("target") or []),
                "evidence": e.get("evidence"),
            }
            for e in article.get("events", [])
        ],
        "places": [dict(p) for p in article.get("places", [])],
        "dates": [{"text": d["text"], "value": d["value"]} for d in article.get("dates", [])],
    }


def flawed_output(article: dict, index: int) -> dict[str, Any]:
    """An output record with the kinds of mistakes the rules must tell apart."""
    record = exact_output(article)
    record["body"] = f"GENEVA (Reuters) — {record['body']}\nTT\n"
    if index % 2 and record["title"]:
        record["title"] = record["title"].replace("'", "\u2019").replace(" ", "\u00a0", 1)
        record["paragraphs"] = record["paragraphs"][1:]
    for n, entity in enumerate(record["entities"]):
        entity["name"] = entity["name"].split()[-1] if n % 3 == 2 else entity["name"].replace("al-", "")
        entity["country"] = entity["country"] if n % 2 == 0 else "XXX"
        entity["role"] = (entity["role"] or "").upper() or None
    for n, quote in enumerate(record["quotes"]):
        quote["speaker"] = quote["speaker"] if n % 2 == 0 else "Somebody Else"
    for n, event in enumerate(record["events"]):
        event["source"], event["target"] = event["target"], event["source"]
        event["negated"] = n % 3 == 2
    optional = [e for e in article.get("events", []) if not e.get("required")]
    record["events"] += [
        {"type": "PROTEST", "source": actors(["FRA"]), "target": [], "evidence": e.get("evidence")}
        for e in optional[:2]
    ]
    record["events"].append({"type": "SANCTION", "source": actors(["USA"]), "target": [], "evidence": "x"})
    record["events"] += [
        {"type": n["type"], "source": actors(n.get("source") or []), "target": actors(n.get("target") or [])}
        for n in article.get("not_events", [])
    ]
    for n, place in enumerate(record["places"]):
        place["lat"] = place["lat"] + (1.0 if n % 2 == 0 else 2.0)
    for n, date in enumerate(record["dates"]):
        date["value"] = f"{date['value']}/{date['value']}" if n % 2 == 0 else date["value"][:7]
        date["text"] = f"on {date['text']}"
    return record


def shuffled_output(article: dict, rng: random.Random) -> dict[str, Any]:
    """An exact output with items randomly dropped, repeated or altered."""
    record = flawed_output(article, rng.randrange(2)) if rng.random() < 0.5 else exact_output(article)
    for key in ("entities", "quotes", "events", "places", "dates", "captions"):
        items = [item for item in record[key] if rng.random() < 0.8]
        record[key] = items + [copy.deepcopy(rng.choice(items)) for _ in range(rng.randrange(2)) if items]
    for item in record["events"]:
        item["type"] = (
            item["type"] if rng.random() < 0.7 else rng.choice(["CONSULT", "ASSAULT", "AGREE", "AID"])
        )
        item["hypothetical"] = rng.random() < 0.1
        if rng.random() < 0.2:
            item["source"] = actors(rng.sample(["SYR", "TUR", "IRN", "RUS", "ISR"], k=2))
    for item in record["entities"] + record["quotes"]:
        if rng.random() < 0.2:
            key = "name" if "name" in item else "text"
            item[key] = item[key][rng.randrange(len(item[key]) + 1) :]
    return record


def gold_outputs(gold: dict) -> dict[str, list[dict]]:
    articles = gold["articles"]
    exact = [exact_output(a) for a in articles]
    flawed = [flawed_output(a, i) for i, a in enumerate(articles)]
    stray = {
        "title": "Markets close higher",
        "body": "Shares rose.",
        "paragraphs": [{"text": "Shares rose."}],
    }
    rng = random.Random(20240312)
    shuffled = {
        f"shuffled-{n}": [shuffled_output(a, rng) for a in articles if rng.random() < 0.9] for n in range(40)
    }
    return {"exact": exact, "flawed": flawed + [stray], "first-missing": exact[1:], "none": []} | shuffled


@pytest.mark.parametrize("gold_path", GOLD_PATHS, ids=lambda p: p.name)
def test_score_gold_gives_the_reference_figures_on_gold_derived_output(
    gold_path: Path, reference_scorer: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    gold = load_gold_or_skip(gold_path)
    for variant, records in gold_outputs(gold).items():
        expected = reference_report(reference_scorer, gold_path, records, tmp_path, capsys)
        assert score_gold(copy.deepcopy(gold), records) == expected, variant


@pytest.mark.parametrize("gold_path", GOLD_PATHS, ids=lambda p: p.name)
def test_score_gold_gives_the_reference_figures_on_pipeline_output(
    gold_path: Path, reference_scorer: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    gold = load_gold_or_skip(gold_path)
    records = extract_records(gold_path.parent / gold["input"], reference_date(gold))
    assert score_gold(gold, records) == reference_report(
        reference_scorer, gold_path, records, tmp_path, capsys
    )


def reference_summary_line(counts: Counts, figures: dict[str, float]) -> str:
    c = counts
    return (
        f"seg={round(figures['segmentation'], 3)} body={c.body_passed}/{c.body_total} "
        f"people={c.people_found}/{c.people_gold} country={c.people_country} role={c.people_role} "
        f"quotes_req={c.quotes_required_found}/{c.quotes_required} "
        f"speaker={c.speaker_right}/{c.quotes_found} "
        f"events_P={round(figures['events_precision'], 3)} events_R={round(figures['events_recall'], 3)} "
        f"events_F1={round(figures['events_f1'], 3)} forbidden={c.forbidden_events} "
        f"places={c.places_found}/{c.places_required} dates={c.dates_found}/{c.dates_gold}"
    )


@pytest.mark.parametrize("gold_path", GOLD_PATHS, ids=lambda p: p.name)
def test_file_figures_agree_with_the_reference_summary(gold_path: Path, reference_scorer: ModuleType) -> None:
    gold = load_gold_or_skip(gold_path)
    for variant, records in gold_outputs(gold).items():
        scored = score_file(gold, records)
        expected = reference_scorer.summary(scored.report())
        assert reference_summary_line(scored.counts(), scored.figures()) == expected, variant


# --- the rules, one by one ----------------------------------------------------------


def gold_article(**fields: Any) -> dict[str, Any]:
    article = {
        "title": "Talks on Idlib Open in Geneva",
        "published": "2024-03-12",
        "paragraphs": 2,
        "body_starts": "Talks on the future of Idlib opened on Monday",
        "body_ends": "the envoy said.",
    }
    return article | fields


def output_article(**fields: Any) -> dict[str, Any]:
    body = "Talks on the future of Idlib opened on Monday in Geneva.\n\nNo deal is expected, the envoy said."
    record = {
        "title": "Talks on Idlib Open in Geneva",
        "body": body,
        "paragraphs": [{"text": text} for text in body.split("\n\n")],
    }
    return record | fields


def score_one(gold: dict, record: dict | None = None) -> dict[str, Any]:
    """score.py's report for one gold article and one output article."""
    records = [] if record is None else [record]
    return score_gold({"input": "x.txt", "articles": [gold]}, records)["articles"][0]


def test_title_matches_across_curly_quotes_nbsp_and_case() -> None:
    gold = gold_article(title="Russia ‘Won’t Indefinitely Tolerate Situation’")
    record = output_article(title="russia 'Won't\u00a0Indefinitely  Tolerate Situation'")
    report = score_gold({"input": "x.txt", "articles": [gold]}, [record])
    assert report["segmentation"] == 1.0
    assert "missing" not in report["articles"][0]


def test_gold_article_without_output_fails_every_body_check_and_segmentation_counts_extras() -> None:
    report = score_gold({"input": "x.txt", "articles": [gold_article()]}, [output_article(title="Other")] * 3)
    article = report["articles"][0]
    assert report["segmentation"] == 0.0
    assert article["missing"] is True
    assert article["body"] == dict.fromkeys(
        ["starts", "ends", "paragraphs", "furniture_gone", "captions"], False
    )


def test_untitled_gold_article_takes_the_only_output_article() -> None:
    report = score_gold({"input": "x.txt", "articles": [gold_article(title=None)]}, [output_article()])
    assert report["segmentation"] == 1.0
    assert all(report["articles"][0]["body"].values())


def test_body_may_start_with_a_dateline_of_up_to_60_characters() -> None:
    dated = output_article(
        body="GENEVA (Reuters) — Talks on the future of Idlib opened on Monday. the envoy said."
    )
    too_far = output_article(
        body="x" * 61 + " Talks on the future of Idlib opened on Monday. the envoy said."
    )
    assert score_one(gold_article(), dated)["body"]["starts"] is True
    assert score_one(gold_article(), too_far)["body"]["starts"] is False


def test_body_ends_and_paragraph_count_are_checked() -> None:
    checks = score_one(gold_article(paragraphs=3, body_ends="said the envoy."), output_article())["body"]
    assert checks["ends"] is False
    assert checks["paragraphs"] is False


def test_whole_line_furniture_fails_only_on_an_equal_line() -> None:
    gold = gold_article(body_must_not_contain=["\nTT\n"])
    with_word = output_article(
        body="Talks on the future of Idlib opened on Monday, TT reported.\n\nthe envoy said."
    )
    with_line = output_article(body="Talks on the future of Idlib opened on Monday.\nTT\nthe envoy said.")
    assert score_one(gold, with_word)["body"]["furniture_gone"] is True
    assert score_one(gold, with_line)["body"]["furniture_gone"] is False


def test_substring_furniture_fails_anywhere_in_the_body() -> None:
    gold = gold_article(body_must_not_contain=["AFP file photo"])
    record = output_article(
        body="Talks on the future of Idlib opened on Monday. AFP\u00a0file photo\n\nthe envoy said."
    )
    assert score_one(gold, record)["body"]["furniture_gone"] is False


def test_caption_needs_its_text_and_credit() -> None:
    gold = gold_article(
        captions=[{"text": "Destruction in Syria’s Idlib province.", "credit": "AFP file photo"}]
    )
    kept = output_article(
        captions=[{"text": "Destruction in Syria's Idlib province.", "credit": "AFP file photo"}]
    )
    no_credit = output_article(captions=[{"text": "Destruction in Syria’s Idlib province.", "credit": None}])
    assert score_one(gold, kept)["body"]["captions"] is True
    assert score_one(gold, no_credit)["body"]["captions"] is False


@pytest.mark.parametrize(
    ("gold_name", "output_name", "same"),
    [
        ("Bashar al-Assad", "Bashar Assad", True),
        ("Bashar al-Assad", "Bashar al Assad", True),
        ("Mohammad Javad Zarif", "Mohammad Zarif", True),
        ("Mohammad Javad Zarif", "Javad Zarif", False),
        ("Sergei Lavrov", "Lavrov", False),
        ("Recep Tayyip Erdoğan", "President Recep Tayyip Erdogan", True),
        ("Yasar Guler", "", False),
    ],
)
def test_person_matches_by_normalised_name_or_given_name_and_surname(
    gold_name: str, output_name: str, same: bool
) -> None:
    assert same_person(gold_name, output_name) is same


def test_people_country_and_role_are_scored_on_found_people() -> None:
    gold = gold_article(
        people=[
            {"name": "Mohammad Javad Zarif", "country": "IRN", "role": "Foreign Minister"},
            {"name": "Walid al-Moallem", "country": "SYR", "role": "Foreign Minister"},
            {"name": "Amir Hatami", "country": "IRN", "role": "Defense Minister"},
        ]
    )
    record = output_article(
        entities=[
            {
                "type": "PERSON",
                "name": "Mohammad Zarif",
                "country": "IRN",
                "role": "Iranian foreign minister",
            },
            {"type": "PERSON", "name": "Walid Moallem", "country": "IRQ", "role": "minister"},
            {"type": "ORG", "name": "Amir Hatami", "country": "IRN", "role": "Defense Minister"},
            {"type": "PER", "name": "Sergei Lavrov", "country": "RUS", "role": None},
        ]
    )
    assert score_one(gold, record)["people"] == {
        "found": 2,
        "country_ok": 1,
        "role_ok": 1,
        "gold": 3,
        "extra_people_out": 1,
    }


def test_quote_found_by_its_opening_words_and_speaker_accuracy() -> None:
    gold = gold_article(
        quotes=[
            {
                "speaker": "Sergei Lavrov",
                "starts": "We are now taking the most active effort",
                "required": True,
            },
            {"speaker": "Sergei Lavrov", "starts": "could not indefinitely", "required": True},
            {"speaker": "Yasar Guler", "starts": "Our efforts to form this line", "required": False},
        ]
    )
    record = output_article(
        quotes=[
            {"text": "“We are now taking the most active effort, together with…", "speaker": "Sergei Lavrov"},
            {"text": "Russia “could not indefinitely” tolerate", "speaker": "Lavrov"},
        ]
    )
    assert score_one(gold, record)["quotes"] == {
        "required_found": 2,
        "required": 2,
        "found": 2,
        "speaker_right": 1,
        "gold": 3,
        "out": 2,
    }


def event(event_type: str, source: list[str], target: list[str], **fields: Any) -> dict[str, Any]:
    return {"type": event_type, "source": actors(source), "target": actors(target)} | fields


def gold_event(event_type: str | list[str], source: list[str], target: list[str], **fields: Any) -> dict:
    return {"type": event_type, "source": source, "target": target, "required": True} | fields


def test_gold_event_type_list_accepts_any_listed_type() -> None:
    gold = gold_article(events=[gold_event(["COOPERATE", "AID"], ["TUR"], ["SYR"])])
    assert score_one(gold, output_article(events=[event("AID", ["TUR"], ["SYR"])]))["events"]["r"] == 1.0
    assert score_one(gold, output_article(events=[event("SUPPORT", ["TUR"], ["SYR"])]))["events"]["r"] == 0.0


def test_symmetric_consult_matches_with_swapped_roles_but_accuse_does_not() -> None:
    consult = gold_article(events=[gold_event("CONSULT", ["IRN"], ["SYR"])])
    accuse = gold_article(events=[gold_event("ACCUSE", ["TUR"], ["ISR"])])
    swapped_consult = output_article(events=[event("CONSULT", ["SYR"], ["IRN"])])
    swapped_accuse = output_article(events=[event("ACCUSE", ["ISR"], ["TUR"])])
    assert score_one(consult, swapped_consult)["events"]["f1"] == 1.0
    assert score_one(accuse, swapped_accuse)["events"]["f1"] == 0.0


def test_each_output_event_matches_at_most_one_gold_event() -> None:
    gold = gold_article(
        events=[gold_event("CONSULT", ["IRN"], ["SYR"]), gold_event("CONSULT", ["IRN"], ["SYR"])]
    )
    events = score_one(gold, output_article(events=[event("CONSULT", ["IRN"], ["SYR", "RUS"])]))["events"]
    assert (events["p"], events["r"]) == (1.0, 0.5)


def test_negated_and_hypothetical_output_events_are_not_counted() -> None:
    gold = gold_article(events=[gold_event("RETREAT", ["TUR"], ["SYR"])])
    record = output_article(
        events=[
            event("RETREAT", ["TUR"], ["SYR"], negated=True),
            event("RETREAT", ["TUR"], ["SYR"], hypothetical=True),
        ]
    )
    events = score_one(gold, record)["events"]
    assert (events["p"], events["r"], events["out"]) == (0.0, 0.0, 0)


def test_unmatched_event_on_an_optional_gold_events_evidence_is_excused() -> None:
    evidence = "In a message addressed to Ankara, Lavrov stressed the need to separate the opposition."
    gold = gold_article(
        events=[
            gold_event("THREATEN", ["RUS"], ["SYR"]),
            gold_event("REQUEST", ["RUS"], ["TUR"], required=False, evidence=evidence),
        ]
    )
    excused = event("ACCUSE", ["RUS"], ["TUR"], evidence=f"“{evidence}”")
    punished = event("ACCUSE", ["RUS"], ["TUR"], evidence="Lavrov spoke to students in Moscow.")
    matched = event("THREATEN", ["RUS"], ["SYR"])
    assert score_one(gold, output_article(events=[matched, excused]))["events"]["p"] == 1.0
    assert score_one(gold, output_article(events=[matched, punished]))["events"]["p"] == 0.5


def test_output_event_matching_a_not_event_is_forbidden() -> None:
    gold = gold_article(
        not_events=[
            {"type": "RETREAT", "source": ["TUR"], "why": "no immediate plans for the withdrawal"},
            {"type": "ASSAULT", "source": ["TUR"], "target": ["ISR"], "why": "talks avoid a clash"},
        ]
    )
    record = output_article(
        events=[
            event("RETREAT", ["TUR"], ["SYR"]),
            event("RETREAT", ["TUR"], [], negated=True),
            event("ASSAULT", ["ISR"], ["TUR"]),
        ]
    )
    assert score_one(gold, record)["events"]["forbidden"] == ["RETREAT"]


def test_place_is_found_within_161_km_of_the_gold_point() -> None:
    gold = gold_article(
        places=[
            {"name": "Idlib", "lat": 35.93, "lon": 36.63, "required": True},
            {"name": "Damascus", "lat": 33.51, "lon": 36.29, "required": True},
            {"name": "Ankara", "lat": 39.92, "lon": 32.85, "required": False},
        ]
    )
    record = output_article(
        places=[
            {"name": "Idlib", "lat": 36.93, "lon": 36.63},
            {"name": "Damascus", "lat": 35.51, "lon": 36.29},
            {"name": "Ankara", "lat": 39.92, "lon": 32.85},
        ]
    )
    assert score_one(gold, record)["places"] == {"found": 1, "required": 2}


def test_month_and_week_values_equal_their_spans_of_days() -> None:
    assert same_date("2024-03", "2024-03-01/2024-03-31")
    assert same_date("2024-W41", "2024-10-07/2024-10-13")
    assert same_date("2024-12-09/2024-12-15", "2024-W50")
    assert not same_date("2024-03", "2024-03-01")
    assert date_interval("2024") == date_interval("2024-01-01/2024-12-31")
    assert date_interval("2024-13") is None
    assert date_interval("next Friday/2024") is None


def test_date_found_when_text_overlaps_and_value_is_the_same_span() -> None:
    gold = gold_article(
        dates=[
            {"text": "On Sunday", "value": "2018-09-02"},
            {"text": "in March", "value": "2024-03"},
            {"text": "next Friday", "value": "2018-09-07"},
        ]
    )
    record = output_article(
        dates=[
            {"text": "Sunday", "value": "2018-09-02"},
            {"text": "in March", "value": "2024-03-01/2024-03-31"},
            {"text": "next Friday", "value": None},
        ]
    )
    assert score_one(gold, record)["dates"] == {"found": 2, "gold": 3}


# --- running over gold files, micro-averaging, floors --------------------------------


def write_gold(folder: Path, name: str, articles: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text("raw text\n", encoding="utf-8")
    path = folder / f"{name}.expected.json"
    path.write_text(json.dumps({"input": f"{name}.txt", "articles": articles}), encoding="utf-8")
    return path


def test_figures_are_micro_averaged_over_all_articles_of_all_files(tmp_path: Path) -> None:
    one = gold_article(events=[gold_event("CONSULT", ["IRN"], ["SYR"])])
    three = gold_article(title="Second", events=[gold_event("ASSAULT", ["ISR"], ["SYR"])] * 3)
    write_gold(tmp_path, "a", [one])
    write_gold(tmp_path, "b", [three])
    outputs = {
        "a.txt": [output_article(events=[event("CONSULT", ["IRN"], ["SYR"])])],
        "b.txt": [output_article(title="Second")],
    }
    report = evaluate([tmp_path], run=lambda path, published: outputs[path.name])
    assert [f.name for f in report.files] == ["a", "b"]
    assert report.figures()["events_recall"] == 0.25
    assert report.counts().events_required == 4


def test_evaluate_runs_each_input_with_its_gold_reference_date(tmp_path: Path) -> None:
    gold_path = write_gold(
        tmp_path, "dump", [gold_article(published=None), gold_article(published="2018-09-04")]
    )
    calls = []
    evaluate([gold_path], run=lambda path, published: calls.append((path, published)) or [])
    assert calls == [(tmp_path / "dump.txt", "2018-09-04")]


def test_gold_files_expands_directories_sorted_and_refuses_missing_paths(tmp_path: Path) -> None:
    second = write_gold(tmp_path / "gold", "b", [])
    first = write_gold(tmp_path / "gold", "a", [])
    assert gold_files([tmp_path / "gold"]) == [first, second]
    with pytest.raises(GoldError, match="no such gold file"):
        gold_files([tmp_path / "absent.expected.json"])


def test_gold_file_whose_input_is_missing_is_an_error_naming_it(tmp_path: Path) -> None:
    gold_path = write_gold(tmp_path, "lost", [gold_article()])
    (tmp_path / "lost.txt").unlink()
    with pytest.raises(GoldError, match="'lost.txt' is not beside it"):
        evaluate([gold_path], run=lambda path, published: [])


def typed_report(tmp_path: Path) -> EvalReport:
    """Three required gold events: one found, one given another type in its sentence,
    one found with the wrong actors; and one output event that no gold event names."""
    gold = gold_article(
        events=[
            gold_event("CONSULT", ["IRN"], ["SYR"], evidence="Zarif held talks with Syrian officials"),
            gold_event("SANCTION", ["USA"], ["IRN"], evidence="Washington froze the assets of Iranian banks"),
            gold_event("ACCUSE", ["SYR"], ["ISR"], evidence="Damascus accused Israel of striking"),
        ]
    )
    gold_path = write_gold(tmp_path, "typed", [gold])
    outputs = [
        event("CONSULT", ["IRN"], ["SYR"], evidence="Zarif held talks with Syrian officials in Damascus."),
        event("COERCE", ["USA"], ["IRN"], evidence="Washington froze the assets of Iranian banks on Monday."),
        event("ACCUSE", ["SYR"], ["TUR"], evidence="Damascus accused Israel of striking the airport."),
        event("ASSAULT", ["ISR"], ["SYR"], evidence="Israeli jets struck the airport overnight."),
    ]
    return evaluate([gold_path], run=lambda path, published: [output_article(events=outputs)])


def test_events_by_type_give_recall_over_gold_and_precision_over_output(tmp_path: Path) -> None:
    by_type = {row.type: row for row in typed_report(tmp_path).by_type()}
    assert (by_type["CONSULT"].required_hit, by_type["CONSULT"].required) == (1, 1)
    assert (by_type["SANCTION"].required_hit, by_type["SANCTION"].required, by_type["SANCTION"].counted) == (
        0,
        1,
        0,
    )
    assert (by_type["COERCE"].matched, by_type["COERCE"].counted) == (0, 1)
    assert (by_type["ACCUSE"].required_hit, by_type["ACCUSE"].counted) == (0, 1)
    assert by_type["ASSAULT"].required == 0


def test_confusion_pairs_a_missed_gold_event_with_the_type_given_in_its_sentence(tmp_path: Path) -> None:
    assert typed_report(tmp_path).confusion() == {
        ("CONSULT", "CONSULT"): 1,
        ("SANCTION", "COERCE"): 1,
        ("ACCUSE", WRONG_ACTORS): 1,
        (None, "ASSAULT"): 1,
    }


def test_eval_prints_events_by_type_and_the_confusion_table(tmp_path: Path) -> None:
    (tmp_path / "typed.txt").write_text(TINY_INPUT, encoding="utf-8")
    report = typed_report(tmp_path)
    console = Console(width=200, record=True)
    console.print(eval_type_table(report))
    console.print(eval_confusion_table(report))
    text = console.export_text()
    assert "SANCTION" in text and "wrong actors" in text and "not in gold" in text


def one_file_report(tmp_path: Path, records: list[dict]) -> EvalReport:
    gold_path = write_gold(tmp_path, "seed", [gold_article(events=[gold_event("CONSULT", ["IRN"], ["SYR"])])])
    return evaluate([gold_path], run=lambda path, published: records)


def test_check_floors_names_each_figure_below_its_floor(tmp_path: Path) -> None:
    report = one_file_report(tmp_path, [output_article(events=[event("CONSULT", ["IRN"], ["SYR"])] * 2)])
    floors = {"_about": "a comment", "segmentation": 1.0, "events_f1": 0.8, "forbidden_events": 0}
    assert check_floors(report, floors) == ["seed events_f1 0.667 < floor 0.800"]


def test_check_floors_treats_forbidden_events_as_a_ceiling_and_flags_unknown_names(tmp_path: Path) -> None:
    gold = gold_article(not_events=[{"type": "RETREAT", "source": ["TUR"]}])
    gold_path = write_gold(tmp_path, "seed", [gold])
    report = evaluate(
        [gold_path], run=lambda path, published: [output_article(events=[event("RETREAT", ["TUR"], [])])]
    )
    failures = check_floors(report, {"forbidden_events": 0, "event_f1": 0.5})
    assert failures[0] == "seed forbidden_events 1 > ceiling 0"
    assert failures[1].startswith("seed event_f1: no such figure")


def test_written_floors_are_met_by_the_same_run(tmp_path: Path) -> None:
    report = one_file_report(tmp_path, [output_article(events=[event("CONSULT", ["IRN"], ["SYR"])] * 3)])
    floors = floors_from(report)
    assert floors["events_precision"] == 0.333
    assert check_floors(report, floors) == []


def test_written_floors_leave_out_figures_that_measured_nothing(tmp_path: Path) -> None:
    floors = floors_from(one_file_report(tmp_path, [output_article()]))
    del floors["_about"]
    assert floors == {
        "segmentation": 1.0,
        "body": 1.0,
        "events_recall": 0.0,
        "events_f1": 0.0,
        "forbidden_events": 0,
        "headlines": 1.0,
        "dated_from_text": 0.0,  # 'raw text' gives no date of its own
    }


def test_load_floors_refuses_a_floor_that_is_not_a_number(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text('{"_about": "x", "segmentation": "high"}', encoding="utf-8")
    with pytest.raises(GoldError, match="floors must be numbers: segmentation"):
        load_floors(path)


# --- the command --------------------------------------------------------------------

TINY_INPUT = """Iran and Syria Hold Talks in Damascus

DAMASCUS (Reuters) — Iranian Foreign Minister Mohammad Javad Zarif held talks with Syrian officials in \
Damascus on Monday, the foreign ministry said.

The two sides discussed the situation in Idlib province, it added.
"""


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    (tmp_path / "tiny.txt").write_text(TINY_INPUT, encoding="utf-8")
    article = {
        "title": "Iran and Syria Hold Talks in Damascus",
        "published": "2024-03-12",
        "paragraphs": 2,
        "body_starts": "Iranian Foreign Minister Mohammad Javad Zarif held talks",
        "body_ends": "it added.",
        "people": [{"name": "Mohammad Javad Zarif", "country": "IRN", "role": "Foreign Minister"}],
        "events": [
            gold_event("CONSULT", ["IRN"], ["SYR"], evidence="Zarif held talks with Syrian officials")
        ],
        "places": [{"name": "Damascus", "country": "SYR", "lat": 33.51, "lon": 36.29, "required": True}],
        "dates": [{"text": "on Monday", "value": "2024-03-11"}],
    }
    path = tmp_path / "tiny.expected.json"
    path.write_text(json.dumps({"input": "tiny.txt", "articles": [article]}), encoding="utf-8")
    return path


def test_eval_prints_a_row_per_gold_file_and_a_micro_average(tiny_gold: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tiny_gold)])
    assert result.exit_code == 0, result.output
    assert "tiny" in result.stdout
    assert "micro-average" in result.stdout


def test_eval_json_gives_per_file_and_micro_averaged_figures(tiny_gold: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--json", str(tiny_gold.parent)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [file["gold"] for file in data["files"]] == ["tiny"]
    assert set(data["micro"]["figures"]) == set(data["files"][0]["figures"])
    assert data["files"][0]["report"]["input"] == "tiny.txt"


def test_eval_floors_exit_1_when_a_figure_falls_below_and_0_when_above(
    tiny_gold: Path, tmp_path: Path
) -> None:
    high, low = tmp_path / "high.json", tmp_path / "low.json"
    high.write_text('{"segmentation": 1.5}', encoding="utf-8")
    low.write_text('{"segmentation": 0.0, "forbidden_events": 0}', encoding="utf-8")
    failing = CliRunner().invoke(app, ["eval", str(tiny_gold), "--floors", str(high)])
    passing = CliRunner().invoke(app, ["eval", str(tiny_gold), "--floors", str(low)])
    assert failing.exit_code == 1
    assert "tiny segmentation" in failing.stderr
    assert "< floor 1.500" in failing.stderr
    assert passing.exit_code == 0, passing.output


def test_eval_write_floors_writes_floors_the_same_run_meets(tiny_gold: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    written = CliRunner().invoke(app, ["eval", str(tiny_gold), "--write-floors", str(floors)])
    checked = CliRunner().invoke(app, ["eval", str(tiny_gold), "--floors", str(floors)])
    assert written.exit_code == 0, written.output
    assert set(load_floors(floors)) >= {"segmentation", "events_f1", "forbidden_events"}
    assert checked.exit_code == 0, checked.output


# --- pages: headline, publisher, the article's own date, live-blog entries ------------


def _page_counts(tmp_path: Path, gold: dict, output: dict, undated: list[dict] | None = None):
    gold_path = write_gold(tmp_path, "page", [gold])
    report = evaluate([gold_path], run=lambda path, published: [output], clean=lambda path: undated or [])
    return report.counts(), report.figures()


def test_a_publisher_and_the_articles_own_date_are_scored_where_the_gold_gives_them(tmp_path: Path) -> None:
    gold = gold_article(published=None) | {
        "publisher": "Ministry of Foreign Affairs",
        "date": {"value": "2024-05-12", "source": "date line"},
    }
    counts, figures = _page_counts(
        tmp_path,
        gold,
        output_article(
            publisher="MINISTRY OF FOREIGN AFFAIRS", published="2024-05-12", date_source="dateline"
        ),
    )
    assert (counts.headlines_right, counts.headlines_gold) == (1, 1)
    assert (counts.publishers_right, counts.publishers_gold) == (1, 1)
    assert (counts.article_dates_right, counts.article_dates_gold) == (0, 1)  # right day, wrong source
    assert figures["article_dates"] == 0.0


def test_an_untitled_gold_article_wants_no_headline(tmp_path: Path) -> None:
    counts, _ = _page_counts(tmp_path, gold_article(title=None, published=None), output_article(title="OCHA"))
    assert (counts.headlines_right, counts.headlines_gold) == (0, 1)


def test_a_live_blog_entry_is_right_with_its_time_and_day(tmp_path: Path) -> None:
    gold = gold_article(published=None) | {
        "entries": [
            {"starts": "Talks on the future", "time": "23:40", "day": "2024-11-25"},
            {"starts": "No deal is expected", "time": "00:05", "day": "2024-11-26"},
        ]
    }
    output = output_article(
        entries=[
            {"paragraph": 0, "stamp": "23:40", "time": "23:40", "day": "2024-11-25"},
            {"paragraph": 1, "stamp": "00:05", "time": "00:05", "day": "2024-11-25"},
        ]
    )
    counts, _ = _page_counts(tmp_path, gold, output)
    assert (counts.entries_right, counts.entries_gold) == (1, 2)


def test_dated_from_text_is_the_reference_date_found_again_with_no_date_given(tmp_path: Path) -> None:
    gold = gold_article(published="2024-03-03")
    found, _ = _page_counts(tmp_path, gold, output_article(), [output_article(published="2024-03-03")])
    lost, _ = _page_counts(tmp_path, gold, output_article(), [output_article(published=None)])
    assert (found.dated_from_text, found.dated_gold) == (1, 1)
    assert (lost.dated_from_text, lost.dated_gold) == (0, 1)
