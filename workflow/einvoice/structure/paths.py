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
    """Texts (or attribute values for a final ``@x``) reached by a ``A/B/@c`` path of local names."""
    nodes = [element]
    parts = [p for p in path.split("/") if p]
    for index, part in enumerate(parts):
        if part.startswith("@"):
            name = part[1:]
            return [v for n in nodes for k, v in n.attrib.items() if local(k) == name]
        if part == ".":
            continue
        nodes = [c for n in nodes for c in children_named(n, part)]
        if not nodes:
            return []
    return [(n.text or "").strip() for n in nodes]


def predicate_holds(element: etree._Element, step: Step) -> bool:
    """XPath-like existential comparison of a step predicate (``[X = 'v']`` / ``[X != 'v']``)."""
    if step.predicate is None:
        return True
    left, op, value = step.predicate
    values = child_values(element, left)
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
