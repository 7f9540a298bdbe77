"""Name folding: the forms in which names and phrases are compared, defined once.

Three forms, each for one kind of look-up:

- `fold`: how rule phrases are matched ('Defense Minister' against the titles of
  data/entity_rules.yaml): lower case, no accents, one space between words;
- `name_key`: how actor names are looked up in the actor KB: also no dots or
  apostrophes, other punctuation as spaces ('U.S.' = 'US', 'al-Assad' = 'al Assad');
- `place_key`: how toponyms are looked up in the gazetteer: also hyphens and slashes as
  spaces and no leading 'the' ('the Black Sea' = 'Black Sea').
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def strip_accents(text: str) -> str:
    """'Erdoğan' -> 'Erdogan': the text decomposed, combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, inner white space single: how rules are matched."""
    text = strip_accents(text.casefold()).replace("’", "'")
    return " ".join(text.split())


_LETTER_FOLDS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"}
)
# Dots and apostrophes vanish ('U.S.' -> 'us', "Sana'a" -> 'sanaa'); other punctuation
# separates words ('al-Assad' -> 'al assad').
_NAME_DROPPED = str.maketrans("", "", ".'’‘`´ʼ")
_ASCII_SPACES = str.maketrans({c: " " for c in '!"#$%()*+,-/:;<=>?@[\\]^_{|}~\t\n'})
_NON_WORD = re.compile(r"[^\w&]+")


def name_key(text: str) -> str:
    """Fold a name for lookup: lower case, no accents or dots, hyphens as spaces.

    'Recep Tayyip Erdoğan' and 'RECEP TAYYIP ERDOGAN' give the same key, as do 'U.S.'
    and 'US', 'al-Assad' and 'al Assad'.
    """
    text = text.casefold()
    if not text.isascii():
        text = strip_accents(text.translate(_LETTER_FOLDS))
        text = _NON_WORD.sub(" ", text.translate(_NAME_DROPPED))
    return " ".join(text.translate(_NAME_DROPPED).translate(_ASCII_SPACES).split())


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u02bb": "'"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
_PLACE_DROPPED = re.compile(r"[.,()\"\u201c\u201d]")


@lru_cache(maxsize=65536)
def place_key(text: str) -> str:
    """The form toponyms are compared in: accents stripped, case-folded, dots and hyphens gone.

    'Türkiye' -> 'turkiye', 'U.S.' -> 'us', 'Port-au-Prince' -> 'port au prince',
    'the Black Sea' -> 'black sea'.
    """
    bare = strip_accents(text.translate(_APOSTROPHES)).casefold()
    bare = _SEPARATORS.sub(" ", _PLACE_DROPPED.sub("", bare)).strip()
    if bare.startswith("the "):
        bare = bare[4:]
    return bare
