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
    r"(?:Rechn[uüù]ngs?|Gutschrifts?|Beleg|Invoice|Rg\.?|Re\.?|Korrektur|Storno)[\s-]*"
    r"(?:nummer|nr\.?|no\.?|number|#)\s*:?|(?<![A-Za-zäöü-])(?:Nummer|Nr\.)\s*:?(?=\s|$)|"
    r"^(?:Rechnung|Gutschrift|Rechnungskorrektur)\s+(?:Nr\.?|Nummer|No\.?)?\s*:?",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER_VALUE = re.compile(r"^[:#\s]*([A-Z0-9ÄÖÜ][A-Z0-9ÄÖÜ/_.\-]*[0-9][A-Z0-9/_\-]*)(?=\s|$|[,;)])", re.IGNORECASE)
_ANY_LABEL = re.compile(
    r"(?:Rechn[uü]ngs?|Gutschrifts?|Beleg|Kunden|Auftrags|Bestell|Lieferschein|Vertrags|Re\.?|Rg\.?)[\s.-]*"
    r"(?:nummer|nr\.?|datum|konto)|"
    r"Rechnung\s+Nr\.?|(?<![A-Za-zäöü-])(?:Nummer|Datum|Debitor|Seite)\b|Ihre?\s+(?:Bestellung|Zeichen|Nachricht(?:\s+vom)?)|"
    r"Unser\s+Zeichen|Leitweg[\s-]*(?:ID|Nr\.?)|Kundennummer|Aktenzeichen",
    re.IGNORECASE,
)
_NUMBER_STOP = re.compile(r"^(?:vom|datum|date|kunden|seite)", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"(?:Rechn[uüù]ngs|Gutschrifts?|Beleg|Ausstellungs|Invoice\s)[\s-]?datum|Rechnung\s+vom|Datum\s+der\s+Rechnung|"
    r"(?<![A-Za-zäöüß-])Datum\b|(?<![A-Za-zäöüß-])Date\b",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"^[A-ZÄÖÜ][\w .()-]{1,40},\s*(?:den\s+)?(?=\d)", re.MULTILINE)
_COMPANY = re.compile(
    r"\b(?:GmbH|AG|KG|OHG|GbR|UG|e\.\s?K\.?|e\.\s?V\.|mbH|PartG|SE|Inh\.|Ltd|Co\.)(?:\W|$)"
)
_SENDER_LINE = re.compile(
    r"^(.{3,80}?)\s*[·•|∙⋅]\s*.{3,60}?[·•|∙⋅,]\s*(?:D-)?\d{5}\s|"
    # OCR often turns the middle dot into '-' or ':'; then the street must show its house number
    r"^(.{3,80}?)\s+[-–:]\s+[^\d]{3,50}\d+\s?[a-z]?\s+[-–:,]\s*(?:(?:D-)?\d{5}\b|$)"
)
_CREDIT = re.compile(r"Gutschrift|Rechnungskorrektur|Stornorechnung|Erstattungsbetrag", re.IGNORECASE)
_EURO_IBAN_COUNTRIES = frozenset({"DE", "AT", "NL", "BE", "LU", "FR", "IT", "ES", "IE", "PT", "FI", "SK", "SI"})
_CURRENCIES = ("EUR", "CHF", "USD", "GBP", "PLN", "CZK", "DKK", "SEK")


class PaperInvoiceInputError(ValueError):
    """The text cannot be read as an invoice at all (not a str, or absurdly long)."""


_RECIPIENT_WORDS = re.compile(
    r"^(?:An\s+(?:die|den|das)\b|z\.\s?Hd|Stadt\b|Gemeinde|Stadtverwaltung|Gemeindeverwaltung|Magistrat|Markt\b|"
    r"Verbandsgemeinde|Samtgemeinde|Kreisstadt|Große Kreisstadt|Landkreis|Amt\b|Kreisverwaltung|Landratsamt|"
    r"Rechnungseingang|Zentrale|Posteingang|Personalrat|Fachbereich|Fachdienst|FD\b|Bürgermeister)",
    re.IGNORECASE,
)
_STREET_CITY = re.compile(r"\S.*\d+\s*[a-z]?\s*[·•|,\-–]\s*(?:D-)?\d{5}\s+\S")


def _seller_name(lines: list[str]) -> tuple[str | None, str | None]:
    """Seller = letterhead name: the return-address line, the line above 'street · zip city', a name repeated in
    the footer, or a line with a company form - never a line of the recipient block."""
    head = lines[:20]
    for line in head:
        m = _SENDER_LINE.match(line)
        name = (m.group(1) or m.group(2)) if m else None
        if name and not _RECIPIENT_WORDS.match(name):
            return name.strip(" ,-"), None
    for prev, line in zip(head, head[1:]):
        if _STREET_CITY.match(line) and not _RECIPIENT_WORDS.match(prev) and not re.search(r"\d{5}", prev):
            return prev.strip(), None
    tail = {ln.split("  ")[0].strip() for ln in lines[-25:]}
    for line in head:
        if line in tail and not _RECIPIENT_WORDS.match(line) and re.search(r"[A-Za-zÄÖÜäöü]{3}", line) \
                and not re.search(r"\d", line):
            return line, None
    for line in head:
        if _COMPANY.search(line) and len(line) <= 80 and not re.search(r"\d{5}", line) and not _RECIPIENT_WORDS.match(line):
            return line.strip(), None
    return None, "Absender (Firmenname) nicht sicher erkannt - bitte ergänzen"


def _value_tokens(line: str) -> list[str]:
    """Cells of a value row: dates stay one cell ("22. Januar 2024"), other cells split at spaces."""
    cells: list[str] = []
    pos = 0
    for d in find_dates(line):
        cells.extend(line[pos:d.start].split())
        cells.append(line[d.start:d.end])
        pos = d.end
    cells.extend(line[pos:].split())
    return cells


def _from_header_row(line: str, label: re.Match[str], next_line: str) -> str | None:
    """Reference line (labels in a row, values in the next row): the value in the label's column."""
    labels = [m for m in _ANY_LABEL.finditer(line)]
    cells = _value_tokens(next_line)
    if len(labels) < 2 or len(cells) < len(labels):
        return None
    index = next((k for k, m in enumerate(labels) if m.start() <= label.start() < m.end() or
                  label.start() <= m.start() < label.end()), None)
    if index is None:
        return None
    if len(cells) == len(labels):
        return cells[index]
    if not line[labels[-1].end():].strip(" :"):
        # labels form the right-hand column (recipient text on the left): align cells from the right
        return cells[len(cells) - len(labels) + index]
    return None


def _invoice_number(lines: list[str]) -> tuple[str | None, str | None]:
    for i, line in enumerate(lines[:60]):
        for m in _NUMBER_LABEL.finditer(line):
            rest = line[m.end():]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            raw: str | None = _from_header_row(line, m, nxt)
            if raw is None and _NUMBER_STOP.match(rest.strip()):
                continue
            if raw is None:
                value = _NUMBER_VALUE.match(rest)
                raw = value.group(1) if value else None
            if raw is None and nxt:
                if not rest.strip():
                    cells = nxt.split()
                    # label at the end of a line beside another column: its value ends the next line
                    cand = cells[-1] if m.start() > 0 and cells else (cells[0] if cells else "")
                    v = _NUMBER_VALUE.match(cand)
                    raw = v.group(1) if v else None
            if raw is not None and _NUMBER_VALUE.match(raw) and not find_dates(raw):
                return raw.rstrip(".-/"), None
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


def _currency(text: str, iban: str | None) -> tuple[str | None, str | None]:
    if "€" in text or re.search(r"\bEUR\b|\bEuro\b", text, re.IGNORECASE):
        return "EUR", None
    for code in _CURRENCIES[1:]:
        if re.search(rf"\b{code}\b", text):
            return code, None
    if iban is not None and iban[:2] in _EURO_IBAN_COUNTRIES:
        return "EUR", f"Währung nicht ausgewiesen: EUR angenommen (Konto in {iban[:2]}, Euro-Land)"
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
    if isinstance(seller, str):
        seller = re.sub(r"^[^\wÄÖÜäöü]+|[^\w.)]+$", "", seller) or None
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
    iban = find_iban(text)
    currency = keep("currency", _currency(text, iban.iban))
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
