"""Semantic rule families on one-change variants of our own fixtures (structure checks off)."""

from __future__ import annotations

import pytest

from tests.unit._einvoice_fixtures import fixture, variant
from workflow.einvoice.findings import Level
from workflow.einvoice.validator import validate

UBL = "xr_ubl_minimal.xml"
CII = "xr_cii_minimal.xml"


def _check(data: bytes) -> tuple[set[str], set[str]]:
    report = validate(data, structure=False, extract=False)
    return set(report.errors), set(report.warnings)


@pytest.mark.parametrize("name", [UBL, CII])
def test_fixtures_pass_every_semantic_rule(name: str) -> None:
    assert _check(fixture(name)) == (set(), set())


ERROR_CASES = [
    # (id, fixture, old, new, expected error ids)
    ("leitweg-missing", UBL, "<cbc:BuyerReference>05315000-AMT20-11</cbc:BuyerReference>", "", {"BR-DE-15"}),
    (
        "due-amount",
        UBL,
        '<cbc:PayableAmount currencyID="EUR">238.00',
        '<cbc:PayableAmount currencyID="EUR">230.00',
        {"BR-CO-16"},
    ),
    (
        "line-sum",
        UBL,
        '<cbc:LineExtensionAmount currencyID="EUR">200.00',
        '<cbc:LineExtensionAmount currencyID="EUR">201.00',
        {"BR-CO-10", "BR-CO-13"},
    ),
    (
        "vat-total",
        UBL,
        '<cbc:TaxAmount currencyID="EUR">38.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        '<cbc:TaxAmount currencyID="EUR">39.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        {"BR-CO-14", "BR-CO-15"},
    ),
    (
        "currency",
        UBL,
        "<cbc:DocumentCurrencyCode>EUR<",
        "<cbc:DocumentCurrencyCode>EUX<",
        {"BR-CL-04", "BR-CO-15"},
    ),
    ("type-code", UBL, "<cbc:InvoiceTypeCode>380<", "<cbc:InvoiceTypeCode>999<", {"BR-CL-01"}),
    ("skonto-format", UBL, "#SKONTO#TAGE=10#PROZENT=2.00#", "#SKONTO#TAGE=10#PROZENT=2#", {"BR-DE-18"}),
    (
        "no-seller-contact",
        UBL,
        "<cbc:Name>Frau Kessel</cbc:Name>\n        <cbc:Telephone>+49 123 45678</cbc:Telephone>",
        "<cbc:Name>Frau Kessel</cbc:Name>",
        {"BR-DE-6"},
    ),
    (
        "decimals",
        UBL,
        '<cbc:LineExtensionAmount currencyID="EUR">75.00',
        '<cbc:LineExtensionAmount currencyID="EUR">75.001',
        {"BR-DEC-23"},
    ),  # sums are compared after rounding
    (
        "standard-rate-zero",
        UBL,
        "<cbc:Percent>19</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
        "\n      </cac:ClassifiedTaxCategory>\n    </cac:Item>\n    <cac:Price>\n"
        '      <cbc:PriceAmount currencyID="EUR">12.50',
        "<cbc:Percent>0</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
        "\n      </cac:ClassifiedTaxCategory>\n    </cac:Item>\n    <cac:Price>\n"
        '      <cbc:PriceAmount currencyID="EUR">12.50',
        {"BR-S-05", "BR-S-08"},
    ),
    (
        "seller-endpoint",
        UBL,
        '<cbc:EndpointID schemeID="EM">rechnung@',
        '<cbc:EndpointID schemeID="XX">rechnung@',
        {"BR-CL-25"},
    ),
    (
        "cii-grand-total",
        CII,
        "<ram:GrandTotalAmount>85.60<",
        "<ram:GrandTotalAmount>86.60<",
        {"BR-CO-15", "BR-CO-16"},
    ),
    (
        "cii-no-payment",
        CII,
        "<ram:TypeCode>58</ram:TypeCode>",
        "<ram:TypeCode>49</ram:TypeCode>",
        {"PEPPOL-EN16931-R061"},
    ),
    (
        "cii-buyer-endpoint",
        CII,
        '<ram:URIUniversalCommunication><ram:URIID schemeID="EM">eingang@stadt-beispiel.de'
        "</ram:URIID></ram:URIUniversalCommunication>",
        "",
        {"PEPPOL-EN16931-R010"},
    ),
    (
        "cii-empty-element",
        CII,
        "<ram:ID>BU-77</ram:ID>",
        "<ram:ID></ram:ID>",
        {"BR-02", "PEPPOL-EN16931-R008"},
    ),
    (
        "cii-vat-category",
        CII,
        "<ram:CategoryCode>S</ram:CategoryCode>\n          <ram:RateApplicablePercent>7",
        "<ram:CategoryCode>Q</ram:CategoryCode>\n          <ram:RateApplicablePercent>7",
        {"BR-CL-18", "BR-S-08"},
    ),
]


@pytest.mark.parametrize("case, name, old, new, expected", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_one_change_fires_exactly_the_expected_errors(
    case: str, name: str, old: str, new: str, expected: set[str]
) -> None:
    errors, _ = _check(variant(name, old, new))
    assert errors == expected


def test_warnings_do_not_reject() -> None:
    data = variant(UBL, "<cbc:ID>DE02120300000000202051</cbc:ID>", "<cbc:ID>DE02120300000000202052</cbc:ID>")
    data = data.replace(b"<cbc:InvoiceTypeCode>380<", b"<cbc:InvoiceTypeCode>383<")
    report = validate(data, structure=False)
    assert report.accept and set(report.warnings) == {"BR-DE-19", "BR-DE-17"}
    assert all(f.level is Level.WARNING for f in report.findings)


def test_scenario_custom_level_turns_unit_code_error_into_warning() -> None:
    errors, warnings = _check(variant(UBL, 'unitCode="HUR"', 'unitCode="XYZ1"'))
    assert "BR-CL-23" in warnings and "BR-CL-23" not in errors


def test_plain_en16931_scenario_skips_german_rules() -> None:
    data = variant(
        UBL,
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
        "urn:cen.eu:en16931:2017",
    )
    data = data.replace(b"<cbc:BuyerReference>05315000-AMT20-11</cbc:BuyerReference>", b"")
    report = validate(data, structure=False)
    assert report.scenario == "EN16931 (UBL Invoice)" and report.accept


def _zero_rated(category: str, reason: str | None, buyer_vat: bool = False, ship_to: bool = False) -> bytes:
    """The UBL fixture turned into a correct invoice of a zero-tax VAT category (no errors expected)."""
    text = fixture(UBL).decode("utf-8")
    text = text.replace("<cbc:ID>S</cbc:ID>", f"<cbc:ID>{category}</cbc:ID>")
    text = text.replace("<cbc:Percent>19</cbc:Percent>", "<cbc:Percent>0</cbc:Percent>")
    text = text.replace('TaxAmount currencyID="EUR">38.00', 'TaxAmount currencyID="EUR">0.00')
    text = text.replace('currencyID="EUR">238.00', 'currencyID="EUR">200.00')
    text = text.replace("#SKONTO#TAGE=10#PROZENT=2.00#\n", "30 Tage netto")
    if reason:
        text = text.replace(
            "<cbc:Percent>0</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n"
            "      </cac:TaxCategory>",
            "<cbc:Percent>0</cbc:Percent>\n"
            f"        <cbc:TaxExemptionReasonCode>{reason}</cbc:TaxExemptionReasonCode>"
            "\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:TaxCategory>",
        )
    if buyer_vat:
        text = text.replace(
            "<cac:PartyLegalEntity>\n        <cbc:RegistrationName>Stadt Beispielstadt",
            "<cac:PartyTaxScheme>\n        <cbc:CompanyID>FR99999999999</cbc:CompanyID>\n"
            "        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:PartyTaxScheme>\n"
            "      <cac:PartyLegalEntity>\n        <cbc:RegistrationName>Stadt Beispielstadt",
        )
    if ship_to:
        text = text.replace(
            "<cbc:ActualDeliveryDate>2026-02-27</cbc:ActualDeliveryDate>",
            "<cbc:ActualDeliveryDate>2026-02-27</cbc:ActualDeliveryDate>\n"
            "    <cac:DeliveryLocation><cac:Address>"
            "<cbc:CityName>Lyon</cbc:CityName><cbc:PostalZone>69001</cbc:PostalZone>"
            "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>"
            "</cac:Address></cac:DeliveryLocation>",
        )
    return text.encode("utf-8")


@pytest.mark.parametrize(
    "category, reason, buyer_vat, ship_to",
    [
        ("Z", None, False, False),
        ("E", "VATEX-EU-132", False, False),
        ("AE", "VATEX-EU-AE", True, False),
        ("K", "VATEX-EU-IC", True, True),
        ("G", "VATEX-EU-G", False, False),
    ],
)
def test_correct_invoices_of_other_vat_categories_pass(
    category: str, reason: str | None, buyer_vat: bool, ship_to: bool
) -> None:
    data = _zero_rated(category, reason, buyer_vat, ship_to)
    assert _check(data) == (set(), set())


@pytest.mark.parametrize(
    "category, reason, buyer_vat, ship_to, expected",
    [
        ("Z", "VATEX-EU-132", False, False, {"BR-Z-10"}),  # zero rated must not carry an exemption reason
        ("E", None, False, False, {"BR-E-10"}),  # exempt needs a reason
        ("AE", "VATEX-EU-AE", False, False, {"BR-AE-02"}),  # reverse charge needs the buyer's VAT id
        ("K", "VATEX-EU-IC", True, False, {"BR-IC-12"}),  # intra-community supply needs a ship-to country
    ],
)
def test_vat_category_rules_fire_on_the_missing_piece(
    category: str, reason: str | None, buyer_vat: bool, ship_to: bool, expected: set[str]
) -> None:
    errors, _ = _check(_zero_rated(category, reason, buyer_vat, ship_to))
    assert errors == expected
