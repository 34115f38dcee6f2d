"""Declared ``CodeIn`` filters: the engine reads a node's set of codes once and picks the rules of every code in it;
the failures are those of asking each filter on its own (as a plain ``where`` callable), on our fixtures, variants
with other and several VAT categories per line, the shared corpus (when present) and mutants of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree

from tests.unit._einvoice_fixtures import fixture, rule_failures, variant
from tests.unit.test_einvoice_pathgen import _documents, _mutants
from workflow.einvoice.rules.engine import CodeIn, Document, Node, Rule
from workflow.einvoice.rules.run import ALL_RULES

_UBL_CATEGORY = "<cbc:ID>S</cbc:ID>\n        <cbc:Percent>19</cbc:Percent>"
_SECOND_UBL_CATEGORY = (
    "</cac:ClassifiedTaxCategory>\n      <cac:ClassifiedTaxCategory>\n        <cbc:ID>Z</cbc:ID>\n"
    "        <cbc:Percent>0</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n"
    "      </cac:ClassifiedTaxCategory>\n    </cac:Item>"
)


def _variants() -> list[bytes]:
    """Lines of other categories and a UBL line with two categories (the filters see both)."""
    return [
        variant("xr_ubl_minimal.xml", _UBL_CATEGORY, "<cbc:ID>Z</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>"),
        variant("xr_ubl_minimal.xml", _UBL_CATEGORY, "<cbc:ID>E</cbc:ID>\n        <cbc:Percent>0</cbc:Percent>"),
        variant("xr_ubl_minimal.xml", "</cac:ClassifiedTaxCategory>\n    </cac:Item>", _SECOND_UBL_CATEGORY),
        variant("xr_cii_minimal.xml", "<ram:CategoryCode>S</ram:CategoryCode>", "<ram:CategoryCode>Z</ram:CategoryCode>"),
        variant("xr_cii_minimal.xml", "<ram:CategoryCode>S</ram:CategoryCode>", "<ram:CategoryCode>AE</ram:CategoryCode>"),
    ]


def _asked_one_by_one(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The rules with each ``CodeIn`` filter wrapped in a plain callable: the engine then asks it per filter."""

    def plain(where: CodeIn) -> Callable[[Node], bool]:
        return lambda n: where(n)

    wrapped = {}  # one callable per distinct filter, so rules sharing a filter still share it
    out = []
    for r in rules:
        if isinstance(r.where, CodeIn):
            where = wrapped.setdefault(r.where, plain(r.where))
            r = Rule(r.rule_id, r.context, r.check, r.term, where, r.syntax)
        out.append(r)
    return tuple(out)


_PLAIN = _asked_one_by_one(ALL_RULES)


def _failures(root: etree._Element, rules: tuple[Rule, ...]) -> list[tuple[str, str, str | None, int | None]] | None:
    return rule_failures(root, rules)


def test_the_vat_rules_declare_their_line_filters() -> None:
    filters = {r.where for r in ALL_RULES if isinstance(r.where, CodeIn)}
    assert len({f.codes_of for f in filters}) == 2  # CII line VAT categories; UBL line and sub line categories
    assert {f.code for f in filters} >= {"S", "Z", "E", "AE", "K", "G", "O", "L", "M"}


def test_a_filter_asked_on_its_own_tests_membership() -> None:
    root = etree.fromstring(fixture("xr_ubl_minimal.xml"))
    with Document(root, "ubl", "Invoice") as doc:
        line = doc.nodes("line")[0]
        found = {f.code for f in {r.where for r in ALL_RULES if isinstance(r.where, CodeIn)} if f(line)}
    assert found == {"S"}


@pytest.mark.parametrize("part", range(2))
def test_grouped_and_one_by_one_filters_fail_the_same(part: int) -> None:
    compared = failing = 0
    documents = _documents(part) + (_variants() if part == 0 else [])
    for i, data in enumerate(documents):
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            continue
        for doc in [root, *_mutants(root, seed=9100 + part * 1000 + i, count=2)]:
            want = _failures(doc, _PLAIN)
            if want is None:
                continue
            assert _failures(doc, ALL_RULES) == want
            compared += 1
            failing += bool(want)
    assert compared > 0 and failing > 0
