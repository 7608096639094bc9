"""The removal steps of docs/install.md ("Uninstalling", steps 2–4), applied to the project
files of a `wagtail start` site that followed the README (``readme.start_project``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .readme import STARTER_SEARCH, block_starting, install_section, python_blocks


def drop_mixin(project: Path) -> None:
    """Step 2: the page model without ``GovInfoPageMixin`` and its panels."""
    models = project / "home" / "models.py"
    code = models.read_text()
    code = code.replace("from wagtail_gov_review.models import GovInfoPageMixin\n", "")
    code = code.replace("(GovInfoPageMixin, Page)", "(Page)")
    code = code.replace(" + GovInfoPageMixin.gov_review_panels", "")
    assert "GovInfoPageMixin" not in code and "wagtail_gov_review" not in code, code
    models.write_text(code)


def forget_migrations(project: Path, app: str = "home") -> None:
    """Step 3, the reset variant: the app's migration files go; ``makemigrations`` then writes a
    new ``0001_initial`` from the models, which every database that ran the old ones has
    already recorded as applied."""
    folder = project / app / "migrations"
    for migration in folder.glob("0*.py"):
        migration.unlink()
    shutil.rmtree(folder / "__pycache__", ignore_errors=True)


def drop_settings_and_search(project: Path) -> None:
    """Step 4: the settings block of the README and the ``public_search`` call go."""
    blocks = python_blocks(install_section())
    settings = project / "mysite" / "settings" / "base.py"
    appended = "\n" + block_starting(blocks, "INSTALLED_APPS = [")
    settings.write_text(settings.read_text().replace(appended, ""))
    search = block_starting(blocks, "public_search").strip().splitlines()
    views = project / "search" / "views.py"
    code = views.read_text().replace(search[0] + "\n", "", 1)
    views.write_text(code.replace(search[-1].strip(), STARTER_SEARCH))
    for path in (settings, views):
        assert "wagtail_gov_review" not in path.read_text(), path
