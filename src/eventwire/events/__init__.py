"""The events stage: who did what to whom, where and when, coded in PLOVER from the parse.

The spaCy component `eventwire_events` writes `doc._.ew_events`, a list of
`records.Event`, ids `v1`, `v2`, ... in the order of their first sentence. For each
sentence it finds triggers in the event lexicon (`eventwire.knowledge.event_lexicon`):

- verbs, by lemma, their senses refined by particle, object, subject, prepositional
  phrase or complement clause ('call on' is REQUEST, 'accuse ... of' ACCUSE);
- event nouns ('airstrikes', 'talks', 'curfew'), carried by a light verb ('carried out
  airstrikes', 'held talks', 'arrived on a visit') or standing alone with their own
  actors ("Israel's assault on Gaza");
- light verb + noun phrases with a meaning of their own ('lifted sanctions' is CONCEDE).

Arguments come from the dependency parse, not word order: the subject (the by-agent of a
passive) is the source, the object or an 'on/against/with/to' phrase the target, as each
sense's roles say; a missing subject is that of the verb it is conjoined with or
controlled by ('vowed to retaliate'), or the antecedent of a relative clause ('Israel,
which carried out ...'); coordinated phrases give several actors ('Türkiye and Israel').
Each phrase becomes an `ActorRef` through `eventwire.entities.actor_of`, else through
`eventwire.entities.kb_actor` (country names, metonyms and adjectives from the actor
knowledge base). Reporters are never sources (PLOVER rule 4): MED actors are dropped. A
speaker is not the source of what they report (rule 3): 'said' is no event, the reported
clause is coded on its own (the reporting verbs are those of kind `report` in
data/speech_verbs.yaml).

Negation and modality (rules 1-2, words in data/events/modality.yaml): a negated or
denied act ('has no plans for the withdrawal', 'denied carrying out the strike') is kept
with `negated`; a refused one ('would not accept', 'had no intention of withdrawing') is
REJECT by the refusing side; an alleged, requested or conditional one is kept with
`hypothetical`; a conflict act threatened, vowed or announced ('vowed to retaliate',
'could launch a strike', 'pledged to defeat ... if') is THREATEN; a prepared one
('awaiting orders to kick off an offensive') MOBILIZE; a cooperative act promised or
announced ('will deliver', 'promised to help') AGREE; an announced withdrawal CONCEDE.

Place and time come from `eventwire.places.place_for_trigger` and
`eventwire.dates.time_for_trigger` (none where they find none). `quote_id` names the
quote whose span holds the trigger. The same event told twice in an article (same type,
same source and target countries, compatible dates) is one event with both sentences in
`spans` (rule 6); within one sentence an event whose actors are a subset of another's of
the same type is the same event.

Confidence, in [0, 1], is the product of three factors:
- lexicon specificity: a hand-made sense with conditions 1.0, without 0.9; a PETRARCH
  pattern 0.85, a PETRARCH verb's own code 0.6; an event noun carried by a light verb
  0.9, alone 0.8;
- argument completeness: a source with a country 1.0, without 0.8, none 0.5; a missing
  target where the type needs one (COOPERATE, AID, SANCTION) x0.7;
- parse agreement: an actor found through a pronoun or relative clause x0.9, a type
  changed by modality x0.9, a passive without agent x0.9, a state act without agent
  given to the authorities of its place x0.9.
The weights are the component config's `confidence` table (`ConfidenceWeights`). A
merged event keeps the highest confidence of its reports. Events below the component's
`min_confidence` are not written.

The package, in the order of the work: `triggers` (senses matched against the parse),
`arguments` (the words each role names), `actors`, `modality`, `confidence`, `merging`,
`coding` (one document), `component` (the spaCy factory); `parse` reads the dependency
parse for all of them, `ontology` holds the type families the rules turn on and
`candidates` the working records.
"""

from eventwire.events.coding import code_events
from eventwire.events.component import EventsComponent, make_events
from eventwire.events.confidence import ConfidenceWeights

__all__ = ["ConfidenceWeights", "EventsComponent", "code_events", "make_events"]
