//! Every example document, checked as a user would: the human report, the JSON report and
//! the exit status (1 for the examples with violations, 0 for the compliant ones).

mod common;
use common::{fairrec, relative, AS_OF};

#[test]
fn examples_match_snapshots() {
    insta::glob!("../examples", "*.yaml", |path| {
        let file = relative(path);
        let human = fairrec(&["check", &file, "--as-of", AS_OF]);
        let expected = if file.contains("compliant") { 0 } else { 1 };
        assert_eq!(human.code, expected, "{file}: {}", human.stderr);
        insta::assert_snapshot!("human", human.stdout);

        let json = fairrec(&["check", &file, "--as-of", AS_OF, "--format", "json"]);
        assert_eq!(json.code, expected);
        let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
        insta::assert_json_snapshot!("json", value);
    });
}
