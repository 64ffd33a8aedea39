"""The public surface: `__all__` of `betterstack.uptime` and of `betterstack.uptime.objects`.

Both lists must be sorted, free of duplicates, importable, and complete: a public name that a
module defines or imports for its users, or a class that a resource module defines, is exported.
"""

from __future__ import annotations
import __future__

import importlib
import inspect
import pkgutil
import types
from typing import Any

import pytest

import betterstack.uptime
import betterstack.uptime.objects
from betterstack.uptime import BaseAPIObject, BetterStackError

PACKAGES = [betterstack.uptime, betterstack.uptime.objects]


def public_names(module: types.ModuleType) -> set[str]:
    """Public names in a package's namespace, leaving out submodules and `__future__` flags."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and not isinstance(value, __future__._Feature)
    }


def submodules(package: types.ModuleType) -> list[types.ModuleType]:
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if not info.ispkg
    ]


def defined_classes(module: types.ModuleType) -> dict[str, type[Any]]:
    """Public classes a module defines itself (not those it imports)."""
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module.__name__ and not name.startswith("_")
    }


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_all_is_sorted_without_duplicates(package: types.ModuleType) -> None:
    exported = list(package.__all__)
    assert exported == sorted(exported)
    assert len(exported) == len(set(exported))


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_every_exported_name_exists(package: types.ModuleType) -> None:
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert missing == []


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_every_public_name_is_exported(package: types.ModuleType) -> None:
    assert public_names(package) - set(package.__all__) == set()


@pytest.mark.parametrize("package", PACKAGES, ids=lambda package: package.__name__)
def test_star_import_gives_exactly_all(package: types.ModuleType) -> None:
    namespace: dict[str, Any] = {}
    exec(f"from {package.__name__} import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(package.__all__)


def test_every_class_of_every_resource_module_is_exported() -> None:
    objects = betterstack.uptime.objects
    defined = {name for module in submodules(objects) for name in defined_classes(module)}
    assert defined - set(objects.__all__) == set()


def test_objects_exports_only_classes_of_its_resource_modules() -> None:
    objects = betterstack.uptime.objects
    for name in objects.__all__:
        value = getattr(objects, name)
        assert inspect.isclass(value), name
        assert value.__module__.startswith("betterstack.uptime.objects."), name


def test_every_api_object_class_has_a_docstring() -> None:
    objects = betterstack.uptime.objects
    undocumented = [
        name
        for name in objects.__all__
        if issubclass(getattr(objects, name), BaseAPIObject) and not inspect.getdoc(getattr(objects, name))
    ]
    assert undocumented == []


def test_every_error_class_is_exported_from_the_package() -> None:
    errors = {
        name
        for module in submodules(betterstack.uptime)
        for name, value in defined_classes(module).items()
        if issubclass(value, BetterStackError)
    }
    assert errors - set(betterstack.uptime.__all__) == set()
    assert "BetterStackError" in errors
