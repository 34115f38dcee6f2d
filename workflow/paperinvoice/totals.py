"""Net, VAT and gross totals of a paper invoice, cross-checked by arithmetic (net + VAT = gross).

Labels find the candidates; the arithmetic decides between them. Labels are read tolerantly (OCR damage,
lost accents) and paired with amounts in three shapes: on one line ("Summe netto 1.234,56 €", also several
label/amount pairs merged into one OCR line), label line then amount line, and a column of labels followed by a
column of amounts (not when the amounts outnumber the labels and pairing from the top and from the bottom
differ: item amounts may head the column; and, to be confirmed by the arithmetic, when OCR merged the last
label with the column's first amount). Cents OCR split off ("EUR 586, 40") give a damaged amount, a gross
among them only where net + VAT confirm it. When the labels do not add up, an unlabelled triple is accepted
only if it is unique: net + VAT = gross with VAT between 7 % and 19 % of net, its gross no labelled net. A
total that is not printed stays None.
Pure: text in, ``Totals`` out.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from workflow.paperinvoice.amounts import FoundAmount, damaged_amount, find_amounts
from workflow.paperinvoice.labels import fold_text, near
from workflow.paperinvoice.stamps import split_stamps

_NET_WORDS = ("netto", "zwischensumme", "warenwert", "nettowert", "summepositionen", "positionssumme", "entgelt",
              "exkl", "ohnemwst", "ohneust", "ohnesteuer", "ohneumsatzsteuer", "ohnemehrwertsteuer",
              # "Summe ohne ..." is the net whatever OCR made of the rest ("Summe ohne Sted0%BB": not a 0 % rate)
              "summeohne", "gesamtohne", "betragohne")
_VAT_WORDS = ("mwst", "ust", "umsatzsteuer", "mehrwertsteuer", "steuerbetrag", "vat", "mwstbetrag")
_GROSS_WORDS = ("brutto", "rechnungsbetrag", "rechnungssumme", "gesamtbetrag", "gesamtsumme", "endbetrag",
                "endsumme", "zahlbetrag", "zuzahlen", "total", "gutschriftsbetrag", "gutschriftbetrag",
                "erstattungsbetrag", "rechnungsendbetrag", "gesamtforderung", "bruttosumme", "inklmwst", "inklust",
                "forderungsbetrag", "auszahlungsbetrag")
_INCLUDING = ("inklmwst", "inklust", "inklsteuer", "inklusivemwst", "inklusiveust", "inklumsatzsteuer",
              "inklmehrwertsteuer")
_NOT_TOTAL = ("skonto", "ustid", "steuernummer", "stnr", "rabatt", "anzahlung", "abschlag", "bereitsbezahlt",
              "einzelpreis", "zzglgesetzl", "preisezzgl",
              "epreis", "stuckpreis", "menge")  # the last three: a table's column header ("E-Preis € Summe €")
_LETTERS = re.compile(r"[^a-z]")
_BASE = re.compile(r"\b(?:auf|von|aus)\s*(?:€|EUR)?\s*$", re.IGNORECASE)
_EXEMPT = re.compile(r"§\s*(?:19|4)\b|steuerfrei|Kleinunternehmer|ohne\s+(?:Umsatzsteuer|USt|MwSt)|steuerbefreit",
                     re.IGNORECASE)
_RATE = re.compile(r"(\d{1,2})(?:[,.]0{1,2})?\s?%")
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Totals:
    """The three totals (None when not found) and what the arithmetic check said."""

    net: Decimal | None
    vat: Decimal | None
    gross: Decimal | None
    consistent: bool
    reasons: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=16384)
def label_kind(text: str) -> str | None:
    """"net", "vat", "gross", "other" (Skonto, USt-IdNr., ...) or None for the label text before an amount.

    Specific words first (exact, then within OCR damage), then a rate ("19 %") means VAT, and only then the
    generic "Gesamt"/"Summe" means gross - so a damaged "Gesamt neto" is not taken for the gross."""
    key = fold_text(text)
    if not key:
        return None
    if any(word in key for word in _NOT_TOTAL):
        return "other"
    kinds = (("net", _NET_WORDS), ("vat", _VAT_WORDS), ("gross", _GROSS_WORDS))
    if any(word in key for word in _INCLUDING):
        return "gross"  # "Summe inkl. MwSt.": the total with the tax, not the tax
    tokens = {_LETTERS.sub("", fold_text(t)) for t in text.split()}
    for kind, words in kinds:
        # short words ("USt", "MwSt") only as a word of their own: "Gerüst" and "August" are no VAT labels
        if any(word in key if len(word) > 4 else word in tokens for word in words):
            return kind
    pieces = [fold_text(t) for t in re.findall(r"[^\W\d_]{4,}", text)] + [key]
    for kind, words in kinds:
        for word in words:
            if len(word) < 5:
                continue
            # whole word, or the start or end of a compound ("Ncttosumme", "Summenctto") within OCR damage
            if any(near(piece, word) or len(piece) > len(word) + 2 and (
                    near(piece[:len(word)], word) or near(piece[-len(word):], word)) for piece in pieces):
                return kind
    if _RATE.search(text):
        return "vat"
    if "gesamt" in key or "summe" in key:
        return "gross"
    return None


@dataclass(frozen=True, slots=True)
class _Labelled:
    kind: str
    value: Decimal
    line: int
    damaged: bool = False  # read from "586, 40": counts only where net + VAT = gross confirms it


def _column_pairs(labels: Sequence[str | None], run: list[tuple[int, Decimal, bool]]) -> list[_Labelled]:
    """A column of labels paired in order with the column of amounts after it.

    Leading unreadable lines are dropped when the amounts are fewer. When the amounts are more than the labels,
    the column may start with item amounts ("Betrag EUR" over items and totals): unless pairing from the top and
    from the bottom gives the same figures, the column's labels are not used."""
    while len(labels) > len(run) and labels and labels[0] is None:
        labels = labels[1:]
    pairs = list(zip(labels, run))
    if len(run) > len(labels):
        kept = list(labels)
        while kept and kept[-1] is None:
            kept.pop()
        if [(k, v) for k, (_, v, _) in pairs if k] != [(k, v) for k, (_, v, _) in zip(kept, run[-len(kept):]) if k]:
            return []
    return [_Labelled(kind, value, line_no, damaged) for kind, (line_no, value, damaged) in pairs
            if kind is not None and kind != "other"]


def _pairs(lines: list[str]) -> tuple[list[_Labelled], list[tuple[int, Decimal]]]:
    """Labelled amounts (all three shapes) and every amount with its line.

    Label lines without amounts collect into a run (an unreadable short line keeps its place as None); the run of
    amount-only lines after it is paired with it (``_column_pairs``). Any other line ends both runs. A net or VAT
    line, or an amount-only line, whose cents OCR split off ("EUR 586, 40") gives a damaged amount; it is not
    among ``every`` (no unlabelled triple is built from it)."""
    found: list[_Labelled] = []
    every: list[tuple[int, Decimal]] = []
    labels: list[str | None] = []
    run: list[tuple[int, Decimal, bool]] = []

    def pair_runs() -> None:
        found.extend(_column_pairs(labels, run))
        labels.clear()
        run.clear()

    for i, line in enumerate(lines):
        amounts = find_amounts(line)
        if amounts and label_kind(line[:amounts[0].start]) in ("net", "vat", "gross"):
            amounts = find_amounts(line, totals_line=True)
        every.extend((i, abs(a.value)) for a in amounts)
        damaged = None if amounts else damaged_amount(line)
        if damaged is not None and _amount_only(line, [damaged]):
            run.append((i, abs(damaged.value), True))
            continue
        if damaged is not None and label_kind(line[:damaged.start]) in ("net", "vat"):
            pair_runs()
            found.append(_Labelled(label_kind(line[:damaged.start]) or "", abs(damaged.value), i, True))
            continue
        if not amounts:
            if run:
                pair_runs()
            kind = label_kind(line) if len(line) <= 60 else None
            if kind is not None or len(line) <= 30:
                labels.append(kind)
            else:
                labels.clear()  # a prose line ends a label column
            continue
        if _amount_only(line, amounts):
            run.extend((i, abs(a.value), False) for a in amounts)  # two amount cells OCR read as one line
            continue
        pair_runs()
        start = 0
        last_kind: str | None = None
        for a in amounts:
            before = line[start:a.start]
            kind = label_kind(before) or (last_kind if not before.strip(" €EUR.,:;*=%") else None)
            # "19 % auf 1.000,00 190,00": the amount after "auf" is the base; the VAT follows it
            if kind is not None and kind != "other" and not _BASE.search(before):
                found.append(_Labelled(kind, abs(a.value), i))
            last_kind = kind
            start = a.end
    pair_runs()
    return found, every


def _amount_only(line: str, amounts: list[FoundAmount]) -> bool:
    rest = line
    for a in reversed(amounts):
        rest = rest[:a.start] + rest[a.end:]
    return not re.sub(r"€|EUR|[\s:.,*=+-]", "", rest, flags=re.IGNORECASE)


def _merged_column_pairs(lines: list[str]) -> list[_Labelled]:
    """A label column whose last label OCR merged with the first amount of the amount column after it
    ("Nettobetrag / zzgl. 19 % MwSt. / Bruttobetrag EUR 22 264,08 / 4.230,18 EUR / 26.494,26"): the labels
    paired with the amounts in order. These pairs are readings to be confirmed (``damaged``): only
    net + VAT = gross makes them count."""
    out: list[_Labelled] = []
    labels: list[str | None] = []
    for i, line in enumerate(lines):
        amounts = find_amounts(line)
        if not amounts:
            kind = label_kind(line) if len(line) <= 60 else None
            labels = labels + [kind] if kind is not None or len(line) <= 30 else []
            continue
        kind = label_kind(line[:amounts[0].start])
        if len(amounts) == 1 and kind in ("net", "vat", "gross") and \
                any(k in ("net", "vat", "gross") for k in labels):
            run: list[tuple[int, Decimal, bool]] = [(i, abs(find_amounts(line, totals_line=True)[0].value), True)]
            for j in range(i + 1, len(lines)):
                after = find_amounts(lines[j])
                if not after or not _amount_only(lines[j], after):
                    break
                run.extend((j, abs(a.value), True) for a in after)
            column = [k for k in labels if k is not None] + [kind]
            if len(run) == len(column):
                out.extend(_column_pairs(column, run))
        labels = []
    return out


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d[\d\s.,]*\d|\d)\s*(?:€|EUR)?\s*$")


def _digits(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", "")


def _damaged_gross_digits(lines: list[str]) -> set[str]:
    """The digit strings of gross-labelled lines whose amount could not be read ("Rechnungsbetrag 031€")."""
    out: set[str] = set()
    for line in lines:
        m = _TRAILING_NUMBER.match(line)
        if m and not find_amounts(line, totals_line=True) and label_kind(m.group(1)) == "gross":
            out.add(re.sub(r"\D", "", m.group(2)))
    return out


def _vat_subsets(vats: list[Decimal]) -> list[Decimal]:
    sums: list[Decimal] = []
    for size in range(1, min(len(vats), 4) + 1):
        for combo in itertools.combinations(vats, size):
            sums.append(sum(combo, Decimal(0)))
    return sums


def _standard_vat(net: Decimal, vat: Decimal) -> bool:
    """VAT is exactly 19 % or 7 % of net, rounded to the cent."""
    return net > 0 and any((net * rate).quantize(CENT) == vat for rate in (Decimal("0.19"), Decimal("0.07")))


def _plausible_vat(net: Decimal, vat: Decimal) -> bool:
    if net <= 0:
        return False
    lo, hi = net * Decimal("0.07") - CENT * 2, net * Decimal("0.19") + CENT * 2
    return lo <= vat <= hi


def find_totals(text: str, lines: list[str] | None = None) -> Totals:
    """Totals from the text; prefers the combination where net + VAT = gross to the cent.

    ``lines``: the text's non-empty lines with receipt stamps already taken out (computed when not given).
    """
    if lines is None:
        lines = split_stamps([ln.strip() for ln in text.splitlines() if ln.strip()]).lines  # no stamps, no debris
    found, every = _pairs(lines)
    found += _merged_column_pairs(lines)
    # a damaged gross reading counts only where a labelled net plus VAT confirms it (step 1)
    gross_read = [f.value for f in found if f.kind == "gross"]
    gross_c = [f.value for f in found if f.kind == "gross" and not f.damaged]
    net_c = [f.value for f in found if f.kind == "net"]
    net_sure = {f.value for f in found if f.kind == "net" and not f.damaged}
    vat_c = list(dict.fromkeys(f.value for f in found if f.kind == "vat"))
    all_amounts = {v for _, v in every}
    # 1) a labelled gross that equals a labelled net plus some VAT lines (last gross first: the amount to pay)
    for gross in reversed(gross_read):
        for net in net_c:
            if net == gross and net in net_sure and net not in vat_c and \
                    not any(v > 0 and net + v in gross_c for v in vat_c):  # a damaged net is no proof of VAT 0
                return Totals(net, Decimal("0.00"), gross, True, {"vat": "keine Umsatzsteuer ausgewiesen"})
            for vat in _vat_subsets(vat_c):
                if vat > 0 and net + vat == gross:
                    return Totals(net, vat, gross, True, {})
    # 2) labelled net and VAT, the gross an unlabelled figure; or labelled gross and VAT, net unlabelled
    for net in net_c:
        for vat in _vat_subsets(vat_c):
            if vat > 0 and net + vat in all_amounts:
                return Totals(net, vat, net + vat, True, {})
    for gross in reversed(gross_c):
        for vat in _vat_subsets(vat_c):
            if vat > 0 and gross - vat in all_amounts and _plausible_vat(gross - vat, vat):
                return Totals(gross - vat, vat, gross, True, {})
    # 2b) labelled net and VAT; the gross line is there but OCR broke its amount ("031€", "44806, 19"): its
    # digits must be exactly those of net + VAT
    damaged = _damaged_gross_digits(lines) if net_c and vat_c else set()
    for net in net_c:
        for vat in _vat_subsets(vat_c):
            if vat > 0 and _plausible_vat(net, vat) and _digits(net + vat) in damaged:
                return Totals(net, vat, net + vat, True, {
                    "gross": "Bruttobetrag unleserlich gedruckt; Netto + USt stimmt Ziffer für Ziffer - bitte prüfen"})
    # 3) tax-exempt invoice (§ 19 / § 4 UStG): gross = net when no VAT amount is printed
    if not vat_c and _EXEMPT.search(text) and (net_c or gross_c):
        value = (net_c or gross_c)[0]
        if not gross_c or value in gross_c:
            return Totals(value, Decimal("0.00"), value, True,
                          {"vat": "steuerfrei laut Rechnungstext (§ 19/§ 4 UStG): USt 0, Brutto = Netto"})
    # 4) no labels agree: a unique unlabelled triple with a plausible VAT rate
    # a labelled net is no gross: items adding up to the net are no totals triple
    triples = {(n, g - n, g) for (_, n), (_, g) in itertools.permutations(every, 2)
               if g > n and g - n in all_amounts and _plausible_vat(n, g - n) and g not in net_c}
    if gross_c:
        triples = {t for t in triples if t[2] == gross_c[-1]} or triples
    if len(triples) > 1:
        # "12,72 / 77,05 / 89,77 / 6,28 / 96,05": two items that add up to the net look like a triple too; the
        # totals are the triple whose net is the gross of every other one
        top = max(triples, key=lambda t: t[2])
        if all(t == top or t[2] == top[0] for t in triples):
            triples = {top}
    if len({t[2] for t in triples}) == 1 and len(triples) == 1:
        net_t, vat_t, gross_t = triples.pop()
        return Totals(net_t, vat_t, gross_t, True, {"gross": "Beträge ohne lesbare Bezeichnung: Netto + USt = Brutto "
                                                        "passt nur für diese Zahlen - bitte prüfen"})
    reasons: dict[str, str] = {}
    last_gross = gross_c[-1] if gross_c else None
    first_net = net_c[0] if net_c else None
    vat_sum = sum(vat_c, Decimal(0)) if vat_c else None
    for key, amount in (("gross", last_gross), ("net", first_net), ("vat", vat_sum)):
        if amount is None:
            reasons[key] = "Betrag nicht gefunden"
    if last_gross is not None and first_net is not None and vat_sum is not None and \
            _standard_vat(first_net, vat_sum):
        # net and VAT agree with a German VAT rate to the cent: the gross is the misread figure - say so, no guess
        reasons["gross"] = (f"gelesener Bruttobetrag {last_gross} passt nicht zu Netto + USt "
                            f"({first_net + vat_sum}) - am Original prüfen")
        return Totals(first_net, vat_sum, None, False, reasons)
    if last_gross is not None and (first_net is not None or vat_sum is not None):
        # the labelled gross stays (it is what is to be paid); parts that do not add up are not reported
        reasons["net"] = reasons["vat"] = "Netto + USt ergibt nicht den Bruttobetrag - am Original prüfen"
        return Totals(None, None, last_gross, False, reasons)
    if len(vat_c) > 1:
        # several VAT figures that no net or gross confirms: their sum would be a guess
        vat_sum = None
        reasons["vat"] = "mehrere USt-Beträge gelesen, keiner durch Netto/Brutto bestätigt - am Original prüfen"
    return Totals(first_net, vat_sum, last_gross, False, reasons)


__all__ = ["FoundAmount", "Totals", "find_totals", "label_kind"]
