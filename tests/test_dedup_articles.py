"""Near-duplicates: a wire story reprinted by another site with a new headline, a
paragraph dropped and the site's furniture is marked `duplicate_of` the original; a
different story on the same subject is not."""

from pathlib import Path

from eventwire.dedup import NearDuplicateIndex, content_hash
from eventwire.pipeline import clean_documents
from eventwire.records import Document
from helpers import clean_text

DATA = Path(__file__).parent / "data" / "dedup"


def _articles(text: str, source: str = "dump.txt"):
    return list(clean_documents([Document(source=source, text=text)]))


def test_reprint_with_new_headline_and_dropped_paragraph_is_a_near_duplicate():
    original, reprint, other = _articles((DATA / "wire_and_reprints.txt").read_text(encoding="utf-8"))
    assert reprint.title == "Horn of Africa rivals to meet again over Somaliland port, Turkey says"
    assert len(reprint.paragraphs) == len(original.paragraphs) - 1
    assert original.duplicate_of is None
    assert reprint.duplicate_of == original.id


def test_different_story_on_the_same_subject_is_not_a_duplicate():
    _, _, other = _articles((DATA / "wire_and_reprints.txt").read_text(encoding="utf-8"))
    assert other.dateline == "HARGEISA"
    assert other.duplicate_of is None


def test_exact_repeat_in_another_file_is_a_duplicate_of_the_first():
    text = (DATA / "wire_and_reprints.txt").read_text(encoding="utf-8")
    docs = [Document(source="a.txt", text=text), Document(source="b.txt", text=text)]
    articles = list(clean_documents(docs))
    assert [a.source for a in articles] == ["a.txt"] * 3 + ["b.txt"] * 3
    first, second = articles[:3], articles[3:]
    assert [a.duplicate_of for a in second] == [first[0].id, first[0].id, first[2].id]


def test_content_hash_ignores_spacing_case_and_quote_marks():
    assert content_hash("Somalia expelled Ethiopia’s  ambassador.") == content_hash(
        "somalia expelled Ethiopia's ambassador"
    )
    assert content_hash("Somalia expelled the ambassador") != content_hash("Somalia recalled the ambassador")


def test_each_article_carries_its_signature_and_hash():
    (article,) = _articles("KAMPALA (Reuters) - Uganda's parliament passed the budget on Tuesday.")
    assert len(article.minhash) == 128
    assert article.content_hash == content_hash(article.body)


def test_index_threshold_is_respected():
    strict = NearDuplicateIndex(threshold=0.99)
    text = (DATA / "wire_and_reprints.txt").read_text(encoding="utf-8")
    original, reprint, _ = clean_text(text, source="x")
    strict.mark(original)
    assert strict.mark(reprint).duplicate_of is None
