"""The learned second opinion on an article's lede (events/type_model.py and
coding.with_second_opinion): what it reads, what it adds, and when it keeps quiet."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from spacy.language import Language

from eventwire.events.candidates import SecondOpinion
from eventwire.events.coding import code_events
from eventwire.events.type_model import (
    NO_EVENT,
    LedeInput,
    TypeModel,
    WordTable,
    lede_features,
    load_type_model,
    save_type_model,
    sentence_features,
)
from helpers import parsed


def fixed_model(kind: str, probability: float) -> TypeModel:
    """A model that reads every sentence as `kind` with about this probability."""
    classes = (kind, NO_EVENT)
    margin = float(np.log(probability / (1 - probability)))
    return TypeModel(
        classes=classes,
        vocabulary={"x": 0},
        idf=np.ones(1, dtype=np.float32),
        weights=np.zeros((2, 1), dtype=np.float32),
        bias=np.array([margin, 0.0], dtype=np.float32),
    )


def events_with(
    nlp: Language, text: str, model: TypeModel, threshold: float = 0.35, title: str | None = None
):
    doc = parsed(nlp, text, published="2024-05-06", title=title)
    return code_events(doc, second_opinion=SecondOpinion(model, threshold, nlp.tokenizer))


# A lede whose verb the lexicon does not code: the model's reading is all there is.
UNCODED_LEDE = "Kenyan officials handed Somalia the keys of the Mandera crossing on Monday."


def test_features_name_entities_by_label_and_keep_the_main_verb_with_its_object(nlp: Language) -> None:
    doc = parsed(nlp, "The United States imposed new sanctions on Iran on Monday.")
    features = sentence_features(next(iter(doc.sents)))
    assert "<GPE>" in features and "united" not in features
    assert "impose new" in features
    assert "root:impose~sanction" in features


def test_lede_features_read_the_headline_as_marked_lower_case_words(nlp: Language) -> None:
    doc = parsed(nlp, UNCODED_LEDE)
    lede = lede_features(next(iter(doc.sents)), nlp.tokenizer("Border Crossing Reopens"))
    assert {"t:border", "t:crossing reopens"} <= set(lede.features)


def test_lede_features_give_the_word_table_plain_lower_case_words(nlp: Language) -> None:
    doc = parsed(nlp, "Kenyan officials handed Somalia the keys on Monday.")
    lede = lede_features(next(iter(doc.sents)), nlp.tokenizer("Kenya Hands Over Border Post"))
    assert lede.title_words == ["kenya", "hands", "over", "border", "post"]
    assert lede.lede_words == ["kenyan", "officials", "handed", "somalia", "the", "keys", "on", "monday"]
    assert lede_features(next(iter(doc.sents)), None).title_words == []


def test_model_adds_its_type_at_the_main_verb_with_the_verbs_actors(nlp: Language) -> None:
    plain = events_with(nlp, UNCODED_LEDE, fixed_model("CONCEDE", 0.01))
    added = events_with(nlp, UNCODED_LEDE, fixed_model("CONCEDE", 0.9))
    assert not any(e.type == "CONCEDE" for e in plain)
    concede = next(e for e in added if e.type == "CONCEDE")
    assert [a.country for a in concede.source] == ["KEN"]
    assert [a.country for a in concede.target] == ["SOM"]
    assert concede.confidence <= 0.9


def test_model_below_its_threshold_adds_nothing(nlp: Language) -> None:
    events = events_with(nlp, UNCODED_LEDE, fixed_model("CONCEDE", 0.6), threshold=0.7)
    assert not any(e.type == "CONCEDE" for e in events)


def test_model_reads_only_the_lede_not_later_sentences(nlp: Language) -> None:
    text = "Officials met in Nairobi on Monday.\n\n" + UNCODED_LEDE
    events = events_with(nlp, text, fixed_model("CONCEDE", 0.9))
    assert not any(e.type == "CONCEDE" and "reopened" in e.evidence for e in events)


def test_model_never_overrides_a_sense_the_lexicon_chose_by_its_conditions(nlp: Language) -> None:
    text = "Israeli aircraft struck a camp in Rafah on Monday, killing 12 people."
    events = events_with(nlp, text, fixed_model("SUPPORT", 0.95))
    assert any(e.type == "ASSAULT" for e in events)
    assert not any(e.type == "SUPPORT" for e in events)


def test_model_saved_and_loaded_gives_the_same_probabilities(tmp_path) -> None:
    model = fixed_model("AID", 0.8)
    path = tmp_path / "model.npz"
    save_type_model(model, str(path))
    loaded = load_type_model(str(path))
    assert loaded is not None and loaded.classes == model.classes
    assert loaded.probabilities(LedeInput(["x"]))["AID"] == pytest.approx(0.8, abs=0.01)


def test_bundled_model_reads_plain_wire_ledes(nlp: Language) -> None:
    model = load_type_model()
    assert model is not None
    ledes = {
        "SANCTION": (
            "Washington imposed sanctions on three Iranian banks on Tuesday, freezing their assets.",
            "US imposes new sanctions on Iranian banks",
        ),
        "PROTEST": (
            "Thousands of teachers marched through the capital on Tuesday demanding higher pay.",
            "Teachers rally in capital over pay",
        ),
    }
    for kind, (lede, title) in ledes.items():
        doc = parsed(nlp, lede)
        best, _ = model.best(lede_features(next(iter(doc.sents)), nlp.tokenizer(title)))
        assert best == kind, (lede, best)


def test_bundled_model_holds_its_word_table_with_words_past_the_training_texts() -> None:
    model = load_type_model()
    assert model is not None and model.words is not None
    table = model.words
    assert table.title_scores.shape == table.lede_scores.shape == (len(table.vocabulary), len(model.classes))
    assert 0 < model.tfidf_share < 1
    assert {"confer", "slams", "airlifts"} <= set(table.vocabulary)


def read_lede(nlp: Language, lede: str, title: str):
    return lede_features(next(iter(parsed(nlp, lede).sents)), nlp.tokenizer(title))


def test_headline_verb_no_training_text_has_is_typed_by_its_meaning(nlp: Language) -> None:
    model = load_type_model()
    lede = read_lede(
        nlp,
        "China's foreign ministry criticised the Philippines on Monday over the clash.",
        "Beijing slams Manila over reef incident",
    )
    table = model.words
    assert "t:slams" not in model.vocabulary
    assert table.idf[table.vocabulary["slams"]] == table.idf.max()  # in no training text
    assert dataclasses.replace(model, words=None).best(lede)[0] != "ACCUSE"
    kind, probability = model.best(lede)
    assert kind == "ACCUSE" and probability >= 0.35


def test_word_part_lifts_a_reading_the_tfidf_part_is_unsure_of_over_the_threshold(nlp: Language) -> None:
    model = load_type_model()
    lede = read_lede(
        nlp,
        "The foreign ministers of Turkey and Iran met in Ankara on Tuesday.",
        "Foreign ministers confer in Ankara",
    )
    kind, probability = dataclasses.replace(model, words=None).best(lede)
    assert kind == "CONSULT" and probability < 0.35
    kind, probability = model.best(lede)
    assert kind == "CONSULT" and probability >= 0.35


def test_pipeline_without_the_model_keeps_the_lexicons_reading() -> None:
    from helpers import bare_spacy_with

    nlp = bare_spacy_with("eventwire_entities", "eventwire_dates", "eventwire_places", "eventwire_quotes")
    nlp.add_pipe("eventwire_events", config={"type_model": False})
    assert nlp.get_pipe("eventwire_events").second_opinion is None


# A word table over three words, with classes (PROTEST, NONE): 'marched' and 'rallied' read
# as a protest in a headline, 'said' as nothing.
def word_table() -> WordTable:
    return WordTable(
        vocabulary={"marched": 0, "rallied": 1, "said": 2},
        idf=np.array([2.0, 2.0, 1.0], dtype=np.float32),
        title_scores=np.array([[3.0, 0.0], [3.0, 0.0], [0.0, 1.0]], dtype=np.float32),
        lede_scores=np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 0.5]], dtype=np.float32),
        bias=np.array([-1.0, 0.0], dtype=np.float32),
    )


def with_word_table(share: float) -> TypeModel:
    return TypeModel(
        classes=("PROTEST", NO_EVENT),
        vocabulary={"x": 0},
        idf=np.ones(1, dtype=np.float32),
        weights=np.zeros((2, 1), dtype=np.float32),
        bias=np.array([0.0, 0.0], dtype=np.float32),
        words=word_table(),
        tfidf_share=share,
    )


HEADLINED = LedeInput(["x"], lede_words=["workers", "said"], title_words=["teachers", "rallied"])


def test_combined_probabilities_are_the_shares_of_the_two_parts_and_sum_to_one() -> None:
    tfidf = with_word_table(1.0).probabilities(HEADLINED)
    words = with_word_table(0.0).probabilities(HEADLINED)
    mixed = with_word_table(0.3).probabilities(HEADLINED)
    assert tfidf == pytest.approx({"PROTEST": 0.5, NO_EVENT: 0.5})
    assert words["PROTEST"] > 0.7
    assert mixed["PROTEST"] == pytest.approx(0.3 * 0.5 + 0.7 * words["PROTEST"])
    assert sum(mixed.values()) == pytest.approx(1.0)


def test_word_table_scores_are_the_idf_weighted_mean_of_the_words_own_scores() -> None:
    # title: 'rallied' only (idf 2, 'teachers' is unknown); lede: 'said' only.
    expected = np.array([-1.0 + 3.0 + 0.0, 0.0 + 0.0 + 0.5])
    expected = np.exp(expected) / np.exp(expected).sum()
    assert word_table().probabilities(HEADLINED) == pytest.approx(expected)


def test_a_lede_read_without_its_headline_is_typed_by_the_tfidf_part_alone() -> None:
    alone = LedeInput(["x"], lede_words=["teachers", "marched"])
    assert with_word_table(0.0).probabilities(alone) == pytest.approx({"PROTEST": 0.5, NO_EVENT: 0.5})


def test_model_with_a_word_table_saved_and_loaded_reads_the_same(tmp_path) -> None:
    path = tmp_path / "model.npz"
    save_type_model(with_word_table(0.4), str(path))
    loaded = load_type_model(str(path))
    assert loaded is not None and loaded.words is not None
    assert loaded.tfidf_share == pytest.approx(0.4)
    assert loaded.words.vocabulary == word_table().vocabulary
    assert loaded.probabilities(HEADLINED) == pytest.approx(with_word_table(0.4).probabilities(HEADLINED))


def test_model_file_without_a_word_table_loads_as_the_tfidf_part_alone(tmp_path) -> None:
    path = tmp_path / "model.npz"
    save_type_model(fixed_model("AID", 0.8), str(path))
    loaded = load_type_model(str(path))
    assert loaded is not None and loaded.words is None and loaded.tfidf_share == 1.0
    assert loaded.probabilities(HEADLINED)["AID"] == pytest.approx(0.8, abs=0.01)
