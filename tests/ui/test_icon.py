"""The committed icon PNGs are the SVG rendered by packaging/render_icons.py (none left stale)."""

from __future__ import annotations

import importlib.util

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.conftest import REPO


def render_icons_module():
    spec = importlib.util.spec_from_file_location(
        "render_icons", REPO / "packaging" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [16, 48, 256])
def test_committed_png_matches_the_svg(qapp, tmp_path, monkeypatch, size):
    module = render_icons_module()
    committed = Image.open(module.png_path(size)).convert("RGBA")
    monkeypatch.setattr(module, "HICOLOR", tmp_path)  # render beside, not over, the PNGs
    fresh = Image.open(module.render(size)).convert("RGBA")
    assert fresh.size == committed.size == (size, size)
    difference = ImageStat.Stat(ImageChops.difference(fresh, committed)).mean
    assert max(difference) < 2, f"{size}px PNG is stale: run packaging/render_icons.py"
