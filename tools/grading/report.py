"""The class report: per exercise, the share of the class right, the mean points and their spread, and the
mistakes the checks recognised most often — the thing to discuss in the next seminar.

Written as ``class_report.csv`` (one row per exercise), ``class_report.md`` (the table and the most common
mistakes, for reading) and ``class_report.png`` (the share right per exercise, worst first).
"""

from __future__ import annotations

import io
import statistics
from collections import Counter

from .cells import HAND, _num, csv_text

REPORT_FIELDS = ("notebook", "exercise", "kind", "hand_ins", "right", "share_right", "mean_points", "sd_points",
                 "max_points", "to_mark", "top_mistake", "top_mistake_count")
RIGHT = ("right", "recorded")
TOP = 10  # the mistakes listed in the report


def _per_exercise(rows: list[dict]) -> list[dict]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r["exercise"]:
            groups.setdefault((r["notebook"], r["exercise"]), []).append(r)
    out = []
    for (notebook, exercise), rs in sorted(groups.items(), key=lambda kv: (kv[0][0], _order(kv[0][1]))):
        points = [_num(r["points"]) for r in rs if r["status"] != "to be marked by hand"]
        pending = len(rs) - len(points)
        top = _num(rs[0]["max_points"])
        hand = rs[0]["kind"] in HAND
        right = sum(r["status"] in RIGHT or (hand and r["status"] == "marked" and _num(r["points"]) >= top)
                    for r in rs)
        mistakes = Counter(r["mistake"] for r in rs if r.get("mistake"))
        (m, c), = mistakes.most_common(1) or [("", 0)]
        out.append({"notebook": notebook, "exercise": exercise, "kind": rs[0]["kind"], "hand_ins": len(rs),
                    "right": right, "share_right": f"{right / len(rs):.2f}",
                    "mean_points": f"{statistics.fmean(points):.2f}" if points else "",
                    "sd_points": f"{statistics.pstdev(points):.2f}" if len(points) > 1 else "",
                    "max_points": f"{top:g}", "to_mark": pending, "top_mistake": m, "top_mistake_count": c})
    return out


def _order(exercise: str):
    head, _, tail = exercise.partition(".")
    num = "".join(ch for ch in tail if ch.isdigit())
    return (head, int(num) if num else 0, tail)


def common_mistakes(rows: list[dict], top: int = TOP) -> list[tuple[str, str, int, int]]:
    """(exercise, mistake, how many made it, how many answered the exercise), most common first."""
    seen = Counter((r["exercise"], r["mistake"]) for r in rows if r.get("mistake"))
    answered = Counter(r["exercise"] for r in rows if r["exercise"])
    return [(ex, m, n, answered[ex]) for (ex, m), n in seen.most_common(top)]


def _chart(table: list[dict]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    auto = [t for t in table if t["kind"] not in HAND and t["kind"] != "prediction"]
    auto.sort(key=lambda t: float(t["share_right"]))
    height = max(2.0, 0.28 * len(auto) + 1.2)
    fig, ax = plt.subplots(figsize=(6.4, height), dpi=150, layout="constrained")
    shares = [float(t["share_right"]) for t in auto]
    ax.barh(range(len(auto)), shares, color="#0173B2")
    ax.set_yticks(range(len(auto)), [t["exercise"] for t in auto], fontsize=8)
    for i, v in enumerate(shares):
        ax.annotate(f"{v:.0%}", (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_xlim(0, 1.12)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#E5E5E5")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    n = max((t["hand_ins"] for t in auto), default=0)
    ax.set_title("Share of the class right, per calculation: the weakest first", loc="left", fontsize=10,
                 fontweight="bold")
    ax.set_xlabel(f"Share of hand-ins right (up to {n} per exercise)")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def class_report(state: dict) -> dict:
    """The report's table, its Markdown page and its chart."""
    table = _per_exercise(state["rows"])
    mistakes = common_mistakes(state["rows"])
    lines = ["# Class report", "",
             f"{len({h['student'] for h in state['handins']})} students, {len(state['handins'])} hand-ins. "
             "Per exercise: how many were right, the mean points and their spread (standard deviation), over the "
             "hand-ins graded or marked so far.", "",
             "| Exercise | Kind | Hand-ins | Right | Mean points | Spread | Most common mistake |",
             "|---|---|---:|---:|---:|---:|---|"]
    for t in table:
        mistake = f"{t['top_mistake']} ({t['top_mistake_count']})" if t["top_mistake"] else ""
        mean = f"{t['mean_points']} of {t['max_points']}" if t["mean_points"] else f"(of {t['max_points']})"
        if t["to_mark"]:
            mean += f", {t['to_mark']} to mark"
        lines.append(f"| {t['exercise']} | {t['kind']} | {t['hand_ins']} | {float(t['share_right']):.0%} | "
                     f"{mean} | {t['sd_points']} | {mistake} |")
    lines += ["", "## The mistakes the checks recognised most often", ""]
    if mistakes:
        lines += [f"{i}. **{ex}**: {n} of {k} hand-ins {m}." for i, (ex, m, n, k) in enumerate(mistakes, 1)]
    else:
        lines.append("None recognised in these hand-ins.")
    flagged = [r for r in state["rows"] if r.get("flag")]
    lines += ["", "## Answers right for someone else's numbers", ""]
    if flagged:
        lines += [f"- **{r['student']}**, {r['exercise']}: {r['flag']}." for r in flagged]
        lines += ["", "Each student's calculations use numbers of their own. A flag is a reason to talk to the student, "
                      "not a verdict: it says what fits (another student's numbers, the published case, a notebook set "
                      "to someone else's numbers), not how it came about."]
    else:
        lines.append("None.")
    lines += ["", "![Share right per exercise](class_report.png)", ""]
    return {"table": table, "mistakes": mistakes, "csv": csv_text(REPORT_FIELDS, table),
            "markdown": "\n".join(lines), "png": _chart(table)}
