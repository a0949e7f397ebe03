"""Progress on the console (one line per step, with elapsed times), everything else in the log file.

Every command's output goes to the log only, with the check's secrets replaced by `***`; the console
shows the steps, their times and the check's own findings (counts, never a texter's words: the only
messages are the ones the check sends itself).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class CommandFailed(RuntimeError):
    """A command the check ran ended with a non-zero code (its output is in the log)."""


class CheckFailed(RuntimeError):
    """What the deployment did was not what it must do."""


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{seconds:.1f}s"


class Report:
    def __init__(
        self,
        log_path: Path,
        console: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path = log_path
        self._log = log_path.open("w", encoding="utf-8")
        self._console = console or sys.stdout
        self._clock = clock
        self._start = clock()
        self._secrets: list[str] = []
        self.steps: list[tuple[str, float, bool]] = []

    def hide(self, *secrets: str) -> None:
        """Values never written to the log or the console."""
        self._secrets.extend(value for value in secrets if value)

    def _clean(self, text: str) -> str:
        for value in self._secrets:
            text = text.replace(value, "***")
        return text

    def log(self, text: str) -> None:
        self._log.write(self._clean(text.rstrip("\n")) + "\n")
        self._log.flush()

    def say(self, text: str) -> None:
        clean = self._clean(text)
        print(clean, file=self._console, flush=True)
        self.log(f"[{_duration(self._clock() - self._start)}] {clean}")

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = self._clock()
        self.say(f"-> {name} ...")
        ok = False
        try:
            yield
            ok = True
        finally:
            took = self._clock() - started
            self.steps.append((name, took, ok))
            total = _duration(self._clock() - self._start)
            self.say(f"   {name}: {'ok' if ok else 'FAILED'} in {_duration(took)} (total {total})")

    def summary(self) -> str:
        lines = [
            f"  {name:<40} {_duration(took):>8}  {'ok' if ok else 'FAILED'}" for name, took, ok in self.steps
        ]
        return "\n".join(["Steps:", *lines, f"  {'total':<40} {_duration(self._clock() - self._start):>8}"])

    def run(
        self,
        argv: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 600,
        check: bool = True,
        stdin: Any = subprocess.DEVNULL,
        quiet: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        """Runs a command; its output goes to the log (unless `quiet`: output that may hold message text
        is returned, never logged). Raises CommandFailed on a non-zero code when `check`."""
        elapsed = _duration(self._clock() - self._start)
        self.log(f"[{elapsed}] $ " + " ".join(str(part) for part in argv))
        try:
            done = subprocess.run(
                [str(part) for part in argv],
                env=env,
                cwd=cwd,
                stdin=stdin,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise CommandFailed(
                f"{Path(str(argv[0])).name} {argv[1] if len(argv) > 1 else ''}: no end after {timeout:.0f} s"
            ) from error
        if not quiet:
            for stream in (done.stdout, done.stderr):
                if stream.strip():
                    self.log(stream)
        else:
            self.log(f"(output not logged: {len(done.stdout)} characters)")
            if done.returncode:
                self.log(done.stderr[-2000:])
        self.log(f"  exit code {done.returncode}")
        if check and done.returncode != 0:
            tail = self._clean(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
            command = " ".join([Path(str(argv[0])).name, *(str(a) for a in argv[1:3])])
            raise CommandFailed(f"`{command}` failed ({done.returncode}): {tail}")
        return done

    def close(self) -> None:
        self._log.close()
