# Cython declarations for schema_check.py (used only by the optional compiled build, see
# workflow/einvoice/accel.py): the checker's state typed, the syntax walk's steps inlined in the aggregate walk as
# direct calls of its typed objects. The .py stays plain Python; these declarations change no behaviour (None
# stays allowed wherever a type is named).
# Functions declared cpdef here hold list comprehensions where they had generator expressions: Cython compiles
# no closure into a cpdef function (same values; a list comprehension is no slower in Python).
cimport cython

from workflow.einvoice.structure.evaluate cimport SyntaxWalk, _PathNode, _Run


@cython.final
cdef class _Checker:
    cdef public object model, basic_namespaces, namespaces, simple_namespaces
    cdef public list errors
    cdef public dict index
    cdef public SyntaxWalk syntax

    @cython.locals(errors=list, kids=dict, same=list, syntax=SyntaxWalk, elems=list, paths=dict,
                   child_node=_PathNode, run=_Run, descended=Py_ssize_t, leaf=bint)
    cpdef check_aggregate(self, element, content, tuple place, _PathNode node)
