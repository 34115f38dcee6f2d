"""Per-document context and result types shared by the content generators."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import vocab as V
from .letters import LetterSpec


@dataclass
class Ctx:
    rng: random.Random
    muni: V.Municipality
    letter_date: date
    date_style: str
    amount_style: str


@dataclass
class Doc:
    doc_type: str
    department: str
    family: str
    spec: LetterSpec
    department_printed: str | None  # the department name printed in the address (None = not named)
    invoice: dict[str, Any] | None  # manifest invoice truth (rechnung / gutschrift) or other type fields
    extra: dict[str, Any] = field(default_factory=dict)


def recipient(ctx: Ctx, department: str, central: bool = False, named: bool = True) -> tuple[list[str], str | None]:
    """Address block for the municipality; the department is printed under one of its many names or not at all."""
    rng, m = ctx.rng, ctx.muni
    lines = [m.name]
    printed: str | None = None
    if central:
        lines.append(rng.choice(V.CENTRAL_INBOX))
    elif named:
        printed = rng.choice(V.PRINTED_NAMES[department])
        lines.append(printed)
        if rng.random() < 0.3:
            p = V.person(rng)
            lines.append(f"z. Hd. {p.salutation} {p.last}" if rng.random() < 0.5 else f"{p.salutation} {p.full}")
    if rng.random() < 0.25:
        lines.append(f"Postfach {rng.randrange(100, 9999)}")
    else:
        lines.append(m.street)
    lines.append(m.city)
    return lines, printed


def closing(ctx: Ctx, signer_org: str | None = None, person: V.Person | None = None) -> list[str]:
    rng = ctx.rng
    p = person or V.person(rng)
    greeting = rng.choice(("Mit freundlichen Grüßen", "Freundliche Grüße", "Mit freundlichem Gruß", "Hochachtungsvoll"))
    out = [greeting, p.full]
    if signer_org:
        out.append(rng.choice(("Buchhaltung", "Geschäftsführung", "Kundenservice", "Sachbearbeitung", signer_org)))
    return out
