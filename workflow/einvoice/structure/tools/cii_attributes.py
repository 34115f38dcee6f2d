"""Derive our declaration of the attributes of CII's basic elements (``data/cii_attributes.txt``).

Usage::

    python -m workflow.einvoice.structure.tools.cii_attributes /path/to/d16b/data/standard

Reads the four D16B schema documents (CrossIndustryInvoice, its aggregates, qualified and unqualified data
types) for facts only: which attributes the type of each basic element declares and which of them have a fixed
value. The output is our own notation, one line per basic element in the context of its parent element::

    attrs <parent> <element> <attribute>[=<fixed value>] ...     (a lone "-": no attribute at all)

A parent element name that has different types in different places is left out (the walker then falls back
to the family's ``attributes`` line for its children).

And for each of our open types (``type X ~ ...``), the other children its official type allows::

    tolerate <our type> <child> ...     (a lone "-": none)

so a name the official type does not have is an error there even if the CII vocabulary knows it.

And the declared type of every element (the document element: parent "-") in the context of its parent::

    xtype <parent> <element> <type>     (a lone "-": an anonymous type)

which is the only type an ``xsi:type`` on that element may name (no D16B complex type derives from another).
"""
from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from ..model import StructureModel, load_structure

XS = "{http://www.w3.org/2001/XMLSchema}"
FILES = {
    "rsm": "CrossIndustryInvoice_100pD16B.xsd",
    "ram": "CrossIndustryInvoice_ReusableAggregateBusinessInformationEntity_100pD16B.xsd",
    "qdt": "CrossIndustryInvoice_QualifiedDataType_100pD16B.xsd",
    "udt": "CrossIndustryInvoice_UnqualifiedDataType_100pD16B.xsd",
}


def _attributes(node: etree._Element) -> list[str]:
    out = []
    for attribute in node.iter(XS + "attribute"):
        fixed = attribute.get("fixed")
        if fixed is not None and ("%" in fixed or "#" in fixed or fixed != " ".join(fixed.split())):
            raise ValueError(f"fixed value {fixed!r} cannot be written in our notation")
        out.append(attribute.get("name") + ("" if fixed is None else "=" + fixed.replace(" ", "%20")))
    return sorted(out)


NAMESPACES = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "xsd": "http://www.w3.org/2001/XMLSchema",  # built-in simple types (an element typed xsd:boolean ...)
}


def _qualified(name: str | None, docs: dict[str, etree._Element], ours: dict[str, str]) -> str:
    """A type name as the schema documents write it, with our prefix for its namespace ("-": anonymous)."""
    if name is None:
        return "-"
    prefix, _, local = name.rpartition(":")
    uri = next((d.nsmap.get(prefix or None) for d in docs.values() if d.nsmap.get(prefix or None)), None)
    if uri is None or uri not in ours:
        raise ValueError(f"type {name!r}: namespace of prefix {prefix!r} unknown")
    return f"{ours[uri]}:{local}"


def derive(folder: Path, keep: set[str] | None = None, model: StructureModel | None = None) -> list[str]:
    """The ``tolerate`` lines (with ``model``: for its open types) and the ``attrs`` lines; ``keep`` (optional):
    only for these parent elements (prefix:local)."""
    docs = {pfx: etree.parse(str(folder / name)).getroot() for pfx, name in FILES.items()}
    # type "pfx:Name" -> ("leaf", [attrs]) or ("aggregate", [(child prefix:local, child type or None, attrs)])
    types: dict[str, tuple[str, list]] = {}
    for pfx, root in docs.items():
        for ctype in root.findall(XS + "complexType"):
            name = f"{pfx}:{ctype.get('name')}"
            if ctype.find(XS + "simpleContent") is not None:
                types[name] = ("leaf", _attributes(ctype))
                continue
            children: list[tuple[str, str | None, list[str] | None]] = []
            for element in ctype.iter(XS + "element"):
                local = element.get("name")
                if local is None:
                    continue
                inner = element.find(XS + "complexType")
                if inner is not None:  # an anonymous leaf type (udt/qdt choices: DateTimeString ...)
                    children.append((f"{pfx}:{local}", None, _attributes(inner)))
                else:
                    children.append((f"{pfx}:{local}", element.get("type"), None))
            types[name] = ("aggregate", children)
    # "pfx:Name" as written in a schema document -> the same with our prefix for its namespace
    our_prefix = {uri: pfx for pfx, uri in NAMESPACES.items()}
    # element (prefix:local) -> the set of its types, over every place it is declared
    element_types: dict[str, set[str]] = {}
    for kind, children in types.values():
        if kind == "aggregate":
            for child, ctype, _ in children:
                if ctype is not None:
                    element_types.setdefault(child, set()).add(ctype)
    for element in docs["rsm"].findall(XS + "element"):
        element_types.setdefault("rsm:" + element.get("name"), set()).add(element.get("type"))
    lines = [
        f"xtype - rsm:{element.get('name')} {_qualified(element.get('type'), docs, our_prefix)}"
        for element in docs["rsm"].findall(XS + "element")
    ]
    if model is not None:  # the official children of our open types (``tolerate`` lines)
        prefix_of = {uri: pfx for pfx, uri in model.prefixes.items()}
        by_type: dict[str, set[str]] = {}
        for clark, ours in model.element_types.items():
            uri, _, local = clark[1:].partition("}")
            by_type.setdefault(ours, set()).add(f"{prefix_of[uri]}:{local}")
        for name in sorted(model.types):
            content = model.types[name]
            if content.closed or name not in by_type:
                continue
            official: set[str] = set()
            for element in by_type[name]:
                for ctype in element_types.get(element, ()):
                    kind, children = types.get(ctype, ("simple", []))
                    if kind == "aggregate":
                        official.update(child for child, _, _ in children)
            if not official:
                continue
            listed = {p.display for p in content.particles}
            lines.append(f"tolerate {name} " + (" ".join(sorted(official - listed)) or "-"))
    for parent in sorted(element_types):
        found = element_types[parent]
        if len(found) != 1 or (keep is not None and parent not in keep):
            continue
        kind, children = types.get(next(iter(found)), ("simple", []))
        if kind != "aggregate":
            continue
        for child, ctype, attrs in children:
            lines.append(f"xtype {parent} {child} {_qualified(ctype, docs, our_prefix)}")
            if attrs is None:
                if ctype is None or ctype.startswith("xsd:"):
                    attrs = []
                else:
                    child_kind, child_attrs = types.get(ctype, ("simple", []))
                    if child_kind == "aggregate":
                        continue
                    attrs = child_attrs
            lines.append(f"attrs {parent} {child} " + (" ".join(attrs) if attrs else "-"))
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    model = load_structure("cii_structure.txt", with_derived=False)
    prefix_of = {uri: pfx for pfx, uri in model.prefixes.items()}
    keep = set()
    for clark in list(model.roots) + [p.clark for t in model.types.values() for p in t.particles]:
        if clark in model.roots or model.type_of(clark) is not None:
            uri, _, local = clark[1:].partition("}")
            keep.add(f"{prefix_of[uri]}:{local}")
    lines = derive(Path(argv[1]), keep, load_structure("cii_structure.txt", with_derived=False))
    out = Path(__file__).resolve().parent.parent / "data" / "cii_attributes.txt"
    head = ("# Aktenfluss: the attributes of CII's basic elements, per parent element, and the other children our open\n"
            "# types may hold (our notation, derived by tools/cii_attributes.py from the D16B schema; facts only).\n"
            "# A fixed value follows '=' (a space in it written as %20); xtype: the element's declared type.\n")
    out.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
