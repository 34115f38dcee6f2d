"""One rule outcome as the validator reports it: the common currency of all rule layers."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """Effective KoSIT report level (after the scenario's customLevel overrides)."""

    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule that fired (failed) on one location of one document.

    rule_id:  official id, e.g. ``BR-CO-25``, ``UBL-CR-123``, or ``XSD`` for schema-level structure errors,
              or an ``AF-*`` id for our own checks (never turn an accepted invoice into a reject).
    level:    effective level; decides acceptance (any ERROR -> reject).
    location: a readable path to the element (e.g. ``/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount``).
    message:  German explanation for people, naming the business term (BT-/BG-) where there is one.
    business_term: e.g. ``BT-115`` when the rule is about one business term.
    """

    rule_id: str
    level: Level
    location: str
    message: str
    business_term: str | None = None
