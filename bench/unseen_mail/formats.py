"""Pure helpers: check digits (IBAN, Leitweg-ID) and the many ways German mail prints dates and amounts."""
from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
CENT = Decimal("0.01")


def _alnum_to_digits(text: str) -> str:
    """ISO 7064 / ISO 13616 letter substitution: A=10 ... Z=35, digits unchanged."""
    return "".join(str(int(ch, 36)) for ch in text.upper())


def iban_de(bank_code: str, account: str) -> str:
    """German IBAN (no spaces) with valid mod-97 check digits for an 8-digit bank code and 10-digit account."""
    if len(bank_code) != 8 or len(account) != 10 or not (bank_code + account).isdigit():
        raise ValueError("iban_de needs an 8-digit bank code and a 10-digit account number")
    bban = bank_code + account
    check = 98 - int(_alnum_to_digits(bban + "DE00")) % 97
    return f"DE{check:02d}{bban}"


def iban_is_valid(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    return len(compact) >= 15 and int(_alnum_to_digits(compact[4:] + compact[:4])) % 97 == 1


def group4(text: str) -> str:
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def leitweg_id(coarse: str, fine: str) -> str:
    """Leitweg-ID ``coarse[-fine]-CC`` with ISO 7064 MOD 97-10 check digits over coarse+fine (no hyphens)."""
    body = coarse + fine
    if not body.isalnum():
        raise ValueError("Leitweg-ID parts must be alphanumeric")
    check = 98 - int(_alnum_to_digits(body) + "00") % 97
    return f"{coarse}-{fine}-{check:02d}" if fine else f"{coarse}-{check:02d}"


def leitweg_is_valid(value: str) -> bool:
    parts = value.split("-")
    if len(parts) not in (2, 3) or len(parts[-1]) != 2:
        return False
    return int(_alnum_to_digits("".join(parts))) % 97 == 1


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def de_number(value: Decimal, thousands: bool = True) -> str:
    """1234.5 -> '1.234,50' (or '1234,50' without thousands separator)."""
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(money(value)):.2f}".split(".")
    if thousands:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = ".".join([whole, *groups])
    return f"{sign}{whole},{frac}"


AMOUNT_STYLES = ("euro_after", "eur_before", "plain", "eur_after", "plain_nothousands", "euro_before")


def fmt_amount(value: Decimal, style: str) -> str:
    if style == "euro_after":
        return f"{de_number(value)} €"
    if style == "eur_before":
        return f"EUR {de_number(value)}"
    if style == "eur_after":
        return f"{de_number(value)} EUR"
    if style == "euro_before":
        return f"€ {de_number(value)}"
    if style == "plain_nothousands":
        return de_number(value, thousands=False)
    return de_number(value)


DATE_STYLES = ("dotted", "long", "short_year", "iso", "dotted_nopad", "long_weekday_free")


def fmt_date(day: date, style: str) -> str:
    if style == "dotted":
        return day.strftime("%d.%m.%Y")
    if style == "long":
        return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    if style == "short_year":
        return day.strftime("%d.%m.%y")
    if style == "iso":
        return day.isoformat()
    if style == "dotted_nopad":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day:02d}. {MONTHS[day.month - 1]} {day.year}"


def invoice_number(rng: random.Random, year: int) -> str:
    """Invoice numbers of many shapes."""
    shape = rng.randrange(8)
    if shape == 0:
        return f"RE-{year}-{rng.randrange(1, 9999):04d}"
    if shape == 1:
        return str(rng.randrange(100000, 9999999))
    if shape == 2:
        return f"{year % 100:02d}/{rng.randrange(1, 999):03d}"
    if shape == 3:
        return f"R{rng.randrange(10**7, 10**8)}"
    if shape == 4:
        return f"{year}{rng.randrange(1, 13):02d}-{rng.randrange(100, 999)}"
    if shape == 5:
        return f"INV-{rng.choice('ABCDEFGHKLMN')}{rng.randrange(10000, 99999)}"
    if shape == 6:
        return f"{rng.randrange(1, 99)}-{year}"
    return f"{rng.choice(['HW', 'AR', 'FR', 'VR'])} {rng.randrange(1000, 9999)}/{year % 100:02d}"
