"""Structure checks against the shared e-invoice corpus verdicts (skipped without ../shared)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from workflow.einvoice.findings import Level
from workflow.einvoice.structure import check_schema, check_syntax_rules

SHARED = Path(os.environ.get("AKTENFLUSS_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
CORPUS = SHARED / "corpus" / "einvoice"
REFERENCE = SHARED / "reference" / "einvoice"
FAMILIES = ("UBL-CR-", "UBL-SR-", "UBL-DT-", "CII-SR-", "CII-DT-")
SYNTAXES = ("UBL-Invoice", "UBL-CreditNote", "CII")

pytestmark = pytest.mark.corpus


def _rows() -> list[dict[str, Any]]:
    if not (CORPUS / "expected.jsonl").is_file():
        pytest.skip(f"shared e-invoice corpus not found at {CORPUS} (set AKTENFLUSS_SHARED)")
    rows = [json.loads(line) for line in (CORPUS / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["syntax"] in SYNTAXES and r["xsd_ok"] is not None]


def _parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.parse(str(path), parser).getroot()


def _scenario_levels() -> dict[str, dict[str, str]]:
    data = json.loads((REFERENCE / "scenarios.json").read_text(encoding="utf-8"))
    return {s["name"]: s.get("custom_levels", {}) for s in data["scenarios"]}


def test_schema_verdict_matches_reference_on_every_file() -> None:
    wrong = []
    for row in _rows():
        errors = check_schema(_parse(CORPUS / row["file"]), row["syntax"])
        if (not errors) != row["xsd_ok"]:
            wrong.append((row["file"], row["xsd_ok"], errors[:2]))
    assert wrong == []


def test_syntax_rule_ids_match_reference_on_every_schema_valid_file() -> None:
    rows = _rows()
    levels_by_scenario = _scenario_levels()
    wrong = []
    for row in rows:
        if not row["xsd_ok"] or row.get("schematron_skipped"):
            continue
        levels = levels_by_scenario.get(row["scenario"] or "", {})
        findings = check_syntax_rules(_parse(CORPUS / row["file"]), row["syntax"], levels)
        reported = {i for key in ("fatal", "warning", "information") for i in row[key] if i.startswith(FAMILIES)}
        errors = {i for i in row["errors"] if i.startswith(FAMILIES)}
        ours = {f.rule_id for f in findings}
        our_errors = {f.rule_id for f in findings if f.level is Level.ERROR}
        if ours != reported or (row["scenario"] and our_errors != errors):
            wrong.append((row["file"], sorted(ours ^ reported), sorted(our_errors ^ errors)))
    assert wrong == []


def test_bundled_rule_data_is_what_the_generator_produces() -> None:
    if not (REFERENCE / "rules.jsonl").is_file():
        pytest.skip(f"reference catalogue not found at {REFERENCE}")
    from workflow.einvoice.structure.tools.generate import DATA, generate

    for family in ("ubl", "cii"):
        bundled = json.loads((DATA / f"{family}_rules.json").read_text(encoding="utf-8"))
        assert generate(REFERENCE, family) == bundled, f"run tools/generate.py: {family} data is stale"
