"""axe-core (axe-selenium-python) over every page of the service, in English and Welsh, signed out, as a
course team and as the registry: zero WCAG 2.1 A and AA violations.
"""

import os
import pathlib
import tempfile

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser_test import BOARD, chrome
from conftest import PASSWORD, filled_in

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(driver, service, email):
    driver.get(service.url("/sign-in"))
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button").click()
    WebDriverWait(driver, 30).until(lambda d: "/sign-in" not in d.current_url)


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
    WebDriverWait(driver, 30).until(lambda d: "/sign-in" in d.current_url)


def upload(driver, service, name, content):
    path = pathlib.Path(tempfile.mkdtemp()) / name
    path.write_text(content, encoding="utf-8")
    driver.get(service.url("/sheets"))
    driver.find_element(By.ID, f"sheet-{BOARD}-MC4002-JAN").send_keys(str(path))
    driver.find_element(By.CSS_SELECTOR, f'form[action="/boards/{BOARD}/sheets/MC4002/JAN/upload"] button').click()
    WebDriverWait(driver, 30).until(lambda d: "/uploads/" in d.current_url)


def test_every_page_meets_wcag_21_aa(sample_service):
    service = sample_service
    service.add_account("leader@example.ac.uk", "course-team", "MC4002")
    service.add_account("officer@example.ac.uk", "registry")
    unused_link = service.add_account("new@example.ac.uk", "course-team", "CE3005", password=None)
    downloads = pathlib.Path(tempfile.mkdtemp(prefix="board-downloads-"))
    driver = chrome(downloads)
    checked = {}

    def check(name):
        axe = Axe(driver)
        axe.inject()
        results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        checked[name] = results["violations"]
        if os.environ.get("BOARD_SCREENSHOTS"):
            driver.save_screenshot(os.path.join(os.environ["BOARD_SCREENSHOTS"], name + ".png"))

    try:
        driver.get(service.url("/sign-in"))
        check("sign-in")
        driver.get(service.url("/sign-in?lang=cy"))
        check("sign-in-welsh")
        driver.get(unused_link)
        check("set-password")
        driver.get(service.url("/set-password?token=0"))
        check("set-password-expired")

        sign_in(driver, service, "leader@example.ac.uk")
        check("sheets")
        driver.get(service.url(f"/boards/{BOARD}/sheets/MC4002/JAN/template/csv"))
        template = (downloads / f"MC4002-JAN-{BOARD}.csv")
        WebDriverWait(driver, 20).until(lambda d: template.exists())
        text = template.read_text(encoding="utf-8-sig")
        upload(driver, service, "mistakes.csv", filled_in(text, mark="67.5")
               + "99999999,Spy,Sam,CE3005,JAN,2025/26,001,,,1,,50,,2026-07-01,,\n")
        check("upload-with-findings")
        upload(driver, service, "marks.csv", filled_in(text))
        check("upload-preview")
        driver.find_element(By.XPATH, "//button[normalize-space()='Confirm and submit']").click()
        WebDriverWait(driver, 30).until(lambda d: "/receipts/" in d.current_url)
        check("receipt")
        driver.get(service.url(f"/boards/{BOARD}/sheets/CE3005/JAN/template/csv"))
        check("refused")
        driver.get(service.url("/no-such-page"))
        check("not-found")
        driver.get(service.url("/sheets"))
        driver.find_element(By.CSS_SELECTOR, "form[action='/language'] button").click()
        WebDriverWait(driver, 30).until(lambda d: 'lang="cy"' in d.page_source)
        check("sheets-welsh")
        sign_out(driver)

        sign_in(driver, service, "officer@example.ac.uk")
        check("registry")
        driver.get(service.url(f"/registry/boards/{BOARD}"))
        driver.find_element(By.XPATH, f"//button[normalize-space()='Run the board of {BOARD}']").click()
        WebDriverWait(driver, 30).until(lambda d: "Started by" in d.page_source)
        check("registry-board-running")
        WebDriverWait(driver, 120).until(lambda d: "finished at" in d.page_source or "stopped" in d.page_source)
        check("registry-board")
        driver.find_element(By.XPATH, f"//button[normalize-space()='Seal the board of {BOARD}']").click()
        check("registry-seal")
        driver.get(service.url("/registry/audit"))
        check("audit")
    finally:
        driver.quit()

    violations = {name: [f"{v['id']} ({len(v['nodes'])}): {v['help']}" for v in found]
                  for name, found in checked.items() if found}
    print(f"\naxe-core {WCAG_21_AA}: {len(checked)} pages, "
          f"{sum(len(v) for v in checked.values())} violations")
    assert not violations, violations
