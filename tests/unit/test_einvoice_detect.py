"""workflow.einvoice.detect: syntax and KoSIT scenario from root element and BT-24."""

from __future__ import annotations

import pytest

from tests.unit._einvoice_fixtures import fixture, variant
from workflow.einvoice.detect import Syntax, select_scenario, syntax_from_text, syntax_of
from workflow.einvoice.xmlsafe import parse_xml

XR = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"


@pytest.mark.parametrize(
    "name, syntax, scenario",
    [
        ("xr_ubl_minimal.xml", Syntax.UBL_INVOICE, "EN16931 XRechnung (UBL Invoice)"),
        ("xr_cii_minimal.xml", Syntax.CII, "EN16931 XRechnung (CII)"),
    ],
)
def test_fixtures_select_the_xrechnung_scenario(name: str, syntax: Syntax, scenario: str) -> None:
    root = parse_xml(fixture(name))
    assert syntax_of(root) is syntax
    sc = select_scenario(root, syntax)
    assert sc is not None and sc.name == scenario and sc.profile == "all"


@pytest.mark.parametrize(
    "new_id, expected",
    [
        ("urn:cen.eu:en16931:2017", "EN16931 (UBL Invoice)"),
        (
            XR + "#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0",
            "EN16931 XRechnung Extension (UBL Invoice)",
        ),
        (XR + "#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9", "EN16931 XRechnung CVD (UBL Invoice)"),
        ("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_2.3", None),
        (" " + XR, None),  # KoSIT compares the raw text
    ],
)
def test_scenario_follows_customization_id(new_id: str, expected: str | None) -> None:
    root = parse_xml(variant("xr_ubl_minimal.xml", XR, new_id))
    sc = select_scenario(root, syntax_of(root))
    assert (sc.name if sc else None) == expected


def test_credit_note_has_no_extension_scenario() -> None:
    data = (
        fixture("xr_ubl_minimal.xml")
        .decode()
        .replace("Invoice-2", "CreditNote-2")
        .replace("ubl:Invoice", "ubl:CreditNote")
        .replace(XR + "<", XR + "#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0<")
    )
    root = parse_xml(data.encode())
    assert syntax_of(root) is Syntax.UBL_CREDITNOTE
    assert select_scenario(root, Syntax.UBL_CREDITNOTE) is None


def test_unknown_root_and_text_fallback() -> None:
    root = parse_xml(b"<Order xmlns='urn:example'/>")
    assert syntax_of(root) is Syntax.UNKNOWN_XML
    assert select_scenario(root, Syntax.UNKNOWN_XML) is None
    assert syntax_from_text(b'<!DOCTYPE x><rsm:CrossIndustryInvoice xmlns:rsm="u">') is Syntax.CII
    assert syntax_from_text(b"%PDF") is Syntax.NOT_XML
