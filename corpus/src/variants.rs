//! Variants of the generated documents, for checking that speed and results hold when the
//! YAML is written differently: the same facts with comments and quoted scalars, and the same
//! facts with names in Devanagari, Arabic and accented Latin. [`document`] itself is unchanged.
//!
//! Both are text transforms of [`document`]'s output, whose shape is known: block mappings,
//! block sequences of mappings, one-line flow mappings (`{a: b, c: d}`) and flow sequences of
//! plain words (`[ne, ms]`); no plain scalar holds `#`, a quote, `, ` or `: `.

use crate::document;

/// How a generated document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// [`document`] as it is.
    Plain,
    /// [`commented`]: comments added, strings quoted; the same values.
    CommentedQuoted,
    /// [`non_ascii`]: names in other scripts; the same facts otherwise.
    NonAscii,
}

impl Variant {
    /// Every variant, plain first.
    pub const ALL: [Variant; 3] = [Variant::Plain, Variant::CommentedQuoted, Variant::NonAscii];

    /// Document number `seed`, written this way.
    pub fn document(self, seed: u64) -> String {
        match self {
            Variant::Plain => document(seed),
            Variant::CommentedQuoted => commented(seed),
            Variant::NonAscii => non_ascii(seed),
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::CommentedQuoted => "commented+quoted",
            Variant::NonAscii => "non-ASCII",
        }
    }
}

/// Document number `seed` with full-line comments (at the line's indentation and at column
/// 0), trailing comments, and every string scalar quoted, single and double quotes in turn.
/// Parsed, it gives exactly the values of [`document`]`(seed)`.
pub fn commented(seed: u64) -> String {
    let mut out = String::from("# generated document, commented and quoted variant\n");
    let mut quotes = Quotes::default();
    for (n, line) in document(seed).lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        match n % 7 {
            // A comment line that looks like content, at the line's indentation.
            2 => out.push_str(&format!(
                "{}# note {n}: \"not: a value\", [a, b], {{c: d}} # still a comment\n",
                &line[..indent]
            )),
            // A comment line at column 0, inside the nested block.
            5 => out.push_str("#- paid_by: worker   (commented out)\n"),
            _ => {}
        }
        out.push_str(&quote_line(line, &mut quotes));
        if n % 3 == 1 {
            out.push_str("   # trailing: 'quote\" and #hash");
        }
        out.push('\n');
    }
    out.push_str("# end of document\n");
    out
}

/// Alternates single and double quotes.
#[derive(Default)]
struct Quotes {
    single: bool,
}

impl Quotes {
    fn quote(&mut self, scalar: &str) -> String {
        self.single = !self.single;
        if !self.single {
            format!("'{}'", scalar.replace('\'', "''"))
        } else {
            format!("\"{}\"", scalar.replace('\\', "\\\\").replace('"', "\\\""))
        }
    }

    /// `scalar` quoted when it is a string; numbers, booleans and null stay plain, so they
    /// keep their type.
    fn string(&mut self, scalar: &str) -> String {
        if let Some(inner) = scalar.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            // Already quoted (and without escapes in this corpus): requote in turn.
            return self.quote(inner);
        }
        let typed =
            scalar.parse::<f64>().is_ok() || matches!(scalar, "true" | "false" | "null" | "~" | "");
        if typed {
            scalar.to_string()
        } else {
            self.quote(scalar)
        }
    }

    /// A flow collection or a scalar, its strings quoted.
    fn value(&mut self, value: &str) -> String {
        if let Some(inner) = value.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let pairs: Vec<String> = inner
                .split(", ")
                .map(|pair| match pair.split_once(": ") {
                    Some((key, v)) => format!("{key}: {}", self.string(v)),
                    None => pair.to_string(),
                })
                .collect();
            format!("{{{}}}", pairs.join(", "))
        } else if let Some(inner) = value.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let items: Vec<String> = inner.split(", ").map(|item| self.string(item)).collect();
            format!("[{}]", items.join(", "))
        } else {
            self.string(value)
        }
    }
}

/// One line of [`document`]'s output with its values quoted.
fn quote_line(line: &str, quotes: &mut Quotes) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let (dash, entry) = match body.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", body),
    };
    if entry.starts_with('{') {
        return format!("{indent}{dash}{}", quotes.value(entry));
    }
    match entry.split_once(": ") {
        Some((key, value)) => format!("{indent}{dash}{key}: {}", quotes.value(value)),
        // `key:` opening a block, or `---`.
        None => line.to_string(),
    }
}

/// The names of one script: agency, employer, issuer, cost label, sub-agent, recruiter.
struct Names {
    agency: &'static str,
    employer: &'static str,
    issuer: &'static str,
    label: &'static str,
    sub_agent: &'static str,
    recruiter: &'static str,
}

const SCRIPTS: [Names; 3] = [
    Names {
        agency: "काठमाडौं वैदेशिक रोजगार संस्था",
        employer: "पोखरा कपडा उद्योग",
        issuer: "वैदेशिक रोजगार विभाग, ताहाचल",
        label: "भर्ना प्रक्रियाको लागत",
        sub_agent: "जनकपुर जिल्ला दलाल",
        recruiter: "भर्ना एजेन्ट",
    },
    Names {
        agency: "وكالة الدوحة للتوظيف",
        employer: "مصنع المنسوجات في شاه علم",
        issuer: "إدارة التوظيف الخارجي، الرياض",
        label: "تكلفة عملية التوظيف",
        sub_agent: "وسيط منطقة البصرة",
        recruiter: "مكتب الاستقدام",
    },
    Names {
        agency: "Agência de Emprego São João d'Évora",
        employer: "Fábrica Têxtil Ñandú, Cancún",
        issuer: "Dirección General de Migración, Bogotá",
        label: "coût de la procédure de recrutement à Zürich",
        sub_agent: "Courtier régional de Mönchengladbach",
        recruiter: "Recrutement Hélène & Søren",
    },
];

/// Document number `seed` with its names, issuer, cost labels, sub-agent and recruiters in
/// Devanagari, Arabic or accented Latin (by seed); codes, enums, amounts and dates unchanged,
/// so every rule concludes as on [`document`]`(seed)`.
pub fn non_ascii(seed: u64) -> String {
    let names = &SCRIPTS[(seed % 3) as usize];
    document(seed)
        .replace("Generated Agency", names.agency)
        .replace("Generated Employer", names.employer)
        .replace("Department of Foreign Employment", names.issuer)
        .replace(" of the recruitment process", "")
        .replace("cost line", names.label)
        .replace("District Broker", names.sub_agent)
        .replace("name: Recruiter", &format!("name: {}", names.recruiter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commented_variant_comments_and_quotes_every_string() {
        let text = commented(2);
        assert!(text.contains("\n# note 2: \"not: a value\""));
        assert!(text.contains("\n    # note 9: "));
        assert!(
            text.contains("name: \"Generated Employer 2\"")
                || text.contains("name: 'Generated Employer 2'")
        );
        assert!(text.contains("schema_version: 2\n") || text.contains("schema_version: 2   #"));
        assert!(text.contains("rate: 28.4}"));
        assert!(
            text.contains("languages: [\"ne\", 'hi']")
                || text.contains("languages: ['ne', \"hi\"]")
        );
        // Every line of the plain document is still there, with its values quoted.
        let plain_lines = document(2).lines().count();
        let content_lines = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .count();
        assert_eq!(content_lines, plain_lines);
    }

    #[test]
    fn non_ascii_variant_keeps_the_facts() {
        for seed in 0..3 {
            let text = non_ascii(seed);
            assert!(!text.is_ascii(), "document {seed}");
            let keep = |t: &str| {
                t.lines()
                    .filter(|l| {
                        l.contains("paid_by")
                            || l.contains("valid_until")
                            || l.contains("languages")
                    })
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            assert_eq!(keep(&text), keep(&document(seed)));
        }
    }
}
