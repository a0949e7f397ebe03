"""The helpline's extensions of Rasa 3.6.21, installed together by one `install()`.

- `speedups`: measured fixes to Rasa's hot paths (action-reply validation, event lookup, SQLite
  pragmas, kept HTTP sessions), with `graph_runner` (graphs run in a fixed order, without dask) and
  `tracker_copy` (a tracker copied without replaying the conversation);
- `warmup`: each Rasa worker warms up before it takes a message, and writes a ready marker;
- `tracker_store.CachingSQLTrackerStore`: Rasa's SQL tracker store, keeping active conversations;
- `lock_store.AtomicRedisLockStore`: Rasa's Redis lock store with atomic ticket operations; once
  installed, an endpoints file's `lock_store: {type: redis}` gets it too.

`install()` refuses to run on a Rasa it was not tested against (`version.TESTED_RASA_VERSIONS`: a patch
written for other internals must not run silently), and is idempotent. Every way of serving the
helpline calls it: `python -m service.rasa_main` at start, Rasa itself when it builds the stores that
`bot/endpoints.yml` (and the generated endpoints file) name, and when it builds the channels that
`bot/credentials.yml` names. So even a plain `rasa run --endpoints bot/endpoints.yml` runs with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from helpline.rasa_ext.version import TESTED_RASA_VERSIONS, UntestedRasaError, require_tested_rasa

__all__ = ["TESTED_RASA_VERSIONS", "UntestedRasaError", "install", "installed"]

_redis_lock_store_atomic = False


def install(load_services: Callable[[], Any] | None = None) -> None:
    """Installs every extension (idempotent); raises UntestedRasaError on an untested Rasa, before
    anything is changed. `load_services`: what the channels build on their first message, warmed too."""
    require_tested_rasa()
    from helpline.rasa_ext import speedups, warmup

    speedups.install()
    warmup.install(load_services=load_services)
    _redis_lock_stores_are_atomic()


def installed() -> dict[str, bool]:
    """Which extensions are in place in this process (for tests and diagnostics)."""
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.shared.core.trackers import DialogueStateTracker

    from helpline.rasa_ext import speedups, warmup
    from helpline.rasa_ext.graph_runner import run_in_order
    from helpline.rasa_ext.tracker_copy import copy_tracker

    return {
        "speedups": speedups._installed,
        "graph_runner": DaskGraphRunner.run is run_in_order,
        "tracker_copy": DialogueStateTracker.copy is copy_tracker,
        "warmup": warmup._installed,
        "atomic_redis_lock_store": _redis_lock_store_atomic,
    }


def _redis_lock_stores_are_atomic() -> None:
    """`lock_store: {type: redis}` builds the atomic store: Rasa's own can give two servers one ticket."""
    global _redis_lock_store_atomic
    if _redis_lock_store_atomic:
        return
    import rasa.core.lock_store as rasa_lock_store

    create = rasa_lock_store._create_from_endpoint_config

    def create_atomic_for_redis(endpoint_config: Any = None) -> Any:
        if endpoint_config is not None and endpoint_config.type == "redis":
            from helpline.rasa_ext.lock_store import AtomicRedisLockStore

            return AtomicRedisLockStore(endpoint_config=endpoint_config)
        return create(endpoint_config)

    rasa_lock_store._create_from_endpoint_config = create_atomic_for_redis
    _redis_lock_store_atomic = True
