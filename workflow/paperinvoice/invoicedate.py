"""The invoice date: labelled candidates, checked against the letter's other dates, repaired only uniquely.

Evidence in order: an invoice-date label ("Rechnungsdatum" before "Belegdatum" before a bare "Datum"), then the
place-and-date line ("Köln, den 3. März 2025"), then a subject "Rechnung Nr. X vom D" (never "zu Rechnung X vom
D", which names an older invoice), then the only date of the letterhead that no label claims; when none of these
is found, the one date of the unlabelled row right under the invoice number's row (its label unread). Dates of
delivery, service, order, due or receipt labels are not invoice dates.

Plausibility: the invoice date may not lie after the receipt stamp, nor more than a year before it; without a
stamp it must lie within two years of the letter's other dates; it is never later than ``today`` + 1 year.
An implausible date is repaired only when exactly one repair is plausible and near the other dates (at most
120 days before the stamp, or within 120 days of another date): OCR digit look-alikes (0/8/6, 3/8,
5/6, 1/7) or, when the year alone is damaged ("2098") and the date is impossible by itself or by the stamp,
the year of the surrounding dates (a clean year far from one other date is not repaired: that date may be the
cut one). Otherwise the date is None with the reason. A labelled date whose year lost its last digit
("27. September 202!") is completed only when no other candidate was found and exactly one year of the decade
is near the letter's other dates; failing that, a labelled day and month whose year is lost or unreadable
("Datum: 30,08", "19. Novembe,", "12. März 2925") take the one year near those dates (lost_year). A date after
the stamp that a one-digit misreading of the stamp would admit is kept only when a payment date of the letter
lies exactly a common term (7, 10, 14, 21, 30 days) after it. A date the OCR stage marked unsure (U+FFFD after
it: it touches a receipt stamp and a look at its box did not confirm it, workflow.ocr.stampnear) is None with that
reason.
Pure: lines, pairings and today in; date or None and reason out.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from workflow.paperinvoice.dates import FoundDate, find_dates, parse_date
from workflow.paperinvoice.infoblock import Pairing
from workflow.paperinvoice.invoicenumber import DOUBT_MARK
from workflow.paperinvoice.labels import LabelKind, classify_label, find_labels, label_values
from workflow.paperinvoice.lost_year import lost_year_date

_PLACE_DATE = re.compile(r"^[A-ZÄÖÜ][\w .()/-]{1,40},\s*(?:den\s+|am\s+)?(?=\d)")
_SUBJECT_VOM = re.compile(r"^(?:Rechnung|Gutschrift|Rechnungskorrektur|Schlussrechnung|RECHNUNG|GUTSCHRIFT)\b"
                          r"[^\n]{0,40}?\bvom\s+(?=\d)")
_SIMILAR_DIGITS = {"0": "86", "8": "036", "6": "085", "3": "8", "5": "6", "1": "7", "7": "1", "9": "8"}
# a date whose year lost its last digit ("27. September 202!", "11.April 202", "23.06.202"): day and month sure
_CUT_YEAR = re.compile(r"^([0-9]{1,2})\.?\s*(?:([0-9]{1,2})\.|([A-Za-zÄÖÜäöü]{3,10})\.?)\s*(20[0-9])(?:[^0-9]|$)")
MAX_BEFORE_STAMP = timedelta(days=366)
CONTEXT_SPAN = timedelta(days=730)
REPAIR_SPAN = timedelta(days=120)
UNCLAIMED_LINES = 30
# "Best. 8263 vom 02.07.25": a date another document's word refers back to; OCR reads "vom" as "vorn" (rn for m)
_REFERS_BACK = re.compile(r"\b(?:vom|vorn|am|bis|ab)\s*$", re.IGNORECASE)
OTHERS_YEARS = 10  # other dates of the letter count as context only within this many years before today
# a payment or Skonto date ("Bei Zahlung bis 2.10.2025", "netto bis", "Fälligkeit:", "fällig am") counts its days
# from the invoice date; the common terms differ pairwise by 3, 4, 7, 9, 11 days or more, never by a one-digit OCR
# misreading's shift of a day (+1 5->6, +2 6->8, +5 3->8, +6 0->6 or 1->7, +8 0->8), so a date that lies exactly a
# common term before one of them was read as printed
_TERM_BEFORE = re.compile(r"(?:\bbis(?:\s+zum)?|Fälligkeit:?|fällig(?:\s+am)?)\s*$", re.IGNORECASE)
COMMON_TERMS = frozenset({7, 10, 14, 21, 30})


@dataclass(frozen=True, slots=True)
class DateResult:
    """The invoice date or None, and a reason (why None, or which repair was made)."""

    value: date | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class DateContext:
    """What the rest of the letter says about time: the receipt stamp and the other dates printed."""

    stamp: date | None
    others: tuple[date, ...]
    today: date
    terms: tuple[date, ...] = ()  # payment and Skonto dates ("Zahlung bis 2.10.2025")

    def problem(self, d: date) -> str | None:
        """Why ``d`` cannot be the invoice date, or None when it is plausible."""
        if d > self.today + timedelta(days=366):
            return f"liegt nach {self.today.year + 1}"
        if d.year < 1990:
            return "liegt vor 1990"
        if self.stamp is not None:
            if d > self.stamp:
                return f"liegt nach dem Eingangsstempel {self.stamp:%d.%m.%Y}"
            if self.stamp - d > MAX_BEFORE_STAMP:
                return f"liegt über ein Jahr vor dem Eingangsstempel {self.stamp:%d.%m.%Y}"
            return None
        near = [o for o in self.others if abs(o - d) <= CONTEXT_SPAN]
        if self.others and not near:
            return "passt zu keinem anderen Datum des Schreibens (über zwei Jahre entfernt)"
        return None

    def close(self, d: date) -> bool:
        """A repaired date must be plausible and near the letter's dates: at most REPAIR_SPAN before the stamp,
        or within REPAIR_SPAN of another date printed in the letter."""
        if self.problem(d) is not None:
            return False
        if self.stamp is not None:
            return self.stamp - d <= REPAIR_SPAN
        return any(abs(o - d) <= REPAIR_SPAN for o in self.others)


def context(lines: list[str], pairings: list[Pairing], today: date, stamp: date | None) -> DateContext:
    """The receipt stamp and all other dates of the letter (invoice-date labels excluded)."""
    used = {p.line for p in pairings if p.kind is LabelKind.DATE}
    # a date far from today ("7.1.97" in a reference) says nothing about this letter's time
    others = tuple(d.value for i, line in enumerate(lines) if i not in used for d in find_dates(line)
                   if today.year - OTHERS_YEARS <= d.value.year <= today.year + 1 and not _century_cut(line, d))
    if stamp is not None and others and all(abs(o - stamp) > MAX_BEFORE_STAMP for o in others):
        stamp = None  # a stamp a year away from every date of the letter was misread ("03.03.23" for "...25")
    terms = tuple(d.value for line in lines for d in find_dates(line) if _TERM_BEFORE.search(line[:d.start]))
    return DateContext(stamp, others, today, terms)


def _century_cut(line: str, found: FoundDate) -> bool:
    """True for a date whose year is "20" at the end of its line ("vom 28.03.20"): rather "2025" cut at the page
    or scan edge than 2020, so it says nothing about the letter's time."""
    return line[found.start:found.end].endswith(".20") and not line[found.end:].strip()


def _term_confirms(d: date, ctx: DateContext) -> int | None:
    """The common payment term (days) after which one of the letter's payment dates follows ``d``, or None."""
    for t in ctx.terms:
        if (t - d).days in COMMON_TERMS:
            return (t - d).days
    return None


def _stamp_misread(d: date, ctx: DateContext) -> bool:
    """True when ``d`` conflicts only with the stamp and a one-digit OCR variant of the stamp would admit it:
    then the stamp may be the misread one and no repair of ``d`` is sure."""
    if ctx.stamp is None or ctx.problem(d) is None or DateContext(None, ctx.others, ctx.today).problem(d):
        return False
    return any(v >= d and v - d <= MAX_BEFORE_STAMP for v in _digit_variants(f"{ctx.stamp:%d.%m.%Y}"))


def _digit_variants(printed: str) -> set[date]:
    """Dates reachable by changing one or two digits into OCR look-alikes."""
    positions = [i for i, ch in enumerate(printed) if ch in _SIMILAR_DIGITS]
    out: set[date] = set()
    for count in (1, 2):
        for chosen in itertools.combinations(positions, count):
            options = [_SIMILAR_DIGITS[printed[i]] for i in chosen]
            for repl in itertools.product(*options):
                chars = list(printed)
                for i, ch in zip(chosen, repl):
                    chars[i] = ch
                d = parse_date("".join(chars))
                if d is not None:
                    out.add(d)
    return out


def _year_from_context(d: date, ctx: DateContext) -> set[date]:
    years = {o.year for o in ctx.others} | ({ctx.stamp.year} if ctx.stamp else set())
    out: set[date] = set()
    for year in years | {y - 1 for y in years}:
        try:
            out.add(d.replace(year=year))
        except ValueError:
            continue
    return out


def _year_refuted(d: date, ctx: DateContext) -> bool:
    """True when ``d`` is impossible by itself (after next year, before 1990) or by the receipt stamp: only then
    may its year be taken from the other dates. A well-read year that merely lies far from another date of the
    letter ("vom 28.03.20", a year cut to its century) is no evidence against itself."""
    return DateContext(ctx.stamp, (), ctx.today).problem(d) is not None


def check(printed: str, ctx: DateContext) -> DateResult:
    """The date printed as ``printed`` if plausible, else its unique plausible repair, else None and why."""
    d = parse_date(printed)
    problem = "ist kein gültiges Datum" if d is None else ctx.problem(d)
    if problem is None:
        return DateResult(d, None)
    if d is not None and _stamp_misread(d, ctx):
        term = _term_confirms(d, ctx)
        if term is not None:
            return DateResult(d, f"Rechnungsdatum {printed} {problem}; das Zahlungsziel liegt genau {term} Tage "
                                 "danach, der Stempel ist wohl falsch gelesen - bitte prüfen")
        return DateResult(None, f"Rechnungsdatum {printed} {problem}; Datum oder Stempel falsch gelesen - "
                                "bitte am Original prüfen")
    repairs = [("OCR-Ziffernverwechslung", _digit_variants(printed))]
    if d is not None and _year_refuted(d, ctx):
        repairs.append(("Jahr aus den übrigen Daten des Schreibens", _year_from_context(d, ctx)))
    for how, variants in repairs:
        plausible = {v for v in variants if ctx.close(v)}
        if len(plausible) == 1:
            fixed = plausible.pop()
            return DateResult(fixed, f"Rechnungsdatum {printed} {problem}; korrigiert zu {fixed:%d.%m.%Y} ({how}, "
                                     "einzige plausible Variante) - bitte prüfen")
    return DateResult(None, f"Rechnungsdatum {printed} {problem}; keine eindeutige Korrektur - "
                            "bitte am Original prüfen")


def _candidates(lines: list[str], pairings: list[Pairing]) -> list[str]:
    """Printed dates in order of evidence: labelled, place-and-date line, subject "vom", lone letterhead date."""
    labelled = sorted((p for p in pairings if p.kind is LabelKind.DATE and find_dates(p.value)),
                      key=lambda p: p.rank)
    out = [p.value for p in labelled]
    for line in lines[:60]:
        for pattern in (_PLACE_DATE, _SUBJECT_VOM):
            m = pattern.match(line)
            if m is None or pattern is _PLACE_DATE and classify_label(line[:m.end()].rstrip(", ")) is not None:
                continue
            found = find_dates(line[m.end():m.end() + 30])
            if found and found[0].start == 0:
                out.append(line[m.end() + found[0].start:m.end() + found[0].end])
    loose = _unclaimed(lines, pairings)
    if len(loose) == 1:
        out.append(loose[0])
    return out


def _unclaimed(lines: list[str], pairings: list[Pairing]) -> list[str]:
    """Dates of the letterhead (first UNCLAIMED_LINES lines) that no label claims and no "vom" refers back to."""
    claimed = {(p.line, p.value) for p in pairings}
    labelled_lines = {p.line for p in pairings if p.how == "same line"}
    out: list[str] = []
    for i, line in enumerate(lines[:UNCLAIMED_LINES]):
        for d in find_dates(line):
            printed = line[d.start:d.end]
            refers_back = _REFERS_BACK.search(line[:d.start])
            if (i, printed) in claimed or i in labelled_lines or refers_back:
                continue
            out.append(printed)
    return out


def _cut_year_dates(lines: list[str], ctx: DateContext) -> DateResult | None:
    """An invoice-date label on its line followed by a date whose year lost its last digit ("202!"): the day and
    month are read, the decade is "202"; taken only when exactly one year of that decade is plausible and near
    the letter's other dates (DateContext.close)."""
    for line in lines[:UNCLAIMED_LINES]:
        for segment in label_values(line, LabelKind.DATE):
            m = _CUT_YEAR.match(segment)
            if m is None or find_dates(segment[:m.end()]):
                continue
            day = m.group(1)
            month = m.group(2) or m.group(3)
            shape = "{}. {} {}{}" if m.group(3) else "{}.{}.{}{}"
            plausible = {d for digit in "0123456789"
                         if (d := parse_date(shape.format(day, month, m.group(4), digit))) is not None and ctx.close(d)}
            if len(plausible) == 1:
                fixed = plausible.pop()
                return DateResult(fixed, f"Rechnungsdatum {segment[:m.end()].strip()} ohne letzte Jahresziffer; "
                                         f"gelesen als {fixed:%d.%m.%Y} (einziges plausibles Jahr) - bitte prüfen")
    return None


def _below_number(lines: list[str], pairings: list[Pairing]) -> list[str]:
    """The one date of the row right under an invoice number printed beside its label, when that row has no label
    OCR could read ("Rechnungsnummer: 202511-890" over "Rechnungstrliüßl: 2025-09-17": DIN 5008 info blocks
    put the invoice date under the number), the date ends the row and no word refers it back ("Lieferung vom
    ...")."""
    out: list[str] = []
    for k in sorted({p.line for p in pairings if p.kind is LabelKind.NUMBER and p.how == "same line"}):
        if k + 1 >= len(lines) or find_labels(lines[k + 1]):
            continue
        row = lines[k + 1]
        found = find_dates(row)
        # the date ends the row, as a value of the info block does ("(26.7.2025) noch nicht bezahlt wurde." in a
        # dunning letter is a sentence about the invoice's date)
        if len(found) == 1 and not _REFERS_BACK.search(row[:found[0].start]) and \
                not any(ch.isalnum() for ch in row[found[0].end:]):
            out.append(row[found[0].start:found[0].end])
    return out


def find_invoice_date(lines: list[str], pairings: list[Pairing], today: date, stamp: date | None,
                      stamp_suspects: frozenset[date] = frozenset()) -> DateResult:
    """The invoice date (``lines`` without the receipt stamp, whose date is ``stamp``); see the module text.
    A candidate in ``stamp_suspects`` (dates printed beside a torn stamp word) may be the stamp's and is skipped;
    when it is the surest candidate, the date is None (the stamp lies on the invoice date: lesser candidates
    are no surer)."""
    ctx = context(lines, pairings, today, stamp)
    first_problem: str | None = None
    for k, printed in enumerate(_candidates(lines, pairings)):
        if any(printed + DOUBT_MARK in line for line in lines):
            return DateResult(None, f"Rechnungsdatum {printed} unsicher: berührt den Eingangsstempel und erneut "
                                    "gelesen nicht bestätigt - bitte am Original ablesen")
        result = check(printed, ctx)
        if result.value is not None and result.value in stamp_suspects:
            suspect = (f"Rechnungsdatum {printed} steht neben einem Eingangsstempel und ist vielleicht dessen "
                       "Datum - bitte am Original prüfen")
            if k == 0:
                # the surest candidate may be the stamp's date: then the stamp lies on the invoice date, and a
                # lesser candidate (another reading of that place, a letterhead date) is no surer
                return DateResult(None, suspect)
            first_problem = first_problem or suspect
            continue
        if result.value is not None:
            return result
        first_problem = first_problem or result.reason
    if first_problem is None:
        cut = _cut_year_dates(lines, ctx)
        if cut is not None:
            return cut
        lost = lost_year_date(lines, ctx.close, today)
        if lost is not None:
            return DateResult(lost.value, f"Rechnungsdatum {lost.printed} ohne lesbares Jahr; gelesen als "
                                          f"{lost.value:%d.%m.%Y} (einziges Jahr nahe den übrigen Daten) - "
                                          "bitte prüfen")
    below = _below_number(lines, pairings)
    if first_problem is None and len(below) == 1 and not any(below[0] + DOUBT_MARK in line for line in lines):
        result = check(below[0], ctx)
        if result.value is not None and result.value not in stamp_suspects:
            return DateResult(result.value, f"Rechnungsdatum {below[0]} ohne lesbare Bezeichnung: Zeile unter der "
                                            f"Rechnungsnummer - bitte prüfen" + (f"; {result.reason}" if result.reason
                                                                                 else ""))
        first_problem = result.reason
    return DateResult(None, first_problem or "Rechnungsdatum nicht gefunden - bitte am Original ablesen")
