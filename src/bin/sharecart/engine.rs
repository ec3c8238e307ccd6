//! SPEC 10 and 1.1: the one place the CLI, batch and HTTP faces call the
//! library. It applies the 4 MiB request-text limit and the UTF-8 check
//! before anything is parsed, so every face reports them the same way.

use sharecart::{Error, ErrorCode};

pub use sharecart::MAX_REQUEST_BYTES;

/// The text entry points of the library, one per request-taking command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Price,
    Preview,
    ShareEncode,
    ShareDecode,
}

impl Entry {
    fn call(self, text: &str) -> Result<String, Error> {
        match self {
            Entry::Price => sharecart::price_cart_json(text),
            Entry::Preview => sharecart::preview_share_card_json(text),
            Entry::ShareEncode => sharecart::encode_share_code_json(text),
            Entry::ShareDecode => sharecart::decode_share_code_json(text),
        }
    }
}

/// `limitExceeded` at `""`: the text is over [`MAX_REQUEST_BYTES`].
pub fn too_long() -> Error {
    Error::request_too_long()
}

/// `invalidJson` at `""`: the bytes are not UTF-8.
pub fn not_utf8() -> Error {
    Error::new(ErrorCode::InvalidJson, "", "the input is not UTF-8 text")
}

/// Checks the limit and the encoding, then calls the library.
pub fn run(entry: Entry, bytes: &[u8]) -> Result<String, Error> {
    let text = checked_text(bytes)?;
    entry.call(text)
}

/// The request bytes as text, if they are within the limit and UTF-8.
pub fn checked_text(bytes: &[u8]) -> Result<&str, Error> {
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(too_long());
    }
    std::str::from_utf8(bytes).map_err(|_| not_utf8())
}

/// The exact line the one-request command prints for an outcome: the
/// result on stdout, or `{"error":…}` on stderr (both without newline).
pub fn outcome_line(outcome: &Result<String, Error>) -> String {
    match outcome {
        Ok(text) => text.clone(),
        Err(error) => error.to_json(),
    }
}
