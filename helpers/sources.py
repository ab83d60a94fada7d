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
from .start import SHOP_GMV
from .params import Model, Param, divide, tidy

VERDICTS = ("supported", "roughly right", "contradicted", "unverifiable")
COLUMNS = ("id", "source_id", "claim", "original", "topic", "compare_with", "verdict", "note", "checked")


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
        if not data._CHECKED.match(r.checked):
            raise data.DataError(name, i, "checked", f"{r.checked!r} is not 'YYYY-MM-DD verdict' (the check of the quote "
                                                     f"against the article), a verdict among {', '.join(data.AUDIT_VERDICTS)}", r.id)
    return df.set_index("id", drop=False)


@lru_cache(maxsize=1)
def claims() -> pd.DataFrame:
    return load_claims()


def reasoning(note: str) -> str:
    """The reasoning behind a verdict: a claim's note without the record of the audit ("Checked: ...")."""
    return note.split("Checked", 1)[0].strip() or "See the note in data/claims.csv."


def claims_table() -> pd.DataFrame:
    """Every claim in full: its article, the English translation beside the Dutch original, the verdict, the
    reasoning behind it and the facts it was checked against."""
    c = claims()
    source = c["source_id"].map(lambda s: data.source(s).publisher.split(" (")[0])
    return pd.DataFrame({"article": source, "claim (translated)": c["claim"], "Dutch original": c["original"],
                         "verdict": c["verdict"], "reasoning": c["note"].map(reasoning),
                         "checked against": c["compare_with"].str.replace(" ", ", ")})


# --------------------------------------------------------------- how much to trust each kind: a what-if
# Like with like first: only the estimates of one measure — TikTok Shop's gross merchandise value worldwide
# (outside mainland China) in 2024 — are averaged, each declared with the kind of source it comes from (a test
# checks the kinds against data/). A figure of another measure is left out whatever its kind: the article's
# "$23 billion" (Southeast Asia's GMV or TikTok's total revenue, notebook 05), and Cube Asia's net figure.
GMV_ESTIMATES = (
    (SHOP_GMV, "analyst estimate"),
    (Param("shop_gmv_latepost_usd_b", "Shop GMV 2024: LatePost", "USD billion", min=0, max=200, step=0.5,
           fact="shop_gmv_2024_latepost", fmt="${:,.1f}B"), "news"),
    (Param("shop_gmv_cube_usd_b", "Shop GMV 2024: Cube Asia", "USD billion", min=0, max=200, step=0.5,
           fact="shop_gmv_2024_cube", fmt="${:,.1f}B"), "analyst estimate"),
)
#: Figures of another measure, shown beside the estimates and left out of the average: (fact id, why).
OTHER_MEASURES = (
    ("claim_shop_gmv_2024", "another measure: Southeast Asia's GMV or TikTok's revenue (notebook 05)"),
)
W_NEWS = Param("weight_news", "Weight on news reports", "share", min=0, max=1, step=0.05, default=0.5,
               plausible=(0.25, 0.75), fmt="{:.0%}")
W_ANALYST = Param("weight_analyst", "Weight on analyst estimates", "share", min=0, max=1, step=0.05, default=0.75,
                  plausible=(0.5, 1), fmt="{:.0%}")
KIND_WEIGHT = {"news": "weight_news", "analyst estimate": "weight_analyst"}


def weighted_gmv(p) -> dict:
    """A trust-weighted average of the 2024 GMV estimates of one measure (USD billion): each estimate weighted by
    its kind. With every weight at zero it is the plain average."""
    values = [np.asarray(p[e.name]) for e, _ in GMV_ESTIMATES]
    weights = [np.asarray(p[KIND_WEIGHT[kind]]) for _, kind in GMV_ESTIMATES]
    num = sum(w * v for w, v in zip(weights, values))
    den = sum(weights)
    return tidy({"gmv_estimate_usd_b": np.where(den > 0, divide(num, den), sum(values) / len(values)),
                 "news_weight_share": divide(p.weight_news, den)})


TRUST = Model(
    "A trust-weighted estimate of 2024 Shop GMV",
    weighted_gmv,
    params=(W_NEWS, W_ANALYST, *(e for e, _ in GMV_ESTIMATES)),
    outputs={"gmv_estimate_usd_b": "USD billion", "news_weight_share": "share"},
)
