//! The `sharecart` command line (SPEC 10): one JSON document on stdin, one
//! on stdout. Invalid input: `{"error":…}` on stderr, exit 2; usage: exit 64.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: sharecart price | preview | info | share encode | share decode
  reads one JSON document on stdin and writes one on stdout";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let command: fn(&str) -> Result<String, sharecart::Error> = match args.as_slice() {
        ["price"] => sharecart::price_cart_json,
        ["preview"] => sharecart::preview_share_card_json,
        ["share", "encode"] => sharecart::encode_share_code_json,
        ["share", "decode"] => sharecart::decode_share_code_json,
        ["info"] => {
            return emit(&sharecart::engine_info_json());
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(64);
        }
    };
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("sharecart: cannot read stdin: {e}");
        return ExitCode::from(74);
    }
    let outcome = match String::from_utf8(bytes) {
        Ok(text) => command(&text),
        Err(_) => Err(sharecart::Error::new(
            sharecart::ErrorCode::InvalidJson,
            "",
            "the input is not UTF-8 text",
        )),
    };
    match outcome {
        Ok(output) => emit(&output),
        Err(error) => {
            eprintln!("{}", error.to_json());
            ExitCode::from(2)
        }
    }
}

fn emit(document: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{document}").and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(74),
    }
}
