"""The submission service (`board serve`) started for a test on a copy of an institution, on loopback.

Each test gets its own folder, port, ledger and accounts; the service is stopped (by its own pid)
when the test ends. `BOARD_BIN` names the `board` executable (default: .build/debug/board).
"""

import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
BOARD = os.environ.get("BOARD_BIN", str(ROOT / ".build" / "debug" / "board"))
PASSWORD = "correct horse battery staple"


class Service:
    """One `board serve` process over an institution folder."""

    def __init__(self, institution, insecure_cookies=True):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="board-serve-"))
        self.institution = self.folder / "institution"
        shutil.copytree(institution, self.institution)
        self.config = self.institution / "board.toml"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        text = self.config.read_text(encoding="utf-8")
        text = text.replace('"../Reports/exports"', '"Reports/exports"').replace('"../Reports"', '"Reports"')
        text += (
            f'\n[serve]\ninsecure_cookies = {"true" if insecure_cookies else "false"}\n'
            f'public_url = "{self.base}"\n'
        )
        self.config.write_text(text, encoding="utf-8")
        self.log = open(self.folder / "serve.log", "wb")
        self.process = subprocess.Popen(
            [BOARD, "serve", "--config", str(self.config), "--listen", f"127.0.0.1:{self.port}", "--quiet"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.base + "/sign-in", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("board serve did not start: " + (self.folder / "serve.log").read_text())
            time.sleep(0.2)

    def url(self, path):
        return self.base + path

    def board(self, *arguments):
        """Runs `board ARGUMENTS --config <this institution>`; its stdout."""
        done = subprocess.run(
            [BOARD, *arguments, "--config", str(self.config)], capture_output=True, text=True, check=True)
        return done.stdout

    def add_account(self, email, role, courses=None, password=PASSWORD):
        """`board user add`, then the printed one-time link used to set the password."""
        arguments = ["user", "add", email, "--role", role] + (["--courses", courses] if courses else [])
        link = re.search(r"(http://\S+/set-password\?token=[0-9a-f]{64})", self.board(*arguments)).group(1)
        if password:
            token = link.split("token=")[1]
            answer = requests.post(
                self.url("/set-password"), data={"token": token, "password": password, "repeated": password},
                allow_redirects=False, timeout=60)
            assert answer.status_code == 303, answer.text
        return link

    def signed_in(self, email, password=PASSWORD):
        """A requests session signed in as `email`, and the CSRF token of its forms."""
        session = requests.Session()
        form = session.get(self.url("/sign-in"), timeout=60)
        token = re.search(r'name="csrf" value="([0-9a-f]{64})"', form.text).group(1)
        page = session.post(
            self.url("/sign-in"), data={"csrf": token, "email": email, "password": password}, timeout=120)
        assert page.status_code == 200, page.text
        return session, csrf(page.text)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def csrf(html):
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return found.group(1) if found else ""


def filled_in(template, mark="55"):
    """A template filled in as a course leader would: a mark for every sit, submitted on its due date."""
    return re.sub(r",(\d{4}-\d{2}-\d{2}),,,,,(\r?)$", lambda m: f",{m[1]},{mark},,{m[1]},,{m[2]}", template,
                  flags=re.MULTILINE)


@pytest.fixture
def sample_service():
    service = Service(ROOT / "SampleData")
    yield service
    service.stop()
