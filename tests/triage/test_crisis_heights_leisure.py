"""A rooftop or a bridge is a means only without a pastime: sitting on a roof to cool off or standing on a
bridge watching fireworks stays quiet, while being up there with nothing else said is still a crisis."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    ["我坐在天台上乘凉", "站在桥上看烟火", "大家坐在楼顶吃烧烤", "我們站在橋上拍照", "坐喺天台度睇星"],
)
def test_a_pastime_up_high_is_quiet(text: str) -> None:
    assert detect_crisis(text).risk == "none", detect_crisis(text).signals


@pytest.mark.parametrize("text", ["我而家企咗喺天台", "我站在天台上", "我站在桥上 好想跳", "爬上咗窗台"])
def test_being_up_high_is_still_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis
