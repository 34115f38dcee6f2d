"""HTTP API (FastAPI, OpenAPI at /docs and /openapi.json): ingest, inbox, decisions, documents, status.

Who acts is taken from the ``user`` field; in production a reverse proxy with single sign-on sets it (the API
binds to localhost by default).
"""
from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import FastAPI, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from workflow.artefacts import derived_key
from workflow.errors import WorkflowError
from workflow.inbox import DecisionRefusedError, TaskNotFoundError
from workflow.ports import json_safe
from workflow.settings import Settings
from workflow.wiring import Services


class Decision(BaseModel):
    user: str = Field(min_length=1, description="who decides (set by the SSO proxy in production)")
    comment: str | None = None


class FieldCorrection(BaseModel):
    user: str = Field(min_length=1)
    fields: dict[str, str | None] = Field(description="invoice field -> corrected value (ISO dates, 1234.56)")


class Triage(Decision):
    doc_type: str
    department: str


def create_api(settings: Settings, services: Services | None = None, producer: Any = None) -> FastAPI:
    from connectors.kafka_producer import EventProducer
    from workflow import inbox as ib
    from workflow.wiring import build_services

    svc = services or build_services(settings)
    prod = producer or EventProducer(settings.kafka_bootstrap)
    app = FastAPI(title="Aktenfluss", version="0.1.0",
                  description="Posteingang, E-Rechnung (XRechnung/ZUGFeRD), Freigabe und E-Akte")

    def refuse(exc: WorkflowError) -> HTTPException:
        code = 404 if isinstance(exc, TaskNotFoundError) else 403 if isinstance(exc, DecisionRefusedError) else 409
        return HTTPException(code, detail={"reason": exc.reason, "fix": exc.fix})

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/documents", status_code=202)
    async def upload(file: UploadFile = File(...), channel: str = Form("upload"),
                     user: str | None = Form(None)) -> dict[str, Any]:
        from workflow.submit import submit_document

        data = await file.read()
        r = await asyncio.to_thread(submit_document, svc.blobs, prod, data, file.filename or "upload",
                                    channel=channel, submitted_by=user)
        return {"document_id": r.document_id, "size": r.size, "status_url": f"/documents/{r.document_id}"}

    @app.get("/documents")
    def documents(status: str | None = None, limit: int = Query(100, le=1000), offset: int = 0) -> list[Any]:
        return [json_safe({"document_id": d.document_id, "filename": d.filename, "status": d.status,
                           "doc_type": d.doc_type, "department": d.department, "received_at": d.received_at})
                for d in svc.repo.list_documents(status=status, limit=limit, offset=offset)]

    def _doc(doc_id: str) -> Any:
        d = svc.repo.get_document(doc_id)
        if d is None:
            raise HTTPException(404, detail={"reason": f"Dokument {doc_id} unbekannt"})
        return d

    @app.get("/documents/{doc_id}")
    def document(doc_id: str) -> Any:
        d = _doc(doc_id)
        inv = svc.repo.get_invoice(doc_id)
        filing = svc.repo.get_filing(doc_id)
        return json_safe({
            "document": {"document_id": d.document_id, "filename": d.filename, "media_type": d.media_type,
                         "size": d.size, "channel": d.channel, "received_at": d.received_at, "status": d.status,
                         "doc_type": d.doc_type, "department": d.department, "meta": d.meta},
            "invoice": {"summary": {"seller_name": inv.seller_name, "invoice_number": inv.invoice_number,
                                    "gross": inv.gross, "currency": inv.currency, "accept": inv.accept},
                        "validation": inv.validation} if inv else None,
            "tasks": [ib.TaskView(t, {}, None, None).as_json() for t in svc.repo.list_tasks(document_id=doc_id)],
            "filing": {"file_plan_key": filing.file_plan_key, "retain_until": filing.retain_until,
                       "items": filing.items, "filed_at": filing.filed_at} if filing else None,
        })

    @app.get("/documents/{doc_id}/original")
    def original(doc_id: str) -> Response:
        d = _doc(doc_id)
        return Response(svc.blobs.get(d.blob_key), media_type=d.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{d.filename}"'})

    @app.get("/documents/{doc_id}/rendition")
    def rendition(doc_id: str) -> Response:
        key = derived_key(doc_id, "rendition.pdf")
        if not svc.blobs.exists(key):
            raise HTTPException(404, detail={"reason": "keine durchsuchbare PDF-Fassung (kein Scan?)"})
        return Response(svc.blobs.get(key), media_type="application/pdf")

    @app.get("/documents/{doc_id}/text")
    def text(doc_id: str) -> Any:
        key = derived_key(doc_id, "text.json")
        if not svc.blobs.exists(key):
            raise HTTPException(404, detail={"reason": "kein Text extrahiert"})
        return json.loads(svc.blobs.get(key))

    @app.get("/documents/{doc_id}/invoice.html", response_class=HTMLResponse)
    def invoice_html(doc_id: str) -> str:
        from workflow.api.views import invoice_page

        return invoice_page(svc, doc_id)

    @app.get("/documents/{doc_id}/attachments/{index}")
    def attachment(doc_id: str, index: int) -> Response:
        from workflow.api.views import attachment_bytes

        data, mime, name = attachment_bytes(svc, doc_id, index)
        return Response(data, media_type=mime, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/documents/{doc_id}/audit")
    def audit(doc_id: str) -> Any:
        ok, why = svc.repo.verify_audit(doc_id)
        return json_safe({"verified": ok, "reason": why, "entries": [
            {"seq": r.seq, "at": r.at, "stage": r.stage, "action": r.action, "actor": r.actor, "detail": r.detail,
             "hash": r.hash} for r in svc.repo.audit_trail(doc_id)]})

    @app.post("/documents/{doc_id}/invoice-fields")
    def correct_fields(doc_id: str, body: FieldCorrection) -> Any:
        from workflow.corrections import CorrectionRefusedError, correct_invoice_fields

        try:
            return correct_invoice_fields(svc.repo, svc.policy, document_id=doc_id, user=body.user,
                                          changes=body.fields, now=svc.clock())
        except CorrectionRefusedError as exc:
            raise HTTPException(409, detail={"reason": exc.reason, "fix": exc.fix}) from None

    @app.get("/departments/{department}/documents")
    def department_queue(department: str, limit: int = Query(200, le=2000)) -> list[Any]:
        from workflow.queues import department_documents

        return department_documents(svc.repo, department, limit=limit)

    @app.get("/inbox")
    def inbox(user: str | None = None) -> list[Any]:
        return [v.as_json() for v in ib.inbox(svc.repo, svc.policy, user, svc.clock())]

    def _run(fn: Any, **kw: Any) -> Any:
        try:
            return fn(svc.repo, prod, svc.policy, now=svc.clock(), source="api", **kw)
        except (DecisionRefusedError, TaskNotFoundError) as exc:
            raise refuse(exc) from None

    @app.post("/tasks/{task_id}/approve", status_code=202)
    def approve(task_id: str, body: Decision) -> Any:
        return _run(ib.decide, task_id=task_id, user=body.user, approve=True, comment=body.comment)

    @app.post("/tasks/{task_id}/reject", status_code=202)
    def reject(task_id: str, body: Decision) -> Any:
        return _run(ib.decide, task_id=task_id, user=body.user, approve=False, comment=body.comment)

    @app.post("/tasks/{task_id}/resolve", status_code=202)
    def resolve(task_id: str, body: Triage) -> Any:
        return _run(ib.resolve_triage, task_id=task_id, user=body.user, doc_type=body.doc_type,
                    department=body.department, comment=body.comment)

    @app.post("/tasks/{task_id}/confirm-rejection", status_code=202)
    def confirm(task_id: str, body: Decision) -> Any:
        return _run(ib.confirm_rejection, task_id=task_id, user=body.user, comment=body.comment)

    @app.get("/status")
    def status(kafka: bool = True) -> Any:
        from workflow.status import status_report

        return status_report(svc.repo, bootstrap=settings.kafka_bootstrap if kafka else None, group=settings.app_id)

    @app.exception_handler(WorkflowError)
    async def workflow_error(_: Any, exc: WorkflowError) -> JSONResponse:
        return JSONResponse({"reason": exc.reason, "fix": exc.fix, "error_type": exc.error_type}, status_code=422)

    from workflow.api.ui import mount_ui

    mount_ui(app, svc, prod)
    return app


def serve(settings: Settings) -> None:
    import uvicorn

    from workflow.logs import setup_logging

    setup_logging(settings.log_level)
    uvicorn.run(create_api(settings), host=settings.api_host, port=settings.api_port, log_level="warning")
