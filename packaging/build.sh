#!/usr/bin/env bash
# Build the standalone application folder dist/Negotiator (PyInstaller, onedir) and
# run the built program's self-check. Usage, from anywhere:
#   packaging/build.sh [PYTHON]     # PYTHON: a venv's python (default: .venv/bin/python)
# The venv gets PyInstaller through the project's `packaging` extra.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${1:-$ROOT/.venv/bin/python}"
DIST="$ROOT/dist"

echo "== installing the packaging extra into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
"$PYTHON" -m pip install --quiet -e "$ROOT[packaging]"
if [ -f "$ROOT/packaging/translations.py" ]; then
    echo "== compiling the translations (resources/translations/*.ts -> .qm)"
    "$PYTHON" "$ROOT/packaging/translations.py" compile
fi
echo "== building $DIST/Negotiator"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/negotiator.spec"
echo "== built in $(( $(date +%s) - start )) s; size $(du -sh "$DIST/Negotiator" | cut -f1)"
"$ROOT/packaging/self_check.sh" "$DIST/Negotiator"
