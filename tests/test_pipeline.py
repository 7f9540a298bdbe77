"""The pipeline end to end from Python: `eventwire.extract` on a string and on files."""

import eventwire
from helpers import SAMPLE


def test_extract_reads_a_string_as_one_article():
    (record,) = eventwire.extract("NAIROBI (Reuters) - Kenya sent 200 police officers to Haiti on Monday.")
    assert record["title"] is None
    assert record["dateline"] == "NAIROBI"
    assert record["body"].startswith("NAIROBI (Reuters) - Kenya")


def test_a_date_in_a_photo_caption_is_resolved_and_points_to_its_caption():
    first, second = eventwire.extract(paths=[str(SAMPLE)], published="2018-09-04")
    caption_dates = [d for d in second["dates"] if d["caption"] is not None]
    assert caption_dates == [
        {"text": "January 11, 2024", "value": "2024-01-11", "granularity": "day", "start": 262, "end": 278,
         "caption": 0}
    ]  # fmt: skip
    caption = second["captions"][0]["text"]
    assert caption[262:278] == "January 11, 2024"
    assert all(d["caption"] is None for d in first["dates"])


def test_parsing_in_two_processes_gives_the_same_reading_as_one():
    from eventwire.nlp import parse_articles
    from eventwire.pipeline import clean_documents
    from eventwire.read import read_inputs

    articles = list(clean_documents(read_inputs([str(SAMPLE)]), published="2018-09-04")) * 2
    assert list(parse_articles(articles, n_process=2)) == list(parse_articles(articles, n_process=1))


def test_extract_takes_one_path_given_as_a_string():
    assert eventwire.extract(paths=str(SAMPLE)) == eventwire.extract(paths=[str(SAMPLE)])


def test_extract_iter_reports_unreadable_inputs_in_their_place_and_goes_on(tmp_path):
    from eventwire.errors import ReadError

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(
        "KABUL (Reuters) - Pakistan and Afghanistan resumed border talks on Monday.\n", encoding="utf-8"
    )
    items = list(eventwire.extract_iter(paths=[empty, tmp_path / "gone.txt", good]))
    assert [type(item).__name__ for item in items] == ["ReadError", "ReadError", "dict"]
    assert all(isinstance(item, ReadError) for item in items[:2])
    assert [item.source for item in items[:2]] == [str(empty), str(tmp_path / "gone.txt")]
    assert items[2]["dateline"] == "KABUL"


def test_two_json_lines_records_with_the_same_id_are_two_articles(tmp_path):
    import json

    path = tmp_path / "repeated.jsonl"
    rows = [
        {"id": 7, "text": "MANILA (Wire) — The coast guard escorted two supply boats on Monday."},
        {"id": "7", "text": "HANOI (Wire) — Vietnam protested the seizure of a fishing boat on Monday."},
        {"id": 7, "text": "MANILA (Wire) — The coast guard escorted two supply boats on Monday."},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    first, second, third = eventwire.extract(paths=path)
    assert first["source"] == second["source"] == third["source"] == "7"
    assert len({first["id"], second["id"]}) == 2
    assert first["duplicate_of"] is None and second["duplicate_of"] is None
    assert third["duplicate_of"] == first["id"]


def test_extract_refuses_a_reference_date_that_is_not_a_day():
    import pytest

    with pytest.raises(ValueError, match="published='4 Sept 2018' is not a day written YYYY-MM-DD"):
        eventwire.extract("Talks resumed on Monday.", published="4 Sept 2018")


def test_in_two_processes_errors_keep_their_place_between_the_articles():
    from eventwire.errors import ReadError
    from eventwire.nlp import parse_articles
    from eventwire.pipeline import clean_documents
    from eventwire.read import read_inputs

    first, second = clean_documents(read_inputs([str(SAMPLE)]), published="2018-09-04")
    missing = ReadError("gone.txt", "no such file")
    items = [first, missing, second, missing]
    two = list(parse_articles(items, n_process=2, batch_size=1))
    assert [type(item).__name__ for item in two] == ["tuple", "ReadError", "tuple", "ReadError"]
    assert two == list(parse_articles(items, n_process=1))


ALMATY_RATE = (
    "Kazakhstan raises its base rate to 15.25 percent\n\n"
    "ALMATY, 14 November 2024 – The National Bank of Kazakhstan raised its base rate on "
    "Tuesday, citing faster inflation.\n\n"
    "The bank will review the rate again in January."
)


def test_a_dated_dateline_gives_the_record_its_published_date_and_says_so():
    (record,) = eventwire.extract(ALMATY_RATE)
    assert (record["published"], record["date_source"]) == ("2024-11-14", "dateline")
    assert [d["value"] for d in record["dates"] if d["text"] == "Tuesday"] == ["2024-11-12"]


def test_the_datelines_date_wins_over_the_runs_published_date():
    (record,) = eventwire.extract(ALMATY_RATE, published="2024-11-20")
    assert (record["published"], record["date_source"]) == ("2024-11-14", "dateline")


def test_a_date_line_in_spanish_dates_the_articles_weekdays():
    text = (
        "Miércoles 27 de noviembre de 2024 | Edición digital\n\n"
        "Congress approves pension reform after all-night session\n\n"
        "Lawmakers approved the pension reform on Tuesday by 141 votes to 98.\n\n"
        "The opposition said it would challenge the law in court."
    )
    (record,) = eventwire.extract(text)
    assert (record["published"], record["date_source"]) == ("2024-11-27", "date line")
    assert [d["value"] for d in record["dates"] if d["text"] == "Tuesday"] == ["2024-11-26"]


def test_a_page_or_a_text_with_no_article_in_it_is_a_line_naming_it(tmp_path):
    page = tmp_path / "widget.html"
    page.write_text(
        "<html><head><script>" + "var slot = 1;" * 2000 + "</script></head><body><div></div></body></html>",
        encoding="utf-8",
    )
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\xff\xfe\xc3" * 3000 + b"\n")
    items = list(eventwire.extract_iter(paths=[page, junk]))
    assert [str(item) for item in items] == [
        f"{page}: no article text found in the page (only scripts, markup or furniture)",
        f"{junk}: no article text in it (only furniture, or unreadable bytes)",
    ]
