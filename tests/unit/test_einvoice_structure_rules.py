"""Syntax-binding rules (UBL-*/CII-*) on small own fixtures: firing, levels, Schematron first-match."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from workflow.einvoice.findings import Level
from workflow.einvoice.structure import check_syntax_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_structure"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"


def _load(name: str) -> etree._Element:
    return etree.parse(str(FIXTURES / name)).getroot()


def _ids(root: etree._Element, syntax: str, levels: dict[str, str] | None = None) -> dict[str, Level]:
    return {f.rule_id: f.level for f in check_syntax_rules(root, syntax, levels or {})}


def _first(root: etree._Element, ns: str, name: str) -> etree._Element:
    found = root.find(f".//{{{ns}}}{name}")
    assert found is not None, name
    return found


def test_clean_fixtures_fire_nothing() -> None:
    assert _ids(_load("ubl_invoice_minimal.xml"), "UBL-Invoice") == {}
    assert _ids(_load("cii_invoice_minimal.xml"), "CII") == {}


def test_element_not_used_by_en16931_gives_warning_with_german_message() -> None:
    root = _load("ubl_invoice_minimal.xml")
    contact = _first(root, CAC, "Contact")
    contact.insert(3, etree.Element(f"{{{CBC}}}Telefax"))
    findings = check_syntax_rules(root, "UBL-Invoice", {})
    assert [f.rule_id for f in findings] == ["UBL-CR-190"]
    assert findings[0].level is Level.WARNING
    assert "Telefax" in findings[0].message and "nicht verwendet" in findings[0].message


def test_attribute_rule_fires_on_attribute_only() -> None:
    root = _load("ubl_invoice_minimal.xml")
    _first(root, CBC, "CustomizationID").set("schemeID", "x")
    assert set(_ids(root, "UBL-Invoice")) == {"UBL-CR-648"}


def test_scenario_level_overrides_base_level() -> None:
    root = _load("ubl_invoice_minimal.xml")
    line = _first(root, CAC, "InvoiceLine")
    sub = etree.SubElement(line, f"{{{CAC}}}SubInvoiceLine")
    assert _ids(root, "UBL-Invoice")["UBL-CR-646"] is Level.WARNING
    assert _ids(root, "UBL-Invoice", {"UBL-CR-646": "error"})["UBL-CR-646"] is Level.ERROR
    assert sub is not None


def test_amount_with_three_decimals_is_an_error_but_price_is_not() -> None:
    root = _load("ubl_invoice_minimal.xml")
    _first(root, CBC, "PriceAmount").text = "50.125"
    assert "UBL-DT-01" not in _ids(root, "UBL-Invoice")
    _first(root, CBC, "PayableAmount").text = "107.100"
    assert _ids(root, "UBL-Invoice")["UBL-DT-01"] is Level.ERROR


def test_company_id_required_with_tax_scheme() -> None:
    root = _load("ubl_invoice_minimal.xml")
    scheme = _first(root, CAC, "PartyTaxScheme")
    scheme.remove(scheme[0])
    assert _ids(root, "UBL-Invoice") == {"UBL-SR-53": Level.ERROR}


def test_allowance_reason_cardinality_follows_charge_indicator() -> None:
    root = _load("ubl_invoice_minimal.xml")
    charge = _first(root, CAC, "AllowanceCharge")
    reason = _first(charge, CBC, "AllowanceChargeReason")
    charge.insert(list(charge).index(reason) + 1, etree.Element(f"{{{CBC}}}AllowanceChargeReason"))
    assert set(_ids(root, "UBL-Invoice")) == {"UBL-SR-30"}
    _first(charge, CBC, "ChargeIndicator").text = "1"
    assert set(_ids(root, "UBL-Invoice")) == {"UBL-SR-31"}


def test_line_needs_exactly_one_tax_category() -> None:
    root = _load("ubl_invoice_minimal.xml")
    item = _first(root, CAC, "Item")
    item.remove(_first(item, CAC, "ClassifiedTaxCategory"))
    assert "UBL-SR-48" in _ids(root, "UBL-Invoice")


def test_cii_first_matching_rule_wins_within_pattern() -> None:
    # ExchangedDocument/ID is handled by the rule for the listed identifiers (CII-DT-001..007);
    # the later generic rule for all *ID elements (CII-DT-101..104) must not see it.
    root = _load("cii_invoice_minimal.xml")
    root[1][0].set("schemeName", "x")
    assert set(_ids(root, "CII")) == {"CII-DT-001"}
    _first(root, RAM, "LineTotalAmount").getparent()  # unchanged fixture part
    _first(root, RAM, "BuyerReference").set("schemeName", "y")  # not an *ID element: no rule
    assert set(_ids(root, "CII")) == {"CII-DT-001"}


def test_cii_generic_id_rule_fires_elsewhere() -> None:
    root = _load("cii_invoice_minimal.xml")
    registration = _first(root, RAM, "SpecifiedTaxRegistration")
    registration[0].set("schemeAgencyName", "x")
    assert set(_ids(root, "CII")) == {"CII-DT-102"}


def test_cii_date_format_102_and_tax_point_date_cardinality() -> None:
    root = _load("cii_invoice_minimal.xml")
    root[1][2][0].text = "2026-03-02"
    assert _ids(root, "CII") == {"CII-DT-097": Level.ERROR}


def test_cii_second_payment_terms_is_warning_by_default_and_error_in_xrechnung() -> None:
    root = _load("cii_invoice_minimal.xml")
    terms = _first(root, RAM, "SpecifiedTradePaymentTerms")
    terms.addnext(etree.fromstring(etree.tostring(terms)))
    assert _ids(root, "CII")["CII-SR-452"] is Level.WARNING
    assert _ids(root, "CII", {"CII-SR-452": "error"})["CII-SR-452"] is Level.ERROR


def test_one_finding_per_rule_and_context() -> None:
    root = _load("ubl_invoice_minimal.xml")
    for tag in ("CustomizationID", "ProfileID"):
        _first(root, CBC, tag).set("schemeName", "x")
    findings = [f for f in check_syntax_rules(root, "UBL-Invoice", {}) if f.rule_id == "UBL-DT-08"]
    assert len(findings) == 1  # context is the document: reported once


def test_cii_reference_document_rules_skip_additional_documents() -> None:
    root = _load("cii_invoice_minimal.xml")
    agreement = _first(root, RAM, "ApplicableHeaderTradeAgreement")
    contract = etree.SubElement(agreement, f"{{{RAM}}}ContractReferencedDocument")
    etree.SubElement(contract, f"{{{RAM}}}IssuerAssignedID").text = "V-1"
    etree.SubElement(contract, f"{{{RAM}}}TypeCode").text = "50"
    additional = etree.SubElement(agreement, f"{{{RAM}}}AdditionalReferencedDocument")
    etree.SubElement(additional, f"{{{RAM}}}IssuerAssignedID").text = "A-1"
    etree.SubElement(additional, f"{{{RAM}}}TypeCode").text = "916"
    assert _ids(root, "CII") == {"CII-DT-018": Level.ERROR}


def test_comments_and_processing_instructions_are_ignored() -> None:
    root = _load("ubl_invoice_minimal.xml")
    root.insert(3, etree.Comment("Kommentar"))
    _first(root, CAC, "Party").append(etree.ProcessingInstruction("pi", "x"))
    assert _ids(root, "UBL-Invoice") == {}
