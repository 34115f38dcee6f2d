"""IBAN search in OCR text with mod-97 verification and cautious repair of OCR confusions.

Repairs are limited to letters read for digits (O->0, l->1, S->5, ...: one fixed mapping) and one stray extra
character; a repair is accepted only when exactly one candidate passes the checksum. A digit misread as another
digit is not repaired (trying alternatives would often hit a wrong but valid IBAN): the IBAN is then None with
the reason, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# national lengths for the countries a German municipality meets on invoices
IBAN_LENGTHS: dict[str, int] = {
    "DE": 22, "AT": 20, "CH": 21, "LI": 21, "NL": 18, "BE": 16, "LU": 20, "FR": 27, "IT": 27, "ES": 24,
    "PL": 28, "CZ": 24, "DK": 18, "SE": 24, "IE": 22, "GB": 22, "PT": 25, "FI": 18, "SK": 24, "SI": 19,
}
_LETTER_AS_DIGIT = {"O": "0", "o": "0", "D": "0", "Q": "0", "U": "0", "I": "1", "l": "1", "i": "1", "|": "1",
                    "!": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6", "T": "7",
                    "g": "9", "q": "9", "A": "4"}
_START = re.compile(r"(?<![A-Za-z])([A-Z][A-Z]|D[E3]|0E)\s?([0-9OoIlSZBG]{2}|A[0-9]|[0-9]A)")
# check digits: a letter OCR reads for more than one digit ("DES8" for DE88, "DES6" for DE56); tried in turn,
# and the checksum (which fixes the two check digits for a given account) decides
_CHECK_ALTERNATIVES = {"S": "58", "s": "58"}


@dataclass(frozen=True, slots=True)
class IbanResult:
    """The verified IBAN or None, and why (None when nothing needed saying)."""

    iban: str | None
    reason: str | None
    repaired: bool = False


def is_valid_iban(iban: str) -> bool:
    """ISO 13616 check: length and BBAN shape for the country, and (rearranged, letters as numbers) mod 97 == 1."""
    if len(iban) < 15 or not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    if iban[:2] in _DIGITS_BBAN and not iban[4:].isdigit():
        return False
    if iban[:2] in _BANK_LETTERS_BBAN and not (iban[4:8].isalpha() and iban[8:].isdigit()):
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


_SKIP_INSIDE = " \u00a0.,‚'’`-"
_STOP_WORD = re.compile(r"[A-Za-zÄÖÜäöü]{3,}")


def _raw_candidates(text: str) -> list[tuple[str, str, bool]]:
    """(country, body characters, labelled) for each IBAN-looking run in the text.

    Spaces and OCR punctuation inside the groups ("7178.17", "5311. 6008") are skipped; a following word
    ("BIC", "USt-IdNr") ends the run. One character too many is kept for the repair step.
    """
    out: list[tuple[str, str, bool]] = []
    starts = [(m.start(), m.group(1), m.end() - 2, False) for m in _START.finditer(text)]
    for label in re.finditer(r"IBAN\W{0,4}", text):  # labelled: tolerate a stray character after the country code
        m = re.match(r"([A-Z]{2}|D3|0E)(?:[A-Za-z](?=[0-9OoIlSZBG]{2}))?\s?(?=[0-9OoIlSZBGA])",
                     text[label.end():label.end() + 8])
        if m:
            starts.append((label.end(), m.group(1), label.end() + m.end(), True))
    seen: set[tuple[str, str]] = set()
    for start, code, pos, labelled in starts:
        country = "DE" if code in ("D3", "0E") else code
        if labelled and country not in IBAN_LENGTHS and country[0] == "D":
            country = "DE"  # "IBAN DROS 6902 ...": the E of DE misread; the checksum must still hold
        if country not in IBAN_LENGTHS:
            continue
        length = IBAN_LENGTHS[country]
        body = ""
        while pos < len(text) and len(body) < length - 2 + 1:
            ch = text[pos]
            if ch in _SKIP_INSIDE:
                pos += 1
                continue
            if not (ch.isalnum() or ch in "|!") or (ch.isalpha() and _STOP_WORD.match(text, pos) and len(body) >= 4):
                break
            body += ch
            pos += 1
        labelled = labelled or "IBAN" in text[max(0, start - 25):start].upper()
        if (country, body) not in seen:
            seen.add((country, body))
            out.append((country, body, labelled))
    return out


# BBAN shape where a letters-then-digits layout is fixed: (letters at the start, digits after them)
_LETTERS_THEN_DIGITS: dict[str, int] = {"NL": 4, "GB": 4, "IE": 4}
_DIGIT_AS_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "6": "G", "2": "Z", "4": "A"}
_NUMERIC_ONLY = frozenset({"DE", "AT", "CH", "BE", "PL", "CZ", "DK", "SE", "SK", "SI", "FI", "LU"})
# national BBAN shapes: all digits (CH and LU account numbers may hold letters), or four bank letters then
# digits; a letter elsewhere is an OCR error
_DIGITS_BBAN = _NUMERIC_ONLY - {"CH", "LU"}
_BANK_LETTERS_BBAN = frozenset(_LETTERS_THEN_DIGITS)


def _map_letters(country: str, variant: str) -> str:
    """Letters read for digits (and, in a letter part of the BBAN, digits read for letters) put back."""
    if country in _NUMERIC_ONLY:
        return "".join(_LETTER_AS_DIGIT.get(ch, ch) for ch in variant)
    letters = _LETTERS_THEN_DIGITS.get(country)
    if letters is None:
        return variant.upper()
    check = "".join(_LETTER_AS_DIGIT.get(ch, ch) for ch in variant[:2])
    bank = "".join(_DIGIT_AS_LETTER.get(ch, ch) for ch in variant[2:2 + letters]).upper()
    rest = "".join(_LETTER_AS_DIGIT.get(ch, ch) for ch in variant[2 + letters:])
    return check + bank + rest


def _repairs(country: str, body: str) -> tuple[set[str], bool]:
    """Valid IBANs reachable from ``body`` by the allowed OCR repairs, and whether a repair was needed.

    The fewest edits win: letters mapped back at the printed length first; only when that gives no valid IBAN,
    one stray character is dropped as well."""
    length = IBAN_LENGTHS[country] - 2
    mapped = _map_letters(country, body[:length])
    changed = mapped != body[:length]
    if len(mapped) == length and is_valid_iban(country + mapped):
        return {country + mapped}, changed
    valid: set[str] = set()
    if len(mapped) == length and any(ch in _CHECK_ALTERNATIVES for ch in body[:2]):
        for first in _CHECK_ALTERNATIVES.get(body[0], mapped[0]):
            for second in _CHECK_ALTERNATIVES.get(body[1], mapped[1]):
                if is_valid_iban(cand := country + first + second + mapped[2:]):
                    valid.add(cand)
        if valid:
            return valid, True
    if len(body) > length:  # one stray character: try dropping each
        longer = _map_letters(country, body[: length + 1])
        for i in range(len(longer)):
            cand = country + longer[:i] + longer[i + 1:]
            if is_valid_iban(cand):
                valid.add(cand)
        changed = True
    # No digit-for-digit guessing: with ~50 single-digit alternatives about 40 % of doubly misread IBANs would
    # gain a valid but wrong checksum (mod 97 only guarantees to detect one error), so such IBANs stay None.
    return valid, changed


def find_iban(text: str) -> IbanResult:
    """The payee IBAN of a scanned invoice (labelled ``IBAN`` preferred), verified or repaired uniquely."""
    candidates = _raw_candidates(text)
    if not candidates:
        return IbanResult(None, "keine IBAN im Text gefunden")
    candidates.sort(key=lambda c: not c[2])  # labelled first, otherwise text order
    problems: list[str] = []
    for country, body, labelled in candidates:
        direct = country + body[: IBAN_LENGTHS[country] - 2]
        if is_valid_iban(direct):
            return IbanResult(direct, None)
        valid, changed = _repairs(country, body)
        if len(valid) == 1:
            iban = valid.pop()
            return IbanResult(iban, f"OCR-Korrektur: {direct} -> {iban} (einzige gültige Variante)", True)
        if labelled:
            if len(valid) > 1:
                problems.append(f"IBAN {direct}: Prüfsumme falsch, mehrere Korrekturen möglich "
                                f"({', '.join(sorted(valid))}) - bitte am Original prüfen")
            else:
                problems.append(f"IBAN {direct}: Prüfsumme (mod 97) falsch, keine eindeutige Korrektur - "
                                "bitte am Original prüfen")
    if problems:
        return IbanResult(None, problems[0])
    return IbanResult(None, "keine gültige IBAN im Text gefunden")
