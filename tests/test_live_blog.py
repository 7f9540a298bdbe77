"""Live blogs: each entry keeps the time printed over it and gets the day it falls on,
whichever way the blog runs; relative dates in an entry are read from that day."""

import pytest

from eventwire import clean_document
from eventwire.clean.live_blog import clock_time, entry_days
from eventwire.records import Document


def clean_text(text: str, source: str, published: str | None = None):
    return tuple(clean_document(Document(source=source, text=text), published=published))


NEWEST_FIRST = (
    "Georgia protests: police disperse rally outside parliament – live updates\n\n"
    "Key events\nShow key events only\n\n"
    "00:20\nWe are closing this blog for the night. Thank you for following.\n\n"
    "23:45\nRiot police used water cannon to clear Rustaveli Avenue, the interior ministry said.\n\n"
    "21:10\nOpposition leaders called on supporters to return on Friday.\n\n"
    "18:30\nThousands of protesters gathered outside parliament in Tbilisi after the vote."
)

OLDEST_FIRST = (
    "Lebanon ceasefire: Israeli army pulls back from two villages – as it happened\n\n"
    "08.05 BST\nGood morning. The ceasefire between Israel and Hezbollah enters its third day.\n\n"
    "2.45pm\nThe Lebanese army said it had deployed soldiers to Khiam after Israeli troops left.\n\n"
    "11.50pm\nUN peacekeepers reported no violations in the south this evening.\n\n"
    "1.15am\nIsraeli drones struck a vehicle near Nabatieh, Lebanon's health ministry said today."
)


def test_entry_times_stay_with_their_entries_in_a_newest_first_blog():
    (article,) = clean_text(NEWEST_FIRST, source="blog.txt", published="2024-12-04")
    starts = [article.paragraphs[e.paragraph].text[:20] for e in article.entries]
    assert [e.time for e in article.entries] == ["00:20", "23:45", "21:10", "18:30"]
    assert starts == [
        "We are closing this ",
        "Riot police used wat",
        "Opposition leaders c",
        "Thousands of protest",
    ]
    assert "\n00:20\n" not in f"\n{article.body}\n"


def test_a_newest_first_blog_puts_its_earliest_entry_on_its_date_and_the_midnight_after_it():
    (article,) = clean_text(NEWEST_FIRST, source="blog.txt", published="2024-12-04")
    assert [e.day for e in article.entries] == ["2024-12-05", "2024-12-04", "2024-12-04", "2024-12-04"]


def test_an_oldest_first_blog_moves_to_the_next_day_after_midnight():
    (article,) = clean_text(OLDEST_FIRST, source="blog.txt", published="2024-11-29")
    assert [(e.stamp, e.time, e.day) for e in article.entries] == [
        ("08.05 BST", "08:05", "2024-11-29"),
        ("2.45pm", "14:45", "2024-11-29"),
        ("11.50pm", "23:50", "2024-11-29"),
        ("1.15am", "01:15", "2024-11-30"),
    ]


def test_entries_without_a_date_have_times_but_no_day():
    (article,) = clean_text(OLDEST_FIRST, source="blog.txt")
    assert [e.day for e in article.entries] == [None] * 4
    assert article.entries[0].time == "08:05"


def test_one_time_stamp_does_not_make_an_article_a_live_blog():
    (article,) = clean_text(
        "Somali forces retake Moqokori\n\n11:32 GMT\n\n"
        "MOGADISHU (Reuters) - Somali troops retook the town of Moqokori on Tuesday.\n\n"
        "The militants withdrew before dawn.",
        source="one.txt",
    )
    assert article.entries == ()


@pytest.mark.parametrize(
    ("stamp", "time"),
    [
        ("14:05 GMT", "14:05"),
        ("08.02 BST", "08:02"),
        ("2.45pm", "14:45"),
        ("12:10 a.m.", "00:10"),
        ("2:45 P.M. EST", "14:45"),
        # A zone that starts with P or A is not the afternoon ('PKT', 'AST', 'PDT').
        ("00:30 PKT", "00:30"),
        ("09:40 AST", "09:40"),
        ("1h ago", None),
    ],
)
def test_clock_time_reads_the_forms_blogs_print(stamp, time):
    assert clock_time(stamp) == time


def test_an_entry_out_of_place_by_minutes_is_not_a_midnight():
    # a pinned post a few minutes off the order does not move the day
    assert entry_days(["10:00", "10:40", "10:30", "11:15"], "2024-05-01") == ["2024-05-01"] * 4


def test_relative_dates_in_an_entry_after_midnight_read_from_that_entrys_day():
    from eventwire.pipeline import process_news
    from eventwire.read import read_text

    ((_, findings),) = process_news([read_text(OLDEST_FIRST, "blog.txt")], published="2024-11-29")
    today = next(d for d in findings.dates if d.text == "today")
    assert today.value == "2024-11-30"


def test_a_blog_dated_by_its_update_stamp_puts_its_latest_entry_on_that_date():
    assert entry_days(["13:00", "18:40", "23:10", "01:30"], "2024-11-26", latest_on_reference=True) == [
        "2024-11-25",
        "2024-11-25",
        "2024-11-25",
        "2024-11-26",
    ]
