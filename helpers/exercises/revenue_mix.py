"""Exercises of notebook 07, The revenue mix."""

from .. import analysis, data, revenue_mix
from . import Exercise, register

register(Exercise(
    "07.1", "calculation", "TikTok's operating margin in the base case",
    hint="Operating profit divided by revenue, both from the base case of the company model.",
    answer=lambda: revenue_mix.COMPANY()["profit_usd_b"] / revenue_mix.COMPANY()["revenue_usd_b"],
))
register(Exercise(
    "07.2", "what-if", "The CPM that keeps revenue flat after a US ban",
    hint="In the goal-seek panel, set the share lost to the US share of ad revenue and read the CPM needed.",
    answer=lambda: float(revenue_mix.HOLD_REVENUE(ban_lost_share=data.value("us_share_ad_revenue"))["cpm_needed_usd"]),
    rel_tol=0.02,
))
register(Exercise(
    "07.3", "calculation", "How likely is a loss?",
    hint="Run analysis.monte_carlo on the company model with n=100_000 and seed=2024, and take the share of draws "
         "with negative profit.",
    answer=lambda: float((analysis.monte_carlo(revenue_mix.COMPANY, n=100_000, seed=2024)["profit_usd_b"] < 0).mean()),
    rel_tol=0.02,
))
register(Exercise(
    "07.4", "written", "Which assumption would you research first?",
    hint="Look at the top of the tornado chart, then ask which of those inputs could be measured, and how.",
    rubric=("Full marks (3): picks an input near the top of the tornado (staff and other costs, CPM, minutes, users) "
            "and says why its swing matters; explains what evidence would narrow its range (company filings, "
            "analyst panels, experiments); notes that a teaching assumption with a wide range is a research "
            "priority. 2: two of these. 1: one. 0: none."),
))
