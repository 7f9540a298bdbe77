"""The learned second opinion on an article's lede (events/type_model.py and
coding.with_second_opinion): what it reads, what it adds, and when it keeps quiet."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from eventwire.events.candidates import SecondOpinion
from eventwire.events.coding import code_events
from eventwire.events.type_model import (
    NO_EVENT,
    TypeModel,
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
    features = lede_features(next(iter(doc.sents)), nlp.tokenizer("Border Crossing Reopens"))
    assert {"t:border", "t:crossing reopens"} <= set(features)


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
    assert loaded.probabilities(["x"])["AID"] == pytest.approx(0.8, abs=0.01)


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


def test_pipeline_without_the_model_keeps_the_lexicons_reading() -> None:
    from helpers import bare_spacy_with

    nlp = bare_spacy_with("eventwire_entities", "eventwire_dates", "eventwire_places", "eventwire_quotes")
    nlp.add_pipe("eventwire_events", config={"type_model": False})
    assert nlp.get_pipe("eventwire_events").second_opinion is None
