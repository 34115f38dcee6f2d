"""Leitweg-ID and IBAN checks, and the warning findings they produce (never a reject)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from schemas.invoice import CreditTransfer, DirectDebit, Invoice, PaymentInstructions, invoice_from_dict
from workflow.einvoice.findings import Level
from workflow.einvoice.iban import check_iban, format_iban
from workflow.einvoice.leitweg import check_leitweg_id, own_checks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_extras"


@pytest.fixture(scope="module")
def invoice() -> Invoice:
    return invoice_from_dict(json.loads((FIXTURES / "invoice_full.json").read_text(encoding="utf-8")))


# Test vectors from shared/design/domain.md §2 (computed there; real bodies' ids from their web pages).
VALID = [
    "04011000-1234512345-06",
    "991-03730-19",
    "992-90009-96",
    "04011000-900X999-08",
    "09564000-NUE0001-49",
    "991-33333TEST-33",
    "05117-31001-02",
    "057660044044-31001-02",
    "053820072072-31001-73",
    "05515-31002-15",
    "01059-0000-23",
]


@pytest.mark.parametrize("value", VALID)
def test_valid_leitweg_ids(value: str) -> None:
    check = check_leitweg_id(value)
    assert check.valid and check.normalized == value and check.reason is None
    assert (
        check.grob is not None
        and value.startswith(check.grob)
        and value.endswith("-" + str(check.pruefziffer))
    )


def test_parts_and_land() -> None:
    check = check_leitweg_id(" 09564000-nue0001-49 ")
    assert (check.valid, check.normalized) == (True, "09564000-NUE0001-49")
    assert (check.grob, check.fein, check.pruefziffer, check.land) == ("09564000", "NUE0001", "49", "Bayern")
    no_fein = check_leitweg_id("991-04")  # no Feinadressierung at all
    assert no_fein.fein is None


def test_placeholder_fails_check_digit_and_says_the_right_one() -> None:
    check = check_leitweg_id("991-12345-67")
    assert not check.valid and check.normalized is None
    assert "67" in (check.reason or "") and "73" in (check.reason or "")
    assert check_leitweg_id("991-12345-73").valid  # the digits the reason names are indeed right


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "fehlt"),
        ("17-1234-00", "Länderkennzahlen"),
        ("0401100-12345-0", "Aufbau"),
        ("04011000_12345-06", "Aufbau"),
        ("04011000-" + "A" * 31 + "-06", "Aufbau"),
        ("9" * 47, "5 bis 46"),
        ("04011000-1234512345-07", "Prüfziffer"),
    ],
)
def test_invalid_leitweg_ids_say_why(value: str, words: str) -> None:
    check = check_leitweg_id(value)
    assert not check.valid
    assert words in (check.reason or "")


def test_non_string_is_a_verdict_not_a_crash() -> None:
    assert not check_leitweg_id(12345).valid  # type: ignore[arg-type]
    assert not check_iban(None).valid  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "country", "bank"),
    [
        ("DE02 1203 0000 0000 2020 51", "DE", "12030000"),
        ("de75512108001245126199", "DE", "51210800"),
        ("GB82 WEST 1234 5698 7654 32", "GB", "WEST"),
    ],
)
def test_valid_ibans(value: str, country: str, bank: str) -> None:
    check = check_iban(value)
    assert check.valid and check.normalized == "".join(value.split()).upper()
    assert (check.country, check.bank_code) == (country, bank)
    assert check.formatted == format_iban(value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("DE02120300000000202052", "Prüfziffer"),
        ("DE0212030000000020205", "Länge"),
        ("XX0012345678901234", "Länder"),
        ("DE02-1203-0000", "Zeichen"),
        ("", "fehlt"),
    ],
)
def test_invalid_ibans_say_why(value: str, words: str) -> None:
    check = check_iban(value)
    assert not check.valid and words in (check.reason or "")


def test_format_iban_groups_of_four() -> None:
    assert format_iban("de02120300000000202051") == "DE02 1203 0000 0000 2020 51"


def test_own_checks_quiet_on_a_good_invoice(invoice: Invoice) -> None:
    assert own_checks(invoice) == []


def test_own_checks_warn_on_bad_leitweg_and_iban(invoice: Invoice) -> None:
    pay = PaymentInstructions(
        means_code="58",
        credit_transfers=(CreditTransfer("DE02120300000000202052"),),
        direct_debit=DirectDebit(debited_account="DE0212030000000020205"),
    )
    bad = dataclasses.replace(invoice, buyer_reference="991-12345-67", payment_instructions=pay)
    findings = own_checks(bad)
    assert [f.rule_id for f in findings] == ["AF-LEITWEG-01", "AF-IBAN-01", "AF-IBAN-01"]
    assert all(f.level is Level.WARNING for f in findings)
    assert [f.business_term for f in findings] == ["BT-10", "BT-84", "BT-91"]
    assert findings[0].location.endswith("ram:BuyerReference")


def test_own_checks_ignore_free_buyer_reference_outside_xrechnung(invoice: Invoice) -> None:
    zugferd = dataclasses.replace(
        invoice,
        source="zugferd",
        specification_id="urn:cen.eu:en16931:2017",
        buyer_reference="Einkauf Frau Meier",
    )
    assert own_checks(zugferd) == []
    looks_like = dataclasses.replace(zugferd, buyer_reference="05117-31001-99")
    assert [f.rule_id for f in own_checks(looks_like)] == ["AF-LEITWEG-01"]


def test_non_sepa_account_number_is_not_checked_as_iban(invoice: Invoice) -> None:
    pay = PaymentInstructions(means_code="30", credit_transfers=(CreditTransfer("123456789"),))
    assert own_checks(dataclasses.replace(invoice, payment_instructions=pay)) == []
