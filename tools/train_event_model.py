"""Build the event-type model `src/eventwire/data/events/type_model.npz`, reproducibly.

    .venv/bin/pip install -e '.[model]'      # scikit-learn, for training only
    .venv/bin/python tools/train_event_model.py [--out PATH] [--c 4.0]

Training sentences, each labelled with a PLOVER type or NONE (no event):
- the tuning part of the NGEC synthetic stories (tools/ngec_parts.py): the first
  sentence of each story's body read with its headline, and alone, labelled with the
  story's type;
- the tuned half of the gold set (tests/gold/tuned) and the seed: every sentence of the
  cleaned bodies, labelled with the type of the required gold events whose evidence it
  holds, NONE when it holds no gold event at all (sentences with only optional or
  forbidden events are left out, their reading being open); the first sentence of each
  article is read with its headline.
Nothing from tests/gold/heldout, tests/gold/blind or the held-back NGEC part is read
for training; they are scored at the end, as a first look (the figures that count are
those of `eventwire eval` and tools/ngec_parts.py with the model in the pipeline).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ngec_parts  # noqa: E402

from eventwire.clean import clean_document  # noqa: E402
from eventwire.errors import ReadError  # noqa: E402
from eventwire.evaluate import find_output_article, load_gold, normalise, primary_type  # noqa: E402
from eventwire.events.type_model import NO_EVENT, TypeModel, lede_features, save_type_model  # noqa: E402
from eventwire.nlp import load_spacy  # noqa: E402
from eventwire.read import read_inputs  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "eventwire" / "data" / "events" / "type_model.npz"
SEED = REPO.parent / "shared" / "seed" / "000_e0df5a808a47a71b.expected.json"
EVIDENCE_CHARS = 40
GOLD_WEIGHT = 3.0  # real news style, full labels: worth more than a synthetic lede


def ngec_examples(part: str) -> tuple[list[list[str]], list[str], list[float]]:
    """For each story: its first body sentence read with its headline, and read alone
    (at half weight, for articles without one), labelled with the story's type."""
    nlp = load_spacy()
    rows = [row for _, row in ngec_parts.stories(part)]
    bodies = nlp.pipe((row["text"].strip() for row in rows), batch_size=64)
    features, labels, weights = [], [], []
    for row, body in zip(rows, bodies, strict=True):
        first = next(iter(body.sents), None)
        if first is None:
            continue
        title = nlp.tokenizer(ngec_parts.headline(row))
        features += [lede_features(first, title), lede_features(first, None)]
        labels += [row["label"]] * 2
        weights += [1.0, 0.5]
    return features, labels, weights


def sentence_label(text: str, gold_article: dict) -> str | None:
    """The primary type of the first required gold event the sentence holds; NONE when
    it holds no gold event; None (left out) when it holds only optional or forbidden ones."""
    sentence = normalise(text)
    held = []
    for event in [*(gold_article.get("events") or []), *(gold_article.get("not_events") or [])]:
        evidence = normalise(event.get("evidence") or event.get("why") or "")[:EVIDENCE_CHARS]
        if evidence and (evidence in sentence or sentence in evidence):
            held.append(event)
    required = [e for e in held if e.get("required") and "why" not in e]
    if required:
        return primary_type(required[0])
    return None if held else NO_EVENT


def gold_examples(gold_paths: list[Path]) -> tuple[list[list[str]], list[str]]:
    """Every sentence of the gold articles with its label (`sentence_label`); the first
    read with the headline."""
    nlp = load_spacy()
    features, labels = [], []
    for gold_path in gold_paths:
        gold = load_gold(gold_path)
        published = next((a["published"] for a in gold["articles"] if a.get("published")), None)
        articles = []
        for item in read_inputs([str(gold_path.parent / gold["input"])]):
            if not isinstance(item, ReadError):
                articles.extend(clean_document(item, published=published))
        records = [{"title": a.title} for a in articles]
        for gold_article in gold["articles"]:
            found = find_output_article(
                gold_article, records, len(gold["articles"]) == 1 and len(records) == 1
            )
            if found is None:
                continue
            article = articles[records.index(found)]
            title = nlp.tokenizer(article.title) if article.title else None
            for number, sentence in enumerate(nlp(article.body).sents):
                label = sentence_label(sentence.text, gold_article)
                if label is not None:
                    features.append(lede_features(sentence, title if number == 0 else None))
                    labels.append(label)
    return features, labels


def train(features: list[list[str]], labels: list[str], weights: list[float], c: float) -> TypeModel:
    vectorizer = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, min_df=2, norm="l2")
    matrix = vectorizer.fit_transform(features)
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=0)
    classifier.fit(matrix, labels, sample_weight=np.array(weights))
    vocabulary = {word: int(index) for word, index in vectorizer.vocabulary_.items()}
    return TypeModel(
        classes=tuple(classifier.classes_.tolist()),
        vocabulary=vocabulary,
        idf=vectorizer.idf_.astype(np.float32),
        weights=classifier.coef_.astype(np.float32),
        bias=classifier.intercept_.astype(np.float32),
    )


def accuracy(model: TypeModel, features: list[list[str]], labels: list[str]) -> float:
    right = sum(model.best(f)[0] == label for f, label in zip(features, labels, strict=True))
    return right / max(1, len(labels))


def report(model: TypeModel, part: str) -> None:
    """Type accuracy on NGEC stories not trained on (with and without their headline),
    and, for the shipped model, on the event sentences of the held-back gold half."""
    features, labels, _ = ngec_examples(part)
    with_title = accuracy(model, features[::2], labels[::2])
    alone = accuracy(model, features[1::2], labels[1::2])
    print(f"  NGEC {part} ledes: type accuracy {with_title:.2f} with the headline, {alone:.2f} alone")
    if part != "heldout":
        return
    heldout = sorted((REPO / "tests" / "gold" / "heldout").glob("*.expected.json"))
    events = [(f, label) for f, label in zip(*gold_examples(heldout), strict=True) if label != NO_EVENT]
    right = accuracy(model, [f for f, _ in events], [label for _, label in events])
    print(f"  held-back gold event sentences: type accuracy {right:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument(
        "--part",
        choices=("tune", "fit"),
        default="tune",
        help="NGEC part to train on: tune (the shipped model), or fit to choose settings by "
        "the validate part (reported at the end instead of the held-back part)",
    )
    args = parser.parse_args()
    ngec_features, ngec_labels, ngec_weights = ngec_examples(args.part)
    tuned = sorted((REPO / "tests" / "gold" / "tuned").glob("*.expected.json"))
    gold_features, gold_labels = gold_examples([*tuned, SEED] if SEED.is_file() else tuned)
    print(f"training on {len(ngec_labels)} NGEC examples and {len(gold_labels)} gold sentences")
    print("  gold labels:", dict(collections.Counter(gold_labels).most_common()))
    weights = ngec_weights + [GOLD_WEIGHT] * len(gold_labels)
    model = train(ngec_features + gold_features, ngec_labels + gold_labels, weights, args.c)
    save_type_model(model, str(args.out))
    size = args.out.stat().st_size / 1024
    print(
        f"wrote {args.out} ({size:.0f} KiB, {len(model.vocabulary)} features, {len(model.classes)} classes)"
    )
    report(model, "heldout" if args.part == "tune" else "validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
