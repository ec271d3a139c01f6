"""The published page in a real browser (Debian's Chromium driven by Playwright).

Checks what only a browser can: the page loads from file:// without a console error (a CSP hash
that did not match would log one), the filters hide and show the right changes, a permalink
scrolls to its change, nothing is requested from anywhere, and no script from a document runs.
It saves screenshots to output/screenshots/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SHOTS
from support_changelog import build_changelog

from rspdiff.render.html import to_html

pytestmark = pytest.mark.browser


class Loaded:
    """A page opened from file:// with everything it logged, requested or popped up recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.split("#")[0] == self.url.split("#")[0]:
            route.continue_()
        else:
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_ids(self) -> list[str]:
        shown = "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
        return list(self.page.eval_on_selector_all("article.change", shown))


@pytest.fixture()
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "changes.html"
    path.write_text(to_html(build_changelog()), encoding="utf-8")
    return path


IN_VIEW = (
    "() => { const r = document.getElementById('chg-added-audit').getBoundingClientRect();"
    " return r.top >= 0 && r.top < window.innerHeight; }"
)
ALL = [c.id for c in build_changelog().changes]


def test_loads_without_errors_or_requests(browser: Any, page_file: Path) -> None:
    loaded = Loaded(browser, page_file)
    loaded.page.wait_for_load_state("load")
    assert loaded.errors == []
    assert [u for u in loaded.requests if not u.startswith("file://")] == []
    assert {u.split("#")[0] for u in loaded.requests} == {loaded.url}
    assert loaded.page.is_visible("#filters")  # the script ran (its CSP hash matched)
    assert loaded.visible_ids() == ALL
    loaded.context.close()


def test_hostile_document_text_does_not_run(browser: Any, page_file: Path) -> None:
    loaded = Loaded(browser, page_file)
    assert loaded.page.evaluate("typeof window.pwned") == "undefined"
    assert loaded.dialogs == []
    assert loaded.page.locator("#chg-moved-hostile img").count() == 0
    assert loaded.page.locator("script").count() == 1
    assert "<script>window.pwned = 1</script>" in loaded.page.inner_text("#chg-moved-hostile .redline")
    assert "window.pwned=2" in loaded.page.title()
    loaded.context.close()


def test_effect_and_kind_filters(browser: Any, page_file: Path) -> None:
    loaded = Loaded(browser, page_file)
    page = loaded.page
    weakened = page.locator('button[data-filter="effect"][data-value="weakened"]')
    weakened.click()
    assert weakened.get_attribute("aria-pressed") == "false"
    assert loaded.visible_ids() == ["chg-split-report", "chg-merged-access", "chg-added-audit"]
    assert page.is_hidden("#section-1")  # a section left empty by the filter disappears with its heading
    assert "Showing 3 of 6 changes." in page.inner_text("#filter-status")
    weakened.focus()
    page.keyboard.press("Enter")  # keyboard works as well as the mouse
    assert loaded.visible_ids() == ALL
    page.click('button[data-filter="kind"][data-value="added"]')
    page.click('button[data-filter="kind"][data-value="split"]')
    left = ["chg-modified-eval", "chg-merged-access", "chg-removed-annual", "chg-moved-hostile"]
    assert loaded.visible_ids() == left
    page.click('button[data-filter="effect"][data-value="mixed"]')
    assert "chg-merged-access" not in loaded.visible_ids()
    page.click("#filter-reset")
    assert loaded.visible_ids() == ALL
    assert loaded.errors == []
    loaded.context.close()


def test_permalink_scrolls_to_change_even_when_filtered(browser: Any, page_file: Path) -> None:
    loaded = Loaded(browser, page_file, width=1000)
    page = loaded.page
    target = page.locator("#chg-added-audit")
    page.click('#contents a[href="#chg-added-audit"]')
    target.wait_for(state="visible")
    page.wait_for_function(IN_VIEW)
    assert page.evaluate("location.hash") == "#chg-added-audit"
    page.evaluate("window.scrollTo(0, 0)")
    page.click('button[data-filter="effect"][data-value="strengthened"]')
    assert target.is_hidden()
    page.evaluate("location.hash = ''")
    page.evaluate("location.hash = '#chg-added-audit'")
    target.wait_for(state="visible")
    assert page.evaluate(IN_VIEW)
    loaded.context.close()


def test_page_is_complete_without_javascript(browser: Any, page_file: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.is_hidden("#filters")
    assert page.locator("article.change").count() == len(ALL)
    assert all(page.is_visible(f"#{cid}") for cid in ALL)
    context.close()


def test_screenshots(browser: Any, page_file: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, width in (("desktop", 1280), ("mobile", 390)):
        loaded = Loaded(browser, page_file, width=width)
        loaded.page.screenshot(path=str(SHOTS / f"changelog-{name}-top.png"))
        loaded.page.screenshot(path=str(SHOTS / f"changelog-{name}-full.png"), full_page=True)
        assert loaded.page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )  # no sideways scroll
        loaded.context.close()
    loaded = Loaded(browser, page_file)
    loaded.page.click('button[data-filter="effect"][data-value="weakened"]')
    loaded.page.click("#chg-split-report summary")
    loaded.page.locator("#changes").screenshot(path=str(SHOTS / "changelog-filtered-side-by-side.png"))
    loaded.context.close()
    assert (SHOTS / "changelog-desktop-full.png").stat().st_size > 10_000
