"""Tests for the dates stage: time expressions found in wire copy and normalised.

The sentences are written by the team in wire-copy style. Most run through the real
spaCy pipeline (`eventwire.nlp.load_pipeline()`, with the `eventwire_dates` component),
so the parse decides whether a sentence looks back or ahead, as it does in production;
captions go through `normalise_time_expressions` on their own, without a parse.

Reference dates used: 2018-09-04 (a Tuesday, the seed's first article), 2025-01-03 (a
Friday, three days after a year boundary), 2024-04-24 (a Wednesday).
"""

from __future__ import annotations

from spacy.language import Language

from eventwire.dates import normalise_time_expressions, time_for_trigger
from eventwire.records import EventTime
from helpers import parsed, trigger

SEED_DAY = "2018-09-04"


def found(nlp: Language, text: str, reference_date: str | None) -> dict[str, str | None]:
    """Expression text -> value, checking every expression's offsets against the text."""
    doc = parsed(nlp, text, published=reference_date)
    for expression in doc._.ew_dates:
        assert text[expression.start : expression.end] == expression.text
    return {expression.text: expression.value for expression in doc._.ew_dates}


# --- the seed -------------------------------------------------------------------------


def test_seed_next_friday_is_the_friday_after_the_reference_date(nlp: Language) -> None:
    text = "Moscow is awaiting a tripartite summit in Tehran next Friday to develop a joint vision."
    assert found(nlp, text, SEED_DAY) == {"next Friday": "2018-09-07"}


def test_seed_weekday_in_past_sentence_is_the_monday_before(nlp: Language) -> None:
    text = "Turkish Defense Minister Hulusi Akar arrived Monday on a surprise visit to the border."
    assert found(nlp, text, SEED_DAY) == {"Monday": "2018-09-03"}


def test_seed_on_sunday_keeps_the_weekday_without_its_preposition(nlp: Language) -> None:
    text = "On Sunday, informed Syrian sources told Asharq Al-Awsat that regime forces had moved north."
    assert found(nlp, text, SEED_DAY) == {"Sunday": "2018-09-02"}


def test_seed_last_week_is_the_iso_week_before(nlp: Language) -> None:
    text = "Turkey sent more troops to its observation posts in Idlib last week, officials said."
    assert found(nlp, text, SEED_DAY) == {"last week": "2018-W35"}


def test_caption_date_is_normalised_without_a_parse_or_reference_date() -> None:
    caption = (
        "Turkish Defense Minister Yasar Guler attends a ceremony on the Black Sea mine "
        "countermeasures group in Istanbul, Türkiye, January 11, 2024. (Reuters)"
    )
    [expression] = normalise_time_expressions(caption, None)
    assert (expression.text, expression.value, expression.granularity) == (
        "January 11, 2024",
        "2024-01-11",
        "day",
    )
    assert caption[expression.start : expression.end] == "January 11, 2024"


# --- weekdays -------------------------------------------------------------------------


def test_weekday_after_will_is_the_next_such_day(nlp: Language) -> None:
    text = "The foreign ministers of Russia, Turkey and Iran will meet in Tehran on Friday."
    assert found(nlp, text, SEED_DAY) == {"Friday": "2018-09-07"}


def test_same_weekday_in_past_tense_is_the_friday_before(nlp: Language) -> None:
    text = "The foreign ministers of Russia, Turkey and Iran met in Tehran on Friday."
    assert found(nlp, text, SEED_DAY) == {"Friday": "2018-08-31"}


def test_weekday_of_the_reference_date_itself_is_that_day(nlp: Language) -> None:
    text = "Artillery fire killed at least 18 civilians in El Fasher on Tuesday, medics said."
    assert found(nlp, text, "2024-09-17") == {"Tuesday": "2024-09-17"}


def test_this_weekday_follows_the_tense_of_its_clause(nlp: Language) -> None:
    # Monday 15 January 2024: translated local press writes 'this Sunday' for the day before.
    released = "The government released the bishop of Siuna this Sunday, the Vatican said."
    assert found(nlp, released, "2024-01-15") == {"this Sunday": "2024-01-14"}
    vote = "Voters in the capital will elect a new mayor this Sunday."
    assert found(nlp, vote, "2024-01-15") == {"this Sunday": "2024-01-21"}


def test_late_on_weekday_keeps_its_modifier_and_the_day(nlp: Language) -> None:
    text = "Israel carried out airstrikes on southern Syria late on Tuesday, the army said."
    assert found(nlp, text, "2024-04-24") == {"late on Tuesday": "2024-04-23"}


def test_weekday_night_is_that_day(nlp: Language) -> None:
    text = "The Pentagon said US forces had carried out strikes on Tuesday night against three radar sites."
    assert found(nlp, text, "2024-04-24") == {"Tuesday night": "2024-04-23"}


def test_curfew_until_a_weekday_looks_ahead(nlp: Language) -> None:
    text = (
        "The interior ministry has imposed a curfew across the capital from 8 p.m. until 6 a.m. on Thursday."
    )
    assert found(nlp, text, "2025-09-17") == {"Thursday": "2025-09-18"}


def test_infinitive_under_agreed_looks_ahead(nlp: Language) -> None:
    text = "The two leaders agreed to meet again on Friday in Ankara."
    assert found(nlp, text, SEED_DAY) == {"Friday": "2018-09-07"}


def test_explicit_date_with_weekday_is_one_expression(nlp: Language) -> None:
    text = "Wednesday, May 14, 2025\n\nPresident Claudia Sheinbaum ordered 4,000 more soldiers to Sinaloa."
    assert found(nlp, text, "2025-05-14") == {"Wednesday, May 14, 2025": "2025-05-14"}


# --- relative words -------------------------------------------------------------------


def test_relative_days_and_periods_resolve_against_the_reference_date(nlp: Language) -> None:
    text = (
        "The army said on Tuesday it had shelled the town yesterday and would resume talks "
        "tomorrow. Talks held earlier this week failed, and a new round is planned next week. "
        "Aid deliveries fell last month and are due to resume next month, after a drought this year."
    )
    assert found(nlp, text, SEED_DAY) == {
        "Tuesday": "2018-09-04",
        "yesterday": "2018-09-03",
        "tomorrow": "2018-09-05",
        "earlier this week": "2018-W36",
        "next week": "2018-W37",
        "last month": "2018-08",
        "next month": "2018-10",
        "this year": "2018",
    }


def test_counted_units_ago(nlp: Language) -> None:
    text = "The rebels seized the town two years ago and shot down a drone three days ago."
    assert found(nlp, text, SEED_DAY) == {"two years ago": "2016", "three days ago": "2018-09-01"}


def test_vague_expressions_are_kept_without_a_value(nlp: Language) -> None:
    text = (
        "Regime forces have massed around Idlib in the past weeks, and drones struck "
        "the town. Talks resumed the following day."
    )
    assert found(nlp, text, SEED_DAY) == {"the past weeks": None, "the following day": None}


def test_overnight_is_the_night_ending_on_the_reference_day(nlp: Language) -> None:
    text = "Drones struck the port of Odesa overnight, and a tanker was hit last night off Izmail."
    assert found(nlp, text, SEED_DAY) == {"overnight": "2018-09-04", "last night": "2018-09-03"}


def test_without_reference_date_relative_expressions_have_no_value(nlp: Language) -> None:
    text = (
        "Russian jets struck Idlib on Sunday and last week, two years ago the town fell, and "
        "the talks in December failed. The deal of January 11, 2024 still holds."
    )
    assert found(nlp, text, None) == {
        "Sunday": None,
        "last week": None,
        "two years ago": None,
        "December": None,
        "January 11, 2024": "2024-01-11",
    }


# --- months and years across a year boundary ---------------------------------------------


def test_month_and_week_roll_back_across_the_year_boundary(nlp: Language) -> None:
    text = (
        "The army withdrew from the border in December, the ministry said, and the defence "
        "minister resigned last week. Exports fell last month and were lower than last year."
    )
    assert found(nlp, text, "2025-01-03") == {
        "December": "2024-12",
        "last week": "2024-W52",
        "last month": "2024-12",
        "last year": "2024",
    }


def test_month_named_in_its_own_month_is_that_month(nlp: Language) -> None:
    text = "The bloc imposed new sanctions in December, officials said."
    assert found(nlp, text, "2024-12-18") == {"December": "2024-12"}


def test_month_due_ahead_is_the_coming_one(nlp: Language) -> None:
    text = "Police detained organisers of protests ahead of parliamentary elections due in September."
    assert found(nlp, text, "2025-03-11") == {"September": "2025-09"}


def test_last_month_name_is_the_one_before_the_current_month(nlp: Language) -> None:
    text = "Foreign Minister Andrii Sybiha, who replaced Dmytro Kuleba last September, spoke in Kyiv."
    assert found(nlp, text, "2025-06-12") == {"last September": "2024-09"}


def test_month_and_weekday_inside_names_are_not_dates(nlp: Language) -> None:
    text = "Former British Prime Minister Theresa May told The Sunday Times the deal was a mistake."
    assert found(nlp, text, SEED_DAY) == {}


def test_explicit_years_months_and_parts_of_years(nlp: Language) -> None:
    text = (
        "Petro took office in 2022, the ceasefire expired in August 2024, and fighting has "
        "intensified since late 2023. A new offensive is expected by mid-2026."
    )
    assert found(nlp, text, "2025-03-19") == {
        "2022": "2022",
        "August 2024": "2024-08",
        "late 2023": "2023-09/2023-12",
        "mid-2026": "2026-05/2026-08",
    }


def test_year_before_a_noun_is_a_year_but_a_count_of_troops_is_not(nlp: Language) -> None:
    text = "The militia was founded by perpetrators of the 1994 genocide, and 2000 troops crossed the border."
    assert found(nlp, text, None) == {"1994": "1994"}


def test_times_of_day_durations_and_counts_are_not_dates(nlp: Language) -> None:
    text = (
        "The explosion at 3:41 PM ended a truce that had held for three years; 20,000 troops "
        "were ordered to leave within 72 hours."
    )
    assert found(nlp, text, SEED_DAY) == {}


# --- explicit days ----------------------------------------------------------------------


def test_explicit_day_formats(nlp: Language) -> None:
    text = (
        "PORT SUDAN, Sept 17 (Reuters) - The army said the truce signed on 11 January 2024 "
        "and the deal of 2024-01-11 had collapsed by Sept 5."
    )
    assert found(nlp, text, "2024-09-17") == {
        "Sept 17": "2024-09-17",
        "11 January 2024": "2024-01-11",
        "2024-01-11": "2024-01-11",
        "Sept 5": "2024-09-05",
    }


def test_day_without_year_in_past_sentence_rolls_back_across_the_year(nlp: Language) -> None:
    text = "Mikheil Kavelashvili was sworn in on December 29, the election commission said."
    assert found(nlp, text, "2025-01-13") == {"December 29": "2024-12-29"}


def test_day_without_year_under_a_promise_looks_ahead(nlp: Language) -> None:
    text = "Min Aung Hlaing has promised an election beginning on December 28, which opponents reject."
    assert found(nlp, text, "2025-08-13") == {"December 28": "2025-12-28"}


def test_end_of_month_in_conditional_clause_is_its_last_day(nlp: Language) -> None:
    text = (
        "Carney said Canada would respond with countermeasures if the duties were not "
        "lifted by the end of October."
    )
    assert found(nlp, text, "2025-09-24") == {"the end of October": "2025-10-31"}


def test_abbreviated_month_with_dot_without_reference_date_has_no_value(nlp: Language) -> None:
    text = "Most commercial flights have been suspended since Nov. 11, the airport authority said."
    assert found(nlp, text, None) == {"Nov. 11": None}
    assert found(nlp, text, "2024-11-20") == {"Nov. 11": "2024-11-11"}


# --- ranges ---------------------------------------------------------------------------


def test_day_ranges_are_intervals(nlp: Language) -> None:
    text = (
        "The ministers met in Doha on 11 and 12 April 2025 and will meet again on May 2-3, "
        "after talks held between 2019 and 2021."
    )
    assert found(nlp, text, "2025-04-12") == {
        "11 and 12 April 2025": "2025-04-11/2025-04-12",
        "May 2-3": "2025-05-02/2025-05-03",
        "2019 and 2021": "2019/2021",
    }


# --- the time of an event -----------------------------------------------------------------


def trigger_time(nlp: Language, text: str, reference_date: str | None, trigger_text: str) -> EventTime:
    doc = parsed(nlp, text, published=reference_date)
    return time_for_trigger(doc, trigger(doc, trigger_text))


def test_trigger_attached_weekday_gives_the_event_its_day(nlp: Language) -> None:
    text = "Israel carried out airstrikes on southern Syria late on Tuesday, the army said."
    expected = EventTime("late on Tuesday", "2024-04-23", "trigger-attached")
    assert trigger_time(nlp, text, "2024-04-24", "carried") == expected
    assert trigger_time(nlp, text, "2024-04-24", "airstrikes") == expected


def test_sentence_without_a_date_takes_the_reference_date(nlp: Language) -> None:
    text = "Israel carried out airstrikes on southern Syria, the army said."
    assert trigger_time(nlp, text, "2024-04-24", "carried") == EventTime(None, "2024-04-24", "reference-date")


def test_no_date_and_no_reference_date_gives_rule_none(nlp: Language) -> None:
    text = "Israel carried out airstrikes on southern Syria, the army said."
    assert trigger_time(nlp, text, None, "carried") == EventTime(None, None, "none")


def test_attached_relative_date_without_reference_date_keeps_no_value(nlp: Language) -> None:
    text = "Israel carried out airstrikes on southern Syria late on Tuesday, the army said."
    assert trigger_time(nlp, text, None, "carried") == EventTime("late on Tuesday", None, "trigger-attached")


def test_date_of_another_clause_is_not_the_event_time(nlp: Language) -> None:
    text = "Militants attacked a checkpoint near the border, a week after the truce agreed in June."
    assert trigger_time(nlp, text, "2025-10-14", "attacked") == EventTime(
        None, "2025-10-14", "reference-date"
    )


def test_conjoined_verb_shares_the_date_of_its_head(nlp: Language) -> None:
    text = "Israeli troops withdrew on Tuesday and handed the hilltop over to the Lebanese army."
    assert trigger_time(nlp, text, "2025-10-14", "handed") == EventTime(
        "Tuesday", "2025-10-14", "trigger-attached"
    )


def test_weeks_and_months_of_the_reference_date(nlp: Language) -> None:
    text = "Clashes have killed 40 people this week, and 200 earlier this month, the UN said."
    assert found(nlp, text, "2024-11-20") == {"this week": "2024-W47", "earlier this month": "2024-11"}


def test_parts_of_months_seasons_and_the_end_of_the_year(nlp: Language) -> None:
    text = (
        "The drought began in early March and worsened last summer; the summer of 2023 was "
        "milder. The government promised to finish the dam by the end of the year."
    )
    assert found(nlp, text, "2025-10-08") == {
        "early March": "2025-03-01/2025-03-10",
        "last summer": "2025-06/2025-08",
        "the summer of 2023": "2023-06/2023-08",
        "the end of the year": "2025-12-31",
    }


def test_dotted_day_of_a_news_site_stamp(nlp: Language) -> None:
    text = (
        "14.04.2025 | 11:32\n\nYEREVAN/BAKU, April 14 (Caucasus Wire) - Azerbaijan accused Armenian forces."
    )
    assert found(nlp, text, "2025-04-14") == {"14.04.2025": "2025-04-14", "April 14": "2025-04-14"}
