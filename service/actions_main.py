"""`python -m service.actions_main --actions actions --port 5055`: rasa_sdk's action server, locked down.

rasa_sdk alone listens on every interface (SANIC_HOST, default 0.0.0.0) and runs any action for anyone
who can reach it: an unauthenticated POST could open a fake urgent handoff or run the delete action on
any conversation id. Here it listens on ACTIONS_HOST (127.0.0.1 unless set; the container deployment
sets 0.0.0.0 inside its private network) and answers only requests carrying the actions token in the
X-Helpline-Actions-Token header, which Rasa sends from the endpoints file (service/endpoints.py writes
it from HELPLINE_ACTIONS_TOKEN, else a value derived from HELPLINE_SECRET_KEY). GET /health stays open
for health checks and says nothing but "ok".
"""

from __future__ import annotations

import hmac
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sanic import Sanic, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from helpline.settings.config import Settings, load_settings  # noqa: E402
from service.endpoints import ACTIONS_TOKEN_HEADER  # noqa: E402

OPEN_PATHS = frozenset({"/health"})


def protect(app: Sanic, token: str) -> Sanic:
    """Refuses (401) every request but GET /health that lacks the token; constant-time comparison."""
    if not token:
        raise ValueError("the action server needs a token")
    expected = token.encode()

    @app.middleware("request")
    async def require_token(request: Request):
        if request.path in OPEN_PATHS and request.method in ("GET", "HEAD"):
            return None
        sent = request.headers.get(ACTIONS_TOKEN_HEADER, "").encode()
        if not hmac.compare_digest(sent, expected):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    return app


def install(settings: Settings) -> None:
    """Makes rasa_sdk's own start-up (arguments, logging, workers) build a protected app on our host."""
    from rasa_sdk import endpoint

    original = endpoint.create_app

    def create_app(*args, **kwargs) -> Sanic:
        return protect(original(*args, **kwargs), settings.actions_token)

    endpoint.create_app = create_app
    os.environ["SANIC_HOST"] = settings.actions_host


def main() -> None:
    install(load_settings())
    from rasa_sdk.__main__ import main as rasa_sdk_main

    rasa_sdk_main()


if __name__ == "__main__":
    main()
