"""Order-tolerant character error rate of OCR text against ground truth (for benchmarks and corpus tests).

Each ground-truth line is aligned with the best-matching stretch of any OCR line (semi-global edit distance:
the OCR line may carry more text, e.g. two columns read as one line). Reading order therefore does not count,
only the characters do.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

_CANDIDATES = 4  # OCR lines per truth line that get the exact (slow) alignment


@dataclass(frozen=True, slots=True)
class CerResult:
    """Edit operations needed over all truth characters; ``cer`` = errors / characters (0 = perfect)."""

    errors: int
    characters: int

    @property
    def cer(self) -> float:
        return self.errors / self.characters if self.characters else 0.0

    def __add__(self, other: CerResult) -> CerResult:
        return CerResult(self.errors + other.errors, self.characters + other.characters)


def normalise_lines(text: str) -> list[str]:
    """Non-empty lines with runs of whitespace collapsed to one space."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def substring_distance(needle: str, haystack: str) -> int:
    """Fewest edits turning ``needle`` into some substring of ``haystack`` (free gaps at haystack's ends)."""
    if not needle:
        return 0
    previous = [0] * (len(haystack) + 1)  # empty needle matches anywhere at no cost
    for i, ch in enumerate(needle, start=1):
        current = [i] + [0] * len(haystack)
        for j, other in enumerate(haystack, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ch != other))
        previous = current
    return min(previous)


def line_cer(truth: str, ocr: str) -> CerResult:
    """Character errors of ``ocr`` against ``truth``, each truth line matched to its best OCR line."""
    truth_lines = normalise_lines(truth)
    ocr_lines = normalise_lines(ocr)
    characters = sum(len(line) for line in truth_lines)
    if not ocr_lines:
        return CerResult(characters, characters)
    errors = 0
    for line in truth_lines:
        errors += min(substring_distance(line, candidate) for candidate in _candidates(line, ocr_lines))
    return CerResult(errors, characters)


def _candidates(line: str, ocr_lines: Iterable[str]) -> list[str]:
    scored = []
    for candidate in ocr_lines:
        matcher = difflib.SequenceMatcher(None, line, candidate, autojunk=False)
        # share of the truth line's characters found in the candidate, order-free (cheap upper bound)
        scored.append((matcher.quick_ratio() * (len(line) + len(candidate)) / (2 * max(1, len(line))), candidate))
    scored.sort(key=lambda item: item[0], reverse=True)
    return [candidate for _, candidate in scored[:_CANDIDATES]]
