"""Duplicate rules: same bytes; same seller + number + gross from any channel; Mahnung for a known invoice."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from schemas.invoice import Invoice, Party, invoice_from_dict
from workflow.einvoice.duplicates import (
    DuplicateKind,
    check_against_known,
    duplicate_keys,
    is_probable_duplicate,
    match_reminder,
    mentions_invoice_number,
    normalize_invoice_number,
    normalize_name,
    normalize_vat_id,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_extras"


@pytest.fixture(scope="module")
def invoice() -> Invoice:
    return invoice_from_dict(json.loads((FIXTURES / "invoice_full.json").read_text(encoding="utf-8")))


def _with(inv: Invoice, **changes: object) -> Invoice:
    return dataclasses.replace(inv, **changes)  # type: ignore[arg-type]


def _gross(inv: Invoice, value: str) -> Invoice:
    return _with(inv, totals=dataclasses.replace(inv.totals, total_with_vat=Decimal(value)))


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("RE-2026-0815", "RE20260815"),
        ("re 2026/0815", "RE20260815"),
        ("000123", "123"),
        ("0", "0"),
        ("", None),
    ],
)
def test_normalize_invoice_number(raw: str, norm: str | None) -> None:
    assert normalize_invoice_number(raw) == norm


def test_normalize_name_and_vat() -> None:
    assert normalize_name("Müller & Co. GmbH") == normalize_name("MUELLER und Co GmbH") == "mueller"
    assert normalize_name("Bürobedarf Muster GmbH") == normalize_name("Buerobedarf  Muster  G.m.b.H.")
    assert normalize_name("Bürobedarf Muster GmbH") == "buerobedarfmuster"
    assert normalize_name("Schmidt e.K.") == normalize_name("Schmidt")
    assert normalize_vat_id("de 123 456-789") == "DE123456789"


def test_same_bytes_are_duplicates_whatever_the_content(invoice: Invoice) -> None:
    a = duplicate_keys(invoice, content=b"<xml/>")
    b = duplicate_keys(_with(invoice, invoice_number="OTHER"), content=b"<xml/>")
    same, reason = is_probable_duplicate(a, b)
    assert same and "identische Datei" in reason


def test_same_seller_number_gross_from_another_channel(invoice: Invoice) -> None:
    mail_copy = duplicate_keys(invoice, content=b"xml bytes", ref="doc-mail")
    paper = _with(
        invoice,
        invoice_number="re 2026/0815",
        source="paper",
        seller=dataclasses.replace(invoice.seller, vat_id="DE 123 456 789"),
    )  # type: ignore[arg-type]
    same, reason = is_probable_duplicate(duplicate_keys(paper, content=b"scan bytes"), mail_copy)
    assert same and "re 2026/0815" in reason and "vat:DE123456789" in reason


def test_seller_by_name_when_no_vat_id(invoice: Invoice) -> None:
    no_vat = dataclasses.replace(invoice.seller, vat_id=None, tax_registration_id=None)  # type: ignore[arg-type]
    a = duplicate_keys(_with(invoice, seller=no_vat))
    b = duplicate_keys(_with(invoice, seller=Party(name="BÜROBEDARF MUSTER G.m.b.H.")))
    assert a.seller_key == "name:buerobedarfmuster"
    assert is_probable_duplicate(a, b)[0]
    # one copy with VAT id, one with name only: names are compared
    assert is_probable_duplicate(duplicate_keys(invoice), b)[0]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"invoice_number": "RE-2026-0816"}, "andere oder fehlende Rechnungsnummer"),
        ({"seller": Party(name="Anderer Lieferant GmbH", vat_id="DE999999999")}, "anderer Rechnungssteller"),
        ({"currency": "CHF"}, "andere Währung"),
    ],
)
def test_not_duplicates(invoice: Invoice, change: dict[str, object], words: str) -> None:
    same, reason = is_probable_duplicate(duplicate_keys(invoice), duplicate_keys(_with(invoice, **change)))
    assert not same and words in reason


def test_other_gross_is_not_a_duplicate_but_says_check_correction(invoice: Invoice) -> None:
    same, reason = is_probable_duplicate(duplicate_keys(invoice), duplicate_keys(_gross(invoice, "250.00")))
    assert not same and "Korrektur" in reason


def test_missing_seller_is_not_comparable(invoice: Invoice) -> None:
    same, reason = is_probable_duplicate(duplicate_keys(_with(invoice, seller=None)), duplicate_keys(invoice))
    assert not same and "nicht vergleichbar" in reason


def test_check_against_known_names_the_match(invoice: Invoice) -> None:
    known = [
        duplicate_keys(_with(invoice, invoice_number="X-1"), ref="doc-1"),
        duplicate_keys(invoice, ref="doc-2"),
    ]
    decision = check_against_known(duplicate_keys(invoice), known)
    assert (
        decision.kind is DuplicateKind.DUPLICATE and decision.match is known[1] and "doc-2" in decision.reason
    )
    assert (
        check_against_known(duplicate_keys(_with(invoice, invoice_number="NEU-1")), known).kind
        is DuplicateKind.NEW
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Zahlungserinnerung zu unserer Rechnung Nr. RE-2026-0815 vom 10.03.2026", True),
        ("Rechnungsnummer:RE 2026/0815, offen 249,90 EUR", True),
        ("Mahnung RE20260815", True),
        ("Rechnung RE-2026-0815-1", False),
        ("Rechnung XRE-2026-0815", False),
        ("Rechnung RE-2026-0816", False),
    ],
)
def test_mentions_invoice_number(text: str, found: bool) -> None:
    assert mentions_invoice_number(text, "RE20260815") is found


def test_numeric_number_is_not_found_inside_a_date() -> None:
    assert not mentions_invoice_number("Mahnung vom 10.03.2026", "2026")
    assert mentions_invoice_number("Mahnung zu Rechnung 002026", "2026")


def test_reminder_for_known_invoice_is_no_new_payable(invoice: Invoice) -> None:
    known = [duplicate_keys(invoice, ref="doc-7")]
    text = "1. Mahnung\nUnsere Rechnung RE-2026-0815 ist noch offen. Bitte überweisen Sie 249,90 €."
    decision = match_reminder(text, known)
    assert (
        decision.kind is DuplicateKind.REMINDER_OF_KNOWN
        and "keine neue Zahlungsverpflichtung" in decision.reason
    )
    other_seller = match_reminder(text, known, seller_key="vat:DE999999999")
    assert other_seller.kind is DuplicateKind.NEW
    assert match_reminder("Mahnung zu Rechnung 4711", known).kind is DuplicateKind.NEW
