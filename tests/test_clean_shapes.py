"""Smaller shapes of page furniture met in scraped news, one per test, each in a short
text written in the style of the sites that print it."""

from helpers import clean_text


def _only(text: str):
    (article,) = clean_text(text, source="shape.txt")
    return article


def test_standfirst_under_the_headline_is_not_body():
    article = _only(
        "Kenya extends police mission in Haiti by six months\n\n"
        "Nairobi says officers will stay until a UN-backed force takes over\n\n"
        "NAIROBI (Reuters) - Kenya will keep its police officers in Haiti for six more months, "
        "the interior ministry said on Friday.\n\n"
        "The mission has about 750 officers in Port-au-Prince."
    )
    assert article.title == "Kenya extends police mission in Haiti by six months"
    assert article.paragraphs[0].text.startswith("NAIROBI (Reuters) - Kenya will keep")
    assert "UN-backed force takes over" not in article.body


def test_repeated_caption_without_credit_is_kept_apart_once():
    article = _only(
        "Quake hits northern Afghanistan\n\n"
        "Rescuers search the rubble in Kunduz on Monday.\n"
        "Rescuers search the rubble in Kunduz on Monday.\n\n"
        "KUNDUZ (Reuters) - A strong earthquake struck northern Afghanistan on Monday.\n\n"
        "The Taliban government said at least 30 people were killed."
    )
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Rescuers search the rubble in Kunduz on Monday.", None)
    ]
    assert len(article.paragraphs) == 2


def test_photo_agency_credits_via_and_courtesy_are_split_off():
    article = _only(
        "Finnish coast guard boards tanker\n\n"
        "A coast guard vessel patrols off Porkkala. Lehtikuva via Reuters\n\n"
        "Border guards boarded the tanker on Tuesday, officials said.\n\n"
        "A helicopter lowers a boarding team. Photo courtesy of the Finnish Border Guard\n\n"
        "The ship was escorted to an anchorage off Porvoo."
    )
    assert [(c.text, c.credit) for c in article.captions] == [
        ("A coast guard vessel patrols off Porkkala.", "Lehtikuva via Reuters"),
        ("A helicopter lowers a boarding team.", "Photo courtesy of the Finnish Border Guard"),
    ]
    assert len(article.paragraphs) == 2


def test_date_line_with_agency_and_time_zone_gives_the_date():
    article = _only(
        "Protesters clash with police in Tbilisi\n\n"
        "AP | Updated: 18 Jun 2025, 08:12 AM IST\n\n"
        "TBILISI, Georgia (AP) — Police used water cannon on protesters outside parliament.\n\n"
        "At least 20 people were detained, the interior ministry said."
    )
    assert article.published == "2025-06-18"
    assert article.dateline == "TBILISI, Georgia"
    assert "Updated" not in article.body


def test_press_release_boilerplate_is_dropped_and_day_month_dateline_is_read():
    article = _only(
        "FOR IMMEDIATE RELEASE\n\n"
        "Rights Monitor | Press release\n\n"
        "Kazakhstan must free detained strike organisers\n\n"
        "ALMATY, 14 November 2024 – Police detained five strike organisers in Zhanaozen on Monday.\n\n"
        "The Monitor calls for their immediate release.\n\n"
        "Media contact: press@monitor.example.org\n\n"
        "About the Rights Monitor: The Monitor documents labour rights abuses in Central Asia.\n\n"
        "###"
    )
    assert article.title == "Kazakhstan must free detained strike organisers"
    assert article.dateline == "ALMATY"
    assert [p.text[:20] for p in article.paragraphs] == ["ALMATY, 14 November ", "The Monitor calls fo"]


def test_inline_related_links_share_rows_and_contributor_lines_are_dropped():
    article = _only(
        "Israel pulls troops from border hilltop\n\n"
        "BEIRUT: Israeli troops withdrew on Tuesday from a hilltop near Kfar Kila.\n\n"
        "Read more: Lebanese army completes first phase of weapons plan\n\n"
        "The Lebanese army moved into the area within hours.\n\n"
        "Share on WhatsApp | Share on X\n\n"
        "Associated Press writer Bassem Mroue contributed from Beirut.\n\n"
        "Copyright 2025 The Associated Press. All rights reserved."
    )
    assert [p.text for p in article.paragraphs] == [
        "BEIRUT: Israeli troops withdrew on Tuesday from a hilltop near Kfar Kila.",
        "The Lebanese army moved into the area within hours.",
    ]
    assert article.dateline == "BEIRUT"


def test_a_later_article_in_a_dump_does_not_take_the_runs_reference_date():
    from eventwire.clean.text import clean_text

    first, second = clean_text(
        "Summit set for Friday\n\nMOSCOW (AP) — Leaders will meet in Tehran on Friday.\n\n\n\n"
        "Ceasefire signed after talks\n\nDOHA (Reuters) - The two sides signed a ceasefire on "
        "January 11, 2024, officials said.",
        source="dump.txt",
        published="2018-09-04",
    )
    assert first.published == "2018-09-04"
    assert second.published is None
