"""End to end on our own fixtures: hybrid PDF -> XML -> validator -> view, report, notice, own checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.einvoice.duplicates import duplicate_keys, is_probable_duplicate
from workflow.einvoice.facturx import Profile, extract_embedded_invoice, make_facturx_pdf
from workflow.einvoice.leitweg import own_checks
from workflow.einvoice.render import render_invoice_html, render_rejection_notice, render_report_text
from workflow.einvoice.validator import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_extras"


@pytest.fixture(scope="module")
def cii() -> bytes:
    return (FIXTURES / "xrechnung_cii.xml").read_bytes()


def test_hybrid_invoice_is_accepted_and_rendered(cii: bytes) -> None:
    embedded = extract_embedded_invoice(make_facturx_pdf(cii, title="Rechnung RE-2026-0815"))
    assert embedded.profile is Profile.XRECHNUNG
    report = validate(embedded.xml)
    assert report.accept and report.invoice is not None
    assert own_checks(report.invoice) == []
    page = render_invoice_html(report.invoice, report=report)
    assert "2,00 % Skonto bei Zahlung innerhalb 14 Tagen, bis 24.03.2026, Betrag 4,76 €" in page
    assert "angenommen: 0 Fehler" in render_report_text(report)


def test_same_invoice_as_xml_and_as_hybrid_is_a_duplicate(cii: bytes) -> None:
    pdf = make_facturx_pdf(cii, title="x")
    by_mail, by_portal = validate(cii), validate(extract_embedded_invoice(pdf).xml)
    assert by_mail.invoice is not None and by_portal.invoice is not None
    same, reason = is_probable_duplicate(
        duplicate_keys(by_portal.invoice, content=pdf), duplicate_keys(by_mail.invoice, content=cii)
    )
    assert same and "RE-2026-0815" in reason


def test_faulty_invoice_gets_a_notice_naming_the_rules(cii: bytes) -> None:
    broken = cii.replace(b"<ram:BuyerReference>04011000-1234512345-06</ram:BuyerReference>", b"")
    broken = broken.replace(b"<ram:GrandTotalAmount>238.00", b"<ram:GrandTotalAmount>283.00")
    report = validate(broken)
    assert not report.accept and report.invoice is not None
    notice = render_rejection_notice(
        report, report.invoice, receiver_name="Stadt Musterstadt", channel="email"
    )
    assert report.errors and all(rule in notice.text for rule in report.errors)
    assert "BR-DE-15" in report.errors and "Käuferreferenz (Leitweg-ID) (BT-10)" in notice.text


def test_wrong_leitweg_id_is_only_a_warning(cii: bytes) -> None:
    report = validate(
        cii.replace(b"04011000-1234512345-06</ram:BuyerReference>", b"991-12345-67</ram:BuyerReference>")
    )
    assert report.accept and report.invoice is not None
    findings = own_checks(report.invoice)
    assert [f.rule_id for f in findings] == ["AF-LEITWEG-01"]
