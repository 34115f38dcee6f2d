"""XSD-level structure check on small own fixtures (valid baseline + one mutation per test)."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workflow.einvoice.structure import UnknownSyntaxError, check_schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_structure"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"


def _load(name: str) -> etree._Element:
    return etree.parse(str(FIXTURES / name)).getroot()


def _ubl() -> etree._Element:
    return _load("ubl_invoice_minimal.xml")


def _cii() -> etree._Element:
    return _load("cii_invoice_minimal.xml")


def _first(root: etree._Element, ns: str, name: str) -> etree._Element:
    found = root.find(f".//{{{ns}}}{name}")
    assert found is not None, name
    return found


def test_valid_fixtures_have_no_schema_errors() -> None:
    assert check_schema(_ubl(), "UBL-Invoice") == []
    assert check_schema(_cii(), "CII") == []


def test_missing_invoice_number_is_reported_at_the_next_element() -> None:
    root = _ubl()
    root.remove(_first(root, CBC, "ID"))
    errors = check_schema(root, "UBL-Invoice")
    assert len(errors) == 1
    assert "cbc:IssueDate" in errors[0] and "cbc:ID" in errors[0]


def test_wrong_order_is_an_error() -> None:
    root = _ubl()
    due = _first(root, CBC, "DueDate")
    root.remove(due)
    root.insert(1, due)  # DueDate before ProfileID / ID
    assert check_schema(root, "UBL-Invoice")


def test_german_date_format_is_not_an_xs_date() -> None:
    root = _ubl()
    _first(root, CBC, "IssueDate").text = "02.03.2026"
    errors = check_schema(root, "UBL-Invoice")
    assert len(errors) == 1 and "xs:date" in errors[0]


@pytest.mark.parametrize("value, ok", [("2024-02-29", True), ("2023-02-29", False), ("2026-13-01", False),
                                        ("2026-03-02+01:00", True), ("2026-3-2", False)])
def test_calendar_days_are_checked(value: str, ok: bool) -> None:
    root = _ubl()
    _first(root, CBC, "IssueDate").text = value
    assert (check_schema(root, "UBL-Invoice") == []) is ok


def test_amount_needs_currency_and_decimal_value() -> None:
    root = _ubl()
    payable = _first(root, CBC, "PayableAmount")
    del payable.attrib["currencyID"]
    payable.text = "107,10"
    errors = check_schema(root, "UBL-Invoice")
    assert len(errors) == 2
    assert any("currencyID" in e for e in errors) and any("xs:decimal" in e for e in errors)


def test_boolean_indicator_is_checked() -> None:
    root = _ubl()
    _first(root, CBC, "ChargeIndicator").text = "value"
    assert any("xs:boolean" in e for e in check_schema(root, "UBL-Invoice"))


def test_unknown_element_in_known_namespace_is_an_error() -> None:
    root = _ubl()
    party = _first(root, CAC, "Party")
    etree.SubElement(party, f"{{{CBC}}}Nickname").text = "x"
    errors = check_schema(root, "UBL-Invoice")
    assert len(errors) == 1 and "cbc:Nickname" in errors[0]


def test_element_in_wrong_namespace_is_an_error() -> None:
    root = _ubl()
    name = _first(root, CBC, "RegistrationName")
    name.tag = f"{{{CAC}}}RegistrationName"
    assert check_schema(root, "UBL-Invoice")


def test_too_many_occurrences_are_an_error() -> None:
    root = _ubl()
    root.insert(list(root).index(_first(root, CBC, "DueDate")), etree.Element(f"{{{CBC}}}IssueDate"))
    assert check_schema(root, "UBL-Invoice")


def test_valid_ubl_element_not_used_by_en16931_is_accepted() -> None:
    root = _ubl()
    uuid = etree.Element(f"{{{CBC}}}UUID")
    uuid.text = "b6f7a1de-6b7c-4a7c-9d1c-3b7f6e9a1c11"
    root.insert(list(root).index(_first(root, CBC, "IssueDate")), uuid)
    assert check_schema(root, "UBL-Invoice") == []


def test_wrong_root_for_syntax() -> None:
    assert check_schema(_ubl(), "UBL-CreditNote")
    assert check_schema(_cii(), "UBL-Invoice")


def test_cii_missing_document_id_is_an_error() -> None:
    root = _cii()
    document = root[1]
    document.remove(document[0])
    errors = check_schema(root, "CII")
    assert len(errors) == 1 and "ram:ID" in errors[0]


def test_cii_unknown_element_is_an_error() -> None:
    root = _cii()
    etree.SubElement(_first(root, RAM, "SellerTradeParty"), f"{{{RAM}}}Spitzname").text = "x"
    assert check_schema(root, "CII")


def test_unknown_syntax_name_raises_clear_error() -> None:
    with pytest.raises(UnknownSyntaxError, match="UBL-Invoice"):
        check_schema(_ubl(), "XRechnung")
