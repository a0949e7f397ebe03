"""`python -m service.rasa_ready`: exits 0 only when this Rasa server can answer a texter at once.

The readiness (and startup) probe of the Rasa pods (deploy/k8s/base/rasa.yaml). Ready means:
- every worker (SANIC_WORKERS, default 1) has written its warm-up marker into RASA_READY_DIR
  (helpline/rasa_ext/warmup.py: the model loaded, one parse and one prediction done, connections opened);
- each marker belongs to a process running now, which was running before the marker was written (a
  marker left by a previous container of the same pod, whose process id a new process has reused,
  does not count: the folder is a volume that outlives a container restart);
- the webhook answers on the port (the socket serves).

Only the standard library, so a probe costs a bare interpreter start. Prints why when not ready
(Kubernetes records it in the pod's events).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request
from pathlib import Path

READY_DIR_VARIABLE = "RASA_READY_DIR"  # the same name as helpline.rasa_ext.warmup.READY_DIR_VARIABLE


def _boot_time(proc: Path) -> float:
    for line in (proc / "stat").read_text().splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    raise OSError("no btime in /proc/stat")


def process_started_at(pid: int, proc: Path = Path("/proc")) -> float | None:
    """When process `pid` started (seconds since the epoch, 1 s precision), or None if none runs."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: count fields after the last ")".
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":  # a zombie is not a worker
        return None
    ticks = float(fields[19])  # field 22, starttime, in clock ticks since boot
    return _boot_time(proc) + ticks / os.sysconf("SC_CLK_TCK")


def warm_workers(ready_dir: Path, proc: Path = Path("/proc")) -> list[int]:
    """Process ids of the running workers whose marker this process wrote (not a predecessor)."""
    warm = []
    for marker in sorted(ready_dir.glob("*.json")):
        try:
            pid = int(json.loads(marker.read_text())["pid"])
            written = marker.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):  # being replaced, or not a marker
            continue
        started = process_started_at(pid, proc)
        # btime has whole seconds: a start up to 1 s late still counts as before the marker.
        if started is not None and started <= written + 1.0:
            warm.append(pid)
    return warm


def webhook_answers(port: int, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/webhooks/twilio/", timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def check(ready_dir: str | None, workers: int, port: int, timeout: float) -> str | None:
    """None when ready, else the reason."""
    if not ready_dir:
        return f"{READY_DIR_VARIABLE} is not set: the workers' warm-up cannot be seen"
    warm = warm_workers(Path(ready_dir)) if Path(ready_dir).is_dir() else []
    if len(warm) < workers:
        return f"rasa workers warm: {len(warm)}/{workers}"
    if not webhook_answers(port, timeout):
        return f"the webhook on port {port} does not answer"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT") or 5005))
    parser.add_argument("--timeout", type=float, default=3.0)
    args = parser.parse_args(argv)
    workers = max(1, int(os.environ.get("SANIC_WORKERS") or 1))
    reason = check(os.environ.get(READY_DIR_VARIABLE), workers, args.port, args.timeout)
    if reason:
        print(f"not ready: {reason}", file=sys.stderr)
        return 1
    print("ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
