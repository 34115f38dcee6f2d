"""Field accuracy of the paper-invoice reader: right, missing (None with a reason) and wrong, per field.

Pure: (text, truth) pairs in, counts out. A missing field is an honest "please check"; a wrong one is a guess
that slipped through, so the two are counted apart.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workflow.paperinvoice.extract import extract_invoice_fields
from workflow.paperinvoice.fields import fields_to_json

TARGET_FIELDS: tuple[str, ...] = ("iban", "gross", "invoice_number", "invoice_date")


@dataclass(slots=True)
class FieldScore:
    """Counts for one field."""

    right: int = 0
    missing: int = 0
    wrong: int = 0
    wrong_examples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + self.missing + self.wrong

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def score(docs: Iterable[tuple[str, str, Mapping[str, str | None]]], fields: tuple[str, ...] = TARGET_FIELDS,
          keep_examples: int = 5) -> dict[str, FieldScore]:
    """Score (doc_id, text, truth) triples; truth keys not in ``fields`` are ignored."""
    scores = {name: FieldScore() for name in fields}
    for doc_id, text, truth in docs:
        got = fields_to_json(extract_invoice_fields(text))
        for name in fields:
            if name not in truth:
                continue
            s = scores[name]
            if got[name] == truth[name]:
                s.right += 1
            elif got[name] is None:
                s.missing += 1
            else:
                s.wrong += 1
                if len(s.wrong_examples) < keep_examples:
                    s.wrong_examples.append(f"{doc_id}: truth {truth[name]!r} got {got[name]!r}")
    return scores


def report(scores: Mapping[str, FieldScore]) -> str:
    """One line per field: right/total, rate, missing, wrong."""
    return "\n".join(f"  {name:<15} {s.right}/{s.total} = {100 * s.rate:5.1f} %   missing {s.missing}   wrong {s.wrong}"
                     for name, s in scores.items())
