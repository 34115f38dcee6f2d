"""A compact invoice description from which the writers produce XRechnung UBL and CII documents."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

XRECHNUNG_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CENT = Decimal("0.01")


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class PartySpec:
    name: str
    street: str
    city: str
    post_code: str
    email: str
    country: str = "DE"
    vat_id: str | None = None
    contact_name: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class LineSpec:
    name: str
    quantity: Decimal
    unit: str  # UN/ECE Rec 20, e.g. H87 piece, HUR hour, DAY
    price: Decimal
    vat_rate: Decimal = Decimal("19")

    @property
    def net(self) -> Decimal:
        return money(self.quantity * self.price)


@dataclass(frozen=True, slots=True)
class InvoiceSpec:
    number: str
    issue_date: date
    due_date: date
    seller: PartySpec
    buyer: PartySpec
    leitweg_id: str
    iban: str
    lines: tuple[LineSpec, ...]
    payment_terms: str = "Zahlbar innerhalb von 30 Tagen ohne Abzug."
    type_code: str = "380"
    currency: str = "EUR"
    order_reference: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def net_total(self) -> Decimal:
        return sum((ln.net for ln in self.lines), Decimal("0.00"))

    def vat_groups(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        """(rate, taxable, tax) per VAT rate, rounded per group as EN 16931 BR-CO-17 expects."""
        groups: dict[Decimal, Decimal] = {}
        for ln in self.lines:
            groups[ln.vat_rate] = groups.get(ln.vat_rate, Decimal("0.00")) + ln.net
        return [(rate, base, money(base * rate / 100)) for rate, base in sorted(groups.items())]

    @property
    def vat_total(self) -> Decimal:
        return sum((tax for _, _, tax in self.vat_groups()), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net_total + self.vat_total


def leitweg_with_check(base: str) -> str:
    """Append the ISO 7064 mod 97-10 check digits to 'Grob-Fein'."""
    digits = "".join(str(int(c, 36)) for c in base.replace("-", "").upper())
    check = 98 - int(digits + "00") % 97
    return f"{base}-{check:02d}"


def iban_de(bank_code: str, account: str) -> str:
    bban = bank_code + account.rjust(10, "0")
    check = 98 - int(bban + "131400") % 97
    return f"DE{check:02d}{bban}"


SELLERS = [
    ("Bürobedarf Schneider GmbH", "Hauptstraße 12", "Köln", "50667", "DE123456789", "Kopierpapier A4, 500 Blatt", "H87", "4.85"),
    ("Elektro Wagner KG", "Industriestraße 5", "Bonn", "53111", "DE811234567", "Elektroinstallation Turnhalle", "HUR", "68.00"),
    ("Grünpflege Meyer e.K.", "Am Feldrain 3", "Siegburg", "53721", "DE276543210", "Heckenschnitt Friedhof", "HUR", "52.50"),
    ("IT-Systemhaus Hoffmann GmbH", "Technologiepark 9", "Düsseldorf", "40210", "DE301234568", "Notebook 14 Zoll", "H87", "899.00"),
    ("Reinigungsdienst Sauber & Co. KG", "Lindenweg 22", "Troisdorf", "53840", "DE287654321", "Unterhaltsreinigung Rathaus", "MON", "2450.00"),
    ("Stadtwerke Musterstadt GmbH", "Werkstraße 1", "Musterstadt", "50999", "DE812345670", "Strom Verwaltungsgebäude", "KWH", "0.31"),
]


def random_invoice(rng: random.Random, n: int, *, buyer_city: str = "Musterstadt") -> InvoiceSpec:
    """A plausible municipal supplier invoice; deterministic for a seeded ``rng``."""
    name, street, city, plz, vat, item, unit, price = SELLERS[rng.randrange(len(SELLERS))]
    issue = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
    lines = tuple(
        LineSpec(f"{item} (Pos. {i + 1})", Decimal(rng.randrange(1, 40)), unit,
                 Decimal(price) * Decimal(rng.choice(["1", "1.1", "0.95", "1.25"])).quantize(CENT),
                 Decimal(rng.choice(["19", "19", "7"])))
        for i in range(rng.randrange(1, 5))
    )
    skonto = rng.random() < 0.4
    terms = ("#SKONTO#TAGE=14#PROZENT=2.00#\n" if skonto else "") + "Zahlbar innerhalb von 30 Tagen."
    return InvoiceSpec(
        number=f"R-{issue.year}-{n:05d}-{rng.randrange(1000, 9999)}", issue_date=issue,
        due_date=issue + timedelta(days=30),
        seller=PartySpec(name, street, city, plz, f"rechnung@{name.split()[0].lower().replace('ü', 'ue').replace('ö', 'oe')}.example", vat_id=vat,
                         contact_name="Buchhaltung", phone="+49 221 123456"),
        buyer=PartySpec(f"Stadt {buyer_city}", "Rathausplatz 1", buyer_city, "50999",
                        "rechnungseingang@musterstadt.example"),
        leitweg_id=leitweg_with_check(rng.choice(["05315000-RE001", "05315000-BAU63", "05315000-ORD32"])),
        iban=iban_de("37050198", str(rng.randrange(10**9, 10**10))), lines=lines, payment_terms=terms,
        order_reference=f"B-{rng.randrange(10000, 99999)}",
    )
