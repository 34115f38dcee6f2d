# cython: language_level=3
"""``treeops`` compiled: the same functions as ``treeops.py`` on libxml2's nodes (lxml's C API).

Built by ``accel`` in place of ``treeops.py`` (with lxml's include folders); without a current build the
Python module runs. The child walks follow ``children``/``next`` and compare a node's name and namespace
with the tag's UTF-8 bytes: no matcher object, no tag string per child, a proxy only for what is returned
(lxml's own, via ``elementFactory``: the object ``iterchildren`` would give). What the C path does not
handle as lxml does (a tag without ``{...}``, a non-element) goes to lxml's own calls.
"""

import binascii

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.object cimport Py_TYPE
from libc.string cimport strcmp

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree

cetree.import_lxml__etree()

COMPILED = True

cdef extern from "Python.h":
    void* PyUnicode_DATA(object)
    bint PyUnicode_IS_ASCII(object)


# tag -> (namespace URI as UTF-8 bytes, or None for "{*}"; local name as UTF-8 bytes); None: lxml decides
cdef dict _TAGS = {}


cdef object _parsed(str tag):
    found = _TAGS.get(tag)
    if found is None and tag not in _TAGS:
        if tag.startswith("{") and "}" in tag:
            uri, _, local = tag[1:].partition("}")
            if uri and local and local != "*":  # "{}x" (no namespace) and wildcards: lxml's matcher
                found = (None if uri == "*" else uri.encode("utf-8"), local.encode("utf-8"))
        if len(_TAGS) < 4096:  # tags come from our declarations; bound what callers add
            _TAGS[tag] = found
    return found


cdef inline bint _matches(tree.xmlNode* c_node, const char* href, const char* name) noexcept:
    if c_node.type != tree.XML_ELEMENT_NODE or strcmp(<const char*>c_node.name, name) != 0:
        return False
    if href is NULL:
        return True
    return c_node.ns is not NULL and c_node.ns.href is not NULL and strcmp(<const char*>c_node.ns.href, href) == 0


cpdef list children(element, str tag):
    """The child elements with this tag, in document order (``list(element.iterchildren(tag))``)."""
    cdef cetree._Element el
    cdef tree.xmlNode* c_node
    cdef const char* href
    parsed = _parsed(tag)
    if parsed is None or not isinstance(element, cetree._Element):
        return list(element.iterchildren(tag))
    el = <cetree._Element>element
    uri, local = parsed
    href = NULL if uri is None else PyBytes_AS_STRING(uri)
    found = []
    c_node = el._c_node.children
    while c_node is not NULL:
        if _matches(c_node, href, PyBytes_AS_STRING(local)):
            found.append(cetree.elementFactory(el._doc, c_node))
        c_node = c_node.next
    return found


cpdef first_child(element, str tag):
    """The first child element with this tag, or None (``next(element.iterchildren(tag), None)``)."""
    cdef cetree._Element el
    cdef tree.xmlNode* c_node
    cdef const char* href
    parsed = _parsed(tag)
    if parsed is None or not isinstance(element, cetree._Element):
        return next(element.iterchildren(tag), None)
    el = <cetree._Element>element
    uri, local = parsed
    href = NULL if uri is None else PyBytes_AS_STRING(uri)
    c_node = el._c_node.children
    while c_node is not NULL:
        if _matches(c_node, href, PyBytes_AS_STRING(local)):
            return cetree.elementFactory(el._doc, c_node)
        c_node = c_node.next
    return None


cdef bint _chain_below(tree.xmlNode* c_parent, list steps, Py_ssize_t at) except -1:
    cdef tree.xmlNode* c_node = c_parent.children
    cdef const char* href
    cdef const char* name
    uri, local = steps[at]
    href = NULL if uri is None else PyBytes_AS_STRING(uri)
    name = PyBytes_AS_STRING(local)
    last = at == len(steps) - 1
    while c_node is not NULL:
        if _matches(c_node, href, name):
            if last or _chain_below(c_node, steps, at + 1):
                return True
        c_node = c_node.next
    return False


def has_chain(element, chain, Py_ssize_t at=0):
    """Some path of child elements with the tags ``chain[at:]``, one per step, exists below ``element``."""
    cdef list steps = []
    for tag in chain[at:]:
        parsed = _parsed(tag)
        if parsed is None:
            steps = None
            break
        steps.append(parsed)
    if steps is None or not steps or not isinstance(element, cetree._Element):
        return _python_chain(element, chain, at)
    return _chain_below((<cetree._Element>element)._c_node, steps, 0)


def _python_chain(element, chain, Py_ssize_t at):
    tag = chain[at]
    if at == len(chain) - 1:
        for _ in element.iterchildren(tag):
            return True
        return False
    for child in element.iterchildren(tag):
        if _python_chain(child, chain, at + 1):
            return True
    return False


# base64: the value of each alphabet byte, 0x80 for every other byte (padding included)
cdef unsigned char _B64[256]


cdef void _fill_table() noexcept:
    cdef int i
    cdef bytes alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    for i in range(256):
        _B64[i] = 0x80
    for i in range(64):
        _B64[<unsigned char>alphabet[i]] = i


_fill_table()


def strict_base64(str value):
    """The bytes of a value written without whitespace (``binascii.a2b_base64`` in strict mode), None where that
    raises or the value is not ASCII.

    Decoded here four characters at a time when the value is whole groups of alphabet characters with padding
    only in the last group (every attachment); anything else goes to ``binascii`` (same verdicts, same bytes:
    the tests compare both)."""
    cdef Py_ssize_t n, groups, i, pad, size
    cdef const unsigned char* src
    cdef unsigned char* dst
    cdef unsigned int a, b, c, d
    if not PyUnicode_IS_ASCII(value):
        return None
    n = len(value)
    if n == 0 or n % 4:
        return _binascii(value)
    src = <const unsigned char*>PyUnicode_DATA(value)  # ASCII: one byte per character
    pad = 2 if src[n - 2] == b'=' and src[n - 1] == b'=' else 1 if src[n - 1] == b'=' else 0
    groups = n // 4
    size = groups * 3 - pad
    out = PyBytes_FromStringAndSize(NULL, size)
    dst = <unsigned char*>PyBytes_AS_STRING(out)
    for i in range(groups - 1):  # the whole groups before the last
        a = _B64[src[0]]
        b = _B64[src[1]]
        c = _B64[src[2]]
        d = _B64[src[3]]
        if (a | b | c | d) & 0x80:
            return _binascii(value)
        dst[0] = <unsigned char>((a << 2) | (b >> 4))
        dst[1] = <unsigned char>(((b & 0x0F) << 4) | (c >> 2))
        dst[2] = <unsigned char>(((c & 0x03) << 6) | d)
        src += 4
        dst += 3
    a = _B64[src[0]]
    b = _B64[src[1]]
    c = _B64[src[2]] if pad < 2 else 0
    d = _B64[src[3]] if pad < 1 else 0
    if (a | b | c | d) & 0x80:
        return _binascii(value)
    dst[0] = <unsigned char>((a << 2) | (b >> 4))
    if pad < 2:
        dst[1] = <unsigned char>(((b & 0x0F) << 4) | (c >> 2))
    if pad < 1:
        dst[2] = <unsigned char>(((c & 0x03) << 6) | d)
    return out


def _binascii(str value):
    try:
        return binascii.a2b_base64(value, strict_mode=True)
    except binascii.Error:
        return None


# ---- the walk over all descendants -------------------------------------------------------------------------
# Clark name of an element, per node name: libxml2 interns element names in the parser's dictionary, so the
# same name comes as the same pointer across documents; a table keyed by that pointer gives the tag string
# without building one. Two slots per pointer (a name may come in two namespaces, cbc:ID and ext:ID); each
# keeps copies of the name and namespace it was made for and is checked against both (a pointer may come back
# for another name once a dictionary is freed).
DEF _SLOTS = 4096
cdef const void* _slot_name[_SLOTS]
cdef list _slot_entry = [None] * _SLOTS  # (name bytes, namespace bytes or None, Clark name)
cdef dict _CLARK_BY_TEXT = {}  # (namespace, name) -> Clark name: one str object per tag across documents


cdef inline tree.xmlNode* _element_from(tree.xmlNode* c_node) noexcept:
    while c_node is not NULL and c_node.type != tree.XML_ELEMENT_NODE:
        c_node = c_node.next
    return c_node


cdef inline bint _same_entry(object entry, const char* name, const char* href):
    # checked by content: another thread may have refilled the slot in between (the GIL keeps each step whole)
    if entry is None:
        return False
    cdef tuple found = <tuple>entry
    if strcmp(PyBytes_AS_STRING(<bytes>found[0]), name) != 0:
        return False
    if href is NULL:
        return found[1] is None
    return found[1] is not None and strcmp(PyBytes_AS_STRING(<bytes>found[1]), href) == 0


cdef str _clark(tree.xmlNode* c_node):
    # Fibonacci hashing of the pointer: interned names lie a few bytes apart, their low bits alone collide
    cdef size_t slot = ((<size_t>c_node.name * <size_t>11400714819323198485ULL) >> 52) & (_SLOTS - 2)
    cdef const char* href = NULL
    cdef const char* name = <const char*>c_node.name
    if c_node.ns is not NULL:
        href = <const char*>c_node.ns.href  # lxml's tag: "{href}name" when the node has a namespace
    entry = _slot_entry[slot]
    if _slot_name[slot] == <const void*>name and _same_entry(entry, name, href):
        return <str>(<tuple>entry)[2]
    entry = _slot_entry[slot + 1]
    if _slot_name[slot + 1] == <const void*>name and _same_entry(entry, name, href):
        return <str>(<tuple>entry)[2]
    name_bytes = <bytes>name
    href_bytes = None if href is NULL else <bytes>href
    key = (href_bytes, name_bytes)
    clark = _CLARK_BY_TEXT.get(key)
    if clark is None:
        local = name_bytes.decode("utf-8")
        clark = local if href_bytes is None else "{" + href_bytes.decode("utf-8") + "}" + local
        if len(_CLARK_BY_TEXT) < 16384:  # names come from the documents: bound what they add
            _CLARK_BY_TEXT[key] = clark
    if _slot_name[slot] == <const void*>name:  # the first slot holds this name in another namespace
        slot += 1
    entry = (name_bytes, href_bytes, clark)
    _slot_entry[slot] = entry  # the entry before the pointer: a reader checks the entry's content anyway
    _slot_name[slot] = <const void*>name
    return clark


def indexed_descendants(cetree._Element top not None, dict index):
    """The elements below ``top`` in document order as three lists: the elements, their tags and their shapes
    (depth below ``top`` times two, plus one if the element has attributes); ``index`` receives each element's
    child elements by tag, in document order, for every element with child elements (``top`` included)."""
    cdef cetree._Element el
    cdef tree.xmlNode* c_top
    cdef tree.xmlNode* c_node
    cdef tree.xmlNode* c_next
    cdef Py_ssize_t depth = 1
    cdef list elements = [], tags = [], shapes = []
    cdef list parents, kid_maps, same
    cdef dict kids
    el = top
    doc = el._doc
    c_top = el._c_node
    parents = [top]  # parents[d - 1]: the parent of the elements at depth d on the current path
    kid_maps = [None]  # kid_maps[d - 1]: its child map (None until its first child)
    c_node = _element_from(c_top.children)
    while c_node is not NULL:
        element = cetree.elementFactory(doc, c_node)  # lxml's proxy: the object iter() would give
        tag = _clark(c_node)
        elements.append(element)
        tags.append(tag)
        shapes.append(depth * 2 + (c_node.properties is not NULL))
        found = kid_maps[depth - 1]
        if found is None:
            kids = {}
            kid_maps[depth - 1] = kids
            index[parents[depth - 1]] = kids
        else:
            kids = <dict>found
        listed = kids.get(tag)
        if listed is None:
            kids[tag] = [element]
        else:
            (<list>listed).append(element)
        c_next = _element_from(c_node.children)
        if c_next is not NULL:  # down to the first child element
            depth += 1
            if len(parents) < depth:
                parents.append(element)
                kid_maps.append(None)
            else:
                parents[depth - 1] = element
                kid_maps[depth - 1] = None
            c_node = c_next
            continue
        while True:  # on to the next sibling element, else up (never above ``top``)
            c_next = _element_from(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            depth -= 1
            if depth == 0:
                c_node = NULL
                break
            c_node = c_node.parent
    return elements, tags, shapes


# ---- shape and text checks ---------------------------------------------------------------------------------


cdef inline tree.xmlNode* _following(tree.xmlNode* c_node, tree.xmlNode* c_top, Py_ssize_t* depth) noexcept:
    """The element after ``c_node`` in document order within ``c_top``'s subtree (NULL after its last one);
    ``depth`` follows the steps down (+1) and back up (-1)."""
    cdef tree.xmlNode* c_next = _element_from(c_node.children)
    if c_next is not NULL:
        depth[0] += 1
        return c_next
    while c_node is not c_top:
        c_next = _element_from(c_node.next)
        if c_next is not NULL:
            return c_next
        depth[0] -= 1
        c_node = c_node.parent
    return NULL


def deeper_than(root, Py_ssize_t levels):
    """Some element of ``root``'s document lies more than ``levels`` levels deep (the root element is level 1;
    the XPath ``boolean(/*/*/...)`` with ``levels + 1`` steps), found on one walk over the element nodes."""
    cdef cetree._Element el = root
    # the document's root element (libxml2's own functions are not ours to call: lxml keeps them to itself)
    cdef tree.xmlNode* c_top = _element_from(el._c_node.doc.children)
    cdef tree.xmlNode* c_node = c_top
    cdef Py_ssize_t depth = 1
    while c_node is not NULL:
        if depth > levels:
            return True
        c_node = _following(c_node, c_top, &depth)
    return False


cpdef bint normalized(str text):
    """``text`` is as XPath's normalize-space (and ``str.split``) leave it: no character below U+0021 but single
    spaces between others. A quick test (True: nothing to do); False also for texts that merely need a look."""
    cdef Py_UCS4 ch
    cdef Py_UCS4 previous = 32
    for ch in text:
        if ch <= 32:
            if ch != 32 or previous == 32:
                return False
        previous = ch
    return previous != 32


def with_attribute(root, str name):
    """The elements of ``root``'s document carrying the attribute ``name`` (no namespace), in document order
    (the XPath ``/descendant::*/@name/..``), found on one walk over the element nodes and their attributes."""
    cdef cetree._Element el = root
    cdef tree.xmlNode* c_top = _element_from(el._c_node.doc.children)
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlAttr* c_attr
    cdef Py_ssize_t depth = 1
    cdef bytes wanted = name.encode("utf-8")
    cdef const char* c_name = PyBytes_AS_STRING(wanted)
    cdef list found = []
    doc = el._doc
    while c_node is not NULL:
        c_attr = c_node.properties
        while c_attr is not NULL:
            if c_attr.ns is NULL and strcmp(<const char*>c_attr.name, c_name) == 0:
                found.append(cetree.elementFactory(doc, c_node))
                break
            c_attr = c_attr.next
        c_node = _following(c_node, c_top, &depth)
    return found


def set_slots(made, tuple slots, list values):
    """Each slot descriptor of ``slots`` set on ``made`` to the value at its place in ``values`` (what
    ``slot.__set__(made, value)`` does, as a direct call of the descriptor's setter)."""
    cdef Py_ssize_t i
    if len(values) != len(slots):
        raise ValueError("one value per slot")
    for i in range(len(slots)):
        slot = slots[i]
        Py_TYPE(slot).tp_descr_set(slot, made, values[i])


def blank_leaf(element):
    """For an element without child elements: True if its string value (its text nodes and CDATA sections,
    comments and processing instructions between them left out) is XML whitespace only, else False; None where
    it holds another kind of node (the caller reads the text itself)."""
    cdef cetree._Element el = element
    cdef tree.xmlNode* c_node = el._c_node.children
    cdef const unsigned char* c
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            c = <const unsigned char*>c_node.content
            if c is not NULL:
                while c[0] != 0:
                    if c[0] != 32 and c[0] != 9 and c[0] != 10 and c[0] != 13:
                        return False
                    c += 1
        elif c_node.type != tree.XML_COMMENT_NODE and c_node.type != tree.XML_PI_NODE:
            return None
        c_node = c_node.next
    return True
