"""What a view is: a draw function and a readout, with its figure size. Views import no widget library;
the panel (:mod:`helpers.whatif`) imports them, never the reverse."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Mapping


@dataclass(frozen=True)
class View:
    """How a result looks: ``draw(ax, result, inputs)`` draws the chart; ``readout(result, inputs)``
    returns the key numbers as ``{label: formatted text}``, in reading order."""

    draw: Callable
    readout: Callable[[Mapping, Mapping], Mapping[str, str]]
    figsize: tuple[float, float] = (6.4, 3.6)
