"""Labels of a DIN 5008 info block ("Rechnungs-Nr.", "Datum", "Leistungsdatum", "Kunden-Nr.") found in OCR lines.

OCR damages labels ("Rechnungsnumrner", "Rećhnungsdatum", "Beleg-Nr,"), so a label is matched on a folded form
(lower case, accents and look-alike letters folded, punctuation and spaces dropped) and, for longer labels,
within a small edit distance. Every known label is returned, also those of other fields: a column of labels is
paired with a column of values by position, so the labels we do not want still count.
Pure: a line in, label hits out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import Levenshtein


class LabelKind(StrEnum):
    """What the value after a label is."""

    NUMBER = "number"  # the invoice (or credit note) number
    DATE = "date"  # the invoice date
    NOT_INVOICE_DATE = "not_invoice_date"  # delivery, service, order, due or receipt date
    OTHER_NUMBER = "other_number"  # another document's number: customer, order, contract number, ...
    OTHER = "other"  # clerk, page, project, reference, ...


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A label in a line: its kind, how specific it is (3 = names the invoice, 1 = bare "Nr."/"Datum")."""

    kind: LabelKind
    strength: int
    start: int
    end: int


_VOCABULARY: dict[str, tuple[LabelKind, int]] = {}


def _add(kind: LabelKind, strength: int, *names: str) -> None:
    for name in names:
        _VOCABULARY[_fold(name)] = (kind, strength)


_FOLD = str.maketrans({"ć": "c", "č": "c", "ç": "c", "í": "i", "ì": "i", "î": "i", "á": "a", "à": "a",
                       "â": "a", "š": "s", "ś": "s", "é": "e", "è": "e", "ê": "e", "ó": "o", "ò": "o",
                       "ô": "o", "ú": "u", "ù": "u", "û": "u", "ü": "u", "ö": "o", "ä": "a", "ß": "ss",
                       "ñ": "n", "ń": "n"})
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")
_CAPITAL_I = re.compile(r"(?<=[a-zäöüß])I")


def _fold(text: str) -> str:
    # "BestelInummer": a capital I inside a word is an l; "rn" is read for "m", "ii" for "ü"
    folded = _CAPITAL_I.sub("l", text).lower().translate(_FOLD).replace("rn", "m").replace("ii", "u")
    return _NOT_LETTER_OR_DIGIT.sub("", folded)


_add(LabelKind.NUMBER, 3, "Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Rechnungsnr", "Rechnungs-Nummer",
     "Invoice No.", "Invoice Number", "Invoice Nr.", "Gutschriftsnummer", "Gutschrift-Nr.",
     "Gutschrifts-Nr.", "Gutschriftnummer", "Nr. der Rechnung", "Rechnungskorrektur Nr.", "Korrekturrechnung Nr.",
     "Stornorechnung Nr.", "Nummer der Rechnung", "Gutschrift Nummer", "Rechnung Nummer", "Rechnungnummer",
     "Invoice No", "Inv. No.", "Rechnungs-Nr./Datum", "Rechnung Nr./Datum", "Rechnungsnummer/Datum",
     "Rechnungs-Nr./vom", "Beleg-Nr./Datum")
_add(LabelKind.NUMBER, 2, "Belegnummer", "Beleg-Nr.", "Re.-Nr.", "Rg.-Nr.", "Rg-Nr", "Re-Nr", "Belegnr",
     "Dokumentnummer", "Dokument-Nr.", "Abrechnungsnummer", "Abrechnungs-Nr.", "Beleg Nummer", "Fakturanummer", "Faktura-Nr.")
_add(LabelKind.NUMBER, 1, "Nummer", "Nr.", "No.")
_add(LabelKind.DATE, 3, "Rechnungsdatum", "Rechnungs-Datum", "Invoice Date", "Datum der Rechnung",
     "Gutschriftsdatum", "Gutschriftdatum", "Ausstellungsdatum", "Re.-Datum", "Rg.-Datum", "Rechnung vom",
     "Gutschrift vom", "Datum Rechnung", "Rechnungdatum")
_add(LabelKind.DATE, 2, "Belegdatum", "Beleg-Datum", "Ausgestellt am", "Druckdatum", "Rechnungstag", "Erstellt am",
     "Datum der Ausstellung", "Abrechnungsdatum", "Ausstellungstag")
_add(LabelKind.DATE, 1, "Datum", "Date")
_add(LabelKind.NOT_INVOICE_DATE, 2, "Leistungsdatum", "Lieferdatum", "Liefertag", "Leistungszeitraum", "Lieferzeitraum",
     "Ausführungsdatum", "Ausführungszeitraum", "Bestelldatum", "Auftragsdatum", "Versanddatum", "Leistungszeit",
     "Fälligkeitsdatum", "Fällig am", "Zahlbar bis", "Eingangsdatum", "Ihre Bestellung vom", "Bestellung vom",
     "Auftrag vom", "Lieferscheindatum", "Lieferung am", "Leistung am", "Abrechnungszeitraum", "Zeitraum",
     "Fälligkeit", "Buchungsdatum", "Valuta", "Ihr Schreiben vom", "Ihre Nachricht vom", "Ihr Auftrag vom",
     "Lieferschein vom", "Angebot vom", "Vertrag vom", "Eingegangen", "Posteingang", "Eingang")
_add(LabelKind.OTHER, 1, "Kundennummer", "Kunden-Nr.", "Kd.-Nr.", "Kundennr", "Auftragsnummer", "Auftrags-Nr.",
     "Auftrag Nr.", "Bestellnummer", "Bestell-Nr.", "Ihre Bestellung", "Ihre Bestell-Nr.", "Unser Zeichen",
     "Ihr Zeichen", "Ihre Zeichen", "Sachbearbeiter", "Sachbearbeiterin", "Bearbeiter", "Projekt", "Projekt-Nr.",
     "Projektnummer", "Seite", "Debitor", "Debitoren-Nr.", "Objekt", "Objekt-Nr.", "Vertragsnummer",
     "Vertrags-Nr.", "Lieferschein-Nr.", "Lieferscheinnummer", "Steuernummer", "St.-Nr.",
     "USt-IdNr.", "USt-ID", "Leitweg-ID", "Telefon", "Tel.", "Fax", "E-Mail", "Ansprechpartner", "Kostenstelle",
     "Ursprungsrechnung", "Bezug", "Aktenzeichen", "Mandatsreferenz", "Gläubiger-ID", "Lieferanten-Nr.",
     "Lieferantennummer", "Ihre Kundennummer", "Vorgangsnummer", "Zahlungsreferenz",
     "Verwendungszweck", "Kassenzeichen", "Buchungszeichen", "Ihre Referenz", "Unsere Referenz", "Liefer-Nr.",
     "Order No.", "Customer No.", "Mitglieds-Nr.", "Zählernummer", "Zähler-Nr.",
     "Vertragskonto", "Objektnummer", "Baustelle", "Bauvorhaben", "Angebots-Nr.")


# labels of other numbers: their value holds a digit (used to line up a header row or a label column)
for _name, (_kind, _strength) in list(_VOCABULARY.items()):
    if _kind is LabelKind.OTHER and (_name.endswith(("nr", "nummer", "no", "id")) or _name == "debitor"):
        _VOCABULARY[_name] = (LabelKind.OTHER_NUMBER, _strength)


def _max_edits(length: int) -> int:
    return 0 if length <= 4 else 1 if length <= 10 else 2


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b at most ``limit`` (rapidfuzz, in C: this runs for every token near a label)."""
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


_BY_FIRST: dict[str, list[str]] = {}


def classify_label(text: str) -> tuple[LabelKind, int] | None:
    """Kind and strength of a label text (one to four words), tolerant to small OCR damage; None if no label."""
    found = _classify(text)
    return None if found is None else (found[0], found[1])


@lru_cache(maxsize=8192)
def _classify(text: str) -> tuple[LabelKind, int, bool] | None:
    """(kind, strength, exact) of a label text or None."""
    key = _fold(text)
    if not key or key.isdigit():
        return None
    exact = _VOCABULARY.get(key)
    if exact is not None:
        return exact[0], exact[1], True
    limit = _max_edits(len(key))
    if limit == 0 or any(ch.isdigit() for ch in key):
        short = _damaged_number_label(key, text)  # "RO.-Nr.": four letters, no edit budget, but a known damage
        return None if short is None else (short[0], short[1], False)
    if not _BY_FIRST:
        for name in _VOCABULARY:
            _BY_FIRST.setdefault(name[0], []).append(name)
            _BY_FIRST.setdefault("2" + name[1], []).append(name)
    # first letter right, or first letter damaged (second letters agree), or first letter lost
    shortlist = {*_BY_FIRST.get(key[0], ()), *_BY_FIRST.get("2" + key[1], ()), *_BY_FIRST.get("2" + key[0], ())}
    for name in sorted(shortlist):
        # one character lost at most: "Rechnungskorrektur" is not "Rechnungskorrektur Nr." with two lost
        if abs(len(name) - len(key)) <= 1 and _max_edits(len(name)) and \
                _within(key, name, min(limit, _max_edits(len(name)))):
            return _VOCABULARY[name][0], _VOCABULARY[name][1], False
    found = _compound(key) or _damaged_number_label(key, text)
    return None if found is None else (found[0], found[1], False)


_N, _D = LabelKind.NUMBER, LabelKind.DATE
_ON, _ND = LabelKind.OTHER_NUMBER, LabelKind.NOT_INVOICE_DATE
# compound labels as stem + ending, each within its own OCR budget, for damage beyond the whole-label budget
# ("Rchnuugs-Nr.", "Gschrift-Nr."): (stem, kind with a number ending, kind with a date ending, strength)
_STEMS: tuple[tuple[str, LabelKind | None, LabelKind | None, int], ...] = (
    ("rechnungs", _N, _D, 3), ("rechnung", _N, _D, 3), ("gutschrifts", _N, _D, 3), ("gutschrift", _N, _D, 3),
    ("invoice", _N, _D, 3), ("beleg", _N, _D, 2), ("ausstellungs", None, _D, 3), ("leistungs", None, _ND, 2),
    ("liefer", None, _ND, 2), ("bestell", _ON, _ND, 2), ("auftrags", _ON, _ND, 2), ("kunden", _ON, None, 1),
    ("vertrags", _ON, None, 1), ("lieferschein", _ON, _ND, 1), ("ausfuhrungs", None, _ND, 2))
_ENDINGS: tuple[tuple[str, bool], ...] = (("nummer", False), ("nr", False), ("no", False), ("datum", True),
                                          ("date", True))


HEAD_CUT_MIN = 5  # letters of a stem left when its start is lost ("rifts" of "gutschrifts")


def _compound(key: str) -> tuple[LabelKind, int] | None:
    """A damaged compound label when exactly one kind fits; None when none or several do."""
    kinds: dict[LabelKind, int] = {}
    for ending, is_date in _ENDINGS:
        fuzzy = len(ending) >= 5
        for cut in ({len(ending) - 1, len(ending), len(ending) + 1} if fuzzy else {len(ending)}):
            tail, stem = key[-cut:], key[:-cut]
            if len(stem) < 4 or not (tail == ending or fuzzy and _within(tail, ending, 1)):
                continue
            for word, number_kind, date_kind, strength in _STEMS:
                kind = date_kind if is_date else number_kind
                limit = 1 if len(word) <= 6 else 2
                if kind is not None and abs(len(stem) - len(word)) <= limit and _within(stem, word, limit):
                    kinds[kind] = max(kinds.get(kind, 0), strength)
                elif kind is not None and len(stem) >= 4 and word.startswith(stem) and ending != "no":
                    # OCR lost the end of the stem: "Rech nummer" (Rechnungsnummer), "Gutschr.-Nr."
                    kinds[kind] = max(kinds.get(kind, 0), max(1, strength - 1))
                elif kind is not None and len(stem) >= HEAD_CUT_MIN and len(word) - len(stem) >= 2 and \
                        word.endswith(stem) and ending == "nummer":
                    # a stamp or the fold hid the start of the label: "riftsnummer" (Gutschriftsnummer)
                    kinds[kind] = max(kinds.get(kind, 0), max(1, strength - 1))
    if len(kinds) != 1:
        return None
    return next(iter(kinds.items()))


# "Rechnungsptmarmer": the stem is read, the ending is not. The ending is taken for "nummer" when it is nearer to
# it than to "datum" by a clear margin and no other ending of an invoice label ("summe", "betrag", "zeitraum")
# is one edit from it; the value must then be a number (the caller's type check)
_READ_STEMS = ("rechnungs", "gutschrifts")
_OTHER_ENDINGS = ("summe", "betrag", "zeitraum", "jahr", "monat", "eingang", "empfanger", "anschrift", "adresse",
                  "stelle", "kopie", "periode", "ausgang", "art", "typ", "tag")
# "RgQ.-Nr.", "RO.-Nr.": the short label "Rg.-Nr."/"Re.-Nr." with one letter added or read as a look-alike
# ("Ref.-Nr.", "Reg.-Nr." are other labels: only "rg" + any letter, or "r" + a look-alike of g or e)
_SHORT_STEMS = re.compile(r"^(?:rg[a-z]|r[oqc9])$")


def _damaged_number_label(key: str, text: str) -> tuple[LabelKind, int] | None:
    """An invoice-number label damaged beyond the edit budget in a way OCR often does (see above), else None.
    One printed word only (``text``): "Rechtsanwalt Nr." is two words and no such label."""
    if len(text.split()) != 1:
        return None
    if key.endswith("nr") and _SHORT_STEMS.match(key[:-2]):
        return LabelKind.NUMBER, 2
    if key.endswith("nr") and key.startswith("rech") and not key.startswith("rechts") and 6 <= len(key) <= 12:
        return LabelKind.NUMBER, 2  # "rechlläls.nr.": no other label starts with "Rech" and ends with "Nr."
    for stem in _READ_STEMS:
        tail = key[len(stem):]
        if not key.startswith(stem) or not 3 <= len(tail) <= 9:
            continue
        to_number = Levenshtein.distance(tail, "nummer")
        if to_number <= len(tail) // 2 and Levenshtein.distance(tail, "datum") >= to_number + 3 and \
                not any(_within(tail, other, 1) for other in _OTHER_ENDINGS):
            return LabelKind.NUMBER, 2
    return None


_TOKEN = re.compile(r"[^\s:]+:?|:")  # "Nr.:4711" is two tokens
_LABEL_PUNCT = re.compile(r"^[\W_]*$")


_CAPS = re.compile(r"^[A-ZÄÖÜ]{1,4}$")


def _house_prefix(tokens: list[tuple[int, int, str]], k: int) -> bool:
    """Token k is a capital-letter prefix of the number after it ("HW 7851/25", "M 2391/24")."""
    return k + 1 < len(tokens) and bool(_CAPS.match(tokens[k][2])) and tokens[k + 1][2][:1].isdigit()


_SHORT_TOKEN = re.compile(r"^\W*\w{1,2}\W*$")


def _stray_tail(line: str, tokens: list[tuple[int, int, str]], i: int, width: int) -> bool:
    """The last of the ``width`` tokens from ``i`` is a one- or two-character token that an OCR-tolerant match
    swallowed although the tokens before it are a label already (it is the start of the value)."""
    last = tokens[i + width - 1][2]
    if not _SHORT_TOKEN.match(last):
        return False
    return _classify(line[tokens[i][0]:tokens[i + width - 2][1]].rstrip(":;.,")) is not None


def find_labels(line: str) -> list[LabelHit]:
    """Labels in ``line`` from left to right (up to four words each), choosing the split that covers the most
    words: "Objekt Nr. der Rechnung" is "Objekt" + "Nr. der Rechnung", not "Objekt Nr." + two loose words; among
    equal covers exact labels beat OCR-tolerant ones ("Debitor" + "Rg.-Nr.", not a damaged "Debitoren-Nr."), then
    more labels beat fewer."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    n = len(tokens)
    # best[i] = (words covered from token i on, words covered exactly, labels used, chosen labels): on a tie the
    # finer split wins ("Rechnungs-Nr. Datum" are two labels, "Rechnungs-Nr./Datum" one)
    best: list[tuple[int, int, int, tuple[LabelHit, ...]]] = [(0, 0, 0, ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = best[i + 1]
        if any(ch.isalnum() for ch in tokens[i][2]):
            for width in (1, 2, 3, 4):
                if i + width > n:
                    break
                chunk = line[tokens[i][0]:tokens[i + width - 1][1]]
                if width > 1 and any(ch.isdigit() for ch in chunk):
                    break
                found = _classify(chunk.rstrip(":;.,"))
                ends = tokens[i + width - 1][2].endswith(":")  # "Rechnungs-Nr.: VR 25-9626": a label ends at ':'
                if found is not None and not found[2] and width > 1 and _house_prefix(tokens, i + width - 1):
                    found = None  # "Rechnung VR 24-3352": VR starts the number, it is no damaged "Nr"
                if found is not None and not found[2] and width > 1 and _stray_tail(line, tokens, i, width):
                    found = None  # "Gutschrift-Nr,; G, 2941/25": "G," is the damaged prefix "FR", not label
                if found is None:
                    if ends:
                        break
                    continue
                rest = best[i + width]
                option = (rest[0] + width, rest[1] + (width if found[2] else 0), rest[2] + 1,
                          (LabelHit(found[0], found[1], tokens[i][0], tokens[i + width - 1][1]),) + rest[3])
                if option[:3] > choice[:3]:
                    choice = option
                if ends:
                    break
        best[i] = choice
    return list(best[0][3])


def is_label_only(text: str) -> bool:
    """True when ``text`` is nothing but punctuation (what may stand between a label and its value)."""
    return bool(_LABEL_PUNCT.match(text))


def fold_text(text: str) -> str:
    """The folded form labels are compared in: lower case, accents and look-alikes folded, only a-z and 0-9."""
    return _fold(text)


def near(folded: str, word: str) -> bool:
    """``folded`` is ``word`` up to the OCR damage allowed for its length (one lost character at most)."""
    limit = _max_edits(len(word))
    return abs(len(folded) - len(word)) <= 1 and limit > 0 and _within(folded, word, limit)


def label_values(line: str, kind: LabelKind) -> list[str]:
    """The text after each label of ``kind`` on ``line`` up to the next label, stripped of separators
    ("Datum: 30,08 Kunde: 4711" -> ["30,08"] for DATE)."""
    hits = find_labels(line)
    return [line[hit.end:hits[k + 1].start if k + 1 < len(hits) else len(line)].strip(" :;|")
            for k, hit in enumerate(hits) if hit.kind is kind]
