"""Named model parameters, declared once, and the input checks every model uses.

A :class:`Param` says what an input means (label, unit), where its default comes from (a row of
``data/facts.csv``), what a student may try (slider bounds and step) and — through its fact — what is
plausible (the low–high range that sensitivity analysis and Monte Carlo use). The two ranges are kept
apart on purpose: a student may push a slider past the plausible range to see what breaks, but never
into an impossible state (a negative audience, a share above 1).

A :class:`Model` ties a pure function to its parameters, so panels, scenarios and checks can be built from
the declarations alone.
"""

from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping

import numpy as np

from . import data

# ---------------------------------------------------------------------------------------------- checks


def _is_number_like(x) -> bool:
    return isinstance(x, (numbers.Real, np.ndarray, np.generic)) and not isinstance(x, (bool, np.bool_))


def check_number(name: str, x, *, low: float | None = None, high: float | None = None, unit: str = ""):
    """Return ``x`` as a float (or float array) if it is a finite number within [low, high].

    Raises TypeError for non-numbers and ValueError, naming the parameter, the value and the allowed
    range, for NaN, infinities and values out of range: ``ad_load must be between 0 and 1, got 1.4``.
    """
    if isinstance(x, (list, tuple)):
        x = np.asarray(x)
    if not _is_number_like(x):
        raise TypeError(f"{name} must be a number, got {x!r} ({type(x).__name__})")
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a number, got an array of {arr.dtype}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    arr = arr.astype(float)
    units = f" {unit}" if unit and unit != "share" else ""
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} must be a finite number, got {arr[bad].flat[0]}")
    if low is not None and high is not None:
        out = (arr < low) | (arr > high)
        if out.any():
            raise ValueError(f"{name} must be between {_fmt(low)} and {_fmt(high)}{units}, got {_fmt(arr[out].flat[0])}")
    elif low is not None and (arr < low).any():
        raise ValueError(f"{name} must be at least {_fmt(low)}{units}, got {_fmt(arr[arr < low].flat[0])}")
    elif high is not None and (arr > high).any():
        raise ValueError(f"{name} must be at most {_fmt(high)}{units}, got {_fmt(arr[arr > high].flat[0])}")
    return float(arr) if arr.ndim == 0 else arr


def _fmt(x: float) -> str:
    """A number as a student would write it: 1000000 -> '1,000,000', 0.25 -> '0.25'."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return f"{x:,.0f}"
    return f"{x:g}"


def check_share(name: str, x):
    """A fraction between 0 and 1."""
    return check_number(name, x, low=0.0, high=1.0)


def check_shares_sum(names_values: Mapping[str, object], *, at_most: float = 1.0) -> None:
    """Shares that split one whole must not add up to more than ``at_most``."""
    total = sum(np.asarray(v, dtype=float) for v in names_values.values())
    if np.any(total > at_most + 1e-9):
        worst = float(np.max(total))
        raise ValueError(f"{' + '.join(names_values)} must add up to at most {at_most:g}, got {worst:.4g}")


def suggest(name: str, options) -> str:
    """'; did you mean 'x'?' for the closest valid name, or ''."""
    close = difflib.get_close_matches(str(name), list(options), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


# --------------------------------------------------------------------------------- writing a model


def divide(numerator, denominator, otherwise=0.0):
    """``numerator / denominator`` where the denominator is positive (and the quotient finite), else
    ``otherwise``: the one guarded division every model uses, so no model returns NaN or infinity for an
    empty market."""
    den = np.asarray(denominator, dtype=float)
    ok = den > 0
    with np.errstate(over="ignore"):
        quotient = np.asarray(numerator, dtype=float) / np.where(ok, den, 1.0)
    return np.where(ok & np.isfinite(quotient), quotient, otherwise)


def tidy(outputs: Mapping) -> dict:
    """A model's outputs with every single value as a plain float (arrays stay arrays)."""
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in outputs.items()}


class Inputs(Mapping):
    """A model's inputs as one read-only record: ``p.cpm_usd`` or ``p["cpm_usd"]``.

    A model function takes one record and reads the names it needs; a model built from others hands the
    same record down, so a new input of a part reaches the whole without a signature to edit.
    ``p.replace(ad_load=0.2)`` is a copy with some inputs changed (as ``NamedTuple._replace``)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping):
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, name):
        return self._values[name]

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no input {name!r} in this record{suggest(name, self._values)}") from None

    def __setattr__(self, name, value):
        raise AttributeError("a model's inputs are read-only: use p.replace(name=value) for a changed copy")

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def replace(self, **changes) -> Inputs:
        return Inputs(self._values | changes)

    def __repr__(self):
        return f"Inputs({', '.join(f'{k}={v!r}' for k, v in self._values.items())})"


# ------------------------------------------------------------------------------------------ declarations


@dataclass(frozen=True)
class Param:
    """One model input.

    ``fact`` names the row of data/facts.csv that gives the default and the plausible range; a parameter
    without a fact must give ``default`` and ``plausible`` itself (for pure choices such as a budget).
    ``min``/``max``/``step`` bound the slider: what a student may try.

    ``follows`` names another input measured by the same fact, of which this one is the observed
    reference point (the ad load at which minutes were measured ``follows`` the ad load). A student's
    slider moves the other input alone; analysis of uncertainty (tornado, Monte Carlo) moves both
    together, because not knowing today's value is not the same as changing it.

    ``event`` marks an input that stands for something that may or may not happen (a ban, a fine, a
    downturn, a privacy clamp-down) rather than a number we are unsure of: analysis of what we do not
    know leaves it at its base; notebook 08 draws the events themselves, each once.
    """

    name: str
    label: str
    unit: str
    min: float
    max: float
    step: float
    fact: str | None = None
    default: float | None = None
    plausible: tuple[float, float] | None = None
    fmt: str = "{:,.2f}"
    follows: str | None = None
    event: bool = False

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"Param name must be a Python identifier, got {self.name!r}")
        if not (math.isfinite(self.min) and math.isfinite(self.max) and self.min < self.max):
            raise ValueError(f"{self.name}: slider bounds must be finite with min < max, got {self.min}..{self.max}")
        if not 0 < self.step <= self.max - self.min:
            raise ValueError(f"{self.name}: step must be positive and fit the range, got {self.step}")
        if self.fact is None and (self.default is None or self.plausible is None):
            raise ValueError(f"{self.name}: give either a fact id or both default and plausible")
        if self.unit not in data.UNITS:
            raise ValueError(f"{self.name}: unknown unit {self.unit!r}{suggest(self.unit, data.UNITS)}")

    # Defaults and ranges come from data lazily, so importing a model reads no file.
    @property
    def base(self) -> float:
        """The base-case value: the fact's value, or the declared default."""
        if self.default is not None:
            return float(self.default)
        return self._fact().value

    def _fact(self):
        """The data row behind this parameter, refused if its unit is not the declared one."""
        f = data.fact(self.fact)
        if f.unit != self.unit:
            row = data.facts_table().loc[self.fact]
            raise data.DataError(row["file"], int(row["row"]), "unit",
                                 f"{self.name} is declared in {self.unit!r} but the data gives {f.unit!r}", self.fact)
        return f

    @property
    def range(self) -> tuple[float, float]:
        """The plausible (low, high) range: the fact's, or the declared one."""
        if self.plausible is not None:
            return (float(self.plausible[0]), float(self.plausible[1]))
        f = self._fact()
        return (f.low, f.high)

    @property
    def source_ids(self) -> list[str]:
        return data.fact_sources([self.fact]) if self.fact else ["course"]

    def check(self, x):
        """Validate a value against the slider bounds (what the model accepts)."""
        return check_number(self.name, x, low=self.min, high=self.max, unit=self.unit)

    def format(self, x: float) -> str:
        """A value as the slider shows it (to its step's precision)."""
        return self.fmt.format(x)

    def text(self, x: float) -> str:
        """A value as a reader reads it in a table, exactly as the fact tables write the same quantity: money to two
        figures ('$0 to $200B', prices to the cent), a share as a percentage ('5%'), a number to three figures."""
        return data.format_value(x, self.unit)

    def snap(self, x: float) -> float:
        """The nearest value a slider can show: on the step grid, inside the bounds."""
        n = round((x - self.min) / self.step)
        return float(min(self.max, max(self.min, self.min + n * self.step)))


@dataclass(frozen=True)
class SumAtMost:
    """A linked limit: these parameters are shares of one whole and must not add up to more than ``limit``."""

    names: tuple[str, ...]
    limit: float = 1.0

    def check(self, values: Mapping[str, object]) -> None:
        check_shares_sum({n: values[n] for n in self.names}, at_most=self.limit)


@dataclass(frozen=True)
class Model:
    """A pure function of one record of named inputs that returns a dict of named outputs.

    ``func(p)`` takes an :class:`Inputs` record and reads the names it needs. ``parts`` are the models it
    is built from: their inputs and linked limits become this model's too, so analysis of the whole
    varies every input of the parts. A name declared twice must be the same declaration.
    ``model(**changes)`` fills every other input with its base value, validates all inputs (types,
    slider bounds, linked limits) and returns the outputs. Arrays are accepted, so one call can evaluate
    thousands of scenarios.
    """

    name: str
    func: Callable[[Inputs], Mapping]
    params: tuple[Param, ...] = ()
    constraints: tuple[SumAtMost, ...] = ()
    outputs: Mapping[str, str] = field(default_factory=dict)  # output name -> unit
    parts: tuple[Model, ...] = ()

    def __post_init__(self):
        own = [p.name for p in self.params]
        if len(set(own)) != len(own):
            raise ValueError(f"{self.name}: duplicate parameter names in {own}")
        merged: dict[str, Param] = {}
        for p in (*self.params, *(q for part in self.parts for q in part.params)):
            if p.name in merged and merged[p.name] != p:
                raise ValueError(f"{self.name}: input {p.name!r} is declared twice with different meanings "
                                 f"({merged[p.name].label!r} and {p.label!r}); give one of them another name")
            merged.setdefault(p.name, p)
        constraints = list(self.constraints)
        for part in self.parts:
            constraints += [c for c in part.constraints if c not in constraints]
        object.__setattr__(self, "params", tuple(merged.values()))
        object.__setattr__(self, "constraints", tuple(constraints))
        for c in self.constraints:
            for n in c.names:
                if n not in merged:
                    raise ValueError(f"{self.name}: constraint names unknown parameter {n!r}")
        for p in self.params:
            if p.follows is not None and p.follows not in merged:
                raise ValueError(f"{self.name}: {p.name} follows {p.follows!r}, which is not an input of this model")

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.params]

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"{self.name} has no parameter {name!r}{suggest(name, self.names)}")

    def base(self) -> dict[str, float]:
        """Base-case values of every parameter."""
        return {p.name: p.base for p in self.params}

    def inputs(self, **changes) -> dict:
        """Base values with ``changes`` applied, validated."""
        for k in changes:
            if k not in self.names:
                raise KeyError(f"{self.name} has no parameter {k!r}{suggest(k, self.names)}")
        values = self.base() | changes
        values = {p.name: p.check(values[p.name]) for p in self.params}
        for c in self.constraints:
            c.check(values)
        return values

    def evaluate(self, inputs: Mapping) -> dict:
        """The outputs for a complete set of inputs (already validated, as :meth:`inputs` returns them)."""
        return tidy(self.func(inputs if isinstance(inputs, Inputs) else Inputs(inputs)))

    def __call__(self, **changes) -> dict:
        return self.evaluate(self.inputs(**changes))

    def output(self, name: str, **changes):
        out = self(**changes)
        if name not in out:
            raise KeyError(f"{self.name} has no output {name!r}{suggest(name, out)}")
        return out[name]

    @property
    def facts(self) -> list[str]:
        """The data rows behind the inputs, in declaration order (the model's own first): what a chart of this
        model cites."""
        return list(dict.fromkeys(p.fact for p in self.params if p.fact))

    def followers(self, name: str) -> list[str]:
        """The inputs that analysis moves together with ``name`` (see :attr:`Param.follows`)."""
        return [p.name for p in self.params if p.follows == name]
