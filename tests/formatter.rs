//! `fairrec fmt`: the built-in pack is in canonical form (so formatting it changes no byte
//! and its pack hash stays the same); formatting is idempotent; and whitespace scrambled
//! anywhere it is allowed (indentation, runs of spaces, spaces inside brackets and before
//! commas, trailing spaces, extra blank lines, `\r\n`, `///text`) is put back exactly.

use fairrec::diagnostic::SourceFile;
use fairrec::formatter::format_rule_file;
use fairrec::pack::RulePack;
use proptest::prelude::*;

fn format(name: &str, text: &str) -> String {
    format_rule_file(&SourceFile::new(name, text)).unwrap_or_else(|errors| {
        panic!(
            "{name} was refused: {:?}",
            errors.iter().map(|e| e.message()).collect::<Vec<_>>()
        )
    })
}

#[test]
fn the_built_in_pack_is_formatted_and_keeps_its_hash() {
    let files = RulePack::builtin_files();
    let formatted: Vec<SourceFile> = files
        .iter()
        .map(|f| SourceFile::new(f.name.clone(), format(&f.name, &f.text)))
        .collect();
    for (before, after) in files.iter().zip(&formatted) {
        assert!(
            before.text == after.text,
            "{} is not formatted: run `fairrec fmt rules/`",
            before.name
        );
    }
    let pack = RulePack::load(formatted).expect("the formatted pack loads");
    assert_eq!(pack.hash, RulePack::builtin().expect("built-in").hash);
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_error() {
    let errors = format_rule_file(&SourceFile::new(
        "broken.fr",
        "rule X-1 a {\n    title \"t\n}\n",
    ))
    .expect_err("a string left open");
    assert_eq!(errors[0].code().as_str(), "fairrec::rules::syntax");
}

#[test]
fn a_byte_order_mark_and_crlf_line_breaks_are_dropped() {
    let text = "\u{feff}param p: integer = 7\r\n";
    assert_eq!(format("p.fr", text), "param p: integer = 7\n");
}

/// A small deterministic generator, so a failing case is reproduced from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The same rule file with its whitespace scrambled where the language allows any.
fn scramble(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.below(4) == 0 {
        out.push_str("\n\n");
    }
    for line in text.lines() {
        let body = line.trim_start();
        let indent = match rng.below(4) {
            0 => String::new(),
            1 => "\t".to_string(),
            _ => " ".repeat(rng.below(12) as usize),
        };
        out.push_str(&indent);
        out.push_str(&scramble_line(body, rng));
        if rng.below(5) == 0 {
            out.push_str("  ");
        }
        out.push_str(if rng.below(6) == 0 { "\r\n" } else { "\n" });
        if body.is_empty() || body.ends_with('{') || rng.below(30) == 0 && body == "}" {
            for _ in 0..rng.below(3) {
                out.push('\n');
            }
        }
    }
    out
}

/// One line's code with extra spaces, outside strings and comments.
fn scramble_line(line: &str, rng: &mut Rng) -> String {
    if let Some(doc) = line.strip_prefix("/// ") {
        if !doc.starts_with([' ', '/']) && !doc.is_empty() && rng.below(2) == 0 {
            return format!("///{doc}");
        }
    }
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            if !out.is_empty() {
                out.push_str(&" ".repeat(rng.below(3) as usize));
            }
            out.push(c);
            out.extend(chars.by_ref());
            break;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ' ' => out.push_str(&" ".repeat(1 + rng.below(3) as usize)),
            ',' | ')' | ':' | '?' => {
                out.push_str(&" ".repeat(rng.below(2) as usize));
                out.push(c);
            }
            '(' => {
                out.push(c);
                out.push_str(&" ".repeat(rng.below(2) as usize));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Breaks code lines at some of their spaces (never in strings or comments, nor inside an
/// amount such as `1 USD`, where the language wants a space).
fn break_lines(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let code_end = code_end(line);
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            let breakable = !in_string
                && i < code_end
                && c == ' '
                && !line[..i].trim().is_empty()
                && !line[..i].ends_with(|d: char| d.is_ascii_digit())
                && rng.below(8) == 0;
            if breakable {
                out.push('\n');
                continue;
            }
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

/// Where a line's comment starts (or its end).
fn code_end(line: &str) -> usize {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '/' if !in_string && line[i..].starts_with("//") => return i,
            _ => {}
        }
    }
    line.len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn scrambled_whitespace_is_put_back_exactly(seed in 1u64.., which in 0usize..64) {
        let files = RulePack::builtin_files();
        let file = &files[which % files.len()];
        let mut rng = Rng(seed);
        let scrambled = scramble(&file.text, &mut rng);
        let formatted = format(&file.name, &scrambled);
        prop_assert!(formatted == *file.text, "{} scrambled with seed {seed} formats differently", file.name);
    }

    #[test]
    fn formatting_is_idempotent(seed in 1u64.., which in 0usize..64) {
        let files = RulePack::builtin_files();
        let file = &files[which % files.len()];
        let mut rng = Rng(seed);
        // Lines broken at random spaces of the code, then scrambled: a layout the canonical
        // form never has (continuation lines, a set literal over several lines).
        let scrambled = scramble(&break_lines(&file.text, &mut rng), &mut rng);
        let once = format(&file.name, &scrambled);
        prop_assert_eq!(format(&file.name, &once), once);
    }
}
