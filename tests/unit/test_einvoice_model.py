"""schemas.invoice: JSON round trip, Skonto terms, summary, clear errors for bad dicts."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from schemas.invoice import (
    Attachment,
    CreditTransfer,
    DocumentTotals,
    Invoice,
    InvoiceDictError,
    InvoiceLine,
    Party,
    PaymentInstructions,
    SkontoTerm,
    invoice_from_dict,
    invoice_to_dict,
    skonto_terms,
    summarize,
)


def _sample() -> Invoice:
    return Invoice(
        source="xrechnung-ubl",
        invoice_number="R-1",
        issue_date=date(2026, 1, 5),
        currency="EUR",
        payment_terms=(
            "#SKONTO#TAGE=14#PROZENT=2.00#\n#SKONTO#TAGE=7#PROZENT=3.00#BASISBETRAG=100.00#\nnetto 30"
        ),
        seller=Party(name="Lieferant", vat_id="DE123"),
        payment_instructions=PaymentInstructions(
            "58", credit_transfers=(CreditTransfer("DE02120300000000202051"),)
        ),
        totals=DocumentTotals(
            total_without_vat=Decimal("100.00"),
            vat_total=Decimal("19.00"),
            total_with_vat=Decimal("119.00"),
            amount_due=Decimal("119.00"),
        ),
        attachments=(Attachment(reference="A1", content=b"%PDF-1.7\x00\xff", mime_code="application/pdf"),),
        lines=(InvoiceLine(line_id="1", net_amount=Decimal("100.00"), quantity=Decimal("2.500")),),
    )


def test_round_trip_through_json_keeps_every_value() -> None:
    inv = _sample()
    data = json.loads(json.dumps(invoice_to_dict(inv)))
    assert data["totals"]["amount_due"] == "119.00"
    assert data["issue_date"] == "2026-01-05"
    back = invoice_from_dict(data)
    assert back == inv
    assert back.lines[0].quantity.as_tuple().exponent == -3  # trailing zeros survive


def test_skonto_terms_parse_only_the_xrechnung_lines() -> None:
    assert skonto_terms(_sample().payment_terms) == (
        SkontoTerm(14, Decimal("2.00")),
        SkontoTerm(7, Decimal("3.00"), Decimal("100.00")),
    )
    assert skonto_terms("2 % Skonto bei Zahlung in 10 Tagen") == ()
    assert skonto_terms(None) == ()


def test_summary_takes_the_payment_relevant_values() -> None:
    s = summarize(_sample())
    assert (s.invoice_number, s.gross, s.iban, s.seller_vat_id) == (
        "R-1",
        Decimal("119.00"),
        "DE02120300000000202051",
        "DE123",
    )
    assert len(s.skonto) == 2


@pytest.mark.parametrize(
    "patch, field",
    [
        ({"issue_date": "05.01.2026"}, "issue_date"),
        ({"totals": {"amount_due": "zwölf"}}, "amount_due"),
        ({"unknown_field": 1}, "unknown_field"),
        ({"lines": "not a list"}, "lines"),
    ],
)
def test_bad_dict_raises_error_naming_the_field(patch: dict, field: str) -> None:
    data = invoice_to_dict(_sample())
    data.update(patch)
    with pytest.raises(InvoiceDictError, match=field):
        invoice_from_dict(data)
