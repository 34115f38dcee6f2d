"""E-invoice understanding: safe XML parsing, syntax/scenario detection, EN 16931 / XRechnung rules."""

from . import accel as _accel

__path__[:0] = _accel.search_path(__name__)  # the compiled modules, when a current build exists (see accel)
