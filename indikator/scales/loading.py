"""Scales found and loaded: by name from the search path (the caller's folders,
``$INDIKATOR_SCALES``, the shipped ``definitions/scales``) or by path, validated and cached while
the file is unchanged.

Builds :class:`~indikator.scales.scale.Scale` objects from TOML; rates nothing.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from indikator.core.errors import ScaleError
from indikator.core.resources import data_dir
from indikator.core.tomlfile import TomlTooDeep, load_toml
from indikator.scales.intervals import parse_interval
from indikator.scales.scale import Band, Scale, ScaleProblems

__all__ = ["ENV_VAR", "list_scales", "load_scale", "load_scale_file", "scale_from_mapping",
           "scale_paths"]

ENV_VAR: Final = "INDIKATOR_SCALES"
#: Most bands a scale may have (published scales have at most a dozen).
MAX_BANDS: Final = 1000


def _rank(value: object) -> int | None:
    """A band's rank as a whole number, or ``None`` when it is not one (nan, 1.5, "x")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _as_str(data: Mapping[str, Any], key: str, default: str | None = None) -> str | None:
    value = data.get(key, default)
    return None if value is None else str(value)


def scale_from_mapping(
    data: Mapping[str, Any], path: str | None = None, *, stem: str = ""
) -> Scale:
    """Build a :class:`Scale` from parsed TOML; every problem names *path*."""
    name = str(data.get("name") or stem or "?")
    where = path or "<memory>"
    problems: list[ScaleError] = []
    for required in ("title", "source", "confidence", "bands"):
        if required not in data:
            problems.append(
                ScaleError("scales.missing_field", name=name, path=where, field=required)
            )
    raw_bands = data.get("bands", [])
    if not isinstance(raw_bands, list):
        problems.append(
            ScaleError("scales.bad_field", name=name, path=where, field="bands", detail="[[bands]]")
        )
        raw_bands = []
    if len(raw_bands) > MAX_BANDS:
        raise ScaleError("scales.too_many_bands", name=name, path=where, count=len(raw_bands),
                         limit=MAX_BANDS)
    kind = str(data.get("kind", "interval"))
    bands: list[Band] = []
    for position, raw in enumerate(raw_bands, start=1):
        if not isinstance(raw, Mapping) or "code" not in raw:
            problems.append(
                ScaleError(
                    "scales.missing_field", name=name, path=where, field=f"bands[{position}].code"
                )
            )
            continue
        code = str(raw["code"]).strip()
        if not code:
            problems.append(
                ScaleError("scales.band_empty_code", name=name, path=where, position=position)
            )
            continue
        rank = _rank(raw["rank"]) if "rank" in raw else None
        if "rank" in raw and rank is None:
            problems.append(
                ScaleError("scales.band_bad_rank", name=name, path=where, position=position,
                           code=code, value=repr(raw["rank"]))
            )
            continue
        interval = None
        if "interval" in raw:
            try:
                interval = parse_interval(str(raw["interval"]))
            except ScaleError as exc:
                problems.append(
                    ScaleError(
                        "scales.band_interval", name=name, path=where, band=code, detail=exc
                    )
                )
                continue
        score = raw.get("score")
        score_tuple = None
        if score is not None:
            try:
                (x0, x1), (y0, y1) = score["from"], score["to"]
                score_tuple = (float(x0), float(x1), float(y0), float(y1))
            except (KeyError, TypeError, ValueError):
                problems.append(
                    ScaleError(
                        "scales.bad_field",
                        name=name,
                        path=where,
                        field=f"bands.{code}.score",
                        detail="{ from = [x0, x1], to = [y0, y1] }",
                    )
                )
        bands.append(
            Band(
                code=code,
                label=str(raw.get("label", code)),
                interval=interval,
                confidence=str(raw.get("confidence", "confirmed")),
                printed=_as_str(raw, "printed"),
                note=_as_str(raw, "note"),
                aliases=tuple(str(a) for a in raw.get("aliases", ())),
                rank=rank,
                score=score_tuple,
            )
        )
    domain = None
    if "domain" in data:
        try:
            domain = parse_interval(str(data["domain"]))
        except ScaleError as exc:
            problems.append(
                ScaleError(
                    "scales.bad_field", name=name, path=where, field="domain", detail=exc
                )
            )
    rounding = data.get("rounding")
    if rounding is not None and (isinstance(rounding, bool) or not isinstance(rounding, int)):
        problems.append(
            ScaleError(
                "scales.bad_field", name=name, path=where, field="rounding", detail=repr(rounding)
            )
        )
        rounding = None
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise ScaleProblems(name, where, problems)
    return Scale(
        name=name,
        title=str(data["title"]),
        source=str(data["source"]),
        confidence=str(data["confidence"]),
        bands=tuple(bands),
        kind=kind,
        domain=domain,
        gaps=str(data.get("gaps", "error")),
        rounding=rounding,
        direction=str(data.get("direction", "higher")),
        rates=str(data.get("rates", "value")),
        notes=_as_str(data, "notes"),
        path=path,
    )


@lru_cache(maxsize=256)
def _load_file(path: str, mtime_ns: int) -> Scale:
    del mtime_ns  # part of the cache key only
    file = Path(path)
    try:
        data = load_toml(file)
    except TomlTooDeep as exc:
        raise ScaleError("scales.toml_too_deep", path=path, line=exc.line, column=exc.column,
                         limit=exc.limit) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScaleError("scales.bad_toml", path=path, detail=str(exc)) from exc
    except UnicodeDecodeError as exc:  # binary or latin-1 file
        raise ScaleError("common.not_utf8", path=path, position=exc.start) from exc
    except OSError as exc:
        raise ScaleError("scales.file_not_found", path=path) from exc
    return scale_from_mapping(data, path, stem=file.stem)


def load_scale_file(path: str | Path) -> Scale:
    """Load one scale file (validated; cached while the file is unchanged)."""
    file = Path(path)
    if not file.is_file():
        raise ScaleError("scales.file_not_found", path=str(file))
    return _load_file(str(file), file.stat().st_mtime_ns)


def scale_paths(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """Where scales are looked up, first match wins: *paths*, ``$INDIKATOR_SCALES``, built-ins."""
    found: list[Path] = [Path(p) for p in paths or ()]
    env = os.environ.get(ENV_VAR, "")
    found += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    found.append(data_dir("definitions") / "scales")
    return found


def _scale_files(paths: Sequence[str | Path] | None) -> dict[str, Path]:
    """Scale name (file stem) → file, earlier search paths shadowing later ones."""
    files: dict[str, Path] = {}
    for place in scale_paths(paths):
        if place.is_file():
            files.setdefault(place.stem, place)
        elif place.is_dir():
            for file in sorted(place.glob("*.toml")):
                files.setdefault(file.stem, file)
    return files


def load_scale(name_or_path: str | Path, paths: Sequence[str | Path] | None = None) -> Scale:
    """A scale by name (``"akip"``) or by path to its TOML file.

    Names are looked up in *paths*, then in the folders and files listed in
    ``$INDIKATOR_SCALES`` (``os.pathsep``-separated), then in the built-in
    ``definitions/scales``; a user's file of the same name overrides a built-in one.
    """
    text = str(name_or_path)
    candidate = Path(text)
    if text.endswith(".toml") or os.sep in text or "/" in text:
        return load_scale_file(candidate)
    files = _scale_files(paths)
    file = files.get(text) or files.get(text.lower())
    if file is None:
        raise ScaleError("scales.unknown_scale", name=text, known=", ".join(sorted(files)))
    return load_scale_file(file)


def list_scales(paths: Sequence[str | Path] | None = None) -> list[Scale]:
    """Every scale that :func:`load_scale` can find, sorted by name (all validated)."""
    files = _scale_files(paths)
    return [load_scale_file(files[name]) for name in sorted(files)]
