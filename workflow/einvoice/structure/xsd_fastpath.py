"""A libxml2 fast path for the schema check, generated from OUR structure declarations (never an official XSD).

``check_structure`` walks the tree element by element in Python. Most documents are structurally valid, and for
them the walk finds nothing. This module turns a :class:`StructureModel` into an XML Schema (at import time,
in memory) that is *at least as strict* as the walker, so libxml2 can answer "valid" in C:

* every declared content model becomes an ``xs:sequence`` of references with the declared occurrences; open
  models (``~``) become the same closed sequence (stricter: tolerated extra names make libxml2 say invalid);
* a basic element gets simple content of its leaf type (xs:decimal/date/time/boolean/base64Binary, each further
  restricted by a pattern no looser than our lexical check), its required attributes and the other attributes
  its leaf type allows (any attribute where the declaration names none); an aggregate gets no attribute;
* an aggregate we do not declare is accepted as it is (skip wildcard), exactly as the walker does.

The guarantee used by the caller: ``fast_valid(root)`` is True only if the walker finds no error. Where the
walker reads less than libxml2 (a leaf's text up to its first comment or processing instruction) the fast path
is not taken. When the fast path says "not sure", the walker runs and reports. ``tests/unit`` prove the
implication over the corpus and mutants.
"""
from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from .datatypes import checked_base64, is_base64
from .model import UNBOUNDED, ContentModel, StructureModel
from .schema_check import _ACCEPTED, _Checker, _Simple

log = logging.getLogger(__name__)

_XS = "http://www.w3.org/2001/XMLSchema"
_SCHEME = "aktenfluss-generated:"  # the URLs the generated documents import each other by (never fetched)

# per datatype of our declarations: (XSD base type, pattern); the pattern mirrors datatypes.py (ASCII digits, XML
# whitespace only), the base type adds the calendar checks of is_date
_SIMPLE = {
    "decimal": ("xs:decimal", None),  # the lexical space of xs:decimal is our pattern (ASCII digits only)
    "date": ("xs:date", r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+\-](0[0-9]|1[0-4]):[0-5][0-9])?"),
    "time": ("xs:time", r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+\-][0-9]{2}:[0-9]{2})?"),
    "datetime": ("xs:dateTime", r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
                                r"(Z|[+\-][0-9]{2}:[0-9]{2})?"),  # 24:00:00 only through the walker
    "boolean": ("xs:boolean", None),  # exactly true, false, 1, 0 (after whitespace collapsing), as ours
}
# attribute value types (``attrtype``): xs:language as it is; xs:anyURI, which libxml2 reads more loosely than the
# official (Xerces) check, as a pattern that only the plainest URIs match (no '%', '#', brackets, a second ':'):
# anything else fails here and the walker's is_any_uri decides
_URI_PLAIN = r"[^%#\[\]:]*|[A-Za-z][A-Za-z0-9+.\-]*:([^/%#\[\]:][^%#\[\]:]*|/([^/%#\[\]:][^%#\[\]:]*)?" \
             r"|//[^/?%#\[\]:]+([/?][^%#\[\]:]*)?)?"
_ATTRIBUTE_SIMPLE = {"language": ("xs:language", None), "anyURI": ("xs:string", _URI_PLAIN)}
# datatypes libxml2 checks slowly (large attachments): declared as text in the schema, and checked after a
# valid verdict by the walker's own check on just those elements (see ``fast_valid``)
_RESIDUAL = frozenset({"base64"})


class FastPathDeclarationError(ValueError):
    """The structure declaration cannot be expressed as a schema no looser than the walker; fix the generator."""


def _occurs(value: int) -> str:
    return "unbounded" if value >= UNBOUNDED else str(value)


def _reachable(model: StructureModel, root_type: str, step: _Checker) -> dict[str, object]:
    """Every element name the walker can check below the root, with how it treats it (``_Checker.step``)."""
    found: dict[str, object] = {}
    todo: list[ContentModel] = [model.types[root_type]]
    seen: set[str] = {root_type}
    while todo:
        content = todo.pop()
        for particle in content.particles:
            if particle.clark in found:
                continue
            how = found[particle.clark] = step.step(particle.clark)
            if isinstance(how, ContentModel) and how.name not in seen:
                seen.add(how.name)
                todo.append(how)
    return found


def _split(clark: str) -> tuple[str, str]:
    uri, _, local = clark[1:].partition("}")
    return uri, local


def _leaf_attributes(clark: str, how: _Simple, model: StructureModel) -> dict[str, str | None] | None:
    """The attributes the generated schema declares for a basic element (with a fixed value or None); None: any.

    The walker checks an attribute per parent where the declaration gives one (``attrs`` lines), else by the
    leaf type: one global declaration can only be no looser than every one of them, so it allows what all of
    them allow, fixed where some fix it (and dropped where two fix different values)."""
    allowed: set[str] | None = None if how.attributes is None else set(how.attributes)
    fixes: dict[str, set[str]] = {}
    for (_, child), spec in model.context_attributes.items():
        if child != clark:
            continue
        allowed = set(spec) if allowed is None else allowed & set(spec)
        for name, fixed in spec.items():
            if fixed is not None:
                fixes.setdefault(name, set()).add(fixed)
    if allowed is None:
        return None
    out: dict[str, str | None] = {}
    for name in sorted(allowed):
        values = fixes.get(name, set())
        if len(values) <= 1:
            out[name] = next(iter(values), None)
    return out


def _element(clark: str, how: object, prefix_of: dict[str, str], model: StructureModel) -> str:
    _, local = _split(clark)
    if isinstance(how, ContentModel) and how.wildcard:
        # the walker's lax wildcard checks a known name as elsewhere: strict here (an element the generated schema
        # does not declare makes libxml2 say invalid, and the walker decides) is never looser
        body = '<xs:complexType><xs:sequence><xs:any namespace="##other" processContents="strict"/></xs:sequence>' \
               '</xs:complexType>'
    elif isinstance(how, ContentModel):
        group = "xs:choice" if how.choice else "xs:sequence"  # a choice: exactly one alternative, once
        refs = "".join(
            f'<xs:element ref="{prefix_of[_split(p.clark)[0]]}:{_split(p.clark)[1]}" '
            + ('minOccurs="1" maxOccurs="1"/>' if how.choice else
               f'minOccurs="{_occurs(p.min_occurs)}" maxOccurs="{_occurs(p.max_occurs)}"/>')
            for p in how.particles
        )
        # no attribute (libxml2 allows xsi's own without declaration, the walker its schema hints only)
        body = f'<xs:complexType><{group}>{refs}</{group}></xs:complexType>'
    elif isinstance(how, _Simple):
        datatype = how.leaf.datatype if how.leaf is not None else None
        typed = datatype is not None and datatype not in _RESIDUAL and datatype != "text"
        base = f"tns:t_{datatype}" if typed else "xs:string"
        if typed and datatype not in _SIMPLE:
            raise FastPathDeclarationError(f"no schema type for datatype {datatype!r} of {clark}")
        attrs = "".join(f'<xs:attribute name="{a}" use="required"/>' for a in how.required)
        declared = _leaf_attributes(clark, how, model)
        if declared is None:  # not declared: any attribute
            attrs += '<xs:anyAttribute processContents="skip"/>'
        else:
            attrs += "".join(
                f'<xs:attribute name="{a}"' + _attribute_type(a, fixed, model) + "/>"
                for a, fixed in declared.items() if a not in how.required
            )
        body = f'<xs:complexType><xs:simpleContent><xs:extension base="{base}">{attrs}' \
               f'</xs:extension></xs:simpleContent></xs:complexType>'
    elif how is _ACCEPTED:
        body = '<xs:complexType mixed="true"><xs:sequence><xs:any processContents="skip" minOccurs="0" ' \
               'maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType>'
    else:
        raise FastPathDeclarationError(f"unknown walker step {how!r} for {clark}")
    return f"<xs:element name={quoteattr(local)}>{body}</xs:element>"


def _attribute_type(name: str, fixed: str | None, model: StructureModel) -> str:
    """The fixed value or the type of a declared attribute (empty: any string)."""
    if fixed is not None:
        return f" fixed={quoteattr(fixed)}"
    datatype = model.attribute_types.get(name)
    if datatype is None:
        return ""
    if datatype not in _ATTRIBUTE_SIMPLE:
        raise FastPathDeclarationError(f"no schema type for attribute type {datatype!r} of {name}")
    return f' type="tns:a_{datatype}"'


def _simple_types() -> str:
    out = []
    for prefix, types in (("t", _SIMPLE), ("a", _ATTRIBUTE_SIMPLE)):
        for name, (base, pattern) in types.items():
            facet = f"<xs:pattern value={quoteattr(pattern)}/>" if pattern else ""
            out.append(f'<xs:simpleType name="{prefix}_{name}"><xs:restriction base="{base}">{facet}'
                       f"</xs:restriction></xs:simpleType>")
    return "".join(out)


def schema_documents(model: StructureModel, root_type: str) -> dict[str, str]:
    """Namespace URI -> text of the generated schema document for it (pure: declarations in, text out)."""
    roots = [clark for clark, name in model.roots.items() if name == root_type]
    if len(roots) != 1:
        raise FastPathDeclarationError(f"root type {root_type!r} needs exactly one root element declaration")
    elements: dict[str, object] = {roots[0]: model.types[root_type]}
    elements.update(_reachable(model, root_type, _Checker(model)))
    by_ns: dict[str, list[str]] = {}
    for clark in elements:
        by_ns.setdefault(_split(clark)[0], []).append(clark)
    uris = sorted(by_ns)
    prefix_of = {uri: f"n{i}" for i, uri in enumerate(uris)}
    docs = {}
    for uri in uris:
        xmlns = "".join(f" xmlns:{prefix_of[u]}={quoteattr(u)}" for u in uris)
        imports = "".join(
            f"<xs:import namespace={quoteattr(u)} schemaLocation={quoteattr(_SCHEME + prefix_of[u])}/>"
            for u in uris if u != uri
        )
        decls = "".join(_element(c, elements[c], prefix_of, model) for c in sorted(by_ns[uri]))
        docs[uri] = (
            f'<xs:schema xmlns:xs="{_XS}" xmlns:tns={quoteattr(uri)}{xmlns} targetNamespace={quoteattr(uri)} '
            f'blockDefault="#all" finalDefault="#all">{imports}{_simple_types()}{decls}</xs:schema>'
        )
    return docs


def compile_schema(model: StructureModel, root_type: str) -> etree.XMLSchema:
    """The generated schema compiled by libxml2. The documents import each other by file: they are written to a
    temporary folder for the compile (an lxml resolver serving them from memory lost imports when other threads
    parsed XML at the same time: "QName ... does not resolve")."""
    docs = schema_documents(model, root_type)
    root_uri = _split(next(c for c, n in model.roots.items() if n == root_type))[0]
    uris = sorted(docs)
    with tempfile.TemporaryDirectory(prefix="aktenfluss-xsd-") as folder:
        paths = {_SCHEME + f"n{i}": Path(folder) / f"n{i}.xsd" for i in range(len(uris))}
        for i, uri in enumerate(uris):
            text = docs[uri]
            for name, path in paths.items():
                text = text.replace(quoteattr(name), quoteattr(path.as_uri()))
            paths[_SCHEME + f"n{i}"].write_text(text, encoding="utf-8")
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        top = etree.parse(str(paths[_SCHEME + f"n{uris.index(root_uri)}"]), parser)
        return etree.XMLSchema(top)


_NOT_ELEMENTS = (etree.Comment, etree.ProcessingInstruction)


def _leaf_with_markup(root: etree._Element) -> bool:
    """Some element without child elements holds a comment or processing instruction: the residual checks below
    read ``element.text`` (up to the first of them), so the walker, which reads all of it, decides."""
    checked = set()  # comments come in runs under one parent: each parent is looked at once
    for node in root.iter(*_NOT_ELEMENTS):
        parent = node.getparent()
        if parent is None or parent in checked:
            continue
        checked.add(parent)
        # no child element (lxml filters by node type in C: no child's tag name is built)
        if next(parent.iterchildren(etree.Element), None) is None:
            return True
    return False


@dataclass(frozen=True, slots=True)
class FastSchema:
    """The compiled schema of one root type, plus the leaves it leaves to the walker's own value checks."""

    model: StructureModel  # kept alive: the cache is keyed by its id
    schema: etree.XMLSchema
    residual_tags: tuple[str, ...]  # elements whose values are checked after a valid verdict
    residual_checks: dict[str, Callable[[str], bool]]  # tag -> the walker's check of that leaf type


def _residual(model: StructureModel, root_type: str) -> tuple[tuple[str, ...], dict[str, Callable[[str], bool]]]:
    checks = {}
    for clark, how in _reachable(model, root_type, _Checker(model)).items():
        if isinstance(how, _Simple) and how.leaf is not None and how.leaf.datatype in _RESIDUAL:
            if how.check is None:
                raise FastPathDeclarationError(f"no value check for {clark} ({how.leaf.datatype})")
            checks[clark] = how.check
    return tuple(sorted(checks)), checks


# libxml2's schema work one thread at a time, compile and validate: a compiled schema keeps per-object state (its
# error log), and a compile loading the imports while other threads parse has lost them before ("QName ... does
# not resolve", seen in the worker with an in-memory resolver). Under the lock one schema per process serves all.
_LIBXML2 = threading.Lock()
_COMPILED: dict[tuple[int, str], FastSchema | None] = {}


def _fast_schema(model: StructureModel, root_type: str) -> FastSchema | None:
    """Compiled once per model object and root type (call with _LIBXML2 held); None when it cannot be compiled
    (then the walker checks every document: slower, same verdicts; logged once)."""
    key = (id(model), root_type)
    entry = _COMPILED.get(key)
    if key in _COMPILED and (entry is None or entry.model is model):
        return entry
    try:
        tags, checks = _residual(model, root_type)
        entry = FastSchema(model, compile_schema(model, root_type), tags, checks)
    except Exception:  # an optimisation must never cost a verdict: the walker takes over
        log.exception("generated schema for %s not usable; the Python walker checks these documents", root_type)
        entry = None
    _COMPILED[key] = entry
    return entry


def fast_valid(
    root: etree._Element,
    model: StructureModel,
    root_type: str,
    texts: dict[etree._Element, str | None] | None = None,
    decoded: dict[etree._Element, bytes] | None = None,
) -> bool:
    """True only if ``check_structure(root, model, root_type)`` finds no error (False: run the walker).

    ``texts`` (optional) receives the text of each element whose value was checked here (the attachments), so a
    later walk need not read it again. ``decoded`` (optional, for a caller that reads the attachments' bytes
    anyway): their bytes where ``checked_base64`` decodes the text as it is (which proves ``is_base64``; only
    the others get the alphabet check). The decode replaces the alphabet check here and the reader's own
    decode later: the bytes are made once.
    """
    if model.roots.get(root.tag) != root_type:  # the schema also declares the inner elements globally
        return False
    if _leaf_with_markup(root):  # the walker reads less of such a leaf than libxml2: let it decide
        return False
    with _LIBXML2:
        fast = _fast_schema(model, root_type)
        if fast is None or not fast.schema.validate(root):
            return False
    checks = fast.residual_checks
    for element in root.iter(*fast.residual_tags):  # also any inside skipped aggregates: stricter, never looser
        text = element.text
        if texts is not None:
            texts[element] = text
        check = checks[element.tag]
        if decoded is not None and check is is_base64:
            content = checked_base64(text or "")
            if content is not None:
                decoded[element] = content
                continue
        if not check(text or ""):
            return False
    return True


def accepted_names(model: StructureModel, root_type: str) -> Iterable[str]:
    """The element names the generated schema declares (for tests)."""
    return sorted(_reachable(model, root_type, _Checker(model)))
