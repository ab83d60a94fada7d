"""Benchmark the collection against floors that cannot be beaten, as ratios measured in one run.

    python tools/bench.py            # prints a table and writes bench/results/latest.json

1. Collection run time: every notebook executed top to bottom in a fresh kernel, against the floor of
   starting a kernel and importing the same libraries, interleaved notebook by notebook. Goal <= 1.5x.
2. What-if latency: for every panel in every notebook, the time from a new slider value to a redrawn view
   (model, chart rendered to PNG, readout), over many values. Goal: 95th percentile < 100 ms.
3. Monte Carlo: 100,000 draws of the whole-company model in one vectorised call, against a plain Python
   loop over a sample of the same draws, scaled up. Goal: < 0.5 s and >= 50x faster.
4. Memory per student: the peak resident memory of one kernel running the heaviest notebook, against the floor
   of a kernel that only imports the same libraries. Goal < 300 MB, and at most 1.5x the floor.

Times are machine-dependent; the ratios and the goals are what to read. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import ast
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"

PROBE = r"""
import json, resource, statistics, time
import numpy as np
from helpers.whatif import WhatIfPanel
_rows = []
_panels = {id(v): v for v in list(globals().values()) if isinstance(v, WhatIfPanel)}  # each once, in creation order
for _panel in _panels.values():
    _panel.widget
    _times = []
    for _name in _panel.controls:
        _p = _panel.model.param(_name)
        for _v in np.linspace(_p.min, _p.max, 12):
            _t = time.perf_counter()
            _panel.set(**{_name: float(_v)})
            _times.append(time.perf_counter() - _t)
        _panel.reset()
    _times.sort()
    _rows.append({"panel": _panel.title, "moves": len(_times), "median_ms": 1000 * statistics.median(_times),
                  "p95_ms": 1000 * _times[int(0.95 * (len(_times) - 1))]})
print("BENCH" + json.dumps({"panels": _rows, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def imports_of(nb) -> str:
    """The import lines of a notebook: the floor imports the same libraries."""
    lines, to_python = [], TransformerManager()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(to_python.transform_cell(cell.source))  # magics become Python
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
    return "\n".join(dict.fromkeys(lines))


def run(nb, path: Path) -> tuple[float, dict]:
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    t = time.perf_counter()
    client.execute()
    return time.perf_counter() - t, client


def collection(paths, rounds: int) -> dict:
    rows, total_nb, total_floor = [], 0.0, 0.0
    for path in paths:
        nb_times, floor_times = [], []
        for _ in range(rounds):
            floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(imports_of(nbformat.read(path, 4)))])
            floor_nb.metadata = nbformat.read(path, 4).metadata
            floor_times.append(run(floor_nb, path)[0])
            nb_times.append(run(nbformat.read(path, 4), path)[0])
        a, b = statistics.median(nb_times), statistics.median(floor_times)
        total_nb += a
        total_floor += b
        rows.append({"notebook": path.name, "seconds": a, "floor_seconds": b, "ratio": a / b})
        print(f"  {path.name}: {a:.2f} s vs floor {b:.2f} s = {a / b:.2f}x", flush=True)
    return {"notebooks": rows, "seconds": total_nb, "floor_seconds": total_floor, "ratio": total_nb / total_floor,
            "goal": "ratio <= 1.5"}


def panels_and_memory(paths) -> dict:
    panels, peaks = [], {}
    for path in paths:
        nb = nbformat.read(path, 4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
        _secs, _client = run(nb, path)
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
        payload = json.loads(text.split("BENCH", 1)[1])
        for row in payload["panels"]:
            panels.append({"notebook": path.name, **row})
        peaks[path.name] = payload["peak_mb"]
    p95 = max((r["p95_ms"] for r in panels), default=0.0)
    heaviest = max(peaks, key=peaks.get)
    floor = memory_floor(next(p for p in paths if p.name == heaviest))
    return {"latency": {"panels": panels, "worst_p95_ms": p95, "goal": "p95 < 100 ms"},
            "memory": {"per_notebook_mb": peaks, "heaviest": heaviest, "peak_mb": peaks[heaviest],
                       "floor_mb": floor, "ratio": peaks[heaviest] / floor, "goal": "< 300 MB and <= 1.5x the floor"}}


def memory_floor(path) -> float:
    """The peak resident memory (MB) of a kernel that only imports what the notebook imports."""
    source = nbformat.read(path, 4)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(imports_of(source)), nbformat.v4.new_code_cell(
        "import resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")])
    nb.metadata = source.metadata
    run(nb, path)
    return float("".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream"))


def monte_carlo(n: int = 100_000, loop_sample: int = 2_000) -> dict:
    from helpers import analysis, revenue_mix

    model = revenue_mix.COMPANY
    analysis.monte_carlo(model, n=1000, seed=1)  # warm-up
    t = time.perf_counter()
    analysis.monte_carlo(model, n=n, seed=2024)
    vec = time.perf_counter() - t
    draws = analysis.draw_inputs(model, loop_sample, 2024)
    t = time.perf_counter()
    for i in range(loop_sample):
        model(**{k: float(v[i]) if hasattr(v, "__len__") else v for k, v in draws.items()})
    loop = (time.perf_counter() - t) * n / loop_sample
    return {"model": model.name, "draws": n, "seconds": vec, "loop_seconds_scaled": loop, "speedup": loop / vec,
            "goal": "< 0.5 s and >= 50x"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2, help="runs of each notebook and its floor (median)")
    ap.add_argument("--latency-only", action="store_true",
                    help="measure only the panels' latency and memory (quick, while making redraws faster)")
    ap.add_argument("notebooks", nargs="*", help="notebook files (default: all numbered notebooks)")
    args = ap.parse_args(argv)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.latency_only:
        res = panels_and_memory(paths)
        for row in res["latency"]["panels"]:
            print(f"  {row['notebook']:38} {row['panel'][:44]:44} median {row['median_ms']:5.0f} ms  "
                  f"p95 {row['p95_ms']:5.0f} ms")
        mem = res["memory"]
        print(f"worst p95 {res['latency']['worst_p95_ms']:.0f} ms; peak memory {mem['peak_mb']:.0f} MB "
              f"({mem['heaviest']}), {mem['ratio']:.2f}x the import floor of {mem['floor_mb']:.0f} MB")
        return 0
    print(f"Benchmark on {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print("1. Collection run time vs its floor (fresh kernel + the same imports):")
    result = {"machine": {"arch": platform.machine(), "python": platform.python_version(),
                          "cpus": __import__("os").cpu_count()},
              "collection": collection(paths, args.rounds)}
    print("2./4. Panel latency and kernel memory:")
    result |= panels_and_memory(paths)
    print("3. Monte Carlo:")
    result["monte_carlo"] = monte_carlo()
    c, lat, mc, mem = result["collection"], result["latency"], result["monte_carlo"], result["memory"]
    table = [
        ("Collection run time / floor", f"{c['ratio']:.2f}x ({c['seconds']:.1f} s vs {c['floor_seconds']:.1f} s)", "<= 1.5x", c["ratio"] <= 1.5),
        ("What-if latency, worst panel p95", f"{lat['worst_p95_ms']:.0f} ms", "< 100 ms", lat["worst_p95_ms"] < 100),
        ("Monte Carlo, 100,000 draws", f"{mc['seconds']:.3f} s, {mc['speedup']:.0f}x the loop", "< 0.5 s, >= 50x",
         mc["seconds"] < 0.5 and mc["speedup"] >= 50),
        ("Peak kernel memory (heaviest notebook)", f"{mem['peak_mb']:.0f} MB ({mem['heaviest']}), {mem['ratio']:.2f}x the import floor",
         "< 300 MB, <= 1.5x floor", mem["peak_mb"] < 300 and mem["ratio"] <= 1.5),
    ]
    print()
    print(f"| {'Measure':40} | {'Result':48} | {'Goal':16} | Met |")
    print(f"|{'-' * 42}|{'-' * 50}|{'-' * 18}|-----|")
    for name, value, goal, ok in table:
        print(f"| {name:40} | {value:48} | {goal:16} | {'yes' if ok else 'NO':3} |")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten: {(OUT / 'latest.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
