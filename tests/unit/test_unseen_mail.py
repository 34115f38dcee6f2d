"""The independent unseen-mail evaluation generator writes a consistent, correctly labelled folder."""
from __future__ import annotations

import json
from pathlib import Path

from PIL import Image
from stdnum import iban as std_iban
from stdnum.de import leitweg as std_leitweg

from bench.unseen_mail import write_corpus
from bench.unseen_mail.formats import iban_de, iban_is_valid, leitweg_id, leitweg_is_valid
from bench.unseen_mail.vocab import DEPARTMENTS, DOC_TYPES

INVOICE_KEYS = {"seller_name", "invoice_number", "invoice_date", "due_date", "net", "vat", "gross", "currency",
                "iban", "leitweg_id"}


def test_check_digits_agree_with_python_stdnum() -> None:
    assert iban_de("37040044", "0532013000") == "DE89370400440532013000"  # the well-known example IBAN
    for fine in ("", "001", "RE07", "12K"):
        value = leitweg_id("0531500012", fine)
        assert leitweg_is_valid(value) and std_leitweg.is_valid(value)


def test_generated_folder_is_consistent(tmp_path: Path) -> None:
    rows = write_corpus(tmp_path, 12, seed=7)
    manifest = [json.loads(x) for x in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert manifest == rows and len(rows) == 12
    assert len({r["doc_type"] for r in rows}) >= 8  # the type mix is spread even on a small sample
    for row in rows:
        assert row["doc_type"] in DOC_TYPES and row["department"] in DEPARTMENTS
        gt = json.loads((tmp_path / row["gt"]).read_text(encoding="utf-8"))
        assert (gt["id"], gt["file"], gt["doc_type"], gt["department"]) == (row["id"], row["file"], row["doc_type"],
                                                                            row["department"])
        assert len(gt["pages"]) == row["n_pages"] and all(p["text"].strip() for p in gt["pages"])
        with Image.open(tmp_path / row["file"]) if row["format"] == "tiff" else _pdf_pages(tmp_path / row["file"]) as im:
            assert getattr(im, "n_frames", 1) == row["n_pages"]
        if row["doc_type"] in ("rechnung", "gutschrift"):
            inv = row["invoice"]
            assert set(inv) == INVOICE_KEYS
            assert iban_is_valid(inv["iban"]) and std_iban.is_valid(inv["iban"]) and " " not in inv["iban"]
            assert inv["leitweg_id"] is None or std_leitweg.is_valid(inv["leitweg_id"])
            from decimal import Decimal
            assert Decimal(inv["net"]) + Decimal(inv["vat"]) == Decimal(inv["gross"])
            page_text = "\n".join(p["text"] for p in gt["pages"])
            assert inv["seller_name"] in page_text and inv["invoice_number"] in page_text
        else:
            assert "invoice" not in row


def test_same_seed_same_documents() -> None:
    """Content and labels are a function of the seed alone (checked without rendering, to stay fast)."""
    import random

    from bench.unseen_mail.corpus import make_doc, type_plan

    def run(seed: int) -> list[object]:
        master = random.Random(seed)
        docs = [make_doc(t, random.Random(master.randrange(2**63)))[0] for t in type_plan(30, master)]
        return [(d.doc_type, d.department, d.family, d.invoice, d.spec) for d in docs]

    assert run(11) == run(11) and run(11) != run(12)


def _pdf_pages(path: Path) -> _PdfCount:
    return _PdfCount(path)


class _PdfCount:
    """Counts pages of an image-only PDF with pypdf and checks every page carries exactly one image."""

    def __init__(self, path: Path) -> None:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        self.n_frames = len(reader.pages)
        for page in reader.pages:
            assert len(page.images) == 1 and not page.extract_text().strip()

    def __enter__(self) -> _PdfCount:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_stamp_places() -> None:
    """'head' stamps always cover the upper right (the info block); 'page' stamps spread over the whole first page
    and stay on it; an unknown place is refused."""
    import random

    import pytest

    from bench.unseen_mail.render import choose_scan, scan

    def boxes(place: str) -> list[list[int]]:
        found = []
        for seed in range(40):
            rng = random.Random(seed)
            params = choose_scan(rng, "Eingegangen\n12. Mai 2025", place)
            page = Image.new("L", (round(210 * params.dpi / 25.4), round(297 * params.dpi / 25.4)), 255)
            img, ann = scan(page, params, "DejaVuSans", rng, with_stamp=True)
            box = ann[0]["bbox"]
            assert 0 <= box[0] < box[2] <= img.width and 0 <= box[1] < box[3] <= img.height
            k = params.dpi / 25.4
            found.append([round(v / k) for v in box])
        return found

    head, page = boxes("head"), boxes("page")
    assert all(b[0] >= 105 and b[1] <= 40 for b in head)
    assert any(b[1] > 120 for b in page) and any(b[1] < 60 for b in page) and any(b[0] < 90 for b in page)
    with pytest.raises(ValueError, match="stamps must be one of"):
        write_corpus(Path("/nonexistent"), 1, seed=1, stamps="left")
