"""Structure declarations (our compact notation) parsed into immutable lookup tables.

The notation is documented at the top of ``data/ubl_structure.txt``.  Parsing happens once per
process; the result is a :class:`StructureModel` with plain dict/tuple lookups so that checking a
document never re-parses anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

UNBOUNDED = 1 << 30


class StructureDeclarationError(ValueError):
    """A structure declaration file is malformed; fix the named line in the data file."""


@dataclass(frozen=True, slots=True)
class Particle:
    """One child slot of a content model: Clark name, display name and occurrence bounds."""

    clark: str
    display: str
    min_occurs: int
    max_occurs: int


@dataclass(frozen=True, slots=True)
class ContentModel:
    """Ordered children of an aggregate; ``closed`` rejects children that are not listed."""

    name: str
    particles: tuple[Particle, ...]
    closed: bool
    index: dict[str, int] = field(hash=False, compare=False)
    next_required: tuple[int, ...] = ()  # per position: first position >= it with min_occurs > 0
    choice: bool = False  # exactly one of the particles (``type X | a b``), not a sequence
    # an open type: the names it tolerates besides its particles (``tolerate`` lines); None: every known name
    tolerated: frozenset[str] | None = None
    # ``type X = @other``: exactly one element of a namespace other than X's own (never none), checked where we
    # know its name (the schema's lax wildcard: a declared element is validated, any other taken as it is)
    wildcard: bool = False


@dataclass(frozen=True, slots=True)
class LeafType:
    """Lexical type of a basic element, chosen by the suffix of its local name."""

    suffix: str  # "" (declared as ``*``): every other basic element
    datatype: str  # "text": no lexical check
    required_attributes: tuple[str, ...]
    # every attribute the type allows (the required ones included); None: not declared on the leaf line, the
    # family's ``attributes`` line (if any) applies
    attributes: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class StructureModel:
    """Everything the schema check needs for one syntax family (UBL or CII)."""

    prefixes: dict[str, str]
    roots: dict[str, str]
    types: dict[str, ContentModel]
    element_types: dict[str, str]
    leaves: tuple[LeafType, ...]
    vocabulary: frozenset[str]  # local names known in this syntax (declared or named by a rule)
    # attributes a basic element may carry where its leaf line does not declare them (``attributes`` line);
    # None: not checked
    basic_attributes: frozenset[str] | None = None
    # (parent Clark name, basic element Clark name) -> its attributes, each with its fixed value or None
    # (``attrs`` lines); where given, they replace the leaf line's and the ``attributes`` line's for that element
    context_attributes: dict[tuple[str, str], dict[str, str | None]] = field(
        default_factory=dict, hash=False, compare=False
    )
    # (parent Clark name, or "" for the document element; element Clark name) -> its declared type as
    # (namespace, local name), None for an anonymous type (``xtype`` lines): what an xsi:type may name there
    context_types: dict[tuple[str, str], tuple[str, str] | None] = field(
        default_factory=dict, hash=False, compare=False
    )
    # attribute name -> the lexical type of its value where it is more than a string (``attrtype`` lines:
    # "language", "anyURI"; checked where the element's attributes are declared)
    attribute_types: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    leaf_cache: dict[str, LeafType | None] = field(default_factory=dict, hash=False, compare=False)
    type_cache: dict[str, ContentModel | None] = field(default_factory=dict, hash=False, compare=False)
    step_cache: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # schema_check, per tag

    def type_of(self, clark: str) -> ContentModel | None:
        """Content model for an element (alias first, then a cac type named like the element), cached."""
        try:
            return self.type_cache[clark]
        except KeyError:
            pass
        type_name = self.element_types.get(clark)
        if type_name is None and clark.startswith(self.aggregate_prefix()):
            type_name = clark.rpartition("}")[2]
        found = self.types.get(type_name) if type_name else None
        self.type_cache[clark] = found
        return found

    def aggregate_prefix(self) -> str:
        """``{uri}`` of the UBL aggregate namespace (types named like their elements), or a never-match."""
        uri = self.prefixes.get("cac")
        return "{" + uri + "}" if uri else "\0"

    def leaf_type(self, local: str) -> LeafType | None:
        """Lexical type for a basic element by name suffix (longest suffix wins), cached per name."""
        try:
            return self.leaf_cache[local]
        except KeyError:
            found = next((leaf for leaf in self.leaves if local.endswith(leaf.suffix)), None)
            self.leaf_cache[local] = found
            return found

    def display(self, clark: str) -> str:
        """``{uri}Name`` -> ``pfx:Name`` for messages."""
        uri, _, local = clark[1:].partition("}")
        for pfx, known in self.prefixes.items():
            if known == uri:
                return f"{pfx}:{local}"
        return local if not uri else f"{{{uri}}}{local}"


_OCCURS = {"?": (0, 1), "*": (0, UNBOUNDED), "+": (1, UNBOUNDED)}


def _particle(token: str, prefixes: dict[str, str], where: str) -> Particle:
    occurs = (1, 1)
    if token[-1] in _OCCURS:
        occurs = _OCCURS[token[-1]]
        token = token[:-1]
    pfx, sep, local = token.partition(":")
    if not sep or pfx not in prefixes:
        raise StructureDeclarationError(f"{where}: child {token!r} needs a declared prefix (ns line)")
    return Particle("{" + prefixes[pfx] + "}" + local, token, occurs[0], occurs[1])


_XSD = "http://www.w3.org/2001/XMLSchema"
_ATTRIBUTE_TYPES = ("language", "anyURI")  # the attribute value types the schema check knows


def _type_name(token: str, prefixes: dict[str, str], where: str) -> tuple[str, str] | None:
    """``pfx:Name`` of a declared type (``xsd:``: XML Schema's built-in types) as (namespace, local); "-": None."""
    if token == "-":
        return None
    prefix, _, local = token.partition(":")
    uri = prefixes.get(prefix) or (_XSD if prefix == "xsd" else None)
    if uri is None or not local:
        raise StructureDeclarationError(f"{where}: type {token!r}: unknown prefix")
    return uri, local


def parse_structure(text: str, source: str) -> StructureModel:
    """Parse the notation; raises StructureDeclarationError naming the faulty line."""
    prefixes: dict[str, str] = {}
    roots: dict[str, str] = {}
    types: dict[str, ContentModel] = {}
    element_types: dict[str, str] = {}
    leaves: list[LeafType] = []
    basic_attributes: frozenset[str] | None = None
    context_attributes: dict[tuple[str, str], dict[str, str | None]] = {}
    tolerated: dict[str, frozenset[str]] = {}
    context_types: dict[tuple[str, str], tuple[str, str] | None] = {}
    attribute_types: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{source}:{number}"
        words = line.split()
        keyword = words[0]
        if keyword == "ns" and len(words) == 3:
            prefixes[words[1]] = words[2]
        elif keyword == "root" and len(words) == 3:
            roots["{" + words[2] + "}" + words[1]] = words[1]
        elif keyword == "leaf" and len(words) >= 3:
            attrs = tuple(w[1:] for w in words[3:] if w.startswith("+"))
            named = words[3:]
            if named == ["-"]:  # no attribute at all
                allowed: frozenset[str] | None = frozenset()
            elif "-" in named:
                raise StructureDeclarationError(f"{where}: '-' (no attribute) stands alone")
            else:
                allowed = frozenset(w.lstrip("+") for w in named) or None
            leaves.append(LeafType("" if words[1] == "*" else words[1], words[2], attrs, allowed))
        elif keyword == "attributes" and len(words) >= 2:
            basic_attributes = frozenset(words[1:])
        elif keyword == "tolerate" and len(words) >= 3:
            names = [] if words[2:] == ["-"] else words[2:]
            tolerated[words[1]] = frozenset(_particle(tok, prefixes, where).clark for tok in names)
        elif keyword == "attrs" and len(words) >= 4:
            key = (_particle(words[1], prefixes, where).clark, _particle(words[2], prefixes, where).clark)
            spec: dict[str, str | None] = {}
            if words[3:] != ["-"]:
                for word in words[3:]:
                    name, eq, fixed = word.partition("=")
                    spec[name] = fixed.replace("%20", " ") if eq else None
            context_attributes[key] = spec
        elif keyword == "attrtype" and len(words) == 3:
            if words[2] not in _ATTRIBUTE_TYPES:
                raise StructureDeclarationError(f"{where}: attrtype {words[1]}: unknown type {words[2]!r} "
                                                f"(known: {', '.join(_ATTRIBUTE_TYPES)})")
            attribute_types[words[1]] = words[2]
        elif keyword == "xtype" and len(words) == 4:
            parent = "" if words[1] == "-" else _particle(words[1], prefixes, where).clark
            context_types[(parent, _particle(words[2], prefixes, where).clark)] = _type_name(words[3], prefixes, where)
        elif keyword == "alias" and len(words) == 4 and words[2] == "=":
            element_types[_particle(words[1], prefixes, where).clark] = words[3]
        elif keyword == "type" and len(words) >= 5 and words[2] == "|":
            if any(tok[-1] in _OCCURS for tok in words[3:]):
                raise StructureDeclarationError(f"{where}: the alternatives of a choice take no occurrence mark")
            alternatives = tuple(_particle(tok + "?", prefixes, where) for tok in words[3:])
            index = {p.clark: i for i, p in enumerate(alternatives)}
            nothing_required = (len(alternatives),) * (len(alternatives) + 1)
            types[words[1]] = ContentModel(words[1], alternatives, True, index, nothing_required, choice=True)
        elif keyword == "type" and words[2:] == ["=", "@other"]:
            types[words[1]] = ContentModel(words[1], (), True, {}, (0,), wildcard=True)
        elif keyword == "type" and len(words) >= 3 and words[2] in ("=", "~"):
            particles = tuple(_particle(tok, prefixes, where) for tok in words[3:])
            index = {p.clark: i for i, p in enumerate(particles)}
            required = [len(particles)] * (len(particles) + 1)
            for i in range(len(particles) - 1, -1, -1):
                required[i] = i if particles[i].min_occurs > 0 else required[i + 1]
            types[words[1]] = ContentModel(words[1], particles, words[2] == "=", index, tuple(required))
        else:
            raise StructureDeclarationError(f"{where}: cannot read {line!r}")
    for name, allowed in tolerated.items():
        if name not in types or types[name].closed:
            raise StructureDeclarationError(f"{source}: tolerate {name}: not an open type")
        types[name] = replace(types[name], tolerated=allowed)
    leaves.sort(key=lambda leaf: -len(leaf.suffix))
    vocabulary = {p.clark.rpartition("}")[2] for model in types.values() for p in model.particles}
    vocabulary.update(clark.rpartition("}")[2] for clark in element_types)
    return StructureModel(
        prefixes, roots, types, element_types, tuple(leaves), frozenset(vocabulary), basic_attributes=basic_attributes,
        context_attributes=context_attributes, context_types=context_types, attribute_types=attribute_types,
    )


def load_structure(
    filename: str, extra_vocabulary: frozenset[str] = frozenset(), with_derived: bool = True
) -> StructureModel:
    """Load a bundled declaration from ``structure/data``; ``extra_vocabulary`` adds known names; with its derived
    declarations ``<family>_attributes.txt`` unless ``with_derived`` is False (the tool that writes them)."""
    data = resources.files(__package__).joinpath("data")
    text = data.joinpath(filename).read_text(encoding="utf-8")
    extra = data.joinpath(filename.replace("_structure.txt", "_attributes.txt"))
    if with_derived and filename.endswith("_structure.txt") and extra.is_file():  # the per-parent attribute declarations
        text += "\n" + extra.read_text(encoding="utf-8")
    model = parse_structure(text, filename)
    if not extra_vocabulary:
        return model
    return StructureModel(
        model.prefixes, model.roots, model.types, model.element_types, model.leaves,
        model.vocabulary | extra_vocabulary, basic_attributes=model.basic_attributes,
        context_attributes=model.context_attributes, context_types=model.context_types,
        attribute_types=model.attribute_types,
    )
