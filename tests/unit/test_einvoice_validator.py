"""validate(): KoSIT acceptance logic, report JSON shape, German text report, the port."""

from __future__ import annotations

from tests.unit._einvoice_fixtures import fixture, variant
from workflow.einvoice.validator import (
    InvoiceValidator,
    RuleEngineValidator,
    ValidationReport,
    render_text,
    report_to_json,
    validate,
)


def test_valid_fixture_is_accepted_with_model() -> None:
    report = validate(fixture("xr_ubl_minimal.xml"))
    assert report.accept and report.errors == () and report.syntax == "UBL-Invoice"
    assert report.invoice is not None and report.invoice.invoice_number == "AF-2026-0042"


def test_reject_reasons_for_unusable_input() -> None:
    assert validate(b"not xml at all").reasons[0].startswith("XML nicht wohlgeformt")
    doctype = validate(
        b'<!DOCTYPE x [<!ENTITY a "b">]><Invoice xmlns="urn:oasis:names:specification:ubl:'
        b'schema:xsd:Invoice-2">&a;</Invoice>'
    )
    assert not doctype.accept and doctype.syntax == "UBL-Invoice" and "DOCTYPE" in doctype.reasons[0]
    other = validate(variant("xr_ubl_minimal.xml", "xrechnung_3.0<", "xrechnung_9.9<"))
    assert not other.accept and other.scenario is None and "Szenario" in other.reasons[0]


def test_rule_error_rejects_and_is_explained_in_german() -> None:
    report = validate(
        variant("xr_ubl_minimal.xml", "<cbc:BuyerReference>05315000-AMT20-11</cbc:BuyerReference>", "")
    )
    assert not report.accept and report.errors == ("BR-DE-15",)
    text = render_text(report)
    assert "ABLEHNEN" in text and "BR-DE-15" in text and "BT-10" in text and "Leitweg" in text
    assert report.findings[0].location.startswith("/ubl:Invoice")


def test_report_json_has_exactly_the_agreed_keys() -> None:
    report = validate(fixture("xr_cii_minimal.xml"))
    data = report_to_json(report, "a.xml")
    assert set(data) == {"file", "syntax", "scenario", "accept", "errors", "warnings", "reasons"}
    assert data["accept"] is True and data["scenario"] == "EN16931 XRechnung (CII)"


def test_rule_engine_implements_the_port() -> None:
    validator = RuleEngineValidator()
    assert isinstance(validator, InvoiceValidator)
    assert isinstance(validator.validate(fixture("xr_ubl_minimal.xml")), ValidationReport)


def test_removing_any_single_element_never_crashes() -> None:
    from lxml import etree

    for name in ("xr_ubl_minimal.xml", "xr_cii_minimal.xml"):
        base = etree.fromstring(fixture(name))
        count = sum(1 for _ in base.iter(etree.Element))
        for i in range(1, count):
            root = etree.fromstring(fixture(name))
            victim = list(root.iter(etree.Element))[i]
            victim.getparent().remove(victim)
            report = validate(etree.tostring(root))
            assert isinstance(report.accept, bool)
            assert report.accept or report.reasons, f"rejected without reason after removing element {i}"


def test_truncated_documents_are_rejected_with_reason() -> None:
    data = fixture("xr_cii_minimal.xml")
    for cut in (10, len(data) // 3, len(data) - 5):
        report = validate(data[:cut])
        assert not report.accept and report.syntax == "not-xml" and report.reasons
