"""Orchestration: choose documents deterministically from a seed, render, write the labelled folder."""
from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import appendix
from . import formats as F
from . import vocab as V
from .context import Ctx, Doc
from .correspondence import antrag, bescheid, beschwerde, gerichtspost, werbung, widerspruch
from .invoices import delivery_note, invoice, reminder
from .layout import pick_family
from .letters import LAYOUTS, compose
from .render import choose_scan, draw_page, save, scan

GENERATOR = "unseen_mail 0.1.0"
STAMP_PLACES = ("head", "page")  # see render.ScanParams.stamp_place
# share of each type (roughly the mix of a municipal mailroom, invoices most frequent)
MIX: dict[str, float] = {"rechnung": 0.24, "antrag": 0.12, "bescheid": 0.10, "widerspruch": 0.10, "beschwerde": 0.09,
                         "mahnung": 0.08, "gerichtspost": 0.07, "lieferschein": 0.07, "gutschrift": 0.07, "werbung": 0.06}
MAKERS: dict[str, Callable[[Ctx], Doc]] = {
    "rechnung": invoice, "gutschrift": lambda c: invoice(c, credit=True), "lieferschein": delivery_note,
    "mahnung": reminder, "antrag": antrag, "widerspruch": widerspruch, "beschwerde": beschwerde,
    "bescheid": bescheid, "gerichtspost": gerichtspost, "werbung": werbung}


def type_plan(n: int, rng: random.Random) -> list[str]:
    """Largest-remainder allocation of n documents over MIX, then shuffled."""
    raw = {t: n * s / sum(MIX.values()) for t, s in MIX.items()}
    counts = {t: int(v) for t, v in raw.items()}
    for t in sorted(raw, key=lambda t: raw[t] - counts[t], reverse=True)[: n - sum(counts.values())]:
        counts[t] += 1
    plan = [t for t, k in counts.items() for _ in range(k)]
    rng.shuffle(plan)
    return plan


def make_doc(doc_type: str, rng: random.Random) -> tuple[Doc, Ctx]:
    day = date(2025, 1, 2) + timedelta(days=rng.randrange(0, 330))
    ctx = Ctx(rng, V.municipality(rng), day, rng.choice(F.DATE_STYLES), rng.choice(F.AMOUNT_STYLES))
    doc = MAKERS[doc_type](ctx)
    doc.spec.appendix = appendix.pick(doc_type, rng, day)
    return doc, ctx


def write_corpus(out: Path, n: int, seed: int, prefix: str = "unseen", stamps: str = "head"
                 ) -> list[dict[str, Any]]:
    if n < 1:
        raise ValueError("--n must be at least 1")
    if stamps not in STAMP_PLACES:
        raise ValueError(f"stamps must be one of {', '.join(STAMP_PLACES)}, not {stamps!r}")
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    rows = []
    for i, doc_type in enumerate(type_plan(n, master), 1):
        rng = random.Random(master.randrange(2**63))
        doc, ctx = make_doc(doc_type, rng)
        family, layout = pick_family(rng), rng.choice(LAYOUTS)
        pages = compose(doc.spec, layout, family, rng)
        received = ctx.letter_date + timedelta(days=rng.randrange(1, 6))
        stamp = None
        if rng.random() < 0.45:
            stamp = rng.choice((f"Eingegangen\n{F.fmt_date(received, 'long')}",
                                f"EINGANG\n{F.fmt_date(received, 'dotted')}\n{ctx.muni.name}",
                                f"Eing.\n{F.fmt_date(received, 'short_year')}\nPoststelle"))
        params = choose_scan(rng, stamp, stamps)
        images, gt_pages = [], []
        for k, page in enumerate(pages, 1):
            img, ann = scan(draw_page(page, family, params.dpi), params, family, rng, with_stamp=k == 1)
            images.append(img)
            gt_pages.append({"page": k, "width": img.width, "height": img.height, "dpi": params.dpi,
                             "text": page.text, "annotations": ann})
        doc_id = f"{prefix}-{i:04d}"
        ext = "pdf" if params.fmt == "pdf" else "tif"
        save(images, out / f"{doc_id}.{ext}", params)
        gt = {"id": doc_id, "file": f"{doc_id}.{ext}", "synthetic": True, "generator": GENERATOR, "seed": seed,
              "profile": "unseen", "doc_type": doc.doc_type, "department": doc.department,
              "department_label": V.CANONICAL_LABEL[doc.department], "department_printed": doc.department_printed,
              "family": doc.family, "layout": layout, "letter_date": ctx.letter_date.isoformat(),
              "received_date": received.isoformat() if stamp else None, "n_pages": len(pages), "font": family,
              "scan": params.as_json(), "fields": {**(doc.invoice or {}), **doc.extra}, "pages": gt_pages}
        (out / f"{doc_id}.json").write_text(json.dumps(gt, ensure_ascii=False, indent=1), encoding="utf-8")
        row: dict[str, Any] = {"id": doc_id, "file": gt["file"], "gt": f"{doc_id}.json", "doc_type": doc.doc_type,
                               "department": doc.department, "department_label": gt["department_label"],
                               "department_printed": doc.department_printed, "family": doc.family,
                               "n_pages": len(pages), "font": family, "layout": layout,
                               "letter_date": gt["letter_date"], "bytes": (out / gt["file"]).stat().st_size,
                               "dpi": params.dpi, "mode": params.mode, "format": params.fmt,
                               "stamp": stamp is not None}
        if doc.doc_type in ("rechnung", "gutschrift"):
            row["invoice"] = doc.invoice
        rows.append(row)
    (out / "manifest.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                        encoding="utf-8")
    return rows
