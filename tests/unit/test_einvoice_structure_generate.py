"""The generator turns catalogue entries into path declarations (own mini catalogue as input)."""
from __future__ import annotations

import json
from pathlib import Path

from workflow.einvoice.structure.rules import compile_rule_set
from workflow.einvoice.structure.tools.generate import generate, parse_conditions, strip_prefixes


def _row(rule_id: str, syntax: str, pattern: str, index: int, context: str, message: str,
         severity: str = "warning", **extra: object) -> dict[str, object]:
    return {"id": rule_id, "syntax": syntax, "pattern": pattern, "rule_index": index, "context": context,
            "message": message, "base_severity": severity, "category": "structural-not-used", **extra}


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    (tmp_path / "rules.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return tmp_path


def test_ubl_rule_name_words_become_paths_for_invoice_and_credit_note(tmp_path: Path) -> None:
    rows = [
        _row("UBL-CR-900", "ubl", "UBL-syntax", 9, "/ubl:Invoice | /cn:CreditNote",
             "[UBL-CR-900]-A UBL invoice should not include the AccountingCustomerParty Party Contact Telefax"),
        _row("UBL-CR-901", "ubl", "UBL-syntax", 9, "/ubl:Invoice | /cn:CreditNote",
             "[UBL-CR-901]-A UBL invoice should not include the InvoiceLine Item Price PriceTypeCode"),
        _row("UBL-CR-902", "ubl", "UBL-syntax", 9, "/ubl:Invoice | /cn:CreditNote",
             "[UBL-CR-902]-A UBL invoice should not include the BillingReference UUID"),
    ]
    data = generate(_write(tmp_path, rows), "ubl")
    targets = {a["id"]: a["targets"] for g in data["groups"] for a in g["asserts"]}
    assert targets["UBL-CR-900"] == ["AccountingCustomerParty/Party/Contact/Telefax"]
    assert targets["UBL-CR-901"] == ["InvoiceLine/Price/PriceTypeCode", "CreditNoteLine/Price/PriceTypeCode"]
    assert targets["UBL-CR-902"] == ["BillingReference/InvoiceDocumentReference/UUID"]
    assert data["groups"][0]["context"] == ["/Invoice", "/CreditNote"]
    compile_rule_set(data)  # the output is loadable


def test_cii_names_are_placed_in_rule_order(tmp_path: Path) -> None:
    context = "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
    names = ["RoleCode", "LegalClassificationCode", "Name", "RoleCode", "Description", "Name"]
    rows = [_row(f"CII-SR-9{i:02d}", "cii", "EN16931-CII-Syntax", 13, context,
                 f"[CII-SR-9{i:02d}] - {n} should not be present") for i, n in enumerate(names)]
    data = generate(_write(tmp_path, rows), "cii")
    targets = [a["targets"][0] for a in data["groups"][0]["asserts"]]
    assert targets == [
        "SellerTradeParty/RoleCode",
        "SellerTradeParty/SpecifiedLegalOrganization/LegalClassificationCode",
        "SellerTradeParty/SpecifiedLegalOrganization/Name",
        "BuyerTradeParty/RoleCode",
        "BuyerTradeParty/Description",
        "BuyerTradeParty/SpecifiedLegalOrganization/Name",
    ]
    assert all("nicht verwendet" in a["message"] for a in data["groups"][0]["asserts"])


def test_context_conditions_are_read() -> None:
    assert parse_conditions(["*: element name ends with 'Amount'",
                             "*: excluding element names ending with 'PriceAmount'",
                             "*: excluding elements inside cac:Price/cac:AllowanceCharge"]) == [
        ["name_suffix", "Amount"], ["not_name_suffix", "PriceAmount"], ["not_under", "Price/AllowanceCharge"]]
    assert strip_prefixes("/rsm:CrossIndustryInvoice/ram:X") == "/CrossIndustryInvoice/X"
