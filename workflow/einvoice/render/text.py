"""Plain-text German validation report: one block per finding saying what is wrong, where, and which term."""

from __future__ import annotations

import textwrap
from typing import Any

from workflow.einvoice.render.html import report_title
from workflow.einvoice.render.report_view import FindingView, view_report

_WIDTH = 100


def render_report_text(report: Any, *, title: str | None = None) -> str:
    """Readable report for mail bodies, logs and the status view.

    No markup; wrapped at 100 characters (long element paths stay whole on their line).
    """
    rv = view_report(report)
    head = f"Prüfbericht E-Rechnung: {title or report_title(report)}"
    out = [
        head,
        "=" * min(len(head), _WIDTH),
        "",
        f"Ergebnis: {rv.summary()}",
        f"Syntax: {rv.syntax}; Prüfszenario: {rv.scenario}",
    ]
    if rv.reasons:
        out += ["", "Gründe:"]
        out += [_wrap(f"- {reason}", "  ") for reason in rv.reasons]
    for group in rv.groups:
        out += ["", f"{group.heading}:"]
        for finding in group.findings:
            out.append(_finding_block(finding))
    if not rv.groups and rv.accept:
        out += ["", "Keine Beanstandungen."]
    return "\n".join(out) + "\n"


def _finding_block(f: FindingView) -> str:
    lines = [_wrap(f"{f.number:>3}. [{f.rule_id}] {f.message}", "     ")]
    if f.term_label:
        lines.append(_wrap(f"     Betrifft: {f.term_label}", "     "))
    if f.location:
        lines.append(f"     Stelle:   {f.location}")
    return "\n".join(lines)


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        text, width=_WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )
