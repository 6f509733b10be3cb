"""Entry point of the frozen build: the same ``villagedesk`` command as the installed script."""

import sys

from villagedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
