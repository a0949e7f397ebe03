"""The patches of Rasa internals refuse to install on a Rasa they were not tested against."""

from __future__ import annotations

import pytest
import rasa

from helpline.rasa_ext import speedups as rasa_speedups
from helpline.rasa_ext import warmup
from helpline.rasa_ext.version import TESTED_RASA_VERSIONS, UntestedRasaError, require_tested_rasa


def test_the_pinned_rasa_is_a_tested_version() -> None:
    assert rasa.__version__ in TESTED_RASA_VERSIONS
    require_tested_rasa()


@pytest.mark.parametrize("other", ["3.6.20", "3.7.0", "3.6.21rc1", ""])
def test_another_rasa_is_refused_with_a_clear_message(other: str) -> None:
    with pytest.raises(UntestedRasaError, match="make setup"):
        require_tested_rasa(other)


@pytest.mark.parametrize("module", [rasa_speedups, warmup])
def test_install_refuses_before_patching_anything(module, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rasa, "__version__", "9.9.9")
    monkeypatch.setattr(module, "_installed", False)
    with pytest.raises(UntestedRasaError):
        module.install()
    assert module._installed is False
