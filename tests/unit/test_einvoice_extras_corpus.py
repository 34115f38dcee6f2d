"""The extras over the shared e-invoice corpus: every report, view and notice renders; own checks find the
mutants made for them; the Leitweg-ID check agrees with python-stdnum; a re-sent invoice is a duplicate."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from stdnum.de import leitweg as stdnum_leitweg

from workflow.einvoice.duplicates import duplicate_keys, is_probable_duplicate
from workflow.einvoice.findings import Level
from workflow.einvoice.leitweg import check_leitweg_id, own_checks
from workflow.einvoice.render import (
    render_invoice_html,
    render_rejection_notice,
    render_report_html,
    render_report_text,
)

pytestmark = pytest.mark.corpus


def _corpus() -> Path:
    shared = Path(
        os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[2].parent / "shared"
    )
    return shared / "corpus" / "einvoice"


@pytest.fixture(scope="module")
def validated() -> list[tuple[dict[str, Any], bytes, Any]]:
    base = _corpus()
    if not (base / "expected.jsonl").is_file():
        pytest.skip(f"shared e-invoice corpus not found at {base}")
    from workflow.einvoice.validator import validate

    rows = []
    for line in (base / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        data = (base / entry["file"]).read_bytes()
        rows.append((entry, data, validate(data)))
    return rows


def test_every_document_renders(validated: list[tuple[dict[str, Any], bytes, Any]]) -> None:
    with_invoice = 0
    for entry, _, report in validated:
        assert "Ergebnis: " in render_report_text(report), entry["file"]
        assert "Prüfergebnis" in render_report_html(report), entry["file"]
        if report.invoice is not None:
            with_invoice += 1
            page = render_invoice_html(report.invoice, report=report, attachments_url=lambda i: f"/a/{i}")
            assert (report.invoice.invoice_number or "(ohne Nummer)") in page or "&" in (
                report.invoice.invoice_number or ""
            ), entry["file"]
    assert with_invoice > len(validated) // 2


def test_every_rejection_notice_names_every_error_rule(
    validated: list[tuple[dict[str, Any], bytes, Any]],
) -> None:
    rejected = 0
    for entry, _, report in validated:
        if report.accept:
            continue
        rejected += 1
        notice = render_rejection_notice(
            report, report.invoice, receiver_name="Stadt Beispiel", channel="email"
        )
        assert notice.subject.startswith("Zurückweisung Ihrer"), entry["file"]
        assert "\n1. " in notice.text, entry["file"]
        for rule_id in report.errors:
            assert rule_id in notice.text, (entry["file"], rule_id)
    assert rejected > 0


def test_own_checks_find_the_mutants_and_stay_warnings(
    validated: list[tuple[dict[str, Any], bytes, Any]],
) -> None:
    leitweg_mutants = iban_reference = 0
    for entry, _, report in validated:
        if report.invoice is None:
            continue
        own = own_checks(report.invoice)
        assert all(f.level is Level.WARNING for f in own), entry["file"]
        rules = {f.rule_id for f in own}
        if entry["origin"].get("mutation") == "leitweg-bad-checksum":
            leitweg_mutants += 1
            assert "AF-LEITWEG-01" in rules, entry["file"]
        pay = report.invoice.payment_instructions
        # the reference validator's IBAN warning, where an account exists (missing BG-17 is BR-DE-23's job)
        if "BR-DE-19" in entry["warning"] and pay is not None and pay.credit_transfers:
            iban_reference += 1
            assert "AF-IBAN-01" in rules, entry["file"]
    assert leitweg_mutants >= 5 and iban_reference >= 5


def test_leitweg_check_agrees_with_stdnum(validated: list[tuple[dict[str, Any], bytes, Any]]) -> None:
    values = {
        r.invoice.buyer_reference
        for _, _, r in validated
        if r.invoice is not None and r.invoice.buyer_reference
    }
    assert len(values) > 20
    for value in values:
        assert check_leitweg_id(value).valid is stdnum_leitweg.is_valid(value), value


def test_resent_invoice_with_other_iban_is_a_duplicate(
    validated: list[tuple[dict[str, Any], bytes, Any]],
) -> None:
    by_file = {entry["file"].rsplit("/", 1)[-1]: (data, report) for entry, data, report in validated}
    pairs = 0
    for entry, data, report in validated:
        origin = entry["origin"]
        if (
            origin.get("mutation") != "bad-iban"
            or report.invoice is None
            or origin.get("base") not in by_file
        ):
            continue
        base_data, base_report = by_file[origin["base"]]
        if base_report.invoice is None:
            continue
        pairs += 1
        same, reason = is_probable_duplicate(
            duplicate_keys(report.invoice, content=data),
            duplicate_keys(base_report.invoice, content=base_data),
        )
        assert same and "identische Datei" not in reason, (entry["file"], reason)
    assert pairs >= 3
