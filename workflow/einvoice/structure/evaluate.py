"""One-pass evaluation of the syntax-binding rules over a parsed document.

Per element: find the rule groups it is a context of (first match per pattern, like Schematron),
run their named checks, and look the element and its attributes up in the inverted target index
("element X below context Y must not exist" / "at most n times").  No XPath is compiled or run.
"""
from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from ..findings import Finding, Level
from .checks import CHECKS
from .paths import local, predicate_holds, select
from .rules import Assertion, ContextAlternative, RuleGroup, RuleSet, TargetEntry

_BOOL = {"true": True, "1": True, "false": False, "0": False}


def _alternative_matches(alt: ContextAlternative, names: list[str], elems: list[etree._Element]) -> bool:
    steps = alt.steps
    size = len(steps)
    if size > len(names) or (alt.absolute and size != len(names)):
        return False
    offset = len(names) - size
    for i, step in enumerate(steps):
        if step.name != "*" and step.name != names[offset + i]:
            return False
        if step.predicate is not None and not predicate_holds(elems[offset + i], step):
            return False
    return True


def _static_filters_hold(group: RuleGroup, tag: str) -> bool:
    name = local(tag)
    for flt in group.filters:
        kind, value = flt.kind, flt.value
        if kind == "name_suffix" and not name.endswith(value):
            return False
        if kind == "not_name_suffix" and name.endswith(value):
            return False
        if kind == "not_name" and name == value:
            return False
        if kind == "namespace" and not tag.startswith("{" + value + "}"):
            return False
    return True


def _dynamic_filters_hold(group: RuleGroup, names: list[str], element: etree._Element) -> bool:
    for flt in group.filters:
        kind, value = flt.kind, flt.value
        if kind == "not_under":
            inner = value.split("/")
            above = names[:-1]
            if any(above[i:i + len(inner)] == inner for i in range(len(above) - len(inner) + 1)):
                return False
        elif kind == "attr_equals" and element.get(value) != flt.extra:
            return False
        elif kind == "child_bool":
            found = [c for c in element if isinstance(c.tag, str) and local(c.tag) == value]
            wanted = flt.extra == "true"
            if not any(_BOOL.get((c.text or "").strip()) is wanted for c in found):
                return False
    return True


def _candidates(rules: RuleSet, tag: str) -> tuple[RuleGroup, ...]:
    """Groups whose context can match an element with this tag (name and static filters), cached."""
    cached = rules.tag_cache.get(tag)
    if cached is None:
        name = local(tag)
        cached = tuple(g for g in rules.groups_by_name.get(name, ()) + rules.wildcard_groups
                       if _static_filters_hold(g, tag))
        rules.tag_cache[tag] = cached
    return cached


def _handled_groups(rules: RuleSet, names: list[str], elems: list[etree._Element]) -> tuple[RuleGroup, ...]:
    """Groups for which this element is the context: the first matching group of each pattern."""
    candidates = _candidates(rules, elems[-1].tag)
    if not candidates:
        return ()
    best: dict[str, RuleGroup] = {}
    for group in candidates:
        current = best.get(group.pattern)
        if current is not None and current.index <= group.index:
            continue
        if group.static or (any(_alternative_matches(alt, names, elems) for alt in group.contexts)
                            and _dynamic_filters_hold(group, names, elems[-1])):
            best[group.pattern] = group
    return tuple(best.values())


class _Run:
    """State of one evaluation; collects one finding per (rule, context element)."""

    __slots__ = ("rules", "levels", "handled", "counters", "fired", "findings", "names", "elems")

    def __init__(self, rules: RuleSet, levels: Mapping[str, str]) -> None:
        self.rules = rules
        self.levels = levels
        self.handled: dict[etree._Element, frozenset[int]] = {}
        self.counters: dict[tuple[Assertion, etree._Element], list] = {}
        self.fired: set[tuple[str, etree._Element]] = set()
        self.findings: list[Finding] = []
        self.names: list[str] = []
        self.elems: list[etree._Element] = []

    def fire(self, assertion: Assertion, context: etree._Element, location: str) -> None:
        key = (assertion.rule_id, context)
        if key in self.fired:
            return
        self.fired.add(key)
        level = Level(self.levels.get(assertion.rule_id, assertion.level.value))
        self.findings.append(Finding(assertion.rule_id, level, location, assertion.message, assertion.business_term))

    def path(self, depth: int, extra: str = "") -> str:
        return "/" + "/".join(self.names[:depth + 1]) + extra

    def visit(self, element: etree._Element, depth: int) -> None:
        names, elems = self.names, self.elems
        del names[depth:]
        del elems[depth:]
        name = local(element.tag)
        names.append(name)
        elems.append(element)
        groups = _handled_groups(self.rules, names, elems)
        if groups:
            self.handled[element] = frozenset(g.key for g in groups)
            for group in groups:
                for assertion in group.assertions:
                    if assertion.kind == "custom":
                        subjects = select(element, assertion.each) if assertion.each else (element,)
                        check = CHECKS[assertion.check]
                        if any(check(subject, assertion.args) for subject in subjects):
                            self.fire(assertion, element, self.path(depth))
                    elif assertion.kind in ("max", "exactly"):
                        self.counters[(assertion, element)] = [0, self.path(depth)]
        pairs = self.rules.targets_by_pair
        if depth:
            for entry in pairs.get((names[-2], name), ()):
                self.reach(entry, depth, len(entry.steps), "")
            if self.rules.wildcard_groups:
                for entry in pairs.get(("*", name), ()):
                    self.reach(entry, depth, len(entry.steps), "")
        for entry in self.rules.deep_targets.get(name, ()):
            self.reach_deep(entry, depth, len(entry.steps) - 1, "")
        if element.attrib:
            for key in element.attrib:
                attr = "@" + local(key)
                for entry in pairs.get((name, attr), ()):
                    self.reach(entry, depth + 1, len(entry.steps), "/" + attr)
                if self.rules.wildcard_groups:
                    for entry in pairs.get(("*", attr), ()):
                        self.reach(entry, depth + 1, len(entry.steps), "/" + attr)
                for entry in self.rules.deep_targets.get(attr, ()):
                    self.reach_deep(entry, depth + 1, len(entry.steps) - 1, "/" + attr)

    def _steps_match(self, steps: tuple, last: int) -> bool:
        """Element steps end at depth ``last`` (inclusive) in the current path."""
        names, elems = self.names, self.elems
        start = last - len(steps) + 1
        if start < 0:
            return False
        for i, step in enumerate(steps):
            name = names[start + i]
            if step.name[0] == "!":
                if step.name[1:] == name:
                    return False
            elif step.name != "*" and step.name != name:
                return False
            if step.predicate is not None and not predicate_holds(elems[start + i], step):
                return False
        return True

    def reach(self, entry: TargetEntry, depth: int, size: int, attr: str) -> None:
        """Target of ``size`` steps ending at ``depth`` (attribute steps count one level deeper)."""
        element_steps = entry.steps[:-1] if attr else entry.steps
        last = depth - 1 if attr else depth
        if not self._steps_match(element_steps, last):
            return
        context_depth = depth - size
        if context_depth < 0:
            return
        self.hit(entry, self.elems[context_depth], self.path(last, attr))

    def reach_deep(self, entry: TargetEntry, depth: int, size: int, attr: str) -> None:
        """``**/steps`` target: every handled ancestor above the matched steps is a context."""
        tail = entry.steps[1:]
        element_steps = tail[:-1] if attr else tail
        last = depth - 1 if attr else depth
        if not self._steps_match(element_steps, last):
            return
        for context_depth in range(depth - size, -1, -1):
            self.hit(entry, self.elems[context_depth], self.path(last, attr))

    def hit(self, entry: TargetEntry, context: etree._Element, location: str) -> None:
        if entry.group.key not in self.handled.get(context, ()):
            return
        if entry.assertion.kind == "absent":
            self.fire(entry.assertion, context, location)
        else:
            counter = self.counters.get((entry.assertion, context))
            if counter is not None:
                counter[0] += 1

    def finish(self) -> list[Finding]:
        for (assertion, context), (count, location) in self.counters.items():
            if (assertion.kind == "max" and count > assertion.limit) or \
                    (assertion.kind == "exactly" and count != assertion.limit):
                self.fire(assertion, context, location)
        return self.findings


def evaluate(root: etree._Element, rules: RuleSet, levels: Mapping[str, str]) -> list[Finding]:
    """All syntax-binding findings of the document (one per rule id and context element)."""
    run = _Run(rules, levels)
    stack: list[tuple[etree._Element, int]] = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        run.visit(element, depth)
        if len(element):
            stack.extend((child, depth + 1) for child in reversed(element))
    return run.finish()
