"""Smaller shapes of page furniture met in scraped news, one per test, each in a short
text written in the style of the sites that print it."""

import pytest

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


# Pages whose first headline-like line names the publisher, not the story: the headline
# is the line under the masthead.
MASTHEAD_PAGES = [
    (
        "Ministry of Foreign Affairs and Regional Integration\nRepublic of Ghana\n"
        "Home | Media | Press Releases\nPress Release No. 42/2024\n\n"
        "Ghana Condemns Attack on Peacekeepers in Southern Lebanon\n\nAccra, 12 March 2024\n\n"
        "The Ministry strongly condemns the attack on a UNIFIL patrol near Naqoura on Monday, in "
        "which two Ghanaian peacekeepers were wounded.\n\n"
        "The Government of Ghana calls on all parties to respect the safety of peacekeepers.",
        "Ghana Condemns Attack on Peacekeepers in Southern Lebanon",
    ),
    (
        "MINISTRY OF INTERIOR AND NATIONAL ADMINISTRATION\n\nNo. 118/2023\n\n"
        "Curfew Extended in Four Counties of the North Rift\n\n"
        "The Cabinet Secretary has extended the dusk-to-dawn curfew in Baringo, Elgeyo Marakwet, "
        "West Pokot and Turkana by 30 days after renewed cattle raids.\n\n"
        "Security officers will remain deployed along the Kerio Valley.",
        "Curfew Extended in Four Counties of the North Rift",
    ),
    (
        "Embassy of the Republic of Indonesia in Canberra\nNews | Statements\n\n"
        "Statement on the Detention of Indonesian Fishermen near Ashmore Reef\n\n"
        "The Embassy has requested consular access to the eleven Indonesian fishermen detained by "
        "the Australian Border Force on 2 May.\n\nThe Embassy is in contact with their families.",
        "Statement on the Detention of Indonesian Fishermen near Ashmore Reef",
    ),
    (
        "United Nations Office for the Coordination of Humanitarian Affairs\n\n"
        "Burkina Faso: Djibo Blockade Flash Update No. 3 (as of 18 September 2024)\n\n"
        "KEY FIGURES\n\n- 340,000 people living under blockade in Djibo\n\nOVERVIEW\n\n"
        "Armed groups have blocked the main roads into Djibo since February, and on 14 September "
        "militants attacked a supply convoy near Namsiguia.\n\n"
        "The World Food Programme delivered 120 tonnes of food by helicopter on 16 September.",
        "Burkina Faso: Djibo Blockade Flash Update No. 3 (as of 18 September 2024)",
    ),
    (
        "UNHCR\n\nSouth Sudan: Renk Transit Centre Situation Update (as of 2 May 2024)\n\n"
        "HIGHLIGHTS\n\n"
        "Arrivals from Sudan through the Joda crossing rose to 1,900 a day in the last week of "
        "April, the agency said.\n\nThe transit centre now holds three times its capacity.",
        "South Sudan: Renk Transit Centre Situation Update (as of 2 May 2024)",
    ),
    (
        "United Nations Mission in South Sudan\n\n"
        "Peacekeepers Step Up Patrols After Clashes in Upper Nile\n\n"
        "UNMISS peacekeepers have increased patrols around Malakal after two days of fighting "
        "between armed youth and the army, the mission said on Friday.\n\n"
        "The mission urged both sides to stop the fighting.",
        "Peacekeepers Step Up Patrols After Clashes in Upper Nile",
    ),
    (
        "EL DIARIO DE LA PAZ\nPolitics\n\n"
        "Government declares state of emergency in three provinces of the Altiplano\n\n"
        "By Carlos Mendoza | cmendoza@eldiario.example\n\n"
        "La Paz.- The government of Bolivia declared on Tuesday a state of emergency in three "
        "provinces after the farmers blocked the roads for the tenth day.\n\n"
        "The farmers demand the resignation of the regional governor.",
        "Government declares state of emergency in three provinces of the Altiplano",
    ),
    (
        "Le Quotidien de Dakar\n\n"
        "Opposition leader placed under judicial control after the march of Friday\n\n"
        "Dakar.- The opposition leader was placed under judicial control on Monday by the "
        "investigating judge, after the march of Friday which was forbidden by the prefect.\n\n"
        "His lawyers announced that they will appeal the decision.",
        "Opposition leader placed under judicial control after the march of Friday",
    ),
    (
        "La Voz de Managua\nNacionales\n\n"
        "Regime expels two more priests towards Guatemala\n\n"
        "Managua.- The authorities expelled on Sunday two Catholic priests towards Guatemala, "
        "according to sources of the diocese of Matagalpa.\n\n"
        "The priests had been detained since December.",
        "Regime expels two more priests towards Guatemala",
    ),
]


@pytest.mark.parametrize(("text", "headline"), MASTHEAD_PAGES)
def test_a_masthead_above_the_headline_is_not_taken_for_it(text, headline):
    article = _only(text)
    assert article.title == headline
    assert not article.body.startswith(headline)


def test_a_publishers_name_is_never_the_headline_even_when_no_other_line_is_there():
    article = _only(
        "Ministry of Health\n\n"
        "The ministry confirmed 14 new cases of cholera in the port city on Thursday.\n\n"
        "Teams have been sent to the affected districts."
    )
    assert article.title is None
    assert article.publisher == "Ministry of Health"
    assert article.body.startswith("The ministry confirmed")


# Page heads of several lines: country, ministry, department, tagline, edition line,
# section, breadcrumb, release number. The headline is the first headline-like line
# after the last of them; the publisher is kept apart.
PAGE_HEADS = [
    (
        "REPUBLIC OF UGANDA\nMINISTRY OF DEFENCE AND VETERANS AFFAIRS\n"
        "State Department for Veterans Affairs\n\nHome | News | Press Statements\n\n"
        "PRESS STATEMENT\nRef: MODVA/PS/2025/031\n\n"
        "UPDF deploys two battalions to Kasese after attack on border post\n\n"
        "Kampala, 9 April 2025\n\n"
        "The Ministry informs the public that two soldiers were killed when rebels of the Allied "
        "Democratic Forces attacked the Mpondwe border post on Monday night.\n\n"
        "Two battalions have been sent to the district.",
        "UPDF deploys two battalions to Kasese after attack on border post",
        "MINISTRY OF DEFENCE AND VETERANS AFFAIRS",
    ),
    (
        "LE RÉVEIL DU NIGER – The daily of the citizen\nEdition of Monday 3 March 2025 | Security\n\n"
        "Niamey and Ouagadougou agree on joint patrols along the Tillabéri border\n\n"
        "By Ousmane Harouna | o.harouna@reveil.example.ne\n\n"
        "Niamey.- The ministers of Defence of Niger and Burkina Faso agreed this Sunday in Niamey "
        "to put in place joint patrols along the common border, where the terrorists multiplied "
        "the attacks.\n\nThe patrols will begin in April.",
        "Niamey and Ouagadougou agree on joint patrols along the Tillabéri border",
        None,
    ),
    (
        "MINISTRY OF FOREIGN AFFAIRS OF GEORGIA\n\nHome > Media > Statements > 2025\n\n"
        "No: 41, 2 June 2025\n\n"
        "Statement Regarding the Detention of Georgian Citizens near the Occupation Line\n\n"
        "Tbilisi, 2 June 2025\n\n"
        "Yesterday the occupation forces illegally detained two citizens of Georgia near the village "
        "of Ditsi. We call on the co-chairs of the Geneva International Discussions to respond.\n\n"
        "The Ministry is in contact with the EU Monitoring Mission.",
        "Statement Regarding the Detention of Georgian Citizens near the Occupation Line",
        "MINISTRY OF FOREIGN AFFAIRS OF GEORGIA",
    ),
    (
        "IOM\nInternational Organization for Migration\n"
        "East and Horn of Africa Regional Office | Ethiopia\n\n"
        "ETHIOPIA: Returns from Saudi Arabia – Flash Report No. 2 (as of 12 May 2025)\n\n"
        "This report is produced by IOM Ethiopia with its partners. It covers 1 to 12 May 2025.\n\n"
        "KEY FIGURES\n\n3,400\n\nreturnees since 1 May\n\nOVERVIEW\n\n"
        "Saudi authorities deported about 3,400 Ethiopian migrants through Bole airport since 1 May.\n\n"
        "The government opened a second reception centre in Addis Ababa.",
        "ETHIOPIA: Returns from Saudi Arabia – Flash Report No. 2 (as of 12 May 2025)",
        "IOM",
    ),
    (
        "EL HERALDO ANDINO\nIndependent journalism from Quito since 1998\n\n"
        "Inicio / Política / Nacionales\n\n"
        "Government declares emergency in three provinces after prison riot\n\n"
        "Quito.- The government declared this Monday a state of emergency in Guayas, Los Ríos and "
        "El Oro after the riot of the prison of Guayaquil.\n\nThe army will control the prisons.",
        "Government declares emergency in three provinces after prison riot",
        "EL HERALDO ANDINO",
    ),
    (
        "Council of the European Union\n\n"
        "Home > Press > Press releases > Belarus: Council prolongs restrictive measures for another year\n\n"
        "Press release 24 February 2025 11:00\n\n"
        "Belarus: Council prolongs restrictive measures by one year over repression and support to Russia\n\n"
        "The Council today decided to prolong the restrictive measures against Belarus until 28 "
        "February 2026.\n\nThe measures include an arms embargo.",
        "Belarus: Council prolongs restrictive measures by one year over repression and support to Russia",
        "Council of the European Union",
    ),
    (
        "DUSHANBE TIMES\nWeekly newspaper | English edition | No. 12 (4410)\n"
        "Translated from the Russian by the editorial office\n\nPOLITICS\n\n"
        "Tajikistan and Uzbekistan open two new crossings on the Fergana border\n\n"
        "Dushanbe.- Tajikistan and Uzbekistan opened on Saturday two new crossing points on the "
        "common border, the Ministry of Foreign Affairs said.\n\nTrade rose by a third last year.",
        "Tajikistan and Uzbekistan open two new crossings on the Fergana border",
        "DUSHANBE TIMES",
    ),
]


@pytest.mark.parametrize(("text", "headline", "publisher"), PAGE_HEADS)
def test_the_headline_is_the_first_line_after_the_pages_head(text, headline, publisher):
    article = _only(text)
    assert article.title == headline
    if publisher is not None:
        assert article.publisher == publisher
    head_lines = [line for line in text.split("\n\n")[0].split("\n")]
    assert not any(line in article.body for line in head_lines)
    assert "\nKEY FIGURES\n" not in "\n" + article.body + "\n"
    assert "This report is produced" not in article.body


def test_a_reports_section_headings_in_capitals_are_not_body():
    article = _only(
        "Sudan: Tawila Displacement Update (as of 3 May 2025)\n\n"
        "OVERVIEW\n\nFighters of the Rapid Support Forces attacked Zamzam camp on 11 April, "
        "and about 400,000 people fled to Tawila.\n\nHUMANITARIAN RESPONSE\n\n"
        "Partners trucked water to the new sites on 2 May."
    )
    assert [p.text[:12] for p in article.paragraphs] == ["Fighters of ", "Partners tru"]


def test_a_short_title_case_headline_keeps_its_place_over_the_standfirst():
    article = _only(
        "Hamas Frees Four Hostages\n\n"
        "Group says more releases will follow if the truce holds\n\n"
        "GAZA (Reuters) - Hamas freed four hostages on Saturday under the ceasefire deal.\n\n"
        "The Red Cross took them to the crossing."
    )
    assert article.title == "Hamas Frees Four Hostages"


# ---------------------------------------------------------------------------- reference dates


def _dated(text: str, published: str | None = None, record_published: str | None = None):
    from eventwire import clean_document
    from eventwire.records import Document

    document = Document(source="dated.txt", text=text, published=record_published)
    (article,) = clean_document(document, published=published)
    return article.published, article.date_source


STEPPE_BANK = (
    "Kazakhstan raises its base rate to 15.25 percent\n\n"
    "ALMATY, 14 November 2024 – The National Bank of Kazakhstan raised its base rate on "
    "Tuesday, citing faster inflation after fuel prices were freed.\n\n"
    "The bank will review the rate again in January."
)


def test_dateline_with_a_full_date_gives_the_published_date():
    assert _dated(STEPPE_BANK) == ("2024-11-14", "dateline")


def test_dateline_with_month_first_full_date_gives_the_published_date():
    assert _dated(
        "Lagos port strike enters second week\n\n"
        "LAGOS, March 3, 2025 (AFP) - Dock workers at Apapa stayed off the job on Monday as "
        "talks with the port authority stalled.\n\n"
        "The union said it would not return until wages were paid."
    ) == ("2025-03-03", "dateline")


def test_rights_group_dateline_in_parentheses_gives_place_and_date():
    text = (
        "Algeria: Free Detained Journalists\n\n"
        "(Algiers, June 4, 2025) – Algerian authorities should release three journalists held "
        "since Saturday over their reporting on the Kabylie fires, the monitor said today.\n\n"
        "The three were charged with spreading false news."
    )
    (article,) = clean_text(text)
    assert _dated(text) == ("2025-06-04", "dateline")
    assert article.dateline == "Algiers"
    assert article.body.startswith("(Algiers, June 4, 2025) – Algerian authorities")


def test_dateline_day_without_a_year_gives_no_published_date():
    assert _dated(
        "Somali forces retake town from al Shabaab\n\n"
        "MOGADISHU, July 16 (Reuters) - Somali troops retook the town of Moqokori on Tuesday, "
        "a regional official said.\n\n"
        "The militants withdrew before dawn."
    ) == (None, None)


def test_dotted_date_line_with_time_gives_the_published_date():
    assert _dated(
        "Border fire reported near Tavush villages\n\n"
        "14.04.2025 | 11:32\n\n"
        "Armenia's defence ministry said on Monday that its positions near Tavush came under "
        "fire overnight.\n\n"
        "No one was hurt, the ministry said."
    ) == ("2025-04-14", "date line")


def test_lone_dotted_date_line_gives_the_published_date_and_leaves_the_body():
    text = (
        "Parliament adopts media law in third reading\n\n"
        "03.12.2024\n\n"
        "Lawmakers on Tuesday adopted a law that requires outlets with foreign funding to "
        "register with the justice ministry.\n\n"
        "The opposition walked out before the vote."
    )
    (article,) = clean_text(text)
    assert (article.published, article.date_source) == ("2024-12-03", "date line")
    assert "03.12.2024" not in article.body


def test_year_first_slash_date_line_gives_the_published_date():
    assert _dated(
        "Transport ministry opens inquiry into Busan port fire\n\n"
        "2025/04/14\n\n"
        "The ministry said on Monday it had opened an inquiry into the warehouse fire at the "
        "port.\n\n"
        "Three workers were treated for smoke inhalation."
    ) == ("2025-04-14", "date line")


def test_slash_date_line_whose_order_is_ambiguous_gives_no_date():
    text = (
        "City council approves budget after long debate\n\n"
        "04/05/2025 | 09:10\n\n"
        "The council on Tuesday approved the budget by 31 votes to 12 after a session that "
        "ran past midnight.\n\n"
        "The mayor welcomed the vote."
    )
    (article,) = clean_text(text)
    assert (article.published, article.date_source) == (None, None)
    assert "04/05/2025" not in article.body


def test_slash_date_line_with_a_day_over_twelve_gives_the_published_date():
    assert _dated(
        "Teachers' strike closes schools in the capital\n\n"
        "Posted: 21/05/2025 08:15\n\n"
        "Most public schools stayed shut on Wednesday as teachers walked out over pay.\n\n"
        "The education ministry called the strike illegal."
    ) == ("2025-05-21", "date line")


def test_date_line_is_taken_before_the_dateline():
    assert _dated(
        "Kazakhstan raises its base rate to 15.25 percent\n\n"
        "15.11.2024 | 09:05\n\n"
        "ALMATY, 14 November 2024 – The National Bank of Kazakhstan raised its base rate on "
        "Tuesday, citing faster inflation.\n\n"
        "The bank will review the rate again in January."
    ) == ("2024-11-15", "date line")


def test_dateline_date_wins_over_the_runs_published():
    assert _dated(STEPPE_BANK, published="2024-11-20") == ("2024-11-14", "dateline")


def test_record_published_wins_over_the_dateline_date_as_the_records_own():
    assert _dated(STEPPE_BANK, record_published="2024-11-15") == ("2024-11-15", "page")


def test_runs_published_dates_an_article_that_gives_no_date():
    assert _dated(FISHERMEN_FREED, published="2024-11-20") == ("2024-11-20", "run")


def test_runs_published_contradicted_by_a_later_date_is_set_aside():
    later = FISHERMEN_FREED + "\n\nThe union's contract with the port runs to 30 June 2027."
    assert _dated(later, published="2024-11-20") == (None, None)


FISHERMEN_FREED = (
    "Fishermen freed after two weeks in detention\n\n"
    "Twelve fishermen held since late last month were released on Friday, their union "
    "said.\n\n"
    "They were handed over at the border crossing."
)


def test_article_without_any_date_has_no_date_source():
    assert _dated(FISHERMEN_FREED) == (None, None)


@pytest.mark.parametrize(
    ("line", "value"),
    [("Nairobi, 3 March 2022", "2022-03-03"), ("Buenos Aires, March 3, 2024", "2024-03-03")],
)
def test_a_release_place_and_date_line_gives_the_date_and_is_not_body(line, value):
    article = _only(
        "Kenya Deploys Additional Officers to Lamu County\n\n"
        f"{line}\n\n"
        "The Ministry of Interior has deployed 300 additional officers to Lamu County after "
        "attacks on two villages near Mpeketoni.\n\n"
        "Patrols will continue along the Lamu-Garsen road."
    )
    assert article.published == value
    assert article.body.startswith("The Ministry of Interior has deployed")


PENSION_BODY = (
    "Lawmakers approved the pension reform on Tuesday by 141 votes to 98 after a debate "
    "that ran through the night.\n\n"
    "The opposition said it would challenge the law in the constitutional court."
)
PENSION_HEADLINE = "Congress approves pension reform after all-night session"
DATE_LINE_FORMS = [
    ("Miércoles 27 de noviembre de 2024 | Edición digital", "2024-11-27"),
    ("Publié le 14 février 2025 à 10h32", "2025-02-14"),
    ("Edition of Friday 14 February 2025 | Politics", "2025-02-14"),
    ("Daily newspaper | English edition | No. 48 (6215) | 14.03.2025", "2025-03-14"),
    ("Press release 14 October 2024 15:30", "2024-10-14"),
    ("Tue 3 Dec 2024 09:12 GMT", "2024-12-03"),
    ("Published: Tue 3 Dec 2024 09:12 GMT", "2024-12-03"),
    ("Freitag, 14. Februar 2025, 10:32 Uhr", "2025-02-14"),
    ("Published: 2024-12-03T09:12:00Z", "2024-12-03"),
]


@pytest.mark.parametrize(("line", "value"), DATE_LINE_FORMS)
def test_a_date_line_under_the_headline_gives_the_date_and_is_neither_headline_nor_body(line, value):
    article = _only(f"{PENSION_HEADLINE}\n\n{line}\n\n{PENSION_BODY}")
    assert (article.published, article.date_source) == (value, "date line")
    assert article.title == PENSION_HEADLINE
    assert article.body == PENSION_BODY


@pytest.mark.parametrize(("line", "value"), DATE_LINE_FORMS)
def test_a_date_line_above_the_headline_in_the_page_head_gives_the_date_too(line, value):
    article = _only(f"{line}\n\n{PENSION_HEADLINE}\n\n{PENSION_BODY}")
    assert (article.published, article.date_source) == (value, "date line")
    assert article.title == PENSION_HEADLINE
    assert article.body == PENSION_BODY


def test_a_labelled_date_line_whose_day_and_month_could_be_either_way_gives_no_date():
    article = _only(f"{PENSION_HEADLINE}\n\nEdición digital | 04/05/2025\n\n{PENSION_BODY}")
    assert (article.published, article.date_source) == (None, None)
    assert article.body == PENSION_BODY


def test_a_short_sentence_with_a_date_in_words_stays_in_the_body():
    sentence = "El Congreso aprobó la reforma el 27 de noviembre de 2024."
    article = _only(f"{PENSION_HEADLINE}\n\n{PENSION_BODY}\n\n{sentence}")
    assert article.paragraphs[-1].text == sentence
    assert article.published is None


def test_a_headline_beside_a_date_is_not_a_label_of_a_date_line():
    headline = "Parliament votes to extend the state of emergency | 14 March 2025"
    article = _only(f"{headline}\n\n{PENSION_BODY}")
    assert article.title == headline
    assert article.published is None


def test_an_update_stamp_gives_way_to_the_published_line_below_it():
    stamps = "Updated: 5 Dec 2024 18:40 GMT\n\nPublished: 3 Dec 2024 09:12 GMT"
    article = _only(f"{PENSION_HEADLINE}\n\n{stamps}\n\n{PENSION_BODY}")
    assert (article.published, article.date_source) == ("2024-12-03", "date line")
    assert article.body == PENSION_BODY


def test_an_update_stamp_gives_way_to_a_dated_dateline():
    text = STEPPE_BANK.replace("\n\n", "\n\nLast updated 16 November 2024, 10:02\n\n", 1)
    assert _dated(text) == ("2024-11-14", "dateline")


def test_an_update_stamp_alone_gives_the_date():
    article = _only(f"{PENSION_HEADLINE}\n\nMis à jour le 15 février 2025 à 08h00\n\n{PENSION_BODY}")
    assert (article.published, article.date_source) == ("2025-02-15", "date line")


def test_an_update_stamp_wins_over_the_runs_published():
    text = f"{PENSION_HEADLINE}\n\nUpdated: 5 Dec 2024 18:40 GMT\n\n{PENSION_BODY}"
    assert _dated(text, published="2024-12-20") == ("2024-12-05", "date line")


def _dated_file(text: str, source: str, run: str | None = None, **document):
    """The date and its source of an article read from a file named `source`, with
    --published-from-name and the run's date `run`."""
    from eventwire import clean_document
    from eventwire.records import Document

    (article,) = clean_document(
        Document(source=source, text=text, **document), published=run, published_from_name=True
    )
    return article.published, article.date_source


def test_date_line_wins_over_the_file_name():
    assert _dated_file(STEPPE_BANK, "news/2024-12-03-almaty.txt") == ("2024-11-14", "dateline")


def test_file_name_dates_an_article_that_gives_no_date():
    assert _dated_file(FISHERMEN_FREED, "news/2024-12-03-fishermen.txt") == ("2024-12-03", "file name")


def test_runs_published_wins_over_the_file_name():
    dated = _dated_file(FISHERMEN_FREED, "news/2024-12-03-fishermen.txt", run="2024-12-05")
    assert dated == ("2024-12-05", "run")


def test_file_name_contradicted_by_a_later_date_is_set_aside():
    later = FISHERMEN_FREED + "\n\nThe union's contract with the port runs to 30 June 2027."
    assert _dated_file(later, "news/2024-12-03-fishermen.txt") == (None, None)


def test_file_name_gives_no_date_unless_asked():
    from eventwire import clean_document
    from eventwire.records import Document

    (article,) = clean_document(Document(source="2024-12-03-fishermen.txt", text=FISHERMEN_FREED))
    assert (article.published, article.date_source) == (None, None)


def test_sidecar_date_wins_over_the_dateline_and_says_so():
    sidecar = {"published": "2024-11-18", "date_source": "sidecar"}
    assert _dated_file(STEPPE_BANK, "2024-11-01-almaty.txt", **sidecar) == ("2024-11-18", "sidecar")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("2024-12-03-lebanon.txt", "2024-12-03"),
        ("20241203_lebanon.txt", "2024-12-03"),
        ("lebanon_2024-12-03.html", "2024-12-03"),
        ("crawl/2024_12_03_beirut.warc.gz#4", "2024-12-03"),
        ("2024-12/lebanon.txt", None),
        ("report-12345678.txt", None),
        ("2024-13-03-lebanon.txt", None),
    ],
)
def test_a_file_name_gives_the_day_it_is_named_after(name, value):
    from eventwire.clean.article_dates import file_name_date

    assert file_name_date(name) == value


# ------------------------------------------------------------ closing blocks and page heads


def test_a_releases_contact_block_and_notes_are_not_body():
    article = _only(
        "MINISTRY OF FOREIGN AFFAIRS\n\nArmenia Recalls Ambassador for Consultations\n\n"
        "Yerevan, 4 June 2025\n\n"
        "The Ministry has recalled its ambassador to Minsk for consultations after remarks by the "
        "Belarusian president on Nagorno-Karabakh.\n\n"
        "The Ministry expects an explanation from the Belarusian side.\n\n- ENDS -\n\n"
        "Notes to editors\nThe Ministry publishes its statements on its website.\n\n"
        "Media contact:\nAnna Petrosyan\nHead, Press Service\nTel: +374 10 620 000\n"
        "E-mail: press@mfa-am.example"
    )
    assert len(article.paragraphs) == 2
    assert article.body.endswith("explanation from the Belarusian side.")
    for furniture in ("ENDS", "Anna Petrosyan", "press@mfa-am.example", "Notes to editors"):
        assert furniture not in article.body


def test_a_masthead_after_a_releases_body_opens_the_next_release():
    first, second = clean_text(
        "Ministry of Foreign Affairs of Latvia\n\nLatvia Expels Russian Diplomat\n\nRiga, 2 May 2025\n\n"
        "Latvia has declared a diplomat of the Russian embassy persona non grata.\n\n"
        "The diplomat must leave the country within five days.\n\n"
        "Ministerio de Relaciones Exteriores\nComunicado No. 14\n\n"
        "Chile Condemns Attack on Its Embassy in Caracas\n\nSantiago, 3 May 2025\n\n"
        "The Government of Chile condemns the attack on its embassy in Caracas.",
        source="dump.txt",
    )
    assert first.title == "Latvia Expels Russian Diplomat"
    assert "Ministerio" not in first.body and "Comunicado" not in first.body
    assert (second.title, second.publisher) == (
        "Chile Condemns Attack on Its Embassy in Caracas",
        "Ministerio de Relaciones Exteriores",
    )


def test_a_releases_sign_off_line_is_not_its_last_paragraph():
    article = _only(
        "Uzbekistan and Turkmenistan Hold Consultations in Ashgabat\n\n"
        "Consultations between the foreign ministries of Uzbekistan and Turkmenistan were held "
        "in Ashgabat on 3 June.\n\nThe parties discussed water use on the Amu Darya.\n\n"
        "Press Service of the Ministry of Foreign Affairs of the Republic of Uzbekistan"
    )
    assert article.body.endswith("water use on the Amu Darya.")


def test_a_headline_that_starts_with_a_ministrys_name_is_still_the_headline():
    article = _only(
        "The Ministry of Interior suspends 12 opposition parties for three months\n\n"
        "By Aminata Diallo | a.diallo@paper.example\n\n"
        "Conakry.- The Ministry of Interior suspended on Monday twelve political parties.\n\n"
        "The parties have 30 days to appeal."
    )
    assert article.title.startswith("The Ministry of Interior suspends")
    assert article.byline == "Aminata Diallo"


def test_a_publishers_tagline_in_its_block_is_never_the_headline():
    article = _only(
        "KIVU RELIEF ALLIANCE\nStanding with the displaced since 2009\n\n"
        "SITUATION REPORT #5: Fighting around Sake and displacement to Goma\n\n"
        "SUMMARY\n\nFighting between the M23 and the army around Sake has displaced 40,000 people "
        "towards Goma since Monday, our teams report.\n\nCamps in Bulengo are full."
    )
    assert article.title == "SITUATION REPORT #5: Fighting around Sake and displacement to Goma"
    assert article.publisher == "KIVU RELIEF ALLIANCE"


def test_key_figures_and_their_labels_are_not_body():
    article = _only(
        "Haiti: Displacement in Port-au-Prince – Flash Update No. 9\n\n"
        "KEY FIGURES\n\n5,600\n\npeople displaced since 1 March\n\nUS$2.1M\n\nrequired for shelter\n\n"
        "OVERVIEW\n\nArmed gangs attacked the neighbourhoods of Solino and Delmas 24 on 1 March, "
        "and police said 14 people were killed.\n\nSchools have been turned into shelters."
    )
    assert [p.text[:12] for p in article.paragraphs] == ["Armed gangs ", "Schools have"]


def test_a_foreign_language_photo_credit_and_read_also_line_are_not_body():
    article = _only(
        "Government frees 12 political prisoners and expels them to Guatemala\n\n"
        "Managua.- The government freed on Thursday twelve political prisoners, according to the "
        "communiqué of the vice-president.\n\n"
        "The prisoners arrive at the airport of Guatemala. Foto: Archivo/LV\n\n"
        "The opposition in exile called the expulsion a new banishment.\n\n"
        "Lea también: Government confiscates the university of the Jesuits"
    )
    assert [c.credit for c in article.captions] == ["Archivo/LV"]
    assert len(article.paragraphs) == 2


def test_a_reports_as_of_line_or_title_gives_its_date():
    assert _dated(
        "Haiti: Displacement Update No. 4\nAs of 12 March 2025\n\n"
        "Gang attacks in Port-au-Prince displaced 5,000 people this week, partners said.\n\n"
        "Most of them are sheltering in schools."
    ) == ("2025-03-12", "date line")
    assert _dated(
        "Sudan: El Fasher Flash Update No. 2 (as of 14 May 2024)\n\n"
        "Fighting in El Fasher displaced thousands of people since Friday, partners said.\n\n"
        "Water points in the north of the town are out of service."
    ) == ("2024-05-14", "date line")


@pytest.mark.parametrize(
    "line",
    [
        "Last updated: 26 November 2024, 02:15 PKT",
        "Situation as of 9 August 2024, 18:00 (Bangladesh time)",
        "Managua, lunes 15 de enero de 2024 | Edición N° 9.312",
    ],
)
def test_date_lines_with_other_zones_local_times_and_weekdays_give_their_date(line):
    from eventwire.clean.article_dates import date_line_value

    assert date_line_value(line)[0]
    assert date_line_value(line)[1] in {"2024-11-26", "2024-08-09", "2024-01-15"}


def test_ministry_line_under_a_whole_government_line_is_the_publisher():
    text = (
        "Gobierno de Chile\n"
        "Ministerio de Relaciones Exteriores\n\n"
        "Chile recalls its ambassador to Nicaragua for consultations\n\n"
        "Santiago, 12 March 2025\n\n"
        "The Government of Chile has recalled its ambassador in Managua after the expulsion "
        "of a Chilean priest, the ministry said on Wednesday.\n\n"
        "The ministry asked the Nicaraguan authorities to explain the decision."
    )
    (article,) = clean_text(text)
    assert article.publisher == "Ministerio de Relaciones Exteriores"
    assert article.title == "Chile recalls its ambassador to Nicaragua for consultations"


def test_whole_government_line_alone_is_the_publisher():
    text = (
        "Government of Malawi\n\n"
        "Malawi declares state of disaster in three southern districts\n\n"
        "Lilongwe, 4 February 2025\n\n"
        "President Lazarus Chakwera has declared a state of disaster in Nsanje, Chikwawa and "
        "Phalombe after floods displaced more than 40,000 people.\n\n"
        "The government appealed for tents, food and medicines."
    )
    (article,) = clean_text(text)
    assert article.publisher == "Government of Malawi"


def test_each_article_of_a_dump_takes_its_own_masthead_in_capitals_as_publisher():
    text = (
        "THE LAKESIDE COURIER\n"
        "Kisumu's independent voice\n\n"
        "Fishermen protest new Lake Victoria levies\n\n"
        "Kisumu.- Hundreds of fishermen marched to the county offices on Monday to protest "
        "against new landing levies.\n\n"
        "The county said the levies would fund new cold stores.\n\n\n"
        "NILE VALLEY OBSERVER\n\n"
        "Juba court frees detained journalist\n\n"
        "Juba.- A court in Juba on Tuesday ordered the release of a radio journalist held "
        "for two weeks without charge.\n\n"
        "His lawyer said the case had been dropped."
    )
    first, second = clean_text(text)
    assert (first.title, first.publisher) == (
        "Fishermen protest new Lake Victoria levies",
        "THE LAKESIDE COURIER",
    )
    assert (second.title, second.publisher) == (
        "Juba court frees detained journalist",
        "NILE VALLEY OBSERVER",
    )


def test_headline_in_capitals_opening_a_dump_article_is_not_its_publisher():
    text = (
        "Kenya reopens Lunga Lunga border post\n\n"
        "Kenya on Monday reopened the Lunga Lunga border post with Tanzania after a "
        "three-day closure over a customs dispute.\n\n"
        "Traders said hundreds of lorries had queued on both sides.\n\n\n"
        "SOMALI TROOPS RETAKE TOWN FROM AL SHABAAB\n\n"
        "Somali troops retook the town of Moqokori on Tuesday after a night of fighting, "
        "a regional official said.\n\n"
        "The militants withdrew before dawn."
    )
    articles = clean_text(text)
    assert articles[-1].publisher is None


def test_contacts_heading_opens_the_closing_block_of_a_report():
    text = (
        "NRC\n\n"
        "Burkina Faso: Flash Update No. 2 – Displacement in Djibo\n\n"
        "OVERVIEW\n\n"
        "More than 12,000 people have fled to Djibo since armed men attacked three villages "
        "on 2 June, local authorities said.\n\n"
        "Water points in the town are overwhelmed.\n\n"
        "CONTACTS\n"
        "Awa Traoré, Emergency Coordinator, Ouagadougou, awa.traore@nrc.example\n"
        "Jean Ouédraogo, Media Adviser, +226 25 00 00 00"
    )
    (article,) = clean_text(text)
    assert article.body.endswith("Water points in the town are overwhelmed.")


def test_caption_credit_of_outlet_and_photographer_in_parentheses_is_split_off():
    from eventwire.knowledge.furniture import load_furniture_rules

    caption = load_furniture_rules().split_caption(
        "Riot police outside the electoral commission in Maputo on Thursday. (Savana Diário/Célia Mondlane)"
    )
    assert caption is not None
    assert caption.credit == "Savana Diário/Célia Mondlane"
    assert caption.text == "Riot police outside the electoral commission in Maputo on Thursday."


def test_date_line_set_off_above_the_next_headline_of_a_dump_is_that_articles():
    text = (
        "Kenya reopens Lunga Lunga border post\n\n"
        "Kenya on Monday reopened the Lunga Lunga border post with Tanzania after a "
        "three-day closure over a customs dispute.\n\n"
        "Traders said hundreds of lorries had queued on both sides.\n\n\n"
        "14.04.2025 | 11:32\n\n"
        "Somali troops retake Moqokori from al Shabaab\n\n"
        "Somali troops retook the town of Moqokori on Tuesday after a night of fighting, "
        "a regional official said.\n\n"
        "The militants withdrew before dawn."
    )
    first, second = clean_text(text)
    assert (first.title, first.published) == ("Kenya reopens Lunga Lunga border post", None)
    assert (second.title, second.published, second.date_source) == (
        "Somali troops retake Moqokori from al Shabaab",
        "2025-04-14",
        "date line",
    )


def test_row_of_page_tools_is_never_the_headline():
    text = (
        "Sada al-Wadi | Voice of the Valley\n"
        "Local news | Tuesday 4 March 2025 - 09:15 am\n"
        "Font size: A+ A-   Print   Send to friend\n\n"
        "Three farmers wounded by a landmine east of Marib\n\n"
        "Marib.- Three farmers were wounded, today Tuesday, by a landmine planted by the Houthi "
        "militia in the Sirwah district, local sources said.\n\n"
        "The wounded were taken to the general hospital in the city."
    )
    (article,) = clean_text(text)
    assert article.title == "Three farmers wounded by a landmine east of Marib"
    assert "Font size" not in article.body


def test_dateline_with_an_agency_the_list_does_not_know_opens_the_next_article_of_a_dump():
    text = (
        "Gunmen kill 9 herders near Djibo, officials say\n\n"
        "DJIBO, Burkina Faso, Nov 3 (Volta Press Service) - Gunmen killed nine herders near Djibo "
        "on Sunday, local officials said.\n\n"
        "(Reporting by VPS staff; Editing by the Sahel desk)\n\n"
        "Niger reopens border post at Makalondi after three-week closure\n\n"
        "NIAMEY, Nov 3 (Volta Press Service) - Niger reopened the Makalondi border post on Monday "
        "after a three-week closure, the interior ministry said."
    )
    first, second = clean_text(text)
    assert (first.dateline, second.dateline) == ("DJIBO, Burkina Faso", "NIAMEY")
    assert second.title == "Niger reopens border post at Makalondi after three-week closure"


def test_translation_notice_and_distribution_line_are_page_head_not_headline():
    for head in ("La Voix du Wouri – Regional news [Text translated automatically from French]",
                 "Distribution: partners, donors, media"):  # fmt: skip
        text = (
            f"{head}\n\n"
            "Floods cut the road between Kousseri and Maroua\n\n"
            "Maroua.- Floods cut the national road between Kousseri and Maroua on Sunday, the "
            "regional delegate for public works said.\n\n"
            "Traffic was diverted through Mora."
        )
        (article,) = clean_text(text)
        assert article.title == "Floods cut the road between Kousseri and Maroua", head


def test_sign_off_block_related_link_and_photo_bar_credit_are_not_body():
    text = (
        "THE LAKESIDE COURIER\n\n"
        "Ministry sets out support for border villages\n\n"
        "Fishermen inspect a damaged boat at the landing site on Monday. PHOTO | LAKESIDE COURIER\n\n"
        "Kisumu.- The ministry said on Monday it would compensate families whose homes lie on the "
        "new border line.\n\n"
        "Related coverage: Border commission meets in Kampala\n\n"
        "The ministry will publish regular updates on the payments.\n\n"
        "Press and Public Relations Department\n"
        "Tel.: +254 20 000 000 | press@ministry.example"
    )
    (article,) = clean_text(text)
    assert article.body.endswith("The ministry will publish regular updates on the payments.")
    assert "Related coverage" not in article.body
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Fishermen inspect a damaged boat at the landing site on Monday.", "PHOTO | LAKESIDE COURIER")
    ]


def test_report_title_line_with_number_places_and_date_dates_the_report():
    text = (
        "SAHEL RELIEF NETWORK\n"
        "Flash Update No. 6 | Mopti and Segou | 11 March 2025\n\n"
        "Fighting near Djenne displaces thousands\n\n"
        "More than 4,000 people fled villages around Djenne on Sunday after clashes, local "
        "authorities said.\n\n"
        "Partners are distributing water and shelter kits."
    )
    assert _dated(text) == ("2025-03-11", "date line")
    (article,) = clean_text(text)
    assert article.title == "Fighting near Djenne displaces thousands"


def test_headline_beside_a_date_is_not_a_date_line():
    from eventwire.clean.article_dates import date_line_value

    assert date_line_value("Kenya reopens border post | Daily Nation | 3 March 2024") == (False, None)


def test_a_release_date_line_place_stands_for_its_dateline():
    (article,) = clean_text(
        "MINISTRY OF FOREIGN AFFAIRS\n\n"
        "Press Release on the Attack on Our Border Post\n\n"
        "Yerevan, 14 March 2025\n\n"
        "On the night of 13 March, our positions near Sotk came under fire. We strongly condemn "
        "this provocation.\n\n"
        "The Ministry calls on the international community to respond."
    )
    assert (article.dateline, article.published) == ("Yerevan", "2025-03-14")
