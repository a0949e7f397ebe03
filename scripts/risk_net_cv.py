"""How the risk net's concern line was chosen: each opened recognition set left out of the training in
turn (README "Thirteenth round").

RiskNetClassifier (bot/components/intent_classifier.py) learns risk or none from the training files
and the opened sets, concern texts included. This script fits the same model outside Rasa (scikit-learn's
sublinear TF-IDF on the pipeline's word 1-3-grams and character 2-4-grams, `min_df` 2, balanced logistic
regression, C 10) on every opened set but one and the training files, scores the one left out, and
prints, per probability line, the share of its risk texts the net finds (all, and those the crisis
lexicon finds nothing in) and the share of its harmless texts and idioms it would raise, without and with
the annotator's idiom guard (no risk-net concern on a text whose death-words the lexicon masked).
Never run on a held-out or the sealed set: it reads only the sets bot/config.yml names.

    .venv/bin/python scripts/risk_net_cv.py
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from bot.components.intent_classifier import UNSURE_RISK_INTENTS  # noqa: E402
from bot.components.tokenizer import normalise_token  # noqa: E402
from bot.triage.crisis import detect_crisis  # noqa: E402
from bot.triage.tokens import tokenize  # noqa: E402
from helpline.content.recognition_sets import check_opened, set_files  # noqa: E402
from service.model import recognition_sets  # noqa: E402

LINES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
Row = tuple[str, int, str]  # text, 1 when at risk, family


def words(text: str) -> list[str]:
    return [normalise_token(token.text) for token in tokenize(text)]


def word_ngrams(text: str) -> list[str]:
    tokens = words(text)
    return [" ".join(tokens[i : i + n]) for n in (1, 2, 3) for i in range(len(tokens) - n + 1)]


def set_cases(name: str) -> list[dict[str, Any]]:
    """An opened set's labelled cases, as its files hold them (a held-out or the sealed set is refused)."""
    folder = REPO_ROOT / name
    check_opened(folder)
    cases = []
    for path in set_files(folder):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return cases


def set_rows(name: str) -> list[Row]:
    return [(case["text"], int(case["risk"] != "none"), case.get("family") or "") for case in set_cases(name)]


def training_file_examples() -> list[tuple[str, dict[str, Any]]]:
    """Every example of the training files with the intent block it is in, entity markup removed."""
    examples = []
    for path in sorted((REPO_ROOT / "data" / "nlu").rglob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if not block.get("intent"):
                continue
            for line in str(block.get("examples", "")).splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", re.sub(r"^\s*-\s*", "", line)).strip()
                if text:
                    examples.append((text, block))
    return examples


def training_file_rows() -> list[Row]:
    """The training files' examples: `self_harm` at risk, the unsure intents left out (as the net does;
    a block marked `risk: other` is counted at risk too)."""
    rows = []
    for text, block in training_file_examples():
        intent = block["intent"]
        marked = (block.get("metadata") or {}).get("risk") == "other"
        if intent in UNSURE_RISK_INTENTS and not marked:
            continue
        rows.append((text, int(intent == "self_harm" or marked), ""))
    return rows


def fitted_features(texts: list[str]) -> tuple[csr_matrix, Callable[[list[str]], csr_matrix]]:
    """The texts' features as the pipeline makes them (sublinear TF-IDF on word 1-3-grams and character
    2-4-grams, `min_df` 2), and the same transform for new texts."""
    word = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=2)
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 4),
        sublinear_tf=True,
        min_df=2,
        preprocessor=lambda t: " ".join(words(t)),
    )
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    return features, lambda new: hstack([word.transform(new), char.transform(new)]).tocsr()


def fit_and_score(train: list[Row], test: list[Row]) -> list[float]:
    features, transform = fitted_features([r[0] for r in train])
    model = LogisticRegression(C=10.0, max_iter=300, class_weight="balanced").fit(
        features, [r[1] for r in train]
    )
    return list(model.predict_proba(transform([r[0] for r in test]))[:, 1])


def main() -> int:
    sets = {name: set_rows(name) for name in recognition_sets(REPO_ROOT / "bot" / "config.yml")}
    files = training_file_rows()
    scored: list[tuple[Row, float]] = []
    for name, rows in sets.items():
        train = files + [row for other, kept in sets.items() if other != name for row in kept]
        scored += list(zip(rows, fit_and_score(train, rows), strict=True))
        print(f"{name}: {len(rows)} texts scored", flush=True)
    findings = {r[0]: detect_crisis(r[0]) for r, _ in scored}
    risk = [(r, p) for r, p in scored if r[1]]
    unread = [(r, p) for r, p in risk if findings[r[0]].risk == "none"]
    idioms = [(r, p) for r, p in scored if not r[1] and r[2] in {"idiom", "violence_to_others"}]
    harmless = [(r, p) for r, p in scored if not r[1] and r[2] not in {"idiom", "violence_to_others"}]
    print(
        f"risk {len(risk)} (the lexicon finds nothing in {len(unread)}),"
        f" harmless {len(harmless)}, idioms {len(idioms)}"
    )
    groups = {"risk": risk, "unread": unread, "harmless": harmless, "idioms": idioms}
    for line in LINES:
        share = {k: sum(p >= line for _, p in v) / len(v) for k, v in groups.items()}
        # the annotator's idiom guard (fourteenth round): a text whose death-words the lexicon masked
        guarded = {
            k: sum(p >= line and not findings[r[0]].idioms for r, p in v) / len(v) for k, v in groups.items()
        }
        print(f"p >= {line}: " + "  ".join(f"{k} {v:.3f}" for k, v in share.items()))
        print("  idiom guard: " + "  ".join(f"{k} {v:.3f}" for k, v in guarded.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
