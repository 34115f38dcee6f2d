"""HTML for people: invoice view for approvers and stand-alone validation report (Jinja2, autoescape on).

Templates live next to this module (``templates/``) and use no external assets (CSS is inlined), so a page can
be stored, mailed or printed as it is. All text from the invoice is escaped; only ``http(s)`` attachment URIs
become links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from schemas.invoice import Invoice
from workflow.einvoice.iban import check_iban, format_iban
from workflow.einvoice.leitweg import check_leitweg_id
from workflow.einvoice.render.format import (
    NOTE_SUBJECTS,
    PAYMENT_MEANS,
    VAT_CATEGORIES,
    document_type_name,
    format_amount,
    format_date,
    format_number,
    format_percent,
    format_quantity,
    label,
    unit_name,
)
from workflow.einvoice.render.report_view import ReportView, view_report
from workflow.einvoice.render.skonto import describe_skonto, parse_skonto, skonto_problems

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True, slots=True)
class AccountView:
    display: str
    problem: str | None


@dataclass(frozen=True, slots=True)
class AttachmentView:
    reference: str
    description: str
    label: str
    href: str | None
    note: str


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment: autoescape always on, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        amount=format_amount,
        qty=format_quantity,
        pct=format_percent,
        d=format_date,
        unit=unit_name,
        iban=format_iban,
        vatcat=lambda code: label(VAT_CATEGORIES, code),
        means=lambda code: label(PAYMENT_MEANS, code),
        subject=lambda code: label(NOTE_SUBJECTS, code),
    )
    return env


def render_invoice_html(
    invoice: Invoice, *, report: Any = None, attachments_url: Callable[[int], str] | None = None
) -> str:
    """German HTML view of every business term present, with the validation result when ``report`` is given.

    ``attachments_url(i)`` gives the download link for embedded attachment ``i`` (index in
    ``invoice.attachments``); without it embedded files are listed without links. Our own Leitweg-ID/IBAN
    checks are shown next to the values.
    """
    pi = invoice.payment_instructions
    skonto = [
        describe_skonto(
            term,
            issue_date=invoice.issue_date,
            amount_due=invoice.totals.amount_due,
            currency=invoice.currency,
        )
        for term in parse_skonto(invoice.payment_terms)
    ]
    context = {
        "invoice": invoice,
        "doc_type": document_type_name(invoice.type_code),
        "doc_type_label": f"{document_type_name(invoice.type_code)} ({invoice.type_code})"
        if invoice.type_code
        else "",
        "leitweg": check_leitweg_id(invoice.buyer_reference) if invoice.buyer_reference else None,
        "ibans": [_account(ct.account_id, pi.means_code) for ct in pi.credit_transfers] if pi else [],
        "skonto": skonto,
        "skonto_problems": skonto_problems(invoice.payment_terms),
        "other_terms": _non_skonto_terms(invoice.payment_terms),
        "attachments": [_attachment(i, a, attachments_url) for i, a in enumerate(invoice.attachments)],
        "rv": view_report(report) if report is not None else None,
    }
    return environment().get_template("invoice.html").render(**context)


def render_report_html(report: Any, *, title: str | None = None) -> str:
    """Stand-alone German HTML validation report: verdict, reasons, findings (rule, term, message, place)."""
    rv: ReportView = view_report(report)
    return environment().get_template("report.html").render(rv=rv, title=title or report_title(report))


def report_title(report: Any) -> str:
    """``Rechnung RE-1 von Muster GmbH`` from the report's invoice, or a neutral title."""
    inv = getattr(report, "invoice", None)
    if inv is None:
        return "Rechnung (Inhalt nicht lesbar)"
    seller = inv.seller.name if inv.seller and inv.seller.name else None
    text = f"{document_type_name(inv.type_code)} {inv.invoice_number or '(ohne Nummer)'}"
    if inv.issue_date:
        text += f" vom {format_date(inv.issue_date)}"
    return text + (f" von {seller}" if seller else "")


def _account(account_id: str, means_code: str | None) -> AccountView:
    looks_like_iban = len(account_id) > 4 and account_id[:2].isalpha() and account_id[2:4].isdigit()
    if means_code not in ("58", "59") and not looks_like_iban:
        return AccountView(account_id, None)
    check = check_iban(account_id)
    return AccountView(format_iban(account_id), None if check.valid else check.reason)


def _non_skonto_terms(terms: str | None) -> str:
    if not terms:
        return ""
    kept = [line for line in terms.splitlines() if not line.strip().upper().startswith("#SKONTO")]
    return "\n".join(kept).strip()


def _attachment(index: int, att: Any, url: Callable[[int], str] | None) -> AttachmentView:
    label_text = att.filename or att.uri or att.reference or f"Anlage {index + 1}"
    href: str | None = None
    note = ""
    if att.content is not None:
        size = len(att.content)
        note = f"({att.mime_code or 'Datei'}, {format_number(size)} Bytes)"
        href = url(index) if url else None
    elif att.uri:
        if att.uri.lower().startswith(("https://", "http://")):
            href = att.uri
            note = "(externer Verweis)"
        else:
            note = "(externer Verweis, nicht verlinkt)"
    return AttachmentView(att.reference or "", att.description or "", label_text, href, note)
