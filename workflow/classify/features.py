"""Text -> sparse features for the linear model; tolerant of OCR damage, weighted by position in the letter.

Text is lower-cased and folded (ä->a, ß->ss, digits->0) so that OCR losing umlauts still matches. Features:
``w:`` words, ``b:`` word pairs, ``c:`` character 4-grams inside words (robust to single wrong letters and
matching parts of compound words), ``s:`` words of the subject line (Betreff, or the line before the salutation)
and ``o:`` words of the opening sentence - subject and opening carry most of a letter's meaning. Words of the
first page count fully; later pages and boilerplate (privacy notes, terms, bank/register footer, see
``segments``) count with REST_WEIGHT only. Values are 1 + log(tf), the vector is L2-normalised.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable

from workflow.classify.segments import Letter, split_letter
from workflow.classify.textnorm import fold, is_salutation

FEATURE_VERSION = 3
REST_WEIGHT = 0.3
SUBJECT_WEIGHT = 2.0
OPENING_WEIGHT = 1.5
_WORD = re.compile(r"[a-z]{2,}")
_SUBJECT = re.compile(r"^(betreff|betr\.|betrifft|bezug)\s*:?\s*", re.IGNORECASE)
# routing words of the recipient's mailroom: they name no department (a central invoice inbox is not the Kämmerei)
_NEUTRAL = re.compile(r"^(rechnungseingang|posteingang|poststelle|beschaffungsstelle|rechnungsprufung)")
_STOP = frozenset("der die das und in zu den mit von fur auf im ist ein eine wir sie ihr ihre ihnen bei des dem an "
                  "oder als nach zur zum uns unser unsere sich es nicht wird werden hat haben bitte "
                  # first person says who writes, not what the letter is (complaints and requests alike)
                  "ich mich mir mein meine meinen meinem meiner".split())

__all__ = ["FEATURE_VERSION", "extract", "fold", "opening_sentence", "subject_line", "words"]


def subject_line(text: str) -> str:
    """The subject: a line starting with Betreff/Betr., else the line before the salutation, else ''."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines[:40]:
        m = _SUBJECT.match(ln)
        if m:
            return ln[m.end():]
    for i, ln in enumerate(lines[:45]):
        if is_salutation(ln) and i > 0:
            return lines[i - 1]
    return ""


def opening_sentence(text: str) -> str:
    """The first sentence after the salutation (up to 240 characters), else ''."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for i, ln in enumerate(lines[:45]):
        if is_salutation(ln):
            body = " ".join(lines[i + 1:i + 5])
            m = re.search(r"[.!?:](\s|$)", body)
            return body[: m.end() if m else 240][:240]
    return ""


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if not _NEUTRAL.match(w)]


def _add_words(add: Callable[[str, float], None], toks: list[str], weight: float) -> None:
    content = [t for t in toks if t not in _STOP]
    for t in content:
        add("w:" + t, weight)
        if len(t) >= 5:
            padded = f"<{t}>"
            for i in range(len(padded) - 3):
                add("c:" + padded[i:i + 4], 0.25 * weight)
    for a, b in zip(content, content[1:]):
        add(f"b:{a}_{b}", weight)


def extract(text: str, letter: Letter | None = None) -> dict[str, float]:
    """Sparse, normalised feature vector of ``text`` (``letter``: its split, when the caller has it)."""
    counts: dict[str, float] = {}

    def add(key: str, amount: float = 1.0) -> None:
        counts[key] = counts.get(key, 0.0) + amount

    letter = letter or split_letter(text)
    _add_words(add, words(letter.core), 1.0)
    _add_words(add, words(letter.rest), REST_WEIGHT)
    for t in words(subject_line(letter.core)):
        if t not in _STOP:
            add("s:" + t, SUBJECT_WEIGHT)
    for t in words(opening_sentence(letter.core)):
        if t not in _STOP:
            add("o:" + t, OPENING_WEIGHT)
    vec = {k: 1.0 + math.log(v) if v >= 1 else v for k, v in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}
