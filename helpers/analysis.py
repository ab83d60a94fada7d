"""An analyst's toolkit that works on any declared model: scenarios, one-way sensitivity (the numbers
behind a tornado chart), goal seek and Monte Carlo.

Sensitivity and Monte Carlo vary every declared input of the model (and of the models it is built from)
unless told otherwise; an input that ``follows`` another moves with it.

Everything here is generic: it reads a :class:`~helpers.params.Model`'s declarations — base values from
data, plausible ranges for sensitivity and sampling, slider bounds for what may be tried — and never
knows which model it is working on.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import data
from .params import Model, check_number, suggest

# ----------------------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Scenario:
    """A named set of parameter changes from the base case, with the reasoning behind it."""

    name: str
    changes: dict = field(default_factory=dict)
    rationale: str = ""

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a scenario needs a name, got {self.name!r}")
        if not isinstance(self.changes, dict):
            raise TypeError(f"scenario {self.name!r}: changes must be a dict of parameter -> value")

    def check(self, model: Model) -> dict:
        """The model's validated inputs under this scenario (unknown names get a suggestion)."""
        for k in self.changes:
            if k not in model.names:
                raise KeyError(f"scenario {self.name!r} changes {k!r}, which {model.name} does not have"
                               f"{suggest(k, model.names)}")
        return model.inputs(**self.changes)

    def run(self, model: Model) -> dict:
        return model.evaluate(self.check(model))

    def part(self, model: Model) -> Scenario:
        """The same scenario with only the changes ``model`` has (a capstone scenario may also change the
        outlook's growth rates and the risks' likelihoods, which the company model does not have)."""
        return Scenario(self.name, {k: v for k, v in self.changes.items() if k in model.names}, self.rationale)

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "rationale": self.rationale,
                           "changes": {k: float(v) for k, v in self.changes.items()}}, indent=2, sort_keys=True)

    def save(self, path) -> Path:
        """Write the scenario as a small JSON file (to hand in or share); refuses to overwrite."""
        path = Path(path)
        if path.exists():
            raise FileExistsError(f"{path.name} exists already: choose another name or delete it first")
        path.write_text(self.to_json() + "\n")
        return path

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a scenario file: {exc}") from None
        if not isinstance(raw, dict) or "name" not in raw or "changes" not in raw:
            raise ValueError("a scenario file needs 'name' and 'changes'")
        if not isinstance(raw["name"], str) or not raw["name"].strip():
            raise ValueError(f"a scenario's 'name' is a text, got {raw['name']!r:.40}")
        if not isinstance(raw["changes"], dict):
            raise ValueError("a scenario's 'changes' maps each input's name to a number, got "
                             f"{type(raw['changes']).__name__}")
        if not isinstance(raw.get("rationale", ""), str):
            raise ValueError("a scenario's 'rationale' is a text")
        for k, v in raw["changes"].items():
            if isinstance(v, (list, dict)):
                raise ValueError(f"{k} must be one number in a scenario file, got {v!r:.40}")
        changes = {k: check_number(k, v) for k, v in raw["changes"].items()}
        return cls(raw["name"], changes, raw.get("rationale", ""))

    @classmethod
    def load(cls, path) -> Scenario:
        return cls.from_json(Path(path).read_text())


def changes_for(scenario, model: Model, *also: Model) -> dict:
    """The changes a scenario makes to ``model``'s inputs. ``scenario`` is a :class:`Scenario`, a dict of
    changes or None (the base case); a change that ``model`` does not have but one of ``also`` has is left out
    (a capstone scenario may set the outlook's growth rates and the risks' likelihoods together), and a name
    none of them has is an error that suggests the nearest."""
    if scenario is None:
        return {}
    changes = scenario.changes if isinstance(scenario, Scenario) else scenario
    if not isinstance(changes, dict):
        raise TypeError(f"scenario must be a Scenario or a dict of parameter -> value, got {type(scenario).__name__}")
    known = [n for m in (model, *also) for n in m.names]
    for k in changes:
        if k not in known:
            raise KeyError(f"the scenario changes {k!r}, which none of {', '.join(m.name for m in (model, *also))} "
                           f"has{suggest(k, sorted(set(known)))}")
    return {k: v for k, v in changes.items() if k in model.names}


def plausibility(scenario: Scenario, *models: Model) -> pd.DataFrame:
    """Each change of a scenario beside its input's base value and plausible range (the range the evidence
    supports, narrower than a slider's bounds), looked up in the first of ``models`` that has the input: a row
    per change, with ``within`` False where the change lies outside it. ``attrs['problems']`` says, in words,
    which changes need evidence of their own. A change that no model has is an error."""
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario, got {type(scenario).__name__}")
    if not models or not all(isinstance(m, Model) for m in models):
        raise TypeError("give the models whose inputs the scenario changes, e.g. plausibility(s, revenue_mix.COMPANY)")
    known = [n for m in models for n in m.names]
    rows = []
    for k, v in scenario.changes.items():
        model = next((m for m in models if k in m.names), None)
        if model is None:
            raise KeyError(f"scenario {scenario.name!r} changes {k!r}, which none of "
                           f"{', '.join(m.name for m in models)} has{suggest(k, known)}")
        model.inputs(**{k: v})  # a value outside the slider's bounds is refused here, naming the input
        p = model.param(k)
        lo, hi = p.range
        rows.append({"parameter": k, "label": p.label, "base": p.base, "value": float(v), "plausible_low": lo,
                     "plausible_high": hi, "within": bool(lo <= float(v) <= hi),
                     "text": f"{p.label}: {p.format(float(v))} (base {p.format(p.base)}, plausible "
                             f"{p.format(lo)} to {p.format(hi)})"})
    df = pd.DataFrame(rows, columns=["parameter", "label", "base", "value", "plausible_low", "plausible_high",
                                     "within", "text"])
    df.attrs["problems"] = [f"{r.text}: outside the plausible range, so it needs a source of its own"
                            for r in df.itertuples() if not r.within]
    return df


def named_scenarios(topic: str, path=None) -> list[Scenario]:
    """The named scenarios of a topic, from ``data/scenarios.csv`` (the reasoning is data, not code)."""
    table = data.scenarios_table(path)
    rows = table[table["topic"] == topic]
    if rows.empty:
        raise KeyError(f"no scenarios for topic {topic!r}{suggest(topic, sorted(set(table['topic'])))}")
    return [Scenario(r.id, dict(r.parsed), r.rationale) for r in rows.itertuples(index=False)]


def compare(model: Model, scenarios, outputs=None) -> pd.DataFrame:
    """Outputs under each scenario side by side, the base case first (rows: outputs; columns: scenarios)."""
    scenarios = list(scenarios)
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique, got {names}")
    cols = {"base": model()}
    for s in scenarios:
        if s.name == "base":
            raise ValueError("'base' is the unchanged model; give your scenario another name")
        cols[s.name] = s.run(model)
    outputs = list(outputs) if outputs is not None else list(cols["base"])
    for o in outputs:
        if o not in cols["base"]:
            raise KeyError(f"{model.name} has no output {o!r}{suggest(o, cols['base'])}")
    return pd.DataFrame({k: [float(v[o]) for o in outputs] for k, v in cols.items()}, index=outputs)


# ------------------------------------------------------------------------------------- sensitivity


def envelope(model: Model, names, *, of=None, **fixed) -> dict[str, tuple[float, float]]:
    """What the evidence allows: each scalar output's lowest and highest value over the corners of the plausible
    ranges of the inputs ``names`` (every other input at base, or ``fixed``), as {output: (low, high)}. ``of``
    maps a model's inputs to the outputs to bound (default: the model's own outputs). Corners the model refuses
    (a linked limit) are left out; with more than eight inputs, each input's two ends one at a time."""
    names = list(names)
    ends = {}
    for n in names:
        prm = model.param(n)
        ends[n] = tuple(min(max(v, prm.min), prm.max) for v in prm.range)
    if len(ends) <= 8:
        combos = [dict(zip(ends, c)) for c in itertools.product(*ends.values())]
    else:
        combos = [{n: v} for n, pair in ends.items() for v in pair]
    evaluate = of or model.evaluate
    seen: dict[str, list] = {}
    for combo in combos:
        try:
            out = evaluate(model.inputs(**(fixed | combo)))
        except ValueError:
            continue
        for k, v in out.items():
            if isinstance(v, (int, float, np.floating)) and math.isfinite(v):
                seen.setdefault(k, []).append(float(v))
    if not seen:
        raise ValueError(f"{model.name}: no corner of {names} gives a result the model accepts")
    return {k: (min(v), max(v)) for k, v in seen.items()}



def two_way(model: Model, output: str, x: str, y: str, *, x_values=None, y_values=None, n: int = 7,
            **fixed) -> pd.DataFrame:
    """``output`` over a grid of two inputs, every other input at base (or ``fixed``): rows are ``y``'s values,
    columns ``x``'s, each from its plausible low to high in ``n`` steps unless given. One vectorised call."""
    if x == y:
        raise ValueError(f"x and y must be two different inputs, got {x!r} twice")
    n = int(check_number("n", n, low=2, high=50))
    px, py = model.param(x), model.param(y)
    xs = np.asarray(x_values if x_values is not None else np.linspace(*px.range, n), dtype=float)
    ys = np.asarray(y_values if y_values is not None else np.linspace(*py.range, n), dtype=float)
    gx, gy = np.meshgrid(xs, ys)
    out = model.evaluate(model.inputs(**fixed, **{x: gx.ravel(), y: gy.ravel()}))
    if output not in out:
        raise KeyError(f"{model.name} has no output {output!r}{suggest(output, out)}")
    values = np.broadcast_to(np.asarray(out[output], dtype=float), gx.ravel().shape).reshape(gx.shape)
    grid = pd.DataFrame(values, index=pd.Index(ys, name=y), columns=pd.Index(xs, name=x))
    grid.attrs.update(output=output, x=x, y=y)
    return grid



def one_way(model: Model, output: str, names=None, *, around: dict | None = None, **fixed) -> pd.DataFrame:
    """The output at each parameter's plausible low and high, every other parameter at base (or ``fixed``),
    ranked by swing. ``around`` moves the base to a scenario's values without fixing them: each is still
    varied over its plausible range (see :func:`split_around`). ``attrs['base']`` holds the output at base."""
    centre, fixed = split_around(model, around, fixed)
    context = fixed | centre
    base_inputs = model.inputs(**context)
    base_out = model.evaluate(base_inputs)
    if output not in base_out:
        raise KeyError(f"{model.name} has no output {output!r}{suggest(output, base_out)}")
    names = _varied(model, fixed, uncertain_only=True) if names is None else list(names)
    rows = []
    for n in names:
        p = model.param(n)
        lo, hi = p.range
        lo_c, hi_c = min(max(lo, p.min), p.max), min(max(hi, p.min), p.max)
        at_lo = float(model.output(output, **(context | _together(model, n, lo_c, fixed))))
        at_hi = float(model.output(output, **(context | _together(model, n, hi_c, fixed))))
        rows.append({"parameter": n, "label": p.label, "unit": p.unit, "low": lo_c, "high": hi_c,
                     "low_text": p.text(lo_c), "high_text": p.text(hi_c),
                     "output_at_low": at_lo, "output_at_high": at_hi, "swing": abs(at_hi - at_lo)})
    df = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    df.attrs["base"] = float(base_out[output])
    df.attrs["output"] = output
    return df


# --------------------------------------------------------------------------------------- goal seek


class NoSolution(ValueError):
    """Goal seek found no value within the slider bounds that reaches the target."""


def goal_seek(model: Model, param: str, output: str, target: float, *, tol: float = 1e-9, **fixed) -> float:
    """The value of ``param`` (within its slider bounds) at which ``output`` equals ``target``.

    Scans the bounds on a grid (one vectorised call), then bisects the first bracket. Raises
    :class:`NoSolution` saying what the output ranges over when nothing within the bounds reaches it."""
    p = model.param(param)
    target = check_number("target", target)
    if np.ndim(target) != 0:
        raise ValueError(f"target must be one number, not a list or an array (got {np.size(target)} of them)")
    if param in fixed:
        raise ValueError(f"{param} is what goal seek solves for: do not also fix it")
    grid = np.linspace(p.min, p.max, 401)
    inputs = model.inputs(**fixed)
    inputs[param] = grid
    values = np.asarray(model.evaluate(inputs)[_check_output(model, output, fixed)], dtype=float)
    if values.shape != grid.shape:
        values = np.broadcast_to(values, grid.shape)
    diff = values - target
    hits = np.flatnonzero(diff == 0)
    if hits.size:
        return float(grid[hits[0]])
    change = np.flatnonzero(np.sign(diff[:-1]) * np.sign(diff[1:]) < 0)
    if not change.size:
        lo, hi = float(values.min()), float(values.max())
        unit = model.outputs.get(output, "")

        def shown(v):
            return data.format_value(v, unit) + ("" if data.shows_unit(unit) or not unit else f" {unit}")

        what = output.removesuffix("_usd_b").removesuffix("_usd").replace("_", " ")
        raise NoSolution(f"no value of {param} ('{p.label}') between {p.text(p.min)} and {p.text(p.max)} brings "
                         f"{what} to {shown(target)}: within those bounds it ranges from {shown(lo)} to {shown(hi)}")
    a, b = grid[change[0]], grid[change[0] + 1]
    fa = diff[change[0]]

    def f(x):
        return float(model.output(output, **(fixed | {param: x}))) - target

    for _ in range(200):
        m = 0.5 * (a + b)
        fm = f(m)
        if fm == 0 or (b - a) < tol * max(1.0, abs(m)):
            return float(m)
        if math.copysign(1, fm) == math.copysign(1, fa):
            a, fa = m, fm
        else:
            b = m
    return float(0.5 * (a + b))


def _check_output(model: Model, output: str, fixed: dict) -> str:
    out = model(**fixed)
    if output not in out:
        raise KeyError(f"{model.name} has no output {output!r}{suggest(output, out)}")
    return output


# ------------------------------------------------------------------------------------- Monte Carlo


DISTRIBUTIONS = ("triangular", "uniform")
#: Monte Carlo draws and evaluates this many cases at a time, so that memory stays small however many are drawn
#: (the draws depend on the seed and on this size, which is fixed).
CHUNK = 20_000


def split_around(model: Model, around: dict | None, fixed: dict) -> tuple[dict, dict]:
    """A scenario's values to analyse around: those within their input's plausible range become the centre of
    the analysis (the mode of a draw, the context of a tornado bar) and are still varied; a value outside its
    plausible range, or of an input with none (an event, a known figure), is held fixed, since no evidence
    spreads around it. Returns (centre, fixed with those held values added)."""
    around = dict(around or {})
    for k in around:
        if k in fixed:
            raise ValueError(f"{k} is both fixed and analysed around: give it once")
    centre, held = {}, {}
    varied = set(_varied(model, {}, uncertain_only=True))
    for k, v in around.items():
        p = model.param(k)
        lo, hi = p.range
        (centre if k in varied and lo <= float(v) <= hi else held)[k] = v
    return centre, fixed | held


def draw_inputs(model: Model, n: int, seed: int, names=None, *, dist: str = "triangular",
                correlated: dict | None = None, around: dict | None = None, **fixed) -> dict:
    """``n`` random scenarios: each named parameter drawn over its plausible range, the rest at base (or
    ``fixed``). Reproducible for a seed.

    ``dist`` is ``"triangular"`` (most draws near the base value, its mode) or ``"uniform"`` (every value in
    the range equally likely). ``correlated`` maps a pair of input names to a rank correlation between -1 and
    1 (``{("monthly_users_m", "minutes_per_day"): 0.5}``): the pair is drawn together, each keeping its own
    range and distribution. By default only the inputs we are unsure of are drawn, never an event. ``around``
    centres the draws on a scenario's values (:func:`split_around`)."""
    _check_draws(n, seed, dist)
    return _draw(model, n, np.random.default_rng(seed), names, dist, correlated, fixed, around)


def _check_draws(n, seed, dist) -> None:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a whole number of draws, at least 1, got {n!r}")
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise TypeError(f"seed must be a whole number (for reproducible draws), got {seed!r}")
    if dist not in DISTRIBUTIONS:
        raise ValueError(f"dist must be one of {', '.join(DISTRIBUTIONS)}, got {dist!r}")


def _draw(model: Model, n: int, rng, names, dist: str, correlated, fixed, around=None) -> dict:
    """:func:`draw_inputs` from a random generator (which it advances)."""
    centre, fixed = split_around(model, around, fixed)
    base = model.inputs(**fixed, **centre)
    names = _varied(model, fixed, uncertain_only=True) if names is None else list(names)
    unknown = [m for m in names if m not in model.names]
    if unknown:
        raise KeyError(f"{model.name} has no input {unknown[0]!r}{suggest(unknown[0], model.names)}")
    u = {name: rng.random(n) for name in model.names if name in names}  # a fixed order: a seed gives the same draws
    for pair, rho in (correlated or {}).items():
        u |= _correlated_uniforms(pair, rho, u, n, rng)
    draws = dict(base)
    for name in model.names:
        if name not in u:
            continue
        p = model.param(name)
        lo, hi = p.range
        mode = min(max(base[name], lo), hi)
        if hi <= lo:
            value = np.full(n, mode)
        elif dist == "uniform":
            value = lo + u[name] * (hi - lo)
        else:
            value = triangular_quantile(u[name], lo, mode, hi)
        draws |= _together(model, name, value, fixed)
    return draws


def triangular_quantile(u, lo: float, mode: float, hi: float):
    """The value below which a share ``u`` of a triangular distribution on [lo, hi] with its peak at
    ``mode`` lies (its inverse distribution function)."""
    u = np.asarray(u, dtype=float)
    c = (mode - lo) / (hi - lo)
    return np.where(u < c, lo + np.sqrt(u * (hi - lo) * (mode - lo)), hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode)))


def _correlated_uniforms(pair, rho, u: dict, n: int, rng) -> dict:
    """Two inputs' uniform draws made to move together with rank correlation about ``rho``: correlated
    normal draws are ranked, and each input's own draws are re-ordered to those ranks, so each keeps
    exactly its own values (and so its range and distribution)."""
    if not (isinstance(pair, tuple) and len(pair) == 2 and pair[0] != pair[1]):
        raise ValueError(f"correlated takes pairs of two different input names, got {pair!r}")
    missing = [m for m in pair if m not in u]
    if missing:
        raise ValueError(f"{missing[0]!r} is not among the inputs drawn, so it cannot be correlated")
    rho = check_number("correlation", rho, low=-1, high=1)
    z1 = rng.standard_normal(n)
    z2 = rho * z1 + math.sqrt(1 - rho * rho) * rng.standard_normal(n)
    out = {}
    for name, z in zip(pair, (z1, z2)):
        ranks = np.argsort(np.argsort(z, kind="stable"), kind="stable")
        out[name] = np.sort(u[name])[ranks]
    return out


def _varied(model: Model, fixed, uncertain_only: bool = False) -> list[str]:
    """The inputs analysis varies by default: every input not fixed, except those that follow another
    (they move with it; see :attr:`~helpers.params.Param.follows`) and, with ``uncertain_only``, those whose
    plausible range is a single value (nothing to vary) and events (:attr:`~helpers.params.Param.event`:
    what may happen is not what we do not know)."""
    def uncertain(p):
        lo, hi = p.range
        return hi > lo and not p.event

    return [p.name for p in model.params
            if p.name not in fixed and (p.follows is None or p.follows not in model.names or p.follows in fixed)
            and (not uncertain_only or uncertain(p))]


def _together(model: Model, name: str, value, fixed) -> dict:
    """``{name: value}`` plus the same value for every input that follows ``name`` and is not fixed."""
    return {name: value} | {f: value for f in model.followers(name) if f not in fixed}


def monte_carlo(model: Model, n: int = 100_000, seed: int = 2024, names=None, *, dist: str = "triangular",
                correlated: dict | None = None, outputs=None, around: dict | None = None, **fixed) -> pd.DataFrame:
    """Run the model on ``n`` random scenarios, vectorised, :data:`CHUNK` draws at a time; a column per output
    (or per name in ``outputs``: keep only what a chart or table needs, and memory stays small). ``dist``,
    ``correlated`` and ``around`` as in :func:`draw_inputs`."""
    _check_draws(n, seed, dist)
    known = model(**fixed, **dict(around or {}))
    names_out = list(known) if outputs is None else list(outputs)
    for o in names_out:
        if o not in known:
            raise KeyError(f"{model.name} has no output {o!r}{suggest(o, known)}")
    rng = np.random.default_rng(seed)
    columns = {o: np.empty(n) for o in names_out}
    for start in range(0, n, CHUNK):
        size = min(CHUNK, n - start)
        values = model.inputs(**_draw(model, size, rng, names, dist, correlated, fixed, around))
        out = model.evaluate(values)
        for o in names_out:
            columns[o][start:start + size] = np.broadcast_to(np.asarray(out[o], dtype=float), (size,))
        del values, out
    df = pd.DataFrame(columns, copy=False)
    held = split_around(model, around, fixed)[1]
    df.attrs["varied"] = list(names) if names is not None else _varied(model, held, uncertain_only=True)
    return df


def exceedance(losses, thresholds):
    """The chance that a loss exceeds each threshold: the share of draws with loss > x (so at 0, the chance
    of losing anything at all)."""
    arr = np.sort(np.asarray(losses, dtype=float))
    x = np.asarray(thresholds, dtype=float)
    return 1.0 - np.searchsorted(arr, x, side="right") / arr.size


def summary(samples, percentiles=(5, 25, 50, 75, 95)) -> pd.Series:
    """Mean and percentiles of a sample."""
    arr = np.asarray(samples, dtype=float)
    if arr.size == 0 or not np.isfinite(arr).all():
        raise ValueError("samples must be a non-empty array of finite numbers")
    out = {"mean": float(arr.mean())}
    out.update({f"p{q}": float(v) for q, v in zip(percentiles, np.percentile(arr, percentiles))})
    return pd.Series(out)
