#!/usr/bin/env python3
"""Checks every link of a board pack (SPEC §3.1), as a board member would by clicking each one.

    Tests/check-pack-links.py PACK_FOLDER

PACK_FOLDER holds board-report.html, courses/<COURSE>.html and manifest.json. For every page:
every href to a local file names a file of the pack; every #fragment, on the same page or another,
names an id of its target page; every link has text to click; every id that aria-labelledby, for or
headers names is on the page; no href or src (or CSS url()) reaches outside the pack; every id is
unique on its page; every element opened is closed in order (a value not escaped breaks that). The
opening page's outcomes table links each course to its page, in code order, and each
course page links back to the opening page and to its neighbours. Every output the manifest lists
exists with its SHA-256, and every page on disk is in the manifest.

Prints one line per problem, then a summary; exits 1 if there is any problem. Standard library only.
"""

import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets a page leave out; the pack closes them, but a reader need not.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = {}  # id -> first line
        self.duplicate_ids = []  # (id, line)
        self.links = []  # (attribute, value, line)
        self.references = []  # (attribute, id, line): ids that aria-labelledby, for and the like name
        self.css_urls = []  # (value, line)
        self.stack = []  # (tag, line)
        self.nesting = []  # problems with the order of tags
        self.outcome_rows = []  # first-cell links of the rows of <section id="outcomes">'s table body
        self._section = None
        self._in_tbody = False
        self._cell = 0
        self._in_style = False
        self.empty_links = []  # lines of <a> elements with no text to click
        self._link_text = None  # the text of the <a> being read, and its line

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        self._attributes(tag, attrs, line)
        if tag not in VOID:
            self.stack.append((tag, line))
        if tag == "section":
            self._section = dict(attrs).get("id")
        elif tag == "tbody" and self._section == "outcomes":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self._cell = 0
            self.outcome_rows.append(None)
        elif tag == "td" and self._in_tbody:
            self._cell += 1
        elif tag == "a" and self._in_tbody and self._cell == 1 and self.outcome_rows[-1] is None:
            self.outcome_rows.append(self.outcome_rows.pop() or dict(attrs).get("href", ""))
        elif tag == "style":
            self._in_style = True
        if tag == "a":
            self._link_text = ("", line)

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, attrs, self.getpos()[0])

    def _attributes(self, tag, attrs, line):
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.duplicate_ids.append((value, line))
                else:
                    self.ids[value] = line
            elif name in ("href", "src", "xlink:href", "action", "srcset", "poster", "data"):
                self.links.append((f"<{tag}> {name}", value or "", line))
            elif name == "style":
                self._css(value or "", line)
            elif name in ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "headers"):
                for reference in (value or "").split():
                    self.references.append((f"<{tag}> {name}", reference, line))

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag == "section":
            self._section = None
        elif tag == "tbody":
            self._in_tbody = False
        elif tag == "style":
            self._in_style = False
        elif tag == "a" and self._link_text is not None:
            if not self._link_text[0].strip():
                self.empty_links.append(self._link_text[1])
            self._link_text = None
        if tag in VOID:
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            self.nesting.append(f"line {line}: </{tag}> closes nothing open")
            return
        while self.stack:
            open_tag, opened = self.stack.pop()
            if open_tag == tag:
                break
            if open_tag not in OPTIONAL_END:
                self.nesting.append(f"line {line}: </{tag}> closes <{open_tag}> of line {opened}")

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text = (self._link_text[0] + data, self._link_text[1])
        if self._in_style:
            self._css(data, self.getpos()[0])

    def _css(self, css, line):
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)", css):
            self.css_urls.append((match.group(1) or match.group(2) or "", line))


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(f"usage: {sys.argv[0]} PACK_FOLDER", file=sys.stderr)
        return 64
    root = os.path.realpath(sys.argv[1])
    opening = "board-report.html"
    problems = []

    def problem(page, text):
        problems.append(f"{page}: {text}")

    if not os.path.isfile(os.path.join(root, opening)):
        print(f"{root}: no {opening}", file=sys.stderr)
        return 1
    course_dir = os.path.join(root, "courses")
    course_pages = sorted(
        f"courses/{name}" for name in (os.listdir(course_dir) if os.path.isdir(course_dir) else [])
        if name.endswith(".html"))
    pages = [opening] + course_pages

    parsed = {}
    for name in pages:
        page = Page()
        with open(os.path.join(root, name), encoding="utf-8") as file:
            page.feed(file.read())
        page.close()
        parsed[name] = page
        for value, line in page.duplicate_ids:
            problem(name, f"line {line}: id \"{value}\" again (first on line {page.ids[value]})")
        for line in page.empty_links:
            problem(name, f"line {line}: a link with no text to click")
        for text in page.nesting:
            problem(name, text)
        for tag, line in page.stack:
            if tag not in OPTIONAL_END | {"html", "body", "head"}:
                problem(name, f"<{tag}> of line {line} is never closed")

    def target_page(name, link):
        """The page of the pack `link` on page `name` leads to, or None; with its fragment."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith("//"):
            return "external", None
        if not parts.path:
            return name, unquote(parts.fragment) if "#" in link else None
        resolved = os.path.realpath(os.path.join(root, os.path.dirname(name), unquote(parts.path)))
        if os.path.commonpath([resolved, root]) != root:
            return "outside", None
        return os.path.relpath(resolved, root), unquote(parts.fragment) if "#" in link else None

    links = 0
    fragments = 0
    # Every link: a file of the pack, and an id of it.
    for name in pages:
        page = parsed[name]
        for attribute, value, line in page.links:
            links += 1
            if value.strip() == "":
                problem(name, f"line {line}: {attribute} is empty")
                continue
            target, fragment = target_page(name, value)
            if target == "external":
                problem(name, f"line {line}: {attribute}=\"{value}\" leaves the pack (an external URL)")
                continue
            if target == "outside":
                problem(name, f"line {line}: {attribute}=\"{value}\" leads outside the pack folder")
                continue
            if not os.path.isfile(os.path.join(root, target)):
                problem(name, f"line {line}: {attribute}=\"{value}\": no file {target}")
                continue
            if fragment is not None:
                fragments += 1
                if fragment == "":
                    problem(name, f"line {line}: {attribute}=\"{value}\" has an empty fragment")
                elif target not in parsed:
                    problem(name, f"line {line}: {attribute}=\"{value}\": {target} is not a page of the pack")
                elif fragment not in parsed[target].ids and fragment != "top":
                    problem(name, f"line {line}: {attribute}=\"{value}\": no id \"{fragment}\" on {target}")
        for attribute, reference, line in page.references:
            if reference not in page.ids:
                problem(name, f"line {line}: {attribute} names \"{reference}\", no id of the page")
        for value, line in page.css_urls:
            links += 1
            if not value.startswith("data:") and not value.startswith("#"):
                problem(name, f"line {line}: CSS url(\"{value}\") fetches a resource")

    # The opening page's outcomes table: a row per course, each linking to its page, in page order.
    linked = []
    for row, href in enumerate(parsed[opening].outcome_rows, 1):
        if not href:
            problem(opening, f"row {row} of the outcomes table links to no course page")
            continue
        target, _ = target_page(opening, href)
        linked.append(target)
    missing = [page for page in course_pages if page not in linked]
    for page in missing:
        problem(opening, f"the outcomes table does not link to {page}")
    for page in sorted({page for page in linked if linked.count(page) > 1}):
        problem(opening, f"the outcomes table links to {page} more than once")
    order = [page for page in linked if page in course_pages]
    if order != [page for page in course_pages if page in order]:
        problem(opening, "the outcomes table does not list the courses in code order")

    # Each course page: back to the opening page, and to its neighbours in the table's order.
    def targets(name):
        return {target_page(name, value)[0] for attribute, value, _ in parsed[name].links if attribute == "<a> href"}

    for name in course_pages:
        if opening not in targets(name):
            problem(name, f"no link back to {opening}")
    for index, name in enumerate(order):
        if index > 0 and order[index - 1] not in targets(name):
            problem(name, f"no link to the previous course, {order[index - 1]}")
        if index + 1 < len(order) and order[index + 1] not in targets(name):
            problem(name, f"no link to the next course, {order[index + 1]}")

    # The manifest: every output it lists exists with its digest, and every page is listed.
    manifest_path = os.path.join(root, "manifest.json")
    if not os.path.isfile(manifest_path):
        problem("manifest.json", "missing")
    else:
        with open(manifest_path, encoding="utf-8") as file:
            outputs = {entry["path"]: entry.get("sha256") for entry in json.load(file).get("outputs", [])}
        for path, digest in sorted(outputs.items()):
            full = os.path.join(root, path)
            if not os.path.isfile(full):
                problem("manifest.json", f"lists {path}, which is not in the pack")
                continue
            with open(full, "rb") as file:
                actual = hashlib.sha256(file.read()).hexdigest()
            if actual != digest:
                problem("manifest.json", f"{path}: SHA-256 {digest}, but the file's is {actual}")
        for page in pages:
            if page not in outputs:
                problem("manifest.json", f"does not list {page}")

    for line in problems:
        print(line)
    ids = sum(len(page.ids) for page in parsed.values())
    verdict = f"{len(problems)} problems" if problems else "every link leads where it says"
    print(f"{root}: {len(pages)} pages, {links} links ({fragments} to an id), {ids} ids: {verdict}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
