"""German display formats and code labels: pure helpers shared by the HTML view, reports and notices.

Numbers: ``1.234,56``; amounts with currency ``1.234,56 €`` (other currencies keep their ISO code); dates
``10.03.2026``. Code labels cover the codes approvers meet daily; unknown codes are shown as they are.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

CURRENCY_SIGNS: dict[str, str] = {"EUR": "€"}

DOCUMENT_TYPES: dict[str, str] = {  # BT-3, UNTDID 1001
    "380": "Rechnung",
    "381": "Gutschrift",
    "383": "Belastungsanzeige",
    "384": "Korrigierte Rechnung",
    "386": "Vorauszahlungsrechnung",
    "389": "Selbst ausgestellte Rechnung (Gutschriftsverfahren)",
    "326": "Teilrechnung",
    "261": "Selbst ausgestellte Gutschrift",
    "751": "Rechnungsinformation für Buchhaltungszwecke",
    "875": "Abschlagsrechnung (Bauleistung)",
    "876": "Teilschlussrechnung (Bauleistung)",
    "877": "Schlussrechnung (Bauleistung)",
}

VAT_CATEGORIES: dict[str, str] = {  # BT-118 / BT-151, UNTDID 5305 (EN 16931 subset)
    "S": "Normalsatz / ermäßigter Satz",
    "Z": "Nullsatz",
    "E": "steuerbefreit",
    "AE": "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)",
    "K": "innergemeinschaftliche Lieferung",
    "G": "Ausfuhrlieferung (Drittland)",
    "O": "nicht steuerbar",
    "L": "IGIC (Kanaren)",
    "M": "IPSI (Ceuta/Melilla)",
}

PAYMENT_MEANS: dict[str, str] = {  # BT-81, UNTDID 4461
    "1": "nicht festgelegt",
    "10": "Barzahlung",
    "20": "Scheck",
    "30": "Überweisung",
    "31": "Überweisung (Auslandszahlung)",
    "42": "Zahlung auf Bankkonto",
    "48": "Kartenzahlung",
    "49": "Lastschrift",
    "54": "Kreditkarte",
    "55": "Debitkarte",
    "57": "Dauerauftrag",
    "58": "SEPA-Überweisung",
    "59": "SEPA-Lastschrift",
    "97": "Verrechnung",
    "ZZZ": "gegenseitig vereinbart",
}

UNITS: dict[str, str] = {  # BT-130 / BT-150, UN/ECE Rec. 20/21 (common subset)
    "H87": "Stück",
    "C62": "Stück",
    "XPP": "Stück",
    "EA": "Stück",
    "XPK": "Packung",
    "XBX": "Karton",
    "SET": "Satz",
    "LS": "pauschal",
    "HUR": "Stunde(n)",
    "MIN": "Minute(n)",
    "DAY": "Tag(e)",
    "WEE": "Woche(n)",
    "MON": "Monat(e)",
    "ANN": "Jahr(e)",
    "KGM": "kg",
    "GRM": "g",
    "TNE": "t",
    "MTR": "m",
    "KMT": "km",
    "MTK": "m²",
    "MTQ": "m³",
    "LTR": "l",
    "KWH": "kWh",
    "MWH": "MWh",
    "P1": "%",
}

NOTE_SUBJECTS: dict[str, str] = {  # BT-21, UNTDID 4451 (codes XRechnung senders use)
    "AAI": "Allgemeine Information",
    "AAB": "Zahlungsbedingungen",
    "ABL": "Rechtliche Hinweise",
    "ADU": "Hinweis",
    "PMT": "Zahlungsinformation",
    "REG": "Registerangaben",
    "SUR": "Lieferantenhinweis",
    "TXD": "Steuerhinweis",
    "ACY": "Einleitung",
}


def format_number(value: Decimal | int | None, *, places: int | None = None) -> str:
    """German grouping/decimal marks; ``places`` fixes the decimals, else the value's own scale is kept."""
    if value is None:
        return ""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def format_quantity(value: Decimal | None) -> str:
    """Quantities without meaningless trailing zeros: ``10.000`` -> ``10``, ``2.50`` -> ``2,5``."""
    if value is None:
        return ""
    number = Decimal(value)
    normal = number.normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(Decimal(1))
    return format_number(normal)


def format_amount(value: Decimal | None, currency: str | None = None) -> str:
    """``1.234,56 €``; amounts keep at least two decimals (unit prices may have more)."""
    if value is None:
        return ""
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    text = format_number(number, places=places)
    if not currency:
        return text
    return f"{text} {CURRENCY_SIGNS.get(currency.upper(), currency.upper())}"


def format_percent(value: Decimal | None) -> str:
    """``19 %``, ``7 %``, ``2,00 %`` (scale kept as written, integers without decimals)."""
    if value is None:
        return ""
    return f"{format_number(Decimal(value))} %"


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def label(table: dict[str, str], code: str | None) -> str:
    """``Label (code)`` for known codes, the bare code otherwise, "" for None."""
    if not code:
        return ""
    name = table.get(code.strip().upper())
    return f"{name} ({code})" if name else code


def document_type_name(code: str | None) -> str:
    """Plain name of BT-3 (``Rechnung``, ``Gutschrift`` ...); ``Rechnung`` when missing."""
    if not code:
        return "Rechnung"
    return DOCUMENT_TYPES.get(code.strip(), f"Dokumentart {code}")


def unit_name(code: str | None) -> str:
    if not code:
        return ""
    return UNITS.get(code.strip().upper(), code)
