"""Every Python example in the README runs, as written, in a folder holding the seeds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT, SEEDS

BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def readme_examples() -> list[str]:
    return BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_python_examples():
    assert len(readme_examples()) >= 2


def test_readme_python_examples_run(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    # In order, in one folder: the first block imports, the later ones use its archive.
    for n, code in enumerate(readme_examples()):
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
        )
        assert result.returncode == 0, f"README example {n + 1} failed:\n{result.stderr}"
    assert (tmp_path / "data" / "archive.db").exists()
    assert (tmp_path / "isis.csv").exists()
