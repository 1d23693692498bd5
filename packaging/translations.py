"""Extract, update and compile the window's translations (see docs/translating.md).

    python packaging/translations.py update fr de   # make or refresh negotiator_fr.ts, _de.ts
    python packaging/translations.py update         # refresh every existing .ts
    python packaging/translations.py compile        # every .ts -> .qm (before packaging)

The sources are every module of negotiator_gui/ui and negotiator_gui/app.py (the only code
that shows text in the window); the catalogues live in resources/translations, named
negotiator_<language>.ts (the translators' files, kept in git) and negotiator_<language>.qm
(compiled, loaded at start-up by negotiator_gui/ui/translations.py; build outputs, not in
git). The tools are pyside6-lupdate and pyside6-lrelease, installed with PySide6; they are
looked for next to this Python, then on PATH.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from negotiator_gui.ui.translations import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "negotiator_gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")  # fr, pt_BR, zh_Hant


class ToolMissingError(RuntimeError):
    """pyside6-lupdate or pyside6-lrelease is not installed."""


def sources() -> list[Path]:
    """The Python files whose tr()/translate() texts are extracted."""
    return sorted((PACKAGE / "ui").glob("*.py")) + [PACKAGE / "app.py"]


def tool(name: str) -> str:
    """The path of a PySide6 tool (pyside6-lupdate ...), next to this Python or on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise ToolMissingError(f"{name} not found next to {sys.executable} or on PATH: "
                               "install PySide6 (pip install PySide6-Essentials)")
    return found


def ts_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    """resources/translations/negotiator_<language>.ts"""
    if not LANGUAGE.match(language):
        raise ValueError(f"{language!r} is not a language code such as fr, de or pt_BR")
    return folder / f"{CATALOGUE}_{language}.ts"


def update(ts_files: list[Path]) -> str:
    """Extract the texts of `sources()` into each .ts (made if new; translations kept,
    texts no longer in the code marked obsolete). Returns lupdate's report."""
    for ts in ts_files:
        ts.parent.mkdir(parents=True, exist_ok=True)
    command = [tool("pyside6-lupdate"), *map(str, sources()), "-ts", *map(str, ts_files)]
    return _run(command)


def compile_all(ts_files: list[Path]) -> list[Path]:
    """Compile each .ts into the .qm beside it; returns the .qm files."""
    made = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        _run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)])
        made.append(qm)
    return made


def existing(folder: Path = TRANSLATIONS) -> list[Path]:
    """The .ts catalogues there are."""
    return sorted(folder.glob(f"{CATALOGUE}_*.ts"))


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): "
                           f"{done.stderr.strip() or done.stdout.strip()}")
    return done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    """The command line; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("update", "compile"))
    parser.add_argument("languages", nargs="*", help="fr, de, pt_BR ... (default: every .ts)")
    args = parser.parse_args(argv)
    try:
        files = [ts_path(lang) for lang in args.languages] or existing()
        if not files:
            print("no catalogues yet: name a language, e.g. `update fr`", file=sys.stderr)
            return 1 if args.step == "update" else 0
        if args.step == "update":
            print(update(files), end="")
        else:
            for qm in compile_all(files):
                print(qm.relative_to(ROOT))
    except (ValueError, RuntimeError) as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
