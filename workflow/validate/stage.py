"""Validate stage: e-invoice XML in, accepted invoice (to routing) or rejection (to the rejection queue) out."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from schemas import topics
from schemas.envelope import Event, follow
from schemas.invoice import summarize
from workflow.artefacts import derived_key, put_derived
from workflow.einvoice.findings import Finding
from workflow.invoices import invoice_record, summary_json
from workflow.lifecycle import advance, may_move
from workflow.runner import Emit
from workflow.storage_contract import seller_key
from workflow.validate import logic
from workflow.wiring import Services

STAGE = "validate"
REPORT = "validation.json"
log = logging.getLogger(__name__)
_STATUS = {"accepted": "validated", "rejected": "rejected_pending", "unchecked": "unchecked"}  # verdict -> document


def own_checks(invoice: Any) -> list[Finding]:
    """Leitweg-ID and IBAN checks of our own (warnings only)."""
    if invoice is None:
        return []
    from workflow.einvoice.leitweg import own_checks as run

    return list(run(invoice))


def _validate(ev: Event, svc: Services) -> tuple[dict[str, Any] | None, Any]:
    from workflow.einvoice.facturx import Profile
    from workflow.einvoice.validator import validate

    d = ev.data
    doc_id = ev.document_id or ""
    stored_before = _recorded(svc, doc_id)
    kept = logic.recorded_verdict(stored_before) if stored_before is not None else None
    doc = svc.repo.get_document(doc_id)
    if doc is not None and not may_move(doc.status, _STATUS[kept.outcome] if kept else "validated"):
        return None, None  # redelivered after the document moved on (keeps later corrections)
    xml = svc.blobs.get(d["xml_key"])
    report = validate(xml)
    if report.internal_error:  # a fault of ours may be passing (resources, a rare race): one more try
        log.warning("Prüfung von %s abgebrochen (%s), zweiter Versuch", doc_id[:12], report.internal_error)
        report = validate(xml)
    own = own_checks(report.invoice)
    profile = d.get("profile")
    prof = Profile(profile) if profile else None
    verdict = logic.decide(report, own, profile_ok=prof is None or prof.is_invoice,
                           profile_reason=prof.rejection_reason if prof else None)
    if kept is not None:  # redelivery: the first verdict stands (its report explains the route already taken)
        if kept.outcome != verdict.outcome:
            svc.repo.append_audit(doc_id, key="validate:verdict_differs", at=svc.clock(), stage=STAGE,
                                  action="verdict_differs", actor="system",
                                  detail={"kept": kept.outcome, "now": verdict.outcome,
                                          "reasons": list(verdict.reasons)[:20]})
        verdict = kept
    if stored_before is not None:
        stored = stored_before  # the report that explains the kept verdict
        report_key = derived_key(doc_id, REPORT)
    else:
        stored = logic.report_json(report, own, profile)
        stored.update(accept=verdict.accept, reasons=list(verdict.reasons), warnings=list(verdict.warnings),
                      unchecked=verdict.unchecked)
        report_key = put_derived(svc.blobs, doc_id, REPORT, json.dumps(stored, ensure_ascii=False, indent=1).encode(),
                                 content_type="application/json")
    dup = None
    summary: dict[str, Any] = {}
    department = None
    if report.invoice is not None:
        s = summarize(report.invoice)
        summary = summary_json(s)
        department = svc.policy.department_for_leitweg(s.leitweg_id)
        key = seller_key(s.seller_vat_id, s.seller_name)
        if key and s.invoice_number:
            dup = svc.repo.find_invoice_duplicate(seller_key=key, invoice_number=s.invoice_number, gross=s.gross,
                                                  exclude_document_id=doc_id)
        svc.repo.upsert_invoice(invoice_record(doc_id, report.invoice, accept=verdict.accept, validation=stored))
    status = _STATUS[verdict.outcome]
    fresh = advance(svc.repo, doc_id, status, doc_type="rechnung", department=department,
                    meta={"validation": {"accept": verdict.accept, "errors": list(verdict.errors),
                                         "warnings": list(verdict.warnings), "unchecked": verdict.unchecked},
                          "duplicate_of": dup})
    svc.repo.append_audit(doc_id, key="validate:done", at=svc.clock(), stage=STAGE,
                          action=verdict.outcome, actor="system",
                          detail={"syntax": str(report.syntax), "scenario": report.scenario,
                                  "errors": list(verdict.errors), "warnings": list(verdict.warnings),
                                  "reasons": list(verdict.reasons)[:20], "duplicate_of": dup})
    if not fresh:
        return None, report  # redelivered after the document moved on
    payload = {"accept": verdict.accept, "syntax": str(report.syntax), "scenario": report.scenario,
               "errors": list(verdict.errors), "warnings": list(verdict.warnings),
               "reasons": list(verdict.reasons)[:50], "report_key": report_key, "invoice": summary,
               "source": "zugferd" if profile else "xrechnung", "duplicate_of": dup, "department": department,
               "unchecked": verdict.unchecked}
    return payload, report


def _recorded(svc: Services, doc_id: str) -> dict[str, Any] | None:
    """The stored report of an earlier delivery of this document, if one was written."""
    key = derived_key(doc_id, REPORT)
    if not svc.blobs.exists(key):
        return None
    stored: dict[str, Any] = json.loads(svc.blobs.get(key))
    return stored


async def handle(ev: Event, svc: Services) -> list[Emit]:
    payload, _ = await asyncio.to_thread(_validate, ev, svc)
    if payload is None:
        return []
    src = f"stage:{STAGE}"
    if payload["accept"] or payload["unchecked"]:  # unchecked: route puts it in front of a person (triage)
        return [(topics.UNDERSTOOD, follow(ev, "invoice.validated", payload, source=src))]
    doc = await asyncio.to_thread(svc.repo.get_document, ev.document_id or "")
    rejected = {"reasons": payload["reasons"], "errors": payload["errors"], "report_key": payload["report_key"],
                "channel": doc.channel if doc else "unknown"}
    return [(topics.REJECTIONS, follow(ev, "invoice.rejected", rejected, source=src))]


