"""Clean stage: one raw Document in, the articles it contains out."""

from __future__ import annotations

from eventwire.clean.article_dates import file_name_date
from eventwire.clean.text import clean_text
from eventwire.records import Article, Document


def clean_document(
    doc: Document, published: str | None = None, *, published_from_name: bool = False
) -> list[Article]:
    """Split a document into clean articles.

    HTML pages first go through trafilatura for their main text and metadata; the
    text cleaner then drops furniture, captions and repeated headlines either way.
    `published` is the run's reference date. The document's own date (a JSON Lines
    record's `published`, a sidecar's, else an HTML page's) comes first; with
    `published_from_name` a date in the file's name ('2024-12-03-lebanon.txt') comes
    last (see `choose_published` for the whole order).
    """
    own_source = doc.date_source or "page"
    # A JSON Lines record's source is its id, not a file's name.
    from_name = published_from_name and doc.line is None
    file_published = file_name_date(doc.source) if from_name else None
    if doc.kind == "html":
        from eventwire.clean.html import page_text

        page = page_text(doc.text, url=doc.url)
        return clean_text(
            page.text,
            source=doc.source,
            title=doc.title or page.title,
            published=published,
            metadata_published=doc.published or page.published,
            metadata_source=own_source if doc.published else "page",
            file_published=file_published,
            byline=doc.byline or page.byline,
            captions=page.captions,
            url=doc.url or page.url,
            publisher=page.publisher,
            single_article=True,
        )
    return clean_text(
        doc.text,
        source=doc.source,
        title=doc.title,
        published=published,
        metadata_published=doc.published,
        metadata_source=own_source,
        file_published=file_published,
        byline=doc.byline,
        url=doc.url,
        single_article=doc.title is not None,
    )
