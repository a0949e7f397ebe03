"""Application factory: `uvicorn dashboard.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from dashboard import health, simulator
from helpline.config import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Helpline dashboard", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.include_router(health.router)
    if not settings.is_production:
        app.include_router(simulator.router)
    return app
