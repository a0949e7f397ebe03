"""`python -m scripts.deploy_check` (what `make deploy-check` runs)."""

import sys

from scripts.deploy_check.main import main

sys.exit(main())
