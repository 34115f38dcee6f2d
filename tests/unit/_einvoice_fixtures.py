"""Shared helpers for the e-invoice unit tests: our own fixture files and one-change variants of them."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def with_changes(name: str, changes: list[tuple[str, str]]) -> bytes:
    """The fixture with each (anchor, replacement) applied once, in order (fails loudly if an anchor is missing)."""
    text = fixture(name).decode("utf-8")
    for old, new in changes:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def variant(name: str, old: str, new: str) -> bytes:
    """The fixture with exactly one occurrence of ``old`` replaced (fails loudly if the anchor is missing)."""
    text = fixture(name).decode("utf-8")
    assert text.count(old) >= 1, f"anchor {old!r} not in {name}"
    return text.replace(old, new, 1).encode("utf-8")


def assert_official_verdict(name: str, data: bytes, errors: set[str], warnings: set[str] | None = None) -> None:
    """Our verdict on ``data`` equals the official one given as its effective error (and warning) ids."""
    from workflow.einvoice.validator import validate

    report = validate(data, extract=False)
    assert report.scenario, f"{name}: the fixture variant must match a scenario"
    assert set(report.errors) == errors, (name, sorted(report.errors))
    if warnings is not None:
        assert set(report.warnings) == warnings, (name, sorted(report.warnings))
    assert report.accept is (not errors), name


SCHEMA_INVALID = None  # an official verdict: schema error (the rules do not run)


def assert_official_outcome(name: str, data: bytes, official: tuple[bool, set[str], set[str]] | None) -> None:
    """Our verdict on ``data`` is the official one: ``SCHEMA_INVALID``, or (accept, error ids, warning ids)."""
    from workflow.einvoice.validator import validate

    report = validate(data, extract=False)
    assert report.scenario, name
    if official is SCHEMA_INVALID:
        assert not report.accept and report.xsd_errors and not report.errors, (name, report.reasons)
    else:
        accept, errors, warnings = official
        assert (report.accept, set(report.errors), set(report.warnings)) == (accept, errors, warnings), name


def rule_failures(root, rules=None, *, generated: bool = True):  # type: ignore[no-untyped-def]
    """The semantic rule failures of a parsed document as (rule id, group, term, source line), in the engine's
    order; ``rules`` defaults to all rules; None when no scenario matches."""
    from workflow.einvoice.detect import select_scenario, syntax_of
    from workflow.einvoice.rules.engine import Document, evaluate
    from workflow.einvoice.rules.run import ALL_RULES, active_rules
    from workflow.einvoice.validator import _FAMILY

    syntax = syntax_of(root)
    scenario = select_scenario(root, syntax)
    if scenario is None:
        return None
    family, doc_type = _FAMILY[syntax]
    active = active_rules(scenario.name, family, scenario.profile, scenario.layers)
    with Document(root, family, doc_type, scenario.profile) as doc:
        return [
            (f.rule_id, f.node.group, f.term, f.node.el.sourceline)
            for f in evaluate(doc, ALL_RULES if rules is None else rules, active, generated=generated)
        ]
