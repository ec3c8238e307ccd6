//! Typed, path-aware reads from a JSON object. Each read maps a wrong JSON
//! type or a bad value to the field's own error code (SPEC 8), so the
//! validation code reads like the field list of SPEC 1.

use crate::error::{Error, ErrorCode};
use crate::json::{self, Value};
use crate::money::{self, Money, NumberFault, Ratio};
use std::borrow::Cow;

/// The largest time: 2^53 − 1 ms (SPEC 1).
pub const MAX_TIME: u64 = (1 << 53) - 1;
const MAX_ID_CHARS: usize = 64;

/// Where a value sits in the request, kept as a chain of steps on the
/// stack: a valid request (the usual one) never needs the text, so it is
/// written out only when an error is made.
#[derive(Clone, Copy)]
pub struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    step: Step<'p>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Path<'p> {
    pub const ROOT: Path<'static> = Path {
        parent: None,
        step: Step::Root,
    };

    pub fn key(&'p self, key: &'p str) -> Path<'p> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    pub fn index(&'p self, i: usize) -> Path<'p> {
        Path {
            parent: Some(self),
            step: Step::Index(i),
        }
    }

    /// The path as error reports write it: `lines[3].listPrice`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Appends the path; for validation's own field names `push_key`'s
    /// bracketed form never applies, for the warnings' unknown keys it does.
    pub fn write(&self, out: &mut String) {
        // The chain is as deep as the request's nesting of arrays and
        // objects that validation reads (a handful), so recursion is
        // bounded by the code, not by the input.
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.step {
            Step::Root => {}
            Step::Key(key) => push_key(out, key),
            Step::Index(i) => {
                out.push('[');
                json::write_unsigned(u64::try_from(i).unwrap_or(u64::MAX), false, out);
                out.push(']');
            }
        }
    }
}

/// Appends `.key`, or `["key"]` for a key that is empty or holds a
/// character other than an ASCII letter, digit or `_` (SPEC 1.2).
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        json::write_string(key, path);
        path.push(']');
    }
}

/// An object being read, with its path for error reports.
pub struct Object<'a, 'p> {
    members: &'a [(Cow<'a, str>, Value<'a>)],
    pub path: Path<'p>,
}

impl<'a, 'p> Object<'a, 'p> {
    pub fn new(value: &'a Value<'a>, path: Path<'p>) -> Result<Object<'a, 'p>, Error> {
        match value {
            Value::Object(members) => Ok(Object { members, path }),
            other => Err(Error::new(
                ErrorCode::InvalidType,
                path.render(),
                format!("expected an object, found {}", other.type_name()),
            )),
        }
    }

    /// The member, `null` read as absent (SPEC 0).
    pub fn get(&self, key: &str) -> Option<&'a Value<'a>> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Value::Null))
    }

    pub fn raw(&self, key: &str) -> Option<&'a Value<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The path of member `key`, written out (for an error).
    pub fn at(&self, key: &str) -> String {
        self.path.key(key).render()
    }

    /// The path of member `key`, for reading inside it.
    pub fn child<'s>(&'s self, key: &'s str) -> Path<'s> {
        self.path.key(key)
    }

    fn missing(&self, key: &str) -> Error {
        Error::new(
            ErrorCode::MissingField,
            self.at(key),
            format!("{key} is required"),
        )
    }

    pub fn required<T>(&self, key: &str, value: Option<T>) -> Result<T, Error> {
        value.ok_or_else(|| self.missing(key))
    }

    pub fn object<'s>(&'s self, key: &'s str) -> Result<Option<Object<'a, 's>>, Error> {
        self.get(key)
            .map(|v| Object::new(v, self.child(key)))
            .transpose()
    }

    /// An array, refused above `limit` entries with `limitExceeded`.
    pub fn array(&self, key: &str, limit: Option<usize>) -> Result<Option<&'a [Value<'a>]>, Error> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let Value::Array(items) = value else {
            return Err(Error::new(
                ErrorCode::InvalidType,
                self.at(key),
                format!("expected an array, found {}", value.type_name()),
            ));
        };
        if let Some(limit) = limit {
            if items.len() > limit {
                return Err(Error::new(
                    ErrorCode::LimitExceeded,
                    self.at(key),
                    format!("at most {limit} entries are allowed, found {}", items.len()),
                ));
            }
        }
        Ok(Some(items))
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(Error::new(
                ErrorCode::InvalidType,
                self.at(key),
                format!("expected a boolean, found {}", other.type_name()),
            )),
        }
    }

    pub fn string(&self, key: &str) -> Result<Option<&'a str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(&**s)),
            Some(other) => Err(Error::new(
                ErrorCode::InvalidType,
                self.at(key),
                format!("expected a string, found {}", other.type_name()),
            )),
        }
    }

    pub fn id(&self, key: &str) -> Result<Option<&'a str>, Error> {
        self.get(key)
            .map(|v| read_id(v, || self.at(key)))
            .transpose()
    }

    pub fn amount(&self, key: &str) -> Result<Option<Money>, Error> {
        self.get(key)
            .map(|v| read_amount(v, || self.at(key)))
            .transpose()
    }

    pub fn ratio(&self, key: &str) -> Result<Option<Ratio>, Error> {
        self.get(key)
            .map(|v| read_ratio(v, || self.at(key)))
            .transpose()
    }

    pub fn count(&self, key: &str, min: u32, max: u32) -> Result<Option<u32>, Error> {
        self.get(key)
            .map(|v| read_count(v, || self.at(key), min, max))
            .transpose()
    }

    pub fn time(&self, key: &str) -> Result<Option<u64>, Error> {
        self.get(key)
            .map(|v| read_time(v, || self.at(key)))
            .transpose()
    }

    /// An enum's name as written; a non-string is `invalidEnum`.
    pub fn enum_name(&self, key: &str) -> Result<Option<&'a str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(&**s)),
            Some(_) => Err(Error::new(
                ErrorCode::InvalidEnum,
                self.at(key),
                format!("{key} must be a string naming a known value"),
            )),
        }
    }

    /// An enum written as a string; `parse` maps a name to its value.
    pub fn enumeration<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, Error> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let parsed = match value {
            Value::String(s) => parse(s),
            _ => None,
        };
        parsed.map(Some).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidEnum,
                self.at(key),
                format!("{key} has an unknown value"),
            )
        })
    }
}

pub fn read_id<'a>(value: &'a Value<'a>, path: impl FnOnce() -> String) -> Result<&'a str, Error> {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() <= MAX_ID_CHARS => Ok(s),
        _ => Err(Error::new(
            ErrorCode::InvalidId,
            path(),
            "an id is a non-empty string of at most 64 characters",
        )),
    }
}

pub fn read_amount(value: &Value, path: impl FnOnce() -> String) -> Result<Money, Error> {
    let Value::String(text) = value else {
        return Err(Error::new(
            ErrorCode::InvalidAmount,
            path(),
            "an amount is a decimal string such as \"59.90\"",
        ));
    };
    money::parse_amount(text).map_err(|fault| match fault {
        NumberFault::Syntax => Error::new(
            ErrorCode::InvalidAmount,
            path(),
            format!(
                "{} is not an amount: digits with at most 2 fraction digits, no sign or exponent",
                crate::json::quoted(text)
            ),
        ),
        NumberFault::TooLarge => Error::new(
            ErrorCode::LimitExceeded,
            path(),
            format!("{text} is above the largest amount, 10000000.00"),
        ),
    })
}

pub fn read_ratio(value: &Value, path: impl FnOnce() -> String) -> Result<Ratio, Error> {
    let parsed = match value {
        Value::String(text) => money::parse_ratio(text).ok(),
        _ => None,
    };
    parsed.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidRatio,
            path(),
            "a ratio is a decimal string in [0, 1] with at most 4 fraction digits",
        )
    })
}

/// A JSON integer written without fraction or exponent.
fn integer_text(value: &Value) -> Option<u64> {
    match value {
        Value::Number(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            // More than 16 digits is above every bound used here.
            if text.len() > 16 {
                Some(u64::MAX)
            } else {
                text.parse().ok()
            }
        }
        _ => None,
    }
}

pub fn read_count(
    value: &Value,
    path: impl FnOnce() -> String,
    min: u32,
    max: u32,
) -> Result<u32, Error> {
    match integer_text(value) {
        Some(n) if n >= u64::from(min) && n <= u64::from(max) => Ok(n as u32),
        _ => Err(Error::new(
            ErrorCode::InvalidQuantity,
            path(),
            format!("expected an integer in {min}..={max}"),
        )),
    }
}

pub fn read_time(value: &Value, path: impl FnOnce() -> String) -> Result<u64, Error> {
    match integer_text(value) {
        Some(n) if n <= MAX_TIME => Ok(n),
        _ => Err(Error::new(
            ErrorCode::InvalidTime,
            path(),
            "a time is an integer number of milliseconds in 0..=2^53-1",
        )),
    }
}
