//! Stable document ids: what waivers and a later audit's `--baseline` name a document by.
//! A document's own top-level `id` wins; without one, the id is derived from its kind, its
//! name and the values of the fields its kind's `id (...)` clause names (an agency's licence
//! number in the ILO pack): `agency:himalaya-manpower-services-pvt-ltd:dofe-0457-076`.
//!
//! Each part is slugged: ASCII letters and digits in lower case, every run of anything else
//! one `-`. Text that holds other letters (Devanagari, Amharic, `é`) would lose them, so
//! eight hex digits of its SHA-256 are added to keep different names apart. The same text
//! always gives the same id; file names, positions and dates never enter it, so the id
//! survives moving, reordering and editing a file.

use sha2::{Digest as _, Sha256};

/// The id derived from a document's kind, name and the values of its kind's id fields (in
/// the clause's order; fields the document leaves out are skipped).
pub fn derive(kind: &str, name: &str, values: &[String]) -> String {
    let mut parts = vec![slug(kind), slug(name)];
    parts.extend(values.iter().map(|value| slug(value)));
    parts.retain(|part| !part.is_empty());
    parts.join(":")
}

/// `Himalaya Manpower Services Pvt. Ltd.` → `himalaya-manpower-services-pvt-ltd`; text with
/// letters or digits outside ASCII gets eight hex digits of its SHA-256 after its slug.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        let digest = Sha256::digest(text.as_bytes());
        let short: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&short);
    }
    out
}

/// Why an explicit `id` is refused, if it is: ids are one line of text with something in it.
pub fn refuse(id: &str) -> Option<&'static str> {
    if id.trim().is_empty() {
        Some("`id` is empty")
    } else if id.chars().any(char::is_control) {
        Some("`id` holds a line break or another control character")
    } else if id.trim() != id {
        Some("`id` starts or ends with spaces")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{derive, refuse, slug};

    #[test]
    fn ids_are_slugged_from_kind_name_and_licence_number() {
        assert_eq!(
            derive(
                "agency",
                "Himalaya Manpower Services Pvt. Ltd.",
                &["DoFE-0457/076".to_string()]
            ),
            "agency:himalaya-manpower-services-pvt-ltd:dofe-0457-076"
        );
        assert_eq!(derive("employer", "  A & B  ", &[]), "employer:a-b");
    }

    #[test]
    fn names_outside_ascii_keep_apart_by_a_short_hash() {
        let first = slug("हिमालय म्यानपावर");
        let second = slug("हिमालय म्यानपावर सर्भिसेज");
        assert_eq!(first.len(), 8);
        assert_ne!(first, second);
        assert!(slug("Agência Sul").starts_with("ag-ncia-sul-"));
        assert_eq!(slug("Agência Sul"), slug("Agência Sul"));
    }

    #[test]
    fn explicit_ids_are_one_line_of_text() {
        assert_eq!(refuse("DoFE-0457"), None);
        assert!(refuse("").is_some());
        assert!(refuse("a\nb").is_some());
        assert!(refuse(" a").is_some());
    }
}
