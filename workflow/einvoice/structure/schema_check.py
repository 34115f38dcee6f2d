"""XML-Schema-level structure check (order, cardinality, simple types) against our declarations.

Pure logic: a parsed lxml tree in, a list of readable German error strings out.  One pass over
the tree; every lookup is a dict access into the precompiled :class:`StructureModel`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .datatypes import CHECKS, XSD_NAMES, collapse_space
from .datatypes import XML_SPACE as _XML_SPACE
from .model import ContentModel, LeafType, StructureModel

if TYPE_CHECKING:
    from .evaluate import SyntaxWalk, _PathNode

MAX_ERRORS = 50


def _line(element: etree._Element) -> str:
    return f"Zeile {element.sourceline}" if element.sourceline else "Zeile ?"


def _note(errors: list[str], element: etree._Element, text: str) -> None:
    if len(errors) < MAX_ERRORS:  # an aggregate's errors are reported together: later ones are never shown
        errors.append(f"{_line(element)}: {text}")


def _place(entry: tuple[tuple[int, ...], list[str]]) -> tuple[int, ...]:
    return entry[0]


_ACCEPTED = object()  # a child the walk neither descends into nor checks (an aggregate we do not declare)
_MAX_STEPS = 8192
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_QNAME = re.compile(r"(?:[^\W\d][\w.\-]*:)?[^\W\d][\w.\-]*")  # xs:QName (NCName letters: Unicode word characters)
# attributes every element may carry (the schema processor's own, never declared): the schema hints
_ANYWHERE = frozenset({_XSI + "schemaLocation", _XSI + "noNamespaceSchemaLocation"})


@dataclass(frozen=True, slots=True)
class _Simple:
    """Per tag: the checks of a basic (cbc/udt/qdt/ram) element, looked up once per process."""

    simple_namespace: bool  # cbc/udt/qdt: child elements are an error (ram: an undeclared aggregate)
    leaf: LeafType | None
    check: Callable[[str], bool] | None
    required: tuple[str, ...] = ()  # the leaf type's required attributes (read per element: kept flat here)
    attributes: frozenset[str] | None = None  # every attribute allowed (None: any), besides xsi:schemaLocation


class _Checker:
    """Walks one document in document order; collects the errors of each aggregate (the first MAX_ERRORS).

    The errors are reported aggregate by aggregate, the children of an aggregate last to first (the order of
    a walk with a stack of aggregates to check): each aggregate's errors are kept under its position in that
    order and sorted at the end. A ``SyntaxWalk`` (optional) goes over the same elements on the same walk.
    """

    __slots__ = ("basic_namespaces", "errors", "index", "model", "namespaces", "simple_namespaces", "syntax")

    def __init__(self, model: StructureModel, index: dict | None = None, syntax: SyntaxWalk | None = None) -> None:
        self.model = model
        # (the aggregate's place in the report order, its errors); the place is the path of its positions
        # among the descended children of its ancestors, negated (last to first)
        self.errors: list[tuple[tuple[int, ...], list[str]]] = []
        self.index = index  # element -> {child tag: [child elements]}, filled for every aggregate walked
        self.syntax = syntax
        self.basic_namespaces = tuple(
            "{" + uri + "}" for pfx, uri in model.prefixes.items() if pfx in ("cbc", "ext", "udt", "qdt", "ram")
        )
        self.namespaces = frozenset(model.prefixes.values())
        self.simple_namespaces = tuple(
            "{" + uri + "}" for pfx, uri in model.prefixes.items() if pfx in ("cbc", "ext", "udt", "qdt")
        )

    def known(self, tag: str) -> bool:
        """A name of this syntax (declared or named by a rule) in one of its namespaces."""
        uri, _, local = tag[1:].partition("}")
        return local in self.model.vocabulary and uri in self.namespaces

    def run(self, root: etree._Element, type_name: str) -> list[str]:
        syntax = self.syntax
        node = syntax.start(root) if syntax is not None else None
        self.check_aggregate(root, self.model.types[type_name], (), node)
        found: list[str] = []
        for _, errors in sorted(self.errors, key=_place):
            found.extend(errors)
            if len(found) >= MAX_ERRORS:
                break
        return found[:MAX_ERRORS]

    def check_aggregate(
        self, element: etree._Element, content: ContentModel, place: tuple[int, ...], node: _PathNode | None
    ) -> None:
        """Check ``element`` against ``content`` and walk its children (``node``: its syntax path node)."""
        model = self.model
        errors: list[str] = []  # this aggregate's, in child order (only the first MAX_ERRORS are ever shown)
        if len(element.attrib):  # an aggregate has no attributes of its own
            self.undeclared_attributes(element, frozenset(), errors)
        text = element.text
        if text and text.strip(_XML_SPACE):  # XML whitespace only (a no-break space is text)
            _note(errors, element, f"{model.display(element.tag)} darf keinen Text enthalten, nur Unterelemente.")
        particles = content.particles
        slot_of = content.index.get
        next_required = content.next_required
        step_of = model.step_cache.get
        position = 0
        count = 0
        descended = 0
        kids: dict[str, list[etree._Element]] | None = None
        if self.index is not None:
            kids = self.index[element] = {}
        syntax = self.syntax
        if syntax is not None:
            elems, paths, marks, selected = syntax.elems, node.children, syntax.marks, syntax.selected  # type: ignore[union-attr]
            run, empty = syntax.run, syntax.empty
        leaf = True  # no child element (yet)
        for child in element:
            tag = child.tag
            if tag.__class__ is not str:
                continue  # comments and processing instructions
            leaf = False
            if kids is not None:
                same = kids.get(tag)
                if same is None:
                    kids[tag] = [child]
                else:
                    same.append(child)
            if syntax is not None:  # ``SyntaxWalk.enter``, inlined
                child_node = paths.get(tag)
                if child_node is None:
                    child_node = syntax.node(node, tag)  # type: ignore[arg-type]
                elems.append(child)
                if marks is not None:
                    if child_node.marked_by is not marks:
                        child_node.mark, child_node.marked_by = marks(child_node.clark), marks
                    if child_node.mark:
                        selected.append((child, child_node.mark))  # type: ignore[union-attr]  # set with marks
                if child_node.work:
                    run.visit(child, child_node)
            tail = child.tail
            if tail and tail.strip(_XML_SPACE):
                _note(errors, child, f"{model.display(element.tag)} darf keinen Text zwischen Unterelementen enthalten.")
            slot = slot_of(tag)
            step = None  # how to go on with the child (None: not at all, it is misplaced)
            if slot is None and content.wildcard:
                count += 1
                step = self.wildcard_step(element, child, count, errors)
            elif slot is None:
                tolerated = content.tolerated  # an open type: the official names it has besides ours, or any known
                if content.closed or (tag not in tolerated if tolerated is not None else not self.known(tag)):
                    _note(errors, child, f"Element {model.display(tag)} ist in {model.display(element.tag)} nicht "
                                         f"erlaubt (unbekanntes oder falsch platziertes Element).")
            elif slot < position:
                _note(errors, child, f"Element {model.display(tag)} steht in {model.display(element.tag)} an der "
                                     f"falschen Stelle (muss vor {particles[position].display} stehen).")
            else:
                if slot == position:
                    count += 1
                    if count > particles[slot].max_occurs:
                        _note(errors, child, f"Element {model.display(tag)} kommt in {model.display(element.tag)} zu "
                                             f"oft vor (höchstens {particles[slot].max_occurs}).")
                else:
                    # something mandatory is skipped iff the current slot is short or a required slot lies between
                    if count < particles[position].min_occurs or next_required[position + 1] < slot:
                        missing = self.first_missing(content, position, count, slot)
                        _note(errors, child, f"Element {model.display(tag)} ist hier nicht erwartet; in "
                                             f"{model.display(element.tag)} fehlt vorher das Pflichtelement {missing}.")
                    position, count = slot, 1
                step = step_of(tag)
                if step is None:
                    step = self.step(tag)
            value: str | None = None  # the child's text, if read here
            if step.__class__ is _Simple:
                value = self.check_leaf(child, tag, step, element.tag, errors)  # type: ignore[arg-type]
            elif step is not None and step is not _ACCEPTED:
                self.check_aggregate(child, step, place + (-descended,), child_node if syntax is not None else None)  # type: ignore[arg-type]
                descended += 1
                if syntax is not None:
                    elems.pop()
                continue  # the syntax walk went over its subtree
            if syntax is not None:
                if not len(child):
                    if empty is not None and (not value or not value.strip(_XML_SPACE)):  # most leaves have text
                        syntax.leaf(child, value)
                elif syntax.has_children(child):
                    syntax.subtree(child, child_node)  # type: ignore[arg-type]  # set above for every child
                else:
                    syntax.leaf(child, None)
                elems.pop()
        size = len(particles)
        if content.wildcard and not count:
            _note(errors, element, f"In {model.display(element.tag)} fehlt das Pflichtelement (ein Element eines "
                                   f"anderen Namensraums).")
        if content.choice:  # exactly one alternative (a repeated one is "zu oft" above)
            chosen = {child.tag for child in element if child.tag in content.index}
            either = " oder ".join([p.display for p in particles])
            if not chosen:
                _note(errors, element, f"In {model.display(element.tag)} fehlt das Pflichtelement {either}.")
            elif len(chosen) > 1:
                _note(errors, element, f"In {model.display(element.tag)} darf nur eines von {either} stehen.")
        if (position < size and count < particles[position].min_occurs) or \
                next_required[min(position + 1, size)] < size:
            missing = self.first_missing(content, position, count, size)
            _note(errors, element, f"In {model.display(element.tag)} fehlt das Pflichtelement {missing}.")
        if leaf and syntax is not None:
            syntax.leaf(element, None)
        if errors:
            self.errors.append((place, errors))

    def wildcard_step(
        self, element: etree._Element, child: etree._Element, count: int, errors: list[str]
    ) -> ContentModel | _Simple | object | None:
        """The one child of a wildcard type (``type X = @other``, UBL's ext:ExtensionContent): an element of a
        namespace other than the parent's (never none), once; checked like elsewhere where we know its name (the
        schema's lax wildcard validates what it declares), any other accepted as it is. None: misplaced."""
        model = self.model
        tag = child.tag
        uri = tag[1:].partition("}")[0] if tag[:1] == "{" else ""
        if not uri or uri == element.tag[1:].partition("}")[0]:
            _note(errors, child, f"Element {model.display(tag)} ist in {model.display(element.tag)} nicht erlaubt "
                                 f"(nur ein Element eines anderen Namensraums).")
            return None
        if count > 1:
            _note(errors, child, f"Element {model.display(tag)} kommt in {model.display(element.tag)} zu oft vor "
                                 f"(höchstens ein Element).")
            return None
        if tag == child.getroottree().getroot().tag and tag in model.roots:  # the document's own root type
            return model.types[model.roots[tag]]
        if not self.known(tag):
            self.lax(child, errors)
            return _ACCEPTED
        step = model.step_cache.get(tag)
        return self.step(tag) if step is None else step

    def lax(self, element: etree._Element, errors: list[str]) -> None:
        """Below an element a lax wildcard takes as it is (no declaration): the schema still validates every
        descendant it declares (lax assessment goes on down), we those whose names we know."""
        for child in element:
            tag = child.tag
            if tag.__class__ is not str:
                continue
            if not self.known(tag):
                self.lax(child, errors)
                continue
            step = self.model.step_cache.get(tag) or self.step(tag)
            if isinstance(step, ContentModel):
                sub = _Checker(self.model)  # no syntax walk: the caller's walks this subtree on its own
                sub.check_aggregate(child, step, (), None)
                for _, found in sorted(sub.errors, key=_place):
                    for text in found:
                        if len(errors) < MAX_ERRORS:
                            errors.append(text)
            elif step.__class__ is _Simple:
                self.check_leaf(child, tag, step, element.tag, errors)  # type: ignore[arg-type]
            else:
                self.lax(child, errors)

    def check_leaf(self, child: etree._Element, tag: str, step: _Simple, parent: str, errors: list[str]) -> str | None:
        """A basic element: no child elements, a value of its type, its required attributes present, no other than
        it may carry (per parent where declared, CII), their values of their type. Its text as read (None: it
        holds child elements, an error noted by ``nested``)."""
        if len(child) and self.nested(child, tag, step, errors, parent):
            return None
        value = _leaf_text(child) if len(child) else child.text  # a leaf (no leaf type: no check)
        check = step.check
        if check is not None and not check(value or ""):
            self.bad_value(child, tag, step.leaf, errors)  # type: ignore[arg-type]
        if step.required:
            model = self.model
            for attribute in step.required:
                if child.get(attribute) is None:  # absent (present but empty is "")
                    _note(errors, child, f"{model.display(tag)}: Pflichtattribut {attribute} fehlt.")
        if len(child.attrib):
            spec = self.model.context_attributes.get((parent, tag))
            if spec is not None:  # declared for this parent (CII: per data type, fixed values)
                self.attributes_in_context(child, spec, errors)
                self.attribute_values(child, errors)
            elif step.attributes is not None:
                self.undeclared_attributes(child, step.attributes, errors)
                self.attribute_values(child, errors)
        return value

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
        (cbc/udt/qdt/ram) element, or ``_ACCEPTED`` (an aggregate we do not declare, accepted as it is); cached
        per tag."""
        found: ContentModel | _Simple | object = self.model.type_of(tag)
        if found is None:
            found = _ACCEPTED
            if tag.startswith(self.basic_namespaces):
                leaf = self.model.leaf_type(tag.rpartition("}")[2])
                found = _Simple(
                    tag.startswith(self.simple_namespaces),
                    leaf,
                    CHECKS.get(leaf.datatype) if leaf is not None else None,
                    leaf.required_attributes if leaf is not None else (),
                    self.model.basic_attributes if leaf is None or leaf.attributes is None else leaf.attributes,
                )
        if len(self.model.step_cache) < _MAX_STEPS:  # tags come from the documents: bound what they add
            self.model.step_cache[tag] = found
        return found

    def undeclared_attributes(self, element: etree._Element, allowed: AbstractSet[str], errors: list[str]) -> None:
        """An attribute the element's type does not declare (a namespaced one never is, xsi's hints aside)."""
        for name in element.attrib:
            if name not in allowed and name not in _ANYWHERE:
                if name == _XSI + "type" and self.xsi_type_ok(element, element.get(name) or ""):
                    continue
                if name.startswith("{http://www.w3.org/XML/1998/namespace}"):
                    shown = "xml:" + name.rpartition("}")[2]
                else:
                    shown = self.model.display(name) if name.startswith("{") else name
                _note(errors, element, f"{self.model.display(element.tag)}: Attribut {shown} ist hier nicht erlaubt.")

    def xsi_type_ok(self, element: etree._Element, value: str) -> bool:
        """xsi:type naming the element's own type (the schema allows no other: no type derives from another).

        UBL names the type of every element after it (cbc:Note: cbc:NoteType; an aggregate its declared type
        + "Type"); CII's are declared per parent (``xtype`` lines, derived from D16B); an element in a context
        not declared there takes any well-formed xsi:type as given."""
        model = self.model
        value = value.strip(_XML_SPACE)  # a no-break space is no QName character
        if _QNAME.fullmatch(value) is None:
            return False
        prefix, _, local = value.rpartition(":")
        uri = element.nsmap.get(prefix or None)
        if uri is None:
            return False
        tag = element.tag
        if "cac" not in model.prefixes:  # CII: the type D16B declares for the element in its parent
            parent = element.getparent()
            key = ("" if parent is None else parent.tag, tag)
            return key not in model.context_types or model.context_types[key] == (uri, local)
        base = model.element_types.get(tag)
        own_uri, _, own_local = tag[1:].partition("}")
        return (uri, local) == (own_uri, (base or own_local) + "Type")

    def attributes_in_context(self, element: etree._Element, spec: dict[str, str | None], errors: list[str]) -> None:
        """The attributes of a basic element declared for its parent: no other, a fixed one with its value."""
        self.undeclared_attributes(element, spec.keys(), errors)  # type: ignore[arg-type]
        for name, fixed in spec.items():
            if fixed is not None:
                value = element.get(name)
                if value is not None and collapse_space(value) != fixed:  # fixed values are xs:tokens
                    _note(errors, element, f"{self.model.display(element.tag)}: Attribut {name} muss den Wert "
                                           f"'{fixed}' haben, nicht '{value.strip()[:40]}'.")

    def attribute_values(self, element: etree._Element, errors: list[str]) -> None:
        """The values of a basic element's declared attributes whose type is more than a string (``attrtype``:
        a languageID 'de_DE' is no xs:language, a listURI 'a%zz' no xs:anyURI)."""
        types = self.model.attribute_types
        if not types:
            return
        for name, value in element.attrib.items():
            datatype = types.get(name)
            if datatype is not None and not CHECKS[datatype](value):
                _note(errors, element, f"{self.model.display(element.tag)}: Attribut {name}: '{value[:40]}' ist kein "
                                       f"gültiger Wert vom Typ {XSD_NAMES[datatype]}.")

    def bad_value(self, element: etree._Element, tag: str, leaf: LeafType, errors: list[str]) -> None:
        value = _leaf_text(element)
        _note(errors, element, f"{self.model.display(tag)}: '{value.strip()[:40]}' ist kein gültiger Wert vom Typ "
                               f"{XSD_NAMES[leaf.datatype]}.")

    def nested(self, element: etree._Element, tag: str, plan: _Simple, errors: list[str], parent: str) -> bool:
        """A basic element with child nodes: True if some are elements (an error in a cbc/udt/qdt element and
        in a ram element declared as a leaf of its parent, else an undeclared aggregate in ram), False if only
        comments / processing instructions (checked as a leaf)."""
        if not any(isinstance(child.tag, str) for child in element):
            return False
        if plan.simple_namespace or (parent, tag) in self.model.context_attributes:
            _note(errors, element, f"{self.model.display(tag)} ist ein einfaches Element und darf keine "
                                   f"Unterelemente enthalten.")
        return True


def _leaf_text(leaf: etree._Element) -> str:
    """A leaf's value as XSD and XPath read it: its text and, where comments or processing instructions split it,
    the text after each of them (``element.text`` stops at the first)."""
    text = leaf.text or ""
    return text + "".join(node.tail or "" for node in leaf) if len(leaf) else text


def check_structure(
    root: etree._Element,
    model: StructureModel,
    expected_root: str,
    index: dict | None = None,
    syntax: SyntaxWalk | None = None,
) -> list[str]:
    """Check ``root`` against ``model``; ``expected_root`` is the local name of the document element.

    ``index`` (optional): a dict that receives, for every aggregate the check walks, its child elements by
    Clark name in document order (the child index the rule engine's path lookups use), so the rules and the
    model extraction do not scan those children again.
    ``syntax`` (optional, fresh): the syntax-rule walk, done on the same walk over the elements (in full even
    where the check finds errors); its ``finish`` gives the findings afterwards.
    The walk recurses once per level of declared aggregates (``parse_xml`` bounds the depth at 64 levels).
    """
    tag = root.tag if isinstance(root.tag, str) else ""
    type_name = model.roots.get(tag)
    if type_name is None or type_name != expected_root:
        if syntax is not None:  # no structure to walk along: the syntax rules walk on their own
            syntax.whole(root)
        return [f"{_line(root)}: Wurzelelement {model.display(tag)} passt nicht zur Syntax "
                f"{expected_root} (Namensraum oder Name falsch)."]
    return _Checker(model, index, syntax).run(root, type_name)
