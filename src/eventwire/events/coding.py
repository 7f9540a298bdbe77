"""Coding one document: each trigger's reading, actors, modality, place, time and
confidence; the candidates merged; the events written as `records.Event`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.dates import time_for_trigger
from eventwire.events.actors import ActorFinder, quote_covering, same_actor
from eventwire.events.arguments import role_heads
from eventwire.events.candidates import Candidate, DocumentContext, SecondOpinion
from eventwire.events.confidence import ConfidenceWeights, completeness_weight, specificity_weight
from eventwire.events.headline import headline_types
from eventwire.events.merging import (
    drop_committed_embedders,
    merge_across_sentences,
    merge_within_sentence,
)
from eventwire.events.modality import apply_modality, trigger_modality
from eventwire.events.ontology import (
    LOCAL_ACTOR_TYPES,
    PLACE_RULES,
    PLACE_TARGET_RULES,
    PLACE_TARGET_TYPES,
    REPORTER_TYPE,
    STATE_ACTOR_TYPES,
)
from eventwire.events.parse import children, is_passive, verb_subjects, word_forms
from eventwire.events.triggers import Trigger, sentence_triggers
from eventwire.events.type_model import NO_EVENT, lede_features
from eventwire.knowledge.event_lexicon import (
    VERB_SOURCE_ROLES,
    VERB_TARGET_ROLES,
    Coding,
    Cues,
    EventLexicon,
    Sense,
    load_event_lexicon,
)
from eventwire.knowledge.labels import VERBAL_POS
from eventwire.layout import dateline_end
from eventwire.places import place_for_trigger
from eventwire.records import ActorRef, Event, TextSpan

DEMAND = Coding("REQUEST", None, None, "100")


def reading_for(trigger: Trigger, sources: list[ActorRef], cues: Cues) -> Coding:
    sense = trigger.sense
    coding = sense.coding
    if trigger.kind == "verb" and sense.passive_reading is not None and is_passive(trigger.token):
        coding = sense.passive_reading
    if sense.joint is not None and (
        len({a.country for a in sources if a.country}) > 1
        or any(word_forms(t) & cues.joint_modifiers for t in (trigger.noun or trigger.token).lefts)
    ):
        coding = sense.joint
    if sense.state is not None and sources and all(a.actor_type in STATE_ACTOR_TYPES for a in sources):
        coding = sense.state
    return coding


def side(
    roles: Iterable[str], trigger: Trigger, finder: ActorFinder, exclude: list[ActorRef]
) -> list[ActorRef]:
    """The actors of the first role that names any (other than `exclude`)."""
    for role in roles:
        found = [a for a in finder.actors(role_heads(role, trigger), trigger) if not same_actor(a, exclude)]
        if found:
            return found
    return []


def not_an_agent(trigger: Trigger, finder: ActorFinder) -> bool:
    """A use of force whose subject is neither an actor nor an attack."""
    if trigger.kind != "verb" or trigger.sense.coding.type != "ASSAULT":
        return False
    subjects = verb_subjects(trigger.token)
    weapons = finder.lexicon.cues.weapons
    return bool(subjects) and not any(
        finder.lexicon.is_event_noun(s.lemma_) or s.lemma_.lower() in weapons for s in subjects
    )


def launched_from(trigger: Trigger, finder: ActorFinder) -> list[ActorRef]:
    """The side an agentless attack came from: 'a rocket was fired from the Gaza Strip',
    'drones launched from Yemen' (the place's country acts)."""
    verb = trigger.clause_verb
    if trigger.sense.coding.type != "ASSAULT" or verb is None or not is_passive(verb):
        return []
    if children(verb, ("agent",)):
        return []
    places = [
        obj
        for prep in children(verb, ("prep",))
        if prep.lower_ == "from"
        for obj in children(prep, ("pobj",))
        if obj.ent_type_ in ("GPE", "LOC")
    ]
    found = [a for a in finder.actors(places, trigger) if a.country]
    if found:
        finder.indirect = True
    return found


def reporting_speaker(trigger: Trigger, finder: ActorFinder) -> list[ActorRef]:
    """The agent of an agentless passive told by a state's spokesman is that state:
    'the ministry said 2,500 soldiers were being deployed'."""
    verb = trigger.clause_verb
    if verb is None or not is_passive(verb) or children(verb, ("agent",)):
        return []
    if trigger.sense.coding.type == "ASSAULT":
        return []  # who reports an attack is as often its target as its author
    cues = finder.lexicon.cues
    while verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in cues.reporting:
        return []
    speakers = [
        a for a in finder.actors(verb_subjects(verb.head), trigger) if a.actor_type in STATE_ACTOR_TYPES
    ]
    if speakers:
        finder.indirect = True
    return speakers


def code_trigger(trigger: Trigger, doc: Doc, context: DocumentContext) -> Candidate | None:
    finder = ActorFinder(doc, context)
    sense = trigger.sense
    weights = context.weights
    source = [a for a in side(sense.source, trigger, finder, []) if a.actor_type != REPORTER_TYPE]
    if not source and trigger.kind == "noun" and trigger.carrier is None:
        return None  # a lone 'the killing of protesters' says nothing of who acted
    if not source and not_an_agent(trigger, finder):
        return None  # 'the earthquake killed 3,700 people': no one acted
    if not source:
        source = reporting_speaker(trigger, finder) or launched_from(trigger, finder)
    target = side(sense.target, trigger, finder, source)
    cues = context.lexicon.cues
    coding = reading_for(trigger, source, cues)
    if not source and not target and not (state_act(trigger, coding) or told_happening(trigger, coding)):
        return None
    candidate = Candidate(trigger, coding, source, target, trigger.token.sent)
    candidate.confidence = specificity_weight(trigger, weights) * completeness_weight(
        coding, source, target, weights
    )
    if finder.indirect:
        candidate.confidence *= weights.parse_penalty
    verb = trigger.clause_verb
    if verb is not None and is_passive(verb) and not children(verb, ("agent",)):
        candidate.confidence *= weights.parse_penalty
    modality = trigger_modality(trigger, cues)
    apply_modality(candidate, modality, cues, weights)
    if modality.obliged:
        demand_of(candidate, finder, weights)
    place_and_time(candidate, doc)
    localise(candidate, finder, weights)
    if not candidate.source and not candidate.target:
        return None  # '11 suspects were arrested' where no place says by whom
    return candidate


def demand_of(candidate: Candidate, finder: ActorFinder, weights: ConfidenceWeights) -> None:
    """An act its actor 'must' or 'should' do, told by someone else, is that speaker's
    demand of them: 'Seoul said Pyongyang must free the fishermen' is REQUEST
    Seoul -> Pyongyang (PLOVER: a demand is a request), no release."""
    verb = candidate.trigger.clause_verb
    cues = finder.lexicon.cues
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS:
        verb = verb.head
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in cues.reporting:
        return
    speakers = finder.actors(verb_subjects(verb.head), candidate.trigger)
    if not speakers or not candidate.source or same_actor(speakers[0], candidate.source):
        return
    candidate.target = candidate.source
    candidate.source = speakers
    candidate.coding = DEMAND
    candidate.hypothetical = False
    candidate.confidence *= weights.parse_penalty


def localise(candidate: Candidate, finder: ActorFinder, weights: ConfidenceWeights) -> None:
    """Gunmen, protesters or rebels whose words name no country are of the place where
    they act ('gunmen ambushed a convoy near Culiacán'); an attack, a curfew or a protest
    with no target named acts on the place where it happens."""
    where = candidate.where
    if where is None or not where.country:
        return
    if not candidate.source and state_act(candidate.trigger, candidate.coding) and where.rule in PLACE_RULES:
        candidate.source = [ActorRef(f"{where.name} authorities", where.country, "GOV", None)]
        candidate.confidence *= weights.parse_penalty
    if not candidate.source and candidate.coding.type == "PROTEST" and where.rule in PLACE_RULES:
        candidate.source = [ActorRef(f"protesters in {where.name}", where.country, "CVL", None)]
    if where.rule in PLACE_TARGET_RULES:
        local = where.rule in PLACE_RULES
        candidate.source = [relocated(a, where.country, finder, local) for a in candidate.source]
        candidate.target = [relocated(a, where.country, finder, local) for a in candidate.target]
    acts_on_place = {candidate.coding.type, candidate.trigger.sense.coding.type} & PLACE_TARGET_TYPES
    if not candidate.target and acts_on_place and where.rule in PLACE_TARGET_RULES:
        candidate.target = [ActorRef(where.name, where.country, None, None)]


def told_happening(trigger: Trigger, coding: Coding) -> bool:
    """An act told as happening with no one named as doing it, whose place says who
    took part or what it struck (see localise): 'protests erupted across Kenya',
    'clashes broke out in Tripoli', 'thousands rallied in Tirana'."""
    if coding.type not in PLACE_TARGET_TYPES:
        return False
    if trigger.kind == "noun":
        noun = trigger.noun
        carrier = trigger.carrier
        return noun is not None and carrier is not None and noun.dep_ == "nsubj" and noun.head.i == carrier.i
    return coding.type == "PROTEST" and all(crowd_of_numbers(s) for s in verb_subjects(trigger.token))


def crowd_of_numbers(subject: Token) -> bool:
    """'Thousands', 'hundreds of people', 'some 5,000': a crowd told by its size."""
    return subject.ent_type_ == "CARDINAL" or subject.like_num


def state_act(trigger: Trigger, coding: Coding) -> bool:
    """An agentless passive of what only a state does: '8,000 Afghans were deported',
    '27 people were detained', 'a curfew has been imposed', 'two of them were released on
    bail'."""
    verb = trigger.clause_verb
    if verb is None or not is_passive(verb) or children(verb, ("agent",)):
        return False
    return coding.type == "COERCE" or (coding.type == "RETREAT" and coding.mode == "release")


def relocated(actor: ActorRef, country: str, finder: ActorFinder, local_types: bool = True) -> ActorRef:
    """An actor of the place's country when its words name none (see localise); groups
    the text names without a country also by the story's dateline."""
    local = local_types and actor.actor_type in LOCAL_ACTOR_TYPES and any(actor is o for o in finder.local)
    if local or finder.countryless_group(actor):
        return ActorRef(actor.name, country, actor.actor_type, actor.entity_id)
    return actor


def sentence_bounds(sentence: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding white space."""
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, sentence.start_char + len(text.rstrip())


def place_and_time(candidate: Candidate, doc: Doc) -> None:
    token = candidate.trigger.noun or candidate.trigger.token
    candidate.where = place_for_trigger(doc, token)
    candidate.when = time_for_trigger(doc, token)


def quote_of(doc: Doc, trigger: Token) -> str | None:
    """The quote the event is told in: one covering its trigger, else, for a statement
    event ('warned that ...', 'accused Israel of ...'), the quote its verb introduces."""
    quote = quote_covering(doc, trigger.idx)
    if quote is None:
        sentence = trigger.sent
        quote = next(
            (
                q
                for q in doc._.ew_quotes
                if q.verb == trigger.lemma_.lower() and sentence.start_char <= q.start < sentence.end_char
            ),
            None,
        )
    return quote.id if quote is not None else None


def sentence_candidate(
    trigger: Trigger, sentence: Span, doc: Doc, context: DocumentContext
) -> Candidate | None:
    """One trigger coded, with its quote and its sentence as evidence."""
    candidate = code_trigger(trigger, doc, context)
    if candidate is not None:
        candidate.quote_id = quote_of(doc, trigger.token)
        candidate.spans = [sentence_bounds(sentence)]
    return candidate


def sentence_candidates(sentence: Span, doc: Doc, context: DocumentContext) -> list[Candidate]:
    coded = (
        sentence_candidate(t, sentence, doc, context) for t in sentence_triggers(sentence, context.lexicon)
    )
    return drop_committed_embedders(merge_within_sentence([c for c in coded if c is not None]))


def lede_sentence(doc: Doc, after: int) -> Span | None:
    """The article's first sentence that goes past its dateline."""
    return next((s for s in doc.sents if s.end_char > after and s.text.strip()), None)


def main_verb(sentence: Span, cues: Cues) -> Token | None:
    """The verb a sentence tells its act with: its root, or what a reporting root
    reports ('X said on Monday it had closed the border')."""
    verb = sentence.root
    if verb.lemma_.lower() in cues.reporting:
        verb = next(iter(children(verb, ("ccomp",))), verb)
    return verb if verb.pos_ in VERBAL_POS else None


def model_reading(sentence: Span, doc: Doc, opinion: SecondOpinion) -> tuple[str, float]:
    """The learned model's type for the lede, read with the headline, and its probability."""
    title = doc._.article_title
    return opinion.model.best(lede_features(sentence, opinion.tokenizer(title) if title else None))


def with_second_opinion(
    sentence: Span, doc: Doc, context: DocumentContext, found: list[Candidate]
) -> list[Candidate]:
    """The lede's candidates with the learned model's reading, when it is sure enough
    and gives a type the lexicon did not find there: where the lexicon coded the main
    verb only by PETRARCH's bare code for it, the model's type replaces that code; where
    the lexicon found no event in the lede, the model adds one at its main verb, when
    the parse names both its source and its target. The confidence is scaled by the
    model's probability."""
    opinion = context.second_opinion
    if opinion is None:
        return found
    kind, probability = model_reading(sentence, doc, opinion)
    if kind == NO_EVENT or probability < opinion.threshold or any(c.coding.type == kind for c in found):
        return found
    verb = main_verb(sentence, context.lexicon.cues)
    if verb is None:
        return found
    at_verb = next((c for c in found if c.trigger.token.i == verb.i), None)
    if at_verb is not None and at_verb.trigger.sense.bare:
        at_verb.coding = Coding(kind)  # PETRARCH's code for the bare verb: the weakest sense
        at_verb.confidence *= probability
    if found:
        return found
    sense = Sense(Coding(kind), VERB_SOURCE_ROLES, VERB_TARGET_ROLES, origin="model")
    added = sentence_candidate(Trigger(verb, sense, "verb"), sentence, doc, context)
    if added is None or not (added.source and added.target):
        return found  # a reading by the words alone needs the parse to name both sides
    added.confidence *= probability
    return [added]


def event_record(number: int, candidate: Candidate, text: str, in_title: bool = False) -> Event:
    coding = candidate.coding
    start, end = candidate.spans[0]
    spans = tuple(TextSpan(s, e) for s, e in sorted(candidate.spans))
    return Event(
        id=f"v{number}",
        type=coding.type or "",
        mode=coding.mode,
        context=coding.context,
        cameo=coding.cameo,
        source=tuple(candidate.source),
        target=tuple(candidate.target),
        where=candidate.where,
        when=candidate.when,
        negated=candidate.negated,
        hypothetical=candidate.hypothetical,
        evidence=text[start:end],
        start=start,
        end=end,
        spans=spans,
        quote_id=candidate.quote_id,
        confidence=round(min(1.0, max(0.0, candidate.confidence)), 3),
        in_title=in_title,
    )


@dataclass
class CodedBody:
    """An article's body coded, waiting for its headline: the merged candidates, and
    whether the headline may tell a type the body lacks (then it is worth parsing)."""

    doc: Doc
    context: DocumentContext
    merged: list[Candidate]
    min_confidence: float

    def needs_headline(self) -> bool:
        title = self.doc._.article_title
        if not title:
            return False
        told = {c.coding.type for c in self.merged if not (c.negated or c.hypothetical)}
        return bool(headline_types(title, self.context.lexicon) - told)

    def events(self, title_doc: Doc | None = None) -> list[Event]:
        """The body's events, then those of a type only the parsed headline tells."""
        text = self.doc.text  # rebuilt by spaCy on every access
        records = [event_record(n, c, text) for n, c in enumerate(self.merged, start=1)]
        if title_doc is None:
            return records
        told = [
            c
            for c in headline_candidates(title_doc, self.doc, self.context)
            if c.confidence >= self.min_confidence
        ]
        in_body = {(c.coding.type, c.negated, c.hypothetical) for c in self.merged}
        extra = [c for c in told if (c.coding.type, c.negated, c.hypothetical) not in in_body]
        title = self.doc._.article_title
        first = len(records) + 1
        return records + [event_record(n, c, title, in_title=True) for n, c in enumerate(extra, start=first)]


def code_body(
    doc: Doc,
    min_confidence: float = 0.0,
    lexicon: EventLexicon | None = None,
    weights: ConfidenceWeights | None = None,
    second_opinion: SecondOpinion | None = None,
) -> CodedBody:
    """The body's events coded and merged (see `code_events`)."""
    context = DocumentContext(
        lexicon or load_event_lexicon(),
        weights or ConfidenceWeights(),
        dateline_end(doc),
        entities={entity.id: entity for entity in doc._.ew_entities},
        second_opinion=second_opinion,
    )
    lede = lede_sentence(doc, context.dateline_end)
    for sentence in doc.sents:
        found = sentence_candidates(sentence, doc, context)
        if sentence == lede:
            found = with_second_opinion(sentence, doc, context, found)
        context.coded.extend(found)
    merged = [c for c in merge_across_sentences(context.coded) if c.confidence >= min_confidence]
    merged.sort(key=lambda c: c.spans[0])
    return CodedBody(doc, context, merged, min_confidence)


def code_events(
    doc: Doc,
    min_confidence: float = 0.0,
    lexicon: EventLexicon | None = None,
    weights: ConfidenceWeights | None = None,
    second_opinion: SecondOpinion | None = None,
    headline_parser: Callable[[str], Doc] | None = None,
) -> list[Event]:
    """The events of a parsed article, ids `v1`, `v2`, ... in order of their first
    sentence, then those of a type only its headline tells (`in_title`, offsets into the
    title: a headline mostly restates the lede, and its parse is the weaker reading).

    Events below `min_confidence` are left out; `lexicon` and `weights` default to the
    bundled event lexicon and the default `ConfidenceWeights`; `second_opinion`, the
    learned type model with its threshold, adds to the lede what the lexicon missed;
    `headline_parser` (see `events.headline`) parses the headline, whose events count
    where the body does not tell them."""
    body = code_body(doc, min_confidence, lexicon, weights, second_opinion)
    if headline_parser is None or not body.needs_headline():
        return body.events()
    return body.events(headline_parser(doc._.article_title))


def headline_candidates(title_doc: Doc, doc: Doc, body: DocumentContext) -> list[Candidate]:
    """The events of the headline, coded like a sentence of the article, each weighed
    down as read from a parse of a headline."""
    title_doc._.reference_date = doc._.reference_date
    context = DocumentContext(body.lexicon, body.weights, 0)
    found = []
    for sentence in title_doc.sents:
        told = sentence_candidates(sentence, title_doc, context)
        context.coded.extend(told)
        found.extend(told)
    for candidate in found:
        candidate.confidence *= body.weights.parse_penalty
    return merge_within_sentence(found)
