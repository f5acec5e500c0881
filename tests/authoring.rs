//! What someone starting a document meets: `fairrec init` templates (shown whole, and checked
//! to validate with every fact not assessable), the shell completions and the manual page.

mod common;
use common::{fairrec, temp_file, AS_OF};

const KINDS: [&str; 3] = ["agency", "employer", "agreement"];

#[test]
fn templates_match_snapshots() {
    for kind in KINDS {
        let run = fairrec(&["init", kind]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        insta::assert_snapshot!(format!("init-{kind}"), run.stdout);
    }
}

/// `fairrec init agency > a.yaml && fairrec check a.yaml` is valid and incomplete: exit 1,
/// no error, no rule passed or failed, every applicable rule waiting for a fact.
#[test]
fn templates_validate_with_every_fact_not_assessable() {
    for kind in KINDS {
        let template = fairrec(&["init", kind]).stdout;
        let path = temp_file(&format!("template-{kind}.yaml"), &template);
        let human = fairrec(&["check", &path, "--as-of", AS_OF]);
        assert_eq!(human.code, 1, "{kind}: {}{}", human.stdout, human.stderr);
        assert!(
            human.stdout.contains("INCOMPLETE"),
            "{kind}: {}",
            human.stdout
        );

        let json = fairrec(&["check", &path, "--as-of", AS_OF, "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON report");
        let document = &report["documents"][0];
        assert_eq!(document["verdict"], "incomplete", "{kind}");
        assert_eq!(
            document["passed"], 0,
            "{kind}: a rule passed on facts nobody gave"
        );
        let findings = document["findings"].as_array().expect("findings");
        assert!(!findings.is_empty(), "{kind}");
        for finding in findings {
            assert_eq!(
                finding["outcome"], "not_assessable",
                "{kind}: {} concluded from a blank template",
                finding["rule"]
            );
        }
    }
}

#[test]
fn every_fact_left_to_fill_is_marked() {
    for kind in KINDS {
        let template = fairrec(&["init", kind]).stdout;
        for line in template.lines() {
            let code = line.split("  #").next().unwrap_or(line);
            if code.trim_end().ends_with(": ~") {
                assert!(
                    line.contains("# TO FILL"),
                    "{kind}: `{line}` is left blank without a TO FILL mark"
                );
            }
        }
    }
}

#[test]
fn init_writes_a_new_file_and_never_overwrites_one() {
    let path = temp_file("init-output.yaml", "");
    std::fs::remove_file(&path).expect("start without the file");
    let run = fairrec(&["init", "employer", "-o", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("fill it in"), "{}", run.stderr);
    let written = std::fs::read_to_string(&path).expect("template written");
    assert_eq!(written, fairrec(&["init", "employer"]).stdout);

    std::fs::write(&path, "kind: employer # filled in by hand\n").expect("edit");
    let again = fairrec(&["init", "employer", "--output", &path]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let kept = std::fs::read_to_string(&path).expect("still there");
    assert_eq!(kept, "kind: employer # filled in by hand\n");
}

#[test]
fn init_refuses_an_unknown_kind() {
    let run = fairrec(&["init", "agencey"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("there is no document kind `agencey`"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn completions_name_the_subcommands() {
    let bash = fairrec(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    for word in [
        "check",
        "init",
        "schema",
        "explain",
        "--as-of",
        "json-schema",
    ] {
        assert!(bash.stdout.contains(word), "bash completion lacks {word}");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = fairrec(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("check"), "{shell}");
    }
    assert_eq!(fairrec(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_manual_page_describes_the_commands() {
    let page = fairrec(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.starts_with(".ie"),
        "roff: {}",
        &page.stdout[..40]
    );
    assert!(page.stdout.contains(".TH fairrec 1"), "{}", page.stdout);
    for word in ["check", "init", "completions"] {
        assert!(page.stdout.contains(word), "the page lacks {word}");
    }
    let check = fairrec(&["man", "check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("fairrec\\-check"), "{}", check.stdout);
    assert!(
        check.stdout.contains("allow\\-incomplete"),
        "{}",
        check.stdout
    );
    let unknown = fairrec(&["man", "chek"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("there is no subcommand `chek`"));
}
