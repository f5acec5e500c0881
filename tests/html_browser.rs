//! The HTML report in a real browser: headless Chromium (Debian's `chromium` package) opens
//! the report of `examples/` plus a document whose texts are markup and script
//! (`tests/html/markup-document.yaml`, also under a file name that is markup), and the test
//! reads the page as the browser built it (`--dump-dom`, after its scripts would have run):
//! the summary and the chart are there, no payload ran (each would mark the root element
//! with `data-pwned`) and no element a payload would create exists.
//!
//! It also takes the screenshot the README shows. `docs/report-screenshot.png` is the first
//! 1280 × 2000 pixels of the report that
//! `fairrec check examples/ --format html -o report.html --as-of 2026-06-01` writes; the
//! test always makes one (and checks it is a PNG of that size) and writes it to `docs/` only
//! when `UPDATE_SCREENSHOT=1`, so a test run never changes the working tree:
//! `UPDATE_SCREENSHOT=1 cargo test --test html_browser`.
//!
//! Without Chromium the test is skipped with a message, unless the `CI` variable is set:
//! there it fails (`.ci/run` installs Chromium and sets `CI`).

mod common;
use common::{fairrec, AS_OF};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium gets this long per page; a hung browser fails the test instead of hanging it.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

/// The screenshot's size, as the README shows it.
const SHOT: (u32, u32) = (1280, 2000);

/// Chromium from `PATH`, or `None` after saying why the test is skipped; panics under CI.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
            .find(|path| path.is_file())
    });
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    match found {
        None if in_ci => panic!(
            "headless Chromium is needed for the HTML report's browser test and CI is set: \
             install it (Debian: apt-get install chromium), as .ci/run does"
        ),
        None => {
            eprintln!(
                "skipped: headless Chromium (Debian package `chromium`) is not on PATH, so the \
                 HTML report was not opened in a browser; with CI set this test fails instead"
            );
            None
        }
        found => found,
    }
}

/// A fresh folder for this test's files and the browser's profile.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fairrec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Runs Chromium headless on the page at `page` with `extra` flags; returns its stdout.
fn browse(browser: &Path, dir: &Path, page: &Path, extra: &[String]) -> String {
    let profile = dir.join("profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Chromium starts");
    let started = Instant::now();
    // Read stdout on a thread, so a large page cannot fill the pipe and stall the browser.
    let mut stdout = child.stdout.take().expect("stdout was piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
        text
    });
    loop {
        match child.try_wait().expect("Chromium can be waited for") {
            Some(status) => {
                assert!(status.success(), "Chromium failed: {status}");
                break;
            }
            None if started.elapsed() > BROWSER_TIMEOUT => {
                let _ = child.kill();
                panic!("Chromium did not finish within {BROWSER_TIMEOUT:?}");
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    reader.join().expect("the reader thread")
}

/// Writes the HTML report of `inputs` to `dir/report.html` and returns its path.
fn report(dir: &Path, inputs: &[&str]) -> PathBuf {
    let page = dir.join("report.html");
    let out = page.display().to_string();
    let mut args = vec!["check"];
    args.extend_from_slice(inputs);
    args.extend(["--as-of", AS_OF, "--format", "html", "-o", &out]);
    let run = fairrec(&args);
    assert_eq!(run.code, 1, "findings, no error: {}", run.stderr);
    page
}

#[test]
fn the_report_renders_with_its_chart_and_no_injected_script_runs() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("html-browser");
    let hostile = "tests/html/markup-document.yaml";
    let renamed =
        dir.join("\"><img src=x onerror=\"document.documentElement.dataset.pwned=1\">.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(hostile),
        &renamed,
    )
    .expect("a copy under a hostile name");
    let renamed = renamed.display().to_string();
    let page = report(&dir, &["examples", hostile, &renamed]);
    let dom = browse(&browser, &dir, &page, &["--dump-dom".to_string()]);

    // The oracle works: the name's payload, put in a page as it is, marks the root.
    let control = dir.join("control.html");
    let name = "<script>document.documentElement.setAttribute('data-pwned','name')</script>";
    std::fs::write(
        &control,
        format!("<!DOCTYPE html><html><body>{name}</body></html>"),
    )
    .expect("the control page");
    let marked = browse(&browser, &dir, &control, &["--dump-dom".to_string()]);
    assert!(
        marked.contains("data-pwned=\"name\""),
        "the payload runs in a bare page"
    );

    let root = dom.split('>').find(|t| t.contains("<html")).unwrap_or("");
    assert!(
        root.contains("<html"),
        "Chromium returned no page: {dom:.300}"
    );
    assert!(
        !root.contains("data-pwned"),
        "an injected script ran: {root}>"
    );
    for injected in [
        "<script",
        "<img",
        "<iframe",
        "<object",
        "<a href=\"javascript",
    ] {
        assert!(!dom.contains(injected), "an injected `{injected}` exists");
    }
    assert_eq!(dom.matches("<svg").count(), 1, "only the chart is SVG");
    // What a reader sees: the summary, the chart with a bar per principle, the verdicts.
    assert!(dom.contains("<section id=\"summary\">"));
    assert!(dom.contains("<title id=\"chart-title\">"));
    for principle in 1..=13 {
        assert!(
            dom.contains(&format!("<title>GP{principle} ")),
            "bar of GP{principle}"
        );
    }
    assert!(dom.contains("<span class=\"badge v-non_compliant\">NON-COMPLIANT</span>"));
    assert!(dom.contains("Recruitment costs by corridor (SDG indicator 10.7.1)"));
    // The hostile name is there, as text.
    assert!(
        dom.contains("&lt;script&gt;document.documentElement.setAttribute('data-pwned','name')")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_screenshot_shows_the_report_of_the_examples() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("html-screenshot");
    let page = report(&dir, &["examples/"]);
    let shot = dir.join("report-screenshot.png");
    browse(
        &browser,
        &dir,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={},{}", SHOT.0, SHOT.1),
        ],
    );
    let png = std::fs::read(&shot).expect("Chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // The IHDR chunk gives the width and height, big-endian, at bytes 16 to 24.
    let size = |at: usize| {
        png.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    assert_eq!((size(16), size(20)), (Some(SHOT.0), Some(SHOT.1)));
    if std::env::var_os("UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-screenshot.png");
        std::fs::write(docs, &png).expect("docs/report-screenshot.png written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
