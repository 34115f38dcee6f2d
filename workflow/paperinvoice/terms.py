"""Due date from the payment terms of a paper invoice.

Order of evidence: a printed due date ("fällig am", "zahlbar bis", "ohne Abzug bis zum"; with Skonto the last,
"ohne Abzug", date wins) beats a relative term. "innerhalb von n Tagen" is turned into a date only when the text
says it counts from the invoice date; counted from receipt (or from nothing stated) the due date stays None.
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
    relative: list[tuple[int, str]] = []
    for sentence in _sentences(text):
        if not _PAY.search(sentence) or _NOT_PAYMENT.search(sentence):
            continue
        explicit.extend(d.value for d in find_dates(sentence))
        for m in _RELATIVE.finditer(sentence):
            raw = m.group(1)
            days = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw.lower())
            rest = m.group("rest") or ""
            if days is not None and not _SKONTO_NEAR.search(rest):
                relative.append((days, rest + " " + sentence))
    if invoice_date is not None:
        explicit = [d for d in explicit if d >= invoice_date]
    if explicit:
        return DueDate(max(explicit), "Fälligkeitsdatum im Text (bei Skonto das Datum ohne Abzug)")
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
    return DueDate(None, "keine Zahlungsfrist im Text gefunden")
