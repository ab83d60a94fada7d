"""Every model declared anywhere in helpers/, found by looking, so a new model is tested without a list."""

import importlib
import pkgutil

import helpers
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
