"""How the level net's lines were chosen: each opened recognition set left out of the training in turn
(README "Fifteenth round").

For every opened set, this script fits outside Rasa, on the training files and the other opened sets, the
three models the annotator reads the level with (scikit-learn's sublinear TF-IDF on the pipeline's word
1-3-grams and character 2-4-grams, `min_df` 2, balanced logistic regression, as `scripts/risk_net_cv.py`):
- the intent classifier (C 10, 60 iterations; the opened sets' concern texts left out, as in training),
- the risk net (risk or none, C 10),
- the level net (the opened sets' crisis texts against their concern texts, C 3),
scores the set left out, and replays the annotator (`TriageAnnotator`, the lexicon included) without and
with the level net. It prints, over all opened sets' texts: the clear signals read as a crisis, the possible
signals read as a crisis, crisis false alarms on texts without risk and intent macro-F1. About 15 minutes on
this 2-core machine. Never run on a held-out or the sealed set: it reads only the sets bot/config.yml names.

    .venv/bin/python scripts/level_net_cv.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bot.components.intent_classifier import LEVEL_NET, OTHER_RISK, RISK_NET  # noqa: E402
from bot.components.triage import TriageAnnotator  # noqa: E402
from scripts.risk_net_cv import (  # noqa: E402
    fitted_features,
    set_cases,
    training_file_examples,
    training_file_rows,
)
from service.model import recognition_sets  # noqa: E402

FALLBACK_THRESHOLD = 0.25  # bot/config.yml's FallbackClassifier


def opened_cases(name: str) -> list[dict[str, Any]]:
    """The set's cases, texts with whitespace collapsed as the importer takes them."""
    return [{**case, "text": " ".join(str(case["text"]).split()), "set": name} for case in set_cases(name)]


def fitted(
    texts: list[str], labels: list[Any], c: float, iterations: int
) -> tuple[list[Any], Callable[[list[str]], Any]]:
    """A model fitted on the texts: its classes, and its probabilities for new texts in that order."""
    features, transform = fitted_features(texts)
    model = LogisticRegression(C=c, max_iter=iterations, class_weight="balanced").fit(features, labels)
    return list(model.classes_), lambda new: model.predict_proba(transform(new))


def annotate(
    case: dict[str, Any], ranking: list[tuple[str, float]], risk_net: float, level: float | None
) -> tuple[str, str]:
    """The annotator's level and intent for one text, from the fitted models' readings (as the pipeline
    would: the fallback below its threshold; no someone-else probability)."""
    name, confidence = ranking[0]
    if confidence < FALLBACK_THRESHOLD:
        ranking = [("nlu_fallback", FALLBACK_THRESHOLD), *ranking]
        name, confidence = ranking[0]
    data = {
        "text": case["text"],
        "intent": {"name": name, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": p} for n, p in ranking],
        RISK_NET: risk_net,
        OTHER_RISK: 0.0,
    }
    if level is not None:
        data[LEVEL_NET] = level
    message = Message(data=data)
    TriageAnnotator().process_message(message)
    return message.get("triage")["risk"], message.get("intent")["name"]


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Intent macro-F1 over (labelled, read) pairs, as scripts/risk_report.py counts it."""
    scores = []
    for label in {want for want, _ in pairs}:
        hit = sum(want == label and got == label for want, got in pairs)
        wrong = sum(want != label and got == label for want, got in pairs)
        missed = sum(want == label and got != label for want, got in pairs)
        scores.append(2 * hit / (2 * hit + wrong + missed) if hit else 0.0)
    return sum(scores) / len(scores)


def main() -> int:
    sets = {name: opened_cases(name) for name in recognition_sets(REPO_ROOT / "bot" / "config.yml")}
    intent_files = [(text, block["intent"]) for text, block in training_file_examples()]
    risk_files = [(text, at_risk) for text, at_risk, _ in training_file_rows()]
    readings: dict[str, list[tuple[dict[str, Any], str, str]]] = {"without": [], "with": []}
    for name, cases in sets.items():
        others = [case for other, kept in sets.items() if other != name for case in kept]
        intents = intent_files + [(c["text"], c["intent"]) for c in others if c["risk"] != "concern"]
        intents_seen, intent = fitted([t for t, _ in intents], [i for _, i in intents], 10.0, 60)
        risk = risk_files + [(c["text"], int(c["risk"] != "none")) for c in others]
        _, risk_net = fitted([t for t, _ in risk], [y for _, y in risk], 10.0, 300)
        levels = [(c["text"], int(c["risk"] == "crisis")) for c in others if c["risk"] != "none"]
        _, level_net = fitted([t for t, _ in levels], [y for _, y in levels], 3.0, 300)
        texts = [c["text"] for c in cases]
        for case, p, r, lv in zip(
            cases, intent(texts), risk_net(texts)[:, 1], level_net(texts)[:, 1], strict=True
        ):
            ranking = sorted(zip(intents_seen, map(float, p), strict=True), key=lambda x: -x[1])[:6]
            for key, level in (("without", None), ("with", float(lv))):
                readings[key].append((case, *annotate(case, ranking, float(r), level)))
        print(f"{name}: {len(cases)} texts scored", flush=True)
    for key, rows in readings.items():
        crisis = [risk for case, risk, _ in rows if case["risk"] == "crisis"]
        concern = [risk for case, risk, _ in rows if case["risk"] == "concern"]
        none = [risk for case, risk, _ in rows if case["risk"] == "none"]
        print(
            f"{key} the level net: clear signals read as a crisis {crisis.count('crisis') / len(crisis):.3f},"
            f" possible signals read as a crisis {concern.count('crisis') / len(concern):.3f},"
            f" crisis false alarms {none.count('crisis') / len(none):.3f},"
            f" intent macro-F1 {macro_f1([(case['intent'], got) for case, _, got in rows]):.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
