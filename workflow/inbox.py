"""The approvers' inbox as a service: what a person sees and may decide. Used by the HTTP API and the CLI.

Decisions are checked here (for an immediate answer) and again by the route stage (authoritative, in order).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from workflow.errors import WorkflowError
from workflow.ports import DocumentRepository, TaskRecord, json_safe
from workflow.route import logic
from workflow.route.logic import TaskKind, TaskStatus
from workflow.route.policy import ApprovalPolicy
from workflow.submit import Producer, submit_decision


class DecisionRefusedError(WorkflowError):
    """The person may not take this decision now (role, limit, four eyes, task state)."""

    fix = "Aufgabe im Posteingang der befugten Person entscheiden lassen."


class TaskNotFoundError(WorkflowError):
    fix = "Aufgabennummer aus `aktenfluss inbox` übernehmen."


@dataclass(frozen=True, slots=True)
class TaskView:
    task: TaskRecord
    document: dict[str, Any]
    invoice: dict[str, Any] | None
    acting_for: str | None

    def as_json(self) -> dict[str, Any]:
        t = self.task
        return json_safe({
            "task_id": t.task_id, "document_id": t.document_id, "kind": t.meta.get("kind"), "step": t.step,
            "label": t.meta.get("label"), "title": t.meta.get("title"), "status": t.status,
            "candidates": list(t.candidates), "amount": money(t.amount), "created_at": t.created_at,
            "due_at": t.due_at, "acting_for": self.acting_for, "reason": t.meta.get("reason"),
            "reasons": t.meta.get("reasons"), "department": t.meta.get("department"),
            "document": self.document, "invoice": self.invoice,
        })


def money(value: Decimal | None) -> Decimal | None:
    """Amounts as stored (4 places) shown with their 2 cent places when nothing is lost."""
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


def _doc_json(repo: DocumentRepository, doc_id: str) -> dict[str, Any]:
    d = repo.get_document(doc_id)
    if d is None:
        return {"document_id": doc_id}
    return {"document_id": doc_id, "filename": d.filename, "status": d.status, "doc_type": d.doc_type,
            "department": d.department, "received_at": d.received_at, "channel": d.channel}


def _invoice_json(repo: DocumentRepository, doc_id: str) -> dict[str, Any] | None:
    inv = repo.get_invoice(doc_id)
    if inv is None:
        return None
    return {"seller_name": inv.seller_name, "invoice_number": inv.invoice_number, "issue_date": inv.issue_date,
            "due_date": inv.due_date, "gross": money(inv.gross), "currency": inv.currency, "leitweg_id": inv.leitweg_id,
            "source": inv.source, "needs_verification": inv.source == "paper"}


def inbox(repo: DocumentRepository, policy: ApprovalPolicy, user: str | None, now: datetime) -> list[TaskView]:
    """Open tasks; for a user: those they may decide (own role or as substitute), minus four-eyes conflicts."""
    tasks = repo.list_tasks(status=TaskStatus.OPEN)
    views = []
    for t in sorted(tasks, key=lambda t: (t.due_at or t.created_at, t.task_id)):
        acting = None
        if user is not None:
            acting = logic.acting_as(policy, user, t.candidates, now.date())
            if acting is None:
                continue
            siblings = repo.list_tasks(document_id=t.document_id)
            if not logic.check_decision(t, siblings, user, policy, now.date()).ok:
                continue
        views.append(TaskView(t, _doc_json(repo, t.document_id), _invoice_json(repo, t.document_id),
                              acting if acting != user else None))
    return views


def _task(repo: DocumentRepository, task_id: str) -> TaskRecord:
    task = repo.get_task(task_id)
    if task is None:
        raise TaskNotFoundError(f"Aufgabe {task_id} gibt es nicht")
    return task


def decide(repo: DocumentRepository, producer: Producer, policy: ApprovalPolicy, *, task_id: str, user: str,
           approve: bool, comment: str | None, now: datetime, source: str) -> dict[str, Any]:
    task = _task(repo, task_id)
    if task.meta.get("kind") != TaskKind.APPROVAL:
        raise DecisionRefusedError(f"Aufgabe {task_id} ist keine Freigabe (sondern {task.meta.get('kind')})")
    if not approve and not (comment or "").strip():
        raise DecisionRefusedError("Eine Ablehnung braucht eine Begründung (comment)")
    verdict = logic.check_decision(task, repo.list_tasks(document_id=task.document_id), user, policy, now.date())
    if not verdict.ok:
        raise DecisionRefusedError(verdict.reason)
    ev = submit_decision(producer, "approval.decided", task.document_id, {
        "task_id": task_id, "decision": "approve" if approve else "reject", "user": user, "comment": comment,
        "at": now.isoformat()}, source=source)
    return {"accepted": True, "event_id": ev.id, "task_id": task_id, "reason": verdict.reason}


def resolve_triage(repo: DocumentRepository, producer: Producer, policy: ApprovalPolicy, *, task_id: str,
                   user: str, doc_type: str, department: str, comment: str | None, now: datetime,
                   source: str) -> dict[str, Any]:
    task = _task(repo, task_id)
    if task.meta.get("kind") != TaskKind.TRIAGE:
        raise DecisionRefusedError(f"Aufgabe {task_id} ist keine Klärungsaufgabe")
    verdict = logic.check_decision(task, [], user, policy, now.date())
    if not verdict.ok:
        raise DecisionRefusedError(verdict.reason)
    ev = submit_decision(producer, "triage.resolved", task.document_id, {
        "task_id": task_id, "user": user, "doc_type": doc_type, "department": department, "comment": comment,
        "at": now.isoformat()}, source=source)
    return {"accepted": True, "event_id": ev.id, "task_id": task_id}


def confirm_rejection(repo: DocumentRepository, producer: Producer, policy: ApprovalPolicy, *, task_id: str,
                      user: str, comment: str | None, now: datetime, source: str) -> dict[str, Any]:
    task = _task(repo, task_id)
    if task.meta.get("kind") != TaskKind.REJECTION:
        raise DecisionRefusedError(f"Aufgabe {task_id} ist keine Zurückweisung")
    verdict = logic.check_decision(task, [], user, policy, now.date())
    if not verdict.ok:
        raise DecisionRefusedError(verdict.reason)
    ev = submit_decision(producer, "rejection.confirmed", task.document_id, {
        "task_id": task_id, "user": user, "comment": comment, "at": now.isoformat()}, source=source)
    return {"accepted": True, "event_id": ev.id, "task_id": task_id}
