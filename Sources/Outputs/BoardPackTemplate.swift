extension BoardPack {
    /// The built-in board pack template (Mustache, HTML): one template for every page of the pack,
    /// rendered once for the opening page (`{{#opening}}` sections shown) and once for each course page
    /// (`{{#course}}` sections shown), around a shared head, header and footer. `{{x}}` escapes;
    /// `{{{x}}}` is used only for the SVG histograms, built from numbers, and for the long tables' rows
    /// and lists (`decisionRows`, `courseRows`, `findingRows`, `transcriptItems`, …), written by
    /// `HTMLText`, which escapes every value as Mustache does. A board may restyle the pack without
    /// rebuilding by naming its own copy of this template in `[outputs] board_pack_template`.
    public static let defaultTemplate = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{#course}}{{code}} {{title}} · {{/course}}{{institution}}: assessment board {{boardISO}}, {{academicYear}}</title>
        <style>
        :root { --ink: #1c2430; --muted: #5f6b7a; --rule: #d8dde4; --zebra: #f4f6f9; --accent: #1d4f7a; --warn: #8a4b00; --bad: #9b1c1c; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
          font-size: 14px; line-height: 1.45; color: var(--ink); background: #fff; }
        body { margin: 0 auto; max-width: 1200px; padding: 28px 40px 60px; }
        h1, h2, h3 { line-height: 1.2; margin: 0; font-weight: 650; }
        h2 { font-size: 1.35rem; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3 { font-size: 1.02rem; margin: 22px 0 8px; }
        p { margin: 6px 0; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .muted { color: var(--muted); }
        .cy { font-style: italic; }
        .code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        .empty { color: var(--muted); font-style: italic; margin: 4px 0 10px; }

        header.pack { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; border-bottom: 4px solid var(--accent); padding-bottom: 12px; }
        header.pack h1 { font-size: 1.8rem; color: var(--accent); }
        header.pack .cy { font-size: 1.2rem; margin-top: 4px; }
        header.pack .what { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin-bottom: 6px; }
        header.pack dl { display: grid; grid-template-columns: auto auto; gap: 2px 14px; margin: 0; text-align: right; }
        header.pack dt { color: var(--muted); }
        header.pack dd { margin: 0; font-weight: 600; }

        /* Every cell of the pack's tables holds a code, a number or a date, which never wraps, unless its
           column holds names, titles or messages: those wrap, at spaces. */
        table { border-collapse: collapse; width: 100%; font-size: 0.86rem; font-variant-numeric: tabular-nums; margin: 4px 0 10px; }
        thead { display: table-header-group; }
        th { text-align: left; font-weight: 650; padding: 6px 8px; border-bottom: 2px solid var(--ink); vertical-align: bottom; white-space: nowrap; }
        td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; white-space: nowrap; }
        tbody tr:nth-child(even) td { background: var(--zebra); }
        tfoot td { font-weight: 650; border-top: 2px solid var(--ink); border-bottom: none; }
        th.num, td.num { text-align: right; }
        table.findings td:last-child, table.register td:last-child { white-space: normal; min-width: 16em; }
        table.findings td:first-child, table.register td:nth-child(2) { text-align: right; }
        table.findings td:is(:nth-child(3), :nth-child(4), :nth-child(5), :nth-child(6)):not(:last-child), table.register td:nth-child(4) {
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }

        .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 0.74rem; font-weight: 650; letter-spacing: 0.02em; border: 1px solid; line-height: 1.55; }
        .o-PASS, .o-ATTENDED { color: #14532d; background: #e3f6ea; border-color: #8fd3a8; }
        .o-PASS_RESIT { color: #115e59; background: #e0f5f3; border-color: #86cfc7; }
        .o-FAIL, .o-NOT_ATTENDED, .s-error { color: #8b1a1a; background: #fdeaea; border-color: #eba3a3; }
        .o-REFER, .s-warning { color: #7a4300; background: #fff1d6; border-color: #e9c074; }
        .o-DEFER { color: #4c2a85; background: #efe9fb; border-color: #bba6e6; }
        .o-PENDING, .o-IN_PROGRESS, .s-note { color: #3d4a5c; background: #eef1f5; border-color: #b8c1cd; }
        .o-WITHDRAWN { color: #3b3b3b; background: #ececec; border-color: #a8a8a8; }

        .stats { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; align-content: start; }
        .stat { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
        .stat b { display: block; font-size: 1.3rem; font-variant-numeric: tabular-nums; }
        .stat span { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
        .stat.wide { grid-column: 1 / 3; }
        .results { display: grid; grid-template-columns: auto 1fr; gap: 18px 28px; align-items: start; margin: 8px 0; }
        svg.histogram { display: block; max-width: 100%; height: auto; font-family: inherit; }
        svg.histogram .grid { stroke: #e3e7ec; stroke-width: 1; }
        svg.histogram .axis { stroke: var(--ink); stroke-width: 1.5; }
        svg.histogram .bar { fill: #2f6c9f; }
        svg.histogram .bar.below { fill: #a9b7c6; }
        svg.histogram .pass { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg.histogram .passlabel { fill: #b3261e; font-weight: 600; }
        svg.histogram text { font-size: 11px; fill: var(--ink); }
        svg.histogram .tick, svg.histogram .axistitle { fill: var(--muted); }
        svg.histogram .count { font-weight: 650; }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.8rem; }
        {{#opening}}
        .reconciliation { display: flex; align-items: stretch; gap: 10px; flex-wrap: wrap; margin: 10px 0 6px; }
        .reconciliation .n { border: 1px solid #9aa4b1; border-radius: 6px; padding: 8px 14px; min-width: 110px; text-align: center; }
        .reconciliation .n b { display: block; font-size: 1.6rem; font-variant-numeric: tabular-nums; }
        .reconciliation .n span { color: var(--muted); font-size: 0.85rem; }
        .reconciliation .op { align-self: center; font-size: 1.4rem; color: var(--muted); }
        .verdict { display: inline-block; font-weight: 650; padding: 3px 10px; border-radius: 4px; border: 1.5px solid currentColor; }
        .verdict.ok { color: #17603a; }
        .verdict.bad { color: var(--bad); }
        nav.sections { margin: 14px 0 0; color: var(--muted); }
        table.outcomes tbody td:nth-child(1), table.chase td:nth-child(1) { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        table:is(.warnings, .codes) td:nth-child(2) { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        table.outcomes tbody td:is(:nth-child(2), :nth-child(3)), table.chase td:nth-child(2), table.warnings td:nth-child(4) { white-space: normal; }
        h4 { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9rem; font-weight: 600; margin: 14px 0 4px; }
        ul.files { columns: 3 18em; column-gap: 28px; margin: 4px 0 10px; padding-left: 1.2em; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
        ul.files li { break-inside: avoid; overflow-wrap: anywhere; }
        table.outcomes tbody td:nth-child(3) { font-style: italic; }
        table.outcomes td.num, table.outcomes tbody td:nth-child(n+4), table.chase td:nth-child(3), table:is(.warnings, .codes) td:nth-child(3) { text-align: right; }
        table.outcomes th.vertical { vertical-align: bottom; padding: 6px 4px; width: 2.2em; }
        table.outcomes th.vertical span { writing-mode: vertical-rl; transform: rotate(180deg); font-size: 0.78rem; letter-spacing: 0.03em; }
        table.outcomes tbody td:nth-child(n+5) { padding-left: 4px; padding-right: 6px; }
        {{/opening}}
        {{#course}}
        nav.courses { display: flex; justify-content: space-between; gap: 12px; margin: 10px 0 0; font-size: 0.9rem; }
        .course-head { display: grid; grid-template-columns: auto 1fr 1fr; gap: 4px 22px; align-items: baseline; margin: 18px 0 12px; }
        .course-head .ccode { font-size: 1.5rem; font-weight: 700; color: var(--accent); }
        .course-head .en { font-size: 1.3rem; font-weight: 650; }
        .course-head .cy { font-size: 1.3rem; color: #33404f; border-left: 2px solid var(--rule); padding-left: 16px; }
        .course-head .type { grid-column: 2 / 4; color: var(--muted); font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.06em; }
        .facts { display: grid; grid-template-columns: repeat(4, 1fr); border: 1px solid var(--rule); border-radius: 6px; margin: 6px 0 12px; }
        .facts div { padding: 8px 12px; border-right: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
        .facts div:nth-child(4n) { border-right: none; }
        .facts div:nth-last-child(-n+4) { border-bottom: none; }
        .facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
        .facts dd { margin: 2px 0 0; font-weight: 600; }
        .facts dd.missing { color: var(--warn); }
        .counts { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 4px 0 6px; }
        .counts .c { font-variant-numeric: tabular-nums; font-weight: 650; margin-left: 4px; }
        table.decisions td:is(:nth-child(1), :nth-child(3)), table.resits td:is(:nth-child(1), :nth-child(3)), table.withdrawals td:is(:nth-child(1), :nth-child(3), :nth-child(4)) {
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        table.decisions td:nth-child(2), table.resits td:is(:nth-child(2), :nth-child(4)), table.withdrawals td:nth-child(2) { white-space: normal; min-width: 10em; }
        table.marked td:is(:nth-child(5), :nth-child(6), :nth-child(7), :nth-child(8)), table.attendance td:nth-child(4) { text-align: right; }
        td .note { display: block; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.72rem; color: var(--muted); }
        ol.people { columns: 3 16em; column-gap: 28px; margin: 4px 0 10px; padding-left: 2.6em; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
        ol.people li { break-inside: avoid; }
        .file { margin-top: 18px; }
        .file h3 { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.95rem; font-weight: 600; overflow-wrap: anywhere; }
        {{/course}}
        @page { size: A4; margin: 15mm; }
        @media print {
          html { font-size: 9.5pt; }
          body { max-width: none; padding: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2, h3 { break-after: avoid; }
          tr, .stat, .facts, svg.histogram, .results { break-inside: avoid; }
          th, td { padding: 4px 5px; }
          a { color: inherit; }
          nav.sections, nav.courses { display: none; }
        }
        </style>
        </head>
        <body>
        <header class="pack">
          <div class="names">
            <div class="what">University Assessment Board · board pack{{#course}} · course {{code}}{{/course}}</div>
            <h1>{{institution}}</h1>
            {{#institutionWelsh}}<div class="cy" lang="cy">{{institutionWelsh}}</div>{{/institutionWelsh}}
          </div>
          <dl>
            <dt>Board</dt><dd>{{boardDate}}</dd>
            <dt lang="cy">Bwrdd</dt><dd lang="cy">{{boardDateWelsh}}</dd>
            <dt>Academic year</dt><dd>{{academicYear}}</dd>
            <dt>Institution code</dt><dd class="code">{{institutionCode}}</dd>
          </dl>
        </header>
        {{#opening}}
        <nav class="sections"><a href="#outcomes">Outcomes by course</a> · <a href="#distribution">Marks</a> · <a href="#chase">Marks overdue</a> · <a href="#register">Register warnings</a> · <a href="#amendments">Sealed boards</a> · <a href="#exceptions">Exceptions</a></nav>
        <main>
        <section id="summary">
          <h2>Reconciliation of mark-sheet rows</h2>
          <div class="reconciliation">
            <div class="n"><b>{{reconciliation.read}}</b><span>rows read</span></div>
            <div class="op">=</div>
            <div class="n"><b>{{reconciliation.counted}}</b><span>counted</span></div>
            <div class="op">+</div>
            <div class="n"><b>{{reconciliation.superseded}}</b><span>superseded (duplicates)</span></div>
            <div class="op">+</div>
            <div class="n"><b>{{reconciliation.rejected}}</b><span>rejected</span></div>
            <div class="op">+</div>
            <div class="n"><b>{{reconciliation.blank}}</b><span>blank (no result yet)</span></div>
          </div>
          <p>{{#reconciliation.balances}}<span class="verdict ok">✓ reconciled</span>{{/reconciliation.balances}}{{^reconciliation.balances}}<span class="verdict bad">✗ does not reconcile</span>{{/reconciliation.balances}}
            <span class="muted">{{reconciliation.sentence}}, over every board of {{academicYear}} up to {{boardISO}}.
            {{exceptionCount}} exceptions in exceptions.csv: {{errorCount}} errors, {{warningCount}} warnings, {{noteCount}} notes (<a href="#exceptions">by code and file</a>).</span></p>
        </section>

        <section id="outcomes">
          <h2>Outcomes by course</h2>
          <p class="muted">Each course links to its page: facts, marks, decisions, resits, withdrawals, certificates, transcripts and the exceptions of its rows. A blank is none.</p>
          <table class="outcomes">
            <thead><tr><th>Course</th><th>Title</th><th lang="cy">Teitl</th><th class="num">Enrolments</th>{{#outcomeColumns}}<th class="num vertical"><span>{{.}}</span></th>{{/outcomeColumns}}</tr></thead>
            <tbody>
            {{{courseRows}}}
            </tbody>
            <tfoot><tr><td colspan="3">All courses</td><td class="num">{{totalEnrolments}}</td>{{#totals}}<td class="num">{{count}}</td>{{/totals}}</tr></tfoot>
          </table>
        </section>

        <section id="distribution">
          <h2>Agreed course marks, all courses</h2>
          {{#distribution}}
          <div class="results">
            {{{histogramSVG}}}
            <div class="stats">
              <div class="stat"><b>{{mean}}</b><span>Mean</span></div>
              <div class="stat"><b>{{median}}</b><span>Median</span></div>
              <div class="stat wide"><b>{{passRate}}</b><span>Pass rate (PASS + PASS_RESIT of PASS, PASS_RESIT, FAIL)</span></div>
              <div class="stat wide"><b>{{markCount}}</b><span>Agreed marks</span></div>
            </div>
          </div>
          {{/distribution}}
        </section>

        <section id="chase">
          <h2>Marks overdue: the chase list</h2>
          {{^hasChase}}<p class="empty">No marks are overdue.</p>{{/hasChase}}
          {{#hasChase}}
          <p class="muted">Components whose marks were due before this board and have not been presented to one, with how many students owe each; each course links to its list of them.</p>
          <table class="chase">
            <thead><tr><th>Course</th><th>Components overdue: students owing</th><th class="num">Students</th></tr></thead>
            <tbody>
            {{{chaseRows}}}
            </tbody>
          </table>
          {{/hasChase}}
        </section>

        <section id="register">
          <h2>Register quality warnings</h2>
          {{^hasRegisterWarnings}}{{^hasRegisterFileWarnings}}<p class="empty">The register of {{academicYear}}'s courses, deadlines and enrolments meets every structural norm.</p>{{/hasRegisterFileWarnings}}{{/hasRegisterWarnings}}
          {{#hasRegisterWarnings}}
          <p class="muted">About the courses, deadlines and enrolments of {{academicYear}}, counted by code; each course links to its warnings in full.</p>
          <table class="warnings">
            <thead><tr><th>Severity</th><th>Code</th><th class="num">Count</th><th>Courses</th></tr></thead>
            <tbody>
            {{{registerWarningRows}}}
            </tbody>
          </table>
          {{/hasRegisterWarnings}}
          {{#hasRegisterFileWarnings}}
          <h3>About the register's files</h3>
          <table class="register">
            <thead><tr><th>File</th><th class="num">Line</th><th>Severity</th><th>Code</th><th>Message</th></tr></thead>
            <tbody>
            {{{registerFileRows}}}
            </tbody>
          </table>
          {{/hasRegisterFileWarnings}}
        </section>

        <section id="amendments">
          <h2>Sealed boards and amendments</h2>
          {{^hasSeals}}<p class="empty">No board of {{academicYear}} up to {{boardISO}} has been sealed.</p>{{/hasSeals}}
          {{#hasSeals}}
          <table class="seals">
            <thead><tr><th>Board</th><th>Seal</th><th>Recorded</th></tr></thead>
            <tbody>
            {{{sealRows}}}
            </tbody>
          </table>
          {{^hasAmendments}}<p class="empty">No amendments: every decision of a sealed board is as its first seal recorded it.</p>{{/hasAmendments}}
          {{#hasAmendments}}
          <p class="warning"><b>Amended: {{amendmentCount}}</b>, decisions of sealed boards that differ from what the board's first seal recorded (amendments.csv lists every one).</p>
          <table class="amendments">
            <thead><tr><th>Board</th><th>Student</th><th>Course</th><th>Occ.</th><th>Sealed outcome</th><th class="num">Sealed agreed</th><th>Outcome now</th><th class="num">Agreed now</th><th>Unsealing that allowed it</th><th>Reason</th></tr></thead>
            <tbody>
            {{{amendmentRows}}}
            </tbody>
          </table>
          {{#amendmentsLeftOut}}<p class="empty">And {{amendmentsLeftOut}} more, listed in amendments.csv.</p>{{/amendmentsLeftOut}}
          {{/hasAmendments}}
          {{/hasSeals}}
        </section>

        <section id="exceptions">
          <h2>Exceptions</h2>
          {{^hasCourseExceptions}}{{^noCourseFiles}}<p class="empty">No exceptions: every row was counted.</p>{{/noCourseFiles}}{{/hasCourseExceptions}}
          {{#noCourseFiles}}
          <h3 id="{{anchor}}">{{file}} <span class="muted">({{count}})</span></h3>
          <table class="findings">
            <thead><tr><th class="num">Line</th><th>Severity</th><th>Code</th><th>Student</th><th>Course</th><th>Comp.</th><th>Message</th></tr></thead>
            <tbody>
            {{{findingRows}}}
            </tbody>
          </table>{{#leftOut}}<p class="empty">And {{leftOut}} more of this file, listed in exceptions.csv.</p>{{/leftOut}}
          {{/noCourseFiles}}
          {{#hasCourseExceptions}}
          <h3>The exceptions of the courses' rows, by code</h3>
          <table class="codes">
            <thead><tr><th>Severity</th><th>Code</th><th class="num">Count</th></tr></thead>
            <tbody>
            {{#exceptionCodes}}
            <tr><td><span class="badge s-{{severity}}">{{severity}}</span></td><td>{{code}}</td><td>{{count}}</td></tr>
            {{/exceptionCodes}}
            </tbody>
          </table>
          <h3>By file</h3>
          <p class="muted">Each file, with how many exceptions its rows have, links to them on the page of the course they belong to.</p>
          {{#exceptionFolders}}
          {{#folder}}<h4>{{.}}</h4>{{/folder}}
          <ul class="files">
          {{{fileItems}}}
          </ul>
          {{/exceptionFolders}}
          {{/hasCourseExceptions}}
        </section>
        </main>
        {{/opening}}
        {{#course}}
        <nav class="courses"><a href="../board-report.html#outcomes">← Board pack: all courses</a><span>{{#previous}}<a href="{{.}}.html">← {{.}}</a>{{/previous}}{{#previous}}{{#next}} · {{/next}}{{/previous}}{{#next}}<a href="{{.}}.html">{{.}} →</a>{{/next}}</span></nav>
        <main>
        <div class="course-head">
          <div class="ccode code">{{code}}</div>
          <div class="en">{{title}}</div>
          <div class="cy" lang="cy">{{titleWelsh}}</div>
          <div class="type">{{typeName}}</div>
        </div>
        <dl class="facts">
          <div><dt>Credits</dt><dd>{{credits}}</dd></div>
          <div><dt>Level</dt><dd>{{level}}</dd></div>
          <div><dt>Pass mark</dt><dd>{{#isMarked}}{{passMark}}{{/isMarked}}{{^isMarked}}not marked{{/isMarked}}</dd></div>
          <div><dt>Enrolments</dt><dd>{{enrolments}}</dd></div>
          <div><dt>External examiner</dt>{{#externalExaminer}}<dd>{{.}}</dd>{{/externalExaminer}}{{^externalExaminer}}<dd class="missing">none recorded</dd>{{/externalExaminer}}</div>
          <div><dt>Professional body</dt><dd>{{#professionalBody}}{{.}}{{/professionalBody}}{{^professionalBody}}<span class="muted">none</span>{{/professionalBody}}</dd></div>
          <div><dt>{{#isMarked}}Resit cap{{/isMarked}}{{^isMarked}}Attendance needed{{/isMarked}}</dt><dd>{{#isMarked}}{{resitCap}}{{/isMarked}}{{^isMarked}}{{attendanceThreshold}}% or more{{/isMarked}}</dd></div>
          <div><dt>Agreed marks</dt><dd>{{#isMarked}}{{distribution.markCount}}{{/isMarked}}{{^isMarked}}–{{/isMarked}}</dd></div>
        </dl>

        <section id="register">
          {{#hasRegisterWarnings}}
          <h3>Register warnings</h3>
          <table class="register">
            <thead><tr><th>File</th><th class="num">Line</th><th>Severity</th><th>Code</th><th>Message</th></tr></thead>
            <tbody>
            {{{registerWarningRows}}}
            </tbody>
          </table>
          {{/hasRegisterWarnings}}
        </section>

        <h3>Outcomes</h3>
        <div class="counts">{{#outcomeCounts}}<span><span class="badge o-{{outcome}}">{{outcome}}</span><span class="c">{{count}}</span></span>{{/outcomeCounts}}</div>

        {{#isMarked}}
        <div class="results">
          <div>
            <h3>Distribution of agreed course marks</h3>
            {{{distribution.histogramSVG}}}
          </div>
          <div class="stats">
            <div class="stat"><b>{{distribution.mean}}</b><span>Mean</span></div>
            <div class="stat"><b>{{distribution.median}}</b><span>Median</span></div>
            <div class="stat wide"><b>{{passRate}}</b><span>Pass rate (PASS + PASS_RESIT of PASS, PASS_RESIT, FAIL)</span></div>
            <div class="stat wide"><b>{{welshMedium}}</b><span>Welsh-medium submissions counted</span></div>
          </div>
        </div>
        {{/isMarked}}

        <h3>Decisions</h3>
        {{#isMarked}}
        <table class="decisions marked">
          <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th>Outcome</th><th class="num">Attempt</th><th class="num">Actual</th><th class="num">Agreed</th><th class="num">Credits</th><th>Decided</th></tr></thead>
          <tbody>
          {{{decisionRows}}}
          </tbody>
        </table>

        <h3>Resits due</h3>
        {{^hasResits}}<p class="empty">No resits.</p>{{/hasResits}}
        {{#hasResits}}
        <table class="resits">
          <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th>Components to resit</th><th>Due by</th></tr></thead>
          <tbody>
          {{{resitRows}}}
          </tbody>
        </table>
        {{/hasResits}}

        <h3>Withdrawals</h3>
        {{^hasWithdrawals}}<p class="empty">No withdrawals.</p>{{/hasWithdrawals}}
        {{#hasWithdrawals}}
        <table class="withdrawals">
          <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th>Reason</th><th>Withdrawn on</th><th>Decided</th></tr></thead>
          <tbody>
          {{{withdrawalRows}}}
          </tbody>
        </table>
        {{/hasWithdrawals}}
        {{/isMarked}}
        {{#isAttendance}}
        <table class="decisions attendance">
          <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th class="num">Attendance</th><th>Outcome</th><th>Decided</th></tr></thead>
          <tbody>
          {{{decisionRows}}}
          </tbody>
        </table>
        {{/isAttendance}}

        <h3>Certificates</h3>
        {{#certificateNote}}<p class="empty">{{.}}</p>{{/certificateNote}}
        {{^certificateNote}}
        {{^hasCertificates}}<p class="empty">No certificates to issue at this board.</p>{{/hasCertificates}}
        {{#hasCertificates}}
        {{#withheldBecause}}<p><span class="badge o-FAIL">WITHHELD</span> {{certificateCount}} withheld: {{.}}</p>{{/withheldBecause}}
        {{^withheldBecause}}<p><span class="badge o-PASS">ISSUE</span> {{certificateCount}} × {{typeName}}</p>{{/withheldBecause}}
        <ol class="people">
        {{{certificateItems}}}
        </ol>
        {{/hasCertificates}}
        {{/certificateNote}}

        <h3>Transcripts to issue</h3>
        {{^hasTranscripts}}<p class="empty">No transcripts to issue at this board.</p>{{/hasTranscripts}}
        {{#hasTranscripts}}
        <p>{{transcriptCount}}, one for each result agreed (outcome, marks and credits as in the decisions above):</p>
        <ol class="people">
        {{{transcriptItems}}}
        </ol>
        {{/hasTranscripts}}

        <section id="exceptions">
          <h3>Exceptions of this course's rows <span class="muted">({{exceptionCount}})</span></h3>
          {{^exceptionFiles}}<p class="empty">None: every row of {{code}} was counted.</p>{{/exceptionFiles}}
          {{#exceptionFiles}}
          <div class="file" id="{{anchor}}">
            <h3>{{file}} <span class="muted">({{count}})</span></h3>
            <table class="findings">
              <thead><tr><th class="num">Line</th><th>Severity</th><th>Code</th><th>Student</th><th>Comp.</th><th>Message</th></tr></thead>
              <tbody>
              {{{findingRows}}}
              </tbody>
            </table>{{#leftOut}}<p class="empty">And {{leftOut}} more of this file, listed in exceptions.csv.</p>{{/leftOut}}
          </div>
          {{/exceptionFiles}}
        </section>
        </main>
        <nav class="courses"><a href="../board-report.html#outcomes">← Board pack: all courses</a><span>{{#previous}}<a href="{{.}}.html">← {{.}}</a>{{/previous}}{{#previous}}{{#next}} · {{/next}}{{/previous}}{{#next}}<a href="{{.}}.html">{{.}} →</a>{{/next}}</span></nav>
        {{/course}}

        <footer>
          Produced by <span class="code">board {{toolVersion}}</span> from the register and the mark sheets of {{academicYear}}, boards up to {{boardISO}}.
          The same inputs give this page byte for byte.
        </footer>
        </body>
        </html>

        """#
}
