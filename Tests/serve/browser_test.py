"""A course leader in a real browser (Debian's chromium and chromium-driver, through selenium): signs in
with the keyboard alone, downloads the template (CSV and Excel), uploads it filled in, confirms, and finds
the receipt, downloads it, and the file in the board's folder.
"""

import hashlib
import pathlib
import tempfile
import time

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, PASSWORD, Service, filled_in

BOARD = "2026-07-23"


def chrome(downloads):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1024"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "safebrowsing.enabled": True})
    return webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"),
                            options=options)


def downloaded(folder, name, seconds=20):
    path = pathlib.Path(folder) / name
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), f"{name} was not downloaded; the folder holds {list(pathlib.Path(folder).iterdir())}"
    return path


@pytest.fixture
def secure_service():
    # Secure cookies, as in production: Chromium keeps them on http://127.0.0.1, a secure context.
    service = Service(ROOT / "SampleData", insecure_cookies=False)
    yield service
    service.stop()


def test_a_course_leader_submits_a_sheet_and_gets_a_receipt(secure_service):
    service = secure_service
    service.add_account("leader@example.ac.uk", "course-team", "MC4002")
    downloads = pathlib.Path(tempfile.mkdtemp(prefix="board-downloads-"))
    driver = chrome(downloads)
    try:
        # Signing in with the keyboard alone: the skip link, then the fields in order, Enter to send.
        driver.get(service.url("/sign-in"))
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("class") == "skip"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "email"
        driver.switch_to.active_element.send_keys("leader@example.ac.uk", Keys.TAB)
        driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
        WebDriverWait(driver, 30).until(lambda d: d.current_url.endswith("/sheets"))
        assert "MC4002" in driver.page_source and "CE3005" not in driver.page_source

        template_link = driver.find_element(
            By.CSS_SELECTOR, f'a[href="/boards/{BOARD}/sheets/MC4002/JAN/template/csv"]')
        template_link.click()
        template = downloaded(downloads, f"MC4002-JAN-{BOARD}.csv")
        # The Excel template too: a workbook (a ZIP file), as board template --format xlsx writes it.
        driver.find_element(By.CSS_SELECTOR, f'a[href="/boards/{BOARD}/sheets/MC4002/JAN/template/xlsx"]').click()
        assert downloaded(downloads, f"MC4002-JAN-{BOARD}.xlsx").read_bytes().startswith(b"PK\x03\x04")
        filled = downloads / "MC4002-JAN-filled.csv"
        filled.write_bytes(filled_in(template.read_bytes().decode("utf-8")).encode("utf-8"))

        driver.find_element(By.ID, f"sheet-{BOARD}-MC4002-JAN").send_keys(str(filled))
        driver.find_element(By.CSS_SELECTOR, f'form[action="/boards/{BOARD}/sheets/MC4002/JAN/upload"] button').click()
        WebDriverWait(driver, 30).until(lambda d: "/uploads/" in d.current_url)
        assert "s-error" not in driver.page_source
        driver.find_element(By.XPATH, "//button[normalize-space()='Confirm and submit']").click()

        WebDriverWait(driver, 30).until(lambda d: "/receipts/" in d.current_url)
        details = {dt.text: dd.text for dt, dd in zip(driver.find_elements(By.CSS_SELECTOR, ".receipt dt"),
                                                        driver.find_elements(By.CSS_SELECTOR, ".receipt dd"))}
        written = service.institution / details["File"]
        assert details["File"] == f"marks/{BOARD}/MC4002-JAN-1.csv"
        assert written.read_bytes() == filled.read_bytes()
        assert details["SHA-256 of the file"] == hashlib.sha256(written.read_bytes()).hexdigest()

        driver.find_element(By.LINK_TEXT, "Download the receipt").click()
        receipt = downloaded(downloads, f"receipt-{details['Receipt number']}.txt").read_text()
        assert details["SHA-256 of the file"] in receipt
        print(f"\nbrowser: signed in by keyboard, template {template.name}, receipt {details['Receipt number']}, "
              f"{details['File']} ({details['Rows']} rows) SHA-256 {details['SHA-256 of the file'][:16]}…")
    finally:
        driver.quit()
