"""``workflow.einvoice.modelmake``: the objects its makers build are those the model's classes build."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date
from decimal import Decimal

import pytest

from schemas import invoice as model
from workflow.einvoice.modelmake import maker, slot_maker

_CLASSES = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


def _sample(field: dataclasses.Field, i: int) -> object:
    """A value for the field (the makers copy references: any object shows whether it lands in its slot)."""
    return (f"v{i}", Decimal(i), date(2026, 1, 1 + i % 28), (i,))[i % 4]


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_the_made_objects_equal_the_constructed_ones(cls: type) -> None:
    make = slot_maker(cls)
    fields = dataclasses.fields(cls)
    values = {f.name: _sample(f, i) for i, f in enumerate(fields)}
    required = {f.name: values[f.name] for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    for args, kwargs in (
        ((), values),  # by name
        (tuple(values.values()), {}),  # by position
        (tuple(values.values())[:2], dict(list(values.items())[2:])),  # both
        ((), required),  # the defaults and default factories
    ):
        made, built = make(*args, **kwargs), cls(*args, **kwargs)
        assert type(made) is cls
        assert made == built and repr(made) == repr(built) and hash(made) == hash(built)
        assert pickle.loads(pickle.dumps(made)) == built
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.__setattr__(fields[0].name, None)


def test_wrong_arguments_fail_as_the_constructor_does() -> None:
    make = slot_maker(model.Identifier)
    assert make("x") == model.Identifier("x")
    with pytest.raises(TypeError):
        make("x", None, "too many")
    with pytest.raises(TypeError):
        make("x", value="twice")
    with pytest.raises(TypeError):
        make(unknown="x")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Required:
        a: int
        b: tuple = dataclasses.field(default_factory=tuple)

    with pytest.raises(TypeError):
        slot_maker(Required)()  # no value for a field without default, as ``Required()``
    assert slot_maker(Required)(1) == Required(1) and slot_maker(Required)(1).b == ()


def test_classes_it_cannot_stand_in_for_are_constructed_as_they_are() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int = 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int = 0

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError

    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived:
        a: int = 0
        b: int = dataclasses.field(init=False, default=1)

    for cls in (NoSlots, Checked, Derived, int):
        assert slot_maker(cls) is cls and maker(cls) is cls


def test_interpreted_it_leaves_the_classes_alone() -> None:
    from workflow.einvoice import modelmake

    if modelmake.__file__.endswith(".py"):
        assert maker(model.InvoiceLine) is model.InvoiceLine
    else:  # compiled: the slot maker
        assert maker(model.InvoiceLine) is not model.InvoiceLine
