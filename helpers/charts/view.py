"""What a view is: a draw function and a readout, with its figure size. Views import no widget library;
the panel (:mod:`helpers.whatif`) imports them, never the reverse."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..params import Model


@dataclass(frozen=True)
class View:
    """How a result of ``model`` looks: ``draw(ax, result, inputs)`` draws the chart; ``readout(result, inputs)``
    returns the key numbers as ``{label: formatted text}``, in reading order. A view is named after the
    model it draws (``charts.revenue_mix.COMPANY`` draws ``revenue_mix.COMPANY``) and draws that model only."""

    draw: Callable
    readout: Callable[[Mapping, Mapping], Mapping[str, str]]
    figsize: tuple[float, float] = (6.4, 3.6)
    model: Model = field(kw_only=True)

    def __post_init__(self):
        if not isinstance(self.model, Model):
            raise TypeError(f"a view draws a Model, got {self.model!r} ({type(self.model).__name__})")

    def check(self, model: Model) -> None:
        """Refuse, with what to use instead, a model that this view does not draw."""
        if model is not self.model:
            raise ValueError(f"this view draws the model {self.model.name}, not {model.name}: pair each model with the "
                             "view of the same name in helpers.charts")
