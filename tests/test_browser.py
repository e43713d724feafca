"""The rendered view in a real headless Chromium, driven by selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them); skipped with
the reason when they are missing. The seed release is read from ``../shared/seeds/`` next to
the repository and that one case is skipped when it is absent; the fixtures always run.
Screenshots are saved in each test's temporary folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import finfacts
from finfacts.render import render_extraction

from .conftest import FIXTURES, RELEASES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SEED = ROOT.parent / "shared" / "seeds" / "000_2b40c43d5a96f62b.txt"
HOSTILE = FIXTURES / "render" / "hostile-text.txt"
RETAIL = RELEASES / "contradictory-retail-2024.txt"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (the dev extra)")
By = pytest.importorskip("selenium.webdriver.common.by").By

# Without the background-networking flags Chromium waits on the network at start-up.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000")

# Text and offsets of every mention as the browser has them: the pieces of each data-k joined.
MARKS_JS = """
const out = {};
for (const el of document.querySelectorAll('.ff-text [data-k^="m-"]')) {
  const k = el.getAttribute('data-k').slice(2);
  out[k] = (out[k] || '') + el.textContent;
}
return out;
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="finfacts-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(CHROMEDRIVER)), options=options)
    # a headless window never has focus; emulate it so :focus (the mention details) applies
    driver.execute_cdp_cmd("Emulation.setFocusEmulationEnabled", {"enabled": True})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver: Any, tmp_path: Path, text: str, name: str, width: int | None = None) -> tuple[finfacts.Extraction,
                                                                                                finfacts.Report]:
    extraction = finfacts.extract(text)
    report = finfacts.check(extraction)
    page = tmp_path / f"{name}.html"
    page.write_text(render_extraction(extraction, report), encoding="utf-8")
    if width is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.as_uri())
    return extraction, report


def _assert_marked_up(driver: Any, extraction: finfacts.Extraction) -> None:
    shown = driver.execute_script(MARKS_JS)
    assert shown == {m.id: m.text for m in extraction.mentions}
    for m in extraction.mentions[:5]:
        mark = driver.find_element(By.ID, m.id)
        assert mark.tag_name == "mark" and mark.is_displayed()
        assert f"ff-{m.type}" in mark.get_attribute("class").split()
    text = driver.find_element(By.CSS_SELECTOR, ".ff-text").get_attribute("textContent")
    assert text == extraction.text


def _assert_details_on_focus(driver: Any, extraction: finfacts.Extraction) -> None:
    money = next(m for m in extraction.mentions if m.type == "money" and m.value is not None)
    mark = driver.find_element(By.ID, money.id)
    driver.execute_script("arguments[0].focus()", mark)
    tip = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", mark)
    assert f"{money.value:,f} {money.currency}" in tip and money.rule in tip
    driver.execute_script("arguments[0].blur()", mark)
    assert driver.execute_script("return getComputedStyle(arguments[0], '::after').content", mark) == "none"


def _assert_no_network_and_no_errors(driver: Any) -> None:
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    problems = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not problems, problems


def test_browser_seed_release(browser: Any, tmp_path: Path) -> None:
    if not SEED.exists():
        pytest.skip(f"seed release not found at {SEED}")
    extraction, report = _open(browser, tmp_path, finfacts.read(SEED).text, "seed")
    assert len(extraction.mentions) > 20
    _assert_marked_up(browser, extraction)
    panel = browser.find_element(By.CSS_SELECTOR, "section.ff-findings")
    assert panel.is_displayed() and panel.find_element(By.TAG_NAME, "h2").text.startswith("Checks:")
    shown = [f for f in report.findings if f.status != "pass"]
    assert len(panel.find_elements(By.CSS_SELECTOR, "li.ff-finding")) == len(shown)
    rows = browser.find_elements(By.CSS_SELECTOR, ".ff-facts tbody tr")
    assert len(rows) == len(extraction.facts)
    _assert_details_on_focus(browser, extraction)
    _assert_no_network_and_no_errors(browser)
    browser.save_screenshot(str(tmp_path / "seed.png"))


def test_browser_findings_link_both_ways(browser: Any, tmp_path: Path) -> None:
    extraction, report = _open(browser, tmp_path, finfacts.read(RETAIL).text, "retail")
    _assert_marked_up(browser, extraction)
    items = browser.find_elements(By.CSS_SELECTOR, "section.ff-findings li.ff-finding")
    assert len(items) == len([f for f in report.findings if f.status != "pass"]) >= 4
    outlined = browser.find_elements(By.CSS_SELECTOR, ".ff-text .ff-s-fail")
    assert outlined and all(el.is_displayed() for el in outlined)
    colour = browser.execute_script("return getComputedStyle(arguments[0]).outlineColor", outlined[0])
    assert colour == "rgb(207, 34, 46)"
    # panel -> text: the span becomes the target
    link = items[0].find_element(By.CSS_SELECTOR, ".ff-where a[href^='#span-']")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    assert browser.execute_script("return location.hash") == "#" + target
    assert browser.execute_script("return document.getElementById(arguments[0]).matches(':target')", target)
    # text -> panel: the numbered mark after the span leads back to the finding
    back = browser.find_element(By.CSS_SELECTOR, f"#{target} ~ a.ff-ref, #{target} a.ff-ref")
    back.click()
    assert browser.execute_script("return location.hash").startswith("#finding-")
    # the script lights a finding's figures while it is hovered (so the policy let it run)
    webdriver.ActionChains(browser).move_to_element(items[0]).perform()
    lit = browser.find_elements(By.CSS_SELECTOR, ".ff-text .ff-lit")
    assert lit and {el.get_attribute("data-k") for el in lit} <= {
        k for k in items[0].get_attribute("data-light").split()}
    # fact rows link to their mention
    row_link = browser.find_element(By.CSS_SELECTOR, f"#fact-{extraction.facts[0].id} a")
    row_link.click()
    assert browser.execute_script("return location.hash") == f"#{extraction.facts[0].value.id}"
    _assert_no_network_and_no_errors(browser)
    browser.save_screenshot(str(tmp_path / "retail.png"))


def test_browser_hostile_text_runs_nothing(browser: Any, tmp_path: Path) -> None:
    text = HOSTILE.read_text(encoding="utf-8")
    extraction, _ = _open(browser, tmp_path, text, "hostile")
    browser.find_element(By.CSS_SELECTOR, ".ff-text")  # the page is there
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title.startswith("finfacts: Quillfeather Paper Co. Reports <script>")
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.find_elements(By.CSS_SELECTOR, "img, iframe, .ff-text svg, .ff-text b, a[href^='javascript']") == []
    shown = browser.find_element(By.CSS_SELECTOR, ".ff-text").text
    assert '<script>window.__pwned = "script";' in shown
    assert "<img src=x onerror=\"window.__pwned = 'img'" in shown
    assert "&lt;script&gt; &amp; &#x3C;img&#x3E;" in shown
    _assert_marked_up(browser, extraction)
    assert browser.find_elements(By.CSS_SELECTOR, "li.ff-finding")  # "rose 25%" contradicts its figures
    _assert_no_network_and_no_errors(browser)
    browser.save_screenshot(str(tmp_path / "hostile.png"))


@pytest.mark.parametrize("path", [RETAIL, HOSTILE], ids=lambda p: p.stem)
def test_browser_phone_width(browser: Any, tmp_path: Path, path: Path) -> None:
    extraction, _ = _open(browser, tmp_path, finfacts.read(path).text, path.stem, width=390)
    assert browser.execute_script("return window.innerWidth") == 390
    # nothing wider than the screen: no sideways scrolling of the page
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    first = browser.find_element(By.ID, extraction.mentions[0].id)
    assert first.is_displayed() and first.rect["x"] + first.rect["width"] <= 390
    _assert_details_on_focus(browser, extraction)
    browser.save_screenshot(str(tmp_path / f"{path.stem}-phone.png"))
