//! regorus's side of the comparison: the five rules in Rego (`peer/policy.rego`), YAML text
//! → `regorus::Value` (`Value::from_yaml_str`, a libyaml port under serde) → the set of
//! violations, end to end and stage by stage.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use regorus::{Engine, Value};

/// The rule whose value is the set of violations, each `{"rule": id, "path": ...}`.
const VIOLATIONS: &str = "data.fairrec.violations";

/// An engine with the policy and `data.as_of` loaded.
pub fn engine(peer_dir: &Path, as_of: &str) -> Engine {
    let policy = std::fs::read_to_string(peer_dir.join("policy.rego"))
        .expect("peer/policy.rego is readable");
    let mut engine = Engine::new();
    engine
        .add_policy("policy.rego".into(), policy)
        .expect("the policy loads");
    let data = Value::from_json_str(&format!("{{\"as_of\": \"{as_of}\"}}"))
        .expect("the data document is JSON");
    engine.add_data(data).expect("the data loads");
    engine
}

/// YAML text → the value regorus evaluates.
pub fn parse(text: &str) -> Value {
    Value::from_yaml_str(text).expect("a generated document is YAML for regorus")
}

/// Evaluates the policy on one input.
pub fn evaluate(engine: &mut Engine, input: Value) -> Value {
    engine.set_input(input);
    engine
        .eval_rule(VIOLATIONS.into())
        .expect("the policy evaluates")
}

/// Checks every text (YAML text → violations, one thread) and returns the time taken.
pub fn check_all(engine: &mut Engine, texts: &[Arc<str>]) -> Duration {
    let start = Instant::now();
    for text in texts {
        black_box(evaluate(engine, parse(text)));
    }
    start.elapsed()
}

/// One pass stage by stage: (YAML → value, evaluation).
pub fn stages(engine: &mut Engine, texts: &[Arc<str>]) -> (Duration, Duration) {
    let (mut parsing, mut evaluating) = (Duration::ZERO, Duration::ZERO);
    for text in texts {
        let start = Instant::now();
        let input = parse(text);
        let parsed = Instant::now();
        black_box(evaluate(engine, input));
        parsing += parsed - start;
        evaluating += parsed.elapsed();
    }
    (parsing, evaluating)
}

/// For each text: the rule ids it violates, and one rule id per violation.
pub fn violations(engine: &mut Engine, texts: &[Arc<str>]) -> Vec<(BTreeSet<String>, Vec<String>)> {
    texts
        .iter()
        .map(|text| {
            let result = evaluate(engine, parse(text));
            let mut violated = BTreeSet::new();
            let mut each = Vec::new();
            // An undefined set (no violation at all) reads as empty.
            for violation in result.as_set().into_iter().flatten() {
                let rule = violation["rule"]
                    .as_string()
                    .map_or_else(|_| format!("{violation:?}"), |s| s.to_string());
                violated.insert(rule.clone());
                each.push(rule);
            }
            (violated, each)
        })
        .collect()
}
