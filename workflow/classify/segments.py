"""Where in a letter a line stands: first page, later pages, boilerplate - the weight its words deserve.

German business letters say what they are on the first page: letterhead, subject line, opening sentence.
Later pages (terms, privacy notes, work logs, forms) and standard boilerplate (Datenschutzhinweise, AGB,
footer with bank/register data) say little about type or department, yet they contain loaded words
("Beschwerden richten Sie an ...", "Material geliefert"). ``split_letter`` separates the text into the
*core* (first page without boilerplate) and the *rest* so that rules and features can weigh them apart.

Page breaks are form feeds (OCR output) or "Seite 1 von 2"-style page numbers (text layers without form feeds).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.classify.textnorm import fold

_PAGE_NUMBER = re.compile(r"seite\s*([0-9il])\s*(von|/)\s*([0-9])", re.IGNORECASE)
# headings after which the remaining block is boilerplate (up to the next page break)
_BOILER_HEAD = re.compile(
    r"^(hinweise? zum datenschutz|datenschutzhinweis|datenschutzerklarung|informationen? (zur|uber die) "
    r"(verarbeitung|datenverarbeitung)|information nach art|informationspflicht|allgemeine geschaftsbedingungen|"
    r"\bagb\b|liefer- und zahlungsbedingungen|zahlungs- und lieferbedingungen|datenschutz\b)")
# single lines that are boilerplate wherever they stand (footer, privacy and legal standard sentences, the list of
# enclosures: "Anlagen: Personalausweiskopie" does not make a housing-benefit request a matter of the Bürgerbüro)
_BOILER_LINE = re.compile(
    r"(^anlagen?\b|\bdsgvo\b|datenschutz|personenbezogen|aufsichtsbehorde|landesbeauftragte|\biban\b|\bbic\b|ust-?id|"
    r"steuer-?nr|steuernummer|\bhr[ab]\b|amtsgericht [a-z]+ hr|registergericht|geschaftsfuhr|sitz der gesellschaft|"
    r"\bwww\.|@|bankverbindung|eigentumsvorbehalt|gerichtsstand|erfullungsort)")


@dataclass(frozen=True, slots=True)
class Letter:
    """A document split by position: ``core`` speaks for the letter, ``rest`` is later pages and boilerplate."""

    core: str
    rest: str
    pages: int


def _page_break_after(line: str) -> bool:
    m = _PAGE_NUMBER.search(line)
    if not m or len(line.strip()) > 40:
        return False
    first = {"i": "1", "l": "1"}.get(m.group(1).lower(), m.group(1))
    return first.isdigit() and int(first) < int(m.group(3))


def pages(text: str) -> list[list[str]]:
    """Lines per page: split at form feeds and after 'Seite n von m' (n < m)."""
    out: list[list[str]] = [[]]
    for chunk_no, chunk in enumerate(text.split("\f")):
        if chunk_no and out[-1]:
            out.append([])
        for line in chunk.splitlines():
            out[-1].append(line)
            if _page_break_after(line):
                out.append([])
    return [p for p in out if any(ln.strip() for ln in p)] or [[]]


def split_letter(text: str) -> Letter:
    """Core (first page minus boilerplate lines/blocks) and rest (later pages, boilerplate)."""
    core: list[str] = []
    rest: list[str] = []
    page_list = pages(text)
    for number, page in enumerate(page_list):
        in_boiler = False
        for line in page:
            folded = fold(line.strip())
            if not folded:
                continue
            if _BOILER_HEAD.match(folded):
                in_boiler = True
            if number == 0 and not in_boiler and not _BOILER_LINE.search(folded):
                core.append(line)
            else:
                rest.append(line)
    return Letter("\n".join(core), "\n".join(rest), len(page_list))
