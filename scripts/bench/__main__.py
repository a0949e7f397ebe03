"""`python -m scripts.bench [--quick] [--targets helpline,bare] [--skip-profile]` (see __init__.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # as `make` sets it: no TensorFlow chatter

import rasa  # noqa: E402

from scripts.bench import plot, procs, report  # noqa: E402
from scripts.bench.bare_target import BareRasaTarget, ensure_project  # noqa: E402
from scripts.bench.helpline_target import HelplineTarget  # noqa: E402
from scripts.bench.run import Plan, benchmark, log  # noqa: E402
from scripts.bench.stats import TargetResult  # noqa: E402
from scripts.bench.targets import Target  # noqa: E402
from service.model import ensure_model, model_path  # noqa: E402

CONFIG = REPO_ROOT / "bot" / "config.yml"
QUIET_SHARE = 0.05  # share of the machine's CPU used by other processes above which the report warns


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__)
    parser.add_argument("--levels", default="1,8,32", help="concurrency levels, comma-separated")
    parser.add_argument("--requests", type=int, default=300, help="requests per level")
    parser.add_argument("--level-seconds", type=float, default=120.0, help="time limit per level")
    parser.add_argument("--long-turns", type=int, default=210, help="turns of the long conversation (>= 205)")
    parser.add_argument("--model-dir", help="helpline model dir (default: models/ or .cache/test-models)")
    parser.add_argument("--bare-dir", help="where the bare `rasa init` project is kept and reused")
    parser.add_argument("--fresh-bare", action="store_true", help="recreate and retrain the bare project")
    parser.add_argument(
        "--targets",
        default="helpline,helpline-2-workers,bare",
        help="which assistants to load: helpline (as `make run` starts it), helpline-2-workers "
        "(RASA_WORKERS=2 with a throwaway Redis for the lock store), bare",
    )
    parser.add_argument("--skip-profile", action="store_true")
    parser.add_argument("--profile-turns", type=int, default=205, help="long conversation of the profile")
    parser.add_argument("--out", default=str(REPO_ROOT / "results" / "bench"))
    parser.add_argument("--keep-temp", action="store_true", help="keep the temporary var dirs and logs")
    parser.add_argument("--quick", action="store_true", help="a short smoke run: 1,8 x 40 requests, 30 turns")
    args = parser.parse_args(argv)
    if args.quick:
        args.levels, args.requests, args.level_seconds, args.long_turns = "1,8", 40, 30.0, 30
        args.profile_turns = 30
    return args


def pick_model(model_dir: str | None) -> Path:
    """The helpline model serve.py will load: the current data's model, trained first if missing."""
    if model_dir:
        return ensure_model(Path(model_dir).resolve(), CONFIG)
    for directory in (REPO_ROOT / "models", REPO_ROOT / ".cache" / "test-models"):
        if model_path(directory, CONFIG).exists():
            return model_path(directory, CONFIG)
    return ensure_model(REPO_ROOT / "models", CONFIG)


def metadata(plan: Plan, model: Path) -> dict[str, Any]:
    return {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_start": [round(x, 2) for x in procs.load_average()],
        "python": sys.version.split()[0],
        "rasa": rasa.__version__,
        "model": model.name,
        "levels": list(plan.levels),
        "requests": plan.requests,
        "level_seconds": plan.level_seconds,
        "long_turns": plan.long_turns,
        "load_before": {},
    }


def note_other_load(meta: dict[str, Any], wall_s: float, busy_s: float, own_s: float) -> None:
    """How much CPU other processes took during the run; a warning when the machine was not quiet."""
    other = max(0.0, busy_s - own_s)
    share = other / (wall_s * (os.cpu_count() or 1))
    meta["wall_s"], meta["other_cpu_s"], meta["other_cpu_share"] = (
        round(wall_s, 1),
        round(other, 1),
        round(share, 3),
    )
    if share > QUIET_SHARE:
        meta["warning"] = (
            f"Other processes used {other:.0f} CPU-seconds ({share:.0%} of the machine) during this run: "
            "take final numbers on a quiet machine."
        )


KNOWN_TARGETS = {"helpline", "helpline-2-workers", "bare"}


def start_redis_or_note(meta: dict[str, Any]) -> Any:
    """A throwaway Redis for the workers' lock store (installed with apt-get when missing), or None."""
    from scripts.pgredis import ServicesUnavailable, ensure_installed, redis_server_path, start_redis

    try:
        if redis_server_path() is None:
            ensure_installed(log)
        return start_redis()
    except ServicesUnavailable as error:
        meta["warning"] = f"helpline-2-workers not measured: Redis unavailable ({error})"
        log(meta["warning"])
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = Plan(
        levels=tuple(int(x) for x in args.levels.split(",") if x.strip()),
        requests=args.requests,
        level_seconds=args.level_seconds,
        long_turns=args.long_turns,
    )
    out_dir = Path(args.out).resolve()
    model = pick_model(args.model_dir)
    meta = metadata(plan, model)
    wall, busy, own = time.perf_counter(), procs.machine_busy_s(), procs.own_cpu_s()
    bare_project = Path(args.bare_dir or out_dir / f"bare-rasa-{rasa.__version__}").resolve()
    names = {name.strip() for name in args.targets.split(",") if name.strip()}
    if names - KNOWN_TARGETS:
        raise SystemExit(f"unknown --targets: {', '.join(sorted(names - KNOWN_TARGETS))}")
    if "bare" in names:
        _, trained_s = ensure_project(bare_project, fresh=args.fresh_bare)
        meta["bare_init_s"] = trained_s  # None: a cached project was reused
    work = Path(tempfile.mkdtemp(prefix="helpline-bench-"))
    results: list[TargetResult] = []
    profile: dict[str, Any] | None = None
    redis = None
    try:
        targets: list[Target] = []
        if "helpline" in names:
            targets.append(HelplineTarget(model.parent, work))
        if "helpline-2-workers" in names:
            redis = start_redis_or_note(meta)
            if redis is not None:
                targets.append(HelplineTarget(model.parent, work, workers=2, redis_url=redis.url()))
        if "bare" in names:
            targets.append(BareRasaTarget(bare_project, work))
        for target in targets:
            meta["load_before"][target.name] = [round(x, 2) for x in procs.load_average()]
            results.append(benchmark(target, plan))
        if not args.skip_profile:
            from scripts.bench.profiling import profile_helpline

            meta["load_before"]["profile"] = [round(x, 2) for x in procs.load_average()]
            profile = profile_helpline(model, work, long_turns=args.profile_turns, out_dir=out_dir)
    finally:
        if redis is not None:
            redis.stop()
        logs = out_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        for log_file in work.glob("*.log"):
            shutil.copy(log_file, logs / log_file.name)
        if not args.keep_temp:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    meta["load_end"] = [round(x, 2) for x in procs.load_average()]
    note_other_load(meta, time.perf_counter() - wall, procs.machine_busy_s() - busy, procs.own_cpu_s() - own)
    data = report.build(meta, results, profile, top_level=max(plan.levels))
    json_path, md_path = report.write(out_dir, data)
    png = plot.plot(data, out_dir / "latency.png")
    print(report.markdown(data))
    log(f"wrote {json_path}, {md_path}, {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
