"""XRechnung cash-discount terms in BT-20 (BR-DE-18): parse, spot malformed lines, describe them in German.

Format per line: ``#SKONTO#TAGE=14#PROZENT=2.00#`` with optional ``#BASISBETRAG=200.00#`` before the last
``#``. Days are counted from the invoice date (BT-2); without a base amount the discount applies to the amount
due for payment (BT-115).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from schemas.invoice import SkontoTerm, skonto_terms
from workflow.einvoice.render.format import format_amount, format_date, format_number
from workflow.einvoice.rules.xr_rules import ends_entries_with_break


@dataclass(frozen=True, slots=True)
class SkontoLine:
    """A Skonto term worked out for display: deadline and amounts where the invoice allows computing them."""

    term: SkontoTerm
    deadline: date | None
    base: Decimal | None  # amount the percentage applies to
    discount: Decimal | None  # base × percent / 100, rounded to cents
    pay_amount: Decimal | None  # amount due minus discount (only when the base is the amount due)
    text: str


def parse_skonto(payment_terms: str | None) -> list[SkontoTerm]:
    """All well-formed Skonto lines of BT-20, in order; other text is ignored (see ``skonto_problems``)."""
    return list(skonto_terms(payment_terms))


def skonto_problems(payment_terms: str | None) -> list[str]:
    """German notes for lines that look like Skonto (``#SKONTO...``) but are not in the BR-DE-18 form."""
    if not payment_terms:
        return []
    problems = []
    for number, line in enumerate(payment_terms.splitlines(), start=1):
        stripped = line.strip()
        if stripped.upper().startswith("#SKONTO") and not skonto_terms(stripped):
            problems.append(
                f"Zeile {number} der Zahlungsbedingungen ({stripped!r}) sieht wie eine Skonto-Angabe aus, "
                "hat aber "
                "nicht die Form #SKONTO#TAGE=n#PROZENT=n.nn# und wird nicht ausgewertet."
            )
    if "#SKONTO" in payment_terms.upper() and not ends_entries_with_break(payment_terms):
        problems.append(
            "Nach der letzten Skonto-Angabe fehlt der Zeilenumbruch, den XRechnung verlangt (BR-DE-18); "
            "die Rechnung wird deshalb abgewiesen."
        )
    return problems



def describe_skonto(
    term: SkontoTerm, *, issue_date: date | None, amount_due: Decimal | None, currency: str | None
) -> SkontoLine:
    """E.g. ``2,00 % Skonto bei Zahlung innerhalb 14 Tagen, bis 24.03.2026, Betrag 4,76 €``."""
    deadline = issue_date + timedelta(days=term.days) if issue_date else None
    base = term.base_amount if term.base_amount is not None else amount_due
    discount = (
        (base * term.percent / 100).quantize(Decimal("0.01"), ROUND_HALF_UP) if base is not None else None
    )
    pay = amount_due - discount if amount_due is not None and discount is not None else None
    days = "1 Tag" if term.days == 1 else f"{term.days} Tagen"
    parts = [f"{format_number(term.percent, places=2)} % Skonto bei Zahlung innerhalb {days}"]
    if deadline:
        parts.append(f"bis {format_date(deadline)}")
    if discount is not None:
        parts.append(f"Betrag {format_amount(discount, currency)}")
    text = ", ".join(parts)
    extra = []
    if term.base_amount is not None:
        extra.append(f"Basisbetrag {format_amount(term.base_amount, currency)}")
    if pay is not None:
        extra.append(f"zu zahlen {format_amount(pay, currency)}")
    if extra:
        text += f" ({'; '.join(extra)})"
    return SkontoLine(term, deadline, base, discount, pay, text)
