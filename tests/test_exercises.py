"""Exercises: every check accepts its own answer (and the answer worked from the figures as displayed), says
'Not yet' with a diagnosis or a hint otherwise, and never gives the answer away; no checked answer is on the
page before its question; every notebook mixes the kinds of exercise (a prediction, a multi-step exercise, one
that extends or questions a model, a written argument) and follows the conventions (markers, hidden
solutions, hints, collapsed reveals)."""

from __future__ import annotations

import math
import re

import nbformat
import pytest

from helpers import exercises, style
from helpers.exercises import REGISTRY
from tests.conftest import NOTEBOOKS

AUTO = [e for e in exercises.REGISTRY.values() if e.kind not in ("written", "prediction")]
NUMERIC = [e for e in AUTO if e.numeric]
CALCULATIONS = [e for e in AUTO if e.kind == "calculation"]
PREDICTIONS = [e for e in exercises.REGISTRY.values() if e.kind == "prediction"]


def _shown_forms(x: float) -> set[str]:
    """The plain digits of a value the way any display may print them (for the 'never gives away' check)."""
    return {f"{x:g}", f"{x:.2f}", f"{x:.1f}"} - {"0.0", "1.0", "2.0"}


@pytest.mark.parametrize("ex", AUTO, ids=lambda e: e.id)
def test_right_answer_is_right_and_wrong_answers_get_hints_not_answers(ex):
    expected = ex.answer()
    assert exercises.check(ex.id, expected).ok
    if isinstance(expected, str):
        wrong = next(o for o in ex.options if o != expected)
        fb = exercises.check(ex.id, wrong)
    else:
        # A wrong answer that is no known mistake (a mistake's value earns its diagnosis, not the hint)
        wrong = next(w for w in (expected * f + 1 for f in (1.5, 1.7, 2.3))
                     if not any(exercises._close(w, m.value(), ex.rel_tol) for m in ex.mistakes))
        fb = exercises.check(ex.id, wrong)
        for shown in _shown_forms(expected):
            if len(shown) < 3:
                continue  # a single digit occurs in any text (a year, a hint)
            assert shown not in repr(fb), f"feedback reveals the answer {shown}: {fb!r}"
    assert not fb.ok and "Not yet" in repr(fb) and ex.hint in repr(fb)
    assert exercises.check(ex.id, None).status == "no answer"


@pytest.mark.parametrize("ex", CALCULATIONS, ids=lambda e: e.id)
def test_an_answer_worked_from_the_displayed_figures_is_accepted(ex):
    shown = float(ex.shown())
    assert exercises.check(ex.id, shown).ok, f"{ex.id}: {shown} (worked from the display) is refused"
    mid = (shown + float(ex.answer())) / 2
    assert exercises.check(ex.id, mid).ok
    # The widening is the display's rounding, not a licence: twice the gap beyond it is still refused.
    exp = float(ex.answer())
    far = exp + math.copysign(3 * abs(shown - exp) + 5 * ex.rel_tol * abs(exp) + 1e-6, shown - exp or 1)
    assert not exercises.check(ex.id, far).ok


@pytest.mark.parametrize("ex", CALCULATIONS, ids=lambda e: e.id)
def test_likely_mistakes_are_recognised_and_named_never_the_answer(ex):
    from contextlib import nullcontext

    # a varied exercise is checked with a student's own numbers: working the course's own case is then a mistake
    with exercises.judging("mistake-check", "test-seed") if ex.givens else nullcontext():
        _mistakes_named(ex)


def _mistakes_named(ex):
    expected = float(ex.answer())
    for m in ex.mistakes:
        wrong = float(m.value())
        assert not math.isclose(wrong, expected, rel_tol=3 * ex.rel_tol), f"{ex.id}: mistake {m.says!r} gives the answer"
        fb = exercises.check(ex.id, wrong)
        assert not fb.ok and m.says in repr(fb), f"{ex.id}: {wrong} should be diagnosed as {m.says!r}, got {fb!r}"
        assert all(s not in m.says for s in _shown_forms(expected) if len(s) >= 3)
        assert not any(s in m.says for s in _display_strings(ex))


@pytest.mark.parametrize("ex", PREDICTIONS, ids=lambda e: e.id)
def test_a_prediction_is_recorded_when_made_and_only_then(ex):
    assert exercises.check(ex.id, None).status == "no answer"
    made = ex.options[0] if ex.options else 1.0
    fb = exercises.check(ex.id, made)
    assert fb.status == "recorded" and fb.ok and "Recorded" in repr(fb)
    if ex.options:
        assert exercises.check(ex.id, "none of these").status == "not yet"
    assert str(made) not in fb.message  # the committed output does not echo the prediction


def test_feedback_catches_percentages_units_and_text():
    calc = CALCULATIONS[0]
    share = next(e for e in CALCULATIONS if e.unit == "share")
    assert "fractions" in repr(exercises.check(share.id, share.answer() * 100))
    money = next(e for e in CALCULATIONS if e.unit in style.MONEY_UNITS)
    assert "a factor of 100 is off" in repr(exercises.check(money.id, money.answer() * 100))  # not "a percentage"
    assert "factor of 1,000" in repr(exercises.check(calc.id, calc.answer() * 1000))
    assert "Expected one finite number" in repr(exercises.check(calc.id, "twelve"))
    assert "without quotes" in repr(exercises.check(calc.id, f"{calc.answer()}"))
    choice = next(e for e in AUTO if not e.numeric)
    assert "not one of the options" in repr(exercises.check(choice.id, "tv"))


@pytest.mark.parametrize("ex", CALCULATIONS, ids=lambda e: e.id)
def test_every_calculation_names_its_unit_its_likely_mistakes_and_its_displayed_working(ex):
    assert not ex.problems()


@pytest.mark.parametrize("ex", [e for e in REGISTRY.values() if e.kind == "written"], ids=lambda e: e.id)
def test_every_written_rubric_marks_by_levels_and_says_what_a_good_answer_covers(ex):
    assert not ex.problems()


def test_a_checklist_rubric_is_refused():
    checklist = ("Full marks (3): names viewers as the subsidised side; explains why advertisers pay; notes creators "
                 "are paid. 2: two of the three. 1: one. 0: none or no reasoning.")
    assert "every level" in " ".join(exercises.rubric_problems(checklist, 3))
    silent = ("Full marks (3), excellent: names the side. 2, good: names it with numbers. 1, weak: explains why. "
              "0: nothing.")
    found = " ".join(exercises.rubric_problems(silent, 3))
    assert "level 3" in found and "reasoning" in found and "level 1" in found and "evidence" in found
    shuffled = "Full marks (3), excellent: x. 1, weak: y. 2, good: z. 0: none."
    assert "in order" in " ".join(exercises.rubric_problems(shuffled, 3))


def test_every_follow_up_question_says_what_a_good_answer_covers():
    """A follow-up answer cell (grade_id exNN_k_followup) in a notebook, and what a good answer covers in the key:
    one for the other."""
    cells = {c.metadata["nbgrader"]["grade_id"] for path in NOTEBOOKS
             for c in nbformat.read(path, as_version=4).cells
             if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_followup")}
    asked = {f"{g[2:4]}.{g.split('_')[1]}" for g in cells}
    covered = {e.id for e in REGISTRY.values() if e.follow_up}
    assert asked == covered, (sorted(asked - covered), sorted(covered - asked))


def test_exercise_declarations_refuse_what_they_cannot_judge():
    assert "likely mistake" in " ".join(exercises.Exercise("99.1", "calculation", "t", "h", answer=lambda: 1.0,
                                                           unit="share", shown=lambda: 1.0).problems())
    assert "displayed" in " ".join(exercises.Exercise("99.1", "calculation", "t", "h", answer=lambda: 1.0, unit="share",
                                                      mistakes=(exercises.Mistake("x", lambda: 2.0),)).problems())
    with pytest.raises(ValueError, match="explanation"):
        exercises.Exercise("99.1", "prediction", "t", "h", form="predict")
    with pytest.raises(ValueError, match="form"):
        exercises.Exercise("99.1", "written", "t", "h", rubric="r", form="predict")


def test_unknown_exercise_suggests():
    with pytest.raises(KeyError, match="did you mean '00.1'"):
        exercises.check("00.10", 1)


# ------------------------------------------------------------------------------ the notebooks
CHECK = re.compile(r'check\("([0-9]{2}\.[0-9]+)"')


def _check_cells(nb) -> dict[str, int]:
    return {m: i for i, c in enumerate(nb.cells) if c.cell_type == "code" for m in CHECK.findall(c.source)}


def _mine(path):
    prefix = path.name[:2] + "."
    return sorted((i for i in exercises.REGISTRY if i.startswith(prefix)), key=lambda i: int(i.split(".")[1]))


def _sig(x: float, n: int) -> tuple[float, int]:
    """x rounded to n significant figures, and the decimals that takes."""
    if x == 0:
        return 0.0, n - 1
    decimals = max(0, n - 1 - math.floor(math.log10(abs(x))))
    return round(x, decimals), decimals


def _display_strings(ex) -> set[str]:
    """The expected answer as the course displays numbers: its money, percent and number formats at 2 and 3
    significant figures (and the plain digits at 3)."""
    x = float(ex.answer())
    out: set[str] = set()
    for n in (2, 3):
        v, d = _sig(x, n)
        out.add(f"{v:,.{d}f}")
        if ex.unit in style.MONEY_UNITS:
            dollars = abs(v) * style.MONEY_UNITS[ex.unit]
            scaled = next((dollars / s for s, _ in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")) if dollars >= s),
                          dollars)
            _, dd = _sig(scaled, n)
            out.add(style.money(v, ex.unit, digits=dd))
        if ex.unit == "share":
            p, pd = _sig(100 * x, n)
            out.add(f"{p:.{pd}f}%")
        if ex.unit == "count":
            for digits in (0, 1, 2):
                out.add(style.number(v, digits))
        if ex.unit == "multiple":
            out.update({f"{v:,.{d}f}×", f"{v:,.{d}f} times", f"×{v:,.{d}f}"})
    # A lone digit, or two digits with nothing around them, occur anywhere (a date, a list): the money and
    # percent forms still catch a two-digit answer, and the three-figure forms catch the rest.
    return {s for s in out if sum(ch.isdigit() for ch in s) >= 2 and not re.fullmatch(r"\d\d", s)}


def _page_before(nb, index: int) -> list[tuple[int, str]]:
    """(cell, text) of everything a reader sees above cell ``index``: markdown and every output."""
    seen = []
    for i, c in enumerate(nb.cells[:index]):
        if c.cell_type == "markdown":
            seen.append((i, c.source))
        elif c.cell_type == "code":
            for o in c.get("outputs", []):
                if "text" in o:
                    seen.append((i, o["text"]))
                for mime in ("text/plain", "text/html", "text/markdown"):
                    if mime in o.get("data", {}):
                        seen.append((i, o["data"][mime]))
    return seen


def _occurs(needle: str, text: str) -> bool:
    return re.search(r"(?<![\d.,])" + re.escape(needle) + r"(?![\d]|[.,]\d)", text) is not None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_checked_answer_is_on_the_page_before_its_question(path):
    nb = nbformat.read(path, as_version=4)
    cells = _check_cells(nb)
    found = []
    for ex_id in _mine(path):
        ex = exercises.get(ex_id)
        if not ex.numeric:
            continue
        for needle in _display_strings(ex):
            for i, text in _page_before(nb, cells[ex_id]):
                if _occurs(needle, text):
                    found.append(f"{ex_id}'s answer {needle!r} shows in cell {i}")
    assert not found, f"{path.name}: " + "; ".join(found)


def test_the_display_check_can_fail():
    ex = next(e for e in CALCULATIONS if e.unit in style.MONEY_UNITS)
    strings = _display_strings(ex)
    page = f"As the table shows, it comes to {sorted(strings)[0]} a year."
    assert any(_occurs(s, page) for s in strings)
    assert not _occurs("5.2", "5.25") and _occurs("$5.3", "about $5.3, ")


def _prompt(nb, ex_id: str, check_at: int) -> tuple[int, str]:
    """The exercise's prompt cell: the last markdown above its check that opens '**Exercise k'."""
    k = ex_id.split(".")[1]
    for i in range(check_at, -1, -1):
        c = nb.cells[i]
        if c.cell_type == "markdown" and re.match(rf"\*\*Exercise {k}\b", c.source.strip()):
            return i, c.source
    raise AssertionError(f"exercise {ex_id} has no prompt opening '**Exercise {k}' above its check")


FOLLOW_UP = re.compile(r"\b(explain|why|argue|say (?:in|what|why|how)|what does (?:this|that|it) (?:say|tell|mean|imply))\b", re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_exercise_conventions(path):
    nb = nbformat.read(path, as_version=4)
    mine = _mine(path)
    assert len(mine) >= 4, f"{path.name} needs at least four exercises"
    assert [int(i.split(".")[1]) for i in mine] == list(range(1, len(mine) + 1)), f"{path.name}: ids not 1..n"
    kinds = {exercises.get(i).kind for i in mine}
    forms = {exercises.get(i).form for i in mine}
    assert {"written", "prediction", "calculation"} <= kinds, f"{path.name} has the kinds {kinds}"
    assert {"predict", "multi-step", "extend"} <= forms, f"{path.name} has the forms {forms}"
    cells = _check_cells(nb)
    assert set(cells) == {i for i in mine if exercises.get(i).kind != "written"}
    # (a money amount's "$" is escaped in Markdown, "\\$5", so that two amounts are never read as an equation)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").replace("\\$", "$")
    followups = 0
    for i in mine:
        ex = exercises.get(i)
        assert ex.hint in text, f"hint of {i} in {path.name} differs from helpers/exercises"
        if ex.kind == "written":
            continue
        at, prompt = _prompt(nb, i, cells[i])
        assert f"({ex.kind})" in prompt.split("\n", 1)[0], f"{i}: the prompt names its kind ({ex.kind})"
        after = nb.cells[cells[i] + 1:]
        if ex.kind == "prediction":
            reveal = after[0]
            assert reveal.cell_type == "code" and "reveal" in reveal.metadata.get("tags", []), \
                f"{i}: the cell after a prediction's check reveals the answer (tag 'reveal')"
            assert reveal.metadata.get("jupyter", {}).get("outputs_hidden") is True, f"{i}: the reveal is collapsed"
            assert reveal.get("outputs"), f"{i}: the reveal shows something when run"
            why = after[1]
            assert why.cell_type == "markdown" and "<summary>Why</summary>" in why.source and ex.explain in why.source, \
                f"{i}: a 'Why' block with the registered explanation follows the reveal"
        body = prompt.split("<details>", 1)[0]
        nn, k = i.split(".")
        model = [c for c in after[:3] if c.cell_type == "markdown" and "solution" in c.metadata.get("tags", [])
                 and "*Model answer.*" in c.source
                 and c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(f"ex{nn}_{k}_")]
        if ex.kind != "prediction" and (body.count("?") > 1 or FOLLOW_UP.search(body)):
            assert model, f"{i} asks a follow-up question: a hidden '*Model answer.*' cell follows its check"
        followups += bool(model)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == len(mine) + followups
    for c in solutions:
        assert c.metadata["jupyter"]["source_hidden"] is True
        assert c.metadata["nbgrader"]["solution"] is True
        if c.cell_type == "code":
            assert c.source.startswith("### BEGIN SOLUTION") and c.source.rstrip().endswith("### END SOLUTION")


def test_notebooks_mix_the_kinds_instead_of_repeating_one_pattern():
    patterns = {tuple(exercises.get(i).kind for i in _mine(p)) for p in NOTEBOOKS}
    assert len(patterns) >= len(NOTEBOOKS) // 2, patterns


def test_the_instructor_guide_lists_the_exercises_as_registered():
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    import exercise_guide

    text = exercise_guide.GUIDE.read_text()
    assert exercise_guide.escape(exercise_guide.render(text)) == text, \
        "docs/instructors.md is out of date: run python tools/exercise_guide.py"
    unescaped = text.replace("\\$", "$")
    for ex in exercises.REGISTRY.values():
        assert f"| {ex.id} | {ex.kind} |" in unescaped
        if ex.kind == "written":
            assert ex.rubric in unescaped


@pytest.mark.parametrize("ex", [e for e in PREDICTIONS if e.options], ids=lambda e: e.id)
def test_a_predictions_why_names_the_answer_the_models_give_today(ex):
    """A 'Why' is fixed text; the answer it explains comes from the models. If the data moves the answer, this
    fails and the explanation (and the solution cell) must be revised."""
    assert ex.answer is not None, f"{ex.id}: a prediction with options registers the right option (answer=)"
    right = ex.answer()
    assert right in ex.options
    assert right.lower() in ex.explain.lower(), f"{ex.id}: the 'Why' does not name today's answer {right!r}"
    path = next(p for p in NOTEBOOKS if p.name.startswith(ex.id[:2]))
    nb = nbformat.read(path, as_version=4)
    nn, k = ex.id.split(".")
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"ex{nn}_{k}")
    assert re.search(rf"=\s*{re.escape(repr(right))}|=\s*\"{re.escape(right)}\"", cell.source), \
        f"{ex.id}: the solution cell does not hold today's answer {right!r}"


def test_every_exercise_has_points_and_a_written_rubric_gives_them():
    assert all(e.max_points >= 1 for e in exercises.REGISTRY.values())
    assert {e.max_points for e in exercises.REGISTRY.values() if e.kind == "prediction"} == {1}
    with pytest.raises(ValueError, match="points must be a whole number"):
        exercises.Exercise("99.1", "choice", "t", "h", answer=lambda: "a", options=("a", "b"), points=0)
    with pytest.raises(ValueError, match=r"Full marks \(3\)"):
        exercises.Exercise("99.1", "written", "t", "h", rubric="Full marks (2): anything.")


def test_figures_are_read_back_as_the_page_displays_them():
    from helpers import data

    assert exercises.read_display("$26.5B") == pytest.approx(26.5e9)
    assert exercises.read_display("-$778M") == pytest.approx(-778e6)
    assert exercises.read_display("45%") == pytest.approx(0.45)
    assert exercises.read_display("5,000,000") == 5e6
    assert exercises.displayed_money(0.7784, "USD billion") == pytest.approx(0.78)  # two significant figures
    assert exercises.displayed_fact("usd_per_coin_web") == pytest.approx(float(data.table(["usd_per_coin_web"])
                                                                         ["Value"].iloc[0].lstrip("$")))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_solution_as_committed_passes_its_check(path):
    """The committed notebooks are the answer key: each check cell, run on its solution, says the answer is right.
    A solution typed as a number (a what-if read off a panel) goes stale when the data moves; this catches it."""
    nb = nbformat.read(path, as_version=4)
    stale = [c.source.strip() for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith("check(")
             for o in c.get("outputs", []) if "Not yet" in str(o.get("data", {}).get("text/plain", ""))]
    assert not stale, f"{path.name}: {stale}"
