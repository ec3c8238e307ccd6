//! SPEC 10 (HTTP service): `sharecart serve`, on axum and tokio. Pricing
//! is CPU work, so it runs on tokio's blocking pool, at most `--workers`
//! requests at once (a semaphore), never on the reactor threads; a request
//! that does not finish within `--deadline-ms` is answered 503 and its
//! worker keeps serving others. SIGTERM (or SIGINT) stops accepting,
//! finishes the requests in flight and exits 0.

mod config;
mod key_policy;
mod routes;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

pub fn main(args: &[&str]) -> ExitCode {
    if matches!(args, ["--help" | "-h"]) {
        return crate::print_text(crate::help::command("serve").unwrap_or_default());
    }
    let config = match config::parse(args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("sharecart serve: {message}\n(see `sharecart help serve`)");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.workers)
        .max_blocking_threads(config.workers + 4)
        .enable_all()
        .build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("sharecart serve: cannot start the runtime: {e}");
            return ExitCode::from(crate::EXIT_IO);
        }
    };
    let outcome = runtime.block_on(run(config));
    // Pricing that outlived its deadline ends on its own (SPEC 1.1 bounds
    // it); do not let it hold up the exit.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sharecart serve: {message}");
            ExitCode::from(crate::EXIT_IO)
        }
    }
}

async fn run(config: config::Config) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    eprintln!(
        "sharecart serve: listening on http://{address} (workers {}, body limit {} bytes, deadline {} ms, share key: {})",
        config.workers,
        config.body_limit,
        config.deadline.as_millis(),
        config.key_source
    );
    let state = Arc::new(routes::State::new(&config));
    axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(stop_signal())
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("sharecart serve: stopped; requests in flight were answered");
    Ok(())
}

/// Resolves on SIGTERM or SIGINT.
async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    match (term, int) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => std::future::pending::<()>().await,
    }
    eprintln!("sharecart serve: stopping (no new connections; finishing requests in flight)");
}
