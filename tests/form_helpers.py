"""Building the page editor's POST data in tests, as the browser would send it."""

from __future__ import annotations


def page_form(client, url: str):
    """The page editor's form at ``url`` as the browser would post it (a mutable QueryDict)."""
    from wagtail.test.utils.form_data import querydict_from_html

    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def set_rich_text(data, name: str, html: str) -> None:
    """Put ``html`` into a rich text field of posted form data, as Draftail would."""
    from wagtail.test.utils.form_data import rich_text

    data[name] = rich_text(html)


def set_stream(data, name: str, blocks: list[tuple[str, object]]) -> None:
    """Replace a StreamField's posted blocks (the editor builds these inputs in JavaScript)."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    for key in [key for key in data if key.startswith(f"{name}-")]:
        del data[key]
    for key, value in nested_form_data({name: streamfield(blocks)}).items():
        data[key] = value


def kept(text: str, html: str) -> bool:
    """Whether a re-rendered editor still holds ``text``: raw, or JSON-escaped once (rich text
    in the editor's data attributes) or twice (rich text inside a StreamField's JSON)."""
    import json
    from html import unescape

    html = unescape(html)
    once = json.dumps(text)[1:-1]
    twice = json.dumps(once)[1:-1]
    return text in html or once in html or twice in html
