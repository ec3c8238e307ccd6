//! SPEC 1, 1.1, 8: the request — reading JSON into the checked model.

mod categories;
pub mod model;
mod reader;
mod validate;
mod warnings;

pub mod wire;

pub use validate::{validate, SelectionPolicy};
pub use warnings::strict_error;
