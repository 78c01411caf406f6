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
from indikator.core.tomlfile import TomlTooDeep, load_toml
from indikator.scales.intervals import parse_interval
from indikator.scales.paths import ENV_VAR, _scale_files, scale_paths
from indikator.scales.scale import Band, Scale, ScaleProblems

__all__ = [
    "ENV_VAR", "fallback_scales", "list_scales", "load_scale", "load_scale_file",
    "scale_from_mapping", "scale_hints", "scale_paths",
]


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
    bands = [band for position, raw in enumerate(raw_bands, start=1)
             if (band := _band(raw, position, name, where, problems)) is not None]
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
    usage = _usage_fields(data, name, where, problems)
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
        **usage,
    )


def _band(
    raw: Any, position: int, name: str, where: str, problems: list[ScaleError]
) -> Band | None:
    """One ``[[bands]]`` entry, or None (its problems added to *problems*)."""
    if not isinstance(raw, Mapping) or "code" not in raw:
        problems.append(
            ScaleError(
                "scales.missing_field", name=name, path=where, field=f"bands[{position}].code"
            )
        )
        return None
    code = str(raw["code"]).strip()
    if not code:
        problems.append(
            ScaleError("scales.band_empty_code", name=name, path=where, position=position)
        )
        return None
    rank = _rank(raw["rank"]) if "rank" in raw else None
    if "rank" in raw and rank is None:
        problems.append(
            ScaleError("scales.band_bad_rank", name=name, path=where, position=position,
                       code=code, value=repr(raw["rank"]))
        )
        return None
    interval = None
    if "interval" in raw:
        try:
            interval = parse_interval(str(raw["interval"]))
        except ScaleError as exc:
            problems.append(
                ScaleError("scales.band_interval", name=name, path=where, band=code, detail=exc)
            )
            return None
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
    return Band(
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


def _usage_fields(
    data: Mapping[str, Any], name: str, where: str, problems: list[ScaleError]
) -> dict[str, Any]:
    """``hints`` (name fragments of the indicators rated on the scale, for the catalogue
    importer), ``fallback`` (the order in which the pipeline tries the scale for a categorical
    target its row's scale does not know) and ``at_maximum`` (``{ from = 100, score = 120 }``:
    the score of a capaian at or above ``from`` when the target was already the maximum)."""
    out: dict[str, Any] = {}

    def bad(field_name: str, value: Any) -> None:
        problems.append(ScaleError("scales.bad_field", name=name, path=where, field=field_name,
                                   detail=repr(value)))

    hints = data.get("hints", [])
    if isinstance(hints, list) and all(isinstance(h, str) for h in hints):
        out["hints"] = tuple(" ".join(h.casefold().split()) for h in hints)
    else:
        bad("hints", hints)
    fallback = data.get("fallback")
    if fallback is not None and (isinstance(fallback, bool) or not isinstance(fallback, int)):
        bad("fallback", fallback)
    elif fallback is not None:
        out["fallback"] = fallback
    maximum = data.get("at_maximum")
    if maximum is not None:
        try:
            out["at_maximum"] = (float(maximum["from"]), float(maximum["score"]))
        except (TypeError, KeyError, ValueError):
            bad("at_maximum", maximum)
    return out


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


def _loadable(paths: Sequence[str | Path] | None) -> list[Scale]:
    """Every scale on the search path that loads; one that does not is left out here (loading
    it by name reports why)."""
    out: list[Scale] = []
    for file in _scale_files(paths).values():
        try:
            out.append(load_scale_file(file))
        except (ScaleError, OSError):
            continue
    return out


def scale_hints(paths: Sequence[str | Path] | None = None) -> list[tuple[str, str]]:
    """(name fragment, scale name) of every scale's ``hints``, longest fragment first: the
    scale an indicator's name points to ("Indeks Reformasi Birokrasi" → ``indeks-rb``)."""
    pairs = [(hint, scale.name) for scale in _loadable(paths) for hint in scale.hints]
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[1], pair[0]))


def fallback_scales(paths: Sequence[str | Path] | None = None) -> list[Scale]:
    """The scales with a ``fallback`` order, in that order: tried for a categorical target
    ("BB", "WTP") that the row's scale does not know."""
    chosen = [scale for scale in _loadable(paths) if scale.fallback is not None]
    return sorted(chosen, key=lambda scale: (scale.fallback or 0, scale.name))
