"""Tiny local-name path helpers shared by the rule evaluator and the custom checks."""
from __future__ import annotations

from functools import cache

from lxml import etree

from ..treeops import children, has_chain
from .rules import Step


def local(tag: str) -> str:
    """Local part of a Clark name."""
    return tag.rpartition("}")[2]


@cache
def _child_filter(name: str) -> object:
    """What ``children_named`` passes to ``iterchildren`` for ``name`` (None: compare local names in Python)."""
    if name == "*":
        return etree.Element
    if name.isidentifier():  # lxml compares "{*}name" in C; other names (never in our data) the slow way
        return "{*}" + name
    return None


def children_named(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements with this local name in any namespace (``*``: all child elements)."""
    tag = _child_filter(name)
    if tag is not None:
        return children(element, tag) if tag.__class__ is str else list(element.iterchildren(tag))
    return [c for c in element if isinstance(c.tag, str) and local(c.tag) == name]


_ATTR, _SELF, _PARENT, _CHILD = range(4)


@cache
def _path_steps(path: str) -> tuple[tuple[int, str], ...]:
    """``A/B/@c`` parsed once: (kind, name) per step; nothing after an attribute step."""
    steps: list[tuple[int, str]] = []
    for part in path.split("/"):
        if not part:
            continue
        if part.startswith("@"):
            steps.append((_ATTR, part[1:]))
            break
        steps.append((_SELF, "") if part == "." else (_PARENT, "") if part == ".." else (_CHILD, part))
    return tuple(steps)


def child_values(element: etree._Element, path: str) -> list[str]:
    """String values, untrimmed (or attribute values for a final ``@x``), reached by a ``A/B/@c`` path of local
    names (``..``: the parent)."""
    nodes = [element]
    for kind, name in _path_steps(path):
        if kind == _CHILD:
            nodes = [c for n in nodes for c in children_named(n, name)]
            if not nodes:
                return []
        elif kind == _ATTR:
            return [v for n in nodes for k, v in n.attrib.items() if local(k) == name]
        elif kind == _PARENT:
            nodes = [p for p in (n.getparent() for n in nodes) if p is not None]
    # string values as written (XPath compares them untrimmed: ' VAT' is no 'VAT')
    return [(n.text or "") if not len(n) else "".join(n.itertext()) for n in nodes]


def path_exists(element: etree._Element, path: str) -> bool:
    """``child_values(element, path)`` is not empty, without reading any text or building the lists: the
    first match at each step is enough for a path of child steps."""
    chain = _child_chain(path)
    if chain is not None:  # the common case: child names only, followed depth first up to the first match
        return has_chain(element, chain)
    steps = _path_steps(path)
    nodes = [element]
    for kind, name in steps:
        if kind == _CHILD:
            nodes = [c for n in nodes for c in children_named(n, name)]
            if not nodes:
                return False
        elif kind == _ATTR:
            return any(local(k) == name for n in nodes for k in n.attrib)
        elif kind == _PARENT:
            nodes = [p for p in (n.getparent() for n in nodes) if p is not None]
    return bool(nodes)


@cache
def _child_chain(path: str) -> tuple[str, ...] | None:
    """The ``iterchildren`` tags of a path of named child steps only (None: other steps, ``*``, or a name lxml
    cannot filter on), for ``treeops.has_chain``."""
    steps = _path_steps(path)
    if not steps or any(kind != _CHILD for kind, _ in steps):
        return None
    chain = tuple(_child_filter(name) for _, name in steps)
    return chain if all(tag.__class__ is str for tag in chain) else None  # type: ignore[return-value]


def has_ancestor_named(element: etree._Element, name: str) -> bool:
    """Some ancestor of ``element`` has this local name (any namespace; ``*`` is a name here, not a wildcard)."""
    if name != "*":
        tag = _child_filter(name)
        if tag is not None:  # "{*}name": lxml compares the ancestors' local names in C
            return next(element.iterancestors(tag), None) is not None
    return any(local(a.tag) == name for a in element.iterancestors(etree.Element))


def _upper_values(element: etree._Element, path: str) -> list[str]:
    """Values of ``A/upper-case(B)`` (or ``upper-case(B)``): per node at ``A``, its ``B`` upper-cased, or ``""``
    when it has none (XPath's upper-case of an empty sequence is the empty string)."""
    head, _, call = path.rpartition("upper-case(")
    inner = call.rstrip(")")
    head = head.rstrip("/")
    nodes = [element]
    for part in head.split("/") if head else ():
        nodes = [c for n in nodes for c in children_named(n, part)]
    values: list[str] = []
    for node in nodes:
        found = child_values(node, inner)
        values.append(found[0].upper() if found else "")
    return values


def predicate_holds(element: etree._Element, step: Step) -> bool:
    """XPath-like existential comparison of a step predicate (``[X = 'v']`` / ``[X != 'v']``; ``X`` may end in
    ``upper-case(Y)``, see ``_upper_values``)."""
    if step.predicate is None:
        return True
    left, op, value = step.predicate
    values = _upper_values(element, left) if "upper-case(" in left else child_values(element, left)
    if op == "=":
        return any(v == value for v in values)
    return any(v != value for v in values)


def select(element: etree._Element, steps: tuple[Step, ...]) -> list[etree._Element]:
    """Elements reached from ``element`` by element steps (no attributes, no ``**``)."""
    nodes = [element]
    for step in steps:
        nodes = [c for n in nodes for c in children_named(n, step.name) if predicate_holds(c, step)]
        if not nodes:
            break
    return nodes
