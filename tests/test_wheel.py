"""The built wheel carries grammar/ and definitions/ and its CLI works from a clean venv.

Builds the wheel with the installed hatchling (no build isolation), installs it into a fresh
virtual environment (dependencies from the package index, as a user would get them) and runs the
``indikator`` script from there, outside the source tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("indikator-*.whl"))


def test_wheel_ships_grammar_and_definitions(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "indikator/_data/grammar/indikator.lark" in names
    assert any(n.startswith("indikator/_data/definitions/scales/") for n in names)
    assert any(n.startswith("indikator/_data/examples/kota-serang/") for n in names)
    assert any(n.startswith("indikator/core/locale/") for n in names)


def test_cli_runs_from_a_clean_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True)
    script = env_dir / "bin" / "indikator"
    done = subprocess.run(
        [str(script), "parse", "--json", "Jumlah A yang dilaksanakan / Jumlah A x 100%"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["ok"] is True
    assert payload["result"]["ratio"]["factor"] == 100
    rated = subprocess.run(
        [str(script), "scale", "rate", "--json", "akip", "80,68"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert rated.returncode == 0, rated.stderr
    assert json.loads(rated.stdout)["result"]["ratings"][0]["code"] == "A"
    demo = subprocess.run(
        [str(script), "demo", "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "out" / "pengukuran-kinerja.xlsx").stat().st_size > 5_000
    assert list((tmp_path / "out" / "grafik").glob("*.png"))
