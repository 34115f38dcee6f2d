"""More held-out paper-invoice texts: sender and info-block placements that ``heldout`` does not make.

Kept apart from ``heldout.generate_invoices`` so that its seeded sets stay comparable between versions. Here:

* sender: letterhead + "street · zip city", only the return-address line (separators "·", "-", ":", "»"),
  a sidebar read after the body (the document title comes first), or only the footer's company line;
* info block: "label: value" lines left, "label   value" right of the address window, a table of
  "Label      value" lines, a label column broken by the address lines OCR read between the labels, or a
  subject line "Rechnung Nr. X vom D";
* numbers with a letter prefix and a space ("HW 7851/25"), plain six digits, "RE-2025-00417", ...;
* amounts "1.234,56 €", "EUR 1.234,56", "1234,56", "1 234,56"; dates "03.02.2025", "3. Februar 2025",
  "03.02.25", "2025-02-03".

Each document carries its true seller name too. Pure: (count, seed) in, documents out.
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from workflow.paperinvoice import heldout_words as w
from workflow.paperinvoice.heldout import damage_words

CENT = Decimal("0.01")


class Sender(StrEnum):
    """Where the seller's name stands."""

    LETTERHEAD = "letterhead"
    RETURN_LINE = "return_line"
    SIDEBAR = "sidebar"
    FOOTER = "footer"


class Info(StrEnum):
    """How the invoice number and date are printed."""

    LEFT = "left"
    RIGHT = "right"
    TABLE = "table"
    BROKEN_COLUMN = "broken_column"
    SUBJECT = "subject"


@dataclass(frozen=True, slots=True)
class LayoutInvoice:
    """One generated text, its true field values and how it was laid out."""

    text: str
    truth: Mapping[str, str | None]
    sender: Sender
    info: Info


_NUMBER_LABELS = ("Rechnungs-Nr.", "Rechnung Nr.", "Beleg-Nr.", "Nummer", "RE-Nr", "Rechnungsnummer", "Re.-Nr.")
_DATE_LABELS = ("Datum", "Rechnungsdatum", "Belegdatum", "Ausgestellt am")
_TITLES = ("RECHNUNG", "Rechnung", "Schlussrechnung", "Abschlagsrechnung")
_CREDIT_TITLES = ("GUTSCHRIFT", "Gutschrift", "Rechnungskorrektur")
_PREFIXES = ("HW", "AR", "RE", "KB", "GS", "VR", "M")


def _number(rng: random.Random, year: int) -> str:
    yy = f"{year % 100:02d}"
    n = rng.randint(1, 9999)
    return rng.choice((f"{rng.choice(_PREFIXES)} {n}/{yy}", f"{rng.choice(_PREFIXES)} {yy}-{n:04d}",
                       str(rng.randint(100000, 999999)), f"RE-{year}-{n:05d}", f"{year}{n:04d}", f"{n}/{yy}"))


def _date(d: date, rng: random.Random) -> str:
    months = w.MONTHS_LONG
    return rng.choice((f"{d:%d.%m.%Y}", f"{d.day}. {months[d.month - 1]} {d.year}", f"{d:%d.%m.%y}", d.isoformat()))


def _amount(v: Decimal, rng: random.Random) -> str:
    whole, cents = f"{v:.2f}".split(".")
    dotted = f"{int(whole):,}".replace(",", ".")
    spaced = f"{int(whole):,}".replace(",", " ")
    return rng.choice((f"{dotted},{cents} €", f"EUR {dotted},{cents}", f"{whole},{cents}", f"{spaced},{cents}"))


def _money(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def _info(rng: random.Random, kind: Info, address: list[str], number: str, issued: date, credit: bool,
          city: str) -> list[str]:
    nlabel = rng.choice(_NUMBER_LABELS if not credit else ("Gutschrift-Nr.", "Beleg-Nr.", "Nummer"))
    dlabel = rng.choice(_DATE_LABELS)
    when = _date(issued, rng)
    other = ("Kunden-Nr.", str(rng.randint(10000, 99999)))
    rows = [(nlabel, number), (dlabel, when), other]
    if rng.random() < 0.3:
        rows.append(("Leistungsdatum", _date(issued - timedelta(days=rng.randint(1, 30)), rng)))
    rng.shuffle(rows)
    if kind is Info.LEFT:
        return address + [f"{lab}{rng.choice((': ', ' ', ':  '))}{val}" for lab, val in rows]
    if kind is Info.RIGHT:
        width = max(len(a) for a in address) + rng.randint(4, 20)
        out = []
        for i in range(max(len(address), len(rows))):
            left = address[i] if i < len(address) else ""
            right = f"{rows[i][0]}{' ' * rng.randint(2, 4)}{rows[i][1]}" if i < len(rows) else ""
            out.append(f"{left.ljust(width)}{right}".rstrip() if left else right)
        return out
    if kind is Info.TABLE:
        pad = max(len(lab) for lab, _ in rows) + rng.randint(2, 8)
        return address + [f"{lab.ljust(pad)}{val}" for lab, val in rows]
    if kind is Info.BROKEN_COLUMN:
        labels = [f"{lab}:" for lab, _ in rows]
        out = []
        for i in range(max(len(address), len(labels))):
            if i < len(labels):
                out.append(labels[i])
            if i < len(address):
                out.append(address[i])
        return out + [val for _, val in rows]
    title = rng.choice(("Rechnung Nr.", "Rechnung", "RECHNUNG Nr.")) if not credit else "Gutschrift Nr."
    return address + [f"{city}, {when}", f"{title} {number}"]


def _one(rng: random.Random) -> LayoutInvoice:
    credit = rng.random() < 0.15
    sender, info = rng.choice(list(Sender)), rng.choice(list(Info))
    seller = w.company(rng)
    while sender is Sender.FOOTER and not seller.endswith(("GmbH", "KG", "e.K.", "AG", "OHG", "GbR", ")")):
        seller = w.company(rng)
    street = f"{rng.choice(w.STREETS)} {rng.randint(1, 120)}{rng.choice(('', 'a'))}"
    city = rng.choice(w.CITIES)
    zip_city = f"{rng.randint(10000, 99999)} {city}"
    issued = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    number = _number(rng, issued.year)
    account = w.iban(rng)
    town = rng.choice(w.TOWNS)
    recipient_city = f"{rng.randint(10000, 99999)} {town.split()[-1]}"
    address = [town, rng.choice(w.DEPTS), f"Marktplatz {rng.randint(1, 30)}", recipient_city]
    title = rng.choice(_CREDIT_TITLES if credit else _TITLES)
    lines: list[str] = []
    if sender is Sender.LETTERHEAD:
        lines += [seller, f"{street} · {zip_city}"]
    elif sender is Sender.RETURN_LINE:
        dot = rng.choice(("·", "-", ":", "»", "|"))
        lines += [f"{seller} {dot} {street} {dot} {zip_city}"]
    else:
        lines += [title]
    lines += _info(rng, info, address, number, issued, credit, city)
    if sender in (Sender.LETTERHEAD, Sender.RETURN_LINE) and info is not Info.SUBJECT:
        lines.append(title)
    if credit:
        lines.append(f"zu unserer Rechnung {_number(rng, issued.year)} vom "
                     f"{_date(issued - timedelta(days=rng.randint(5, 90)), rng)}")
    net = Decimal(0)
    for _ in range(rng.randint(1, 4)):
        qty, price = rng.choice((1, 2, 5, 12)), _money(Decimal(rng.randint(500, 300000)) / 100)
        net += price * qty
        lines.append(f"{rng.choice(w.GOODS)} {qty} {price:.2f} {_money(price * qty):.2f}".replace(".", ","))
    rate = rng.choice((19, 19, 7))
    vat = _money(net * rate / 100)
    gross = net + vat
    lines += [f"{rng.choice(('Summe netto', 'Nettobetrag', 'Netto'))} {_amount(net, rng)}",
              f"zzgl. {rate} % USt {_amount(vat, rng)}",
              f"{rng.choice(w.CREDIT_GROSS_LABELS if credit else w.GROSS_LABELS)} {_amount(gross, rng)}",
              "Bitte überweisen Sie den Betrag auf unser Konto." if not credit else "Der Betrag wird erstattet."]
    if sender is Sender.SIDEBAR:
        lines += [seller, street, zip_city, f"Tel. 0{rng.randint(200, 9999)} {rng.randint(10000, 999999)}"]
    lines.append(f"IBAN {w.iban_text(account, rng)} BIC {rng.choice(('WELADED1XXX', 'GENODEF1ABC'))}")
    register = f"Amtsgericht {city} HRB {rng.randint(1000, 99999)}"
    lines.append(f"{seller} {register}" if sender is not Sender.LETTERHEAD or rng.random() < 0.5 else register)
    # light OCR damage on prose and label lines (never on values or the seller's name)
    lines = [damage_words(ln, rng, 0.01) if rng.random() < 0.2 and not any(c.isdigit() for c in ln)
             and seller not in ln else ln for ln in lines]
    truth = {"seller_name": seller, "invoice_number": number, "invoice_date": issued.isoformat(),
             "gross": str(_money(gross)), "net": str(_money(net)), "vat": str(vat), "iban": account}
    return LayoutInvoice("\n".join(lines), truth, sender, info)


def generate_layout_invoices(count: int, seed: int) -> list[LayoutInvoice]:
    """``count`` invoices in the layouts above, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [_one(rng) for _ in range(count)]
