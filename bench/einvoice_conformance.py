"""Compare our validator with the official verdicts of the shared e-invoice corpus.

Usage: python bench/einvoice_conformance.py [--shared PATH] [--show N]
Prints accept agreement, error-set equality, warning-set equality and the mismatching files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.einvoice.data_files import scenario_levels, scenarios  # noqa: E402
from workflow.einvoice.validator import validate  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


@dataclass
class Conformance:
    total: int = 0
    accept_ok: int = 0
    errors_ok: int = 0
    warnings_ok: int = 0
    information_ok: int = 0
    skipped: int = 0
    mismatches: list[str] = field(default_factory=list)

    def summary(self) -> str:
        pct = lambda n: 100.0 * n / self.total if self.total else 0.0  # noqa: E731
        return (
            f"files={self.total} accept_agreement={self.accept_ok}/{self.total} ({pct(self.accept_ok):.1f}%) "
            f"error_set_equal={self.errors_ok}/{self.total} ({pct(self.errors_ok):.1f}%) "
            f"warning_set_equal={self.warnings_ok}/{self.total} ({pct(self.warnings_ok):.1f}%) "
            f"information_set_equal={self.information_ok}/{self.total} ({pct(self.information_ok):.1f}%)"
            + (f" skipped_without_schema_step={self.skipped}" if self.skipped else "")
        )


def _effective(exp: dict, level: str) -> set[str]:
    """Rule ids the official run reports at this effective level (raw flags mapped through customLevel)."""
    if not exp.get("scenario"):
        return set()
    sc = next(s for s in scenarios() if s.name == exp["scenario"])
    levels = scenario_levels(sc)
    raw = set(exp["fatal"]) | set(exp["warning"]) | set(exp["information"])
    return {r for r in raw if levels.get(r) == level}


def structure_usable(corpus: Path) -> bool:
    """False (with a note) while the structure checks cannot run: the semantic layers are measured."""
    sample = next(p for p in sorted(corpus.rglob("*.xml")))
    try:
        validate(sample.read_bytes(), extract=False)
        return True
    except Exception as exc:  # noqa: BLE001 - reported, then measured without the structure layer
        print(
            f"NOTE: structure checks unusable ({type(exc).__name__}: {exc}); measuring without them",
            file=sys.stderr,
        )
        return False


def run(corpus: Path, structure: bool = True) -> Conformance:
    res = Conformance()
    for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        exp = json.loads(line)
        if not structure and exp.get("xsd_ok") is False:
            res.skipped += 1  # the verdict needs the schema step
            continue
        report = validate(
            (corpus / exp["file"]).read_bytes(), filename=exp["file"], extract=False, structure=structure
        )
        res.total += 1
        exp_err = set(exp["errors"])
        exp_warn = _effective(exp, "warning")
        exp_info = _effective(exp, "information")
        if not structure:  # compare the semantic layers only
            exp_err = {e for e in exp_err if not e.startswith(("UBL-", "CII-"))}
            exp_warn = {e for e in exp_warn if not e.startswith(("UBL-", "CII-"))}
            exp_info = {e for e in exp_info if not e.startswith(("UBL-", "CII-"))}
        got_err, got_warn = set(report.errors), set(report.warnings)
        got_info = {f.rule_id for f in report.findings if f.level == "information"}
        a = report.accept == (
            exp["accept"] if structure else not exp_err and exp["scenario"] is not None and exp["well_formed"]
        )
        e = got_err == exp_err
        res.accept_ok += a
        res.errors_ok += e
        res.warnings_ok += got_warn == exp_warn
        res.information_ok += got_info == exp_info
        if not (a and e):
            res.mismatches.append(
                f"{exp['file']}: accept {report.accept}/{exp['accept']} missing={sorted(exp_err - got_err)} "
                f"extra={sorted(got_err - exp_err)}"
            )
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=shared_dir())
    ap.add_argument("--show", type=int, default=200)
    ap.add_argument("--no-structure", action="store_true", help="skip schema and syntax-binding checks")
    args = ap.parse_args()
    corpus = args.shared / "corpus" / "einvoice"
    if not (corpus / "expected.jsonl").is_file():
        print(f"corpus not found under {corpus}", file=sys.stderr)
        return 2
    res = run(corpus, structure_usable(corpus) and not args.no_structure)
    for m in res.mismatches[: args.show]:
        print(m)
    print(res.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
