"""Evaluate the code-list rules (BR-CL-*, BR-CO-09, BR-DEX-01/04..08, BR-TMP-CVD-01, BR-DE-CVD-04/05).

The declarations are data (``codelist_table_ubl`` / ``codelist_table_cii``); all entries are checked in one
pass
over the document's elements, dispatched by element name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Iterator, Mapping

from lxml import etree

from workflow.einvoice.data_files import codelist
from workflow.einvoice.rules.codelist_table import CodeRule
from workflow.einvoice.rules.codelist_table_cii import TABLE_CII
from workflow.einvoice.rules.codelist_table_ubl import TABLE_UBL
from workflow.einvoice.rules.namespaces import NS_CII, NS_UBL
from workflow.einvoice.rules.paths import norm

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
        )
        by_tag.setdefault(chain[0], []).append(comp)
    return {k: tuple(v) for k, v in by_tag.items()}


def _chain_ok(el: etree._Element, comp: _Compiled, root: etree._Element) -> bool:
    cur = el
    for tag in comp.chain[1:]:
        cur = cur.getparent()
        if cur is None or cur.tag != tag:
            return False
    if comp.anchored:
        return cur.getparent() is root
    return True


def _inside(el: etree._Element, locals_: tuple[str, ...]) -> bool:
    cur = el.getparent()
    while cur is not None:
        if etree.QName(cur).localname in locals_:
            return True
        cur = cur.getparent()
    return False


def _ok(value: str, comp: _Compiled, el: etree._Element) -> bool:
    r = comp.rule
    if r.extra_inside and value.strip() in r.extra and _inside(el, r.extra_inside):
        return True
    if r.match == "exact":
        return value in comp.codes
    if r.match == "norm":
        return norm(value) in comp.codes
    if r.match == "note-subject":
        if not value.startswith("#"):
            return True
        code, sep, _ = value[1:].partition("#")
        return not sep or len(code) != 3 or code in comp.joined
    if r.match == "vat-prefix-substring":
        return value[:2] in comp.joined
    if r.match == "vat-prefix-token":
        prefix = value.strip()[:2]
        return " " not in prefix and prefix in comp.codes
    v = norm(value)
    if r.match == "upper-token":
        v = v.upper()
    return " " not in v and v in comp.codes


_CBC_ANY = f"{{{NS_UBL['cbc']}}}*"


@cache
def _named_tags(syntax: str) -> tuple[str, ...]:
    return tuple(tag for tag in _compiled(syntax) if tag != _CBC_ANY)


@cache
def _with_attribute(attr: str) -> etree.XPath:
    """Elements carrying the attribute (``//@a/..`` is much cheaper in libxml2 than ``//cbc:*[@a]``)."""
    return etree.XPath(f"//@{attr}/..")


_CBC_PREFIX = f"{{{NS_UBL['cbc']}}}"
_BY_PARENT: dict[tuple[str, str, str | None], tuple[_Compiled, ...]] = {}


def _for_parent(syntax: str, tag: str, parent_tag: str | None) -> tuple[_Compiled, ...]:
    """The entries for an element with this tag whose path can match below a parent with ``parent_tag``.

    Most elements named in the table (``cbc:ID`` above all) are the target of several entries that differ in
    the parent; the parent's tag rules most of them out with one lookup, in declaration order.
    """
    key = (syntax, tag, parent_tag)
    found = _BY_PARENT.get(key)
    if found is None:
        found = tuple(c for c in _compiled(syntax)[tag] if len(c.chain) < 2 or c.chain[1] == parent_tag)
        if len(_BY_PARENT) < 4096:  # parent tags come from the document: bound what documents can add
            _BY_PARENT[key] = found
    return found


def evaluate_codes(
    root: etree._Element, syntax: str, active: Mapping[str, object]
) -> Iterator[tuple[str, etree._Element, str | None, str]]:
    """Yield (rule id, element, business term, offending value) per code-list violation of an active rule."""
    table = _compiled(syntax)
    wildcard = table.get(_CBC_ANY, ())
    # only elements named in the table reach Python (lxml filters by tag); "cbc:*" entries are attribute
    # checks, so their candidates come from one compiled XPath over the elements carrying that attribute
    candidates: list[tuple[etree._Element, tuple[_Compiled, ...]]] = []
    for el in root.iter(*_named_tags(syntax)):
        parent = el.getparent()
        cands = _for_parent(syntax, el.tag, parent.tag if parent is not None else None)
        if cands:
            candidates.append((el, cands))
    if wildcard:
        for comp in wildcard:
            attr = comp.rule.value[1:]
            candidates.extend(
                (el, (comp,)) for el in _with_attribute(attr)(root) if el.tag.startswith(_CBC_PREFIX)
            )
    for el, cands in candidates:
        for comp in cands:
            r = comp.rule
            if r.rule_id not in active or not _chain_ok(el, comp, root):
                continue
            if r.exclude_inside and _inside(el, r.exclude_inside):
                continue
            if r.where is not None and not r.where(el):
                continue
            if r.value == "text":
                value: str | None = el.text or ""
            elif r.value.startswith("@"):
                value = el.get(r.value[1:])
            else:
                child = el.find(comp.value_tag) if comp.value_tag else None
                value = None if child is None else (child.text or "")
            if value is None:
                continue
            if not _ok(value, comp, el):
                yield r.rule_id, el, r.term, value
