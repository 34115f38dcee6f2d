"""Letters from citizens, firms, authorities and courts: Antrag, Widerspruch, Beschwerde, Bescheid,
Gerichtspost, Werbung (content only)."""
from __future__ import annotations

from datetime import timedelta

from . import formats as F
from . import vocab as V
from .context import Ctx, Doc, closing, recipient
from .letters import Form, LetterSpec, Lines

# subject key -> (department, subject variants, body variants)
ANTRAG = {
    "wohngeld": ("sozialamt", ("Antrag auf Mietzuschuss", "Wohngeld – Erstantrag", "Weiterleistungsantrag Wohngeld"),
                 ("meine Rente reicht seit der letzten Mieterhöhung nicht mehr für die Miete. Ich bitte deshalb um "
                  "Zuschuss zu den Wohnkosten und lege Mietvertrag und Rentenbescheid bei.",
                  "hiermit beantrage ich für meinen Haushalt (3 Personen) Wohngeld ab dem nächsten Monat. "
                  "Einkommensnachweise der letzten zwölf Monate liegen bei.")),
    "but": ("sozialamt", ("Leistungen für Bildung und Teilhabe", "Kostenübernahme Klassenfahrt / Mittagessen"),
            ("für meine Tochter, Klasse 4 der Grundschule am Park, bitte ich um Übernahme der Kosten für die "
             "Klassenfahrt und das gemeinsame Mittagessen im Rahmen des Bildungspakets.",
             "wir beziehen Kinderzuschlag und beantragen die Erstattung des Schulbedarfs und der Nachhilfe für "
             "unseren Sohn.")),
    "bauantrag": ("bauamt", ("Bauantrag Errichtung eines Carports", "Antrag auf Baugenehmigung – Anbau Wintergarten",
                             "Bauvoranfrage Umnutzung Scheune"),
                  ("anbei reiche ich die Bauvorlagen für den geplanten Anbau auf dem Flurstück 112/4, Gemarkung "
                   "Oberfeld, in dreifacher Ausfertigung ein. Der Entwurfsverfasser ist in Kopie gesetzt.",
                   "ich bitte um Prüfung und Genehmigung des beiliegenden Vorhabens. Lageplan, Bauzeichnungen und "
                   "Baubeschreibung sind beigefügt.")),
    "gewerbe": ("ordnungsamt", ("Gewerbeanmeldung", "Anmeldung eines Gewerbes nach § 14 GewO",
                                "Ummeldung Betriebsstätte"),
                ("ich zeige hiermit den Beginn meines Gewerbes (mobiler Imbiss) zum Monatsersten an und bitte um "
                 "Bestätigung. Eine Kopie meines Personalausweises liegt bei.",
                 "zum 1. des kommenden Monats eröffne ich einen Onlinehandel für Fahrradzubehör. Bitte nehmen Sie "
                 "die Gewerbeanmeldung entgegen.")),
    "sondernutzung": ("ordnungsamt", ("Sondernutzungserlaubnis Außengastronomie", "Genehmigung Aufstellen eines Containers im Straßenraum"),
                      ("für unser Café in der Marktgasse beantragen wir die Nutzung von 12 m² Gehweg für Tische und "
                       "Stühle von April bis Oktober.",
                       "für einen Umzug benötigen wir vom 14. bis 16. des Monats eine Halteverbotszone und Stellfläche "
                       "für einen Bauschuttcontainer vor dem Haus.")),
    "meldebescheinigung": ("buergerbuero", ("Bitte um Meldebescheinigung", "Erweiterte Meldebescheinigung"),
                           ("für die Vorlage bei meiner Krankenkasse benötige ich eine Bescheinigung über meinen "
                            "Wohnsitz. Die Gebühr überweise ich nach Erhalt.",
                            "bitte stellen Sie mir eine Meldebescheinigung mit Angabe aller früheren Anschriften aus.")),
    "auskunftssperre": ("buergerbuero", ("Eintragung einer Auskunftssperre", "Antrag auf Übermittlungssperre"),
                        ("aufgrund einer Bedrohung durch meinen früheren Partner bitte ich, meine Anschrift für "
                         "Auskünfte an Dritte zu sperren. Eine Kopie der polizeilichen Anzeige liegt bei.",
                         "ich widerspreche der Weitergabe meiner Daten an Adressbuchverlage und Parteien.")),
    "hundesteuer": ("kaemmerei", ("Anmeldung eines Hundes", "Hundesteuer – Abmeldung", "Ermäßigung der Hundesteuer"),
                    ("seit dem 1. dieses Monats lebt ein Mischlingsrüde aus dem Tierheim in unserem Haushalt. Bitte "
                     "melden Sie ihn zur Steuer an und senden Sie uns die Marke zu.",
                     "unser Hund ist im letzten Monat verstorben. Wir bitten um Abmeldung und Erstattung der zu viel "
                     "gezahlten Steuer.")),
    "stundung": ("kaemmerei", ("Antrag auf Stundung", "Bitte um Ratenzahlung Grundbesitzabgaben"),
                 ("wegen eines längeren Krankenhausaufenthalts kann ich die fällige Grundsteuer derzeit nicht in "
                  "einer Summe zahlen. Ich bitte um Stundung bis Jahresende oder monatliche Raten von 50 Euro.",
                  "unser Betrieb hat durch das Hochwasser erhebliche Einbußen. Wir beantragen die Stundung der "
                  "Gewerbesteuervorauszahlung für das laufende Quartal.")),
    "ifg": ("hauptamt", ("Antrag nach dem Informationsfreiheitsgesetz", "Akteneinsicht / Informationszugang"),
            ("gestützt auf das Informationsfreiheitsgesetz bitte ich um Übersendung der Verträge mit dem Betreiber "
             "des städtischen Parkhauses in Kopie oder elektronisch.",
             "ich bitte um Auskunft, welche Beratungsunternehmen im letzten Jahr beauftragt wurden und mit welchem "
             "Auftragsvolumen.")),
}

# contested decision -> (department, how the citizen names it)
WIDERSPRUCH = {
    "grundsteuer": ("kaemmerei", "Grundsteuerbescheid"), "hundesteuer": ("kaemmerei", "Hundesteuerbescheid"),
    "gewerbesteuer": ("kaemmerei", "Gewerbesteuerbescheid"),
    "wohngeld": ("sozialamt", "Ablehnungsbescheid zum Wohngeld"),
    "unterkunft": ("sozialamt", "Gebührenbescheid für die Unterbringung in der Notunterkunft"),
    "baugenehmigung": ("bauamt", "Ablehnung meiner Baugenehmigung"), "beseitigung": ("bauamt", "Beseitigungsanordnung für die Gartenhütte"),
    "bussgeld": ("ordnungsamt", "Verwarnungsgeld wegen Falschparkens"),
    "gaststaette": ("ordnungsamt", "Auflagenbescheid zur Sperrzeit meiner Gaststätte"),
    "melde": ("buergerbuero", "Bescheid über die Ablehnung der Auskunftssperre"),
}

BESCHWERDE = (
    ("bauamt", "Schlaglöcher und fehlende Absicherung der Baustelle in der {s}",
     "seit Wochen ist die Baustelle in der {s} nachts nicht beleuchtet. Gestern ist meine Nachbarin mit dem "
     "Fahrrad in eine ungesicherte Grube gefahren. Ich erwarte, dass das zuständige Amt hier sofort handelt."),
    ("bauamt", "Zustand des Spielplatzes {s}",
     "die Rutsche am Spielplatz {s} ist seit dem Frühjahr gesperrt, das Klettergerüst hat lose Bretter. Wann wird "
     "das endlich repariert?"),
    ("buergerbuero", "Wartezeiten bei der Ausweisbeantragung",
     "ich habe drei Wochen auf einen Termin für meinen neuen Reisepass gewartet und musste dann trotzdem zwei "
     "Stunden im Wartebereich sitzen. So kann man mit Bürgerinnen und Bürgern nicht umgehen."),
    ("ordnungsamt", "Dauerparker und Lärm in der {s}",
     "jeden Abend wird der Gehweg vor unserem Haus zugeparkt, Rollstuhlfahrer kommen nicht durch. Trotz mehrerer "
     "Anrufe hat niemand kontrolliert. Außerdem läuft die Musik der Bar bis weit nach Mitternacht."),
    ("sozialamt", "Bearbeitung meines Antrags auf Grundsicherung",
     "mein Antrag liegt seit vier Monaten unbearbeitet bei Ihnen, Rückrufe erfolgen nicht. Ich bin auf die "
     "Leistungen angewiesen und bitte dringend um Entscheidung."),
    ("kaemmerei", "Unberechtigte Mahngebühren",
     "obwohl ich die Grundsteuer fristgerecht überwiesen habe, erhielt ich eine Mahnung mit Säumniszuschlag. "
     "Ich bitte um Prüfung und Erstattung der Gebühren."),
    ("hauptamt", "Dienstaufsichtsbeschwerde gegen einen Mitarbeiter",
     "hiermit erhebe ich Dienstaufsichtsbeschwerde gegen den Sachbearbeiter, der mich am Telefon beleidigt und "
     "das Gespräch grundlos beendet hat. Ich bitte um Stellungnahme des Dienstvorgesetzten."),
    ("hauptamt", "Verhalten am Empfang des Rathauses – Dienstaufsichtsbeschwerde",
     "die Dame am Empfang hat mir jede Auskunft verweigert und mich des Hauses verwiesen. Ich lege deshalb "
     "Dienstaufsichtsbeschwerde ein."),
)

# other authority letters: (department, sender, subject, body)
BESCHEID = (
    ("kaemmerei", "Finanzamt {c}", "Bescheid über Umsatzsteuer für den Betrieb gewerblicher Art",
     "aufgrund der eingereichten Voranmeldungen wird die Umsatzsteuer für Ihren Betrieb gewerblicher Art "
     "festgesetzt. Die Abschlusszahlung ist binnen eines Monats fällig."),
    ("kaemmerei", "Finanzamt {c}", "Körperschaftsteuerbescheid – Bäderbetrieb",
     "die Körperschaftsteuer für den Bäderbetrieb wird auf 0,00 Euro festgesetzt. Der verbleibende Verlustvortrag "
     "wird gesondert festgestellt."),
    ("kaemmerei", "Landkreis {t}", "Festsetzung der Kreisumlage",
     "auf der Grundlage der Haushaltssatzung des Landkreises wird die von Ihrer Gemeinde zu zahlende Kreisumlage "
     "für das Haushaltsjahr festgesetzt. Die Zahlung erfolgt in vier Teilbeträgen."),
    ("bauamt", "Landkreis {t} – Untere Bauaufsichtsbehörde", "Baugenehmigung Erweiterung Feuerwehrgerätehaus",
     "dem Bauvorhaben wird unter den beigefügten Nebenbestimmungen zugestimmt. Der Baubeginn ist spätestens eine "
     "Woche vorher anzuzeigen."),
    ("bauamt", "Landesamt für Straßenbau und Verkehr", "Zuwendungsbescheid Ausbau Ortsdurchfahrt",
     "für den grundhaften Ausbau der Ortsdurchfahrt wird eine Zuwendung als Anteilfinanzierung bewilligt. Der "
     "Verwendungsnachweis ist bis zum Ende des Folgejahres vorzulegen."),
    ("sozialamt", "Jobcenter {t}", "Kostenerstattung für Unterkunftsleistungen",
     "wir teilen mit, dass die Kosten der Unterkunft für die in Ihrer Obdachlosenunterkunft untergebrachte "
     "Bedarfsgemeinschaft ab dem Ersten des Monats übernommen werden."),
    ("sozialamt", "Jobcenter {t}", "Erstattungsanspruch nach § 104 SGB X",
     "für die Leistungsberechtigte haben wir vorläufig Leistungen erbracht und melden hiermit einen "
     "Erstattungsanspruch gegenüber Ihrem Amt an."),
    ("hauptamt", "Statistisches Landesamt", "Auskunftspflicht zur Personalstandstatistik",
     "nach dem Finanz- und Personalstatistikgesetz sind Sie zur Meldung des Personalbestands zum Stichtag 30. Juni "
     "verpflichtet. Bitte nutzen Sie das Online-Meldeverfahren bis zur genannten Frist."),
    ("hauptamt", "Deutsche Rentenversicherung {t}", "Prüfmitteilung nach § 28p SGB IV",
     "die Betriebsprüfung für den Prüfzeitraum der letzten vier Jahre hat keine Nachforderung ergeben. "
     "Bitte bewahren Sie diese Mitteilung bei Ihren Lohnunterlagen auf."),
)

GERICHT = (
    ("rechtsamt", "Verwaltungsgericht {c}", "In der Verwaltungsrechtssache",
     "wird Ihnen die Klageschrift vom {d} zugestellt. Sie erhalten Gelegenheit zur Stellungnahme binnen vier "
     "Wochen. Die Verwaltungsvorgänge sind vollständig vorzulegen.", "VG"),
    ("rechtsamt", "Verwaltungsgericht {c}", "Ladung zur mündlichen Verhandlung",
     "in dem Verwaltungsstreitverfahren wird Termin zur mündlichen Verhandlung bestimmt auf den {d}, 10:30 Uhr, "
     "Sitzungssaal 2. Das persönliche Erscheinen eines Behördenvertreters wird angeordnet.", "VG"),
    ("rechtsamt", "Arbeitsgericht {c}", "Ladung zum Gütetermin",
     "in dem Rechtsstreit eines Beschäftigten gegen Ihre Stadt werden Sie zum Gütetermin am {d} geladen.", "AG"),
    ("kaemmerei", "Amtsgericht {c} – Insolvenzgericht", "Eröffnung des Insolvenzverfahrens",
     "über das Vermögen der Schuldnerin wurde am {d} das Insolvenzverfahren eröffnet. Forderungen sind beim "
     "Insolvenzverwalter unter Angabe von Grund und Betrag schriftlich anzumelden.", "IN"),
    ("kaemmerei", "Amtsgericht {c} – Vollstreckungsgericht", "Zwangsversteigerungssache",
     "das Grundstück wird am {d} im Wege der Zwangsversteigerung versteigert. Als Gläubigerin öffentlicher Lasten "
     "(Grundsteuer) werden Sie gebeten, Ihre Ansprüche rechtzeitig anzumelden.", "K"),
)

WERBUNG = (
    ("Büromöbel-Aktion für Behörden", "nur bis Monatsende: höhenverstellbare Schreibtische mit 25 % Behördenrabatt. "
     "Fordern Sie noch heute unseren Katalog an!"),
    ("Seminar: Vergaberecht kompakt für Kommunen", "in nur einem Tag erfahren Ihre Mitarbeiter alles Wichtige zur "
     "UVgO und zu Direktaufträgen. Frühbucherpreis 349 Euro zzgl. MwSt."),
    ("Streusalz jetzt zum Vorsaisonpreis sichern", "bestellen Sie Ihren Winterbedarf jetzt und sparen Sie bis zu "
     "18 %. Lieferung frei Bauhof ab 10 Tonnen."),
    ("Digitale Ratsarbeit – kostenlos testen", "unsere Cloud-Lösung für Sitzungsdienst und Gremieninformation "
     "steht Ihnen 60 Tage unverbindlich zur Verfügung."),
    ("Fachzeitschrift „Kommunalpraxis heute“ – drei Ausgaben gratis", "lesen Sie, wie andere Verwaltungen ihre "
     "Digitalisierung vorantreiben. Das Probeabo endet automatisch."),
    ("Ihr Jubiläum verdient ein Feuerwerk", "ob Stadtfest oder Jubiläum: wir planen Ihr Event von der Bühne bis "
     "zum Catering. Vereinbaren Sie einen Beratungstermin."),
)


def _citizen(ctx: Ctx) -> tuple[V.Person, list[str], str]:
    p = V.person(ctx.rng)
    street, city = V.street(ctx.rng), f"{V.postcode(ctx.rng)} {ctx.muni.town}"
    return p, [p.full, street, city], f"{p.full}, {street}, {city}"


def _az(ctx: Ctx) -> str:
    rng = ctx.rng
    return rng.choice((f"{rng.randrange(10, 99)}.{rng.randrange(1, 9)}-{rng.randrange(100, 999)}/{ctx.letter_date.year % 100}",
                       f"{rng.choice(('SG', 'FB', 'III'))} {rng.randrange(1, 60)}/{rng.randrange(1000, 9999)}",
                       f"{ctx.letter_date.year}-{rng.randrange(1000, 99999)}"))


def _citizen_letter(ctx: Ctx, dept: str, subject: str, paragraphs: list[str], info: list[tuple[str, str]]) -> tuple[LetterSpec, str | None]:
    rng = ctx.rng
    p, lines, ret = _citizen(ctx)
    rec, printed = recipient(ctx, dept, named=rng.random() < 0.75)
    subj = rng.choice((subject, f"Betreff: {subject}", f"Betr.: {subject}", subject))
    place = f"{ctx.muni.town}, {F.fmt_date(ctx.letter_date, ctx.date_style)}" if rng.random() < 0.6 else \
        F.fmt_date(ctx.letter_date, ctx.date_style)
    head = lines if rng.random() < 0.5 else []
    salutation = rng.choice(("Sehr geehrte Damen und Herren,", "Guten Tag,", "Sehr geehrte Damen und Herren,",
                             f"Sehr geehrte{'r Herr' if rng.random() < 0.5 else ' Frau'} {rng.choice(V.LAST)},"))
    spec = LetterSpec(head=head, return_line=ret if not head else "", recipient=rec, info=info, place_date=place,
                      subject=[subj], body=[salutation, *paragraphs],
                      closing=closing(ctx, person=p) + ([] if rng.random() < 0.6 else ["Anlagen"]))
    return spec, printed


def antrag(ctx: Ctx) -> Doc:
    rng = ctx.rng
    key = rng.choice(tuple(ANTRAG))
    dept, subjects, bodies = ANTRAG[key]
    subject = rng.choice(subjects)
    if rng.random() < 0.35:  # a printed form filled in by the applicant
        p, lines, _ = _citizen(ctx)
        rec, printed = recipient(ctx, dept, named=rng.random() < 0.6)
        spec = LetterSpec(head=[ctx.muni.name, rng.choice(("Formular – bitte in Druckbuchstaben ausfüllen",
                                                         "Vordruck", "Eingangsformular"))],
                          return_line="", recipient=rec, info=[], place_date="", subject=[subject],
                          body=[Form([("Name, Vorname", f"{p.last}, {p.first}"), ("Anschrift", ", ".join(lines[1:])),
                                      ("Geburtsdatum", F.fmt_date(ctx.letter_date.replace(year=ctx.letter_date.year - rng.randrange(20, 80), day=min(ctx.letter_date.day, 28)), "dotted")),
                                      ("Begründung / Angaben", rng.choice(bodies)[:90])], boxed=rng.random() < 0.7),
                                Lines([f"Ort, Datum: {ctx.muni.town}, {F.fmt_date(ctx.letter_date, ctx.date_style)}",
                                       "Unterschrift: ______________________"])],
                          title=rng.choice(("Antrag", "ANTRAG", "")))
        return Doc("antrag", dept, f"antrag_u_form_{key}", spec, printed, None, {"subtype": key, "form": True})
    opener = rng.choice(("", "hiermit stelle ich folgenden Antrag: ", "ich wende mich mit einer Bitte an Sie: "))
    paragraphs = [opener + rng.choice(bodies) if opener else rng.choice(bodies),
                  rng.choice(("Für Rückfragen erreichen Sie mich tagsüber telefonisch.",
                              "Bitte bestätigen Sie mir den Eingang dieses Schreibens.",
                              "Vielen Dank für Ihre Mühe im Voraus."))]
    info = [("Telefon", V.phone(rng))] if rng.random() < 0.4 else []
    spec, printed = _citizen_letter(ctx, dept, subject, paragraphs, info)
    return Doc("antrag", dept, f"antrag_u_brief_{key}", spec, printed, None, {"subtype": key, "form": False})


def widerspruch(ctx: Ctx) -> Doc:
    rng = ctx.rng
    key = rng.choice(tuple(WIDERSPRUCH))
    dept, what = WIDERSPRUCH[key]
    az = _az(ctx)
    when = F.fmt_date(ctx.letter_date - timedelta(days=rng.randrange(5, 28)), ctx.date_style)
    lawyer = rng.random() < 0.3
    subject = rng.choice((f"Widerspruch gegen Ihren {what} vom {when}", f"Ihr Zeichen {az} – {what} vom {when}",
                          f"{what}, Aktenzeichen {az}"))
    reason = rng.choice(("Die Berechnung geht von einer falschen Wohnfläche aus.",
                         "Meine Einwände aus dem Anhörungsschreiben wurden nicht berücksichtigt.",
                         "Der Sachverhalt wurde unzutreffend ermittelt; die Begründung folgt gesondert.",
                         "Ich war zum angegebenen Zeitpunkt nachweislich nicht vor Ort."))
    if lawyer:
        firm = f"Rechtsanwälte {rng.choice(V.LAST)} & {rng.choice(V.LAST)}"
        client = V.person(rng)
        rec, printed = recipient(ctx, dept, named=rng.random() < 0.6)
        spec = LetterSpec(head=[firm, f"{V.street(rng)} · {V.city_line(rng)}"], return_line=firm, recipient=rec,
                          info=[("Unser Zeichen", f"{rng.randrange(100, 999)}/{ctx.letter_date.year % 100}"),
                                ("Ihr Zeichen", az), ("Datum", F.fmt_date(ctx.letter_date, ctx.date_style))],
                          place_date="", subject=[f"{client.full} ./. {ctx.muni.name}", subject],
                          body=["Sehr geehrte Damen und Herren,",
                                f"wir zeigen an, dass wir {client.salutation.replace('Herr', 'Herrn')} {client.full} "
                                f"vertreten; eine Vollmacht ist beigefügt. Namens und im Auftrag unserer Partei legen "
                                f"wir gegen den {what} vom {when} Widerspruch ein.", reason,
                                "Wir beantragen, die Vollziehung bis zur Entscheidung auszusetzen und uns Akteneinsicht zu gewähren."],
                          closing=closing(ctx, None) + ["Rechtsanwalt"])
        return Doc("widerspruch", dept, f"widerspruch_u_kanzlei_{key}", spec, printed, None, {"contested": key})
    verb = rng.choice((f"hiermit lege ich gegen den {what} vom {when} fristgerecht Widerspruch ein.",
                       f"gegen Ihre Entscheidung ({what}, {when}) erhebe ich Widerspruch.",
                       f"mit dem {what} vom {when} bin ich nicht einverstanden und widerspreche ihm hiermit."))
    spec, printed = _citizen_letter(ctx, dept, subject, [verb, reason,
                                                         rng.choice(("Ich bitte um Überprüfung und einen neuen Bescheid.",
                                                                     "Bitte setzen Sie die Zahlungspflicht bis zur Entscheidung aus."))],
                                    [("Ihr Zeichen", az)])
    return Doc("widerspruch", dept, f"widerspruch_u_buerger_{key}", spec, printed, None, {"contested": key})


def beschwerde(ctx: Ctx) -> Doc:
    rng = ctx.rng
    dept, subject, body = rng.choice(BESCHWERDE)
    s = rng.choice(V.STREETS)
    spec, printed = _citizen_letter(ctx, dept, rng.choice((f"Beschwerde: {subject.format(s=s)}", subject.format(s=s))),
                                    [body.format(s=s), rng.choice(("Ich bitte um eine schriftliche Antwort.",
                                                                   "Ich erwarte eine Rückmeldung innerhalb von zwei Wochen.",
                                                                   "Eine Kopie dieses Schreibens geht an den Bürgermeister."))], [])
    return Doc("beschwerde", dept, f"beschwerde_u_{dept}", spec, printed, None, {})


def bescheid(ctx: Ctx) -> Doc:
    rng = ctx.rng
    i = rng.randrange(len(BESCHEID))
    dept, sender, subject, body = BESCHEID[i]
    sender = sender.format(c=rng.choice(V.SENDER_CITIES), t=rng.choice(V.TOWNS)[0])
    rec, printed = recipient(ctx, dept, named=rng.random() < 0.5)
    az = _az(ctx)
    extra = []
    if dept == "kaemmerei" and "Kreisumlage" in subject or "Umsatzsteuer" in subject:
        extra.append(f"Festgesetzter Betrag: {F.fmt_amount(F.money(F.Decimal(rng.randrange(100000, 90000000)) / 100), ctx.amount_style)}")
    spec = LetterSpec(head=[sender, rng.choice(("Postanschrift: Postfach " + str(rng.randrange(1000, 9999)),
                                                 f"{V.street(rng)}, {V.city_line(rng)}"))],
                      return_line=f"{sender} · {V.city_line(rng)}", recipient=rec,
                      info=[("Aktenzeichen", az), ("Bearbeitet von", V.person(rng).full), ("Telefon", V.phone(rng)),
                            ("Datum", F.fmt_date(ctx.letter_date, ctx.date_style))],
                      place_date="", subject=[subject], body=[rng.choice(("Sehr geehrte Damen und Herren,", "")), body,
                                                              *extra,
                                                              rng.choice(("Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.",
                                                                          "Diese Mitteilung ergeht maschinell.",
                                                                          "Bei Rückfragen wenden Sie sich bitte an die oben genannte Stelle."))],
                      closing=["Im Auftrag", V.person(rng).full])
    return Doc("bescheid", dept, f"bescheid_u_{i}", spec, printed, None, {"aktenzeichen": az})


def gerichtspost(ctx: Ctx) -> Doc:
    rng = ctx.rng
    i = rng.randrange(len(GERICHT))
    dept, court, subject, body, reg = GERICHT[i]
    court = court.format(c=rng.choice(V.SENDER_CITIES))
    file_no = f"{rng.randrange(1, 30)} {reg} {rng.randrange(10, 999)}/{ctx.letter_date.year % 100}"
    rec, printed = recipient(ctx, dept, named=rng.random() < 0.3)
    when = F.fmt_date(ctx.letter_date + timedelta(days=rng.randrange(20, 90)), ctx.date_style)
    party = rng.choice((f"{V.person(rng).full} ./. {ctx.muni.name}", f"{rng.choice(V.LAST)} Bau GmbH",
                        f"{ctx.muni.name} wegen Grundbesitzabgaben"))
    spec = LetterSpec(head=[court, f"{V.street(rng)} · {V.city_line(rng)}"], return_line=f"{court}, {V.city_line(rng)}",
                      recipient=rec, info=[("Geschäftszeichen", file_no), ("Datum", F.fmt_date(ctx.letter_date, ctx.date_style))],
                      place_date="", subject=[subject, party],
                      body=[rng.choice(("Sehr geehrte Damen und Herren,", "")), body.format(d=when),
                            rng.choice(("Bitte geben Sie bei allen Schreiben das Geschäftszeichen an.",
                                        "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig."))],
                      closing=[rng.choice(("Auf Anordnung", "Mit freundlichen Grüßen")), V.person(rng).full,
                               "Justizbeschäftigte als Urkundsbeamtin der Geschäftsstelle"])
    return Doc("gerichtspost", dept, f"gerichtspost_u_{i}", spec, printed, None, {"court": court, "file_number": file_no})


def werbung(ctx: Ctx) -> Doc:
    rng = ctx.rng
    subject, body = rng.choice(WERBUNG)
    firm = f"{rng.choice(V.LAST)} {rng.choice(('Kommunalbedarf', 'Akademie', 'Solutions', 'Service', 'Verlag'))} GmbH"
    rec, printed = recipient(ctx, "hauptamt", named=rng.random() < 0.3)
    if rng.random() < 0.5:
        rec = [ctx.muni.name, rng.choice(("An die Verwaltungsleitung", "An die Bürgermeisterin / den Bürgermeister",
                                          "An die Beschaffungsstelle")), *rec[-2:]]
        printed = None
    spec = LetterSpec(head=[firm, rng.choice(("Ihr Partner für die öffentliche Hand", "Seit 1987 für Sie da",
                                               "www." + firm.split()[0].lower() + ".de"))],
                      return_line=f"{firm} · {V.city_line(rng)}", recipient=rec, info=[],
                      place_date=F.fmt_date(ctx.letter_date, ctx.date_style), subject=[subject],
                      body=[rng.choice(("Sehr geehrte Damen und Herren,", "Liebe Verantwortliche in der Verwaltung,")),
                            body, rng.choice(("Rufen Sie uns an oder antworten Sie einfach mit dem beiliegenden Faxformular.",
                                              "Dieses Angebot ist freibleibend. Abbestellung jederzeit per E-Mail möglich.")),
                            Lines([rng.choice(("Jetzt bestellen!", "Wir freuen uns auf Sie.", "P.S. Nur solange der Vorrat reicht."))], "bold")],
                      closing=closing(ctx, firm))
    return Doc("werbung", "hauptamt", "werbung_u", spec, printed, None, {})
