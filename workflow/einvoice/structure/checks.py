"""Named checks for the few syntax rules that are more than "element present / count".

Each check takes the context element and the declared arguments and returns True when the rule
is violated (fires).  The rule data names the check and gives its arguments, so a rule update
that only moves paths or values is a data change.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from lxml import etree

from .paths import child_values, children_named, has_ancestor_named, local, path_exists, select
from .rules import parse_path

Check = Callable[[etree._Element, tuple[str, ...]], bool]


def _exists(element: etree._Element, path: str) -> bool:
    if path == ".":
        return True
    return path_exists(element, path)


def max_fraction_digits(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Value has more characters than args[0] after the first '.' (the official string-length test: trailing
    blanks count, '70.00 ' has three)."""
    return len((element.text or "").partition(".")[2]) > int(args[0])


def attribute_missing(element: etree._Element, args: tuple[str, ...]) -> bool:
    """The attribute args[0] is absent."""
    return not any(key.rpartition("}")[2] == args[0] for key in element.attrib)


def requires(element: etree._Element, args: tuple[str, ...]) -> bool:
    """If path args[0] exists (``.`` = always), path args[1] must exist."""
    return _exists(element, args[0]) and not _exists(element, args[1])


def both_present(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Paths args[0] and args[1] both exist."""
    return _exists(element, args[0]) and _exists(element, args[1])


def distinct_more_than(element: etree._Element, args: tuple[str, ...]) -> bool:
    """More than args[1] distinct values at path args[0], as written (the bindings compare them with '=')."""
    return len(set(child_values(element, args[0]))) > int(args[1])


def count_more_than(element: etree._Element, args: tuple[str, ...]) -> bool:
    """More than args[1] nodes at path args[0]."""
    return len(child_values(element, args[0])) > int(args[1])


def value_not_in(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Some value at path args[0] is not one of args[1:] (missing path counts as violation)."""
    values = child_values(element, args[0])
    return not values or any(v not in args[1:] for v in values)


def value_other_than(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Some value at path args[0] is not one of args[1:] (a missing path is fine)."""
    return any(v not in args[1:] for v in child_values(element, args[0]))


def flagged_or_neither(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Neither (some value at path args[1] is one of args[3:] and path args[2] exists) nor (neither path args[0]
    nor path args[2] exists): a flag element with an accepted value comes with its amount, or both are absent."""
    # the flag is compared as xs:boolean ('Indicator = false()'): surrounding blanks do not count
    flagged = any(v.strip() in args[3:] for v in child_values(element, args[1])) and _exists(element, args[2])
    return not (flagged or (not _exists(element, args[0]) and not _exists(element, args[2])))


def missing_any(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Some of the paths args[...] does not exist."""
    return not all(_exists(element, path) for path in args)


def present_unless_named(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Path args[0] exists, unless the element's local name is args[1] and (when given) its child args[2] has
    one of the values args[3:]."""
    if not _exists(element, args[0]):
        return False
    if local(element.tag) != args[1]:
        return True
    if len(args) < 3:
        return False
    return not any(v in args[3:] for v in child_values(element, args[2]))


def count_other_than_if(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Path args[0] exists and path args[1] does not occur exactly args[2] times."""
    return _exists(element, args[0]) and len(child_values(element, args[1])) != int(args[2])


def present_unless(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Path args[0] exists although path args[1] has none of the values args[2:]."""
    if not _exists(element, args[0]):
        return False
    return not any(v in args[2:] for v in child_values(element, args[1]))


def any_present_unless(element: etree._Element, args: tuple[str, ...]) -> bool:
    """One of the paths args[0] (``|``-separated) exists although path args[1] has none of the values args[2:];
    a value ``Root:v`` counts only in a document whose root element has the local name ``Root``."""
    if not any(_exists(element, path) for path in args[0].split("|")):
        return False
    root = etree.QName(element.getroottree().getroot()).localname
    allowed = {v.partition(":")[2] if ":" in v else v for v in args[2:] if ":" not in v or v.partition(":")[0] == root}
    return not any(v in allowed for v in child_values(element, args[1]))


def both_when(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Value at args[0] is one of args[3:] and paths args[1] and args[2] exist (co-occurrence)."""
    if not any(v in args[3:] for v in child_values(element, args[0])):
        return False
    return _exists(element, args[1]) and _exists(element, args[2])


@cache
def _xpath_regex(pattern: str) -> re.Pattern[str]:
    """An XPath regular expression in Python: its \\s is XML whitespace only (Python's takes a no-break space
    too); \\d is any decimal digit in both."""
    return re.compile(pattern.replace("\\s", "[ \\t\\r\\n]"))


def text_not_matching(element: etree._Element, args: tuple[str, ...]) -> bool:
    """The element's string value (its text across comments and processing instructions, as XPath's ``.``) does
    not fully match the XPath regular expression args[0]."""
    text = (element.text or "") if not len(element) else "".join(element.itertext())
    return _xpath_regex(args[0]).fullmatch(text) is None


def present_without(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Path args[0] exists but attribute/child args[1] of it is missing."""
    nodes = children_named(element, args[0])
    return any(not child_values(n, args[1]) for n in nodes)


def present_outside(element: etree._Element, args: tuple[str, ...]) -> bool:
    """Path args[0] exists and neither the element itself nor an ancestor has the local name args[1]."""
    if not _exists(element, args[0]):
        return False
    return local(element.tag) != args[1] and not has_ancestor_named(element, args[1])


def count_more_than_or_same(element: etree._Element, args: tuple[str, ...]) -> bool:
    """More than args[1] elements at path args[0] (steps may carry predicates), or no value at path args[2]
    differs from a value at path args[3] (XPath's general ``!=``: so also when either side is missing)."""
    if len(select(element, parse_path(args[0]))) > int(args[1]):
        return True
    right = child_values(element, args[3])
    return not any(a != b for a in child_values(element, args[2]) for b in right)


def distinct_anywhere_more_than(element: etree._Element, args: tuple[str, ...]) -> bool:
    """More than args[1] distinct values, as written (XPath ``distinct-values``: no trimming), at path args[0]
    below ANY element of the document (``//A/B``, whatever the rule's context)."""
    first, _, rest = args[0].partition("/")
    values: set[str] = set()
    for el in element.getroottree().getroot().iter(f"{{*}}{first}"):  # any namespace, matched by lxml in C
        values.update(child_values(el, rest) if rest else ["".join(el.itertext())])
    return len(values) > int(args[1])


CHECKS: dict[str, Check] = {
    "max_fraction_digits": max_fraction_digits,
    "attribute_missing": attribute_missing,
    "requires": requires,
    "both_present": both_present,
    "distinct_more_than": distinct_more_than,
    "count_more_than": count_more_than,
    "value_not_in": value_not_in,
    "value_other_than": value_other_than,
    "missing_any": missing_any,
    "flagged_or_neither": flagged_or_neither,
    "present_unless_named": present_unless_named,
    "count_other_than_if": count_other_than_if,
    "present_unless": present_unless,
    "any_present_unless": any_present_unless,
    "both_when": both_when,
    "text_not_matching": text_not_matching,
    "present_without": present_without,
    "present_outside": present_outside,
    "count_more_than_or_same": count_more_than_or_same,
    "distinct_anywhere_more_than": distinct_anywhere_more_than,
}
