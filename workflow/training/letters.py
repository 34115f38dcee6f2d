"""Synthetic letters: Antrag, Widerspruch, Beschwerde, Bescheid, Gerichtspost, Sonstiges (own phrasings)."""
from __future__ import annotations

import random
from datetime import date, timedelta

from workflow.training import lexicon as lx
from workflow.training.invoices import Draft, _closing, _salutation, company_footer
from workflow.training.parties import MONTHS, fmt_date, person, phone, sender, zip_code


def _citizen(rng: random.Random) -> tuple[str, list[str]]:
    name = person(rng)
    lines = [name, f"{rng.choice(lx.STREETS)} {rng.randint(1, 200)}{rng.choice(('', '', 'a', 'b'))}",
             f"{zip_code(rng)} {rng.choice(lx.TOWNS)}"]
    if rng.random() < 0.4:
        lines.append(f"Tel.: {phone(rng)}")
    if rng.random() < 0.3:
        lines = [", ".join(lines[:3])]
    return name, lines


def _when(rng: random.Random) -> date:
    return date(2023, 6, 1) + timedelta(days=rng.randint(0, 1000))


def _az(rng: random.Random) -> str:
    return rng.choice((f"{rng.randint(10, 99)}.{rng.randint(10, 99)}.{rng.randint(100, 9999)}", f"{rng.choice('ABCDFGS')}{rng.randint(1, 9)}/{rng.randint(2022, 2026)}/{rng.randint(100, 99999)}",
                       f"{rng.randint(100, 999)}-{rng.randint(10, 99)}/{rng.randint(22, 26)}"))


def antrag(rng: random.Random) -> Draft:
    dept = rng.choice(list(lx.ANTRAG_SUBJECTS))
    subject = rng.choice(lx.ANTRAG_SUBJECTS[dept])
    name, lines = _citizen(rng)
    when = _when(rng)
    form = rng.random() < 0.35
    if form:
        body = [rng.choice(("1. Angaben zur Person", "Angaben zum Antragsteller", "Persönliche Daten")),
                "Name, Vorname Geburtsdatum", f"{name.split()[-1]}, {name.split()[0]} {fmt_date(rng, date(1950 + rng.randint(0, 55), rng.randint(1, 12), rng.randint(1, 28)))}",
                rng.choice(("2. Angaben zum Antrag", "Begründung", "Anlass des Antrags")),
                rng.choice(("siehe Anlage", "für die Vorlage beim Arbeitgeber", "wie telefonisch besprochen", "Umzug zum Monatsende", "Nachweis für die Bank")),
                rng.choice(("Ich versichere die Richtigkeit meiner Angaben.", "Mit der Verarbeitung meiner Daten bin ich einverstanden.")),
                "Datum, Unterschrift Antragsteller/in", f"Formular {rng.choice(('A', 'F', 'V', 'G'))}-{rng.randint(1, 99)}/{rng.randint(2015, 2025)}"]
        return Draft("antrag", dept, None, [rng.choice(("Eingangsvordruck", "Antragsformular", "Vordruck - bitte in Druckbuchstaben ausfüllen"))],
                     [], subject, "", body, "", "", [], when)
    openers = ("hiermit beantrage ich {x}.", "ich möchte {x} beantragen.", "hiermit stelle ich den Antrag auf {y}.",
               "bitte prüfen Sie meinen Antrag: {y}.", "ich bitte um {y} und füge die erforderlichen Unterlagen bei.",
               "wir beantragen hiermit {x}.", "anbei übersende ich Ihnen meinen Antrag ({y}).")
    x = subject.replace("Antrag auf ", "die ").replace("Antrag nach", "Auskunft nach").replace("Anmeldung", "die Anmeldung")
    y = subject.replace("Antrag auf ", "")
    body = [rng.choice(openers).format(x=x, y=y)]
    body.extend(rng.sample([
        "Die notwendigen Nachweise liegen diesem Schreiben bei.", "Bitte teilen Sie mir mit, ob weitere Unterlagen erforderlich sind.",
        "Für Rückfragen bin ich telefonisch erreichbar.", "Über eine zeitnahe Bearbeitung würde ich mich freuen.",
        "Anlagen: Personalausweiskopie, Einkommensnachweise", "Anlagen: Lageplan, Bauzeichnungen, Baubeschreibung",
        "Ich bitte um eine Eingangsbestätigung.", "Meine Bankverbindung finden Sie in der Anlage."], k=rng.randint(1, 3)))
    return Draft("antrag", dept, None, lines, [], subject if rng.random() < 0.8 else "Mein Antrag vom " + fmt_date(rng, when),
                 _salutation(rng), body, _closing(rng), name, [], when)


def widerspruch(rng: random.Random) -> Draft:
    dept = rng.choice(list(lx.CONTESTED))
    contested = rng.choice(lx.CONTESTED[dept])
    when = _when(rng)
    bdate = when - timedelta(days=rng.randint(3, 30))
    az = _az(rng)
    lawyer = rng.random() < 0.3
    name, lines = _citizen(rng)
    info = [(rng.choice(("Ihr Zeichen", "Aktenzeichen", "Az.", "Ihr Aktenzeichen")), az)] if rng.random() < 0.7 else []
    subject = rng.choice((f"Widerspruch gegen den {contested} vom {fmt_date(rng, bdate)}", f"Widerspruch - {contested}",
                          f"Betreff: {contested} vom {fmt_date(rng, bdate)}", f"Einspruch gegen {contested}",
                          f"{contested} vom {fmt_date(rng, bdate)}, Az. {az}"))
    core = rng.choice((f"gegen den {contested} vom {fmt_date(rng, bdate)} lege ich hiermit Widerspruch ein.",
                       f"hiermit erhebe ich fristgerecht Widerspruch gegen Ihren Bescheid vom {fmt_date(rng, bdate)}.",
                       f"mit diesem Schreiben widerspreche ich dem {contested} vom {fmt_date(rng, bdate)}.",
                       f"gegen Ihren {contested} vom {fmt_date(rng, bdate)} lege ich form- und fristgerecht Widerspruch ein.",
                       f"ich bin mit dem {contested} vom {fmt_date(rng, bdate)} nicht einverstanden und lege Widerspruch ein."))
    if lawyer:
        core = rng.choice((f"wir zeigen an, dass wir {name} vertreten. Namens unserer Mandantschaft legen wir gegen den {contested} vom {fmt_date(rng, bdate)} Widerspruch ein.",
                           f"in der Angelegenheit {name} erheben wir namens und in Vollmacht unseres Mandanten Widerspruch gegen den {contested} vom {fmt_date(rng, bdate)}."))
    body = [core]
    body.extend(rng.sample([
        "Begründung:", "Die Begründung reiche ich nach Akteneinsicht nach.", "Der Bescheid ist rechtswidrig und verletzt mich in meinen Rechten.",
        "Die Berechnung ist fehlerhaft, da mein Einkommen falsch angesetzt wurde.", "Ich beantrage die Aussetzung der Vollziehung.",
        "Eine Anhörung hat vor Erlass des Bescheides nicht stattgefunden.", "Ich bitte um Überprüfung und Aufhebung des Bescheids.",
        "Bitte bestätigen Sie den Eingang dieses Widerspruchs.", "Wir beantragen Akteneinsicht."], k=rng.randint(1, 4)))
    if lawyer:
        s = sender(rng, f"Kanzlei {rng.choice(lx.LAST_NAMES)} & {rng.choice(lx.LAST_NAMES)} Rechtsanwälte")
        return Draft("widerspruch", dept, s, [s.name, f"{s.street} · {s.zip_city}"], info + [("Unser Zeichen", f"{rng.randint(10, 999)}/{rng.randint(22, 26)}")],
                     subject, _salutation(rng), body, _closing(rng), f"{person(rng)}, Rechtsanwalt", company_footer(rng, s), when,
                     {"bescheid_date": bdate.isoformat()}, recipient_dept_ok=rng.random() < 0.6)
    return Draft("widerspruch", dept, None, lines, info, subject, _salutation(rng), body, _closing(rng), name, [], when,
                 {"bescheid_date": bdate.isoformat()})


def beschwerde(rng: random.Random) -> Draft:
    dept = rng.choice(list(lx.COMPLAINTS))
    topic = rng.choice(lx.COMPLAINTS[dept])
    name, lines = _citizen(rng)
    when = _when(rng)
    kind = "Dienstaufsichtsbeschwerde" if "Dienstaufsicht" in topic else rng.choice(("Beschwerde", "Beschwerde", "Fachaufsichtsbeschwerde", "Eingabe", "Bürgerbeschwerde"))
    subject = rng.choice((f"{kind} über {topic}", f"Betreff: {kind}", f"Beschwerde bezüglich {topic}", f"{topic[0].upper()}{topic[1:]}",
                          "Mein Ärger über " + topic))
    body = [rng.choice((f"ich möchte mich hiermit über {topic} beschweren.", f"hiermit erhebe ich {kind} in Bezug auf {topic}.",
                        f"leider muss ich mich heute an Sie wenden, weil ich mich über {topic} sehr ärgere.",
                        f"seit Wochen ärgere ich mich über {topic}.", f"ich wende mich mit einer Beschwerde über {topic} an Sie."))]
    body.extend(rng.sample([
        "Dieser Zustand ist nicht länger hinnehmbar.", "Mehrere Nachbarn können dies bestätigen.", "Ich erwarte eine schriftliche Stellungnahme.",
        "Bitte sorgen Sie umgehend für Abhilfe.", "Ich habe bereits mehrfach angerufen, ohne dass etwas geschehen ist.",
        "Fotos füge ich als Anlage bei.", "Ich bitte um Prüfung und Rückmeldung, welche Maßnahmen ergriffen werden."], k=rng.randint(1, 4)))
    return Draft("beschwerde", dept, None, lines, [], subject, rng.choice((_salutation(rng), "Sehr geehrter Herr Bürgermeister,",
                 "Sehr geehrte Frau Bürgermeisterin,")), body, _closing(rng), name, [], when, recipient_dept_ok=rng.random() < 0.7)


def bescheid(rng: random.Random) -> Draft:
    dept = rng.choice(list(lx.BESCHEID_SUBJECTS))
    issuer, subject = rng.choice(lx.BESCHEID_SUBJECTS[dept])
    issuer = issuer.format(city=rng.choice(lx.CITIES), town=rng.choice(lx.TOWNS))
    when = _when(rng)
    s = sender(rng, issuer)
    info = [("Aktenzeichen", _az(rng)), (rng.choice(("Bearbeiter/in", "Auskunft erteilt", "Sachbearbeitung")), person(rng)),
            ("Telefon", s.phone), ("Datum", fmt_date(rng, when))]
    body = [rng.choice(("aufgrund der gesetzlichen Bestimmungen ergeht folgender Bescheid:", "hiermit wird festgesetzt:",
                        "auf Ihren Antrag ergeht folgende Entscheidung:", "wir teilen Ihnen mit, dass", "nach Prüfung der Unterlagen wird Folgendes verfügt:")),
            rng.choice((f"Der Betrag wird auf {rng.randint(1000, 900000):,} EUR festgesetzt.".replace(",", "."),
                        "Die Genehmigung wird unter Auflagen erteilt.", "Sie werden zur Auskunft verpflichtet.",
                        "Die beantragten Mittel werden bewilligt.", "Die Erstattung wird abgelehnt.")),
            rng.choice(("Begründung:", "Gründe:", "Sachverhalt und Begründung:")),
            rng.choice(("Die Voraussetzungen der maßgeblichen Vorschriften liegen vor.", "Die Prüfung hat ergeben, dass die Angaben zutreffend sind.",
                        "Nach Abwägung aller Belange war wie geschehen zu entscheiden."))]
    if rng.random() < 0.4:
        body.append(f"Bitte übersenden Sie uns Ihre Stellungnahme bis zum {fmt_date(rng, when + timedelta(days=rng.randint(10, 30)))}.")
    body.append(rng.choice(("Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.",
                            "Rechtsbehelfsbelehrung", "Gegen diesen Bescheid kann binnen eines Monats nach Zustellung Klage beim Verwaltungsgericht erhoben werden.",
                            "Gegen diesen Bescheid ist der Einspruch zulässig (§ 347 AO).", "Hinweis: Dieser Bescheid ist sofort vollziehbar.")))
    title = rng.choice(("Bescheid", "Festsetzungsbescheid", "Zuwendungsbescheid", "Gebührenbescheid", "Verfügung", "Anordnung", "Mitteilung", ""))
    return Draft("bescheid", dept, s, [issuer, rng.choice(("", "Der Landrat", "Referat " + str(rng.randint(1, 9)), "Dienststelle " + s.zip_city))],
                 info, f"{subject}" + (f" - {title}" if title and rng.random() < 0.5 else ""), _salutation(rng), body,
                 rng.choice(("Mit freundlichen Grüßen", "Im Auftrag", "Freundliche Grüße")), person(rng),
                 [f"Dienstgebäude: {s.street}", "Sprechzeiten: Mo-Fr 8-12 Uhr", f"Bankverbindung: {s.bank}"], when,
                 recipient_dept_ok=rng.random() < 0.6)


def gerichtspost(rng: random.Random) -> Draft:
    kasse = rng.random() < 0.35
    court = rng.choice(lx.COURTS_KASSE if kasse else lx.COURTS_RECHT).format(city=rng.choice(lx.CITIES))
    when = _when(rng)
    fnr = rng.choice((f"{rng.randint(1, 12)} K {rng.randint(10, 9999)}/{rng.randint(22, 26)}", f"{rng.randint(1, 99)} IN {rng.randint(10, 999)}/{rng.randint(22, 26)}",
                      f"{rng.randint(1, 9)} O {rng.randint(10, 999)}/{rng.randint(22, 26)}", f"{rng.randint(1, 30)} L {rng.randint(1, 999)}/{rng.randint(22, 26)}"))
    deadline = when + timedelta(days=rng.randint(14, 60))
    if kasse:
        kind = rng.choice(("insolvenz", "zvg", "pfueb"))
        subject = {"insolvenz": "Insolvenzverfahren über das Vermögen der " + rng.choice(lx.LAST_NAMES) + " GmbH",
                   "zvg": "Zwangsversteigerungsverfahren - Terminsbestimmung", "pfueb": "Pfändungs- und Überweisungsbeschluss"}[kind]
        body = {"insolvenz": [f"Das Insolvenzverfahren wurde am {fmt_date(rng, when)} eröffnet.",
                              f"Forderungen sind bis zum {fmt_date(rng, deadline)} beim Insolvenzverwalter anzumelden.",
                              "Der Prüfungstermin findet im Sitzungssaal statt."],
                "zvg": [f"Im Wege der Zwangsvollstreckung soll am {fmt_date(rng, deadline)} um 10:00 Uhr das Grundstück versteigert werden.",
                        "Öffentliche Lasten (Grundsteuer, Abgaben) sind rechtzeitig anzumelden.", "Der Verkehrswert wurde festgesetzt."],
                "pfueb": ["In der Zwangsvollstreckungssache wird die Forderung des Schuldners gegen den Drittschuldner gepfändet.",
                          "Der Drittschuldner darf an den Schuldner nicht mehr zahlen.",
                          "Die Erklärung nach § 840 ZPO ist binnen zwei Wochen abzugeben."]}[kind]
    else:
        kind = rng.choice(("klage", "ladung", "beschluss", "eeb"))
        subject = {"klage": rng.choice(("Verwaltungsrechtssache", "Klage", "Rechtsstreit")) + f" {person(rng)} ./. Stadt",
                   "ladung": "Ladung zur mündlichen Verhandlung", "beschluss": "Beschluss", "eeb": "Zustellung gegen Empfangsbekenntnis"}[kind]
        body = {"klage": ["in dem Verfahren erhalten Sie die Klageschrift mit der Bitte um Stellungnahme.",
                          f"Zur Klageerwiderung wird eine Frist bis zum {fmt_date(rng, deadline)} gesetzt.",
                          "Die Verwaltungsvorgänge sind vollständig vorzulegen."],
                "ladung": [f"in dem Rechtsstreit wird Termin zur mündlichen Verhandlung bestimmt auf den {fmt_date(rng, deadline)}, 9:30 Uhr, Saal {rng.randint(1, 20)}.",
                           "Es wird das persönliche Erscheinen angeordnet.", "Bei Ausbleiben kann nach Lage der Akten entschieden werden."],
                "beschluss": ["In der Verwaltungsstreitsache hat die Kammer beschlossen:", "Der Antrag auf Erlass einer einstweiligen Anordnung wird abgelehnt.",
                              "Die Kosten des Verfahrens trägt der Antragsteller.", "Rechtsmittelbelehrung: Gegen diesen Beschluss ist die Beschwerde binnen zwei Wochen zulässig."],
                "eeb": ["anliegendes Schriftstück wird Ihnen gegen Empfangsbekenntnis zugestellt.",
                        "Bitte senden Sie das elektronische Empfangsbekenntnis (eEB) unverzüglich zurück.",
                        f"Stellungnahme bis {fmt_date(rng, deadline)}."]}[kind]
    s = sender(rng, court)
    info = [(rng.choice(("Geschäftsnummer", "Aktenzeichen", "Az.", "Geschäftszeichen")), fnr), ("Datum", fmt_date(rng, when))]
    return Draft("gerichtspost", "kaemmerei" if kasse else "rechtsamt", s, [court, f"{s.street}, {s.zip_city}"], info, subject,
                 rng.choice(("Sehr geehrte Damen und Herren,", "")), body, rng.choice(("Auf Anordnung", "Beglaubigt", "")),
                 rng.choice(("Justizbeschäftigte als Urkundsbeamtin der Geschäftsstelle", "Rechtspfleger", "Der Vorsitzende")),
                 [], when, {"deadline": deadline.isoformat()}, recipient_dept_ok=rng.random() < 0.5)


def sonstiges(rng: random.Random) -> Draft:
    subject = rng.choice(lx.OTHER_SUBJECTS)
    when = _when(rng)
    name, lines = _citizen(rng)
    body = [rng.choice(("wir möchten Sie über Folgendes informieren:", "anbei erhalten Sie unsere Unterlagen zur Kenntnis.",
                        "vielen Dank für Ihre Unterstützung im vergangenen Jahr.", "ich hätte eine kurze Frage:",
                        f"wir laden Sie herzlich am {when.day}. {MONTHS[when.month - 1]} ein.")),
            rng.choice(("Wir würden uns freuen, von Ihnen zu hören.", "Bei Fragen stehen wir gerne zur Verfügung.",
                        "Bitte leiten Sie dieses Schreiben an die zuständige Stelle weiter.", "Eine Antwort ist nicht erforderlich."))]
    return Draft("sonstiges", "hauptamt", None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when,
                 recipient_dept_ok=False)
