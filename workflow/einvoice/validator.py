"""The e-invoice validator: bytes in, a KoSIT-equivalent verdict out (``validate``), plus JSON/text rendering.

Acceptance follows KoSIT: not well-formed or DOCTYPE -> reject; no scenario -> reject; schema error ->
reject and the rule steps are skipped; a repeated element on which the official rules abort (``aborts``:
KoSIT's processing error, no accept recommendation) -> reject without a rule id; otherwise reject iff a finding
has the effective level ``error``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Protocol, runtime_checkable

from lxml import etree

from schemas.invoice import Invoice
from workflow.einvoice.aborts import repeated_single_values
from workflow.einvoice.data_files import Scenario, scenario_levels
from workflow.einvoice.detect import Syntax, select_scenario, syntax_from_text, syntax_of
from workflow.einvoice.findings import Finding, Level
from workflow.einvoice.rules import codelist_rules
from workflow.einvoice.rules.engine import Document
from workflow.einvoice.rules.run import run_semantic
from workflow.einvoice.xmlsafe import DoctypeNotAllowedError, NotWellFormedError, XmlTooLargeError, parse_xml

log = logging.getLogger(__name__)

# syntax -> (binding family, document type) for the rule engine
_FAMILY = {
    Syntax.UBL_INVOICE: ("ubl", "Invoice"),
    Syntax.UBL_CREDITNOTE: ("ubl", "CreditNote"),
    Syntax.CII: ("cii", "CrossIndustryInvoice"),
}


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The verdict for one document, with the reasons a person can act on."""

    syntax: str
    scenario: str | None
    accept: bool
    errors: tuple[str, ...]  # sorted unique rule ids at effective level error
    warnings: tuple[str, ...]  # sorted unique rule ids at effective level warning
    findings: tuple[Finding, ...]
    reasons: tuple[str, ...]  # short German reasons
    xsd_errors: tuple[str, ...] = ()
    invoice: Invoice | None = None
    # set when a defect in our own checks broke the validation off: no verdict about the sender's invoice
    internal_error: str | None = None


@runtime_checkable
class InvoiceValidator(Protocol):
    """Port: validates one e-invoice document. MUST NOT raise on bad input; a rejection is a report."""

    def validate(self, data: bytes) -> ValidationReport: ...


def _structure() -> Callable[..., tuple[list[str], list[Finding]]] | None:
    try:
        from workflow.einvoice import structure
    except ImportError:
        return None
    return getattr(structure, "check_document", None)


def _reject(syntax: str, reason: str, scenario: str | None = None) -> ValidationReport:
    return ValidationReport(syntax, scenario, False, (), (), (), (reason,))


def _extract(doc: Document, syntax: Syntax) -> Invoice | None:
    try:
        from schemas.invoice import InvoiceSource
        from workflow.einvoice.extract import invoice_from_document

        source = InvoiceSource.XRECHNUNG_CII if syntax is Syntax.CII else InvoiceSource.XRECHNUNG_UBL
        return invoice_from_document(doc, source.value)
    except ImportError:
        return None
    except Exception:  # the model is a by-product: a parser gap must never change the verdict
        log.exception("Rechnungsmodell konnte nicht gelesen werden (syntax=%s)", syntax)
        return None


def validate(
    data: bytes, *, filename: str | None = None, extract: bool = True, structure: bool = True
) -> ValidationReport:
    """Validate one document like the KoSIT validator with the XRechnung configuration.

    ``extract=False`` skips building the Invoice model; ``structure=False`` skips the schema and
    syntax-binding
    checks (only for measuring the semantic layers on their own).
    """
    try:
        root = parse_xml(data)
    except DoctypeNotAllowedError as exc:
        return _reject(str(syntax_from_text(bytes(data))), exc.reason)
    except XmlTooLargeError as exc:
        return _reject(str(Syntax.NOT_XML), exc.reason)
    except NotWellFormedError as exc:
        return _reject(str(Syntax.NOT_XML), exc.reason)
    syntax = syntax_of(root)
    scenario = select_scenario(root, syntax)
    if scenario is None:
        return _reject(
            str(syntax), "kein passendes Szenario (Dokumenttyp oder Spezifikationskennung BT-24 unbekannt)"
        )
    syn, doc_type = _FAMILY[syntax]
    with _gc_paused(), Document(root, syn, doc_type, scenario.profile) as doc:  # one term cache for both
        return _checked(doc, syntax, scenario, filename, extract, structure)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one document is checked.

    The checks allocate thousands of short-lived containers (child index, term caches, findings), which would
    set off several collections per document, each traversing the large long-lived rule tables and code lists
    (some 6 % of the instructions per document). The document's own cycles are broken by ``Document.release``;
    anything left is collected by the first collection after the document. Only the thread that turned the
    collector off turns it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _checked(
    doc: Document, syntax: Syntax, scenario: Scenario, filename: str | None, extract: bool, structure: bool
) -> ValidationReport:
    """Schema check, model, semantic and syntax-binding rules of a parsed document with a scenario."""
    check_document = _structure() if structure else None
    invoice = None
    try:
        syntax_findings: list[Finding] = []
        xsd_errors: tuple[str, ...] = ()
        if check_document is not None:
            # one walk: the schema check fills the document's child index (which the model and the rules use),
            # the syntax rules hand the semantic layer what it would search for itself: the empty elements
            # (PEPPOL-EN16931-R008) and the elements the code-list table names
            empty: list[etree._Element] = []
            coded: list[tuple[etree._Element, Any]] = []
            errors, syntax_findings = check_document(
                doc.root,
                str(syntax),
                scenario_levels(scenario),
                index=doc.index,
                empty_elements=empty,
                select_by_path=codelist_rules.path_plan(doc.syntax),
                selected=coded,
                rules_despite_schema_errors=False,  # KoSIT skips the rules after schema errors (see below)
                texts=doc.texts,  # the attachments' texts, for the model
                decoded=doc.decoded if extract else None,  # and their bytes (the model reads them)
            )
            xsd_errors = tuple(errors)
            doc.empty_elements, doc.code_candidates = empty, coded
        invoice = _extract(doc, syntax) if extract else None
        if xsd_errors:  # KoSIT skips the rules: the syntax findings are dropped
            reasons = tuple(f"Schemafehler: {e}" for e in xsd_errors[:5])
            return ValidationReport(
                str(syntax), scenario.name, False, (), (), (), reasons, xsd_errors, invoice
            )
        findings = run_semantic(doc.root, doc.syntax, doc.doc_type, scenario, doc)
        findings.extend(syntax_findings)  # the report lists the semantic findings first
        # the walk filled the complete child index: it proves the usual "nothing repeated" without an XPath
        aborted = repeated_single_values(doc.root, doc.index) if check_document is not None else []
    except Exception as exc:  # a defect in a check must end in a reasoned rejection, never in a crash
        log.exception("Prüfung abgebrochen (syntax=%s, file=%s)", syntax, filename)
        if invoice is None and extract:  # the check broke off before the model: read it on a fresh index
            with Document(doc.root, doc.syntax, doc.doc_type, scenario.profile) as fresh:
                invoice = _extract(fresh, syntax)
        reason = f"interner Prüffehler ({type(exc).__name__}): Dokument manuell prüfen, Fehler melden"
        return ValidationReport(str(syntax), scenario.name, False, (), (), (), (reason,), (), invoice,
                                internal_error=f"{type(exc).__name__}: {exc}")
    return _report(str(syntax), scenario, findings, invoice, aborted)


def _report(
    syntax: str, scenario: Scenario, findings: list[Finding], invoice: Invoice | None, aborted: list[str]
) -> ValidationReport:
    """The verdict from the findings; ``aborted`` (reasons on which the official rules would abort, see
    ``aborts``) rejects without a rule id, as KoSIT gives no accept recommendation then."""
    errors = tuple(sorted({f.rule_id for f in findings if f.level is Level.ERROR}))
    warnings = tuple(sorted({f.rule_id for f in findings if f.level is Level.WARNING}))
    reasons = list(aborted)
    seen: set[str] = set()
    for f in findings:
        if f.level is Level.ERROR and f.rule_id not in seen:
            seen.add(f.rule_id)
            reasons.append(f"Regel {f.rule_id} verletzt: {f.message}")
    return ValidationReport(
        syntax, scenario.name, not errors and not aborted, errors, warnings, tuple(findings), tuple(reasons), (),
        invoice,
    )


class RuleEngineValidator:
    """Our own validator behind the ``InvoiceValidator`` port."""

    def validate(self, data: bytes) -> ValidationReport:
        return validate(data)


def report_to_json(report: ValidationReport, file: str | None) -> dict[str, Any]:
    return {
        "file": file,
        "syntax": report.syntax,
        "scenario": report.scenario,
        "accept": report.accept,
        "errors": list(report.errors),
        "warnings": list(report.warnings),
        "reasons": list(report.reasons),
    }


def render_text(report: ValidationReport) -> str:
    """A readable German report: verdict, then what is wrong, where, and which business term."""
    lines = [
        f"Ergebnis: {'ANNEHMEN' if report.accept else 'ABLEHNEN'}",
        f"Syntax: {report.syntax}   Szenario: {report.scenario or '—'}",
    ]
    if report.xsd_errors:
        lines.append("Schemafehler (Regelprüfung übersprungen):")
        lines += [f"  - {e}" for e in report.xsd_errors]
    if not report.accept and not report.xsd_errors:  # reasons beyond the findings listed below
        lines += [f"Grund: {r}" for r in report.reasons if not r.startswith("Regel ")]
    for level, title in (
        (Level.ERROR, "Fehler"),
        (Level.WARNING, "Warnungen"),
        (Level.INFORMATION, "Hinweise"),
    ):
        items = [f for f in report.findings if f.level is level]
        if items:
            lines.append(f"{title} ({len(items)}):")
            for f in items:
                lines.append(f"  - [{f.rule_id}] {f.message}")
                lines.append(f"      Stelle: {f.location}")
    return "\n".join(lines)
