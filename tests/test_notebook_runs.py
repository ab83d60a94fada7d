"""One run per notebook for three checks that used to run it three times (nbval and the browser run it
separately, by nature):

* **safety** — it runs with the network cut off (only this machine can be reached);
* **student version** — with every solution removed, it runs top to bottom and each check says "Not yet";
* **out-of-order use** — running the first cell again, every panel cell twice and the last cell again
  never breaks it ('restart and run all' is the top-to-bottom run itself).

The run is of the student version, whose code is the notebook's own apart from the solution cells (nbval
runs the notebook with its solutions).
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import NOTEBOOKS


def _errors(cell):
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _feedback(nb):
    return [o["data"]["text/plain"] for c in nb.cells if c.cell_type == "code" and "check(" in c.source
            for o in c.outputs if o.get("output_type") == "execute_result"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_version_runs_offline_says_not_yet_and_survives_reruns(path, student_versions, tmp_path, offline_env):
    nb = nbformat.read(student_versions / path.name, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    panel_cells = [i for i in code if "WhatIfPanel(" in nb.cells[i].source or nb.cells[i].source.strip().endswith("panel")]
    assert panel_cells, f"{path.name} has no panel"
    with client.setup_kernel(env=offline_env):
        for i in code:  # top to bottom, with no network
            client.execute_cell(nb.cells[i], i)
            assert not _errors(nb.cells[i]), f"{path.name}, cell {i}: {_errors(nb.cells[i])}"
        feedback = _feedback(nb)
        # Then as a student might: the first cell again, every panel cell twice, and the last cell again.
        for i in [code[0]] + [j for j in panel_cells for _ in range(2)] + [code[-1]]:
            client.execute_cell(nb.cells[i], i)
            assert not _errors(nb.cells[i]), f"{path.name}, cell {i} failed when run again: {_errors(nb.cells[i])}"
    assert feedback and all(": Not yet." in f for f in feedback), feedback
