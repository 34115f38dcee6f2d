"""The few Cython pure-Python-mode decorators the validator's modules use, as no-ops: what ``import cython`` gives
them when Cython (the optional "accel" extra) is not installed. Compiled, Cython reads the decorators itself (type
declarations for the optional compiled build, see ``accel``); run as Python they change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_F = TypeVar("_F", bound=Callable[..., Any])

compiled = False  # Cython's flag: this module runs as Python


def locals(**_types: object) -> Callable[[_F], _F]:  # Cython's name (shadows the builtin here only)
    """``@cython.locals(name=type, ...)``: declares the types of a function's locals for the compiled build."""

    def keep(function: _F) -> _F:
        return function

    return keep
