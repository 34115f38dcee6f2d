"""Leitweg-ID check (BT-10 buyer reference in German public procurement). Pure: a string in, a verdict out.

Structure ``Grobadressierung[-Feinadressierung]-Prüfziffer``: Grob 2-12 digits starting with a Land code
(01-16) or 99 (Bund); Fein up to 30 characters ``[0-9A-Z]``; Prüfziffer two digits; total length 5-46.
Check digits: ISO/IEC 7064 MOD 97-10 over Grob+Fein without hyphens, letters A=10..Z=35 (as for IBAN);
the whole ID without hyphens must be ≡ 1 (mod 97).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_97_10

LAND_CODES: dict[str, str] = {
    "01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
    "05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
    "09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen", "99": "Bund",
}

_SHAPE = re.compile(r"(?P<grob>[0-9]{2,12})(?:-(?P<fein>[0-9A-Z]{0,30}))?-(?P<pruef>[0-9]{2})")


@dataclass(frozen=True, slots=True)
class LeitwegCheck:
    """Result of :func:`check_leitweg_id`. ``reason`` is a German sentence when ``valid`` is False."""

    valid: bool
    normalized: str | None
    reason: str | None
    grob: str | None = None
    fein: str | None = None
    pruefziffer: str | None = None
    land: str | None = None


def check_leitweg_id(value: str) -> LeitwegCheck:
    """Check structure and check digits of a Leitweg-ID; surrounding blanks are removed, letters upper-cased."""
    if not isinstance(value, str):
        return LeitwegCheck(False, None, f"Leitweg-ID muss Text sein, nicht {type(value).__name__}.")
    text = value.strip().upper()
    if not text:
        return LeitwegCheck(False, None, "Leitweg-ID fehlt (leer).")
    if not 5 <= len(text) <= 46:
        return LeitwegCheck(False, None, f"Leitweg-ID {text!r} hat {len(text)} Zeichen; erlaubt sind 5 bis 46.")
    match = _SHAPE.fullmatch(text)
    if match is None:
        return LeitwegCheck(
            False, None,
            f"Leitweg-ID {text!r} hat nicht den Aufbau Grobadressierung(2-12 Ziffern)"
            "[-Feinadressierung(bis 30 Zeichen 0-9, A-Z)]-Prüfziffer(2 Ziffern).",
        )
    grob, fein, pruef = match.group("grob"), match.group("fein"), match.group("pruef")
    land = LAND_CODES.get(grob[:2])
    parts = {"grob": grob, "fein": fein or None, "pruefziffer": pruef, "land": land}
    if land is None:
        return LeitwegCheck(
            False, None,
            f"Leitweg-ID {text!r} beginnt mit {grob[:2]}; erlaubt sind Länderkennzahlen 01-16 und 99 (Bund).",
            **parts,
        )
    body = grob + (fein or "")
    expected = mod_97_10.calc_check_digits(body)
    if expected != pruef:
        return LeitwegCheck(
            False, None,
            f"Prüfziffer der Leitweg-ID {text!r} ist falsch: {pruef} angegeben, nach ISO 7064 MOD 97-10 "
            f"wäre es {expected}.",
            **parts,
        )
    return LeitwegCheck(True, text, None, **parts)
