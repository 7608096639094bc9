"""``python -m wagtail_gov_review.checks`` — see ``cli.py``."""

import sys

from .cli import main

sys.exit(main())
