//! SPEC 0: the one JSON reader every target uses. It keeps numbers as their
//! source text (so `1.0` and `1` stay different), refuses repeated keys,
//! lone surrogates, a byte-order mark and nesting past 64 levels, and never
//! recurses deeper than that limit, so hostile input cannot exhaust a stack.

use crate::error::{Error, ErrorCode};
use std::borrow::Cow;

/// The deepest level a value may sit at; the top-level value is level 1.
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Strings, keys and numbers borrow from the parsed text
/// when they hold no escape, which is nearly always: a request is read
/// without allocating a string per key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written, e.g. `"1.0"`, `"-3"`, `"2e5"`.
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Members in document order; keys are unique.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// A string value.
    pub fn string(text: impl Into<String>) -> Value<'static> {
        Value::String(Cow::Owned(text.into()))
    }

    /// The same value, owning all its text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(Cow::Owned(n.into_owned())),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A member of an object (`None` for a missing key or a non-object).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member, with JSON `null` read as absent (SPEC 0).
    pub fn get_present(&self, key: &str) -> Option<&Value<'a>> {
        self.get(key).filter(|v| !matches!(v, Value::Null))
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Compact JSON text of a request's typed form, for `PricingRequest`'s
/// typed entry point only. The one policy for serde_json's impossible
/// failure on these plain types: `null`, never a panic.
pub fn to_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A value the engine writes out (results, previews, errors, share codes)
/// as compact JSON, byte for byte what serde_json writes for the same type:
/// written directly, so the output path carries no serde serializer into
/// the .wasm and makes no per-field virtual calls.
pub trait WriteJson {
    /// Appends the value's JSON text to `out`.
    fn write_json(&self, out: &mut String);

    /// Roughly how many bytes the text takes, to size the buffer once.
    fn size_hint(&self) -> usize {
        64
    }
}

/// The compact JSON text of `value`, in one buffer sized up front.
pub fn text_of<T: WriteJson + ?Sized>(value: &T) -> String {
    let mut out = String::with_capacity(value.size_hint());
    value.write_json(&mut out);
    out
}

/// An object being written: members in the order they are added, as a
/// serde derive writes its fields in declaration order.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Opens an object.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    /// The key must need no escaping: the crate's own camelCase names.
    pub fn member<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        self.key(key);
        value.write_json(self.out);
        self
    }

    /// Leaves out `None`, as `skip_serializing_if = "Option::is_none"`.
    pub fn optional<T: WriteJson>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        if let Some(value) = value {
            self.member(key, value);
        }
        self
    }

    /// Leaves out an empty list, as `skip_serializing_if = "Vec::is_empty"`.
    pub fn nonempty<T: WriteJson>(&mut self, key: &str, value: &[T]) -> &mut Self {
        if !value.is_empty() {
            self.member(key, value);
        }
        self
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// `{"code","path","message"}`: an error and a warning are written alike
/// (SPEC 1.2: a strict request's first warning becomes its error).
pub fn write_fault<C: WriteJson>(out: &mut String, code: &C, path: &str, message: &str) {
    ObjectWriter::new(out)
        .member("code", code)
        .member("path", path)
        .member("message", message)
        .end();
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        write_string(self, out);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        write_string(self, out);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Decimal digits of an integer without `core::fmt`, which is slower and
/// larger in the .wasm than this loop.
pub fn write_unsigned(mut n: u64, negative: bool, out: &mut String) {
    let mut buffer = [0u8; 21];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        at -= 1;
        buffer[at] = b'-';
    }
    // Only ASCII digits and '-' were written.
    out.push_str(std::str::from_utf8(&buffer[at..]).unwrap_or("0"));
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        write_unsigned(u64::from(*self), false, out);
    }
}

impl WriteJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_unsigned(*self, false, out);
    }
}

impl WriteJson for i64 {
    fn write_json(&self, out: &mut String) {
        write_unsigned(self.unsigned_abs(), *self < 0, out);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// Parses one JSON document; every failure is `invalidJson` at `""`.
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        members: Vec::new(),
        items: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        return Err(parser.fail("a byte-order mark is not allowed"));
    }
    parser.skip_whitespace();
    let value = parser.value(1)?;
    parser.skip_whitespace();
    if parser.pos != parser.bytes.len() {
        return Err(parser.fail("unexpected text after the JSON value"));
    }
    Ok(value)
}

/// Repeated-key detection in expected linear time: small objects are
/// scanned (cheaper than hashing), large ones get a hash set of their keys,
/// so 100,000 keys cost 100,000 lookups, not 5·10⁹ comparisons.
#[derive(Default)]
struct KeySet<'a> {
    hashed: Option<std::collections::HashSet<Cow<'a, str>>>,
}

impl<'a> KeySet<'a> {
    const SCAN_LIMIT: usize = 16;

    /// Whether `key` is already among `members`; records it otherwise.
    // The set keeps a clone of the `Cow` itself: a borrowed key costs no copy.
    #[allow(clippy::ptr_arg)]
    fn repeats(&mut self, members: &[(Cow<'a, str>, Value<'a>)], key: &Cow<'a, str>) -> bool {
        if self.hashed.is_none() && members.len() < Self::SCAN_LIMIT {
            return members.iter().any(|(k, _)| k == key);
        }
        let set = self
            .hashed
            .get_or_insert_with(|| members.iter().map(|(k, _)| k.clone()).collect());
        !set.insert(key.clone())
    }
}

/// The entries of a closing container: `stack[start..]`, moved into a
/// `Vec` of their own. A large container at the bottom of its stack takes
/// the stack's buffer itself (shrunk in place), so a huge array is never
/// held twice: peak memory stays that of one `Vec` of its items.
fn take_from<T>(stack: &mut Vec<T>, start: usize) -> Vec<T> {
    if start == 0 && stack.len() > 256 {
        let mut all = std::mem::take(stack);
        all.shrink_to_fit();
        all
    } else {
        stack.drain(start..).collect()
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Members and items of the objects and arrays being read, innermost
    /// last: each container collects onto these shared stacks and moves
    /// its entries into one exactly sized `Vec` when it closes, instead of
    /// growing its own `Vec` by reallocation (a third of parse time).
    members: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
}

impl<'a> Parser<'a> {
    fn fail(&self, what: &str) -> Error {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("not valid JSON: {what} (byte {})", self.pos),
        )
    }

    // Called for nearly every byte: a call per byte was 6 % of a typical
    // cart's time when the compiler left it out of line.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Value<'a>) -> Result<Value<'a>, Error> {
        if self.bytes[self.pos..].starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(self.fail("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested deeper than 64 levels"));
        }
        match self.peek() {
            None => Err(self.fail("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("unexpected character")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        self.pos += 1;
        // An empty object allocates nothing: a request may hold millions.
        let start = self.members.len();
        let mut seen = KeySet::default();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Vec::new()));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a string key"));
            }
            let key = self.string()?;
            if seen.repeats(&self.members[start..], &key) {
                return Err(self.fail(&format!("repeated key {}", quoted(&key))));
            }
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected ':'"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth + 1)?;
            self.members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(take_from(&mut self.members, start)));
                }
                _ => return Err(self.fail("expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        self.pos += 1;
        let start = self.items.len();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(Vec::new()));
        }
        loop {
            self.skip_whitespace();
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(take_from(&mut self.items, start)));
                }
                _ => return Err(self.fail("expected ',' or ']'")),
            }
        }
    }

    fn number(&mut self) -> Result<Value<'a>, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.fail("bad number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail("bad number"));
            }
            self.skip_digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail("bad number"));
            }
            self.skip_digits();
        }
        // The number is ASCII, so both ends are character boundaries.
        Ok(Value::Number(Cow::Borrowed(self.slice(start, self.pos))))
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => None,
            };
            match digit {
                Some(d) => code = code * 16 + d,
                None => return Err(self.fail("bad \\u escape")),
            }
            self.pos += 1;
        }
        Ok(code)
    }

    /// `text[start..end]`; callers only cut next to ASCII bytes, which are
    /// always character boundaries.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            let rest = self.bytes.get(run_start..).unwrap_or_default();
            let run_len = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            self.pos += run_len;
            let run = self.slice(run_start, self.pos);
            if out.is_empty() && self.peek() == Some(b'"') {
                // No escape, the common case: borrow the text.
                self.pos += 1;
                return Ok(Cow::Borrowed(run));
            }
            out.push_str(run);
            match self.peek() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.peek();
                    self.pos += 1;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => return Err(self.fail("bad escape")),
                    }
                }
                Some(_) => return Err(self.fail("control character in string")),
            }
        }
    }

    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(self.fail("lone surrogate"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail("lone surrogate"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fail("lone surrogate")),
            other => other,
        };
        char::from_u32(code).ok_or_else(|| self.fail("bad \\u escape"))
    }
}

/// Writes a value back as compact JSON text, numbers exactly as they were
/// read (so `1.0` stays `1.0`). Strings are escaped as `JSON.stringify`
/// escapes them.
pub fn write(value: &Value) -> String {
    let mut out = String::new();
    write_into(value, &mut out);
    out
}

fn write_into(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(text) => out.push_str(text),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_into(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_into(item, out);
            }
            out.push('}');
        }
    }
}

/// `text` as a JSON string literal, for error messages: the same quoting
/// as `{:?}` for ordinary text, without pulling `core::fmt`'s Debug
/// escaping and Unicode tables into the .wasm (issue 16).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(text, &mut out);
    out
}

/// Appends `s` as a JSON string, escaped as `JSON.stringify` (and
/// serde_json) escape it. Runs of plain text are copied whole: almost no
/// output string holds a character to escape.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut run_start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both cuts are character boundaries.
        out.push_str(s.get(run_start..i).unwrap_or_default());
        run_start = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run_start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        "[".repeat(levels) + &"]".repeat(levels)
    }

    #[test]
    fn depth_limit_counts_the_top_level_as_one() {
        assert!(parse(&nested(64)).is_ok());
        assert_eq!(parse(&nested(65)).unwrap_err().code, ErrorCode::InvalidJson);
        assert!(parse(&nested(100_000)).is_err());
    }

    #[test]
    fn refuses_what_no_json_value_holds() {
        for bad in [
            "{\"a\":1,\"a\":2}",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\u{feff}{}",
            "{} x",
            "01",
            "1.",
            "[1,]",
            "",
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(
                (err.code, err.path.as_str()),
                (ErrorCode::InvalidJson, ""),
                "{bad}"
            );
        }
    }

    #[test]
    fn repeated_keys_are_found_in_large_objects() {
        let keys: Vec<String> = (0..1000).map(|i| format!("\"k{i}\":0")).collect();
        let unique = format!("{{{}}}", keys.join(","));
        assert!(matches!(parse(&unique), Ok(Value::Object(m)) if m.len() == 1000));
        for repeat in ["k0", "k15", "k16", "k999"] {
            let text = format!("{{{},\"{repeat}\":1}}", keys.join(","));
            let err = parse(&text).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidJson, "{repeat}");
            assert!(err.message.contains(repeat), "{}", err.message);
        }
        // An escaped spelling of the same key is the same key.
        assert!(parse(&format!("{{{},\"\\u006b3\":1}}", keys.join(","))).is_err());
    }

    #[test]
    fn keeps_numbers_and_strings_exact() {
        let v = parse(r#"{"a":[1.0,-0,2e5],"b":"\u4e2d\ud83d\ude00\n"}"#).unwrap();
        assert_eq!(
            v.get("a"),
            Some(&Value::Array(vec![
                Value::Number("1.0".into()),
                Value::Number("-0".into()),
                Value::Number("2e5".into()),
            ]))
        );
        assert_eq!(v.get("b"), Some(&Value::string("中😀\n")));
    }
}
