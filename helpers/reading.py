"""Reading the sources: the seed articles' claims, each set beside the better sources it can be checked against.

``data/claims.csv`` holds one row per claim: its source, a short English translation, the few Dutch words
of the original, the fact ids it is compared with, and a verdict. The loader checks that every source and
fact exists and that the verdict is one of the allowed words, naming file, row and column otherwise.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from . import data
from .params import Model, Param

VERDICTS = ("supported", "roughly right", "contradicted", "unverifiable")
COLUMNS = ("id", "source_id", "claim", "original", "topic", "compare_with", "verdict", "note")


def load_claims(path=None) -> pd.DataFrame:
    path = path or data.DATA_DIR / "claims.csv"
    df = data._read_csv(path, COLUMNS)
    name = data._display_name(path)
    sources, facts = data.sources_table(), data.facts_table()
    seen = set()
    for i, r in enumerate(df.itertuples(index=False), start=1):
        if r.id in seen:
            raise data.DataError(name, i, "id", f"duplicate id {r.id!r}", r.id)
        seen.add(r.id)
        if r.source_id not in sources.index:
            raise data.DataError(name, i, "source_id", f"unknown source id {r.source_id!r}", r.id)
        if r.verdict not in VERDICTS:
            raise data.DataError(name, i, "verdict", f"{r.verdict!r} is not one of {', '.join(VERDICTS)}", r.id)
        for fid in r.compare_with.split():
            if fid not in facts.index:
                raise data.DataError(name, i, "compare_with", f"unknown fact id {fid!r}", r.id)
        if not r.claim or len(r.claim) > 160:
            raise data.DataError(name, i, "claim", "a claim is quoted briefly (1 to 160 characters)", r.id)
    return df.set_index("id", drop=False)


@lru_cache(maxsize=1)
def claims() -> pd.DataFrame:
    return load_claims()


def claims_table() -> pd.DataFrame:
    """Every claim with its article, verdict and what it was checked against."""
    c = claims()
    source = c["source_id"].map(lambda s: data.source(s).publisher.split(" (")[0])
    return pd.DataFrame({"article": source, "claim": c["claim"], "verdict": c["verdict"],
                         "checked against": c["compare_with"].str.replace(" ", ", ")})


# --------------------------------------------------------------- how much to trust each kind: a what-if
GMV_ESTIMATES = ("claim_shop_gmv_2024", "shop_gmv_2024_tabcut", "shop_gmv_2024_latepost", "shop_gmv_2024_cube")
W_BLOG = Param("weight_blog", "Weight on blog claims", "share", min=0, max=1, step=0.05, default=0.25,
               plausible=(0, 0.5), fmt="{:.0%}")
W_NEWS = Param("weight_news", "Weight on news reports", "share", min=0, max=1, step=0.05, default=0.5,
               plausible=(0.25, 0.75), fmt="{:.0%}")
W_ANALYST = Param("weight_analyst", "Weight on analyst estimates", "share", min=0, max=1, step=0.05, default=0.75,
                  plausible=(0.5, 1), fmt="{:.0%}")
KIND_WEIGHT = {"blog claim": "weight_blog", "news": "weight_news", "analyst estimate": "weight_analyst"}


def weighted_gmv(weight_blog, weight_news, weight_analyst) -> dict:
    """A trust-weighted average of the 2024 GMV estimates (USD billion): each estimate weighted by its kind."""
    w = {"weight_blog": np.asarray(weight_blog), "weight_news": np.asarray(weight_news),
         "weight_analyst": np.asarray(weight_analyst)}
    num = 0.0
    den = 0.0
    for fid in GMV_ESTIMATES:
        f = data.fact(fid)
        weight = w[KIND_WEIGHT[f.kind]]
        num = num + weight * f.value
        den = den + weight
    safe = np.where(den > 0, den, 1.0)
    estimate = np.where(den > 0, num / safe, np.mean([data.value(f) for f in GMV_ESTIMATES]))
    out = {"gmv_estimate_usd_b": estimate, "blog_weight_share": np.where(den > 0, w["weight_blog"] / safe, 0.0)}
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


TRUST = Model(
    "A trust-weighted estimate of 2024 Shop GMV",
    weighted_gmv,
    params=(W_BLOG, W_NEWS, W_ANALYST),
    outputs={"gmv_estimate_usd_b": "USD billion", "blog_weight_share": "share"},
)
