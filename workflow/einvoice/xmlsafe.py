"""Parse untrusted XML bytes safely: no DOCTYPE, entities or network; bounded size, depth, element count."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

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


_DOCTYPE_UTF16 = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-16-le", "utf-16-be"))


def _has_doctype(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return True
    # UTF-16 documents: look for the same markers encoded
    for marker in _DOCTYPE_UTF16:
        if marker in head:
            return True
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


_DEEP: dict[int, etree.XPath] = {}


_MIN_NODE_BYTES = 4  # the shortest element, comment or processing instruction is "<a/>"


def _check_shape(root: etree._Element, limits: XmlLimits, size: int) -> None:
    deep = _DEEP.get(limits.max_depth)
    if deep is None:  # an element at depth max_depth + 1 exists iff this path selects something
        deep = _DEEP[limits.max_depth] = etree.XPath(
            "boolean(/" + "/".join(["*"] * (limits.max_depth + 1)) + ")"
        )
    if deep(root):
        raise XmlTooLargeError(f"XML zu tief verschachtelt: mehr als {limits.max_depth} Ebenen")
    if size < _MIN_NODE_BYTES * (limits.max_elements + 1):
        return  # too few bytes for more than max_elements nodes: counting cannot fail
    count = 0
    for _ in root.iter():
        count += 1
        if count > limits.max_elements:
            raise XmlTooLargeError(f"XML hat zu viele Elemente: mehr als {limits.max_elements}")
