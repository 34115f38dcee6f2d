"""Random senders, recipients, dates, IBANs and Leitweg-IDs for synthetic letters (seeded, deterministic)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.iso7064 import mod_97_10

from workflow.training import lexicon as lx

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")


@dataclass(frozen=True, slots=True)
class Sender:
    name: str
    street: str
    zip_city: str
    phone: str
    email: str
    iban: str
    bic: str
    bank: str
    vat_id: str
    register: str
    manager: str


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str  # e.g. "Stadt Lindenau"
    town: str
    street: str
    zip_city: str


def person(rng: random.Random) -> str:
    return f"{rng.choice(lx.FIRST_NAMES)} {rng.choice(lx.LAST_NAMES)}"


def zip_code(rng: random.Random) -> str:
    return f"{rng.randint(1067, 99998):05d}"


def phone(rng: random.Random) -> str:
    return rng.choice(("0{a} {b}", "(0{a}) {b}", "+49 {a} {b}", "0{a}/{b}-{c}")).format(
        a=rng.randint(30, 9999), b=rng.randint(10000, 999999), c=rng.randint(10, 99))


def make_iban(rng: random.Random) -> str:
    bban = f"{rng.randint(10000000, 89999999)}{rng.randint(0, 9999999999):010d}"
    check = 98 - int(bban + "131400") % 97  # D=13 E=14
    return f"DE{check:02d}{bban}"


def make_leitweg(rng: random.Random) -> str:
    grob = rng.choice(("01", "03", "05", "06", "07", "08", "09", "12", "14", "16")) + str(rng.randint(1, 9999999999)).zfill(
        rng.choice((3, 6, 10)))[: rng.choice((3, 6, 10))]
    fein = rng.choice(("", str(rng.randint(1, 99999)).zfill(5), f"{rng.choice('ABCRE')}{rng.randint(100, 9999)}"))
    body = grob + ("-" + fein if fein else "")
    digits = "".join(str(int(ch, 36)) for ch in body.replace("-", ""))
    return f"{body}-{mod_97_10.calc_check_digits(digits)}"


def company(rng: random.Random, branch: str) -> str:
    form = rng.choice(lx.COMPANY_FORMS).format(person=person(rng))
    pattern = rng.choice(("{ln} {br} {form}", "{br} {ln} {form}", "{ln} & {ln2} {br} {form}", "{br} {town} {form}",
                          "{ln} {br}"))
    return pattern.format(ln=rng.choice(lx.LAST_NAMES), ln2=rng.choice(lx.LAST_NAMES), br=branch, form=form,
                          town=rng.choice(lx.CITIES)).strip()


def sender(rng: random.Random, name: str) -> Sender:
    city = rng.choice(lx.CITIES)
    slug = "".join(ch for ch in name.lower().split()[0] if ch.isalpha()) or "firma"
    return Sender(
        name=name, street=f"{rng.choice(lx.STREETS)} {rng.randint(1, 180)}", zip_city=f"{zip_code(rng)} {city}",
        phone=phone(rng), email=f"{rng.choice(('info', 'buchhaltung', 'rechnung', 'kontakt'))}@{slug}.de",
        iban=make_iban(rng), bic="".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(4)) + "DE" +
        "".join(rng.choice("ABCDEFGH123456789") for _ in range(rng.choice((2, 5)))),
        bank=rng.choice(lx.BANKS).format(city=city), vat_id=f"DE{rng.randint(100000000, 999999999)}",
        register=f"Amtsgericht {city} HR{rng.choice('AB')} {rng.randint(1000, 99999)}", manager=person(rng))


def municipality(rng: random.Random) -> Municipality:
    town = rng.choice(lx.TOWNS)
    kind = rng.choice(lx.MUNI_KINDS)
    return Municipality(f"{kind} {town}", town, f"{rng.choice(lx.STREETS)} {rng.randint(1, 30)}", f"{zip_code(rng)} {town}")


def letter_date(rng: random.Random) -> date:
    return date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))


def fmt_date(rng: random.Random, d: date) -> str:
    style = rng.random()
    if style < 0.55:
        return d.strftime("%d.%m.%Y")
    if style < 0.8:
        return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    if style < 0.9:
        return f"{d.day}.{d.month}.{d.year}"
    if style < 0.95:
        return d.isoformat()
    return d.strftime("%d.%m.%y")


def fmt_amount(rng: random.Random, value: float, style: int | None = None) -> str:
    s = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    style = rng.randint(0, 9) if style is None else style
    if style == 0:
        s = s.replace(".", "")
    return s
