"""The fields read from a paper (scanned) invoice, and their JSON form.

Everything here comes from OCR text: a person must verify it before payment (``needs_verification``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Mapping

FIELD_NAMES: tuple[str, ...] = (
    "seller_name", "invoice_number", "invoice_date", "due_date", "net", "vat", "gross", "currency", "iban",
    "leitweg_id",
)


@dataclass(frozen=True, slots=True)
class PaperInvoiceFields:
    """Invoice fields read from OCR text; a None field has its reason in ``problems``.

    source is always "paper" and needs_verification always True: OCR can misread, a person confirms.
    """

    seller_name: str | None
    invoice_number: str | None
    invoice_date: date | None
    due_date: date | None
    net: Decimal | None
    vat: Decimal | None
    gross: Decimal | None
    currency: str | None
    iban: str | None
    leitweg_id: str | None
    is_credit_note: bool = False
    problems: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[str, ...] = ()
    source: str = "paper"
    needs_verification: bool = True


def _json_value(value: object) -> Any:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    return value


def fields_to_json(f: PaperInvoiceFields) -> dict[str, Any]:
    """Exactly the ten invoice keys: dates ISO, amounts decimal strings ("1234.56"), missing -> None."""
    return {name: _json_value(getattr(f, name)) for name in FIELD_NAMES}
