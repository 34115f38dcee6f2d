"""Corrections of invoice fields read from paper (OCR): checked, recorded with who/when/old/new, used by approvers.

Allowed while the invoice waits for its first approval step (that is where "rechnerisch richtig" is checked).
A corrected amount that would change who may order the payment (amount limits) is refused with that reason.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from workflow.errors import WorkflowError
from workflow.ports import CorrectionRecord, DocumentRepository, json_safe
from workflow.route import logic
from workflow.route.logic import TaskKind
from workflow.route.policy import ApprovalPolicy

FIELDS = ("seller_name", "invoice_number", "invoice_date", "due_date", "net", "vat", "gross", "currency", "iban",
          "leitweg_id")


class CorrectionRefusedError(WorkflowError):
    fix = "Wert prüfen (Format, Prüfziffer) oder die Rechnung in die Klärung geben."


def _parse(field: str, value: str | None) -> Any:
    if value is None or value == "":
        return None
    v = value.strip()
    try:
        if field in ("invoice_date", "due_date"):
            return date.fromisoformat(v)
        if field in ("net", "vat", "gross"):
            return Decimal(v.replace(" ", ""))
    except (ValueError, InvalidOperation):
        raise CorrectionRefusedError(f"{field}: {value!r} ist kein gültiger Wert (Datum JJJJ-MM-TT, Betrag 1234.56)")
    if field == "iban":
        from workflow.einvoice.iban import check_iban

        chk = check_iban(v)
        if not chk.valid:
            raise CorrectionRefusedError(f"IBAN {v}: {chk.reason}")
        return chk.normalized
    if field == "leitweg_id":
        from workflow.einvoice.leitweg import check_leitweg_id

        lw = check_leitweg_id(v)
        if not lw.valid:
            raise CorrectionRefusedError(f"Leitweg-ID {v}: {lw.reason}")
        return lw.normalized
    if field == "currency" and (len(v) != 3 or not v.isalpha()):
        raise CorrectionRefusedError(f"Währung {v!r}: dreistelliger ISO-4217-Code erwartet, z. B. EUR")
    return v


def _apply(data: dict[str, Any], field: str, value: Any) -> None:
    totals = data.setdefault("totals", {}) or {}
    data["totals"] = totals
    jv = json_safe(value)
    if field == "seller_name":
        data.setdefault("seller", {})
        data["seller"] = {**(data["seller"] or {}), "name": jv}
    elif field == "invoice_date":
        data["issue_date"] = jv
    elif field == "leitweg_id":
        data["buyer_reference"] = jv
    elif field == "gross":
        totals["total_with_vat"] = jv
        totals["amount_due"] = jv
    elif field == "net":
        totals["total_without_vat"] = jv
    elif field == "vat":
        totals["vat_total"] = jv
    elif field == "iban":
        pay = data.get("payment_instructions") or {"means_code": "58", "credit_transfers": []}
        transfers = list(pay.get("credit_transfers") or [])
        first = dict(transfers[0]) if transfers else {}
        first["account_id"] = jv
        pay["credit_transfers"] = [first, *transfers[1:]]
        data["payment_instructions"] = pay
    else:  # invoice_number, due_date, currency have the same name in the model
        data[field] = jv


def correct_invoice_fields(repo: DocumentRepository, policy: ApprovalPolicy, *, document_id: str, user: str,
                           changes: dict[str, str | None], now: datetime) -> dict[str, Any]:
    if policy.person(user) is None:
        raise CorrectionRefusedError(f"Unbekannte Person {user!r}")
    inv = repo.get_invoice(document_id)
    if inv is None:
        raise CorrectionRefusedError("Zu diesem Dokument gibt es keine Rechnungsdaten")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise CorrectionRefusedError(f"Unbekannte Felder: {', '.join(sorted(unknown))}; erlaubt: {', '.join(FIELDS)}")
    tasks = [t for t in repo.list_tasks(document_id=document_id) if t.meta.get("kind") == TaskKind.APPROVAL]
    if any(t.decided_by for t in tasks):
        raise CorrectionRefusedError("Nach der ersten Freigabe sind die Rechnungsdaten festgeschrieben",
                                     fix="Rechnung ablehnen und berichtigte Rechnung anfordern.")
    parsed = {f: _parse(f, v) for f, v in changes.items()}
    old = {"seller_name": inv.seller_name, "invoice_number": inv.invoice_number, "invoice_date": inv.issue_date,
           "due_date": inv.due_date, "gross": inv.gross, "currency": inv.currency, "leitweg_id": inv.leitweg_id}
    if "gross" in parsed and parsed["gross"] != inv.gross:
        for t in tasks:
            now_eligible = logic.candidates_for(policy, t.role, parsed["gross"], t.meta.get("department"))
            if set(now_eligible) != set(t.candidates):
                raise CorrectionRefusedError(
                    f"Der berichtigte Betrag {parsed['gross']} ändert, wer den Schritt {t.step!r} entscheiden darf "
                    "(Wertgrenze)", fix="Rechnung in die Klärung geben oder ablehnen und neu einreichen lassen.")
    data = dict(inv.data)
    for f, v in parsed.items():
        _apply(data, f, v)
    rec = replace(inv, data=data, seller_name=parsed.get("seller_name", inv.seller_name),
                  invoice_number=parsed.get("invoice_number", inv.invoice_number),
                  issue_date=parsed.get("invoice_date", inv.issue_date), due_date=parsed.get("due_date", inv.due_date),
                  gross=parsed.get("gross", inv.gross), currency=parsed.get("currency", inv.currency),
                  leitweg_id=parsed.get("leitweg_id", inv.leitweg_id))
    repo.upsert_invoice(rec)
    changed = {}
    for f, v in parsed.items():
        before = old.get(f)
        if json_safe(before) != json_safe(v):
            changed[f] = {"old": json_safe(before), "new": json_safe(v)}
            repo.add_correction(CorrectionRecord(document_id, f"invoice.{f}", None if before is None else
                                                 str(json_safe(before)), None if v is None else str(json_safe(v)),
                                                 user, now))
    doc = repo.get_document(document_id)
    if changed and doc is not None and doc.meta.get("paper_fields"):
        fields = dict(doc.meta["paper_fields"])
        fields.update({f: c["new"] for f, c in changed.items()})
        repo.update_document(document_id, meta={"paper_fields": fields})
    if changed:
        repo.append_audit(document_id, key=f"correction:{now.isoformat()}:{user}", at=now, stage="inbox",
                          action="invoice_corrected", actor=user, detail={"changes": changed})
    return {"document_id": document_id, "changed": changed}
