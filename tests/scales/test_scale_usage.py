"""What the package knows about scales is data in the scale files (issue 8): the importer's
name hints, the pipeline's fallback order for category targets, SKP's maximum rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indikator.catalog.importer import _guess_scale
from indikator.compute.pipeline import compute
from indikator.core.errors import ScaleError
from indikator.scales.loading import fallback_scales, load_scale, scale_from_mapping, scale_hints
from indikator.scales.rating import skp_nilai

USER_SCALE = """title = "Mutu layanan"
source = "contoh"
confidence = "unconfirmed"
kind = "ordinal"
hints = ["mutu layanan"]
fallback = 0
[[bands]]
code = "PRIMA"
label = "Prima"
[[bands]]
code = "MADYA"
label = "Madya"
"""


def test_shipped_hints_and_fallback_order() -> None:
    assert [s.name for s in fallback_scales()] == [
        "akip", "opini-bpk", "ikm-2017", "lppd-2019", "idm"]
    hints = dict(scale_hints())
    assert hints["reformasi birokrasi"] == "indeks-rb"
    assert hints["ikm"] == hints["kepuasan masyarakat"] == "ikm-2017"
    assert _guess_scale("Nilai Evaluasi AKIP") == "akip"
    assert _guess_scale("Indeks Kepuasan Masyarakat (IKM)") == "ikm-2017"
    assert _guess_scale("Jumlah dokumen") is None


def test_a_users_scale_brings_its_hints_and_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mutu.toml").write_text(USER_SCALE, encoding="utf-8")
    monkeypatch.setenv("INDIKATOR_SCALES", str(tmp_path))
    assert _guess_scale("Indeks Mutu Layanan Publik") == "mutu"
    assert fallback_scales()[0].name == "mutu"
    frame = pd.DataFrame({"indikator": ["Mutu layanan"], "target": ["PRIMA"],
                          "realisasi": ["MADYA"]})
    row = compute(frame).results.iloc[0]
    assert row["skala"] == "mutu"
    assert bool(row["tercapai"]) is False  # MADYA is below PRIMA
    assert "mutu" in row["pesan"]


def test_skp_maximum_rule_is_the_scale_files() -> None:
    skp = load_scale("skp-2021")
    assert skp.at_maximum == (100.0, 120.0)
    assert skp_nilai(np.array([100.0, 100.0, 99.0]), [True, False, True]).tolist()[0] == 120.0
    assert skp.to_json()["at_maximum"] == {"from": 100.0, "score": 120.0}


def test_bad_usage_fields_are_refused() -> None:
    base = {"title": "t", "source": "s", "confidence": "confirmed", "kind": "ordinal",
            "bands": [{"code": "A", "label": "a"}]}
    for field, value in (("hints", "akip"), ("fallback", "1"), ("at_maximum", {"from": 1})):
        with pytest.raises(ScaleError) as caught:
            scale_from_mapping({**base, field: value})
        assert field in caught.value.message("en")
