"""Who a speaker's words stand for: a subject word resolved to a `Speaker`.

A name is resolved through the entities stage (`eventwire.entities.entity_at`: a
surname, a split name, a collective); 'he said' is the last person who spoke or was a
sentence's main subject, 'it said' the organisation before it; a title without a name
('the minister') is the last person holding that title, 'the ministry' the last ministry
that spoke, 'His office' that person's office; an unnamed speaker ('A Russian expert',
"Assad's office") is kept as written. A subject that names nobody is no speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventwire.entities import entity_at
from eventwire.knowledge.labels import ACTIVE_NOUN_SUBJECT_DEPS
from eventwire.quotes.article import GROUP, PERSON, UNNAMED, ArticleState, Attribution, Speaker, depth
from eventwire.records import Entity

# How many paragraphs back 'he said' and an unattributed quote look for the last speaker.
SPEAKER_REACH_PARAGRAPHS = 2
# 'who' / 'which' heading a relative clause: the speaker is the noun the clause hangs on.
RELATIVE_TAGS = frozenset({"WP", "WDT"})
# Parts of a subject phrase that are not the speaker's name as written.
NOT_IN_NAME_DEPS = frozenset({"relcl", "appos", "acl", "punct", "advcl", "parataxis", "case"})


class SpeakerResolver:
    """Resolves subject words of one article to speakers, looking back on the speakers
    its `ArticleState` has heard."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state
        self.doc = state.doc
        self.lexicon = state.lexicon

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker a subject word stands for; None when it names no one ('the move
        signals ...')."""
        lexicon = self.lexicon
        if head.lower_ in lexicon.pronouns:
            return self.pronoun(head)
        if head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            # '..., according to the Association, a rights group, which said ...'
            return self.resolve(antecedent.head if antecedent.dep_ == "appos" else antecedent)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and lexicon.is_source_noun(head):
            return self.resolve(owner)
        if owner is not None and owner.lower_ in lexicon.possessives and lexicon.speaker_noun(head):
            return self._owned(head, owner)
        found = self.titled_person(head) or self.definite_group(head) or self.named(head)
        if found is not None:
            return found
        apposition = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if apposition is not None:
            return Speaker(self.written(apposition), None, GROUP, apposition.idx)
        unnamed = lexicon.speaker_noun(head) or lexicon.is_source_noun(head)
        if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and unnamed):
            return Speaker(self.written(head), None, UNNAMED, head.idx)
        return None

    def _owned(self, head: Token, owner: Token) -> Speaker | None:
        """'His office' -> "Lee Jae-myung's office", speaking for him."""
        kind = self.lexicon.possessives[owner.lower_]
        speaker = self._person_pronoun(owner) if kind == PERSON else self._group_pronoun(owner)
        if speaker is None or speaker.name is None:
            return Speaker(self.written(head), None, UNNAMED, head.idx)
        rest = self.written(head)[len(owner.text) :].strip()
        return Speaker(f"{speaker.name}'s {rest}", speaker.entity_id, GROUP, head.idx)

    def written(self, head: Token) -> str:
        """The subject phrase as the text writes it, clauses and appositions left out."""
        kept = {head.i}
        for child in head.children:
            if child.dep_ not in NOT_IN_NAME_DEPS:
                kept.update(t.i for t in child.subtree)
        tokens = self.state.trimmed([self.doc[i] for i in sorted(kept)])
        if not tokens:
            return head.text
        return self.doc[tokens[0].i : tokens[-1].i + 1].text

    # -- names

    def named(self, head: Token) -> Speaker | None:
        """The entity a subject names: a person in apposition first ('the governor of
        Bryansk region, Alexander Bogomaz'), then the head, then any apposition."""
        appositions = [c for c in head.children if c.dep_ == "appos"]
        appositions += [c for a in appositions for c in a.children if c.dep_ == "appos"]
        found = [self._entity_speaker(token, head) for token in appositions]
        person = next((s for s in found if s is not None and s.kind == PERSON), None)
        return person or self._entity_speaker(head, head) or next((s for s in found if s), None)

    def _entity_speaker(self, token: Token, head: Token) -> Speaker | None:
        entity = entity_at(self.doc, token)
        if token.pos_ == "PROPN" and (entity is None or len(entity.name.split()) == 1):
            person = self._person_named(token)
            if person is not None:
                return person
        if entity is not None and entity.type == "PERSON":
            return Speaker(entity.name, entity.id, PERSON, token.idx)
        if entity is None:
            return None
        return Speaker(self._group_name(entity.name, head), entity.id, GROUP, token.idx)

    def _group_name(self, name: str, head: Token) -> str:
        """An organisation's entity name, unless the words give more ("Pakistan's foreign
        ministry", 'informed Syrian sources') or the name shares no word with them (a
        knowledge-base link to something else)."""
        written = self.written(head)
        if head.pos_ == "NOUN":
            bare = all(c.dep_ == "det" for c in head.children if c.i < head.i)
            return name if bare and name.lower() != head.lower_ else written
        shared = set(name.lower().split()) & set(written.lower().split())
        owned = any(c.dep_ == "poss" for c in head.children)
        return name if shared and not owned else written

    def _person_named(self, token: Token) -> Speaker | None:
        """A person whose name holds this word ('Abiy' of 'Abiy Ahmed'), the one
        mentioned last before it."""
        best: tuple[int, Entity] | None = None
        for entity in self.doc._.ew_entities:
            words = entity.name.lower().split()
            if entity.type != "PERSON" or len(words) < 2 or token.lower_ not in words:
                continue
            for mention in entity.mentions:
                if best is None or best[0] < mention.start < token.idx or best[0] > token.idx > mention.start:
                    best = (mention.start, entity)
        return Speaker(best[1].name, best[1].id, PERSON, token.idx) if best else None

    # -- titles without a name

    def titled_person(self, head: Token) -> Speaker | None:
        """'the minister' / 'the foreign minister': the last person before it whose role
        ends with those words."""
        definite = self.lexicon.definite_articles
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in definite for c in head.children):
            return None
        modifiers = [c.lower_ for c in head.lefts if c.dep_ in ("compound", "amod")]
        title = " ".join([*modifiers, head.lower_])
        best: Speaker | None = None
        for at, name, entity_id, role in self._people_with_roles():
            if at < head.idx and role.endswith(title) and (best is None or at > best.at):
                best = Speaker(name, entity_id, PERSON, at)
        return best

    def definite_group(self, head: Token) -> Speaker | None:
        """'the ministry' alone: the last organisation that spoke whose name ends with
        that word ("Taiwan's defence ministry")."""
        if head.pos_ != "NOUN":
            return None
        children = [c.lower_ for c in head.children]
        if len(children) != 1 or children[0] not in self.lexicon.definite_articles:
            return None
        for attribution in reversed(self.state.history):
            speaker = attribution.speaker
            if speaker is None or speaker.kind == PERSON or not speaker.name or attribution.cue.i >= head.i:
                continue
            if speaker.name.lower().split()[-1] == head.lower_:
                return Speaker(speaker.name, speaker.entity_id, speaker.kind, head.idx)
        return None

    def _people_with_roles(self) -> Iterator[tuple[int, str, str | None, str]]:
        for entity in self.doc._.ew_entities:
            if entity.type == "PERSON" and entity.role:
                for mention in entity.mentions:
                    yield mention.start, entity.name, entity.id, entity.role.lower()

    # -- pronouns

    def pronoun(self, token: Token) -> Speaker | None:
        if self.lexicon.pronouns[token.lower_] == PERSON:
            return self._person_pronoun(token)
        return self._group_pronoun(token)

    def _person_pronoun(self, token: Token) -> Speaker | None:
        """'he said': of the last person who spoke (the main clause's speaker when several
        spoke in that sentence), the last person who was a sentence's main subject and
        the person the entities stage linked the pronoun to, the one in the latest
        sentence, in that order when they share one."""
        state = self.state
        said = self._last_speaker(token, {PERSON})
        linked = self._linked(token)
        candidates = [
            (state.sentence_of(said.cue), 2, said.speaker) if said else None,
            self._main_subject(token),
            (state.sentence_at(linked.at), 0, linked) if linked and linked.kind == PERSON else None,
        ]
        found = [c for c in candidates if c is not None]
        if found:
            return max(found, key=lambda c: (c[0], c[1]))[2]
        last = self._last_person(token.idx)
        if (
            last is not None
            and state.paragraph_of(last.at) >= state.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        ):
            return last
        return None

    def _main_subject(self, token: Token) -> tuple[int, int, Speaker] | None:
        """The person who is the main subject of the latest sentence within reach that
        has one ('Former president Salome Zourabichvili, whose term ended when X was
        sworn in, addressed the crowd. She called ...' -> Zourabichvili)."""
        state = self.state
        reach = state.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        for sentence in reversed(state.sentences[: state.sentence_number[token.i] + 1]):
            if state.paragraph_of(sentence.start_char) < reach:
                break
            for subject in (
                c for c in sentence.root.children if c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS and c.i < token.i
            ):
                found = self.named(subject) if subject.lower_ not in self.lexicon.pronouns else None
                if found is not None and found.kind == PERSON:
                    return sentence.start, 1, found
        return None

    def _group_pronoun(self, token: Token) -> Speaker | None:
        """'it said': the organisation the entities stage linked, else the subject earlier
        in the sentence ('the ministry ... what it called'), else the last organisation
        that spoke."""
        linked = self._linked(token)
        if linked is not None and linked.kind != PERSON:
            return linked
        for subject in reversed(self.doc[self.state.sentence_of(token) : token.i]):
            if subject.dep_ in ACTIVE_NOUN_SUBJECT_DEPS and subject.lower_ not in self.lexicon.pronouns:
                found = self.resolve(subject)
                if found is not None and found.kind != PERSON:
                    return found
        said = self._last_speaker(token, {GROUP, UNNAMED})
        return said.speaker if said else None

    def _linked(self, token: Token) -> Speaker | None:
        """The entity the entities stage linked a pronoun to, dated by its last mention."""
        entity = entity_at(self.doc, token)
        if entity is None:
            return None
        earlier = [m.start for m in entity.mentions if m.start < token.idx]
        kind = PERSON if entity.type == "PERSON" else GROUP
        return Speaker(entity.name, entity.id, kind, max(earlier, default=token.idx))

    def _last_speaker(self, token: Token, kinds: set[str]) -> Attribution | None:
        """The speaker of those kinds in the latest sentence within reach that has one;
        of several there, the one highest in the parse, then the last."""
        state = self.state
        reach = state.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        found = [
            a
            for a in state.history
            if a.cue.i < token.i
            and a.speaker is not None
            and a.speaker.kind in kinds
            and state.paragraph_of(a.cue.idx) >= reach
        ]
        if not found:
            return None
        latest = max(state.sentence_of(a.cue) for a in found)
        in_latest = (a for a in found if state.sentence_of(a.cue) == latest)
        return min(in_latest, key=lambda a: (depth(a.cue), -a.cue.i))

    def _last_person(self, before: int) -> Speaker | None:
        mentions = [
            (m.start, e)
            for e in self.doc._.ew_entities
            if e.type == "PERSON"
            for m in e.mentions
            if m.start < before
        ]
        if not mentions:
            return None
        at, entity = max(mentions, key=lambda found: found[0])
        return Speaker(entity.name, entity.id, PERSON, at)
