"""A deadline on loopback: 200 course-team sessions upload a 500-row sheet and confirm it at once (each
pressing Confirm twice, as a double click does). Every receipt must match one file on disk and one
ledger row, none lost or duplicated, and the median response must be under a second. Bounded: 200
sessions, four requests each and a second confirm, every request with a time-out.
"""

import concurrent.futures
import hashlib
import pathlib
import random
import re
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time

import pytest

from conftest import Service

COURSES = 20
SESSIONS_PER_COURSE = 10
ROWS = 500
BOARD = "2025-12-11"


def institution():
    """20 micro-credentials of 500 students each, one component due before the board."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="board-load-"))
    (folder / "register").mkdir()
    (folder / "marks" / BOARD).mkdir(parents=True)
    (folder / "board.toml").write_text(
        '[institution]\nname = "Load Test University"\ncode = "LOAD"\n\n'
        '[outputs]\nreports = "../Reports"\nexports = "../Reports/exports"\n\n'
        '[[academic_years]]\ncode = "2025/26"\nstarts = 2025-08-01\nends = 2026-07-31\n'
        'boards = [2025-12-11, 2026-02-19]\n')
    courses = [f"LT{number:03d}" for number in range(1, COURSES + 1)]
    (folder / "register" / "courses.csv").write_text(
        "course_code,title,type,credits,level,external_examiner\n"
        + "".join(f"{code},Load course {code},micro-credential,20,4,Dr Examiner\n" for code in courses))
    (folder / "register" / "components.csv").write_text(
        "course_code,component,title,weight\n" + "".join(f"{code},001,Portfolio,100\n" for code in courses))
    (folder / "register" / "deadlines.csv").write_text(
        "course_code,occurrence,academic_year,component,deadline\n"
        + "".join(f"{code},SEP,2025/26,001,2025-11-28\n" for code in courses))
    sheets = {}
    with open(folder / "enrolments.csv", "w") as enrolments:
        enrolments.write("student_id,family_name,given_names,course_code,occurrence,academic_year,status\n")
        for index, code in enumerate(courses):
            rows = ["student_id,course_code,occurrence,academic_year,component,attempt,mark,submitted_on"]
            for student in range(ROWS):
                student_id = f"{30000000 + index * 1000 + student}"
                enrolments.write(f"{student_id},Family{student},Given,{code},SEP,2025/26,active\n")
                rows.append(f"{student_id},{code},SEP,2025/26,001,1,{random.randint(0, 100)},2025-11-20")
            sheets[code] = ("\n".join(rows) + "\n").encode()
    return folder, sheets


@pytest.fixture
def load_service():
    folder, sheets = institution()
    service = Service(folder)
    yield service, sheets
    service.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_two_hundred_sessions_submit_at_once(load_service):
    service, sheets = load_service
    codes = sorted(sheets)
    for code in codes:
        service.add_account(f"{code.lower()}@example.ac.uk", "course-team", code)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        signed_in = list(pool.map(
            lambda code: (code, *service.signed_in(f"{code.lower()}@example.ac.uk")),
            [code for code in codes for _ in range(SESSIONS_PER_COURSE)]))

    timings = []
    timings_lock = threading.Lock()
    start = threading.Barrier(len(signed_in))

    kinds = {}

    def timed(kind, call, *arguments, **keywords):
        began = time.monotonic()
        response = call(*arguments, timeout=120, allow_redirects=False, **keywords)
        with timings_lock:
            timings.append(time.monotonic() - began)
            kinds.setdefault(kind, []).append(time.monotonic() - began)
        return response

    def submit(entry):
        code, session, token = entry
        start.wait(timeout=120)
        sheet = f"/boards/{BOARD}/sheets/{code}/SEP"
        uploaded = timed("upload", session.post, service.url(sheet + "/upload"), data={"csrf": token},
                         files={"sheet": (f"{code}.csv", sheets[code], "text/csv")})
        assert uploaded.status_code == 303, uploaded.text
        upload = uploaded.headers["Location"]
        page = timed("check page", session.get, service.url(upload))
        assert "Confirm and submit" in page.text, page.text
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as clicks:
            confirms = list(clicks.map(
                lambda _: timed("confirm", session.post, service.url(upload + "/confirm"), data={"csrf": token}), range(2)))
        locations = {confirm.headers.get("Location") for confirm in confirms}
        assert len(locations) == 1 and all(c.status_code == 303 for c in confirms), [c.text for c in confirms]
        receipt = timed("receipt", session.get, service.url(locations.pop())).text
        fields = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]*)</dd>", receipt))
        return code, int(fields["Receipt number"]), fields["File"], fields["SHA-256 of the file"]

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(signed_in)) as pool:
        receipts = list(pool.map(submit, signed_in))
    elapsed = time.monotonic() - began

    numbers = [number for _, number, _, _ in receipts]
    files = [file for _, _, file, _ in receipts]
    assert len(set(numbers)) == len(receipts) == COURSES * SESSIONS_PER_COURSE
    assert len(set(files)) == len(files)
    on_disk = sorted(path.name for path in (service.institution / "marks" / BOARD).iterdir())
    assert on_disk == sorted(pathlib.Path(file).name for file in files)
    for code, _, file, digest in receipts:
        written = (service.institution / file).read_bytes()
        assert written == sheets[code] and hashlib.sha256(written).hexdigest() == digest
    for code in codes:
        assert sorted(name for name in on_disk if name.startswith(code)) == sorted(
            f"{code}-SEP-{n}.csv" for n in range(1, SESSIONS_PER_COURSE + 1))
    ledger = sqlite3.connect(service.institution / "Reports" / "exports" / "ledger.sqlite")
    rows = ledger.execute("SELECT number, file, sha256, rows FROM receipts").fetchall()
    assert sorted(rows) == sorted((number, file, digest, ROWS) for _, number, file, digest in receipts)

    timings.sort()
    median = statistics.median(timings)
    print(f"\nload: {len(receipts)} sessions x {ROWS}-row sheets, {len(timings)} requests in {elapsed:.1f} s; "
          f"response median {median * 1000:.0f} ms, p90 {timings[int(len(timings) * 0.9)] * 1000:.0f} ms, "
          f"p99 {timings[int(len(timings) * 0.99)] * 1000:.0f} ms, max {timings[-1] * 1000:.0f} ms; "
          f"{len(rows)} receipts = {len(on_disk)} files = {len(rows)} ledger rows, none lost or duplicated; "
          + ", ".join(f"{kind} median {statistics.median(times) * 1000:.0f} ms" for kind, times in kinds.items()))
    assert median < 1.0
