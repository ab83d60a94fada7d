"""Views: how each model's result is drawn and which key numbers are read out, one module per topic.

A view's ``draw(ax, result, inputs)`` draws on the Axes it is given and returns nothing; its
``readout(result, inputs)`` returns the key numbers as formatted text. Views use the house style
(:mod:`helpers.style`) and never touch widgets. Every topic module is imported here, so
``from helpers import charts`` gives ``charts.start.REVENUE_AT_A_GLANCE`` and the rest. A view is named after
the model it draws and says which (:class:`~helpers.charts.view.View`).
"""

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
