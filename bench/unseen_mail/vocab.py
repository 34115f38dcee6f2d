"""Invented names, places and the many printed names of each municipal department (all fictitious)."""
from __future__ import annotations

import random
from dataclasses import dataclass

DEPARTMENTS = ("kaemmerei", "hauptamt", "bauamt", "buergerbuero", "sozialamt", "ordnungsamt", "rechtsamt")
DOC_TYPES = ("rechnung", "gutschrift", "mahnung", "lieferschein", "antrag", "widerspruch", "beschwerde",
             "bescheid", "gerichtspost", "werbung")

# Canonical label as in the shared corpus manifest.
CANONICAL_LABEL = {
    "kaemmerei": "Kämmerei/Finanzen", "hauptamt": "Hauptamt", "bauamt": "Bauamt",
    "buergerbuero": "Bürgerbüro/Einwohnerwesen", "sozialamt": "Sozialamt",
    "ordnungsamt": "Ordnungsamt/Gewerbe", "rechtsamt": "Rechtsamt",
}

# What a sender actually prints on the envelope window: deliberately not the canonical names.
PRINTED_NAMES = {
    "kaemmerei": ("Fachbereich 2 – Finanzen", "Stadtkasse", "Amt für Finanzen und Steuern", "Finanzverwaltung",
                  "Fachdienst Finanzen und Controlling", "Steueramt", "Kämmerei"),
    "hauptamt": ("Fachbereich 1 – Zentrale Dienste", "Amt für Organisation und IT", "Zentrale Verwaltung",
                 "Fachdienst Personal und Organisation", "Büro des Bürgermeisters", "Hauptverwaltung"),
    "bauamt": ("Amt für Bauordnung", "Fachbereich 4 – Planen und Bauen", "Tiefbauamt", "Stadtbauamt",
               "Fachdienst Hochbau und Gebäudemanagement", "Amt für Stadtentwicklung und Bauen"),
    "buergerbuero": ("Einwohnermeldeamt", "Bürgerservice", "Bürgeramt", "Meldebehörde",
                     "Fachdienst Bürgerdienste", "Pass- und Meldestelle"),
    "sozialamt": ("Fachdienst Soziales", "Amt für Soziales und Wohnen", "Sozialverwaltung",
                  "Fachbereich 3 – Jugend, Familie und Soziales", "Wohngeldstelle", "Sozialamt"),
    "ordnungsamt": ("Rechts- und Ordnungsamt", "Gewerbeamt", "Amt für öffentliche Ordnung",
                    "Fachdienst Sicherheit und Ordnung", "Straßenverkehrsbehörde", "Ordnungsbehörde"),
    "rechtsamt": ("Justiziariat", "Stabsstelle Recht", "Fachdienst Recht und Vergabe", "Rechtsabteilung",
                  "Rechtsamt", "Amt für Rechtsangelegenheiten"),
}

CENTRAL_INBOX = ("Zentraler Rechnungseingang", "Rechnungseingangsstelle", "Poststelle – Rechnungen",
                 "Zentrale Rechnungsbearbeitung")

TOWNS = (("Lindenfels an der Aue", "Stadt"), ("Hohenweiler", "Gemeinde"), ("Grauburg", "Stadt"),
         ("Kesselbach", "Gemeinde"), ("Ostermarsch", "Stadt"), ("Wendelstedt", "Stadt"),
         ("Mühlhagen", "Gemeinde"), ("Brackenau", "Stadt"), ("Sulzdorf am Wald", "Markt"),
         ("Fehrenbruch", "Stadt"), ("Querfurtstedt", "Gemeinde"), ("Altenkirchhain", "Stadt"))
SENDER_CITIES = ("Bielefeld", "Kassel", "Göttingen", "Erfurt", "Würzburg", "Osnabrück", "Paderborn", "Fulda",
                 "Hildesheim", "Gießen", "Marburg", "Bamberg", "Detmold", "Siegen", "Wetzlar", "Coburg",
                 "Halle (Saale)", "Hameln", "Lippstadt", "Celle")
STREETS = ("Kastanienallee", "Am Mühlgraben", "Brunnenweg", "Hinter der Kirche", "Industriestraße", "Lerchenfeld",
           "Gartenstraße", "Poststraße", "Am Bahnhof", "Schillerplatz", "Talstraße", "Wiesengrund", "Kirchgasse",
           "Ahornring", "Zum Steinbruch", "Uferpromenade", "Bergstraße", "Gewerbepark Nord", "Lindenhof",
           "Friedrich-Ebert-Straße", "Marktplatz", "Weidenkamp")
FIRST = ("Jana", "Torsten", "Anneliese", "Mehmet", "Sabine", "Lukas", "Ingrid", "Dariusz", "Katrin", "Yusuf",
         "Heike", "Florian", "Renate", "Oleksandr", "Birgit", "Jonas", "Elke", "Rainer", "Svenja", "Nikolai",
         "Petra", "Hans-Jürgen", "Aylin", "Gerhard", "Monika", "Tobias", "Waltraud", "Sven")
LAST = ("Brinkmann", "Öztürk", "Hahnemann", "Kowalczyk", "Liebig", "Stoltenberg", "Wiegand", "Pfeiffer",
        "Rademacher", "Tiedemann", "Gruber", "Yilmaz", "Lorenzen", "Dreher", "Kuhnert", "Albers", "Seidl",
        "Markowski", "Vogelsang", "Heitmann", "Ruppert", "Engelhardt", "Nowak", "Böhme", "Carstens")
BANKS = ("Sparkasse Oberland", "Volksbank Mittelweser eG", "Raiffeisenbank Hügelland", "Kreissparkasse Talheim",
         "Commerzbank", "Postbank", "GLS Gemeinschaftsbank", "Stadtsparkasse Wendelstedt", "Deutsche Bank")


@dataclass(frozen=True)
class Address:
    name: str
    lines: tuple[str, ...]  # street, "PLZ City"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    salutation: str  # "Herr" / "Frau"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


_FEMALE = {"Jana", "Anneliese", "Sabine", "Ingrid", "Katrin", "Heike", "Renate", "Birgit", "Elke", "Svenja",
           "Petra", "Aylin", "Monika", "Waltraud"}


def person(rng: random.Random) -> Person:
    first = rng.choice(FIRST)
    return Person(first, rng.choice(LAST), "Frau" if first in _FEMALE else "Herr")


def street(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randrange(1, 140)}{rng.choice(['', '', '', 'a', 'b'])}"


def postcode(rng: random.Random) -> str:
    return f"{rng.randrange(1067, 99998):05d}"


def city_line(rng: random.Random, city: str | None = None) -> str:
    return f"{postcode(rng)} {city or rng.choice(SENDER_CITIES)}"


@dataclass(frozen=True)
class Municipality:
    name: str  # "Stadt Grauburg"
    town: str
    street: str
    city: str  # "PLZ Town"
    leitweg_coarse: str


def municipality(rng: random.Random) -> Municipality:
    town, kind = rng.choice(TOWNS)
    coarse = f"{rng.randrange(1, 17):02d}{rng.randrange(100, 999)}{rng.randrange(0, 999):03d}{rng.choice(['', '0000', ''])}"
    return Municipality(f"{kind} {town}", town, rng.choice(("Rathausplatz 1", "Marktplatz 3", "Schlossstraße 10",
                                                             "Am Rathaus 2", "Hauptstraße 44")),
                        city_line(rng, town), coarse)


def phone(rng: random.Random) -> str:
    return f"0{rng.randrange(200, 9999)} {rng.randrange(10000, 999999)}"


def bank_code(rng: random.Random) -> str:
    return f"{rng.randrange(1, 9)}{rng.randrange(0, 10**7):07d}"


def account(rng: random.Random) -> str:
    return f"{rng.randrange(0, 10**10):010d}"


def vat_id(rng: random.Random) -> str:
    return f"DE{rng.randrange(100000000, 999999999)}"


def tax_number(rng: random.Random) -> str:
    return f"{rng.randrange(10, 99)}/{rng.randrange(100, 999)}/{rng.randrange(10000, 99999)}"
