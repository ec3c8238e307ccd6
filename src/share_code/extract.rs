//! Finding the code in what a caller hands to the decoder: a raw code, a
//! URL-encoded `scene`, or a query string / path carrying `s=CODE`.

use super::codec::INPUT_PATH;
use crate::error::{Error, ErrorCode};

fn is_code_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The code in `text`: all of it when it is letters and digits only, else
/// the value of the first `s=` parameter (segments split at `? & # / ;`).
fn find_code(text: &str) -> Option<&str> {
    if is_code_text(text) {
        return Some(text);
    }
    let first = text
        .split(['?', '&', '#', '/', ';'])
        .find_map(|segment| segment.strip_prefix("s="))?;
    is_code_text(first).then_some(first)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `decodeURIComponent`: every `%XX` becomes a byte, the result must be
/// UTF-8; a stray `%` or bad UTF-8 gives `None` (JavaScript's URIError).
fn percent_decode(text: &str) -> Option<String> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let high = hex_value(bytes.next()?)?;
            let low = hex_value(bytes.next()?)?;
            out.push(high * 16 + low);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

/// The code inside the decoder's input (SPEC 9), or `malformed`.
pub(crate) fn extract(input: &str) -> Result<String, Error> {
    let trimmed = input.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    if let Some(code) = find_code(trimmed) {
        return Ok(code.to_string());
    }
    if trimmed.contains('%') {
        if let Some(decoded) = percent_decode(trimmed) {
            if let Some(code) = find_code(&decoded) {
                return Ok(code.to_string());
            }
        }
    }
    Err(Error::new(
        ErrorCode::Malformed,
        INPUT_PATH,
        "no share code in the input: expected a code of letters and digits, a URL-encoded scene, or a query string or path with s=CODE",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_code_in_each_form() {
        for input in [
            "AbC123",
            " AbC123\n",
            "s=AbC123",
            "s%3DAbC123",
            "pages/item/index?s=AbC123&from=x",
            "pages%2Fitem%2Findex%3Fs%3DAbC123%26from%3Dx",
            "https://h5.example.com/p/s=AbC123#top",
            "?x=1&s=AbC123",
        ] {
            assert_eq!(extract(input).unwrap(), "AbC123", "{input}");
        }
        for input in [
            "", "  ", "s=", "s=AB-C", "%", "%E4%B8", "x=AbC", "AbC 123", "ss=AbC",
        ] {
            assert_eq!(
                extract(input).unwrap_err().code,
                ErrorCode::Malformed,
                "{input}"
            );
        }
    }
}
