"""Tiny local-name path helpers shared by the rule evaluator and the custom checks."""
from __future__ import annotations

from lxml import etree

from .rules import Step


def local(tag: str) -> str:
    """Local part of a Clark name."""
    return tag.rpartition("}")[2]


def children_named(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements with this local name in any namespace (``*``: all child elements)."""
    if name == "*":
        return list(element.iterchildren(etree.Element))
    if name.isidentifier():  # lxml compares "{*}name" in C; other names (never in our data) the slow way
        return list(element.iterchildren("{*}" + name))
    return [c for c in element if isinstance(c.tag, str) and local(c.tag) == name]


def child_values(element: etree._Element, path: str) -> list[str]:
    """Texts (or attribute values for a final ``@x``) reached by a ``A/B/@c`` path of local names (``..``: the
    parent)."""
    nodes = [element]
    parts = [p for p in path.split("/") if p]
    for index, part in enumerate(parts):
        if part.startswith("@"):
            name = part[1:]
            return [v for n in nodes for k, v in n.attrib.items() if local(k) == name]
        if part == ".":
            continue
        if part == "..":
            nodes = [p for p in (n.getparent() for n in nodes) if p is not None]
            continue
        nodes = [c for n in nodes for c in children_named(n, part)]
        if not nodes:
            return []
    return [(n.text or "").strip() for n in nodes]


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
