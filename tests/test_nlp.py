"""nlp.py and the layout stage on inputs of unbounded size: a sentence with no full stop is
cut for the parser, a long body is parsed in parts whose findings read as of one Doc."""

from __future__ import annotations

import eventwire
import eventwire.nlp as nlp_module
from eventwire.nlp import body_parts, load_pipeline

BORDER = (
    "Kenyan police arrested {n} protesters in Nairobi on Monday, officials said.",
    "Foreign Minister Musalia Mudavadi condemned the attack on the embassy in Kampala on day {n}.",
    "Uganda's army said it had deployed {n} hundred troops to the border with South Sudan.",
)


def _long_body(paragraphs: int) -> str:
    lines = [BORDER[n % 3].format(n=n + 2) for n in range(paragraphs)]
    return "NAIROBI (Wire) — Talks opened in the capital.\n\n" + "\n\n".join(lines)


def test_a_sentence_with_no_full_stop_is_cut_every_200_tokens_for_the_parser():
    nlp = load_pipeline()
    text = "NAIROBI - " + " ".join(["ministers met and talked"] * 300)
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name in ("eventwire_paragraph_breaks", "tok2vec", "parser"):
            doc = component(doc)
    assert [len(sentence) for sentence in doc.sents] == [200] * 6 + [2]


def test_sentences_that_end_with_a_full_stop_are_never_cut():
    nlp = load_pipeline()
    sentence = " ".join(["the ministers met"] * 30) + "."  # 91 tokens
    doc = nlp(" ".join([sentence] * 5))
    assert [len(s) for s in doc.sents] == [91] * 5


def test_a_long_body_is_parsed_in_parts_that_end_at_paragraphs():
    body = _long_body(60)
    parts = body_parts(body, limit=1000)
    assert parts[0][0] == 0 and parts[-1][1] == len(body)
    assert all(end == next_start for (_, end), (next_start, _) in zip(parts, parts[1:], strict=False))
    assert all(end - start <= 1000 for start, end in parts)
    assert all(body[end - 2 : end] == "\n\n" for _, end in parts[:-1])
    assert body_parts("Short.", limit=1000) == [(0, 6)]


def test_findings_of_a_body_parsed_in_parts_point_into_the_whole_body(monkeypatch):
    monkeypatch.setattr(nlp_module, "PART_CHARS", 1000)
    (record,) = eventwire.extract(_long_body(30))
    body = record["body"]
    assert len(body) > 2000
    ids = [event["id"] for event in record["events"]]
    assert len(ids) == len(set(ids)) and any(event_id.startswith("p3.") for event_id in ids)
    entity_ids = {entity["id"] for entity in record["entities"]}
    for event in record["events"]:
        assert body[event["start"] : event["end"]] == event["evidence"]
        actors = event["source"] + event["target"]
        assert {actor["entity_id"] for actor in actors if actor["entity_id"]} <= entity_ids
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert body[mention["start"] : mention["end"]] == mention["text"]
    for place in record["places"]:
        for mention in place["mentions"]:
            assert body[mention["start"] : mention["end"]] == mention["text"]
    for date in record["dates"]:
        assert body[date["start"] : date["end"]] == date["text"]


def test_a_body_the_parser_cannot_take_is_one_line():
    text = "The council met in Nairobi on Monday and agreed to extend the mandate. " * 15_000
    (error,) = list(eventwire.extract_iter(text))
    assert str(error) == (
        "<text>: stage nlp failed: the body has 1,064,999 characters, more than the parser takes (1,000,000)"
    )


def test_no_batch_of_the_stream_holds_more_text_than_the_budget():
    budget = nlp_module.BatchBudget(size=4, chars=1000)
    lengths = [300, 300, 300, 600, 100, 1000, 50, 50, 50, 50, 50, 900, 200]
    stream: list[int] = []  # the docs' lengths in stream order, 0 for a filler
    for length in lengths:
        stream += [0] * budget.fillers_before(length) + [length]
    batches = [stream[n : n + 4] for n in range(0, len(stream), 4)]
    assert all(sum(batch) <= 1000 for batch in batches)
    assert [n for n in stream if n] == lengths
    assert stream.count(0) == 8  # only where the next doc would overrun its batch


def test_filler_docs_that_close_a_batch_early_change_no_record(tmp_path, monkeypatch):
    for n, paragraphs in enumerate((3, 12, 1, 7)):
        (tmp_path / f"{n}.txt").write_text(_long_body(paragraphs), encoding="utf-8")
    expected = eventwire.extract(paths=tmp_path)
    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 900)
    assert eventwire.extract(paths=tmp_path) == expected
