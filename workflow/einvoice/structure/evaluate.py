"""One-pass evaluation of the syntax-binding rules over a parsed document.

Per element: find the rule groups it is a context of (first match per pattern, like Schematron),
run their named checks, and look the element and its attributes up in the inverted target index
("element X below context Y must not exist" / "at most n times").  No XPath is compiled or run.

What an element's tag and name path alone decide (its context groups, the targets it can reach, its location)
is worked out once per distinct path and kept in a bounded path trie on the rule set, so the walk does one dict
lookup per element and runs Python code only where a rule can apply.  The same walk also finds the elements
without child elements and text (PEPPOL-EN16931-R008), so that rule needs no search of its own.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lxml import etree

from .. import treeops
from ..findings import Finding, Level
from .checks import CHECKS
from .datatypes import XML_SPACE as _XML_SPACE  # what normalize-space() strips (str.strip() drops more)
from .paths import children_named, local, predicate_holds, select
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
            found = children_named(element, value)
            wanted = flt.extra == "true"
            if not any(_BOOL.get((c.text or "").strip()) is wanted for c in found):
                return False
    return True


_MAX_CACHED = 4096  # per-tag / per-attribute plans kept (the declared vocabulary is far smaller)


class _TagPlan:
    """Everything about an element that its Clark name alone decides, worked out once per tag and rule set."""

    __slots__ = ("any_attrs", "attrs", "by_parent", "candidates", "deep", "name", "path_only", "static")

    def __init__(self, rules: RuleSet, tag: str) -> None:
        name = self.name = local(tag)
        self.candidates = tuple(g for g in rules.groups_by_name.get(name, ()) + rules.wildcard_groups
                                if _static_filters_hold(g, tag))
        # all candidates static: the handled groups (and their keys) are the same for every such element
        self.static: tuple[tuple[RuleGroup, ...], frozenset[int]] | None = None
        if self.candidates and all(g.static for g in self.candidates):
            groups = _handled_groups(self.candidates, [], [])
            self.static = (groups, frozenset(g.key for g in groups))
        # the local-name path alone decides the handled groups (no predicates, no filter that reads content)
        self.path_only = all(_path_only(g) for g in self.candidates)
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

    def attr(self, rules: RuleSet, key: str) -> "_AttrPlan":
        plan = self.attrs.get(key)
        if plan is None:
            plan = _AttrPlan(rules, self.name, key)
            if len(self.attrs) < _MAX_CACHED:  # attribute names are not declared: bound what documents add
                self.attrs[key] = plan
        return plan


def _path_only(group: RuleGroup) -> bool:
    """The group's context is decided by the element's name path alone (never by values or attributes)."""
    return all(step.predicate is None for alt in group.contexts for step in alt.steps) and all(
        flt.kind in _PATH_FILTERS for flt in group.filters
    )


_PATH_FILTERS = frozenset({"name_suffix", "not_name_suffix", "not_name", "namespace", "not_under"})


class _AttrPlan:
    """Target entries reached by one attribute of one element name."""

    __slots__ = ("deep", "entries", "suffix")

    def __init__(self, rules: RuleSet, name: str, key: str) -> None:
        attr = "@" + local(key)
        self.suffix = "/" + attr
        star = rules.targets_by_pair.get(("*", attr), ()) if rules.wildcard_groups else ()
        self.entries = rules.targets_by_pair.get((name, attr), ()) + star
        self.deep = rules.deep_targets.get(attr, ())


# entry, depths of its candidate contexts (in order), element steps whose predicates remain to test (None: none)
_Reach = tuple[TargetEntry, tuple[int, ...], tuple | None]


def _names_match(steps: tuple, names: tuple[str, ...], last: int) -> bool:
    """The local names of ``steps`` (``*`` any, ``!X`` any but X) end at depth ``last`` of ``names``."""
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
    return True


def _with_predicates(steps: tuple) -> tuple | None:
    return steps if any(s.predicate is not None for s in steps) else None


def _reach_plan(
    entries: tuple[TargetEntry, ...], deep: tuple[TargetEntry, ...], names: tuple[str, ...], attr: bool
) -> tuple[_Reach, ...]:
    """The target entries the element at the name path ``names`` (``attr``: one of its attributes) reaches, by
    names alone: ``entries`` end with a parent step, ``deep`` start with ``**``.

    Per entry: the depths of the candidate context elements (the entry's group must handle one of them, which
    only the walk knows) and the element steps whose predicates remain to be tested on the elements (None:
    none). Entries of the same tag and path are the same in every document, so this is worked out once per path.
    """
    depth = len(names) - 1
    end = -1 if attr else None  # an attribute target's steps end one level below the element
    last = depth + 1 if attr else depth  # depth of the entry's last step
    found: list[_Reach] = []
    for entry in entries:
        context_depth = last - len(entry.steps)
        element_steps = entry.steps[:end]
        if context_depth >= 0 and _names_match(element_steps, names, depth):
            found.append((entry, (context_depth,), _with_predicates(element_steps)))
    for entry in deep:
        element_steps = entry.steps[1:end]
        if _names_match(element_steps, names, depth):
            depths = tuple(range(last - (len(entry.steps) - 1), -1, -1))
            if depths:
                found.append((entry, depths, _with_predicates(element_steps)))
    return tuple(found)


def _plan(rules: RuleSet, tag: str) -> _TagPlan:
    plan = rules.tag_cache.get(tag)
    if plan is None:
        plan = _TagPlan(rules, tag)
        if len(rules.tag_cache) < _MAX_CACHED:  # callers may pass unchecked trees: bound what they add
            rules.tag_cache[tag] = plan
    return plan  # type: ignore[return-value]


class _PathNode:
    """An element's name path from the root (one node per distinct path, kept across documents): what its tag
    and path alone decide, so the walk does one dict lookup per element and visits only elements with work."""

    __slots__ = ("active", "any_attrs", "attributes", "children", "clark", "handled", "location", "mark",
                 "marked_by", "names", "plan", "reached", "work")

    def __init__(self, rules: RuleSet, names: tuple[str, ...], clark: tuple[str, ...], tag: str) -> None:
        plan = self.plan = _plan(rules, tag)
        self.any_attrs = plan.any_attrs  # some attribute of this element can be a target
        self.names = names
        self.clark = clark  # the Clark names of the path (``names`` are the local parts)
        # what a caller's ``select_by_path`` said about this path, and which function said it
        self.marked_by: object = None
        self.mark: object = None
        self.children: dict[str, _PathNode] = {}
        # (groups, keys) this element is the context of, or None when values decide (worked out per element)
        self.handled: tuple[tuple[RuleGroup, ...], frozenset[int]] | None = ((), frozenset())
        if plan.static is not None:
            self.handled = plan.static
        elif plan.candidates:
            self.handled = None
            if plan.path_only:
                groups = _handled_groups(plan.candidates, list(names), [None] * len(names))  # type: ignore[list-item]
                self.handled = (groups, frozenset(g.key for g in groups))
        parent_entries: tuple[TargetEntry, ...] = ()  # the root has no parent
        if len(names) > 1:
            found = plan.by_parent.get(names[-2])
            parent_entries = found if found is not None else plan.by_parent[""]
        self.reached = _reach_plan(parent_entries, plan.deep, names, False)
        # attribute name -> (location suffix, the target entries the attribute reaches; see ``_reach_plan``)
        self.attributes: dict[str, tuple[str, tuple[_Reach, ...]]] = {}
        self.location = "/" + "/".join(names)
        self.active = self.handled is None or bool(self.handled[0]) or bool(self.reached)
        self.work = self.active or self.any_attrs  # ``SyntaxWalk.visit`` has something to do here


class _PathTrie:
    """The path nodes of one rule set, bounded: paths come from the documents."""

    __slots__ = ("roots", "size")

    def __init__(self) -> None:
        self.roots: dict[str, _PathNode] = {}
        self.size = 0

    def node(self, rules: RuleSet, parent: _PathNode | None, tag: str) -> _PathNode:
        table = self.roots if parent is None else parent.children
        found = table.get(tag)
        if found is None:
            if parent is None:
                found = _PathNode(rules, (local(tag),), (tag,), tag)
            else:
                found = _PathNode(rules, parent.names + (local(tag),), parent.clark + (tag,), tag)
            if self.size < _MAX_PATHS:
                table[tag] = found
                self.size += 1
        return found


_MAX_PATHS = 16384


def _trie(rules: RuleSet) -> _PathTrie:
    trie = rules.walk_cache.get("paths")
    if trie is None:
        trie = rules.walk_cache["paths"] = _PathTrie()
    return trie  # type: ignore[no-any-return]


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


def _location(names: Sequence[str], last: int, suffix: str) -> str:
    return "/" + "/".join(names[:last + 1]) + suffix


class _Run:
    """State of one evaluation; collects one finding per (rule, context element)."""

    __slots__ = ("counted", "counts", "elems", "findings", "fired", "handled", "levels", "names", "rules")

    def __init__(self, rules: RuleSet, levels: Mapping[str, str]) -> None:
        self.rules = rules
        self.levels = levels
        self.handled: dict[etree._Element, frozenset[int]] = {}
        # contexts of max/exactly assertions in visiting order: (context, location, the group's counted assertions)
        self.counted: list[tuple[etree._Element, str, tuple[tuple[int, bool, int, Assertion], ...]]] = []
        # (id of a max/exactly assertion, context) -> targets reached (absent: none yet); ids: the rule set keeps
        # every assertion alive, and hashing by id spares hashing the whole frozen dataclass per lookup
        self.counts: dict[tuple[int, etree._Element], int] = {}
        self.fired: set[tuple[str, etree._Element]] = set()
        self.findings: list[Finding] = []
        self.names: tuple[str, ...] = ()  # local names from the root down to the current element
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

    def visit(self, element: etree._Element, node: _PathNode) -> None:
        """``element`` is the last entry of ``elems``, ``node`` its path: its context checks and the targets it
        and its attributes reach (walkers call this only if ``node.work``)."""
        self.names = names = node.names
        if node.active:
            self.visit_element(element, node, names)
        if node.any_attrs:
            keys = element.keys()
            if keys:
                self.visit_attributes(node, keys)

    def visit_element(self, element: etree._Element, node: _PathNode, names: tuple[str, ...]) -> None:
        elems = self.elems
        depth = len(names) - 1
        known = node.handled
        if known is None:  # the context depends on values: decide for this element
            plan = node.plan
            groups = _handled_groups(plan.candidates, list(names), elems)
            keys = frozenset([g.key for g in groups])
        else:
            groups, keys = known
        if groups:
            self.handled[element] = keys
            for group in groups:
                for assertion in group.custom:
                    check, args = CHECKS[assertion.check], assertion.args
                    for subject in select(element, assertion.each) if assertion.each else (element,):
                        if check(subject, args):
                            self.fire(assertion, element, node.location)
                            break
                if group.counted:
                    self.counted.append((element, node.location, _counted_plan(group.counted)))
        if node.reached:
            self.reach_all(node.reached, depth, "")

    def visit_attributes(self, node: _PathNode, keys: list[str]) -> None:
        depth = len(node.names) - 1
        for key in keys:
            known = node.attributes.get(key)
            if known is None:
                attr = node.plan.attr(self.rules, key)
                known = (attr.suffix, _reach_plan(attr.entries, attr.deep, node.names, True))
                if len(node.attributes) < _MAX_CACHED:  # attribute names are not declared: bound what documents add
                    node.attributes[key] = known
            suffix, reached = known
            if reached:
                self.reach_all(reached, depth, suffix)

    def reach_all(self, reached: tuple[_Reach, ...], depth: int, suffix: str) -> None:
        """Hit every entry whose group a candidate context handles (element steps end at ``depth``)."""
        handled, elems = self.handled, self.elems
        for entry, depths, predicate_steps in reached:
            key = entry.group.key
            steps_hold: bool | None = None if predicate_steps is not None else True
            for context_depth in depths:
                context = elems[context_depth]
                if key in handled.get(context, ()):
                    if steps_hold is None:  # names match already (see ``_reach_plan``); the predicates decide
                        steps_hold = self._predicates_hold(predicate_steps, depth)  # type: ignore[arg-type]
                    if not steps_hold:
                        break
                    self.hit(entry, context, depth, suffix)

    def _predicates_hold(self, steps: tuple, last: int) -> bool:
        """The step predicates hold on the current path's elements; the steps end at depth ``last`` (their
        names matched the path when the plan was made)."""
        elems = self.elems
        start = last - len(steps) + 1
        for i, step in enumerate(steps):
            if step.predicate is not None and not predicate_holds(elems[start + i], step):
                return False
        return True

    def hit(self, entry: TargetEntry, context: etree._Element, last: int, attr: str) -> None:
        """``context`` handles the entry's group and the target (ending at depth ``last``) was reached."""
        if entry.assertion.kind == "absent":
            self.fire(entry.assertion, context, _location(self.names, last, attr))
        else:
            key = (id(entry.assertion), context)  # the context handles the group: its counts are read at the end
            self.counts[key] = self.counts.get(key, 0) + 1

    def finish(self) -> list[Finding]:
        counts = self.counts
        for context, location, plan in self.counted:
            for key, at_most, limit, assertion in plan:
                count = counts.get((key, context), 0)
                if count > limit if at_most else count != limit:
                    self.fire(assertion, context, location)
        return self.findings


# a group's max/exactly assertions as (id, kind is "max", limit, assertion), per group (the rule set keeps the
# tuples alive, and the entry keeps its own tuple: its id is not reused while the entry exists)
_COUNTED: dict[int, tuple[tuple[Assertion, ...], tuple[tuple[int, bool, int, Assertion], ...]]] = {}


def _counted_plan(counted: tuple[Assertion, ...]) -> tuple[tuple[int, bool, int, Assertion], ...]:
    entry = _COUNTED.get(id(counted))
    if entry is None or entry[0] is not counted:
        plan = tuple((id(a), a.kind == "max", a.limit, a) for a in counted)
        if any(a.kind not in ("max", "exactly") for a in counted):
            raise ValueError("counted assertions are of kind max or exactly")
        entry = (counted, plan)
        if len(_COUNTED) < _MAX_CACHED:
            _COUNTED[id(counted)] = entry
    return entry[1]




def _blank(leaf: etree._Element) -> bool:
    """A leaf (no child elements) whose string value is XML whitespace only (comments and PIs do not count)."""
    text = leaf.text
    if text and text.strip(_XML_SPACE):
        return False
    for child in leaf:  # only comments / processing instructions: their tails are text of the leaf
        tail = child.tail
        if tail and tail.strip(_XML_SPACE):
            return False
    return True


PathSelector = Callable[[tuple[str, ...]], Any]


def evaluate(
    root: etree._Element,
    rules: RuleSet,
    levels: Mapping[str, str],
    empty_elements: list[etree._Element] | None = None,
    select_by_path: PathSelector | None = None,
    selected: list[tuple[etree._Element, Any]] | None = None,
) -> list[Finding]:
    """All syntax-binding findings of the document (one per rule id and context element).

    ``empty_elements`` (optional) receives, in document order, every element without child elements whose
    text is whitespace only (XPath ``//*[not(*)][not(normalize-space())]``), found on the same walk.
    ``select_by_path`` (optional, with ``selected``): a pure function of an element's Clark-name path (root
    first), called once per distinct path; each element for which it returns something non-empty is appended
    to ``selected`` as (element, value), in document order.
    """
    walk = SyntaxWalk(rules, levels, empty_elements, select_by_path, selected)
    walk.whole(root)
    return walk.finish()


class SyntaxWalk:
    """The syntax-rule side of a walk over one document in document order.

    The walker (``subtree`` here, or the schema check's walk, which goes over the same elements) pushes each
    element on ``elems``, looks up its path node (``node``), calls ``enter`` (or does what it does inline) and,
    for each element without child elements, ``leaf``; ``finish`` gives the findings.
    """

    __slots__ = ("elems", "empty", "marks", "rules", "run", "selected", "trie")

    def __init__(
        self,
        rules: RuleSet,
        levels: Mapping[str, str],
        empty_elements: list[etree._Element] | None = None,
        select_by_path: PathSelector | None = None,
        selected: list[tuple[etree._Element, Any]] | None = None,
    ) -> None:
        if (select_by_path is None) is not (selected is None):
            raise ValueError("select_by_path and selected go together: pass both or neither")
        self.rules = rules
        self.run = _Run(rules, levels)
        self.trie = _trie(rules)
        # the elements from the root to the current one (the proxies: ``getparent`` returns the same objects)
        self.elems = self.run.elems
        self.empty = empty_elements
        self.marks = select_by_path
        self.selected = selected

    def start(self, root: etree._Element) -> _PathNode:
        """Push and enter the root; its path node."""
        node = self.trie.node(self.rules, None, root.tag)
        self.elems.append(root)
        self.enter(root, node)
        return node

    def whole(
        self, root: etree._Element, index: dict | None = None, texts: Mapping[etree._Element, str | None] | None = None
    ) -> None:
        """Walk the whole document on its own; ``index`` (optional) receives every element's child elements by
        Clark name in document order (what ``rules.paths.child_index`` builds per element), on the same walk;
        ``texts`` (optional, with ``index``): the ``text`` of elements the caller has read already."""
        node = self.start(root)
        if self.has_children(root):
            if index is not None and treeops.COMPILED:  # the elements listed in C (see ``_listed_subtree``)
                self._listed_subtree(root, node, index, texts or {})
            elif index is not None:
                self._indexed_subtree(root, node, index, texts or {})
            else:
                self.subtree(root, node)
        else:
            self.leaf(root, None)

    def node(self, parent: _PathNode, tag: str) -> _PathNode:
        """The path node of a child with ``tag`` below ``parent`` (callers try ``parent.children`` first)."""
        return self.trie.node(self.rules, parent, tag)

    def enter(self, element: etree._Element, node: _PathNode) -> None:
        """``element`` (the last of ``elems``) at path ``node``: the selection, then the rules (``_Run.visit``)."""
        marks = self.marks
        if marks is not None:
            if node.marked_by is not marks:
                node.mark, node.marked_by = marks(node.clark), marks
            if node.mark:
                self.selected.append((element, node.mark))  # type: ignore[union-attr]
        if node.work:
            self.run.visit(element, node)

    @staticmethod
    def has_children(element: etree._Element) -> bool:
        """``element`` has child elements (not only comments or processing instructions)."""
        return bool(len(element)) and any(child.tag.__class__ is str for child in element)

    def leaf(self, element: etree._Element, text: str | None) -> None:
        """``element`` has no child elements; ``text``: its ``text`` if the caller read it (None: not read)."""
        if self.empty is not None:
            if text is None:
                text = element.text
            if (not text or not text.strip(_XML_SPACE)) and _blank(element):  # most leaves have text
                self.empty.append(element)

    def subtree(self, top: etree._Element, top_node: _PathNode) -> None:
        """Walk the descendants of ``top`` (the last of ``elems``, entered) in document order; ``elems`` ends at
        ``top`` again afterwards."""
        elems = self.elems
        base = len(elems)
        nodes = [top_node]  # the path node of each of elems[base - 1:]
        trie, rules, run = self.trie, self.rules, self.run
        marks, selected = self.marks, self.selected
        collect = self.empty is not None
        # elements only; the path to each element is kept by popping back to its parent (cheaper than a start
        # and an end event per element)
        last, last_node = top, top_node
        descendants = top.iter(etree.Element)
        next(descendants)  # ``top`` itself
        for element in descendants:
            parent = element.getparent()
            if parent is not last:
                if collect:  # the previous element got no child element: it is a leaf
                    self.leaf(last, None)
                while elems[-1] is not parent:
                    nodes.pop()
                    elems.pop()
                last_node = nodes[-1]
            tag = element.tag
            node = last_node.children.get(tag)
            if node is None:
                node = trie.node(rules, last_node, tag)
            nodes.append(node)
            elems.append(element)
            last, last_node = element, node
            if marks is not None:  # ``enter``, inlined
                if node.marked_by is not marks:
                    node.mark, node.marked_by = marks(node.clark), marks
                if node.mark:
                    selected.append((element, node.mark))  # type: ignore[union-attr]
            if node.active:
                run.visit(element, node)
            elif node.any_attrs:  # ``_Run.visit`` without the call for the many elements without attributes
                keys = element.keys()
                if keys:
                    run.names = node.names
                    run.visit_attributes(node, keys)
        if collect:  # the last element in document order is a leaf
            self.leaf(last, None)
        del elems[base:]

    def _indexed_subtree(
        self, top: etree._Element, top_node: _PathNode, index: dict, texts: Mapping[etree._Element, str | None]
    ) -> None:
        """``subtree`` that also fills ``index`` (a separate copy of the loop: the plain walk stays as lean) and
        takes the texts in ``texts`` as read."""
        elems = self.elems
        base = len(elems)
        nodes = [top_node]
        trie, rules, run = self.trie, self.rules, self.run
        marks, selected = self.marks, self.selected
        empty = self.empty
        last, last_node = top, top_node
        last_kids: dict[str, list[etree._Element]] = {}
        descendants = top.iter(etree.Element)
        next(descendants)  # ``top`` itself
        for element in descendants:
            parent = element.getparent()
            if parent is last:  # the first child of ``last``: its child map starts (leaves get none here)
                last_kids = index[last] = {}
            else:
                if empty is not None:  # the previous element got no child element: it is a leaf (``leaf``, inlined)
                    text = texts.get(last) if texts else None
                    if text is None:
                        text = last.text
                    # a first character other than XML whitespace: not blank (most leaves), without a strip
                    if (not text or text[0] in _XML_SPACE and not text.strip(_XML_SPACE)) and _blank(last):
                        empty.append(last)
                while elems[-1] is not parent:
                    nodes.pop()
                    elems.pop()
                last_node = nodes[-1]
                # a later child: the parent's map was started with its first child, on this walk
                last_kids = index[parent]
            tag = element.tag
            same = last_kids.get(tag)
            if same is None:
                last_kids[tag] = [element]
            else:
                same.append(element)
            node = last_node.children.get(tag)
            if node is None:
                node = trie.node(rules, last_node, tag)
            nodes.append(node)
            elems.append(element)
            last, last_node = element, node
            if marks is not None:  # ``enter``, inlined
                if node.marked_by is not marks:
                    node.mark, node.marked_by = marks(node.clark), marks
                if node.mark:
                    selected.append((element, node.mark))  # type: ignore[union-attr]
            if node.active:  # ``_Run.visit``, inlined
                run.names = names = node.names
                run.visit_element(element, node, names)
                if node.any_attrs:
                    keys = element.keys()
                    if keys:
                        run.visit_attributes(node, keys)
            elif node.any_attrs:
                keys = element.keys()
                if keys:
                    run.names = node.names
                    run.visit_attributes(node, keys)
        if empty is not None:
            self.leaf(last, texts.get(last) if texts else None)
        del elems[base:]

    def _listed_subtree(
        self, top: etree._Element, top_node: _PathNode, index: dict, texts: Mapping[etree._Element, str | None]
    ) -> None:
        """``_indexed_subtree`` over the elements as the compiled ``treeops.indexed_descendants`` lists them (it
        fills ``index`` on its walk in C and gives each element's tag and depth, so the loop here asks lxml for
        no tag, parent or attribute list it does not need); with the Python module, ``_indexed_subtree`` reads
        the same in one pass and runs instead."""
        elements, tags, shapes = treeops.indexed_descendants(top, index)
        elems = self.elems
        base = len(elems)  # elems[base - 1] is ``top``; an element at depth d goes to elems[base + d - 1]
        nodes = [top_node]  # nodes[d]: the path node of the element at depth d on the current path
        trie, rules, run = self.trie, self.rules, self.run
        marks, selected = self.marks, self.selected
        empty = self.empty
        last, last_node, last_depth = top, top_node, 0
        for i in range(len(elements)):
            element, tag, shape = elements[i], tags[i], shapes[i]
            depth = shape >> 1
            if depth <= last_depth:  # ``last`` got no child element: it is a leaf
                if empty is not None:
                    blank = treeops.blank_leaf(last)  # read on libxml2's text nodes (None: ask ``leaf``)
                    if blank is None:
                        self.leaf(last, texts.get(last) if texts else None)
                    elif blank:
                        empty.append(last)
                while len(nodes) > depth:  # back to the parent (nodes and elems stay in step)
                    nodes.pop()
                    elems.pop()
                last_node = nodes[depth - 1]
            node = last_node.children.get(tag)
            if node is None:
                node = trie.node(rules, last_node, tag)
            nodes.append(node)
            elems.append(element)
            last, last_node, last_depth = element, node, depth
            if marks is not None:  # ``enter``, inlined
                if node.marked_by is not marks:
                    node.mark, node.marked_by = marks(node.clark), marks
                if node.mark:
                    selected.append((element, node.mark))  # type: ignore[union-attr]
            if node.active:  # ``_Run.visit``, inlined; ``keys()`` only of an element with attributes
                run.names = names = node.names
                run.visit_element(element, node, names)
                if node.any_attrs and shape & 1:
                    run.visit_attributes(node, element.keys())
            elif node.any_attrs and shape & 1:
                run.names = node.names
                run.visit_attributes(node, element.keys())
        if empty is not None:
            self.leaf(last, texts.get(last) if texts else None)
        del elems[base:]

    def finish(self) -> list[Finding]:
        return self.run.finish()
