"""The seller's name: the letterhead, the sender line above the address window, or the footer's company line.

Evidence, surest first:

1. the sender (return-address) line "Name · Street 4 · 12345 City" (OCR turns the dots into "-", ":", "»", ...);
2. the line above a "Street 4 · 12345 City" line;
3. a letterhead line that also starts a footer line (the company repeated at the foot of the page);
4. a letterhead line with a legal form (GmbH, KG, e.K., GbR, AG, UG, mbB, Partnerschaft, ...);
5. the footer's company line cut after its legal form ("Muster Bau GmbH Amtsgericht Ulm" -> "Muster Bau GmbH");
6. the name a footer line starts with before its register court or tax number ("Pohl & Haas Amtsgericht Ulm").

Never a document title ("RECHNUNG", "Gutschrift", "Rechnungskorrektur"), a label line or a line of the recipient
block. Pure: lines in, (name or None, reason) out.
"""
from __future__ import annotations

import re
from itertools import pairwise

from workflow.paperinvoice.labels import LabelKind, find_labels

_LABEL_KINDS = (LabelKind.NUMBER, LabelKind.DATE, LabelKind.NOT_INVOICE_DATE)
HEAD_LINES = 20
FOOT_LINES = 12
LETTERHEAD_LINES = 8

_LEGAL_FORM = (r"(?:GmbH\s?&\s?Co\.?\s?KG(?:aA)?|gGmbH|GmbH|mbH|AG\s?&\s?Co\.?\s?KG|AG|KGaA|KG|OHG|oHG|GbR|"
               r"UG\s?\(haftungsbeschränkt\)|UG|e\.\s?K\.|e\.\s?Kfm\.|e\.\s?Kfr\.|e\.\s?V\.|eG|PartG\s?mbB|PartG|mbB|"
               r"Partnerschaft(?:sgesellschaft)?|SE|Ltd\.?|Inh\.|& Co\.?|& Partner|und Partner)")
_COMPANY = re.compile(rf"(?<![\wÄÖÜäöü]){_LEGAL_FORM}(?=\W|$)")
_UP_TO_FORM = re.compile(rf"^(.{{2,70}}?(?<![\wÄÖÜäöü]){_LEGAL_FORM})(?=\W|$)")
_SEP = r"[·•|∙⋅»«\-–—:;,~]"
_SENDER_LINE = re.compile(
    rf"^(.{{3,80}}?)\s*[·•|∙⋅»«]\s*.{{3,60}}?{_SEP}\s*(?:D-)?\d{{5}}\s|"
    # OCR often turns the middle dot into '-' or ':'; then the street must show its house number
    rf"^(.{{3,80}}?)\s+{_SEP}{{1,2}}\s+[^\d]{{3,50}}\d+\s?[a-zA-Z]?\s*{_SEP}{{1,2}}\s*(?:(?:D-)?\d{{5}}\b|$)"
)
_STREET_CITY = re.compile(rf"\S.*\d+\s*[a-zA-Z]?\s*{_SEP}\s*(?:D-)?\d{{5}}\s+\S")
_RECIPIENT_WORDS = re.compile(
    r"^(?:An\s+(?:die|den|das)\b|z\.\s?Hd|Stadt\b|Gemeinde|Stadtverwaltung|Gemeindeverwaltung|Magistrat|Markt\b|"
    r"Verbandsgemeinde|Samtgemeinde|Kreisstadt|Große Kreisstadt|Landkreis|Amt\b|Kreisverwaltung|Landratsamt|"
    r"Rechnungseingang|Zentrale|Zentraler|Posteingang|Personalrat|Fachbereich|Fachdienst|FD\b|Bürgermeister|"
    # the receipt stamp's words ("Poststelle" above the sender line is the stamp, not the sender)
    r"Poststelle\b|Eingegangen\b|Eingang\b|Eing\.)",
    re.IGNORECASE,
)
# document titles and headings: never a seller, also as the first word of a line ("RECHNUNG Nr. 4711")
_TITLE_WORDS = frozenset({
    "rechnung", "gutschrift", "rechnungskorrektur", "korrekturrechnung", "stornorechnung", "storno",
    "schlussrechnung", "abschlagsrechnung", "teilrechnung", "teilschlussrechnung", "proformarechnung",
    "sammelrechnung", "invoice", "creditnote", "lieferschein", "mahnung", "zahlungserinnerung", "angebot",
    "auftragsbestatigung", "kostenvoranschlag", "quittung", "beleg", "abrechnung", "jahresabrechnung",
    "nebenkostenabrechnung", "honorarrechnung", "kopie", "duplikat", "original", "seite", "betreff", "bezug",
    "eingegangen", "eingang", "posteingang", "sehr", "guten", "bankverbindung", "iban", "bic", "datum",
})
_NOT_NAME_LINE = re.compile(r"^(?:Tel|Fax|E-?Mail|www\.|http|USt|St\.-?Nr|Steuer|Amtsgericht|Registergericht|"
                            r"Geschäftsführ|Sitz|HRB|HRA|IBAN|BIC|Bank|Seite|Datum)", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-zÄÖÜäöüß]{3}")


def _first_word(line: str) -> str:
    words = re.findall(r"[A-Za-zÄÖÜäöüß\-]+", line)
    return re.sub(r"[^a-z]", "", (words[0] if words else "").lower().replace("ä", "a").replace("ö", "o")
                  .replace("ü", "u"))


def is_title(line: str) -> bool:
    """A document title or heading line ("RECHNUNG", "Gutschrift Nr. 12", "Rechnungskorrektur"), not a name."""
    first = _first_word(line)
    return first in _TITLE_WORDS or any(first.endswith(t) for t in ("rechnung", "gutschrift", "korrektur"))


_HOUSE_NUMBER_END = re.compile(r"\s\d{1,4}\s?[a-zA-Z]?$")


def _name_ok(name: str | None) -> bool:
    """Could ``name`` be a company name? Not a title, label, street, recipient or register line."""
    if not name:
        return False
    name = name.strip(" ,-·")
    if len(name) < 3 or not _LETTERS.search(name) or _RECIPIENT_WORDS.match(name) or is_title(name) \
            or _NOT_NAME_LINE.match(name) or ":" in name or _HOUSE_NUMBER_END.search(name):
        return False
    hits = find_labels(name)
    if any(h.kind in _LABEL_KINDS and h.strength >= 2 for h in hits):
        return False
    # nothing but labels ("Ihre Kd.-Nr.", "Kunden-Nr."): an info-block line, whatever its kind
    rest = name
    for h in reversed(hits):
        rest = rest[:h.start] + rest[h.end:]
    return not hits or any(ch.isalnum() for ch in _POSSESSIVE.sub("", rest))


_POSSESSIVE = re.compile(r"\b(?:Ihre?|Unsere?)\b", re.IGNORECASE)  # "Ihre Kd.-Nr.", "Unser Zeichen"


_CO_KG = re.compile(r"\bCo\.\s*(KG|OHG)\b")
_DOT_BEFORE_FORM = re.compile(r"(?<!\bCo)(?<=[a-zäöüß])\.\s+(?=(?:GmbH|AG|KG|UG|OHG|GbR|mbH)\b)")


def _clean(name: str) -> str:
    """Trim separators; write "& Co. KG" the usual way and drop a stray OCR dot before the legal form."""
    name = _CO_KG.sub(r"Co. \1", name.strip(" ,-–·•|:;»«"))
    return _DOT_BEFORE_FORM.sub(" ", name)


def _sender_line(head: list[str]) -> str | None:
    for line in head:
        m = _SENDER_LINE.match(line)
        name = (m.group(1) or m.group(2)) if m else None
        if name and _name_ok(name):
            return _clean(name)
    return None


def _above_street(head: list[str]) -> str | None:
    for prev, line in pairwise(head):
        if _STREET_CITY.match(line) and _name_ok(prev) and not re.search(r"\d{5}", prev):
            return _clean(prev)
    return None


def _repeated_in_footer(head: list[str], foot: list[str]) -> str | None:
    for line in head:
        if not _name_ok(line) or re.search(r"\d", line) or len(line) > 60:
            continue
        if any(f.startswith(line) and (len(f) == len(line) or not f[len(line)].isalnum()) for f in foot):
            return _clean(line)
    return None


def _with_legal_form(head: list[str]) -> str | None:
    for line in head:
        if _COMPANY.search(line) and len(line) <= 80 and not re.search(r"\d{5}", line) and _name_ok(line):
            return _clean(line)
    return None


def _footer_company(foot: list[str]) -> str | None:
    for line in foot:
        m = _UP_TO_FORM.match(line)
        if m and _name_ok(m.group(1)) and not re.search(r"\d", m.group(1)):
            return _clean(m.group(1))
    return None


_BEFORE_REGISTER = re.compile(r"^(.{3,60}?)\s+(?:[-–·|,]\s+)?(?:Amtsgericht|Registergericht|Handelsregister|Sitz\b|"
                              r"Geschäftsführ|Inhaber|Inh\.|USt-?Id|Steuer-?Nr|St\.-?Nr)")


def _before_register(foot: list[str]) -> str | None:
    """The name a footer line starts with, before its register court or tax number ("X Amtsgericht Ulm")."""
    for line in foot:
        m = _BEFORE_REGISTER.match(line)
        if m and _name_ok(m.group(1)) and not re.search(r"\d", m.group(1)):
            return _clean(m.group(1))
    return None


def find_seller(lines: list[str]) -> tuple[str | None, str | None]:
    """(seller name, None) or (None, reason); ``lines`` are the non-blank lines of the document."""
    head = lines[:HEAD_LINES]
    # the foot: the last lines, but never the letterhead (a short letter's foot is its second half)
    foot_start = max(len(lines) - FOOT_LINES, min(LETTERHEAD_LINES, len(lines) // 2))
    foot = lines[foot_start:]
    for finder in (lambda: _sender_line(head), lambda: _above_street(head),
                   lambda: _repeated_in_footer(lines[:min(HEAD_LINES, foot_start)], foot),
                   lambda: _with_legal_form(head), lambda: _footer_company(foot), lambda: _before_register(foot)):
        name = finder()
        if name:
            return name, None
    return None, "Absender (Firmenname) nicht sicher erkannt - bitte ergänzen"
