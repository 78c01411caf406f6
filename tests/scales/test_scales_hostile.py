"""Scale files and ratings from hostile input (issue 12 classes 13 and 14): a located message,
never "Kesalahan internal", and no numpy warning on stderr."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from indikator.cli.app import main
from indikator.core.errors import ScaleError
from indikator.scales.loading import load_scale_file
from indikator.scales.rating import rate

HEAD = 'name = "{name}"\ntitle = "t"\nsource = "s"\nconfidence = "confirmed"\n'


def _scale(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(HEAD.format(name=name) + body, encoding="utf-8")
    return path


def _cli(capsys: pytest.CaptureFixture[str], path: Path, name: str) -> tuple[int, str]:
    code = main(["--lang", "en", "scale", "rate", name, "5", "--scales", str(path)])
    return code, capsys.readouterr().err


def test_deeply_nested_arrays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _scale(tmp_path, "deep", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    code, err = _cli(capsys, path, "deep")
    assert code == 1 and "Internal error" not in err and "line 5, column 37" in err


def test_too_many_bands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bands = "".join(f'[[bands]]\ncode = "B{i}"\nlabel = "L{i}"\ninterval = "[{i}, {i + 1})"\n'
                    for i in range(33_000))
    path = _scale(tmp_path, "big", 'domain = "[0, 33000)"\n' + bands)
    code, err = _cli(capsys, path, "big")
    assert code == 1 and "Internal error" not in err and "33000 bands" in err


@pytest.mark.parametrize("rank", ["nan", "inf", "-inf", "1e400"])
def test_rank_not_a_number(tmp_path: Path, capsys: pytest.CaptureFixture[str], rank: str) -> None:
    path = _scale(tmp_path, "r", 'kind = "ordinal"\n[[bands]]\ncode = "A"\nlabel = "a"\n'
                  f'rank = {rank}\n[[bands]]\ncode = "B"\nlabel = "b"\nrank = 2\n')
    code, err = _cli(capsys, path, "r")
    assert code == 1 and "Internal error" not in err
    assert "band 1" in err and "rank" in err


@pytest.mark.parametrize("code_text", ['""', '"   "'])
def test_empty_band_code(tmp_path: Path, code_text: str) -> None:
    path = _scale(tmp_path, "e", 'domain = "[0, 100]"\n'
                  f'[[bands]]\ncode = {code_text}\nlabel = "a"\ninterval = "[0, 50)"\n'
                  '[[bands]]\ncode = "B"\nlabel = "b"\ninterval = "[50, 100]"\n')
    with pytest.raises(ScaleError) as caught:
        load_scale_file(path)
    assert "band 1" in caught.value.message("en") and "code" in caught.value.message("en")


@pytest.mark.parametrize("value", [1e308, -1e308, 1.7976931348623157e308])
def test_huge_values_rate_without_numpy_warnings(value: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rating = rate(value, "capaian")
    assert rating.rated or rating.reason is not None
    assert not math.isnan(value)


def test_cli_rate_1e308_prints_no_warning() -> None:
    done = subprocess.run([sys.executable, "-m", "indikator", "scale", "rate", "capaian",
                           "--", "1e308", "-1e308"], capture_output=True, text=True, timeout=60)
    assert done.stderr == "" and done.returncode == 0, done
