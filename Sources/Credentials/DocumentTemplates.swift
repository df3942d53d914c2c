/// The Mustache templates of the certificate and the transcript: self-contained HTML (inline CSS, no
/// scripts, no external requests) printed on A4. English and Welsh sit side by side in two columns of
/// equal weight, row by row, so each sentence faces its translation.
enum DocumentTemplates {
    /// One row of both languages: a label and a value, or a list.
    private static let row = """
        <div class="pair row">{{#cells}}<div class="cell" lang="{{lang}}"><span class="label">{{label}}</span> \
        <span class="value">{{text}}</span>{{#list}}<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/list}}</div>{{/cells}}</div>

        """

    private static let style = """
        <style>
        @page { size: A4; margin: 14mm; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; color: #1b1b1b; font-size: 10pt; line-height: 1.35; }
        body { margin: 0; background: #fff; }
        .page { width: 182mm; margin: 0 auto; }
        .pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 9mm; }
        .pair > * { margin: 0; min-width: 0; overflow-wrap: anywhere; }
        header { border-bottom: 0.6mm solid #7a1f2b; padding-bottom: 3mm; margin-bottom: 4mm; }
        .institution p { font-size: 13pt; font-weight: bold; letter-spacing: 0.02em; color: #7a1f2b; }
        h1 { font-size: 17pt; font-weight: normal; margin: 2mm 0 0; }
        h2 { font-size: 12pt; margin: 0; }
        .row { padding: 0.9mm 0; border-bottom: 0.2mm solid #ddd; break-inside: avoid; }
        .label { font-weight: bold; }
        .label:empty { display: none; }
        .cell ul { margin: 0.5mm 0 0; padding-left: 5mm; }
        footer { margin-top: 5mm; font-size: 8.5pt; color: #333; break-inside: avoid; }
        footer .row { border-bottom: none; padding: 0.6mm 0; }
        @media screen { body { background: #eee; } .page { background: #fff; padding: 14mm; margin: 8mm auto; width: 210mm; box-shadow: 0 0 3mm #bbb; } }

        /* The certificate: one page, its parts spread over it, the finer detail at the foot. */
        .certificate { min-height: 262mm; display: flex; flex-direction: column; text-align: center; }
        .certificate header { border: none; margin-bottom: 2mm; }
        .certificate h1 { font-size: 19pt; line-height: 1.2; }
        .certificate .statement { font-size: 12pt; margin-top: 6mm; }
        .certificate .learner { font-size: 22pt; line-height: 1.2; font-weight: bold; margin: 3mm 0; }
        .certificate .course-title h2 { font-size: 15pt; line-height: 1.25; margin-top: 2mm; }
        .certificate .details { margin-top: 6mm; text-align: left; font-size: 8pt; line-height: 1.25; }
        .certificate .details .row { padding: 0.7mm 0; }
        .certificate .details ul { padding-left: 4mm; }
        .dense .statement { margin-top: 3mm; }
        .dense .details { margin-top: 3mm; font-size: 7pt; line-height: 1.2; }
        .certificate footer { margin-top: auto; padding-top: 3mm; text-align: left; font-size: 8pt; border-top: 0.6mm solid #7a1f2b; }

        /* The transcript: sections of rows, on as many pages as it needs; spaced so that a course with
           three components, three learning outcomes and a professional body still keeps its footer on
           the first page. */
        .transcript { font-size: 9pt; }
        .transcript section { margin-bottom: 2mm; break-inside: avoid-page; }
        .transcript .row { padding: 0.35mm 0; }
        .transcript .section-heading { border-bottom: 0.4mm solid #7a1f2b; padding-bottom: 1mm; margin-bottom: 0.5mm; }
        .transcript .section-heading h2 { color: #7a1f2b; }
        /* A transcript that needs a second page takes its last section there with the footer, so that
           the footer never stands alone. */
        .transcript footer { border-top: 0.6mm solid #7a1f2b; padding-top: 2mm; break-before: avoid; }
        </style>
        """

    private static let head = """
        <!DOCTYPE html>
        <html lang="{{frame.lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{frame.pageTitle}}</title>
        \(style)
        </head>

        """

    private static let header = """
        {{#frame}}<header>
        <div class="pair institution">{{#institution}}<p lang="{{lang}}">{{text}}</p>{{/institution}}</div>
        <div class="pair">{{#documentTitle}}<h1 lang="{{lang}}">{{text}}</h1>{{/documentTitle}}</div>
        </header>{{/frame}}

        """

    private static let footer = """
        {{#frame}}<footer>
        {{#footer}}\(row){{/footer}}</footer>{{/frame}}

        """

    static let certificate = """
        \(head)<body>
        <main class="page certificate {{density}}">
        \(header)<div class="pair statement">{{#certifies}}<p lang="{{lang}}">{{text}}</p>{{/certifies}}</div>
        <p class="learner">{{learnerName}}</p>
        <div class="pair">{{#achieved}}<p lang="{{lang}}">{{text}}</p>{{/achieved}}</div>
        <div class="pair course-title">{{#courseTitle}}<h2 lang="{{lang}}">{{text}}</h2>{{/courseTitle}}</div>
        <section class="details">
        {{#details}}\(row){{/details}}</section>
        \(footer)</main>
        </body>
        </html>

        """

    static let transcript = """
        \(head)<body>
        <main class="page transcript">
        \(header){{#sections}}<section>
        <div class="pair section-heading">{{#heading}}<h2 lang="{{lang}}">{{text}}</h2>{{/heading}}</div>
        {{#rows}}\(row){{/rows}}</section>
        {{/sections}}\(footer)</main>
        </body>
        </html>

        """
}
