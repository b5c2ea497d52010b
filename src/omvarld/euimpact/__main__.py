"""``python -m omvarld.euimpact``: the same command line as ``omvarld``."""

import sys

from omvarld.euimpact.cli import main

if __name__ == "__main__":
    sys.exit(main())
