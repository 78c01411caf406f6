"""PNG charts: real files, one per indicator plus overview, bands of the scale shaded."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from indikator.report.bandstyle import palette, scale_view
from indikator.report.charts import chart_values, figure_capaian, figure_values, write_charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

CAPAIAN_SCALE: dict[str, Any] = {
    "name": "capaian",
    "title": "Capaian kinerja, 5 kategori",
    "bands": [
        {"code": "ST", "label": "Sangat Tinggi", "lower": 91, "upper": 100},
        {"code": "T", "label": "Tinggi", "lower": 76, "upper": 90},
        {"code": "S", "label": "Sedang", "lower": 66, "upper": 75},
        {"code": "R", "label": "Rendah", "lower": 51, "upper": 65},
        {"code": "SR", "label": "Sangat Rendah", "lower": None, "upper": 50},
    ],
}
AKIP_SCALE: dict[str, Any] = {
    "name": "akip",
    "title": "Evaluasi AKIP",
    "bands": [
        {"code": code, "label": label, "lower": lower, "upper": upper, "lower_closed": lower == 0}
        for code, label, lower, upper in [
            ("AA", "Sangat Memuaskan", 90, 100), ("A", "Memuaskan", 80, 90),
            ("BB", "Sangat Baik", 70, 80), ("B", "Baik", 60, 70),
            ("CC", "Cukup (Memadai)", 50, 60), ("C", "Kurang", 30, 50),
            ("D", "Sangat Kurang", 0, 30),
        ]
    ],
}


def _rows() -> list[dict[str, Any]]:
    rows = [
        {"indikator": "Persentase dokumen perencanaan tepat waktu", "tahun": year,
         "capaian": value, "kategori": code, "skala": "capaian"}
        for year, value, code in [(2021, 60.0, "R"), (2019, 95.2, "ST"), (2020, math.nan, None)]
    ]
    rows.append({"indikator": "Jumlah dokumen (tanpa skala)", "tahun": 2021, "capaian": 184.75,
                 "kategori": None, "skala": None})
    return rows


def _bands(figure: Any) -> list[str]:
    return sorted(
        patch.get_gid() for ax in figure.axes for patch in ax.patches
        if str(patch.get_gid()).startswith("band:")
    )


def _is_png(path: Path, min_bytes: int = 10_000) -> bool:
    return path.read_bytes()[:8] == PNG_SIGNATURE and path.stat().st_size > min_bytes


def _pixels_near(path: Path, hex_colour: str, alpha: float = 0.45, tolerance: int = 6) -> int:
    """How many pixels show *hex_colour* blended at *alpha* over white."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)], dtype=float)
    blended = 255 * (1 - alpha) + rgb * alpha
    image = np.asarray(Image.open(path).convert("RGB"), dtype=float)
    return int((np.abs(image - blended).max(axis=2) <= tolerance).sum())


def test_write_charts_writes_one_png_per_indicator_and_an_overview(tmp_path: Path) -> None:
    paths = write_charts(_rows(), tmp_path / "grafik", scales={"capaian": CAPAIAN_SCALE})
    names = [path.name for path in paths]
    assert names == [
        "capaian-01-persentase-dokumen-perencanaan-tepat-waktu.png",
        "capaian-02-jumlah-dokumen-tanpa-skala.png",
        "capaian-ringkasan.png",
    ]
    assert all(_is_png(path) for path in paths)
    width, height = Image.open(paths[0]).size
    assert width >= 700 and height >= 400
    # the shaded bands are really in the pixels: best band green, worst band red
    best, worst = palette(5)[0], palette(5)[-1]
    assert _pixels_near(paths[0], best) > 2_000
    assert _pixels_near(paths[0], worst) > 10_000
    # the indicator without a scale has no shading
    assert _pixels_near(paths[1], worst) < 50


def test_capaian_figure_shades_each_band_and_orders_years() -> None:
    rows = [row for row in _rows() if row["skala"] == "capaian"]
    figure = figure_capaian(rows, CAPAIAN_SCALE)
    assert _bands(figure) == sorted(f"band:{b['code']}" for b in CAPAIAN_SCALE["bands"])
    ax = figure.axes[0]
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["2019", "2020", "2021"]
    texts = [text.get_text() for text in ax.texts]
    assert "95,20\nST" in texts and "60,00\nR" in texts and "tidak dihitung" in texts
    assert "SR Sangat Rendah" in texts  # band labels at the right
    assert ax.get_title().startswith("Capaian Persentase dokumen")
    assert ax.get_ylim()[1] > 100


def test_capaian_figure_in_english_without_scale() -> None:
    figure = figure_capaian(_rows()[3:], None, lang="en")
    ax = figure.axes[0]
    assert _bands(figure) == []
    assert ax.get_title().startswith("Achievement: Jumlah dokumen")
    assert ax.get_ylabel() == "Achievement (%)" and ax.get_xlabel() == "Year"
    assert ax.get_ylim()[1] > 184.75


def test_values_chart_like_tabel_7_1(tmp_path: Path) -> None:
    years = [2018, 2019, 2020, 2021, 2022, 2023]
    values = [52.31, 54.64, 55.33, 61.00, 62.00, 63.00]
    kinds = ["realisasi"] * 3 + ["target"] * 3
    figure = figure_values("Nilai Evaluasi AKIP", years, values, AKIP_SCALE, kinds=kinds,
                           end_target="BB", categories=["CC"] * 3 + ["B"] * 3)
    ax = figure.axes[0]
    assert len(_bands(figure)) == 7
    outline = [p for p in ax.patches if p.get_gid() == "end-target"]
    assert len(outline) == 1
    (x0, y0), (x1, y1) = outline[0].get_path().get_extents(outline[0].get_transform()).get_points()
    bottom, top = sorted(ax.transData.inverted().transform([(x0, y0), (x1, y1)])[:, 1])
    assert bottom == pytest.approx(70, abs=0.5) and top == pytest.approx(80, abs=0.5)
    texts = [text.get_text() for text in ax.texts]
    assert "52,31\nCC" in texts and "Target akhir: BB Sangat Baik" in texts
    hatched = [p for p in ax.patches if p.get_hatch() == "///"]
    assert len(hatched) == 3  # the three target years

    path = chart_values(tmp_path / "akip.png", "Nilai Evaluasi AKIP", years, values, AKIP_SCALE,
                        kinds=kinds, end_target="BB", lang="en")
    assert _is_png(path)
    assert _pixels_near(path, palette(7)[4]) > 2_000  # the CC band is visible


def test_values_chart_with_numeric_end_target_and_ordinal_scale() -> None:
    figure = figure_values("Nilai LPPD", [2018, 2019], [3.2346, 3.4365],
                           {"name": "lppd", "bands": [
                               {"code": "ST", "label": "Sangat Tinggi", "lower": 3, "upper": 4},
                               {"code": "T", "label": "Tinggi", "lower": 2, "upper": 3,
                                "upper_closed": False}]},
                           end_target=3.46, lang="en")
    ax = figure.axes[0]
    assert [line.get_ydata()[0] for line in ax.lines if line.get_gid() == "end-target"] == [3.46]
    texts = [text.get_text() for text in ax.texts]
    assert "End target: 3.4600" in texts and "3.2346" in texts  # decimals the values need
    assert ax.get_ylim()[1] <= 5  # the axis follows the scale's own domain (0–4)
    ordinal = figure_values("Opini BPK", [2020], ["WTP"],
                            {"name": "opini-bpk", "bands": [{"code": "WTP"}, {"code": "WDP"}]})
    assert _bands(ordinal) == []


def test_indicator_rated_on_its_value_gets_a_value_chart(tmp_path: Path) -> None:
    rows = [
        {"indikator": "Nilai Evaluasi AKIP", "tahun": year, "satuan": "Nilai", "target": target,
         "realisasi": actual, "capaian": actual / target * 100, "kategori": code, "skala": "akip"}
        for year, target, actual, code in [(2021, 61.0, 57.12, "CC"), (2022, 62.0, 63.45, "B")]
    ]
    from indikator.report.charts import _rates_value

    assert _rates_value(rows, scale_view(AKIP_SCALE))
    paths = write_charts(rows, tmp_path, scales={"akip": AKIP_SCALE}, overview=False)
    assert len(paths) == 1 and _is_png(paths[0])
    figure = figure_values("Nilai Evaluasi AKIP", [2021, 2022], [57.12, 63.45], AKIP_SCALE,
                           targets=[61.0, 62.0], categories=["CC", "B"])
    ax = figure.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch() == "///"]
    solid = [p for p in ax.patches if p.get_hatch() is None and p.get_gid() is None]
    assert [round(p.get_height(), 2) for p in hatched] == [61.0, 62.0]
    assert [round(p.get_height(), 2) for p in solid] == [57.12, 63.45]
    assert "57,12\nCC" in [text.get_text() for text in ax.texts]
