# Cython declarations for extract.py (used only by the optional compiled build, see workflow/einvoice/accel.py):
# the model's term reads as direct calls of the engine's typed nodes. The .py stays plain Python; these
# declarations change no behaviour (None stays allowed wherever a node or document type is named).
# Functions declared cpdef here hold list comprehensions where they had generator expressions: Cython compiles
# no closure into a cpdef function (same values; a list comprehension is no slower in Python).
cimport cython

from workflow.einvoice.rules.paths cimport norm, text_of

from workflow.einvoice.rules.engine cimport Document, Node


cpdef _s(Node n, term)
cpdef _d(Node n, term)
cpdef _date(Node n, term)
cpdef _ident(Node n, term)
cpdef tuple _idents(Node n, term, attr=*)
cpdef _address(Node n)
@cython.locals(n=Node, contact=Node)
cpdef _party(Document doc, group)
cpdef _ac(Node n, is_charge)
@cython.locals(x=Node)
cpdef tuple _acs(nodes_allow, nodes_charge)
@cython.locals(m=Node, pm=Node, ct=Node, top=Node, card_node=Node)
cpdef _payment(Document doc)
cpdef _attachment(Node n)
@cython.locals(period=Node, a=Node)
cpdef _line(Node n)
@cython.locals(n=Node)
cpdef tuple _notes(Document doc)
@cython.locals(top=Node, totals=Node, delivery=Node, period=Node, payee=Node, taxrep=Node, p=Node, v=Node)
cpdef invoice_from_document(Document doc, source)
