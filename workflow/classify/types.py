"""Values of the classification stage: document types, decisions with reasons, labelled examples."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DocType(StrEnum):
    """Document types of the municipal Posteingang (issue 4)."""

    RECHNUNG = "rechnung"
    GUTSCHRIFT = "gutschrift"
    MAHNUNG = "mahnung"
    LIEFERSCHEIN = "lieferschein"
    ANTRAG = "antrag"
    WIDERSPRUCH = "widerspruch"
    BESCHWERDE = "beschwerde"
    BESCHEID = "bescheid"
    GERICHTSPOST = "gerichtspost"
    WERBUNG = "werbung"
    SONSTIGES = "sonstiges"


class Flag(StrEnum):
    """Handling flags attached to a classified document."""

    VERTRAULICH = "vertraulich"  # marked persönlich/vertraulich: route unopened
    PERSONALRAT = "personalrat"  # addressed to the staff council: route unopened
    UNOPENED = "unopened"  # do not read further / do not scan centrally
    FRISTSACHE = "fristsache"  # deadline-critical
    EEB = "eeb"  # court asks for an (electronic) acknowledgement of receipt


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision: the chosen value, how sure (0..1), and which words or fields decided it."""

    value: str
    confidence: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Classification:
    """Type, department, triage verdict, flags and deadline of one incoming document."""

    doc_type: Decision
    department: Decision
    triage: bool
    triage_reason: str | None
    flags: tuple[str, ...]
    deadline: date | None
    deadline_reason: str | None


@dataclass(frozen=True, slots=True)
class LabeledText:
    """A text with its correct labels (from training data or a person's correction)."""

    text: str
    doc_type: str
    department: str
