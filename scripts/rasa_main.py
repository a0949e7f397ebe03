"""`python -m scripts.rasa_main run ...`: Rasa's command line, with its model loading made fast and
every server process warm before it takes a message.

Rasa loads skops.io (the logistic-regression classifier's format) after TensorFlow has imported
some 5,800 modules, and skops then scans them all: 5.6 s of a cold start. Imported first, it scans
few; measured 0.4 s.

helpline.warmup: each worker parses and predicts once (and opens its connections) before it accepts
connections, and writes a marker into RASA_READY_DIR when set (scripts/serve.py waits for all).
"""

import os

import skops.io  # noqa: F401 - imported for its side effect, before Rasa
from rasa.__main__ import main

from helpline import warmup

if __name__ == "__main__":
    if os.environ.get("PYTHONWARNINGS") == "ignore":  # `make run` (scripts/serve.py): a quiet console
        # Rasa re-enables each UserWarning "once" at start, over the interpreter's filter.
        import rasa.utils.common

        rasa.utils.common._filter_warnings = lambda *args, **kwargs: None
    warmup.install()
    main()
