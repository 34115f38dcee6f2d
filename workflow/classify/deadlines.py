"""Deadlines of deadline-critical mail (Fristsachen).

- Widerspruch: the one-month objection period (§ 70 VwGO) runs from notification of the contested Bescheid.
  Notification by post is deemed on the 3rd day after posting (§ 41 (2) VwVfG; 4th day for Bescheide dated from
  2025 on). We take the Bescheid date as posting date, add the notification days and one month, and move a
  Saturday/Sunday to Monday (§ 31 (3) VwVfG; public holidays are not known here). The letter date then shows
  whether the objection came in time.
- Gerichtspost: a date named as Frist/Termin ("Frist bis zum", "Termin ... am", "binnen ... bis") - the earliest.
- eEB (Empfangsbekenntnis): flagged; the date of return is "unverzüglich", no calendar date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from workflow.classify.features import fold
from workflow.paperinvoice.dates import find_dates

_BESCHEID_DATE = re.compile(r"(bescheid|verfugung|anordnung|schreiben|festsetzung)[^.\n]{0,80}?\bvom\b\s*", re.IGNORECASE)
_COURT_DEADLINE = re.compile(r"(frist|termin|bis zum|bis spatestens|spatestens (am|bis)|binnen|verhandlung|"
                             r"anzumelden|versteigert|stellungnahme)", re.IGNORECASE)
_EEB = re.compile(r"empfangsbekenntnis|\beeb\b")


@dataclass(frozen=True, slots=True)
class Deadline:
    value: date | None
    reason: str
    eeb: bool = False


def add_month(d: date) -> date:
    """Same day one month later; the month's last day when that day does not exist (§ 188 BGB)."""
    year, month = (d.year + 1, 1) if d.month == 12 else (d.year, d.month + 1)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _next_workday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def widerspruch_deadline(text: str) -> Deadline:
    """End of the objection period, from the date of the contested Bescheid named in the letter."""
    folded = fold(text.replace("\n", " "))
    original = text.replace("\n", " ")
    for m in _BESCHEID_DATE.finditer(folded):
        dates = [d for d in find_dates(original[m.end(): m.end() + 30]) if d.start < 3]
        if dates:
            issued = dates[0].value
            days = 4 if issued >= date(2025, 1, 1) else 3
            notified = issued + timedelta(days=days)
            end = _next_workday(add_month(notified))
            return Deadline(end, f"Widerspruchsfrist (§ 70 VwGO): Bescheid vom {issued:%d.%m.%Y}, Bekanntgabe am "
                                 f"{days}. Tag ({notified:%d.%m.%Y}) + 1 Monat = {end:%d.%m.%Y}; Eingang prüfen")
    return Deadline(None, "Widerspruch ohne erkennbares Bescheiddatum - Fristprüfung manuell (1 Monat ab Bekanntgabe)")


def court_deadline(text: str, letter_date: date | None = None) -> Deadline:
    """Earliest Frist/Termin date in a court letter, later than the letter date."""
    flat = text.replace("\n", " ")
    eeb = bool(_EEB.search(fold(flat)))
    candidates: list[tuple[date, str]] = []
    for sentence in re.split(r"(?<=[a-zäöüß)][.!?])\s+", flat):
        if not _COURT_DEADLINE.search(fold(sentence)):
            continue
        for d in find_dates(sentence):
            if letter_date is None or d.value > letter_date:
                candidates.append((d.value, sentence.strip()[:90]))
    if candidates:
        value, where = min(candidates)
        return Deadline(value, f"Frist/Termin aus dem Text: '{where}'", eeb)
    if eeb:
        return Deadline(None, "Empfangsbekenntnis angefordert: unverzüglich zurücksenden (kein Datum genannt)", True)
    return Deadline(None, "kein Frist- oder Termindatum im Text gefunden", False)


def general_deadline(text: str, letter_date: date | None = None) -> Deadline:
    """A 'bis zum DATE' reply deadline in a Bescheid or other official letter, if any."""
    flat = text.replace("\n", " ")
    for sentence in re.split(r"(?<=[a-zäöüß)][.!?])\s+", flat):
        if re.search(r"(bis zum|bis spatestens|frist|stellungnahme bis)", fold(sentence)):
            dates = [d.value for d in find_dates(sentence) if letter_date is None or d.value > letter_date]
            if dates:
                return Deadline(min(dates), f"Frist aus dem Text: '{sentence.strip()[:90]}'")
    return Deadline(None, "keine Frist im Text")


_DATE_LABEL = re.compile(r"(?<![a-z])(datum|date)\b[:\s]*$|(?<![a-z])(datum|date)\b", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[A-ZÄÖÜ][\w .()-]{1,40},\s*(den\s+)?(?=\d)")


def letter_date(text: str) -> date | None:
    """Date of the letter: 'Datum ...' in the info block, 'Ort, den ...', else the first date in the head."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:30]
    for i, line in enumerate(lines):
        m = _DATE_LABEL.search(line)
        if m and not re.search(r"(geburts|liefer|bestell|rechnungs)datum", line, re.IGNORECASE):
            found = find_dates(line[m.end():]) or (find_dates(lines[i + 1]) if i + 1 < len(lines) else [])
            if found:
                return found[0].value
        if _PLACE_DATE.match(line):
            found = find_dates(line)
            if found:
                return found[0].value
    found = find_dates("\n".join(lines))
    return found[0].value if found else None
