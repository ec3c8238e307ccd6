//! SPEC 10 (HTTP service) and 9: the share-code key belongs to the server.
//! A request's `options.key` is refused (`invalidField`); with a server key
//! encode signs and decode verifies and requires a signature; without one
//! `requireSignature: true` is `invalidKey` at `options.key`.
//!
//! The request is read with the library's own JSON reader. Text it rejects
//! (or a shape the library reports itself: not an object, `options` not an
//! object) is passed on untouched, so the library gives exactly the CLI's
//! error. Otherwise the policy rewrites `options` and writes the document
//! back with numbers and strings as the reader saw them, so the library
//! reads the same values it would have read from the original text.

use sharecart::json::{self, Value};
use sharecart::{Error, ErrorCode};
use std::borrow::Cow;

/// What the share routes do about keys.
#[derive(Clone)]
pub struct KeyPolicy {
    /// The server's key as hex, if it has one.
    pub key: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ShareOp {
    Encode,
    Decode,
}

impl KeyPolicy {
    /// The text to hand to the library, or the policy's refusal.
    pub fn apply<'t>(&self, op: ShareOp, text: &'t str) -> Result<Cow<'t, str>, Error> {
        let Ok(Value::Object(mut members)) = json::parse(text) else {
            return Ok(Cow::Borrowed(text));
        };
        let mut options = match take_member(&mut members, "options") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(options)) => options,
            Some(_) => return Ok(Cow::Borrowed(text)),
        };
        if options.iter().any(|(k, v)| k == "key" && *v != Value::Null) {
            return Err(Error::new(
                ErrorCode::InvalidField,
                "options.key",
                "the share-code key is the server's and cannot come with a request",
            ));
        }
        self.rewrite_options(op, &mut options)?;
        if self.key.is_none() {
            // Nothing was changed: the library reads the very same text.
            return Ok(Cow::Borrowed(text));
        }
        members.push((Cow::Borrowed("options"), Value::Object(options)));
        // The library's own writer: numbers keep their source text.
        Ok(Cow::Owned(json::write(&Value::Object(members))))
    }

    fn rewrite_options(
        &self,
        op: ShareOp,
        options: &mut Vec<(Cow<str>, Value)>,
    ) -> Result<(), Error> {
        match (&self.key, op) {
            (Some(key), ShareOp::Encode) => {
                options.retain(|(k, _)| k != "key");
                options.push((Cow::Borrowed("key"), Value::string(key.clone())));
            }
            (Some(key), ShareOp::Decode) => {
                // A requireSignature of the wrong type stays, for the
                // library to report; a boolean or none becomes true.
                let ill_typed = options.iter().any(|(k, v)| {
                    k == "requireSignature" && !matches!(v, Value::Bool(_) | Value::Null)
                });
                options.retain(|(k, _)| k != "key" && (ill_typed || k != "requireSignature"));
                options.push((Cow::Borrowed("key"), Value::string(key.clone())));
                if !ill_typed {
                    options.push((Cow::Borrowed("requireSignature"), Value::Bool(true)));
                }
            }
            (None, ShareOp::Decode) => {
                let requires = options
                    .iter()
                    .any(|(k, v)| k == "requireSignature" && *v == Value::Bool(true));
                if requires {
                    return Err(Error::new(
                        ErrorCode::InvalidKey,
                        "options.key",
                        "requireSignature needs a key and this server has none: a signature that cannot be verified is not a signature",
                    ));
                }
            }
            (None, ShareOp::Encode) => {}
        }
        Ok(())
    }
}

fn take_member<'a>(members: &mut Vec<(Cow<'a, str>, Value<'a>)>, key: &str) -> Option<Value<'a>> {
    let index = members.iter().position(|(k, _)| k == key)?;
    Some(members.remove(index).1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f";

    fn with_key() -> KeyPolicy {
        KeyPolicy {
            key: Some(KEY.into()),
        }
    }

    #[test]
    fn a_request_key_is_refused_with_or_without_a_server_key() {
        for policy in [with_key(), KeyPolicy { key: None }] {
            let error = policy
                .apply(ShareOp::Encode, r#"{"fields":{},"options":{"key":"00"}}"#)
                .unwrap_err();
            assert_eq!(
                (error.code, error.path.as_str()),
                (ErrorCode::InvalidField, "options.key")
            );
        }
    }

    #[test]
    fn the_server_key_is_added_and_decode_requires_a_signature() {
        let text = with_key()
            .apply(
                ShareOp::Decode,
                r#"{"input":"x\u00e9","options":{"now":1.50,"requireSignature":false}}"#,
            )
            .unwrap();
        assert_eq!(
            text,
            format!(
                r#"{{"input":"xé","options":{{"now":1.50,"key":"{KEY}","requireSignature":true}}}}"#
            )
        );
    }

    #[test]
    fn text_the_reader_refuses_is_passed_on_unchanged() {
        for text in [
            r#"{"a":1,"a":2}"#,
            "[1]",
            r#"{"options":3}"#,
            "",
            r#"{"input":"\ud800"}"#,
        ] {
            assert_eq!(with_key().apply(ShareOp::Decode, text).unwrap(), text);
        }
    }

    #[test]
    fn without_a_server_key_require_signature_is_invalid_key() {
        let policy = KeyPolicy { key: None };
        let error = policy
            .apply(
                ShareOp::Decode,
                r#"{"input":"x","options":{"requireSignature":true}}"#,
            )
            .unwrap_err();
        assert_eq!(
            (error.code, error.path.as_str()),
            (ErrorCode::InvalidKey, "options.key")
        );
        let text = r#"{"input":"x","options":{"requireSignature":false}}"#;
        assert_eq!(policy.apply(ShareOp::Decode, text).unwrap(), text);
    }
}
