//! The report formats as users get them: a snapshot of each format for one batch (an agency,
//! the agreement of its corridor and a broken file), SARIF checked against the published
//! 2.1.0 schema, the same inputs giving the same bytes, `-o`, and a broken file among good
//! ones reported in every format while the others are still reported.

mod common;
use common::{fairrec, temp_file, AS_OF};

const AGENCY: &str = "examples/agency-nepal-malaysia-violations.yaml";
const AGREEMENT: &str = "examples/agreement-nepal-malaysia-compliant.yaml";
const BROKEN: &str = "tests/broken-documents/duplicate-key-country.yaml";
const FORMATS: [&str; 6] = ["json", "sarif", "markdown", "html", "csv", "junit"];

/// The batch of the snapshots, in `format`.
fn batch(format: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "check", AGENCY, AGREEMENT, BROKEN, "--as-of", AS_OF, "--format", format,
    ];
    args.extend_from_slice(extra);
    fairrec(&args)
}

#[test]
fn each_format_matches_its_snapshot() {
    let pack = fairrec::pack::RulePack::builtin().expect("built-in rules load");
    for format in ["sarif", "markdown", "html", "csv", "junit"] {
        let run = batch(format, &[]);
        assert_eq!(
            run.code, 2,
            "{format}: the broken file wins: {}",
            run.stderr
        );
        assert_eq!(run.stderr, "", "{format}");
        // The pack's hash and fairrec's version change with every rule and release; the
        // tests below check that they are there.
        let text = run
            .stdout
            .replace(&pack.hash, "[rules hash]")
            .replace(env!("CARGO_PKG_VERSION"), "[version]");
        // The HTML's style sheet is the same in every report; the screenshot shows it.
        let text = match (text.find("<style>"), text.find("</style>")) {
            (Some(start), Some(end)) => format!("{}<style>[style]{}", &text[..start], &text[end..]),
            _ => text,
        };
        insta::assert_snapshot!(format!("batch-{format}"), text);
    }
}

#[test]
fn every_format_states_version_pack_date_and_input_hashes() {
    let pack = fairrec::pack::RulePack::builtin().expect("built-in rules load");
    let sha = "c43f2b47c6e8c73e4171b03367c416ffb972f56c52c3e3133b382a2a1010cb5c";
    let digest = common::sha256_of(BROKEN);
    assert_eq!(digest, sha, "the broken fixture changed: update this test");
    for format in FORMATS.iter().chain(&["human"]) {
        let run = batch(format, &[]);
        for needed in [&pack.hash, env!("CARGO_PKG_VERSION"), AS_OF, sha] {
            assert!(run.stdout.contains(needed), "{format} lacks {needed}");
        }
        let root = env!("CARGO_MANIFEST_DIR");
        assert!(
            !run.stdout.contains(root),
            "{format} holds an absolute path"
        );
    }
}

#[test]
fn sarif_validates_against_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/schemas/sarif-schema-2.1.0.json").expect("schema"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let with_overlay = [
        "check",
        "--overlay",
        "examples/overlays/freedonia",
        "examples/overlays/freedonia/agency-example.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "sarif",
    ];
    let stopped = [
        "check",
        AGENCY,
        "--as-of",
        "2026-02-30",
        "--format",
        "sarif",
    ];
    for run in [
        fairrec(&[
            "check", "examples", BROKEN, "--as-of", AS_OF, "--format", "sarif",
        ]),
        fairrec(&with_overlay),
        fairrec(&stopped),
    ] {
        let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "fairrec");
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    for format in FORMATS {
        let first = batch(format, &["--jobs", "1"]);
        let second = batch(format, &["--jobs", "2"]);
        assert_eq!(first.stdout, second.stdout, "{format}");
        assert!(!first.stdout.is_empty());
    }
}

#[test]
fn output_goes_to_the_file_named_by_dash_o() {
    for format in FORMATS.iter().chain(&["human"]) {
        let path = temp_file(&format!("report.{format}"), "old content, replaced\n");
        let written = batch(format, &["-o", &path]);
        assert_eq!(written.code, 2, "{format}");
        assert_eq!(written.stdout, "", "{format}: nothing on stdout");
        let printed = batch(format, &[]);
        let file = std::fs::read_to_string(&path).expect("the report file");
        assert_eq!(file, printed.stdout, "{format}");
    }
    // A stopped run writes its report there too.
    let path = temp_file("stopped.json", "");
    let run = fairrec(&[
        "check",
        AGENCY,
        "--as-of",
        "2026-13-01",
        "--format",
        "json",
        "--output",
        &path,
    ]);
    assert_eq!(run.code, 2);
    let file = std::fs::read_to_string(&path).expect("the report file");
    assert!(file.contains("fairrec::cli::bad-as-of"), "{file}");
}

#[test]
fn a_broken_file_among_good_ones_is_reported_in_every_format_with_its_line() {
    for format in FORMATS.iter().chain(&["human"]) {
        let run = batch(format, &[]);
        assert_eq!(run.code, 2, "{format}");
        let text = &run.stdout;
        assert!(text.contains("duplicate-key-country.yaml"), "{format}");
        assert!(
            text.contains("fairrec::document::yaml") || *format == "human",
            "{format}"
        );
        assert!(
            text.contains("FR-GP4-007"),
            "{format}: the good documents are reported"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&batch("json", &[]).stdout).expect("JSON");
    let broken = &json["documents"][2];
    assert_eq!(broken["verdict"], "error");
    assert_eq!(broken["errors"][0]["location"]["line"], 6);
}

#[test]
fn corridor_figures_pool_every_worker_record() {
    // Two agencies of one corridor: recruitment cost over first-month earnings of 1, 2 and 3
    // in the first, 10 in the second. Pooled: n=4, mean 4, median 2.5; a mean of the two
    // documents' means would say 6.
    let agency = |name: &str, shares: &[u32]| {
        let records: String = shares
            .iter()
            .map(|s| format!("  - {{sex: female, recruitment_cost: {s}00 USD, first_month_earnings: 100 USD}}\n"))
            .collect();
        format!(
            "kind: agency\nschema_version: 2\nname: {name}\ncorridors:\n  - {{origin: NP, destination: QA}}\nworker_records:\n{records}"
        )
    };
    let first = temp_file("pool-a.yaml", agency("A", &[1, 2, 3]));
    let second = temp_file("pool-b.yaml", agency("B", &[10]));
    let run = fairrec(&[
        "check", &first, &second, "--as-of", AS_OF, "--format", "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let corridor = &json["summary"]["corridors"][0];
    assert_eq!(corridor["corridor"], "NP → QA");
    assert_eq!(corridor["documents"], 2);
    let overall = &corridor["figures"][0]["overall"];
    assert_eq!(overall["n"], 4);
    assert_eq!(overall["mean"], "4");
    assert_eq!(overall["median"], "2.5");
    assert_eq!(overall["p80"], "5.8");
}

#[test]
fn documents_are_ranked_by_violations_with_ties_in_input_order() {
    let run = fairrec(&[
        "check",
        "examples/agency-philippines-hongkong-compliant.yaml",
        AGENCY,
        "examples/employer-malaysia-gloves-wage-deductions.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let ranking: Vec<(u64, u64)> = json["summary"]["ranking"]
        .as_array()
        .expect("ranking")
        .iter()
        .map(|r| {
            (
                r["rank"].as_u64().unwrap_or(0),
                r["violations"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(ranking.len(), 3);
    assert!(ranking.windows(2).all(|w| w[0].1 >= w[1].1), "{ranking:?}");
    assert_eq!(
        json["summary"]["ranking"][2]["path"],
        "examples/agency-philippines-hongkong-compliant.yaml"
    );
}

#[test]
fn json_and_sarif_are_written_as_a_json_tree_of_them_would_be() {
    // Both formats are streamed from the report model; each object's keys must still come
    // out in byte order, as when they were built as `serde_json::Value` trees. Re-rendering
    // the parsed text (whose maps sort their keys) gives the same bytes only then. An audit
    // run, so waivers and the comparison with an earlier audit are written too.
    let earlier = fairrec(&["check", "examples", "--as-of", AS_OF, "--format", "json"]);
    let baseline = temp_file("earlier-audit.json", &earlier.stdout);
    let audit = [
        "--waivers",
        "tests/audit/waivers-2026.yaml",
        "--baseline",
        &baseline,
    ];
    for format in ["json", "sarif"] {
        let run = fairrec(
            &[
                &[
                    "check", "examples", BROKEN, "--as-of", AS_OF, "--format", format,
                ][..],
                &audit,
            ]
            .concat(),
        );
        let tree: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        if format == "sarif" {
            let again = serde_json::to_string_pretty(&tree).expect("SARIF again") + "\n";
            assert!(again == run.stdout, "SARIF keys out of order");
            continue;
        }
        // The top level keeps its own order (`fairrec` first); below it, everything sorts.
        for part in ["fairrec", "errors", "inputs", "summary"] {
            let again = serde_json::to_string(&tree[part]).expect("JSON again");
            assert!(run.stdout.contains(&again), "{part}: keys out of order");
        }
        let documents = tree["documents"].as_array().expect("documents");
        assert!(documents.len() > 10);
        for document in documents {
            let again = serde_json::to_string(document).expect("JSON again");
            assert!(
                run.stdout.contains(&again),
                "a document's keys out of order"
            );
        }
    }
}
