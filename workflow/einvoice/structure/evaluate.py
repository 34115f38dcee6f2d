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


_MAX_CACHED = 4096  # per-tag / per-attribute plans kept (the declared vocabulary is far smaller)


class _TagPlan:
    """Everything about an element that its Clark name alone decides, worked out once per tag and rule set."""

    __slots__ = ("name", "candidates", "static", "by_parent", "deep", "attrs", "any_attrs", "active")

    def __init__(self, rules: RuleSet, tag: str) -> None:
        name = self.name = local(tag)
        self.candidates = tuple(g for g in rules.groups_by_name.get(name, ()) + rules.wildcard_groups
                                if _static_filters_hold(g, tag))
        # all candidates static: the handled groups (and their keys) are the same for every such element
        self.static: tuple[tuple[RuleGroup, ...], frozenset[int]] | None = None
        if self.candidates and all(g.static for g in self.candidates):
            groups = _handled_groups(self.candidates, [], [])
            self.static = (groups, frozenset(g.key for g in groups))
        star = rules.targets_by_pair.get(("*", name), ()) if rules.wildcard_groups else ()
        parents = {p for (p, n) in rules.targets_by_pair if n == name and p != "*"}
        # parent local name -> target entries ending at this element (exact parent first, then "*")
        self.by_parent: dict[str, tuple[TargetEntry, ...]] = {
            p: rules.targets_by_pair[(p, name)] + star for p in parents}
        self.by_parent[""] = star  # any other parent
        self.deep = rules.deep_targets.get(name, ())
        self.attrs: dict[str, _AttrPlan] = {}
        # some attribute of this element can be a target (else its attributes are not looked at)
        self.any_attrs = any(
            n.startswith("@") and (p in (name, "*")) for (p, n) in rules.targets_by_pair
        ) or any(n.startswith("@") for n in rules.deep_targets)
        # the element itself can be a context or target (else only its attributes can matter)
        self.active = bool(self.candidates or self.deep or any(self.by_parent.values()))

    def attr(self, rules: RuleSet, key: str) -> "_AttrPlan":
        plan = self.attrs.get(key)
        if plan is None:
            plan = _AttrPlan(rules, self.name, key)
            if len(self.attrs) < _MAX_CACHED:  # attribute names are not declared: bound what documents add
                self.attrs[key] = plan
        return plan


class _AttrPlan:
    """Target entries reached by one attribute of one element name."""

    __slots__ = ("suffix", "entries", "deep")

    def __init__(self, rules: RuleSet, name: str, key: str) -> None:
        attr = "@" + local(key)
        self.suffix = "/" + attr
        star = rules.targets_by_pair.get(("*", attr), ()) if rules.wildcard_groups else ()
        self.entries = rules.targets_by_pair.get((name, attr), ()) + star
        self.deep = rules.deep_targets.get(attr, ())


def _plan(rules: RuleSet, tag: str) -> _TagPlan:
    plan = rules.tag_cache.get(tag)
    if plan is None:
        plan = _TagPlan(rules, tag)
        if len(rules.tag_cache) < _MAX_CACHED:  # callers may pass unchecked trees: bound what they add
            rules.tag_cache[tag] = plan
    return plan  # type: ignore[return-value]


def _handled_groups(
    candidates: tuple[RuleGroup, ...], names: list[str], elems: list[etree._Element]
) -> tuple[RuleGroup, ...]:
    """Groups for which this element is the context: the first matching group of each pattern."""
    if len(candidates) == 1:
        group = candidates[0]
        if group.static or (any(_alternative_matches(alt, names, elems) for alt in group.contexts)
                            and _dynamic_filters_hold(group, names, elems[-1])):
            return candidates
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


def _location(names: list[str], last: int, suffix: str) -> str:
    return "/" + "/".join(names[:last + 1]) + suffix


class _Run:
    """State of one evaluation; collects one finding per (rule, context element)."""

    __slots__ = ("rules", "levels", "handled", "counters", "fired", "findings", "names", "elems")

    def __init__(self, rules: RuleSet, levels: Mapping[str, str]) -> None:
        self.rules = rules
        self.levels = levels
        self.handled: dict[etree._Element, frozenset[int]] = {}
        # (id of a max/exactly assertion, context) -> [count, location, assertion]; ids: the rule set keeps
        # every assertion alive, and hashing by id spares hashing the whole frozen dataclass per lookup
        self.counters: dict[tuple[int, etree._Element], list] = {}
        self.fired: set[tuple[str, etree._Element]] = set()
        self.findings: list[Finding] = []
        self.names: list[str] = []  # local names from the root down to the current element
        self.elems: list[etree._Element] = []  # the elements of that path

    def fire(self, assertion: Assertion, context: etree._Element, location: str) -> None:
        key = (assertion.rule_id, context)
        if key in self.fired:
            return
        self.fired.add(key)
        level = Level(self.levels.get(assertion.rule_id, assertion.level.value))
        self.findings.append(
            Finding(assertion.rule_id, level, location, assertion.message, assertion.business_term)
        )

    def visit(self, element: etree._Element, plan: _TagPlan) -> None:
        """``element`` is the last entry of ``names``/``elems``."""
        names, elems = self.names, self.elems
        depth = len(names) - 1
        if plan.candidates:
            if plan.static is not None:
                groups, keys = plan.static
            else:
                groups = _handled_groups(plan.candidates, names, elems)
                keys = frozenset(g.key for g in groups)
            if groups:
                self.handled[element] = keys
                for group in groups:
                    for assertion in group.custom:
                        subjects = select(element, assertion.each) if assertion.each else (element,)
                        check = CHECKS[assertion.check]
                        if any(check(subject, assertion.args) for subject in subjects):
                            self.fire(assertion, element, _location(names, depth, ""))
                    if group.counted:
                        location = _location(names, depth, "")
                        for assertion in group.counted:
                            self.counters[(id(assertion), element)] = [0, location, assertion]
        if depth:
            by_parent = plan.by_parent
            entries = by_parent.get(names[-2])
            if entries is None:
                entries = by_parent[""]
            for entry in entries:
                self.reach(entry, depth, len(entry.steps), "")
        for entry in plan.deep:
            self.reach_deep(entry, depth, len(entry.steps) - 1, "")

    def visit_attributes(self, plan: _TagPlan, keys: list[str]) -> None:
        depth = len(self.names) - 1
        for key in keys:
            attr_plan = plan.attr(self.rules, key)
            for entry in attr_plan.entries:
                self.reach(entry, depth + 1, len(entry.steps), attr_plan.suffix)
            for entry in attr_plan.deep:
                self.reach_deep(entry, depth + 1, len(entry.steps) - 1, attr_plan.suffix)

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
        context_depth = depth - size
        if context_depth < 0:
            return
        context = self.elems[context_depth]
        if entry.group.key not in self.handled.get(context, ()):
            return
        element_steps = entry.steps[:-1] if attr else entry.steps
        last = depth - 1 if attr else depth
        if not self._steps_match(element_steps, last):
            return
        self.hit(entry, context, last, attr)

    def reach_deep(self, entry: TargetEntry, depth: int, size: int, attr: str) -> None:
        """``**/steps`` target: every handled ancestor above the matched steps is a context."""
        tail = entry.steps[1:]
        element_steps = tail[:-1] if attr else tail
        last = depth - 1 if attr else depth
        if not self._steps_match(element_steps, last):
            return
        handled, elems, key = self.handled, self.elems, entry.group.key
        for context_depth in range(depth - size, -1, -1):
            context = elems[context_depth]
            if key in handled.get(context, ()):
                self.hit(entry, context, last, attr)

    def hit(self, entry: TargetEntry, context: etree._Element, last: int, attr: str) -> None:
        """``context`` handles the entry's group and the target (ending at depth ``last``) was reached."""
        if entry.assertion.kind == "absent":
            self.fire(entry.assertion, context, _location(self.names, last, attr))
        else:
            counter = self.counters.get((id(entry.assertion), context))
            if counter is not None:
                counter[0] += 1

    def finish(self) -> list[Finding]:
        for (_, context), (count, location, assertion) in self.counters.items():
            if (assertion.kind == "max" and count > assertion.limit) or \
                    (assertion.kind == "exactly" and count != assertion.limit):
                self.fire(assertion, context, location)
        return self.findings


def evaluate(root: etree._Element, rules: RuleSet, levels: Mapping[str, str]) -> list[Finding]:
    """All syntax-binding findings of the document (one per rule id and context element)."""
    run = _Run(rules, levels)
    names, elems = run.names, run.elems
    plans = rules.tag_cache
    for event, element in etree.iterwalk(root, events=("start", "end")):  # elements only, document order
        if event == "end":
            names.pop()
            elems.pop()
            continue
        tag = element.tag
        plan = plans.get(tag)
        if plan is None:
            plan = _plan(rules, tag)
        names.append(plan.name)
        elems.append(element)
        if plan.active:
            run.visit(element, plan)
        if plan.any_attrs:
            keys = element.keys()
            if keys:
                run.visit_attributes(plan, keys)
    return run.finish()
