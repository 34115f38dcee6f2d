"""Route stage: creates approval/triage/rejection tasks and applies the decisions people make in their inbox.

State lives in the repository (tasks); every write is idempotent, so a redelivered event changes nothing twice.
"""
from __future__ import annotations

import asyncio
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from schemas import topics
from schemas.envelope import Event, follow, make_event
from schemas.invoice import SkontoTerm
from workflow.invoices import INVOICE_TYPES, pay_by
from workflow.lifecycle import advance
from workflow.ports import TaskRecord, json_safe
from workflow.route import logic
from workflow.route.logic import TaskKind, TaskStatus
from workflow.runner import Emit
from workflow.wiring import Services

STAGE = "route"


def _amount(summary: dict[str, Any] | None) -> Decimal | None:
    if not summary:
        return None
    raw = summary.get("amount_due") or summary.get("gross")
    return Decimal(raw) if raw is not None else None


def _pay_by(summary: dict[str, Any], received: date, skonto: list[SkontoTerm]) -> date | None:
    def day(key: str) -> date | None:
        return date.fromisoformat(summary[key]) if summary.get(key) else None

    return pay_by(day("issue_date"), day("due_date"), skonto, received)


def _skonto_of(svc: Services, doc_id: str) -> list[SkontoTerm]:
    inv = svc.repo.get_invoice(doc_id)
    if inv is None:
        return []
    from schemas.invoice import skonto_terms

    return list(skonto_terms(inv.data.get("payment_terms")))


def _title(summary: dict[str, Any] | None, fallback: str) -> str:
    if not summary:
        return fallback
    return f"{summary.get('seller_name') or 'Unbekannter Absender'} · Nr. {summary.get('invoice_number') or '?'}" \
           f" · {summary.get('gross') or '?'} {summary.get('currency') or ''}".strip()


def _audit(svc: Services, doc_id: str, key: str, action: str, actor: str, detail: dict[str, Any]) -> None:
    svc.repo.append_audit(doc_id, key=key, at=svc.clock(), stage=STAGE, action=action, actor=actor,
                          detail=json_safe(detail))


def _notify(svc: Services, tasks: list[TaskRecord]) -> None:
    notifier = getattr(svc, "notifier", None)
    if notifier is None:
        return
    for t in tasks:
        if t.status == TaskStatus.OPEN:
            notifier.task_opened(t, svc.policy)


def _start_approval(ev: Event, svc: Services, summary: dict[str, Any] | None, department: str | None,
                    note: str) -> list[Emit]:
    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    received = doc.received_at.date() if doc else svc.clock().date()
    deadline = _pay_by(summary or {}, received, _skonto_of(svc, doc_id))
    tasks, verdict = logic.plan_approval(document_id=doc_id, amount=_amount(summary), department=department,
                                         pay_by=deadline, policy=svc.policy, now=svc.clock(),
                                         title=_title(summary, doc.filename if doc else doc_id[:12]))
    if not verdict.ok:
        return _start_triage(ev, svc, verdict.reason, department)
    if not advance(svc.repo, doc_id, "awaiting_approval", department=department,
                   meta={"pay_by": deadline.isoformat() if deadline else None}):
        return []  # redelivered after the document moved on
    svc.repo.add_tasks(tasks)
    _audit(svc, doc_id, "route:approval_planned", "approval_planned", "system",
           {"reason": verdict.reason, "note": note, "pay_by": deadline,
            "tasks": [{"task_id": t.task_id, "step": t.step, "candidates": list(t.candidates)} for t in tasks]})
    _notify(svc, tasks)
    return []


def _start_triage(ev: Event, svc: Services, reason: str, department: str | None) -> list[Emit]:
    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    task = logic.single_task(document_id=doc_id, kind=TaskKind.TRIAGE, role="triage", policy=svc.policy,
                             now=svc.clock(), title=doc.filename if doc else doc_id[:12],
                             label="Klärung: Dokumenttyp und Amt zuordnen",
                             meta={"reason": reason, "suggested_department": department})
    if not advance(svc.repo, doc_id, "triage", meta={"triage_reason": reason}):
        return []
    svc.repo.add_tasks([task])
    _audit(svc, doc_id, "route:triage", "triage", "system", {"reason": reason})
    _notify(svc, [task])
    return []


def _to_filing(ev: Event, outcome: str, doc_type: str, department: str | None, reason: str,
               approvals: list[dict[str, Any]] | None = None) -> list[Emit]:
    data = {"outcome": outcome, "doc_type": doc_type, "department": department, "reason": reason,
            "approvals": approvals or []}
    return [(topics.TO_FILE, follow(ev, "document.ready_for_filing", data, source=f"stage:{STAGE}"))]


def on_understood(ev: Event, svc: Services) -> list[Emit]:
    d = ev.data
    doc_id = ev.document_id or ""
    if ev.type == "invoice.validated":
        if d.get("unchecked"):  # no verdict (our validator broke off): a person checks; no notice to the sender
            return _start_triage(ev, svc, d["unchecked"], d.get("department"))
        if d.get("duplicate_of"):
            return _start_triage(ev, svc, f"mögliche Doppelrechnung zu Dokument {d['duplicate_of'][:12]} "
                                          "(gleicher Rechnungssteller, Rechnungsnummer und Betrag)", d.get("department"))
        return _start_approval(ev, svc, d["invoice"], d.get("department"), "E-Rechnung angenommen")
    # document.classified
    if d["triage"]:
        return _start_triage(ev, svc, d.get("triage_reason") or "unsichere Zuordnung", d.get("department"))
    if d["doc_type"] in INVOICE_TYPES and d.get("invoice"):
        if d.get("duplicate_of"):
            return _start_triage(ev, svc, f"mögliche Doppelrechnung zu Dokument {d['duplicate_of'][:12]}",
                                 d.get("department"))
        return _start_approval(ev, svc, d["invoice"], d.get("department"),
                               "Papierrechnung: Felder aus OCR, bitte gegen den Scan prüfen")
    if not advance(svc.repo, doc_id, "routed"):
        return []
    _audit(svc, doc_id, "route:routed", "routed", "system",
           {"department": d.get("department"), "doc_type": d["doc_type"], "flags": d.get("flags", []),
            "deadline": d.get("deadline")})
    return _to_filing(ev, "routed", d["doc_type"], d.get("department"),
                      f"an {d.get('department')} zugeordnet ({d['doc_type']})")


def on_rejected(ev: Event, svc: Services) -> list[Emit]:
    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    task = logic.single_task(document_id=doc_id, kind=TaskKind.REJECTION, role="triage", policy=svc.policy,
                             now=svc.clock(), title=doc.filename if doc else doc_id[:12],
                             label="Zurückweisung bestätigen (Mitteilung an den Rechnungssteller)",
                             meta={"reasons": list(ev.data["reasons"])[:20], "errors": list(ev.data["errors"]),
                                   "report_key": ev.data["report_key"], "channel": ev.data["channel"]})
    if not advance(svc.repo, doc_id, "awaiting_rejection_confirmation"):
        return []
    svc.repo.add_tasks([task])
    _audit(svc, doc_id, "route:rejection_queued", "rejection_queued", "system",
           {"errors": list(ev.data["errors"]), "task_id": task.task_id})
    _notify(svc, [task])
    return []


def _refused(ev: Event, svc: Services, reason: str) -> list[Emit]:
    _audit(svc, ev.document_id or "", f"route:refused:{ev.id}", "decision_refused", ev.data.get("user", "?"),
           {"task_id": ev.data.get("task_id"), "reason": reason})
    note = make_event("stage.status", {"stage": STAGE, "outcome": "decision_refused", "reason": reason},
                      source=f"stage:{STAGE}", document_id=ev.document_id, correlation_id=ev.correlation_id)
    return [(topics.OPS_STATUS, note)]


def on_decision(ev: Event, svc: Services) -> list[Emit]:
    d = ev.data
    doc_id = ev.document_id or ""
    task = svc.repo.get_task(d["task_id"])
    if task is None or task.document_id != doc_id:
        return _refused(ev, svc, f"Aufgabe {d['task_id']} gehört nicht zu diesem Dokument")
    expected_kind = {"approval.decided": TaskKind.APPROVAL, "triage.resolved": TaskKind.TRIAGE,
                     "rejection.confirmed": TaskKind.REJECTION}[ev.type]
    if task.meta.get("kind") != expected_kind:
        return _refused(ev, svc, f"{ev.type} passt nicht zur Aufgabe {task.task_id} ({task.meta.get('kind')})")
    if task.status != TaskStatus.OPEN and task.decided_by == d["user"]:
        # redelivery of an applied decision (crash in between): complete the audit entry, continue where we stopped
        _audit(svc, doc_id, f"route:decided:{task.task_id}", f"{task.step}:{task.status}", d["user"],
               {"task_id": task.task_id, "step": task.step, "decision": str(task.status), "comment": task.comment})
        return _after(ev, svc, task)
    siblings = svc.repo.list_tasks(document_id=doc_id)
    at = svc.clock()
    verdict = logic.check_decision(task, siblings, d["user"], svc.policy, at.date())
    if not verdict.ok:
        return _refused(ev, svc, verdict.reason)
    if ev.type == "approval.decided":
        status = TaskStatus.APPROVED if d["decision"] == "approve" else TaskStatus.REJECTED
    else:  # triage.resolved / rejection.confirmed close a single task
        status = TaskStatus.DONE
    decided = svc.repo.decide_task(task.task_id, status=status, user=d["user"], comment=d.get("comment"), at=at)
    _audit(svc, doc_id, f"route:decided:{task.task_id}", f"{task.step}:{status}", d["user"],
           {"task_id": task.task_id, "step": task.step, "decision": str(status), "comment": d.get("comment"),
            "authority": verdict.reason, "acting_for": verdict.acting_for,
            **({"doc_type": d["doc_type"], "department": d["department"]} if ev.type == "triage.resolved" else {})})
    return _after(ev, svc, decided)


def _after(ev: Event, svc: Services, task: TaskRecord) -> list[Emit]:
    doc_id = ev.document_id or ""
    kind = task.meta.get("kind")
    if kind == TaskKind.TRIAGE:
        return _after_triage(ev, svc, task)
    if kind == TaskKind.REJECTION:
        return _after_rejection(ev, svc, task)
    siblings = svc.repo.list_tasks(document_id=doc_id)
    nxt = logic.after_decision(task, siblings)
    doc = svc.repo.get_document(doc_id)
    doc_type = (doc.doc_type if doc else None) or "rechnung"
    dept = doc.department if doc else None
    if nxt.outcome == "open" and nxt.task_id:
        svc.repo.update_task(nxt.task_id, status=TaskStatus.OPEN)
        opened = svc.repo.get_task(nxt.task_id)
        _notify(svc, [opened] if opened else [])
        return []
    approvals = [{"step": t.step, "user": t.decided_by, "at": t.decided_at.isoformat() if t.decided_at else None,
                  "decision": t.status, "comment": t.comment}
                 for t in sorted(siblings, key=lambda t: t.position) if t.decided_by]
    if nxt.outcome == "approved":
        if not advance(svc.repo, doc_id, "approved"):
            return []
        return _to_filing(ev, "approved", doc_type, dept, nxt.reason, approvals)
    if nxt.outcome == "rejected":
        for t in siblings:
            if t.status == TaskStatus.WAITING:
                svc.repo.update_task(t.task_id, status=TaskStatus.CANCELLED)
        if not advance(svc.repo, doc_id, "rejected_in_approval"):
            return []
        return _to_filing(ev, "rejected_in_approval", doc_type, dept, nxt.reason, approvals)
    return []


def _after_triage(ev: Event, svc: Services, task: TaskRecord) -> list[Emit]:
    from workflow.ports import CorrectionRecord

    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    d = ev.data
    doc_type = d.get("doc_type") or (doc.doc_type if doc else None) or "sonstiges"
    dept = d.get("department") or (doc.department if doc else None)
    if ev.type == "triage.resolved" and doc is not None:
        for fld, old, new in (("doc_type", doc.doc_type, doc_type), ("department", doc.department, dept)):
            if old != new:
                svc.repo.add_correction(CorrectionRecord(doc_id, fld, old, new, d["user"],
                                                         datetime.fromisoformat(d["at"])))
    inv = svc.repo.get_invoice(doc_id)
    svc.repo.update_document(doc_id, doc_type=doc_type, department=dept)
    if doc_type in INVOICE_TYPES and inv is not None:
        summary = {"issue_date": inv.issue_date.isoformat() if inv.issue_date else None,
                   "due_date": inv.due_date.isoformat() if inv.due_date else None,
                   "gross": str(inv.gross) if inv.gross is not None else None,
                   "seller_name": inv.seller_name, "invoice_number": inv.invoice_number, "currency": inv.currency}
        return _start_approval(ev, svc, summary, dept, f"nach Klärung durch {d.get('user')}")
    if not advance(svc.repo, doc_id, "routed"):
        return []
    return _to_filing(ev, "routed", doc_type, dept, f"nach Klärung durch {d.get('user')} an {dept}")


def _after_rejection(ev: Event, svc: Services, task: TaskRecord) -> list[Emit]:
    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    if not advance(svc.repo, doc_id, "rejected"):
        return []
    return _to_filing(ev, "rejected_notified", (doc.doc_type if doc else None) or "rechnung",
                      doc.department if doc else None,
                      f"Zurückweisung bestätigt von {task.decided_by}; Mitteilung an den Absender")


async def handle(ev: Event, svc: Services) -> list[Emit]:
    if ev.type in ("invoice.validated", "document.classified"):
        return await asyncio.to_thread(on_understood, ev, svc)
    if ev.type == "invoice.rejected":
        return await asyncio.to_thread(on_rejected, ev, svc)
    return await asyncio.to_thread(on_decision, ev, svc)
