"""Objects of the invoice model's frozen dataclasses, made without their generated ``__init__``.

A frozen dataclass sets each field through ``object.__setattr__`` (its own ``__setattr__`` refuses), some 2,000
instructions per field; an invoice line has 25 fields, and building the model cost more than reading its terms.
``maker(cls)`` gives a function that takes the same arguments as ``cls`` and fills the slots through their
descriptors (what ``object.__setattr__`` ends in), with the same defaults: the result is an ordinary ``cls``
instance, equal to and indistinguishable from ``cls(...)`` (``tests/unit/test_einvoice_modelmake.py``).
Classes this cannot stand in for (a ``__post_init__``, a field outside ``__init__``, no slots) get ``cls``, and so
does every class where this module runs as Python: interpreted, the loop below costs as much as the generated
``__init__`` (it pays in the compiled build, see ``accel``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import MemberDescriptorType
from typing import Any, TypeVar

try:
    import cython  # ``cython.compiled``: True in the compiled build only
except ImportError:  # Cython (the "accel" extra) is not installed: this module runs as Python
    from workflow.einvoice import _cython as cython  # type: ignore[no-redef]

from workflow.einvoice.treeops import set_slots

T = TypeVar("T")

_REQUIRED = object()  # a field without default


def maker(cls: type[T]) -> Callable[..., T]:
    """A function equal to ``cls(*args, **kwargs)`` for a frozen dataclass with slots in the compiled build
    (else ``cls`` itself)."""
    return slot_maker(cls) if cython.compiled else cls


def slot_maker(cls: type[T]) -> Callable[..., T]:
    """``maker`` whether compiled or not (the tests compare its objects with ``cls``'s in both builds)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return cls
    fields = dataclasses.fields(cls)
    slots = [cls.__dict__.get(f.name) for f in fields]
    if any(not f.init or not isinstance(slot, MemberDescriptorType) for f, slot in zip(fields, slots)):
        return cls
    names = tuple(f.name for f in fields)
    defaults = tuple(
        f.default if f.default is not dataclasses.MISSING else _REQUIRED for f in fields
    )
    factories = tuple(f.default_factory if f.default_factory is not dataclasses.MISSING else None for f in fields)
    descriptors = tuple(slots)
    count = len(names)
    new = object.__new__

    def make(*args: Any, **kwargs: Any) -> T:
        given = len(args)
        if given > count:
            raise TypeError(f"{cls.__name__}() takes {count} arguments, {given} given")
        values = list(args)
        for i in range(given, count):
            value = kwargs.pop(names[i], _REQUIRED) if kwargs else _REQUIRED
            if value is _REQUIRED:
                value = defaults[i]
                if value is _REQUIRED:
                    factory = factories[i]
                    if factory is None:
                        raise TypeError(f"{cls.__name__}() missing argument {names[i]!r}")
                    value = factory()
            values.append(value)
        if kwargs:
            wrong = [n for n in names[:given] if n in kwargs]
            if wrong:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {wrong[0]!r}")
            raise TypeError(f"{cls.__name__}() got unexpected arguments {sorted(kwargs)}")
        made = new(cls)
        set_slots(made, descriptors, values)  # each slot's own setter, as object.__setattr__ ends in
        return made

    make.__name__ = make.__qualname__ = cls.__name__
    make.__doc__ = cls.__doc__
    return make
