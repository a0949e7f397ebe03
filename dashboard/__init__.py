"""The counsellor dashboard and its JSON API (FastAPI, server-rendered pages, no build step)."""
