"""Convert PETRARCH2's CAMEO verb dictionary and PLOVER's CAMEO table into eventwire's event lexicon.

    .venv/bin/python tools/convert_cameo.py [--petrarch FILE] [--plover FILE] [--out DIR]

Inputs default to ../shared/data/petrarch2/CAMEO.2.0.txt (MIT) and
../shared/data/plover/CAMEO2PLOVER-2021.txt (CC BY-SA 4.0) next to the repository. The
converter rewrites, under src/eventwire/data/events/:

    verbs.jsonl        verb lemmas with their default CAMEO code, and the verb blocks'
                       patterns reduced to what a dependency parse can check
    cameo_plover.tsv   CAMEO code -> PLOVER type, mode, context

and prints a report: verbs, patterns kept, patterns dropped by reason. Running it twice
gives the same files. additions.yaml (hand-made) is not touched.

Format notes, from the dictionary's header and PETRARCH2's dictionary documentation:
- `&NAME` starts a synonym set whose `+WORD` lines are words or phrases (`_` or a space
  joins words; a final `_` only stops PETRARCH's plural generation, which a lemma match
  does not need).
- `---  NAME   [code]  ---` starts a verb block; `[---]` is the null code: the bare verb
  is no event. Verb lines follow: `VERB {IRREGULAR FORMS} [code] # comment`, where a
  code overrides the block's; `+CALL_OFF` is a verb with a fixed word after it.
- Pattern lines `- ... [code] # comment`: `*` is the verb, words before it the subject
  side, words after it the object side, `{A B}` a noun phrase, `(PREP ...)` a
  prepositional phrase, `&NAME` a synonym set; `$` (source), `+` (target), `^` (skip)
  and `%` (compound) mark roles in the word order, which the parse gives anyway.
  `[a:b]` is the code of the statement and that of its passive reading (`[:b]`: only the
  passive reading is an event).

Reduction: a pattern is kept when it is, after dropping the role markers, at most one
subject phrase before the verb, then at most one particle, one object phrase and one
prepositional phrase (preposition and optional object phrase). A phrase is matched by
its last word (its head) and the words before it (modifiers found in the head's
subtree). Patterns with two prepositional phrases, function words or prepositions
outside parentheses, or an undefined synonym set are dropped and counted.
The TRANSFORMATIONS section (rewrites of reported speech) has no counterpart here: the
events stage reads reported events from the parse.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger("convert_cameo")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEFAULT_PETRARCH = SHARED / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_PLOVER = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = REPO / "src" / "eventwire" / "data" / "events"

# Words that, right after the verb, are its particle ('set off', 'put forward').
PARTICLES = frozenset("off up out down back away over forward aside together along around apart".split())
# Words that make a loose (unparenthesised) phrase unreducible: prepositions and function
# words whose attachment the pattern leaves open ('- * OVER MEETING OF +').
FUNCTION_WORDS = frozenset(
    "of to in on with for against from into at by as about than that this will would not no "
    "is are was were be been has have had do does did should could may might must can "
    "toward towards under before after between among behind beyond within without until "
    "through across upon onto near because if when while".split()
)
NULL_CODE = "---"

# CAMEO 01 (public statements) has no PLOVER type; CAMEO 02 (appeals) is REQUEST with the
# modes of the matching demand code (PLOVER.md): 021x mirrors 101x, 022 mirrors 102, ...
APPEAL_MIRRORS = {"02": "10"}
# Rows of CAMEO2PLOVER-2021 whose mode column holds a context: moved to the context.
MODE_IS_CONTEXT = frozenset({"pro_autocracy"})
# Rows whose type eventwire changes, with the reason: code -> (type, mode).
TYPE_CORRECTIONS = {
    # PLOVER.md (and the PLOVER codebook) file sanctions under SANCTION; the 2021 table
    # still has CAMEO 163 under COERCE with a COERCE mode.
    "163": ("SANCTION", ""),
}


@dataclass
class Pattern:
    code: str | None
    passive: str | None
    line: int
    subject: list[str] = field(default_factory=list)
    particle: str | None = None
    object: list[str] = field(default_factory=list)
    prep: str | None = None
    prep_object: list[str] = field(default_factory=list)

    def as_record(self) -> dict:
        record: dict = {"code": self.code}
        if self.passive:
            record["passive"] = self.passive
        for name in ("subject", "particle", "object", "prep", "prep_object"):
            value = getattr(self, name)
            if value:
                record[name] = value
        record["line"] = self.line
        return record


@dataclass
class Block:
    name: str
    code: str | None
    line: int
    verbs: list[dict] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


class Unreducible(Exception):
    """A pattern that a dependency parse cannot check as written; the message is the reason."""


# --- codes -----------------------------------------------------------------------------


CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_code(text: str) -> tuple[str | None, str | None]:
    """'[042:043]' -> ('042', '043'); '[---]' -> (None, None); '[:173]' -> (None, '173')."""
    active, _, passive = text.strip().partition(":")
    return _code_or_none(active), _code_or_none(passive)


def _code_or_none(code: str) -> str | None:
    code = code.strip()
    return code if code and code != NULL_CODE and code.isdigit() else None


# --- synonym sets ----------------------------------------------------------------------


def phrase_text(raw: str) -> str:
    """'UNMANNED_AERIAL_DRONE' -> 'unmanned aerial drone'; a final '_' is dropped."""
    return " ".join(raw.strip().strip("_").replace("_", " ").lower().split())


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = synsets.setdefault(line.rstrip("_").upper(), [])
        elif line.startswith("+") and current is not None:
            current.append(phrase_text(line[1:]))
        elif not line:
            current = None
    return synsets


# --- patterns --------------------------------------------------------------------------


TOKEN_RE = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")
MARKERS = frozenset("$+^%")


def phrase_alternatives(items: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The phrases a sequence of words and synonym sets stands for ('{&MILITARY AID}' ->
    'military aid', 'army aid', ...)."""
    alternatives = [""]
    for item in items:
        if item.startswith("&"):
            name = item.rstrip("_").upper()
            if name not in synsets:
                raise Unreducible("undefined synonym set")
            words = synsets[name]
        else:
            words = [phrase_text(item)]
        alternatives = [f"{a} {w}".strip() for a in alternatives for w in words]
    return sorted(set(alternatives))


def phrase_items(token: str) -> list[str]:
    """The words of a noun phrase token: '{RIGHTS ABUSES}' -> ['RIGHTS', 'ABUSES']."""
    inner = token[1:-1] if token.startswith("{") else token
    return [word for word in inner.replace("{", " ").replace("}", " ").split() if word not in MARKERS]


def check_loose(words: list[str]) -> None:
    for word in words:
        if not word.startswith("&") and phrase_text(word) in FUNCTION_WORDS:
            raise Unreducible("function word or preposition outside parentheses")


def reduce_pattern(body: str, code: str, line: int, synsets: dict[str, list[str]]) -> Pattern:
    """One pattern line's body ('* (OF {RIGHTS ABUSES})') as a Pattern, or Unreducible."""
    tokens = [t for t in TOKEN_RE.findall(body) if t not in MARKERS]
    if tokens.count("*") != 1:
        raise Unreducible("no single verb position")
    star = tokens.index("*")
    before, after = tokens[:star], tokens[star + 1 :]
    active, passive = parse_code(code)
    pattern = Pattern(code=active, passive=passive, line=line)
    if before:
        subject_words = [w for t in before for w in phrase_items(t)]
        check_loose(subject_words)
        pattern.subject = phrase_alternatives(subject_words, synsets)
    if after and not after[0].startswith(("(", "{", "&")) and after[0].lower() in PARTICLES:
        pattern.particle = after[0].lower()
        after = after[1:]
    object_words: list[str] = []
    preps = [t for t in after if t.startswith("(")]
    if len(preps) > 1:
        raise Unreducible("two prepositional phrases")
    for token in after:
        if token.startswith("("):
            continue
        if preps and after.index(token) > after.index(preps[0]):
            raise Unreducible("words after the prepositional phrase")
        object_words.extend(phrase_items(token))
    if object_words:
        check_loose(object_words)
        if len(object_words) > 3:
            raise Unreducible("object phrase longer than three words")
        pattern.object = phrase_alternatives(object_words, synsets)
    if preps:
        inner = [w for w in TOKEN_RE.findall(preps[0][1:-1]) if w not in MARKERS]
        words = [w for t in inner for w in phrase_items(t)]
        if not words or words[0].startswith("&"):
            raise Unreducible("prepositional phrase without a preposition")
        pattern.prep = phrase_text(words[0])
        if words[1:]:
            pattern.prep_object = phrase_alternatives(words[1:], synsets)
    if not (pattern.subject or pattern.particle or pattern.object or pattern.prep):
        raise Unreducible("nothing beside the verb")
    return pattern


# --- verb blocks -----------------------------------------------------------------------


BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")


def verb_entry(line: str, block: Block) -> dict | None:
    """A verb line: 'ASK [020]', '+CALL_OFF [160]', 'BRING {BRINGS BROUGHT}'."""
    text = line.split("#", 1)[0]
    codes = CODE_RE.findall(text)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).strip()
    if not text:
        return None
    words = phrase_text(text.lstrip("+")).split()
    code = parse_code(codes[0])[0] if codes else block.code
    return {
        "verb": words[0],
        "particle": " ".join(words[1:]) or None,
        "code": code,
        "group": block.name,
    }


def read_blocks(
    lines: list[str], first_line: int, synsets: dict[str, list[str]]
) -> tuple[list[Block], Counter]:
    blocks: list[Block] = []
    dropped: Counter = Counter()
    block: Block | None = None
    for number, raw in enumerate(lines, start=first_line):
        header = BLOCK_RE.match(raw)
        if header:
            block = Block(header.group(1), parse_code(header.group(2))[0], number)
            blocks.append(block)
            continue
        stripped = raw.strip()
        if block is None or not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("-"):
            body = stripped[1:].split("#", 1)[0]
            codes = CODE_RE.findall(body)
            if not codes:
                dropped["pattern without a code"] += 1
                continue
            try:
                block.patterns.append(reduce_pattern(CODE_RE.sub(" ", body), codes[-1], number, synsets))
            except Unreducible as reason:
                dropped[str(reason)] += 1
            continue
        entry = verb_entry(stripped, block)
        if entry:
            block.verbs.append(entry)
    return blocks, dropped


def unique_patterns(patterns: list[Pattern]) -> list[Pattern]:
    """The block's patterns without repeats (the dictionary lists some twice)."""
    seen: set[str] = set()
    kept = []
    for pattern in patterns:
        key = json.dumps({k: v for k, v in pattern.as_record().items() if k != "line"}, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(pattern)
    return kept


# --- CAMEO -> PLOVER -------------------------------------------------------------------


PLOVER_ROW_RE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


def read_plover(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """CAMEO code -> (type, mode, context, description); the first row of a code wins."""
    table: dict[str, tuple[str, str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = PLOVER_ROW_RE.match(line.strip())
        if not row:
            continue
        code, fields, description = row.group(1), row.group(2), (row.group(3) or "").strip()
        parts = [part.strip() for part in fields.split(",")]
        plover_type = parts[0]
        mode = parts[1] if len(parts) > 1 else ""
        context = parts[2] if len(parts) > 2 else ""
        if mode in MODE_IS_CONTEXT:
            mode, context = "", "; ".join(c for c in (mode, context) if c)
        plover_type, mode = TYPE_CORRECTIONS.get(code, (plover_type, mode))
        context = "; ".join(c.strip() for c in context.split(";") if c.strip())
        if code not in table:
            table[code] = (plover_type, mode, context, description)
    return table


def with_appeals(table: dict[str, tuple[str, str, str, str]]) -> dict[str, tuple[str, str, str, str]]:
    """Add CAMEO 02x (appeals) as REQUEST rows mirroring the 10x demands."""
    added = dict(table)
    for appeal_root, demand_root in APPEAL_MIRRORS.items():
        for code, (plover_type, mode, context, description) in table.items():
            if code.startswith(demand_root):
                mirrored = appeal_root + code[len(demand_root) :]
                text = (
                    description.replace("Demand", "Appeal for").replace("REQUEST", "Make an appeal")
                    or "Appeal"
                )
                added.setdefault(mirrored, (plover_type, mode, context, f"{text} (eventwire: 02 = REQUEST)"))
    return added


def write_plover(table: dict[str, tuple[str, str, str, str]], path: Path) -> None:
    header = [
        "# CAMEO code -> PLOVER event type, mode and context, one code per row, tab-separated.",
        "#",
        "# cameo     CAMEO code, 2 to 4 digits; a code missing here takes the row of its longest",
        "#           prefix that is present (1834 -> 183 -> 18).",
        "# type      PLOVER event type (see PLOVER.md)",
        "# mode      PLOVER mode, may be empty",
        "# context   PLOVER context(s), ';'-separated, may be empty",
        "# about     the CAMEO description",
        "#",
        "# Converted by tools/convert_cameo.py from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8,",
        "# 17 September 2021, Open Event Data Alliance, CC BY-SA 4.0: see LICENSE-plover.txt).",
        "# Changes: CAMEO 02x (appeals) added as REQUEST rows mirroring 10x; a mode column holding",
        "# a context (175 'pro_autocracy') moved to the context; 163 (sanctions) is SANCTION as in",
        "# PLOVER.md, not COERCE; CAMEO 01 (statements) has no",
        "# PLOVER type and no row. Do not edit by hand: rerun the converter.",
        "cameo\ttype\tmode\tcontext\tabout",
    ]
    rows = [
        "\t".join((code, *table[code])) for code in sorted(table, key=lambda c: (c.ljust(4, "0"), len(c)))
    ]
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")


# --- writing ---------------------------------------------------------------------------


VERBS_ABOUT = (
    "eventwire event lexicon, converted by tools/convert_cameo.py from PETRARCH2's CAMEO.2.0.txt "
    "(Open Event Data Alliance, MIT: see LICENSE-petrarch2.txt). Do not edit: add entries to "
    "additions.yaml. A {'group'} row is one PETRARCH verb block: its default code and its "
    "patterns; a {'verb'} row is a verb lemma (with 'particle', the fixed word(s) after it: "
    "'call off', 'ask for'), its default CAMEO code (null: the bare verb is no event) and "
    "the group whose patterns refine it. A pattern matches when every part it has is found "
    "in the parse: 'subject' (the subject's head), 'particle', 'object' (the direct "
    "object's head), 'prep' with 'prep_object' (a prepositional phrase on the verb or its "
    "object); a phrase is its head word last, its modifiers before. 'code' is the CAMEO code "
    "(null: no event), 'passive' the code of the passive reading; 'line' is the line in "
    "CAMEO.2.0.txt."
)


def write_verbs(blocks: list[Block], path: Path) -> Counter:
    counts: Counter = Counter()
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"_about": VERBS_ABOUT}) + "\n")
        for block in blocks:
            patterns = unique_patterns(block.patterns)
            counts["repeated patterns"] += len(block.patterns) - len(patterns)
            counts["patterns kept"] += len(patterns)
            record = {"group": block.name, "code": block.code, "line": block.line}
            record["patterns"] = [p.as_record() for p in patterns]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        seen: set[tuple[str, str | None, str]] = set()
        for block in blocks:
            for verb in block.verbs:
                key = (verb["verb"], verb["particle"], verb["group"])
                if key in seen:
                    continue
                seen.add(key)
                counts["verb entries"] += 1
                out.write(json.dumps(verb, ensure_ascii=False) + "\n")
        counts["verb lemmas"] = len({(v, p) for v, p, _ in seen})
    return counts


def convert(petrarch: Path, plover: Path, out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    lines = petrarch.read_text(encoding="latin-1").splitlines()
    verbs_start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    transforms = next(i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS"))
    synsets = read_synsets(lines[:verbs_start])
    synsets.update(read_synsets(lines[verbs_start:transforms]))
    blocks, dropped = read_blocks(lines[verbs_start:transforms], verbs_start + 1, synsets)
    counts = write_verbs(blocks, out / "verbs.jsonl")
    table = with_appeals(read_plover(plover))
    write_plover(table, out / "cameo_plover.tsv")
    codes = {p.code for b in blocks for p in b.patterns if p.code} | {
        v["code"] for b in blocks for v in b.verbs
    }
    unmapped = sorted(c for c in codes if c and not c.startswith("01") and not _mapped(c, table))
    transformations = sum(1 for line in lines[transforms:] if line.startswith("~"))
    return {
        "synonym sets": len(synsets),
        "verb blocks": len(blocks),
        **counts,
        "patterns dropped": sum(dropped.values()),
        "dropped by reason": dict(dropped.most_common()),
        "transformations not converted": transformations,
        "cameo codes mapped": len(table),
        "codes without a PLOVER row": unmapped,
    }


def _mapped(code: str, table: dict) -> bool:
    return any(code[:n] in table for n in range(len(code), 1, -1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH, help="CAMEO.2.0.txt")
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="eventwire event data folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for path in (args.petrarch, args.plover):
        if not path.is_file():
            LOG.error("%s: no such file; give it with --petrarch / --plover", path)
            return 2
    report = convert(args.petrarch, args.plover, args.out)
    for name, value in report.items():
        LOG.info("%s: %s", name, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
