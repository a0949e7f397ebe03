"""Rasa sees the responses where they live: the domain is bot/domain (intents, slots, actions, session
config) merged with content/responses/ (every response), for training, `rasa data validate` and tests.

bot/config.yml names `ContentImporter` under `importers`, so every Rasa command given that config
(`rasa train`, `rasa data validate`) reads both folders; the trained model carries the merged domain, so
`rasa run` serves it unchanged. The files are merged as Rasa merges the files of one domain folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import rasa.shared.utils.io
from rasa.shared.core.domain import Domain
from rasa.shared.importers.rasa import RasaFileImporter

from helpline.content import RESPONSES_DIR

BOT_DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def _domain_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return [Path(root) / name for root, _, names in os.walk(path, followlinks=True) for name in sorted(names)]


def load_domain(*paths: str | Path) -> Domain:
    """The domain of these paths (default bot/domain) together with content/responses/."""
    combined: dict = {}
    for path in [*(Path(p) for p in paths or (BOT_DOMAIN,)), RESPONSES_DIR]:
        for file in _domain_files(path.resolve()):
            if Domain.is_domain_file(file):
                data = rasa.shared.utils.io.read_yaml(rasa.shared.utils.io.read_file(file))
                combined = Domain.merge_domain_dicts(data, combined)
    return Domain.from_dict(combined)


class ContentImporter(RasaFileImporter):
    """Rasa's file importer, with the domain completed by content/responses/."""

    def get_domain(self) -> Domain:
        if not self._domain_path or not Path(self._domain_path).exists():
            return super().get_domain()
        return load_domain(self._domain_path)
