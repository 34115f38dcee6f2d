"""Run all semantic rule layers of one scenario on a parsed document and turn failures into Findings."""

from __future__ import annotations

from functools import cache
from types import MappingProxyType
from typing import Mapping

from lxml import etree

from workflow.einvoice.data_files import Scenario, scenario_levels
from workflow.einvoice.data_files import rules as rule_facts
from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.rules import codelist_rules, core_rules, peppol_rules, vat_rules, xr_rules
from workflow.einvoice.rules.engine import Document, Rule, evaluate
from workflow.einvoice.rules.messages import message_for

ALL_RULES: tuple[Rule, ...] = core_rules.RULES + vat_rules.RULES + xr_rules.RULES + peppol_rules.RULES
_STRUCTURAL_PREFIXES = ("UBL-", "CII-")


@cache
def active_rules(scenario_name: str, syntax: str, profile: str, layers: tuple[str, ...]) -> Mapping[str, str]:
    """rule id -> layer for the semantic rules this scenario runs (structural UBL-*/CII-* rules excluded)."""
    return MappingProxyType(
        {
            rid: info.layer
            for rid, info in rule_facts(syntax).items()
            if info.layer in layers
            and info.profile in ("all", profile)
            and not rid.startswith(_STRUCTURAL_PREFIXES)
        }
    )


def element_path(el: etree._Element) -> str:
    """Readable location like ``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``."""
    parts = []
    cur: etree._Element | None = el
    while cur is not None:
        q = etree.QName(cur)
        name = f"{cur.prefix}:{q.localname}" if cur.prefix else q.localname
        parent = cur.getparent()
        if parent is not None:
            same = [s for s in parent.iterchildren(cur.tag)]
            if len(same) > 1:
                name += f"[{same.index(cur) + 1}]"
        parts.append(name)
        cur = parent
    return "/" + "/".join(reversed(parts))


def run_semantic(
    root: etree._Element, syntax: str, doc_type: str, scenario: Scenario, doc: Document | None = None
) -> list[Finding]:
    """All semantic findings (BR-*, BR-CL-*, BR-DE-*, Peppol ...) with the scenario's effective levels.

    ``doc`` (optional) is a ``Document`` over the same ``root`` and ``syntax`` whose term caches were already
    filled (by the model extraction); without it a fresh one is made.
    """
    active = active_rules(scenario.name, syntax, scenario.profile, scenario.layers)
    levels = scenario_levels(scenario)
    if doc is None or doc.root is not root or doc.syntax != syntax:
        with Document(root, syntax, doc_type, scenario.profile) as own:
            return _findings(own, active, levels)
    return _findings(doc, active, levels)


def _findings(doc: Document, active: Mapping[str, str], levels: Mapping[str, str]) -> list[Finding]:
    root, syntax = doc.root, doc.syntax
    findings: list[Finding] = []
    for failure in evaluate(doc, ALL_RULES, active):
        level = levels.get(failure.rule_id, "error")
        findings.append(
            Finding(
                failure.rule_id,
                Level(level),
                element_path(failure.node.el),
                message_for(failure.rule_id, failure.term),
                failure.term,
            )
        )
    for rule_id, el, term, value in codelist_rules.evaluate_codes(root, syntax, active, doc.code_candidates):
        level = levels.get(rule_id, "error")
        findings.append(
            Finding(
                rule_id,
                Level(level),
                element_path(el),
                message_for(rule_id, term, codelist=True, value=value),
                term,
            )
        )
    return findings
