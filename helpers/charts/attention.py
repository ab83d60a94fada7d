"""Views of the attention engine: a day of viewing and the ads it carries."""

from __future__ import annotations

from .. import data, style
from ..whatif import View

SOURCES = ["tiktok_mau_2024_emarketer", "dau_mau_ratio", "minutes_per_day", "videos_per_minute", "ad_load"]


def draw_day(ax, result, inputs) -> None:
    labels = ["Minutes watched", "Videos watched", "Ad impressions"]
    keys = ["minutes_per_day_b", "videos_per_day_b", "impressions_per_day_b"]
    colors = [style.GREY, style.BLUE, style.ORANGE]
    values = [result[k] for k in keys]
    bars = ax.barh(labels[::-1], values[::-1], color=colors[::-1])
    for bar, v in zip(bars, values[::-1]):
        ax.annotate(f"{v:,.1f} billion", (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_xlim(0, max(max(values), 1.0) * 1.3)
    ax.grid(axis="y", visible=False)
    style.decorate(ax, title=f"A day on TikTok: {result['impressions_per_day_b']:,.1f} billion ad impressions, "
                             f"{result['ads_per_user_day']:,.1f} per daily user",
                   xlabel="Billions per day", source=data.cite(SOURCES))


def readout_day(result, inputs) -> dict:
    return {
        "Daily users": style.number(result["daily_users_m"] * 1e6),
        "Videos per user per day": f"{result['videos_per_user_day']:,.0f}",
        "Ads per user per day": f"{result['ads_per_user_day']:,.1f}",
        "Minutes watched per day": f"{result['minutes_per_day_b']:,.1f} billion",
        "Ad impressions per day": f"{result['impressions_per_day_b']:,.1f} billion",
    }


DAY = View(draw_day, readout_day, figsize=(6.4, 3.2))
