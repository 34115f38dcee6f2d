"""Due date from the payment terms of a paper invoice.

Order of evidence: a printed due date ("fällig am", "zahlbar bis", "ohne Abzug bis zum"; with Skonto the last,
"ohne Abzug", date wins) beats a relative term. "innerhalb von n Tagen" is turned into a date only when the text
says it counts from the invoice date; counted from receipt (or from nothing stated) the due date stays None.
A Skonto deadline alone (the net date lost to a stamp or the margin) is no due date, nor is a printed date more
than MAX_TERM_DAYS after the invoice date (a misread year); both are reported with their reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from workflow.paperinvoice.dates import find_dates

_NUMBER_WORDS = {"sieben": 7, "acht": 8, "zehn": 10, "vierzehn": 14, "einundzwanzig": 21, "zwanzig": 20,
                 "dreißig": 30, "dreissig": 30, "fünfundvierzig": 45, "sechzig": 60, "neunzig": 90}
_PAY = re.compile(
    r"zahlbar|fällig|faellig|fallig|Fälligkeit|Zahlungsziel|Zahlungsbedingung|Zahlungsfrist|ohne\s+Abzug|"
    r"netto\s+Kasse|überweisen|uberweisen|Überweisung|Zahlungseingang|zu\s+zahlen|begleichen|Betrag\s+bis|"
    r"Ausgleich|ausgleichen|Zahlung\s+bis",
    re.IGNORECASE,
)
_NOT_PAYMENT = re.compile(r"Mängelrüge|Mangelruge|Reklamation|Widerruf|Lieferzeit|Leistungszeitraum|"
                          r"Liefer(?:datum|ung\s+am)|Gewährleistung|Skonto\s+bis", re.IGNORECASE)
_RELATIVE = re.compile(
    r"(?:(?:innerhalb|binnen|innert)\s+(?:von\s+)?)?(?<![\d,.])(\d{1,3}|[a-zäöüß]{4,})\s+(?:Kalender|Werk|Bank)?tag(?:e|en)?\b"
    r"(?P<rest>[^.;]{0,80})",
    re.IGNORECASE,
)
_SKONTO_NEAR = re.compile(r"^\W{0,3}(?:\d{1,2}(?:,\d+)?\s?%|mit\s+\d|abzüglich|abzgl|Skonto)", re.IGNORECASE)
_FROM_INVOICE_DATE = re.compile(r"(?:nach|ab|seit)\s+(?:dem\s+)?(?:Rechnungsdatum|Rechnungsstellung|"
                                r"Rechnungslegung|Ausstellung|Datum\s+der\s+Rechnung|Belegdatum|"
                                r"Ausstellungsdatum|Rechnungsausstellung)", re.IGNORECASE)
_FROM_RECEIPT = re.compile(r"(?:nach|ab|seit)\s+(?:dem\s+)?(?:Rechnungseingang|Rechnungserhalt|Erhalt|Eingang|"
                           r"Zugang|Empfang|Zustellung)", re.IGNORECASE)


# a payment term longer than this is an OCR misreading of the due date's year ("29.5.2028" for 2025), not a term
MAX_TERM_DAYS = 180
# a cash discount: "Skonto" or a rate that is not the VAT's ("2 %", "3,5%"; not "19 % USt")
_DISCOUNT = re.compile(r"Skonto|\b\d{1,2}(?:,\d+)?\s?%(?!\s*(?:USt|MwSt|Umsatz|Mehrwert))", re.IGNORECASE)
_NET_TERM = re.compile(r"netto|ohne\s+Abzug|Nettobetrag", re.IGNORECASE)


def _split_skonto_dates(sentence: str) -> tuple[list[date], list[date]]:
    """(the dates of a payment sentence that may be the due date, its Skonto deadlines). A date is the Skonto's
    when a discount stands after it up to the next date ("Bei Zahlung bis 20. Mai 2025 gewähren wir 2 % Skonto"),
    or before it since the previous date with no net term around it ("2 % Skonto bei Zahlung bis 20.05.2025"; not
    "mit 2 % Skonto oder bis 30.04.2025 netto"): when OCR or a stamp lost the rest of the sentence ("..., rein
    netto bis 27. Mai 2025"), the Skonto date is no due date."""
    found = find_dates(sentence)
    out: list[date] = []
    skonto: list[date] = []
    for k, hit in enumerate(found):
        before = sentence[found[k - 1].end if k else 0:hit.start]
        after = sentence[hit.end:found[k + 1].start if k + 1 < len(found) else len(sentence)]
        if _DISCOUNT.search(after) or (_DISCOUNT.search(before) and not _NET_TERM.search(before + after)):
            skonto.append(hit.value)
        else:
            out.append(hit.value)
    return out, skonto


@dataclass(frozen=True, slots=True)
class DueDate:
    """The due date or None, and the reason either way."""

    value: date | None
    reason: str


_MONTH_END = re.compile(r"\b\d{1,2}\.\s*(Jan|Feb|M[aä]r|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*$")
_MONTH_START = re.compile(r"^(Jan|Feb|M[aä]r|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\b")


def _sentences(text: str) -> list[str]:
    """Sentences, re-joining lines a narrow column or OCR broke ("bis zum 9." / "Juli 2025"), but not table rows."""
    units: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        continues = bool(units) and not units[-1].endswith((".", "!", "?", ":")) and (
            line[0].islower() or bool(_MONTH_START.match(line)))
        broken_date = bool(units) and bool(re.search(r"\b\d{1,2}\.$", units[-1])) and bool(_MONTH_START.match(line))
        dangling = bool(units) and bool(re.search(r"\b(zum|am|bis|vom|den|spätestens|spatestens|von|zahlbar|ab)$",
                                                  units[-1], re.IGNORECASE))
        month_end = bool(units) and bool(_MONTH_END.search(units[-1])) and line[:4].isdigit()
        if continues or broken_date or dangling or month_end:
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    out: list[str] = []
    for unit in units:
        out.extend(s for s in re.split(r"(?<=[a-zäöüß)][.!?])\s+(?=[A-ZÄÖÜ§])", unit) if s)
    return out


def find_due_date(text: str, invoice_date: date | None) -> DueDate:
    """Due date of the invoice; see the module text for the rules."""
    explicit: list[date] = []
    skonto_dates: list[date] = []
    relative: list[tuple[int, str]] = []
    for sentence in _sentences(text):
        if not _PAY.search(sentence) or _NOT_PAYMENT.search(sentence):
            continue
        dates, discount = _split_skonto_dates(sentence)
        explicit.extend(dates)
        skonto_dates.extend(discount)
        for m in _RELATIVE.finditer(sentence):
            raw = m.group(1)
            days = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw.lower())
            rest = m.group("rest") or ""
            if days is not None and not _SKONTO_NEAR.search(rest):
                relative.append((days, rest + " " + sentence))
    far: list[date] = []
    if invoice_date is not None:
        far = [d for d in explicit if (d - invoice_date).days > MAX_TERM_DAYS]
        explicit = [d for d in explicit if invoice_date <= d and d not in far]
    if explicit:
        return DueDate(max(explicit), "Fälligkeitsdatum im Text (bei Skonto das Datum ohne Abzug)")
    if far:
        return DueDate(None, f"gelesenes Fälligkeitsdatum {max(far):%d.%m.%Y} liegt mehr als {MAX_TERM_DAYS} Tage "
                             "nach dem Rechnungsdatum - wohl falsch gelesen, am Original prüfen")
    relative.sort(key=lambda r: -r[0])  # the net term is the longest; Skonto terms are shorter
    for days, rest in relative[:1]:
        if _FROM_RECEIPT.search(rest):
            return DueDate(None, f"Zahlungsziel {days} Tage ab Rechnungseingang: Datum hängt vom Eingang ab")
        if _FROM_INVOICE_DATE.search(rest):
            if invoice_date is None:
                return DueDate(None, f"Zahlungsziel {days} Tage ab Rechnungsdatum, aber Rechnungsdatum fehlt")
            return DueDate(invoice_date + timedelta(days=days),
                           f"berechnet: Rechnungsdatum + {days} Tage (laut Zahlungsbedingung)")
    if relative:
        return DueDate(None, f"Zahlungsziel {relative[0][0]} Tage ohne Bezugsdatum: nicht berechnet")
    if skonto_dates:
        return DueDate(None, f"nur die Skontofrist ({max(skonto_dates):%d.%m.%Y}) lesbar, das Datum ohne Abzug "
                             "nicht - am Original prüfen")
    return DueDate(None, "keine Zahlungsfrist im Text gefunden")
