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

        A containing word that is only the misspelt form of another word (帐户 in 银行帐户, when
        银行账户 is a word) does not count: with ``correction`` it is recognised and ignored.
        """
        freq = self.frequencies
        own = freq.get(text[start:end], 0)
        n = len(text)
        for i in range(max(0, start - MAX_WORD + 1), end):
            for j in range(max(i + 2, start + 1), min(n, i + MAX_WORD) + 1):
                crosses = i < start < j < end or start < i < end < j
                contains = i <= start and end <= j and j - i > end - start
                if not (crosses or contains):
                    continue
                word = text[i:j]
                if freq.get(word, 0) <= own:
                    continue
                if contains and correction:
                    fixed = word[: start - i] + correction + word[end - i :]
                    if fixed in freq:
                        continue
                return word
        return ""


@functools.cache
def packaged_dictionary() -> WordDictionary:
    """The shipped dictionary (``lexicons/words.txt``), loaded once per process."""
    return WordDictionary.from_text(packaged_text("words.txt"))
