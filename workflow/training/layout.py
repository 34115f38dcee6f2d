"""Turn a Draft into page text the way OCR would linearise a DIN 5008 letter, in many layout variants."""
from __future__ import annotations

import random

from workflow.training import lexicon as lx
from workflow.training.invoices import Draft
from workflow.training.parties import Municipality, fmt_date, municipality, person

CONFIDENTIAL = ("Persönlich / Vertraulich", "- persönlich -", "VERTRAULICH", "Persönlich", "Vertrauliche Personalsache",
                "persönlich/vertraulich")


def _recipient(rng: random.Random, d: Draft, m: Municipality, personalrat: bool) -> list[str]:
    lines = [rng.choice(("An die", "An den", "")), m.name]
    if personalrat:
        lines.append(rng.choice(("Personalrat", "- Personalrat -", "Personalrat der Stadtverwaltung", "z. Hd. Vorsitzende des Personalrats")))
    elif d.recipient_dept_ok and rng.random() < 0.55:
        lines.append(rng.choice(lx.DEPARTMENT_NAMES[d.department]))
    elif not d.recipient_dept_ok and rng.random() < 0.3:
        lines.append(rng.choice(lx.DEPARTMENT_NAMES[rng.choice(list(lx.DEPARTMENT_NAMES))]))
    elif d.doc_type in ("rechnung", "gutschrift") and rng.random() < 0.5:
        lines.append(rng.choice(("Rechnungseingang", "Zentrale Rechnungseingangsstelle", "Rechnungsprüfung / Posteingang")))
    elif rng.random() < 0.15:
        lines.append("Zentraler Posteingang")
    if rng.random() < 0.25:
        lines.append(f"z. Hd. {rng.choice(('Frau', 'Herrn'))} {rng.choice(lx.LAST_NAMES)}")
    lines += [m.street, m.zip_city]
    return [ln for ln in lines if ln]


def _info(rng: random.Random, items: list[tuple[str, str]]) -> list[str]:
    style = rng.randint(0, 4)
    if style == 4:  # one line, fields separated by dashes or bars
        return [rng.choice((" - ", " | ", " · ")).join(f"{k} {v}" for k, v in items)] if items else []
    if style == 0:
        return [f"{k} {v}" for k, v in items]
    if style == 1:
        return [f"{k}: {v}".replace("::", ":") for k, v in items]
    if style == 2:
        return [x for k, v in items for x in (k, v)]
    return [" ".join(k for k, _ in items), " ".join(v for _, v in items)] if items else []


def render(d: Draft, rng: random.Random, confidential: bool = False, personalrat: bool = False) -> str:
    m = municipality(rng)
    out: list[str] = []
    if confidential:
        out.append(rng.choice(CONFIDENTIAL))
    header = [ln for ln in d.sender_lines if ln]
    rec = _recipient(rng, d, m, personalrat)
    place_date = f"{d.sender.zip_city.split(' ', 1)[1] if d.sender else m.town}, {rng.choice(('den ', ''))}{fmt_date(rng, d.when)}"
    info = list(d.info)
    if not any("datum" in k.lower() for k, _ in info) and rng.random() < 0.3:
        info.append(("Datum", fmt_date(rng, d.when)))
    variant = rng.randint(0, 3)
    if variant == 0:  # letterhead, return line, recipient, info block
        out += header
        if d.sender and rng.random() < 0.7:
            sep = rng.choice((" · ", " | ", ", ", " - ", " • "))
            out.append(sep.join((d.sender.name, d.sender.street, d.sender.zip_city)))
        out += rec + _info(rng, info)
    elif variant == 1:  # recipient first, letterhead to the right read later
        out += rec + header + _info(rng, info)
    elif variant == 2:  # info block beside recipient, columns interleaved by OCR
        inf = _info(rng, info)
        out += header
        for i in range(max(len(rec), len(inf))):
            out.append(" ".join(x for x in ((rec[i] if i < len(rec) else ""), (inf[i] if i < len(inf) else "")) if x))
    else:  # private style: sender block, recipient, place + date line
        out += header + rec + _info(rng, info)
    if not any("datum" in k.lower() for k, _ in info) or rng.random() < 0.2:
        out.append(place_date)
    if confidential and rng.random() < 0.5:
        out.insert(len(header), rng.choice(CONFIDENTIAL))
    if d.subject:
        out.append(rng.choice(("", "", "Betreff: ", "Betr.: ", "Betrifft: ")) + d.subject if not d.subject.startswith("Betreff") else d.subject)
    if d.salutation:
        out.append(d.salutation)
    body = list(d.body)
    if rng.random() < 0.3:  # wrap long lines as a narrow column would
        wrapped: list[str] = []
        for ln in body:
            while len(ln) > 70:
                cut = ln.rfind(" ", 40, 70)
                cut = cut if cut > 0 else 70
                wrapped.append(ln[:cut])
                ln = ln[cut + 1:]
            wrapped.append(ln)
        body = wrapped
    out += body
    if d.closing:
        out.append(d.closing)
    out.append(d.signer or (person(rng) if d.sender else ""))
    if rng.random() < 0.3:
        out.append(f"Seite 1 von {rng.randint(1, 3)}")
    out += d.footer
    return "\n".join(ln for ln in out if ln is not None and ln != "")
