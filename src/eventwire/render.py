"""Readable renderings of what eventwire read, for people at a terminal."""

from __future__ import annotations

from eventwire.errors import printable
from eventwire.records import ActorRef, Article, Event, Findings

PERSON_TYPES = {"PERSON"}


def actors_label(actors: tuple[ActorRef, ...]) -> str:
    if not actors:
        return "—"
    return " + ".join(actor.label for actor in actors)


def event_line(event: Event) -> str:
    kind = event.type + (f"/{event.mode}" if event.mode else "")
    where = f" in {event.where.name}" if event.where else ""
    when = f" on {event.when.value}" if event.when and event.when.value else ""
    flags = "".join(
        f" [{flag}]" for flag, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on
    )
    return (
        f"  {kind}: {actors_label(event.source)} → {actors_label(event.target)}{where}{when}{flags} "
        f"({event.confidence:.2f})\n      “{event.evidence}”"
    )


def reading_lines(findings: Findings) -> list[str]:
    lines: list[str] = []
    people = [e for e in findings.entities if e.type in PERSON_TYPES]
    if people:
        lines.append("people:")
        lines += [
            f"  {p.name}"
            + "".join(f", {x}" for x in (p.country, p.role) if x)
            + f" ({len(p.mentions)} mentions)"
            for p in people
        ]
    if findings.quotes:
        lines.append("quotes:")
        lines += [f"  {q.speaker or '?'} ({q.kind}, {q.verb}): “{q.text}”" for q in findings.quotes]
    if findings.events:
        lines.append("events:")
        lines += [event_line(event) for event in findings.events]
    return lines


def render_text(article: Article, findings: Findings | None = None) -> str:
    """The article's headline, facts, what the NLP stages found, then its body."""
    lines = [f"# {article.title or '(no headline)'}"]
    facts = [
        ("source", article.source),
        ("published", article.published),
        ("dateline", article.dateline),
        ("byline", article.byline),
        ("publisher", article.publisher),
        ("duplicate of", article.duplicate_of),
    ]
    lines += [f"{name}: {value}" for name, value in facts if value]
    for caption in article.captions:
        lines.append(f"caption: {caption.text}" + (f" [{caption.credit}]" if caption.credit else ""))
    lines += reading_lines(findings or Findings())
    lines.append(f"{len(article.paragraphs)} paragraphs")
    lines.append("")
    lines += [paragraph.text + "\n" for paragraph in article.paragraphs]
    # Scraped text drives no terminal: its control and bidi characters are shown escaped.
    return "\n".join(printable(line) for line in "\n".join(lines).split("\n"))
