"""`python -m scripts.rasa_main run ...`: Rasa's command line, with its model loading made fast.

Rasa loads skops.io (the logistic-regression classifier's format) after TensorFlow has imported
some 5,800 modules, and skops then scans them all: 5.6 s of a cold start. Imported first, it scans
few; measured 0.4 s.
"""

import skops.io  # noqa: F401 - imported for its side effect, before Rasa
from rasa.__main__ import main

if __name__ == "__main__":
    main()
