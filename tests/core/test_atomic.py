"""Atomic writes (issue 12 class 4): a crash or a failing disk never leaves a half file and never
destroys the good file that was there; an output is never written over an input (class 3)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indikator.core.atomic import atomic_open, atomic_path, check_not_input, write_bytes, write_text
from indikator.core.errors import InputFileError


def test_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old content that is longer", encoding="utf-8")
    write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_an_exception_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text('{"good": true}\n', encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write('{"half": ')
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == '{"good": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_permissions_of_the_replaced_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o644)
    write_text(target, "b")
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    write_text(target, "b")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_kill_9_during_a_save_leaves_the_good_file(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"GOOD WORKBOOK")
    script = textwrap.dedent(f"""
        import sys, time
        from indikator.core.atomic import atomic_open
        with atomic_open({str(target)!r}, "wb") as handle:
            handle.write(b"HALF" * 100_000)
            handle.flush()
            print("writing", flush=True)
            time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    assert target.read_bytes() == b"GOOD WORKBOOK"


def test_file_size_limit_keeps_the_good_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"GOOD")
    script = textwrap.dedent(f"""
        import resource
        from indikator.core.atomic import write_bytes
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        try:
            write_bytes({str(target)!r}, b"x" * 100_000)
        except OSError as exc:
            print("refused", exc.errno, exc.filename)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.split()[:2] == ["refused", "27"], done
    assert done.stdout.split()[2] == str(target)  # the error names the target, not the temp
    assert done.stderr == ""
    assert target.read_bytes() == b"GOOD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
    assert resource.getrlimit(resource.RLIMIT_FSIZE)  # the test process is not limited


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "dotted"])
def test_an_input_is_never_an_output(tmp_path: Path, how: str) -> None:
    source = tmp_path / "table.csv"
    source.write_text("indikator;target;realisasi\n", encoding="utf-8")
    if how == "same":
        out = source
    elif how == "symlink":
        out = tmp_path / "link.csv"
        out.symlink_to(source)
    elif how == "hardlink":
        out = tmp_path / "hard.csv"
        os.link(source, out)
    else:
        out = tmp_path / "sub" / ".." / "table.csv"
        (tmp_path / "sub").mkdir()
    with pytest.raises(InputFileError) as caught:
        write_bytes(out, b"overwritten", inputs=[source])
    assert caught.value.key == "files.output_is_input"
    assert "table.csv" in caught.value.message("en")
    assert source.read_text(encoding="utf-8") == "indikator;target;realisasi\n"


def test_a_folder_is_not_replaced(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as caught:
        check_not_input(tmp_path, [])
    assert caught.value.key == "cli.is_directory"
    with pytest.raises(InputFileError), atomic_path(tmp_path):
        pass
