"""Agreement with the official KoSIT verdicts on the shared corpus (skips when ../shared is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("AKTENFLUSS_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
CORPUS = SHARED / "corpus" / "einvoice"

pytestmark = pytest.mark.corpus


@pytest.mark.skipif(not (CORPUS / "expected.jsonl").is_file(), reason=f"shared corpus not found at {CORPUS}")
def test_verdicts_match_the_official_validator() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.einvoice_conformance import run

    res = run(CORPUS)
    print(res.summary())
    for line in res.mismatches:
        print(line)
    assert res.total > 0
    assert res.accept_ok == res.total, f"accept differs on {res.total - res.accept_ok} files"
    assert res.errors_ok >= 0.98 * res.total, f"error sets equal on only {res.errors_ok}/{res.total} files"
