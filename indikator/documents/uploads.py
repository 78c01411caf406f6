"""Read a realisation table from bytes (an upload, standard input), never from a caller's path.

:func:`read_realisation_bytes` checks the declared name's extension against the readers that
exist, guards workbooks (zip archives) against decompression bombs, writes the bytes to a
private temporary directory under a fixed name, reads them with
:func:`indikator.documents.realisation.read_realisation` and removes the copy.  Messages name the
file by its declared name (never the temporary path).  The declared name is only ever used for
its extension and in messages: no part of it reaches the file system.

It does not limit sizes or rows (callers choose their limits) and does not compute.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final

from indikator.core.errors import IndikatorError, InputFileError, TableError

if TYPE_CHECKING:
    from indikator.documents.realisation import RealisationTable

TABLE_SUFFIXES: Final = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
"""Extensions :func:`read_realisation_bytes` reads."""

ARCHIVE_SUFFIXES: Final = (".xlsx", ".xlsm", ".ods", ".docx")
"""Extensions that are zip archives, checked against decompression bombs before reading."""
TABLE_FILES: Final = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
"""Extensions a realisation table is read from (the CLI's ``compute``/``report``)."""
DOCUMENT_FILES: Final = (".pdf", ".docx")
"""Extensions a planning document is read from besides text."""
KNOWN_SUFFIXES: Final = (*TABLE_FILES, *DOCUMENT_FILES)
"""Every extension an upload may be copied under (the readers that exist)."""
DEFAULT_UNPACKED_LIMIT: Final = 64 * 1024 * 1024


def display_name(name: str | None, default: str = "tabel.csv") -> str:
    """The last part of a declared file name, without folders or control characters."""
    if not name:
        return default
    last = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in last if ch.isprintable())[:120].strip()
    return cleaned or default


def suffix_of(name: str, data: bytes) -> str:
    """The extension to read *data* as: the declared one, or ``.xlsx`` for a nameless zip and
    ``.csv`` for nameless text (standard input)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix:
        return suffix
    return ".xlsx" if data[:4] == b"PK\x03\x04" else ".csv"


def check_archive(data: bytes, name: str, limit: int = DEFAULT_UNPACKED_LIMIT) -> None:
    """Refuse a workbook that is not a zip archive or that unpacks to more than *limit* bytes
    (declared sizes, which the zip reader enforces while reading)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputFileError("serve.bad_archive", name=name, detail=str(exc)) from exc
    if unpacked > limit:
        raise InputFileError("serve.zip_bomb", name=name, size=unpacked, limit=limit)


def renamed(error: IndikatorError, private: Path, name: str) -> IndikatorError:
    """*error* raised on a private copy, its message naming the declared *name* instead."""
    params = dict(error.params)
    for key, value in params.items():
        if isinstance(value, str) and str(private) in value:
            params[key] = value.replace(str(private), name)
    out = type(error)(error.key, **params)
    out.__cause__ = error.__cause__
    return out


def checked_upload(data: bytes, name: str | None, allowed: tuple[str, ...],
                   unpacked_limit: int) -> tuple[str, str]:
    """The name to show for an upload declared as *name* and its extension, once the extension
    is one of *allowed*, the data is not blank and an archive is no decompression bomb."""
    shown = display_name(name)
    suffix = suffix_of(shown, data)
    if suffix not in allowed:
        raise TableError("serve.unsupported_upload", name=shown, allowed=", ".join(allowed))
    if not data.strip():
        raise InputFileError("cli.empty_file", path=shown)
    if suffix in ARCHIVE_SUFFIXES:
        check_archive(data, shown, unpacked_limit)
    return shown, suffix


@contextlib.contextmanager
def private_copy(data: bytes, suffix: str) -> Iterator[Path]:
    """*data* as ``upload<suffix>`` in a fresh private temporary folder, removed when the block
    ends.  *suffix* must be a known extension (:data:`KNOWN_SUFFIXES`): nothing of a declared
    name reaches the file system."""
    if suffix not in KNOWN_SUFFIXES:
        raise TableError("serve.unsupported_upload", name=suffix,
                         allowed=", ".join(KNOWN_SUFFIXES))
    with tempfile.TemporaryDirectory(prefix="indikator-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        yield path


def read_realisation_bytes(
    data: bytes, name: str | None, unpacked_limit: int = DEFAULT_UNPACKED_LIMIT
) -> RealisationTable:
    """The realisation table in *data*, declared as file *name* (its extension chooses the
    reader, see :data:`TABLE_SUFFIXES`; ``.ods`` goes through :mod:`indikator.documents.ods`).
    Raises :class:`IndikatorError` with the declared
    name in its message for an unsupported type, a damaged or oversized archive, or a table
    the reader refuses."""
    from indikator.documents.realisation import read_realisation

    shown, suffix = checked_upload(data, name, TABLE_SUFFIXES, unpacked_limit)
    if suffix == ".ods":  # LibreOffice Calc: read as the CSV text it would export
        from indikator.documents.ods import ods_to_csv

        data, suffix = ods_to_csv(data, shown).encode("utf-8"), ".csv"
    with private_copy(data, suffix) as private:
        try:
            table = read_realisation(private)
        except IndikatorError as error:
            raise renamed(error, private, shown) from error.__cause__
    table.path = shown
    return table
