"""The README's install section: the same text as docs/install.md, and links that work where
the README is shown on its own (a package index page).

The section is applied literally to a new `wagtail start` site, from the built wheel, in
``test_install_wheel.py``.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from .install_site.readme import README, REPO, install_section

pytestmark = pytest.mark.install
PROJECT_URLS = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]


def test_docs_install_page_is_the_readme_section_in_full():
    section = install_section().split("\n", 1)[1]  # without its heading
    uninstalling = PROJECT_URLS["Repository"] + "/blob/main/docs/install.md#uninstalling"
    section = section.replace(f"]({uninstalling})", "](#uninstalling)")
    assert section.strip() in (REPO / "docs" / "install.md").read_text(encoding="utf-8")


def test_readme_links_are_absolute_under_the_repository_url():
    """On a package index page a relative link (``docs/gate.md``) is dead."""
    repository = PROJECT_URLS["Repository"]
    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<(\w+://[^>]+)>", text)
    assert len(links) >= 20
    for link in links:
        demo_server = link.startswith("http://127.0.0.1:")
        assert link.startswith(("#", repository + "/")) or demo_server, link
