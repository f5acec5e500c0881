//! The HTML report as a reader's browser gets it, checked without a browser: a document
//! whose name and texts are markup and script (`tests/html/markup-document.yaml`, and the
//! same document under a file name that is markup) never puts an element or an attribute
//! of its own into the page; the page loads nothing and runs nothing; and the escaping
//! function holds for any text. `tests/html_browser.rs` renders the same page in Chromium.

mod common;
use common::{fairrec, temp_file, AS_OF};
use proptest::prelude::*;

const HOSTILE: &str = "tests/html/markup-document.yaml";

/// Every element the report writes itself; anything else in the page came from a document.
const OWN_ELEMENTS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "strong",
    "dl",
    "dt",
    "dd",
    "a",
    "section",
    "article",
    "div",
    "span",
    "code",
    "br",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "g",
    "rect",
    "text",
    "line",
];

/// The report of the hostile document, under its own name and under a name that is markup.
fn hostile_report() -> String {
    let text = std::fs::read(HOSTILE).expect("the hostile document");
    let mut args = vec!["check", HOSTILE];
    let renamed;
    if cfg!(unix) {
        renamed = temp_file("\"><img src=x onerror=alert(1)>.yaml", &text);
        args.push(&renamed);
    }
    args.extend(["--as-of", AS_OF, "--format", "html"]);
    let run = fairrec(&args);
    assert_eq!(
        run.code, 1,
        "the document is valid and non-compliant: {}",
        run.stderr
    );
    run.stdout
}

/// Each tag of `html` as (name, the rest of the tag up to `>`), lowercased.
fn tags(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .skip(1)
        .map(|tail| {
            let tag = tail.split('>').next().unwrap_or("").to_lowercase();
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            (name, tag)
        })
        .collect()
}

#[test]
fn hostile_texts_never_become_elements_or_attributes() {
    let html = hostile_report();
    for (name, tag) in tags(&html) {
        assert!(
            OWN_ELEMENTS.contains(&name.as_str()),
            "an element `<{tag}>` got in"
        );
        let handler = tag
            .split_whitespace()
            .skip(1)
            .any(|attribute| attribute.starts_with("on") || attribute.contains("javascript:"));
        assert!(!handler, "an event handler or script URL got in: `<{tag}>`");
        if let Some(href) = tag.split("href=\"").nth(1) {
            assert!(href.starts_with('#'), "a link out: `<{tag}>`");
        }
    }
    assert_eq!(html.matches("<svg").count(), 1, "only the chart is SVG");
    assert!(
        !html.contains("data-pwned'"),
        "a payload is in the page unescaped"
    );
}

#[test]
fn hostile_texts_are_shown_as_text() {
    let html = hostile_report();
    for shown in [
        // The name, in the document's heading, the ranking and every finding's actor.
        "&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;name&#39;);window.__pwned=1&lt;/script&gt;Hostile &quot;Agency&quot; &amp; Co",
        // A cost label quoted in a message, closing a tag the report never opened.
        "&lt;/title&gt;&lt;/style&gt;&lt;iframe srcdoc=&quot;&lt;script&gt;",
        // Backticks in a label cannot close the report's own quoting.
        "&lt;/code&gt;&lt;object data=&quot;x&quot;&gt;",
        // Text that looks like an entity stays the text the document wrote.
        "&amp;lt;b&amp;gt;already an entity&amp;lt;/b&amp;gt; &amp;amp; &lt;b&gt;bold&lt;/b&gt;",
    ] {
        assert!(html.contains(shown), "not shown as text: {shown}");
    }
    if cfg!(unix) {
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.yaml"));
    }
}

#[test]
fn the_page_loads_and_runs_nothing() {
    let run = fairrec(&["check", "examples", "--as-of", AS_OF, "--format", "html"]);
    let html = run.stdout.to_lowercase();
    for forbidden in [
        "<script", "<link", "<img", "<iframe", "<object", "<embed", "src=", "url(", "@import",
        "http:", "https:", "xmlns",
    ] {
        assert!(!html.contains(forbidden), "the page holds `{forbidden}`");
    }
    assert!(html.contains("content-security-policy\" content=\"default-src 'none'"));
}

/// Undoes [`fairrec::report::html::esc`]'s character references.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

proptest! {
    #[test]
    fn any_text_is_escaped_and_comes_back(text in any::<String>()) {
        let html = fairrec::report::html::esc(&text);
        prop_assert!(!html.contains(['<', '>', '"', '\'']));
        for (position, _) in html.match_indices('&') {
            let rest = &html[position..];
            prop_assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|r| rest.starts_with(r)),
                "a bare `&` in {html}"
            );
        }
        prop_assert_eq!(unescape(&html), fairrec::diagnostic::escape(&text));
    }
}
