//! SPEC 10, batch NDJSON: `price --ndjson` / `preview --ndjson`. One
//! request per line in, one line out per request, in input order, each
//! byte-identical to the one-request command's output for that line.
//!
//! Memory stays bounded on endless streams: lines are read in chunks (what
//! is already buffered, at most `CHUNK_LINES` lines or `CHUNK_BYTES`
//! bytes), each chunk is priced in parallel and written in order before
//! the next is read. Waiting for more input only when nothing is buffered
//! also keeps an interactive pipe responsive.

use crate::engine::{self, Entry, MAX_REQUEST_BYTES};
use crate::lines::{read_line, Line};
use std::io::{self, BufReader, BufWriter, Write};

const CHUNK_LINES: usize = 4096;
const CHUNK_BYTES: usize = 32 * 1024 * 1024;
const READ_BUFFER: usize = 1024 * 1024;

/// Why a batch stopped early (SPEC 10: only a failing stdin or stdout).
pub enum BatchFailure {
    Read(io::Error),
    Write(io::Error),
}

/// Runs the batch over stdin/stdout with `jobs` worker threads.
pub fn run_stdio(entry: Entry, jobs: usize) -> Result<(), BatchFailure> {
    let stdin = io::stdin().lock();
    let mut input = BufReader::with_capacity(READ_BUFFER, stdin);
    let mut output = BufWriter::with_capacity(READ_BUFFER, io::stdout().lock());
    let pricer = Pricer::new(jobs);
    loop {
        let chunk = read_chunk(&mut input).map_err(BatchFailure::Read)?;
        if chunk.is_empty() {
            break;
        }
        for line in pricer.price_all(entry, &chunk) {
            output
                .write_all(line.as_bytes())
                .map_err(BatchFailure::Write)?;
            output.write_all(b"\n").map_err(BatchFailure::Write)?;
        }
        output.flush().map_err(BatchFailure::Write)?;
    }
    output.flush().map_err(BatchFailure::Write)
}

/// The next lines, stopping before a read that would wait for input.
fn read_chunk(input: &mut BufReader<impl io::Read>) -> io::Result<Vec<Line>> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
        if !chunk.is_empty() && input.buffer().is_empty() {
            break;
        }
        match read_line(input, MAX_REQUEST_BYTES)? {
            None => break,
            Some(line) => {
                bytes += match &line {
                    Line::Text(text) => text.len() + 1,
                    Line::TooLong => MAX_REQUEST_BYTES,
                };
                chunk.push(line);
            }
        }
    }
    Ok(chunk)
}

/// The output line for one input line.
pub fn price_line(entry: Entry, line: &Line) -> String {
    let outcome = match line {
        Line::Text(bytes) => engine::run(entry, bytes),
        Line::TooLong => Err(engine::too_long()),
    };
    engine::outcome_line(&outcome)
}

/// Prices a chunk: in a rayon pool of `jobs` threads natively, in order on
/// one thread where there are no threads (WASI) or with `--jobs 1`.
struct Pricer {
    #[cfg(not(target_arch = "wasm32"))]
    pool: Option<rayon::ThreadPool>,
}

impl Pricer {
    #[cfg(not(target_arch = "wasm32"))]
    fn new(jobs: usize) -> Pricer {
        let pool = (jobs > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs)
                    .build()
                    .ok()
            })
            .flatten();
        Pricer { pool }
    }

    #[cfg(target_arch = "wasm32")]
    fn new(_jobs: usize) -> Pricer {
        Pricer {}
    }

    fn price_all(&self, entry: Entry, chunk: &[Line]) -> Vec<String> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(pool) = &self.pool {
            use rayon::prelude::*;
            return pool.install(|| chunk.par_iter().map(|l| price_line(entry, l)).collect());
        }
        chunk.iter().map(|line| price_line(entry, line)).collect()
    }
}

/// `--jobs` when not given: the machine's cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
