"""The opened recognition sets as training examples for the intent and other-risk classifiers.

Why: the development sets under tests/nlu/ (dev4, hold4 to hold12, dev7, dev12 to dev15) were written from
real texters' wording (victims' posts, crisis-line and police material, each text's source in its file's
header) the way texters write, in all three languages; the project's own training data was not. Trained
with them, a model read a set it had not seen better on every figure (README, "Eighth round":
leaving one set out in turn). So bot/config.yml's importer adds them, by name, to data/nlu/.

What is taken, and why:
- `crisis` texts and texts without risk, with their labelled intent; a text about someone else at risk
  is marked `risk: other`, as the training files mark theirs, for OtherRiskClassifier.
- A text without risk is marked `risk: none`: RiskNetClassifier learns it as a text without risk even
  when its intent is `express_distress` or `help_someone_else`, which the training files' examples of
  those intents cannot tell it (thirty-second round).
- The `crisis` texts are marked `crisis: true` and the `concern` texts `concern: true`: LevelNetClassifier
  learns crisis against concern from them alone (fifteenth round).
- The `concern` texts, marked `concern: true`, for RiskNetClassifier only (a possible signal is a risk
  to ask about). The intent classifiers leave them out: labelled with their story intent or
  `express_distress`, they taught the intent classifier to lower `self_harm` on possible signals, and
  the concern net (bot/components/triage.py) missed more of them.
- Never a held-out or the sealed set: a folder named `sealed`, or one whose README calls it held out
  and not (yet) a development set, is refused, so a measurement cannot become training data by a slip
  in the config.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

REPO_ROOT = Path(__file__).resolve().parents[2]
TAKEN_RISKS = ("crisis", "concern", "none")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built: 20 times faster


class HeldOutSet(ValueError):
    """A set that measures the model was named as training data."""


def check_opened(folder: Path) -> None:
    """Refuses the sealed set and any set its README still calls held out."""
    if folder.name == "sealed":
        raise HeldOutSet(f"{folder}: the sealed set is never training data")
    readme = folder / "README.md"
    title = readme.read_text(encoding="utf-8").splitlines()[0].lower() if readme.exists() else ""
    if "development set" not in title:
        raise HeldOutSet(f"{folder}: its README does not call it a development set (held out?)")


def set_files(folder: Path) -> list[Path]:
    """The set's language files (`<name>_en.yml`, `_yue`, `_cmn`), in a fixed order."""
    return sorted(folder.glob(f"{folder.name}_*.yml"))


def examples_of(cases: Iterable[dict]) -> list[Message]:
    """One training message per taken case; `risk: other` as the training files' block metadata,
    `risk: none` on a text without risk, and `concern: true` on a possible signal (see above)."""
    messages = []
    for case in cases:
        if case["risk"] not in TAKEN_RISKS:
            continue
        data = {"text": " ".join(str(case["text"]).split()), "intent": case["intent"]}
        marks: dict[str, object] = {}
        if case["risk"] == "none":
            marks["risk"] = "none"
        elif case.get("about") == "other":
            marks["risk"] = "other"
        if case["risk"] == "concern":
            marks["concern"] = True
        if case["risk"] == "crisis":
            marks["crisis"] = True
        if marks:
            data["metadata"] = {"intent": marks}
        messages.append(Message(data=data))
    return messages


def training_data(folders: Iterable[str | Path]) -> TrainingData:
    """The taken examples of the named sets (paths relative to the repository root)."""
    messages: list[Message] = []
    for name in folders:
        folder = Path(name) if Path(name).is_absolute() else REPO_ROOT / name
        check_opened(folder)
        files = set_files(folder)
        if not files:
            raise FileNotFoundError(f"{folder}: no set files")
        for path in files:
            cases = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []
            messages.extend(examples_of(cases))
    return TrainingData(training_examples=messages)
