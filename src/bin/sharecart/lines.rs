//! SPEC 10 (batch) and 1.1: reads NDJSON lines with bounded memory. A line
//! over the limit is reported as too long and the rest of it is skipped
//! without being kept, so one huge line cannot exhaust memory.

use std::io::{self, BufRead};

/// One input line, without its `\n`.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(Vec<u8>),
    /// Longer than the limit; its bytes were discarded.
    TooLong,
}

/// Reads the next line; `None` at the end of input. A last line without a
/// final `\n` is still a line; nothing after the final `\n` is not.
pub fn read_line(reader: &mut impl BufRead, limit: usize) -> io::Result<Option<Line>> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut started = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(started.then(|| finish(line, too_long)));
        }
        started = true;
        let (piece, ends_line) = match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => (&buffer[..end], true),
            None => (buffer, false),
        };
        if !too_long && line.len() + piece.len() > limit {
            too_long = true;
            line = Vec::new();
        }
        if !too_long {
            line.extend_from_slice(piece);
        }
        let used = piece.len() + usize::from(ends_line);
        reader.consume(used);
        if ends_line {
            return Ok(Some(finish(line, too_long)));
        }
    }
}

fn finish(line: Vec<u8>, too_long: bool) -> Line {
    if too_long {
        Line::TooLong
    } else {
        Line::Text(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], limit: usize) -> Vec<Line> {
        // A tiny buffer makes lines span many reads.
        let mut reader = io::BufReader::with_capacity(3, input);
        let mut out = Vec::new();
        while let Some(line) = read_line(&mut reader, limit).unwrap() {
            out.push(line);
        }
        out
    }

    fn text(s: &str) -> Line {
        Line::Text(s.as_bytes().to_vec())
    }

    #[test]
    fn splits_on_newline_and_keeps_a_last_line_without_one() {
        assert_eq!(
            all(b"ab\n\ncdefg\nh", 10),
            vec![text("ab"), text(""), text("cdefg"), text("h")]
        );
        assert_eq!(all(b"ab\n", 10), vec![text("ab")]);
        assert_eq!(all(b"", 10), vec![]);
        assert_eq!(all(b"\n", 10), vec![text("")]);
    }

    #[test]
    fn a_line_at_the_limit_is_kept_and_one_byte_more_is_too_long() {
        assert_eq!(
            all(b"12345\n123456\nxy", 5),
            vec![text("12345"), Line::TooLong, text("xy")]
        );
        assert_eq!(all(b"1234567890123", 5), vec![Line::TooLong]);
    }

    #[test]
    fn a_carriage_return_stays_in_the_line() {
        assert_eq!(all(b"{}\r\n", 5), vec![text("{}\r")]);
    }
}
