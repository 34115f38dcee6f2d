# Cython declarations for paths.py (used only by the optional compiled build, see workflow/einvoice/accel.py):
# the small text and index helpers callable from C by the engine and the model. The .py stays plain Python.
cimport cython


cpdef norm(text)
cpdef text_of(v)
@cython.locals(kids=dict, found=list)
cpdef dict child_index(el, dict index)
