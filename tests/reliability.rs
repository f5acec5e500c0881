#![cfg(unix)]
//! Reliability: nothing is lost in silence, nothing crashes, nothing hangs. One test (or a
//! few) per failure class of the hostile campaign, listed in tests/hostile/README.md; each
//! failed before its fix.

mod common;
use common::{fairrec, Run, AS_OF};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A minimal valid agency document.
const AGENCY: &str = "kind: agency\nschema_version: 2\nname: Test Agency\n";

/// A fresh folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fairrec-rel-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("file");
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// Runs `fairrec` and fails the test if it has not finished within `limit`.
fn fairrec_within(limit: Duration, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fairrec"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fairrec binary runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("fairrec {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        code: status.code().unwrap_or(-1),
    }
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", run.stdout))
}

/// Every error message of a JSON report, documents' and the run's.
fn json_errors(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for document in report["documents"].as_array().expect("documents") {
        for error in document["errors"].as_array().expect("errors") {
            out.push(error["message"].as_str().unwrap_or_default().to_string());
        }
    }
    for error in report["errors"].as_array().expect("errors") {
        out.push(error["message"].as_str().unwrap_or_default().to_string());
    }
    out
}

fn names_checked(report: &serde_json::Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter(|d| d["errors"].as_array().is_some_and(Vec::is_empty))
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

// ── Class 1: a path that cannot be read is an error, in every format ────────────────────

/// Runs `fairrec` as a user that permissions apply to: as itself, or as `nobody` when the
/// tests run as root (root reads any folder).
fn fairrec_unprivileged(args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_fairrec"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        command.uid(65534).gid(65534);
    }
    let output = command.output().expect("the fairrec binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

#[test]
fn unreadable_paths_are_errors_in_every_format_and_the_batch_goes_on() {
    let dir = scratch("unreadable");
    write(&dir.join("batch/good.yaml"), AGENCY);
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("batch/dangling.yaml")).expect("link");
    let locked = dir.join("batch/locked");
    write(&locked.join("hidden.yaml"), AGENCY);
    let mode = |mode| {
        let mut permissions = std::fs::metadata(&locked).expect("folder").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, mode);
        std::fs::set_permissions(&locked, permissions).expect("chmod");
    };
    mode(0o000);
    let not_a_folder = dir.join("batch/good.yaml/inside");
    let batch = text(&dir.join("batch"));
    let args = ["check", &batch, &text(&not_a_folder), "--as-of", AS_OF];

    let human = fairrec_unprivileged(&args);
    let report = json(&fairrec_unprivileged(
        &[&args[..], &["--format", "json"]].concat(),
    ));
    mode(0o755);
    assert_eq!(human.code, 2, "{}", human.stdout);
    for name in ["dangling.yaml", "locked", "inside"] {
        assert!(human.stdout.contains(name), "{name}: {}", human.stdout);
    }
    assert!(human.stdout.contains("agency \"Test Agency\""));
    let errors = json_errors(&report).join("\n");
    assert!(errors.contains("locked`: permission denied"), "{errors}");
    assert!(
        errors.contains("dangling.yaml`: no such file or folder"),
        "{errors}"
    );
    assert!(errors.contains("inside`: it is not a folder"), "{errors}");
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(
        names_checked(&report),
        vec![text(&dir.join("batch/good.yaml"))]
    );
}

// ── Class 2: every document name, at any depth; an empty selection is an error ──────────

#[test]
fn document_names_in_any_case_and_at_any_depth_are_found() {
    let dir = scratch("names");
    let deep: PathBuf = (0..40).map(|i| format!("d{i}")).collect();
    for name in ["a.yaml", "B.YAML", "c.Yml", "d.YML"] {
        write(&dir.join(name), AGENCY);
    }
    write(&dir.join(&deep).join("deep.yaml"), AGENCY);
    write(&dir.join("notes.txt"), "not a document");
    let report = json(&fairrec(&[
        "check",
        &text(&dir),
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]));
    assert_eq!(report["summary"]["documents"], 5, "{}", report["summary"]);
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn a_folder_without_documents_is_an_error() {
    let dir = scratch("empty-selection");
    write(&dir.join("notes.txt"), "not a document");
    let human = fairrec(&["check", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(human.code, 2);
    assert!(
        human.stdout.contains("holds no document file"),
        "{}",
        human.stdout
    );
    let report = json(&fairrec(&["check", &text(&dir), "--format", "json"]));
    assert_eq!(report["summary"]["errors"], 1);
    let entry = &report["documents"][0]["errors"][0];
    assert_eq!(entry["code"], "fairrec::input::no-documents");
}

// ── Class 3: links are followed once; each file is checked once ─────────────────────────

#[test]
fn link_loops_end_and_each_file_is_checked_once() {
    let dir = scratch("links");
    write(&dir.join("top/sub/doc.yaml"), AGENCY);
    std::os::unix::fs::symlink("..", dir.join("top/sub/up")).expect("link");
    std::os::unix::fs::symlink(".", dir.join("top/sub/self")).expect("link");
    std::os::unix::fs::symlink("sub/doc.yaml", dir.join("top/same.yaml")).expect("link");
    let top = text(&dir.join("top"));
    let file = text(&dir.join("top/sub/doc.yaml"));
    let run = fairrec_within(
        Duration::from_secs(20),
        &[
            "check", &top, &file, &top, "--format", "json", "--as-of", AS_OF,
        ],
    );
    let report = json(&run);
    // The documents state no facts: incomplete, so exit 1 (not an error, which would be 2).
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(report["summary"]["documents"], 1);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["verdicts"]["incomplete"], 1);
    // The first name it is met by is the one reported.
    assert_eq!(
        names_checked(&report),
        vec![text(&dir.join("top/same.yaml"))]
    );
}

// ── Classes 16 and 18: devices and FIFOs are refused without reading or blocking ────────

#[test]
fn devices_and_fifos_are_refused_at_once_wherever_they_are() {
    let dir = scratch("special");
    write(&dir.join("folder/good.yaml"), AGENCY);
    std::os::unix::fs::symlink("/dev/zero", dir.join("folder/zero.yaml")).expect("link");
    std::os::unix::fs::symlink("/dev/urandom", dir.join("random.yaml")).expect("link");
    let fifo = dir.join("folder/pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let run = fairrec_within(
        Duration::from_secs(20),
        &[
            "check",
            &text(&dir.join("folder")),
            &text(&dir.join("random.yaml")),
            &text(&fifo),
            "--format",
            "json",
            "--as-of",
            AS_OF,
        ],
    );
    assert_eq!(run.code, 2);
    let report = json(&run);
    let errors = json_errors(&report).join("\n");
    assert!(
        errors.contains("zero.yaml` is not a regular file (it is a device)"),
        "{errors}"
    );
    assert!(
        errors.contains("random.yaml` is not a regular file (it is a device)"),
        "{errors}"
    );
    assert!(
        errors.contains("pipe.yaml` is not a regular file (it is a FIFO)"),
        "{errors}"
    );
    assert_eq!(names_checked(&report).len(), 1);

    // Among rule files.
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).expect("folder");
    for entry in std::fs::read_dir("rules").expect("the built-in rules") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, rules.join(path.file_name().expect("name"))).expect("copy");
    }
    let made = Command::new("mkfifo")
        .arg(rules.join("zz-pipe.fr"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let good = text(&dir.join("folder/good.yaml"));
    let run = fairrec_within(
        Duration::from_secs(20),
        &["check", "--rules", &text(&rules), &good, "--format", "json"],
    );
    assert_eq!(run.code, 2);
    let errors = json_errors(&json(&run)).join("\n");
    assert!(
        errors.contains("zz-pipe.fr`: it is not a regular file"),
        "{errors}"
    );
}

// ── Class 12: workers have a known stack, whatever the environment gives threads ────────

#[test]
fn deep_rules_and_documents_do_not_overflow_small_default_stacks() {
    // The smallest stacks the environment can impose: 256 KiB for the main thread and
    // 128 KiB for threads that do not ask for a size. fairrec's threads ask for theirs.
    let dir = scratch("stacks");
    let pack = dir.join("pack");
    std::fs::create_dir_all(&pack).expect("folder");
    for entry in std::fs::read_dir("rules").expect("the built-in rules") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, pack.join(path.file_name().expect("name"))).expect("copy");
    }
    for name in [
        "any-6-nested-dependent.fr",
        "for-each-6-bindings-always-true.fr",
        "count-nested-40.fr",
    ] {
        std::fs::copy(Path::new("tests/hostile/rules").join(name), pack.join(name)).expect("copy");
        let script = format!(
            "ulimit -s 256 && exec {} check --rules {} examples/agency-nepal-malaysia-violations.yaml examples/employer-malaysia-gloves-wage-deductions.yaml --jobs 2 --as-of {AS_OF}",
            env!("CARGO_BIN_EXE_fairrec"),
            text(&pack)
        );
        let output = Command::new("sh")
            .args(["-c", &script])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("RUST_MIN_STACK", "131072")
            .output()
            .expect("sh runs");
        let code = output.status.code().unwrap_or(-1);
        assert!(matches!(code, 1 | 2), "{name}: exit {code} (a crash?)");
        std::fs::remove_file(pack.join(name)).expect("remove");
    }
}

// ── Class 13: --max-depth has a ceiling the parser survives ─────────────────────────────

#[test]
fn max_depth_is_capped_where_the_parser_is_safe() {
    let over = fairrec(&["check", "examples", "--max-depth", "513"]);
    assert_eq!(over.code, 2);
    assert!(over.stderr.contains("at most 512"), "{}", over.stderr);
    // At the ceiling, a document nested just under it is parsed and refused as a document,
    // not by a crash; one nested past it is refused by the limit.
    let dir = scratch("depth");
    let nested = |depth: usize| {
        format!(
            "kind: agency\nschema_version: 2\nname: x\ncosts: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    write(&dir.join("under.yaml"), &nested(500));
    write(&dir.join("over.yaml"), &nested(5000));
    let run = fairrec(&[
        "check",
        &text(&dir),
        "--max-depth",
        "512",
        "--format",
        "json",
        "--jobs",
        "2",
    ]);
    assert_eq!(run.code, 2);
    let errors = json_errors(&json(&run)).join("\n");
    assert!(errors.contains("must be a mapping"), "{errors}");
    assert!(errors.contains("nested more than 512 levels"), "{errors}");
}

// ── Class 14: one document at a time ────────────────────────────────────────────────────

/// Runs `fairrec` and returns its peak resident memory in KiB, read from the kernel's
/// accounting of that one child.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // wait4 below reaps the child
fn peak_kib(args: &[&str]) -> (i32, i64) {
    let child = Command::new(env!("CARGO_BIN_EXE_fairrec"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the fairrec binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_of_many_documents_is_checked_in_bounded_memory() {
    let dir = scratch("many");
    let one = |n: usize| format!("kind: agency\nschema_version: 2\nname: Agency {n}\n");
    let small: String = (0..200).map(one).collect::<Vec<_>>().join("---\n");
    let large: String = (0..4000).map(one).collect::<Vec<_>>().join("---\n");
    write(&dir.join("small.yaml"), &small);
    write(&dir.join("large.yaml"), &large);
    // Documents without facts are incomplete: exit 1, never 2 (nothing failed to load).
    let (code, small_kib) = peak_kib(&["check", &text(&dir.join("small.yaml")), "--jobs", "1"]);
    assert_eq!(code, 1);
    let (code, large_kib) = peak_kib(&["check", &text(&dir.join("large.yaml")), "--jobs", "1"]);
    assert_eq!(code, 1);
    // Holding every result of the file costs about 20 KiB a document (80 MiB here);
    // streaming costs nothing a document.
    assert!(
        large_kib < small_kib + 16 * 1024,
        "200 documents: {small_kib} KiB, 4,000 documents: {large_kib} KiB"
    );
}

// ── Classes 15, 17 and 22: the pool of workers ──────────────────────────────────────────

/// A folder of `n` small documents, one per file, after one file of `big` documents.
fn batch_with_a_slow_first_file(test: &str, big: usize, n: usize) -> PathBuf {
    let dir = scratch(test);
    let one = |k: usize| {
        format!(
            "kind: agency\nschema_version: 2\nname: Agency {k}\ncosts:\n  - {{category: medical, amount: {k} NPR, paid_by: worker}}\n"
        )
    };
    let first: Vec<String> = (0..big).map(one).collect();
    write(&dir.join("a-first.yaml"), &first.join("---\n"));
    for k in 0..n {
        write(&dir.join(format!("b-{k:05}.yaml")), &one(k));
    }
    dir
}

#[test]
fn output_keeps_input_order_when_a_slow_file_comes_first() {
    let dir = batch_with_a_slow_first_file("order", 2000, 1500);
    let run = |jobs: &str| fairrec(&["check", &text(&dir), "--as-of", AS_OF, "--jobs", jobs]);
    let one = run("1");
    let four = run("4");
    assert_eq!(one.code, 1);
    assert_eq!(
        one.stdout, four.stdout,
        "the report must not depend on --jobs"
    );
}

#[test]
fn thousands_of_jobs_are_capped_not_a_thread_each() {
    let dir = batch_with_a_slow_first_file("many-jobs", 1, 300);
    let run = fairrec_within(
        Duration::from_secs(120),
        &["check", &text(&dir), "--jobs", "100000", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json(&run)["summary"]["documents"], 301);
}

#[test]
fn a_refused_thread_is_an_error_not_a_panic() {
    // Address space too small for even one more 64 MiB stack: threads are refused.
    let dir = batch_with_a_slow_first_file("no-threads", 1, 3);
    let mut refusals = Vec::new();
    // From the main thread refused to some workers refused. In between lies a band where
    // the allocator itself fails (its place moves with the size of the embedded pack), which
    // no program can turn into a report: such a run is skipped, never counted as a pass.
    let mut reported = 0;
    for kib in [50_000, 120_000, 160_000, 200_000, 250_000, 300_000, 400_000] {
        let script = format!(
            "ulimit -v {kib} && exec {} check {} --jobs 8 --format json",
            env!("CARGO_BIN_EXE_fairrec"),
            text(&dir)
        );
        let output = Command::new("sh")
            .args(["-c", &script])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("sh runs");
        let code = output.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("memory allocation of") {
            continue;
        }
        reported += 1;
        assert!(
            matches!(code, 1 | 2),
            "ulimit -v {kib}: exit {code}\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "ulimit -v {kib}: {stderr}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("ulimit -v {kib}: stdout is not JSON ({e})"));
        refusals.extend(
            json_errors(&report)
                .into_iter()
                .filter(|message| message.contains("refused to start")),
        );
    }
    assert!(reported >= 3, "too few limits gave a report: {reported}");
    assert!(!refusals.is_empty(), "no limit made a thread fail to start");
}

#[test]
fn a_closed_pipe_ends_the_run_promptly() {
    let dir = batch_with_a_slow_first_file("pipe", 200, 400);
    for jobs in ["1", "4"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fairrec"))
            .args(["check", &text(&dir), "--as-of", AS_OF, "--jobs", jobs])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the fairrec binary runs");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = child.kill();
                panic!("--jobs {jobs}: still running 10 s after its reader went away");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // Like `yes | head`, a reader that goes away is not a failure of the check.
        assert_eq!(status.code(), Some(0), "--jobs {jobs}");
    }
    // The other commands, whose reader is gone before they write.
    for args in [
        vec!["rules"],
        vec!["rules", "--format", "json"],
        vec!["explain", "FR-GP7-001"],
        vec!["coverage"],
        vec!["schema"],
        vec!["errors"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fairrec"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the fairrec binary runs");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

// ── Class 4: values reached through aliases and merges are the values they denote ───────

/// The messages of a JSON report's findings that are violations.
fn violations(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["findings"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["outcome"] == "violation")
        .map(|f| {
            let message = f["message"].as_str().unwrap_or_default().to_string();
            (message, f["location"]["line"].as_u64().unwrap_or(0))
        })
        .collect()
}

#[test]
fn numbers_through_aliases_and_merges_are_their_values() {
    let dir = scratch("aliases");
    let document = "\
kind: agency
schema_version: 2
worker_voice:
  interviewed: &fees 40
  reporting_fees: *fees
name: *fees
contract:
  <<: {days_before_departure: 3, written: true}
  worker_copy: true
";
    write(&dir.join("aliases.yaml"), document);
    let run = fairrec(&[
        "check",
        &text(&dir.join("aliases.yaml")),
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    let report = json(&run);
    assert_eq!(json_errors(&report), Vec::<String>::new());
    assert_eq!(report["documents"][0]["name"], "40");
    let found = violations(&report);
    assert!(
        found.contains(&(
            "40 of 40 workers interviewed report paying recruitment fees (median reported: not given)".to_string(),
            5
        )),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(message, _)| message
            .starts_with("workers receive the contract 3 day(s) before departure")),
        "{found:?}"
    );
}

// ── Classes 9 and 10: YAML 1.1 and tags are refused, located ────────────────────────────

#[test]
fn yaml_1_1_and_tags_are_refused_where_they_are_written() {
    let dir = scratch("tags");
    write(
        &dir.join("version.yaml"),
        &format!("%YAML 1.1\n---\n{AGENCY}country: NO\n"),
    );
    write(
        &dir.join("key.yaml"),
        &format!("{AGENCY}!!binary Y291bnRyeQ==: NP\n"),
    );
    write(
        &dir.join("value.yaml"),
        &format!("{AGENCY}contract:\n  days_before_departure: !!str 14\n"),
    );
    let run = fairrec(&["check", &text(&dir), "--format", "json"]);
    assert_eq!(run.code, 2);
    let report = json(&run);
    let seen: Vec<(String, String, u64, u64)> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let error = &d["errors"][0];
            (
                d["path"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                error["code"].as_str().unwrap_or_default().to_string(),
                error["location"]["line"].as_u64().unwrap_or(0),
                error["location"]["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("key.yaml", "fairrec::document::tag", 4, 1),
        ("value.yaml", "fairrec::document::tag", 5, 26),
        ("version.yaml", "fairrec::document::yaml-version", 1, 1),
    ];
    let expected: Vec<(String, String, u64, u64)> = expected
        .iter()
        .map(|(f, c, l, k)| (f.to_string(), c.to_string(), *l, *k))
        .collect();
    assert_eq!(seen, expected);
}

// ── Classes 5, 6, 7, 8 and 11: impossible values are refused, located ───────────────────

/// Each error of a JSON report as `line:column code message`.
fn located_errors(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for document in report["documents"].as_array().expect("documents") {
        for error in document["errors"].as_array().expect("errors") {
            out.push(format!(
                "{}:{} {} {}",
                error["location"]["line"],
                error["location"]["column"],
                error["code"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit("::")
                    .next()
                    .unwrap_or_default(),
                error["message"].as_str().unwrap_or_default()
            ));
        }
    }
    out
}

#[test]
fn impossible_values_are_refused_where_they_are_written() {
    let dir = scratch("impossible");
    let document = "\
kind: agreement
schema_version: \" 1 \"
name: ~
parties: []
exchange_rates:
  - {from: USD, to: USD, rate: 3}
  - {from: USD, to: NPR, rate: 130}
  - {from: NPR, to: USD, rate: 1}
  - {from: USD, to: NPR, rate: 131}
clauses:
  contract: {days_before_departure: 4000}
  joint_committee: {meetings_per_year: -1}
---
kind: employer
schema_version: \"1\"
name: E
workers: {youngest_age: 200}
job_orders: [{minimum_age: -1}]
worker_voice: {interviewed: 10, reporting_fees: 11, reporting_deception: 10}
supply_chain:
  - {name: A, role: sub_agent, tier: 0}
  - {name: ~, role: sub_agent, tier: 2}
costs:
  - {category: medical, amount: 1234567890.123456789012345678901 USD}
contract: {days_before_departure: \"14\"}
---
kind: agency
schema_version: 2
name: A
exchange_rates: ~
licence: {issuer: DoFE, number: \"1\", valid_from: 2027-01-01, valid_until: 2025-01-01}
";
    write(&dir.join("impossible.yaml"), document);
    let run = fairrec(&["check", &text(&dir), "--format", "json"]);
    assert_eq!(run.code, 2);
    let expected = [
        "2:17 schema-version `agreement` documents are at schema version 2, this one gives the text ` 1 `, not a number",
        "3:1 empty-field the required field `name` is empty",
        "6:5 rate-conflict an exchange rate from `USD` to itself",
        "8:5 rate-conflict an exchange rate from `NPR` to `USD` beside one from `USD` to `NPR` (on line 7)",
        "9:5 rate-conflict a second exchange rate from `USD` to `NPR` (the first is on line 7)",
        "4:10 empty-field the required list `parties` is empty",
        "11:37 out-of-range `4000` is above 3650 (in `clauses.contract.days_before_departure`)",
        "12:40 out-of-range `-1` is below 0 (in `clauses.joint_committee.meetings_per_year`)",
        "15:17 schema-version `employer` documents are at schema version 2, this one gives the text `1`, not a number",
        "17:25 out-of-range `200` is above 120 (in `workers.youngest_age`)",
        "18:28 out-of-range `-1` is below 0 (in `job_orders[0].minimum_age`)",
        "19:49 out-of-range `worker_voice.reporting_fees` is 11, more than the 10 of `worker_voice.interviewed`",
        "21:38 out-of-range `0` is below 1 (in `supply_chain[0].tier`)",
        "22:12 empty-field the required field `supply_chain[1].name` is empty",
        "24:33 invalid-value `1234567890.123456789012345678901` has more significant digits than can be held exactly (28 or 29) (in `costs[0].amount`)",
        "25:35 wrong-type `contract.days_before_departure` must be a number, found the text `14`",
        "31:75 out-of-range `licence.valid_until` (2025-01-01) is before `licence.valid_from` (2027-01-01)",
    ];
    assert_eq!(located_errors(&json(&run)), expected);
}

#[test]
fn a_contract_seen_after_departure_is_recorded_with_negative_days() {
    let dir = scratch("negative-days");
    write(
        &dir.join("late.yaml"),
        &format!("{AGENCY}contract: {{days_before_departure: -3}}\n"),
    );
    let run = fairrec(&["check", &text(&dir), "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 1);
    let found = violations(&json(&run));
    assert!(
        found
            .iter()
            .any(|(m, _)| m.starts_with("workers receive the contract -3 day(s)")),
        "{found:?}"
    );
}

// ── Classes 19 and 20: nothing raw reaches a terminal; JSON stays one parseable document ─

/// Characters that must never reach a terminal raw: escapes, carriage returns, C1 controls
/// and bidirectional overrides.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && *c != '\n' && *c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        })
        .collect()
}

#[test]
fn file_names_cannot_forge_or_hide_output() {
    let dir = scratch("names-forged");
    let names = [
        "a\nSummary: 0 document(s) checked.yaml",
        "b\u{1b}[2J\u{1b}[31m.yaml",
        "c\u{202e}lmay.yaml",
        "d\r.yaml",
    ];
    for name in names {
        // A violation, so a snippet (with its `╭─[name:line:column]` header) is drawn.
        write(
            &dir.join(name),
            &format!("{AGENCY}costs:\n  - {{category: medical, amount: 5 NPR, paid_by: worker}}\n"),
        );
    }
    let human = fairrec(&["check", &text(&dir), "--as-of", AS_OF]);
    assert_eq!(human.code, 1);
    let shown = format!("{}{}", human.stdout, human.stderr);
    assert_eq!(raw_controls(&shown), Vec::<char>::new(), "{shown}");
    assert_eq!(
        shown.lines().filter(|l| l.starts_with("Summary:")).count(),
        1
    );
    assert!(shown.contains("\\u{1b}[2J"), "the escape is shown, visibly");

    let run = fairrec(&["check", &text(&dir), "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(raw_controls(&run.stdout), Vec::<char>::new());
    let report = json(&run);
    let mut paths: Vec<String> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default().to_string())
        .collect();
    paths.sort();
    let mut expected: Vec<String> = names.iter().map(|n| text(&dir.join(n))).collect();
    expected.sort();
    assert_eq!(paths, expected, "JSON keeps the names exactly, escaped");
}

#[test]
fn a_rule_packs_texts_cannot_forge_output() {
    let dir = scratch("pack-forged");
    let pack = dir.join("pack");
    std::fs::create_dir_all(&pack).expect("folder");
    for entry in std::fs::read_dir("rules").expect("the built-in rules") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, pack.join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::copy(
        "tests/hostile/rules/ansi-escape-in-strings.fr",
        pack.join("zz-ansi.fr"),
    )
    .expect("copy");
    write(
        &pack.join("zz-bidi.fr"),
        "rule FR-HOSTILE-901 bidi-strings {\n    title    \"bidi \u{202e}eltit\"\n    cites    GP7\n    kinds    agency\n    severity low\n    source   \"hostile-input corpus\"\n    when     true\n    message  \"m \u{9b}2J\"\n    remedy   \"line\rover \u{2066}written\"\n}\n",
    );
    let pack = text(&pack);
    let example = "examples/agency-nepal-malaysia-violations.yaml";
    for args in [
        vec![
            "check",
            "--rules",
            &pack,
            example,
            "--show-passes",
            "--as-of",
            AS_OF,
        ],
        vec![
            "check", "--rules", &pack, example, "--format", "json", "--as-of", AS_OF,
        ],
        vec!["rules", "--rules", &pack],
        vec!["rules", "--rules", &pack, "--format", "json"],
        vec!["explain", "FR-HOSTILE-901", "--rules", &pack],
        vec!["explain", "FR-HOSTILE-025", "--rules", &pack],
        vec!["coverage", "--rules", &pack],
        vec!["schema", "--rules", &pack],
        vec!["explain", "FR-\u{1b}[2J"],
        vec!["check", "--as-of", "\u{1b}[2J", example],
        vec!["rules", "--kind", "\u{202e}x"],
        vec!["check", "--jobs", "\u{1b}[31m", example],
    ] {
        let run = fairrec(&args);
        let shown = format!("{}{}", run.stdout, run.stderr);
        assert!(matches!(run.code, 0..=2), "{args:?}: exit {}", run.code);
        assert_eq!(
            raw_controls(&shown),
            Vec::<char>::new(),
            "{args:?}:\n{shown}"
        );
    }
}

// ── Class 21: rule-file errors are located and name every place ─────────────────────────

#[test]
fn rule_file_errors_point_into_every_file_concerned() {
    let dir = scratch("rule-errors");
    let pack = dir.join("pack");
    std::fs::create_dir_all(&pack).expect("folder");
    for entry in std::fs::read_dir("rules").expect("the built-in rules") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, pack.join(path.file_name().expect("name"))).expect("copy");
    }
    let stopped = |extra: &str| {
        let target = pack.join(Path::new(extra).file_name().expect("name"));
        std::fs::copy(Path::new("tests/hostile/rules").join(extra), &target).expect("copy");
        let run = fairrec(&[
            "check",
            "--rules",
            &text(&pack),
            "examples",
            "--format",
            "json",
        ]);
        std::fs::remove_file(&target).expect("remove");
        assert_eq!(run.code, 2);
        json(&run)["errors"][0].clone()
    };
    let error = stopped("invalid-utf8.fr");
    assert_eq!(error["location"]["line"], 8, "{error}");
    assert_eq!(error["location"]["column"], 26, "{error}");
    let error = stopped("duplicate-builtin-rule-id.fr");
    let both = format!("{}{}", error["location"]["file"], error["help"]);
    assert!(both.contains("gp07-recruitment-fees.fr"), "{error}");
    assert!(both.contains("duplicate-builtin-rule-id.fr"), "{error}");
}
