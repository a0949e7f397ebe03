"""The Rasa version the helpline's changes to Rasa's internals were written and tested against.

The modules of `helpline/rasa_ext/` replace functions inside Rasa. On another Rasa those functions may
have moved or changed meaning, and a silently wrong patch is worse than none (a lost message, a reply to
the wrong turn). So `helpline.rasa_ext.install()` (and each module's own `install()`) first checks the
version and refuses to run.
"""

from __future__ import annotations

TESTED_RASA_VERSIONS = ("3.6.21",)


class UntestedRasaError(RuntimeError):
    """Raised at start when the installed Rasa is not a version the patches were tested against."""


def require_tested_rasa(installed: str | None = None) -> None:
    """Raises UntestedRasaError unless `installed` (default: the running Rasa) is a tested version."""
    if installed is None:
        import rasa

        installed = rasa.__version__
    if installed not in TESTED_RASA_VERSIONS:
        raise UntestedRasaError(
            f"Rasa {installed} is installed, but the helpline's changes to Rasa internals were tested on "
            f"{', '.join(TESTED_RASA_VERSIONS)} only: install the pinned requirements.lock (make setup)."
        )
