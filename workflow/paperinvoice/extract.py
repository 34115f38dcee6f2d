"""Read the fields of a paper invoice from OCR text (pure: text in, PaperInvoiceFields out)."""
from __future__ import annotations

import re
from datetime import date
from types import MappingProxyType

from workflow.paperinvoice.fields import PaperInvoiceFields
from workflow.paperinvoice.iban import find_iban
from workflow.paperinvoice.infoblock import pair_labels
from workflow.paperinvoice.invoicedate import find_invoice_date
from workflow.paperinvoice.invoicenumber import find_invoice_number
from workflow.paperinvoice.leitweg import find_leitweg_id
from workflow.paperinvoice.seller import find_seller
from workflow.paperinvoice.stamps import split_stamps
from workflow.paperinvoice.terms import find_due_date
from workflow.paperinvoice.totals import find_totals

MAX_TEXT_CHARS = 400_000

_CREDIT = re.compile(r"Gutschrift|Rechnungskorrektur|Stornorechnung|Erstattungsbetrag", re.IGNORECASE)
_EURO_IBAN_COUNTRIES = frozenset({"DE", "AT", "NL", "BE", "LU", "FR", "IT", "ES", "IE", "PT", "FI", "SK", "SI"})
_CURRENCIES = ("EUR", "CHF", "USD", "GBP", "PLN", "CZK", "DKK", "SEK")


class PaperInvoiceInputError(ValueError):
    """The text cannot be read as an invoice at all (not a str, or absurdly long)."""


def _currency(text: str, iban: str | None) -> tuple[str | None, str | None]:
    if "€" in text or re.search(r"\bEUR\b|\bEuro\b", text, re.IGNORECASE):
        return "EUR", None
    for code in _CURRENCIES[1:]:
        if re.search(rf"\b{code}\b", text):
            return code, None
    if iban is not None and iban[:2] in _EURO_IBAN_COUNTRIES:
        return "EUR", f"Währung nicht ausgewiesen: EUR angenommen (Konto in {iban[:2]}, Euro-Land)"
    return None, "Währung nicht angegeben"


def extract_invoice_fields(text: str, *, today: date | None = None) -> PaperInvoiceFields:
    """Invoice fields from OCR text. Each missing or failed field is None with a reason in ``problems``.

    ``today`` (default: the system date) bounds the plausible invoice dates (not later than a year ahead).

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

    seller = keep("seller_name", find_seller(lines))
    if isinstance(seller, str):
        seller = re.sub(r"^[^\wÄÖÜäöü]+|[^\w.)]+$", "", seller) or None
    stamped = split_stamps(lines)
    pairings = pair_labels(stamped.lines)
    found_date = find_invoice_date(stamped.lines, pairings, today or date.today(), stamped.stamp,
                                   stamped.suspects)
    inv_date = found_date.value
    stamp_dates = stamped.suspects | ({stamped.stamp} if stamped.stamp else set())
    found_number = find_invoice_number(stamped.lines, pairings, inv_date, frozenset(stamp_dates))
    number = keep("invoice_number", (found_number.value, found_number.reason))
    keep("invoice_date", (found_date.value, found_date.reason))
    due = find_due_date(text, inv_date)
    if due.value is None:
        problems["due_date"] = due.reason
    else:
        notes.append(f"due_date: {due.reason}")
    totals = find_totals(text, stamped.lines)
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
