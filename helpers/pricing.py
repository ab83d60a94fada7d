"""Two-sided pricing (notebook 09): why TikTok charges advertisers and gives viewers the app for free.

A monopoly platform with two groups, viewers (V) and advertisers (A), after Armstrong (2006), "Competition in
two-sided markets", section 3. Each viewer gains from the platform u_V = b_V × n_A − p_V and each advertiser
u_A = b_A × n_V − p_A, where n is the number on each side and b the benefit one member brings each member of
the other side. The number who join depends on what they gain, n = φ(u). The platform's profit,
n_V (p_V − f_V) + n_A (p_A − f_A), is highest when, for each side,

    p_V = f_V − b_A × n_A + φ_V(u_V) / φ_V'(u_V),

the cost of serving a viewer, less the benefit a viewer brings all the advertisers, plus a markup for how
little viewers respond to price. The benefit a viewer brings advertisers is what they pay to reach one: ad
revenue per viewer. The markup φ/φ' is one over the share of viewers a $1 price drives away (a
semi-elasticity). A price below zero means the platform would pay viewers to join: with money it cannot, so
it charges nothing and pays in kind — a free app, creators paid to fill the feed.

Units: USD per monthly viewer per year, base year 2024.
"""

from __future__ import annotations

import numpy as np

from .params import Model, Param, tidy

VALUE = Param("ad_value_per_viewer_usd", "What a viewer brings advertisers a year", "USD", min=0, max=100, step=0.5,
              fact="ad_value_per_viewer_2024", fmt="${:,.2f}")
COST = Param("cost_per_viewer_usd", "Cost of serving a viewer a year", "USD", min=0, max=50, step=0.5,
             fact="cost_per_viewer_2024", fmt="${:,.2f}")
SEMI = Param("viewer_semi_elasticity", "Viewers a $1-a-year price drives away", "share", min=0.01, max=1, step=0.01,
             fact="viewer_price_semi_elasticity", fmt="{:.0%}")


def viewer_price(p) -> dict:
    """Armstrong's profit-maximising price for a viewer (USD a year): cost − the benefit a viewer brings
    advertisers + the markup 1 / semi-elasticity; and what it means in money (the price charged, never below
    zero) and in kind (the subsidy the platform would give if it could)."""
    markup = 1.0 / np.asarray(p.viewer_semi_elasticity)
    price = np.asarray(p.cost_per_viewer_usd) - np.asarray(p.ad_value_per_viewer_usd) + markup
    return tidy({
        "markup_usd": markup + 0 * price,
        "viewer_price_usd": price,
        "price_charged_usd": np.maximum(price, 0.0),
        "subsidy_usd": np.maximum(-price, 0.0),
        "free": (price <= 0).astype(float),
    })


TWO_SIDED = Model(
    "Two-sided pricing: the profit-maximising price for a viewer",
    viewer_price,
    params=(VALUE, COST, SEMI),
    outputs={"markup_usd": "USD", "viewer_price_usd": "USD, can be negative", "price_charged_usd": "USD",
             "subsidy_usd": "USD", "free": "1 if the best price is zero or below, else 0"},
)
