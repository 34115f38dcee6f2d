"""The text side of a number or invoice date doubted beside a receipt stamp (workflow.ocr.stampnear): which word is
the value, whether a re-read value gives it, and the reject mark that makes the extraction report it unsure.

The OCR stage marks a doubted value by appending U+FFFD (the reject character) to its word in the page text;
``find_invoice_number`` then reports the number unsure instead of taking it or a lesser candidate, and
``find_invoice_date`` the date.
Pure: texts in, decisions out.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from workflow.paperinvoice.dates import find_dates
from workflow.paperinvoice.extract import extract_invoice_fields
from workflow.paperinvoice.infoblock import clean_number
from workflow.paperinvoice.invoicenumber import DOUBT_MARK, printed_alone, repair_number

_ALNUM = re.compile(r"[\W_]")


def number_word(word: str, number: str) -> bool:
    """True when the OCR word ``word`` is the (last part of the) invoice number ``number``, repairs aside."""
    raw = clean_number(word)
    return bool(raw) and repair_number(raw)[0] == number.split()[-1]


def same_number(reading: str, number: str) -> bool:
    """True when the re-read value ``reading`` is ``number`` and nothing else: its letters and digits the same,
    only separators and a date of the next column around it differing ("202502 890 ." for "202502-890": a
    hyphen lost, no character changed; "R695649 2"" is not "R695649": a glyph beside it was read)."""
    line = " ".join(reading.split())
    for hit in reversed(find_dates(line)):
        line = line[:hit.start] + " " + line[hit.end:]
    return bool(_ALNUM.sub("", number)) and _ALNUM.sub("", line) == _ALNUM.sub("", number)


def single_number_of(page_text: str) -> tuple[str, Callable[[str], str | None]] | None:
    """(the number the page text gives, a function marking a word of it); None when there is no number, or when
    it stands twice in the text (two readings agree: it needs no look)."""
    number = extract_invoice_fields(page_text).invoice_number
    if number is None or _count(number, page_text) > 1:
        return None

    def marked(word: str) -> str | None:
        """The page text with ``word`` marked, when it stands once as a token and the mark makes the number
        unsure (and changes nothing else); else None."""
        token = re.compile(rf"(?<!\S){re.escape(word)}(?!\S)")
        if len(token.findall(page_text)) != 1:
            return None
        text = token.sub(lambda m: m.group() + DOUBT_MARK, page_text, count=1)
        return text if extract_invoice_fields(text).invoice_number is None else None

    return number, marked


def single_date_of(page_text: str) -> tuple[date, Callable[[list[str]], str | None]] | None:
    """(the invoice date the page text gives, a function marking its printed words); None when there is none, or
    when it is printed twice in the text (two readings agree: it needs no look)."""
    value = extract_invoice_fields(page_text).invoice_date
    if value is None or sum(d.value == value for line in page_text.splitlines() for d in find_dates(line)) > 1:
        return None

    def marked(words: list[str]) -> str | None:
        """The page text with the date printed as ``words`` ("24.", "Juni", "2025") marked after its last word,
        when it stands once in the text and the mark makes the date unsure (and changes no other field); else
        None."""
        phrase = re.compile(r"(?<!\S)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\S)")
        if not words or len(phrase.findall(page_text)) != 1:
            return None
        text = phrase.sub(lambda m: m.group() + DOUBT_MARK, page_text, count=1)
        before, after = extract_invoice_fields(page_text), extract_invoice_fields(text)
        if after.invoice_date is not None or after.invoice_number != before.invoice_number:
            return None
        return text

    return value, marked


MAX_LEAD = 1  # characters a reading of the number's own box may hold before it (a glyph of the widened box)


def own_box_gives(reading: str, number: str) -> bool | None:
    """What a re-reading of the number's own word box (widened: the words after it are read too) says of
    ``number``: True when it starts with the number, or with its last part ("9937/25" of "VR 9937/25": the
    box may miss a prefix) - separators, at most MAX_LEAD characters before it and the next words aside; False
    when it starts with another figure ("7287206" for "72872066", "8729510" for "8729518"); None when its
    first word holds no digit (a torn reading abstains)."""
    words = [word for word in reading.split() if _ALNUM.sub("", word)]
    wanted = [_ALNUM.sub("", number), _ALNUM.sub("", number.split()[-1]) if number.split() else ""]
    if not words or not wanted[0]:
        return None
    joined = "".join(_ALNUM.sub("", word) for word in words)
    if any(part and 0 <= joined.find(part) <= MAX_LEAD for part in wanted):
        return True
    return False if re.search(r"\d", words[0]) else None


def first_figure(reading: str) -> str | None:
    """The letters and digits of a reading's first word that has any (None for a reading without one)."""
    figures = [_ALNUM.sub("", word) for word in reading.split() if _ALNUM.sub("", word)]
    return figures[0] if figures else None


def same_date(reading: str, value: date) -> bool | None:
    """True when the re-read box ``reading`` holds one date, ``value``, and no other date; None when it holds no
    date at all (a torn month name: the reading abstains); False otherwise."""
    found = find_dates(" ".join(reading.split()))
    if not found:
        return None
    return len(found) == 1 and found[0].value == value


def _count(number: str, text: str) -> int:
    pattern = r"\s*".join(re.escape(part) for part in number.split())
    return len(re.findall(rf"(?<![\w/.-]){pattern}(?![\w/-])", text)) if printed_alone(number, text) else 0
