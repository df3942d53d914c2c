/// The pages, as Mustache templates: `{{x}}` escapes every value (the only form used for values);
/// each page fills the `content` block of `layout`. Server-rendered HTML, usable without scripts;
/// `board.js` only keeps a running job's progress up to date.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout, "sign-in": signIn, "set-password": setPassword, "sheets": sheets, "upload": upload,
        "receipt": receipt, "registry": registry, "registry-board": registryBoard, "audit": audit, "problem": problem,
    ]

    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{institution}}</title>
        <link rel="stylesheet" href="/assets/board.css">
        <script src="/assets/board.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">{{w.skip}}</a>
        <header class="banner">
        <p class="brand">{{institution}} · {{w.service}}</p>
        {{#signedIn}}
        <nav aria-label="{{w.signedInAs}}">
        <span>{{w.signedInAs}} {{email}}</span>
        {{#languageSwitch}}
        <form method="post" action="/language" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="language" value="{{other}}">
        <input type="hidden" name="back" value="{{back}}">
        <button type="submit" lang="{{other}}" aria-label="{{w.switchToLabel}}">{{w.switchTo}}</button>
        </form>
        {{/languageSwitch}}
        <form method="post" action="/sign-out" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">{{w.signOut}}</button>
        </form>
        </nav>
        {{/signedIn}}
        </header>
        <main id="main" tabindex="-1">
        {{#notice}}<div class="notice" role="status">{{notice}}</div>{{/notice}}
        {{$content}}{{/content}}
        </main>
        </body>
        </html>
        """

    static let signIn = """
        {{<layout}}{{$content}}
        <h1>{{w.signIn}}</h1>
        {{#problem}}<div class="problem" role="alert"><h2>{{w.problem}}</h2><p>{{problem}}</p></div>{{/problem}}
        <form method="post" action="/sign-in" class="stack">
        <input type="hidden" name="csrf" value="{{formToken}}">
        <label for="email">{{w.email}}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="{{emailValue}}">
        <label for="password">{{w.password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">{{w.signIn}}</button>
        </form>
        <p><a href="{{switchHref}}" lang="{{other}}">{{w.switchToLabel}}</a></p>
        {{/content}}{{/layout}}
        """

    static let setPassword = """
        {{<layout}}{{$content}}
        <h1>{{w.setPassword}}</h1>
        {{#problem}}<div class="problem" role="alert"><h2>{{w.problem}}</h2><p>{{problem}}</p></div>{{/problem}}
        {{#usable}}
        <p>{{email}}</p>
        <form method="post" action="/set-password" class="stack">
        <input type="hidden" name="token" value="{{token}}">
        <label for="password">{{w.password}}</label>
        <p class="hint" id="password-hint">{{w.passwordHint}}</p>
        <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint">
        <label for="repeated">{{w.passwordAgain}}</label>
        <input id="repeated" name="repeated" type="password" autocomplete="new-password" required>
        <button type="submit">{{w.setPassword}}</button>
        </form>
        {{/usable}}
        {{/content}}{{/layout}}
        """

    static let sheets = """
        {{<layout}}{{$content}}
        <h1>{{w.yourSheets}}</h1>
        <p>{{w.yourSheetsIntro}}</p>
        {{^boards}}<p>{{w.noOpenBoards}}</p>{{/boards}}
        {{#boards}}
        <section aria-labelledby="board-{{board}}">
        <h2 id="board-{{board}}">{{w.boardOf}} {{board}}</h2>
        {{^sheets}}<p>{{w.noSheets}}</p>{{/sheets}}
        {{#hasSheets}}
        <table>
        <caption class="visually-hidden">{{w.boardOf}} {{board}}</caption>
        <thead><tr><th scope="col">{{w.course}}</th><th scope="col">{{w.occurrence}}</th><th scope="col">{{w.sitsOwed}}</th><th scope="col">{{w.template}}</th><th scope="col">{{w.submitted}}</th><th scope="col">{{w.uploadSheet}}</th></tr></thead>
        <tbody>
        {{#sheets}}
        <tr>
        <th scope="row"><span class="code">{{course}}</span> {{title}}</th>
        <td class="code">{{occurrence}}</td>
        <td class="number">{{sits}}</td>
        <td>{{#downloads}}<a href="{{href}}" download>{{label}}<span class="visually-hidden"> {{course}} {{occurrence}}</span></a> {{/downloads}}</td>
        <td>{{#receipts}}<a href="/receipts/{{number}}">{{w.receipt}} {{number}}</a> ({{at}})<br>{{/receipts}}{{^receipts}}{{w.notYet}}{{/receipts}}</td>
        <td>
        <form method="post" action="{{uploadHref}}" enctype="multipart/form-data" class="upload">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="sheet-{{id}}">{{w.filledSheetFor}} {{course}} {{occurrence}}</label>
        <input id="sheet-{{id}}" name="sheet" type="file" accept=".csv,.xlsx,text/csv" required>
        <button type="submit">{{w.upload}}<span class="visually-hidden"> {{course}} {{occurrence}}</span></button>
        </form>
        </td>
        </tr>
        {{/sheets}}
        </tbody>
        </table>
        {{/hasSheets}}
        </section>
        {{/boards}}
        {{/content}}{{/layout}}
        """

    static let upload = """
        {{<layout}}{{$content}}
        <h1>{{w.checkOf}} {{course}} {{occurrence}}, {{w.boardOf}} {{board}}</h1>
        <p>{{shownName}}: {{summary}}</p>
        <h2>{{w.findings}}</h2>
        {{^findings}}<p>{{w.noFindings}}</p>{{/findings}}
        {{#hasFindings}}
        {{^canConfirm}}<div class="problem" role="alert"><p>{{cannotConfirm}}</p></div>{{/canConfirm}}
        <table>
        <caption class="visually-hidden">{{w.findings}}</caption>
        <thead><tr><th scope="col">{{w.line}}</th><th scope="col">{{w.severity}}</th><th scope="col">{{w.code}}</th><th scope="col">{{w.whatToDo}}</th></tr></thead>
        <tbody>
        {{#findings}}<tr><td class="number">{{line}}</td><td><span class="badge {{severityClass}}">{{severity}}</span></td><td class="code">{{code}}</td><td>{{message}}</td></tr>
        {{/findings}}
        </tbody>
        </table>
        {{/hasFindings}}
        <h2>{{w.preview}}</h2>
        <p>{{w.previewIntro}}</p>
        <dl class="counts">
        <div><dt>{{w.new}}</dt><dd>{{newCount}}</dd></div>
        <div><dt>{{w.changed}}</dt><dd>{{changedCount}}</dd></div>
        <div><dt>{{w.unchanged}}</dt><dd>{{unchangedCount}}</dd></div>
        <div><dt>{{w.blank}}</dt><dd>{{blankCount}}</dd></div>
        </dl>
        {{#hasChanges}}
        <table>
        <caption>{{w.changedRows}}</caption>
        <thead><tr><th scope="col">{{w.line}}</th><th scope="col">{{w.student}}</th><th scope="col">{{w.component}}</th><th scope="col">{{w.attempt}}</th><th scope="col">{{w.was}}</th><th scope="col">{{w.now}}</th></tr></thead>
        <tbody>
        {{#changes}}<tr><td class="number">{{line}}</td><td class="code">{{student}}</td><td class="code">{{component}}</td><td class="number">{{attempt}}</td><td>{{was}}</td><td>{{now}}</td></tr>
        {{/changes}}
        </tbody>
        </table>
        {{/hasChanges}}
        {{#canConfirm}}
        <form method="post" action="/uploads/{{id}}/confirm" class="stack" data-once>
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p>{{w.confirmIntro}}</p>
        <button type="submit">{{w.confirm}}</button>
        </form>
        {{/canConfirm}}
        <p><a href="/sheets">{{w.backToSheets}}</a></p>
        {{/content}}{{/layout}}
        """

    static let receipt = """
        {{<layout}}{{$content}}
        <h1>{{w.receipt}} {{number}}</h1>
        <p>{{w.receiptIntro}}</p>
        <dl class="receipt">
        <dt>{{w.receiptNumber}}</dt><dd>{{number}}</dd>
        <dt>{{w.board}}</dt><dd>{{board}}</dd>
        <dt>{{w.course}}</dt><dd>{{course}} {{occurrence}}</dd>
        <dt>{{w.file}}</dt><dd class="code">{{file}}</dd>
        <dt>{{w.digest}}</dt><dd class="code digest">{{sha256}}</dd>
        <dt>{{w.rows}}</dt><dd>{{rows}}</dd>
        <dt>{{w.submittedBy}}</dt><dd>{{email}}</dd>
        <dt>{{w.submittedAt}}</dt><dd>{{at}}</dd>
        </dl>
        <p><a href="/receipts/{{number}}/receipt.txt" download>{{w.downloadReceipt}}</a></p>
        <p><a href="{{back}}">{{w.backToSheets}}</a></p>
        {{/content}}{{/layout}}
        """

    static let registry = """
        {{<layout}}{{$content}}
        <h1>Boards</h1>
        <p><a href="/registry/audit">Audit log</a></p>
        <table>
        <caption>Every configured board</caption>
        <thead><tr><th scope="col">Board</th><th scope="col">Academic year</th><th scope="col">Status</th><th scope="col">Receipts</th></tr></thead>
        <tbody>
        {{#boards}}<tr><th scope="row"><a href="/registry/boards/{{board}}">{{board}}</a></th><td>{{year}}</td><td>{{status}}</td><td class="number">{{receipts}}</td></tr>
        {{/boards}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let registryBoard = """
        {{<layout}}{{$content}}
        <h1>Board of {{board}}</h1>
        <p><a href="/registry">All boards</a> · <a href="/registry/audit">Audit log</a></p>
        <p>Status: {{status}}</p>
        <section aria-labelledby="chase">
        <h2 id="chase">Chase list</h2>
        <p>{{owing}} course occurrences owe this board sits; {{submitted}} have submitted, {{missing}} have not. <a href="/registry/boards/{{board}}/chase.csv" download>Download the chase list (CSV)</a></p>
        <table>
        <caption>Who owes the board of {{board}} which sits</caption>
        <thead><tr><th scope="col">Course</th><th scope="col">Occurrence</th><th scope="col">Sits owed</th><th scope="col">Submitted</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row"><span class="code">{{course}}</span> {{title}}</th><td class="code">{{occurrence}}</td><td class="number">{{sits}}</td><td>{{#receipts}}Receipt {{number}}: {{file}}, {{rows}} rows, by {{email}} at {{at}}<br>{{/receipts}}{{^receipts}}<strong>Not submitted</strong>{{/receipts}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{#hasOtherFiles}}<p>Also in the board folder, placed there without a receipt: {{#otherFiles}}<span class="code">{{.}}</span> {{/otherFiles}}</p>{{/hasOtherFiles}}
        </section>
        <section aria-labelledby="run">
        <h2 id="run">Run the board</h2>
        <div id="job" role="status" aria-live="polite" {{#running}}data-poll="/registry/boards/{{board}}/job"{{/running}}>
        {{#job}}<p>{{jobSummary}}</p>{{#hasLines}}<pre tabindex="0" aria-label="Output of board run">{{#lines}}{{.}}
        {{/lines}}</pre>{{/hasLines}}{{/job}}
        {{#running}}<p><a href="/registry/boards/{{board}}">Refresh to see its progress</a></p>{{/running}}
        </div>
        <form method="post" action="/registry/boards/{{board}}/run">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Run the board of {{board}}</button>
        </form>
        </section>
        <section aria-labelledby="pack">
        <h2 id="pack">Board pack and files</h2>
        {{^files}}<p>No board pack has been written for this board yet: run the board.</p>{{/files}}
        {{#hasFiles}}<ul>{{#files}}<li><a href="/registry/boards/{{board}}/pack/{{.}}">{{.}}</a></li>{{/files}}</ul>{{/hasFiles}}
        </section>
        <section aria-labelledby="seal">
        <h2 id="seal">Seal the board</h2>
        <p>Once the board has met, sealing freezes its sheets: no more submissions, and any later change must be unsealed and is listed as an amendment.</p>
        <form method="post" action="/registry/boards/{{board}}/seal">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">Seal the board of {{board}}</button>
        </form>
        </section>
        {{/content}}{{/layout}}
        """

    static let audit = """
        {{<layout}}{{$content}}
        <h1>Audit log</h1>
        <p><a href="/registry">All boards</a></p>
        <table>
        <caption>Submissions, seals, unseals, runs and sign-ins, newest first</caption>
        <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Board</th><th scope="col">Details</th></tr></thead>
        <tbody>
        {{#entries}}<tr><td>{{at}}</td><td>{{actor}}</td><td>{{event}}</td><td>{{board}}</td><td>{{detail}}</td></tr>
        {{/entries}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let problem = """
        {{<layout}}{{$content}}
        <h1>{{w.problem}}</h1>
        <div class="problem" role="alert"><p>{{message}}</p></div>
        <p><a href="{{home}}">{{homeLabel}}</a></p>
        {{/content}}{{/layout}}
        """

    /// The style sheet: plain, large enough, with contrast above WCAG AA and a visible focus ring.
    static let css = """
        body { font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; color: #00366b; padding: 0.5rem; }
        .skip:focus { left: 0.5rem; }
        .banner { background: #00366b; color: #fff; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; }
        .banner .brand { margin: 0; font-weight: bold; }
        .banner nav { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; }
        main { padding: 1rem; max-width: 75rem; }
        a { color: #00366b; }
        .banner a { color: #fff; }
        :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
        button { font: inherit; padding: 0.35rem 0.9rem; border: 2px solid #00366b; background: #00366b; color: #fff; border-radius: 3px; cursor: pointer; }
        .banner button { background: #fff; color: #00366b; border-color: #fff; }
        form.inline { display: inline; margin: 0; }
        .stack { display: flex; flex-direction: column; gap: 0.4rem; max-width: 30rem; }
        .stack button { align-self: flex-start; }
        input { font: inherit; padding: 0.3rem; border: 2px solid #505a5f; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
        th, td { border-bottom: 1px solid #b1b4b6; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
        .number { text-align: right; white-space: nowrap; }
        .code { font-family: ui-monospace, monospace; white-space: nowrap; }
        .digest { white-space: normal; word-break: break-all; }
        .badge { padding: 0 0.4rem; border-radius: 3px; font-weight: bold; }
        .s-error { background: #fbe4e4; color: #8a1010; }
        .s-warning { background: #fff3cd; color: #5c4300; }
        .s-note { background: #e8f1fb; color: #00366b; }
        .problem { border-left: 5px solid #b00020; padding: 0.25rem 1rem; margin: 0.5rem 0; }
        .notice { border-left: 5px solid #00703c; padding: 0.5rem 1rem; margin: 0.5rem 0; }
        .hint { color: #3d4448; margin: 0; }
        .counts { display: flex; gap: 2rem; }
        .counts dt { font-weight: bold; }
        .counts dd { margin: 0; font-size: 1.5rem; }
        .receipt dt { font-weight: bold; }
        .receipt dd { margin: 0 0 0.5rem; }
        .upload { display: flex; flex-direction: column; gap: 0.25rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        pre { background: #f3f2f1; padding: 0.5rem; overflow-x: auto; }
        """

    /// The one script: a confirm button that cannot be pressed twice, and a running job's progress
    /// fetched every two seconds. Every page works without it.
    static let script = """
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll("form[data-once]").forEach(function (form) {
            form.addEventListener("submit", function () {
              form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
            });
          });
          var job = document.querySelector("[data-poll]");
          if (!job) { return; }
          var poll = function () {
            fetch(job.getAttribute("data-poll"), { credentials: "same-origin" })
              .then(function (response) { return response.json(); })
              .then(function (state) {
                var lines = state.lines.join("\\n");
                job.querySelector("p").textContent = state.summary;
                var pre = job.querySelector("pre");
                if (lines && !pre) { pre = document.createElement("pre"); pre.tabIndex = 0; job.appendChild(pre); }
                if (pre) { pre.textContent = lines; }
                if (state.state === "running") { setTimeout(poll, 2000); } else { window.location.reload(); }
              });
          };
          setTimeout(poll, 2000);
        });
        """
}
