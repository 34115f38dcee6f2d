"""The administrative unit a letter is addressed to (or sent from): "Amt für Bauordnung", "Stadtkasse", "FD Soziales".

German letters to a municipality often name the unit in the address block under the municipality's name, and
letters from authorities name their unit in the letterhead. The unit is evidence for the department - not proof:
citizens address the wrong office, invoices go to a central inbox ("Rechnungseingang", which names no unit).
``addressed_departments`` looks at the lines before the salutation, takes those that read like a unit name
(an organisational word such as Amt/Fachbereich/Fachdienst/Referat, or a word ending in -amt, -verwaltung,
-kasse, -stelle, -behörde, -büro) and maps the unit's subject words to department codes.
"""
from __future__ import annotations

import re

from workflow.classify.textnorm import fold, is_salutation

# a line (or its start, OCR joins columns) that names an organisational unit
_UNIT_LINE = re.compile(
    r"(?:^(?:z\.?\s*hd\.?\s*)?(?:amt|fachbereich|fachdienst|fb|fd|referat|abteilung|dezernat|sachgebiet|bereich|"
    r"geschaftsbereich|buro|stabsstelle)\b|\b[a-z-]+(?:amt|verwaltung|kasse|stelle|behorde|buro|service|abteilung|"
    r"dienste|amter)\b)")
# department -> roots of unit names (folded); a unit naming several subjects counts for each
UNIT_ROOTS: dict[str, tuple[str, ...]] = {
    "kaemmerei": ("finanz", "kammerei", "stadtkasse", "gemeindekasse", "kreiskasse", "amtskasse", "steueramt", "steuern",
                  "haushalt", "controlling"),
    "hauptamt": ("hauptamt", "hauptverwaltung", "zentrale dienste", "zentrale verwaltung", "zentrale steuerung",
                 "organisation", "personal", "burgermeister", " it\\b", "informationstechnik", "digitalisierung"),
    "bauamt": ("bau", "planen", "stadtentwicklung", "stadtplanung", "gebaudemanagement", "grunflachen"),
    "buergerbuero": ("burgerburo", "burgeramt", "burgerservice", "burgerdienst", "einwohner", "melde", "pass-",
                     "passstelle", "standesamt"),
    "sozialamt": ("sozial", "wohngeld", "integration", "wohnen", "senioren", "asyl", "teilhabe"),
    "ordnungsamt": ("(?<!bau)ordnung", "gewerbe", "verkehrsbehorde", "strassenverkehr", "bussgeld", "sicherheit"),
    "rechtsamt": ("rechtsamt", "recht", "justiziariat", "rechtsabteilung", "rechtsangelegenheit"),
}
_ROOTS = {dept: re.compile("|".join(roots)) for dept, roots in UNIT_ROOTS.items()}
# "Rechts- und Ordnungsamt": the combined office handles public order; law is its smaller part
_OUTRANKS = {"rechtsamt": "ordnungsamt"}


def unit_departments(line: str) -> list[str]:
    """Department codes named by one unit line ('' if it is no unit name)."""
    folded = fold(line.strip())[:60]
    if not _UNIT_LINE.search(folded[:45]):
        return []
    found = [dept for dept, pattern in _ROOTS.items() if pattern.search(folded)]
    return [d for d in found if _OUTRANKS.get(d) not in found]


def addressed_departments(core: str, max_lines: int = 25) -> list[str]:
    """Distinct departments named by unit lines in the head of the letter (before the salutation)."""
    out: list[str] = []
    for line in [ln for ln in core.splitlines() if ln.strip()][:max_lines]:
        if is_salutation(line):
            break
        for dept in unit_departments(line):
            if dept not in out:
                out.append(dept)
    return out
