"""The script PyInstaller freezes: start the `negotiator-gui` application."""

import sys

from negotiator_gui.launch import main

if __name__ == "__main__":
    sys.exit(main())
