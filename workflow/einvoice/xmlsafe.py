"""Parse untrusted XML bytes safely: no DOCTYPE, entities or network; bounded size, depth, element count."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from workflow.einvoice.treeops import deeper_than
from workflow.errors import BadInputError, TooLargeError, UnsafeInputError


@dataclass(frozen=True, slots=True)
class XmlLimits:
    """Limits checked before and after parsing (defaults fit any real invoice with attachments)."""

    max_bytes: int = 50 * 1024 * 1024
    max_depth: int = 64
    max_elements: int = 200_000


class NotWellFormedError(BadInputError):
    """The bytes are not well-formed XML (or empty / truncated)."""

    fix = "Beim Absender eine vollständige, wohlgeformte XML-Datei anfordern."


class DoctypeNotAllowedError(UnsafeInputError):
    """The document carries a DOCTYPE (possible entity expansion / XXE); rejected as KoSIT does."""


class XmlTooLargeError(TooLargeError):
    """The document exceeds a size, depth or element-count limit."""


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=False,
    dtd_validation=False,
)


# the markers, each with the offset of its "!" (a marker occurs in the head iff it starts that far before some "!")
_MARKERS = ((b"<!DOCTYPE", 1), (b"<!ENTITY", 1)) + tuple(
    ("<!DOCTYPE".encode(enc), offset) for enc, offset in (("utf-16-le", 2), ("utf-16-be", 3))
)


def _has_doctype(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    # every marker holds a "!": look only where one is (memchr; most invoices have none, the rest a comment or two)
    at = head.find(b"!")
    while at >= 0:
        for marker, offset in _MARKERS:
            if at >= offset and head.startswith(marker, at - offset):
                return True
        at = head.find(b"!", at + 1)
    return False


def parse_xml(data: bytes, limits: XmlLimits = XmlLimits()) -> etree._Element:
    """Return the root element or raise NotWellFormedError / DoctypeNotAllowedError / XmlTooLargeError."""
    if not isinstance(data, (bytes, bytearray)):
        raise NotWellFormedError(f"XML erwartet als Bytes, erhalten {type(data).__name__}")
    if len(data) > limits.max_bytes:
        raise XmlTooLargeError(f"XML zu groß: {len(data)} Bytes > Grenze {limits.max_bytes}")
    if not data or data.isspace():  # as ``not data.strip()``, without copying the whole document
        raise NotWellFormedError("XML nicht wohlgeformt: Datei ist leer")
    if _has_doctype(bytes(data)):
        raise DoctypeNotAllowedError("DOCTYPE nicht erlaubt (Schutz vor Entity-Expansion/XXE)")
    try:
        tree = etree.fromstring(bytes(data), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotWellFormedError(f"XML nicht wohlgeformt: {exc}") from exc
    if tree.getroottree().docinfo.doctype:
        raise DoctypeNotAllowedError("DOCTYPE nicht erlaubt (Schutz vor Entity-Expansion/XXE)")
    _check_shape(tree, limits, len(data))
    return tree


_MIN_NODE_BYTES = 4  # the shortest element, comment or processing instruction is "<a/>"


def _check_shape(root: etree._Element, limits: XmlLimits, size: int) -> None:
    if deeper_than(root, limits.max_depth):
        raise XmlTooLargeError(f"XML zu tief verschachtelt: mehr als {limits.max_depth} Ebenen")
    if size < _MIN_NODE_BYTES * (limits.max_elements + 1):
        return  # too few bytes for more than max_elements nodes: counting cannot fail
    count = 0
    for _ in root.iter():
        count += 1
        if count > limits.max_elements:
            raise XmlTooLargeError(f"XML hat zu viele Elemente: mehr als {limits.max_elements}")
