"""Trains the assistant's model only when its inputs changed.

The model is named by a hash of everything training reads (config, domain, the responses in
content/responses/, training data and the custom component code), so `make run` and the tests reuse a
model whose inputs are unchanged.
Usage: python -m service.model [--out DIR] [--config FILE]   (prints the model path)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
TRAINING_DATA = ("data/nlu", "data/rules", "data/stories")
DOMAIN = "bot/domain"
RESPONSES = "content/responses"  # merged into the domain by bot/config.yml's importer
CODE = (
    "bot/components",
    "bot/policies",
    "bot/triage",
    "helpline/content/rasa_domain.py",
    "helpline/content/recognition_sets.py",
)


def recognition_sets(config: Path) -> list[str]:
    """The recognition sets the config's importer adds to the training data (they are training input)."""
    parsed = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    importers = parsed.get("importers") or []
    return [name for importer in importers for name in importer.get("recognition_sets") or []]


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
    return found


def fingerprint(config: Path) -> str:
    """A short hash of every input that changes the trained model."""
    digest = hashlib.sha256()
    inputs = [
        config,
        REPO_ROOT / DOMAIN,
        REPO_ROOT / RESPONSES,
        *(REPO_ROOT / p for p in TRAINING_DATA + CODE),
        *(REPO_ROOT / p for p in recognition_sets(config)),
    ]
    for path in _files(inputs):
        name = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path.name
        digest.update(str(name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# glibc's allocator, for the training process only: the classifiers' fits allocate and free arrays of
# 25-30 MB (3.3 million weights) hundreds of times, and above glibc's default threshold each one is mapped
# fresh from the kernel and faulted in page by page (about a third of the intent classifier's fit was
# system time). Kept in the heap instead, freed memory is reused. Numbers are unchanged; defaults only, so an
# operator's own setting in the environment wins.
TRAINING_MALLOC_DEFAULTS = {
    "MALLOC_MMAP_THRESHOLD_": str(32 * 1024 * 1024),
    "MALLOC_TRIM_THRESHOLD_": str(1 << 30),
}


def model_path(out_dir: Path, config: Path) -> Path:
    return out_dir / f"helpline-{config.stem}-{fingerprint(config)}.tar.gz"


def ensure_model(out_dir: Path, config: Path, log: Path | None = None) -> Path:
    """The trained model for the current inputs, training it first if it does not exist.

    With `log`, Rasa's training output goes to that file and the console gets a progress line every
    PROGRESS_EVERY seconds (and the log's end if training fails): no wall of library warnings."""
    target = model_path(out_dir, config)
    if target.exists():
        return target
    out_dir.mkdir(parents=True, exist_ok=True)
    print(
        f"Training a model for the current data ({target.name}); this takes a few minutes.", file=sys.stderr
    )
    data = [str(REPO_ROOT / p) for p in TRAINING_DATA if (REPO_ROOT / p).exists()]
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        str(config),
        "--domain",
        str(REPO_ROOT / DOMAIN),
        "--data",
        *data,
        "--out",
        str(out_dir),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
        # `make test` validates the same data with --fail-on-validation-warnings
        # (tests/integration/test_rasa_tools.py); here it cost 10-30 s of every training.
        "--skip-validation",
    ]
    env = {
        **TRAINING_MALLOC_DEFAULTS,
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    if log is None:
        subprocess.run(command, check=True, cwd=REPO_ROOT, env=env, stdout=sys.stderr)
    else:
        _train_quietly(command, env, log)
    if not target.exists():
        raise SystemExit(f"rasa train finished but {target} is missing")
    prune_older_models(out_dir, config, keep=target)
    return target


PROGRESS_EVERY = 20.0  # seconds between "still training" lines


def _train_quietly(command: list[str], env: dict[str, str], log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"  (Rasa's own output goes to {log})", file=sys.stderr, flush=True)
    quiet = {**env, "PYTHONWARNINGS": env.get("PYTHONWARNINGS", "ignore")}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=quiet, stdout=out, stderr=subprocess.STDOUT)
        started = time.monotonic()
        while True:
            try:
                code = process.wait(timeout=PROGRESS_EVERY)
                break
            except subprocess.TimeoutExpired:
                minutes, seconds = divmod(int(time.monotonic() - started), 60)
                print(f"  still training ({minutes} min {seconds:02d} s)...", file=sys.stderr, flush=True)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        print("\n".join(["Training failed; the end of its log:", *tail]), file=sys.stderr)
        raise subprocess.CalledProcessError(code, command)
    print("  model trained.", file=sys.stderr, flush=True)


def prune_older_models(out_dir: Path, config: Path, keep: Path, spare: int = 1) -> None:
    """Removes models of earlier data, keeping `keep` and the `spare` newest others."""
    older = sorted(
        (p for p in out_dir.glob(f"helpline-{config.stem}-*.tar.gz") if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in older[spare:]:
        path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO_ROOT / "models"))
    parser.add_argument("--config", default=str(REPO_ROOT / "bot" / "config.yml"))
    args = parser.parse_args()
    print(ensure_model(Path(args.out), Path(args.config).resolve()))


if __name__ == "__main__":
    main()
