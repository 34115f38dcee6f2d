"""Pure decisions of the validate stage: combine the rule report, our own checks, profile and duplicates."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from types import SimpleNamespace

from workflow.einvoice.findings import Finding, Level


@dataclass(frozen=True, slots=True)
class Verdict:
    accept: bool
    reasons: tuple[str, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    # no verdict: our own validator broke off (a defect of ours, not the sender's) - a person checks the invoice
    unchecked: str | None = None

    @property
    def outcome(self) -> str:
        return "unchecked" if self.unchecked else "accepted" if self.accept else "rejected"


def finding_json(f: Finding) -> dict[str, Any]:
    return {"rule_id": f.rule_id, "level": str(f.level), "location": f.location, "message": f.message,
            "business_term": f.business_term}


def report_json(report: Any, own: list[Finding], profile: str | None) -> dict[str, Any]:
    """Everything the validator said, JSON-safe, for storage next to the original."""
    return {
        "syntax": str(report.syntax), "scenario": report.scenario, "accept": bool(report.accept),
        "errors": list(report.errors), "warnings": list(report.warnings), "reasons": list(report.reasons),
        "xsd_errors": list(getattr(report, "xsd_errors", ()) or ()),
        "findings": [finding_json(f) for f in report.findings] + [finding_json(f) for f in own],
        "own_checks": [f.rule_id for f in own], "profile": profile,
    }


def decide(report: Any, own: list[Finding], *, profile_ok: bool, profile_reason: str | None) -> Verdict:
    """Official verdict first; a hybrid PDF in a profile that is no full invoice is rejected with that reason.

    Our own checks (Leitweg-ID check digit, IBAN) only ever add warnings: they never turn an officially accepted
    invoice into a reject. When our validator broke off there is no verdict: the invoice is left to a person.
    """
    internal = getattr(report, "internal_error", None)
    if internal and profile_ok:  # never a rejection the sender would be told about: the fault is ours
        return Verdict(accept=False, reasons=tuple(report.reasons), errors=(), warnings=(),
                       unchecked=f"E-Rechnung konnte nicht vollständig geprüft werden ({internal}); "
                                 "bitte manuell prüfen und den Fehler dem Betrieb melden")
    reasons = list(report.reasons)
    accept = bool(report.accept)
    if not profile_ok:
        accept = False
        reasons.insert(0, profile_reason or "Profil ohne vollständigen Rechnungsinhalt")
    warnings = tuple(dict.fromkeys([*report.warnings, *(f.rule_id for f in own)]))
    return Verdict(accept=accept, reasons=tuple(reasons), errors=tuple(report.errors), warnings=warnings)


def recorded_verdict(stored: dict[str, Any]) -> Verdict:
    """The verdict of an earlier delivery, from its stored report (see :func:`report_json`).

    Delivery is at least once: a redelivered invoice keeps its first verdict, so it can never be in the rejection
    queue and in approval at the same time, and the stored report always explains the route it took.
    """
    return Verdict(accept=bool(stored.get("accept")), reasons=tuple(stored.get("reasons") or ()),
                   errors=tuple(stored.get("errors") or ()), warnings=tuple(stored.get("warnings") or ()),
                   unchecked=stored.get("unchecked"))


def report_from_json(report: dict[str, Any]) -> SimpleNamespace:
    """A stored report (see :func:`report_json`) as an object the renderers accept like a ValidationReport."""
    findings = [Finding(f["rule_id"], Level(f["level"]), f.get("location") or "", f.get("message") or "",
                        f.get("business_term")) for f in report.get("findings", [])]
    return SimpleNamespace(accept=report.get("accept", False), syntax=report.get("syntax"),
                           scenario=report.get("scenario"), reasons=report.get("reasons", []),
                           errors=report.get("errors", []), warnings=report.get("warnings", []),
                           findings=findings, invoice=None)
