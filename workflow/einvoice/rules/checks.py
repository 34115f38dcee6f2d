"""Small reusable predicates over context nodes, so rule tables read like the rule texts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from workflow.einvoice.rules.engine import Check, Node, to_decimal, xround2
from workflow.einvoice.structure.datatypes import XML_SPACE


def _declared(check: Check, kind: str, *args: str) -> Check:
    """``check`` with its declaration attached (kind and arguments), which ``rulegen`` writes out inline; the
    function itself stays what the interpreted engine calls."""
    check.declared = (kind, args)  # type: ignore[attr-defined]
    return check


def has(term: str) -> Check:
    return _declared(lambda n: n.has(term), "has", term)


def filled(term: str) -> Check:
    return _declared(lambda n: n.filled(term), "filled", term)


def any_of(*terms: str) -> Check:
    return _declared(lambda n: any(n.has(t) for t in terms), "any_of", *terms)


def group(name: str) -> Check:
    """Some node of group ``name`` exists in the document."""
    return _declared(lambda n: bool(n.doc.nodes(name)), "group", name)


def max_decimals(term: str, places: int = 2) -> Check:
    """Every occurrence has at most ``places`` characters after the point (raw text, as the official
    string-length test: trailing blanks count)."""

    def check(n: Node) -> bool:
        return all(len(raw.partition(".")[2]) <= places for raw in n.raw(term))

    return check


def double_negative_zero(raw: str | None) -> bool:
    """An untyped value compared with a number is read as xs:double; on the official Saxon a zero written with a
    minus sign and a fraction ('-0.00', '-0.0') then counts as negative: not = 0, not >= 0 (observed on the
    official artefacts; '-0' is a plain zero)."""
    t = (raw or "").strip()
    if not t.startswith("-") or "." not in t:
        return False
    d = to_decimal(t)
    return d is not None and d == 0


def untyped_not_negative(term: str) -> Check:
    """``(term) >= 0`` on the untyped value (every occurrence as XPath reads a general comparison: some)."""

    def check(n: Node) -> bool:
        raws = n.raw(term)
        return any((d := to_decimal(r)) is not None and d >= 0 and not double_negative_zero(r) for r in raws)

    return check


def dec0(n: Node, term: str) -> Decimal:
    """The term's decimal value, 0 if absent (the rules treat a missing summand as zero)."""
    d = n.dec(term)
    return d if d is not None else Decimal(0)


def total(nodes: list[Node], term: str) -> Decimal:
    return sum((d for n in nodes for d in n.decs(term)), Decimal(0))


def rounded(value: Decimal) -> Decimal:
    return xround2(value)


def within_slack(value: Decimal, expected: Decimal, slack: Decimal, inclusive: bool = False) -> bool:
    """``expected - slack < value < expected + slack`` (``<=`` when ``inclusive``), as the official tolerances."""
    if inclusive:
        return expected - slack <= value <= expected + slack
    return expected - slack < value < expected + slack


def parse_date(text: str | None, syntax: str) -> date | None:
    """UBL xs:date (YYYY-MM-DD) or CII format 102 (YYYYMMDD); None if not a date."""
    if not text:
        return None
    t = text.strip(XML_SPACE)  # XML whitespace only
    try:
        if syntax == "cii" and len(t) == 8 and t.isascii() and t.isdigit():
            return date(int(t[:4]), int(t[4:6]), int(t[6:]))
        return date.fromisoformat(t[:10])
    except ValueError:
        return None


def when(cond: Check, then: Check) -> Check:
    """Implication: if ``cond`` holds, ``then`` must hold."""
    return lambda n: (not cond(n)) or then(n)


def code_in(term: str, codes: frozenset[str]) -> Callable[[Node], bool]:
    return lambda n: n.text(term) in codes


def dec_value(text: str | None) -> Decimal | None:
    return to_decimal(text)
