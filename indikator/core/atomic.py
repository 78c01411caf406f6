"""Write output files atomically, and never over an input.

Every file the library or the command line writes (CSV, XLSX, JSON, TOML catalogues, charts,
narratives) goes through this module:

* the content is written to a temporary file **beside** the target (same folder, so the same
  file system), flushed and ``fsync``-ed, then moved over the target with :func:`os.replace`.
  A reader, a crash (``kill -9``), a full disk or a file-size limit therefore leaves either the
  old file or the new one, never a truncated mix; the temporary file is removed on failure;
* a target that is one of the inputs of the run (the same path, a symlink to it or a hard link:
  :func:`os.path.samefile`) is refused with :class:`~indikator.core.errors.InputFileError`
  ``files.output_is_input`` before anything is written, so no command can overwrite what it
  reads;
* a target that is an existing folder is refused (``cli.is_directory``) instead of being
  replaced.

Errors of the operating system while writing (a missing folder, no permission, ``EFBIG`` when
``RLIMIT_FSIZE`` is reached — Python ignores ``SIGXFSZ``, so the write fails with an error)
propagate as :class:`OSError` with the *target's* name, for the caller to turn into a message
(the CLI's ``writing()``).  This module does not create missing folders (callers that want
them use ``mkdir``), does not lock files against concurrent writers, and does not choose
formats.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from indikator.core.errors import InputFileError

__all__ = ["atomic_open", "atomic_path", "check_not_input", "write_bytes", "write_text"]

StrPath = str | os.PathLike[str]


def check_not_input(target: StrPath, inputs: Iterable[StrPath]) -> None:
    """Raise ``files.output_is_input`` when *target* is the same file as one of *inputs*.

    Same file means the same path after resolving symlinks, or the same inode (a hard link,
    a symlink to the input); inputs that do not exist are ignored.  A target that is an
    existing folder raises ``cli.is_directory``.
    """
    out = Path(target)
    if out.is_dir():
        raise InputFileError("cli.is_directory", path=str(out))
    for source in inputs:
        src = Path(source)
        if _same_file(out, src):
            raise InputFileError("files.output_is_input", path=str(out), input=str(src))


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


@contextlib.contextmanager
def atomic_path(target: StrPath, *, inputs: Iterable[StrPath] = ()) -> Iterator[Path]:
    """A temporary path beside *target* for a library that writes to a path (openpyxl's
    ``save``, matplotlib's ``savefig``); on normal exit it replaces *target*, on an exception it
    is removed and *target* is left as it was."""
    out = Path(target)
    check_not_input(out, inputs)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        _sync(temp)
        _keep_mode(out, temp)
        os.replace(temp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError) and exc.filename in (None, name, str(temp)):
            exc.filename = str(out)
        raise


@contextlib.contextmanager
def atomic_open(
    target: StrPath,
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
    inputs: Iterable[StrPath] = (),
) -> Iterator[IO[Any]]:
    """An open file (text ``"w"`` or binary ``"wb"``) whose content replaces *target* when the
    block ends without an exception; see the module docstring."""
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    with atomic_path(target, inputs=inputs) as temp:
        binary = mode == "wb"
        handle: IO[Any] = (
            temp.open("wb") if binary else temp.open("w", encoding=encoding, newline=newline)
        )
        try:
            yield handle
            handle.flush()
        finally:
            _close_quietly(handle)


def _close_quietly(handle: IO[Any]) -> None:
    """Close *handle*; when the flush on close fails (a full disk), close the descriptor anyway
    so no "Exception ignored … closed file" is printed later by the garbage collector."""
    try:
        handle.close()
    except OSError:
        with contextlib.suppress(OSError, ValueError):
            os.close(handle.fileno())
        with contextlib.suppress(OSError, ValueError):
            handle.close()
        raise


def write_text(
    target: StrPath, text: str, *, encoding: str = "utf-8", inputs: Iterable[StrPath] = ()
) -> Path:
    """Write *text* to *target* atomically; returns the target."""
    with atomic_open(target, "w", encoding=encoding, newline="", inputs=inputs) as handle:
        handle.write(text)
    return Path(target)


def write_bytes(target: StrPath, data: bytes, *, inputs: Iterable[StrPath] = ()) -> Path:
    """Write *data* to *target* atomically; returns the target."""
    with atomic_open(target, "wb", inputs=inputs) as handle:
        handle.write(data)
    return Path(target)


def _sync(path: Path) -> None:
    """Flush *path*'s content to the disk before it is renamed over the target."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_mode(old: Path, new: Path) -> None:
    """Give *new* the permissions of the file it replaces (else the usual 0o666 & ~umask),
    since ``mkstemp`` creates it readable by its owner only."""
    try:
        mode = old.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(new, mode)
