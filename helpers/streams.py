"""TikTok's revenue streams, declared once: the registry that the company model, the outlook, notebook 00's
overview and the views iterate over.

A :class:`Stream` says where a stream's yearly revenue comes from (a stream model of notebooks 02-05 and the
output of it that is TikTok's revenue), how it is labelled and coloured, whether advertisers pay for it (so
that advertisers' prices and viewing lost to rivals move it), the input by which it grows in the outlook,
and which of notebook 00's three top-down streams it belongs to. Adding a stream is one entry in
:data:`STREAMS`: :func:`helpers.revenue_mix.company_model` and :func:`helpers.outlook.outlook_model` build
their models from the registry, and the views draw the streams they are built over (CONTRIBUTING.md shows
a worked example).

Units: USD billion per year, TikTok outside mainland China; the base year is :data:`BASE_YEAR`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .gifts import GIFTS
from .in_feed import PLATFORM, yearly_revenue
from .params import Inputs, Model, Param
from .partnerships import CTR_LIFT, CVR_LIFT, SIGNAL_LOSS, cpm_ratio
from .premium import PREMIUM_SALES
from .shop import GMV

#: The year the base case describes; the outlook's year t is BASE_YEAR + t.
BASE_YEAR = 2024

#: The names of the colours a stream may take (the house palette, :data:`helpers.style.STREAM_COLOURS`).
COLOURS = ("blue", "orange", "green", "vermilion", "purple", "brown", "pink", "grey")

#: Notebook 00's top-down model has three streams; every stream of the registry belongs to one of them.
GLANCE_GROUPS = ("ads", "gifts", "shop")

# ----------------------------------------------------------------------------- the outlook's growth inputs
AD_GROWTH = Param("ad_growth", "Ad revenue growth per year", "share", min=-0.3, max=0.6, step=0.01, fact="ad_growth",
                  fmt="{:.0%}")
SHOP_GROWTH = Param("shop_gmv_growth", "Shop GMV growth per year", "share", min=-0.3, max=1.5, step=0.01,
                    fact="shop_gmv_growth", fmt="{:.0%}")
GIFTS_GROWTH = Param("gifts_growth", "Coin spending growth per year", "share", min=-0.3, max=0.5, step=0.01,
                     fact="gifts_growth", fmt="{:.0%}")


@dataclass(frozen=True)
class Stream:
    """One revenue stream.

    ``revenue(p)`` is the stream's yearly revenue (USD billion) before the company-wide changes (a lost
    market, advertisers' prices), read from the inputs record ``p``; by default it is ``output`` of
    ``model``. ``params`` are inputs the revenue reads beyond the model's own (the in-feed stream's price
    depends on the targeting signals of notebook 06)."""

    key: str
    label: str
    colour: str
    model: Model
    output: str
    advertising: bool
    growth: Param
    glance: str
    notebook: str
    params: tuple[Param, ...] = ()
    revenue_of: Callable[[Inputs], object] | None = None

    def __post_init__(self):
        if not self.key.isidentifier():
            raise ValueError(f"a stream's key must be a Python identifier, got {self.key!r}")
        if self.colour not in COLOURS:
            raise ValueError(f"stream {self.key!r}: colour must be one of {', '.join(COLOURS)}, got {self.colour!r}")
        if self.glance not in GLANCE_GROUPS:
            raise ValueError(f"stream {self.key!r}: glance must be one of {', '.join(GLANCE_GROUPS)}, "
                             f"got {self.glance!r}")
        if self.output not in self.model.outputs:
            raise ValueError(f"stream {self.key!r}: {self.model.name!r} has no output {self.output!r}")
        if self.model.outputs[self.output] != "USD billion":
            raise ValueError(f"stream {self.key!r}: its revenue must be in USD billion per year, but "
                             f"{self.output!r} is in {self.model.outputs[self.output]!r}")

    @property
    def column(self) -> str:
        """The name of the stream's revenue among the company model's outputs."""
        return f"{self.key}_usd_b"

    def revenue(self, p) -> np.ndarray:
        """Yearly revenue (USD billion) from an inputs record, before a lost market and advertisers' prices."""
        if self.revenue_of is not None:
            return np.asarray(self.revenue_of(p))
        return np.asarray(self.model.func(p)[self.output])


STREAMS: tuple[Stream, ...] = (
    Stream("in_feed", "In-feed ads", "blue", PLATFORM, "revenue_per_year_usd_b", advertising=True,
           growth=AD_GROWTH, glance="ads", notebook="01, 02",
           # The lean path (at the ad load of the inputs), priced with the targeting of notebook 06.
           params=(SIGNAL_LOSS, CTR_LIFT, CVR_LIFT), revenue_of=lambda p: yearly_revenue(p) * cpm_ratio(p)),
    Stream("premium", "Premium ad formats", "purple", PREMIUM_SALES, "premium_usd_b", advertising=True,
           growth=AD_GROWTH, glance="ads", notebook="03"),
    Stream("gifts", "Coins and gifts", "orange", GIFTS, "tiktok_usd_b", advertising=False,
           growth=GIFTS_GROWTH, glance="gifts", notebook="04"),
    Stream("shop", "TikTok Shop", "green", GMV, "commission_usd_b", advertising=False,
           growth=SHOP_GROWTH, glance="shop", notebook="05"),
)


def check_streams(streams) -> tuple[Stream, ...]:
    """The streams as a tuple, refused (naming the problem) if empty, not streams, or with a key twice."""
    streams = tuple(streams)
    if not streams:
        raise ValueError("give at least one revenue stream")
    for s in streams:
        if not isinstance(s, Stream):
            raise TypeError(f"a revenue stream must be a Stream, got {s!r} ({type(s).__name__})")
    keys = [s.key for s in streams]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise ValueError(f"each stream needs a key of its own; given twice: {', '.join(twice)}")
    return streams


def overview(streams=STREAMS):
    """The streams as a table: notebook 00's top-down stream each belongs to, whether advertisers pay for it,
    the model and notebook that open it up, and the input by which it grows in the outlook."""
    import pandas as pd

    glance = {"ads": "Advertising", "gifts": "Coins and gifts", "shop": "TikTok Shop"}
    rows = [{"stream": s.label, "part of (the three above)": glance[s.glance],
             "paid by advertisers": "yes" if s.advertising else "no", "notebook": s.notebook,
             "its revenue (model output)": f"{s.output.removesuffix('_usd_b').replace('_', ' ')} (USD billion), "
                                           f"from “{s.model.name}”",
             "grows in notebook 09 with": s.growth.label}
            for s in streams]
    return pd.DataFrame(rows).set_index("stream")
