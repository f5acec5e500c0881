//! Shared by the fast-path tests: the differential check (the fast path declines, or gives
//! exactly the full parser's trees) and the generated variants of corpus documents.
#![allow(dead_code)]

pub mod shapes;

use fairrec::diagnostic::SourceFile;
use fairrec::document::fast;
use fairrec::document::yaml::{parse_documents_full, YamlNode, YamlValue};
use fairrec::limits::Limits;
use fairrec_corpus::Seeded;

/// Checks `text` both ways; true if the fast path answered. Panics, showing the first
/// difference, if it answered something other than the full parser's trees.
pub fn agrees(name: &str, text: &str, limits: &Limits) -> bool {
    let file = SourceFile::new(name, text);
    let Some(fast) = fast::parse(&file, limits) else {
        return false;
    };
    let full = match parse_documents_full(&file, limits) {
        Ok(full) => full,
        Err(error) => panic!(
            "{name}: the fast path accepted a text the full parser refuses ({})\n{text}",
            error.message()
        ),
    };
    if let Some(difference) = first_difference(&fast, &full) {
        panic!("{name}: the trees differ: {difference}\n--- text\n{text}");
    }
    true
}

/// Where two lists of trees first differ (value, span, source, key text or key span),
/// walked without recursion; `None` if they are equal.
pub fn first_difference(fast: &[YamlNode], full: &[YamlNode]) -> Option<String> {
    if fast.len() != full.len() {
        return Some(format!("{} documents against {}", fast.len(), full.len()));
    }
    let mut pending: Vec<(&YamlNode, &YamlNode)> = fast.iter().zip(full).collect();
    while let Some((a, b)) = pending.pop() {
        let shallow = |node: &YamlNode| match &node.value {
            YamlValue::Seq(items) => format!("list of {} at {:?}", items.len(), node.span),
            YamlValue::Map(entries) => format!("mapping of {} at {:?}", entries.len(), node.span),
            value => format!("{value:?} at {:?}", node.span),
        };
        let differ = || Some(format!("fast {} / full {}", shallow(a), shallow(b)));
        if a.span != b.span || a.source != b.source {
            return differ();
        }
        match (&a.value, &b.value) {
            (YamlValue::Seq(x), YamlValue::Seq(y)) if x.len() == y.len() => {
                pending.extend(x.iter().zip(y));
            }
            (YamlValue::Map(x), YamlValue::Map(y)) if x.len() == y.len() => {
                for ((key_a, a), (key_b, b)) in x.iter().zip(y) {
                    if key_a.text != key_b.text || key_a.span != key_b.span {
                        return Some(format!("key {key_a:?} / {key_b:?}"));
                    }
                    pending.push((a, b));
                }
            }
            (YamlValue::Null, YamlValue::Null) | (YamlValue::Number, YamlValue::Number) => {}
            (YamlValue::Bool(x), YamlValue::Bool(y)) if x == y => {}
            (YamlValue::Str(x), YamlValue::Str(y)) if x == y => {}
            _ => return differ(),
        }
    }
    None
}

/// Non-ASCII names: accents, other scripts, right-to-left, combining marks, an emoji, a
/// no-break space.
pub const NAMES: [&str; 10] = [
    "Agência de Emprego Nação",
    "Müller & Söhne GmbH",
    "नेपाल रोजगार सेवा",
    "شركة التوظيف",
    "日本語の名前",
    "Ελληνική Εταιρεία",
    "Trabajo Digno 🙂",
    "Cafe\u{301} Crème",
    "Société\u{a0}Générale",
    "Đông Á – Việt Nam",
];

/// A variant of `text`, a generated document, that stays in the fast path's subset:
/// comments on and between lines, quoted values (single and double, with escapes), names
/// in other scripts, extra spaces after `:`, and emptied values.
pub fn variant(text: &str, seed: u64) -> String {
    let mut rng = Seeded::new(seed);
    let mut out = String::with_capacity(text.len() * 2);
    if rng.chance(20) {
        out.push_str("# a generated variant\n---\n");
    }
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if rng.chance(8) {
            let at = " ".repeat(rng.below(indent as u64 + 3) as usize);
            out.push_str(&format!("{at}# note: {}\n", rng.pick(&NAMES)));
        }
        if rng.chance(4) {
            out.push('\n');
        }
        let mut line = line.to_string();
        if let Some((key, value)) = line.split_once(": ").filter(|(key, _)| !key.contains('{')) {
            let simple = !value.starts_with(['[', '{', '"', '\'']);
            let field = key.trim_start().trim_start_matches("- ");
            let value = if simple && matches!(field, "name" | "label" | "issuer") && rng.chance(50)
            {
                quote(rng.pick(&NAMES), &mut rng)
            } else if simple && rng.chance(15) {
                quote(value, &mut rng)
            } else {
                value.to_string()
            };
            // Keys in other scripts too (a suffix keeps them unique in their mapping).
            let key = if rng.chance(3) && !key.ends_with('-') {
                format!("{key}_{}", rng.pick(&["é", "ñ", "名前", "ключ"]))
            } else {
                key.to_string()
            };
            let gap = " ".repeat(1 + rng.below(3) as usize * usize::from(rng.chance(10)));
            line = if rng.chance(3) && !field.is_empty() && value != "{}" {
                format!("{key}:")
            } else {
                format!("{key}:{gap}{value}")
            };
        }
        if rng.chance(10) {
            line.push_str(&format!("  # {}", rng.pick(&NAMES)));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `value` as a single- or double-quoted scalar, or left plain.
fn quote(value: &str, rng: &mut Seeded) -> String {
    match rng.below(4) {
        0 => format!("'{}'", value.replace('\'', "''")),
        1 => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        2 => format!("\"{}\\t\\\"x\\\"\\n\"", value.replace('"', "")),
        _ => value.to_string(),
    }
}

/// Runs `work` on a thread with fairrec's 64 MiB stack: the full parser recurses once per
/// level of nesting, and the hostile corpus nests deeply.
pub fn on_big_stack(work: impl FnOnce() + Send + 'static) {
    let thread = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(work)
        .expect("a thread starts");
    if let Err(panic) = thread.join() {
        std::panic::resume_unwind(panic);
    }
}
