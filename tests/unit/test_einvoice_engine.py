"""Rule engine building blocks: path language, XPath rounding, decimals, IBAN, code-list quirks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from tests.unit._einvoice_fixtures import variant
from workflow.einvoice.rules.engine import to_decimal, xround2
from workflow.einvoice.rules.paths import PathSyntaxError, compile_path, select
from workflow.einvoice.rules.xr_rules import SKONTO, iban_ok
from workflow.einvoice.tools.refresh_data import refresh
from workflow.einvoice.validator import validate

NS = {"a": "urn:a"}
DOC = etree.fromstring(
    b'<a:r xmlns:a="urn:a"><a:x k="1"><a:c>false</a:c><a:v> 5 </a:v></a:x><a:x k="2"><a:c>1</a:c><a:v>7</a:v>'
    b"</a:x><a:y/></a:r>"
)


def _texts(path: str) -> list[str]:
    return [v if isinstance(v, str) else (v.text or "") for v in select(DOC, compile_path(path, NS))]


def test_path_language_predicates_and_alternatives() -> None:
    assert _texts("a:x/a:v") == [" 5 ", "7"]
    assert _texts("a:x[bool(a:c)=true]/a:v") == ["7"]
    assert _texts("a:x[bool(a:c)=false]/@k") == ["1"]
    assert _texts("a:x[a:v='5']/@k") == []  # compares the text as written, as XPath '=' does: ' 5 ' is no '5'
    assert _texts("a:x[a:v!='5']/@k") == ["1", "2"]
    assert _texts("a:x[normalize-space(a:v)='5']/@k") == ["1"]  # the normalised comparison is spelled out
    assert _texts("a:x[normalize-space(a:v)!='5']/@k") == ["2"]
    assert _texts("a:x[normalize-space(upper-case(a:c))='FALSE']/@k") == ["1"]
    assert _texts("a:x[not(a:q)]/@k") == ["1", "2"]
    assert _texts("a:y|a:x/@k") == ["", "1", "2"]
    with pytest.raises(PathSyntaxError):
        compile_path("b:x", NS)


@pytest.mark.parametrize(
    "value, expected",
    [("2.345", "2.35"), ("-2.345", "-2.34"), ("10", "10.00"), ("0.004", "0.00"), ("-0.005", "0.00")],
)
def test_round_like_xpath_half_up_towards_positive(value: str, expected: str) -> None:
    assert xround2(Decimal(value)) == Decimal(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        (" 12.50 ", Decimal("12.50")),
        ("-.5", Decimal("-0.5")),
        ("1e3", None),
        ("NaN", None),
        ("", None),
        ("1,5", None),
    ],
)
def test_xs_decimal_lexical_form(text: str, expected: Decimal | None) -> None:
    assert to_decimal(text) == expected


def test_iban_and_skonto_patterns() -> None:
    assert iban_ok("DE02 1203 0000 0000 2020 51") and not iban_ok("DE02120300000000202052")
    assert not iban_ok("XX") and not iban_ok("DE02-1203")
    assert SKONTO.fullmatch("#SKONTO#TAGE=14#PROZENT=2.00#BASISBETRAG=-10.00#")
    assert not SKONTO.fullmatch("#SKONTO#TAGE=14#PROZENT=2#")


UBL = "xr_ubl_minimal.xml"


def _errors(data: bytes) -> set[str]:
    return set(validate(data, structure=False, extract=False).errors)


def test_code_list_quirks_of_the_official_rules() -> None:
    party_id = '<cac:PartyIdentification><cbc:ID schemeID="{}">X1</cbc:ID></cac:PartyIdentification>'
    anchor = '<cbc:EndpointID schemeID="EM">rechnung@waermetechnik-beispiel.de</cbc:EndpointID>'

    def with_seller_id(scheme: str) -> bytes:
        return variant(UBL, anchor, anchor + party_id.format(scheme))

    assert _errors(with_seller_id("0088")) == set()
    assert _errors(with_seller_id("SEPA")) == set()  # creditor id of the seller
    assert _errors(with_seller_id("0244")) == {"BR-CL-10"}  # listed, but the list string cannot match it
    exempt = variant(
        UBL,
        "<cbc:Percent>19</cbc:Percent>\n        <cac:TaxScheme>",
        "<cbc:Percent>19</cbc:Percent>\n        <cbc:TaxExemptionReasonCode>vatex-eu-ae"
        "</cbc:TaxExemptionReasonCode>\n        <cac:TaxScheme>",
    )
    assert "BR-CL-22" not in _errors(exempt)  # VATEX compares upper-cased
    vat = variant(
        UBL, "<cbc:CompanyID>DE999999999</cbc:CompanyID>", "<cbc:CompanyID>E 999999999</cbc:CompanyID>"
    )
    assert "BR-CO-09" not in _errors(vat)  # UBL: prefix searched anywhere in the country list string
    vat = variant(
        UBL, "<cbc:CompanyID>DE999999999</cbc:CompanyID>", "<cbc:CompanyID>QQ999999999</cbc:CompanyID>"
    )
    assert "BR-CO-09" in _errors(vat)


def test_refresh_data_writes_facts_without_messages(tmp_path: Path) -> None:
    ref = tmp_path / "ref"
    (ref / "codelists").mkdir(parents=True)
    rule = {
        "id": "BR-01",
        "syntax": "ubl",
        "layer": "cen",
        "base_severity": "error",
        "profile": "all",
        "message": "official text",
    }
    (ref / "rules.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    (ref / "scenarios.json").write_text(
        json.dumps(
            {
                "scenarios": [
                    {
                        "name": "S",
                        "syntax": "ubl",
                        "document": "Invoice",
                        "customization_id": "urn:x",
                        "layers": ["cen"],
                        "custom_levels": {"BR-01": "warning"},
                        "xsd": ["x.xsd"],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    (ref / "codelists" / "L.json").write_text(
        json.dumps(
            {
                "key": "L",
                "codes": ["A", "0244"],
                "usages": [{"unmatchable_codes": ["0244"], "empty_value_accepted": False}],
            }
        ),
        encoding="utf-8",
    )
    counts = refresh(ref, tmp_path / "out")
    assert counts == {"rules": 1, "scenarios": 1, "codelists": 1}
    out = tmp_path / "out"
    assert "official text" not in (out / "rules.json").read_text(encoding="utf-8")
    assert json.loads((out / "codelists.json").read_text(encoding="utf-8")) == {"L": ["A"]}
    with pytest.raises(FileNotFoundError, match="rules.jsonl"):
        refresh(tmp_path / "missing", out)


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_every_semantic_rule_in_the_bundled_data_is_declared(syntax: str) -> None:
    from workflow.einvoice.data_files import rules
    from workflow.einvoice.rules.codelist_rules import TABLE
    from workflow.einvoice.rules.run import ALL_RULES

    declared = {r.rule_id for r in ALL_RULES if r.syntax in (None, syntax)}
    declared |= {c.rule_id for c in TABLE if c.syntax == syntax}
    in_force = {rid for rid in rules(syntax) if not rid.startswith(("UBL-", "CII-"))}
    assert in_force - declared == set(), "rules in force without a declaration"
    assert declared - in_force == set(), "declarations for rules that are not in force"
