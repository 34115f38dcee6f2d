"""Second pages real mail carries that say nothing about type or department: terms, privacy notes, forms."""
from __future__ import annotations

import random

TERMS = ("Unsere Lieferungen erfolgen ausschließlich zu den nachstehenden Bedingungen.",
         "Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum.",
         "Beanstandungen sind innerhalb von zehn Tagen nach Erhalt schriftlich mitzuteilen.",
         "Erfüllungsort und Gerichtsstand ist der Sitz unserer Gesellschaft.",
         "Bei Zahlungsverzug berechnen wir Verzugszinsen in gesetzlicher Höhe.",
         "Teillieferungen sind zulässig.", "Angebote sind freibleibend und unverbindlich.",
         "Es gilt deutsches Recht.", "Sollte eine Bestimmung unwirksam sein, bleibt der Vertrag im Übrigen wirksam.",
         "Die Haftung für leichte Fahrlässigkeit ist ausgeschlossen, außer bei Verletzung von Leben und Gesundheit.")
PRIVACY = ("Informationen zur Verarbeitung personenbezogener Daten nach Art. 13 DSGVO",
           "Ihre Angaben werden nur zur Bearbeitung Ihres Anliegens verwendet.",
           "Rechtsgrundlage der Verarbeitung ist Art. 6 Abs. 1 lit. e DSGVO.",
           "Sie haben das Recht auf Auskunft, Berichtigung und Löschung Ihrer Daten.",
           "Die Daten werden nach Ablauf der Aufbewahrungsfristen gelöscht.",
           "Beschwerden richten Sie an die zuständige Datenschutzaufsichtsbehörde.",
           "Kontakt zum Datenschutzbeauftragten: datenschutz@verwaltung.example")
FORM = ("Bitte füllen Sie das Formular vollständig in Druckbuchstaben aus.", "Zutreffendes bitte ankreuzen.",
        "Ort, Datum Unterschrift", "Bearbeitungsvermerke der Behörde (nicht ausfüllen)", "Eingangsstempel")


WORKLOG_TITLES = ("Anlage zur Rechnung: Tätigkeitsnachweis", "Stundenaufstellung", "Leistungsnachweis (Anlage)",
                  "Anlage: Arbeitszeitnachweis", "Aufstellung der erbrachten Leistungen")
WORK_STEPS = ("Anfahrt", "Montage", "Materiallieferung", "Demontage", "Einweisung", "Baustelle geräumt", "Lieferung Ersatzteile",
              "Prüfung", "Abstimmung vor Ort", "Fehlersuche", "Material angeliefert", "Abnahme")


def worklog_page(rng: random.Random) -> list[str]:
    """An attached timesheet/work log behind an invoice: lines of date, activity, hours."""
    lines = [rng.choice(WORKLOG_TITLES), rng.choice(("Datum Tätigkeit Stunden", "Tag Arbeiten Std.", "Datum Leistung Dauer"))]
    for _ in range(rng.randint(3, 14)):
        lines.append(f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.20{rng.randint(23, 26)} {rng.choice(WORK_STEPS)} "
                     f"{rng.randint(1, 9)},{rng.choice('05')} h")
    return lines + [rng.choice(("Seite 2 von 2", "Seite 2", ""))]


def second_page(rng: random.Random, doc_type: str) -> list[str]:
    """A plausible continuation page for ``doc_type``, or nothing."""
    r = rng.random()
    if doc_type == "rechnung" and r < 0.12:
        return worklog_page(rng)
    if doc_type in ("werbung", "rechnung") and r > 0.85:
        return rng.sample(PRIVACY, k=rng.randint(3, 6)) + ["Seite 2 von 2"]
    if doc_type in ("rechnung", "gutschrift", "lieferschein", "mahnung", "werbung") and r < 0.3:
        title = rng.choice(("Allgemeine Geschäftsbedingungen", "AGB (Auszug)", "Liefer- und Zahlungsbedingungen"))
        return [title] + [f"§ {i} {t}" for i, t in enumerate(rng.sample(TERMS, k=rng.randint(3, 7)), 1)] + ["Seite 2 von 2"]
    if doc_type in ("antrag", "bescheid", "widerspruch", "beschwerde", "sonstiges") and r < 0.35:
        return rng.sample(PRIVACY, k=rng.randint(3, 6)) + rng.sample(FORM, k=rng.randint(0, 2)) + ["Seite 2"]
    return []
