//! Typed, path-aware reads from a JSON object. Each read maps a wrong JSON
//! type or a bad value to the field's own error code (SPEC 8), so the
//! validation code reads like the field list of SPEC 1.

use crate::error::{Error, ErrorCode};
use crate::json::Value;
use crate::money::{self, Money, NumberFault, Ratio};
use std::borrow::Cow;

/// The largest time: 2^53 − 1 ms (SPEC 1).
pub const MAX_TIME: u64 = (1 << 53) - 1;
const MAX_ID_CHARS: usize = 64;

// Paths are built by hand: validation makes one per array entry, and
// `format!` would cost more than the rest of reading the entry.

pub fn child(parent: &str, key: &str) -> String {
    let mut path = String::with_capacity(parent.len() + key.len() + 1);
    path.push_str(parent);
    if !parent.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    path
}

pub fn index(parent: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut path = String::with_capacity(parent.len() + digits.len() - at + 2);
    path.push_str(parent);
    path.push('[');
    // Only ASCII digits were written.
    path.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    path.push(']');
    path
}

/// An object being read, with its path for error reports.
pub struct Object<'a> {
    members: &'a [(Cow<'a, str>, Value<'a>)],
    pub path: String,
}

impl<'a> Object<'a> {
    pub fn new(value: &'a Value<'a>, path: String) -> Result<Object<'a>, Error> {
        match value {
            Value::Object(members) => Ok(Object { members, path }),
            other => Err(Error::new(
                ErrorCode::InvalidType,
                path.clone(),
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

    pub fn at(&self, key: &str) -> String {
        child(&self.path, key)
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

    pub fn object(&self, key: &str) -> Result<Option<Object<'a>>, Error> {
        self.get(key)
            .map(|v| Object::new(v, self.at(key)))
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

    pub fn id(&self, key: &str) -> Result<Option<String>, Error> {
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

pub fn read_id(value: &Value, path: impl FnOnce() -> String) -> Result<String, Error> {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() <= MAX_ID_CHARS => Ok(s.to_string()),
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
