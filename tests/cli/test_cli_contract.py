"""The CLI's promises that hold for every command: usage errors exit 2, help works."""

from __future__ import annotations

import subprocess
import sys

import pytest

from indikator.cli.app import main


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_unknown_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "indikator", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "indikator" in done.stdout
