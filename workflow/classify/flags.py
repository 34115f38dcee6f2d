"""Mail that must stay closed: marked persönlich/vertraulich, or addressed to the Personalrat.

Only the address zone counts (the lines before the subject/salutation): "wird vertraulich behandelt" in a
letter body is no marking.
"""
from __future__ import annotations

import re

from workflow.classify.textnorm import fold, is_salutation

_SUBJECT = re.compile(r"^(betreff|betr\.)")
_CONFIDENTIAL = re.compile(r"(^|[\s\-/(])(personlich|vertraulich|personalsache|privat und vertraulich)([\s\-/)!:]|$)")
_PERSONALRAT = re.compile(r"\b(personalrat|personalrats|personalvertretung|gesamtpersonalrat)\b")


def address_zone(text: str, max_lines: int = 18) -> list[str]:
    """Folded lines up to the salutation/subject (or the first ``max_lines``)."""
    zone: list[str] = []
    for line in fold(text).splitlines():
        line = line.strip()
        if not line:
            continue
        if is_salutation(line) or _SUBJECT.match(line) or len(zone) >= max_lines:
            break
        zone.append(line)
    return zone


def unopened_flags(text: str) -> tuple[tuple[str, ...], str | None]:
    """("vertraulich"/"personalrat", "unopened") flags and the reason, or ((), None)."""
    flags: list[str] = []
    reasons: list[str] = []
    for line in address_zone(text):
        if "vertraulich" not in flags and _CONFIDENTIAL.search(line) and len(line) < 60:
            flags.append("vertraulich")
            reasons.append(f"Vermerk '{line}' im Anschriftenfeld")
        if "personalrat" not in flags and _PERSONALRAT.search(line) and len(line) < 80:
            flags.append("personalrat")
            reasons.append(f"adressiert an Personalrat ('{line}')")
    if not flags:
        return (), None
    return tuple(flags) + ("unopened",), "; ".join(reasons) + " - ungeöffnet weiterleiten, nicht zentral scannen"
