"""``indikator verify`` leaves the user's working directory as it was (issue 12 class 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_verify_writes_nothing_into_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("A / B x 100\n(A - B) / B x 100\nA - B\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    done = subprocess.run([sys.executable, "-m", "indikator", "verify", "f.txt", "--examples",
                           "30"], cwd=tmp_path, capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]
