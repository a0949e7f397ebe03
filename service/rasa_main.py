"""`python -m service.rasa_main run ...`: Rasa's command line, with its model loading made fast and
every server process warm before it takes a message.

The intent classifiers keep their weights as plain arrays (bot/components/intent_classifier.py), so
loading the model imports no skops.io, whose import scans every module TensorFlow loaded (5.6 s of a
cold start). A model saved before the ninth round, with skops files, still loads, that much slower;
`make run` never serves one, since any change to the components' code retrains.

helpline.rasa_ext.install(): every extension of Rasa (helpline/rasa_ext/), among them the warm-up: each
worker parses and predicts once (and opens its connections) before it accepts connections, and writes a
marker into RASA_READY_DIR when set (service/serve.py waits for all).

The HTTP API token: Rasa only reads it from `--auth-token`, and a command line is visible to every
user of the machine (`ps`). `run` without `--auth-token` takes it from the RASA_TOKEN environment
variable instead (a process's environment is readable by its own user only); it is added to the
arguments inside this process, which `ps` does not show.
"""

import os
import sys

from rasa.__main__ import main

from helpline import rasa_ext


def with_auth_token(argv: list[str], environ: dict[str, str]) -> list[str]:
    """`argv` plus `--auth-token` from RASA_TOKEN for `rasa run`, unless already given."""
    token = environ.get("RASA_TOKEN", "")
    if len(argv) < 2 or argv[1] != "run" or not token:
        return argv
    if any(arg == "--auth-token" or arg.startswith("--auth-token=") for arg in argv):
        return argv
    # One argument: a generated token may start with "-", which argparse would take for an option.
    return [*argv, f"--auth-token={token}"]


if __name__ == "__main__":
    if os.environ.get("PYTHONWARNINGS") == "ignore":  # `make run` (service/serve.py): a quiet console
        # Rasa re-enables each UserWarning "once" at start, over the interpreter's filter.
        import rasa.utils.common

        rasa.utils.common._filter_warnings = lambda *args, **kwargs: None
    sys.argv = with_auth_token(sys.argv, dict(os.environ))
    from channels.services import warmed_services

    rasa_ext.install(load_services=warmed_services)  # every extension; the channels' services are warmed too
    main()
