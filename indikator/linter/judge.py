"""Phrase-level judgement: which side of a ratio is the achieved one, and is it one quantity?

Given the numerator phrase, the denominator phrase and (optionally) the indicator's name and
satuan, :func:`judge` collects signed pieces of :class:`Evidence` — positive when the text
supports the order as written (achieved / planned-or-whole), negative when it supports the
swapped order — and sums them into a :class:`Judgement` with a confidence:

``rank``         both phrases carry side markers; the higher rank belongs on top
                 ("di rencanakan" 2 over "di laksanakan" 5 is inverted).  The weight grows
                 with the rank gap: one step is weak (0.5), two 0.8, three or more 0.9.
``one-sided``    only one phrase carries a marker: a planned/required word on top or an
                 achieved word below is weak evidence of an inversion, and vice versa.
``whole``        a whole-population quantifier (seluruh, semua, populasi; "total" only when
                 nothing else marks the phrase) belongs in the denominator.
``specificity``  one phrase is the other plus qualifiers ("penduduk di bawah garis
                 kemiskinan" vs "penduduk"): the narrower one is the part, on top.  Only used
                 when the two phrases do not both carry markers.
``name``         the indicator name mentions what only one side says ("Persentase obat
                 memenuhi syarat"): that side is the numerator.
``name-order``   "Rasio A terhadap B", "A per B", "Rasio A-B": A on top, B below.
``unit-per``     a satuan "per 100.000 kelahiran hidup" names the denominator.

The judgement is purely textual: it never looks at data and never raises on odd text (an
empty or symbolic phrase simply yields no evidence).  :func:`same_quantity` decides whether
two phrases name one quantity (the tautology test).  Rendering messages is the caller's job
(:mod:`indikator.linter.rules`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from indikator.core.i18n import t
from indikator.linter.lexicon import PhraseInfo, analyse_phrase, load_lexicon, rank_label, stem

Verdict = Literal["as-written", "inverted", "unknown"]

ERROR_CONFIDENCE = 0.75
"""An inversion at or above this confidence is an error."""
WARNING_CONFIDENCE = 0.5
"""An inversion at or above this confidence (and below the error level) is a warning."""


@dataclass(frozen=True)
class Evidence:
    """One reason for or against the order as written; *weight* > 0 supports it."""

    kind: str
    weight: float
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The reason as a short clause in *lang*."""
        params: dict[str, object] = dict(self.params)
        for name in list(params):
            value = params[name]
            if name.endswith("side") and isinstance(value, str):
                params[name] = t(f"lint.side_{value}", lang)
            elif name.endswith("rank") and isinstance(value, int):
                params[name] = rank_label(value, "en" if lang == "en" else "id")
        return t(f"lint.evidence_{self.kind.replace('-', '_')}", lang, **params)


@dataclass(frozen=True)
class Judgement:
    """The sum of the evidence about a numerator/denominator pair."""

    score: float
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        """How sure the verdict is, 0 … 0.99."""
        return round(min(0.99, abs(self.score)), 2)

    @property
    def verdict(self) -> Verdict:
        if self.score <= -WARNING_CONFIDENCE:
            return "inverted"
        if self.score >= WARNING_CONFIDENCE:
            return "as-written"
        return "unknown"

    @property
    def against(self) -> tuple[Evidence, ...]:
        """The evidence for an inversion, strongest first."""
        return tuple(sorted((e for e in self.evidence if e.weight < 0), key=lambda e: e.weight))


def _head(info: PhraseInfo) -> str:
    """The first word of a phrase that is not an aggregate, a measure or a stopword."""
    lexicon = load_lexicon()
    skip = lexicon.aggregates | lexicon.measures | lexicon.stopwords
    for token in info.tokens:
        if token.word not in skip:
            return token.word
    return ""


def _requirement_qualifiers(info: PhraseInfo) -> PhraseInfo:
    """A qualifying marker (rank 6) right after a required/planned one qualifies the
    requirement: "tenaga kesehatan yang dibutuhkan sesuai standar" is the required number
    (rank 1), not a qualifying subset.  ("sasaran terlayani" keeps its realised marker.)"""
    markers = info.markers
    if len(markers) < 2:
        return info
    kept = [markers[0]]
    for previous, marker in pairwise(markers):
        between = info.text[previous.end : marker.start]
        if previous.rank <= 2 and marker.base_rank == 6 and not between.strip():
            continue
        kept.append(marker)
    if len(kept) == len(markers):
        return info
    return replace(info, markers=tuple(kept))


def _without_shared_markers(num: PhraseInfo, den: PhraseInfo) -> tuple[PhraseInfo, PhraseInfo]:
    """A marker both sides carry with the same rank ("Jumlah lulusan … yang ditempatkan" over
    "Jumlah lulusan …") says nothing about their order: judge by the markers that differ."""
    if not num.markers or not den.markers:
        return num, den
    shared = {(m.stem, m.rank) for m in num.markers} & {(m.stem, m.rank) for m in den.markers}
    if not shared:
        return num, den
    return (
        replace(num, markers=tuple(m for m in num.markers if (m.stem, m.rank) not in shared)),
        replace(den, markers=tuple(m for m in den.markers if (m.stem, m.rank) not in shared)),
    )


def _rank_weight(gap: int) -> float:
    return {0: 0.0, 1: 0.5, 2: 0.8}.get(abs(gap), 0.9)


def _rank_evidence(num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    top_n, top_d = num.top_marker, den.top_marker
    if top_n is not None and top_d is not None:
        gap = top_n.rank - top_d.rank
        if gap == 0:
            return []
        weight = _rank_weight(gap) * (0.9 if (top_n.typo or top_d.typo) else 1.0)
        return [
            Evidence(
                "rank",
                weight if gap > 0 else -weight,
                {"num": top_n.text, "num_rank": top_n.rank, "den": top_d.text,
                 "den_rank": top_d.rank},
            )
        ]
    marker, side = (top_n, "numerator") if top_n is not None else (top_d, "denominator")
    if marker is None:
        return []
    if marker.rank <= 2:
        weight = (-0.55 if marker.rank <= 1 else -0.4) if side == "numerator" else 0.3
    elif marker.rank >= 4:
        weight = 0.3 if side == "numerator" else -0.4
    else:
        return []
    other = den if side == "numerator" else num
    marked = num if side == "numerator" else den
    if other.clause and not other.content <= marked.content:
        weight /= 2  # the other side qualifies itself with words the lexicon does not know
    return [Evidence("one-sided", weight, {"word": marker.text, "word_rank": marker.rank,
                                           "side": side})]


def _whole_evidence(num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    out: list[Evidence] = []

    def strength(info: PhraseInfo, other: PhraseInfo) -> tuple[float, str]:
        best, word = 0.0, ""
        for hit in info.whole:
            if hit.weak and (info.markers or any(h.weak for h in other.whole)):
                continue
            if hit.strength > best:
                best, word = hit.strength, hit.text
        return best, word

    num_strength, num_word = strength(num, den)
    den_strength, den_word = strength(den, num)
    if num_strength > den_strength:
        out.append(Evidence("whole", -(num_strength - den_strength),
                            {"word": num_word, "side": "numerator"}))
    elif den_strength > num_strength:
        out.append(Evidence("whole", den_strength - num_strength,
                            {"word": den_word, "side": "denominator"}))
    return out


def _specificity_evidence(num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    if num.markers and den.markers:
        return []
    if not num.content or not den.content:
        return []
    if num.content == den.content:
        # "X yang diterima" vs "X": the marked side is the subset when its marker says
        # available / processed / realised (rank >= 3); a planned side is not a subset
        marked, side = (num, 1.0) if num.markers else (den, -1.0)
        top = marked.top_marker
        if top is None:
            return []
        if top.rank < 3:
            # "Panjang jalan yang direncanakan untuk ditingkatkan" vs "Panjang jalan yang
            # ditingkatkan": the unmarked side restricts the same quantity by its own clause,
            # so it is the realised subset and the planned side the whole
            other = den if side > 0 else num
            if not other.clause:
                return []
            narrow = "denominator" if side > 0 else "numerator"
            return [Evidence("specificity", -side * 0.4, {"side": narrow, "extra": top.text})]
        weight = 0.6 + (0.2 if marked.clause else 0.0)
        narrow = "numerator" if side > 0 else "denominator"
        return [Evidence("specificity", side * weight, {"side": narrow, "extra": top.text})]
    if num.content > den.content:
        extra, clause, side = num.content - den.content, num.clause and not den.clause, 1.0
        general = den
    elif den.content > num.content:
        extra, clause, side = den.content - num.content, den.clause and not num.clause, -1.0
        general = num
    else:
        return []
    if (general.rank or 0) >= 3:
        return []  # the marker of the shorter phrase says more than the extra nouns
    weight = 0.6 + (0.2 if clause else 0.0)
    narrow = "numerator" if side > 0 else "denominator"
    return [Evidence("specificity", side * weight, {"side": narrow,
                                                    "extra": ", ".join(sorted(extra))})]


_KIND_WORDS = frozenset(
    {
        "persentase", "persen", "prosentase", "presentase", "cakupan", "proporsi", "rasio",
        "perbandingan", "tingkat", "angka", "indeks", "capaian", "jumlah", "nilai", "rata",
        "rata-rata", "laju", "pertumbuhan", "kinerja", "daerah", "perangkat",
    }
)


@lru_cache(maxsize=4096)
def _name_stems(text: str) -> frozenset[str]:
    lexicon = load_lexicon()
    info = analyse_phrase(text)
    out = set()
    for token in info.tokens:
        word = token.word
        if (
            word in _KIND_WORDS
            or word in lexicon.stopwords
            or word in lexicon.aggregates
            or len(word) < 3
            or word.isdigit()
        ):
            continue
        out.add(lexicon.synonyms.get(token.morph.stem, token.morph.stem))
    return frozenset(out)


def _marker_stems(info: PhraseInfo) -> frozenset[str]:
    return frozenset(m.stem for m in info.markers if m.modal is None)


@lru_cache(maxsize=4096)
def _reference_stems(name: str) -> frozenset[str]:
    """Planned/required words of a name ("… sesuai rencana", "… dari target"): they name the
    reference the subject is measured against, not the subject."""
    return frozenset(m.stem for m in analyse_phrase(name).markers if m.base_rank <= 2)


def _name_evidence(name: str, num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    words = _name_stems(name) - _reference_stems(name)
    if not words:
        return []
    stems_n, stems_d = _marker_stems(num), _marker_stems(den)
    marker_n, marker_d = stems_n - stems_d, stems_d - stems_n
    hit_n, hit_d = words & marker_n, words & marker_d
    weight = 0.35
    if not hit_n and not hit_d and not (num.markers and den.markers):
        distinct_n, distinct_d = num.stems - den.stems, den.stems - num.stems
        hit_n, hit_d = words & distinct_n, words & distinct_d
        weight = 0.3
    if hit_n and not hit_d:
        return [Evidence("name", weight, {"word": ", ".join(sorted(hit_n)), "side": "numerator"})]
    if hit_d and not hit_n:
        return [Evidence("name", -weight, {"word": ", ".join(sorted(hit_d)),
                                           "side": "denominator"})]
    return []


_ORDER_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern, one named side is enough)
    (re.compile(
        r"^\s*(?:rasio|perbandingan)\s+(?:antara\s+)?"
        r"(?P<a>.+?)\s+(?:terhadap|per|dengan|dan|banding|dibanding|dibandingkan|:|/)\s+"
        r"(?:\d[\d.,\s]*\s+)?(?P<b>.+?)\s*$",
        re.IGNORECASE,
    ), True),
    (re.compile(r"^\s*(?:rasio|perbandingan)\s+(?P<a>[^\W\d_]+)\s*[-–/]\s*(?P<b>[^\W\d_]+)\b",
                re.IGNORECASE), True),
    # "terhadap" also means "about" (kepatuhan terhadap Perda): both sides must agree
    (re.compile(
        r"^\s*(?:persentase|presentase|prosentase|proporsi)\s+(?P<a>.+?)\s+terhadap\s+"
        r"(?P<b>.+?)\s*$",
        re.IGNORECASE,
    ), False),
    (re.compile(r"^\s*(?P<a>.+?)\s+per\s+(?:\d[\d.,\s]*\s+)?(?P<b>[^\W\d_].*?)\s*$",
                re.IGNORECASE), True),
)


def _side_of(words: frozenset[str], num: PhraseInfo, den: PhraseInfo) -> str | None:
    in_n, in_d = bool(words & num.stems), bool(words & den.stems)
    if in_n and not in_d:
        return "numerator"
    if in_d and not in_n:
        return "denominator"
    return None


def _order_evidence(name: str, num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    for pattern, one_side_enough in _ORDER_PATTERNS:
        match = pattern.match(name)
        if match is None:
            continue
        a_text, b_text = match.group("a"), match.group("b")
        a_words, b_words = _name_stems(a_text), _name_stems(b_text)
        if not a_words or not b_words:
            continue
        a_side, b_side = _side_of(a_words, num, den), _side_of(b_words, num, den)
        params = {"name": name.strip(), "a": a_text.strip(), "b": b_text.strip()}
        if a_side == "numerator" and b_side == "denominator":
            return [Evidence("name-order", 0.9, params)]
        if a_side == "denominator" and b_side == "numerator":
            return [Evidence("name-order", -0.9, params)]
        if not one_side_enough:
            return []
        if b_side is not None and a_side is None:
            return [Evidence("name-order", 0.5 if b_side == "denominator" else -0.5, params)]
        if a_side is not None and b_side is None:
            return [Evidence("name-order", 0.5 if a_side == "numerator" else -0.5, params)]
        return []
    return []


_UNIT_PER = re.compile(r"^\s*per\s+(?:\d[\d.,\s]*\s*)?(?P<b>[^\W\d_].*)$", re.IGNORECASE)


_UNIT_SLASH = re.compile(r"^\s*[^\W\d_][\w.]*\s*/\s*(?P<b>[^\W\d_][\w.]*)\s*$")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


def _acronym_side(text: str, num: PhraseInfo, den: PhraseInfo) -> str | None:
    """The side whose words' initials spell an acronym of *text* ("KH" = kelahiran hidup)."""

    def spells(acronym: str, info: PhraseInfo) -> bool:
        words = [t.word for t in info.tokens if t.word[:1].isalpha()]
        size = len(acronym)
        initials = "".join(w[0] for w in words)
        return any(w.upper() == acronym for w in words) or (
            size >= 2 and acronym.casefold() in initials
            and any(
                "".join(w[0] for w in words[i : i + size]) == acronym.casefold()
                for i in range(len(words) - size + 1)
            )
        )

    for acronym in _ACRONYM.findall(text):
        in_n, in_d = spells(acronym, num), spells(acronym, den)
        if in_n != in_d:
            return "numerator" if in_n else "denominator"
    return None


def _unit_side(unit: str, num: PhraseInfo, den: PhraseInfo) -> str | None:
    """Which side the satuan names as the denominator: "per 100.000 kelahiran hidup",
    "per 1.000 KH" (an acronym), "Ton/Ha" (the unit after the slash, written in a side)."""
    match = _UNIT_PER.match(unit)
    if match is not None:
        words = _name_stems(match.group("b"))
        side = _side_of(words, num, den) if words else None
        return side if side is not None else _acronym_side(match.group("b"), num, den)
    slash = _UNIT_SLASH.match(unit)
    if slash is None:
        return None
    word = slash.group("b").casefold().rstrip(".")
    written = re.compile(r"(?<![\w])" + re.escape(word) + r"(?![\w])", re.IGNORECASE)
    in_n, in_d = bool(written.search(num.text)), bool(written.search(den.text))
    if in_n == in_d:
        return None
    return "numerator" if in_n else "denominator"


def _unit_evidence(unit: str, num: PhraseInfo, den: PhraseInfo) -> list[Evidence]:
    side = _unit_side(unit, num, den)
    if side is None:
        return []
    weight = 0.5 if side == "denominator" else -0.5
    return [Evidence("unit-per", weight, {"unit": unit.strip(), "side": side})]


def judge(
    numerator: str, denominator: str, name: str | None = None, unit: str | None = None
) -> Judgement:
    """Judge whether *numerator* / *denominator* is written achieved-over-whole.

    >>> judge("Jumlah Dokumen yang di rencanakan", "Total Dokumen yang di laksanakan").verdict
    'inverted'
    """
    num, den = analyse_phrase(numerator), analyse_phrase(denominator)
    if num.symbolic and den.symbolic:
        return Judgement(0.0, ())
    lexicon = load_lexicon()
    num, den = _without_shared_markers(_requirement_qualifiers(num), _requirement_qualifiers(den))
    evidence: list[Evidence] = []
    levels = _head(num) in lexicon.levels and _head(den) in lexicon.levels
    average = lexicon.name_kind(name) == "average"
    if not levels and not average:
        evidence += _rank_evidence(num, den)
    if not average:
        evidence += _whole_evidence(num, den)
        evidence += _specificity_evidence(num, den)
    if name:
        order = _order_evidence(name, num, den)
        evidence += order if order else _name_evidence(name, num, den)
    if unit:
        evidence += _unit_evidence(unit, num, den)
    score = round(sum(e.weight for e in evidence), 3)
    return Judgement(score, tuple(evidence))


# ----------------------------------------------------------------------------- same quantity


@dataclass(frozen=True)
class Sameness:
    """Two phrases name one quantity: *how* ("exact", "aggregate" words only, "fuzzy"
    spelling) and with what confidence."""

    how: Literal["exact", "aggregate", "fuzzy"]
    confidence: float


def _close(a: str, b: str) -> bool:
    """Equal up to one edit for words of five letters or more (typos: Pemerintaha)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_VERB_PREFIXES = ("ter", "di", "ber", "me", "mem", "men", "meng", "meny")


def _prefixed(word: str, base: str) -> bool:
    """*word* is *base* with a verbal prefix: "tervaksinasi" and "vaksinasi" (the vaccinated
    ones vs the vaccination) are different words even though they share a stem."""
    return len(base) >= 4 and any(word == prefix + base for prefix in _VERB_PREFIXES)


def same_quantity(a: str, b: str) -> Sameness | None:
    """Whether phrases *a* and *b* name the same quantity after normalisation (case,
    spacing, affixes, detached prefixes, typos, aspect words, and the aggregate words
    Jumlah/Total/Banyaknya), or ``None``.

    >>> same_quantity("Jumlah Ketersediaan Dokumen", "Total Ketersediaan Dokumen").how
    'aggregate'
    """
    info_a, info_b = analyse_phrase(a), analyse_phrase(b)
    if not info_a.identity or not info_b.identity:
        return None
    lexicon = load_lexicon()
    dropped = lexicon.aggregates | lexicon.aspect | {"yang", "yg"}
    words_a = [t.word for t in info_a.tokens if t.word not in dropped]
    words_b = [t.word for t in info_b.tokens if t.word not in dropped]
    if info_a.identity == info_b.identity:
        if len(words_a) == len(words_b) and any(
            _prefixed(x, y) or _prefixed(y, x) for x, y in zip(words_a, words_b, strict=True)
        ):
            return None  # "sasaran yang tervaksinasi" is not "sasaran vaksinasi"
        aggregates_a = [t.word for t in info_a.tokens if t.word in lexicon.aggregates]
        aggregates_b = [t.word for t in info_b.tokens if t.word in lexicon.aggregates]
        if aggregates_a == aggregates_b:
            return Sameness("exact", 0.99)
        return Sameness("aggregate", 0.95)
    if len(words_a) == len(words_b) and all(
        _close(x, y) for x, y in zip(words_a, words_b, strict=True)
    ):
        return Sameness("fuzzy", 0.8)
    return None


def name_stems(name: str) -> frozenset[str]:
    """The content stems of an indicator name, without its kind word (Persentase …)."""
    return _name_stems(name)


def part_of_whole(numerator: str, denominator: str, name: str | None = None) -> bool:
    """True when the text says the numerator counts a subset of the denominator's
    population (so the value cannot exceed 100 %): the order is judged as written and
    the phrases share their subject (or the denominator is a whole population)."""
    judgement = judge(numerator, denominator, name)
    if judgement.verdict != "as-written":
        return False
    num, den = analyse_phrase(numerator), analyse_phrase(denominator)
    if den.whole and not den.markers:
        return True
    return bool(num.content & den.content)


__all__ = [
    "ERROR_CONFIDENCE",
    "WARNING_CONFIDENCE",
    "Evidence",
    "Judgement",
    "Sameness",
    "judge",
    "name_stems",
    "part_of_whole",
    "same_quantity",
    "stem",
]
