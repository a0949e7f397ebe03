"""Processes: free ports, readiness polling, resident memory of process trees, clean stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

PROC = Path("/proc")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_healthy(
    urls: dict[str, str], process: subprocess.Popen, started: float, timeout: float, log: Path | None = None
) -> dict[str, float]:
    """Polls every URL until each answers 200; returns seconds from `started` until each did."""
    ready: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    while len(ready) < len(urls):
        if process.poll() is not None:
            raise RuntimeError(f"exited with code {process.returncode}{_tail(log)}")
        if time.monotonic() > deadline:
            missing = ", ".join(sorted(set(urls) - set(ready)))
            raise RuntimeError(f"not healthy after {timeout:.0f} s: {missing}{_tail(log)}")
        for name, url in urls.items():
            if name not in ready and http_ok(url):
                ready[name] = time.perf_counter() - started
        time.sleep(0.1)
    return ready


def _tail(log: Path | None, chars: int = 3000) -> str:
    if log is None or not log.exists():
        return ""
    return "\n" + log.read_text(errors="replace")[-chars:]


def _parent_map() -> dict[int, int]:
    """pid -> parent pid of every live process."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, grandchildren...)."""
    children: dict[int, list[int]] = {}
    for child, parent in _parent_map().items():
        children.setdefault(parent, []).append(child)
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def cmdline(pid: int) -> list[str]:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _kb_field(pid: int, file: str, key: str) -> int:
    """A "Key:   123 kB" line of /proc/<pid>/<file>, in kB (0 if the process is gone)."""
    try:
        for line in (PROC / str(pid) / file).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_kb(pid: int) -> int:
    """VmRSS of one process in kB (0 if it is gone)."""
    return _kb_field(pid, "status", "VmRSS:")


def tree_rss_kb(pid: int) -> int:
    """VmRSS of a process and all its descendants, in kB."""
    return rss_kb(pid) + sum(rss_kb(child) for child in descendants(pid))


def largest_rss_kb(pid: int) -> int:
    """VmRSS of the largest process among `pid` and its descendants, in kB."""
    return max([rss_kb(pid), *(rss_kb(child) for child in descendants(pid))])


def pss_kb(pid: int) -> int:
    """Proportional set size of one process in kB: pages shared with others count by share."""
    return _kb_field(pid, "smaps_rollup", "Pss:")


def tree_pss_kb(pid: int) -> int:
    """PSS of a process and all its descendants: their memory with shared pages counted once."""
    return pss_kb(pid) + sum(pss_kb(child) for child in descendants(pid))


def find_child(parent: int, *needles: str) -> int | None:
    """The direct child of `parent` whose command line contains every needle."""
    for pid, ppid in _parent_map().items():
        if ppid == parent and all(needle in cmdline(pid) for needle in needles):
            return pid
    return None


def start(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Starts `command` in its own process group, output to `log`."""
    with log.open("w") as handle:
        return subprocess.Popen(
            command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen, first: int = signal.SIGINT, grace: float = 30.0) -> None:
    """Asks the process to stop, then kills its process group (only what we started) if it lingers."""
    if process.poll() is None:
        process.send_signal(first)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of our own group, e.g. orphaned children
    except (ProcessLookupError, PermissionError):
        pass


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def machine_busy_s() -> float:
    """CPU seconds every process on the machine has used since boot (user, nice, system, irq, steal)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_s() -> float:
    """CPU seconds of this process and of the children it has waited for (their children included)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
