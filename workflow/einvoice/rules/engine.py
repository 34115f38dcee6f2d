"""Evaluate declared rules on one parsed document: contexts from the bindings, values cached per node.

A ``Rule`` is data: id, context group, the check (a predicate over the context ``Node``), an optional filter
(``where``) and the business term it is about. ``evaluate`` returns the ids (and nodes) of rules that fail;
levels and messages are attached by the caller.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from typing import Callable, Collection, Iterable, Mapping, Self

from lxml import etree

from workflow.einvoice.rules.bindings import Group, bindings
from workflow.einvoice.rules.paths import (
    Index,
    Value,
    Walker,
    compile_path,
    norm,
    text_of,
    walker,
)
from workflow.einvoice.rules.rulegen import EXPECTED, Runner, generated_runner
from workflow.einvoice.structure.datatypes import XML_SPACE

log = logging.getLogger(__name__)

_DECIMAL = re.compile(r"[ \t\r\n]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*\Z")  # XML whitespace, ASCII digits


def to_decimal(text: str | None) -> Decimal | None:
    """xs:decimal lexical form -> Decimal (None if absent or not a decimal)."""
    if text is None:
        return None
    found = _DECIMALS.get(text, _MISSING)
    if found is _MISSING:
        found = Decimal(text.strip(XML_SPACE)) if _DECIMAL.match(text) else None
        if len(_DECIMALS) < _DECIMALS_MAX and len(text) <= _DECIMALS_TEXT:
            _DECIMALS[text] = found
    return found  # type: ignore[return-value]


# amounts, rates and quantities repeat across documents ('0.00', '19', '1'): each text is read once per
# process (a Decimal is immutable and made exactly, whatever the context; the dict is bounded and only ever
# gains entries whose value is final, so threads may share it)
_DECIMALS: dict[str, Decimal | None] = {}
_DECIMALS_MAX = 8192
_DECIMALS_TEXT = 40
_MISSING = object()  # cache miss marker (a raised KeyError per first lookup costs more than the lookup)


def xround2(value: Decimal) -> Decimal:
    """XPath ``round(x * 100) div 100``: half rounds towards positive infinity."""
    return ((value * 100) + _HALF).to_integral_value(rounding=ROUND_FLOOR) / 100


def xround0(value: Decimal) -> Decimal:
    """XPath ``round(x)``: to an integer, half towards positive infinity."""
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


_HALF = Decimal("0.5")  # made once: a Decimal is immutable


class _GroupPaths(dict):
    """term -> walker of the compiled path for one group of one syntax, compiled on first use ("" = the group
    itself); a walker is ``select`` of its path as a function of (element, index). ``walkers`` holds the same in a
    plain dict, which the nodes read: a dict subclass's subscript goes through the interpreter's generic slot
    (some 300 instructions in the compiled build), a plain dict's ``get`` is one lookup."""

    __slots__ = ("syntax", "group", "entry", "ns", "walkers")

    def __init__(self, syntax: str, group: str, entry: Group, ns: Mapping[str, str]) -> None:
        super().__init__()
        self.syntax, self.group, self.entry, self.ns = syntax, group, entry, ns
        self.walkers: dict[str, Walker] = {}

    def __missing__(self, term: str) -> Walker:
        if term == "":
            cp = compile_path(self.entry[1], self.ns)
        elif term in self.entry[2]:
            cp = compile_path(self.entry[2][term], self.ns)
        else:
            raise KeyError(f"Begriff {term!r} ist für Gruppe {self.group!r} ({self.syntax}) nicht gebunden")
        walk = self[term] = self.walkers[term] = walker(cp)
        return walk


@cache
def _paths(syntax: str) -> Mapping[str, _GroupPaths]:
    table, ns = bindings(syntax)
    return {group: _GroupPaths(syntax, group, entry, ns) for group, entry in table.items()}


class Document:
    """One parsed document seen through the binding table of its syntax."""

    __slots__ = (
        "syntax", "root", "table", "ns", "_nodes", "doc_type", "profile", "memo", "index", "paths",
        "empty_elements", "code_candidates", "texts", "decoded",
    )

    def __init__(self, root: etree._Element, syntax: str, doc_type: str = "", profile: str = "all") -> None:
        self.syntax = syntax  # ubl | cii
        self.root = root
        self.table, self.ns = bindings(syntax)
        self.paths = _paths(syntax)  # group -> term -> walker of the compiled path
        self.doc_type = doc_type  # Invoice | CreditNote | CrossIndustryInvoice
        self.profile = profile  # all | extension | cvd
        self._nodes: dict[str, list[Node]] = {}
        self.memo: dict[object, object] = {}  # per-document results shared by several rules
        self.index: Index = {}  # element -> {child tag: [children]}, filled on first visit
        # the elements without child elements and text, when a walk over the whole document already found them
        # (the syntax-rule walk does); None: not known, the rule that needs them searches itself
        self.empty_elements: list[etree._Element] | None = None
        # the elements the code-list table names, with the entries their place selects (same walk; None: unknown)
        self.code_candidates: list | None = None
        # element -> its ``text``, for elements whose text the schema check read already (the attachments)
        self.texts: dict[etree._Element, str | None] = {}
        # element -> its bytes, for attachments the schema check decoded already (validate with the model)
        self.decoded: dict[etree._Element, bytes] = {}

    def nodes(self, group: str) -> list["Node"]:
        """All nodes of a group, in document order of their parents."""
        found = self._nodes.get(group)
        if found is None:
            parent, _, _ = self.table[group]
            if parent is None:
                found = [Node(self, group, self.root)]
            else:
                found = [n for p in self.nodes(parent) for n in p.children(group)]
            self._nodes[group] = found
        return found

    @property
    def top(self) -> "Node":
        return self.nodes("doc")[0]

    def release(self) -> None:
        """Drop the per-document caches. Nodes point back to their document, so without this a finished
        document is only freed by the cyclic garbage collector (slower; keeps the tree alive longer)."""
        self._nodes = {}
        self.memo = {}
        self.index = {}
        self.empty_elements = None
        self.code_candidates = None
        self.texts = {}
        self.decoded = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """``with Document(...) as doc:`` releases the caches however the block ends."""
        self.release()


class Node:
    """A context element plus cached term lookups."""

    __slots__ = ("doc", "group", "el", "_cache", "_text", "_dec", "_paths", "_index", "_kids")

    def __init__(self, doc: Document, group: str, el: etree._Element) -> None:
        self.doc = doc
        self.group = group
        self.el = el
        self._paths = doc.paths[group].walkers  # term -> walker, those compiled so far (see ``_GroupPaths``)
        self._index = doc.index
        self._cache: dict[str, list[Value]] = {}
        self._text: dict[str, str | None] = {}  # first value, normalised (many rules ask for the same codes)
        self._dec: dict[str, Decimal | None] = {}
        self._kids: dict[str, list[Node]] | None = None  # child group -> nodes (shared with Document.nodes)

    def vals(self, term: str) -> list[Value]:
        got = self._cache.get(term)
        if got is None:
            walk = self._paths.get(term)
            if walk is None:
                walk = self.doc.paths[self.group][term]  # compiled on first use (``_GroupPaths.__missing__``)
            got = self._cache[term] = walk(self.el, self._index)
        return got

    def has(self, term: str) -> bool:
        """The term's element/attribute exists (even if empty)."""
        got = self._cache.get(term)
        if got is None:  # ``vals`` inlined: about 90 of these per document
            walk = self._paths.get(term)
            if walk is None:
                walk = self.doc.paths[self.group][term]
            got = self._cache[term] = walk(self.el, self._index)
        return bool(got)

    def filled(self, term: str) -> bool:
        """Some occurrence has non-whitespace content (``norm(text_of(v))`` non-empty, without building it)."""
        got = self._cache.get(term)
        if got is None:  # ``vals`` inlined
            walk = self._paths.get(term)
            if walk is None:
                walk = self.doc.paths[self.group][term]
            got = self._cache[term] = walk(self.el, self._index)
        for v in got:
            raw = text_of(v)
            if raw and raw.strip(XML_SPACE):  # XML whitespace only, as normalize-space (``norm``)
                return True
        return False

    def text(self, term: str) -> str | None:
        """Whitespace-normalised text of the first occurrence, None if absent."""
        found = self._text.get(term, _MISSING)
        if found is _MISSING:
            v = self._cache.get(term)
            if v is None:
                walk = self._paths.get(term)
                if walk is None:
                    walk = self.doc.paths[self.group][term]
                v = self._cache[term] = walk(self.el, self._index)
            if v:  # norm(text_of(v[0])), inlined: the model and the rules read some 200 terms per document
                first = v[0]
                if isinstance(first, str):
                    raw = first
                elif len(first):
                    raw = "".join(first.itertext())
                else:
                    raw = first.text
                found = norm(raw) if raw else ""
            else:
                found = None
            self._text[term] = found
        return found  # type: ignore[return-value]

    def texts(self, term: str) -> list[str]:
        got = self._cache.get(term)
        if got is None:
            walk = self._paths.get(term)
            if walk is None:
                walk = self.doc.paths[self.group][term]
            got = self._cache[term] = walk(self.el, self._index)
        if not got:  # most lookups: nothing there
            return []
        return [norm(text_of(v)) for v in got]

    def raw(self, term: str) -> list[str]:
        got = self._cache.get(term)
        if got is None:
            walk = self._paths.get(term)
            if walk is None:
                walk = self.doc.paths[self.group][term]
            got = self._cache[term] = walk(self.el, self._index)
        if not got:
            return []
        return [text_of(v) for v in got]

    def dec(self, term: str) -> Decimal | None:
        found = self._dec.get(term, _MISSING)
        if found is _MISSING:
            v = self._cache.get(term)
            if v is None:  # ``vals`` inlined: the model and the rules read some 80 amounts per document
                walk = self._paths.get(term)
                if walk is None:
                    walk = self.doc.paths[self.group][term]
                v = self._cache[term] = walk(self.el, self._index)
            found = self._dec[term] = to_decimal(text_of(v[0])) if v else None
        return found  # type: ignore[return-value]

    def decs(self, term: str) -> list[Decimal]:
        out = []
        for v in self.vals(term):
            d = to_decimal(text_of(v))
            if d is not None:
                out.append(d)
        return out

    def attr(self, term: str, name: str) -> list[str]:
        return [
            v.get(name) or "" for v in self.vals(term) if not isinstance(v, str) and v.get(name) is not None
        ]

    def elements(self, term: str) -> list[etree._Element]:
        return [v for v in self.vals(term) if not isinstance(v, str)]

    def children(self, group: str) -> list["Node"]:
        """The nodes of ``group`` below this one; the same objects each time (and in ``Document.nodes``), so
        terms read by the model extraction are cached for the rules too."""
        kids = self._kids
        if kids is None:
            kids = self._kids = {}
        found = kids.get(group)
        if found is None:
            doc = self.doc
            found = kids[group] = [
                Node(doc, group, el)
                for el in doc.paths[group][""](self.el, self._index)
                if not isinstance(el, str)
            ]
        return found


Check = Callable[[Node], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One declared rule. ``check`` returns True when the context node satisfies the rule."""

    rule_id: str
    context: str  # group name in the bindings (e.g. "doc", "line", "vat")
    check: Check
    term: str | None = None  # business term the rule is about (for messages), e.g. "BT-115"
    where: Check | None = None  # extra context filter (the Schematron context predicate)
    syntax: str | None = None  # only for this syntax (None: both)


@dataclass(frozen=True, slots=True)
class Failure:
    rule_id: str
    node: Node
    term: str | None


def code_of(n: "Node", term: str) -> str | None:
    """The term's first value as the bindings compare codes: UBL whitespace-normalised (normalize-space), CII as
    written (``[ram:CategoryCode = 'S']``: 'S\n' is no 'S'); None if absent."""
    if n.doc.syntax == "ubl":
        return n.text(term)
    v = n.vals(term)
    return text_of(v[0]) if v else None


@dataclass(frozen=True, slots=True)
class TermIs:
    """Context filter (a rule's ``where``): the term's first value is ``value`` (compared as ``code_of`` reads it).

    Declared rather than written as a lambda, so the engine asks each node for the term once and picks the
    rules of the matching value, instead of asking every such filter (one per VAT category) in turn.
    """

    term: str
    value: str

    def __call__(self, n: Node) -> bool:
        return code_of(n, self.term) == self.value


@dataclass(frozen=True, slots=True)
class CodeIn:
    """Context filter (a rule's ``where``): ``code`` is among the codes ``codes_of`` reads from the node.

    Declared for the same reason as ``TermIs``: rules of several codes filter on one set of codes per node (the
    VAT categories of a line), so the engine reads that set once per node and picks the rules of each code in it,
    instead of asking one filter per code. ``codes_of`` must be a pure function of the node (the engine groups the
    filters by it: use one function object, not a fresh closure per code).
    """

    codes_of: Callable[[Node], Collection[str]]
    code: str

    def __call__(self, n: Node) -> bool:
        return self.code in self.codes_of(n)


def evaluate(
    doc: Document, rules: Iterable[Rule], active: Mapping[str, object], *, generated: bool = True
) -> list[Failure]:
    """Run every rule whose id is in ``active`` (the scenario's rule set) on its context nodes.

    The official first-match behaviour inside a Schematron pattern is expressed by the ``where``
    filters. The rules are run context by context (a context without nodes skips all its rules at once; rules
    sharing one ``where`` filter ask it once per node; ``TermIs`` and ``CodeIn`` filters read their term or set of
    codes once per node for all values); the failures come out in rule order, then node order.
    ``generated=False`` runs the unfiltered rules through the loop below instead of their generated function
    (``rulegen``; same failures, for tests).
    """
    found: list[tuple[int, int, Failure]] = []
    ubl = doc.syntax == "ubl"
    for context, unfiltered, runner, filtered, by_term, by_codes in _applicable(tuple(rules), doc.syntax, active):
        nodes = doc.nodes(context)
        if not nodes:
            continue
        for i, node in enumerate(nodes):
            todo = [] if generated else [unfiltered]  # every filter is asked before any rule runs on the node
            for where, entries in filtered:
                if where(node):
                    todo.append(entries)
            for term, by_value in by_term:
                value = node.text(term) if ubl else code_of(node, term)
                picked = by_value.get(value) if value is not None else None
                if picked is not None:
                    todo.append(picked)
            for codes_of, by_code in by_codes:
                codes = codes_of(node)
                if codes:
                    for code, entries in by_code:
                        if code in codes:
                            todo.append(entries)
            if generated:
                runner(node, i, found)
            for entries in todo:
                for position, rule, check in entries:
                    try:
                        ok = check(node)
                    except EXPECTED:
                        ok = False  # an evaluation error on malformed values counts as a failed assert
                    except Exception:  # a defect in one rule must not stop the others; it is logged and reported
                        log.exception(
                            "Regel %s konnte nicht ausgewertet werden (Kontext %s)", rule.rule_id, rule.context
                        )
                        ok = False
                    if not ok:
                        found.append((position, i, Failure(rule.rule_id, node, rule.term)))
    if len(found) > 1:
        found.sort(key=_order)
    return [failure for _, _, failure in found]


def _order(item: tuple[int, int, Failure]) -> tuple[int, int]:
    return item[0], item[1]


# per context (in order of first use): the rules without a ``where`` filter (as entries and as their generated
# function), the rules per other ``where`` filter, the rules behind ``TermIs`` filters per term and value and those
# behind ``CodeIn`` filters per function and code; each rule as (position in rule order, rule, check)
_Entries = tuple[tuple[int, Rule, Check], ...]
_ContextPlan = tuple[
    str,
    _Entries,
    Runner,
    tuple[tuple[Check, _Entries], ...],
    tuple[tuple[str, Mapping[str, _Entries]], ...],
    tuple[tuple[Callable[[Node], Collection[str]], tuple[tuple[str, _Entries], ...]], ...],
]
_Plan = tuple[_ContextPlan, ...]
_APPLICABLE: dict[tuple[int, str, int], tuple[object, object, _Plan]] = {}
_APPLICABLE_MAX = 64


def _applicable(rules: tuple[Rule, ...], syntax: str, active: Mapping[str, object]) -> _Plan:
    """The rules of this syntax the scenario runs, grouped by context and ``where`` filter.

    Cached for the long-lived rule tables and active sets; the entry keeps both objects alive, so their ids
    cannot be reused by other objects while the entry exists. Two threads may build the same plan at once:
    both results are equal, either one is kept.
    """
    key = (id(rules), syntax, id(active))
    entry = _APPLICABLE.get(key)
    if entry is not None and entry[0] is rules and entry[1] is active:
        return entry[2]
    grouped: dict[str, dict[Check | None, list[tuple[int, Rule, Check]]]] = {}
    for position, r in enumerate(rules):
        if r.rule_id in active and (r.syntax is None or r.syntax == syntax):
            by_where = grouped.setdefault(r.context, {None: []})
            by_where.setdefault(r.where, []).append((position, r, r.check))
    found: list[_ContextPlan] = []
    for context, by_where in grouped.items():
        unfiltered = tuple(by_where.pop(None))
        filtered: list[tuple[Check, _Entries]] = []
        by_term: dict[str, dict[str, _Entries]] = {}
        by_codes: dict[Callable[[Node], Collection[str]], dict[str, _Entries]] = {}
        for where, entries in by_where.items():
            if isinstance(where, TermIs):
                by_term.setdefault(where.term, {})[where.value] = tuple(entries)
            elif isinstance(where, CodeIn):
                by_codes.setdefault(where.codes_of, {})[where.code] = tuple(entries)
            elif entries and where is not None:
                filtered.append((where, tuple(entries)))
        runner = generated_runner(unfiltered, Failure)
        codes_plan = tuple((codes_of, tuple(by_code.items())) for codes_of, by_code in by_codes.items())
        found.append((context, unfiltered, runner, tuple(filtered), tuple(by_term.items()), codes_plan))
    plan = tuple(found)
    if len(_APPLICABLE) < _APPLICABLE_MAX:
        _APPLICABLE[key] = (rules, active, plan)
    return plan
