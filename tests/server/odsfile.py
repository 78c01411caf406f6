"""A small OpenDocument spreadsheet writer for the tests (what LibreOffice Calc saves, reduced
to what a reader needs: ``mimetype``, the manifest and ``content.xml`` with one sheet)."""

from __future__ import annotations

import io
import zipfile
from html import escape

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_bytes(rows: list[list[str]], trailing_empty_rows: int = 1_048_000) -> bytes:
    """An ``.ods`` file with *rows* as displayed texts, and the huge repeated empty row block
    LibreOffice writes to the end of a sheet."""
    body = []
    for row in rows:
        cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{escape(c)}'
                        f"</text:p></table:table-cell>" for c in row)
        body.append(f"<table:table-row>{cells}"
                    '<table:table-cell table:number-columns-repeated="1016"/></table:table-row>')
    body.append(f'<table:table-row table:number-rows-repeated="{trailing_empty_rows}">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               + "".join(body) + "</table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        archive.writestr("content.xml", content)
    return buffer.getvalue()
