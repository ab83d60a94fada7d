"""Exercises of notebook 08, Risks."""

from .. import data, risks
from . import Exercise, register

register(Exercise(
    "08.1", "calculation", "The expected yearly cost of the privacy risk",
    hint="Multiply the privacy risk's likelihood by the profit it would cost if it struck.",
    answer=lambda: data.value("risk_likelihood_privacy") * -risks.get("privacy").profit_impact(),
))
register(Exercise(
    "08.2", "what-if", "Which risk matters most in expectation?",
    hint="Read the bubbles in the risk matrix: the biggest bubble has the largest likelihood × impact.",
    answer=lambda: max(("ban", "privacy", "downturn", "demographics", "competition"),
                       key=lambda n: risks.RISK_MATRIX()[f"expected_loss_{n}_usd_b"]),
    options=("ban", "privacy", "downturn", "demographics", "competition"),
))
register(Exercise(
    "08.3", "calculation", "The chance that at least one risk strikes",
    hint="One minus the product, over the five risks, of the chance that each does not strike.",
    answer=lambda: risks.RISK_MATRIX()["chance_any"],
))
register(Exercise(
    "08.4", "written", "Which risk matters most, and why?",
    hint="Separate how likely a risk is from how much it would cost, and ask which of them TikTok can influence.",
    rubric=("Full marks (3): ranks the risks by expected cost and by worst case and notes they can differ (a ban "
            "is larger but assumed rarer); argues which matters most with numbers from the notebook; says which risks TikTok "
            "can reduce itself (privacy practices, product for older users) and which it cannot (ad cycles, "
            "governments). 2: two of these. 1: one. 0: none."),
))
