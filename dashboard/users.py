"""Operators' command line for dashboard accounts.

    python -m dashboard.users create --email ana@example.org --role counsellor --name "Ana"
    python -m dashboard.users list
    python -m dashboard.users set-password --email ana@example.org
    python -m dashboard.users deactivate --email ana@example.org

Passwords are read from HELPLINE_NEW_PASSWORD when set, else prompted for (twice, not echoed).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from dashboard import audit
from dashboard.accounts import ROLES, AccountError, AccountStore
from dashboard.security import SessionStore
from helpline.settings.config import ConfigError, load_settings
from helpline.store.db import make_engine


def read_password() -> str:
    password = os.environ.get("HELPLINE_NEW_PASSWORD")
    if password:
        return password
    first = getpass.getpass("Password (at least 12 characters): ")
    second = getpass.getpass("Repeat the password: ")
    if first != second:
        raise AccountError("the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.users", description="Dashboard accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create an account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True, help="display name shown to colleagues")
    create.add_argument("--role", choices=ROLES, default="counsellor")
    commands.add_parser("list", help="list accounts")
    password = commands.add_parser("set-password", help="set a new password")
    password.add_argument("--email", required=True)
    deactivate = commands.add_parser("deactivate", help="disable an account and end its sessions")
    deactivate.add_argument("--email", required=True)
    args = parser.parse_args(argv)

    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    store = AccountStore(engine)
    try:
        if args.command == "create":
            user = store.create(args.email, args.name, read_password(), role=args.role)
            audit.record(engine, "user_created", detail=f"user:{user.id} role:{user.role} cli")
            print(f"Created {user.role} {user.email} (id {user.id}).")
        elif args.command == "list":
            for user in store.list():
                state = "active" if user.active else "inactive"
                duty = ", on duty" if user.available else ""
                print(f"{user.id:>4}  {user.email:<40} {user.role:<11} {state}{duty}  {user.display_name}")
        else:
            user = store.by_email(args.email)
            if user is None:
                print(f"No account for {args.email}.", file=sys.stderr)
                return 1
            if args.command == "set-password":
                store.set_password(user.id, read_password())
                SessionStore(engine).delete_for_user(user.id)
                print(f"Password changed for {user.email}; their sessions were ended.")
            else:
                store.set_active(user.id, False)
                SessionStore(engine).delete_for_user(user.id)
                audit.record(engine, "user_deactivated", detail=f"user:{user.id} cli")
                print(f"Deactivated {user.email}.")
    except AccountError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
