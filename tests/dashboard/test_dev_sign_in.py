"""Issue 16, "a newcomer can sign in": `make run` on a fresh clone prints a development sign-in (a generated
password kept in var/, mode 0600) and keeps the libraries' warnings off the console. The whole `make run`
is not run here; its parts are."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dashboard.accounts import AccountStore
from dashboard.app import create_app
from dashboard.bootstrap import DEV_ADMIN_EMAIL, DEV_PASSWORD_FILE, ensure_dev_sign_in
from helpline.settings.config import load_settings
from helpline.store.db import make_engine
from service import model, serve


def engine_of(settings):
    return make_engine(settings.database_url)


def test_a_fresh_clone_gets_a_supervisor_with_a_generated_password_in_var(settings) -> None:
    engine = engine_of(settings)
    sign_in = ensure_dev_sign_in(settings, engine)
    assert sign_in is not None and sign_in.created and sign_in.email == DEV_ADMIN_EMAIL
    path = settings.var_dir / DEV_PASSWORD_FILE
    assert path.read_text() == sign_in.password and len(sign_in.password) >= 20
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    user = AccountStore(engine).authenticate(DEV_ADMIN_EMAIL, sign_in.password)
    assert user is not None and user.role == "supervisor"

    again = ensure_dev_sign_in(settings, engine)  # the next `make run`: the same sign-in, printed again
    assert again is not None and not again.created and again.password == sign_in.password

    # The printed sign-in opens the dashboard.
    client = TestClient(create_app(settings))
    reply = client.post("/api/login", json={"email": sign_in.email, "password": sign_in.password})
    assert reply.status_code == 200, reply.text


def test_two_fresh_clones_get_different_passwords(tmp_path: Path, monkeypatch, var_dir) -> None:
    passwords = set()
    for name in ("one", "two"):
        monkeypatch.setenv("HELPLINE_VAR_DIR", str(tmp_path / name))
        settings = load_settings()
        passwords.add(ensure_dev_sign_in(settings, engine_of(settings)).password)
    assert len(passwords) == 2


def test_no_development_sign_in_in_production_with_a_configured_admin_or_other_accounts(
    settings, monkeypatch
) -> None:
    from dataclasses import replace

    engine = engine_of(settings)
    assert ensure_dev_sign_in(replace(settings, env="production"), engine) is None
    configured = replace(settings, admin_email="lead@helpline.example", admin_password="x" * 16)
    assert ensure_dev_sign_in(configured, engine) is None
    AccountStore(engine).create("ana@helpline.example", "Ana", "correct horse battery staple")
    assert ensure_dev_sign_in(settings, engine) is None  # the team has its own accounts
    assert AccountStore(engine).by_email(DEV_ADMIN_EMAIL) is None


def test_a_changed_password_is_not_printed(settings) -> None:
    engine = engine_of(settings)
    assert ensure_dev_sign_in(settings, engine) is not None
    store = AccountStore(engine)
    store.set_password(store.by_email(DEV_ADMIN_EMAIL).id, "a brand new passphrase")
    assert ensure_dev_sign_in(settings, engine) is None  # the file no longer signs in: not printed


def test_the_banner_prints_the_sign_in(settings, capsys) -> None:
    sign_in = serve.development_sign_in(settings)
    serve.print_banner(settings, sign_in)
    out = capsys.readouterr().out
    assert DEV_ADMIN_EMAIL in out and sign_in.password in out and "http://localhost:8000/" in out
    assert str(settings.var_dir / DEV_PASSWORD_FILE) in out


def test_the_servers_start_without_library_warnings_unless_asked(settings, monkeypatch) -> None:
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    env = serve.quiet_environment(settings)
    assert env["PYTHONWARNINGS"] == "ignore" and env["LOG_LEVEL"] == "WARNING"
    assert env["TF_CPP_MIN_LOG_LEVEL"] == "2"
    monkeypatch.setenv("PYTHONWARNINGS", "default")
    assert serve.quiet_environment(settings)["PYTHONWARNINGS"] == "default"


def test_training_output_goes_to_its_log_not_the_console(tmp_path: Path, capfd) -> None:
    noisy = [sys.executable, "-c", "import warnings; warnings.warn('library noise'); print('epoch 1/100')"]
    log = tmp_path / "log" / "train.log"
    model._train_quietly(noisy, {"PATH": "/usr/bin:/bin"}, log)
    console = capfd.readouterr()
    assert "library noise" not in console.err + console.out and "epoch 1/100" not in console.err
    assert "epoch 1/100" in log.read_text() and "model trained" in console.err

    failing = [sys.executable, "-c", "import sys; print('the reason it failed'); sys.exit(3)"]
    with pytest.raises(subprocess.CalledProcessError):
        model._train_quietly(failing, {"PATH": "/usr/bin:/bin"}, log)
    assert "the reason it failed" in capfd.readouterr().err  # a failure shows the log's end


def test_the_development_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "helpline.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)  # a file from an earlier release is made private at the next start
    make_engine(f"sqlite:///{path}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
