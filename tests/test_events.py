"""The events stage: PLOVER events with actors from the parse, negation, modality, merging.

Inputs are wire-style sentences written for these tests. Each test runs the whole NLP
pipeline (entities, dates, places and quotes too, where installed) and checks the
events that count (neither negated nor hypothetical) by type and the countries of their
source and target.
"""

import pytest

from eventwire.events import ConfidenceWeights, code_events
from helpers import parsed

REFERENCE_DATE = "2025-03-04"


@pytest.fixture(scope="module")
def read(nlp):
    def events_of(text, published=REFERENCE_DATE):
        return parsed(nlp, text, published=published)._.ew_events

    return events_of


def countries(actors):
    return sorted({actor.country for actor in actors if actor.country})


def counted(events):
    """(type, source countries, target countries) of the events that count."""
    return [
        (e.type, countries(e.source), countries(e.target))
        for e in events
        if not (e.negated or e.hypothetical)
    ]


def test_accuse_has_subject_as_source_and_object_as_target(read):
    events = read("Poland accused Belarus on Tuesday of pushing migrants across the border.")
    assert counted(events) == [("ACCUSE", ["POL"], ["BLR"])]


def test_a_call_on_someone_is_a_request_to_them(read):
    events = read("Kenya called on Ethiopia to reopen the border crossing at Moyale.")
    assert counted(events) == [("REQUEST", ["KEN"], ["ETH"])]


def test_reject_is_coded_from_the_verb(read):
    events = read("Hungary rejected the European Commission's proposal on migrant quotas.")
    assert [e[:2] for e in counted(events)] == [("REJECT", ["HUN"])]


def test_praise_is_support(read):
    assert counted(read("Brazil praised Argentina for reopening its embassy in Caracas.")) == [
        ("SUPPORT", ["BRA"], ["ARG"])
    ]


def test_a_promise_to_help_is_an_agreement_with_the_helped_side(read):
    assert counted(read("Japan promised to send humanitarian aid to Myanmar.")) == [
        ("AGREE", ["JPN"], ["MMR"])
    ]


def test_announced_future_aid_is_agree(read):
    events = read("Germany will deliver two air defence systems to Ukraine.")
    assert counted(events) == [("AGREE", ["DEU"], ["UKR"])]


def test_delivered_aid_is_aid(read):
    assert counted(read("Norway delivered 40 tonnes of medical supplies to Sudan.")) == [
        ("AID", ["NOR"], ["SDN"])
    ]


def test_talks_carried_by_arrive_are_a_meeting_of_the_traveller_and_the_host(read):
    text = (
        "Turkish Foreign Minister Hakan Fidan arrived in Baghdad on Sunday for talks with Iraqi "
        "Prime Minister Mohammed Shia al-Sudani."
    )
    assert counted(read(text)) == [("CONSULT", ["TUR"], ["IRQ"])]


def test_lifted_sanctions_are_a_concession(read):
    [event] = read("The European Union lifted sanctions on Syria's central bank.")
    assert (event.type, countries(event.target), event.source[0].actor_type) == ("CONCEDE", ["SYR"], "IGO")


def test_imposed_sanctions_are_a_sanction(read):
    assert counted(read("Canada imposed sanctions on six Iranian officials on Monday.")) == [
        ("SANCTION", ["CAN"], ["IRN"])
    ]


def test_a_joint_exercise_of_two_states_is_cooperation(read):
    [event] = read("French and Indian troops began a joint exercise in Rajasthan on Monday.")
    assert (event.type, countries(event.source)) == ("COOPERATE", ["FRA", "IND"])


def test_one_states_deployment_is_mobilize(read):
    assert [e[:2] for e in counted(read("China deployed dozens of warships around Taiwan on Monday."))] == [
        ("MOBILIZE", ["CHN"])
    ]


def test_a_withdrawal_carried_out_is_retreat(read):
    [event] = read("Russian troops withdrew from the village of Krynky on Friday.")
    assert (event.type, event.mode, countries(event.source)) == ("RETREAT", "withdraw", ["RUS"])


def test_a_march_is_a_protest(read):
    events = read(
        "Thousands of students marched through central Belgrade on Saturday against the government."
    )
    assert [e[:2] for e in counted(events)] == [("PROTEST", ["SRB"])]


def test_expelling_diplomats_is_a_sanction(read):
    assert counted(read("Poland expelled two Russian diplomats on Wednesday.")) == [
        ("SANCTION", ["POL"], ["RUS"])
    ]


def test_detention_is_coerce_arrest(read):
    [event] = read("Turkish police detained 30 journalists in Istanbul on Thursday.")
    assert (event.type, event.mode, countries(event.source)) == ("COERCE", "arrest", ["TUR"])


def test_nominal_event_with_a_possessor(read):
    [event] = read("Israel's assault on Gaza killed dozens of people on Monday.")
    assert (event.type, countries(event.source), countries(event.target)) == ("ASSAULT", ["ISR"], ["PSE"])


def test_passive_takes_its_source_from_the_agent(read):
    [event] = read("A convoy of aid trucks was struck by Russian drones near Kherson.")
    assert (event.type, countries(event.source)) == ("ASSAULT", ["RUS"])


def test_relative_clause_takes_its_source_from_the_antecedent(read):
    events = read(
        "The statement was issued by Pakistan, which launched air strikes on Afghan territory on Monday."
    )
    assert counted(events) == [("ASSAULT", ["PAK"], ["AFG"])]
    assert events[0].mode == "heavy-weapons"


def test_coordinated_subjects_are_one_event_with_both_sources(read):
    assert counted(read("Armenia and Azerbaijan are holding talks in Washington.")) == [
        ("CONSULT", ["ARM", "AZE"], [])
    ]


def test_reported_event_is_coded_and_the_speaker_is_not_its_source(read):
    events = read("Erdogan said Turkey and Iraq were holding talks on water sharing.")
    assert counted(events) == [("CONSULT", ["IRQ", "TUR"], [])]
    assert all(actor.name != "Erdogan" for actor in events[0].source)


def test_a_denied_strike_is_negated_and_not_counted(read):
    events = read("Ukraine denied carrying out the strike on the Russian town of Belgorod.")
    assert counted(events) == []
    assert [(e.type, e.negated) for e in events] == [("ASSAULT", True)]


def test_no_plans_for_a_withdrawal_negates_it(read):
    [event] = read("Turkey has no plans for the withdrawal of its troops from Syria.")
    assert (event.type, event.negated) == ("RETREAT", True)


def test_a_vow_to_retaliate_is_a_threat_not_an_attack(read):
    events = read("Iran vowed to retaliate against Israel for the strike on its consulate in Damascus.")
    assert counted(events) == [("THREATEN", ["IRN"], ["ISR"])]


def test_a_conditional_strike_is_a_threat(read):
    events = read("North Korea could launch a nuclear strike on South Korea if provoked, Kim Yo Jong said.")
    assert ("THREATEN", ["PRK"], ["KOR"]) in counted(events)
    assert not any(e.type == "ASSAULT" for e in events if not (e.negated or e.hypothetical))


def test_awaiting_orders_to_attack_is_mobilize(read):
    events = read("Syrian forces were awaiting orders to launch an offensive on Idlib.")
    assert [e[:2] for e in counted(events)] == [("MOBILIZE", ["SYR"])]


def test_a_refused_act_is_reject_by_the_refusing_side(read):
    events = read("India would not accept third-party mediation on Kashmir, the foreign minister said.")
    assert [e[:2] for e in counted(events)] == [("REJECT", ["IND"])]


def test_the_content_of_an_accusation_is_only_alleged(read):
    events = read("Kinshasa accused Kigali of arming the M23 rebels.")
    assert counted(events) == [("ACCUSE", ["COD"], ["RWA"])]
    assert [e.type for e in events if e.hypothetical] == ["AID"]


def test_reporters_are_never_sources(read):
    events = read("According to Reuters, Chad expelled a French diplomat on Friday.")
    assert counted(events) == [("SANCTION", ["TCD"], ["FRA"])]


def test_the_same_event_told_twice_is_one_event_with_both_sentences(read):
    text = (
        "Lithuania expelled a Russian diplomat on Monday.\n\n"
        "Lithuania expelled the Russian diplomat for spying, the foreign ministry said."
    )
    [event] = read(text)
    assert (event.type, len(event.spans)) == ("SANCTION", 2)
    assert [text[s.start : s.end] for s in event.spans][1].startswith("Lithuania expelled the Russian")


def test_evidence_is_the_sentence_and_ids_follow_the_text(read):
    text = "Poland expelled two Russian diplomats on Wednesday. Hungary praised Serbia on Thursday."
    events = read(text)
    assert [e.id for e in events] == ["v1", "v2"]
    assert [text[e.start : e.end] for e in events] == [e.evidence for e in events]
    assert events[1].evidence == "Hungary praised Serbia on Thursday."


def test_every_event_has_a_confidence_between_zero_and_one(read):
    events = read("China deployed dozens of warships around Taiwan on Monday. Taipei condemned the drills.")
    assert events and all(0.0 < e.confidence <= 1.0 for e in events)


def test_time_of_an_event_comes_from_its_own_date(read):
    [event] = read("Poland expelled two Russian diplomats on Monday.", published="2025-03-05")
    assert event.when.value == "2025-03-03"


def test_code_events_drops_events_below_the_minimum_confidence(nlp):
    doc = parsed(nlp, "Poland expelled two Russian diplomats on Wednesday.", published=REFERENCE_DATE)
    assert len(code_events(doc, min_confidence=0.0)) == 1
    assert code_events(doc, min_confidence=1.01) == []


def test_the_confidence_weights_are_set_by_the_caller(nlp):
    doc = parsed(nlp, "Poland expelled two Russian diplomats on Wednesday.", published=REFERENCE_DATE)
    halved = ConfidenceWeights(
        specificity=dict.fromkeys(("added-conditions", "added", "pattern", "bare"), 0.5)
    )
    assert [e.confidence for e in code_events(doc)] == [1.0]
    assert [e.confidence for e in code_events(doc, weights=halved)] == [0.5]


def test_the_component_config_changes_one_weight_and_keeps_the_others():
    import spacy

    nlp = spacy.blank("en")
    component = nlp.add_pipe("eventwire_events", config={"confidence": {"specificity": {"bare": 0.5}}})
    assert component.weights.specificity == {
        "added-conditions": 1.0,
        "added": 0.9,
        "pattern": 0.85,
        "bare": 0.5,
    }
    assert nlp.config["components"]["eventwire_events"]["confidence"]["parse_penalty"] == 0.9


def test_a_statement_event_points_to_the_quote_its_verb_introduces():
    import eventwire

    (record,) = eventwire.extract(
        "TEHRAN (Reuters) - Iranian Foreign Minister Abbas Araqchi on Monday accused Israel of "
        "sabotaging the talks, and warned that Tehran would respond to any attack on its nuclear sites.",
        published="2025-06-02",
    )
    quotes = {q["id"]: q for q in record["quotes"]}
    accusation = next(e for e in record["events"] if e["type"] == "ACCUSE")
    threat = next(e for e in record["events"] if e["type"] == "THREATEN")
    assert quotes[accusation["quote_id"]]["verb"] == "accuse"
    assert quotes[threat["quote_id"]]["text"] == "Tehran would respond to any attack on its nuclear sites"


def test_halting_any_flow_of_goods_is_a_sanction_on_the_receiver(read):
    events = read("Ethiopia halted wheat exports to Somalia on Monday, officials in Addis Ababa said.")
    assert ("SANCTION", ["ETH"], ["SOM"]) in counted(events)


def test_suspending_or_downgrading_diplomatic_ties_is_a_sanction(read):
    assert counted(read("Mali suspended diplomatic ties with Algeria on Thursday.")) == [
        ("SANCTION", ["MLI"], ["DZA"])
    ]
    assert counted(read("Chad downgraded its relations with Sudan after the border incident.")) == [
        ("SANCTION", ["TCD"], ["SDN"])
    ]


def test_a_court_sentence_or_guilty_verdict_is_a_conviction(read):
    events = read("A court in Tunis sentenced the former Tunisian interior minister to five years in prison.")
    assert [(e.type, e.mode) for e in events if not e.negated] == [("SANCTION", "convict")]
    events = read("A jury in Nairobi found two Kenyan officials guilty of fraud on Monday.")
    assert [(e.type, e.mode) for e in events if not e.negated] == [("SANCTION", "convict")]


def test_calling_off_protests_is_a_concession(read):
    events = read("Opposition parties in Senegal called off their protests on Friday.")
    assert [e[0] for e in counted(events)] == ["CONCEDE"]


def test_the_suspension_of_talks_or_attacks_is_coded_by_what_was_suspended(read):
    assert counted(read("Serbia announced the suspension of talks with Kosovo on Tuesday.")) == [
        ("SANCTION", ["SRB"], ["XKX"])
    ]
    events = read("The ELN announced the suspension of its attacks on Colombian forces.")
    assert [e[0] for e in counted(events)] == ["CONCEDE"]


def test_relaxing_a_curfew_or_restrictions_is_a_concession(read):
    events = read("Authorities in Havana relaxed the curfew on Tuesday.")
    assert [e[0] for e in counted(events)] == ["CONCEDE"]


def test_staged_carries_its_event_noun_though_spacy_lemmatises_it_stag(read):
    events = read("Students staged a sit-in outside the parliament in Accra on Monday.")
    assert [e[0] for e in counted(events)] == ["PROTEST"]
    events = read("Police in Dhaka staged a crackdown on opposition supporters.")
    assert [e[0] for e in counted(events)] == ["COERCE"]


def test_house_arrest_is_an_arrest(read):
    events = read("Pakistani police put the opposition leader under house arrest on Sunday.")
    assert [(e.type, e.mode) for e in events if not e.negated] == [("COERCE", "arrest")]


def test_laying_down_weapons_is_disarming(read):
    events = read("Rebels in Mali laid down their weapons on Sunday.")
    assert [(e.type, e.mode) for e in events if not e.negated] == [("RETREAT", "disarm")]


def test_patrols_are_a_show_of_force(read):
    events = read("Nigerian troops carried out patrols along the border with Niger.")
    assert [e[:2] for e in counted(events)] == [("MOBILIZE", ["NGA"])]


def test_joint_military_maneuvers_of_two_states_are_cooperation(read):
    events = read("Niger and Chad held joint military maneuvers near Diffa on Friday.")
    assert counted(events) == [("COOPERATE", ["NER", "TCD"], [])]


def test_aid_of_any_kind_carried_by_a_light_verb_is_aid(read):
    assert counted(read("Japan sent emergency aid to flood-hit Pakistan on Tuesday.")) == [
        ("AID", ["JPN"], ["PAK"])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dhaka said the former prime minister must come back and stand trial in Bangladesh.",
        "Seoul said Pyongyang should release the six fishermen it seized in May.",
    ],
)
def test_an_act_under_a_modal_of_obligation_is_demanded_not_done(read, text):
    assert not any(kind in ("AGREE", "RETREAT", "CONSULT") for kind, *_ in counted(read(text)))


def test_an_armed_group_in_a_from_phrase_is_the_source_of_the_fire(read):
    events = read("Mortar fire from a local militia killed three farmers near the village on Thursday.")
    assert [(e.type, [a.name for a in e.source]) for e in events] == [("ASSAULT", ["local militia"])]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling from Russian forces damaged a hospital in Kherson on Saturday.",
        "Two nurses were killed by shelling from Russian forces in Kherson on Saturday.",
    ],
)
def test_shelling_from_forces_is_an_assault_by_their_country(read, text):
    assert [e[:2] for e in counted(read(text))] == [("ASSAULT", ["RUS"])]


def test_every_owner_of_a_coordinated_possessor_is_a_source(read):
    events = read("The defence ministers of Mali, Burkina Faso and Niger met in Niamey on Monday.")
    assert counted(events) == [("CONSULT", ["BFA", "MLI", "NER"], [])]


@pytest.mark.parametrize("adjective", ["willing", "ready", "prepared"])
def test_the_subject_of_is_willing_to_is_the_source(read, adjective):
    events = read(f"Armenia is {adjective} to resume talks with Azerbaijan, its foreign minister said.")
    assert [e.source[0].country for e in events if e.source] == ["ARM"]


def test_an_active_verb_conjoined_to_a_passive_keeps_its_subject(read):
    events = read(
        "Two Chinese coast guard vessels were spotted near the shoal "
        "and fired water cannon at a Philippine boat."
    )
    assert [e[:2] for e in counted(events)] == [("ASSAULT", ["CHN"])]


def test_a_participle_conjoined_to_a_passive_does_not_make_its_subject_an_actor(read):
    events = read("Three activists were detained by Egyptian police and later deported to Sudan.")
    assert [e[:2] for e in counted(events)] == [("COERCE", ["EGY"])]


def test_a_non_governmental_organisation_takes_no_country_from_the_place_nearby(read):
    events = read("Human Rights Watch accused Nigeria on Tuesday of killing protesters in Lagos.")
    assert counted(events) == [("ACCUSE", [], ["NGA"])]
    assert events[0].source[0].actor_type == "NGO"


def test_an_organisation_whose_words_name_a_country_keeps_it(read):
    events = read("The Kenya Human Rights Commission accused police of killing protesters in Nairobi.")
    assert [e[:2] for e in counted(events)] == [("ACCUSE", ["KEN"])]


def test_an_international_body_in_the_knowledge_base_is_of_no_country(read):
    events = read("The Council of the EU imposed new sanctions on Belarus on Monday.")
    assert counted(events) == [("SANCTION", [], ["BLR"])]
    assert events[0].source[0].actor_type == "IGO"


@pytest.mark.parametrize(
    "text",
    [
        "Warsaw, Poland — Lithuania accused Belarus on Tuesday of pushing migrants across the border.",
        "VILNIUS — Lithuania accused Belarus on Tuesday of pushing migrants across the border.",
    ],
)
def test_a_dateline_the_reader_did_not_mark_is_never_an_actor(read, text):
    assert counted(read(text)) == [("ACCUSE", ["LTU"], ["BLR"])]


def test_a_country_before_a_parenthetical_dash_is_still_the_actor(read):
    events = read("Kenya — the region's largest economy — accused Somalia on Monday of backing militants.")
    assert ("ACCUSE", ["KEN"], ["SOM"]) in counted(events)


def test_what_an_actor_failed_to_do_did_not_happen(read):
    events = read("Russian forces failed to capture the town of Chasiv Yar despite weeks of assaults.")
    assert not any(kind in ("COERCE", "REJECT", "ASSAULT") for kind, *_ in counted(events))


def test_a_participle_told_as_done_is_not_under_the_matrix_future(read):
    events = read("Ukraine will return the weapons seized last year to Poland.")
    assert not any(e.type == "THREATEN" for e in events)


def test_an_event_noun_needs_only_one_of_its_modifier_words(read):
    events = read("Turkey launched a ground operation against Kurdish fighters in northern Syria.")
    assert ("ASSAULT", ["TUR"]) in [(kind, source) for kind, source, _ in counted(events)]


def test_an_event_noun_under_an_accusation_is_alleged_through_a_misparsed_conjunct(read):
    events = read(
        "Turkey has accused Israel of undermining Syrian peace and rebuilding with its military "
        "operations there in recent months."
    )
    assert [kind for kind, *_ in counted(events)] == ["ACCUSE"]


def test_what_a_speaker_says_another_must_do_is_the_speakers_demand_of_them(read):
    events = read("Seoul said on Monday that Pyongyang must free the six fishermen it seized in May.")
    assert ("REQUEST", ["KOR"], ["PRK"]) in counted(events)
    assert not any(kind == "RETREAT" for kind, *_ in counted(events))


def test_the_two_leaders_are_the_two_people_of_different_countries_named_before(read):
    events = read(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Entebbe on Monday. "
        "The two leaders agreed to reopen the Busia border crossing next week."
    )
    agree = [(source, target) for kind, source, target in counted(events) if kind == "AGREE"]
    assert agree and set(agree[0][0]) | set(agree[0][1]) >= {"KEN", "UGA"}


def test_a_counted_group_needs_as_many_countries_named_before(read):
    events = read("The three countries agreed to share intelligence on the militants.")
    assert not any(source for kind, source, _ in counted(events) if kind in ("AGREE", "COOPERATE"))


def test_the_drills_named_again_stand_for_the_authors_of_the_drills_told_before(read):
    events = read(
        "China launched large-scale military drills around Taiwan on Monday.\n\n"
        "Taiwan's defence ministry condemned the drills as a threat to regional peace."
    )
    assert ("ACCUSE", ["TWN"], ["CHN"]) in counted(events)


def test_the_two_with_no_noun_are_the_two_actors_named_before(read):
    events = read(
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in Abu Dhabi "
        "on Thursday. The two agreed to reopen the talks on border delimitation next month."
    )
    agree = [(source, target) for kind, source, target in counted(events) if kind == "AGREE"]
    assert agree and set(agree[0][0]) | set(agree[0][1]) >= {"ARM", "AZE"}


def test_an_event_noun_stands_for_an_earlier_act_of_its_type_told_with_another_word(read):
    events = read(
        "Fighters of the Islamic State in West Africa Province raided two villages near Monguno "
        "in Borno State on Friday, Nigerian officials said.\n\n"
        "Chad's government condemned these attacks on civilians in a statement on Saturday."
    )
    condemned = [target for kind, _, target in counted(events) if kind == "ACCUSE"]
    assert condemned and condemned[0] == ["NGA"]


def test_a_nationality_inside_a_compound_gives_the_actor_its_country(read):
    events = read(
        "DUSHANBE, March 5 (Central Wire) - Two farmers from the Isfara district were detained "
        "by Kyrgyz border guards on Monday, Tajik officials said."
    )
    assert ("COERCE", ["KGZ"], ["TJK"]) in counted(events)


def test_an_organisation_named_of_a_country_is_of_that_country(read):
    events = read(
        "NAIROBI, June 3 (East Wire) - Kenya's interior minister held talks in Nairobi on Monday "
        "with a delegation of the Federal Government of Somalia."
    )
    consult = [set(s) | set(t) for kind, s, t in counted(events) if kind == "CONSULT"]
    assert consult and consult[0] >= {"KEN", "SOM"}


def test_civilians_from_a_named_place_are_of_its_country_not_of_where_they_are_held(read):
    events = read(
        "Two fishermen from Jaffna were arrested by Indian coast guard officers on Sunday. "
        "Three herders were detained by Tajik border guards on Monday, officials in Bishkek said."
    )
    assert ("COERCE", ["IND"], ["LKA"]) in counted(events)


def test_a_measure_of_relief_goods_sent_is_aid(read):
    events = read("Turkey sent 40 tonnes of medicines and tents to Lebanon on Sunday.")
    assert ("AID", ["TUR"], ["LBN"]) in counted(events)


def test_relief_handed_out_by_an_agency_is_aid_to_the_people_it_reaches(read):
    events = read(
        "The Jordanian army distributed food rations to 12,000 Syrian refugees near Mafraq on Monday."
    )
    assert [kind for kind, _, _ in counted(events)] == ["AID"]


def test_an_arrest_told_in_an_agentless_passive_is_by_the_authorities_of_its_place(read):
    events = read("Eleven suspects were arrested in Rawalpindi on Tuesday, the second day of the protests.")
    assert [(kind, source) for kind, source, _ in counted(events)] == [("COERCE", ["PAK"])]


def test_house_arrest_and_custody_are_arrests(read):
    custody = read("Bangladeshi police took 40 students into custody in Dhaka on Monday.")
    house_arrest = read("Opposition leader Moussa Tchangari was put under house arrest in Niamey on Monday.")
    assert [(kind, source) for kind, source, _ in counted(custody)] == [("COERCE", ["BGD"])]
    assert [(kind, source) for kind, source, _ in counted(house_arrest)] == [("COERCE", ["NER"])]


def test_a_court_ordering_a_release_is_a_release(read):
    events = read("A court in Jaffna ordered the release of 11 Indian fishermen on Wednesday.")
    assert [(kind, target) for kind, _, target in counted(events)] == [("RETREAT", ["IND"])]


def test_a_ban_on_a_countrys_goods_is_a_sanction(read):
    events = read("Russia banned imports of Moldovan wine and fruit on Friday.")
    assert counted(events) == [("SANCTION", ["RUS"], ["MDA"])]


def test_an_event_only_the_headline_tells_comes_out_marked_in_title(nlp):
    title = "Chad Closes Border With Sudan After Cross-Border Raids"
    doc = parsed(
        nlp, "Officials in N'Djamena gave no details on Tuesday.", published=REFERENCE_DATE, title=title
    )
    told = [e for e in doc._.ew_events if e.in_title]
    assert [(e.type, countries(e.source)) for e in told] == [("COERCE", ["TCD"])]
    assert told[0].evidence == title[told[0].start : told[0].end]


def test_a_headline_event_the_body_tells_is_not_repeated(nlp):
    doc = parsed(
        nlp,
        "Chad closed its eastern border with Sudan on Monday after a series of raids, the "
        "interior ministry said.",
        published=REFERENCE_DATE,
        title="Chad Closes Border With Sudan After Raids",
    )
    assert [e.type for e in doc._.ew_events if e.type == "COERCE"] == ["COERCE"]
    assert not any(e.in_title for e in doc._.ew_events)


def test_refusing_to_leave_or_to_accept_is_a_rejection(read):
    assert [
        k for k, _, _ in counted(read("Israel will not leave the Philadelphi corridor, an official said."))
    ] == ["REJECT"]
    stay = read("Egypt would not accept any Israeli military presence on the Gaza side of the crossing.")
    assert [(k, s) for k, s, _ in counted(stay)] == [("REJECT", ["EGY"])]


def test_ruling_out_an_act_rejects_it_and_negates_the_act(read):
    events = read("Kosovo's government has ruled out withdrawing the special police units from the north.")
    assert [k for k, _, _ in counted(events)] == ["REJECT"]
    assert any(e.type == "RETREAT" and e.negated for e in events)


def test_dispersing_a_crowd_with_tear_gas_is_crowd_control(read):
    [event] = [
        e for e in read("Kenyan police dispersed the crowd with tear gas in Nairobi on Tuesday.") if e.type
    ]
    assert (event.type, event.mode) == ("ASSAULT", "crowd-control")


def test_an_agentless_attack_fired_from_a_place_is_by_that_places_side(read):
    events = read("A rocket was fired from southern Lebanon at the Israeli town of Metula on Tuesday.")
    assert [(k, s) for k, s, _ in counted(events)] == [("ASSAULT", ["LBN"])]


def test_we_outside_quotes_in_a_ministry_release_is_the_publishers_country(nlp):
    doc = parsed(
        nlp,
        "On the night of 13 March, Azerbaijani forces opened fire on our positions near Sotk. "
        "We strongly condemn this provocation and call on Baku to respect the ceasefire.",
        published="2025-03-14",
        dateline="Yerevan",
        publisher="MINISTRY OF FOREIGN AFFAIRS",
    )
    kinds = [(e.type, countries(e.source)) for e in doc._.ew_events if not (e.negated or e.hypothetical)]
    assert ("REQUEST", ["ARM"]) in kinds


def test_unrest_told_as_breaking_out_is_coded_at_its_place(read):
    riots = read("Riots broke out in the Albanian capital Tirana on Saturday after the disputed vote.")
    protests = read("Protests erupted across Kenya on Tuesday over the new finance bill.")
    clashes = read("Clashes broke out in the Libyan capital Tripoli late on Monday.")
    assert counted(riots) == [("PROTEST", ["ALB"], ["ALB"])]
    assert [(k, s) for k, s, _ in counted(protests)] == [("PROTEST", ["KEN"])]
    assert [(k, t) for k, _, t in counted(clashes)] == [("ASSAULT", ["LBY"])]


def test_a_crowd_told_by_its_size_protests_for_its_place(read):
    events = read("Thousands marched through Yerevan on Sunday against the peace deal.")
    assert [(k, s) for k, s, _ in counted(events)] == [("PROTEST", ["ARM"])]


def test_a_protest_verb_with_an_event_noun_subject_is_no_crowd(read):
    events = read("Mass abductions for ransom have plagued Zamfara state for years.")
    assert not [k for k, _, _ in counted(events) if k == "PROTEST"]


def test_fighting_that_rages_is_fighting_not_a_protest(read):
    events = read("Fighting raged in Omdurman on Monday between the army and the paramilitary RSF.")
    assert [k for k, _, _ in counted(events)] == ["ASSAULT"]


def test_an_arms_shipment_arriving_is_military_aid_from_its_country(read):
    events = read("A shipment of American artillery shells arrived in the Ukrainian city of Lviv on Monday.")
    french = read("A French arms shipment arrived in N'Djamena on Thursday, the Chadian army said.")
    assert counted(events) == [("AID", ["USA"], ["UKR"])]
    assert [(k, s) for k, s, _ in counted(french)] == [("AID", ["FRA"])]


def test_receiving_aid_reverses_the_roles(read):
    events = read("Ukraine received a first batch of F-16 fighter jets from Denmark on Monday.")
    assert counted(events) == [("AID", ["DNK"], ["UKR"])]


def test_a_light_verb_keeps_its_event_when_the_noun_holds_no_event(read):
    events = read("Kenya delivered a shipment of maize to South Sudan on Monday.")
    assert counted(events) == [("AID", ["KEN"], ["SSD"])]


def test_internet_cuts_and_outlet_closures_are_censorship(read):
    cut = read("Authorities cut mobile internet across Bangladesh on Thursday as protests spread.")
    shutdown = read("Ethiopia imposed an internet shutdown in the Amhara region on Monday.")
    papers = read("The Belarusian government shut down three independent newspapers on Monday.")
    tighten = read("Azerbaijan tightened restrictions on independent media on Monday.")
    for events in (cut, shutdown, papers, tighten):
        assert [e.type for e in events if e.type == "COERCE"] == ["COERCE"]
    assert [e.mode for e in shutdown if e.type == "COERCE"] == ["censor"]


def test_a_collective_in_a_city_is_of_that_citys_country(read):
    events = read("Authorities in Tehran blocked access to Instagram and WhatsApp on Wednesday.")
    assert [(k, s) for k, s, _ in counted(events)] == [("COERCE", ["IRN"])]


def test_a_suspended_broadcast_or_internet_service_is_censorship(read):
    broadcast = read(
        "Burkina Faso has suspended for three months the broadcasting of the French channel TV5Monde."
    )
    internet = read("Pakistan suspended mobile internet services in Islamabad on Sunday.")
    assert [(e.type, e.mode) for e in broadcast] == [("COERCE", "censor")]
    assert [(e.type, e.mode) for e in internet] == [("COERCE", "censor")]


def test_an_act_an_inquiry_is_about_is_not_the_inquirers(read):
    events = read("The UN launched a probe into the bombing of the hospital in Gaza on Monday.")
    assert [e.type for e in events] == ["ACCUSE"]


def test_restoring_relations_is_support_and_indictments_and_cases_accuse(read):
    restored = read("Lebanon and the Dominican Republic restored diplomatic ties on Monday.")
    indicted = read("A Kenyan court indicted six former officials on corruption charges on Monday.")
    case = read("Niger's justice ministry brought a case against three former ministers on Monday.")
    assert [(k, s) for k, s, _ in counted(restored)] == [("SUPPORT", ["DOM", "LBN"])]
    assert [(k, s) for k, s, _ in counted(indicted)] == [("ACCUSE", ["KEN"])]
    assert [k for k, _, _ in counted(case)] == ["ACCUSE"]


def test_the_process_of_an_act_is_done_by_who_began_it(read):
    began = read("Kenya started the process of repatriating 500 Somali refugees on Monday.")
    assert counted(began) == [("RETREAT", ["KEN"], ["SOM"])]
