"""The capstone as set can be done with the toolkit: the worked example in docs/capstone.md runs; the outlook and
the risk functions take a student's scenario (and say what is wrong with one they cannot use); plausibility
flags a change outside its evidence-based range."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import analysis, outlook, revenue_mix, risks, scenarios, streams
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
    base, mine = scenarios.years(), scenarios.years(SCENARIO)
    keys = [s.key for s in streams.STREAMS]
    assert list(base.index) == [2024, 2025, 2026, 2027] and list(base.columns) == [*keys, "ads", "revenue", "costs", "profit"]
    assert base.loc[2024, "revenue"] == pytest.approx(revenue_mix.COMPANY()["revenue_usd_b"])
    # Year 0 is the company model under the scenario; later years grow at the scenario's rate.
    assert mine.loc[2024, "revenue"] == pytest.approx(SCENARIO.part(revenue_mix.COMPANY).run(revenue_mix.COMPANY)["revenue_usd_b"])
    ratio = mine.loc[2027, "ads"] / mine.loc[2024, "ads"]
    rival, age = outlook.OUTLOOK.param("rival_shift").base, outlook.OUTLOOK.param("ageing_drift").base
    assert ratio == pytest.approx(((1 + 0.05) * (1 - rival) * (1 - age)) ** 3)
    assert np.allclose(mine["revenue"] - mine["costs"], mine["profit"])
    assert np.allclose(mine[keys].sum(axis=1), mine["revenue"])
    advertising = [s.key for s in streams.STREAMS if s.advertising]
    assert np.allclose(mine[advertising].sum(axis=1), mine["ads"])


def test_the_risks_take_a_scenario():
    assert scenarios.profit_impact("ban", SCENARIO) != pytest.approx(risks.get("ban").profit_impact())
    assert scenarios.risk_inputs("ban", SCENARIO)["monthly_users_m"] == 1400
    _, struck_base = scenarios.simulate(n=20_000, seed=1)
    _, struck_mine = scenarios.simulate(SCENARIO, n=20_000, seed=1)
    assert (struck_mine > 0).mean() > (struck_base > 0).mean() + 0.1  # p_ban 0.5 raises the chance of a strike
    _, overridden = scenarios.simulate(SCENARIO, n=20_000, seed=1, likelihoods={"ban": 0.0})
    assert (overridden > 0).mean() < (struck_mine > 0).mean()


def test_a_model_takes_its_own_inputs_only():
    """A scenario reaches the models through helpers.scenarios; a model refuses another model's input."""
    with pytest.raises(KeyError, match="no parameter 'ad_growth'"):
        risks.get("ban").profit_impact(ad_growth=0.1)
    with pytest.raises(KeyError, match="no parameter 'p_ban'"):
        outlook.OUTLOOK(p_ban=0.5)


def test_a_scenario_the_toolkit_cannot_use_is_refused_with_a_reason():
    with pytest.raises(KeyError, match="did you mean 'cpm_usd'"):
        scenarios.years({"cpm": 6})
    with pytest.raises(KeyError, match="did you mean 'cpm_usd'"):
        scenarios.profit_impact("ban", {"cpm": 6})
    with pytest.raises(KeyError, match="no risk 'bann'; did you mean 'ban'"):
        scenarios.profit_impact("bann")
    with pytest.raises(TypeError, match="Scenario or a dict"):
        scenarios.simulate(["cpm_usd", 6], n=10)
    with pytest.raises(ValueError, match="cpm_usd must be between"):
        scenarios.years({"cpm_usd": 1e6})
