"""The in-order graph runner gives the trained model's exact parses and predictions, as dask did."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.agent import Agent
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from helpline.rasa_ext import speedups as rasa_speedups
from helpline.rasa_ext.graph_runner import plan_for, run_in_order

MESSAGES = [
    "hi",
    "someone is threatening to send my nudes to my family unless i pay",
    "佢話唔俾錢就send我啲相去我屋企人 😭",
    "有人威胁我要发我的裸照给我同学",
    "i want to die",
    "我唔想再活落去",
    "I'm 14",
    "2",
    "should I just pay him??",
    "asdfgh",
]


@pytest.fixture(scope="module")
def agent(trained_model: Path) -> Agent:
    rasa_speedups.install()
    return Agent.load(str(trained_model))


@pytest.fixture()
def use_runner(monkeypatch: pytest.MonkeyPatch):
    def use(kind: str) -> None:
        runner = DaskGraphRunner.dask_run if kind == "dask" else run_in_order
        monkeypatch.setattr(DaskGraphRunner, "run", runner)

    return use


@pytest.mark.parametrize("text", MESSAGES)
async def test_parses_are_the_same(agent: Agent, use_runner, text: str) -> None:
    use_runner("dask")
    expected = await agent.parse_message(text)
    use_runner("in order")
    assert await agent.parse_message(text) == expected


@pytest.mark.parametrize("text", MESSAGES)
async def test_predictions_are_the_same(agent: Agent, use_runner, text: str) -> None:
    use_runner("in order")
    parse = await agent.parse_message(text)
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    user = UserUttered(text, parse["intent"], parse_data=parse)
    tracker = DialogueStateTracker.from_events("s1", [*events, user])
    ours = agent.processor._predict_next_with_tracker(tracker)
    use_runner("dask")
    theirs = agent.processor._predict_next_with_tracker(tracker)
    assert (ours.policy_name, ours.max_confidence, ours.probabilities) == (
        theirs.policy_name,
        theirs.max_confidence,
        theirs.probabilities,
    )
    assert untimed(ours.events) == untimed(theirs.events)
    assert ours.events  # TriagePolicy sets slots on every user turn


def untimed(events: list) -> list[dict]:
    return [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in events]


def test_every_node_runs_after_what_it_needs(agent: Agent) -> None:
    schema = agent.processor.graph_runner._graph_schema
    plan = plan_for(schema, schema.target_names)
    position = {name: index for index, (name, _) in enumerate(plan)}
    for name, needs in plan:
        assert all(position[need] < position[name] for need in needs if need in schema.nodes)
    assert set(position) == set(schema.minimal_graph_schema().nodes)
