"""parse_ubl / parse_cii: the Invoice model from our fixtures; tolerant of invalid-but-well-formed input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from schemas.invoice import summarize
from tests.unit._einvoice_fixtures import fixture, variant
from workflow.einvoice.parse_cii import parse_cii
from workflow.einvoice.parse_ubl import parse_ubl
from workflow.einvoice.xmlsafe import parse_xml


def test_ubl_fixture_to_model() -> None:
    inv = parse_ubl(parse_xml(fixture("xr_ubl_minimal.xml")))
    assert inv.source == "xrechnung-ubl" and not inv.needs_verification
    assert (inv.invoice_number, inv.issue_date, inv.due_date, inv.type_code) == (
        "AF-2026-0042",
        date(2026, 3, 2),
        date(2026, 4, 1),
        "380",
    )
    assert inv.buyer_reference == "05315000-AMT20-11"
    assert (
        inv.seller and inv.seller.name == "Wärmetechnik Beispiel GmbH" and inv.seller.vat_id == "DE999999999"
    )
    assert inv.seller.electronic_address and inv.seller.electronic_address.scheme_id == "EM"
    assert inv.seller.address and inv.seller.address.post_code == "12345"
    assert inv.seller.contact and inv.seller.contact.email == "kessel@waermetechnik-beispiel.de"
    assert inv.totals.vat_total == Decimal("38.00") and inv.totals.amount_due == Decimal("238.00")
    assert [(v.category_code, v.rate, v.taxable_amount) for v in inv.vat_breakdowns] == [
        ("S", Decimal("19"), Decimal("200.00"))
    ]
    assert [(x.line_id, x.quantity, x.unit_code, x.net_price) for x in inv.lines] == [
        ("1", Decimal("10"), "HUR", Decimal("12.50")),
        ("2", Decimal("1"), "C62", Decimal("75.00")),
    ]
    assert inv.delivery and inv.delivery.actual_date == date(2026, 2, 27)
    summary = summarize(inv)
    assert summary.iban == "DE02120300000000202051"
    assert [(t.days, t.percent) for t in summary.skonto] == [(10, Decimal("2.00"))]


def test_cii_fixture_to_model() -> None:
    inv = parse_cii(parse_xml(fixture("xr_cii_minimal.xml")))
    assert inv.source == "xrechnung-cii"
    assert (inv.invoice_number, inv.issue_date, inv.due_date) == ("BU-77", date(2026, 3, 5), date(2026, 4, 4))
    assert inv.totals.total_with_vat == Decimal("85.60") and inv.totals.vat_total == Decimal("5.60")
    assert inv.lines[0].vat_rate == Decimal("7") and inv.lines[0].quantity == Decimal("2")
    assert inv.seller and inv.seller.contact and inv.seller.contact.name == "Herr Blatt"
    assert inv.payment_instructions and inv.payment_instructions.means_code == "58"
    assert parse_cii(parse_xml(fixture("xr_cii_minimal.xml")), source="zugferd").source == "zugferd"


def test_invalid_values_become_none_not_exceptions() -> None:
    data = variant(
        "xr_ubl_minimal.xml",
        "<cbc:IssueDate>2026-03-02</cbc:IssueDate>",
        "<cbc:IssueDate>gestern</cbc:IssueDate>",
    )
    data = data.replace(
        b'<cbc:PayableAmount currencyID="EUR">238.00', b'<cbc:PayableAmount currencyID="EUR">viel'
    )
    inv = parse_ubl(parse_xml(data))
    assert inv.issue_date is None and inv.totals.amount_due is None


def test_empty_document_element_gives_empty_model() -> None:
    inv = parse_ubl(parse_xml(b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'))
    assert inv.invoice_number is None and inv.lines == () and inv.seller is None


def test_read_invoice_from_bytes_and_refuses_other_xml() -> None:
    import pytest

    from workflow.einvoice.reader import NotAnInvoiceError, read_invoice

    assert read_invoice(fixture("xr_cii_minimal.xml"), zugferd=True).source == "zugferd"
    assert read_invoice(fixture("xr_ubl_minimal.xml")).invoice_number == "AF-2026-0042"
    with pytest.raises(NotAnInvoiceError, match="Wurzelelement"):
        read_invoice(b"<Order xmlns='urn:example'/>")
