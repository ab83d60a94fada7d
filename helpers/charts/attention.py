"""Views of the attention engine: a day of viewing and the ads it carries."""

from __future__ import annotations

from .. import data, attention, style
from .view import View
from .flows import labelled_bars



def _b(v: float) -> str:
    """A count in billions to three figures, never in scientific notation: '154', '15.4', '1,240'."""
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def draw_day(ax, result, inputs) -> None:
    labels = ["Minutes watched\n(billion minutes)", "Videos watched\n(billion videos)", "Ad impressions\n(billion ads)"]
    keys = ["minutes_per_day_b", "videos_per_day_b", "impressions_per_day_b"]
    colors = [style.THING["viewing"], style.THING["videos"], style.THING["ads"]]
    values = [result[k] for k in keys]
    labelled_bars(ax, labels, values, colors, fmt=lambda v: f"{_b(v)} billion", floor=1.0)
    style.decorate(ax, title=f"A day on TikTok: {_b(result['impressions_per_day_b'])} billion ad impressions, "
                             f"{_b(result['ads_per_user_day'])} per daily user",
                   xlabel="Billions per day, each bar in its own unit", source=data.cite(attention.ATTENTION.facts))


def readout_day(result, inputs) -> dict:
    return {
        "Daily users": style.number(result["daily_users_m"] * 1e6),
        "Videos per user per day": f"{result['videos_per_user_day']:,.0f}",
        "Ads per user per day": f"{result['ads_per_user_day']:,.1f}",
        "Minutes watched per day": f"{_b(result['minutes_per_day_b'])} billion",
        "Videos watched per day": f"{_b(result['videos_per_day_b'])} billion",
        "Ad impressions per day": f"{_b(result['impressions_per_day_b'])} billion",
    }


ATTENTION = View(draw_day, readout_day, figsize=(6.4, 3.2), model=attention.ATTENTION)
