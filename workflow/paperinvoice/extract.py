"""Read the fields of a paper invoice from OCR text (pure: text in, PaperInvoiceFields out)."""
from __future__ import annotations

import re
from datetime import date
from types import MappingProxyType

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.fields import PaperInvoiceFields
from workflow.paperinvoice.iban import find_iban
from workflow.paperinvoice.leitweg import find_leitweg_id
from workflow.paperinvoice.terms import find_due_date
from workflow.paperinvoice.totals import find_totals

MAX_TEXT_CHARS = 400_000

_NUMBER_LABEL = re.compile(
    r"(?:Rechnungs?|Gutschrifts?|Beleg|Invoice|Rg\.?|Re\.?|Korrektur|Storno)[\s-]*"
    r"(?:nummer|nr\.?|no\.?|number|#)\s*:?|(?<![A-Za-zäöü-])(?:Nummer|Nr\.)\s*:?(?=\s|$)|"
    r"^(?:Rechnung|Gutschrift|Rechnungskorrektur)\s+(?:Nr\.?|Nummer|No\.?)?\s*:?",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER_VALUE = re.compile(r"^[:#\s]*([A-Z0-9ÄÖÜ][A-Z0-9ÄÖÜ/_.\-]*[0-9][A-Z0-9/_\-]*)(?=\s|$|[,;)])", re.IGNORECASE)
_NUMBER_STOP = re.compile(r"^(?:vom|datum|date|kunden|seite)", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"(?:Rechnungs|Gutschrifts?|Beleg|Ausstellungs|Invoice\s)[\s-]?datum|Rechnung\s+vom|Datum\s+der\s+Rechnung|"
    r"(?<![A-Za-zäöüß-])Datum\b|(?<![A-Za-zäöüß-])Date\b",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"^[A-ZÄÖÜ][\w .()-]{1,40},\s*(?:den\s+)?(?=\d)", re.MULTILINE)
_COMPANY = re.compile(
    r"\b(?:GmbH|AG|KG|OHG|GbR|UG|e\.\s?K\.?|e\.\s?V\.|mbH|PartG|SE|Inh\.|Ltd|Co\.)(?:\W|$)"
)
_SENDER_LINE = re.compile(r"^(.{3,80}?)\s*[·•|∙⋅]\s*.{3,60}?[·•|∙⋅,]\s*(?:D-)?\d{5}\s")
_CREDIT = re.compile(r"Gutschrift|Rechnungskorrektur|Stornorechnung|Erstattungsbetrag", re.IGNORECASE)
_CURRENCIES = ("EUR", "CHF", "USD", "GBP", "PLN", "CZK", "DKK", "SEK")


class PaperInvoiceInputError(ValueError):
    """The text cannot be read as an invoice at all (not a str, or absurdly long)."""


def _seller_name(lines: list[str]) -> tuple[str | None, str | None]:
    head = lines[:15]
    for line in head:
        m = _SENDER_LINE.match(line)
        if m:
            return m.group(1).strip(" ,-"), None
    for line in head:
        if _COMPANY.search(line) and len(line) <= 80 and not re.search(r"\d{5}", line):
            return line.strip(), None
    for line in head:
        if re.search(r"[A-Za-zÄÖÜäöü]{3}", line) and not re.search(r"rechnung|seite", line, re.IGNORECASE):
            return line.strip(), "Absender aus der ersten Zeile übernommen (kein Firmenzusatz erkannt) - prüfen"
    return None, "Absender nicht gefunden"


def _invoice_number(lines: list[str]) -> tuple[str | None, str | None]:
    for i, line in enumerate(lines[:60]):
        for m in _NUMBER_LABEL.finditer(line):
            rest = line[m.end():]
            if _NUMBER_STOP.match(rest.strip()):
                continue
            value = _NUMBER_VALUE.match(rest)
            if value is None and not rest.strip() and i + 1 < len(lines):
                value = _NUMBER_VALUE.match(lines[i + 1])
            if value is not None and not find_dates(value.group(1)):
                return value.group(1).rstrip(".-/"), None
    return None, "Rechnungsnummer nicht gefunden"


def _invoice_date(lines: list[str], text: str) -> tuple[date | None, str | None]:
    for priority in (0, 1):
        for i, line in enumerate(lines[:60]):
            m = _DATE_LABEL.search(line)
            if m is None or (priority == 0 and m.group(0).lower().startswith(("datum", "date"))):
                continue
            tail = line[m.end():]
            dates = find_dates(tail) or (find_dates(lines[i + 1]) if i + 1 < len(lines) else [])
            if dates:
                return dates[0].value, None
    m = _PLACE_DATE.search(text)
    if m:
        dates = find_dates(text[m.end(): m.end() + 25])
        if dates:
            return dates[0].value, None
    return None, "Rechnungsdatum nicht gefunden"


def _currency(text: str) -> tuple[str | None, str | None]:
    if "€" in text or re.search(r"\bEUR\b|\bEuro\b", text, re.IGNORECASE):
        return "EUR", None
    for code in _CURRENCIES[1:]:
        if re.search(rf"\b{code}\b", text):
            return code, None
    return None, "Währung nicht angegeben"


def extract_invoice_fields(text: str) -> PaperInvoiceFields:
    """Invoice fields from OCR text. Each missing or failed field is None with a reason in ``problems``.

    Raises PaperInvoiceInputError when ``text`` is not a string or is longer than MAX_TEXT_CHARS.
    """
    if not isinstance(text, str):
        raise PaperInvoiceInputError(f"Text erwartet, erhalten {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise PaperInvoiceInputError(
            f"Text mit {len(text)} Zeichen ist zu lang für eine Rechnung (Grenze {MAX_TEXT_CHARS}); "
            "Dokument trennen oder OCR-Ergebnis prüfen")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    problems: dict[str, str] = {}
    notes: list[str] = []

    def keep(name: str, result: tuple[object, str | None]) -> object:
        value, reason = result
        if reason:
            (problems.__setitem__(name, reason) if value is None else notes.append(f"{name}: {reason}"))
        return value

    seller = keep("seller_name", _seller_name(lines))
    number = keep("invoice_number", _invoice_number(lines))
    inv_date = keep("invoice_date", _invoice_date(lines, text))
    assert inv_date is None or isinstance(inv_date, date)
    due = find_due_date(text, inv_date)
    if due.value is None:
        problems["due_date"] = due.reason
    else:
        notes.append(f"due_date: {due.reason}")
    totals = find_totals(text)
    for name, reason in totals.reasons.items():
        problems[name] = reason
    currency = keep("currency", _currency(text))
    iban = find_iban(text)
    if iban.iban is None:
        problems["iban"] = iban.reason or "IBAN nicht gefunden"
    elif iban.reason:
        notes.append(f"iban: {iban.reason}")
    leitweg = find_leitweg_id(text)
    if leitweg.leitweg_id is None and leitweg.reason:
        problems["leitweg_id"] = leitweg.reason
    return PaperInvoiceFields(
        seller_name=seller if isinstance(seller, str) else None,
        invoice_number=number if isinstance(number, str) else None,
        invoice_date=inv_date,
        due_date=due.value,
        net=totals.net,
        vat=totals.vat,
        gross=totals.gross,
        currency=currency if isinstance(currency, str) else None,
        iban=iban.iban,
        leitweg_id=leitweg.leitweg_id,
        is_credit_note=bool(_CREDIT.search("\n".join(lines[:40]))),
        problems=MappingProxyType(problems),
        notes=tuple(notes),
    )
