"""A learned second opinion on a sentence's event type: a linear model over the words of
the sentence (lemmas, with named entities as their label) and of its main clause.

The dictionary proposes; the model adds a type the lexicon missed in the lede of an
article (see `coding.model_candidates`). The weights are
`data/events/type_model.npz`, built by `tools/train_event_model.py` from the tuning part
of the NGEC synthetic stories and the tuned half of the gold set; at run time only numpy
is needed. `NONE` is the class of a sentence that codes no event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from eventwire.knowledge.files import data_file

MODEL_FILE = ("events", "type_model.npz")
NO_EVENT = "NONE"
# Entities stand for their label, so that 'Namibia' and 'Chile' are one feature.
ENTITY_FEATURES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def token_words(tokens: Iterable[Token]) -> list[str]:
    """The sentence as feature words: lower-case lemmas, an entity as its label once,
    numbers as `#`, punctuation left out."""
    words = []
    for token in tokens:
        if token.is_punct or token.is_space:
            continue
        if token.ent_type_ in ENTITY_FEATURES:
            if token.ent_iob_ == "B":
                words.append(f"<{token.ent_type_}>")
            continue
        words.append("#" if token.like_num else token.lemma_.lower())
    return words


def clause_features(tokens: Sequence[Token]) -> list[str]:
    """The main verb and its object's head ('impose~sanction')."""
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    found = []
    for root in roots[:1]:
        lemma = root.lemma_.lower()
        found.append(f"root:{lemma}")
        for child in root.children:
            if child.dep_ in ("dobj", "xcomp", "prt", "attr"):
                found.append(f"root:{lemma}~{child.lemma_.lower()}")
    return found


def with_bigrams(words: list[str]) -> list[str]:
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def sentence_features(tokens: Sequence[Token] | Span) -> list[str]:
    """Unigrams and bigrams of `token_words`, and `clause_features`."""
    tokens = list(tokens)
    return with_bigrams(token_words(tokens)) + clause_features(tokens)


def title_features(title: Iterable[Token]) -> list[str]:
    """The headline's lower-case words and bigrams, marked `t:`. The headline is only
    tokenised, not parsed: it costs next to nothing and headlines parse badly anyway."""
    words = [t.lower_ for t in title if not (t.is_punct or t.is_space)]
    return [f"t:{w}" for w in with_bigrams(words)]


def lede_features(sentence: Span, title: Iterable[Token] | None) -> list[str]:
    """What the model reads for an article's lede: the sentence and the headline."""
    return sentence_features(sentence) + (title_features(title) if title is not None else [])


@dataclass(frozen=True)
class TypeModel:
    """Multinomial logistic regression over tf-idf features (sublinear tf, l2-normed)."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # classes x features
    bias: np.ndarray

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        counts: dict[int, int] = {}
        for feature in features:
            index = self.vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        scores = self.bias.astype(np.float64)
        if counts:
            indexes = np.fromiter(counts, dtype=np.int64)
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[indexes]
            values /= np.linalg.norm(values)
            scores = scores + self.weights[:, indexes].astype(np.float64) @ values
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        probabilities = self.probabilities(features)
        kind = max(probabilities, key=probabilities.__getitem__)
        return kind, probabilities[kind]


def save_type_model(model: TypeModel, path: str) -> None:
    words = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    np.savez_compressed(
        path,
        classes=np.array(model.classes),
        vocabulary=np.array(words),
        idf=model.idf.astype(np.float32),
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
    )


@lru_cache(maxsize=2)
def load_type_model(path: str | None = None) -> TypeModel | None:
    """The bundled model (or the one at `path`); None when there is none."""
    file = data_file(*MODEL_FILE) if path is None else Path(path)
    if not file.is_file():
        return None
    with file.open("rb") as handle, np.load(handle, allow_pickle=False) as stored:
        words = stored["vocabulary"].tolist()
        return TypeModel(
            classes=tuple(stored["classes"].tolist()),
            vocabulary={word: index for index, word in enumerate(words)},
            idf=stored["idf"],
            weights=stored["weights"].astype(np.float32),
            bias=stored["bias"],
        )
