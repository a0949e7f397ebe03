# One image for the three processes (Rasa server, action server, dashboard); the command picks one.
FROM python:3.10.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app TF_CPP_MIN_LOG_LEVEL=2
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir "pip==24.0" \
 && pip install --no-cache-dir --no-deps -r requirements.lock \
 && useradd --create-home --uid 10001 helpline

COPY bot bot
COPY data data
COPY content content
COPY actions actions
COPY channels channels
COPY dashboard dashboard
COPY helpline helpline
COPY service service
COPY scripts scripts
# The opened recognition sets are training data (bot/config.yml's importer); the rest of tests/ is not copied.
COPY tests/nlu tests/nlu
COPY migrations migrations
COPY alembic.ini ./

# The model is trained at build time, so every replica serves the same one.
RUN python -m service.model --out /app/models && chown -R helpline /app
USER helpline
