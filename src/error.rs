//! SPEC 8 (pricing) and SPEC 9 (share codes): every failure is a value
//! `{code, path, message}`, built here and nowhere else.

use crate::json::{ObjectWriter, WriteJson};
use crate::vocabulary::vocabulary;
use serde::Serialize;
use std::fmt;

vocabulary!(
    /// Stable, camelCase error identifiers (SPEC 8 and 9). In the wasm build
    /// the TypeScript union `ErrorCode` is generated from this enum.
    ErrorCode {
        InvalidJson = "invalidJson",
        InvalidType = "invalidType",
        MissingField = "missingField",
        InvalidAmount = "invalidAmount",
        InvalidRatio = "invalidRatio",
        InvalidQuantity = "invalidQuantity",
        InvalidTime = "invalidTime",
        InvalidEnum = "invalidEnum",
        InvalidId = "invalidId",
        DuplicateId = "duplicateId",
        UnknownShop = "unknownShop",
        UnknownCoupon = "unknownCoupon",
        LimitExceeded = "limitExceeded",
        InvalidTiers = "invalidTiers",
        InvalidCoupon = "invalidCoupon",
        TooManyLevels = "tooManyLevels",
        InvalidPreview = "invalidPreview",
        /// Under `strict` only (SPEC 1.2): the first warning is the error.
        UnknownField = "unknownField",
        TimeInSeconds = "timeInSeconds",
        // Share codes (SPEC 9).
        InvalidField = "invalidField",
        TooLong = "tooLong",
        InvalidKey = "invalidKey",
        Malformed = "malformed",
        BadCheck = "badCheck",
        UnsupportedVersion = "unsupportedVersion",
        BadSignature = "badSignature",
        UnsignedCode = "unsignedCode",
        Expired = "expired",
        IssuedInFuture = "issuedInFuture",
        /// JavaScript packages only (SPEC 10): the wasm engine trapped and was
        /// replaced. The Rust core never returns it.
        EngineFault = "engineFault",
    }
);

/// A failure: what went wrong (`code`), where in the input (`path`, `""` is
/// the root, `lines[3].listPrice` a field) and a sentence for humans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    pub code: ErrorCode,
    pub path: String,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
        }
    }

    /// `limitExceeded` at `""`: the request text is over 4 MiB (SPEC 1.1).
    /// Every face (library, CLI, batch, HTTP, wasm) words it this way.
    pub fn request_too_long() -> Self {
        Error::new(
            ErrorCode::LimitExceeded,
            "",
            "the request text is longer than 4 MiB (4,194,304 bytes)",
        )
    }

    /// The CLI's stderr document: `{"error":{"code","path","message"}}`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(48 + self.path.len() + self.message.len());
        ObjectWriter::new(&mut out).member("error", self).end();
        out
    }
}

impl WriteJson for Error {
    fn write_json(&self, out: &mut String) {
        crate::json::write_fault(out, &self.code, &self.path, &self.message);
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code.as_str(), self.message)
        } else {
            write!(
                f,
                "{} at {}: {}",
                self.code.as_str(),
                self.path,
                self.message
            )
        }
    }
}

impl std::error::Error for Error {}
