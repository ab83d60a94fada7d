"""Every model declared anywhere in helpers/, found by looking, so a new model is tested without a list."""

import importlib
import pkgutil

import helpers
import pytest

from helpers import charts
from helpers.charts.view import View
from helpers.params import Model


def _discover():
    found = {}
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, Model):
                found[id(obj)] = obj
    return sorted(found.values(), key=lambda m: m.name)


ALL_MODELS = _discover()
assert ALL_MODELS, "no Model found in helpers/"


def _views():
    """Every View declared in helpers/charts, found by looking, paired with the model it says it draws."""
    views = {}
    for info in pkgutil.iter_modules(charts.__path__):
        module = importlib.import_module(f"helpers.charts.{info.name}")
        for name, obj in vars(module).items():
            if isinstance(obj, View):
                views[f"{info.name}.{name}"] = obj
    pairs = [pytest.param(view, view.model, id=vname) for vname, view in sorted(views.items())]
    return views, pairs


VIEWS, VIEW_MODEL_PAIRS = _views()
