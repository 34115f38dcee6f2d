"""A tiny path language for business-term bindings, compiled once and walked with lxml child iteration.

Grammar (one path; alternatives separated by ``|`` are evaluated in order and concatenated):
    step ("/" step)* ["/@" attr]
    step   = prefix ":" name [ "[" predicate "]" ]*
    predicate = subpath                         (exists)
              | "not(" subpath ")"              (does not exist)
              | subpath "=" "'" value "'"       (some match has this text, as written: ' S' is no 'S')
              | subpath "!=" "'" value "'"      (some match has another text)
              | "upper-case(" subpath ")" ("=" | "!=") "'" value "'"   (the same, on the upper-cased text)
              | "normalize-space(" subpath ")" ("=" | "!=") "'" value "'"   (on the whitespace-normalised text)
              | "normalize-space(upper-case(" subpath "))" ("=" | "!=") "'" value "'"
              | "bool(" subpath ")=" true|false (xs:boolean value of the first match)
A path that is ``.`` selects the node itself; ``.[predicate]`` selects it only if the predicate holds. Attribute steps return strings, element steps return elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Mapping, Union

from lxml import etree

from workflow.einvoice import treeops
from workflow.einvoice.structure.datatypes import XML_SPACE, collapse_space

try:
    import cython  # only its decorators: type declarations for the optional compiled build (see ``accel``)
except ImportError:  # Cython (the "accel" extra) is not installed: the same decorators as no-ops
    from workflow.einvoice import _cython as cython  # type: ignore[no-redef]

Value = Union[etree._Element, str]

# ``treeops.normalized`` where it is compiled (a scan in C); None: ``norm`` works on every text
_unchanged: Callable[[str], bool] | None = treeops.normalized if treeops.COMPILED else None


class PathSyntaxError(ValueError):
    """A binding path does not follow the grammar in this module's docstring; fix the binding table."""


@dataclass(frozen=True, slots=True)
class Pred:
    path: tuple["Step", ...]
    op: str  # exists | not | eq | ne | eq_upper | ne_upper | (eq|ne)[_upper]_norm | true | false
    value: str = ""


@dataclass(frozen=True, slots=True)
class Step:
    tag: str  # Clark name, or "@name" for an attribute, or "." for self
    preds: tuple[Pred, ...] = ()


def _split_top(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "[" or ch == "(":
            depth += 1
        elif ch == "]" or ch == ")":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


_PRED = re.compile(
    r"^(?:(not)\((.+)\)|bool\((.+)\)=(true|false)|upper-case\((.+?)\)(!=|=)'(.*)'|(.+?)(!=|=)'(.*)'|(.+))$"
)


def _compile_one(path: str, ns: Mapping[str, str]) -> tuple[Step, ...]:
    steps = []
    for raw in _split_top(path.strip(), "/"):
        raw = raw.strip()
        if raw == ".":
            steps.append(Step("."))
            continue
        bracket = raw.find("[")
        name, rest = (raw, "") if bracket < 0 else (raw[:bracket], raw[bracket:])
        if name == "." or name.startswith("@"):
            tag = name
        else:
            prefix, _, local = name.partition(":")
            if not local or prefix not in ns:
                raise PathSyntaxError(f"Pfadschritt {raw!r} in {path!r}: Präfix unbekannt oder Name fehlt")
            tag = f"{{{ns[prefix]}}}{local}"
        preds = []
        while rest:
            if not rest.startswith("["):
                raise PathSyntaxError(f"Prädikat in {path!r} nicht lesbar: {rest!r}")
            depth, end = 0, -1
            for i, ch in enumerate(rest):
                depth += ch == "["
                depth -= ch == "]"
                if depth == 0:
                    end = i
                    break
            preds.append(_compile_pred(rest[1:end], ns, path))
            rest = rest[end + 1 :]
        steps.append(Step(tag, tuple(preds)))
    return tuple(steps)


_NORM_PRED = re.compile(r"^normalize-space\((?:upper-case\((.+?)\)|(.+?))\)(!=|=)'(.*)'$")


def _compile_pred(text: str, ns: Mapping[str, str], path: str) -> Pred:
    n = _NORM_PRED.match(text.strip())
    if n:
        eq = "eq" if n.group(3) == "=" else "ne"
        if n.group(1):
            return Pred(_compile_one(n.group(1), ns), f"{eq}_upper_norm", n.group(4))
        return Pred(_compile_one(n.group(2), ns), f"{eq}_norm", n.group(4))
    m = _PRED.match(text.strip())
    if not m:
        raise PathSyntaxError(f"Prädikat {text!r} in {path!r} nicht lesbar")
    if m.group(1):
        return Pred(_compile_one(m.group(2), ns), "not")
    if m.group(3):
        return Pred(_compile_one(m.group(3), ns), m.group(4))
    if m.group(5):
        return Pred(_compile_one(m.group(5), ns), "eq_upper" if m.group(6) == "=" else "ne_upper", m.group(7))
    if m.group(8):
        return Pred(_compile_one(m.group(8), ns), "eq" if m.group(9) == "=" else "ne", m.group(10))
    return Pred(_compile_one(m.group(11), ns), "exists")


Index = dict  # per document: element -> {child Clark name: [child elements in document order]}


@dataclass(frozen=True, slots=True)
class CompiledPath:
    alternatives: tuple[tuple[Step, ...], ...]
    source: str
    fast: Callable[[etree._Element, dict], list[Value]] | None = None  # walker for plain child chains


Walker = Callable[[etree._Element, Index], list[Value]]


def _fast(alternatives: tuple[tuple[Step, ...], ...]) -> Walker | None:
    """A direct walker for one alternative of plain child steps, optionally ending in an attribute."""
    if len(alternatives) != 1:
        return None
    steps = alternatives[0]
    if any(st.preds or st.tag == "." for st in steps):
        return None
    attr = steps[-1].tag[1:] if steps[-1].tag.startswith("@") else None
    tags = tuple(st.tag for st in (steps[:-1] if attr else steps))
    if not tags or any(t.startswith("@") for t in tags):
        return None
    if len(tags) == 1:
        (t1,) = tags

        @cython.locals(index=dict, kids=dict, found=list)
        def walk(el: etree._Element, index: Index) -> list:
            kids = index.get(el)
            if kids is None:
                kids = child_index(el, index)
            found = kids.get(t1)
            return list(found) if found else []
    elif len(tags) == 2:  # the chain below, unrolled for the most common length (Party/Name, TaxCategory/ID)
        t1, t2 = tags

        @cython.locals(index=dict, kids=dict, found=list, more=list, nxt=list)
        def walk(el: etree._Element, index: Index) -> list:
            kids = index.get(el)
            if kids is None:
                kids = child_index(el, index)
            found = kids.get(t1)
            if not found:
                return []
            if len(found) == 1:
                one = found[0]
                kids = index.get(one)
                if kids is None:
                    kids = child_index(one, index)
                found = kids.get(t2)
                return list(found) if found else []
            nxt: list = []
            for e in found:
                kids = index.get(e)
                if kids is None:
                    kids = child_index(e, index)
                more = kids.get(t2)
                if more:
                    nxt.extend(more)
            return nxt
    else:

        @cython.locals(index=dict, kids=dict, found=list, many=list, nxt=list)
        def walk(el: etree._Element, index: Index) -> list:
            # follow single matches without building lists (the common case: one TaxCategory, one Address)
            one: etree._Element = el
            many: list | None = None  # several matches so far (may be a list of the index: never mutated)
            for tag in tags:
                if many is None:
                    kids = index.get(one)
                    if kids is None:
                        kids = child_index(one, index)
                    found = kids.get(tag)
                    if not found:
                        return []
                    if len(found) == 1:
                        one = found[0]
                    else:
                        many = found
                    continue
                nxt: list = []
                for e in many:
                    kids = index.get(e)
                    if kids is None:
                        kids = child_index(e, index)
                    found = kids.get(tag)
                    if found:
                        nxt.extend(found)
                if not nxt:
                    return nxt
                many = nxt
            return [one] if many is None else list(many)

    if attr is None:
        return walk

    def walk_attr(el: etree._Element, index: Index) -> list:
        return [v for v in (e.get(attr) for e in walk(el, index)) if v is not None]

    return walk_attr


def compile_path(path: str, ns: Mapping[str, str]) -> CompiledPath:
    """Compile ``path`` (see module docstring) with the prefix map ``ns``."""
    return _compile_cached(path, tuple(sorted(ns.items())))


@cache
def _compile_cached(path: str, ns_items: tuple[tuple[str, str], ...]) -> CompiledPath:
    ns = dict(ns_items)
    alternatives = tuple(_compile_one(alt, ns) for alt in _split_top(path, "|"))
    return CompiledPath(alternatives, path, _fast(alternatives))


def norm(text: str | None) -> str:
    """XPath normalize-space: only XML's whitespace (space, tab, CR, LF) collapses; a no-break space or any other
    Unicode space is a character like others (``str.split`` would drop it; on ASCII text, the only text an XML
    1.0 document can hold there, the two agree)."""
    if not text:
        return ""
    if _unchanged is not None and _unchanged(text):  # compiled: a C scan finds most texts normalised already
        return text
    if text.isascii():
        return " ".join(text.split())
    return collapse_space(text)


def xml_blank(text: str) -> bool:
    """Only XML whitespace (space, tab, CR, LF), or nothing: what normalize-space() empties."""
    return not text.strip(XML_SPACE)


def text_of(v: Value) -> str:
    """String value of an element (all descendant text) or attribute value."""
    if isinstance(v, str):
        return v
    if len(v) == 0:
        return v.text or ""
    return "".join(v.itertext())


def child_index(el: etree._Element, index: Index) -> dict[str, list[etree._Element]]:
    """``el``'s child elements by Clark name, built on first use and kept in ``index``.

    One scan of the children serves every later lookup below ``el`` (scanning the children per lookup, as
    ``iterchildren(tag)`` does, costs as much as building this map once). The index holds the element
    proxies, so lxml hands out the same objects for later lookups and identity keys stay valid.
    """
    kids: dict[str, list[etree._Element]] = {}
    for child in el.iterchildren(etree.Element):
        tag = child.tag
        found = kids.get(tag)
        if found is None:
            kids[tag] = [child]
        else:
            found.append(child)
    index[el] = kids
    return kids


def _walk(nodes: list[etree._Element], steps: tuple[Step, ...], index: Index) -> list[Value]:
    """Follow the steps; attribute steps only occur last, so intermediate values are always elements."""
    cur: list = nodes
    for step in steps:
        tag = step.tag
        if tag == ".":
            nxt = cur
        elif tag[0] == "@":
            name = tag[1:]
            nxt = [v for v in (el.get(name) for el in cur) if v is not None]
        else:
            nxt = []
            for el in cur:
                kids = index.get(el)
                if kids is None:
                    kids = child_index(el, index)
                found = kids.get(tag)
                if found:
                    nxt.extend(found)
        preds = step.preds
        if preds and nxt:
            if len(preds) == 1:  # the usual single predicate: no generator per node
                pred = preds[0]
                nxt = [n for n in nxt if not isinstance(n, str) and _test(n, pred, index)]
            else:
                nxt = [n for n in nxt if not isinstance(n, str) and all(_test(n, p, index) for p in preds)]
        if not nxt:
            return nxt
        cur = nxt
    return cur


def _test(el: etree._Element, pred: Pred, index: Index) -> bool:
    found = _walk([el], pred.path, index)
    op = pred.op
    if op == "exists":
        return bool(found)
    if op == "not":
        return not found
    if op in COMPARISONS:  # XPath general comparison: some match compares (loops, not a generator per test)
        value, equal = pred.value, op.startswith("eq")
        upper, normed = "_upper" in op, op.endswith("_norm")
        for f in found:
            text = text_of(f)
            if normed:
                text = norm(text)
            if upper:
                text = text.upper()
            if (text == value) is equal:
                return True
        return False
    if not found:
        return False
    return xs_boolean(text_of(found[0])) is (op == "true")


COMPARISONS = frozenset(
    {"eq", "ne", "eq_upper", "ne_upper", "eq_norm", "ne_norm", "eq_upper_norm", "ne_upper_norm"}
)


def xs_boolean(text: str) -> bool | None:
    """xs:boolean: 'true'/'1' -> True, 'false'/'0' -> False, anything else -> None."""
    t = text.strip()
    if t in ("true", "1"):
        return True
    if t in ("false", "0"):
        return False
    return None


def walker(path: CompiledPath) -> Walker:
    """``select`` of this path as one function of (element, index): no per-call dispatch on the path's shape.

    Plain child chains get the closures of ``_fast``; paths with predicates, ``.`` steps or alternatives a
    function generated from their steps (``pathgen``), which gives what ``interpreted_walker`` gives.
    """
    if path.fast is not None:
        return path.fast
    return _generated(path)


@cache
def _generated(path: CompiledPath) -> Walker:
    from workflow.einvoice.rules.pathgen import generated_walker

    return generated_walker(path.alternatives, path.source)


def interpreted_walker(path: CompiledPath) -> Walker:
    """``select`` of this path by interpreting its steps (``_walk``): the reference for the generated form."""
    alternatives = path.alternatives
    if len(alternatives) == 1:
        (steps,) = alternatives

        def walk_one(el: etree._Element, index: Index) -> list[Value]:
            return list(_walk([el], steps, index))

        return walk_one

    def walk_all(el: etree._Element, index: Index) -> list[Value]:
        out: list[Value] = []
        for alt in alternatives:
            out.extend(_walk([el], alt, index))
        return out

    return walk_all


def select(el: etree._Element, path: CompiledPath, index: Index | None = None) -> list[Value]:
    """All values the path selects below ``el`` (alternatives concatenated in order).

    ``index`` (optional, one per document) caches each element's children by name across lookups.
    """
    if index is None:
        index = {}
    if path.fast is not None:
        return path.fast(el, index)
    if len(path.alternatives) == 1:
        return list(_walk([el], path.alternatives[0], index))
    out: list[Value] = []
    for alt in path.alternatives:
        out.extend(_walk([el], alt, index))
    return out
