"""The labels the coding rules turn on: families of PLOVER types, actor types, place
rules, and the codings a rule writes itself. Words are data (data/events/); these are
the ontology's own names."""

from __future__ import annotations

from eventwire.knowledge.event_lexicon import Coding

STATE_ACTOR_TYPES = frozenset({"GOV", "MIL", "IGO", "LEG", "JUD", "COP", "SPY"})
REPORTER_TYPE = "MED"

# Type families for the modality rules (PLOVER.md rule 2).
CONFLICT_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
COOPERATIVE_ACTS = frozenset({"AID", "COOPERATE", "RETREAT", "CONSULT", "CONCEDE", "SUPPORT", "AGREE"})
# Types that an announced or promised act keeps ('will demand', 'agreed to withdraw') ...
KEPT_WHEN_FUTURE = frozenset({"MOBILIZE", "THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE", "CONCEDE"})
# ... of which a possible one ('could deploy') is hypothetical.
HYPOTHETICAL_WHEN_POSSIBLE = frozenset({"MOBILIZE", "CONCEDE", "AGREE"})
NEEDS_TARGET = frozenset({"COOPERATE", "AID", "SANCTION"})
# A noun of these types tells an event only when a verb carries it ('declared a
# ceasefire'); alone ('the ceasefire expired') it names a thing, not an act.
VERBAL_TYPES = frozenset({"AGREE", "CONCEDE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Meetings and agreements: their nationality may stand deep in the noun's phrase.
MEETING_TYPES = frozenset({"CONSULT", "AGREE"})
# Types whose event, with no target named, acts on the place where it happens.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "RETREAT", "AID"})
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})

# Actor types that take the country of the place of the event when their words name
# none: gunmen, criminals, residents, protesters, rebels are of where they act.
LOCAL_ACTOR_TYPES = frozenset({"UAF", "CRM", "CVL", "REB", "OPP", "REF", "LAB", "EDU"})
# Actor types that keep no country rather than take the place's: international bodies,
# the press, companies.
NO_COUNTRY_OF_PLACE = frozenset({"IGO", "NGO", "MED", "BUS"})
PLACE_RULES = frozenset({"trigger-attached", "paragraph"})
# A story's dateline names where it happened closely enough for the target of an act on a
# place, not for the country of its actors.
PLACE_TARGET_RULES = PLACE_RULES | {"dateline"}

# What a rule codes itself: a prepared conflict act, an announced withdrawal, and CAMEO's
# general codes for a threat, refusal or promise of an act modality.yaml's maps leave out.
MOBILIZATION = Coding("MOBILIZE", "troops", "military", "154")
ANNOUNCED_WITHDRAWAL_CAMEO = "0874"
GENERAL_THREAT = ("relations", "130")
GENERAL_REFUSAL = (None, "120")
GENERAL_AGREEMENT_CAMEO = "030"
