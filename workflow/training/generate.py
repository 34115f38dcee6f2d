"""Deterministic synthetic training/evaluation letters for the classifier and the paper-invoice reader.

``generate(n, seed)`` always returns the same documents for the same arguments; the default model is built from
``generate(DEFAULT_TRAIN_SIZE, DEFAULT_SEED)`` and evaluated on other seeds (held-out).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

from workflow.training import extra, invoices, letters
from workflow.training.boilerplate import second_page
from workflow.training.invoices import Draft
from workflow.training.layout import render
from workflow.training.noise import add_noise

DEFAULT_SEED = 4711
DEFAULT_TRAIN_SIZE = 7000

_BUILDERS: tuple[tuple[str, Callable[[random.Random], Draft], float], ...] = (
    ("rechnung", invoices.rechnung, 18), ("gutschrift", lambda r: invoices.rechnung(r, credit=True), 7),
    ("mahnung", invoices.mahnung, 8), ("lieferschein", invoices.lieferschein, 7), ("werbung", invoices.werbung, 7),
    ("antrag", letters.antrag, 11), ("widerspruch", letters.widerspruch, 10), ("beschwerde", letters.beschwerde, 9),
    ("bescheid", letters.bescheid, 9), ("gerichtspost", letters.gerichtspost, 8), ("sonstiges", letters.sonstiges, 6),
    ("beschwerde_plain", extra.beschwerde_plain, 5), ("charge_objection", extra.charge_objection, 2),
    ("inkasso", extra.inkasso, 3), ("data_block", extra.data_block, 1.5), ("housing_help", extra.housing_help, 1.5),
    ("request_plain", extra.request_plain, 2.5),
)


@dataclass(frozen=True, slots=True)
class GeneratedDoc:
    """One synthetic document: its text and the truth."""

    text: str
    doc_type: str
    department: str
    fields: dict[str, Any] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    noise: float = 0.0


def generate(n: int, seed: int = DEFAULT_SEED, noise: bool = True) -> list[GeneratedDoc]:
    """``n`` documents drawn over all types; about 4 % confidential, 2 % to the Personalrat; OCR damage 0-6 %."""
    rng = random.Random(seed)
    names = [b[0] for b in _BUILDERS]
    weights = [b[2] for b in _BUILDERS]
    builders = {b[0]: b[1] for b in _BUILDERS}
    docs: list[GeneratedDoc] = []
    for _ in range(n):
        kind = rng.choices(names, weights)[0]
        draft = builders[kind](rng)
        conf = rng.random() < 0.04
        prat = not conf and rng.random() < 0.02
        text = render(draft, rng, confidential=conf, personalrat=prat)
        extra = second_page(rng, draft.doc_type)
        if extra:
            text += "\n" + "\n".join(extra)
        level = rng.choice((0.0, 0.0, 0.01, 0.02, 0.03, 0.05)) if noise else 0.0
        text = add_noise(text, rng, level) if level else text
        flags = (("vertraulich",) if conf else ()) + (("personalrat",) if prat else ())
        docs.append(GeneratedDoc(text, draft.doc_type, draft.department, dict(draft.fields), flags, level))
    return docs
