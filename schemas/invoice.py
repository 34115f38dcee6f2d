"""The EN 16931 semantic invoice: a frozen value per business group (BG-*), fields named after the terms.

Every amount is a ``Decimal``, every date a ``datetime.date``; a term that is absent in the source is ``None``
(or an empty tuple for repeatable groups). The model is syntax-neutral: UBL, CII, ZUGFeRD and paper (OCR)
invoices all end up here; ``source`` says where it came from and ``needs_verification`` is True when a person
must confirm the values (paper/OCR).

``invoice_to_dict`` / ``invoice_from_dict`` give a JSON-safe round trip (Decimal -> str, date -> ISO string,
bytes -> base64) for events and storage. ``InvoiceSummary`` is the short view used for approval and payment.
"""

from __future__ import annotations

import base64
import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class InvoiceSource(StrEnum):
    """Where the invoice values come from."""

    XRECHNUNG_UBL = "xrechnung-ubl"
    XRECHNUNG_CII = "xrechnung-cii"
    ZUGFERD = "zugferd"
    PAPER = "paper"


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier with its optional scheme (e.g. BT-29 with BT-29-1, BT-34 with BT-34-1)."""

    value: str
    scheme_id: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """Postal address (BG-5 seller, BG-8 buyer, BG-12 tax representative, BG-15 deliver-to)."""

    line1: str | None = None  # BT-35 / BT-50 / BT-64 / BT-75
    line2: str | None = None  # BT-36 / BT-51 / BT-65 / BT-76
    line3: str | None = None  # BT-162 / BT-163 / BT-164 / BT-165
    city: str | None = None  # BT-37 / BT-52 / BT-66 / BT-77
    post_code: str | None = None  # BT-38 / BT-53 / BT-67 / BT-78
    subdivision: str | None = None  # BT-39 / BT-54 / BT-68 / BT-79
    country_code: str | None = None  # BT-40 / BT-55 / BT-69 / BT-80


@dataclass(frozen=True, slots=True)
class Contact:
    """Contact (BG-6 seller contact, BG-9 buyer contact)."""

    name: str | None = None  # BT-41 / BT-56
    phone: str | None = None  # BT-42 / BT-57
    email: str | None = None  # BT-43 / BT-58


@dataclass(frozen=True, slots=True)
class Party:
    """Seller (BG-4) or buyer (BG-7)."""

    name: str | None = None  # BT-27 / BT-44
    trading_name: str | None = None  # BT-28 / BT-45
    identifiers: tuple[Identifier, ...] = ()  # BT-29 / BT-46 (with scheme BT-29-1 / BT-46-1)
    legal_registration_id: Identifier | None = None  # BT-30 / BT-47
    vat_id: str | None = None  # BT-31 / BT-48
    tax_registration_id: str | None = None  # BT-32 (seller tax number, "Steuernummer")
    legal_info: str | None = None  # BT-33 (seller additional legal information)
    electronic_address: Identifier | None = None  # BT-34 / BT-49 (scheme BT-34-1 / BT-49-1)
    address: Address | None = None  # BG-5 / BG-8
    contact: Contact | None = None  # BG-6 / BG-9


@dataclass(frozen=True, slots=True)
class Payee:
    """Payee (BG-10), when different from the seller."""

    name: str | None = None  # BT-59
    identifier: Identifier | None = None  # BT-60
    legal_registration_id: Identifier | None = None  # BT-61


@dataclass(frozen=True, slots=True)
class TaxRepresentative:
    """Seller tax representative party (BG-11)."""

    name: str | None = None  # BT-62
    vat_id: str | None = None  # BT-63
    address: Address | None = None  # BG-12


@dataclass(frozen=True, slots=True)
class Period:
    """A period (BG-14 invoicing period, BG-26 line period)."""

    start: date | None = None  # BT-73 / BT-134
    end: date | None = None  # BT-74 / BT-135


@dataclass(frozen=True, slots=True)
class Delivery:
    """Delivery information (BG-13)."""

    party_name: str | None = None  # BT-70
    location_id: Identifier | None = None  # BT-71
    actual_date: date | None = None  # BT-72
    address: Address | None = None  # BG-15


@dataclass(frozen=True, slots=True)
class CreditTransfer:
    """Credit transfer (BG-17)."""

    account_id: str  # BT-84 (IBAN for SEPA)
    account_name: str | None = None  # BT-85
    service_provider_id: str | None = None  # BT-86 (BIC)


@dataclass(frozen=True, slots=True)
class CardPayment:
    """Payment card information (BG-18)."""

    account_number: str  # BT-87 (last digits of the PAN only)
    holder_name: str | None = None  # BT-88


@dataclass(frozen=True, slots=True)
class DirectDebit:
    """Direct debit (BG-19)."""

    mandate_reference: str | None = None  # BT-89
    creditor_id: str | None = None  # BT-90
    debited_account: str | None = None  # BT-91


@dataclass(frozen=True, slots=True)
class PaymentInstructions:
    """Payment instructions (BG-16)."""

    means_code: str | None = None  # BT-81
    means_text: str | None = None  # BT-82
    remittance_information: str | None = None  # BT-83
    credit_transfers: tuple[CreditTransfer, ...] = ()  # BG-17
    card: CardPayment | None = None  # BG-18
    direct_debit: DirectDebit | None = None  # BG-19


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """Document level allowance (BG-20) / charge (BG-21), or line level (BG-27 / BG-28)."""

    is_charge: bool
    amount: Decimal | None = None  # BT-92 / BT-99 / BT-136 / BT-141
    base_amount: Decimal | None = None  # BT-93 / BT-100 / BT-137 / BT-142
    percentage: Decimal | None = None  # BT-94 / BT-101 / BT-138 / BT-143
    vat_category: str | None = None  # BT-95 / BT-102 (document level only)
    vat_rate: Decimal | None = None  # BT-96 / BT-103 (document level only)
    reason: str | None = None  # BT-97 / BT-104 / BT-139 / BT-144
    reason_code: str | None = None  # BT-98 / BT-105 / BT-140 / BT-145


@dataclass(frozen=True, slots=True)
class DocumentTotals:
    """Document totals (BG-22)."""

    line_net_total: Decimal | None = None  # BT-106
    allowance_total: Decimal | None = None  # BT-107
    charge_total: Decimal | None = None  # BT-108
    total_without_vat: Decimal | None = None  # BT-109
    vat_total: Decimal | None = None  # BT-110
    vat_total_accounting_currency: Decimal | None = None  # BT-111
    total_with_vat: Decimal | None = None  # BT-112
    prepaid: Decimal | None = None  # BT-113
    rounding: Decimal | None = None  # BT-114
    amount_due: Decimal | None = None  # BT-115


@dataclass(frozen=True, slots=True)
class VatBreakdown:
    """VAT breakdown (BG-23), one per VAT category and rate."""

    taxable_amount: Decimal | None = None  # BT-116
    tax_amount: Decimal | None = None  # BT-117
    category_code: str | None = None  # BT-118
    rate: Decimal | None = None  # BT-119
    exemption_reason: str | None = None  # BT-120
    exemption_reason_code: str | None = None  # BT-121


@dataclass(frozen=True, slots=True)
class Attachment:
    """Additional supporting document (BG-24)."""

    reference: str | None = None  # BT-122
    description: str | None = None  # BT-123
    uri: str | None = None  # BT-124 (external location)
    content: bytes | None = None  # BT-125 (attached document, decoded)
    mime_code: str | None = None  # BT-125-1
    filename: str | None = None  # BT-125-2


@dataclass(frozen=True, slots=True)
class Note:
    """Invoice note (BG-1)."""

    text: str  # BT-22
    subject_code: str | None = None  # BT-21


@dataclass(frozen=True, slots=True)
class PrecedingInvoice:
    """Preceding invoice reference (BG-3)."""

    number: str  # BT-25
    issue_date: date | None = None  # BT-26


@dataclass(frozen=True, slots=True)
class ItemAttribute:
    """Item attribute (BG-32)."""

    name: str  # BT-160
    value: str | None = None  # BT-161


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """Invoice line (BG-25) with price details (BG-29), VAT (BG-30) and item information (BG-31)."""

    line_id: str | None = None  # BT-126
    note: str | None = None  # BT-127
    object_id: Identifier | None = None  # BT-128
    quantity: Decimal | None = None  # BT-129
    unit_code: str | None = None  # BT-130
    net_amount: Decimal | None = None  # BT-131
    order_line_reference: str | None = None  # BT-132
    accounting_reference: str | None = None  # BT-133
    period: Period | None = None  # BG-26 (BT-134, BT-135)
    allowances_charges: tuple[AllowanceCharge, ...] = ()  # BG-27 / BG-28
    net_price: Decimal | None = None  # BT-146
    price_discount: Decimal | None = None  # BT-147
    gross_price: Decimal | None = None  # BT-148
    price_base_quantity: Decimal | None = None  # BT-149
    price_base_unit_code: str | None = None  # BT-150
    vat_category: str | None = None  # BT-151
    vat_rate: Decimal | None = None  # BT-152
    item_name: str | None = None  # BT-153
    item_description: str | None = None  # BT-154
    seller_item_id: str | None = None  # BT-155
    buyer_item_id: str | None = None  # BT-156
    standard_item_id: Identifier | None = None  # BT-157
    classifications: tuple[Identifier, ...] = ()  # BT-158 (scheme BT-158-1)
    origin_country: str | None = None  # BT-159
    attributes: tuple[ItemAttribute, ...] = ()  # BG-32


@dataclass(frozen=True, slots=True)
class SkontoTerm:
    """One cash-discount line of BT-20 in the XRechnung form ``#SKONTO#TAGE=14#PROZENT=2.00#`` (BR-DE-18)."""

    days: int
    percent: Decimal
    base_amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Invoice:
    """An EN 16931 invoice (or credit note, BT-3 = 381 etc.)."""

    source: str  # InvoiceSource value: "xrechnung-ubl", "xrechnung-cii", "zugferd", "paper"
    invoice_number: str | None = None  # BT-1
    issue_date: date | None = None  # BT-2
    type_code: str | None = None  # BT-3
    currency: str | None = None  # BT-5
    vat_accounting_currency: str | None = None  # BT-6
    tax_point_date: date | None = None  # BT-7
    vat_date_code: str | None = None  # BT-8
    due_date: date | None = None  # BT-9
    buyer_reference: str | None = None  # BT-10 (Leitweg-ID in XRechnung)
    project_reference: str | None = None  # BT-11
    contract_reference: str | None = None  # BT-12
    order_reference: str | None = None  # BT-13
    sales_order_reference: str | None = None  # BT-14
    receiving_advice_reference: str | None = None  # BT-15
    despatch_advice_reference: str | None = None  # BT-16
    tender_reference: str | None = None  # BT-17
    invoiced_object_id: Identifier | None = None  # BT-18
    buyer_accounting_reference: str | None = None  # BT-19
    payment_terms: str | None = None  # BT-20
    notes: tuple[Note, ...] = ()  # BG-1
    process_id: str | None = None  # BT-23
    specification_id: str | None = None  # BT-24
    preceding_invoices: tuple[PrecedingInvoice, ...] = ()  # BG-3
    seller: Party | None = None  # BG-4
    buyer: Party | None = None  # BG-7
    payee: Payee | None = None  # BG-10
    tax_representative: TaxRepresentative | None = None  # BG-11
    delivery: Delivery | None = None  # BG-13
    invoice_period: Period | None = None  # BG-14
    payment_instructions: PaymentInstructions | None = None  # BG-16
    allowances_charges: tuple[AllowanceCharge, ...] = ()  # BG-20 / BG-21
    totals: DocumentTotals = field(default_factory=DocumentTotals)  # BG-22
    vat_breakdowns: tuple[VatBreakdown, ...] = ()  # BG-23
    attachments: tuple[Attachment, ...] = ()  # BG-24
    lines: tuple[InvoiceLine, ...] = ()  # BG-25
    needs_verification: bool = False  # True for paper/OCR values a person must confirm


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    """The few values approval, payment and duplicate detection need."""

    seller_name: str | None
    seller_vat_id: str | None
    invoice_number: str | None
    issue_date: date | None
    due_date: date | None
    net: Decimal | None  # BT-109
    vat: Decimal | None  # BT-110
    gross: Decimal | None  # BT-112
    amount_due: Decimal | None  # BT-115
    currency: str | None
    iban: str | None  # first BT-84
    leitweg_id: str | None  # BT-10
    skonto: tuple[SkontoTerm, ...] = ()


_SKONTO_LINE = re.compile(
    r"#SKONTO#TAGE=([0-9]+)#PROZENT=([0-9]+\.[0-9]{2})(?:#BASISBETRAG=(-?[0-9]+\.[0-9]{2}))?#"
)


def skonto_terms(payment_terms: str | None) -> tuple[SkontoTerm, ...]:
    """Cash-discount terms written in BT-20 in the XRechnung form; other text is ignored."""
    if not payment_terms:
        return ()
    terms = []
    for line in payment_terms.splitlines():
        match = _SKONTO_LINE.fullmatch(line.strip())
        if match:
            base = Decimal(match.group(3)) if match.group(3) else None
            terms.append(SkontoTerm(int(match.group(1)), Decimal(match.group(2)), base))
    return tuple(terms)


def summarize(inv: Invoice) -> InvoiceSummary:
    """The short view of an invoice."""
    seller = inv.seller or Party()
    pay = inv.payment_instructions
    iban = pay.credit_transfers[0].account_id if pay and pay.credit_transfers else None
    return InvoiceSummary(
        seller_name=seller.name,
        seller_vat_id=seller.vat_id,
        invoice_number=inv.invoice_number,
        issue_date=inv.issue_date,
        due_date=inv.due_date,
        net=inv.totals.total_without_vat,
        vat=inv.totals.vat_total,
        gross=inv.totals.total_with_vat,
        amount_due=inv.totals.amount_due,
        currency=inv.currency,
        iban=iban,
        leitweg_id=inv.buyer_reference,
        skonto=skonto_terms(inv.payment_terms),
    )


# ------------------------------------------------- JSON-safe round trip (generic over the dataclasses)


class InvoiceDictError(ValueError):
    """A dict does not describe an Invoice (wrong type or unparsable value); the message names the field."""


def _to_json(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot serialise {type(value).__name__}")


def invoice_to_dict(inv: Invoice) -> dict[str, Any]:
    """JSON-safe dict: Decimal -> str, date -> ISO string, bytes -> base64, tuples -> lists."""
    result = _to_json(inv)
    assert isinstance(result, dict)
    return result


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _from_json(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _from_json(args[0], value, where)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise InvoiceDictError(f"{where}: Liste erwartet, erhalten {type(value).__name__}")
        item_tp = typing.get_args(tp)[0]
        return tuple(_from_json(item_tp, item, f"{where}[{i}]") for i, item in enumerate(value))
    try:
        if tp is Decimal:
            return Decimal(str(value))
        if tp is date:
            return date.fromisoformat(value)
        if tp is bytes:
            return base64.b64decode(value, validate=True)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise InvoiceDictError(f"{where}: Wert {value!r} ist kein gültiger {tp.__name__}") from exc
    if tp in (str, bool, int):
        if not isinstance(value, tp):
            raise InvoiceDictError(f"{where}: {tp.__name__} erwartet, erhalten {type(value).__name__}")
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise InvoiceDictError(f"{where}: Objekt erwartet, erhalten {type(value).__name__}")
        hints = _hints(tp)
        unknown = set(value) - set(hints)
        if unknown:
            raise InvoiceDictError(f"{where}: unbekannte Felder {sorted(unknown)}")
        kwargs = {name: _from_json(hints[name], item, f"{where}.{name}") for name, item in value.items()}
        try:
            return tp(**kwargs)
        except TypeError as exc:
            raise InvoiceDictError(f"{where}: {exc}") from exc
    raise InvoiceDictError(f"{where}: nicht unterstützter Typ {tp!r}")


def invoice_from_dict(d: dict[str, Any]) -> Invoice:
    """Inverse of ``invoice_to_dict``; raises InvoiceDictError naming the offending field."""
    result = _from_json(Invoice, d, "invoice")
    assert isinstance(result, Invoice)
    return result
