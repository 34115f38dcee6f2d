"""Department queues: the mail routed to one department, newest first, deadlines and flags up front."""
from __future__ import annotations

from typing import Any

from workflow.ports import DocumentRepository, json_safe


def department_documents(repo: DocumentRepository, department: str, *, limit: int = 200) -> list[dict[str, Any]]:
    out = []
    for d in repo.list_documents(limit=5000):
        if d.department != department:
            continue
        cls = d.meta.get("classification") or {}
        out.append(json_safe({
            "document_id": d.document_id, "filename": d.filename, "status": d.status, "doc_type": d.doc_type,
            "received_at": d.received_at, "deadline": cls.get("deadline"), "deadline_reason": cls.get("deadline_reason"),
            "flags": cls.get("flags", []), "file_plan_key": d.meta.get("file_plan_key"),
        }))
    out.sort(key=lambda x: (x["deadline"] is None, x["deadline"] or "", x["received_at"]), reverse=False)
    return out[:limit]
