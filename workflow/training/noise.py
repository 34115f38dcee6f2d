"""OCR-like damage for synthetic text: character confusions, lost umlauts, split/merged lines, dropped lines."""
from __future__ import annotations

import random

_CONFUSE = {"0": "O", "O": "0", "1": "l", "l": "1", "I": "l", "5": "S", "S": "5", "8": "B", "B": "8", "ß": "B",
            "ü": "u", "ö": "o", "ä": "a", "Ü": "U", "Ö": "O", "Ä": "A", "e": "c", "c": "e", "rn": "m", "m": "rn",
            "h": "b", "n": "u", "i": "í", ",": ".", ".": ",", "€": "E", "-": "—"}


def add_noise(text: str, rng: random.Random, level: float) -> str:
    """Damage ``text`` with about ``level`` (0..0.1) character error rate plus line-level effects."""
    if level <= 0:
        return text
    chars: list[str] = []
    i = 0
    while i < len(text):
        two = text[i:i + 2]
        if two in _CONFUSE and rng.random() < level:
            chars.append(_CONFUSE[two])
            i += 2
            continue
        ch = text[i]
        r = rng.random()
        if r < level * 0.6 and ch in _CONFUSE:
            chars.append(_CONFUSE[ch])
        elif r < level * 0.7 and ch != "\n":
            pass  # dropped character
        elif r < level * 0.8 and ch == " ":
            chars.append("")  # merged words
        elif r < level * 0.85:
            chars.append(ch + rng.choice(" .'',"))
        else:
            chars.append(ch)
        i += 1
    lines = "".join(chars).split("\n")
    out: list[str] = []
    for ln in lines:
        r = rng.random()
        if r < level * 0.5 and out:
            out[-1] = out[-1] + " " + ln  # merged lines
        elif r < level and len(ln) > 20:
            cut = rng.randint(5, len(ln) - 5)
            out += [ln[:cut], ln[cut:]]
        elif r < level * 1.2:
            continue  # a lost line
        else:
            out.append(ln)
    if rng.random() < level * 3:  # a block read out of order
        a = rng.randint(0, max(0, len(out) - 6))
        block = out[a:a + rng.randint(2, 5)]
        del out[a:a + len(block)]
        pos = rng.randint(0, len(out))
        out[pos:pos] = block
    return "\n".join(out)
