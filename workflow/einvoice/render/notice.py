"""Rejection notice to the sender of a formally faulty e-invoice (ERechV §4(3)), for the inbound channel.

The notice names every reason that led to the rejection with its rule id and the business term concerned, in
plain German, and lists warnings separately as hints that are not reasons. It makes no payment statement
beyond "a corrected invoice is needed"; legal wording is the receiver's to add.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from schemas.invoice import Invoice
from workflow.einvoice.render.format import document_type_name, format_amount, format_date
from workflow.einvoice.render.html import environment
from workflow.einvoice.render.report_view import FindingView, view_report

CHANNELS: dict[str, str] = {
    "email": "per E-Mail",
    "mail": "per E-Mail",
    "e-mail": "per E-Mail",
    "peppol": "über das Peppol-Netzwerk",
    "portal": "über das Rechnungseingangsportal",
    "zre": "über die Zentrale Rechnungseingangsplattform (ZRE)",
    "ozg-re": "über die OZG-konforme Rechnungseingangsplattform (OZG-RE)",
    "upload": "per Upload",
    "post": "per Post",
    "paper": "per Post",
    "bebpo": "über das beBPo/EGVP",
}


@dataclass(frozen=True, slots=True)
class ReasonLine:
    text: str
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class RejectionNotice:
    subject: str
    text: str
    html: str


class NothingToRejectError(ValueError):
    """The report accepts the invoice: a rejection notice would be wrong."""


def channel_phrase(channel: str) -> str:
    """``email`` -> ``per E-Mail``; unknown channels are named as given (``über <channel>``)."""
    return CHANNELS.get(channel.strip().lower(), f"über {channel.strip()}" if channel.strip() else "")


def render_rejection_notice(
    report: Any, invoice: Invoice | None, *, receiver_name: str, channel: str
) -> RejectionNotice:
    """Subject, plain-text body and HTML body of the notice that goes back over ``channel``.

    Raises:
        NothingToRejectError: the report accepts the invoice (a notice is only for rejected invoices).
    """
    rv = view_report(report)
    if rv.accept:
        raise NothingToRejectError("Prüfbericht nimmt die Rechnung an; keine Zurückweisung zu versenden.")
    invoice = invoice if invoice is not None else getattr(report, "invoice", None)
    what = _invoice_phrase(invoice)
    subject = f"Zurückweisung Ihrer {what} – {receiver_name}"
    intro = [
        "Sehr geehrte Damen und Herren,",
        f"Ihre {what}{_details(invoice)}, eingegangen {channel_phrase(channel)}, "
        f"kann von {receiver_name} nicht "
        "angenommen werden, weil sie die formalen Anforderungen an eine elektronische Rechnung "
        "(XRechnung bzw. EN 16931) nicht erfüllt. Die Rechnung wird nicht bearbeitet.",
        "Bitte beheben Sie die folgenden Punkte und senden Sie die berichtigte Rechnung erneut ein:",
    ]
    reasons = [
        ReasonLine(text)
        for text in rv.reasons
        if not text.startswith("Die Rechnung verletzt Geschäftsregeln")
    ]
    reasons += [_reason(f) for f in rv.errors]
    if not reasons:
        reasons = [
            ReasonLine(
                "Die Prüfung hat die Rechnung abgelehnt, ohne einen einzelnen Grund zu nennen. "
                "Bitte wenden Sie sich an uns."
            )
        ]
    notes = [_reason(f) for g in rv.groups if g.level != "error" for f in g.findings]
    closing = [
        "Eine Bearbeitung und Zahlung ist erst nach Eingang einer berichtigten Rechnung möglich. "
        "Bitte senden Sie "
        "eine neue Rechnung und keine Kopie der zurückgewiesenen Datei.",
        "Diese Nachricht wurde automatisch erstellt. Bei Fragen antworten Sie bitte unter Angabe der "
        "Rechnungsnummer.",
        "Mit freundlichen Grüßen",
        receiver_name,
    ]
    text = _text(intro, reasons, notes, closing)
    html = (
        environment()
        .get_template("notice.html")
        .render(subject=subject, intro=intro, reasons=reasons, notes=notes, closing=closing)
    )
    return RejectionNotice(subject=subject, text=text, html=html)


def _invoice_phrase(invoice: Invoice | None) -> str:
    if invoice is None:
        return "E-Rechnung"
    return document_type_name(invoice.type_code) + (
        f" Nr. {invoice.invoice_number}" if invoice.invoice_number else ""
    )


def _details(invoice: Invoice | None) -> str:
    if invoice is None:
        return ""
    parts = []
    if invoice.issue_date:
        parts.append(f"vom {format_date(invoice.issue_date)}")
    amount = (
        invoice.totals.amount_due if invoice.totals.amount_due is not None else invoice.totals.total_with_vat
    )
    if amount is not None:
        parts.append(f"über {format_amount(amount, invoice.currency)}")
    return (" " + " ".join(parts)) if parts else ""


def _reason(f: FindingView) -> ReasonLine:
    term = f" – betrifft {f.term_label}" if f.term_label else ""
    return ReasonLine(
        f"{f.message} (Regel {f.rule_id}{term})", f"Stelle: {f.location}" if f.location else None
    )


def _text(intro: list[str], reasons: list[ReasonLine], notes: list[ReasonLine], closing: list[str]) -> str:
    """Mail body: paragraphs wrapped at 76 characters, numbered reasons; element paths stay unbroken."""
    out: list[str] = []
    for paragraph in intro:
        out += [_fill(paragraph, ""), ""]
    for i, r in enumerate(reasons, start=1):
        out.append(_fill(f"{i}. {r.text}", "   "))
        if r.detail:
            out.append(f"   {r.detail}")
    if notes:
        out += ["", "Weitere Hinweise (kein Grund der Zurückweisung):"]
        out += [_fill(f"- {r.text}", "  ") for r in notes]
    out.append("")
    for paragraph in closing[:2]:
        out += [_fill(paragraph, ""), ""]
    out += closing[2:]
    return "\n".join(out) + "\n"


def _fill(text: str, indent: str) -> str:
    return textwrap.fill(
        text, width=76, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
