"""The web inbox: what approvers use every day (server-rendered HTML, no external assets)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from workflow import inbox as ib
from workflow.artefacts import derived_key
from workflow.einvoice.render.format import format_amount
from workflow.wiring import Services

DOC_TYPES = ("rechnung", "gutschrift", "mahnung", "lieferschein", "antrag", "widerspruch", "beschwerde",
             "bescheid", "gerichtspost", "werbung", "sonstiges")
KIND_LABELS = {"approval": "Freigabe", "triage": "Klärung", "rejection": "Zurückweisung"}
_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(["html"]))


def _fmt(dt: Any) -> str:
    return dt.strftime("%d.%m.%Y %H:%M") if isinstance(dt, datetime) else str(dt or "")


def mount_ui(app: FastAPI, svc: Services, prod: Any) -> None:
    def page(name: str, request: Request, **ctx: Any) -> HTMLResponse:
        user = request.query_params.get("user") or ctx.pop("user", None)
        people = sorted(svc.policy.people.values(), key=lambda p: p.name)
        html = _env.get_template(name).render(people=people, user=user, message=request.query_params.get("msg"),
                                              error=request.query_params.get("err") == "1", **ctx)
        return HTMLResponse(html)

    @app.get("/ui/inbox", response_class=HTMLResponse)
    def ui_inbox(request: Request, user: str | None = None) -> HTMLResponse:
        now = svc.clock()
        views = ib.inbox(svc.repo, svc.policy, user or None, now) if user else []
        rows = []
        for v in views:
            j = v.as_json()
            j["due"] = _fmt(v.task.due_at)
            j["overdue"] = bool(v.task.due_at and v.task.due_at < now)
            j["kind_label"] = KIND_LABELS.get(str(j["kind"]), j["kind"])
            inv = v.invoice or {}
            gross = inv.get("gross")
            j["amount"] = format_amount(Decimal(str(gross)), inv.get("currency")) if gross is not None else ""
            rows.append(j)
        depts = sorted({d for p in svc.policy.people.values() for d in p.departments if d != "*"} |
                       {"kaemmerei", "hauptamt", "bauamt", "buergerbuero", "sozialamt", "ordnungsamt", "rechtsamt"})
        person = svc.policy.person(user) if user else None
        return page("inbox.html", request, title="Posteingang", tasks=rows, doc_types=DOC_TYPES,
                    departments=depts, user_name=person.name if person else user)

    @app.post("/ui/tasks/{task_id}")
    def ui_decide(task_id: str, action: str = Form(...), user: str = Form(...), comment: str = Form(""),
                  doc_type: str = Form(""), department: str = Form("")) -> RedirectResponse:
        note, now = comment or None, svc.clock()
        try:
            if action in ("approve", "reject"):
                ib.decide(svc.repo, prod, svc.policy, task_id=task_id, user=user, approve=action == "approve",
                          comment=note, now=now, source="web")
            elif action == "resolve":
                ib.resolve_triage(svc.repo, prod, svc.policy, task_id=task_id, user=user, doc_type=doc_type,
                                  department=department, comment=note, now=now, source="web")
            else:
                ib.confirm_rejection(svc.repo, prod, svc.policy, task_id=task_id, user=user, comment=note, now=now,
                                     source="web")
            msg, err = "Entscheidung übermittelt; sie wird in Kürze verarbeitet.", "0"
        except (ib.DecisionRefusedError, ib.TaskNotFoundError) as exc:
            msg, err = f"Nicht möglich: {exc.reason}", "1"
        return RedirectResponse(f"/ui/inbox?user={quote(user)}&msg={quote(msg)}&err={err}", status_code=303)

    @app.get("/ui/documents/{doc_id}", response_class=HTMLResponse)
    def ui_document(request: Request, doc_id: str) -> HTMLResponse:
        doc = svc.repo.get_document(doc_id)
        if doc is None:
            return page("list.html", request, title=f"Dokument {doc_id[:12]} unbekannt", rows=[], headers=[])
        ok, why = svc.repo.verify_audit(doc_id)
        tasks = [{"label": t.meta.get("label"), "step": t.step, "status": t.status, "decided_by": t.decided_by,
                  "decided_at": _fmt(t.decided_at), "comment": t.comment}
                 for t in sorted(svc.repo.list_tasks(document_id=doc_id), key=lambda t: (t.created_at, t.position))]
        audit = [{"seq": a.seq, "at": _fmt(a.at), "stage": a.stage, "action": a.action, "actor": a.actor}
                 for a in svc.repo.audit_trail(doc_id)]
        inv = svc.repo.get_invoice(doc_id)
        return page("document.html", request, title=doc.filename, doc=doc, tasks=tasks, audit=audit, verified=ok,
                    received=_fmt(doc.received_at),
                    why=why, has_invoice=bool(inv and inv.data),
                    has_rendition=svc.blobs.exists(derived_key(doc_id, "rendition.pdf")),
                    paper_fields=(doc.meta.get("paper_fields") if inv and inv.source == "paper" else None))

    @app.post("/ui/documents/{doc_id}/fields")
    async def ui_correct(request: Request, doc_id: str) -> RedirectResponse:
        from workflow.corrections import FIELDS, CorrectionRefusedError, correct_invoice_fields

        form = await request.form()
        user = str(form.get("user") or "")
        doc = svc.repo.get_document(doc_id)
        current = (doc.meta.get("paper_fields") or {}) if doc else {}
        changes: dict[str, str | None] = {f: str(form[f]) for f in FIELDS
                                          if f in form and str(form[f]) != str(current.get(f) or "")}
        try:
            correct_invoice_fields(svc.repo, svc.policy, document_id=doc_id, user=user, changes=changes,
                                   now=svc.clock())
            msg, err = f"{len(changes)} Feld(er) berichtigt und protokolliert.", "0"
        except CorrectionRefusedError as exc:
            msg, err = f"Nicht möglich: {exc.reason}", "1"
        return RedirectResponse(f"/ui/documents/{doc_id}?user={quote(user)}&msg={quote(msg)}&err={err}",
                                status_code=303)

    @app.get("/ui/departments/{department}", response_class=HTMLResponse)
    def ui_department(request: Request, department: str) -> HTMLResponse:
        from workflow.queues import department_documents

        docs = department_documents(svc.repo, department)
        rows = [(d["document_id"], d["filename"], d["doc_type"], d["status"], d["deadline"] or "",
                 ", ".join(d["flags"]), d["received_at"][:16]) for d in docs]
        return page("list.html", request, title=f"Eingang {department}", rows=rows, link=True,
                    headers=["ID", "Datei", "Typ", "Stand", "Frist", "Hinweise", "Eingang"])

    @app.get("/ui/documents", response_class=HTMLResponse)
    def ui_documents(request: Request, status: str | None = None) -> HTMLResponse:
        docs = svc.repo.list_documents(status=status, limit=300)
        rows = [(d.document_id, d.filename, d.status, d.doc_type, d.department, _fmt(d.received_at)) for d in docs]
        return page("list.html", request, title="Dokumente", rows=rows, link=True,
                    headers=["ID", "Datei", "Stand", "Typ", "Amt", "Eingang"])

    @app.get("/ui/status", response_class=HTMLResponse)
    def ui_status(request: Request) -> HTMLResponse:
        from workflow.status import render_status, status_report

        rep = status_report(svc.repo, bootstrap=svc.settings.kafka_bootstrap, group=svc.settings.app_id)
        return page("list.html", request, title="Betrieb", pre=render_status(rep), rows=[], headers=[])

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/inbox")
