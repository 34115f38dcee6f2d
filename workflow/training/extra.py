"""More letter families (own phrasings): the cases keyword rules miss.

- complaints that never say "Beschwerde" (a defect, a nuisance, a delay - with dissatisfaction or a demand)
- citizens objecting to a charge or a reminder they received (complaints, not reminders)
- debt-collection letters on behalf of a creditor (Mahnungen without the word)
- requests to block passing on one's registration data (Anträge that "widersprechen")
- requests for help with housing costs in everyday words (sozialamt without "Wohngeld")
"""
from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from workflow.training import lexicon as lx
from workflow.training.invoices import Draft, _closing, _salutation, company_footer
from workflow.training.letters import _citizen, _when
from workflow.training.parties import fmt_amount, fmt_date, person, sender

# department -> (place/object, what is wrong) for complaints in plain words
NUISANCES: dict[str, tuple[tuple[str, str], ...]] = {
    "bauamt": (("die Straßenlaterne vor Hausnummer {n}", "ist ausgefallen"), ("der Radweg an der Kreisstraße", "ist voller Wurzelaufbrüche"),
               ("die Parkbank am Teich", "ist zerbrochen"), ("der Gully in unserer Straße", "läuft bei jedem Regen über"),
               ("die Schaukel auf dem Bolzplatz", "hängt nur noch an einer Kette"), ("das Geländer an der Fußgängerbrücke", "wackelt bedenklich"),
               ("die Hecke am Schulweg", "wächst über den halben Gehweg"), ("die Baugrube an der Ecke", "ist nicht abgesichert")),
    "ordnungsamt": (("der Wendehammer", "wird jede Nacht von Lkw zugestellt"), ("die Feuerwehrzufahrt", "ist ständig durch Autos blockiert"),
                    ("die Kneipe an der Ecke", "beschallt die Nachbarschaft bis in die frühen Morgenstunden"),
                    ("das Grundstück nebenan", "ist voller Sperrmüll und Ratten"), ("der Hund des Nachbarn", "bellt ununterbrochen"),
                    ("der Kiosk am Bahnhof", "stellt seine Tische auf den ganzen Gehweg"), ("die Raser in der Tempo-30-Zone", "gefährden die Schulkinder")),
    "buergerbuero": (("die Terminvergabe für Ausweise", "ist online seit Tagen nicht erreichbar"),
                     ("mein neuer Personalausweis", "liegt noch immer nicht zur Abholung bereit"),
                     ("die Meldebescheinigung", "enthielt einen falschen Namen")),
    "sozialamt": (("mein Antrag auf Unterstützung bei der Miete", "liegt unbearbeitet bei Ihnen"),
                  ("die Heizung in der städtischen Notunterkunft", "funktioniert nicht")),
    "kaemmerei": (("die Abbuchung der Hundesteuer", "erfolgte zweimal"), ("mein Steuerkonto", "weist einen falschen Rückstand aus")),
    "hauptamt": (("meine Anfrage an die Verwaltung", "blieb ohne jede Antwort"), ("das Telefon im Rathaus", "ist nie besetzt")),
}
DURATION = ("seit drei Wochen", "seit Monaten", "seit dem letzten Herbst", "nun schon zum vierten Mal", "seit über einem Jahr",
            "immer wieder", "seit Ostern")
DEMANDS = ("Ich erwarte, dass hier endlich gehandelt wird.", "Bitte schaffen Sie umgehend Abhilfe.",
           "Wie lange soll das noch so weitergehen?", "Ich bitte dringend darum, das in Ordnung zu bringen.",
           "Das ist für die Anwohner unzumutbar.", "Es muss jetzt etwas passieren, bevor jemand zu Schaden kommt.",
           "Ich bin von der Stadt ehrlich enttäuscht.", "Mehrfache Hinweise an Ihre Mitarbeiter haben nichts bewirkt.",
           "Ich möchte wissen, bis wann das behoben wird.", "Niemand scheint sich zuständig zu fühlen.")


def beschwerde_plain(rng: random.Random) -> Draft:
    """A complaint that describes the problem and the annoyance but never says 'Beschwerde'."""
    dept = rng.choice(list(NUISANCES))
    thing, wrong = rng.choice(NUISANCES[dept])
    thing = thing.format(n=rng.randint(1, 90))
    name, lines = _citizen(rng)
    when = _when(rng)
    subject = rng.choice((f"{thing[0].upper()}{thing[1:]}", "Zustände in unserer Straße", f"Erneut: {thing}",
                          "Bitte um Erledigung", f"Mängel - {thing}", ""))
    dur = rng.choice(DURATION)
    body = [rng.choice((f"{thing} {wrong}, und das {dur}.", f"{thing[0].upper()}{thing[1:]} {wrong} - {dur}.",
                        f"ich schreibe Ihnen, weil {thing} {wrong}.", f"wieder einmal muss ich feststellen: {thing} {wrong}."))]
    body += rng.sample(DEMANDS, k=rng.randint(1, 3))
    if rng.random() < 0.4:
        body.append(rng.choice(("Eine Antwort erbitte ich schriftlich.", "Fotos lege ich bei.",
                                "Den Ortsbeirat habe ich ebenfalls informiert.", "Ich hoffe auf eine rasche Rückmeldung.")))
    return Draft("beschwerde", dept, None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when,
                 recipient_dept_ok=rng.random() < 0.5)


CHARGES = (("kaemmerei", "die Säumniszuschläge zur Grundsteuer"), ("kaemmerei", "die Mahngebühr für die Hundesteuer"),
           ("kaemmerei", "die doppelte Abbuchung der Gewerbesteuer-Vorauszahlung"), ("ordnungsamt", "die Gebühr für das Verwarngeld"),
           ("buergerbuero", "die Gebühr für den Kinderreisepass"), ("bauamt", "die Rechnung für die Bordsteinabsenkung"))


def charge_objection(rng: random.Random) -> Draft:
    """A citizen disputing a reminder or fee received: a complaint, although it is full of 'Mahnung' words."""
    dept, charge = rng.choice(CHARGES)
    name, lines = _citizen(rng)
    when = _when(rng)
    paid = when - timedelta(days=rng.randint(10, 60))
    subject = rng.choice((f"Ihre Zahlungserinnerung vom {fmt_date(rng, when - timedelta(days=5))}", "Falsche Mahnung",
                          f"Einwand gegen {charge}", "Ungerechtfertigte Gebühren", "Kassenzeichen " + str(rng.randint(10000, 99999))))
    # the charge is always named: it decides the department
    body = [rng.choice((f"wegen {charge} bekam ich heute eine Mahnung, obwohl ich am {fmt_date(rng, paid)} pünktlich bezahlt habe.",
                        f"ich halte {charge} für unberechtigt, denn der Betrag wurde fristgerecht überwiesen.",
                        f"mit Verwunderung habe ich Ihre Zahlungserinnerung für {charge} erhalten: die Zahlung ist am {fmt_date(rng, paid)} erfolgt.",
                        f"ich wende mich gegen {charge}; trotz pünktlicher Zahlung wurden mir Kosten berechnet."))]
    body += rng.sample(["Einen Kontoauszug füge ich bei.", "Ich bitte, die Gebühren zu stornieren und mir dies zu bestätigen.",
                        "So ein Vorgehen ärgert mich sehr.", "Bitte erstatten Sie mir den zu viel abgebuchten Betrag.",
                        "Ich erwarte eine Korrektur meines Kontos."], k=rng.randint(1, 3))
    return Draft("beschwerde", dept, None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when,
                 recipient_dept_ok=rng.random() < 0.6)


AGENCY = ("Inkasso", "Forderungsmanagement", "Forderungsservice", "Creditmanagement", "Einzugsdienst")


def inkasso(rng: random.Random) -> Draft:
    """A collection agency (or a lawyer) demanding payment on behalf of a supplier: a Mahnung."""
    agency = rng.choice(AGENCY)
    s = sender(rng, f"{rng.choice(lx.LAST_NAMES)} {agency} {rng.choice(('GmbH', 'AG', 'KG'))}")
    when = _when(rng)
    dept = rng.choice(list(lx.GOODS))
    creditor = f"{rng.choice(lx.LAST_NAMES)} {rng.choice(lx.GOODS[dept][0])} {rng.choice(lx.COMPANY_FORMS[:4])}"
    principal = Decimal(rng.randint(8000, 900000)) / 100
    costs = Decimal(rng.randint(1500, 9000)) / 100
    interest = (principal * Decimal("0.009")).quantize(Decimal("0.01"))
    due = when + timedelta(days=rng.choice((7, 10, 14)))
    ref = f"{rng.randint(1000, 99999)}/{rng.randint(22, 26)}"
    subject = rng.choice((f"Forderungssache {creditor} ./. Ihre Verwaltung", f"Unser Zeichen {ref} - offene Forderung",
                          f"Auftrag {creditor}", "Forderungsaufstellung", f"Zahlungsaufforderung i. A. {creditor}"))
    body = [rng.choice((f"unsere Mandantin, die {creditor}, hat uns mit dem Einzug ihrer Forderung beauftragt.",
                        f"im Auftrag der {creditor} machen wir eine fällige Forderung gegen Sie geltend.",
                        f"die {creditor} hat ihre offene Forderung an uns zur Beitreibung abgegeben.",
                        f"wir wurden von der Gläubigerin {creditor} mit der Einziehung der rückständigen Beträge betraut."))]
    body.append(rng.choice(("Aufstellung:", "Die Forderung setzt sich wie folgt zusammen:", "Forderungsaufstellung")))
    body += [f"{rng.choice(('Hauptforderung', 'Hauptsache', 'Offener Betrag aus Rechnung'))} {fmt_amount(rng, float(principal))} EUR",
             f"{rng.choice(('Kosten', 'Inkassovergütung', 'Auslagen und Gebühren'))} {fmt_amount(rng, float(costs))} EUR",
             f"{rng.choice(('Zinsen', 'Verzugszinsen', 'Zinsen seit Fälligkeit'))} {fmt_amount(rng, float(interest))} EUR",
             f"{rng.choice(('Gesamtforderung', 'Zu zahlen', 'Summe'))} {fmt_amount(rng, float(principal + costs + interest))} EUR"]
    body.append(rng.choice((f"Bitte gleichen Sie die Gesamtsumme bis zum {fmt_date(rng, due)} aus.",
                            f"Wir erwarten den Zahlungseingang bis {fmt_date(rng, due)}; danach wird das gerichtliche Mahnverfahren eingeleitet.",
                            f"Zahlen Sie bitte innerhalb von sieben Tagen, spätestens am {fmt_date(rng, due)}.")))
    return Draft("mahnung", "kaemmerei", s, [s.name, f"{s.street} · {s.zip_city}"], [("Unser Zeichen", ref), ("Datum", fmt_date(rng, when))],
                 subject, _salutation(rng), body, _closing(rng), person(rng), company_footer(rng, s), when,
                 recipient_dept_ok=False)


def data_block(rng: random.Random) -> Draft:
    """A request to block passing on registration data, worded as an objection: an Antrag for the Bürgerbüro."""
    name, lines = _citizen(rng)
    when = _when(rng)
    who = rng.choice(("an Parteien vor Wahlen", "an Adressbuchverlage", "an Religionsgemeinschaften", "an das Bundesamt für das Personalmanagement der Bundeswehr",
                      "zu Alters- und Ehejubiläen", "an Dritte"))
    subject = rng.choice(("Übermittlungssperre", "Sperre meiner Meldedaten", "Widerspruch gegen Datenübermittlung", "Meldedaten",
                          "Meine Daten im Melderegister"))
    body = [rng.choice((f"ich widerspreche der Übermittlung meiner Meldedaten {who}.",
                        f"der Weitergabe meiner Daten {who} widerspreche ich hiermit.",
                        f"bitte tragen Sie ein, dass meine Daten nicht {who} weitergegeben werden dürfen.",
                        f"ich möchte nicht, dass meine Anschrift {who} übermittelt wird, und bitte um eine entsprechende Sperre."))]
    body += rng.sample(["Das gilt auch für meine Kinder.", "Bitte bestätigen Sie mir die Eintragung schriftlich.",
                        "Mein Geburtsdatum: siehe Personalausweis.", "Vielen Dank für die Erledigung."], k=rng.randint(1, 2))
    return Draft("antrag", "buergerbuero", None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when)


HOUSING = ("einen Zuschuss zur Miete", "Unterstützung bei den Wohnkosten", "Hilfe bei der Zahlung der Miete",
           "einen Lastenzuschuss für mein Eigenheim", "Übernahme der Heizkostennachzahlung", "Hilfe für die Mietkaution")


def housing_help(rng: random.Random) -> Draft:
    """Asking for help with housing costs in everyday words (Sozialamt), not naming Wohngeld."""
    name, lines = _citizen(rng)
    when = _when(rng)
    what = rng.choice(HOUSING)
    subject = rng.choice((f"Bitte um {what}", "Antrag", f"Antrag auf {what.split(' ', 1)[1]}", "Meine Wohnsituation"))
    body = [rng.choice((f"ich beantrage {what}, weil mein Einkommen seit der Trennung nicht mehr ausreicht.",
                        f"da meine Rente knapp ist, bitte ich um {what}.",
                        f"hiermit bitte ich um {what}; die Nebenkosten sind stark gestiegen.",
                        f"ich bin alleinerziehend und benötige {what}."))]
    body += rng.sample(["Kopien von Mietvertrag und Einkommensnachweis liegen bei.", "Ich bin unter der angegebenen Nummer erreichbar.",
                        "Vielen Dank für Ihre Bemühungen.", "Sollten Unterlagen fehlen, reiche ich sie gerne nach."], k=rng.randint(1, 2))
    return Draft("antrag", "sozialamt", None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when)


# department -> (what is asked for, why) for requests in everyday words, without the word "Antrag"
REQUESTS: dict[str, tuple[tuple[str, str], ...]] = {
    "kaemmerei": (("die Abmeldung unserer Katze von der Hundesteuer und die Erstattung des Restbetrags", "das Tier lebt nicht mehr"),
                  ("eine Verschiebung der nächsten Gewerbesteuerrate um drei Monate", "ein Großkunde zahlt verspätet"),
                  ("die Aufteilung der Grundsteuer in Monatsbeträge", "meine Rente kommt monatlich"),
                  ("die Erteilung eines SEPA-Lastschriftmandats für meine Abgaben", "ich möchte keine Frist mehr versäumen")),
    "sozialamt": (("einen Zuschuss für die Schulbücher meiner Tochter", "das Geld reicht diesen Monat nicht"),
                  ("die Übernahme der Kosten für einen Platz in der Notunterkunft", "ich habe meine Wohnung verloren"),
                  ("Unterstützung bei der Nebenkostennachzahlung", "die Abrechnung ist sehr hoch ausgefallen")),
    "hauptamt": (("eine Kopie des Vertrags über die Reinigung des Rathauses", "ich berufe mich auf das Informationsfreiheitsgesetz"),
                 ("die Überlassung des Sitzungssaals für unsere Vereinsversammlung", "unser Vereinsheim wird renoviert"),
                 ("die Zusendung der Statistik über die Einwohnerentwicklung", "ich schreibe eine Facharbeit")),
    "ordnungsamt": (("die Ummeldung meines Gewerbes an den neuen Betriebssitz", "ich ziehe mit dem Laden um"),
                    ("eine Genehmigung für einen Infostand in der Fußgängerzone", "unser Verein sammelt Spenden"),
                    ("ein Halteverbot vor unserem Haus für den Umzugswagen", "wir ziehen am Monatsende aus")),
    "buergerbuero": (("die Ausstellung einer erweiterten Meldebescheinigung", "mein Arbeitgeber verlangt sie"),
                     ("einen Termin für einen neuen Reisepass", "meine Reise steht kurz bevor")),
    "bauamt": (("die Erlaubnis, die Linde vor unserem Haus zu fällen", "sie ist innen hohl"),
               ("eine Auskunft, ob ich einen Carport an die Grenze bauen darf", "ich plane den Bau im Frühjahr")),
}
REQUEST_OPENERS = ("ich wende mich heute an Sie, weil {why}: ich bitte um {what}.",
                   "ich habe ein Anliegen: {why}. Deshalb bitte ich um {what}.",
                   "ich schreibe Ihnen, da {why}. Ich möchte Sie um {what} bitten.",
                   "da {why}, wäre ich Ihnen dankbar für {what}.",
                   "wir wenden uns mit einer Bitte an Sie: {why}. Wir bitten Sie um {what}.",
                   "{why}. Ich frage daher an, ob {what} möglich ist.",
                   "mit diesem Schreiben bitte ich um {what}; {why}.")


def request_plain(rng: random.Random) -> Draft:
    """A request in everyday words: the writer asks for something and says why, without 'Antrag' or 'beantragen'."""
    dept = rng.choice(list(REQUESTS))
    what, why = rng.choice(REQUESTS[dept])
    name, lines = _citizen(rng)
    when = _when(rng)
    body = [rng.choice(REQUEST_OPENERS).format(what=what, why=why)]
    body += rng.sample(["Vielen Dank im Voraus.", "Unterlagen reiche ich gerne nach.", "Sie erreichen mich am besten abends.",
                        "Über eine kurze Nachricht würde ich mich freuen.", "Eine Kopie meines Ausweises liegt bei."],
                       k=rng.randint(1, 2))
    subject = rng.choice((f"Bitte um {what.split(' für ')[0]}", "Anfrage", "Mein Anliegen", "Bitte", f"{what[0].upper()}{what[1:60]}", ""))
    return Draft("antrag", dept, None, lines, [], subject, _salutation(rng), body, _closing(rng), name, [], when)
