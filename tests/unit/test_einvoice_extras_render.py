"""What people see: Skonto lines, German formats, the invoice view, reports and the rejection notice."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from schemas.invoice import Invoice, SkontoTerm, invoice_from_dict
from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.render import (
    NothingToRejectError,
    describe_skonto,
    parse_skonto,
    render_invoice_html,
    render_rejection_notice,
    render_report_html,
    render_report_text,
    skonto_problems,
)
from workflow.einvoice.render.format import format_amount, format_date, format_number, format_quantity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice_extras"
BT10_PATH = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"


@dataclass
class FakeReport:
    """Stands in for the validator's ValidationReport (same attribute names)."""

    accept: bool
    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    syntax: str = "CII"
    scenario: str | None = "EN16931 XRechnung (CII)"
    invoice: Any = None


@pytest.fixture(scope="module")
def invoice() -> Invoice:
    return invoice_from_dict(json.loads((FIXTURES / "invoice_full.json").read_text(encoding="utf-8")))


@pytest.fixture
def rejected(invoice: Invoice) -> FakeReport:
    return FakeReport(
        accept=False,
        findings=[
            Finding(
                "BR-DE-15",
                Level.ERROR,
                BT10_PATH + "/ram:BuyerReference",
                'Das Element "Buyer reference" (BT-10) muss übermittelt werden.',
                "BT-10",
            ),
            Finding(
                "BR-CO-15", Level.ERROR, "/rsm:CrossIndustryInvoice", "Gesamtbetrag (BT-112) stimmt nicht."
            ),
            Finding("BR-DE-19", Level.WARNING, "/x", "IBAN <b>falsch</b>", "BT-84"),
        ],
        reasons=["schematron-errors"],
        invoice=invoice,
    )


def _text_of(page: str) -> str:
    root = lxml_html.fromstring(page)
    for style in root.iter("style"):
        style.drop_tree()
    return " ".join(root.text_content().split())


# ---------------------------------------------------------------- Skonto


def test_parse_skonto_lines() -> None:
    terms = parse_skonto(
        "#SKONTO#TAGE=14#PROZENT=2.00#\n#SKONTO#TAGE=30#PROZENT=1.50#BASISBETRAG=100.00#\nText"
    )
    assert terms == [SkontoTerm(14, Decimal("2.00")), SkontoTerm(30, Decimal("1.50"), Decimal("100.00"))]
    assert parse_skonto(None) == [] and parse_skonto("Zahlbar sofort") == []


def test_malformed_skonto_is_reported_not_dropped() -> None:
    problems = skonto_problems("#SKONTO#TAGE=14#PROZENT=2#\n#SKONTO#TAGE=7#PROZENT=3.00#\n")
    assert len(problems) == 1 and "Zeile 1" in problems[0]


def test_skonto_without_final_line_break_is_reported() -> None:
    problems = skonto_problems("#SKONTO#TAGE=7#PROZENT=3.00#")
    assert len(problems) == 1 and "Zeilenumbruch" in problems[0]
    assert skonto_problems("#SKONTO#TAGE=7#PROZENT=3.00# \n") == []
    assert skonto_problems("Zahlbar sofort") == []


def test_describe_skonto_wording_and_amounts() -> None:
    line = describe_skonto(
        SkontoTerm(14, Decimal("2.00")),
        issue_date=date(2026, 3, 10),
        amount_due=Decimal("249.90"),
        currency="EUR",
    )
    assert line.deadline == date(2026, 3, 24) and line.discount == Decimal("5.00")
    assert line.text.startswith("2,00 % Skonto bei Zahlung innerhalb 14 Tagen, bis 24.03.2026, Betrag 5,00 €")
    assert "zu zahlen 244,90 €" in line.text
    with_base = describe_skonto(
        SkontoTerm(10, Decimal("3.00"), Decimal("100.00")), issue_date=None, amount_due=None, currency="EUR"
    )
    assert with_base.deadline is None and with_base.discount == Decimal("3.00")
    assert "Basisbetrag 100,00 €" in with_base.text and "bis" not in with_base.text


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("1234567.5"), "1.234.567,5"), (Decimal("-0.25"), "-0,25"), (Decimal("100"), "100"), (None, "")],
)
def test_format_number(value: Decimal | None, text: str) -> None:
    assert format_number(value) == text


def test_amount_quantity_date() -> None:
    assert format_amount(Decimal("1234.5"), "EUR") == "1.234,50 €"
    assert format_amount(Decimal("0.1234"), "USD") == "0,1234 USD"
    assert format_quantity(Decimal("10.000")) == "10" and format_quantity(Decimal("2.50")) == "2,5"
    assert format_date(date(2026, 4, 9)) == "09.04.2026"


# ---------------------------------------------------------------- invoice view


def test_invoice_view_shows_the_business_terms(invoice: Invoice) -> None:
    page = render_invoice_html(invoice)
    text = _text_of(page)
    for expected in [
        "Rechnung RE-2026-0815",
        "10.03.2026",
        "Rechnung (380)",
        "04011000-1234512345-06",
        "(Bremen)",
        "Bürobedarf Muster GmbH",
        "DE123456789",
        "Musterstraße 1",
        "28195 Bremen",
        "+49 421 555-0100",
        "Freie Hansestadt Musterstadt, Amt 20",
        "Kopierpapier A4, 500 Blatt",
        "10 Packung",
        "12,50 €",
        "Mengenrabatt",
        "Nachlass",
        "Versandkosten",
        "210,00 €",
        "39,90 €",
        "249,90 €",
        "Normalsatz / ermäßigter Satz (S)",
        "19 %",
        "DE02 1203 0000 0000 2020 51",
        "BYLADEM1001",
        "SEPA-Überweisung (58)",
        "2,00 % Skonto bei Zahlung innerhalb 14 Tagen, bis 24.03.2026, Betrag 5,00 €",
        "Zahlbar ohne Abzug bis 09.04.2026",
        "RE-2026-0700",
        "01.02.2026",
        "Factoring Nord AG",
        "Schule am Park",
        "Lieferschein 88",
        "Allgemeine Information (AAI)",
    ]:
        assert expected in text, expected
    assert "#SKONTO#" not in text  # Skonto lines are shown worked out, not raw


def test_invoice_view_escapes_and_links_safely(invoice: Invoice) -> None:
    page = render_invoice_html(invoice, attachments_url=lambda i: f"/dokumente/anlage/{i}?x=1&y=2")
    assert "<script>" not in page and "&lt;script&gt;" in page
    root = lxml_html.fromstring(page)
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs == ["/dokumente/anlage/0?x=1&y=2", "https://example.org/nachweis/88"]
    assert not root.xpath("//link | //script | //img")  # no external assets


def test_invoice_view_without_link_callback_lists_files_without_links(invoice: Invoice) -> None:
    root = lxml_html.fromstring(render_invoice_html(invoice))
    assert [a.get("href") for a in root.iter("a")] == ["https://example.org/nachweis/88"]
    assert "lieferschein.pdf" in root.text_content()


def test_invoice_view_marks_bad_leitweg_and_iban(invoice: Invoice) -> None:
    pay = dataclasses.replace(
        invoice.payment_instructions,
        credit_transfers=(  # type: ignore[arg-type]
            dataclasses.replace(
                invoice.payment_instructions.credit_transfers[0],  # type: ignore[union-attr]
                account_id="DE02120300000000202052",
            ),
        ),
    )
    text = _text_of(
        render_invoice_html(
            dataclasses.replace(invoice, buyer_reference="991-12345-67", payment_instructions=pay)
        )
    )
    assert "Prüfziffer der Leitweg-ID" in text and "Prüfziffer falsch" in text


def test_credit_note_and_minimal_invoice_render(invoice: Invoice) -> None:
    text = _text_of(render_invoice_html(dataclasses.replace(invoice, type_code="381")))
    assert text.startswith("Gutschrift RE-2026-0815")
    bare = _text_of(render_invoice_html(Invoice(source="paper", needs_verification=True)))
    assert (
        "(ohne Nummer)" in bare and "keine Positionen angegeben" in bare and "bitte vor der Freigabe" in bare
    )


def test_invoice_view_with_report_shows_the_findings(invoice: Invoice, rejected: FakeReport) -> None:
    text = _text_of(render_invoice_html(invoice, report=rejected))
    assert "abgelehnt: 2 Fehler, 1 Warnung, 0 Hinweise" in text
    assert "BR-DE-15" in text and "Käuferreferenz (Leitweg-ID) (BT-10)" in text
    assert "Gesamtbetrag mit Umsatzsteuer (BT-112)" in text  # term named in the message is picked up


# ---------------------------------------------------------------- reports


def test_text_report(rejected: FakeReport) -> None:
    report = render_report_text(rejected)
    assert report.startswith("Prüfbericht E-Rechnung: Rechnung RE-2026-0815 vom 10.03.2026 von Bürobedarf")
    assert "Ergebnis: abgelehnt: 2 Fehler, 1 Warnung, 0 Hinweise" in report
    assert re.search(r"1\. \[BR-DE-15\] .*BT-10", report)
    assert "Stelle:   " + BT10_PATH + "/ram:BuyerReference" in report
    assert report.index("Fehler (führen zur Ablehnung)") < report.index("Warnungen")
    assert "verletzt Geschäftsregeln" in report


def test_text_report_for_unreadable_xml() -> None:
    report = render_report_text(
        FakeReport(accept=False, reasons=["not-well-formed"], syntax="not-xml", scenario=None)
    )
    assert "Inhalt nicht lesbar" in report and "kein wohlgeformtes XML" in report
    assert "kein passendes Prüfszenario" in report


def test_accepted_report_says_so() -> None:
    report = render_report_text(FakeReport(accept=True))
    assert "angenommen: 0 Fehler" in report and "Keine Beanstandungen." in report


def test_html_report_escapes(rejected: FakeReport) -> None:
    page = render_report_html(rejected)
    assert "IBAN &lt;b&gt;falsch&lt;/b&gt;" in page
    assert "BR-CO-15" in _text_of(page)


# ---------------------------------------------------------------- rejection notice


def test_rejection_notice(invoice: Invoice, rejected: FakeReport) -> None:
    notice = render_rejection_notice(rejected, invoice, receiver_name="Stadt Musterstadt", channel="email")
    assert notice.subject == "Zurückweisung Ihrer Rechnung Nr. RE-2026-0815 – Stadt Musterstadt"
    body = notice.text
    assert "vom 10.03.2026 über 249,90 €, eingegangen per E-Mail" in " ".join(body.split())
    assert "1. Das Element" in body and "(Regel BR-DE-15" in " ".join(body.split())
    assert "2. Gesamtbetrag" in body and "BR-CO-15" in body
    assert "Weitere Hinweise" in body and "BR-DE-19" in body.split("Weitere Hinweise")[1]
    assert all(len(line) <= 76 or "/" in line for line in body.splitlines())
    assert "IBAN &lt;b&gt;falsch" in notice.html and "<ol>" in notice.html


def test_rejection_notice_without_invoice_and_other_channel() -> None:
    report = FakeReport(accept=False, reasons=["no-scenario-matched"], scenario=None)
    notice = render_rejection_notice(report, None, receiver_name="Kreis Beispiel", channel="peppol")
    assert notice.subject == "Zurückweisung Ihrer E-Rechnung – Kreis Beispiel"
    assert "über das Peppol-Netzwerk" in notice.text and "Spezifikationskennung (BT-24)" in notice.text


def test_notice_does_not_list_warning_hints_as_reasons(invoice: Invoice) -> None:
    """The validate stage may echo own warnings as "Hinweis AF-...: ..." reasons; they stay hints."""
    own = Finding("AF-IBAN-01", Level.WARNING, "/x", "IBAN-Prüfziffer falsch.", "BT-84")
    report = FakeReport(
        accept=False,
        findings=[own],
        invoice=invoice,
        reasons=[
            "Profil MINIMUM: kein vollständiger Rechnungsinhalt nach EN 16931",
            "Hinweis AF-IBAN-01: IBAN-Prüfziffer falsch.",
        ],
    )
    body = render_rejection_notice(report, None, receiver_name="X", channel="upload").text
    reasons_part, hints_part = body.split("Weitere Hinweise")
    assert "1. Profil MINIMUM: kein vollständiger Rechnungsinhalt nach EN 16931" in reasons_part
    assert "AF-IBAN-01" not in reasons_part and "AF-IBAN-01" in hints_part
    assert "Rechnung Nr. RE-2026-0815" in body  # the report's invoice is used when none is passed


def test_no_notice_for_accepted_invoice(invoice: Invoice) -> None:
    with pytest.raises(NothingToRejectError):
        render_rejection_notice(FakeReport(accept=True), invoice, receiver_name="X", channel="email")
