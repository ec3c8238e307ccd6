//! SPEC 1, 1.1, 8: the request — reading JSON into the checked model.

mod categories;
pub mod model;
mod reader;
mod validate;

pub mod wire;

pub use validate::{validate, SelectionPolicy};
