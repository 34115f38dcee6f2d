"""The invoice number by its place in the info block when its label is lost (a stamp ate it, OCR mangled it).

DIN 5008 info blocks list the invoice number in the row right above the invoice date, whether label and value
share a row ("Rechnungs-Nr.: 4711" over "Datum: 3.4.2025") or stand stacked (label over value). When no label
names the number anywhere on a letter titled as an invoice or credit note, the last cell of the line right
above a date-label line is taken, but only when:

* it has an invoice number's shape: digit groups joined by '-' or '/' ("43-2025", "202504-176", "HW 3942/25",
  "RE-2025-2550") or a letter prefix glued to at least five digits ("R70445269") - a bare digit run may be a
  customer number or a postcode, and is not taken;
* no label stands on that line, known or not (a word with a colon: "Geschäftszeichen: 19 VG 421/25"): a
  "Kunden-Nr." or "Ihre Bestellung" row keeps its value, and a number label's row was judged by the label
  pairing already ("Gutschrift-Nr.: G, 2941/25" lost its prefix to "G,");
* it does not stand under a label of its own (stacked "Kundennummer" over "10-262682" over "Belegdatum:");
* it is not a date, not a phone number ("0531/123456"), not a tax number ("12/448/67324"), not a Leitweg-ID
  (its check digits hold), not after a footer's word ("Steuernr.", "HRB", "Tel."), and not printed elsewhere
  after "Rechnung" or "Bezug" (a credit note names the invoice it corrects);
* every such line (the page may be read twice) gives the same value.

Measured on the thirteen dev sets (793 invoices, fresh OCR): 5 numbers more, none wrong; on the held-out texts
(3000, seed 777001) 2 more, none wrong.

Two layouts of a stamped info block are read as well (round 11):

* a mangled label OCR glued to its value ("FRsiagljeINV-F66006"): the part after the last lower-case letter,
  when it has a number's shape (``glued_label_tail``);
* a date label no label list knows ("Datunyg 20. Augudt 2025" for "Datum: 20. August 2025"): the row that ends
  in the invoice date the extraction took counts as the date row, when a word stands before that date and
  before the value above it - a bare value over a bare date is a column read apart from its labels
  ("K90588" over "28.07.23": the customer number), not an info-block row.

Measured on the fourteen dev sets (855 invoices): 2 numbers more, none wrong; held-out texts (3000, seed 777001)
unchanged. Pure: lines in, (value or None, where) out.
"""
from __future__ import annotations

import re
from datetime import date

from stdnum.de import leitweg

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.infoblock import clean_number, value_cells
from workflow.paperinvoice.labels import LabelKind, find_labels, fold_text, is_label_only

PLACED = "ohne lesbare Bezeichnung"  # in the number's note: taken by its place (workflow.paperinvoice.second_look)
MIN_DIGITS = 4  # digits an unlabelled number needs: "1/2" (a page) or "0/32" (a grain size) is no number
# digit groups joined by - or /, optionally after a letter prefix: "43-2025", "HW 3942/25", "RE-2025-2550"
# (a prefix printed apart has two letters at least: a lone capital before the value is rather a stamp's edge or
# other debris, "A 202509-567")
_JOINED = re.compile(r"^(?:[A-Z]{1,4}-|[A-Z]{2,4} )?(?:[A-Z][0-9]+|[0-9]+)(?:[/\-][0-9]+)+$")
_PREFIXED = re.compile(r"^[A-Z]{1,4}-?[A-Z]?[0-9]{5,}$")  # "R70445269", "INV-F66006"
# a word with a colon before the value: a label of another kind we do not know ("Geschäftszeichen: 19 VG 421/25")
_UNKNOWN_LABEL = re.compile(r"[A-Za-zÄÖÜäöüß.)]:")
MAX_TITLE_LINE = 60
# a title line alone: "Rechnung", "GUTSCHRIFT", "Rechnungskorrektur / Gutschrift" (the slash read as "I" too)
_TITLE = re.compile(r"^\W*(?:Rechnung|Gutschrift|Rechnungskorrektur|Schlussrechnung|Abschlagsrechnung|"
                    r"Teilrechnung|Stornorechnung|Korrekturrechnung|Abrechnung|Invoice)\b"
                    r"(?:(?:\W+|\s+I\s+)(?:Gutschrift|Rechnung)\W*)?$", re.IGNORECASE)
_REFERRING = ("rechnung", "bezug", "ursprungsrechnung", "rechnungsnummer", "rechnungsnr")


_PHONE = re.compile(r"^0[1-9][0-9]{1,4}[/\-][0-9]{3,}$")  # "0531/123456": a letterhead's phone number, area code first
# "12/448/67324": a German tax number (Steuernummer), printed in every footer
_TAX_NUMBER = re.compile(r"^[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}$")
# a footer's register, tax and bank words on the row, with a dot or nothing instead of a colon ("Steuernr.
# 12/448/67324", "HRB 2351-9"): a re-read appended after the footer puts its date row right below such a row
_FOOTER_WORD = re.compile(r"\b(?:Steuer-?nr|Steuernummer|St\.?-?Nr|USt|HRB|HRA|Amtsgericht|Registergericht|Tel|"
                          r"Telefon|Fax|IBAN|BIC|Konto|BLZ)\b", re.IGNORECASE)


def _shaped(value: str) -> bool:
    if sum(ch.isdigit() for ch in value) < MIN_DIGITS or find_dates(value) or leitweg.is_valid(value) or \
            _PHONE.match(value) or _TAX_NUMBER.match(value):
        return False
    return bool(_JOINED.match(value) or _PREFIXED.match(value))


def _referred(value: str, lines: list[str], own: int) -> bool:
    """``value`` stands elsewhere after a word that names another invoice ("Bezug: unsere Rechnung 34-2025")."""
    pattern = re.compile(rf"(\S+)\s*:?\s+{re.escape(value)}(?![\w/-])")
    for k, line in enumerate(lines):
        if k == own:
            continue
        for m in pattern.finditer(line):
            if fold_text(m.group(1)) in _REFERRING:
                return True
    return False


def _date_label_line(line: str) -> bool:
    return any(hit.kind is LabelKind.DATE for hit in find_labels(line))


MIN_LABEL_LETTERS = 3  # letters before a value that make a (mangled) label: "Datunyg", "Brgauerrng"
_LETTER = re.compile(r"[A-Za-zÄÖÜäöüß]")


def _labelled(text: str) -> bool:
    """``text`` (what stands before a value on its row) holds a word, however mangled: a label's row, not a bare
    value of a stacked column ("K90588" over "28.07.23": values in one column, their labels in another)."""
    return len(_LETTER.findall(text)) >= MIN_LABEL_LETTERS


def _invoice_date_row(line: str, invoice_date: date | None) -> bool:
    """The row ends in the invoice date the extraction took behind a label no label list knows ("Datunyg 20.
    Augudt 2025": "Datum:" under a stamp)."""
    if invoice_date is None or find_labels(line):
        return False
    dates = find_dates(line)
    return bool(dates) and dates[-1].value == invoice_date and len(line.rstrip(" .")) - dates[-1].end <= 1 and \
        _labelled(line[:dates[-1].start])


# a mangled label OCR glued to the value ("FRsiagljeINV-F66006"): lower-case letters, then the value in capitals
# and digits; the value is the part after the last lower-case letter
_GLUED_LABEL = re.compile(r"^[A-Za-zÄÖÜäöüß]*[a-zäöüß]{3}(?=[A-Z0-9])")


def glued_label_tail(cell: str) -> str | None:
    """The value behind a mangled label glued to it ("FRsiagljeINV-F66006" -> "INV-F66006"), or None when the
    cell does not start with at least three letters ending in lower case."""
    m = _GLUED_LABEL.match(cell)
    return cell[m.end():] if m else None


def _candidate(line: str) -> str | None:
    if not line or find_labels(line):
        return None  # a labelled row was read by the label pairing already; its value failed there
    cells = value_cells(line)
    if not cells:
        return None
    value = clean_number(cells[-1])
    if not _shaped(value):
        tail = glued_label_tail(value)
        if tail is None or not _shaped(tail):
            return None
        value = tail
    if _UNKNOWN_LABEL.search(line[:line.rfind(cells[-1])]) or _FOOTER_WORD.search(line):
        return None
    return value


def _under_label(lines: list[str], k: int) -> bool:
    """Line ``k`` stands under a line that ends in a label (stacked: "Kundennummer" over "10-262682")."""
    if k == 0:
        return False
    hits = find_labels(lines[k - 1])
    return bool(hits) and is_label_only(lines[k - 1][hits[-1].end:])


def _titled(lines: list[str]) -> bool:
    """A short title line ("Rechnung", "Gutschrift", "Rechnungskorrektur / Gutschrift") heads the letter: court
    mail and objections carry a file number above their date too ("Geschäftszeichen" / "4 VG 763/25")."""
    return any(_TITLE.match(line) for line in lines[:MAX_TITLE_LINE])


def number_above_date(lines: list[str], invoice_date: date | None = None) -> tuple[str | None, str]:
    """The value in the row above the invoice-date label, or above the unlabelled row that ends in
    ``invoice_date`` (see the module doc), or None; and the row's index."""
    if not _titled(lines):
        return None, ""
    found: dict[str, int] = {}
    for k in range(1, len(lines)):
        by_label = _date_label_line(lines[k])
        if not by_label and not _invoice_date_row(lines[k], invoice_date):
            continue
        value = _candidate(lines[k - 1])
        if value is not None and not by_label and not _labelled(lines[k - 1][:lines[k - 1].rfind(value)]):
            continue  # the date row's label is unknown: the number's row must show a label of its own
        if value is not None and not _under_label(lines, k - 1) and not _referred(value, lines, k - 1):
            found.setdefault(value, k - 1)
    if len(found) != 1:
        return None, ""
    value, where = next(iter(found.items()))
    return value, f"Zeile {where + 1} über dem Datumsfeld"
