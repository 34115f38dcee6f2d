"""Evaluate the code-list rules (BR-CL-*, BR-CO-09, BR-DEX-01/04..08, BR-TMP-CVD-01, BR-DE-CVD-04/05).

The declarations are data (``codelist_table_ubl`` / ``codelist_table_cii``); all entries are checked in one
pass
over the document's elements, dispatched by element name. Which entries apply where an element sits (its tag
chain, anchoring, excluded parts) is a function of its path alone (``path_plan``): the validator lets the
syntax-rule walk collect the candidates once per distinct path, so no search of its own is needed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterator, Mapping

from lxml import etree

from workflow.einvoice.data_files import codelist
from workflow.einvoice.rules.codelist_table import CodeRule
from workflow.einvoice.rules.codelist_table_cii import TABLE_CII
from workflow.einvoice.rules.codelist_table_ubl import TABLE_UBL
from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm
from workflow.einvoice.treeops import first_child, with_attribute

TABLE: tuple[CodeRule, ...] = TABLE_UBL + TABLE_CII


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: CodeRule
    chain: tuple[str, ...]  # Clark names from the element upwards ("*" = any local name in that namespace)
    anchored: bool
    codes: frozenset[str]
    joined: str
    value_tag: str | None
    exclude: tuple[str, ...] = field(default=())
    attribute: str | None = None  # the checked attribute ("@x" values)
    own_text: bool = False  # the element's own text is checked ("text" values)


def _clark(qname: str, ns: Mapping[str, str]) -> str:
    prefix, _, local = qname.partition(":")
    return f"{{{ns[prefix]}}}{local}"


@cache
def _compiled(syntax: str) -> Mapping[str, tuple[_Compiled, ...]]:
    ns = NS_UBL if syntax == "ubl" else NS_CII
    by_tag: dict[str, list[_Compiled]] = {}
    for r in TABLE:
        if r.syntax != syntax:
            continue
        anchored = r.context.startswith("/")
        steps = r.context.strip("/").split("/")
        chain = tuple(_clark(s, ns) for s in reversed(steps))
        codes: set[str] = set()
        for key in r.lists:
            codes |= codelist(key)
        joined = " ".join(sorted(codes))
        value_tag = _clark(r.value[6:], ns) if r.value.startswith("child:") else None
        comp = _Compiled(
            r,
            chain,
            anchored,
            frozenset(codes | set(r.extra)) if not r.extra_inside else frozenset(codes),
            joined,
            value_tag,
            attribute=r.value[1:] if r.value.startswith("@") else None,
            own_text=r.value == "text",
        )
        by_tag.setdefault(chain[0], []).append(comp)
    return {k: tuple(v) for k, v in by_tag.items()}


def _placed(comp: _Compiled, path: tuple[str, ...]) -> bool:
    """An element at this Clark-name path (root first) sits where the entry's context says: its tag chain,
    anchoring (the chain's top element is a child of the root) and not inside an excluded part."""
    size = len(comp.chain)
    if len(path) < size or any(path[-1 - i] != comp.chain[i] for i in range(1, size)):
        return False
    if comp.anchored and len(path) != size + 1:
        return False
    locals_ = comp.rule.exclude_inside
    return not (locals_ and any(t.rpartition("}")[2] in locals_ for t in path[:-1]))


def _path(el: etree._Element) -> tuple[str, ...]:
    """The Clark names from the document element down to ``el``."""
    tags = [el.tag]
    tags.extend(ancestor.tag for ancestor in el.iterancestors())  # ancestors are elements: Clark names
    tags.reverse()
    return tuple(tags)


def _inside(el: etree._Element, locals_: tuple[str, ...]) -> bool:
    for ancestor in el.iterancestors():
        if ancestor.tag.rpartition("}")[2] in locals_:
            return True
    return False


def _match_exact(value: str, comp: _Compiled) -> bool:
    return value in comp.codes


def _match_norm(value: str, comp: _Compiled) -> bool:
    return norm(value) in comp.codes


def _match_note_subject(value: str, comp: _Compiled) -> bool:
    if not value.startswith("#"):
        return True
    code, sep, _ = value[1:].partition("#")
    return not sep or len(code) != 3 or code in comp.joined


def _match_vat_prefix_substring(value: str, comp: _Compiled) -> bool:
    """UBL: ``contains(' AD AE ... ', substring(., 1, 2))`` on the value as written."""
    return value[:2] in f" {comp.joined} "


def _match_vat_prefix_token(value: str, comp: _Compiled) -> bool:
    """CII: ``contains(' AD AE ... ', concat(' ', substring(., 1, 2), ' '))`` on the value as written (a value
    starting with blanks has no country prefix)."""
    return f" {value[:2]} " in f" {comp.joined} "


def _match_upper_token(value: str, comp: _Compiled) -> bool:
    v = norm(value).upper()
    return " " not in v and v in comp.codes


def _match_token(value: str, comp: _Compiled) -> bool:
    v = norm(value)
    return " " not in v and v in comp.codes


# CodeRule.match -> how a value is compared with the codes (any other name: a single normalised token)
_MATCH: Mapping[str, Callable[[str, _Compiled], bool]] = {
    "exact": _match_exact,
    "norm": _match_norm,
    "note-subject": _match_note_subject,
    "vat-prefix-substring": _match_vat_prefix_substring,
    "vat-prefix-token": _match_vat_prefix_token,
    "upper-token": _match_upper_token,
}


def _ok(value: str, comp: _Compiled, el: etree._Element) -> bool:
    r = comp.rule
    if r.extra_inside and value.strip() in r.extra and _inside(el, r.extra_inside):
        return True
    return _MATCH.get(r.match, _match_token)(value, comp)


_CBC_ANY = f"{{{NS_UBL['cbc']}}}*"


@cache
def _named_tags(syntax: str) -> tuple[str, ...]:
    return tuple(tag for tag in _compiled(syntax) if tag != _CBC_ANY)


_CBC_PREFIX = f"{{{NS_UBL['cbc']}}}"


def path_plan(syntax: str) -> Callable[[tuple[str, ...]], tuple[_Compiled, ...]]:
    """The entries an element at a Clark-name path (root first) is checked against, as far as its position
    decides (tag chain, anchoring below the root, ``exclude_inside``): for a walk over the document that works
    this out once per distinct path (the syntax-rule walk does, see ``evaluate_codes``)."""
    return _path_plans(syntax)


@cache
def _path_plans(syntax: str) -> Callable[[tuple[str, ...]], tuple[_Compiled, ...]]:
    table = _compiled(syntax)

    def plan(path: tuple[str, ...]) -> tuple[_Compiled, ...]:
        return tuple(comp for comp in table.get(path[-1], ()) if _placed(comp, path))

    return plan


Candidates = list[tuple[etree._Element, tuple[_Compiled, ...]]]


def evaluate_codes(
    root: etree._Element,
    syntax: str,
    active: Mapping[str, object],
    candidates: Candidates | None = None,
) -> Iterator[tuple[str, etree._Element, str | None, str]]:
    """Yield (rule id, element, business term, offending value) per code-list violation of an active rule.

    ``candidates`` (optional): the elements named in the table with the entries their position selects
    (``path_plan``), in document order, as a walk over the same document collected them; without it they are
    searched here.
    """
    table = _compiled(syntax)
    wildcard = table.get(_CBC_ANY, ())
    if candidates is None:
        candidates = _named_candidates(root, syntax)
    else:
        candidates = list(candidates)
    # "cbc:*" entries are attribute checks: their candidates come from one compiled XPath over the elements
    # carrying that attribute
    for comp in wildcard:
        attr = comp.rule.value[1:]
        # a one-step chain, not anchored, nothing excluded: every cbc element with the attribute is placed
        anywhere = len(comp.chain) < 2 and not comp.anchored and not comp.rule.exclude_inside
        selected = (comp,)
        for el in with_attribute(root, attr):  # ``//@a/..``: one walk in C where compiled (see ``treeops``)
            if el.tag.startswith(_CBC_PREFIX) and (anywhere or _placed(comp, _path(el))):
                candidates.append((el, selected))
    for el, cands in candidates:
        for comp in cands:
            r = comp.rule
            if r.rule_id not in active:
                continue
            if r.where is not None and not r.where(el):
                continue
            if comp.own_text:
                value: str | None = el.text or ""
            elif comp.attribute is not None:
                value = el.get(comp.attribute)
            else:
                # the first child with that Clark name (as ``find``, without lxml's path machinery)
                child = first_child(el, comp.value_tag) if comp.value_tag else None
                value = None if child is None else (child.text or "")
            if value is None:
                continue
            if not _ok(value, comp, el):
                yield r.rule_id, el, r.term, value


def _named_candidates(root: etree._Element, syntax: str) -> Candidates:
    """The elements named in the table (lxml filters by tag) with the entries their place selects."""
    plan = _path_plans(syntax)
    candidates: Candidates = []
    for el in root.iter(*_named_tags(syntax)):
        placed = plan(_path(el))
        if placed:
            candidates.append((el, placed))
    return candidates
