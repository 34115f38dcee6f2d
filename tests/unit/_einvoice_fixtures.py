"""Shared helpers for the e-invoice unit tests: our own fixture files and one-change variants of them."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "einvoice"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def variant(name: str, old: str, new: str) -> bytes:
    """The fixture with exactly one occurrence of ``old`` replaced (fails loudly if the anchor is missing)."""
    text = fixture(name).decode("utf-8")
    assert text.count(old) >= 1, f"anchor {old!r} not in {name}"
    return text.replace(old, new, 1).encode("utf-8")
