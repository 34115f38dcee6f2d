"""XML-Schema-level structure check (order, cardinality, simple types) against our declarations.

Pure logic: a parsed lxml tree in, a list of readable German error strings out.  One pass over
the tree; every lookup is a dict access into the precompiled :class:`StructureModel`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from .datatypes import CHECKS, XSD_NAMES
from .model import ContentModel, LeafType, StructureModel

MAX_ERRORS = 50


def _line(element: etree._Element) -> str:
    return f"Zeile {element.sourceline}" if element.sourceline else "Zeile ?"


_ACCEPTED = object()  # a child the walk neither descends into nor checks (an aggregate we do not declare)
_MAX_STEPS = 8192


@dataclass(frozen=True, slots=True)
class _Simple:
    """Per tag: the checks of a basic (cbc/udt/qdt/ram) element, looked up once per process."""

    simple_namespace: bool  # cbc/udt/qdt: child elements are an error (ram: an undeclared aggregate)
    leaf: LeafType | None
    check: Callable[[str], bool] | None
    required: tuple[str, ...] = ()  # the leaf type's required attributes (read per element: kept flat here)


class _Checker:
    """Walks one document; collects errors until MAX_ERRORS."""

    __slots__ = ("model", "errors", "basic_namespaces", "simple_namespaces", "namespaces", "index")

    def __init__(self, model: StructureModel, index: dict | None = None) -> None:
        self.model = model
        self.errors: list[str] = []
        self.index = index  # element -> {child tag: [child elements]}, filled for every aggregate walked
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
            found = self.check_aggregate(element, content)
            if found:
                stack.extend(found)
        return self.errors

    def check_aggregate(
        self, element: etree._Element, content: ContentModel
    ) -> list[tuple[etree._Element, ContentModel]]:
        model = self.model
        text = element.text
        if text and not text.isspace():
            self.add(element, f"{model.display(element.tag)} darf keinen Text enthalten, nur Unterelemente.")
        particles = content.particles
        slot_of = content.index.get
        next_required = content.next_required
        step_of = model.step_cache.get
        position = 0
        count = 0
        descend: list[tuple[etree._Element, ContentModel]] = []
        kids: dict[str, list[etree._Element]] | None = None
        if self.index is not None:
            kids = self.index[element] = {}
        for child in element:
            tag = child.tag
            if tag.__class__ is not str:
                continue  # comments and processing instructions
            if kids is not None:
                same = kids.get(tag)
                if same is None:
                    kids[tag] = [child]
                else:
                    same.append(child)
            tail = child.tail
            if tail and not tail.isspace():
                self.add(child, f"{model.display(element.tag)} darf keinen Text zwischen Unterelementen enthalten.")
            slot = slot_of(tag)
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
                # something mandatory is skipped iff the current slot is short or a required slot lies between
                if count < particles[position].min_occurs or next_required[position + 1] < slot:
                    missing = self.first_missing(content, position, count, slot)
                    self.add(child, f"Element {model.display(tag)} ist hier nicht erwartet; in {model.display(element.tag)} "
                                    f"fehlt vorher das Pflichtelement {missing}.")
                position, count = slot, 1
            else:
                self.add(child, f"Element {model.display(tag)} steht in {model.display(element.tag)} an der falschen Stelle "
                                f"(muss vor {particles[position].display} stehen).")
                continue
            step = step_of(tag)
            if step is None:
                step = self.step(tag)
            if step.__class__ is _Simple:
                if len(child):  # child nodes (elements, comments): the general check
                    self.check_simple(child, tag, step)
                    continue
                check = step.check  # the common case inline: a leaf with text only (no leaf type: no check)
                if check is not None and not check(child.text or ""):
                    self.bad_value(child, tag, step.leaf)  # type: ignore[arg-type]
                if step.required:
                    for attribute in step.required:
                        if child.get(attribute) is None:  # absent (present but empty is "")
                            self.add(child, f"{model.display(tag)}: Pflichtattribut {attribute} fehlt.")
            elif step is not _ACCEPTED:
                descend.append((child, step))
        size = len(particles)
        if (position < size and count < particles[position].min_occurs) or \
                next_required[min(position + 1, size)] < size:
            missing = self.first_missing(content, position, count, size)
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

    def step(self, tag: str) -> ContentModel | _Simple | object:
        """How the walk treats a child with this tag: its content model (descend), the checks of a basic
        element, or ``_ACCEPTED`` (an aggregate we do not declare, accepted as it is); cached per tag."""
        content = self.model.type_of(tag)
        if content is not None:
            found: ContentModel | _Simple | object = content
        else:
            plan = self.simple_plan(tag)
            found = plan if plan is not None else _ACCEPTED
        if len(self.model.step_cache) < _MAX_STEPS:  # tags come from the documents: bound what they add
            self.model.step_cache[tag] = found
        return found

    def bad_value(self, element: etree._Element, tag: str, leaf: LeafType) -> None:
        value = element.text or ""
        self.add(element, f"{self.model.display(tag)}: '{value.strip()[:40]}' ist kein gültiger Wert vom Typ "
                          f"{XSD_NAMES[leaf.datatype]}.")

    def simple_plan(self, tag: str) -> _Simple | None:
        """What the check of a basic element with this tag needs (None: not a basic element, accepted)."""
        try:
            return self.model.simple_cache[tag]
        except KeyError:
            pass
        plan = None
        if tag.startswith(self.basic_namespaces):
            leaf = self.model.leaf_type(tag.rpartition("}")[2])
            plan = _Simple(
                tag.startswith(self.simple_namespaces),
                leaf,
                CHECKS.get(leaf.datatype) if leaf is not None else None,
                leaf.required_attributes if leaf is not None else (),
            )
        self.model.simple_cache[tag] = plan
        return plan

    def check_simple(self, element: etree._Element, tag: str, plan: _Simple) -> None:
        model = self.model
        if len(element) and any(isinstance(child.tag, str) for child in element):
            if plan.simple_namespace:
                self.add(element, f"{model.display(tag)} ist ein einfaches Element und darf keine "
                                  f"Unterelemente enthalten.")
            return
        leaf = plan.leaf
        if leaf is None:
            return
        check = plan.check
        if check is not None and not check(element.text or ""):
            self.bad_value(element, tag, leaf)
        if leaf.required_attributes:
            for attribute in leaf.required_attributes:
                if element.get(attribute) is None:  # absent (present but empty is "")
                    self.add(element, f"{model.display(tag)}: Pflichtattribut {attribute} fehlt.")


def check_structure(
    root: etree._Element, model: StructureModel, expected_root: str, index: dict | None = None
) -> list[str]:
    """Check ``root`` against ``model``; ``expected_root`` is the local name of the document element.

    ``index`` (optional): a dict that receives, for every aggregate the check walks, its child elements by
    Clark name in document order (the child index the rule engine's path lookups use), so the rules and the
    model extraction do not scan those children again.
    """
    tag = root.tag if isinstance(root.tag, str) else ""
    type_name = model.roots.get(tag)
    if type_name is None or type_name != expected_root:
        return [f"{_line(root)}: Wurzelelement {model.display(tag)} passt nicht zur Syntax "
                f"{expected_root} (Namensraum oder Name falsch)."]
    return _Checker(model, index).run(root, type_name)
