"""Convert the PETRARCH2 / Phoenix actor dictionaries into eventwire's actor files.

    .venv/bin/python tools/convert_phoenix.py [PHOENIX_DIR] [--out DIR]

PHOENIX_DIR defaults to ../shared/data/petrarch2 next to the repository. The converter
rewrites, under src/eventwire/data/actors/:

    people.jsonl         named people with dated roles (Countries, International, MilNonState)
    organisations.jsonl  institutions, IGOs, NGOs, companies, armed groups, media
    agents.tsv           common nouns for kinds of actors ('police', 'rebels')

Rows another source added by hand (`"source": "eventwire"` in organisations.jsonl,
`eventwire` in agents.tsv) are kept as they are, after the Phoenix rows. countries.tsv
and sectors.tsv are hand-made: the converter reads them (ISO codes, sector mapping) and
reports Phoenix countries that countries.tsv lacks. Running it twice gives the same files.

Format notes, from the dictionaries' headers and PETRARCH2's PETRreader.py:
- `NAME [CODE]` or `NAME` starts an entry, `+ALIAS` adds a name, an indented `[CODE ...]`
  adds a code; `_` joins words; `#` starts a comment (a full-line comment such as
  `# Prime Ministers` heads a section). A name line without codes shares the codes of the
  name lines right after it (PETRARCH reads `IVO_JOSIPOVIC_` / `PRESIDENT_JOSIPOVIC_` /
  `JOSIPOVIC_` / `[HRVGOV >20120219]` as one actor with three names); after a blank or
  comment line it is left out, with a note in the log.
- A code is a country (or IGO, NGO, MNC, IMG, a region) and sector codes, optionally dated:
  `[SYRGOV 000717-041231]` (an interval), `[SYRGOV >000717]` (from), `[SYRGOV <000717]`
  (until), `[SYRELI]` (the default when no dated code applies).
- Dates are YYYYMMDD or YYMMDD. Two-digit years follow PETRARCH's own rule (dstr_to_ordate):
  YY <= 30 is 20YY, otherwise 19YY. The dictionaries were written against that rule: they
  spell out years before 1931 in full (`19270101`) and use `320101` for 1932. (A pivot at
  50 would turn about 800 ranges around and put 870 dates after the files were written.)
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.knowledge.actors import ACTOR_TYPES
from eventwire.knowledge.names import name_key

LOG = logging.getLogger("convert_phoenix")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "petrarch2"
DEFAULT_OUT = REPO / "src" / "eventwire" / "data" / "actors"

ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "milnonstate",
}
AGENTS_FILE = "Phoenix.agents.txt"

# PETRARCH's pivot for YYMMDD dates (PETRreader.dstr_to_ordate).
TWO_DIGIT_YEAR_PIVOT = 30

# Phoenix country codes that are not ISO 3166-1 alpha-3.
PHOENIX_COUNTRY_CODES = {
    "KSV": "XKX",  # Kosovo: Phoenix uses the World Bank code
    "USR": "SUN",  # USSR, as SUN elsewhere in the same file
    "FRY": "YUG",  # Federal Republic of Yugoslavia kept ISO's YUG until 2003
    "TMP": "TLS",  # East Timor's pre-2002 code
    "IMY": "IMN",  # Isle of Man
    "FRN": "FRA",  # typo in FRNWLF (Wallis and Futuna)
    "SRP": "BIH",  # Republika Srpska, an entity of Bosnia and Herzegovina
    "KRJ": "HRV",  # Republic of Serbian Krajina, inside Croatia
    "GZA": "PSE",  # Gaza
}
# Codes that name no state: Neal Stephenson's Kinakuta, which Phoenix carries as a joke.
NOT_A_COUNTRY = {"KNT"}
NON_STATE_KINDS = {"IGO", "NGO", "NGM", "MNC", "IMG"}

# Malformed dates in the dictionaries, with what they evidently mean.
DATE_FIXES = {
    "9008223": "900823",  # ARMUNR: Armenia's declaration of sovereignty, 1990-08-23
    "201005011": "20100511",  # GBRGOV: David Cameron became Prime Minister on 2010-05-11
    "2004017": "20040117",  # KORGOVBUS: Ban Ki-moon became Foreign Minister in January 2004
}

# Office titles written as comments on a role line or a name line, or as a section header
# above a list of office holders. Keys are lower-cased comments.
ROLE_COMMENT_TITLES = {
    "foreign minister": "Foreign Minister",
    "amb. to un": "Ambassador to the UN",
    "supreme leader": "Supreme Leader",
    "secretary of state": "Secretary of State",
    "sec state": "Secretary of State",
    "brief acting sec state": "Acting Secretary of State",
    "sec def": "Secretary of Defense",
    "sec of army": "Secretary of the Army",
    "prime minister": "Prime Minister",
    "pm": "Prime Minister",
    "pm pt. 1": "Prime Minister",
    "pm pt. 2": "Prime Minister",
    "acting pm": "Acting Prime Minister",
    "dep. pm": "Deputy Prime Minister",
    "president of germany": "President",
    "first president of germany": "President",
    "chancellor of germany": "Chancellor",
    "president of the bundesrat": "President of the Bundesrat",
    "prime minister of lower saxony": "Prime Minister of Lower Saxony",
    "pm of east germany": "Prime Minister",
    "east german head of state 89-90": "Head of State",
    "general secretary of the socialist unity party": "General Secretary of the Socialist Unity Party",
    "leader of the socialist unity party": "General Secretary of the Socialist Unity Party",
    "national security advisor": "National Security Advisor",
    "dep natsecad": "Deputy National Security Advisor",
    "dep sec state": "Deputy Secretary of State",
    "dep sec def": "Deputy Secretary of Defense",
    "under secretary of state for political affairs": "Under Secretary of State for Political Affairs",
    "dci": "Director of Central Intelligence",
    "dep dci": "Deputy Director of Central Intelligence",
    "cmdr air force": "Air Force Commander",
    "senator from nebraska": "Senator",
    "min. of water resources": "Minister of Water Resources",
    "min. of fin.": "Finance Minister",
    "min of civil aviation": "Minister of Civil Aviation",
    "general council to dod": "General Counsel of the Department of Defense",
    "amb. to japan (need dates)": "Ambassador to Japan",
    "amb to philippines (need dates)": "Ambassador to the Philippines",
    "tourism minister. not sure on end date": "Tourism Minister",
}
SECTION_TITLES = {
    "presidents": "President",
    "president": "President",
    "roughly following order of presidents": "President",
    "u.s. presidents": "President",
    "prime ministers": "Prime Minister",
    "prime minister": "Prime Minister",
    "greek prime ministers": "Prime Minister",
    "roughly prime ministers in order": "Prime Minister",
    "chancellors": "Chancellor",
    "monarch[s]": "Monarch",
    "vice presidents of the united states": "Vice President",
    "u.s. secretaries of state": "Secretary of State",
    "united states secretaries of defense": "Secretary of Defense",
    "u.s. attorneys general": "Attorney General",
    "u.s. secretaries of homeland security": "Secretary of Homeland Security",
    "u.s. ambassadors to the un": "Ambassador to the UN",
    "white house chiefs of staff": "White House Chief of Staff",
    "us national security advisors": "National Security Advisor",
    "us trade representative": "Trade Representative",
    "us directors of central(national) intelligence": "Director of Central Intelligence",
}

# Words that mark an entry as an organisation, office or group rather than a person.
ORGANISATION_WORDS = frozenset(
    """
    academy administration agency alliance army assembly association authority bank
    battalion board brigade brigades bureau cabinet cell cells center centre channel church
    clan coalition college command commandos commission committee commonwealth community
    company conference congress corporation corps council court department directorate
    division embassy faction federation force forces forum foundation front fund government
    group groups guard guards guerrillas headquarters hospital inc institute intelligence
    jihad journal kingdom league legion liberation ltd media militia ministry mission
    mosque movement mujahideen mujahidin nations navy network news office organisation
    organization parliament party patrol police presidency press program programme project
    radio regiment republic resistance revolutionary school secretariat senate service
    services society squad state states summit taliban television temple tigers times
    tribunal trust tv union unit university qaeda qaida hezbollah hizballah hamas shabaab
    jamaat jemaah lashkar jaish harakat tehrik ansar martyrs islamic islamiyya regime
    corp corporation incorporated industries holdings llc plc sa ag gmbh asociacion
    organizacion movimiento partido frente ejercito fuerzas comite consejo federacion
    sindicato instituto fundacion universidad comision agencia banco liga brigadas
    international worldwide fellowship rights watch sayyaf
    """.split()
)
PERSON_COMMENT_WORDS = frozenset(
    """spokesman spokeswoman ceo chairman chairwoman president executive director founder head
    leader member commander alias senior chief secretary minister ambassador rapporteur envoy
    cofounder co spiritual operational regional""".split()
)
# Words that make a name an office ('US Secretary of State'), not a person, when the
# entry carries no dates.
OFFICE_WORDS = frozenset(
    """
    secretary minister president chancellor ambassador spokesman spokeswoman chief premier
    king queen emir sultan leader governor mayor envoy representative commander director
    """.split()
)
# Leading words stripped from aliases such as PRESIDENT_KARZAI or
# RUSSIAN_FOREIGN_MINISTER_SERGEY_LAVROV; country adjectives are added at run time.
TITLE_WORDS = frozenset(
    """
    president presidential prime minister premier chancellor foreign defense defence
    interior finance secretary secretary-general general former acting interim ambassador
    amb. king queen crown emir sultan supreme leader vice deputy chief of the state mr mr.
    mrs mrs. ms ms. dr dr. sir baroness lady gen. col. colonel lt. field marshal commander
    senator sen. rep. governor gov. mayor speaker un u.n. united nations us u.s. sec. secy
    secy. presient
    """.split()
)
SMALL_WORDS = frozenset("of and the for in on at to".split())
UPPER_CASE_WORDS = frozenset(
    "us un eu usa nato opec osce icrc unhcr unicef who cia fbi nsa isis isil".split()
)
HONORIFICS = frozenset("sheikh sheik shaykh sayyid sayyed seyyed mullah mawlawi maulana hajji haji".split())
NAME_PARTICLES = frozenset(
    "al el ad ar as ash at az bin ibn bint da de del della der di dos du la le van von y".split()
)


@dataclass
class RawCode:
    """One bracketed code as written: `SYRGOV`, with its date restriction and comment."""

    code: str
    restriction: str
    comment: str | None
    line: int


@dataclass
class RawEntry:
    """One actor of a Phoenix dictionary: its names, its codes and where it came from."""

    names: list[str]
    aliases: list[str] = field(default_factory=list)
    codes: list[RawCode] = field(default_factory=list)
    comment: str | None = None
    section: str | None = None
    section_line: int = 0
    line: int = 0
    file: str = ""


@dataclass(frozen=True)
class ParsedCode:
    """A code read against countries.tsv and sectors.tsv."""

    raw: str
    country: str | None
    actor_type: str | None
    sectors: tuple[str, ...]
    start: date | None
    end: date | None
    dated: bool
    comment: str | None = None


class PhoenixDateError(ValueError):
    """A date restriction that cannot be read as YYMMDD or YYYYMMDD."""


# ---------------------------------------------------------------- reading the files


def split_comment(line: str) -> tuple[str, str | None]:
    """Split a line at its comment: a '#' at the start, after white space or after ']'."""
    match = re.search(r"(^|(?<=[\s\]]))#", line)
    if not match:
        return line, None
    comment = line[match.end() :].split("#")[0].strip()
    return line[: match.start()], comment or None


CODE_RE = re.compile(r"\[([^\]\}]*)[\]\}]")


def split_codes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return the text before the first '[' and the (code, restriction) pairs on the line."""
    codes = []
    for match in CODE_RE.finditer(text):
        parts = match.group(1).strip().split(None, 1)
        if parts:
            codes.append((parts[0], parts[1].strip() if len(parts) > 1 else ""))
    head = text.split("[", 1)[0]
    return head, codes


def read_actor_file(path: Path, sectors: Iterable[str]) -> list[RawEntry]:
    """Read a TABARI/PETRARCH actor dictionary into entries, keeping comments and sections.

    `sectors` are the sector codes (sectors.tsv), which tell a country block ('[USAASM]',
    American Samoa) from an office ('[USAGOV]') where a section of titles ends.
    """
    sector_codes = frozenset(sectors)
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    section: str | None = None  # the last full-line comment ('# Prime Ministers') ...
    section_line = 0  # ... and where it was
    broken = True  # a blank line or a comment line since the last entry line
    dropped = 0
    for number, raw_line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        text, comment = split_comment(raw_line)
        stripped = text.strip()
        if not stripped:
            if raw_line.strip().startswith("#") and comment:
                section, section_line = comment, number
            broken = True
            continue
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(RawCode(c, r, comment, number) for c, r in split_codes(stripped)[1])
            broken = False
            continue
        if stripped.startswith("+"):
            head, codes = split_codes(stripped[1:])
            if current is not None:
                current.aliases.extend(a for a in head.split("+") if a.strip())
                current.codes.extend(RawCode(c, r, comment, number) for c, r in codes)
            broken = False
            continue
        head, codes = split_codes(stripped)
        raw_codes = [RawCode(c, r, comment, number) for c, r in codes]
        if current is not None and raw_line[:1] in " \t":
            # An indented name (International: '\tJOHN_MCCLOY_\t[...]') continues the entry.
            current.aliases.append(head)
            current.codes.extend(raw_codes)
        elif current is not None and not current.codes and not broken:
            current.names.append(head)
            current.codes.extend(raw_codes)
        else:
            if current is not None and not current.codes:
                dropped += 1
                LOG.debug("%s:%d: %s has no code; skipped", path.name, current.line, current.names[0])
            if (
                current is not None
                and is_bare_country(current.codes, sector_codes)
                and current.line > section_line
            ):
                section = None  # a new country: the last country's '# Presidents' is over
            current = RawEntry([head], codes=raw_codes, comment=comment, section=section)
            current.section_line, current.line, current.file = section_line, number, path.name
            entries.append(current)
        broken = False
    if dropped:
        LOG.info("%s: %d names without any code skipped", path.name, dropped)
    return [e for e in entries if e.codes]


def is_bare_country(codes: list[RawCode], sectors: frozenset[str]) -> bool:
    """Codes of a country block ('[AFG]', '[USAASM]', '[ARM >911221]'): no sector, no kind."""
    return bool(codes) and all(
        re.fullmatch(r"[A-Z]{3}([A-Z]{3})?", c.code)
        and c.code[:3] not in NON_STATE_KINDS | sectors
        and c.code[3:] not in sectors
        for c in codes
    )


# ---------------------------------------------------------------- codes and dates


def phoenix_date(text: str) -> date:
    """Read a Phoenix date (YYMMDD or YYYYMMDD), repairing the known malformed ones."""
    digits = DATE_FIXES.get(text, text)
    if len(digits) == 10 and digits.startswith("19"):
        digits = digits[2:]  # '1920030320': a stray '19' before a full date
    if len(digits) == 6:
        two_digit = int(digits[:2])
        year = 2000 + two_digit if two_digit <= TWO_DIGIT_YEAR_PIVOT else 1900 + two_digit
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        raise PhoenixDateError(text)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise PhoenixDateError(text) from error


RESTRICTION_RE = re.compile(r"^([<>])?\s*(\d+)(?:\s*-\s*(\d+))?$")


def read_restriction(restriction: str) -> tuple[date | None, date | None, bool]:
    """Return (start, end, dated) for '>010101', '<010101', '010101-020202' or ''."""
    if not restriction:
        return None, None, False
    match = RESTRICTION_RE.match(restriction.strip())
    if not match:
        raise PhoenixDateError(restriction)
    operator, first, second = match.groups()
    if second:
        return phoenix_date(first), phoenix_date(second), True
    if operator == "<":
        return None, phoenix_date(first), True
    return phoenix_date(first), None, True  # '>date', or a bare date taken as a start


@dataclass(frozen=True)
class Vocabulary:
    """What the converter needs from the hand-made tables."""

    countries: frozenset[str]
    sectors: dict[str, tuple[str, str]]  # code -> (plover_type, rank)
    adjectives: frozenset[str]


def country_code(chunk: str, vocabulary: Vocabulary) -> str | None:
    if chunk in NOT_A_COUNTRY:
        return None
    code = PHOENIX_COUNTRY_CODES.get(chunk, chunk)
    return code if code in vocabulary.countries else None


def parse_code(raw: RawCode, vocabulary: Vocabulary) -> ParsedCode | None:
    """Read `SYRGOV`, `USAASMELI`, `IGOUNOREFHCR`, `~GOVMIL` into country, type and dates."""
    code = raw.code.strip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    chunks = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    country, kind, sectors = None, None, []
    first = chunks[0]
    if first in NON_STATE_KINDS:
        kind = first
    elif first in vocabulary.sectors:
        sectors.append(first)
    else:
        country = country_code(first, vocabulary)
    for position, chunk in enumerate(chunks[1:], 1):
        if chunk in vocabulary.sectors:
            sectors.append(chunk)
            continue
        iso3 = country_code(chunk, vocabulary)
        if iso3 is None or kind == "IGO":
            continue  # an organisation or region code (UNO, WBK, MEA): not a type
        if kind is not None and country is None:
            country = iso3  # NGOUSAEDU, MNCGBR, IMGMUSRUSCNY
        elif position == 1 and not sectors and kind is None:
            country = iso3  # a territory inside its state's code: USAASM, GBRFLKGOV
    start, end, dated = read_restriction(raw.restriction)
    return ParsedCode(
        raw=raw.code,
        country=country,
        actor_type=code_type(kind, sectors, vocabulary),
        sectors=tuple(sectors),
        start=start,
        end=end,
        dated=dated,
        comment=raw.comment,
    )


def code_type(kind: str | None, sectors: list[str], vocabulary: Vocabulary) -> str | None:
    """The PLOVER type of a code: its kind (IGO...), else its first primary sector."""
    if kind is not None:
        return vocabulary.sectors[kind][0]
    for rank in ("primary", "secondary"):
        for sector in sectors:
            plover_type, sector_rank = vocabulary.sectors[sector]
            if sector_rank == rank:
                return plover_type
    return None


# ---------------------------------------------------------------- names


def phrase_text(raw: str) -> str:
    """'BASHAR_AL_ASSAD_' -> 'BASHAR AL ASSAD': underscores and white space to one space."""
    return " ".join(raw.replace("_", " ").split())


def display_name(raw: str) -> str:
    """Title-case an upper-case Phoenix name: 'BASHAR AL-ASSAD' -> 'Bashar al-Assad'."""
    words = phrase_text(raw).split(" ")
    if any(c.islower() for c in "".join(words)):
        return " ".join(words)
    return " ".join(_title_word(word, index, len(words)) for index, word in enumerate(words))


def _title_word(word: str, index: int, count: int) -> str:
    lower = word.lower()
    if lower in UPPER_CASE_WORDS or (index > 0 and re.fullmatch(r"(ii|iii|iv|vi|vii|viii|ix)", lower)):
        return word.upper()
    if re.fullmatch(r"([a-z]\.)+", lower) or (len(lower) > 1 and not re.search(r"[aeiouy\d]", lower)):
        return word.upper()  # initials ('H.'), acronyms without vowels ('NCFR')
    if index > 0 and lower in SMALL_WORDS:
        return lower
    parts = re.split(r"([-'’])", lower)
    titled = []
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        particle = (
            part in NAME_PARTICLES and (index > 0 or position > 0) and not (last and index == count - 1)
        )
        after_apostrophe = position > 0 and parts[position - 1] in ("'", "’") and len(part) == 1  # Syria's
        if part in ("-", "'", "’", "") or particle or after_apostrophe:
            titled.append(part)
        elif part.startswith("mc") and len(part) > 2:
            titled.append("Mc" + part[2:].capitalize())
        else:
            titled.append(part.capitalize())
    return "".join(titled)


def clean_names(raw_names: Iterable[str]) -> list[str]:
    """Display forms of names, with '(AAIA)' acronyms split off and junk lines left out."""
    names: list[str] = []
    for raw in raw_names:
        text = phrase_text(raw)
        if not text or ", THEN " in text.upper():
            continue  # 'ANTHONY_CROSLAND, THEN DAVID OWEN_': two people in one line
        acronyms = re.findall(r"\(([^)]+)\)", text)
        text = re.sub(r"\s*\([^)]*(\)|$)\s*", " ", text).strip()  # also an unclosed '(acting'
        if text:
            names.append(display_name(text))
        names.extend(display_name(a) if " " in a else a.upper() for a in acronyms)
    return names


def strip_title(name: str, surname: str, vocabulary: Vocabulary) -> str | None:
    """'Russian Foreign Minister Sergey Lavrov' -> 'Sergey Lavrov'; None for a bare title.

    A title left alone with one word ('King Abdullah') is kept only when that word is the
    person's surname: a given name alone would match too many people.
    """
    words = name.split(" ")
    index = 0
    while index < len(words) - 1 and (
        words[index].lower() in TITLE_WORDS or name_key(words[index]) in vocabulary.adjectives
    ):
        index += 1
    if index == 0:
        return name
    rest = words[index:]
    if len(rest) == 1 and name_key(rest[0]) != name_key(surname):
        return None
    return " ".join(rest)


# ---------------------------------------------------------------- classifying entries


def parsed_codes(entry: RawEntry, vocabulary: Vocabulary, problems: Counter[str]) -> list[ParsedCode]:
    """The entry's codes that can be read; an unreadable date or a reversed range is logged."""
    codes = []
    for raw in entry.codes:
        try:
            parsed = parse_code(raw, vocabulary)
        except PhoenixDateError as error:
            problems["unreadable date"] += 1
            LOG.warning("%s:%d: unreadable date %s; code skipped", entry.file, raw.line, error)
            continue
        if parsed is None:
            continue
        if parsed.start and parsed.end and parsed.start > parsed.end:
            problems["end before start"] += 1
            LOG.warning("%s:%d: %s ends before it starts; skipped", entry.file, raw.line, raw.code)
            continue
        codes.append(parsed)
    return codes


def is_country_block(codes: list[ParsedCode]) -> bool:
    """A country's own entry ('AFGHANISTAN_ [AFG]' with its cities): countries.tsv covers it."""
    return bool(codes) and all(c.actor_type is None and c.country for c in codes)


def looks_like_person(entry: RawEntry, codes: list[ParsedCode], given_names: frozenset[str] | None) -> bool:
    """Heuristic: people have name-like words; organisations and offices have tell-tale words.

    An entry with dates is a person unless its name says otherwise. An undated one (most
    of International and MilNonState) must also start with a given name seen among the
    dated people, or have a comment that says what the person does ('senior leader');
    `given_names=None` skips that test (the first pass, which collects given names).
    """
    names = clean_names(entry.names)
    name_words = names[0].split(" ") if names else []
    words = set(name_key(" ".join(name_words)).split())
    if not name_words or words & ORGANISATION_WORDS or "of" in words:
        return False
    if not all(re.fullmatch(r"[^\W\d_][\w.'’-]*", w) for w in name_words):
        return False
    comment_words = set(name_key(entry.comment or "").split())
    if any(code.raw.startswith("MNC") for code in codes):
        return bool(comment_words & PERSON_COMMENT_WORDS)  # company lists: a named spokesman
    if any(code.dated for code in codes):
        return len(name_words) <= 8
    if words & OFFICE_WORDS or not 2 <= len(name_words) <= 4:
        return False
    return (
        given_names is None
        or name_key(name_words[0]) in given_names
        or bool(comment_words & PERSON_COMMENT_WORDS)
    )


def collect_given_names(entries: list[tuple[RawEntry, list[ParsedCode]]]) -> frozenset[str]:
    """First words of dated people's names that at least two people share ('mohammad', 'david')."""
    counts: Counter[str] = Counter()
    for entry, codes in entries:
        if any(code.dated for code in codes) and looks_like_person(entry, codes, None):
            names = clean_names(entry.names)
            counts[name_key(names[0].split(" ")[0])] += 1
    return frozenset(
        name
        for name, count in counts.items()
        if count >= 2 and name not in ORGANISATION_WORDS | NAME_PARTICLES
    )


# ---------------------------------------------------------------- people


def role_title(entry: RawEntry, parsed: ParsedCode, single_plain_gov: bool) -> str | None:
    """The office a role line's comment, the entry's comment or its section names, if any."""
    if parsed.comment:
        title = ROLE_COMMENT_TITLES.get(parsed.comment.strip().lower())
        if title:
            return title
    if parsed.actor_type != "GOV" or len(parsed.sectors) != 1 or not single_plain_gov:
        return None
    if entry.comment and entry.comment.strip().lower() in ROLE_COMMENT_TITLES:
        return ROLE_COMMENT_TITLES[entry.comment.strip().lower()]
    if entry.section:
        return SECTION_TITLES.get(entry.section.strip().lower())
    return None


def person_record(
    entry: RawEntry, codes: list[ParsedCode], vocabulary: Vocabulary, problems: Counter[str]
) -> dict | None:
    """A people.jsonl row for an entry and its readable codes, or None without a usable role."""
    names = clean_names(entry.names)
    if not names:
        return None
    name = names[0]
    surname = name.split(" ")[-1]
    aliases: list[str] = []
    for alias in names[1:] + clean_names(entry.aliases):
        plain = strip_title(alias, surname, vocabulary)
        if plain and set(name_key(plain).split()) & ORGANISATION_WORDS:
            continue  # 'ASSAD_REGIME', 'ASSAD_GOVERNMENT': the government, not the man
        if plain and name_key(plain) != name_key(name) and plain not in aliases:
            aliases.append(plain)
    dated = any(c.dated for c in codes)
    plain_gov = [c for c in codes if c.dated and c.actor_type == "GOV" and len(c.sectors) == 1]
    roles = []
    for parsed in codes:
        if parsed.actor_type is None or (dated and not parsed.dated):
            continue  # the default code ('[SYRELI]') applies only outside the dated ones
        role = {
            "country": parsed.country,
            "type": parsed.actor_type,
            "title": role_title(entry, parsed, len(plain_gov) == 1),
            "start": parsed.start.isoformat() if parsed.start else None,
            "end": parsed.end.isoformat() if parsed.end else None,
            "cameo": parsed.raw,
        }
        if role not in roles:
            roles.append(role)
    if not roles:
        problems["person without a role"] += 1
        return None
    roles.sort(key=lambda r: (r["start"] or r["end"] or "9999", r["end"] or "9999"))
    return {"name": name, "aliases": aliases, "roles": roles, "source": "phoenix"}


def merge_people(people: list[dict]) -> list[dict]:
    """Merge Phoenix entries with the same name and a shared country (duplicated entries)."""
    merged: list[dict] = []
    by_key: dict[str, list[dict]] = defaultdict(list)
    for person in people:
        countries = {r["country"] for r in person["roles"]}
        twin = next(
            (p for p in by_key[name_key(person["name"])] if countries & {r["country"] for r in p["roles"]}),
            None,
        )
        if twin is None:
            by_key[name_key(person["name"])].append(person)
            merged.append(person)
            continue
        twin["aliases"].extend(a for a in person["aliases"] if a not in twin["aliases"])
        twin["roles"].extend(r for r in person["roles"] if r not in twin["roles"])
        if any(r["start"] or r["end"] for r in twin["roles"]):
            twin["roles"] = [r for r in twin["roles"] if r["start"] or r["end"]]
        twin["roles"].sort(key=lambda r: (r["start"] or r["end"] or "9999", r["end"] or "9999"))
    return merged


# ---------------------------------------------------------------- organisations


def organisation_record(entry: RawEntry, codes: list[ParsedCode]) -> dict | None:
    """An organisations.jsonl row; dated codes become `periods` of different types."""
    names = clean_names(entry.names + entry.aliases)
    typed = [c for c in codes if c.actor_type]
    if not names or not typed:
        return None
    undated = [c for c in typed if not c.dated]
    dated = sorted((c for c in typed if c.dated), key=lambda c: (c.start or date.min, c.end or date.max))
    main = undated[0] if undated else dated[-1]
    record = {
        "name": names[0],
        "aliases": list(dict.fromkeys(n for n in names[1:] if name_key(n) != name_key(names[0]))),
        "country": main.country,
        "type": main.actor_type,
        "source": "phoenix",
        "cameo": main.raw,
    }
    if dated and {(c.country, c.actor_type) for c in typed} != {(main.country, main.actor_type)}:
        record["periods"] = [
            {
                "country": c.country,
                "type": c.actor_type,
                "start": c.start.isoformat() if c.start else None,
                "end": c.end.isoformat() if c.end else None,
            }
            for c in dated
        ]
    return record


def drop_person_aliases(organisation: dict, person_names: set[str], given_names: frozenset[str]) -> dict:
    """Phoenix lists leaders among a group's names (Hezbollah: 'Hassan Nasrallah'); a
    person's name must find the person, not the group."""
    kept = []
    for alias in organisation["aliases"]:
        words = name_key(alias).split()
        looks_organised = not words or bool(set(words) & ORGANISATION_WORDS)
        if looks_organised or (
            " ".join(words) not in person_names and words[0] not in given_names | HONORIFICS
        ):
            kept.append(alias)
    return {**organisation, "aliases": kept}


def merge_organisations(organisations: list[dict]) -> list[dict]:
    """Merge organisations whose names (or an alias of one and a name of another) agree."""
    merged: list[dict] = []
    by_key: dict[tuple[str, str | None], dict] = {}
    for organisation in organisations:
        keys = [(name_key(n), organisation["type"]) for n in [organisation["name"], *organisation["aliases"]]]
        twin = next((by_key[k] for k in keys if k in by_key), None)
        if twin is None:
            merged.append(organisation)
            twin = organisation
        else:
            for alias in [organisation["name"], *organisation["aliases"]]:
                if name_key(alias) != name_key(twin["name"]) and alias not in twin["aliases"]:
                    twin["aliases"].append(alias)
        for key in keys:
            by_key.setdefault(key, twin)
    return merged


# ---------------------------------------------------------------- agents


def read_agents(path: Path, vocabulary: Vocabulary) -> list[dict]:
    """Read Phoenix.agents.txt into (phrase, type) rows, with plurals and !SETS! expanded."""
    substitutions: dict[str, list[str]] = {}
    rows: list[dict] = []
    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, comment = split_comment(raw_line)
        text = text.strip()
        if not text:
            continue
        set_match = re.match(r"!(\w+)!\s*=\s*(.+)", text)
        if set_match:
            substitutions[set_match.group(1)] = [w.strip() for w in set_match.group(2).split(",")]
            continue
        match = re.match(
            r"(?P<phrase>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]\}]*)[\]\}]", text
        )
        if not match:
            continue
        code = match.group("code").strip()
        parsed = parse_code(RawCode(code.replace("~", ""), "", None, 0), vocabulary)
        if parsed is None or parsed.actor_type is None:
            continue
        note = f"Phoenix [{code}]" + (f": {comment.lower()}" if comment else "")
        for phrase in agent_phrases(match.group("phrase"), match.group("plural"), substitutions):
            rows.append(
                {"phrase": phrase, "plover_type": parsed.actor_type, "source": "phoenix", "note": note}
            )
    return rows


def agent_phrases(phrase: str, plural: str | None, substitutions: dict[str, list[str]]) -> Iterator[str]:
    """The singular and plural forms of an agent phrase, lower-cased with spaces."""
    marker = re.search(r"!(\w+)!", phrase)
    if marker:
        for word in substitutions.get(marker.group(1), []):
            yield phrase_text(phrase.replace(marker.group(0), word)).lower()
        return
    singular = phrase_text(phrase).lower()
    yield singular
    if plural is None:
        yield regular_plural(singular)
    elif plural.strip():
        yield phrase_text(plural).lower()


def regular_plural(phrase: str) -> str:
    """PETRARCH's regular plurals: -y -> -ies, -s -> -ses, otherwise -s."""
    if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy", "uy")):
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


# ---------------------------------------------------------------- output


def load_vocabulary(out_dir: Path) -> Vocabulary:
    countries: set[str] = set()
    adjectives: set[str] = set()
    for row in read_tsv(out_dir / "countries.tsv"):
        countries.add(row["iso3"])
        adjectives.update(name_key(a) for a in row["adjectives"].split("|") if a)
    sectors = {
        row["cameo_code"]: (row["plover_type"], row["rank"]) for row in read_tsv(out_dir / "sectors.tsv")
    }
    for plover_type, _ in sectors.values():
        if plover_type not in ACTOR_TYPES:
            raise SystemExit(f"sectors.tsv: {plover_type} is not a PLOVER actor type")
    return Vocabulary(frozenset(countries), sectors, frozenset(adjectives))


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def kept_rows(path: Path, is_jsonl: bool) -> list:
    """Rows of an existing output file that another source than Phoenix added."""
    if not path.exists():
        return []
    if is_jsonl:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [row for row in rows if row.get("source") != "phoenix"]
    return [row for row in read_tsv(path) if row["source"] != "phoenix"]


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n")
            count += 1
    return count


AGENTS_HEADER = """\
# Common nouns for kinds of actors -> PLOVER actor type, one phrase per row, tab-separated.
#
# phrase       lower case, words separated by single spaces; singular and plural forms are
#              separate rows ('rebel', 'rebels')
# plover_type  one of GOV MIL COP SPY JUD LEG PTY OPP REB UAF IGO NGO MED BUS EDU REL LAB REF CVL CRM
# source       phoenix: converted from PETRARCH2's Phoenix.agents.txt by tools/convert_phoenix.py
#              (MIT, see LICENSE-petrarch2.txt); eventwire: added or corrected by hand
# note         where the row comes from, or why eventwire chose this type
#
# Lookups use the whole phrase, then its shorter endings ('Syrian regime forces' ->
# 'regime forces' -> 'forces'). Later rows win: an eventwire row overrides a phoenix row with
# the same phrase. To add or correct one, append a row with source `eventwire` at the end;
# the converter keeps such rows when it rewrites the Phoenix ones.
"""
AGENT_COLUMNS = ["phrase", "plover_type", "source", "note"]


def write_agents(path: Path, rows: list[dict]) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(AGENTS_HEADER)
        writer = csv.DictWriter(
            out, AGENT_COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({k: row[k] for k in AGENT_COLUMNS} for row in rows)
    return len(rows)


def dedupe_agents(rows: list[dict]) -> list[dict]:
    """One row per phrase; for a phrase Phoenix lists twice, the later row (as PETRARCH)."""
    by_phrase: dict[str, dict] = {}
    for row in rows:
        by_phrase.pop(row["phrase"], None)
        by_phrase[row["phrase"]] = row
    return list(by_phrase.values())


def convert(source: Path, out_dir: Path) -> dict[str, int]:
    """Convert the Phoenix dictionaries in `source` into the actor files in `out_dir`."""
    vocabulary = load_vocabulary(out_dir)
    problems: Counter[str] = Counter()
    people: list[dict] = []
    organisations: list[dict] = []
    entries = []
    for file_name in ACTOR_FILES:
        for entry in read_actor_file(source / file_name, vocabulary.sectors):
            report_unknown_countries(entry, vocabulary, problems)
            codes = parsed_codes(entry, vocabulary, problems)
            if not is_country_block(codes):
                entries.append((entry, codes))
    given_names = collect_given_names(entries)
    closed_sections: set[tuple[str, int]] = set()
    for entry, codes in entries:
        if looks_like_person(entry, codes, given_names):
            close_section(entry, codes, closed_sections)
            people.append(person_record(entry, codes, vocabulary, problems))
        else:
            organisations.append(organisation_record(entry, codes))
    people = merge_people([p for p in people if p])
    person_names = {name_key(n) for p in people for n in [p["name"], *p["aliases"]]}
    organisations = merge_organisations(
        [drop_person_aliases(o, person_names, given_names) for o in organisations if o]
    )
    agents = dedupe_agents(read_agents(source / AGENTS_FILE, vocabulary))
    counts = {
        "people": write_jsonl(out_dir / "people.jsonl", people),
        "roles": sum(len(p["roles"]) for p in people),
        "organisations": write_jsonl(
            out_dir / "organisations.jsonl",
            organisations + kept_rows(out_dir / "organisations.jsonl", is_jsonl=True),
        ),
        "agents": write_agents(
            out_dir / "agents.tsv", agents + kept_rows(out_dir / "agents.tsv", is_jsonl=False)
        ),
    }
    for problem, count in sorted(problems.items()):
        LOG.info("%s: %d", problem, count)
    return counts


def close_section(entry: RawEntry, codes: list[ParsedCode], closed: set[tuple[str, int]]) -> None:
    """End a section of office holders at its first person without an 'elite' (ELI) code.

    CountryInfo lists a country's leaders under '# Prime Ministers', each with ELI spans
    before and after office, and then, under no header of their own, the country's other
    ministers, who have none: the title must stop where the leaders stop.
    """
    key = (entry.file, entry.section_line)
    if key not in closed and not any(code.sectors[:1] == ("ELI",) for code in codes):
        closed.add(key)
    if key in closed:
        entry.section = None


def report_unknown_countries(entry: RawEntry, vocabulary: Vocabulary, problems: Counter[str]) -> None:
    """Log a leading country code that countries.tsv lacks (a region code is expected in
    International and MilNonState, so only the Countries file is checked)."""
    if ACTOR_FILES[entry.file] != "countries":
        return
    for raw in entry.codes:
        first = raw.code.strip("~")[:3]
        if (
            re.fullmatch(r"[A-Z]{3}", first)
            and first not in vocabulary.sectors
            and first not in NON_STATE_KINDS
            and first not in NOT_A_COUNTRY
            and country_code(first, vocabulary) is None
        ):
            problems[f"country code {first} missing from countries.tsv"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="PETRARCH2 dictionary folder"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="eventwire actor data folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every skipped line")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    if not args.source.is_dir():
        LOG.error("%s: no such folder; give the PETRARCH2 dictionary folder as argument", args.source)
        return 2
    counts = convert(args.source, args.out)
    LOG.info("wrote %s", ", ".join(f"{count} {what}" for what, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
