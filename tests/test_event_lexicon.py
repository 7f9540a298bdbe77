"""The event lexicon: PETRARCH2's verbs converted, eventwire's additions, CAMEO -> PLOVER."""

from pathlib import Path

import pytest

from eventwire.knowledge.event_lexicon import (
    LexiconError,
    load_event_lexicon,
    read_additions,
    read_cues,
    read_plover_table,
)
from eventwire.knowledge.files import data_file
from eventwire.knowledge.speech import load_speech_lexicon
from helpers import import_script

TOOLS = Path(__file__).resolve().parents[1] / "tools"


@pytest.fixture(scope="module")
def lexicon():
    return load_event_lexicon()


@pytest.fixture(scope="module")
def converter():
    return import_script(TOOLS / "convert_cameo.py")


def first_reading(senses, **conditions):
    for sense in senses:
        if all(getattr(sense, name) == value for name, value in conditions.items()):
            return sense.coding
    raise AssertionError(f"no sense with {conditions}")


def test_cameo_codes_map_to_plover_type_mode_and_context(lexicon):
    assert lexicon.plover_of("195") == ("ASSAULT", "heavy-weapons", "military")
    assert lexicon.plover_of("042") == ("CONSULT", "visit", None)
    assert lexicon.plover_of("173") == ("COERCE", "arrest", "legal")


def test_a_code_missing_from_the_table_takes_its_longest_prefix(lexicon):
    assert lexicon.plover_of("1834") == ("ASSAULT", "suicide-attack", None)


def test_public_statements_have_no_plover_type(lexicon):
    assert lexicon.plover_of("010") is None
    assert lexicon.plover_of(None) is None


def test_appeals_are_requests_like_the_matching_demands(lexicon):
    assert lexicon.plover_of("0233") == ("REQUEST", "assist", "humanitarian")


def test_sanctions_are_sanction_as_plover_md_files_them(lexicon):
    assert lexicon.plover_of("163")[0] == "SANCTION"


def test_statement_verbs_whose_content_is_the_act_code_it(lexicon):
    assert lexicon.verb_senses("accuse")[0].coding.type == "ACCUSE"
    assert lexicon.verb_senses("condemn")[0].coding.type == "ACCUSE"
    assert lexicon.verb_senses("urge")[0].coding.type == "REQUEST"
    assert lexicon.verb_senses("reject")[0].coding.type == "REJECT"
    assert lexicon.verb_senses("praise")[0].coding.type == "SUPPORT"
    assert lexicon.verb_senses("threaten")[0].coding.type == "THREATEN"


def test_a_bare_statement_is_no_event(lexicon):
    assert lexicon.verb_senses("say")[0].coding.type is None


def test_hand_made_senses_override_petrarch_codes_that_do_not_fit_plover(lexicon):
    # PETRARCH files 'mediate' under concessions (080); mediating is consulting
    assert lexicon.verb_senses("mediate")[0].coding.type == "CONSULT"
    assert all(sense.from_additions for sense in lexicon.verb_senses("mediate")[:1])


def test_particles_distinguish_senses_of_one_verb(lexicon):
    senses = lexicon.verb_senses("call")
    assert first_reading(senses, particle="on").type == "REQUEST"
    assert first_reading(senses, particle="off", bare=True).type == "SANCTION"
    assert first_reading(senses, particle=None, objects=()).type is None


def test_petrarch_patterns_refine_a_verb_by_its_object(lexicon):
    senses = [s for s in lexicon.verb_senses("ask") if s.objects == (("extradition",),)]
    assert senses and senses[0].coding.cameo == "0213"


def test_object_conditions_choose_between_senses(lexicon):
    senses = lexicon.verb_senses("expel")
    assert senses[0].coding.type == "SANCTION" and ("diplomat",) in senses[0].objects
    assert first_reading(senses, objects=()).type == "COERCE"


def test_event_nouns_carry_type_and_mode(lexicon):
    airstrike = lexicon.noun_senses("airstrike")[0]
    assert (airstrike.coding.type, airstrike.coding.mode, airstrike.coding.cameo) == (
        "ASSAULT",
        "aerial",
        "195",
    )
    assert "on" in airstrike.target and "against" in airstrike.target


def test_multi_word_nouns_are_a_head_with_modifiers(lexicon):
    drone = next(s for s in lexicon.noun_senses("strike") if s.modifiers == frozenset({"drone"}))
    assert drone.coding.mode == "drone"
    labour = next(s for s in lexicon.noun_senses("strike") if "general" in s.modifiers)
    assert labour.coding.type == "PROTEST"


def test_an_exercise_is_cooperation_when_two_states_hold_it(lexicon):
    drill = lexicon.noun_senses("drill")[0]
    assert drill.coding.type == "MOBILIZE" and drill.joint.type == "COOPERATE"


def test_a_government_that_protests_lodges_a_complaint(lexicon):
    protest = lexicon.verb_senses("protest")[0]
    assert protest.coding.type == "PROTEST" and protest.state.type == "ACCUSE"


def test_light_verb_phrases_with_a_meaning_of_their_own(lexicon):
    lift = [s for s in lexicon.phrase_senses("lift") if ("sanction",) in s.objects]
    assert lift[0].coding.type == "CONCEDE"
    impose = [s for s in lexicon.phrase_senses("impose") if ("curfew",) in s.objects]
    assert impose[0].coding.mode == "curfew"


def test_light_verbs_carry_event_nouns(lexicon):
    assert lexicon.is_light_verb("carry", "out")
    assert lexicon.is_light_verb("kick", "off")
    assert lexicon.is_light_verb("hold")
    assert not lexicon.is_light_verb("criticize")


def test_modality_cues_are_read_from_data(lexicon):
    cues = lexicon.cues
    assert {"not", "never", "no"} <= cues.negators
    assert "deny" in cues.denying and "vow" in cues.committing and "say" in cues.reporting
    assert "intention" in cues.refusal_nouns and "plan" not in cues.refusal_nouns


def test_threats_refusals_and_promises_of_each_act_are_read_from_data(lexicon):
    cues = lexicon.cues
    assert cues.threat_of["ASSAULT"] == ("violence", "138")
    assert cues.threat_of_mode["withdraw"] == ("relations", "1313")
    assert cues.refusal_of["CONSULT"] == ("meet", "125")
    assert cues.agreement_of["AID"] == "033"
    assert cues.actor_prepositions == ("by", "from", "of")
    assert "they" in cues.plural_pronouns and "could" in cues.conditional_modals


def test_an_unquoted_cameo_code_is_refused_with_a_hint():
    text = data_file("events", "modality.yaml").read_text(encoding="utf-8").replace('AID: "033"', "AID: 033")
    with pytest.raises(LexiconError, match="not quoted"):
        read_cues(text, frozenset())


def test_the_reporting_verbs_are_the_report_rows_of_the_speech_verbs(lexicon):
    speech = load_speech_lexicon()
    assert lexicon.cues.reporting == speech.reporting
    assert {"say", "believe", "describe"} <= speech.reporting
    assert "believe" not in speech.verbs  # only reports: no speech verb for the quotes stage
    assert speech.verbs["say"] == {"clause"} and speech.verbs["describe"] == {"quote"}


def test_a_role_written_as_bare_on_is_refused_with_a_hint():
    table = read_plover_table("cameo\ttype\tmode\tcontext\tabout\n190\tASSAULT\t\tmilitary\tforce\n")
    with pytest.raises(LexiconError, match="quote 'on'"):
        read_additions("nouns:\n  - {noun: raid, type: ASSAULT, cameo: '190', target: [on]}\n", table)


def test_an_unknown_plover_type_is_refused():
    with pytest.raises(LexiconError, match="unknown PLOVER type"):
        read_additions("verbs:\n  - {verb: bomb, type: BOMBARD, cameo: '190'}\n", {})


def test_converter_reduces_a_prepositional_pattern(converter):
    pattern = converter.reduce_pattern("* (OF {RIGHTS ABUSES})", "1122", 10, {})
    assert (pattern.code, pattern.prep, pattern.prep_object) == ("1122", "of", ["rights abuses"])


def test_converter_reads_a_particle_and_an_object(converter):
    pattern = converter.reduce_pattern("* OFF TALK", "164", 11, {})
    assert (pattern.particle, pattern.object) == ("off", ["talk"])


def test_converter_expands_synonym_sets_and_reads_passive_codes(converter):
    pattern = converter.reduce_pattern("* &FOOD", "073:073", 12, {"&FOOD": ["food", "grain"]})
    assert pattern.object == ["food", "grain"] and pattern.passive == "073"


def test_converter_drops_patterns_a_parse_cannot_check(converter):
    with pytest.raises(converter.Unreducible, match="two prepositional phrases"):
        converter.reduce_pattern("* (TO LIST) (OF {BANNED PARTIES})", "1722", 13, {})
    with pytest.raises(converter.Unreducible, match="function word"):
        converter.reduce_pattern("* OVER MEETING OF +", "161", 14, {})


def test_converter_null_code_means_no_event(converter):
    assert converter.parse_code("---") == (None, None)
    assert converter.parse_code(":173") == (None, "173")


def test_a_no_event_sense_of_the_bare_verb_leaves_petrarch_particle_senses_in_force(lexicon):
    from eventwire.events.triggers import best_sense

    # 'give' is no event by itself; PETRARCH's 'give in' (080) is a concession
    def parse_shows(particles):
        return lambda s: s.particle in particles and (s.bare or s.from_additions) and not s.objects

    given_in = best_sense(lexicon.verb_senses("give"), parse_shows((None, "in")))
    assert (given_in.coding.type, given_in.coding.cameo) == ("CONCEDE", "080")
    bare = best_sense(lexicon.verb_senses("give"), parse_shows((None,)))
    assert bare.coding.type is None


def test_object_lists_are_semantic_classes_shared_by_the_verbs_that_take_them(lexicon):
    def objects(verb, cameo):
        return next(s.objects for s in lexicon.verb_senses(verb) if s.coding.cameo == cameo and s.objects)

    assert objects("halt", "162") == objects("suspend", "162") == objects("cut", "162")
    assert {("shipment",), ("export",), ("flight",)} <= set(objects("halt", "162"))
    assert objects("suspend", "161") == objects("downgrade", "161") == objects("sever", "161")


def test_a_noun_sense_can_ask_for_the_object_of_its_preposition(lexicon):
    codings = {s.prep_objects[0]: s.coding for s in lexicon.noun_senses("suspension") if s.prep_objects}
    assert codings[("talk",)].type == "SANCTION" and codings[("attack",)].type == "CONCEDE"


def test_verb_forms_the_lemmatiser_gets_wrong_are_mended_from_data(lexicon):
    assert lexicon.verb_lemma("staged", "stag") == "stage"
    assert lexicon.verb_lemma("held", "hold") == "hold"


def test_convictions_are_sanction_as_plover_md_files_them(lexicon):
    for verb in ("sentence", "convict"):
        coding = lexicon.verb_senses(verb)[0].coding
        assert (coding.type, coding.mode) == ("SANCTION", "convict")


def test_lifting_or_relaxing_restrictions_is_a_concession(lexicon):
    for verb in ("lift", "ease", "relax", "loosen"):
        senses = [s for s in lexicon.phrase_senses(verb) if ("restriction",) in s.objects]
        assert senses and senses[0].coding.type == "CONCEDE", verb


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Estonia declared a Russian diplomat persona non grata on Friday.", "EST", "RUS"),
        ("The government of Niger declared the French ambassador persona non grata.", "NER", "FRA"),
    ],
)
def test_declaring_a_diplomat_persona_non_grata_is_an_expulsion(nlp, text, source, target):
    from helpers import parsed

    events = [e for e in parsed(nlp, text)._.ew_events if e.type == "SANCTION" and e.mode == "expel"]
    assert events
    assert source in {a.country for a in events[0].source}
    assert target in {a.country for a in events[0].target}
