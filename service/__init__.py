"""How the helpline is started: its product entry points, each run as `python -m service.<name>`.

- `serve`: `make run`, the Rasa server, the action server and the dashboard in the foreground;
- `rasa_main`: the Rasa server with every extension of Rasa installed (helpline/rasa_ext/);
- `actions_main`: the action server behind its token check;
- `endpoints`: writes Rasa's endpoints file from the environment;
- `rasa_ready`: the Rasa pods' readiness probe;
- `model`: trains the model when none matches the data (`make train`).

Benchmarks and tools stay in `scripts/`."""
