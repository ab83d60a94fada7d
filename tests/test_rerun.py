"""Out-of-order use: 'restart and run all' works, and running any cell again — a panel's above all — never
breaks the notebook."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import NOTEBOOKS


def _errors(cell):
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_rerunning_cells_in_any_order_never_breaks(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy2(path, copy)
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    panel_cells = [i for i in code if "WhatIfPanel(" in nb.cells[i].source or nb.cells[i].source.strip().endswith("panel")]
    with client.setup_kernel():
        for i in code:  # run all, top to bottom
            client.execute_cell(nb.cells[i], i)
            assert not _errors(nb.cells[i]), (i, _errors(nb.cells[i]))
        # Then as a student might: the first cell again, every panel cell twice, and the last cell again.
        for i in [code[0]] + [j for j in panel_cells for _ in range(2)] + [code[-1]]:
            client.execute_cell(nb.cells[i], i)
            assert not _errors(nb.cells[i]), f"{path.name}, cell {i} failed when run again: {_errors(nb.cells[i])}"
    assert panel_cells, f"{path.name} has no panel"
