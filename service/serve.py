"""`make run`: the Rasa server, the action server and the dashboard in the foreground.

Trains a model first if none matches the data, waits until all three answer and every Rasa worker
(RASA_WORKERS) is warm (helpline.rasa_ext.warmup: model loaded, parses and a prediction done), prints where to
go, and stops everything on Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from helpline.rasa_ext.warmup import READY_DIR_VARIABLE, ready_workers  # noqa: E402
from helpline.settings.config import ConfigError, Settings, load_settings  # noqa: E402
from service.endpoints import write_endpoints  # noqa: E402
from service.model import ensure_model  # noqa: E402


def commands(settings: Settings, model: Path, endpoints: Path) -> dict[str, list[str]]:
    python = sys.executable
    return {
        # Listens on ACTIONS_HOST (127.0.0.1) and needs the actions token (service/actions_main.py).
        "actions": [
            python,
            "-m",
            "service.actions_main",
            "--actions",
            "actions",
            "--port",
            str(settings.actions_port),
        ],
        "rasa": [
            python,
            "-m",
            "service.rasa_main",
            "run",
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(REPO_ROOT / "bot" / "credentials.yml"),
            "--interface",
            "127.0.0.1" if not settings.is_production else "0.0.0.0",
            "--port",
            str(settings.rasa_port),
            "--enable-api",
            # The API token goes by environment (RASA_TOKEN, see child_environments), never on the
            # command line, which `ps` shows to every user.
        ],
        "dashboard": [
            python,
            "-m",
            "uvicorn",
            "dashboard.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1" if not settings.is_production else "0.0.0.0",
            "--port",
            str(settings.dashboard_port),
            "--no-access-log",
            "--no-proxy-headers",  # the app reads X-Real-IP from HELPLINE_TRUSTED_PROXIES only
            "--ws",
            "none",  # Rasa pins websockets 10, too old for uvicorn; SSE needs none
            "--timeout-graceful-shutdown",
            "3",  # open live-update streams must not hold up Ctrl-C
        ],
    }


def child_environments(settings: Settings, warm_dir: Path) -> dict[str, dict[str, str]]:
    """Each process's own variables. Rasa reads Sanic's SANIC_WORKERS; service/rasa_main.py turns
    RASA_TOKEN into Rasa's --auth-token inside the process (a command line is public, `ps`)."""
    return {
        "rasa": {
            "SANIC_WORKERS": str(settings.rasa_workers),
            READY_DIR_VARIABLE: str(warm_dir),
            "RASA_TOKEN": settings.rasa_token,
        }
    }


def health_urls(settings: Settings) -> dict[str, str]:
    return {
        "actions": f"http://127.0.0.1:{settings.actions_port}/health",
        "rasa": f"http://127.0.0.1:{settings.rasa_port}/webhooks/twilio/",
        "dashboard": f"http://127.0.0.1:{settings.dashboard_port}/healthz",
    }


def ready_dir(settings: Settings) -> Path:
    """Where each Rasa worker writes its marker once warm; emptied before Rasa starts."""
    folder = settings.var_dir / "run" / "rasa-ready"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        stale.unlink()
    return folder


def wait_until_healthy(
    urls: dict[str, str],
    processes: dict[str, subprocess.Popen],
    timeout: float,
    warm: tuple[Path, int] | None = None,
) -> None:
    """Every URL answers 200 and, with `warm` (folder, workers), that many Rasa workers are warm."""
    pending = dict(urls)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if warm is not None and len(ready_workers(warm[0])) >= warm[1]:
            warm = None
        if not pending and warm is None:
            break
        if warm is not None and processes["rasa"].poll() is not None:
            raise RuntimeError(f"rasa exited with code {processes['rasa'].returncode}")
        for name, url in list(pending.items()):
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with code {processes[name].returncode}")
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        del pending[name]
            except OSError:
                pass
        time.sleep(0.5)
    if pending or warm is not None:
        waiting = list(pending)
        if warm is not None:
            waiting.append(f"rasa workers warm ({len(ready_workers(warm[0]))}/{warm[1]})")
        raise RuntimeError("not ready in time: " + ", ".join(waiting))


def stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-dir", default=str(REPO_ROOT / "models"))
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    args = parser.parse_args()
    os.umask(0o077)  # every file the helpline and its children create is this user's only
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    if not settings.is_production:
        try:  # the development databases and secrets: their owner only
            settings.var_dir.mkdir(parents=True, exist_ok=True)
            settings.var_dir.chmod(0o700)
        except OSError as error:
            step(f"Could not make {settings.var_dir} private: {error.strerror}")
    step("Checking the model (the first run trains one: a few minutes)...")
    model = ensure_model(
        Path(args.model_dir), REPO_ROOT / "bot" / "config.yml", log=settings.var_dir / "log" / "train.log"
    )
    endpoints = write_endpoints(settings)
    sign_in = development_sign_in(settings)
    env = quiet_environment(settings)
    step("Starting the assistant, the action server and the dashboard...")
    warm_dir = ready_dir(settings)
    own_env = child_environments(settings, warm_dir)
    processes = {
        name: subprocess.Popen(command, cwd=REPO_ROOT, env={**env, **own_env.get(name, {})})
        for name, command in commands(settings, model, endpoints).items()
    }
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        wait_until_healthy(
            health_urls(settings), processes, args.ready_timeout, warm=(warm_dir, settings.rasa_workers)
        )
        print_banner(settings, sign_in)
        while all(p.poll() is None for p in processes.values()):
            time.sleep(0.5)
        failed = [name for name, p in processes.items() if p.poll() is not None]
        print(f"Stopping: {', '.join(failed)} exited.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the helpline...", file=sys.stderr)
        return 0
    except RuntimeError as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        stop(processes)


def step(message: str) -> None:
    """A progress line on the first-run console."""
    print(message, file=sys.stderr, flush=True)


def quiet_environment(settings: Settings) -> dict[str, str]:
    """The servers' environment: the helpline's own logs stay, the libraries' deprecation and
    TensorFlow chatter go (set PYTHONWARNINGS or LOG_LEVEL yourself to see them again)."""
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "HELPLINE_ENV": settings.env,
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        "PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS", "ignore"),
    }


def development_sign_in(settings: Settings):
    """The dashboard sign-in to print in development (dashboard/bootstrap.py), or None."""
    if settings.is_production:
        return None
    from dashboard.bootstrap import ensure_dev_sign_in
    from helpline.store.db import engine_for

    try:
        return ensure_dev_sign_in(settings, engine_for(settings.database_url))
    except Exception as error:  # noqa: BLE001 - the helpline still starts; the banner says how to sign in
        step(f"Could not prepare the development sign-in: {type(error).__name__}")
        return None


def sign_in_lines(settings: Settings, sign_in) -> list[str]:
    if sign_in is not None:
        return [
            f"  Sign in:          {sign_in.email}",
            f"  Password:         {sign_in.password}",
            f"                    (development only; kept in {sign_in.password_file}, mode 0600)",
        ]
    if settings.admin_email:
        return [f"  Sign in:          {settings.admin_email} (HELPLINE_ADMIN_PASSWORD)"]
    return ["  Sign in:          with your dashboard account"]


def print_banner(settings: Settings, sign_in=None) -> None:
    dashboard = f"http://localhost:{settings.dashboard_port}"
    outbound = "Twilio REST" if settings.twilio_configured else "local outbox (no TWILIO_ACCOUNT_SID)"
    lines = ["", "The helpline is running (Ctrl-C stops everything).", f"  Dashboard:        {dashboard}/"]
    lines += sign_in_lines(settings, sign_in)
    if not settings.is_production:
        lines.append(f"  Texter simulator: {dashboard}/simulator")
    lines.append(f"  Web chat:         {dashboard}/chat")
    lines += [
        f"  Twilio webhook:   {settings.public_url}/webhooks/twilio/webhook",
        f"  Status callback:  {settings.public_url}/webhooks/twilio/status",
        f"  Outbound:         {outbound}",
        f"  Rasa workers:     {settings.rasa_workers}, each warm (model loaded, parsed and predicted once)",
        "",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
