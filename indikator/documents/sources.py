"""The text of a planning document, whatever file it comes in: PDF, Word or extracted text.

:func:`document_text` picks the reader by the file's suffix — ``.pdf``
(:mod:`indikator.documents.pdfdoc`, page geometry), ``.docx`` (:mod:`indikator.documents.worddoc`,
tables and Word equations), anything else UTF-8 text (one table row a line, cells separated by
tabs) — and returns the lines :func:`indikator.documents.textdoc.read_document` reads, with notes
about what could not be read (pages without a text layer).  A legacy ``.doc``/``.odt`` file is
refused with a message saying to save it as ``.docx`` or PDF.  It does not find tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indikator.core.errors import InputFileError
from indikator.core.i18n import Message

__all__ = ["DOCUMENT_SUFFIXES", "DocumentText", "document_text"]

DOCUMENT_SUFFIXES = (".pdf", ".docx")


@dataclass
class DocumentText:
    """Extracted text and the notes (localised messages) about what was not read."""

    text: str
    source: str
    notes: list[Message] = field(default_factory=list)


def document_text(path: str | Path) -> DocumentText:
    """The extracted text of the document at *path* (see the module docstring)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    if suffix == ".pdf":
        from indikator.documents.pdfdoc import pdf_text

        read = pdf_text(file)
        notes = []
        if read.pages_without_text:
            notes.append(Message("documents.pages_without_text", {
                "pages": ", ".join(map(str, read.pages_without_text)),
                "count": len(read.pages_without_text), "total": read.pages}))
        return DocumentText(read.text, str(file), notes)
    if suffix == ".docx":
        from indikator.documents.worddoc import docx_text

        return DocumentText(docx_text(file), str(file))
    if suffix in (".doc", ".odt", ".rtf"):
        raise InputFileError("documents.save_as_docx", path=str(file), suffix=suffix)
    from indikator.documents.files import read_text_file

    return DocumentText(read_text_file(file), str(file))
