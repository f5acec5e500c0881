//! HTML output: the report model as one self-contained, printable page. A run header (date,
//! version, rule pack, overlays), the summary with an inline SVG chart (`html_summary`,
//! `html_chart`), each document with its verdict and findings (`html_document`), then the
//! parameters and the inputs with their SHA-256. One inline style sheet and nothing else:
//! no script, no font, no image, no link out; a Content-Security-Policy forbids them too.
//! Every text from a document, a rule file or the command line passes through [`esc`].

use std::fmt::Write as _;

use super::html_document::document_section;
use super::html_summary::summary_section;
use super::model::{ErrorEntry, Report, RunHeader};
use crate::diagnostic::escape;
use crate::digest::InputFile;

/// The style sheet, inlined into every report.
const STYLE: &str = include_str!("html.css");

/// Nothing may be loaded or run: only the inline style sheet applies.
const POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The whole report as one HTML page.
pub fn render(report: &Report) -> String {
    let header = &report.header;
    let as_of = header.as_of.as_deref().unwrap_or("date not known");
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <meta name=\"generator\" content=\"fairrec {}\">\n\
         <title>Fair recruitment audit report · as of {}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n",
        esc(header.tool_version),
        esc(as_of)
    );
    run_header(&mut out, report);
    summary_section(&mut out, header, &report.summary, &report.documents);
    if !report.errors.is_empty() {
        out.push_str("<section id=\"stopped\">\n<h2>Why the check stopped</h2>\n");
        error_list(&mut out, &report.errors);
        out.push_str("</section>\n");
    }
    if !report.documents.is_empty() {
        out.push_str("<section id=\"documents\">\n<h2>Documents</h2>\n");
        for (number, document) in report.documents.iter().enumerate() {
            document_section(&mut out, header, number + 1, document);
        }
        out.push_str("</section>\n");
    }
    rests_on(&mut out, header, &report.inputs);
    let _ = write!(
        out,
        "<footer>Written by fairrec {} for the check as of {}. {}</footer>\n</body>\n</html>\n",
        esc(header.tool_version),
        esc(as_of),
        esc(header.notice)
    );
    out
}

/// The title, the date, and what the check used.
fn run_header(out: &mut String, report: &Report) {
    let header = &report.header;
    let _ = writeln!(
        out,
        "<header>\n<h1>Fair recruitment audit report</h1>\n<p class=\"subtitle\">Checked \
         against the ILO General principles and operational guidelines for fair recruitment \
         and the definition of recruitment fees and related costs, as of <strong>{}</strong>.</p>",
        esc(header.as_of.as_deref().unwrap_or("a date not known"))
    );
    out.push_str("<dl class=\"run\">\n");
    let _ = writeln!(
        out,
        "<dt>fairrec</dt><dd>{} (report format {})</dd>",
        esc(header.tool_version),
        header.format_version
    );
    let _ = writeln!(
        out,
        "<dt>Rule pack</dt><dd><code>{}</code></dd>",
        esc(header.rules_hash.as_deref().unwrap_or("not loaded"))
    );
    out.push_str("<dt>Overlays</dt><dd>");
    if header.overlays.is_empty() {
        out.push_str("none");
    }
    for (n, overlay) in header.overlays.iter().enumerate() {
        let _ = write!(
            out,
            "{}{} (jurisdiction: {}), from <code>{}</code>, hash <code>{}</code>",
            if n > 0 { "<br>" } else { "" },
            esc(&overlay.name),
            esc(&overlay.jurisdiction),
            esc(&overlay.dir),
            esc(&overlay.hash)
        );
    }
    out.push_str("</dd>\n");
    let read = report.inputs.iter().filter(|i| i.sha256.is_some()).count();
    let _ = writeln!(
        out,
        "<dt>Inputs</dt><dd>{} document(s) in {} file(s), {read} with a SHA-256; \
         <a href=\"#rests-on\">parameters and input hashes</a></dd>\n</dl>",
        report.summary.totals.documents,
        report.inputs.len()
    );
    let _ = writeln!(
        out,
        "<p class=\"notice\">{}</p>\n</header>",
        esc(header.notice)
    );
}

/// The parameters, the rules switched off and the inputs with their SHA-256.
fn rests_on(out: &mut String, header: &RunHeader, inputs: &[InputFile]) {
    out.push_str("<section id=\"rests-on\">\n<h2>What this check rests on</h2>\n");
    if !header.parameters.is_empty() {
        out.push_str(
            "<h3>Parameters</h3>\n<table>\n<thead><tr><th>Parameter</th><th>Value</th>\
             <th>Source</th></tr></thead>\n<tbody>\n",
        );
        for p in &header.parameters {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(&p.value),
                esc(&p.source)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !header.disabled_rules.is_empty() {
        out.push_str("<h3>Rules switched off by an overlay</h3>\n<ul>\n");
        for d in &header.disabled_rules {
            let _ = writeln!(
                out,
                "<li><code>{}</code> {}, by overlay {}: {}</li>",
                esc(&d.rule),
                esc(&d.title),
                esc(d.overlay.as_deref().unwrap_or("an overlay")),
                esc(&d.because)
            );
        }
        out.push_str("</ul>\n");
    }
    if !inputs.is_empty() {
        out.push_str(
            "<h3>Inputs</h3>\n<table>\n<thead><tr><th>File</th><th>SHA-256</th>\
             <th class=\"n\">Bytes</th></tr></thead>\n<tbody>\n",
        );
        for input in inputs {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td class=\"n\">{}</td></tr>",
                esc(&input.path),
                esc(input.sha256.as_deref().unwrap_or("not read whole")),
                input.bytes.map_or("-".to_string(), |b| b.to_string())
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// Errors as a list: place, message, advice and code.
pub(super) fn error_list(out: &mut String, errors: &[ErrorEntry]) {
    out.push_str("<ul class=\"errors\">\n");
    for error in errors {
        let place = match (&error.file, error.position) {
            (Some(file), Some((line, column))) => {
                format!("<code>{}:{line}:{column}</code> ", esc(file))
            }
            (Some(file), None) => format!("<code>{}</code> ", esc(file)),
            _ => String::new(),
        };
        let help = error.help.as_deref().map_or(String::new(), |h| {
            format!(" <span class=\"help\">{}</span>", rich(h))
        });
        let _ = writeln!(
            out,
            "<li>{place}{}{help} <code>[{}]</code></li>",
            rich(&error.message),
            esc(error.code.as_str())
        );
    }
    out.push_str("</ul>\n");
}

/// Text from a document, a rule file or the command line, safe in HTML text and in a
/// quoted attribute value: control and bidirectional characters are first shown as visible
/// escapes (`\u{1b}`), as in every format, so no text can reorder what a reader sees; then
/// `&`, `<`, `>`, `"` and `'` become character references, so no text can open a tag, end
/// an attribute or start an entity.
// INVARIANT: the renderers put text only in element content and in double-quoted
// attribute values, never in an unquoted attribute, a URL, a style or a script.
pub fn esc(text: &str) -> String {
    let shown = escape(text);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Like [`esc`], then each pair of backticks (how messages quote a document's values)
/// becomes a `<span class="q">`, shown as a quoted value; with an odd number of backticks
/// the text stays as it is.
pub(super) fn rich(text: &str) -> String {
    let escaped = esc(text);
    if escaped.matches('`').count() % 2 == 1 {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    for (n, part) in escaped.split('`').enumerate() {
        if n % 2 == 1 {
            let _ = write!(out, "<span class=\"q\">{part}</span>");
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{esc, rich};

    #[test]
    fn markup_cannot_pass_through() {
        assert_eq!(
            esc("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            esc("\"><img src=x onerror=1>"),
            "&quot;&gt;&lt;img src=x onerror=1&gt;"
        );
        assert_eq!(esc("&amp; &#60;"), "&amp;amp; &amp;#60;");
        assert_eq!(
            esc("a\u{1b}[31mb\u{202e}c\nd"),
            "a\\u{1b}[31mb\\u{202e}c\\u{a}d"
        );
        assert_eq!(esc("Nepal → Malaysia, café"), "Nepal → Malaysia, café");
    }

    #[test]
    fn backticks_become_code_only_in_pairs() {
        assert_eq!(
            rich("paid for `service <b>` here"),
            "paid for <span class=\"q\">service &lt;b&gt;</span> here"
        );
        assert_eq!(rich("a `b` c `d"), "a `b` c `d");
    }
}
