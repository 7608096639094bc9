"""The README's install section, read and applied to a new `wagtail start` project.

The settings, the page model and the search change come from the README's code blocks, so a
wrong or incomplete README fails the install tests.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
README = REPO / "README.md"
STARTER_SEARCH = "search_results = Page.objects.live().search(search_query)"
# The site's own template for the README's page model (not the plugin's business).
NEWS_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}<h1>{{ page.title }}</h1>{{ page.body|richtext }}{% endblock %}
"""


def install_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Installing into an existing Wagtail site")
    return text[start : text.index("\n## ", start + 1)]


def python_blocks(section: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def block_starting(blocks: list[str], marker: str) -> str:
    (block,) = [b for b in blocks if marker in b]
    return block


def start_project(wagtail: Path, folder: Path) -> Path:
    """`wagtail start mysite` in ``folder`` with the README's steps 3–5 applied."""
    subprocess.run([str(wagtail), "start", "mysite"], cwd=folder, check=True)
    project = folder / "mysite"
    blocks = python_blocks(install_section())
    settings = project / "mysite" / "settings" / "base.py"
    settings.write_text(settings.read_text() + "\n" + block_starting(blocks, "INSTALLED_APPS = ["))
    models = project / "home" / "models.py"
    models.write_text(models.read_text() + "\n" + block_starting(blocks, "GovInfoPageMixin"))
    (project / "home" / "templates" / "home" / "news_page.html").write_text(NEWS_TEMPLATE)
    search = block_starting(blocks, "public_search").strip().splitlines()
    import_line, call_line = search[0], search[-1]
    views = project / "search" / "views.py"
    code = views.read_text()
    assert STARTER_SEARCH in code, "the starter's search view changed; update the README"
    views.write_text(import_line + "\n" + code.replace(STARTER_SEARCH, call_line.strip()))
    return project
