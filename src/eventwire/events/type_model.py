"""A learned second opinion on a sentence's event type, in two parts whose probabilities
are averaged:

- a linear model over tf-idf features of the sentence (lemmas, with named entities as
  their label, and its main clause) and of the headline's words;
- a linear model over the meaning of the words: the headline and the lede each as the
  idf-weighted mean of their words' static embeddings (every word of a wide vocabulary
  embedded alone with all-MiniLM-L6-v2 when the model is built). Being linear in that
  mean, it is stored collapsed into a table of class scores per word (one for the
  headline, one for the lede), so that a word never seen in training still reads like
  the words it means the same as ('envoys' like 'diplomats').

The dictionary proposes; the model adds a type the lexicon missed in the lede of an
article (see `coding.with_second_opinion`). The weights are `data/events/type_model.npz`,
built by `tools/train_event_model.py` from the tuning part of the NGEC synthetic stories
and the tuned half of the gold set; at run time only numpy is needed. `NONE` is the class
of a sentence that codes no event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from eventwire.knowledge.files import data_file

MODEL_FILE = ("events", "type_model.npz")
NO_EVENT = "NONE"
# Entities stand for their label, so that 'Namibia' and 'Chile' are one feature.
ENTITY_FEATURES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
WORD_TABLE_KEYS = ("words_vocabulary", "words_idf", "words_title", "words_lede", "words_bias")


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


def plain_words(tokens: Iterable[Token]) -> list[str]:
    """The tokens as they are written, lower-cased, punctuation left out: what the word
    table reads (the same at training and at run time)."""
    return [t.lower_ for t in tokens if not (t.is_punct or t.is_space)]


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
    return [f"t:{w}" for w in with_bigrams(plain_words(title))]


@dataclass(frozen=True)
class LedeInput:
    """What the model reads for a sentence: the tf-idf features, and the plain words of
    the sentence and of the headline (none when it is read without one)."""

    features: list[str]
    lede_words: list[str] = field(default_factory=list)
    title_words: list[str] = field(default_factory=list)


def lede_features(sentence: Span, title: Iterable[Token] | None) -> LedeInput:
    """What the model reads for an article's lede: the sentence and the headline."""
    title = list(title) if title is not None else []
    features = sentence_features(sentence) + (title_features(title) if title else [])
    return LedeInput(features, plain_words(sentence), plain_words(title))


def softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


@dataclass(frozen=True)
class WordTable:
    """The embedding part, collapsed: a logistic regression over [idf-weighted mean of the
    headline's word vectors, the same of the lede's] is, per class, the idf-weighted mean
    of the words' own scores, one table for the headline and one for the lede."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    title_scores: np.ndarray  # words x classes
    lede_scores: np.ndarray  # words x classes
    bias: np.ndarray

    def mean_score(self, words: Iterable[str], table: np.ndarray) -> np.ndarray | float:
        indexes = [i for i in (self.vocabulary.get(w) for w in words) if i is not None]
        if not indexes:
            return 0.0  # an empty text is a zero vector: its share is in the bias
        weights = self.idf[indexes].astype(np.float64)
        return weights @ table[indexes].astype(np.float64) / weights.sum()

    def probabilities(self, lede: LedeInput) -> np.ndarray:
        scores = (
            self.bias.astype(np.float64)
            + self.mean_score(lede.title_words, self.title_scores)
            + self.mean_score(lede.lede_words, self.lede_scores)
        )
        return softmax(scores)


@dataclass(frozen=True)
class TypeModel:
    """Multinomial logistic regression over tf-idf features (sublinear tf, l2-normed),
    averaged with the word table's probabilities: `tfidf_share` of the first, the rest
    of the second (a model without a word table, as built before it, is the tf-idf part
    alone)."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # classes x features
    bias: np.ndarray
    words: WordTable | None = None
    tfidf_share: float = 1.0

    def tfidf_probabilities(self, features: Iterable[str]) -> np.ndarray:
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
        return softmax(scores)

    def probabilities(self, lede: LedeInput) -> dict[str, float]:
        """The two parts' probabilities averaged. The word part reads a lede with its
        headline: read alone, a lede is typed by the tf-idf part (on the validate
        stories the word part is right on 0.2 of the ledes without their headline, the
        tf-idf part on 0.4)."""
        share = 1.0 if self.words is None or not lede.title_words else self.tfidf_share
        mixed = np.zeros(len(self.classes))
        if share > 0:
            mixed += share * self.tfidf_probabilities(lede.features)
        if share < 1:
            mixed += (1 - share) * self.words.probabilities(lede)
        return dict(zip(self.classes, mixed.tolist(), strict=True))

    def best(self, lede: LedeInput) -> tuple[str, float]:
        probabilities = self.probabilities(lede)
        kind = max(probabilities, key=probabilities.__getitem__)
        return kind, probabilities[kind]


def ordered_words(vocabulary: dict[str, int]) -> np.ndarray:
    return np.array(sorted(vocabulary, key=vocabulary.__getitem__))


def save_type_model(model: TypeModel, path: str) -> None:
    """Both parts in one file; the word table's arrays are `words_*`."""
    parts = {
        "classes": np.array(model.classes),
        "vocabulary": ordered_words(model.vocabulary),
        "idf": model.idf.astype(np.float32),
        "weights": model.weights.astype(np.float16),
        "bias": model.bias.astype(np.float32),
    }
    if model.words is not None:
        table = model.words
        parts |= {
            "tfidf_share": np.float32(model.tfidf_share),
            "words_vocabulary": ordered_words(table.vocabulary),
            "words_idf": table.idf.astype(np.float16),
            "words_title": table.title_scores.astype(np.float16),
            "words_lede": table.lede_scores.astype(np.float16),
            "words_bias": table.bias.astype(np.float32),
        }
    np.savez_compressed(path, **parts)


def stored_word_table(stored: np.lib.npyio.NpzFile) -> WordTable | None:
    if not all(key in stored for key in WORD_TABLE_KEYS):
        return None  # a file built before the word table: the tf-idf part alone
    words = stored["words_vocabulary"].tolist()
    return WordTable(
        vocabulary={word: index for index, word in enumerate(words)},
        idf=stored["words_idf"].astype(np.float32),
        title_scores=stored["words_title"],
        lede_scores=stored["words_lede"],
        bias=stored["words_bias"],
    )


@lru_cache(maxsize=2)
def load_type_model(path: str | None = None) -> TypeModel | None:
    """The bundled model (or the one at `path`); None when there is none."""
    file = data_file(*MODEL_FILE) if path is None else Path(path)
    if not file.is_file():
        return None
    with file.open("rb") as handle, np.load(handle, allow_pickle=False) as stored:
        words = stored["vocabulary"].tolist()
        table = stored_word_table(stored)
        return TypeModel(
            classes=tuple(stored["classes"].tolist()),
            vocabulary={word: index for index, word in enumerate(words)},
            idf=stored["idf"],
            weights=stored["weights"].astype(np.float32),
            bias=stored["bias"],
            words=table,
            tfidf_share=float(stored["tfidf_share"]) if table is not None else 1.0,
        )
