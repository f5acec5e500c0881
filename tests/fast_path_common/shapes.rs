//! Random documents made of every shape the fast path reads, nested in every way it
//! allows: block mappings and lists at varying indents, lists level with their key,
//! `- key: value` mappings, empty values and entries (with the block below or without),
//! flow collections, quoted and plain scalars of every resolution, comments and blank
//! lines anywhere, several documents. The corpus documents are all alike in shape; these
//! are not.

use fairrec_corpus::Seeded;

const KEYS: &[&str] = &[
    "a",
    "kind",
    "name",
    "days",
    "key with spaces",
    "clé",
    "名前",
    "d-e",
    "x.y",
    "k/v",
    "yes",
    "NO",
    "007",
    "2023-07-17",
    "n_1",
];

const SCALARS: &[&str] = &[
    "x",
    "text with spaces",
    "0",
    "-3",
    "12",
    "28.4",
    "0.5",
    "007",
    "1_000",
    "2023-07-17",
    "true",
    "False",
    "NO",
    "yes",
    "~",
    "null",
    "Null",
    "e#f",
    "a:b",
    "a - b",
    "x, y",
    "é ü 日本",
    "Société\u{a0}Générale",
    "'q'",
    "'it''s'",
    "\"d\"",
    "\"a\\\"b\\n\\t\\\\\"",
    "''",
    "\"\"",
    "0 NPR",
    "1234.56 MYR",
    "5th",
];

const FLOWS: &[&str] = &[
    "[]",
    "{}",
    "[ ]",
    "{ }",
    "[a]",
    "[ne, en]",
    "[ a , \"b\" ,c ]",
    "[1, -2, 0.5, true, ~]",
    "{type: passport, held_by: worker}",
    "{a: [b, c], d: {}}",
    "[[a], {b: [c]}]",
    "{x: 'y', z: \"w\"}",
    "[é, 日本]",
];

struct Shapes {
    rng: Seeded,
    out: String,
    budget: u32,
}

/// A random document (sometimes several, joined by `---`) numbered `seed`.
pub fn document(seed: u64) -> String {
    let mut shapes = Shapes {
        rng: Seeded::new(seed),
        out: String::new(),
        budget: 60,
    };
    let documents = 1 + u64::from(shapes.rng.chance(15)) * shapes.rng.below(3);
    for i in 0..documents {
        if i > 0 || shapes.rng.chance(10) {
            shapes.out.push_str("---\n");
        }
        shapes.comments(0);
        if shapes.rng.chance(25) {
            shapes.list(0, 0);
        } else {
            shapes.mapping(0, 0, false);
        }
    }
    shapes.out
}

impl Shapes {
    fn chance(&mut self, percent: u64) -> bool {
        self.rng.chance(percent)
    }

    /// Blank lines and comment lines at random columns, sometimes.
    fn comments(&mut self, indent: usize) {
        while self.chance(12) {
            if self.chance(40) {
                self.out.push('\n');
            } else {
                let at = " ".repeat(self.rng.below(indent as u64 + 4) as usize);
                self.out
                    .push_str(&format!("{at}# comment {}\n", self.rng.below(100)));
            }
        }
    }

    /// The end of a content line: a trailing comment sometimes.
    fn end_line(&mut self) {
        if self.chance(10) {
            let gap = " ".repeat(1 + self.rng.below(3) as usize);
            self.out.push_str(&format!("{gap}# trailing"));
        } else if self.chance(5) {
            self.out.push_str("  ");
        }
        self.out.push('\n');
    }

    /// A value after `key:` or `- ` on the current line, or below it.
    fn value(&mut self, indent: usize, depth: u32, in_mapping: bool) {
        self.budget = self.budget.saturating_sub(1);
        let nest = depth < 5 && self.budget > 0;
        match self.rng.below(10) {
            0..=3 => {
                let gap = " ".repeat(1 + usize::from(self.chance(10)) * 2);
                let scalar = self.rng.pick(SCALARS);
                self.out.push_str(&format!("{gap}{scalar}"));
                self.end_line();
            }
            4 => {
                let flow = self.rng.pick(FLOWS);
                self.out.push_str(&format!(" {flow}"));
                self.end_line();
            }
            5 => self.end_line(),
            6 | 7 if nest => {
                self.end_line();
                let deeper = indent + 1 + self.rng.below(3) as usize;
                self.mapping(deeper, depth + 1, false);
            }
            _ if nest => {
                self.end_line();
                // In a mapping, a list may be written level with its key.
                let level = in_mapping && self.chance(50);
                let at = if level {
                    indent
                } else {
                    indent + 1 + self.rng.below(3) as usize
                };
                self.list(at, depth + 1);
            }
            _ => self.end_line(),
        }
    }

    /// A block mapping with keys at column `indent`; `inline` if its first key goes on the
    /// current line (after `- `).
    fn mapping(&mut self, indent: usize, depth: u32, inline: bool) {
        let entries = 1 + self.rng.below(4);
        for i in 0..entries {
            if i > 0 || !inline {
                self.comments(indent);
                self.out.push_str(&" ".repeat(indent));
            }
            let key = self.rng.pick(KEYS);
            self.out.push_str(&format!("{key}{i}:"));
            self.value(indent, depth, true);
        }
    }

    /// A block list with its `-` at column `indent`.
    fn list(&mut self, indent: usize, depth: u32) {
        let items = 1 + self.rng.below(4);
        for _ in 0..items {
            self.comments(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            if depth < 5 && self.chance(30) {
                // `- key: value`, its other keys in the column of the first.
                let gap = 1 + usize::from(self.chance(20)) * 2;
                self.out.push_str(&" ".repeat(gap));
                self.mapping(indent + 1 + gap, depth + 1, true);
            } else {
                self.value(indent, depth, false);
            }
        }
    }
}
