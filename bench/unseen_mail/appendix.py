"""Second-page material some senders attach (terms, proof of work, legal notices, privacy notes)."""
from __future__ import annotations

import random
from datetime import date, timedelta

from . import formats as F
from .letters import Block, Lines, Table

TERMS = (
    "1. Geltung: Für alle Lieferungen und Leistungen gelten ausschließlich diese Bedingungen; abweichende "
    "Bedingungen des Bestellers erkennen wir nur bei schriftlicher Zustimmung an.",
    "2. Gefahrübergang: Die Gefahr geht mit Übergabe der Ware an der vereinbarten Verwendungsstelle auf den "
    "Auftraggeber über. Teillieferungen sind zulässig, soweit zumutbar.",
    "3. Mängelrüge: Offensichtliche Mängel sind innerhalb von acht Werktagen nach Empfang schriftlich anzuzeigen.",
    "4. Gerichtsstand ist, soweit gesetzlich zulässig, der Sitz unseres Unternehmens.",
)
PRIVACY = (
    "Wir verarbeiten Ihre Angaben ausschließlich zur Bearbeitung dieses Vorgangs. Rechtsgrundlage ist Art. 6 "
    "Abs. 1 Buchst. e DSGVO in Verbindung mit den einschlägigen Fachgesetzen.",
    "Sie haben das Recht auf Auskunft, Berichtigung und Einschränkung der Verarbeitung. Beschwerden richten Sie an "
    "die Landesbeauftragte für den Datenschutz.",
)
REMEDY = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch "
    "ist schriftlich oder zur Niederschrift bei der oben bezeichneten Stelle einzulegen.",
    "Die Frist ist auch gewahrt, wenn der Widerspruch in elektronischer Form mit qualifizierter elektronischer "
    "Signatur eingeht. Eine einfache E-Mail genügt nicht.",
)


def proof_of_work(rng: random.Random, day: date) -> list[Block]:
    rows = []
    for k in range(rng.randint(8, 22)):
        d = day - timedelta(days=rng.randrange(1, 40))
        rows.append([F.fmt_date(d, "dotted"), rng.choice(("Vor-Ort-Termin", "Material geliefert", "Prüfung",
                                                          "Nacharbeiten", "Abnahme", "Aufmaß")),
                     f"{rng.randrange(1, 9)},{rng.choice(('0', '5'))} h"])
    return [Lines(["Anlage: Leistungsnachweis / Stundenzettel"], "bold"),
            Table(["Datum", "Tätigkeit", "Dauer"], rows, [(0, "l"), (35, "l"), (160, "r")], ruled=rng.random() < 0.5)]


def pick(doc_type: str, rng: random.Random, day: date) -> list[Block]:
    """Appendix blocks for about one document in six (empty list = single letter)."""
    if rng.random() > 0.17:
        return []
    if doc_type in ("rechnung", "lieferschein", "gutschrift"):
        if rng.random() < 0.5:
            return proof_of_work(rng, day)
        return [Lines(["Allgemeine Geschäftsbedingungen (Auszug)"], "bold"), *TERMS]
    if doc_type in ("bescheid", "gerichtspost"):
        return [Lines(["Rechtsbehelfsbelehrung" if doc_type == "bescheid" else "Hinweise"], "bold"), *REMEDY, *PRIVACY]
    return [Lines(["Hinweise zum Datenschutz"], "bold"), *PRIVACY]
