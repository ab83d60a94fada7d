"""The benchmark's own machinery (not its times: no time is asserted, these machines are noisy)."""

from __future__ import annotations

import sys

import nbformat

from tests import fixtures
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench  # noqa: E402


def test_the_floor_imports_what_the_notebook_imports_once():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("import os  (prose, not code)"),
        nbformat.v4.new_code_cell("import numpy as np\nfrom helpers import data\nx = 1"),
        nbformat.v4.new_code_cell("import numpy as np\n%matplotlib inline\nimport pandas as pd"),
        nbformat.v4.new_code_cell("from helpers import style"),
        nbformat.v4.new_code_cell("this is not Python ("),
    ])
    assert bench.imports_of(nb).splitlines() == ["import numpy as np", "from helpers import data",
                                                 "import pandas as pd", "from helpers import style"]


def test_panel_latency_covers_every_slider_of_every_panel_in_a_notebook(tmp_path):
    # Notebook 01's panel and what it needs (tests/fixtures.py): the suite runs each course notebook once.
    path = fixtures.write(fixtures.panels_of("01"), tmp_path, "01")
    out = bench.panels_and_memory([path])
    panels = out["latency"]["panels"]
    assert [p["notebook"] for p in panels] == [path.name]
    from helpers import attention

    assert panels[0]["moves"] == 12 * len(attention.ATTENTION.names)
    assert 0 < panels[0]["median_ms"] <= panels[0]["p95_ms"] == out["latency"]["worst_p95_ms"]
    assert out["memory"]["heaviest"] == path.name and out["memory"]["peak_mb"] > 50


def test_monte_carlo_is_timed_against_a_loop_over_the_same_draws():
    out = bench.monte_carlo(n=5_000, loop_sample=200)
    assert out["draws"] == 5_000 and out["model"] and out["seconds"] > 0 and out["loop_seconds_scaled"] > 0
    assert out["speedup"] == out["loop_seconds_scaled"] / out["seconds"]
