"""Lexical checks for the XML Schema simple types that invoices use (values in, verdict out)."""
from __future__ import annotations

import re
from collections.abc import Callable

from ..treeops import strict_base64

_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
_DATE = re.compile(r"-?([0-9]{4,})-([0-9][0-9])-([0-9][0-9])(Z|[+-]([0-9][0-9]):([0-9][0-9]))?\Z")
_TIME = re.compile(r"([0-9][0-9]):([0-9][0-9]):([0-9][0-9])(\.[0-9]+)?(Z|[+-]([0-9][0-9]):([0-9][0-9]))?\Z")
# XML Schema's whitespace (collapsed around these values) and digits are ASCII: a no-break space around a value
# or a full-width or Arabic-Indic digit makes it invalid (Python's str.strip and \d would take them)
XML_SPACE = " \t\r\n"
_XML_SPACE_RUN = re.compile("[ \t\r\n]+")


def collapse_space(text: str) -> str:
    """XML's whitespace collapsing (xs:token, XPath normalize-space): runs of space, tab, CR, LF become one space,
    none at either end; a no-break space or any other Unicode space stays a character like others."""
    return _XML_SPACE_RUN.sub(" ", text).strip(" ")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def is_decimal(value: str) -> bool:
    """xs:decimal after whitespace collapsing (no exponent, no thousands separators)."""
    return _DECIMAL.match(value.strip(XML_SPACE)) is not None


def is_date(value: str) -> bool:
    """xs:date: YYYY-MM-DD with an optional time zone and a real calendar day."""
    match = _DATE.match(value.strip(XML_SPACE))
    if match is None:
        return False
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if year == 0 or not 1 <= month <= 12 or day < 1:
        return False
    if month == 2 and day == 29:
        return _leap(year)
    if match.group(5) is not None and (int(match.group(5)) > 14 or int(match.group(6)) > 59):
        return False
    return day <= _DAYS[month - 1]


def is_time(value: str) -> bool:
    """xs:time: hh:mm:ss with optional fraction and time zone."""
    match = _TIME.match(value.strip(XML_SPACE))
    if match is None:
        return False
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if hour == 24:
        return minute == 0 and second == 0 and not (match.group(4) or "").strip(".0")
    return hour < 24 and minute < 60 and second < 60


_DAY_ONLY = re.compile(r"-?[0-9]{4,}-[0-9][0-9]-[0-9][0-9]\Z")


def is_datetime(value: str) -> bool:
    """xs:dateTime: a day as in xs:date (without a time zone), "T", a time as in xs:time (whose time zone then
    belongs to the whole value)."""
    day, sep, time = value.strip(XML_SPACE).partition("T")
    return bool(sep) and _DAY_ONLY.match(day) is not None and is_date(day) and is_time(time)


def is_boolean(value: str) -> bool:
    """xs:boolean: true, false, 1 or 0."""
    return value.strip(XML_SPACE) in ("true", "false", "1", "0")


_B64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())  # what str.split() drops, ASCII part


def without_space(value: str) -> bytes | None:
    """The value without whitespace (``str.isspace``) as ASCII bytes; None if other non-ASCII chars remain."""
    try:
        return value.encode("ascii").translate(None, _ASCII_SPACE)  # byte-level: fast on large attachments
    except UnicodeEncodeError:
        try:
            return "".join(value.split()).encode("ascii")
        except UnicodeEncodeError:
            return None


def _base64_chars(value: str) -> bytes | None:
    """The value without whitespace as ASCII bytes if only base64 alphabet characters remain, else None."""
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        raw = None
    if raw is not None and not raw.translate(None, _B64_ALPHABET):
        return raw  # no whitespace at all (the usual attachment): one pass over the bytes
    compact = without_space(value)
    if compact is None or compact.translate(None, _B64_ALPHABET):
        return None  # a character outside the alphabet
    return compact


# ``strict_base64`` (imported above, kept importable from here): the bytes of a value written without whitespace
# (``binascii.a2b_base64`` in strict mode), None where that raises or the value is not ASCII; ``treeops`` holds it
# because its compiled form decodes attachments in C four characters at a time


def checked_base64(value: str) -> bytes | None:
    """``strict_base64`` of a value ``is_base64`` accepts; None for the others and for values it does not
    decode (whitespace, ...). The strict decoder takes only alphabet characters and padding only at the end,
    but also excess padding ('QUJD='): the length check leaves exactly ``is_base64`` (the tests compare both
    on every short text). A value ending in whitespace (a line break before the closing tag) is not decoded:
    the strict decoder would read all of it before it fails."""
    if len(value) % 4 or value[-1:].isspace():
        return None
    return strict_base64(value)


_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PATH_END = re.compile(r"[/?]")


def is_language(value: str) -> bool:
    """xs:language (an attribute like UBL's languageID): 'de', 'de-DE'; not 'de_DE', not 'de de'."""
    return _LANGUAGE.match(value.strip(XML_SPACE)) is not None


def is_any_uri(value: str) -> bool:
    """xs:anyURI as the official (Xerces) schema check reads it: characters a URI cannot hold (spaces, umlauts,
    braces) count as escaped, but a '%' must start an escape of two hex digits, there is at most one '#', a
    scheme starts with a letter and is not empty (':abc', '1a:b'), 'scheme://' names an authority, and square
    brackets stand only in the authority (an IPv6 address)."""
    text = value.strip(XML_SPACE)
    if _BAD_ESCAPE.search(text):
        return False
    reference, _, fragment = text.partition("#")
    if "#" in fragment or "[" in fragment or "]" in fragment:
        return False
    path = reference
    if ":" in _PATH_END.split(reference, 1)[0]:
        scheme, _, path = reference.partition(":")
        if _SCHEME.match(scheme) is None:
            return False
        if path.startswith("//"):
            authority = _PATH_END.split(path[2:], 1)[0]
            if not authority:
                return False
            path = path[2 + len(authority):]
    return "[" not in path and "]" not in path


def is_base64(value: str) -> bool:
    """xs:base64Binary, loosely: only the base64 alphabet, padding and whitespace."""
    compact = _base64_chars(value)
    if compact is None:
        return False
    return len(compact) % 4 == 0 and b"=" not in compact.rstrip(b"=")


CHECKS: dict[str, Callable[[str], bool]] = {
    "decimal": is_decimal,
    "date": is_date,
    "time": is_time,
    "datetime": is_datetime,
    "boolean": is_boolean,
    "base64": is_base64,
    "language": is_language,  # attribute types (``attrtype`` lines)
    "anyURI": is_any_uri,
}

XSD_NAMES = {
    "decimal": "xs:decimal",
    "date": "xs:date",
    "time": "xs:time",
    "datetime": "xs:dateTime",
    "boolean": "xs:boolean",
    "base64": "xs:base64Binary",
    "language": "xs:language",
    "anyURI": "xs:anyURI",
}
