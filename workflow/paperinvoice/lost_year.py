"""An invoice date whose year OCR lost or damaged beyond reading: day and month after the label are sure.

"Datum: 30,08" (the year cut off), "Belegdatum: 23, Mai gfarkirchhaln" (the year run into a stamp's text),
"Rechnungsdatum: 19. Novembe," (month name cut, year gone), "Belegdatum: 12. März 2925" (a year no date has).
The year is taken only when exactly one year puts the date near the letter's other dates (the caller's
``close``: at most 120 days before the receipt stamp, or within 120 days of another date of the letter); a
numbered month must end the label's value (a day-and-month followed by more digits is rather an amount or a
reference). Only the value right after an invoice-date label on its own line is read, and only when no date
can be read there at all (a readable year, however odd, is the other checks' business).
Pure: lines and the closeness test in, date and reason or None out.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from workflow.paperinvoice.dates import find_dates, month_by_word
from workflow.paperinvoice.labels import LabelKind, label_values

LOOK_LINES = 30
YEARS_BACK = 10
# day, a dot or comma (or only a space before a worded month), then the month; what follows is checked apart
_DAY_MONTH = re.compile(r"^([0-9]{1,2})(?:\s?[.,]\s?([0-9]{1,2})(?=[.,]?\s*$)|\s?[.,]?\s?([A-Za-zÄÖÜäöü]{3,10}))")


@dataclass(frozen=True, slots=True)
class LostYear:
    """The completed date and what was printed."""

    value: date
    printed: str


def _day_month(segment: str) -> tuple[int, int, str] | None:
    m = _DAY_MONTH.match(segment)
    if m is None or find_dates(segment):
        return None
    day = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else month_by_word(m.group(3))
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return day, month, m.group(0)


def lost_year_date(lines: list[str], close: Callable[[date], bool], today: date) -> LostYear | None:
    """The first invoice-date label value in the letterhead that reads as day and month without a readable
    year, completed with the only year that ``close`` admits; None when no such value or not exactly one year."""
    for line in lines[:LOOK_LINES]:
        for segment in label_values(line, LabelKind.DATE):
            read = _day_month(segment)
            if read is None:
                continue
            day, month, printed = read
            plausible: set[date] = set()
            for year in range(today.year - YEARS_BACK, today.year + 2):
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if close(candidate):
                    plausible.add(candidate)
            if len(plausible) == 1:
                return LostYear(plausible.pop(), printed)
    return None
