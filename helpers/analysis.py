"""Analysis tools that work on any declared model: one-way sensitivity (the numbers behind a tornado)."""

from __future__ import annotations

import pandas as pd

from .params import Model, suggest


def one_way(model: Model, output: str, names=None) -> pd.DataFrame:
    """The output at each parameter's plausible low and high, every other parameter at base, ranked by swing.

    A row per parameter: its low and high (from data/), the output there, and the swing |high - low|."""
    base_out = model()
    if output not in base_out:
        raise KeyError(f"{model.name} has no output {output!r}{suggest(output, base_out)}")
    names = model.names if names is None else list(names)
    rows = []
    for n in names:
        p = model.param(n)
        lo, hi = p.range
        lo_c, hi_c = min(max(lo, p.min), p.max), min(max(hi, p.min), p.max)
        at_lo, at_hi = model.output(output, **{n: lo_c}), model.output(output, **{n: hi_c})
        rows.append({"parameter": n, "label": p.label, "unit": p.unit, "low": lo_c, "high": hi_c,
                     "output_at_low": float(at_lo), "output_at_high": float(at_hi),
                     "swing": abs(float(at_hi) - float(at_lo))})
    df = pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    df.attrs["base"] = float(base_out[output])
    return df
