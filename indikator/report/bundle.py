"""The whole report in one call: workbook, charts and narrative text into one folder.

:func:`write_report` is what ``indikator demo`` and ``compute --out DIR`` callers need: it writes

- ``pengukuran-kinerja.xlsx`` (``performance-measurement.xlsx`` in English), see
  :mod:`indikator.report.workbook`;
- ``grafik/`` (``charts/``): the capaian charts of :mod:`indikator.report.charts`;
- ``narasi.txt`` (``narrative.txt``): one paragraph per indicator, see
:mod:`indikator.report.narrative`;

and returns their paths.  It only arranges files; every piece is made by its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from indikator.core.atomic import write_text
from indikator.core.i18n import normalise_lang

__all__ = ["ReportFiles", "write_report"]

_NAMES = {
    "id": ("pengukuran-kinerja.xlsx", "grafik", "narasi.txt"),
    "en": ("performance-measurement.xlsx", "charts", "narrative.txt"),
}


@dataclass(frozen=True)
class ReportFiles:
    """Where :func:`write_report` put things."""

    workbook: Path
    narrative: Path
    charts: list[Path] = field(default_factory=list)

    def all(self) -> list[Path]:
        """Every written file: workbook, narrative, then the charts."""
        return [self.workbook, self.narrative, *self.charts]


def write_report(
    out_dir: str | Path,
    results: object,
    findings: object = None,
    unread: object = None,
    *,
    scales: Mapping[str, object] | Iterable[object] | None = None,
    lang: str | None = "id",
    charts: bool = True,
) -> ReportFiles:
    """Write the workbook, the charts (unless *charts* is false) and the narrative to *out_dir*."""
    from indikator.report.charts import write_charts
    from indikator.report.narrative import paragraphs
    from indikator.report.workbook import write_workbook

    language = normalise_lang(lang)
    book_name, chart_dir, text_name = _NAMES[language]
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    # a one-shot iterable of scales must serve both the workbook and the charts
    given: Mapping[str, object] | list[object] = (
        scales if isinstance(scales, Mapping) else list(scales or ())
    )
    book = write_workbook(directory / book_name, results, findings, unread, scales=given,
                          lang=language)
    text = directory / text_name
    story = paragraphs(results, language, scales=given)
    write_text(text, "\n\n".join(story.values()) + "\n")
    pictures = (
        write_charts(results, directory / chart_dir, scales=given, lang=language) if charts else []
    )
    return ReportFiles(workbook=book, narrative=text, charts=pictures)
