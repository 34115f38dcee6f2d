"""Semantic rule layers: BR-*, BR-CO-*, BR-CL-*, BR-<VAT category>-*, BR-DEC-*, BR-DE-*, BR-DEX-*, PEPPOL.

Rules are declared as data (``Rule`` entries: id, context group, check over business terms) in the ``*_rules``
modules; ``bindings`` maps business terms to element paths per syntax; ``engine`` evaluates them.
"""

from .. import accel as _accel

__path__[:0] = _accel.search_path(__name__)  # the compiled modules, when a current build exists (see accel)
