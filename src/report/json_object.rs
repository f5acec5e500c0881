//! JSON objects written straight to the output, for the JSON and SARIF formats. The
//! [`object!`] macro reads like `serde_json::json!`, but builds no tree: it borrows the
//! report model and serialises each field as it is reached. Keys must be listed in byte
//! order, which the macro checks when compiling: both formats have always written each
//! object's keys sorted (they were built as `serde_json::Value` maps), and their bytes must
//! not depend on how they are produced. Lists are written lazily by [`Seq`]; a field whose
//! value is [`Omit`] of `None` is left out (SARIF leaves out what it does not know).

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One JSON object: a tuple of [`Field`]s, built by [`object!`].
pub(super) struct Object<F>(pub F);

/// A key and its value.
pub(super) struct Field<V>(pub &'static str, pub V);

/// A value written only when it is `Some`: the field is left out, not written as `null`.
pub(super) struct Omit<T>(pub Option<T>);

/// A list written item by item from an iterator the closure makes (called once per write).
pub(super) struct Seq<F>(pub F);

/// An object with keys known only when writing, from `(key, value)` pairs; written sorted by
/// key, a repeated key keeping its last value, as a `serde_json::Value` map has it.
pub(super) struct SortedMap<F>(pub F);

/// How a field's value is written into its object.
pub(super) trait FieldValue {
    /// Writes `key` and the value into `map`, or nothing.
    fn write<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize + ?Sized> FieldValue for T {
    fn write<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(key, self)
    }
}

impl<T: Serialize> FieldValue for Omit<T> {
    fn write<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        match &self.0 {
            Some(value) => map.serialize_entry(key, value),
            None => Ok(()),
        }
    }
}

/// The fields of an object, in order.
pub(super) trait Fields {
    /// Writes every field into `map`.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// `Fields` for tuples of `Field`s, up to the longest object the formats write.
macro_rules! tuple_fields {
    ($($name:ident)+) => {
        impl<$($name: FieldValue),+> Fields for ($(Field<$name>,)+) {
            #[allow(non_snake_case)]
            fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                let ($($name,)+) = self;
                $($name.1.write($name.0, map)?;)+
                Ok(())
            }
        }
    };
}

tuple_fields!(A);
tuple_fields!(A B);
tuple_fields!(A B C);
tuple_fields!(A B C D);
tuple_fields!(A B C D E);
tuple_fields!(A B C D E F);
tuple_fields!(A B C D E F G);
tuple_fields!(A B C D E F G H);
tuple_fields!(A B C D E F G H I);
tuple_fields!(A B C D E F G H I J);
tuple_fields!(A B C D E F G H I J K);
tuple_fields!(A B C D E F G H I J K L);
tuple_fields!(A B C D E F G H I J K L N);
tuple_fields!(A B C D E F G H I J K L N O);
tuple_fields!(A B C D E F G H I J K L N O P);
tuple_fields!(A B C D E F G H I J K L N O P Q);
tuple_fields!(A B C D E F G H I J K L N O P Q R);
tuple_fields!(A B C D E F G H I J K L N O P Q R S);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T U);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T U V);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T U V W);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T U V W X);
tuple_fields!(A B C D E F G H I J K L N O P Q R S T U V W X Y);

impl<F: Fields> Serialize for Object<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.0.write(&mut map)?;
        map.end()
    }
}

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl<F, I, K, V> Serialize for SortedMap<F>
where
    F: Fn() -> I,
    I: IntoIterator<Item = (K, V)>,
    K: Ord + Serialize,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sorted: BTreeMap<K, V> = (self.0)().into_iter().collect();
        serializer.collect_map(sorted)
    }
}

/// Whether every key sorts (by bytes) strictly after the one before it.
pub(super) const fn keys_in_order(keys: &[&str]) -> bool {
    let mut i = 1;
    while i < keys.len() {
        if !bytes_before(keys[i - 1].as_bytes(), keys[i].as_bytes()) {
            return false;
        }
        i += 1;
    }
    true
}

const fn bytes_before(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// `object! { "a": x, "b": Omit(y) }`: a JSON object that borrows its values. Keys in byte
/// order (uppercase before lowercase), or the crate does not compile.
macro_rules! object {
    ($($key:literal : $value:expr),+ $(,)?) => {{
        const _: () = assert!(
            $crate::report::json_object::keys_in_order(&[$($key),+]),
            "the keys of a JSON object must be listed in byte order"
        );
        $crate::report::json_object::Object((
            $($crate::report::json_object::Field($key, $value),)+
        ))
    }};
}
pub(super) use object;

/// Writes `value` as compact JSON.
pub(super) fn write_compact<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    serde_json::to_writer(out, value).map_err(io::Error::from)
}

/// Writes `value` as JSON indented by two spaces (`serde_json::to_string_pretty`'s layout).
pub(super) fn write_pretty<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(out, value).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_must_come_in_byte_order() {
        assert!(keys_in_order(&["a", "ab", "b"]));
        assert!(keys_in_order(&["ruleId", "ruleIndex"]));
        assert!(keys_in_order(&["Z", "a"]));
        assert!(!keys_in_order(&["b", "a"]));
        assert!(!keys_in_order(&["a", "a"]));
    }

    #[test]
    fn objects_write_what_a_value_map_writes() {
        let items = [3, 1];
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let value = object! {
            "empty": Seq(|| items.iter().filter(|n| **n > 5)),
            "gone": Omit(None::<u8>),
            "items": Seq(|| items.iter()),
            "map": SortedMap(|| pairs.iter().copied()),
            "null": None::<u8>,
            "shown": Omit(Some("x")),
        };
        let direct = serde_json::to_string_pretty(&value).ok();
        let tree = serde_json::to_value(&value)
            .ok()
            .and_then(|tree| serde_json::to_string_pretty(&tree).ok());
        assert_eq!(direct, tree);
        assert_eq!(
            serde_json::to_string(&value).ok().as_deref(),
            Some(r#"{"empty":[],"items":[3,1],"map":{"a":2,"b":3},"null":null,"shown":"x"}"#)
        );
    }
}
