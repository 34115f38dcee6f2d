"""Regenerate ``workflow/einvoice/data/*.json`` from a reference folder (facts only, no official messages).

Usage: ``python -m workflow.einvoice.tools.refresh_data /path/to/reference/einvoice``

Writes:
  rules.json      {syntax: {rule_id: [layer, base_level, profile]}}  (ids and levels are facts)
  scenarios.json  scenario name, syntax, document element, CustomizationID, rule layers, customLevel overrides
  codelists.json  {list key: [codes...]} as used by the BR-CL / XRechnung code-list rules
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def refresh(reference: Path, target: Path = DATA) -> dict[str, int]:
    """Read the reference folder and write the three data files; returns counts for the log."""
    if not (reference / "rules.jsonl").is_file():
        raise FileNotFoundError(f"{reference} has no rules.jsonl: pass the reference/einvoice folder")
    rules: dict[str, dict[str, list[str]]] = {"ubl": {}, "cii": {}}
    for line in (reference / "rules.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rules[r["syntax"]][r["id"]] = [r["layer"], r["base_severity"], r.get("profile", "all")]
    raw = json.loads((reference / "scenarios.json").read_text(encoding="utf-8"))
    scenarios = [
        {
            "name": s["name"],
            "syntax": s["syntax"],
            "document": s["document"],
            "customization_id": s["customization_id"],
            "layers": s["layers"],
            "custom_levels": s.get("custom_levels", {}),
        }
        for s in raw["scenarios"]
    ]
    codelists: dict[str, list[str]] = {}
    for path in sorted((reference / "codelists").glob("*.json")):
        if path.name == "index.json":
            continue
        cl = json.loads(path.read_text(encoding="utf-8"))
        usages = cl.get("usages", [])
        # facts about how the official lists match: codes no value can ever match are dropped, and lists
        # whose every usage accepts an empty value get "" as a member
        never = set.intersection(*(set(u.get("unmatchable_codes", [])) for u in usages)) if usages else set()
        codes = [c for c in cl["codes"] if c not in never]
        if usages and all(u.get("empty_value_accepted") for u in usages):
            codes.append("")
        codelists[cl["key"]] = codes
    target.mkdir(parents=True, exist_ok=True)
    (target / "rules.json").write_text(json.dumps(rules, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    (target / "scenarios.json").write_text(json.dumps(scenarios, indent=1) + "\n", encoding="utf-8")
    (target / "codelists.json").write_text(json.dumps(codelists, indent=0) + "\n", encoding="utf-8")
    return {
        "rules": sum(len(v) for v in rules.values()),
        "scenarios": len(scenarios),
        "codelists": len(codelists),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m workflow.einvoice.tools.refresh_data REFERENCE_FOLDER", file=sys.stderr)
        return 2
    print(refresh(Path(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
