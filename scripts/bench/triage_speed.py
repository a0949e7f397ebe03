"""Per-message time of the triage's rule components (`make bench-triage`): a measurement, never a test.

Tests do not assert on timings (a loaded CI machine made such asserts fail at random); this prints the
figures the old speed asserts checked (budgets: language and crisis under 1 ms, entities and age under
2 ms, tokenizer under 0.5 ms per message on the 2-core machine), with the median of several runs.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

SAMPLES = (
    "我個仔13歲，佢喺IG識咗個女仔，依家佢要HK$2萬，用FPS或者itunes card",
    "佢話要send段片俾我friend 我14歲讀中三 paid HK$5,000",
    "he wants money or he will send my video to everyone i want to die",
    "有人威胁我说要把视频发给我家人，我不想活了",
    "ok",
)
BUDGETS_MS = {"language": 1.0, "crisis": 1.0, "entities": 2.0, "age": 2.0, "tokenizer": 0.5}


def components() -> dict[str, Callable[[str], object]]:
    from bot.triage.age import detect_age
    from bot.triage.crisis import detect_crisis
    from bot.triage.entities import extract_entities
    from bot.triage.language import detect_language
    from bot.triage.tokens import tokenize

    return {
        "language": detect_language,
        "crisis": detect_crisis,
        "entities": extract_entities,
        "age": detect_age,
        "tokenizer": tokenize,
    }


def measure(runs: int = 5, messages: int = 300) -> dict[str, float]:
    """Median milliseconds per message of each component over `runs` passes of `messages` texts."""
    figures: dict[str, float] = {}
    for name, component in components().items():
        component("warm up 我14歲 HK$1")
        passes = []
        for _ in range(runs):
            began = time.perf_counter()
            for i in range(messages):
                component(f"{SAMPLES[i % len(SAMPLES)]} #{i}")
            passes.append((time.perf_counter() - began) * 1000 / messages)
        figures[name] = statistics.median(passes)
    return figures


def main() -> None:
    print("| component | ms per message (median of 5) | budget |")
    print("|---|---|---|")
    for name, ms in measure().items():
        print(f"| {name} | {ms:.3f} | {BUDGETS_MS[name]} |")


if __name__ == "__main__":
    main()
