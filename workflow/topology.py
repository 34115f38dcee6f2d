"""The whole pipeline in one place: stages in order, the topics they read and write, their dead-letter topics.

    client/API ──document.submitted──▶ intake ──▶ extract ──▶ validate (e-invoices) ──┐
                                                        └──▶ mailroom (letters, OCR) ──┤
                                              understood ◀──────────────────────────────┘
    understood / rejections / decisions ──▶ route (tasks, four eyes, triage) ──▶ to-file ──▶ filing
    filing ──▶ filed, finance.export          every stage ──▶ ops.status;  failures ──▶ <input topic>.dlq

Nothing executes here; ``workflow.app`` binds these stages to faust agents, tests run them in memory.
"""
from __future__ import annotations

from schemas import topics as t
from workflow.filing import stage as filing
from workflow.extract import stage as extract
from workflow.ingest import stage as intake
from workflow.mailroom import stage as mailroom
from workflow.monitor import stage as monitor
from workflow.route import stage as route
from workflow.runner import Stage
from workflow.validate import stage as validate

STAGES: tuple[Stage, ...] = (
    Stage("intake", (t.INTAKE,), frozenset({"document.submitted"}), (t.INGESTED,), intake.handle,
          "register the original (content hash = document id), size/type checks, duplicate intake"),
    Stage("extract", (t.INGESTED,), frozenset({"document.ingested"}), (t.EXTRACTED,), extract.handle,
          "XML e-invoice, embedded Factur-X/ZUGFeRD XML, PDF text layer, OCR of scans"),
    Stage("validate", (t.EXTRACTED,), frozenset({"document.extracted"}) , (t.UNDERSTOOD, t.REJECTIONS),
          validate.handle, "EN 16931/XRechnung verdict, own checks, duplicates",
          when=lambda ev: ev.data.get("kind") == "einvoice"),
    Stage("mailroom", (t.EXTRACTED,), frozenset({"document.extracted"}), (t.UNDERSTOOD,), mailroom.handle,
          "document type, department, deadlines, confidential mail, paper-invoice fields",
          when=lambda ev: ev.data.get("kind") == "text"),
    Stage("route", (t.UNDERSTOOD, t.REJECTIONS, t.DECISIONS),
          frozenset({"invoice.validated", "document.classified", "invoice.rejected", "approval.decided",
                     "triage.resolved", "rejection.confirmed"}), (t.TO_FILE,), route.handle,
          "approval tasks (Feststellung, Anordnung), four eyes, amount limits, substitutes, triage, rejections"),
    Stage("filing", (t.TO_FILE,), frozenset({"document.ready_for_filing"}), (t.FILED, t.FINANCE_EXPORT),
          filing.handle, "E-Akte placement, retention, metadata, audit, finance export, rejection notice"),
    Stage("monitor", (t.OPS_STATUS,), frozenset({"stage.status"}), (), monitor.handle,
          "per-stage counts and latencies -> ops.metrics", report_status=False),
)


def describe() -> str:
    lines = []
    for s in STAGES:
        ins = ", ".join(x.name for x in s.inputs)
        outs = ", ".join(x.name for x in s.outputs) or "-"
        dlqs = ", ".join(x.dlq for x in s.inputs if x.has_dlq) or "-"
        lines.append(f"{s.name:9} in: {ins}\n{'':9} out: {outs}\n{'':9} dead letters: {dlqs}\n{'':9} {s.description}")
    return "\n".join(lines)
