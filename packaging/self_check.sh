#!/usr/bin/env bash
# Check a built Negotiator folder: --version, then open the sample project in the
# window offscreen, export a PDF and preview it; check the X11 (xcb) plugin finds
# its libraries, and when xvfb-run is there, run the check again on X11. Exits
# non-zero, saying what failed, if any step does.
# Usage: packaging/self_check.sh dist/Negotiator
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FOLDER="${1:?usage: self_check.sh FOLDER (the built dist/Negotiator)}"
FOLDER="$(cd "$FOLDER" 2>/dev/null && pwd)" || { echo "self-check: $1: no such folder" >&2; exit 1; }
PROGRAM="$FOLDER/negotiator-gui"
[ -x "$PROGRAM" ] || { echo "self-check: $PROGRAM: no such program (did the build fail?)" >&2; exit 1; }

expected="negotiator-gui $(cd "$ROOT" && python3 -c 'import re; print(re.search(r"__version__ = \"([^\"]+)\"", open("negotiator_gui/__init__.py").read())[1])')"
# Run from an empty folder so nothing of the checkout can be imported by mistake.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
got="$(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$PROGRAM" --version)" || {
    echo "self-check: $PROGRAM --version failed" >&2; exit 1; }
if [ "$got" != "$expected" ]; then
    echo "self-check: $PROGRAM --version says '$got', expected '$expected'" >&2
    exit 1
fi
echo "self-check: --version: $got"
env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$PROGRAM" --self-check || {
    echo "self-check: $PROGRAM --self-check failed (see above)" >&2; exit 1; }

# The X11 plugin is how the program shows on a desktop (Wayland sessions fall back
# to it): the xcb-* and xkbcommon libraries it needs must be in the folder, not only on
# this machine; if the build machine lacked one, PyInstaller only warned.
XCB="$FOLDER/_internal/PySide6/Qt/plugins/platforms/libqxcb.so"
if [ -f "$XCB" ] && command -v ldd >/dev/null; then
    missing="$(LD_LIBRARY_PATH="$FOLDER/_internal:$FOLDER/_internal/PySide6/Qt/lib" ldd "$XCB" |
               awk -v folder="$FOLDER/" '$1 ~ /^lib(xcb-|xkbcommon|X11-xcb)/ &&
                   index($3, folder) != 1 {print $1}' | sort -u | tr '\n' ' ')"
    if [ -n "$missing" ]; then
        echo "self-check: the folder lacks $missing(the xcb platform plugin needs them):" \
             "install them on the build machine (Debian: libxcb-icccm4 libxcb-keysyms1" \
             "libxcb-cursor0) and rebuild" >&2
        exit 1
    fi
    echo "self-check: the folder has the xcb libraries the X11 platform plugin needs"
fi
if command -v xvfb-run >/dev/null; then
    echo "self-check: again on a virtual X display (xvfb-run, QT_QPA_PLATFORM=xcb)"
    xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'env -i PATH=/usr/bin:/bin HOME="$1" \
        LANG=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" QT_QPA_PLATFORM=xcb \
        "$2" --self-check' sh "$work" "$PROGRAM" || {
        echo "self-check: $PROGRAM --self-check failed on X11 (see above)" >&2; exit 1; }
fi
