"""The order of the deploy check and its exit codes.

0: every check passed. 1: a check failed, or a step of the build or the stack did (the message says
which; the details are in test-results/deploy-check.log). 3: the container engine cannot run on this
machine (not root, apt cannot install docker.io, or dockerd does not become ready): the reason is also
written to test-results/deploy-check.unavailable, which CI (.ci/run) reports as "not run".
130: interrupted. Whatever happens after the engine is installed, the stack is taken down (containers,
network, volumes) and the dockerd the check started is stopped and its folder removed.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from scripts.deploy_check.engine import EngineUnavailable
from scripts.deploy_check.report import CheckFailed, CommandFailed, Report

EXIT_OK, EXIT_FAILED, EXIT_ENGINE_UNAVAILABLE, EXIT_INTERRUPTED = 0, 1, 3, 130
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Parts:
    engine: Any  # install(), start(), stop(), log_tail()
    standins: Any  # build()
    image: Any  # build()
    stack: Any  # prepare(), up(), down()
    checks: Any  # webhooks(), dashboard(), replica_stop()


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def teardown(parts: Parts, report: Report) -> list[str]:
    """Takes everything down, each part even when another fails; returns what could not be done."""
    problems = []
    # A second Ctrl-C (or a SIGTERM) must not stop the teardown half-way.
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        with report.step("tear down (stack down -v, dockerd stopped, folder removed)"):
            for name, action in (("the stack", parts.stack.down), ("the engine", parts.engine.stop)):
                try:
                    action()
                except Exception as error:  # noqa: BLE001 - every part is tried, every failure reported
                    problems.append(f"could not take down {name}: {error}")
                    report.log(problems[-1])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return problems


def execute(parts: Parts, report: Report, unavailable_note: Path) -> int:
    unavailable_note.unlink(missing_ok=True)
    code = EXIT_OK
    message = ""
    try:
        try:
            with report.step("engine: docker.io, compose v2 and buildx"):
                parts.engine.install()
            with report.step("engine: a private dockerd"):
                parts.engine.start()
            with report.step("stand-in base images (debootstrap)"):
                parts.standins.build()
            with report.step("project image (docker build)"):
                parts.image.build()
            with report.step("stack up (compose up --wait)"):
                parts.stack.prepare()
                parts.stack.up()
            with report.step("check: signed webhooks through the proxy"):
                parts.checks.webhooks()
            with report.step("check: dashboard, Rasa's API hidden"):
                parts.checks.dashboard()
            with report.step("check: one Rasa replica stopped mid-run"):
                parts.checks.replica_stop()
        finally:
            problems = teardown(parts, report)
    except EngineUnavailable as error:
        code, message = EXIT_ENGINE_UNAVAILABLE, f"the container engine cannot run here: {error.reason}"
        unavailable_note.parent.mkdir(parents=True, exist_ok=True)
        unavailable_note.write_text(error.reason + "\n")
        if error.log_tail:
            report.say("dockerd's log (last lines):\n" + error.log_tail)
    except KeyboardInterrupt:
        code, message = EXIT_INTERRUPTED, "interrupted"
    except (CheckFailed, CommandFailed) as error:
        code, message = EXIT_FAILED, str(error)
    except Exception as error:  # noqa: BLE001 - any other failure fails the check, with its message
        code, message = EXIT_FAILED, f"{type(error).__name__}: {error}"
    if problems and code == EXIT_OK:
        code, message = EXIT_FAILED, "; ".join(problems)
    report.say(report.summary())
    if code == EXIT_OK:
        report.say("DEPLOY CHECK PASSED")
    else:
        extra = ("; " + "; ".join(problems)) if problems and message not in problems else ""
        report.say(
            f"DEPLOY CHECK {'NOT RUN' if code == EXIT_ENGINE_UNAVAILABLE else 'FAILED'}: {message}{extra}"
        )
        report.say(f"(full log: {report.log_path})")
    return code


def build_parts(report: Report, repo: Path, folder: Path) -> Parts:
    from scripts.deploy_check.checks import Checks
    from scripts.deploy_check.engine import Engine
    from scripts.deploy_check.image import ProjectImage
    from scripts.deploy_check.stack import PROJECT, Stack
    from scripts.deploy_check.standins import StandIns

    engine = Engine(report, folder)
    stack = Stack(engine, repo)
    return Parts(
        engine, StandIns(engine, repo), ProjectImage(engine, repo, PROJECT), stack, Checks(stack, report)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repo", type=Path, default=REPO_ROOT)
    parser.add_argument(
        "--work-dir", type=Path, default=Path("/var/tmp"), help="where the check's folder goes"
    )
    args = parser.parse_args(argv)
    results = args.repo / "test-results"
    report = Report(results / "deploy-check.log")
    signal.signal(signal.SIGTERM, _interrupted)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="deploy-check-", dir=args.work_dir))
    report.say(f"deploy check: {args.repo} (work folder {folder}, log {report.log_path})")
    try:
        return execute(build_parts(report, args.repo, folder), report, results / "deploy-check.unavailable")
    finally:
        report.close()


if __name__ == "__main__":
    sys.exit(main())
