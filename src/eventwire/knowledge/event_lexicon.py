"""The event-trigger lexicon: which words code which PLOVER events, read once from data files.

`load_event_lexicon()` reads `eventwire/data/events/` once per process (well under half a
second) and answers the events stage's questions:

    lexicon = load_event_lexicon()
    lexicon.verb_senses("accuse")          # senses of the verb, hand-made ones first
    lexicon.noun_senses("airstrike")       # event nouns ('talks', 'curfew', 'offensive')
    lexicon.phrase_senses("lift")          # light verb + noun with a meaning of its own
    lexicon.is_light_verb("carry", "out")  # a verb that only carries an event noun
    lexicon.plover_of("195")               # ('ASSAULT', 'heavy-weapons', 'military')
    lexicon.cues.denying                   # the words of data/events/modality.yaml

The files:
- `verbs.jsonl`: PETRARCH2's CAMEO verb dictionary (MIT), converted by
  tools/convert_cameo.py: verb lemmas with their default CAMEO code and the patterns of
  their verb block, reduced to what a dependency parse can check.
- `cameo_plover.tsv`: CAMEO code -> PLOVER type, mode, context (CAMEO2PLOVER-2021, CC BY-SA).
- `additions.yaml`: hand-made senses for event nouns, light-verb phrases, statement verbs
  and PETRARCH verbs whose code does not fit PLOVER; they come before PETRARCH's.
- `modality.yaml`: the words of negation, modality, threats, promises, the pronouns and
  prepositions that lead to an actor, and what a threat, refusal or promise of each act
  is in CAMEO. The reporting verbs are those of kind `report` in `data/speech_verbs.yaml`.

A `Sense` is one way a word codes an event: a PLOVER coding (type, mode, context, CAMEO
code), the syntactic roles that give its source and target, and the conditions the parse
must meet (particle, object, subject, prepositional phrase, complement clause, noun
modifiers). Conditions are data here; the events stage checks them against the parse.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventwire.errors import EventwireError
from eventwire.knowledge.files import data_file, parse_yaml
from eventwire.knowledge.speech import load_speech_lexicon

EVENTS_FOLDER = "events"

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
VERB_SOURCE_ROLES = ("subject",)
VERB_TARGET_ROLES = ("object", "dative", "against", "on", "with", "to", "at", "into", "content")
NOUN_SOURCE_ROLES = ("possessor", "by", "nationality", "governor")
NOUN_TARGET_ROLES = ("on", "against", "with", "to", "at", "of", "into")
KNOWN_ROLES = frozenset("subject object dative possessor by nationality governor between content".split())

Phrase = tuple[str, ...]  # the words of a phrase, its head last: ('humanitarian', 'aid')


class LexiconError(EventwireError):
    """An event lexicon file is missing or a row in it is malformed."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class Coding:
    """A PLOVER coding: type, mode, context and the closest CAMEO code."""

    type: str | None
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None


@dataclass(frozen=True)
class Sense:
    """One way a trigger word codes an event, and what the parse must show for it.

    `coding.type` None means that in this sense the word is no event (a sense that blocks
    a less specific one). `specificity` counts the conditions: among the senses whose
    conditions hold, the most specific wins.
    """

    coding: Coding
    source: tuple[str, ...]
    target: tuple[str, ...]
    origin: str
    particle: str | None = None
    objects: tuple[Phrase, ...] = ()
    subjects: tuple[Phrase, ...] = ()
    prep: str | None = None
    prep_objects: tuple[Phrase, ...] = ()
    clause: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    governor_subjects: tuple[Phrase, ...] = ()
    passive_reading: Coding | None = None
    when: str | None = None
    joint: Coding | None = None
    state: Coding | None = None
    bare: bool = False  # PETRARCH's code for the verb itself, no pattern

    @property
    def specificity(self) -> int:
        conditions = (self.particle, self.objects, self.subjects, self.prep, self.prep_objects)
        count = sum(1 for condition in conditions if condition)
        count += bool(self.modifiers) + bool(self.clause) + bool(self.governor_subjects)
        return count

    @property
    def from_additions(self) -> bool:
        return self.origin == "additions"


@dataclass(frozen=True)
class Cues:
    """The words of modality.yaml, each list as a frozen set of lemmas (the prepositions
    tried in order as a tuple), its CAMEO maps as dicts, and the reporting verbs of
    speech_verbs.yaml."""

    negators: frozenset[str]
    modal: frozenset[str]
    deontic: frozenset[str]
    future: frozenset[str]
    conditional_modals: frozenset[str]
    conditional: frozenset[str]
    reporting: frozenset[str]
    alleging: frozenset[str]
    denying: frozenset[str]
    refusing: frozenset[str]
    requesting: frozenset[str]
    threatening: frozenset[str]
    committing: frozenset[str]
    preparing: frozenset[str]
    possibility_nouns: frozenset[str]
    refusal_nouns: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    excess_adverbs: frozenset[str]
    attempting: frozenset[str]
    causative: frozenset[str]
    temporal_prepositions: frozenset[str]
    topic_prepositions: frozenset[str]
    weapons: frozenset[str]
    measure_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    counted_group_nouns: frozenset[str]
    counted_person_nouns: frozenset[str]
    actor_prepositions: tuple[str, ...]
    joint_modifiers: frozenset[str]
    threat_of: dict[str, tuple[str, str]]  # PLOVER type -> (mode, CAMEO) of THREATEN
    threat_of_mode: dict[str, tuple[str, str]]  # mode -> (mode, CAMEO) of THREATEN
    refusal_of: dict[str, tuple[str, str]]  # PLOVER type -> (mode, CAMEO) of REJECT
    agreement_of: dict[str, str]  # PLOVER type -> CAMEO of AGREE


@dataclass
class EventLexicon:
    """Senses by verb lemma, noun lemma and light verb, the CAMEO->PLOVER table and the cues."""

    plover: dict[str, Coding]
    added_verbs: dict[str, tuple[Sense, ...]]
    petrarch_verbs: dict[str, list[PetrarchVerb]]
    petrarch_groups: dict[str, list]
    nouns: dict[str, tuple[Sense, ...]]
    phrases: dict[str, tuple[Sense, ...]]
    light_verbs: frozenset[tuple[str, str | None]]
    cues: Cues
    lemma_fixes: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    _verb_cache: dict[str, tuple[Sense, ...]] = field(default_factory=dict, repr=False)
    _group_cache: dict[str, tuple[Sense, ...]] = field(default_factory=dict, repr=False)

    def verb_senses(self, lemma: str) -> tuple[Sense, ...]:
        """Every sense of the verb `lemma` (any particle), hand-made ones first."""
        key = lemma.lower()
        senses = self._verb_cache.get(key)
        if senses is None:
            own = self.added_verbs.get(key, ())
            senses = combine_senses(own, self.petrarch_verbs.get(key, ()), self._group_senses)
            self._verb_cache[key] = senses
        return senses

    def _group_senses(self, group: str) -> tuple[Sense, ...]:
        senses = self._group_cache.get(group)
        if senses is None:
            origin = f"petrarch2:{group}"
            patterns = self.petrarch_groups.get(group, ())
            senses = tuple(_petrarch_sense(p, self.plover, f"{origin}:{p['line']}") for p in patterns)
            self._group_cache[group] = senses
        return senses

    def verb_lemma(self, form: str, lemma: str) -> str:
        """The lemma of a verb form, mended where spaCy's lemmatiser gets it wrong
        ('staged' -> 'stag'): the `lemmas` of additions.yaml."""
        return self.lemma_fixes.get(form.lower(), lemma)

    def noun_senses(self, lemma: str) -> tuple[Sense, ...]:
        return self.nouns.get(lemma.lower(), ())

    def phrase_senses(self, verb_lemma: str) -> tuple[Sense, ...]:
        """Senses of `verb_lemma` + an object noun ('lift' + 'sanctions' -> CONCEDE)."""
        return self.phrases.get(verb_lemma.lower(), ())

    def is_light_verb(self, lemma: str, particle: str | None = None) -> bool:
        """True for a verb that only carries an event noun ('carry out', 'hold', 'launch')."""
        return (lemma.lower(), particle) in self.light_verbs

    def is_event_noun(self, lemma: str) -> bool:
        return any(sense.coding.type for sense in self.noun_senses(lemma))

    def plover_of(self, cameo: str | None) -> tuple[str, str | None, str | None] | None:
        """(type, mode, context) of a CAMEO code, by its longest prefix in the table; None
        for codes with no PLOVER type (CAMEO 01, public statements)."""
        coding = self.reading_of(cameo)
        return (coding.type, coding.mode, coding.context) if coding and coding.type else None

    def reading_of(self, cameo: str | None) -> Coding | None:
        if not cameo:
            return None
        for length in range(len(cameo), 1, -1):
            coding = self.plover.get(cameo[:length])
            if coding is not None:
                return Coding(coding.type, coding.mode, coding.context, cameo)
        return None


# --- loading -----------------------------------------------------------------------------


def _data_file(name: str) -> Any:
    return data_file(EVENTS_FOLDER, name)


def _read_text(name: str) -> str:
    try:
        return _data_file(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"data/events/{name}", f"cannot read: {exc}") from exc


def read_plover_table(text: str) -> dict[str, Coding]:
    table = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "cameo\t")):
            continue
        cameo, plover_type, mode, context, *_ = (line.split("\t") + ["", "", "", ""])[:5]
        table[cameo] = Coding(plover_type or None, mode or None, context or None, cameo)
    return table


def _phrase(text: str) -> Phrase:
    return tuple(str(text).lower().split())


def _phrases(values: Iterable[str] | None) -> tuple[Phrase, ...]:
    return tuple(_phrase(value) for value in values or ())


def _reading(row: dict, plover: dict[str, Coding], where: str) -> Coding:
    """The coding of an additions row: its type and cameo, mode and context from the table
    when the row leaves them out (a mode only if the table's type is the row's)."""
    plover_type = row.get("type")
    if plover_type is not None and plover_type not in PLOVER_TYPES:
        raise LexiconError(where, f"unknown PLOVER type {plover_type!r}")
    cameo = str(row["cameo"]) if row.get("cameo") is not None else None
    table = _lookup(plover, cameo)
    mode = row.get("mode") if "mode" in row else (table.mode if table and table.type == plover_type else None)
    context = row.get("context") or (table.context if table else None)
    return Coding(plover_type, mode, context, cameo)


def _lookup(plover: dict[str, Coding], cameo: str | None) -> Coding | None:
    if not cameo:
        return None
    return next((plover[cameo[:n]] for n in range(len(cameo), 1, -1) if cameo[:n] in plover), None)


def _roles(row: dict, key: str, default: tuple[str, ...], where: str) -> tuple[str, ...]:
    roles = tuple(row[key]) if key in row else default
    for role in roles:
        if not isinstance(role, str):
            raise LexiconError(
                where,
                f"role {role!r} in {key} is not a word: quote 'on', 'off' and 'no' "
                "(YAML reads them as true/false)",
            )
        if role not in KNOWN_ROLES and not role.isalpha():
            raise LexiconError(where, f"unknown role {role!r} in {key}")
    return roles


def _addition(row: dict, kind: str, plover: dict[str, Coding], where: str) -> Sense:
    source_default, target_default = (
        (VERB_SOURCE_ROLES, VERB_TARGET_ROLES) if kind != "noun" else (NOUN_SOURCE_ROLES, NOUN_TARGET_ROLES)
    )
    objects = _phrases(row.get("nouns") if kind == "phrase" else row.get("object"))
    return Sense(
        coding=_reading(row, plover, where),
        source=_roles(row, "source", source_default, where),
        target=_roles(row, "target", target_default, where),
        origin="additions",
        particle=row.get("particle"),
        objects=objects,
        subjects=_phrases(row.get("subject")),
        prep=row.get("prep"),
        prep_objects=_phrases(row.get("prep_object")),
        clause=frozenset(row.get("clause") or ()),
        modifiers=frozenset(str(word).lower() for word in row.get("with") or ()),
        governor_subjects=_phrases(row.get("governor_subject")),
        when=row.get("when"),
        joint=_reading(row["joint"], plover, where) if row.get("joint") else None,
        state=_reading(row["state"], plover, where) if row.get("state") else None,
    )


def read_additions(text: str, plover: dict[str, Coding]) -> dict[str, Any]:
    """The sections of additions.yaml as senses keyed by lemma, the light verbs and the
    mended lemmas."""
    data = parse_yaml(text) or {}
    sections: dict[str, dict[str, list[Sense]]] = {"verbs": defaultdict(list), "nouns": defaultdict(list)}
    sections["phrases"] = defaultdict(list)
    keys = {"verbs": ("verb", "verb"), "nouns": ("noun", "noun"), "phrases": ("verb", "phrase")}
    for section, (key, kind) in keys.items():
        for number, row in enumerate(data.get(section) or (), start=1):
            where = f"additions.yaml {section} row {number}"
            if not isinstance(row, dict) or key not in row or "type" not in row:
                raise LexiconError(where, f"a row needs '{key}' and 'type'")
            sections[section][str(row[key]).lower()].append(_addition(row, kind, plover, where))
    light = set()
    for phrase in [*(data.get("light_verbs") or ()), *(data.get("occurrence_verbs") or ())]:
        words = str(phrase).lower().split()
        light.add((words[0], " ".join(words[1:]) or None))
    lemmas = {str(form).lower(): str(lemma).lower() for form, lemma in (data.get("lemmas") or {}).items()}
    return {
        **{name: dict(senses) for name, senses in sections.items()},
        "light_verbs": frozenset(light),
        "lemmas": lemmas,
    }


def _petrarch_sense(record: dict, plover: dict[str, Coding], origin: str, bare: bool = False) -> Sense:
    code = record.get("code")
    passive = record.get("passive")
    return Sense(
        bare=bare,
        coding=_petrarch_reading(code, plover),
        source=VERB_SOURCE_ROLES,
        target=VERB_TARGET_ROLES,
        origin=origin,
        particle=record.get("particle"),
        objects=_phrases(record.get("object")),
        subjects=_phrases(record.get("subject")),
        prep=record.get("prep"),
        prep_objects=_phrases(record.get("prep_object")),
        passive_reading=_petrarch_reading(passive, plover) if passive else None,
    )


def _petrarch_reading(code: str | None, plover: dict[str, Coding]) -> Coding:
    table = _lookup(plover, code)
    if table is None or table.type is None:
        return Coding(None, cameo=code)
    return Coding(table.type, table.mode, table.context, code)


@dataclass(frozen=True)
class PetrarchVerb:
    """A PETRARCH verb entry: its own code (as a bare sense) and its block's patterns."""

    particle: str | None
    bare: Sense
    group: str


def read_petrarch_verbs(
    text: str, plover: dict[str, Coding]
) -> tuple[dict[str, list[PetrarchVerb]], dict[str, list]]:
    """verbs.jsonl as verb entries by lemma and the raw patterns of each verb block (made
    into senses on first use: most blocks are never needed in a run)."""
    groups: dict[str, list] = {}
    verbs: dict[str, list[PetrarchVerb]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), start=1):
        record = json.loads(line)
        if "group" in record and "verb" not in record:
            groups[record["group"]] = record["patterns"]
        elif "verb" in record:
            particle, group = record.get("particle"), record["group"]
            bare = _petrarch_sense(
                {"code": record.get("code"), "particle": particle}, plover, f"petrarch2:{group}", True
            )
            verbs[record["verb"]].append(PetrarchVerb(particle, bare, group))
        elif "_about" not in record:
            raise LexiconError(f"verbs.jsonl line {number}", "neither a group nor a verb")
    return dict(verbs), groups


def _with_particle(sense: Sense, particle: str) -> Sense:
    fields = {name: getattr(sense, name) for name in Sense.__dataclass_fields__}
    fields["particle"] = particle
    return Sense(**fields)


def combine_senses(
    own: Iterable[Sense], entries: Iterable[PetrarchVerb], group_senses: Callable[[str], tuple[Sense, ...]]
) -> tuple[Sense, ...]:
    """A verb's senses: hand-made ones first, then PETRARCH's. A particle the hand-made senses
    cover loses PETRARCH's bare code for it, but keeps PETRARCH's patterns; a multi-word verb
    ('call off') applies its block's patterns with its particle."""
    own = tuple(own)
    owned_particles = {sense.particle for sense in own}
    theirs: list[Sense] = []
    for entry in entries:
        if entry.particle not in owned_particles:
            theirs.append(entry.bare)
        for sense in group_senses(entry.group):
            theirs.append(
                _with_particle(sense, entry.particle) if entry.particle and not sense.particle else sense
            )
    return own + tuple(_unique(theirs))


def _unique(senses: list[Sense]) -> list[Sense]:
    seen: set[tuple] = set()
    kept = []
    for sense in senses:
        key = (sense.coding, sense.particle, sense.objects, sense.subjects, sense.prep, sense.prep_objects)
        if key not in seen:
            seen.add(key)
            kept.append(sense)
    return kept


def _word_set(words: Iterable, where: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in words)


def _word_sequence(words: Iterable, where: str) -> tuple[str, ...]:
    return tuple(str(word).lower() for word in words)


def _cameo_code(code: Any, where: str) -> str:
    if not isinstance(code, str):
        raise LexiconError(where, f"CAMEO code {code!r} is not quoted: YAML reads 0874 as a number")
    return code


def _mode_and_code_map(table: dict, where: str) -> dict[str, tuple[str, str]]:
    readings = {}
    for key, row in table.items():
        if not (isinstance(row, list) and len(row) == 2):
            raise LexiconError(f"{where} {key}", f"{row!r} is not [mode, CAMEO code]")
        readings[str(key)] = (str(row[0]), _cameo_code(row[1], f"{where} {key}"))
    return readings


def _code_map(table: dict, where: str) -> dict[str, str]:
    return {str(key): _cameo_code(code, f"{where} {key}") for key, code in table.items()}


# How each entry of modality.yaml is read; a list not named here is a set of lemmas.
_CUE_READERS: dict[str, Callable[[Any, str], Any]] = {
    "actor_prepositions": _word_sequence,
    "threat_of": _mode_and_code_map,
    "threat_of_mode": _mode_and_code_map,
    "refusal_of": _mode_and_code_map,
    "agreement_of": _code_map,
}


def read_cues(text: str, reporting: frozenset[str]) -> Cues:
    """The cues of modality.yaml's `text`, with the reporting verbs of speech_verbs.yaml."""
    data = parse_yaml(text) or {}
    names = [name for name in Cues.__dataclass_fields__ if name != "reporting"]
    missing = [name for name in names if name not in data]
    if missing:
        raise LexiconError("modality.yaml", f"missing list(s): {', '.join(missing)}")
    cues = {name: _CUE_READERS.get(name, _word_set)(data[name], f"modality.yaml {name}") for name in names}
    return Cues(reporting=reporting, **cues)


@lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    """The event lexicon from eventwire/data/events/, read once per process."""
    plover = read_plover_table(_read_text("cameo_plover.tsv"))
    additions = read_additions(_read_text("additions.yaml"), plover)
    petrarch_verbs, groups = read_petrarch_verbs(_read_text("verbs.jsonl"), plover)
    counts = {
        "verb lemmas": len(set(petrarch_verbs) | set(additions["verbs"])),
        "petrarch verb entries": sum(len(entries) for entries in petrarch_verbs.values()),
        "petrarch patterns": sum(len(patterns) for patterns in groups.values()),
        "added verb senses": sum(len(s) for s in additions["verbs"].values()),
        "added noun senses": sum(len(s) for s in additions["nouns"].values()),
        "added phrase senses": sum(len(s) for s in additions["phrases"].values()),
        "light verbs": len(additions["light_verbs"]),
    }
    return EventLexicon(
        plover=plover,
        added_verbs={lemma: tuple(senses) for lemma, senses in additions["verbs"].items()},
        petrarch_verbs=petrarch_verbs,
        petrarch_groups=groups,
        nouns={lemma: tuple(senses) for lemma, senses in additions["nouns"].items()},
        phrases={lemma: tuple(senses) for lemma, senses in additions["phrases"].items()},
        light_verbs=additions["light_verbs"],
        lemma_fixes=additions["lemmas"],
        cues=read_cues(_read_text("modality.yaml"), load_speech_lexicon().reporting),
        counts=counts,
    )
