"""Views of the attention engine: a day of viewing and the ads it carries."""

from __future__ import annotations

from .. import data, attention, style
from .view import View
from .flows import labelled_bars



def draw_day(ax, result, inputs) -> None:
    labels = ["Minutes watched", "Videos watched", "Ad impressions"]
    keys = ["minutes_per_day_b", "videos_per_day_b", "impressions_per_day_b"]
    colors = [style.THING["viewing"], style.THING["videos"], style.THING["ads"]]
    values = [result[k] for k in keys]
    labelled_bars(ax, labels, values, colors, fmt=lambda v: f"{v:,.1f} billion", floor=1.0)
    style.decorate(ax, title=f"A day on TikTok: {result['impressions_per_day_b']:,.1f} billion ad impressions, "
                             f"{result['ads_per_user_day']:,.1f} per daily user",
                   xlabel="Billions per day", source=data.cite(attention.ATTENTION.facts))


def readout_day(result, inputs) -> dict:
    return {
        "Daily users": style.number(result["daily_users_m"] * 1e6),
        "Videos per user per day": f"{result['videos_per_user_day']:,.0f}",
        "Ads per user per day": f"{result['ads_per_user_day']:,.1f}",
        "Minutes watched per day": f"{result['minutes_per_day_b']:,.1f} billion",
        "Videos watched per day": f"{result['videos_per_day_b']:,.1f} billion",
        "Ad impressions per day": f"{result['impressions_per_day_b']:,.1f} billion",
    }


ATTENTION = View(draw_day, readout_day, figsize=(6.4, 3.2), model=attention.ATTENTION)
