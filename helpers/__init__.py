"""The Python behind the notebooks of "TikTok's business model, by the numbers".

Layers, lowest first: ``data`` (sourced facts) → ``params`` (declarations and checks) → models
(``company``, …) → ``analysis`` (scenarios, sensitivity) → ``whatif`` and ``charts`` (panels and views)
→ notebooks. A lower layer never imports a higher one.
"""

__version__ = "0.1.0"
