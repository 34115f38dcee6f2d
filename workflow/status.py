"""The operator's status view: documents per stage, backlog per topic, dead letters with reasons."""
from __future__ import annotations

from typing import Any

from schemas import topics
from workflow.ports import DocumentRepository, json_safe
from workflow.topology import STAGES


def status_report(repo: DocumentRepository, *, bootstrap: str | None, group: str | None,
                  dead_letter_limit: int = 20) -> dict[str, Any]:
    report: dict[str, Any] = {"documents": repo.stage_counts()}
    dls = repo.list_dead_letters(limit=dead_letter_limit)
    report["dead_letters"] = [json_safe({"at": d.at, "stage": d.stage, "error_type": d.error_type,
                                         "reason": d.reason, "document_id": d.document_id, "topic": d.topic,
                                         "fix": (d.payload or {}).get("fix")}) for d in dls]
    report["dead_letter_count"] = len(dls) if len(dls) < dead_letter_limit else f">={dead_letter_limit}"
    open_tasks = repo.list_tasks(status="open")
    report["open_tasks"] = len(open_tasks)
    if bootstrap and group:
        try:
            from connectors.kafka_admin import consumer_lag, topic_sizes

            consumed = {t.name for st in STAGES for t in st.inputs}
            report["backlog"] = {k: v for k, v in consumer_lag(bootstrap, group).items() if k in consumed}
            dlq = [s.dlq for s in topics.ALL if s.has_dlq]
            report["dead_letter_topics"] = {k: v for k, v in topic_sizes(bootstrap, dlq).items() if v}
        except Exception as exc:  # the view still works without the broker
            report["backlog"] = {"error": f"Kafka nicht erreichbar: {exc}"}
    return report


def render_status(report: dict[str, Any]) -> str:
    lines = ["Dokumente je Stand:"]
    for k, v in sorted(report["documents"].items()):
        lines.append(f"  {k:34} {v:6}")
    lines.append(f"Offene Aufgaben: {report['open_tasks']}")
    backlog = report.get("backlog")
    if isinstance(backlog, dict):
        if "error" in backlog:
            lines.append(f"Rückstau: {backlog['error']}")
        else:
            lines.append("Rückstau (noch nicht verarbeitete Nachrichten) je Topic:")
            for k, v in sorted(backlog.items()):
                lines.append(f"  {k:34} {v:6}")
    if report.get("dead_letter_topics"):
        lines.append("Dead-Letter-Topics: " + ", ".join(f"{k}={v}" for k, v in report["dead_letter_topics"].items()))
    lines.append(f"Dead Letters (neueste): {len(report['dead_letters'])}")
    for d in report["dead_letters"]:
        lines.append(f"  [{d['stage']}] {d['error_type']}: {d['reason']}  -> {d['fix'] or ''}")
    return "\n".join(lines)
