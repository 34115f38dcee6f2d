"""What the people in the tests do: work through their inboxes via the HTTP API."""
from __future__ import annotations

from typing import Any

APPROVERS = ("mueller", "wagner")  # Feststellung, Anordnung: two different people
ROLES = {"mueller": "feststellung", "wagner": "anordnung"}  # what each of them does in the tests
TRIAGE = "klaerung"


def work_inboxes(pipeline: Any, truth: dict[str, Any]) -> int:
    """Decide every open task of the given documents as the demo staff would. Returns decisions sent."""
    sent = 0
    for user in (*APPROVERS, TRIAGE):
        r = pipeline.api.get("/inbox", params={"user": user})
        assert r.status_code == 200, r.text
        for t in r.json():
            doc = truth.get(t["document_id"])
            if doc is None:
                continue
            if t["kind"] == "approval":
                if ROLES.get(user) != t["step"]:
                    continue
                r2 = pipeline.api.post(f"/tasks/{t['task_id']}/approve", json={"user": user, "comment": "geprüft"})
            elif t["kind"] == "triage":
                r2 = pipeline.api.post(f"/tasks/{t['task_id']}/resolve", json={
                    "user": user, "doc_type": doc.doc_type, "department": doc.department or "kaemmerei"})
            else:
                r2 = pipeline.api.post(f"/tasks/{t['task_id']}/confirm-rejection", json={"user": user})
            assert r2.status_code in (202, 403), r2.text  # 403: decided meanwhile (still queued)
            sent += r2.status_code == 202
    return sent
