"""What people see of an e-invoice: HTML view for approvers, readable validation reports, rejection notices.

Import the functions from here; the modules split the work (formats, Skonto, report view, HTML, text, notice).
"""

from __future__ import annotations

from workflow.einvoice.render.html import render_invoice_html, render_report_html
from workflow.einvoice.render.notice import NothingToRejectError, RejectionNotice, render_rejection_notice
from workflow.einvoice.render.skonto import describe_skonto, parse_skonto, skonto_problems
from workflow.einvoice.render.text import render_report_text

__all__ = [
    "NothingToRejectError",
    "RejectionNotice",
    "describe_skonto",
    "parse_skonto",
    "render_invoice_html",
    "render_rejection_notice",
    "render_report_html",
    "render_report_text",
    "skonto_problems",
]
