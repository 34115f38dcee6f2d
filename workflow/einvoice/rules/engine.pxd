# Cython declarations for engine.py (used only by the optional compiled build, see workflow/einvoice/accel.py):
# the document and its context nodes as extension types with typed fields, their term reads callable from C.
# The .py stays plain Python; these declarations change no behaviour (attributes typed only where the module
# only ever stores that type; None stays allowed wherever a type is named).
cimport cython

from workflow.einvoice.rules.paths cimport norm, text_of


@cython.final
cdef class Document:
    cdef public str syntax, doc_type, profile
    cdef public object root, table, ns, paths, empty_elements, code_candidates
    cdef public dict _nodes, memo, index, texts, decoded

    cpdef list nodes(self, group)


@cython.final
cdef class Node:
    cdef public Document doc
    cdef public str group
    cdef public object el
    cdef public dict _paths, _cache, _text, _dec, _index, _kids

    cpdef vals(self, term)
    cpdef bint has(self, term) except -1
    cpdef bint filled(self, term) except -1
    cpdef text(self, term)
    cpdef list texts(self, term)
    cpdef list raw(self, term)
    cpdef dec(self, term)
    cpdef list children(self, group)
