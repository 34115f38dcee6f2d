"""Held-out paper-invoice texts as OCR would linearise them: varied layouts, labels, formats and OCR damage.

Used to measure the field extractor on invoices it was not written against (``bench/paper_fields.py``,
tests). Each document carries the true field values; the text varies in label wording and order, in how the
info block sits next to the address (same line, next line, whole label column before the value column, header
row), in date, amount and IBAN formats, distractor dates (delivery, order, receipt stamp) and in OCR noise
(letters for digits, lost diacritics, "ć" for "c", split and merged lines, debris from stamps and punch holes).
Pure: (count, seed) in, documents out.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Mapping

from workflow.paperinvoice import heldout_words as w

CENT = Decimal("0.01")


class InfoLayout(StrEnum):
    """How the reference block (number, date, ...) comes out of OCR."""

    INLINE = "inline"  # "Rechnungsnummer: 123" after the address
    BESIDE = "beside"  # address line and info line read as one line
    STACKED = "stacked"  # label line, value line
    COLUMNS = "columns"  # all labels, then (later) all values
    COLUMNS_BESIDE = "columns_beside"  # labels beside the address, values alone afterwards
    HEADER_ROW = "header_row"  # one line of labels, one line of values
    SUBJECT = "subject"  # "Rechnung Nr. X vom D" and "Ort, den D"


@dataclass(frozen=True, slots=True)
class HeldOutInvoice:
    """One generated invoice text and the values a reader should find in it."""

    text: str
    truth: Mapping[str, str | None]
    layout: InfoLayout
    noise: float
    tags: tuple[str, ...] = field(default=())


def _money(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- OCR damage
_CHAR_SWAPS = {"e": "c", "c": "ć", "i": "í", "ü": "u", "ö": "o", "ä": "a", "ß": "B", "l": "I", "n": "u",
               "h": "b", ".": ",", ":": ";", "r": "t", "a": "á", "s": "š", "N": "H", "R": "K", "-": "—"}
_DIGIT_LOOKS = {"0": "O", "1": "l", "5": "S", "8": "B", "6": "G", "2": "Z"}


def damage_words(text: str, rng: random.Random, level: float) -> str:
    """Letter-level OCR damage for labels and prose (never applied to the value strings)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("rn", i) and rng.random() < level:
            out.append("m")
            i += 2
            continue
        ch = text[i]
        r = rng.random()
        if r < level and ch in _CHAR_SWAPS:
            out.append(_CHAR_SWAPS[ch])
        elif r < level * 1.2 and ch.isalpha():
            pass  # lost character
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def damage_value(text: str, rng: random.Random, level: float) -> str:
    """OCR reading a digit as a similar letter ("O" for 0, "l" for 1) inside a value; digits stay digits."""
    return "".join(_DIGIT_LOOKS[ch] if ch in _DIGIT_LOOKS and rng.random() < level else ch for ch in text)


def _garbage(rng: random.Random) -> str:
    return rng.choice(("„ . i", "©", "|", "i", "- —", "‚ ,", "Ss", "1", "«", "E ;"))


# ---------------------------------------------------------------- document parts
@dataclass(slots=True)
class _Doc:
    rng: random.Random
    level: float
    credit: bool
    lines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def words(self, text: str) -> str:
        return damage_words(text, self.rng, self.level)

    def value(self, text: str) -> str:
        return damage_value(text, self.rng, self.level * 0.4)


def _sep(rng: random.Random) -> str:
    return rng.choice((": ", " ", ":  ", " : ", "  ", ":"))


def _info_pairs(doc: _Doc, number: str, issued: date, letterhead_city: str) -> list[tuple[str, str]]:
    rng = doc.rng
    nlabel = rng.choice(w.CREDIT_NUMBER_LABELS if doc.credit else w.NUMBER_LABELS)
    dlabel = rng.choice(w.CREDIT_DATE_LABELS if doc.credit else w.DATE_LABELS)
    date_printed = w.day_text(issued, rng)
    if rng.random() < 0.06:  # the year partly unreadable: only the context can place it
        date_printed = date_printed.replace(str(issued.year), rng.choice(("2O", "2o")) + str(issued.year)[2:])
        doc.tags.append("year_letters")
    pairs = [(nlabel, doc.value(number)), (dlabel, date_printed)]
    extra: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        served = issued - timedelta(days=rng.randint(1, 40))
        extra.append((rng.choice(w.SERVICE_DATE_LABELS), w.day_text(served, rng)))
        doc.tags.append("service_date")
    for label in rng.sample(w.OTHER_LABELS, rng.randint(0, 3)):
        if label == "Ihre Bestellung":
            extra.append((label, f"vom {w.day_text(issued - timedelta(days=rng.randint(5, 90)), rng)}"))
        elif label == "Seite":
            extra.append((label, "1 von 1"))
        elif label in ("Sachbearbeiter", "Unser Zeichen"):
            extra.append((label, rng.choice(("Fr. Lenz", "Hr. Okafor", "mk/ts", "BV-12"))))
        else:
            extra.append((label, f"{rng.choice(('', 'K', 'P-', '10-'))}{rng.randint(1000, 999999)}"))
    pairs.extend(extra)
    if rng.random() < 0.7:
        rng.shuffle(pairs)
    return pairs


def _address(doc: _Doc) -> list[str]:
    rng = doc.rng
    town = rng.choice(w.TOWNS)
    street = f"{rng.choice(('Rathausplatz', 'Marktstraße', 'Postfach'))} {rng.randint(1, 40)}"
    lines = [town, rng.choice(w.DEPTS), street, f"{rng.randint(10000, 99999)} {town.split()[-1]}"]
    return [doc.words(ln) for ln in lines if ln]


def _info_block(doc: _Doc, pairs: list[tuple[str, str]], address: list[str], layout: InfoLayout,
                number: str, issued: date, city: str) -> list[str]:
    rng = doc.rng
    labels = [doc.words(lab) for lab, _ in pairs]
    values = [val for _, val in pairs]
    if layout is InfoLayout.INLINE:
        return address + [""] + [f"{lab}{_sep(rng)}{val}" for lab, val in zip(labels, values)]
    if layout is InfoLayout.BESIDE:
        rows = [f"{lab}{_sep(rng)}{val}" for lab, val in zip(labels, values)]
        out = []
        for i in range(max(len(address), len(rows))):
            left = address[i] if i < len(address) else ""
            right = rows[i] if i < len(rows) else ""
            out.append(f"{left}{' ' * rng.randint(1, 3)}{right}".strip())
        return out
    if layout is InfoLayout.STACKED:
        out = address + [""]
        for lab, val in zip(labels, values):
            out += [lab.rstrip() + rng.choice(("", ":")), val]
        return out
    if layout is InfoLayout.COLUMNS:
        between = [] if rng.random() < 0.5 else \
            [doc.words(rng.choice(("Rechnung", "Sehr geehrte Damen und Herren,")))]
        return address + [""] + [lab + rng.choice(("", ":")) for lab in labels] + [""] + between + values
    if layout is InfoLayout.COLUMNS_BESIDE:
        out = []
        for i in range(max(len(address), len(labels))):
            left = address[i] if i < len(address) else ""
            right = labels[i] if i < len(labels) else ""
            out.append(f"{left} {right}".strip())
        return out + [""] + values
    if layout is InfoLayout.HEADER_ROW:
        gap = " " * rng.randint(1, 3)
        return address + ["", gap.join(labels), gap.join(values)]
    subject = doc.words(rng.choice(("Gutschrift Nr.", "Gutschrift")) if doc.credit else
                        rng.choice(("Rechnung Nr.", "Rechnung", "RECHNUNG Nr.", "Rechnung-Nr.")))
    when = w.day_text(issued, rng)
    lines = address + ["", f"{city}, {rng.choice(('den ', ''))}{when}".strip(), "",
                       f"{subject} {doc.value(number)} {rng.choice(('vom ' + when, '', ''))}".strip()]
    doc.tags.append("subject")
    return lines


def _totals(doc: _Doc, net: Decimal, vat_parts: list[tuple[int, Decimal]], gross: Decimal) -> list[str]:
    rng = doc.rng
    rows = [(rng.choice(w.NET_LABELS), w.money(net, rng))]
    for rate, vat in vat_parts:
        label = rng.choice((f"zzgl. {rate} % MwSt.", f"USt. {rate} %", f"{rate}% Umsatzsteuer", f"MwSt {rate},0 %",
                            f"+ {rate} % USt"))
        rows.append((label, w.money(vat, rng)))
    rows.append((rng.choice(w.CREDIT_GROSS_LABELS if doc.credit else w.GROSS_LABELS), w.money(gross, rng)))
    if rng.random() < 0.15:
        skonto = _money(gross * Decimal("0.02"))
        rows.append(("abzgl. 2 % Skonto bei Zahlung binnen 10 Tagen", w.money(skonto, rng)))
        doc.tags.append("skonto")
    style = rng.random()
    if style < 0.2:  # label column then amount column
        doc.tags.append("totals_columns")
        return [doc.words(lab) for lab, _ in rows] + [amt for _, amt in rows]
    if style < 0.3:
        return [ln for lab, amt in rows for ln in (doc.words(lab), amt)]
    return [f"{doc.words(lab)}{' ' * rng.randint(1, 4)}{amt}" for lab, amt in rows]


def _items(doc: _Doc, credit: bool) -> tuple[list[str], Decimal]:
    rng = doc.rng
    lines = [doc.words(rng.choice(("Pos Menge Bezeichnung Einzelpreis Betrag", "Leistung Anzahl Preis Summe",
                                   "Art.-Nr. Artikel Menge E-Preis Gesamt")))]
    total = Decimal(0)
    for pos in range(1, rng.randint(2, 7)):
        qty = rng.choice((1, 1, 2, 3, 5, 10, 12, 40))
        price = _money(Decimal(rng.randint(150, 250000)) / 100)
        amount = _money(price * qty)
        total += amount
        lines.append(f"{pos} {qty} {doc.words(rng.choice(w.GOODS))} {w.money(price, rng).rstrip(' €EUR')} "
                     f"{w.money(amount, rng).rstrip(' €EUR')}")
    return lines, total


def _footer(doc: _Doc, seller: str, street: str, city: str, iban: str) -> list[str]:
    rng = doc.rng
    printed = doc.value(w.iban_text(iban, rng))
    bank = [doc.words(rng.choice(("Sparkasse", "Volksbank eG", "Kreissparkasse", "Raiffeisenbank"))),
            f"{rng.choice(('IBAN', 'IBAN:', 'IBAN-Nr.', 'Iban'))} {printed}",
            f"BIC {rng.choice(('WELADED1XXX', 'GENODEF1ABC', 'BYLADEM1001'))}"]
    tax_no = f"St.-Nr. {rng.randint(10, 99)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}"
    legal = [f"USt-IdNr. DE{rng.randint(100000000, 999999999)}", tax_no,
             doc.words(f"Amtsgericht {city} HRB {rng.randint(1000, 99999)}")]
    contact = [doc.words(seller), doc.words(street), f"Tel. 0{rng.randint(200, 9999)} {rng.randint(10000, 999999)}"]
    blocks = [contact, bank, legal]
    rng.shuffle(blocks)
    if rng.random() < 0.4:  # footer columns read across
        doc.tags.append("footer_across")
        return [" ".join(b[i] for b in blocks) for i in range(3)]
    return [ln for b in blocks for ln in b]


def _line_noise(lines: list[str], rng: random.Random, level: float) -> list[str]:
    out: list[str] = []
    for ln in lines:
        r = rng.random()
        if r < level * 0.5:
            out.append(_garbage(rng))
        if r > 1 - level * 0.3 and out and len(out[-1]) < 30 and len(ln) < 30:
            out[-1] = f"{out[-1]} {ln}"  # two short lines read as one
            continue
        out.append(ln)
    return out


def _one(rng: random.Random, level: float) -> HeldOutInvoice:
    credit = rng.random() < 0.15
    doc = _Doc(rng, level, credit)
    seller = w.company(rng)
    street = f"{rng.choice(w.STREETS)} {rng.randint(1, 120)}{rng.choice(('', '', 'a', 'b'))}"
    city = rng.choice(w.CITIES)
    zip_city = f"{rng.randint(10000, 99999)} {city}"
    issued = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1150))
    number = w.invoice_number(rng, issued.year, credit)
    account = w.iban(rng)
    layout = rng.choice(list(InfoLayout))
    head = rng.random()
    if head < 0.5:
        doc.lines += [doc.words(seller), doc.words(f"{street} · {zip_city}")]
    elif head < 0.8:
        dot, comma = rng.choice(("·", "-", "|", "•")), rng.choice(("·", "-", ","))
        doc.lines += [doc.words(f"{seller} {dot} {street} {comma} {zip_city}")]
    else:
        doc.lines += [doc.words(seller), doc.words(street), doc.words(zip_city)]
    pairs = [] if layout is InfoLayout.SUBJECT else _info_pairs(doc, number, issued, city)
    doc.lines += _info_block(doc, pairs, _address(doc), layout, number, issued, city)
    if layout is not InfoLayout.SUBJECT and rng.random() < 0.5:
        doc.lines += ["", doc.words(rng.choice(("Gutschrift", "Rechnungskorrektur")) if credit
                                    else rng.choice(("Rechnung", "RECHNUNG", "Schlussrechnung", "Rechnung")))]
    if credit and rng.random() < 0.6:
        old = w.invoice_number(rng, issued.year, False)
        doc.lines.append(doc.words(f"zu unserer Rechnung {old} vom ") +
                         w.day_text(issued - timedelta(days=rng.randint(10, 200)), rng))
        doc.tags.append("reference_invoice")
    doc.lines += ["", doc.words(rng.choice(("Sehr geehrte Damen und Herren,", "Guten Tag,", ""))),
                  doc.words(rng.choice(("wir berechnen Ihnen wie vereinbart:",
                                        "für unsere Leistungen stellen wir in Rechnung:",
                                        "wir schreiben Ihnen gut:" if credit else "anbei unsere Abrechnung:")))]
    item_lines, net = _items(doc, credit)
    doc.lines += item_lines
    rates = rng.choice(((19,), (19,), (7,), (19, 7), (0,)))
    vat_parts = [(r, _money(net * r / 100 / len(rates))) for r in rates if r]
    vat = sum((v for _, v in vat_parts), Decimal(0))
    gross = net + vat
    doc.lines += _totals(doc, net, vat_parts, gross)
    if not vat_parts:
        doc.lines.append(doc.words("Umsatzsteuerfrei nach § 19 UStG (Kleinunternehmer)."))
    doc.lines.append(doc.words(rng.choice((
        f"Zahlbar innerhalb von {rng.choice((14, 30))} Tagen ohne Abzug.",
        "Bitte überweisen Sie den Betrag auf unser Konto.",
        "Der Betrag wird verrechnet." if credit else "Zahlbar sofort, rein netto."))))
    doc.lines += ["", doc.words(rng.choice(("Mit freundlichen Grüßen", "Freundliche Grüße", "")))]
    doc.lines += _footer(doc, seller, street, city, account)
    if rng.random() < 0.6:  # receipt stamp, read wherever it sits
        stamp = issued + timedelta(days=rng.randint(1, 21))
        where = rng.randint(1, len(doc.lines) - 1)
        doc.lines[where:where] = [rng.choice(w.STAMP_WORDS), w.day_text(stamp, rng)]
        doc.tags.append("stamp")
    lines = _line_noise(doc.lines, rng, level)
    truth = {"invoice_number": number, "invoice_date": issued.isoformat(), "gross": str(gross), "net": str(net),
             "vat": str(_money(vat)), "iban": account}
    return HeldOutInvoice("\n".join(lines), truth, layout, level, tuple(doc.tags))


def generate_invoices(count: int, seed: int,
                      noise: tuple[float, ...] = (0.0, 0.01, 0.02, 0.04)) -> list[HeldOutInvoice]:
    """``count`` invoices; each draws its OCR damage level from ``noise``."""
    rng = random.Random(seed)
    return [_one(rng, rng.choice(noise)) for _ in range(count)]
