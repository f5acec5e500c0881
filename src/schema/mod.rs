//! The resolved schema: document kinds, records, enums and field types, declared in the
//! rule pack's `enum`, `record` and `kind` declarations, and the envelope every document
//! has whatever its kind. Neutral ground: the pack builds it, documents are validated
//! against it, and neither needs the other.

use indexmap::IndexMap;
use std::fmt;

/// The built-in value types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Primitive {
    /// Free text.
    Text,
    /// A whole number.
    Integer,
    /// An exact decimal number.
    Decimal,
    /// An exact amount with an ISO 4217 currency: `15000 NPR`.
    Money,
    /// A calendar date: `2026-03-01`.
    Date,
    /// `true` or `false`.
    Boolean,
    /// An ISO 639-3 language code (`nep`, `quc`); ISO 639-1 codes (`ne`) are read as theirs.
    Language,
    /// An ISO 3166-1 alpha-2 country code: `NP`.
    Country,
}

impl Primitive {
    /// Every primitive with the name it has in the rule language.
    pub const ALL: [(&'static str, Primitive); 8] = [
        ("text", Primitive::Text),
        ("integer", Primitive::Integer),
        ("decimal", Primitive::Decimal),
        ("money", Primitive::Money),
        ("date", Primitive::Date),
        ("boolean", Primitive::Boolean),
        ("language", Primitive::Language),
        ("country", Primitive::Country),
    ];

    /// The name used in the rule language.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("text", |(name, _)| name)
    }
}

/// Index of an enum in [`Schema::enums`].
pub type EnumId = usize;
/// Index of a record in [`Schema::records`].
pub type RecordId = usize;

/// A field's declared type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FieldType {
    /// A built-in scalar.
    Primitive(Primitive),
    /// One of an enum's values.
    Enum(EnumId),
    /// A nested mapping.
    Record(RecordId),
    /// A sequence.
    List(Box<FieldType>),
}

/// Names to what they name, in declaration order. Every field of every document is looked
/// up here, so it hashes with foldhash (fast, seeded per process) rather than SipHash.
pub type NameMap<V> = IndexMap<String, V, foldhash::fast::RandomState>;

/// `enum Payer { worker, employer }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumDef {
    /// `Payer`
    pub name: String,
    /// Its documentation.
    pub docs: String,
    /// The values with their documentation, in declaration order.
    pub values: NameMap<String>,
}

/// One field of a record or kind.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FieldDef {
    /// Its documentation.
    pub docs: String,
    /// Its type.
    pub ty: FieldType,
    /// May be left out of a document.
    pub optional: bool,
    /// Personal data (`personal` in the schema): traces hide its values unless asked.
    #[serde(default)]
    pub personal: bool,
}

/// `record Cost { ... }`, and the top level of each kind.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecordDef {
    /// `Cost`, or the kind's name for a kind's top level.
    pub name: String,
    /// Its documentation.
    pub docs: String,
    /// Fields in declaration order.
    pub fields: NameMap<FieldDef>,
}

/// `kind agency version 1 { ... }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KindDef {
    /// `agency`
    pub name: String,
    /// The `schema_version` documents must declare.
    pub version: u32,
    /// The record describing the document's top level.
    pub root: RecordId,
    /// `key (origin, destination)`: the top-level fields other documents find it by.
    pub key: Vec<String>,
    /// `id (licence.number)`: the paths of single values that, with the kind and name,
    /// make a document's stable id when it gives no `id` of its own.
    pub id: Vec<Vec<String>>,
}

/// All the types a rule pack declares.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Schema {
    /// Enums by id.
    pub enums: Vec<EnumDef>,
    /// Records by id (kinds' top levels included).
    pub records: Vec<RecordDef>,
    /// Document kinds by name.
    pub kinds: NameMap<KindDef>,
}

impl Schema {
    /// Whether `record` is the top level of a document kind.
    pub fn is_kind_root(&self, record: RecordId) -> bool {
        self.kinds.values().any(|kind| kind.root == record)
    }

    /// How a type is written in the rule language.
    pub fn type_name(&self, ty: &FieldType) -> String {
        match ty {
            FieldType::Primitive(p) => p.name().to_string(),
            FieldType::Enum(id) => self.enums[*id].name.clone(),
            FieldType::Record(id) => self.records[*id].name.clone(),
            FieldType::List(element) => format!("list<{}>", self.type_name(element)),
        }
    }
}

/// The fields every document has, whatever its kind; kinds may not redeclare them.
pub const ENVELOPE_FIELDS: [&str; 5] = ["kind", "schema_version", "name", "id", "exchange_rates"];

impl fmt::Display for Primitive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
