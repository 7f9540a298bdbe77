"""Clean stage: one raw Document in, the articles it contains out."""

from __future__ import annotations

from eventwire.clean.text import clean_text
from eventwire.records import Article, Document


def clean_document(doc: Document, published: str | None = None) -> list[Article]:
    """Split a document into clean articles.

    HTML pages first go through trafilatura for their main text and metadata; the
    text cleaner then drops furniture, captions and repeated headlines either way.
    `published` is the run's reference date and a JSON Lines record's `published` is
    the run's too (`date_source` `run`); a page's own date is `page` (see `clean_text`).
    """
    if doc.kind == "html":
        from eventwire.clean.html import page_text

        page = page_text(doc.text, url=doc.url)
        return clean_text(
            page.text,
            source=doc.source,
            title=doc.title or page.title,
            published=published,
            metadata_published=doc.published or page.published,
            metadata_source="run" if doc.published else "page",
            byline=doc.byline or page.byline,
            captions=page.captions,
            url=doc.url or page.url,
            single_article=True,
        )
    return clean_text(
        doc.text,
        source=doc.source,
        title=doc.title,
        published=published,
        metadata_published=doc.published,
        metadata_source="run",
        byline=doc.byline,
        url=doc.url,
        single_article=doc.title is not None,
    )
