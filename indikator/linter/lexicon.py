"""The linter's lexicon and the Indonesian morphology it needs.

Loads ``definitions/lexicon.toml`` (see its header for the format and the rank scale) and
turns a free-text phrase such as "Jumlah Perda/Perwal yang di syahkan" into a
:class:`PhraseInfo`: its tokens with their stems and word forms, the side markers it carries
(rank, modal, negation), the whole-population quantifiers, its content stems and an identity
key used to decide whether two phrases name the same quantity.

Morphology is a small affix analyser (di-, ter-, me(N)-, ber-, pe(N)-, per-, ke-, se-;
-kan, -i, -an, -nya) that checks candidate stems against the lexicon first, so that marker
words are recognised by the lexicon's own rules first.  For words the lexicon does not know it
uses PySastrawi, a declared dependency (loaded lazily, once): findings never depend on what
else happens to be installed or on the environment.  Detached
prefixes ("di rencanakan"), aspect words inside them ("di sudah di fasilitas") and typos from
the lexicon ("syahkan") are repaired while tokenising.

This module judges nothing: comparing two phrases is :mod:`indikator.linter.judge`, rules are
:mod:`indikator.linter.rules`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from indikator.core.errors import IndikatorError
from indikator.core.resources import data_path
from indikator.core.vocabulary import vocabulary

Form = Literal["base", "verb", "an", "nominal", "agent"]
FORMS: tuple[Form, ...] = ("base", "verb", "an", "nominal", "agent")
UNIT_CLASSES: tuple[str, ...] = (
    "percent",
    "proportion",
    "ratio",
    "index",
    "category",
    "time",
    "money",
    "physical",
    "count",
)


class LexiconError(IndikatorError, ValueError):
    """``definitions/lexicon.toml`` (or a user's lexicon) is malformed."""


@dataclass(frozen=True, slots=True)
class MarkerEntry:
    """One marker stem: its rank (0 whole … 6 qualifying subset), accepted forms, gloss."""

    stem: str
    rank: int
    forms: frozenset[str]
    en: str


@dataclass(frozen=True, slots=True)
class WholeEntry:
    """A whole-population quantifier ("seluruh"); *weak* ones count only when alone."""

    word: str
    strength: float
    weak: bool


@dataclass(frozen=True)
class Lexicon:
    """The parsed lexicon file (validated on construction by :func:`load_lexicon`)."""

    markers: Mapping[str, MarkerEntry]
    words: Mapping[str, str]
    phrases: Mapping[tuple[str, ...], MarkerEntry]
    modals: Mapping[str, int]
    whole: Mapping[str, WholeEntry]
    population: Mapping[str, WholeEntry]
    aggregates: frozenset[str]
    measures: frozenset[str]
    aspect: frozenset[str]
    negations: frozenset[str]
    stopwords: frozenset[str]
    time: frozenset[str]
    locatives: frozenset[str]
    scope: frozenset[str]
    """Place/scope words ("wilayah", "kabupaten", "yang bersangkutan"): they say where a
    quantity is counted, not which subset, so they do not make a side narrower."""
    typos: Mapping[str, str]
    abbreviations: Mapping[str, str]
    synonyms: Mapping[str, str]
    name_kinds: Mapping[str, str]
    units: Mapping[str, str]
    rank_labels: Mapping[int, Mapping[str, str]]
    levels: frozenset[str] = field(default=frozenset())
    known_stems: frozenset[str] = field(default=frozenset())

    def unit_class(self, unit: str | None) -> str | None:
        """The class of a satuan ("percent", "count", "time" …) or ``None`` if unknown/blank."""
        if unit is None:
            return None
        text = unit.casefold().strip()
        if not text or text in {"-", "–"}:
            return None
        if "%" in text:
            return "percent"
        words = re.findall(r"[a-z0-9]+", text)
        if words and words[0] == "per":
            return "ratio"
        for word in words:
            if word in self.units:
                return self.units[word]
        return None

    def name_kind(self, name: str | None) -> str | None:
        """What an indicator name promises by its first word ("percent", "ratio", "count" …)."""
        if not name:
            return None
        text = name.strip().casefold()
        if text.startswith("%"):
            return "percent"
        words = re.findall(r"[a-z]+", text)
        for word in words[:1]:
            fixed = self.typos.get(word, word)
            if fixed in self.name_kinds:
                return self.name_kinds[fixed]
        return None


def _section(data: Mapping[str, Any], name: str, path: Path) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise LexiconError("lint.lexicon_invalid", path=str(path), entry=name, detail="table")
    return value


def _words(data: Mapping[str, Any], name: str, path: Path) -> frozenset[str]:
    table = _section(data, name, path)
    words = table.get("words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LexiconError("lint.lexicon_invalid", path=str(path), entry=name, detail="words")
    return frozenset(w.casefold() for w in words)


def _marker(stem: str, raw: Any, path: Path, *, phrase: bool = False) -> MarkerEntry:
    entry = f"markers.{stem}" if not phrase else f"phrases.{stem}"
    if not isinstance(raw, Mapping):
        raise LexiconError("lint.lexicon_invalid", path=str(path), entry=entry, detail="table")
    rank = raw.get("rank")
    if not isinstance(rank, int) or not 0 <= rank <= 6:
        raise LexiconError("lint.lexicon_invalid", path=str(path), entry=entry, detail="rank")
    forms = raw.get("forms", [] if not phrase else ["base"])
    if not isinstance(forms, list) or any(f not in FORMS for f in forms):
        raise LexiconError("lint.lexicon_invalid", path=str(path), entry=entry, detail="forms")
    return MarkerEntry(stem, rank, frozenset(forms), str(raw.get("en", stem)))


def parse_lexicon(data: Mapping[str, Any], path: Path) -> Lexicon:
    """Build and validate a :class:`Lexicon` from the TOML *data* read from *path*."""
    # the sections are validated in this fixed order (the Lexicon arguments included), so a file
    # with several bad entries always reports the same one
    markers = {
        stem.casefold(): _marker(stem.casefold(), raw, path)
        for stem, raw in _section(data, "markers", path).items()
    }
    words = _stem_words(data, path, markers)
    phrases = {
        tuple(key.casefold().split()): _marker(key, raw, path, phrase=True)
        for key, raw in _section(data, "phrases", path).items()
    }
    modals = _modals(data, path)
    whole = _whole_words(data, path)
    population = _population_words(data, path)
    units = _unit_classes(data, path)
    rank_labels = _rank_labels(data, path)
    typos = {k.casefold(): str(v).casefold() for k, v in _section(data, "typos", path).items()}
    lexicon = Lexicon(
        markers=markers,
        words=words,
        phrases=phrases,
        modals=modals,
        whole=whole,
        population=population,
        aggregates=_words(data, "aggregates", path),
        measures=_words(data, "measures", path),
        aspect=_words(data, "aspect", path),
        negations=_words(data, "negations", path),
        stopwords=_words(data, "stopwords", path),
        time=_words(data, "time", path),
        locatives=_words(data, "locatives", path),
        scope=_words(data, "scope", path),
        typos=typos,
        abbreviations=_abbreviations(data, path),
        synonyms={
            k.casefold(): str(v).casefold() for k, v in _section(data, "synonyms", path).items()
        },
        name_kinds={
            k.casefold(): str(v) for k, v in _section(data, "name_kinds", path).items()
        },
        units=units,
        rank_labels=rank_labels,
        levels=_words(data, "levels", path),
    )
    known = set(markers) | set(whole) | set(modals) | set(words)
    for key in phrases:
        known.update(key)
    object.__setattr__(lexicon, "known_stems", frozenset(known))
    return lexicon


def _stem_words(
    data: Mapping[str, Any], path: Path, markers: Mapping[str, MarkerEntry]
) -> dict[str, str]:
    """The ``[words]`` table: a word → the marker stem it stands for (which must exist)."""
    words = {k.casefold(): str(v).casefold() for k, v in _section(data, "words", path).items()}
    for word, stem in words.items():
        if stem not in markers:
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"words.{word}", detail="stem"
            )
    return words


def _modals(data: Mapping[str, Any], path: Path) -> dict[str, int]:
    """The ``[modals]`` table: a modal word → the rank it gives the marker after it (0–6)."""
    modals: dict[str, int] = {}
    for word, rank in _section(data, "modals", path).items():
        if not isinstance(rank, int) or not 0 <= rank <= 6:
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"modals.{word}", detail="rank"
            )
        modals[word.casefold()] = rank
    return modals


def _whole_words(data: Mapping[str, Any], path: Path) -> dict[str, WholeEntry]:
    """The ``[whole]`` table: quantifiers with a strength, some *weak* (count only when alone)."""
    whole: dict[str, WholeEntry] = {}
    for word, raw in _section(data, "whole", path).items():
        if not isinstance(raw, Mapping) or not isinstance(raw.get("strength"), int | float):
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"whole.{word}", detail="strength"
            )
        whole[word.casefold()] = WholeEntry(
            word.casefold(), float(raw["strength"]), bool(raw.get("weak", False))
        )
    return whole


def _population_words(data: Mapping[str, Any], path: Path) -> dict[str, WholeEntry]:
    """The ``[population]`` table: words naming a whole population, never weak."""
    population: dict[str, WholeEntry] = {}
    for word, raw in _section(data, "population", path).items():
        if not isinstance(raw, Mapping) or not isinstance(raw.get("strength"), int | float):
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"population.{word}",
                detail="strength",
            )
        population[word.casefold()] = WholeEntry(word.casefold(), float(raw["strength"]), False)
    return population


def _unit_classes(data: Mapping[str, Any], path: Path) -> dict[str, str]:
    """The ``[units]`` table turned around: a satuan word → its class (the first class wins)."""
    units: dict[str, str] = {}
    for unit_class, unit_words in _section(data, "units", path).items():
        if unit_class not in UNIT_CLASSES or not isinstance(unit_words, list):
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"units.{unit_class}", detail="class"
            )
        for word in unit_words:
            units.setdefault(str(word).casefold(), unit_class)
    return units


def _rank_labels(data: Mapping[str, Any], path: Path) -> dict[int, dict[str, str]]:
    """The ``[ranks]`` table: a label in each language for every rank 0–6 (none may be missing)."""
    rank_labels = {
        int(k): {"id": str(v["id"]), "en": str(v["en"])}
        for k, v in _section(data, "ranks", path).items()
    }
    for rank in range(7):
        if rank not in rank_labels:
            raise LexiconError(
                "lint.lexicon_invalid", path=str(path), entry=f"ranks.{rank}", detail="missing"
            )
    return rank_labels


def _abbreviations(data: Mapping[str, Any], path: Path) -> dict[str, str]:
    """The shared abbreviation vocabulary, overridden by the lexicon's own ``[abbreviations]``."""
    return {
        k.casefold(): str(v).casefold()
        for k, v in {
            **vocabulary("abbreviations")["abbreviations"],
            **_section(data, "abbreviations", path),
        }.items()
    }


@cache
def load_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at *path* (default: the bundled ``definitions/lexicon.toml``), cached."""
    file = Path(path) if path is not None else data_path("definitions/lexicon.toml")
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(
            "lint.lexicon_invalid", path=str(file), entry="-", detail=str(exc)
        ) from exc
    return parse_lexicon(data, file)


# --------------------------------------------------------------------------- morphology


@dataclass(frozen=True, slots=True)
class Morph:
    """A word split into stem and form.  *known* when the stem is a lexicon stem."""

    word: str
    stem: str
    form: Form
    known: bool
    typo: bool = False


_VOWELS = "aeiou"

# (prefix as written, replacements for the stem's first letter: "" keeps it as is)
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meny", ("s",)),
    ("meng", ("", "k")),
    ("mem", ("", "p")),
    ("men", ("", "t")),
    ("me", ("",)),
    ("peny", ("s",)),
    ("peng", ("", "k")),
    ("pem", ("", "p")),
    ("pen", ("", "t")),
    ("per", ("",)),
    ("pe", ("",)),
    ("di", ("",)),
    ("ter", ("",)),
    ("ber", ("",)),
    ("be", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)
_SECOND_PREFIXES = ("per", "ter", "ber", "pe", "ke")
_SUFFIXES = ("kan", "an", "i", "")


def _form(prefixes: tuple[str, ...], suffix: str) -> Form:
    verbal = {"di", "ter", "ber", "be"}
    if prefixes and (prefixes[0].startswith("pe") or prefixes[0] == "ke"):
        return "nominal" if suffix == "an" else "agent"
    if any(p in verbal or p.startswith("me") for p in prefixes):
        return "verb"
    if suffix == "an":
        return "an"
    if suffix in ("kan", "i"):
        return "verb"
    return "base"


def _candidates(word: str) -> list[tuple[str, tuple[str, ...], str]]:
    """All (stem, prefixes, suffix) splits of *word*, least affixation first."""
    out: list[tuple[str, tuple[str, ...], str]] = []
    for suffix in _SUFFIXES:
        body = word[: len(word) - len(suffix)] if suffix else word
        if suffix and (not word.endswith(suffix) or len(body) < 2):
            continue
        out.append((body, (), suffix))
        for prefix, restores in _PREFIXES:
            if not body.startswith(prefix) or len(body) - len(prefix) < 2:
                continue
            rest = body[len(prefix) :]
            options = [r + rest if r else rest for r in restores]
            if prefix in ("meng", "peng", "men", "pen", "mem", "pem") and rest[0] not in _VOWELS:
                options = [rest]
            for stem in options:
                out.append((stem, (prefix,), suffix))
                for second in _SECOND_PREFIXES:
                    if stem.startswith(second) and len(stem) - len(second) >= 3:
                        out.append((stem[len(second) :], (prefix, second), suffix))
    out.sort(key=lambda c: (len(c[1]) + (1 if c[2] else 0), -len(c[0])))
    return out


@cache
def _general_stemmer() -> Callable[[str], str]:
    """PySastrawi's stemmer (a declared dependency), built once on first use (~70 ms)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer: Callable[[str], str] = StemmerFactory().create_stemmer().stem
    return stemmer


@lru_cache(maxsize=65536)
def analyse_word(word: str) -> Morph:
    """Stem and form of one lower-case word ("dilaksanakan" → laksana, verb)."""
    lexicon = load_lexicon()
    typo = False
    if word in lexicon.typos:
        word, typo = lexicon.typos[word], True
    if word in lexicon.words:
        return Morph(word, lexicon.words[word], "base", True, typo)
    core = word
    if core.endswith("nya") and len(core) > 6:
        core = core[:-3]
    for stem, prefixes, suffix in _candidates(core):
        fixed = lexicon.typos.get(stem, stem)
        if fixed in lexicon.known_stems:
            return Morph(word, fixed, _form(prefixes, suffix), True, typo or fixed != stem)
    if len(core) <= 4 or "-" in core or any(ch.isdigit() for ch in core):
        stem = core
    else:
        stem = _general_stemmer()(core) or core
    return Morph(word, stem, "base", False, typo)


def stem(word: str) -> str:
    """The stem of *word* (any case), synonyms folded ("kapita" → "duduk")."""
    morph = analyse_word(word.casefold())
    lexicon = load_lexicon()
    return lexicon.synonyms.get(morph.stem, morph.stem)


# --------------------------------------------------------------------------- tokens, phrases


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a phrase: as written (with its span), normalised, analysed."""

    text: str
    start: int
    end: int
    word: str
    morph: Morph


_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|%", re.UNICODE)
_SHORT_PAREN = re.compile(r"\(\s*[^()]{0,14}?\s*\)")
_LATEX = re.compile(r"\\(?:text|mathrm|textit|textbf)\b|\\[a-zA-Z]+")


def tokenize(text: str) -> list[Token]:
    """The words of *text*, lower-cased, typo-fixed, abbreviations expanded, detached
    prefixes joined ("di rencanakan" → "direncanakan"; "di sudah di fasilitas" →
    "difasilitas").  Short parentheticals ("(A)", "(Jiwa)") and LaTeX commands are skipped."""
    lexicon = load_lexicon()
    masked = _LATEX.sub(lambda m: " " * len(m.group(0)), text)
    masked = _SHORT_PAREN.sub(lambda m: " " * len(m.group(0)), masked)
    raw: list[tuple[str, int, int]] = [
        (m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(masked)
    ]
    tokens: list[Token] = []
    index = 0
    while index < len(raw):
        written, start, end = raw[index]
        word = written.casefold()
        word = lexicon.typos.get(word, word)
        word = lexicon.abbreviations.get(word, word)
        if word in ("di", "ter"):
            joined = _join_detached(word, raw, index + 1, lexicon)
            if joined is not None:
                target, last = joined
                end = raw[last][2]
                written = text[start:end]
                tokens.append(Token(written, start, end, target, analyse_word(target)))
                index = last + 1
                continue
        tokens.append(Token(written, start, end, word, analyse_word(word)))
        index += 1
    return tokens


def _join_detached(
    prefix: str, raw: list[tuple[str, int, int]], index: int, lexicon: Lexicon
) -> tuple[str, int] | None:
    """Join a detached prefix with the next real word, skipping aspect words and repeated
    prefixes; ``None`` when the prefix is the preposition ("di bawah", "di Kecamatan")."""
    position = index
    while position < len(raw):
        word = raw[position][0].casefold()
        if word in lexicon.aspect or word == prefix:
            position += 1
            continue
        break
    if position >= len(raw):
        return None
    word = raw[position][0].casefold()
    word = lexicon.typos.get(word, word)
    if word in lexicon.locatives or any(ch.isdigit() for ch in word) or len(word) < 3:
        return None
    if word.startswith(prefix) and analyse_word(word).form == "verb":
        return word, position  # "di dihasilkan"
    candidate = prefix + word
    morph = analyse_word(candidate)
    if morph.known or word.endswith(("kan", "i")) or position > index:
        return candidate, position
    return None


@dataclass(frozen=True, slots=True)
class MarkerHit:
    """A side marker found in a phrase."""

    text: str
    stem: str
    rank: int
    base_rank: int
    en: str
    start: int
    end: int
    modal: str | None = None
    negated: bool = False
    typo: bool = False


@dataclass(frozen=True, slots=True)
class WholeHit:
    """A whole-population quantifier found in a phrase."""

    text: str
    strength: float
    weak: bool


@dataclass(frozen=True)
class PhraseInfo:
    """What the lexicon sees in one phrase (see :func:`analyse_phrase`)."""

    text: str
    tokens: tuple[Token, ...]
    markers: tuple[MarkerHit, ...]
    whole: tuple[WholeHit, ...]
    content: frozenset[str]
    stems: frozenset[str]
    identity: tuple[str, ...]
    clause: bool

    @property
    def rank(self) -> int | None:
        """The phrase's rank: its highest marker (``None`` without markers)."""
        return max((m.rank for m in self.markers), default=None)

    @property
    def top_marker(self) -> MarkerHit | None:
        return max(self.markers, key=lambda m: m.rank, default=None)

    @property
    def symbolic(self) -> bool:
        """True for a bare symbol such as ``JKI`` or ``PL_A`` (nothing to judge)."""
        return len(self.tokens) <= 1 and not self.markers


_CLAUSE_WORDS = frozenset({"yang", "dengan", "dibawah", "diatas", "berada", "sudah", "telah"})


@lru_cache(maxsize=16384)
def analyse_phrase(text: str) -> PhraseInfo:
    """Tokens, markers (with modal and negation), quantifiers, content stems and identity of
    one quantity phrase such as "Jumlah Dokumen Kerjasama yang di rencanakan"."""
    lexicon = load_lexicon()
    tokens = tuple(tokenize(text))
    scan = _MarkerScan(text, tokens, lexicon)
    scan.find_phrases()
    scan.find_words()
    content, all_stems, identity = _phrase_stems(tokens, scan.used, lexicon)
    clause = any(t.word in _CLAUSE_WORDS for t in tokens)
    return PhraseInfo(
        text=text,
        tokens=tokens,
        markers=tuple(sorted(scan.markers, key=lambda m: m.start)),
        whole=tuple(scan.whole),
        content=frozenset(content),
        stems=frozenset(all_stems),
        identity=tuple(identity),
        clause=clause,
    )


class _MarkerScan:
    """The markers and quantifiers of one phrase, and the token indexes they use (a used token
    is not content).  A modal ("yang seharusnya") waits up to three tokens for the marker it
    qualifies; a negation qualifies a marker up to two tokens after it."""

    def __init__(self, text: str, tokens: tuple[Token, ...], lexicon: Lexicon) -> None:
        self.text = text
        self.tokens = tokens
        self.lexicon = lexicon
        self.markers: list[MarkerHit] = []
        self.whole: list[WholeHit] = []
        self.used: set[int] = set()
        self.modal: tuple[str, int, int] | None = None  # word, rank, token index
        self.negated_at: int | None = None

    def find_phrases(self) -> None:
        """Multi-word markers, first, so that their words are not read again one by one."""
        tokens, stems = self.tokens, [t.morph.stem for t in self.tokens]
        for key, entry in self.lexicon.phrases.items():
            size = len(key)
            for i in range(len(tokens) - size + 1):
                span = range(i, i + size)
                if tuple(stems[i : i + size]) == key and not self.used.intersection(span):
                    self.used.update(span)
                    first, last = tokens[i], tokens[i + size - 1]
                    self.markers.append(
                        MarkerHit(
                            self.text[first.start : last.end], entry.stem, entry.rank,
                            entry.rank, entry.en, first.start, last.end,
                        )
                    )

    def find_words(self) -> None:
        """Single-word markers, modals, negations and quantifiers, left to right."""
        previous = ""
        for i, token in enumerate(self.tokens):
            if self.modal is not None and i - self.modal[2] > 3:
                self.flush_modal()
            if i not in self.used:
                self._read(i, token, previous)
            previous = token.word
        self.flush_modal()

    def flush_modal(self) -> None:
        """A modal with no marker after it ("yang seharusnya") marks its own rank."""
        if self.modal is None:
            return
        _, rank, index = self.modal
        token = self.tokens[index]
        stem_entry = self.lexicon.markers.get(token.word)
        self.markers.append(
            MarkerHit(token.text, stem_entry.stem if stem_entry else token.word, rank, rank,
                      stem_entry.en if stem_entry else token.word, token.start, token.end, None)
        )
        self.used.add(index)
        self.modal = None

    def _read(self, i: int, token: Token, previous: str) -> None:
        """What token *i* is; *previous* is the word before it (an aggregate before a weak
        quantifier makes it count: "jumlah seluruh")."""
        lexicon, word, morph = self.lexicon, token.word, token.morph
        if word in lexicon.modals:
            self.flush_modal()
            self.modal = (token.text, lexicon.modals[word], i)
        elif word in lexicon.whole:
            entry_w = lexicon.whole[word]
            weak = entry_w.weak and previous not in lexicon.aggregates
            self.whole.append(WholeHit(token.text, entry_w.strength, weak))
            self.used.add(i)
        elif morph.stem in lexicon.whole and morph.stem != word:
            entry_w = lexicon.whole[morph.stem]
            self.whole.append(WholeHit(token.text, entry_w.strength, entry_w.weak))
            self.used.add(i)
        elif word in lexicon.negations:
            self.negated_at = i
        elif word in lexicon.population or morph.stem in lexicon.population:
            entry_p = lexicon.population.get(word) or lexicon.population[morph.stem]
            self.whole.append(WholeHit(token.text, entry_p.strength, False))
        elif morph.known and morph.stem in lexicon.markers:
            entry = lexicon.markers[morph.stem]
            if morph.form in entry.forms:
                self._add_marker(i, token, entry)

    def _add_marker(self, i: int, token: Token, entry: MarkerEntry) -> None:
        """A marker word, ranked no higher than a pending modal (which it absorbs, text and
        all) and negated by a negation at most two tokens before it."""
        rank = entry.rank
        modal_word = None
        start = token.start
        if self.modal is not None:
            rank = min(rank, self.modal[1])
            modal_word = self.modal[0]
            start = self.tokens[self.modal[2]].start
            self.used.add(self.modal[2])
            self.modal = None
        negated = self.negated_at is not None and i - self.negated_at <= 2
        self.markers.append(
            MarkerHit(
                self.text[start : token.end], entry.stem, rank, entry.rank, entry.en, start,
                token.end, modal_word, negated, token.morph.typo,
            )
        )
        self.used.add(i)


def _phrase_stems(
    tokens: tuple[Token, ...], used: set[int], lexicon: Lexicon
) -> tuple[set[str], set[str], list[str]]:
    """The content stems (not markers, modals or function words), all stems and the identity
    (the stems in order, without aggregates, aspect words and "yang") of a phrase's tokens.
    The proper name of a place after a scope word ("Kabupaten Lanny Jaya") is skipped."""
    ignore = (
        lexicon.stopwords | lexicon.aggregates | lexicon.time | lexicon.aspect | lexicon.negations
        | lexicon.measures
    )
    content: set[str] = set()
    all_stems: set[str] = set()
    identity: list[str] = []
    in_place_name = False
    for i, token in enumerate(tokens):
        if token.word == "%":
            continue
        if token.word in lexicon.scope and content:  # not the head: "desa" in "Jumlah desa"
            in_place_name = token.word in _PLACE_HEADS
            continue
        if in_place_name and token.text[:1].isupper():
            continue  # "Kabupaten Lanny Jaya": the proper name of a place
        in_place_name = False
        token_stem = lexicon.synonyms.get(token.morph.stem, token.morph.stem)
        if token.word not in lexicon.aggregates | lexicon.aspect | {"yang", "yg"}:
            identity.append(token_stem)
        if token.word in ignore or len(token.word) < 2 or any(c.isdigit() for c in token.word):
            continue
        all_stems.add(token_stem)
        if i in used or token.word in lexicon.modals:
            continue
        content.add(token_stem)
    return content, all_stems, identity


_PLACE_HEADS = frozenset({"kabupaten", "kota", "provinsi", "kecamatan", "kab", "kelurahan"})


def rank_label(rank: int, lang: str = "id") -> str:
    """The human label of a rank ("planned or proposed")."""
    labels = load_lexicon().rank_labels
    return labels[rank]["en" if lang == "en" else "id"]
