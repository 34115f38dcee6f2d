"""Filing stage: the document is placed in the E-Akte exactly once, with metadata, retention and audit record;
approved invoices are handed to the finance system; confirmed rejections produce the notice to the sender."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from schemas import topics
from schemas.envelope import Event, follow
from workflow.artefacts import derived_key, put_derived
from workflow.filing import logic
from workflow.lifecycle import advance
from workflow.ports import FilingRecord, json_safe
from workflow.runner import Emit
from workflow.validate.logic import report_from_json
from workflow.wiring import Services

STAGE = "filing"


def _notice(svc: Services, doc_id: str, task_meta: dict[str, Any], channel: str) -> dict[str, str]:
    from schemas.invoice import invoice_from_dict
    from workflow.einvoice.render.notice import render_rejection_notice

    report = json.loads(svc.blobs.get(task_meta["report_key"]))
    inv_rec = svc.repo.get_invoice(doc_id)
    invoice = invoice_from_dict(dict(inv_rec.data)) if inv_rec and inv_rec.data else None
    notice = render_rejection_notice(report_from_json(report), invoice, receiver_name=svc.settings.organisation_name,
                                     channel=channel)
    items = {
        "notice_text": put_derived(svc.blobs, doc_id, "rejection-notice.txt", notice.text.encode(),
                                   content_type="text/plain; charset=utf-8"),
        "notice_html": put_derived(svc.blobs, doc_id, "rejection-notice.html", notice.html.encode(),
                                   content_type="text/html; charset=utf-8"),
    }
    notifier = getattr(svc, "notifier", None)
    sender = (inv_rec.data.get("seller") or {}).get("contact", {}) if inv_rec and inv_rec.data else {}
    address = (sender or {}).get("email") if isinstance(sender, dict) else None
    if notifier is not None and address:
        notifier.send(address, notice.subject, notice.text, key=f"rejection-{doc_id[:16]}")
    return items


def _file(ev: Event, svc: Services) -> tuple[bool, dict[str, Any], dict[str, Any] | None]:
    d = ev.data
    doc_id = ev.document_id or ""
    doc = svc.repo.get_document(doc_id)
    if doc is None:
        from workflow.errors import WorkflowError

        raise WorkflowError(f"Dokument {doc_id[:12]} ist nicht registriert; Ablage unmöglich")
    existing = svc.repo.get_filing(doc_id)
    if existing is not None:  # redelivery: filed exactly once; finish the idempotent follow-up steps
        advance(svc.repo, doc_id, "filed", meta={"outcome": d["outcome"], "file_plan_key": existing.file_plan_key})
        svc.repo.append_audit(doc_id, key="filing:filed", at=existing.filed_at, stage=STAGE, action="filed",
                              actor="system", detail={"outcome": d["outcome"], "file_plan_key": existing.file_plan_key,
                                                      "items": dict(existing.items)})
        inv = svc.repo.get_invoice(doc_id)
        if d["outcome"] == "approved" and inv is not None:
            _export(svc, doc_id, inv, d, existing.items.get("metadata", ""))
        return False, {"file_plan_key": existing.file_plan_key, "items": dict(existing.items)}, None
    now = svc.clock()
    placement = logic.place(d["doc_type"], d.get("department"), doc.received_at.year)
    items: dict[str, str] = {"original": doc.blob_key}
    for name in ("rendition.pdf", "text.json", "invoice.xml", "validation.json"):
        key = derived_key(doc_id, name)
        if svc.blobs.exists(key):
            items[name.split(".")[0]] = key
    tasks = svc.repo.list_tasks(document_id=doc_id)
    if d["outcome"] == "rejected_notified":
        rej = next((t for t in tasks if t.meta.get("kind") == "rejection"), None)
        if rej is not None:
            items.update(_notice(svc, doc_id, dict(rej.meta), str(rej.meta.get("channel") or doc.channel)))
    inv = svc.repo.get_invoice(doc_id)
    metadata = json_safe({
        "document_id": doc_id, "filename": doc.filename, "media_type": doc.media_type, "channel": doc.channel,
        "received_at": doc.received_at, "doc_type": d["doc_type"], "department": d.get("department"),
        "outcome": d["outcome"], "reason": d.get("reason"), "file_plan_key": placement.file_plan_key,
        "file_plan_title": placement.title, "retention_years": placement.retention_years,
        "retain_until": placement.retain_until, "aussonderung": placement.aussonderung,
        "approvals": d.get("approvals", []), "items": items,
        "invoice": {k: v for k, v in (inv.data.items() if inv else []) if k not in ("attachments", "lines")} or None,
        "flags": (doc.meta.get("classification") or {}).get("flags", []),
    })
    items["metadata"] = put_derived(svc.blobs, doc_id, "metadata.json",
                                    json.dumps(metadata, ensure_ascii=False, indent=1).encode(),
                                    content_type="application/json")
    filed = svc.repo.file_document(FilingRecord(
        document_id=doc_id, file_plan_key=placement.file_plan_key, retention_years=placement.retention_years,
        retain_until=placement.retain_until, filed_at=now, items=items,
        meta={"outcome": d["outcome"], "aussonderung": placement.aussonderung, "title": placement.title}))
    advance(svc.repo, doc_id, "filed", meta={"outcome": d["outcome"], "file_plan_key": placement.file_plan_key})
    svc.repo.append_audit(doc_id, key="filing:filed", at=now, stage=STAGE, action="filed", actor="system",
                          detail={"outcome": d["outcome"], "reason": placement.reason,
                                  "file_plan_key": placement.file_plan_key, "items": items})
    export = None
    if d["outcome"] == "approved" and inv is not None:
        export = _export(svc, doc_id, inv, d, items["metadata"])
    return filed, {"file_plan_key": placement.file_plan_key, "items": items, "retention": placement}, export


def _export(svc: Services, doc_id: str, inv: Any, d: Mapping[str, Any], archive_key: str) -> dict[str, Any]:
    from schemas.invoice import skonto_terms

    summary = {"seller_name": inv.seller_name, "seller_vat_id": inv.seller_vat_id,
               "invoice_number": inv.invoice_number, "issue_date": inv.issue_date, "due_date": inv.due_date,
               "gross": inv.gross, "amount_due": inv.data.get("totals", {}).get("amount_due"),
               "currency": inv.currency, "leitweg_id": inv.leitweg_id,
               "iban": _first_iban(inv.data)}
    skonto = [{"days": t.days, "percent": str(t.percent), "base_amount": json_safe(t.base_amount)}
              for t in skonto_terms(inv.data.get("payment_terms"))]
    record = json_safe(logic.export_record(doc_id, summary, d.get("approvals", []), d.get("department"),
                                           archive_key, skonto))
    out_dir = svc.settings.finance_export_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".{doc_id}.json.tmp"
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out_dir / f"{doc_id}.json")  # idempotent: same name, same content on redelivery
    svc.repo.append_audit(doc_id, key="filing:exported", at=svc.clock(), stage=STAGE, action="exported_to_finance",
                          actor="system", detail={"file": f"{doc_id}.json", "gross": summary["gross"]})
    return record


def _first_iban(data: Any) -> str | None:
    pay = (data or {}).get("payment_instructions") or {}
    transfers = pay.get("credit_transfers") or []
    return transfers[0].get("account_id") if transfers else None


async def handle(ev: Event, svc: Services) -> list[Emit]:
    filed, info, export = await asyncio.to_thread(_file, ev, svc)
    outs: list[Emit] = []
    src = f"stage:{STAGE}"
    if filed:
        p = info["retention"]
        outs.append((topics.FILED, follow(ev, "document.filed", {
            "outcome": ev.data["outcome"], "file_plan_key": info["file_plan_key"], "items": info["items"],
            "retention_years": p.retention_years,
            "retain_until": p.retain_until.isoformat() if isinstance(p.retain_until, date) else None}, source=src)))
    if export is not None:
        outs.append((topics.FINANCE_EXPORT, follow(ev, "invoice.approved_for_payment", {
            "invoice": {k: export["invoice"].get(k) for k in ("seller_name", "seller_vat_id", "invoice_number",
                                                              "issue_date", "due_date", "gross", "amount_due",
                                                              "currency", "iban", "leitweg_id")},
            "skonto": export["skonto"], "approvals": export["approvals"], "department": export["department"],
            "archive_key": export["archive_key"]}, source=src)))
    return outs
