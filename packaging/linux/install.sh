#!/usr/bin/env bash
# Per-user Linux desktop integration for Negotiator: the menu entry, the icon,
# the project file type (told by content) and the AppStream metadata, under
# ${XDG_DATA_HOME:-~/.local/share}. No root needed.
#
#   install.sh [--program PATH]   install (or update) for the current user
#   install.sh --uninstall        remove every file install.sh put in place
#
# Works from a source checkout (packaging/linux/install.sh; the program is the
# checkout's .venv/bin/negotiator-gui or the negotiator-gui on PATH) and from the
# PyInstaller folder (Negotiator/linux/install.sh; the program is Negotiator/negotiator-gui).
set -euo pipefail

APP_ID="org.negotiator.Negotiator"
ICON_SIZES="16 24 32 48 64 128 256 512"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"

die() { echo "install.sh: $*" >&2; exit 1; }

usage() {
    sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

find_program() {
    local candidate
    for candidate in "$HERE/../negotiator-gui" "$HERE/../../.venv/bin/negotiator-gui"; do
        if [ -x "$candidate" ] && [ -f "$candidate" ]; then
            (cd "$(dirname "$candidate")" && echo "$(pwd)/$(basename "$candidate")")
            return
        fi
    done
    command -v negotiator-gui || die "no negotiator-gui found beside this script, in \
$HERE/../../.venv/bin or on PATH; install the application first or pass --program PATH"
}

find_icons() {
    local candidate
    for candidate in "$HERE/../../resources/icons/hicolor" \
                     "$HERE/../_internal/negotiator_gui/resources/icons/hicolor"; do
        if [ -d "$candidate" ]; then
            echo "$candidate"
            return
        fi
    done
    die "no icons found (looked in $HERE/../../resources/icons and $HERE/../_internal)"
}

# A desktop-entry Exec value: the path, in double quotes when it holds a space.
exec_value() {
    case "$1" in
        *[\"\`\$\\]*) die "$1: the program's path holds a quote, \$ or \\; move it" ;;
        *[[:space:]]*) printf '"%s"' "$1" ;;
        *) printf '%s' "$1" ;;
    esac
}

refresh() {
    if command -v update-mime-database >/dev/null; then
        update-mime-database "$DATA/mime" || echo "install.sh: update-mime-database failed" >&2
    fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$DATA/applications" ||
            echo "install.sh: update-desktop-database failed" >&2
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor" ||
            echo "install.sh: gtk-update-icon-cache failed" >&2
    fi
}

# After an uninstall: rebuild the caches that still have something to list, and
# remove those that would now list nothing (update-mime-database alone fills mime/
# beside mime/packages, and the icon cache is all an emptied hicolor/ would hold).
refresh_left() {
    if [ -d "$DATA/mime/packages" ]; then
        command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime"
    else
        rm -rf "$DATA/mime"
    fi
    if [ "$(ls -A "$DATA/applications" 2>/dev/null)" = "mimeinfo.cache" ]; then
        rm -f "$DATA/applications/mimeinfo.cache"
        rmdir "$DATA/applications"
    elif [ -d "$DATA/applications" ] && command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$DATA/applications"
    fi
    if [ "$(ls -A "$DATA/icons/hicolor" 2>/dev/null)" = "icon-theme.cache" ]; then
        rm -f "$DATA/icons/hicolor/icon-theme.cache"
        rmdir "$DATA/icons/hicolor" "$DATA/icons" 2>/dev/null || true
    elif [ -d "$DATA/icons/hicolor" ] && command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -f -t "$DATA/icons/hicolor"
    fi
    return 0
}

installed_files() {
    local size
    echo "$DATA/applications/$APP_ID.desktop"
    echo "$DATA/metainfo/$APP_ID.metainfo.xml"
    echo "$DATA/mime/packages/$APP_ID.xml"
    echo "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $ICON_SIZES; do
        echo "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
}

install_all() {
    local program="$1" icons size
    [ -x "$program" ] || die "$program: not an executable program"
    icons="$(find_icons)"
    mkdir -p "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" \
             "$DATA/icons/hicolor/scalable/apps"
    sed -e "s|^Exec=negotiator-gui |Exec=$(exec_value "$program" | sed 's/[&|]/\\&/g') |" \
        -e "s|^TryExec=.*|TryExec=$(printf '%s' "$program" | sed 's/[&|]/\\&/g')|" \
        "$HERE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
    cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
    cp "$HERE/$APP_ID.mime.xml" "$DATA/mime/packages/$APP_ID.xml"
    cp "$icons/scalable/apps/$APP_ID.svg" "$DATA/icons/hicolor/scalable/apps/"
    for size in $ICON_SIZES; do
        mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
        cp "$icons/${size}x${size}/apps/$APP_ID.png" "$DATA/icons/hicolor/${size}x${size}/apps/"
    done
    refresh
    echo "Installed Negotiator ($program) for $USER_NAME in $DATA"
}

uninstall_all() {
    local file
    while read -r file; do
        rm -f "$file"
    done < <(installed_files)
    # Folders install.sh made and nothing else uses, then the caches of what is left.
    find "$DATA/icons/hicolor" "$DATA/mime/packages" "$DATA/applications" "$DATA/metainfo" \
        -depth -type d -empty -delete 2>/dev/null || true
    refresh_left
    echo "Removed Negotiator's desktop integration from $DATA"
}

USER_NAME="$(id -un 2>/dev/null || echo "${USER:-you}")"
action=install
program=""
while [ $# -gt 0 ]; do
    case "$1" in
        --uninstall) action=uninstall ;;
        --program) [ $# -ge 2 ] || die "--program needs a path"; program="$2"; shift ;;
        --program=*) program="${1#--program=}" ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument '$1' (use --help)" ;;
    esac
    shift
done

if [ "$action" = uninstall ]; then
    uninstall_all
else
    if [ -n "$program" ]; then
        program="$(realpath -m "$program")"
    else
        program="$(find_program)" || exit 1
    fi
    install_all "$program"
fi
