"""The script PyInstaller freezes: start the `negotiator-gui` application."""

import sys

from negotiator_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
