"""IBAN check (BT-84 payee account, BT-91 debited account). Pure: a string in, a verdict out.

Uses schwifty for the country table (length, BBAN layout, bank code position) and the ISO 7064 MOD 97-10
check digits. Blanks are removed and letters upper-cased before checking.
"""

from __future__ import annotations

from dataclasses import dataclass

from schwifty import IBAN
from schwifty.exceptions import (
    InvalidAccountCode,
    InvalidBankCode,
    InvalidBBANChecksum,
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    InvalidStructure,
    SchwiftyException,
)


@dataclass(frozen=True, slots=True)
class IbanCheck:
    """Result of :func:`check_iban`. ``reason`` is a German sentence when ``valid`` is False."""

    valid: bool
    normalized: str | None
    reason: str | None
    country: str | None = None
    bank_code: str | None = None

    @property
    def formatted(self) -> str | None:
        """The IBAN in groups of four (``DE02 1203 0000 …``) for display, or None if invalid."""
        if self.normalized is None:
            return None
        return format_iban(self.normalized)


def format_iban(value: str) -> str:
    """Groups of four characters, whatever the validity (display helper)."""
    compact = "".join(value.split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


_REASONS: tuple[tuple[type[SchwiftyException], str], ...] = (
    (InvalidCountryCode, "unbekannter Ländercode"),
    (InvalidLength, "falsche Länge für das Land"),
    (InvalidStructure, "Aufbau passt nicht zum Land (Ziffern/Buchstaben an falscher Stelle)"),
    (InvalidChecksumDigits, "Prüfziffer falsch (ISO 7064 MOD 97-10)"),
    (InvalidBBANChecksum, "nationale Kontoprüfziffer falsch"),
    (InvalidBankCode, "Bankleitzahl ungültig"),
    (InvalidAccountCode, "Kontonummer ungültig"),
)


def check_iban(value: str) -> IbanCheck:
    """Check an IBAN: country, length, structure and check digits."""
    if not isinstance(value, str):
        return IbanCheck(False, None, f"IBAN muss Text sein, nicht {type(value).__name__}.")
    compact = "".join(value.split()).upper()
    if not compact:
        return IbanCheck(False, None, "IBAN fehlt (leer).")
    country = compact[:2] if compact[:2].isalpha() else None
    if not compact.isalnum() or not compact.isascii():
        return IbanCheck(False, None, f"IBAN {value!r} enthält andere Zeichen als A-Z und 0-9.", country)
    try:
        iban = IBAN(compact)
    except SchwiftyException as exc:
        why = next((text for cls, text in _REASONS if isinstance(exc, cls)), str(exc))
        return IbanCheck(False, None, f"IBAN {format_iban(compact)} ist ungültig: {why}.", country)
    return IbanCheck(True, str(iban.compact), None, iban.country_code, iban.bank_code or None)
