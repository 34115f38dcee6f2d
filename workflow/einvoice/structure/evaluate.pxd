# Cython declarations for evaluate.py (used only by the optional compiled build, see workflow/einvoice/accel.py):
# the walk's state objects as extension types with typed fields, the hot methods callable from C, typed locals.
# The .py stays plain Python; these declarations change no behaviour (attributes typed only where the module
# only ever stores that type; None stays allowed wherever a type is named).
# Functions declared cpdef here hold list comprehensions where they had generator expressions: Cython compiles
# no closure into a cpdef function (same values; a list comprehension is no slower in Python).
cimport cython


@cython.final
cdef class _TagPlan:
    cdef public bint any_attrs, path_only
    cdef public dict attrs, by_parent
    cdef public tuple candidates
    cdef public object deep, static
    cdef public str name


@cython.final
cdef class _AttrPlan:
    cdef public object deep, entries
    cdef public str suffix


@cython.final
cdef class _PathNode:
    cdef public bint active, any_attrs, work
    cdef public dict attributes, children
    cdef public tuple clark, names, reached
    cdef public object handled, mark, marked_by
    cdef public str location
    cdef public _TagPlan plan


@cython.final
cdef class _PathTrie:
    cdef public dict roots
    cdef public Py_ssize_t size

    cpdef _PathNode node(self, rules, _PathNode parent, tag)


@cython.final
cdef class _Run:
    cdef public object rules, levels
    cdef public dict handled, counts
    cdef public list counted, findings, elems
    cdef public set fired
    cdef public tuple names

    cpdef fire(self, assertion, context, location)
    cpdef visit(self, element, _PathNode node)
    @cython.locals(elems=list, depth=Py_ssize_t, groups=tuple)
    cpdef visit_element(self, element, _PathNode node, tuple names)
    @cython.locals(depth=Py_ssize_t, known=tuple)
    cpdef visit_attributes(self, _PathNode node, keys)
    @cython.locals(handled=dict, elems=list, depths=tuple, context_depth=Py_ssize_t)
    cpdef reach_all(self, tuple reached, Py_ssize_t depth, suffix)
    @cython.locals(elems=list, start=Py_ssize_t, i=Py_ssize_t)
    cpdef bint _predicates_hold(self, tuple steps, Py_ssize_t last) except -1
    cpdef hit(self, entry, context, Py_ssize_t last, attr)
    @cython.locals(counts=dict)
    cpdef list finish(self)


@cython.final
cdef class SyntaxWalk:
    cdef public object rules, empty, marks, selected
    cdef public _Run run
    cdef public _PathTrie trie
    cdef public list elems

    cpdef _PathNode start(self, root)
    cpdef _PathNode node(self, _PathNode parent, tag)
    cpdef enter(self, element, _PathNode node)
    cpdef leaf(self, element, text)
    @cython.locals(elems=list, base=Py_ssize_t, nodes=list, trie=_PathTrie, run=_Run, node=_PathNode,
                   last_node=_PathNode)
    cpdef subtree(self, top, _PathNode top_node)
    @cython.locals(elems=list, base=Py_ssize_t, nodes=list, trie=_PathTrie, run=_Run, node=_PathNode,
                   last_node=_PathNode, last_kids=dict, same=list)
    cpdef _indexed_subtree(self, top, _PathNode top_node, dict index, texts)
    @cython.locals(elems=list, base=Py_ssize_t, nodes=list, trie=_PathTrie, run=_Run, node=_PathNode,
                   last_node=_PathNode, elements=list, tags=list, shapes=list, i=Py_ssize_t, shape=Py_ssize_t,
                   depth=Py_ssize_t, last_depth=Py_ssize_t)
    cpdef _listed_subtree(self, top, _PathNode top_node, dict index, texts)
    cpdef list finish(self)
