"""The Python behind the notebooks of "TikTok's business model, by the numbers".

Layers, lowest first: ``data`` (sourced facts) → ``params`` (declarations and checks) → models
(``attention``, ``in_feed``, …, ``revenue_mix``: one module per notebook topic) → ``analysis`` (scenarios, sensitivity) → ``whatif`` and ``charts`` (panels and views)
→ notebooks. A lower layer never imports a higher one.
"""

__version__ = "0.1.0"
