"""Exercises of notebook 09, Competition and outlook."""

from .. import analysis, attention, data, outlook
from . import Exercise, register

register(Exercise(
    "09.1", "calculation", "TikTok's daily views against YouTube Shorts",
    hint="Divide the course model's videos watched per day (in billions) by YouTube Shorts' daily views.",
    answer=lambda: attention.ATTENTION()["videos_per_day_b"] / data.value("yt_shorts_daily_views"),
))
register(Exercise(
    "09.2", "what-if", "Shop growth for a fifth of revenue",
    hint="In the outlook panel, move only the Shop GMV growth until the Shop's share of 2027 revenue reaches 20%.",
    answer=lambda: analysis.goal_seek(outlook.OUTLOOK, "shop_gmv_growth", "shop_share_y3", 0.20), rel_tol=0.03,
))
register(Exercise(
    "09.3", "calculation", "Snap's revenue per daily user in a year",
    hint="Snap reports revenue per daily user per quarter; a year has four quarters (use Q4 as a rough guide).",
    answer=lambda: data.value("snap_revenue_per_dau_q4") * 4,
))
register(Exercise(
    "09.4", "written", "How long can TikTok's advantage last?",
    hint="Name the advantage's sources, then ask which of them a rival with more users and money can copy.",
    rubric=("Full marks (3): identifies the sources of advantage (the For You algorithm and its data, creators and "
            "their audiences, in-app shopping) and the economics behind them (network effects on both sides, "
            "switching costs, data scale); notes that the format has been copied and rivals' daily views are "
            "comparable or larger; concludes with a reasoned view on which advantages last. 2: two of these. "
            "1: one. 0: none."),
))
