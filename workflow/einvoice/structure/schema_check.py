"""XML-Schema-level structure check (order, cardinality, simple types) against our declarations.

Pure logic: a parsed lxml tree in, a list of readable German error strings out.  One pass over
the tree; every lookup is a dict access into the precompiled :class:`StructureModel`.
"""
from __future__ import annotations

from lxml import etree

from .datatypes import CHECKS, XSD_NAMES
from .model import ContentModel, StructureModel

MAX_ERRORS = 50


def _line(element: etree._Element) -> str:
    return f"Zeile {element.sourceline}" if element.sourceline else "Zeile ?"


def _has_text(value: str | None) -> bool:
    return bool(value and value.strip())


class _Checker:
    """Walks one document; collects errors until MAX_ERRORS."""

    __slots__ = ("model", "errors", "basic_namespaces", "simple_namespaces", "namespaces")

    def __init__(self, model: StructureModel) -> None:
        self.model = model
        self.errors: list[str] = []
        self.basic_namespaces = tuple(
            "{" + uri + "}" for pfx, uri in model.prefixes.items() if pfx in ("cbc", "udt", "qdt", "ram")
        )
        self.namespaces = frozenset(model.prefixes.values())
        self.simple_namespaces = tuple(
            "{" + uri + "}" for pfx, uri in model.prefixes.items() if pfx in ("cbc", "udt", "qdt")
        )

    def known(self, tag: str) -> bool:
        """A name of this syntax (declared or named by a rule) in one of its namespaces."""
        uri, _, local = tag[1:].partition("}")
        return local in self.model.vocabulary and uri in self.namespaces

    def add(self, element: etree._Element, text: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{_line(element)}: {text}")

    def run(self, root: etree._Element, type_name: str) -> list[str]:
        stack: list[tuple[etree._Element, ContentModel]] = [(root, self.model.types[type_name])]
        while stack and len(self.errors) < MAX_ERRORS:
            element, content = stack.pop()
            stack.extend(self.check_aggregate(element, content))
        return self.errors

    def check_aggregate(
        self, element: etree._Element, content: ContentModel
    ) -> list[tuple[etree._Element, ContentModel]]:
        model = self.model
        if _has_text(element.text):
            self.add(element, f"{model.display(element.tag)} darf keinen Text enthalten, nur Unterelemente.")
        particles = content.particles
        position = 0
        count = 0
        descend: list[tuple[etree._Element, ContentModel]] = []
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if _has_text(child.tail):
                self.add(child, f"{model.display(element.tag)} darf keinen Text zwischen Unterelementen enthalten.")
            slot = content.index.get(tag)
            if slot is None:
                if content.closed or not self.known(tag):
                    self.add(child, f"Element {model.display(tag)} ist in {model.display(element.tag)} nicht erlaubt "
                                    f"(unbekanntes oder falsch platziertes Element).")
                continue
            if slot == position:
                count += 1
                if count > particles[slot].max_occurs:
                    self.add(child, f"Element {model.display(tag)} kommt in {model.display(element.tag)} zu oft vor "
                                    f"(höchstens {particles[slot].max_occurs}).")
            elif slot > position:
                missing = self.first_missing(content, position, count, slot)
                if missing is not None:
                    self.add(child, f"Element {model.display(tag)} ist hier nicht erwartet; in {model.display(element.tag)} "
                                    f"fehlt vorher das Pflichtelement {missing}.")
                position, count = slot, 1
            else:
                self.add(child, f"Element {model.display(tag)} steht in {model.display(element.tag)} an der falschen Stelle "
                                f"(muss vor {particles[position].display} stehen).")
                continue
            child_content = model.type_of(tag)
            if child_content is None:
                self.check_simple(child)
            else:
                descend.append((child, child_content))
        missing = self.first_missing(content, position, count, len(particles))
        if missing is not None:
            self.add(element, f"In {model.display(element.tag)} fehlt das Pflichtelement {missing}.")
        return descend

    @staticmethod
    def first_missing(content: ContentModel, position: int, count: int, stop: int) -> str | None:
        """First mandatory particle in [position, stop) that has not occurred often enough."""
        particles = content.particles
        if position < stop and count < particles[position].min_occurs:
            return str(particles[position].display)
        following = content.next_required[min(position + 1, len(particles))]
        return str(particles[following].display) if following < stop else None

    def check_simple(self, element: etree._Element) -> None:
        tag = element.tag
        if not tag.startswith(self.basic_namespaces):
            return  # an aggregate we do not declare: accepted as it is
        model = self.model
        has_children = any(isinstance(child.tag, str) for child in element)
        local = tag.rpartition("}")[2]
        if has_children:
            if tag.startswith(self.simple_namespaces):
                self.add(element, f"{model.display(tag)} ist ein einfaches Element und darf keine "
                                  f"Unterelemente enthalten.")
            return
        leaf = model.leaf_type(local)
        if leaf is None:
            return
        value = element.text or ""
        check = CHECKS.get(leaf.datatype)
        if check is not None and not check(value):
            self.add(element, f"{model.display(tag)}: '{value.strip()[:40]}' ist kein gültiger Wert vom Typ "
                              f"{XSD_NAMES[leaf.datatype]}.")
        for attribute in leaf.required_attributes:
            if attribute not in element.attrib:
                self.add(element, f"{model.display(tag)}: Pflichtattribut {attribute} fehlt.")


def check_structure(root: etree._Element, model: StructureModel, expected_root: str) -> list[str]:
    """Check ``root`` against ``model``; ``expected_root`` is the local name of the document element."""
    tag = root.tag if isinstance(root.tag, str) else ""
    type_name = model.roots.get(tag)
    if type_name is None or type_name != expected_root:
        return [f"{_line(root)}: Wurzelelement {model.display(tag)} passt nicht zur Syntax "
                f"{expected_root} (Namensraum oder Name falsch)."]
    return _Checker(model).run(root, type_name)
