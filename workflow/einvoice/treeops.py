"""Small element-tree and value primitives of the validator's hot paths, in plain Python.

This module is the reference and the fallback. The optional compiled build (see ``accel``) replaces it with
``treeops.pyx``, which does the same on libxml2's nodes through lxml's C API: lxml's own calls build a matcher
for every ``iterchildren(tag)`` (some 8,000 instructions each, more than the rest of a rule check) and a new
Python string for every tag it hands out, and ``binascii`` decodes base64 one character at a time. Both
versions give the same values: the same element proxies (lxml keeps one per node), the same strings and bytes,
in the same order (``tests/unit/test_einvoice_treeops.py`` compares them on edge documents).

A ``tag`` here is a Clark name ``{uri}local`` or ``{*}local`` (any namespace), as lxml's ``iterchildren`` takes it.
"""

from __future__ import annotations

import binascii
from collections.abc import Sequence

from lxml import etree

COMPILED = False  # the compiled module says True (for tests and benchmarks)


def children(element: etree._Element, tag: str) -> list[etree._Element]:
    """The child elements with this tag, in document order (``list(element.iterchildren(tag))``)."""
    return list(element.iterchildren(tag))


def first_child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child element with this tag, or None (``next(element.iterchildren(tag), None)``)."""
    return next(element.iterchildren(tag), None)


def has_chain(element: etree._Element, chain: Sequence[str], at: int = 0) -> bool:
    """Some path of child elements with the tags ``chain[at:]``, one per step, exists below ``element``."""
    tag = chain[at]
    if at == len(chain) - 1:
        for _ in element.iterchildren(tag):
            return True
        return False
    for child in element.iterchildren(tag):
        if has_chain(child, chain, at + 1):
            return True
    return False


def indexed_descendants(
    top: etree._Element, index: dict
) -> tuple[list[etree._Element], list[str], list[int]]:
    """The elements below ``top`` in document order as three lists: the elements, their tags and their shapes
    (depth below ``top`` times two, plus one if the element has attributes); ``index`` receives each element's
    child elements by tag, in document order, for every element with child elements (``top`` included).

    The reference of the compiled walk (the pure-Python syntax walk keeps its own loop, which reads the same
    in one pass)."""
    elements: list[etree._Element] = []
    tags: list[str] = []
    shapes: list[int] = []
    path = [top]  # the elements from ``top`` down to the current one's parent
    maps: list[dict | None] = [None]  # their child maps (None until the first child)
    descendants = top.iter(etree.Element)
    next(descendants)  # ``top`` itself
    for element in descendants:
        parent = element.getparent()
        while path[-1] is not parent:
            path.pop()
            maps.pop()
        kids = maps[-1]
        if kids is None:
            kids = maps[-1] = index[parent] = {}
        tag = element.tag
        kids.setdefault(tag, []).append(element)
        elements.append(element)
        tags.append(tag)
        shapes.append(len(path) * 2 + (1 if element.keys() else 0))
        path.append(element)
        maps.append(None)
    return elements, tags, shapes


_DEEP: dict[int, etree.XPath] = {}


def deeper_than(root: etree._Element, levels: int) -> bool:
    """Some element of ``root``'s document lies more than ``levels`` levels deep (the root element is level 1)."""
    deep = _DEEP.get(levels)
    if deep is None:  # an element at depth levels + 1 exists iff this path selects something
        deep = _DEEP[levels] = etree.XPath("boolean(/" + "/".join(["*"] * (levels + 1)) + ")")
    return bool(deep(root))


def normalized(text: str) -> bool:
    """``text`` is as XPath's normalize-space (and ``str.split``) leave it: no character below U+0021 but single
    spaces between others. A quick test for the compiled build (True: nothing to do); ``rules.paths.norm`` asks it
    only there, the Python test costs more than it saves."""
    previous = " "
    for ch in text:
        if ch <= " " and (ch != " " or previous == " "):
            return False
        previous = ch
    return previous != " "


_WITH_ATTRIBUTE: dict[str, etree.XPath] = {}


def with_attribute(root: etree._Element, name: str) -> list[etree._Element]:
    """The elements of ``root``'s document carrying the attribute ``name`` (no namespace), in document order."""
    find = _WITH_ATTRIBUTE.get(name)
    if find is None:  # the element axis: libxml2 walks it some three times faster than ``//@name/..``
        find = _WITH_ATTRIBUTE[name] = etree.XPath(f"/descendant::*/@{name}/..")
    return find(root)  # type: ignore[return-value]


def set_slots(made: object, slots: tuple, values: list) -> None:
    """Each slot descriptor of ``slots`` set on ``made`` to the value at its place in ``values``."""
    if len(values) != len(slots):
        raise ValueError("one value per slot")
    for slot, value in zip(slots, values):
        slot.__set__(made, value)


def blank_leaf(element: etree._Element) -> bool | None:
    """For an element without child elements: True if its string value (its text and the tails of the comments
    and processing instructions in it) is XML whitespace only, else False (None: never, here; the compiled
    module says None for nodes it leaves to the caller)."""
    for text in [element.text] + [child.tail for child in element]:
        if text and text.strip(" \t\r\n"):
            return False
    return True


def strict_base64(value: str) -> bytes | None:
    """The bytes of a value written without whitespace (``binascii.a2b_base64`` in strict mode), None where that
    raises or the value is not ASCII (an ASCII str is decoded from its own buffer)."""
    if not value.isascii():
        return None
    try:
        return binascii.a2b_base64(value, strict_mode=True)
    except binascii.Error:
        return None
