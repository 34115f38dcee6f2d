"""German names of EN 16931 business terms and groups for reports (the terms senders get wrong most)."""

from __future__ import annotations

import re

TERM_NAMES: dict[str, str] = {
    "BG-1": "Rechnungshinweis",
    "BG-2": "Prozesssteuerung",
    "BG-3": "Vorausgegangene Rechnung",
    "BG-4": "Verkäufer",
    "BG-5": "Anschrift des Verkäufers",
    "BG-6": "Kontaktstelle des Verkäufers",
    "BG-7": "Käufer",
    "BG-8": "Anschrift des Käufers",
    "BG-9": "Kontaktstelle des Käufers",
    "BG-10": "Zahlungsempfänger",
    "BG-11": "Steuervertreter des Verkäufers",
    "BG-13": "Lieferinformationen",
    "BG-14": "Rechnungszeitraum",
    "BG-16": "Zahlungsanweisungen",
    "BG-17": "Überweisung",
    "BG-18": "Kartenzahlung",
    "BG-19": "Lastschrift",
    "BG-20": "Nachlässe auf Dokumentenebene",
    "BG-21": "Zuschläge auf Dokumentenebene",
    "BG-22": "Gesamtbeträge",
    "BG-23": "Umsatzsteueraufschlüsselung",
    "BG-24": "Rechnungsbegründende Unterlagen",
    "BG-25": "Rechnungsposition",
    "BG-26": "Positionszeitraum",
    "BG-27": "Nachlässe auf Positionsebene",
    "BG-28": "Zuschläge auf Positionsebene",
    "BG-29": "Preisinformationen",
    "BG-30": "Umsatzsteuerinformationen der Position",
    "BG-31": "Artikelinformationen",
    "BG-32": "Artikeleigenschaften",
    "BT-1": "Rechnungsnummer",
    "BT-2": "Rechnungsdatum",
    "BT-3": "Rechnungsart",
    "BT-5": "Währung",
    "BT-7": "Steuerdatum",
    "BT-9": "Fälligkeitsdatum",
    "BT-10": "Käuferreferenz (Leitweg-ID)",
    "BT-11": "Projektreferenz",
    "BT-12": "Vertragsreferenz",
    "BT-13": "Bestellreferenz",
    "BT-20": "Zahlungsbedingungen",
    "BT-22": "Hinweistext",
    "BT-23": "Geschäftsprozess",
    "BT-24": "Spezifikationskennung",
    "BT-25": "Nummer der vorausgegangenen Rechnung",
    "BT-27": "Name des Verkäufers",
    "BT-29": "Kennung des Verkäufers",
    "BT-30": "Registernummer des Verkäufers",
    "BT-31": "USt-IdNr. des Verkäufers",
    "BT-32": "Steuernummer des Verkäufers",
    "BT-34": "Elektronische Adresse des Verkäufers",
    "BT-35": "Straße des Verkäufers",
    "BT-37": "Ort des Verkäufers",
    "BT-38": "Postleitzahl des Verkäufers",
    "BT-40": "Land des Verkäufers",
    "BT-41": "Kontaktperson des Verkäufers",
    "BT-42": "Telefon des Verkäufers",
    "BT-43": "E-Mail des Verkäufers",
    "BT-44": "Name des Käufers",
    "BT-48": "USt-IdNr. des Käufers",
    "BT-49": "Elektronische Adresse des Käufers",
    "BT-52": "Ort des Käufers",
    "BT-53": "Postleitzahl des Käufers",
    "BT-55": "Land des Käufers",
    "BT-72": "Lieferdatum",
    "BT-73": "Beginn des Rechnungszeitraums",
    "BT-74": "Ende des Rechnungszeitraums",
    "BT-81": "Zahlungsart",
    "BT-83": "Verwendungszweck",
    "BT-84": "IBAN / Kontonummer des Zahlungsempfängers",
    "BT-86": "BIC",
    "BT-89": "Mandatsreferenz",
    "BT-90": "Gläubiger-ID",
    "BT-91": "IBAN des Lastschriftkontos",
    "BT-92": "Nachlassbetrag",
    "BT-95": "Umsatzsteuerkategorie des Nachlasses",
    "BT-99": "Zuschlagsbetrag",
    "BT-106": "Summe der Positionsnettobeträge",
    "BT-107": "Summe der Nachlässe",
    "BT-108": "Summe der Zuschläge",
    "BT-109": "Gesamtbetrag ohne Umsatzsteuer",
    "BT-110": "Umsatzsteuergesamtbetrag",
    "BT-112": "Gesamtbetrag mit Umsatzsteuer",
    "BT-113": "Vorauszahlung",
    "BT-114": "Rundungsbetrag",
    "BT-115": "Fälliger Zahlungsbetrag",
    "BT-116": "Steuerbasis der Kategorie",
    "BT-117": "Steuerbetrag der Kategorie",
    "BT-118": "Umsatzsteuerkategorie",
    "BT-119": "Umsatzsteuersatz",
    "BT-120": "Befreiungsgrund",
    "BT-121": "Code des Befreiungsgrunds",
    "BT-122": "Kennung der Unterlage",
    "BT-125": "Angehängtes Dokument",
    "BT-126": "Positionsnummer",
    "BT-129": "Menge",
    "BT-130": "Mengeneinheit",
    "BT-131": "Nettobetrag der Position",
    "BT-146": "Nettopreis",
    "BT-151": "Umsatzsteuerkategorie der Position",
    "BT-152": "Umsatzsteuersatz der Position",
    "BT-153": "Artikelname",
}

_TERM = re.compile(r"\b(B[GT])-(\d+)(?:-\d+)?\b")


def term_name(term: str | None) -> str:
    """``BT-10`` -> ``Käuferreferenz (Leitweg-ID) (BT-10)``; unknown terms stay as they are; None -> ''."""
    if not term:
        return ""
    key = term.strip().upper()
    name = TERM_NAMES.get(key)
    return f"{name} ({key})" if name else key


def terms_in(text: str) -> list[str]:
    """Business terms mentioned in a text, in order of appearance, without repeats (``BT-10``, ``BG-16``)."""
    seen: list[str] = []
    for match in _TERM.finditer(text or ""):
        key = f"{match.group(1)}-{match.group(2)}"
        if key not in seen:
            seen.append(key)
    return seen
