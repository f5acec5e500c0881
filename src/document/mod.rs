//! Documents: YAML text → span-keeping nodes → values validated against a kind's schema.

pub mod fast;
pub mod identity;
pub mod stream;
pub mod tags;
pub mod validate;
pub mod yaml;
