"""Already paid, fast (issue 14): a texter who has paid gets FIRST the payment-side steps for their region
(call the bank or payment service now, the stop-payment route, keep receipts), then the rest, in English,
Cantonese and Mandarin, whether they say it first, mid-path, or choose "3" on a step."""

from __future__ import annotations

import pytest

import actions.safety
import actions.waiting
from actions.paths import PATHS, restart_step
from actions.waiting import rendered, turn_segments
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from tests.actions.conversation import Conversation, services_on

LANGUAGES = [("en", "Latn", "GB"), ("yue", "Hant", "HK"), ("cmn", "Hans", "CN"), ("cmn", "Hant", "TW")]
RECEIPTS = {"en": "receipt", "yue": "收據", "cmn": "收据"}
NOT_YOUR_FAULT = {"en": "not your fault", "yue": "唔係你嘅錯", "cmn": "这不是你的错"}


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    monkeypatch.setattr(actions.safety, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.waiting, "get_action_services", lambda: found)
    return found


def test_the_money_is_the_first_step_of_the_paid_path() -> None:
    assert PATHS["paid"][0] == "utter_paid_bank"
    assert PATHS["paid"].index("utter_paid_bank") < PATHS["paid"].index("utter_paid_reassure")
    assert restart_step("paid") == 0  # "start again": the money first again


@pytest.mark.parametrize(("language", "script", "region"), LANGUAGES)
async def test_saying_it_first_gets_the_payment_route_first(services, language, script, region) -> None:
    texter = Conversation(services, region=region, language=language, script=script)
    said = await texter.send("i already paid", "already_paid")
    assert said == ["utter_paid_bank"]
    slots = dict(texter.slots)
    text = rendered("utter_paid_bank", slots)
    route = placeholder_values(get_directory(), region, language)["payment_route"]
    lowered = text.lower() if language == "en" else text
    # the Traditional Mandarin text is converted by OpenCC: compare where the script is as authored
    if script != "Hant" or language == "yue":
        assert route and route in text
        assert RECEIPTS[language] in lowered
        assert NOT_YOUR_FAULT[language] in lowered
    assert "{" not in text
    assert turn_segments(["utter_paid_bank"], slots) <= 3
    # then the reassurance and the rest, one step at a time
    assert await texter.send("1") == ["utter_paid_reassure"]
    assert await texter.send("1") == ["utter_paid_no_more"]


@pytest.mark.parametrize(("language", "script", "region"), LANGUAGES)
async def test_saying_it_mid_path_jumps_to_the_money(services, language, script, region) -> None:
    texter = Conversation(services, region=region, language=language, script=script)
    assert await texter.send("he is threatening me", "report_sextortion") == ["utter_threat_reassure"]
    assert await texter.send("1") == ["utter_step_stop_contact"]
    assert await texter.send("1") == ["utter_step_no_pay"]
    assert await texter.send("i sent him money yesterday", "already_paid") == ["utter_paid_bank"]
    assert texter.slots["path"] == "paid" and texter.slots["step"] == 0.0


@pytest.mark.parametrize(("language", "script", "region"), LANGUAGES)
async def test_choosing_3_on_a_step_gets_the_money_first(services, language, script, region) -> None:
    texter = Conversation(services, region=region, language=language, script=script)
    await texter.send("he is threatening me", "report_sextortion")
    assert await texter.send("3") == ["utter_paid_bank"]


@pytest.mark.parametrize("region", [*sorted(get_directory().regions), None])
@pytest.mark.parametrize(
    ("language", "script"), [("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant")]
)
def test_the_payment_step_fits_the_budget_everywhere(region, language, script) -> None:
    slots = {
        "language": language,
        "script": script,
        **placeholder_values(get_directory(), region, language),
    }
    text = rendered("utter_paid_bank", slots)
    assert slots["payment_route"] in text or script == "Hant"
    assert turn_segments(["utter_paid_bank"], slots) <= 3, (region, language, script)
