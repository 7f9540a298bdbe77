"""Tests for the quotes stage: direct, partial and reported speech with their speakers.

The articles under tests/data/quotes/ are wire copy written by the team; they run
through `eventwire.extract` (clean, parse, entities, quotes), as in production. One test
runs the quotes component right after the entities stage on bare spaCy, without the
stages after it. Quote marks are checked without a parse by `marked_quotes`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.knowledge.speech import load_speech_lexicon
from eventwire.pipeline import extract
from eventwire.quotes import marked_quotes, quote_at
from helpers import SAMPLE, bare_spacy_with

DATA = Path(__file__).parent / "data" / "quotes"


def quotes_of(name: str) -> list[dict]:
    (record,) = extract((DATA / name).read_text(encoding="utf-8"))
    return record["quotes"]


def find(quotes: list[dict], starts: str) -> dict:
    found = [q for q in quotes if q["text"].startswith(starts)]
    assert len(found) == 1, f"{starts!r} in {[q['text'][:40] for q in quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def norway() -> list[dict]:
    return quotes_of("norway_patrols.txt")


@pytest.fixture(scope="module")
def chile() -> list[dict]:
    return quotes_of("chile_peru_embassies.txt")


@pytest.fixture(scope="module")
def haiti() -> list[dict]:
    return quotes_of("haiti_police_briefing.txt")


# --- quote marks, without a parse ------------------------------------------------------


def texts(body: str) -> list[str]:
    return [body[q.start : q.end] for q in marked_quotes(body)]


def test_straight_curly_and_mixed_marks_give_the_words_inside():
    body = '"We will stay," he said. “We will not retreat,” she said. "It is over.” They left.'
    assert texts(body) == ["We will stay", "We will not retreat", "It is over."]


def test_apostrophes_are_not_quote_marks():
    body = "Syria’s army won’t leave the Kurds’ towns, the minister’s aide said."
    assert texts(body) == []


def test_single_curly_marks_quote_outside_double_ones():
    body = "‘We are neighbours, not rivals,’ Costa wrote, calling the row “a family quarrel”."
    assert texts(body) == ["We are neighbours, not rivals", "a family quarrel"]


def test_quote_running_over_paragraphs_is_one_quote_per_paragraph_chained():
    body = "“We asked for patience.\n\n“The inquiry will take months,” Brandt said."
    first, second = marked_quotes(body)
    assert body[first.start : first.end] == "We asked for patience."
    assert first.runs_on and not first.continues
    assert second.continues and not second.runs_on


# --- direct and partial quotes ---------------------------------------------------------


def test_direct_quote_opened_straight_and_closed_curly_is_attributed_after_it(norway):
    quote = find(norway, "We will not retreat")
    assert quote["text"] == "We will not retreat from our own waters"
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("direct", "Arvid Lund", "tell")
    assert quote["speaker_id"] is not None


def test_partial_quote_inside_a_sentence(norway):
    quote = find(norway, "would not stand by")
    assert (quote["text"], quote["kind"], quote["speaker"], quote["verb"]) == (
        "would not stand by",
        "partial",
        "Arvid Lund",
        "warn",
    )


def test_partial_quote_before_he_said_goes_to_the_last_speaker(norway):
    quote = find(norway, "only work if both sides")
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("partial", "Arvid Lund", "say")


def test_quote_over_two_paragraphs_takes_the_speaker_named_in_the_last(norway):
    first = find(norway, "We have asked our neighbours")
    second = find(norway, "The inquiry will take months")
    assert first["speaker"] == second["speaker"] == "Helga Brandt"
    assert first["kind"] == second["kind"] == "direct"


def test_quote_with_nobody_speaking_has_no_speaker(norway):
    quote = find(norway, "No more cables cut")
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("partial", None, None)


def test_what_it_called_goes_to_the_organisation_earlier_in_the_sentence(norway):
    quote = find(norway, "provocative manoeuvres")
    assert quote["speaker"] == "Russia's foreign ministry"
    assert (quote["kind"], quote["verb"]) == ("partial", "call")


def test_a_government_quoted_by_its_minister_is_the_minister_speaking(chile):
    quote = find(chile, "a new beginning")
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("partial", "Ana Quispe", "say")


def test_said_before_the_name_and_an_apposition(chile):
    quote = find(chile, "The border is open again")
    assert (quote["kind"], quote["speaker"]) == ("direct", "Mirela Costa")


def test_paragraph_ending_in_a_colon_introduces_the_quote_after_it(chile):
    quote = find(chile, "Nobody in Santiago wants")
    assert (quote["kind"], quote["speaker"]) == ("direct", "Tomas Reyes")


def test_single_marked_quote_with_surname_alone(chile):
    quote = find(chile, "We are neighbours, not rivals")
    assert (quote["speaker"], quote["verb"]) == ("Mirela Costa", "write")


def test_quote_over_paragraphs_takes_the_speaker_of_the_sentence_after_it(haiti):
    first = find(haiti, "We came with fewer officers")
    second = find(haiti, "We have asked our partners")
    assert first["speaker"] == second["speaker"] == "Godfrey Otunge"
    assert first["kind"] == second["kind"] == "direct"


def test_quote_in_the_headline_is_not_a_quote_of_the_body(haiti):
    assert [q for q in haiti if q["text"].startswith("more time")] == []


def test_speaker_named_in_apposition_before_a_colon(haiti):
    quote = find(haiti, "Nobody here is leaving")
    assert "Esther Wambui" in quote["speaker"]
    assert (quote["kind"], quote["verb"]) == ("direct", "tell")


# --- reported speech -------------------------------------------------------------------


def test_trailing_attribution_reports_the_sentence_before_it_without_the_dateline(norway):
    quote = find(norway, "Norway will keep its naval patrols")
    assert quote["text"] == "Norway will keep its naval patrols in the Barents Sea through the winter"
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("indirect", "Arvid Lund", "say")


def test_pronoun_subject_in_the_same_paragraph(norway):
    quote = find(norway, "the patrols had been planned")
    assert (quote["kind"], quote["speaker"]) == ("indirect", "Arvid Lund")


def test_according_to_an_unnamed_office(norway):
    quote = find(norway, "Two coast guard ships reached the area")
    assert (quote["speaker"], quote["verb"]) == ("the regional governor's office", "according to")


def test_unnamed_sources_are_kept_as_written(norway):
    quote = find(norway, "a visit by the Russian ambassador")
    assert (quote["kind"], quote["speaker"], quote["speaker_id"]) == (
        "indirect",
        "Informed diplomatic sources",
        None,
    )


def test_accused_and_urged_report_the_verb_with_what_follows(haiti):
    accused = find(haiti, "accused the gangs of using schools")
    urged = find(haiti, "urged residents to report")
    assert accused["text"] == "accused the gangs of using schools as bases"
    assert (accused["speaker"], accused["verb"]) == ("Godfrey Otunge", "accuse")
    assert (urged["speaker"], urged["verb"]) == ("Godfrey Otunge", "urge")


def test_title_without_name_is_the_last_person_with_that_title(chile):
    quote = find(chile, "the two countries would name new ambassadors")
    assert quote["speaker"] == "Tomas Reyes"


def test_he_told_reporters_in_the_next_paragraph(chile):
    quote = find(chile, "trade talks would resume in March")
    assert (quote["speaker"], quote["verb"]) == ("Tomas Reyes", "tell")


def test_office_of_a_named_person_is_kept_as_written(chile):
    quote = find(chile, "he welcomed the agreement")
    assert quote["speaker"] == "President Daniel Vargas's office"


def test_written_answers_to_questions_then_said(chile):
    quote = find(chile, "Chile would not reopen the fishing dispute")
    assert quote["speaker"] == "Tomas Reyes"


def test_quote_ids_follow_the_text(chile):
    assert [q["id"] for q in chile] == [f"q{n}" for n in range(1, len(chile) + 1)]
    assert [q["start"] for q in chile] == sorted(q["start"] for q in chile)


# --- the component without the later stages ----------------------------------------------


def test_right_after_the_entities_stage_surnames_and_pronouns_resolve():
    nlp = bare_spacy_with("eventwire_entities", "eventwire_quotes")
    doc = nlp(
        "Defence Minister Arvid Lund visited the base on Thursday.\n\n"
        '"We will not retreat from our own waters," Lund told reporters.\n\n'
        "He said the patrols would continue through the winter."
    )
    speakers = {q.text[:20]: q.speaker for q in doc._.ew_quotes}
    assert speakers == {"We will not retreat ": "Arvid Lund", "the patrols would co": "Arvid Lund"}


def test_quote_at_prefers_the_marked_quote_inside_a_reported_clause(nlp):
    doc = nlp("Lund warned that Norway “would not stand by” if the ships returned.")
    offset = doc.text.index("stand")
    quote = quote_at(doc, offset)
    assert quote is not None and (quote.kind, quote.text) == ("partial", "would not stand by")
    assert quote_at(doc, doc.text.index("ships")).kind == "indirect"
    assert quote_at(doc, 0) is None


def test_speech_vocabulary_reads_every_row():
    lexicon = load_speech_lexicon()
    kinds = {kind for kinds in lexicon.verbs.values() for kind in kinds}
    assert kinds == {"clause", "object", "quote"}
    assert lexicon.particles["call"] == {"for", "on"}
    assert ("according", "to") in lexicon.phrases
    assert lexicon.pronouns["he"] == "person"


# --- the seed --------------------------------------------------------------------------


def test_seed_required_quotes_have_their_speakers():
    first, second = extract(paths=[str(SAMPLE)], published="2018-09-04")
    wanted = {
        "We are now taking the most active effort": ("direct", "Sergei Lavrov"),
        "could not indefinitely": ("partial", "Sergei Lavrov"),
        "Tehran is no more in need of Moscow in Syria": ("direct", "A Russian expert"),
        "issues on the agenda for the tripartite meeting": ("partial", "the Syrian presidency"),
        "had similar views on the different issues": ("partial", "Assad's office"),
        "We have started providing military training": ("direct", "Yasar Guler"),
        "only be re-evaluated when Syria achieves peace": ("partial", "Yasar Guler"),
        "technical level meetings to establish": ("partial", "Yasar Guler"),
        "Our efforts to form this line": ("direct", "Yasar Guler"),
        "Türkiye is training and advising": ("indirect", "Yasar Guler"),
        "it was too early to discuss possible withdrawal": ("indirect", "Yasar Guler"),
    }
    quotes = first["quotes"] + second["quotes"]
    found = {starts: (find(quotes, starts)["kind"], find(quotes, starts)["speaker"]) for starts in wanted}
    assert found == wanted
    assert find(quotes, "Our efforts to form this line")["verb"] == "tell"
