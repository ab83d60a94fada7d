"""The capstone as set can be done with the toolkit: the worked example in docs/capstone.md runs; the outlook and
the risk functions take a student's scenario (and say what is wrong with one they cannot use); plausibility
flags a change outside its evidence-based range."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import analysis, outlook, revenue_mix, risks
from tests.conftest import ROOT

CAPSTONE = (ROOT / "docs" / "capstone.md").read_text()


def test_the_worked_example_runs_and_saves_only_where_it_is_run(tmp_path, monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", CAPSTONE, re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(tmp_path)
    exec(compile(blocks[0], "docs/capstone.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "chance of a loss" in printed and "every change within its plausible range" in printed
    assert [p.name for p in tmp_path.iterdir()] == ["shop_led_scenario.json"]


SCENARIO = analysis.Scenario("mine", {"monthly_users_m": 1400, "cpm_usd": 6.0, "ad_growth": 0.05, "p_ban": 0.5})


def test_the_outlook_takes_a_scenario():
    base, mine = outlook.years(), outlook.years(SCENARIO)
    assert list(base.index) == [0, 1, 2, 3] and list(base.columns) == ["ads", "shop", "gifts", "revenue"]
    assert base.loc[0, "revenue"] == pytest.approx(revenue_mix.COMPANY()["revenue_usd_b"])
    # Year 0 is the company model under the scenario; later years grow at the scenario's rate.
    assert mine.loc[0, "revenue"] == pytest.approx(SCENARIO.part(revenue_mix.COMPANY).run(revenue_mix.COMPANY)["revenue_usd_b"])
    ratio = mine.loc[3, "ads"] / mine.loc[0, "ads"]
    rival = outlook.OUTLOOK.param("rival_shift").base
    assert ratio == pytest.approx(((1 + 0.05) * (1 - rival)) ** 3)
    assert np.allclose(mine.sum(axis=1) - mine["revenue"], mine["revenue"])


def test_the_risks_take_a_scenario():
    ban = risks.get("ban")
    assert ban.profit_impact(SCENARIO) != pytest.approx(ban.profit_impact())
    assert ban.inputs(SCENARIO)["monthly_users_m"] == 1400
    _, struck_base = risks.simulate(n=20_000, seed=1)
    _, struck_mine = risks.simulate(n=20_000, seed=1, scenario=SCENARIO)
    assert (struck_mine > 0).mean() > (struck_base > 0).mean() + 0.1  # p_ban 0.5 raises the chance of a strike
    _, overridden = risks.simulate(n=20_000, seed=1, scenario=SCENARIO, likelihoods={"ban": 0.0})
    assert (overridden > 0).mean() < (struck_mine > 0).mean()


def test_a_scenario_the_toolkit_cannot_use_is_refused_with_a_reason():
    with pytest.raises(KeyError, match="did you mean 'cpm_usd'"):
        outlook.years({"cpm": 6})
    with pytest.raises(KeyError, match="did you mean 'cpm_usd'"):
        risks.get("ban").profit_impact({"cpm": 6})
    with pytest.raises(TypeError, match="Scenario or a dict"):
        risks.simulate(n=10, scenario=["cpm_usd", 6])
    with pytest.raises(ValueError, match="cpm_usd"):
        outlook.years({"cpm_usd": 1e6})


def test_plausibility_flags_a_change_outside_its_evidence():
    lo, hi = revenue_mix.COMPANY.param("cpm_usd").range
    s = analysis.Scenario("x", {"cpm_usd": hi * 1.1, "ad_growth": 0.1})
    table = analysis.plausibility(s, revenue_mix.COMPANY, outlook.OUTLOOK)
    assert list(table["within"]) == [False, True]
    assert len(table.attrs["problems"]) == 1 and "Price per 1,000 impressions" in table.attrs["problems"][0]
    with pytest.raises(KeyError, match="none of"):
        analysis.plausibility(analysis.Scenario("y", {"ad_growth": 0.1}), revenue_mix.COMPANY)
    assert analysis.Scenario("z", {"cpm_usd": 5.0, "ad_growth": 0.1}).part(revenue_mix.COMPANY).changes == {"cpm_usd": 5.0}
