"""German date parsing for OCR text: ``12.03.2025``, ``12.3.25``, ``2025-03-12``, ``12. März 2025``.

Pure functions: text in, ``date`` values and their character spans out. OCR noise tolerated: month names
without umlauts (``Marz``, ``Maerz``), ``O``/``l`` inside digit groups, stray spaces after the dots, a comma
for the dot after a two-digit day of a worded date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

_MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "marz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_D = r"[0-9OoIl]"  # a digit as OCR may print it
_NUMERIC = re.compile(
    rf"(?<![0-9A-Za-z])({_D}{{1,2}})\s?[./]\s?({_D}{{1,2}})\s?[./]\s?({_D}{{4}}|{_D}{{2}})(?![0-9])"
)
# OCR reads one dot as a comma ("12.03,2025"), some senders write "12-03-2025": four-digit year only
_LOOSE = re.compile(
    rf"(?<![0-9A-Za-z,.])({_D}{{1,2}})\s?([.,-])\s?({_D}{{1,2}})\s?([.,-])\s?({_D}{{4}})(?![0-9])"
)
_ISO = re.compile(r"(?<![0-9A-Za-z])(\d[0-9Oo]{3})-([0-9Oo]{2})-([0-9OolI]{2})(?![0-9])")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# the month name in any case, the digits as in _D only ("i. Mai 2025" is no date: ``(?-i:...)``); OCR may
# read the day's dot as a comma ("24, Oktober 2025"; a one-digit day so is rather "11." torn: "1, April 2025")
# the day is no ISO date's tail: "2025-08-15 . August 2025" is an ISO date with a stamp's month and year run
# into it, not "15. August 2025"
_WORDED = re.compile(
    rf"(?<![0-9A-Za-z])(?<![0-9]-)((?-i:{_D}{{2}}),\s|(?-i:{_D}{{1,2}})\s?\.?\s*)"
    rf"({_MONTH_NAMES})\.?\s+((?-i:{_D}{{4}}))(?![0-9])",
    re.IGNORECASE,
)


# a month name OCR damaged in one letter ("29. Jahuar 2025", "20. Augudt 2025"): only the long names (five letters
# or more), only with a day and a four-digit year around them, only when one month is that near
_WORDED_DAMAGED = re.compile(
    rf"(?<![0-9A-Za-z])(?<![0-9]-)((?-i:{_D}{{1,2}})\.\s?)([A-Za-zäÄ]{{5,9}})\s+((?-i:{_D}{{4}}))(?![0-9])")
_LONG_MONTHS = {name: number for name, number in _MONTHS.items() if len(name) >= 5}


def _damaged_month(word: str) -> int | None:
    """The month whose long name ``word`` is up to one edit, when exactly one month is."""
    key = word.lower()
    near = {number for name, number in _LONG_MONTHS.items()
            if abs(len(name) - len(key)) <= 1 and Levenshtein.distance(name, key, score_cutoff=1) <= 1}
    return near.pop() if len(near) == 1 else None


def month_by_word(word: str) -> int | None:
    """The month a word names: a month name, the start of exactly one month's names (three letters or more:
    "Novembe" cut by OCR), or a long name damaged in one letter; None otherwise."""
    key = word.lower()
    if key in _MONTHS:
        return _MONTHS[key]
    starts = {number for name, number in _MONTHS.items() if len(key) >= 3 and name.startswith(key)}
    if len(starts) == 1:
        return starts.pop()
    return _damaged_month(word) if len(key) >= 5 else None


_NOT_DIGIT = re.compile(r"[\s.,]")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text, with the span it came from (for context checks)."""

    value: date
    start: int
    end: int


def _digits(raw: str) -> str:
    return raw.replace("O", "0").replace("o", "0").replace("I", "1").replace("l", "1")


def _make(day: int, month: int, year: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """All plausible dates in ``text``, in reading order (overlaps removed, first match wins)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(value: date | None, start: int, end: int) -> None:
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(FoundDate(value, start, end))

    for m in _WORDED.finditer(text):
        day = int(_digits(_NOT_DIGIT.sub("", m.group(1))))  # the group may end in any space, a line break
        month, year = _MONTHS[m.group(2).lower()], int(_digits(m.group(3)))
        add(_make(day, month, year), m.start(), m.end())
    for m in _WORDED_DAMAGED.finditer(text):
        month_number = None if m.group(2).lower() in _MONTHS else _damaged_month(m.group(2))
        if month_number is not None:
            add(_make(int(_digits(m.group(1).strip(" ."))), month_number, int(_digits(m.group(3)))),
                m.start(), m.end())
    for m in _ISO.finditer(text):
        add(_make(int(_digits(m.group(3))), int(_digits(m.group(2))), int(_digits(m.group(1)))),
            m.start(), m.end())
    for m in _NUMERIC.finditer(text):
        day, month, year = (int(_digits(g)) for g in m.groups())
        add(_make(day, month, year), m.start(), m.end())
    for m in _LOOSE.finditer(text):
        seps = m.group(2) + m.group(4)
        if seps in ("--", ".,", ",."):
            add(_make(int(_digits(m.group(1))), int(_digits(m.group(3))), int(_digits(m.group(5)))),
                m.start(), m.end())
    found.sort(key=lambda f: f.start)
    return found


# "27,09,2025": both dots read as commas. Not a date in running text (a list of numbers looks so), but right after
# a date label it is one: the caller decides where it may stand
_TWO_COMMAS = re.compile(rf"^({_D}{{1,2}}),\s?({_D}{{1,2}}),\s?({_D}{{4}})(?![0-9,])")


def comma_date_end(text: str) -> int | None:
    """Where the date that starts ``text`` written with two commas ("27,09,2025") ends; None when ``text`` does
    not start so or the day does not exist."""
    m = _TWO_COMMAS.match(text)
    if m is None or _make(int(_digits(m.group(1))), int(_digits(m.group(2))), int(_digits(m.group(3)))) is None:
        return None
    return m.end()


def parse_date(text: str) -> date | None:
    """The first date in ``text`` or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None
