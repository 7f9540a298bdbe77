"""Tests for the clean stage: one raw text in, the clean articles it contains out.

The inputs in tests/data/clean/ were written by the team in wire-copy style (none is
copied from the web); each imitates one way raw news reaches eventwire:

- 01_glued_three_wire_stories: three wire stories (Sahel, Balkans, Andes) glued
  together, each headline + dateline + body, separated by single blank lines only.
- 02_reprint_with_site_furniture: a Reuters story reprinted by a local site, with its
  menu, 'Share', 'Article content', an 'ALSO READ' block of three linked headlines, an
  app banner, a cookie line, a newsletter line and a syndication notice.
- 03_no_headline_dateline_first: a story that starts straight with its dateline.
- 04_single_sentence and 05_two_sentences_no_headline: short texts with no headline.
- 06_live_blog: a live blog whose timestamped entries each have a Title Case heading.
- 07_captions_ap_and_ministry: an AP caption repeated under the headline and a handout
  caption ('Photo: Ministry of Defence') in the middle of the body.
- 08_byline_date_updated: a 'By ...' byline, a 'date 2023-11-02' line and an
  'Updated 14:32' line stacked under the headline.
- 09_hard_wrapped: paragraphs hard-wrapped at 72 columns, some lines with trailing
  spaces.
- 10_whitespace_quotes_diacritics: CRLF line endings, non-breaking spaces, tabs, runs
  of spaces and white-space-only lines around curly and straight quotes and diacritics.
- 11_outlet_dump_reuters_credits: a scraped dump in another outlet's layout than the
  seed: headline and caption repeated, counter '20' and font widget 'TT', credits
  'REUTERS/Name Surname' and '(Reuters)', an 'ANKARA/BEIRUT (Reuters) -' dateline.
- 12_subheadings_mid_body: a story with two short Title Case subheadings in its body.
- 13_glued_second_has_byline_and_date: two glued stories, the second with no photo but
  a byline and a date line and no dateline.
- 14_reuters_trailer_related_coverage: a story ending with a 'Reporting by ...;
  Editing by ...' trailer, 'Our Standards' and a 'Related Coverage' list.

The seed dump (shared/seed/000_e0df5a808a47a71b.txt, bundled as the package's sample) is
checked against its gold.

Conventions these tests fix for the cleaner:

- A caption's credit is the attribution without its wrapping: '(Reuters)' gives
  'Reuters', '(AP Photo/Elena Vuković)' gives 'AP Photo/Elena Vuković', 'Photo:
  Ministry of Defence' gives 'Ministry of Defence'; 'REUTERS/Karim Haddad' and 'AFP
  file photo' are kept as written. The caption text keeps its final full stop.
- A byline is the name without 'By'.
- A dateline is the place as written before the agency and without a day: 'GAO, Mali'
  from 'GAO, Mali (Reuters) -', 'LIMA' from 'LIMA, Dec 5 (Reuters) -'.
- A live blog's entry times ('14:05 GMT') and entry headings are body paragraphs of
  their own: they say when and what each entry is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import SAMPLE, SEED_GOLD, clean_text, load_gold_or_skip

if TYPE_CHECKING:
    from eventwire.records import Article

DATA = Path(__file__).parent / "data" / "clean"
INPUTS = sorted(path.name for path in DATA.glob("*.txt"))


def read_raw(path: Path) -> str:
    """The file's text exactly as stored: CRLF and odd spaces reach the cleaner."""
    return path.read_bytes().decode("utf-8")


@cache
def clean_file(path: Path) -> tuple[Article, ...]:
    return clean_text(read_raw(path), source=path.name)


def clean(name: str) -> tuple[Article, ...]:
    return clean_file(DATA / name)


def only_article(name: str) -> Article:
    articles = clean(name)
    assert len(articles) == 1, [article.title for article in articles]
    return articles[0]


def texts(article: Article) -> list[str]:
    return [paragraph.text for paragraph in article.paragraphs]


def captions(article: Article) -> list[tuple[str, str | None]]:
    return [(caption.text, caption.credit) for caption in article.captions]


def every_input() -> list[tuple[str, Path]]:
    """The team's inputs, and the seed dump."""
    return [(name, DATA / name) for name in INPUTS] + [(SAMPLE.name, SAMPLE)]


EVERY_INPUT = every_input()
EVERY_INPUT_IDS = [name for name, _ in EVERY_INPUT]


# Properties every cleaned article has, whatever the input.


@pytest.mark.parametrize(("name", "path"), EVERY_INPUT, ids=EVERY_INPUT_IDS)
def test_body_is_the_paragraphs_joined_by_blank_lines(name: str, path: Path) -> None:
    for article in clean_file(path):
        assert article.body == "\n\n".join(texts(article))


@pytest.mark.parametrize(("name", "path"), EVERY_INPUT, ids=EVERY_INPUT_IDS)
def test_paragraph_offsets_slice_their_text_out_of_the_body(name: str, path: Path) -> None:
    for article in clean_file(path):
        for paragraph in article.paragraphs:
            assert article.body[paragraph.start : paragraph.end] == paragraph.text


@pytest.mark.parametrize(("name", "path"), EVERY_INPUT, ids=EVERY_INPUT_IDS)
def test_every_article_has_a_body_and_the_document_source(name: str, path: Path) -> None:
    articles = clean_file(path)
    assert articles
    for article in articles:
        assert article.paragraphs
        assert all(paragraph.text for paragraph in article.paragraphs)
        assert article.source == name
    assert len({article.id for article in articles}) == len(articles)


@pytest.mark.parametrize(("name", "path"), EVERY_INPUT, ids=EVERY_INPUT_IDS)
def test_white_space_is_normalised_in_titles_paragraphs_and_captions(name: str, path: Path) -> None:
    for article in clean_file(path):
        cleaned = [article.title or "", *texts(article), *(caption.text for caption in article.captions)]
        for text in cleaned:
            assert text == text.strip()
            for odd in ("\n", "\r", "\t", "\u00a0", "  "):
                assert odd not in text, (odd, text)


# 01: three glued wire stories.

GLUED = "01_glued_three_wire_stories.txt"


def test_glued_wire_stories_separated_by_one_blank_line_are_split_apart() -> None:
    assert [article.title for article in clean(GLUED)] == [
        "Gunmen Attack Fuel Convoy Near Gao, Curfew Extended",
        "Bosnian Court Orders Retrial in Wartime Detention Camp Case",
        "Peru Declares Emergency in Mining Corridor as Road Blockades Spread",
    ]


def test_glued_wire_stories_keep_their_own_paragraphs() -> None:
    gao, sarajevo, lima = clean(GLUED)
    assert [len(article.paragraphs) for article in (gao, sarajevo, lima)] == [4, 4, 5]
    assert texts(gao)[0] == (
        "GAO, Mali (Reuters) - Authorities in the northern Malian city of Gao extended a night-time "
        "curfew by two weeks on Thursday after gunmen attacked a fuel convoy on the road from Niger, "
        "killing at least six drivers, a regional official said."
    )
    assert texts(gao)[-1] == (
        '"The drivers are refusing to move without an escort," said Moussa Traoré, who heads a local '
        'transport union. "Until the army guarantees the road, the pumps will stay empty."'
    )
    assert texts(sarajevo)[0].startswith("SARAJEVO (AP) — A Bosnian appeals court on Wednesday")
    assert texts(sarajevo)[-1] == (
        "Victims' associations welcomed the ruling. Lawyers for the defendants said they would "
        "appeal to the constitutional court."
    )
    assert texts(lima)[0].startswith("LIMA, Dec 5 (Reuters) - Peru's government declared")
    assert texts(lima)[-1] == "Peru is one of the world's largest copper producers."


def test_next_headline_is_not_left_in_the_previous_article_body() -> None:
    gao, sarajevo, lima = clean(GLUED)
    assert "Bosnian Court Orders Retrial" not in gao.body
    assert "Peru Declares Emergency" not in sarajevo.body
    assert "Gunmen Attack Fuel Convoy" not in lima.body


def test_dateline_place_is_kept_and_dateline_stays_at_the_head_of_the_body() -> None:
    articles = clean(GLUED)
    assert [article.dateline for article in articles] == ["GAO, Mali", "SARAJEVO", "LIMA"]
    assert [article.body.startswith(article.dateline) for article in articles] == [True, True, True]


def test_dateline_day_without_a_year_is_not_guessed_into_a_published_date() -> None:
    assert [article.published for article in clean(GLUED)] == [None, None, None]


# 02: a wire story reprinted with a local site's furniture.

REPRINT = "02_reprint_with_site_furniture.txt"


def test_reprint_keeps_only_the_story_paragraphs() -> None:
    article = only_article(REPRINT)
    assert article.title == "Moldova Extends Energy Emergency as Gas Supplies to Breakaway Region Dwindle"
    assert article.dateline == "CHISINAU"
    assert texts(article) == [
        "CHISINAU (Reuters) - Moldova's parliament voted on Friday to extend a state of emergency in "
        "the energy sector by 60 days, as gas deliveries to the breakaway region of Transnistria fell "
        "to their lowest level in three decades.",
        "The emergency allows the government to buy electricity at short notice and to cap prices for "
        "households, the energy minister told lawmakers before the vote.",
        "Transnistria, a sliver of land along the border with Ukraine that broke away in the early "
        "1990s, has relied for decades on Russian gas that it received free of charge.",
        "Separatist officials said on Thursday that schools and hospitals in the region would switch "
        "to wood-fired boilers if deliveries did not resume within a week.",
        "Moldova's president accused Moscow of using energy to destabilise the country ahead of "
        "parliamentary elections. The Kremlin has denied using gas as a political weapon.",
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to content",
        "Home",
        "Subscribe",
        "Share",
        "Article content",
        "ALSO READ",
        "Romania Offers Power Line Upgrade to Neighbouring Moldova",
        "Transnistria Factories Halt Work as Heating Fails",
        "EU Approves Emergency Grant for Moldovan Households",
        "Download the Metro Ledger App",
        "We use cookies",
        "Sign up for our newsletter",
        "This story has not been edited by Metro Ledger staff",
    ],
)
def test_site_furniture_is_not_in_the_reprinted_body(furniture: str) -> None:
    article = only_article(REPRINT)
    assert furniture not in article.body
    assert article.captions == ()


# 03-05: no headline.


def test_article_without_headline_has_no_title_and_keeps_its_dateline_paragraph() -> None:
    article = only_article("03_no_headline_dateline_first.txt")
    assert article.title is None
    assert article.dateline == "MOSCOW"
    assert len(article.paragraphs) == 4
    assert texts(article)[0] == (
        "MOSCOW (AP) — Russia's Foreign Ministry on Monday summoned Finland's ambassador to protest "
        "what it called a discriminatory ban on Russian-registered cars entering the country, the "
        "ministry said in a statement."
    )
    assert texts(article)[-1] == (
        "Finland's foreign ministry said the rules applied equally to all vehicles registered in "
        "Russia and were in line with European Union sanctions."
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "04_single_sentence.txt",
            "Police in Istanbul detained 14 people on Sunday during a protest against rising bread "
            "prices, the city governor's office said.",
        ),
        (
            "05_two_sentences_no_headline.txt",
            "Polling stations across Ecuador closed at 5 p.m. local time on Sunday. Election officials "
            "said turnout was above 80 percent.",
        ),
    ],
)
def test_short_text_without_headline_is_one_article_whose_body_is_the_text(name: str, text: str) -> None:
    article = only_article(name)
    assert article.title is None
    assert article.body == text
    assert [(p.text, p.start, p.end) for p in article.paragraphs] == [(text, 0, len(text))]
    assert article.dateline is None
    assert article.captions == ()


# 06: live blog.


def test_live_blog_entry_headings_stay_in_one_article_and_lone_entry_times_are_dropped() -> None:
    article = only_article("06_live_blog.txt")
    assert article.title == "Live: Danube Flood Crest Moves Toward Budapest as Slovakia Evacuates Villages"
    assert article.dateline is None
    assert texts(article) == [
        "Water levels on the Danube are rising after days of heavy rain across central Europe, and "
        "authorities in Hungary, Slovakia and Austria are bracing for the flood crest.",
        "Budapest Closes Lower Embankment Roads",
        "Police closed the lower embankment roads on both banks of the river in central Budapest and "
        "asked drivers to avoid the city centre during the afternoon rush hour.",
        "River Passes 8-Metre Mark at Vigadó Square",
        "The Danube reached 8.12 metres at the Vigadó Square gauge, the city's water authority said, "
        "about 30 cm below the record set in 2013.",
        "Slovak Villages Evacuated",
        "Firefighters in southern Slovakia evacuated about 300 residents from two villages near "
        "Komárno after a temporary dam gave way overnight, the interior ministry said.",
        "Austria Reopens Rail Link",
        "Austria's national railway said trains between Vienna and St. Pölten were running again on "
        "one track after water receded from the line.",
    ]


# 07: captions with AP and handout credits.

CAPTIONS = "07_captions_ap_and_ministry.txt"
AP_CAPTION = (
    "Firefighters work at the site of a Russian drone attack on a residential building in Kyiv, "
    "Ukraine, Tuesday, Oct. 8, 2024."
)
HANDOUT_CAPTION = (
    "A long-range strike drone of the type Ukraine says it used in the attack is shown at an "
    "undisclosed location in this handout image."
)


def test_caption_repeated_after_headline_is_kept_once_and_mid_body_caption_is_kept_apart() -> None:
    article = only_article(CAPTIONS)
    assert article.title == "Ukraine Says Drones Struck Fuel Depot Deep Inside Russia"
    assert captions(article) == [
        (AP_CAPTION, "AP Photo/Elena Vuković"),
        (HANDOUT_CAPTION, "Ministry of Defence"),
    ]


def test_captions_and_credits_are_not_in_the_body() -> None:
    article = only_article(CAPTIONS)
    for caption_part in (
        "Firefighters work at the site",
        "handout image",
        "AP Photo",
        "Photo:",
        "Ministry of",
    ):
        assert caption_part not in article.body
    assert article.dateline == "KYIV, Ukraine"
    assert len(article.paragraphs) == 5
    assert texts(article)[0] == (
        "KYIV, Ukraine (AP) — Ukrainian drones struck a fuel depot in Russia's Bryansk region "
        "overnight, setting several storage tanks on fire, a Ukrainian military intelligence official "
        "said Wednesday."
    )
    assert texts(article)[2] == (
        "Russia's Defense Ministry said its air defenses had shot down 47 Ukrainian drones overnight "
        "over several regions, including 19 over Bryansk. It did not mention any damage."
    )
    assert texts(article)[3].startswith("The regional governor said on Telegram")
    assert texts(article)[-1] == (
        "Ukraine has stepped up attacks on Russian oil and fuel infrastructure this year, saying the "
        "facilities feed Moscow's war effort."
    )


# 08: byline, date line and update time.

BYLINE = "08_byline_date_updated.txt"


def test_byline_and_date_line_become_fields_and_leave_the_body() -> None:
    article = only_article(BYLINE)
    assert article.title == "Chile's Senate Backs Pension Overhaul in First Vote After Two Years of Debate"
    assert article.byline == "Lucía Fernández"
    assert article.published == "2023-11-02"
    assert article.dateline == "SANTIAGO"
    for residue in ("By Lucía", "Fernández", "date 2023-11-02", "2023-11-02", "Updated", "14:32"):
        assert residue not in article.body


def test_body_starts_at_the_dateline_after_the_byline_block() -> None:
    article = only_article(BYLINE)
    assert len(article.paragraphs) == 4
    assert texts(article)[0] == (
        "SANTIAGO (Reuters) - Chile's Senate approved in a first vote on Wednesday a long-delayed "
        "overhaul of the country's private pension system that would raise employer contributions by "
        "six percentage points over nine years."
    )
    assert texts(article)[-1] == (
        "The labour minister said the government hoped to have the law in force by the middle of next year."
    )


# 09: hard-wrapped paragraphs.


def test_hard_wrapped_lines_are_joined_into_one_paragraph_with_single_spaces() -> None:
    article = only_article("09_hard_wrapped.txt")
    assert article.title == "Sudan's Warring Sides Agree to Open Aid Corridor to Darfur"
    assert article.dateline == "PORT SUDAN"
    assert texts(article) == [
        "PORT SUDAN (Reuters) - Sudan's army and the paramilitary Rapid Support Forces agreed on "
        "Saturday to let aid convoys cross front lines into North Darfur for 10 days, mediators said, "
        "the first such arrangement since fighting around the city of El Fasher intensified in the spring.",
        "The United Nations said 25 trucks carrying food, medicine and water-purification tablets were "
        "waiting at the Tine border crossing with Chad and could leave as soon as the route was "
        "confirmed safe.",
        '"Every day of delay costs lives," a U.N. humanitarian official told reporters in Geneva. '
        '"We need guarantees that hold, not announcements."',
        "Previous truces announced by the two sides have collapsed within days, and both have accused "
        "each other of looting aid and attacking humanitarian workers.",
    ]


# 10: odd white space around quotes and diacritics.

WHITESPACE = "10_whitespace_quotes_diacritics.txt"


def test_white_space_is_normalised_but_words_quotes_and_diacritics_are_unchanged() -> None:
    assert "\r\n" in read_raw(DATA / WHITESPACE), "the input must keep its CRLF line endings"
    article = only_article(WHITESPACE)
    assert article.title == "Türkiye, Serbia and Ukraine Back Black Sea Grain Plan at São Paulo Talks"
    assert article.dateline == "SÃO PAULO"
    assert texts(article) == [
        "SÃO PAULO (Reuters) - Ministers from Türkiye, Serbia and Ukraine backed a plan on Thursday to "
        "expand insured grain shipments through the Black Sea, at a meeting on the sidelines of a "
        "trade conference in São Paulo.",
        "Serbia’s agriculture minister, Jelena Đorđević, said the plan would “keep prices stable for "
        "importers in Africa and the Middle East.”",
        "Zelenskyy’s office said in a statement that Ukraine had shipped more than 40 million tonnes of "
        "grain through its own corridor since 2023 and 'would welcome partners who share the risk.'",
        'A Turkish official, speaking on condition of anonymity, said Ankara was "ready to host" a '
        "follow-up meeting in Istanbul in January.",
        "Brazil’s foreign ministry said the country’s exporters were “not competitors but partners” "
        "of Black Sea producers.",
    ]


def test_every_quote_mark_of_the_input_survives_cleaning() -> None:
    raw = read_raw(DATA / WHITESPACE)
    article = only_article(WHITESPACE)
    cleaned = f"{article.title}\n{article.body}"
    for mark in ("“", "”", "’", "'", '"'):
        assert cleaned.count(mark) == raw.count(mark), mark


# 11: another outlet's dump with repeated headline, captions and widget residue.

DUMP = "11_outlet_dump_reuters_credits.txt"


def test_repeated_headline_and_caption_with_reuters_credits_are_kept_once() -> None:
    article = only_article(DUMP)
    assert article.title == "Türkiye and Lebanon Agree to Coordinate Returns of Syrian Refugees"
    assert captions(article) == [
        (
            "Syrian refugees board a bus to return home at a gathering point in Beirut, Lebanon, "
            "May 14, 2024.",
            "REUTERS/Karim Haddad",
        ),
        (
            "A Turkish soldier stands guard at the Cilvegözü border gate in Hatay province, Türkiye, "
            "March 2, 2023.",
            "Reuters",
        ),
    ]


def test_counter_and_font_widget_are_dropped_from_another_outlets_dump() -> None:
    article = only_article(DUMP)
    assert "20" not in texts(article)
    assert "TT" not in texts(article)
    assert "Agree to Coordinate Returns" not in article.body
    assert "REUTERS/" not in article.body
    assert "stands guard" not in article.body
    assert article.body.count("(Reuters)") == 1


def test_slash_dateline_keeps_both_places() -> None:
    article = only_article(DUMP)
    assert article.dateline == "ANKARA/BEIRUT"
    assert len(article.paragraphs) == 5
    assert texts(article)[0] == (
        "ANKARA/BEIRUT (Reuters) - Türkiye and Lebanon agreed on Monday to share information on Syrian "
        "refugees who wish to go home and to coordinate their transport across Syria, officials from "
        "both countries said."
    )
    assert texts(article)[-1] == (
        "The United Nations refugee agency said returns must be voluntary, safe and dignified."
    )


# 12: subheadings inside one story.


def test_title_case_subheadings_mid_body_stay_paragraphs_of_the_same_article() -> None:
    article = only_article("12_subheadings_mid_body.txt")
    assert article.title == "Armenia and Azerbaijan Fail to Sign Border Deal After Two Days of Talks"
    assert article.dateline == "ALMATY, Kazakhstan"
    assert len(article.paragraphs) == 9
    assert texts(article)[3] == "Talks Stall"
    assert texts(article)[6] == "Road and Rail Links"
    assert texts(article)[0].startswith("ALMATY, Kazakhstan (Reuters) - The foreign ministers of Armenia")
    assert texts(article)[-1] == "No date was set for the next meeting."


# 13: two glued stories, the second with byline and date line.

BYLINE_GLUED = "13_glued_second_has_byline_and_date.txt"


def test_headline_followed_by_byline_starts_a_new_article() -> None:
    assert [article.title for article in clean(BYLINE_GLUED)] == [
        "Thai Army Says Cambodian Troops Entered Disputed Temple Area",
        "Indonesia Raises Alert Level for Volcano on Flores Island",
    ]


def test_first_glued_article_keeps_its_caption_and_no_byline_or_date() -> None:
    bangkok, _ = clean(BYLINE_GLUED)
    assert captions(bangkok) == [
        (
            "Thai soldiers patrol near an ancient temple on the Thai-Cambodian border in Surin "
            "province, Thailand.",
            "AFP",
        )
    ]
    assert bangkok.dateline == "BANGKOK"
    assert bangkok.byline is None
    assert bangkok.published is None
    assert len(bangkok.paragraphs) == 3
    assert texts(bangkok)[0].startswith("BANGKOK (AFP) - Thailand's army said on Friday")
    assert texts(bangkok)[-1] == (
        "Cambodia's defence ministry said its soldiers had been patrolling on Cambodian territory."
    )
    assert "Indonesia Raises Alert Level" not in bangkok.body


def test_second_glued_article_takes_its_own_byline_and_date() -> None:
    _, flores = clean(BYLINE_GLUED)
    assert flores.byline == "Siti Rahmawati"
    assert flores.published == "2024-03-18"
    assert flores.dateline is None
    assert flores.captions == ()
    assert len(flores.paragraphs) == 3
    assert texts(flores)[0] == (
        "Indonesian authorities raised the alert level for Mount Lewotobi Laki-laki on Flores island "
        "to the highest on Monday after a series of eruptions sent ash columns up to 2 km into the sky."
    )
    assert texts(flores)[-1] == (
        "Flights at the airport in Maumere were cancelled as a precaution, the transport ministry said."
    )
    assert "Siti Rahmawati" not in flores.body
    assert "2024-03-18" not in flores.body


# 14: wire trailer and related coverage.

TRAILER = "14_reuters_trailer_related_coverage.txt"


def test_wire_trailer_and_related_coverage_are_not_in_the_body() -> None:
    article = only_article(TRAILER)
    assert article.title == "Colombia and ELN Rebels Agree to Resume Peace Talks in Caracas"
    assert article.dateline == "BOGOTA"
    for residue in (
        "Reporting by",
        "Editing by",
        "Our Standards",
        "Trust Principles",
        "Related Coverage",
        "frees six soldiers",
        "ceasefire monitors",
        "peso firms",
    ):
        assert residue not in article.body


def test_body_ends_with_the_last_story_paragraph_before_the_trailer() -> None:
    article = only_article(TRAILER)
    assert len(article.paragraphs) == 4
    assert texts(article)[0].startswith(
        "BOGOTA (Reuters) - Colombia's government and the National Liberation"
    )
    assert texts(article)[-1] == (
        '"We return to the table because the regions demand it," the rebel delegation said.'
    )


# The seed dump against its hand-made gold.


@pytest.fixture(scope="module")
def seed_gold() -> list[dict]:
    """The gold articles of the seed dump; the tests clean the dump themselves."""
    return load_gold_or_skip(SEED_GOLD)["articles"]


def clean_seed() -> tuple[Article, ...]:
    return clean_file(SAMPLE)


def test_seed_dump_is_split_into_the_two_gold_articles(seed_gold: list[dict]) -> None:
    assert len(seed_gold) == 2
    assert [article.title for article in clean_seed()] == [expected["title"] for expected in seed_gold]


@pytest.mark.parametrize("index", [0, 1])
def test_seed_articles_have_the_gold_paragraphs(seed_gold: list[dict], index: int) -> None:
    article, expected = clean_seed()[index], seed_gold[index]
    assert len(article.paragraphs) == expected["paragraphs"]
    assert article.body.startswith(expected["body_starts"])
    assert article.body.endswith(expected["body_ends"])


@pytest.mark.parametrize(("index", "credit"), [(0, "AFP file photo"), (1, "Reuters")])
def test_seed_caption_repeated_after_headline_is_kept_once_with_its_credit(
    seed_gold: list[dict], index: int, credit: str
) -> None:
    article = clean_seed()[index]
    assert captions(article) == [
        (caption["text"], caption["credit"]) for caption in seed_gold[index]["captions"]
    ]
    assert [caption.credit for caption in article.captions] == [credit]


@pytest.mark.parametrize("index", [0, 1])
def test_seed_widget_residue_and_repeats_are_not_in_the_body(seed_gold: list[dict], index: int) -> None:
    article = clean_seed()[index]
    for residue in seed_gold[index]["body_must_not_contain"]:
        assert residue not in article.body
    assert "TT" not in texts(article)
    assert "20" not in texts(article)


HARBOUR_PAGE = """<html><head><title>Harbour board suspends dredging | Coastline Daily</title>
<meta property="article:published_time" content="2024-06-03T08:00:00Z"></head>
<body><article><h1>Harbour board suspends dredging after fish deaths</h1>
<p>The harbour board on Monday suspended dredging in the estuary after fishermen reported
hundreds of dead fish near the channel.</p>
<p>Board officials said samples had been sent to a laboratory and that work would not
resume until the results were known.</p>
<p>Fishermen's associations had demanded the halt for a week, saying their catches had
fallen sharply since the work began.</p>
</article></body></html>"""


def test_html_page_date_is_the_published_date_from_the_page() -> None:
    from eventwire import clean_document
    from eventwire.records import Document

    (article,) = clean_document(Document(source="harbour.html", text=HARBOUR_PAGE, kind="html"))
    assert (article.published, article.date_source) == ("2024-06-03", "page")


def test_json_lines_record_date_wins_over_the_page_date_and_is_the_pages_own() -> None:
    from eventwire import clean_document
    from eventwire.records import Document

    document = Document(source="harbour.html", text=HARBOUR_PAGE, kind="html", published="2024-06-04")
    (article,) = clean_document(document, published="2024-06-20")
    assert (article.published, article.date_source) == ("2024-06-04", "page")


def test_a_word_of_hundreds_of_characters_and_a_line_of_replaced_bytes_are_dropped():
    blob = "aGVsbG8" * 100
    text = (
        "NAIROBI (Wire) — Kenya and Uganda reopened the Busia crossing on Monday.\n\n"
        f"Customs officers cleared 40 lorries {blob} by noon.\n\n" + "\ufffd\ufffd x \ufffd" * 50 + "\n\n"
        "Traders said the queue had stretched for 12 km."
    )
    (article,) = clean_text(text, source="busia.txt")
    assert article.body == (
        "NAIROBI (Wire) — Kenya and Uganda reopened the Busia crossing on Monday.\n\n"
        "Customs officers cleared 40 lorries by noon.\n\n"
        "Traders said the queue had stretched for 12 km."
    )
