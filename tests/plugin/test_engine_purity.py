"""The engine imports and runs without Django.

Each engine module is imported in a fresh interpreter in which Django, Wagtail and the
other web packages cannot be imported at all, so an import of any of them (direct, or
through a comparisons module outside the engine) fails the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the checkout
ENGINE = ROOT / "comparisons" / "engine"
BLOCKED = ("django", "wagtail", "modelcluster", "ninja", "taggit", "treebeard")

# Runs in the child interpreter: refuse the blocked packages, import the module given as
# argv[1] from the checkout at argv[2], then list any comparisons module outside the engine that came along with it.
CHILD = f"""
import importlib, importlib.abc, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ImportError(f"{{name}} may not be imported here")
        return None

sys.meta_path.insert(0, Refuse())
sys.path.insert(0, sys.argv[2])
importlib.import_module(sys.argv[1])
outside = sorted(
    m for m in sys.modules
    if m.startswith("comparisons.") and not m.startswith("comparisons.engine")
)
if outside:
    sys.exit("imported outside the engine: " + ", ".join(outside))
"""


def engine_modules() -> list[str]:
    return sorted(
        "comparisons.engine" if path.stem == "__init__" else f"comparisons.engine.{path.stem}"
        for path in ENGINE.glob("*.py")
    )


def run_without_django(module: str) -> subprocess.CompletedProcess[str]:
    # -I: no PYTHONPATH, no user site, no current directory; only the checkout is added.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code, our module names
        [sys.executable, "-I", "-c", CHILD, module, str(ROOT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_engine_module_is_checked():
    modules = engine_modules()
    assert {"comparisons.engine.values", "comparisons.engine.pricing"} <= set(modules)
    assert len(modules) >= 10


@pytest.mark.parametrize("module", engine_modules())
def test_engine_module_imports_without_django(module):
    result = run_without_django(module)
    assert result.returncode == 0, result.stderr


def test_the_child_interpreter_really_cannot_import_django():
    result = run_without_django("django.db")
    assert result.returncode != 0
    assert "django may not be imported here" in result.stderr


def test_a_module_outside_the_engine_is_reported():
    result = run_without_django("comparisons.facts")
    assert result.returncode != 0
    assert "may not be imported here" in result.stderr
