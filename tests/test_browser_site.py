"""Walk the generated site in Chromium from file://: index → a pair page → a change's anchor →
that clause's lineage page; screenshots go to output/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SHOTS
from test_site import site  # noqa: F401  (the session fixture that builds the site)

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


def test_walk_index_pair_change_lineage(browser: Any, site: Path) -> None:  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(SHOTS / "site-index.png"))
    page.click("a.pair-link >> nth=1")
    assert page.url.endswith("pairs/v2.0--v2.1.html")
    first = page.locator("article.change").first
    change_id = first.get_attribute("id")
    page.click(f'a[href="#{change_id}"] >> nth=0')
    assert page.url.endswith(f"#{change_id}")
    page.screenshot(path=str(SHOTS / "site-pair.png"))
    page.click(f'article[id="{change_id}"] .lineage-link a')
    assert "/lineages/l-" in page.url
    assert page.locator(f'a.change-link:has-text("{change_id}")').count() >= 1
    page.screenshot(path=str(SHOTS / "site-lineage.png"), full_page=True)
    page.goto((site / "history.html").as_uri())
    assert page.locator("#drift svg rect").count() > 4
    page.screenshot(path=str(SHOTS / "site-history.png"))
    assert not errors
