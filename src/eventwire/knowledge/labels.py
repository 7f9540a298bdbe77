"""The parser's labels as eventwire groups them: parts of speech, dependency relations,
entity labels and the little words around names, each group named and defined once; and
the runs of capitalised proper nouns spaCy left without an entity label."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Parts of speech.
VERBAL_POS = frozenset({"VERB", "AUX"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
MODIFIER_POS = frozenset({"NOUN", "ADJ", "PROPN"})

# Dependency relations of a clause's subject.
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
NOUN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ACTIVE_NOUN_SUBJECT_DEPS = frozenset({"nsubj"})

# Entity labels.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# The names that can speak: people, organisations, countries and their peoples.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
TIME_LABELS = frozenset({"TIME", "DATE"})

# Words around names.
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
ARTICLES = frozenset({"the", "a", "an"})
# Words that may open a phrase naming a kind of actor without changing its kind ('the',
# 'some', 'their').
DETERMINERS = ARTICLES | frozenset("some several many other these those its their his her".split())


def untagged_proper_noun_runs(
    doc: Doc, longest: int, keep: Callable[[Token], bool] = lambda token: True
) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive capitalised proper nouns with no entity
    label (and that `keep` keeps), at most `longest` tokens: a run beyond that is cut.
    Read from spaCy's arrays: a Python loop over every token costs more."""
    # Imported here: the label groups above are read by the store and the CLI, which
    # must start without loading spaCy.
    import numpy
    from spacy.attrs import ENT_IOB, IS_TITLE, POS
    from spacy.parts_of_speech import PROPN

    if not len(doc):
        return []
    columns = doc.to_array([POS, IS_TITLE, ENT_IOB])
    untagged = (columns[:, 2] == 0) | (columns[:, 2] == 2)  # no entity, or outside one
    runs: list[tuple[int, int]] = []
    for i in numpy.flatnonzero((columns[:, 0] == PROPN) & (columns[:, 1] != 0) & untagged).tolist():
        if not keep(doc[i]):
            continue
        if runs and runs[-1][1] == i and i - runs[-1][0] < longest:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs
