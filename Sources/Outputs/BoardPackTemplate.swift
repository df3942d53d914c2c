extension BoardPack {
    /// The built-in board pack template (Mustache, HTML). `{{x}}` escapes; `{{{x}}}` is used only for the
    /// SVG histogram, built from numbers, and for the long tables' rows (`decisionRows`, `findingRows`, …),
    /// written by `HTMLText`, which escapes every value as Mustache does. A board may restyle the pack
    /// without rebuilding by naming its own copy of this template in `[outputs] board_pack_template`.
    public static let defaultTemplate = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{institution}}: assessment board {{boardISO}}, {{academicYear}}</title>
        <style>
        :root {
          --ink: #1c2430; --muted: #5f6b7a; --rule: #d8dde4; --rule-strong: #9aa4b1; --zebra: #f4f6f9;
          --accent: #1d4f7a; --accent-soft: #e8f0f7; --warn: #8a4b00; --warn-soft: #fff6e5; --bad: #9b1c1c;
        }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif;
          font-size: 14px; line-height: 1.45; color: var(--ink); background: #fff; }
        body { margin: 0 auto; max-width: 1200px; padding: 28px 40px 60px; }
        h1, h2, h3, h4 { line-height: 1.2; margin: 0; font-weight: 650; }
        h2 { font-size: 1.45rem; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3 { font-size: 1.05rem; margin: 22px 0 8px; }
        h4 { font-size: 0.95rem; margin: 16px 0 6px; }
        p { margin: 6px 0; }
        .muted { color: var(--muted); }
        .cy { font-style: italic; }
        /* The long tables' columns take these styles by position, not by a class on each of hundreds of thousands of cells. */
        .nowrap, table.marked td:is(:nth-child(11), :nth-child(12)), table.attendance td:nth-child(6),
        table.resits td:nth-child(5), table.withdrawals td:is(:nth-child(5), :nth-child(6)) { white-space: nowrap; }
        .code, table.marked td:is(:nth-child(1), :nth-child(3), :nth-child(5)), table.attendance td:is(:nth-child(1), :nth-child(3)),
        table.resits td:is(:nth-child(1), :nth-child(3)), table.withdrawals td:is(:nth-child(1), :nth-child(3), :nth-child(4)),
        table.certificates td:nth-child(1), table.transcripts td:nth-child(1),
        table.findings td:is(:nth-child(3), :nth-child(4), :nth-child(5), :nth-child(6)) {
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }

        header.pack { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px;
          border-bottom: 4px solid var(--accent); padding-bottom: 14px; }
        header.pack .names h1 { font-size: 1.9rem; color: var(--accent); }
        header.pack .names .cy { font-size: 1.25rem; margin-top: 4px; color: var(--ink); }
        header.pack .what { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin-bottom: 6px; }
        header.pack dl { display: grid; grid-template-columns: auto auto; gap: 2px 14px; margin: 0; text-align: right; }
        header.pack dt { color: var(--muted); }
        header.pack dd { margin: 0; font-weight: 600; }

        .reconciliation { display: flex; align-items: stretch; gap: 10px; flex-wrap: wrap; margin: 10px 0 6px; }
        .reconciliation .n { border: 1px solid var(--rule-strong); border-radius: 6px; padding: 8px 14px; min-width: 110px; text-align: center; }
        .reconciliation .n b { display: block; font-size: 1.6rem; font-variant-numeric: tabular-nums; }
        .reconciliation .n span { color: var(--muted); font-size: 0.85rem; }
        .reconciliation .op { align-self: center; font-size: 1.4rem; color: var(--muted); }
        .verdict { display: inline-block; font-weight: 650; padding: 3px 10px; border-radius: 4px; border: 1.5px solid currentColor; }
        .verdict.ok { color: #17603a; }
        .verdict.bad { color: var(--bad); }

        table { border-collapse: collapse; width: 100%; font-size: 0.86rem; font-variant-numeric: tabular-nums; margin: 4px 0 10px; }
        thead { display: table-header-group; }
        th { text-align: left; font-weight: 650; padding: 6px 8px; border-bottom: 2px solid var(--ink); vertical-align: bottom; white-space: nowrap; }
        td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        tbody tr:nth-child(even) td { background: var(--zebra); }
        tfoot td { font-weight: 650; border-top: 2px solid var(--ink); border-bottom: none; }
        th.num, td.num, table.marked td:is(:nth-child(6), :nth-child(7), :nth-child(8), :nth-child(10)),
        table.attendance td:nth-child(4), table.transcripts td:is(:nth-child(5), :nth-child(6)),
        table.findings td:nth-child(1) { text-align: right; }
        th.vertical { vertical-align: bottom; padding: 6px 4px; width: 2.2em; }
        th.vertical span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-size: 0.78rem; letter-spacing: 0.03em; }
        .type-small { font-size: 0.74rem; color: var(--muted); white-space: normal; max-width: 12em; line-height: 1.25; }
        table.outcomes td.num { padding-left: 4px; padding-right: 6px; }
        td.zero { color: #b3bac4; }
        td.msg, table.findings td:nth-child(7) { min-width: 260px; }
        .empty { color: var(--muted); font-style: italic; margin: 4px 0 10px; }

        .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 0.74rem; font-weight: 650;
          letter-spacing: 0.02em; border: 1px solid; white-space: nowrap; line-height: 1.55; }
        .o-PASS, .o-ATTENDED { color: #14532d; background: #e3f6ea; border-color: #8fd3a8; }
        .o-PASS_RESIT { color: #115e59; background: #e0f5f3; border-color: #86cfc7; }
        .o-FAIL, .o-NOT_ATTENDED { color: #8b1a1a; background: #fdeaea; border-color: #eba3a3; }
        .o-REFER { color: #7a4300; background: #fff1d6; border-color: #e9c074; }
        .o-DEFER { color: #4c2a85; background: #efe9fb; border-color: #bba6e6; }
        .o-PENDING, .o-IN_PROGRESS { color: #3d4a5c; background: #eef1f5; border-color: #b8c1cd; }
        .o-WITHDRAWN { color: #3b3b3b; background: #ececec; border-color: #a8a8a8; }
        .s-error { color: #8b1a1a; background: #fdeaea; border-color: #eba3a3; }
        .s-warning { color: #7a4300; background: #fff1d6; border-color: #e9c074; }
        .s-note { color: #3d4a5c; background: #eef1f5; border-color: #b8c1cd; }

        nav.contents { columns: 2; column-gap: 32px; margin: 6px 0; padding: 0; list-style: none; }
        nav.contents li { break-inside: avoid; padding: 2px 0; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }

        section.course { margin-top: 48px; padding-top: 6px; border-top: 4px solid var(--accent); }
        .course-head { display: grid; grid-template-columns: auto 1fr 1fr; gap: 4px 22px; align-items: baseline; margin: 10px 0 12px; }
        .course-head .ccode { font-size: 1.5rem; font-weight: 700; color: var(--accent); }
        .course-head .en { font-size: 1.3rem; font-weight: 650; }
        .course-head .cy { font-size: 1.3rem; font-weight: 500; color: #33404f; border-left: 2px solid var(--rule); padding-left: 16px; }
        .course-head .type { grid-column: 2 / 4; color: var(--muted); font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.06em; }

        .facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0; border: 1px solid var(--rule); border-radius: 6px; margin: 6px 0 12px; }
        .facts div { padding: 8px 12px; border-right: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
        .facts div:nth-child(4n) { border-right: none; }
        .facts div:nth-last-child(-n+4) { border-bottom: none; }
        .facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
        .facts dd { margin: 2px 0 0; font-weight: 600; }
        .facts dd.missing { color: var(--warn); }

        .results { display: grid; grid-template-columns: auto 1fr; gap: 18px 28px; align-items: start; margin: 8px 0; }
        .stats { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; align-content: start; }
        .stat { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
        .stat b { display: block; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
        .stat span { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
        .stat.wide { grid-column: 1 / 3; }
        .counts { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 4px 0 6px; }
        .counts .badge { font-size: 0.8rem; }
        .counts .c { font-variant-numeric: tabular-nums; font-weight: 650; margin-left: 4px; }

        svg.histogram { display: block; max-width: 100%; height: auto; font-family: inherit; }
        svg.histogram .grid { stroke: #e3e7ec; stroke-width: 1; }
        svg.histogram .axis { stroke: var(--ink); stroke-width: 1.5; }
        svg.histogram .bar { fill: #2f6c9f; }
        svg.histogram .bar.below { fill: #a9b7c6; }
        svg.histogram .pass { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg.histogram .passlabel { fill: #b3261e; font-size: 11px; font-weight: 600; }
        svg.histogram text { font-size: 11px; fill: var(--ink); }
        svg.histogram .tick, svg.histogram .axistitle { fill: var(--muted); }
        svg.histogram .count { font-weight: 650; }

        .warning { border: 1px solid #e9c074; border-left: 5px solid var(--warn); background: var(--warn-soft); padding: 7px 12px; border-radius: 4px; margin: 8px 0; }
        .warning b { color: var(--warn); }
        .file { margin-top: 18px; }
        table.findings { table-layout: fixed; }
        table.findings col.line { width: 4.5em; } table.findings col.sev { width: 6.5em; } table.findings col.code { width: 14.5em; }
        table.findings col.student { width: 7em; } table.findings col.course { width: 6em; } table.findings col.comp { width: 4em; }
        table.findings td { overflow-wrap: anywhere; }
        .file h3 { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.95rem; font-weight: 600; }
        footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.8rem; }

        @page { size: A4; margin: 15mm; }
        @media print {
          html { font-size: 9.5pt; }
          body { max-width: none; padding: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          section.course { break-before: page; page-break-before: always; margin-top: 0; border-top: none; }
          section.course > .course-head { border-top: 4px solid var(--accent); padding-top: 8px; margin-top: 0; }
          h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
          tr, .stat, .facts, svg.histogram, .warning { break-inside: avoid; page-break-inside: avoid; }
          .results { break-inside: avoid; }
          #quality { break-before: page; page-break-before: always; }
          .file { break-inside: auto; }
          a { color: inherit; }
          td.msg, table.findings td:nth-child(7) { min-width: 0; }
        }
        </style>
        </head>
        <body>
        <header class="pack">
          <div class="names">
            <div class="what">University Assessment Board · board pack</div>
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

        <main>
        <section id="summary">
          <h2>Summary</h2>
          <h3>Reconciliation of mark-sheet rows</h3>
          <div class="reconciliation">
            <div class="n"><b>{{reconciliation.read}}</b><span>rows read</span></div>
            <div class="op">=</div>
            <div class="n"><b>{{reconciliation.counted}}</b><span>counted</span></div>
            <div class="op">+</div>
            <div class="n"><b>{{reconciliation.superseded}}</b><span>superseded (duplicates)</span></div>
            <div class="op">+</div>
            <div class="n"><b>{{reconciliation.rejected}}</b><span>rejected</span></div>
          </div>
          <p>{{#reconciliation.balances}}<span class="verdict ok">✓ reconciled</span>{{/reconciliation.balances}}{{^reconciliation.balances}}<span class="verdict bad">✗ does not reconcile</span>{{/reconciliation.balances}}
            <span class="muted">{{reconciliation.sentence}}, over every board of {{academicYear}} up to {{boardISO}}.
            {{exceptionCount}} exceptions: {{errorCount}} errors, {{warningCount}} warnings, {{noteCount}} notes (<a href="#exceptions">listed by file</a>).</span></p>

          <h3>Outcomes by course</h3>
          <table class="outcomes">
            <thead><tr><th>Course</th><th>Title</th><th lang="cy">Teitl</th><th class="num">Enrolments</th>{{#outcomeColumns}}<th class="num vertical"><span>{{.}}</span></th>{{/outcomeColumns}}</tr></thead>
            <tbody>
            {{#summary}}
            <tr><td class="nowrap"><span class="code">{{#hasSection}}<a href="#{{anchor}}">{{code}}</a>{{/hasSection}}{{^hasSection}}{{code}}{{/hasSection}}</span><div class="type-small">{{typeName}}</div></td><td>{{title}}</td><td class="cy" lang="cy">{{titleWelsh}}</td><td class="num">{{enrolments}}</td>{{#counts}}<td class="num{{#zero}} zero{{/zero}}">{{count}}</td>{{/counts}}</tr>
            {{/summary}}
            </tbody>
            <tfoot><tr><td colspan="3">All courses</td><td class="num">{{totalEnrolments}}</td>{{#totals}}<td class="num">{{count}}</td>{{/totals}}</tr></tfoot>
          </table>
        </section>

        {{#courses}}
        <section class="course" id="{{anchor}}">
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
            <div><dt>Agreed marks</dt><dd>{{#isMarked}}{{markCount}}{{/isMarked}}{{^isMarked}}–{{/isMarked}}</dd></div>
          </dl>
          {{#registerWarnings}}<p class="warning"><b>Register:</b> {{.}}</p>{{/registerWarnings}}

          <h3>Outcomes</h3>
          <div class="counts">{{#outcomeCounts}}<span><span class="badge o-{{outcome}}">{{outcome}}</span><span class="c">{{count}}</span></span>{{/outcomeCounts}}</div>

          {{#isMarked}}
          <div class="results">
            <div>
              <h4>Distribution of agreed course marks</h4>
              {{{histogramSVG}}}
            </div>
            <div class="stats">
              <div class="stat"><b>{{mean}}</b><span>Mean</span></div>
              <div class="stat"><b>{{median}}</b><span>Median</span></div>
              <div class="stat wide"><b>{{passRate}}</b><span>Pass rate (PASS + PASS_RESIT of PASS, PASS_RESIT, FAIL)</span></div>
              <div class="stat wide"><b>{{welshMedium}}</b><span>Welsh-medium submissions counted</span></div>
            </div>
          </div>
          {{/isMarked}}

          <h3>Decisions</h3>
          <table class="{{#isMarked}}marked{{/isMarked}}{{#isAttendance}}attendance{{/isAttendance}}">
            {{#isMarked}}
            <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th>Outcome</th><th>Reason</th><th class="num">Attempt</th><th class="num">Actual</th><th class="num">Agreed</th><th>Grade</th><th class="num">Credits</th><th>Resit due</th><th>Decided at</th></tr></thead>
            <tbody>
            {{{decisionRows}}}
            </tbody>
            {{/isMarked}}
            {{#isAttendance}}
            <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th class="num">Attendance</th><th>Outcome</th><th>Decided at</th></tr></thead>
            <tbody>
            {{{decisionRows}}}
            </tbody>
            {{/isAttendance}}
          </table>

          {{#isMarked}}
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
            <thead><tr><th>Student</th><th>Name</th><th>Occ.</th><th>Reason</th><th>Withdrawn on</th><th>Decided at</th></tr></thead>
            <tbody>
            {{{withdrawalRows}}}
            </tbody>
          </table>
          {{/hasWithdrawals}}
          {{/isMarked}}

          <h3>Certificates</h3>
          {{#certificateNote}}<p class="empty">{{.}}</p>{{/certificateNote}}
          {{^certificateNote}}
          {{^hasCertificates}}<p class="empty">No certificates to issue at this board.</p>{{/hasCertificates}}
          {{#hasCertificates}}
          <table class="certificates">
            <thead><tr><th>Student</th><th>Name</th><th>Certificate</th><th>Action</th><th>Reason withheld</th></tr></thead>
            <tbody>
            {{{certificateRows}}}
            </tbody>
          </table>
          {{/hasCertificates}}
          {{/certificateNote}}

          <h3>Transcripts to issue</h3>
          {{^hasTranscripts}}<p class="empty">No transcripts to issue at this board.</p>{{/hasTranscripts}}
          {{#hasTranscripts}}
          <table class="transcripts">
            <thead><tr><th>Student</th><th>Name</th><th>Outcome</th><th>Grade</th><th class="num">Agreed mark</th><th class="num">Credits</th></tr></thead>
            <tbody>
            {{{transcriptRows}}}
            </tbody>
          </table>
          {{/hasTranscripts}}
        </section>
        {{/courses}}

        <section id="quality">
          <h2>Register quality warnings</h2>
          {{^hasRegisterWarnings}}<p class="empty">The register meets every structural norm.</p>{{/hasRegisterWarnings}}
          {{#hasRegisterWarnings}}
          <table>
            <thead><tr><th>File</th><th class="num">Line</th><th>Severity</th><th>Code</th><th>Course</th><th>Message</th></tr></thead>
            <tbody>
            {{{registerWarningRows}}}
            </tbody>
          </table>
          {{/hasRegisterWarnings}}
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
          <h2>Exceptions by file</h2>
          {{^exceptionFiles}}<p class="empty">No exceptions: every row was counted.</p>{{/exceptionFiles}}
          {{#exceptionFiles}}
          <div class="file">
            <h3>{{file}} <span class="muted">({{count}})</span></h3>
            <table class="findings">
              <colgroup><col class="line"><col class="sev"><col class="code"><col class="student"><col class="course"><col class="comp"><col></colgroup>
              <thead><tr><th class="num">Line</th><th>Severity</th><th>Code</th><th>Student</th><th>Course</th><th>Comp.</th><th>Message</th></tr></thead>
              <tbody>
              {{{findingRows}}}
              </tbody>
            </table>
          </div>
          {{/exceptionFiles}}
        </section>
        </main>

        <footer>
          Produced by <span class="code">board {{toolVersion}}</span> from the register and the mark sheets of {{academicYear}}, boards up to {{boardISO}}.
          The same inputs give this file byte for byte.
        </footer>
        </body>
        </html>

        """#
}
