"""A validation report as people read it: verdict, reasons and findings in German, grouped by level.

Reads the validator's ``ValidationReport`` by attribute (accept, syntax, scenario, reasons, findings, invoice)
so the view does not break when the report grows; a missing attribute is treated as empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.render.terms import term_name, terms_in

LEVEL_LABELS: dict[str, tuple[str, str]] = {  # level -> (heading, one-word label)
    Level.ERROR.value: ("Fehler (führen zur Ablehnung)", "Fehler"),
    Level.WARNING.value: ("Warnungen (keine Ablehnung, bitte beachten)", "Warnung"),
    Level.INFORMATION.value: ("Hinweise", "Hinweis"),
}

REASON_TEXTS: dict[str, str] = {
    "not-well-formed": "Die Datei ist kein wohlgeformtes XML (leer, abgeschnitten oder beschädigt).",
    "doctype-not-allowed": (
        "Die Datei enthält eine DOCTYPE-Deklaration; das ist aus Sicherheitsgründen nicht erlaubt."
    ),
    "no-scenario-matched": (
        "Die Spezifikationskennung (BT-24) benennt keinen angenommenen Standard "
        "(XRechnung 3.0 oder EN 16931)."
    ),
    "xsd-invalid": "Die Datei entspricht nicht dem XML-Schema ihrer Syntax (UBL 2.1 bzw. UN/CEFACT CII).",
    "schematron-errors": (
        "Die Rechnung verletzt Geschäftsregeln der EN 16931 bzw. der XRechnung (siehe Fehler)."
    ),
    "not-an-invoice": "Das Dokument ist keine Rechnung im Format UBL oder CII.",
}


@dataclass(frozen=True, slots=True)
class FindingView:
    number: int
    rule_id: str
    level: str
    level_label: str
    location: str
    message: str
    business_term: str | None
    term_label: str  # "Käuferreferenz (Leitweg-ID) (BT-10)" or the terms named in the message, or ""


@dataclass(frozen=True, slots=True)
class FindingGroup:
    level: str
    heading: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    accept: bool
    verdict: str  # "angenommen" / "abgelehnt"
    syntax: str
    scenario: str
    reasons: tuple[str, ...]  # German sentences
    groups: tuple[FindingGroup, ...]  # non-empty groups only, errors first
    counts: dict[str, int]

    @property
    def errors(self) -> tuple[FindingView, ...]:
        return next((g.findings for g in self.groups if g.level == Level.ERROR.value), ())

    def summary(self) -> str:
        """``abgelehnt: 2 Fehler, 1 Warnung, 0 Hinweise``."""
        c = self.counts
        return (
            f"{self.verdict}: {c['error']} Fehler, {c['warning']} "
            f"{'Warnung' if c['warning'] == 1 else 'Warnungen'}, {c['information']} "
            f"{'Hinweis' if c['information'] == 1 else 'Hinweise'}"
        )


def reason_text(reason: str) -> str:
    """German sentence for a short reject reason code; unknown reasons are returned as they are."""
    return REASON_TEXTS.get(reason.strip(), reason)


def _level_of(finding: Finding) -> str:
    level = getattr(finding, "level", "")
    return str(getattr(level, "value", level)).lower()


def view_findings(findings: Iterable[Finding]) -> tuple[FindingGroup, ...]:
    by_level: dict[str, list[Finding]] = {key: [] for key in LEVEL_LABELS}
    for finding in findings:
        by_level.setdefault(_level_of(finding), []).append(finding)
    groups = []
    number = 0
    for level, items in by_level.items():
        if not items:
            continue
        heading, word = LEVEL_LABELS.get(level, (level, level))
        views = []
        for f in items:
            number += 1
            term = f.business_term
            label = term_name(term) if term else ", ".join(term_name(t) for t in terms_in(f.message))
            views.append(
                FindingView(number, f.rule_id, level, word, f.location or "", f.message or "", term, label)
            )
        groups.append(FindingGroup(level, heading, tuple(views)))
    return tuple(groups)


def view_report(report: Any, extra_findings: Iterable[Finding] = ()) -> ReportView:
    """Readable view of a ``ValidationReport`` (plus our own findings such as AF-LEITWEG-01, if given)."""
    findings = list(getattr(report, "findings", None) or ()) + list(extra_findings)
    groups = view_findings(findings)
    accept = bool(getattr(report, "accept", False))
    counts = {key: 0 for key in LEVEL_LABELS}
    for group in groups:
        counts[group.level] = counts.get(group.level, 0) + len(group.findings)
    scenario = getattr(report, "scenario", None)
    scenario_name = getattr(scenario, "name", scenario)
    return ReportView(
        accept=accept,
        verdict="angenommen" if accept else "abgelehnt",
        syntax=str(_plain(getattr(report, "syntax", "")) or "unbekannt"),
        scenario=str(scenario_name) if scenario_name else "kein passendes Prüfszenario",
        reasons=_reasons(getattr(report, "reasons", None) or (), findings),
        groups=groups,
        counts=counts,
    )


def _reasons(raw: Iterable[Any], findings: list[Finding]) -> tuple[str, ...]:
    """German reason sentences, without lines that only repeat a finding listed anyway.

    The validator says "Regel <id> verletzt: ..." per error rule and the validate stage echoes own warnings as
    "Hinweis <id>: ..."; both are shown once, as findings with term and place.
    """
    listed = {f.rule_id for f in findings}
    kept = []
    for reason in raw:
        text = str(reason)
        match = _ECHO.match(text)
        if match and (match.group(1) or match.group(2)) in listed:
            continue
        kept.append(reason_text(text))
    return tuple(dict.fromkeys(kept))


_ECHO = re.compile(r"(?:Hinweis (\S+?):|Regel (\S+) verletzt:)")


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)
