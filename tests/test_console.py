"""The web console (`/`), driven in headless Chromium against the real service and worker, and the two API
additions it relies on: each entity's `source`, and `GET /v1/jobs` (the caller's key's jobs).

The browser is Debian's `chromium` with its `chromium-driver` (.ci/run installs both). Chromium starts with the
flags that keep it off the network: the page must work offline, and a closed network would otherwise make it
retry outside connections. The run also writes the README's two screenshots into docs/.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.helpers import ADMIN, ROOT, make_csv, submit

EMAIL = "maria.gonzalez@example.org"
CARD = "4111 1111 1111 1111"
TEXT = f"Hi, I'm Maria Gonzalez. Write to {EMAIL} or pay with card {CARD}."
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,860",
]
SCREENSHOT_LIMIT = 150_000  # bytes: the PNGs are committed


# ---------------------------------------------------------------------------------------------------------------
# The API additions


def test_entities_name_what_found_them(client):
    policy = {"deny_list": {"EMPLOYEE_ID": ["E-1001"]}}
    text = f"{TEXT} Employee E-1001."
    for path in ("/v1/text/analyze", "/v1/text/mask"):
        r = client.post(path, json={"text": text, "policy": policy})
        assert r.status_code == 200, r.text
        source = {e["type"]: e["source"] for e in r.json()["entities"]}
        assert source["PERSON"] == "model"
        assert source["EMAIL_ADDRESS"] == source["CREDIT_CARD"] == "pattern"
        assert source["EMPLOYEE_ID"] == "deny_list"
    batch = client.post("/v1/text/mask/batch", json={"texts": [text, "nothing here"], "policy": policy}).json()
    assert {e["source"] for e in batch["results"][0]["entities"]} == {"model", "pattern", "deny_list"}


def test_jobs_lists_the_callers_own_jobs_newest_first(service):
    data, _ = make_csv(3)
    with (
        httpx.Client(base_url=service.base_url, headers=ADMIN, timeout=60) as admin,
        httpx.Client(base_url=service.base_url, headers={"Authorization": "Bearer tables-key"}, timeout=60) as other,
    ):
        mine = [submit(admin, data), submit(admin, data)]
        theirs = submit(other, data)
        listed = admin.get("/v1/jobs", params={"limit": 100}).json()["jobs"]
        ids = [j["job_id"] for j in listed]
        assert ids.index(mine[1]) < ids.index(mine[0]) and theirs not in ids
        assert all(set(j) >= {"status", "progress", "submitted_at"} for j in listed)
        assert [j["job_id"] for j in other.get("/v1/jobs").json()["jobs"]][0] == theirs
        assert len(admin.get("/v1/jobs", params={"limit": 1}).json()["jobs"]) == 1
        assert admin.get("/v1/jobs", params={"limit": 0}).status_code == 422
        assert httpx.get(f"{service.base_url}/v1/jobs").status_code == 401
        mask_only = httpx.get(f"{service.base_url}/v1/jobs", headers={"Authorization": "Bearer mask-key"})
        assert mask_only.status_code == 403
        for job_id in (*mine, theirs):  # leave no queued work for the browser test's worker
            admin.delete(f"/v1/jobs/{job_id}")


# ---------------------------------------------------------------------------------------------------------------
# The page in a browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.fail(
            "chromium and chromedriver are not on PATH: .ci/run installs them (apt-get install chromium chromium-driver)"
        )
    downloads = tmp_path_factory.mktemp("downloads")
    options = Options()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    browser = webdriver.Chrome(options=options, service=Service(driver))
    browser.downloads = downloads
    yield browser
    browser.quit()


def wait(browser, condition, timeout: float = 60, message: str = ""):
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(lambda b: condition(), message)


def open_console(browser, service, key: str) -> None:
    browser.get(service.base_url + "/")
    wait(browser, lambda: browser.execute_script("return document.body.dataset.ready === 'true'"), 30, "page ready")
    field = browser.find_element(By.ID, "key")
    field.send_keys(key)
    browser.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]").click()
    wait(browser, lambda: "Checking" not in text_of(browser, "key-status"), 30, "the key check")


def text_of(browser, element_id: str) -> str:
    return browser.find_element(By.ID, element_id).text


def plain(browser, element_id: str) -> str:
    """An output's text as the page shows it, without the type labels and tooltips it adds to each entity."""
    return browser.execute_script(
        "const c = document.getElementById(arguments[0]).cloneNode(true);"
        "c.querySelectorAll('.tag, .tip').forEach((e) => e.remove()); return c.textContent;",
        element_id,
    )


def highlights(browser, element_id: str = "found") -> list[dict]:
    return browser.execute_script(
        "return [...document.querySelectorAll(`#${arguments[0]} mark.ent`)].map((m) => ({"
        "type: m.dataset.type, text: m.firstChild ? m.firstChild.textContent : '',"
        "label: m.querySelector('.tag').textContent, tip: m.querySelector('.tip').textContent}))",
        element_id,
    )


def screenshot(browser, name: str) -> None:
    png = browser.get_screenshot_as_png()
    assert len(png) < SCREENSHOT_LIMIT, f"{name}: {len(png)} bytes"
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / name).write_bytes(png)


def test_a_wrong_key_shows_the_apis_401_message(browser, service):
    open_console(browser, service, "not-a-key")
    status = text_of(browser, "key-status")
    assert "401" in status and "a valid API key is required" in status
    assert browser.find_element(By.ID, "key").get_attribute("value") == ""  # the typed key is not left in the page
    # the key lives in this tab's sessionStorage, never in the address
    assert browser.execute_script("return sessionStorage.getItem('piimask.apiKey')") == "not-a-key"
    assert "not-a-key" not in browser.current_url


def test_text_is_highlighted_in_place_and_a_preset_changes_the_masking(browser, service):
    open_console(browser, service, "admin-key")
    assert text_of(browser, "key-status") == "Key accepted."
    browser.find_element(By.ID, "text").send_keys(TEXT)
    wait(browser, lambda: len(highlights(browser)) == 3, message="three highlights")
    found = highlights(browser)
    assert [(h["type"], h["label"]) for h in found] == [
        ("PERSON", "PERSON"),
        ("EMAIL_ADDRESS", "EMAIL_ADDRESS"),
        ("CREDIT_CARD", "CREDIT_CARD"),
    ]
    assert [h["text"] for h in found] == ["Maria Gonzalez", EMAIL, CARD]
    assert text_of(browser, "summary") == "3 entities: PERSON, EMAIL_ADDRESS, CREDIT_CARD"
    assert "found by the model" in found[0]["tip"] and "operator replace → <PERSON>" in found[0]["tip"]
    assert "found by a pattern recognizer" in found[1]["tip"]
    assert plain(browser, "found") == TEXT
    assert plain(browser, "masked") == "Hi, I'm <PERSON>. Write to <EMAIL_ADDRESS> or pay with card <CREDIT_CARD>."
    assert [h["type"] for h in highlights(browser, "masked")] == ["PERSON", "EMAIL_ADDRESS", "CREDIT_CARD"]

    # keyboard: an entity takes the focus and then shows its details
    browser.execute_script("document.querySelector('#found mark.ent').focus()")
    assert (
        browser.execute_script("return getComputedStyle(document.activeElement.querySelector('.tip')).opacity") == "1"
    )

    Select(browser.find_element(By.ID, "preset")).select_by_value("redact")
    wait(browser, lambda: plain(browser, "masked") == "Hi, I'm . Write to  or pay with card .", message="redacted")

    Select(browser.find_element(By.ID, "preset")).select_by_value("hash")
    wait(browser, lambda: "<EMAIL_ADDRESS>" not in plain(browser, "masked") and " ." not in plain(browser, "masked"))
    masked = plain(browser, "masked")
    assert re.fullmatch(r"Hi, I'm <PERSON>\. Write to [0-9a-f]{16} or pay with card [0-9a-f]{16}\.", masked), masked

    # reversible tokens, and back (the admin key carries the unmask scope)
    Select(browser.find_element(By.ID, "preset")).select_by_value("tokens")
    wait(browser, lambda: plain(browser, "masked").count("[ENC:") == 3, message="encrypted tokens")
    browser.find_element(By.ID, "unmask").click()
    wait(browser, lambda: browser.find_element(By.ID, "unmasked").is_displayed(), message="the unmasked text")
    assert text_of(browser, "unmask-status") == "3 values restored:" and text_of(browser, "unmasked") == TEXT

    # the API's own 422 message appears next to the policy editor
    editor = browser.find_element(By.ID, "policy")
    editor.clear()
    editor.send_keys('{"operators": {"EMAIL_ADDRESS": {"type": "scramble"}}}')
    wait(browser, lambda: "422" in text_of(browser, "policy-error"), message="the 422 message")
    assert "operators" in text_of(browser, "policy-error") and text_of(browser, "text-error") == ""
    assert editor.get_attribute("aria-invalid") == "true"

    Select(browser.find_element(By.ID, "preset")).select_by_value("hash")
    wait(browser, lambda: text_of(browser, "policy-error") == "" and text_of(browser, "summary").startswith("3 "))
    # the shot shows one entity's details: the card's, whose tooltip covers no text
    browser.execute_script(
        "document.querySelectorAll('#found mark.ent')[2].focus({preventScroll: true}); scrollTo(0, 0)"
    )
    screenshot(browser, "console-text.png")


def test_a_table_is_masked_and_downloaded_from_the_page(browser, service, worker, tmp_path):
    data, records = make_csv(12)
    source = tmp_path / "people.csv"
    source.write_bytes(data)
    open_console(browser, service, "admin-key")
    browser.find_element(By.ID, "tab-tables").click()
    assert not browser.find_element(By.ID, "panel-text").is_displayed()
    browser.find_element(By.ID, "file").send_keys(str(source))
    assert "people.csv" in text_of(browser, "file-name")
    browser.find_element(By.ID, "submit-table").click()
    wait(browser, lambda: text_of(browser, "job-status") == "finished", 120, "the job to finish")
    job_id = text_of(browser, "job-id")
    assert text_of(browser, "job-rows") == "12 / 12 rows"
    plan = {
        row.find_elements(By.TAG_NAME, "td")[0].text: [td.text for td in row.find_elements(By.TAG_NAME, "td")]
        for row in browser.find_elements(By.CSS_SELECTOR, "#plan tbody tr")
    }
    assert plan["email"][1:3] == ["entity", "EMAIL_ADDRESS"] and plan["notes"][1] == "text"
    wait(browser, lambda: job_id[:12] in text_of(browser, "jobs"), 30, "the job in the list of recent jobs")

    browser.find_element(By.ID, "job-download").click()
    target = Path(browser.downloads) / f"masked-{job_id}.csv"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), list(Path(browser.downloads).iterdir())
    masked = list(csv.DictReader(io.StringIO(target.read_text())))
    assert [list(r) for r in masked[:1]] == [list(records[0])] and len(masked) == len(records)
    for original, out in zip(records, masked):
        assert out["id"] == original["id"] and out["amount"] == original["amount"]
        assert out["email"] != original["email"] and original["email"] not in target.read_text()
    screenshot(browser, "console-table.png")


def test_status_shows_the_models_and_the_workers(browser, service, worker):
    open_console(browser, service, "admin-key")
    browser.find_element(By.ID, "tab-status").click()
    wait(browser, lambda: "Updated" in text_of(browser, "status-note"), 30, "the status")
    assert "ready" in text_of(browser, "service-info")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#workers tbody tr")) >= 1
    assert "Queue depth" in text_of(browser, "queue-info")
