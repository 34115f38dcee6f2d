"""Approval routing as pure functions: plan the tasks for an invoice, check a decision, say what comes next.

Every check returns a :class:`Verdict` with its reason: the reason goes into the API answer and the audit trail.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from workflow.ports import TaskRecord
from workflow.route.policy import ApprovalPolicy, Person


class TaskKind(StrEnum):
    APPROVAL = "approval"
    TRIAGE = "triage"
    REJECTION = "rejection"  # confirm a validation rejection before the notice goes to the sender


class TaskStatus(StrEnum):
    WAITING = "waiting"  # a previous step is not done yet
    OPEN = "open"
    APPROVED = "approved"
    REJECTED = "rejected"
    DONE = "done"  # triage resolved / rejection confirmed
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    reason: str
    acting_for: str | None = None  # set when a substitute acts for a candidate


@dataclass(frozen=True, slots=True)
class Next:
    """What follows a decision: open the next step, or the approval is complete/rejected."""

    outcome: str  # "open" | "approved" | "rejected" | "pending"
    task_id: str | None = None
    reason: str = ""


def task_id_for(document_id: str, step: str) -> str:
    return f"{document_id[:24]}-{step}"


def eligible(person: Person, role: str, amount: Decimal | None, department: str | None) -> bool:
    return role in person.roles and person.within_limit(amount) and person.serves(department)


def candidates_for(policy: ApprovalPolicy, role: str, amount: Decimal | None,
                   department: str | None) -> tuple[str, ...]:
    return tuple(sorted(p.id for p in policy.people.values() if eligible(p, role, amount, department)))


def step_deadline(created: datetime, days: int, pay_by: date | None, margin_days: int) -> datetime:
    """A step is due after its days, but early enough that Skonto/payment deadlines can still be met."""
    due = created + timedelta(days=days)
    if pay_by is not None:
        latest = datetime.combine(pay_by - timedelta(days=margin_days), created.timetz())
        due = max(min(due, latest), created)
    return due


def plan_approval(*, document_id: str, amount: Decimal | None, department: str | None,
                  pay_by: date | None, policy: ApprovalPolicy, now: datetime,
                  title: str) -> tuple[list[TaskRecord], Verdict]:
    """One task per policy step; the first is open, the rest wait. Fails (ok=False) when nobody may approve."""
    tasks: list[TaskRecord] = []
    for pos, st in enumerate(policy.steps):
        cands = candidates_for(policy, st.role, amount, department)
        if not cands:
            limit = f" bis {amount} EUR" if amount is not None else ""
            return [], Verdict(False, f"Niemand hat die Rolle {st.role!r}{limit} für {department or 'alle Ämter'}; "
                                      "Dienstanweisung (Richtlinie) ergänzen")
        tasks.append(TaskRecord(
            task_id=task_id_for(document_id, st.step), document_id=document_id, step=st.step, position=pos,
            status=TaskStatus.OPEN if pos == 0 else TaskStatus.WAITING, role=st.role, candidates=cands,
            amount=amount, created_at=now,
            due_at=step_deadline(now, st.days * (pos + 1), pay_by, policy.skonto_margin_days),
            meta={"kind": TaskKind.APPROVAL, "label": st.label, "title": title, "department": department},
        ))
    return tasks, Verdict(True, f"{len(tasks)} Freigabeschritte angelegt ({', '.join(s.step for s in policy.steps)})")


def single_task(*, document_id: str, kind: TaskKind, role: str, policy: ApprovalPolicy, now: datetime,
                title: str, label: str, days: int = 3, meta: dict | None = None) -> TaskRecord:
    cands = tuple(sorted(p.id for p in policy.people.values() if role in p.roles))
    return TaskRecord(
        task_id=task_id_for(document_id, kind), document_id=document_id, step=str(kind), position=0,
        status=TaskStatus.OPEN, role=role, candidates=cands, amount=None, created_at=now,
        due_at=now + timedelta(days=days),
        meta={"kind": kind, "label": label, "title": title, **(meta or {})},
    )


def acting_as(policy: ApprovalPolicy, user: str, candidates: tuple[str, ...], day: date) -> str | None:
    """The candidate ``user`` may act as: themself, or someone they substitute for on ``day``."""
    if user in candidates:
        return user
    for principal in policy.represented_by(user, day):
        if principal in candidates:
            return principal
    return None


def check_decision(task: TaskRecord, siblings: list[TaskRecord], user: str, policy: ApprovalPolicy,
                   day: date) -> Verdict:
    """May ``user`` decide ``task`` now? Checks state, role/limit (via candidates), substitutes, four eyes."""
    if task.status != TaskStatus.OPEN:
        return Verdict(False, f"Aufgabe {task.task_id} ist nicht offen (Status {task.status})")
    if policy.person(user) is None:
        return Verdict(False, f"Unbekannte Person {user!r}")
    principal = acting_as(policy, user, task.candidates, day)
    if principal is None:
        return Verdict(False, f"{user} ist für den Schritt {task.step!r} nicht befugt "
                              f"(Rolle {task.role!r}, Wertgrenze, Zuständigkeit)")
    if policy.distinct_persons:
        same_kind = [t for t in siblings if t.meta.get("kind") == task.meta.get("kind")]
        for other in same_kind:
            if other.task_id != task.task_id and other.decided_by in (user, principal) and other.decided_by:
                return Verdict(False, f"Vier-Augen-Prinzip: {other.decided_by} hat bereits den Schritt "
                                      f"{other.step!r} entschieden")
        blocked = _blocks_later_steps(task, same_kind, {user, principal})
        if blocked is not None:
            return Verdict(False, f"Vier-Augen-Prinzip: wenn {user} den Schritt {task.step!r} entscheidet, bleibt "
                                  f"für {blocked.step!r} niemand Befugtes übrig; bitte eine andere Person")
    note = f" i.V. für {principal}" if principal != user else ""
    return Verdict(True, f"{user}{note} ist befugt für {task.step!r}", None if principal == user else principal)


def _blocks_later_steps(task: TaskRecord, same_kind: list[TaskRecord], people: set[str]) -> TaskRecord | None:
    """A later step whose every candidate would already have decided (so nobody could decide it)."""
    used = {t.decided_by for t in same_kind if t.decided_by} | people
    for later in same_kind:
        if later.position > task.position and later.status in (TaskStatus.WAITING, TaskStatus.OPEN):
            if not set(later.candidates) - used:
                return later
    return None


def after_decision(decided: TaskRecord, siblings: list[TaskRecord]) -> Next:
    """Given the decided task and all tasks of the document (incl. the decided one), what comes next."""
    if decided.status == TaskStatus.REJECTED:
        return Next("rejected", decided.task_id, f"abgelehnt im Schritt {decided.step} von {decided.decided_by}")
    approvals = sorted((t for t in siblings if t.meta.get("kind") == TaskKind.APPROVAL), key=lambda t: t.position)
    for t in approvals:
        if t.status == TaskStatus.WAITING:
            return Next("open", t.task_id, f"nächster Schritt {t.step}")
        if t.status == TaskStatus.OPEN:
            return Next("pending", t.task_id, f"Schritt {t.step} ist noch offen")
    if approvals and all(t.status == TaskStatus.APPROVED for t in approvals):
        return Next("approved", None, "alle Freigabeschritte erteilt: " +
                    ", ".join(f"{t.step}={t.decided_by}" for t in approvals))
    return Next("pending", None, "keine Freigabeschritte")


def decided(task: TaskRecord, *, approve: bool, user: str, at: datetime, comment: str | None) -> TaskRecord:
    return replace(task, status=TaskStatus.APPROVED if approve else TaskStatus.REJECTED,
                   decided_by=user, decided_at=at, comment=comment)
