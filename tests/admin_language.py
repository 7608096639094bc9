"""Find English UI text in a rendered admin page: the strings of Wagtail's and the plugin's
catalogues that reached the screen untranslated.

A text counts when a literal piece of a catalogue message (the parts between placeholders and
HTML tags, with at least one English word) appears in the page's visible text
or in an attribute a user reads (placeholder, title, aria-label). Names, codes and the
content's own text are not catalogue messages, so they are never reported.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import polib
import wagtail
from bs4 import BeautifulSoup, Comment

import wagtail_gov_review

PLUGIN_FRAGMENTS = Path(wagtail_gov_review.__file__).resolve().parent / "locale" / "fragments"
READ_ATTRIBUTES = ("placeholder", "title", "aria-label")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}|<[^>]+>|&[a-z]+;")
_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are the same in the Chinese UI (product names, formats, abbreviations).
SAME_IN_CHINESE = {"Wagtail", "API", "PDF", "XLSX", "HTML", "URL", "CSV", "DOCX", "ICP"}


def _pieces(message: str) -> list[str]:
    return [
        piece.strip(" .,:;!?…'\"()-–—")
        for piece in _PLACEHOLDER.split(message)
        if len([w for w in _WORD.findall(piece) if w not in SAME_IN_CHINESE]) >= 1
    ]


@functools.cache
def catalogue_pieces() -> frozenset[str]:
    """Literal English pieces of every message users can meet in the admin."""
    files = list(Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"))
    messages: set[str] = set()
    for path in files:
        for entry in polib.pofile(str(path)):
            messages.update(filter(None, (entry.msgid, entry.msgid_plural)))
    for path in PLUGIN_FRAGMENTS.glob("*.po"):
        messages.update(entry.msgid for entry in polib.pofile(str(path)) if entry.msgid)
    return frozenset(p for m in messages for p in _pieces(m) if len(p) >= 2)


def visible_texts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript", "code", "pre"]):
        hidden.decompose()
    for hidden in soup.find_all(attrs={"hidden": True}):
        hidden.decompose()
    texts = [
        " ".join(str(node).split())
        for node in soup.find_all(string=True)
        if not isinstance(node, Comment) and str(node).strip()
    ]
    for tag in soup.find_all(True):
        texts.extend(str(tag[name]) for name in READ_ATTRIBUTES if tag.has_attr(name))
    return texts


def untranslated(html: str, content: frozenset[str] = frozenset()) -> set[str]:
    """The catalogue pieces found in ``html``'s visible text, i.e. English left on screen.

    ``content``: words that are data, not UI (usernames such as ``leader``), never reported.
    """
    pieces = catalogue_pieces() - content
    found: set[str] = set()
    for text in visible_texts(html):
        if not _WORD.search(text):
            continue
        for run in re.findall(r"[A-Za-z][A-Za-z0-9 ,.'’:&/()-]*[A-Za-z.…]", text):
            run = run.strip(" .,:;!?…'\"()-")
            if run in pieces and any(w not in SAME_IN_CHINESE for w in _WORD.findall(run)):
                found.add(run)
    return found
