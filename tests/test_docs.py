"""The guides agree with the course: the instructor guide's minutes are the README's, and its plans and seminar
prompts name every notebook."""

from __future__ import annotations

import re

from tests.conftest import NOTEBOOKS, ROOT

README = (ROOT / "README.md").read_text()
GUIDE = (ROOT / "docs" / "instructors.md").read_text()


def _minutes(text: str, pattern: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2)) for m in re.finditer(pattern, text, re.M)}


def test_the_guide_gives_the_readmes_minutes_for_every_notebook():
    readme = _minutes(README, r"^\| (\d\d) \| \[.*\| (\d+) \|$")
    guide = _minutes(GUIDE, r"^\| (\d\d) \| [^|]+ \| (\d+) \| [^|]+ \|$")
    assert set(readme) == {p.name[:2] for p in NOTEBOOKS}
    assert guide == readme


def test_the_guide_has_outcomes_plans_and_a_seminar_prompt_per_notebook():
    for heading in ("## What students can do at the end", "## Session plans", "## Seminar prompts"):
        assert heading in GUIDE
    prompts = GUIDE.split("## Seminar prompts", 1)[1].split("\n## ", 1)[0]
    assert {m for m in re.findall(r"^- \*\*(\d\d) ", prompts, re.M)} == {p.name[:2] for p in NOTEBOOKS}
