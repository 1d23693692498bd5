#!/usr/bin/env bash
# Check a built Negotiator folder: --version, then open the sample project in the
# window offscreen, export a PDF and preview it. Exits non-zero, saying what
# failed, if any step does. Usage: packaging/self_check.sh dist/Negotiator
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
