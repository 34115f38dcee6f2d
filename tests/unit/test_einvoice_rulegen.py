"""The generated rule runners (``rules.rulegen``) fail the rules the interpreted engine loop fails, on the same
nodes, in the same order: on our fixtures, the shared corpus (when present) and mutants of them."""

from __future__ import annotations

import logging

import pytest
from lxml import etree

from tests.unit._einvoice_fixtures import rule_failures
from tests.unit.test_einvoice_pathgen import _documents, _mutants
from workflow.einvoice.detect import syntax_of
from workflow.einvoice.rules import checks
from workflow.einvoice.rules.engine import Document, Rule, evaluate
from workflow.einvoice.validator import _FAMILY


def _failures(root: etree._Element, generated: bool) -> list[tuple[str, str, str | None, int | None]] | None:
    return rule_failures(root, generated=generated)


@pytest.mark.parametrize("number", range(4))
def test_generated_and_interpreted_rules_fail_the_same(number: int) -> None:
    compared = failing = 0
    for i, data in enumerate(_documents(number)):
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            continue
        for doc in [root, *_mutants(root, seed=7000 + number * 1000 + i)]:
            doc = etree.fromstring(etree.tostring(doc))  # source lines of the serialised mutant
            want = _failures(doc, generated=False)
            if want is None:
                continue
            assert _failures(doc, generated=True) == want
            compared += 1
            failing += bool(want)
    assert compared > 0 and failing > 0  # the mutants make rules fail


def test_a_rule_that_raises_counts_as_failed_and_a_defect_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    root = etree.fromstring(_documents()[0])
    syntax = syntax_of(root)
    family, doc_type = _FAMILY[syntax]

    def defect(n: object) -> bool:
        raise RuntimeError("defect")

    rules = (
        Rule("T-1", "doc", checks.has("BT-1")),
        Rule("T-2", "doc", lambda n: 1 / 0 > 0),  # an evaluation error: a failed assert, not logged
        Rule("T-3", "doc", defect),
        Rule("T-4", "doc", checks.any_of("BT-7", "BT-8")),
        Rule("T-5", "doc", checks.group("line")),
        Rule("T-6", "doc", checks.filled("BT-1")),
        Rule("T-7", "doc", checks.any_of()),
    )
    active = {r.rule_id: "x" for r in rules}
    results = []
    for generated in (False, True):
        caplog.clear()
        with (
            caplog.at_level(logging.ERROR, logger="workflow.einvoice.rules.engine"),
            Document(root, family, doc_type) as doc,
        ):
            results.append([f.rule_id for f in evaluate(doc, rules, active, generated=generated)])
        assert [r.getMessage() for r in caplog.records] == [
            "Regel T-3 konnte nicht ausgewertet werden (Kontext doc)"
        ]
        assert caplog.records[0].exc_info is not None
    assert results[0] == results[1] == ["T-2", "T-3", "T-4", "T-7"]
