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
