"""The other half of the notebooks in JupyterLab and headless Chromium (see test_browser.py, which holds the
checks and the first half): a file of its own, so that the suite's two workers share the browser tests."""

from __future__ import annotations

import pytest

from tests.conftest import NOTEBOOKS
from tests.test_browser import check_every_panel, chromium, lab, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", NOTEBOOKS[1::2], ids=lambda p: p.name)
def test_notebook_runs_and_every_panel_responds(lab, page, path):  # noqa: F811
    check_every_panel(lab, page, path)
