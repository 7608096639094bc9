"""The spaCy side: a normalising tokenizer and pipeline components registered by name.

The pipeline is ``spacy.blank("zh")`` with:

- tokenizer ``gov_review.normalizing_tokenizer.v1``: normalises the text (see ``normalize``)
  and makes a ``Doc`` of the *normalised* text as **one token**. Tokens are not what the checks
  look at, and every distinct token string costs spaCy a new vocabulary entry (lexeme
  attributes, string store) on every call: character tokens cost ~50 ms per 20,000 characters,
  sentence tokens ~5 ms on an article of short sentences — more than all checks together. The
  ``Doc`` carries the results in extensions:
  ``doc._.gov_ctx`` (normalised text, offset map, text kind) and ``doc._.gov_matches``.
- one ``gov_recognizer`` component per enabled recognizer, named by its code;
- ``gov_terms`` (named ``terms``): the Aho–Corasick term matcher for enabled categories;
- ``gov_resolver`` (named ``resolver``): settles overlaps between recognizers.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import recognizers as _recognizers  # noqa: F401  (registers the built-in recognizers)
from .normalize import normalize
from .registry import Context, Match, registry
from .terms import TermIndex, term_matches

for _name in ("gov_ctx", "gov_matches"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class NormalizingTokenizer:
    """Text → one-token ``Doc`` of the normalised text, context in ``doc._.gov_ctx``."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        norm = normalize(text)
        # A text that normalises to nothing (a lone soft hyphen) makes an empty Doc: spaCy
        # refuses an empty token once the vocab computes no lexical attributes (see engine).
        words = [norm.text] if norm.text else []
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc._.gov_ctx = Context(norm)
        doc._.gov_matches = []
        return doc


@spacy.registry.tokenizers("gov_review.normalizing_tokenizer.v1")
def create_normalizing_tokenizer(segmenter: str = "char") -> Any:  # zh config passes segmenter
    def make(nlp: Language) -> NormalizingTokenizer:
        return NormalizingTokenizer(nlp.vocab)

    return make


class RecognizerComponent:
    """Runs one recognizer and appends its matches to ``doc._.gov_matches``."""

    def __init__(self, name: str, recognizer: str, options: dict[str, Any]) -> None:
        self.name = name
        self.recognizer = registry.create(recognizer, **options)

    def __call__(self, doc: Doc) -> Doc:
        # Each ``doc._`` lookup costs ≈ 1 µs (spaCy builds an accessor object): read the
        # extensions once per component, not once per match.
        ctx: Context = doc._.gov_ctx
        if self.recognizer.applies_to(ctx.kind):
            rule = self.recognizer.rule
            found = doc._.gov_matches
            for match in self.recognizer.analyze(ctx):
                if not match.rule:
                    match.rule = rule
                found.append(match)
        return doc


@Language.factory("gov_recognizer", default_config={"recognizer": "", "options": {}})
def make_recognizer(
    nlp: Language, name: str, recognizer: str, options: dict[str, Any]
) -> RecognizerComponent:
    return RecognizerComponent(name, recognizer or name, options)


class TermsComponent:
    """One Aho–Corasick pass for all term categories; terms can be added after creation."""

    def __init__(self, categories: list[str], lexicon_paths: list[str], defaults: bool) -> None:
        self.index = TermIndex(categories)
        if defaults:
            self.index.add_defaults()
        for path in lexicon_paths:
            self.index.add_file(path)

    def add_terms(self, category: str, terms: Any) -> None:
        self.index.add_terms(category, terms)

    def __call__(self, doc: Doc) -> Doc:
        doc._.gov_matches.extend(term_matches(self.index, doc._.gov_ctx))
        return doc


@Language.factory(
    "gov_terms", default_config={"categories": [], "lexicon_paths": [], "defaults": True}
)
def make_terms(
    nlp: Language, name: str, categories: list[str], lexicon_paths: list[str], defaults: bool
) -> TermsComponent:
    return TermsComponent(categories, lexicon_paths, defaults)


# A number claimed by a more specific, context-backed check is not reported again.
_SUPERSEDES = {"pii.social_security": ("pii.id_card", "pii.bank_card", "pii.mobile")}


@Language.component("gov_resolver")
def resolve(doc: Doc) -> Doc:
    """Drop duplicates and numbers superseded by a context-backed finding on the same span."""
    matches: list[Match] = doc._.gov_matches
    strong = [(m.start, m.end, _SUPERSEDES[m.code]) for m in matches if m.code in _SUPERSEDES]
    seen: set[tuple[str, int, int]] = set()
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, m.end, m.code)):
        key = (m.code, m.start, m.end)
        if key in seen or m.end <= m.start:
            continue
        if strong and any(m.code in codes and m.start < e and s < m.end for s, e, codes in strong):
            continue
        seen.add(key)
        out.append(m)
    doc._.gov_matches = out
    return doc
