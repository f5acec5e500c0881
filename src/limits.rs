//! Input limits: how large, deep or repetitive a document or rule pack may be before it is
//! refused with a clear error. Documents come from the agencies being audited, so every
//! limit is enforced before the input can exhaust memory, stack or time.

/// The deepest nesting `--max-depth` may allow. The YAML parser recurses once per level; on
/// the 64 MiB stack of fairrec's threads (`parallel::STACK_BYTES`) a debug build overflows
/// between 1,600 and 1,800 levels (about 37 KiB a level), so 512 leaves a margin of three.
/// A genuine document nests fewer than ten levels.
pub const MAX_DEPTH: usize = 512;

/// The limits in force for one run; `fairrec check --max-…` overrides each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document file read, in bytes.
    pub max_file_bytes: u64,
    /// Deepest nesting of YAML mappings and lists (never more than [`MAX_DEPTH`]).
    pub max_depth: usize,
    /// Most YAML nodes in one file (also capped at 4 times the file size).
    pub max_nodes: usize,
    /// Most alias uses (`*name`) in one file.
    pub max_aliases: usize,
    /// Longest single text value, in bytes.
    pub max_string_bytes: usize,
    /// Largest rule pack (all `.fr` files together), in bytes.
    pub max_rule_pack_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 16 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 2_000_000,
            max_aliases: 1_000,
            max_string_bytes: 64 * 1024,
            max_rule_pack_bytes: 4 * 1024 * 1024,
        }
    }
}

/// The option that raises each limit, for error messages.
pub fn flag(limit: &str) -> &'static str {
    match limit {
        "depth" => "--max-depth",
        "nodes" => "--max-nodes",
        "aliases" => "--max-aliases",
        "string" => "--max-string-bytes",
        "file" => "--max-file-bytes",
        _ => "--max-rule-pack-bytes",
    }
}
