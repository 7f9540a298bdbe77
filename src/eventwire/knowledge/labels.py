"""The parser's labels as eventwire groups them: parts of speech, dependency relations,
entity labels and the little words around names, each group named and defined once."""

from __future__ import annotations

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
