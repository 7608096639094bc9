"""Word boundaries for term matches, from a dictionary of correct words and their frequencies.

A typo entry is a string, and strings occur across word boundaries: 做为 (→ 作为) inside
要多做为民办实事 is 做 + 为民, 通迅 (→ 通讯) inside 交通迅速 is 交通 + 迅速. A segmenter (jieba)
would split such text so that the entry is not a word; segmenting every text costs more than all
checks together (≈ 40 µs per short window, 78 MiB for jieba's dictionary), so only the few typo
matches are looked at: a match is not a word of the text when a more frequent dictionary word
crosses one of its edges or contains it (the choice jieba's maximum-probability path makes).
The dictionary (``lexicons/words.txt``) is jieba's, cut to common words (see its header).
"""

from __future__ import annotations

import functools

from .lexicon_files import packaged_text

MAX_WORD = 6
LONG_MATCH = 4  # characters from which a match is not read as halves of two words


class WordDictionary:
    """Correct words (2–6 characters) with their corpus frequencies."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = frequencies

    @classmethod
    def from_text(cls, text: str) -> WordDictionary:
        frequencies: dict[str, int] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                word, _, freq = line.partition("\t")
                frequencies[word] = int(freq or 1)
        return cls(frequencies)

    def word_across(self, text: str, start: int, end: int, correction: str = "") -> str:
        """A dictionary word that crosses an edge of ``text[start:end]`` or contains it and is
        more frequent than the match itself; ``""`` when the match reads as a word.

        Edges matter for short matches only: two or three characters are often two halves of
        neighbouring words, four or more (再接再励) are not, so for those only a containing word
        counts. A containing word that is only the misspelt form of another word (帐户 in 银行帐户,
        when 银行账户 is a word) does not count: with ``correction`` it is recognised and ignored.
        """
        freq = self.frequencies
        own = freq.get(text[start:end], 0)
        n = len(text)
        size = end - start
        for i, j in _candidates(start, end, n, edges=size < LONG_MATCH):
            word = text[i:j]
            if freq.get(word, 0) <= own:
                continue
            if i <= start and end <= j and correction:
                fixed = word[: start - i] + correction + word[end - i :]
                if fixed in freq:
                    continue
            return word
        return ""


def _candidates(start: int, end: int, n: int, *, edges: bool) -> list[tuple[int, int]]:
    """Spans (at most ``MAX_WORD`` long) containing ``[start, end)`` and, with ``edges``, the
    spans crossing its start or its end."""
    out = []
    for i in range(max(0, end - MAX_WORD), start + 1):  # containing
        out.extend((i, j) for j in range(end, min(n, i + MAX_WORD) + 1) if j - i > end - start)
    if edges:
        for i in range(max(0, start - MAX_WORD + 1), start):  # crossing the start
            out.extend((i, j) for j in range(start + 1, min(end, i + MAX_WORD + 1)))
        for i in range(start + 1, end):  # crossing the end
            out.extend((i, j) for j in range(end + 1, min(n, i + MAX_WORD) + 1))
    return out


@functools.cache
def packaged_dictionary() -> WordDictionary:
    """The shipped dictionary (``lexicons/words.txt``), loaded once per process."""
    return WordDictionary.from_text(packaged_text("words.txt"))
