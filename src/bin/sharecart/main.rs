//! The `sharecart` command line (SPEC 10): one JSON document on stdin, one
//! on stdout; batch NDJSON (`--ndjson`); the HTTP service (`serve`, with
//! the `server` feature). Invalid input: `{"error":…}` on stderr, exit 2;
//! usage: exit 64. This file only reads arguments and dispatches.

mod batch;
mod engine;
mod help;
mod lines;
#[cfg(feature = "server")]
mod serve;

use engine::Entry;
use std::io::{Read, Write};
use std::process::ExitCode;

const EXIT_INPUT: u8 = 2;
const EXIT_USAGE: u8 = 64;
const EXIT_IO: u8 = 74;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["-h" | "--help"] | ["help"] => print_text(help::OVERVIEW),
        ["help", topic @ ..] => help_for(topic),
        ["-V" | "--version"] => print_text(&version()),
        ["info"] => print_text(&sharecart::engine_info_json()),
        ["share", "encode"] => one_request(Entry::ShareEncode),
        ["share", "decode"] => one_request(Entry::ShareDecode),
        ["price", rest @ ..] => pricing(Entry::Price, "price", rest),
        ["preview", rest @ ..] => pricing(Entry::Preview, "preview", rest),
        ["serve", rest @ ..] => serve(rest),
        [_, .., "--help" | "-h"] => help_for(&args[..1]),
        _ => usage_error(help::OVERVIEW),
    }
}

fn version() -> String {
    let info = sharecart::engine_info();
    format!("sharecart {} (spec {})", info.version, info.spec)
}

fn help_for(topic: &[&str]) -> ExitCode {
    match topic.first().and_then(|name| help::command(name)) {
        Some(text) if topic.len() <= 2 => print_text(text),
        _ => usage_error(help::OVERVIEW),
    }
}

fn print_text(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(EXIT_IO),
    }
}

fn usage_error(text: &str) -> ExitCode {
    eprintln!("{text}");
    ExitCode::from(EXIT_USAGE)
}

/// `price` / `preview`, with optional `--ndjson [--jobs N]`.
fn pricing(entry: Entry, name: &str, rest: &[&str]) -> ExitCode {
    let usage = help::command(name).unwrap_or(help::OVERVIEW);
    match rest {
        ["--help" | "-h"] => print_text(usage),
        [] => one_request(entry),
        _ => match batch_jobs(rest) {
            Some(jobs) => run_batch(entry, jobs),
            None => usage_error(usage),
        },
    }
}

/// The worker count of a valid `--ndjson [--jobs N]` (either order).
fn batch_jobs(rest: &[&str]) -> Option<usize> {
    let mut ndjson = false;
    let mut jobs = None;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--ndjson" if !ndjson => ndjson = true,
            "--jobs" if jobs.is_none() => jobs = Some(positive(args.next()?)?),
            other => match other.strip_prefix("--jobs=") {
                Some(n) if jobs.is_none() => jobs = Some(positive(n)?),
                _ => return None,
            },
        }
    }
    ndjson.then(|| jobs.unwrap_or_else(batch::default_jobs))
}

fn positive(text: &str) -> Option<usize> {
    text.parse::<usize>().ok().filter(|&n| n > 0)
}

fn run_batch(entry: Entry, jobs: usize) -> ExitCode {
    match batch::run_stdio(entry, jobs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(batch::BatchFailure::Read(e)) => {
            eprintln!("sharecart: cannot read stdin: {e}");
            ExitCode::from(EXIT_IO)
        }
        Err(batch::BatchFailure::Write(e)) => {
            eprintln!("sharecart: cannot write stdout: {e}");
            ExitCode::from(EXIT_IO)
        }
    }
}

/// One request on stdin. At most one byte past the limit is read, so an
/// oversized input is refused without being held in memory.
fn one_request(entry: Entry) -> ExitCode {
    let mut bytes = Vec::new();
    let limit = engine::MAX_REQUEST_BYTES as u64 + 1;
    if let Err(e) = std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
        eprintln!("sharecart: cannot read stdin: {e}");
        return ExitCode::from(EXIT_IO);
    }
    match engine::run(entry, &bytes) {
        Ok(output) => print_text(&output),
        Err(error) => {
            eprintln!("{}", error.to_json());
            ExitCode::from(EXIT_INPUT)
        }
    }
}

#[cfg(feature = "server")]
fn serve(rest: &[&str]) -> ExitCode {
    serve::main(rest)
}

#[cfg(not(feature = "server"))]
fn serve(_rest: &[&str]) -> ExitCode {
    eprintln!("sharecart: this build has no HTTP service; build it with `--features server` (see docs/server.md)");
    ExitCode::from(EXIT_USAGE)
}
