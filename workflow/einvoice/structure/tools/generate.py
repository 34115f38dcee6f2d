"""Generate the syntax-rule declarations (``data/<family>_rules.json``) from a reference catalogue.

Usage::

    python -m workflow.einvoice.structure.tools.generate /path/to/reference/einvoice

Inputs: the catalogue ``rules.jsonl`` (rule ids, levels, Schematron pattern/rule position, readable
contexts and conditions), our curated declarations ``data/<family>_rules_curated.txt`` and our
structure declarations ``data/<family>_structure.txt``.  The ~1,200 "shall not be used" rules are
derived from the element path named by the rule (UBL: the words of the rule name spell the path;
CII: the context plus the element name, placed by walking our structure declaration in rule
order).  Official message texts are read to find the path but never written out: the output holds
our own German messages.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import StructureModel, load_structure

DATA = Path(__file__).resolve().parent.parent / "data"
PATTERNS = {"ubl": "UBL-syntax", "cii": "EN16931-CII-Syntax"}
FAMILY_SYNTAX = {"ubl": "ubl", "cii": "cii"}

# Spelling variants in rule names -> element names (facts about the names, not rule logic).
UBL_WORD_FIXES = {
    "External": "ExternalReference", "Xpath": "XPath", "DocumenDescription": "DocumentDescription",
    "Descriprion": "Description", "CalulationSequenceNumeric": "CalculationSequenceNumeric",
}


def strip_prefixes(path: str) -> str:
    """``/ubl:Invoice/cac:X`` -> ``/Invoice/X`` (local names only)."""
    return re.sub(r"(?<![\w@])[A-Za-z]+:(?=[\w*])", "", path).replace(" ", "")


def parse_conditions(conditions: list[str]) -> list[list[str]]:
    """Catalogue context_conditions (readable text) -> our filter tuples."""
    filters: list[list[str]] = []
    for text in conditions:
        if m := re.search(r"^(\w+):\*: element name ends with '(\w+)'", text):
            filters.append(["name_suffix", m.group(2)])
            if m.group(1) == "ram":
                filters.append(["namespace", "urn:un:unece:uncefact:data:standard:"
                                             "ReusableAggregateBusinessInformationEntity:100"])
        elif m := re.search(r"^\*: element name ends with '(\w+)'", text):
            filters.append(["name_suffix", m.group(1)])
        elif m := re.search(r"excluding element names ending with '(\w+)'", text):
            filters.append(["not_name_suffix", m.group(1)])
        elif m := re.search(r"excluding elements inside ([\w:/]+)", text):
            filters.append(["not_under", strip_prefixes(m.group(1))])
        elif m := re.search(r"excluding \w+:(\w+)$", text):
            filters.append(["not_name", m.group(1)])
        elif m := re.search(r"(\w+):(\w+) is boolean (true|false)", text):
            filters.append(["child_bool", m.group(2), m.group(3)])
        elif m := re.search(r"@(\w+) = '([^']*)'", text):
            filters.append(["attr_equals", m.group(1), m.group(2)])
        else:
            raise SystemExit(f"cannot read context condition {text!r}; extend parse_conditions")
    return filters


# ---------------------------------------------------------------- curated declarations

def read_curated(path: Path) -> dict[str, dict[str, Any]]:
    """``<id> <kind>[@each] <args> :: <German message> [:: <BT>]`` one per line."""
    curated: dict[str, dict[Any, Any]] = {}  # rule id -> its fields; "@group" -> group index -> filters
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@group"):
            _, index, *flt = line.split()
            curated.setdefault("@group", {}).setdefault(int(index), []).append(flt)
            continue
        head, *tail = [part.strip() for part in line.split("::")]
        words = head.split()
        if len(words) < 2 or not tail:
            raise SystemExit(f"{path.name}:{number}: need '<id> <kind> <args> :: <message>'")
        rule_id, kind = words[0], words[1]
        kind, _, each = kind.partition("@")
        entry: dict[str, Any] = {"id": rule_id, "kind": kind, "message": tail[0]}
        if len(tail) > 1 and tail[1]:
            entry["bt"] = tail[1]
        args = words[2:]
        if kind == "absent":
            entry["targets"] = " ".join(args).replace(" ", "").split("|")
        elif kind in ("max", "exactly"):
            entry["limit"] = int(args[0])
            entry["targets"] = "".join(args[1:]).split("|")
        elif kind == "custom":
            entry["check"], entry["args"] = args[0], args[1:]
            if each:
                entry["each"] = each
        elif kind == "skip":
            entry["reason"] = tail[0]
        else:
            raise SystemExit(f"{path.name}:{number}: unknown kind {kind!r}")
        curated[rule_id] = entry
    return curated


# ---------------------------------------------------------------- UBL: path from the rule name

def _children(model: StructureModel, type_name: str | None) -> list[tuple[str, str | None]]:
    """(local name, type name) of the children declared for a type."""
    content = model.types.get(type_name or "")
    if content is None:
        return []
    result = []
    for particle in content.particles:
        child_type = model.element_types.get(particle.clark)
        if child_type is None and particle.display.startswith("cac:"):
            child_type = particle.display[4:]
        result.append((particle.clark.rpartition("}")[2], child_type))
    return result


def resolve_ubl_words(model: StructureModel, root: str, words: list[str]) -> list[str] | None:
    """Follow the words of a UBL-CR rule name through the declared structure (None if impossible)."""
    trail: list[tuple[str, str | None]] = [(root, root)]
    for raw in words:
        word = UBL_WORD_FIXES.get(raw, raw)
        if root == "CreditNote" and word == "InvoiceLine":
            word = "CreditNoteLine"
        here = trail[-1][1]
        direct = [c for c in _children(model, here) if c[0] == word]
        if direct:
            trail.append(direct[0])
            continue
        nested = [(mid, c) for mid in _children(model, here) for c in _children(model, mid[1]) if c[0] == word]
        if nested:
            trail.extend(nested[0])
            continue
        if len(trail) >= 2:
            sibling = [c for c in _children(model, trail[-2][1]) if c[0] == word]
            if sibling:
                trail[-1] = sibling[0]
                continue
        return None
    return [name for name, _ in trail[1:]]


def ubl_target(model: StructureModel, message: str) -> list[str] | None:
    m = re.search(r"(?:should|shall) not include the (.+)$", message)
    if m is None:
        return None
    words = m.group(1).split()
    targets = []
    for root in ("Invoice", "CreditNote"):
        path = resolve_ubl_words(model, root, words)
        if path is not None and "/".join(path) not in targets:
            targets.append("/".join(path))
    return targets or None


# ---------------------------------------------------------------- CII: place the element name

def _walk(model: StructureModel, type_name: str | None, prefix: list[str], depth: int) -> Iterator[list[str]]:
    for name, child_type in _cii_children(model, type_name):
        path = prefix + [name]
        yield path
        if depth > 1 and child_type is not None:
            yield from _walk(model, child_type, path, depth - 1)


def _cii_children(model: StructureModel, type_name: str | None) -> list[tuple[str, str | None]]:
    content = model.types.get(type_name or "")
    if content is None:
        return []
    return [(p.clark.rpartition("}")[2], model.element_types.get(p.clark)) for p in content.particles]


def cii_context_type(model: StructureModel, context: str) -> str | None:
    last = strip_prefixes(context.split("|")[0].strip()).rstrip("/").split("/")[-1]
    if last == "CrossIndustryInvoice":
        return "CrossIndustryInvoice"
    for clark, type_name in model.element_types.items():
        if clark.rpartition("}")[2] == last:
            return type_name
    return None


class CiiPlacer:
    """Places the element names of one rule group in our declaration's DFS order.

    The catalogue lists the rules of a group in schema order, so the names are aligned to the
    DFS listing as a whole (Viterbi): moving forward costs a little per skipped position, going
    back or reusing a position costs a lot.  Names we cannot find stay unresolved.
    """

    FORWARD = 0.05
    BACKWARD = 10.0

    def __init__(self, model: StructureModel, type_name: str | None) -> None:
        self.paths = list(_walk(model, type_name, [], 4)) if type_name else []
        self.names: list[tuple[str, str]] = []  # (rule id, element name) in catalogue order

    def add(self, rule_id: str, name: str) -> None:
        self.names.append((rule_id, name))

    def _cost(self, previous: int, current: int) -> float:
        if current > previous:
            return self.FORWARD * (current - previous - 1)
        return self.BACKWARD + self.FORWARD * (previous - current)

    def solve(self) -> dict[str, str]:
        """rule id -> placed path; a rule that lands on a position taken by an earlier rule is dropped."""
        steps = [(rid, [i for i, p in enumerate(self.paths) if p[-1] == name]) for rid, name in self.names]
        steps = [(rid, cands) for rid, cands in steps if cands]
        for _ in range(len(steps)):
            placed = self._align(steps)
            seen: set[str] = set()
            duplicates = set()
            for rid, _ in steps:
                if rid in placed and placed[rid] in seen:
                    duplicates.add(rid)
                seen.add(placed.get(rid, ""))
            if not duplicates:
                return placed
            steps = [(rid, cands) for rid, cands in steps if rid not in duplicates]
        return {}

    def _align(self, steps: list[tuple[str, list[int]]]) -> dict[str, str]:
        if not steps:
            return {}
        costs = [{c: self.FORWARD * c for c in steps[0][1]}]
        back: list[dict[int, int]] = [{}]
        for _, cands in steps[1:]:
            prev = costs[-1]
            row: dict[int, float] = {}
            ptr: dict[int, int] = {}
            for c in cands:
                best = min(prev, key=lambda p: prev[p] + self._cost(p, c))
                row[c] = prev[best] + self._cost(best, c)
                ptr[c] = best
            costs.append(row)
            back.append(ptr)
        position = min(costs[-1], key=lambda c: costs[-1][c])
        chosen = [position]
        for ptr in reversed(back[1:]):
            position = ptr[position]
            chosen.append(position)
        chosen.reverse()
        return {rid: "/".join(self.paths[pos]) for (rid, _), pos in zip(steps, chosen)}


def cii_name(message: str) -> str | None:
    m = re.search(r"\]\s*-\s*@?(\w+?)\s*(?:should not be present|shall not be used)", message)
    return m.group(1) if m else None


# ---------------------------------------------------------------- output

def german_absent(path: str, level: str) -> str:
    verb = "darf" if level == "error" else "soll"
    return (f"Das Element bzw. Attribut {path} ist in EN 16931 nicht vorgesehen und {verb} "
            f"nicht verwendet werden.")


def generate(reference: Path, family: str) -> dict[str, Any]:
    model = load_structure(f"{family}_structure.txt")
    curated = read_curated(DATA / f"{family}_rules_curated.txt")
    rows = [json.loads(line) for line in (reference / "rules.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = [r for r in rows if r["syntax"] == FAMILY_SYNTAX[family] and r["pattern"] == PATTERNS[family]]
    groups: dict[int, dict[str, Any]] = {}
    placers: dict[int, CiiPlacer] = {}
    unresolved: list[dict[str, str]] = []
    vocabulary: set[str] = set()
    for row in rows:
        group = groups.setdefault(row["rule_index"], {
            "pattern": row["pattern"], "index": row["rule_index"],
            "context": [strip_prefixes(c) if c.strip().startswith("/") else "//" + strip_prefixes(c)
                        for c in row["context"].split("|")],
            "filters": parse_conditions(row.get("context_conditions") or []),
            "asserts": [],
        })
        group["context"] = [c.replace("////", "//") for c in group["context"]]
        if row["rule_index"] in curated.get("@group", {}) and "curated" not in group:
            group["filters"].extend(curated["@group"][row["rule_index"]])
            group["curated"] = True
        level = row["base_severity"]
        entry = curated.get(row["id"])
        if entry is None and row["category"] == "structural-not-used":
            if family == "ubl":
                targets = ubl_target(model, row["message"])
            else:
                name = cii_name(row["message"])
                placer = placers.setdefault(row["rule_index"], CiiPlacer(model, cii_context_type(model, row["context"])))
                is_attribute = name is not None and (name[0].islower() or "@" in row["message"])
                if name and is_attribute:
                    targets = ["@" + name]
                elif name and row["context"].rstrip().endswith("*"):
                    targets = [name]  # wildcard context: the named element is a direct child
                else:
                    targets = [f"?{name}"] if name else None  # placed after all rules are read
                    if name:
                        placer.add(row["id"], name)
            if targets:
                entry = {"id": row["id"], "kind": "absent", "targets": targets,
                         "message": german_absent(" | ".join(targets), level)}
        if entry is None or entry["kind"] == "skip":
            unresolved.append({"id": row["id"], "reason": (entry or {}).get("reason", "no declaration")})
            continue
        entry = dict(entry, level=level)
        for target in entry.get("targets", ()):
            vocabulary.update(re.findall(r"[A-Z]\w+", target))
        group["asserts"].append(entry)
    for index, placer in placers.items():
        placed = placer.solve()
        kept = []
        for entry in groups[index]["asserts"]:
            targets = entry.get("targets", [])
            if targets and targets[0].startswith("?"):
                path = placed.get(entry["id"])
                if path is None:
                    unresolved.append({"id": entry["id"], "reason": f"{targets[0][1:]}: no unambiguous place in our declaration"})
                    continue
                entry = dict(entry, targets=[path], message=german_absent(path, entry["level"]))
            kept.append(entry)
        groups[index]["asserts"] = kept
    vocabulary.update(w for p in placers.values() for _, w in p.names)
    return {
        "family": family,
        "generated_from": "reference catalogue rules.jsonl (see structure/tools/generate.py)",
        "groups": [{k: v for k, v in groups[i].items() if k != "curated"} for i in sorted(groups)],
        "vocabulary": sorted(vocabulary),
        "unresolved": unresolved,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m workflow.einvoice.structure.tools.generate <reference/einvoice folder>")
        return 2
    reference = Path(argv[1])
    for family in ("ubl", "cii"):
        data = generate(reference, family)
        out = DATA / f"{family}_rules.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        count = sum(len(g["asserts"]) for g in data["groups"])
        print(f"{family}: {count} rules declared, {len(data['unresolved'])} unresolved -> {out}")
        for item in data["unresolved"]:
            print(f"   unresolved {item['id']}: {item['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
