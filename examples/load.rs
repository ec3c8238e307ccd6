//! Load client for `sharecart serve` (SPEC 10; docs/server.md, `make
//! load-test`). Loopback HTTP/1.1 keep-alive over N connections for a fixed
//! time, then stops: requests/s, latency percentiles, errors. With
//! `--malformed-every K`, every K-th request of each connection carries a
//! truncated body (planted `invalidJson`, expected 400) and the rest must
//! be 200; anything else is an error.
//!
//! load --addr 127.0.0.1:8787 --body benches/typical.json [--connections 64]
//!      [--seconds 30] [--malformed-every 5]

use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Args {
    addr: String,
    body: Vec<u8>,
    connections: usize,
    seconds: u64,
    malformed_every: u64,
}

#[derive(Default)]
struct Tally {
    valid_us: Vec<u64>,
    malformed_us: Vec<u64>,
    planted: u64,
    answered_400: u64,
    errors: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:8787".into(),
        body: Vec::new(),
        connections: 64,
        seconds: 30,
        malformed_every: 0,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let [flag, value] = pair else {
            return Err("flags take a value".into());
        };
        let number = || value.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--addr" => args.addr = value.clone(),
            "--body" => args.body = std::fs::read(value).map_err(|e| format!("{value}: {e}"))?,
            "--connections" => args.connections = number()? as usize,
            "--seconds" => args.seconds = number()?,
            "--malformed-every" => args.malformed_every = number()?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if args.body.is_empty() {
        return Err("--body FILE is required".into());
    }
    Ok(args)
}

fn request_bytes(addr: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "POST /v1/price HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Sends one request and reads the response; returns the status.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    stream.get_mut().write_all(request).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

async fn connection(
    addr: String,
    valid: Vec<u8>,
    malformed: Vec<u8>,
    every: u64,
    until: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let Ok(socket) = TcpStream::connect(&addr).await else {
        tally.errors += 1;
        return tally;
    };
    let _ = socket.set_nodelay(true);
    let mut stream = BufReader::new(socket);
    let mut n = 0u64;
    while Instant::now() < until {
        n += 1;
        let planted = every > 0 && n % every == 0;
        let started = Instant::now();
        let status = exchange(&mut stream, if planted { &malformed } else { &valid })
            .await
            .ok();
        let micros = started.elapsed().as_micros() as u64;
        match (planted, status) {
            (false, Some(200)) => tally.valid_us.push(micros),
            (true, Some(400)) => {
                tally.planted += 1;
                tally.answered_400 += 1;
                tally.malformed_us.push(micros);
            }
            (true, _) => {
                tally.planted += 1;
                tally.errors += 1;
            }
            (false, _) => tally.errors += 1,
        }
        if status.is_none() {
            break;
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(64);
        }
    };
    let valid = request_bytes(&args.addr, &args.body);
    let malformed = request_bytes(&args.addr, &args.body[..args.body.len() / 2]);
    let started = Instant::now();
    let until = started + Duration::from_secs(args.seconds);
    let tasks: Vec<_> = (0..args.connections)
        .map(|_| {
            tokio::spawn(connection(
                args.addr.clone(),
                valid.clone(),
                malformed.clone(),
                args.malformed_every,
                until,
            ))
        })
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await.unwrap_or_default();
        all.valid_us.extend(t.valid_us);
        all.malformed_us.extend(t.malformed_us);
        all.planted += t.planted;
        all.answered_400 += t.answered_400;
        all.errors += t.errors;
    }
    let seconds = started.elapsed().as_secs_f64();
    all.valid_us.sort_unstable();
    all.malformed_us.sort_unstable();
    let total = all.valid_us.len() as u64 + all.planted + all.errors;
    println!(
        r#"{{"seconds":{seconds:.1},"connections":{},"requests":{total},"rps":{:.0},"valid":{},"p50_ms":{:.3},"p99_ms":{:.3},"p999_ms":{:.3},"max_ms":{:.3},"planted_malformed":{},"answered_400":{},"malformed_p50_ms":{:.3},"errors":{}}}"#,
        args.connections,
        total as f64 / seconds,
        all.valid_us.len(),
        percentile(&all.valid_us, 50.0),
        percentile(&all.valid_us, 99.0),
        percentile(&all.valid_us, 99.9),
        percentile(&all.valid_us, 100.0),
        all.planted,
        all.answered_400,
        percentile(&all.malformed_us, 50.0),
        all.errors
    );
}
