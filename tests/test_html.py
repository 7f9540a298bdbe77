"""clean/html.py: the main text, title, date, byline, captions and URL of news pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import clean_document
from eventwire.clean.html import page_text
from eventwire.read import read_inputs
from eventwire.records import Caption, Document

HTML = Path(__file__).parent / "data" / "html"

# Text of page furniture in the fixtures: none of it may reach the main text.
FURNITURE = (
    "cookies",
    "Manage preferences",
    "Politics",
    "Middle East",
    "Related stories",
    "Aid trucks wait for days",
    "Morning Briefing",
    "newsletter",
    "Comments (3)",
    "I will believe it when the families are home",
    "Good reporting",
    "Share this article",
    "All rights reserved",
    "Privacy policy",
    "More news",
    "Copper exports rise",
    "Leave a comment",
    "Proud of the students",
    "Most read",
    "Read next",
    "Inside Korem: a town cut off",
    "Thank you for staying on this story",
    "Your privacy matters",
    "More from World",
    "Election commission sets date",
    "All quotes delayed",
)


def read_page(name: str) -> str:
    """A fixture page decoded the way the reader decodes it (charset from its meta tag)."""
    [doc] = read_inputs([str(HTML / name)])
    assert isinstance(doc, Document)
    return doc.text


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def assert_no_furniture(text: str) -> None:
    present = [phrase for phrase in FURNITURE if phrase in text]
    assert present == []


def test_og_title_wins_over_title_tag_with_site_suffix():
    page = page_text(read_page("doha_talks.html"))
    assert page.title == "Mediators press for prisoner exchange as ceasefire talks resume in Doha"


def test_doha_page_metadata():
    page = page_text(read_page("doha_talks.html"))
    assert page.byline == "Amira Haddad"
    assert page.published == "2024-03-12"
    assert page.url == "https://www.gulfledger.example/world/2024/03/12/doha-ceasefire-talks-resume"
    assert page.captions == (
        Caption(
            text="Members of a visiting delegation arrive for talks at a hotel in Doha on March 12, 2024.",
            credit="Reuters",
        ),
    )


def test_doha_page_body_runs_from_dateline_to_last_paragraph_without_furniture():
    page = page_text(read_page("doha_talks.html"))
    body = paragraphs(page.text)
    assert len(body) == 8
    assert body[0].startswith("DOHA (Gulf Ledger) — Negotiators returned to the Qatari capital on Tuesday")
    assert body[2].startswith("“We are closer than we have been")
    assert body[-1] == (
        "The talks are expected to continue through Thursday, when the Qatari foreign ministry said it "
        "would issue a statement on their progress."
    )
    assert "Mediators press for prisoner exchange" not in page.text  # the headline is not body text
    assert_no_furniture(page.text)


def test_windows_1252_page_keeps_curly_quotes_and_accented_names():
    page = page_text(read_page("valparaiso_port_cp1252.html"))
    assert page.title == "Thousands march in Valparaíso against port sale plan"
    assert page.byline == "José Martínez Ortúzar"
    assert page.published == "2023-11-04"
    assert page.url == "https://costawire.example/news/2023/11/04/valparaiso-port-march.html"
    assert page.captions == (
        Caption(
            text="Dockworkers and students march along Avenida Errázuriz in Valparaíso on Nov. 3, 2023.",
            credit="Inés Cárcamo/Costa Wire",
        ),
    )
    body = paragraphs(page.text)
    assert body[0].startswith("VALPARAÍSO, Chile — Several thousand dockworkers")
    assert "chanting “the port belongs to the city”" in body[1]
    assert "Deputy Minister Ximena Ñúñez" in body[3]
    assert body[-1].startswith("The march ended peacefully shortly before dusk")
    assert_no_furniture(page.text)


def test_date_line_above_the_body_is_not_a_paragraph():
    page = page_text(read_page("valparaiso_port_cp1252.html"))
    assert "Saturday, 4 November 2023" not in page.text


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Army withdraws from border town - World | Meridian Post</title>",
            "Army withdraws from border town",
        ),
        ("<title>Turkey - Syria talks resume in Astana</title>", "Turkey - Syria talks resume in Astana"),
        (
            '<meta property="og:title" content="Army withdraws from border town | Meridian Post">'
            '<meta property="og:site_name" content="Meridian Post">',
            "Army withdraws from border town",
        ),
        ('<meta property="og:title" content="Sudan: what we know">', "Sudan: what we know"),
    ],
)
def test_site_names_are_cut_from_titles_but_not_headline_words(head, title):
    html = (
        f"<html><head>{head}</head><body><p>The army said on Monday it had left the town.</p></body></html>"
    )
    assert page_text(html).title == title


def test_title_tag_loses_site_name_after_en_dash():
    page = page_text(read_page("aid_convoy.html"))
    assert page.title == "UN convoy reaches besieged town after weeks of delay"


def test_original_publication_date_is_kept_not_the_update():
    page = page_text(read_page("aid_convoy.html"))
    assert page.published == "2022-06-18"


def test_byline_with_two_authors():
    page = page_text(read_page("aid_convoy.html"))
    assert page.byline == "Tomas Lindqvist; Grace Achieng"


def test_credit_in_its_own_element_is_split_and_repeated_caption_kept_once():
    page = page_text(read_page("aid_convoy.html"))
    assert page.captions == (
        Caption(
            text="Trucks carrying food and medicine wait at a checkpoint outside the town on June 17, 2022.",
            credit="AP Photo/Samuel Okello",
        ),
        Caption(
            text="A nurse sorts boxes of medicine at a clinic in Korem, June 18, 2022.",
            credit="Grace Achieng",
        ),
    )


def test_aid_convoy_body_first_and_last_paragraph():
    page = page_text(read_page("aid_convoy.html"))
    body = paragraphs(page.text)
    assert len(body) == 8
    assert body[0].startswith("A convoy of 23 trucks carrying food, medicine and fuel reached the besieged")
    assert body[-1].startswith("The UN said a second convoy was being loaded in the regional capital")
    assert "Advertisement" not in page.text
    assert_no_furniture(page.text)


def test_agency_credits_reuters_slash_afp_file_photo_and_getty():
    page = page_text(read_page("summit_statement.html"))
    assert page.captions == (
        Caption(
            text="Heads of state pose for a family photo at the regional summit in Addis Ababa, Ethiopia, "
            "February 7, 2025.",
            credit="REUTERS/Tiksa Negeri",
        ),
        Caption(
            text="Soldiers stand guard at a border post near the disputed area in this undated handout "
            "picture.",
            credit="AFP file photo",
        ),
        Caption(
            text="Ministers arrive for the closing session of the summit, February 7, 2025.",
            credit="Getty Images",
        ),
    )


def test_summit_page_metadata_and_body():
    page = page_text(read_page("summit_statement.html"))
    assert page.title == "Leaders back border commission but split on troop pullback"
    assert page.byline == "Daniel Okafor"
    assert page.published == "2025-02-07"
    assert page.url == "https://meridianpost.example/world/leaders-back-border-commission-20250207"
    body = paragraphs(page.text)
    assert body[0].startswith("ADDIS ABABA, Feb 7 (Meridian) - Leaders at a regional summit agreed on Friday")
    # The wire trailer is the text cleaner's to drop; the last story paragraph comes before it.
    assert body[-2:] == [
        "The next summit is due to be held in Nairobi in August.",
        "Reporting by Daniel Okafor; Editing by Helen Marsh",
    ]
    assert_no_furniture(page.text)


@pytest.mark.parametrize(
    "name", ["doha_talks.html", "valparaiso_port_cp1252.html", "aid_convoy.html", "summit_statement.html"]
)
def test_captions_are_not_in_the_main_text(name):
    page = page_text(read_page(name))
    assert page.captions
    for caption in page.captions:
        assert caption.text not in page.text


def test_caption_that_trafilatura_keeps_in_a_table_is_dropped_from_text():
    story = "".join(
        f"<p>The city council met for the {n} time this month to argue over the budget for next year.</p>"
        for n in ("first", "second", "third", "fourth")
    )
    photo = (
        '<table><tr><td><img src="vote.jpg"></td></tr><tr><td class="caption">'
        "Council members vote on the budget at city hall on Monday. (Reuters)</td></tr></table>"
    )
    page = page_text(f"<html><body><article><h1>Budget vote</h1>{story}{photo}</article></body></html>")
    assert page.captions == (
        Caption(text="Council members vote on the budget at city hall on Monday.", credit="Reuters"),
    )
    assert "vote on the budget" not in page.text
    assert len(paragraphs(page.text)) == 4


def test_truncated_page_gives_the_paragraphs_before_the_cut():
    html = read_page("doha_talks.html")
    cut = html.index("<p>The draft under discussion") + len("<p")  # inside the tag
    page = page_text(html[:cut])
    body = paragraphs(page.text)
    assert body[0].startswith("DOHA (Gulf Ledger) — Negotiators returned")
    assert body[-1].startswith("“We are closer than we have been at any point since January")
    assert len(body) == 3
    assert page.title == "Mediators press for prisoner exchange as ceasefire talks resume in Doha"


BROKEN = ["", "   ", "<", "<html><body></body></html>", "<p>x</p" * 3, "\x00\x01<div>"]


@pytest.mark.parametrize("html", BROKEN)
def test_empty_or_broken_markup_gives_no_text_and_no_error(html):
    page = page_text(html)
    assert page.text == ""
    assert page.captions == ()


def test_url_given_by_the_caller_is_kept_when_the_page_has_none():
    page = page_text(read_page("aid_convoy.html"), url="https://northerndispatch.example/korem")
    assert page.url == "https://northerndispatch.example/korem"


def test_clean_document_on_an_html_page_uses_page_metadata():
    doc = Document(source="doha_talks.html", text=read_page("doha_talks.html"), kind="html")
    [article] = clean_document(doc)
    assert article.title == "Mediators press for prisoner exchange as ceasefire talks resume in Doha"
    assert article.published == "2024-03-12"
    assert article.byline == "Amira Haddad"
    assert article.captions[0].credit == "Reuters"
    assert article.body.startswith("DOHA (Gulf Ledger) — Negotiators returned")
    assert "Related stories" not in article.body


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


ARTICLE_BODY = (
    "<article><h1>Georgia's ruling party wins disputed vote as opposition cries fraud</h1>"
    "<p>TBILISI (Reuters) - Georgia's ruling Georgian Dream party won Saturday's parliamentary "
    "election, the electoral commission said on Sunday, as the opposition refused to accept the result.</p>"
    "<p>European observers said the vote was marred by pressure on voters.</p></article>"
)


def test_the_articles_h1_is_the_headline_when_the_title_tag_leads_with_the_site_name():
    page = page_text(
        _page(
            "<title>Caucasus Ledger - Georgian Dream wins vote, opposition cries fraud</title>", ARTICLE_BODY
        )
    )
    assert page.title == "Georgia's ruling party wins disputed vote as opposition cries fraud"
    assert page.publisher == "Caucasus Ledger"


def test_the_site_name_of_the_page_is_its_articles_publisher():
    html = _page(
        "<title>Georgia vote | Caucasus Ledger</title>"
        '<meta property="og:site_name" content="Caucasus Ledger">',
        ARTICLE_BODY,
    )
    (article,) = clean_document(Document(source="page.html", text=html, kind="html"))
    assert article.publisher == "Caucasus Ledger"
    assert article.title.startswith("Georgia's ruling party wins")
