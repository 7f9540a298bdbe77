"""Headlines read as sentences: Title Case undone where the words are common English."""

import pytest

from eventwire.events.headline import common_words, sentence_case


@pytest.fixture(scope="module")
def vocabulary(nlp):
    return common_words(nlp)


def test_title_case_common_words_are_lowered_and_countries_kept(vocabulary):
    assert (
        sentence_case("South Africa and El Salvador Agree to New Limits on Conventional Weapons", vocabulary)
        == "South Africa and El Salvador agree to new limits on conventional weapons"
    )


def test_names_acronyms_and_cities_keep_their_capitals(vocabulary):
    assert (
        sentence_case("Kenya's Ruto Meets Museveni in Entebbe", vocabulary)
        == "Kenya's Ruto meets Museveni in Entebbe"
    )
    assert (
        sentence_case("IMF Agrees to Forgive Debt of Nauru", vocabulary)
        == "IMF agrees to forgive debt of Nauru"
    )


def test_a_headline_in_sentence_case_is_left_as_it_is(vocabulary):
    title = "Junta jet bombs monastery sheltering displaced families in Sagaing, killing 19"
    assert sentence_case(title, vocabulary) == title


def test_the_case_change_keeps_every_offset(vocabulary):
    title = "Iraq Condemns ‘Barbaric’ Attack on Pilgrims Near Karbala"
    assert len(sentence_case(title, vocabulary)) == len(title)
