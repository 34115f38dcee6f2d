"""Where a document goes in the E-Akte and how long it is kept: pure functions over the file plan."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Placement:
    file_plan_key: str  # Aktenzeichen: Aktenplanschlüssel / Jahr
    title: str
    retention_years: int
    retain_until: date | None  # None = keep (retention 0 means: not for the file, discard)
    aussonderung: str  # A | B | V (xdomea Aussonderungsart)
    reason: str


@cache
def file_plan() -> dict[str, Any]:
    text = resources.files("workflow.filing").joinpath("file_plan.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def place(doc_type: str, department: str | None, year: int, plan: dict[str, Any] | None = None) -> Placement:
    """Aktenplan entry + retention. Periods start at the end of the calendar year (§147 Abs. 4 AO)."""
    plan = plan or file_plan()
    entries = plan["entries"]
    entry = entries.get(doc_type) or entries["sonstiges"]
    dept_code = plan["department_codes"].get(department or "", "00")
    key = f"{entry['key'].format(dept=dept_code)}/{year}"
    years = int(entry["retention_years"])
    until = date(year + years, 12, 31) if years > 0 else None
    reason = (f"Aktenplan {key} „{entry['title']}“; Aufbewahrung {years} Jahre ({entry['basis']}), "
              f"Aussonderungsart {entry['aussonderung']}") if years else f"{entry['title']}: nicht aktenrelevant"
    return Placement(key, entry["title"], years, until, entry["aussonderung"], reason)


def export_record(document_id: str, invoice: dict[str, Any], approvals: list[dict[str, Any]],
                  department: str | None, archive_key: str, skonto: list[dict[str, Any]]) -> dict[str, Any]:
    """The payment order handed to the finance system (file drop / topic): what the Kasse needs to pay."""
    return {"document_id": document_id, "invoice": invoice, "approvals": approvals, "department": department,
            "archive_key": archive_key, "skonto": skonto}
