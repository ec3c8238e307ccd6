//! SPEC 10 (HTTP service): routes, status codes and error bodies. A body
//! is the CLI's stdout line without its newline; an error is the CLI's
//! `{"error":…}` line. Statuses: `invalidJson` 400, other input errors 422,
//! 413 `bodyTooLarge`, 415 `unsupportedMediaType`, 404 `notFound`, 405
//! `methodNotAllowed`; and where SPEC 10 is silent (docs/server.md): 408
//! `requestTimeout` for a body not received within the deadline, 503
//! `deadlineExceeded` for a request not answered within it.

use super::config::Config;
use super::key_policy::{KeyPolicy, ShareOp};
use crate::engine::{self, Entry};
use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sharecart::{Error, ErrorCode};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

pub struct State {
    body_limit: usize,
    deadline: Duration,
    pricing_slots: Arc<Semaphore>,
    policy: KeyPolicy,
}

impl State {
    pub fn new(config: &Config) -> State {
        State {
            body_limit: config.body_limit,
            deadline: config.deadline,
            pricing_slots: Arc::new(Semaphore::new(config.workers)),
            policy: KeyPolicy {
                key: config.key.clone(),
            },
        }
    }
}

type Shared = Arc<State>;

pub fn router(state: Shared) -> Router {
    let entry = |entry: Entry| {
        let state = state.clone();
        post(move |headers: HeaderMap, body: Body| handle(state, entry, headers, body))
            .fallback(|| async { not_allowed("POST") })
    };
    let fixed = |text: String| {
        get(move || async move { json(StatusCode::OK, text) })
            .fallback(|| async { not_allowed("GET, HEAD") })
    };
    Router::new()
        .route("/v1/price", entry(Entry::Price))
        .route("/v1/preview", entry(Entry::Preview))
        .route("/v1/share/encode", entry(Entry::ShareEncode))
        .route("/v1/share/decode", entry(Entry::ShareDecode))
        .route("/v1/info", fixed(sharecart::engine_info_json()))
        .route("/healthz", fixed(r#"{"status":"ok"}"#.to_string()))
        .fallback(|| async {
            failure(
                StatusCode::NOT_FOUND,
                "notFound",
                "no such route (see SPEC 10)",
            )
        })
        .layer(middleware::from_fn(log_request))
}

/// One line per request on stderr: method, route (the pattern, never the
/// raw path or query), status, duration. Never bodies or keys.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "-".to_string(), |p| p.as_str().to_string());
    let response = next.run(request).await;
    eprintln!(
        r#"{{"method":"{}","route":"{}","status":{},"ms":{:.3}}}"#,
        method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

async fn handle(state: Shared, entry: Entry, headers: HeaderMap, body: Body) -> Response {
    let started = Instant::now();
    if !is_json(&headers) {
        return failure(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            "the body must be sent as Content-Type: application/json",
        );
    }
    let bytes = match read_body(&state, &headers, body).await {
        Ok(bytes) => bytes,
        Err(response) => return *response,
    };
    let remaining = state.deadline.saturating_sub(started.elapsed());
    match tokio::time::timeout(remaining, price(&state, entry, bytes)).await {
        Ok(Ok(outcome)) => outcome_response(outcome),
        Ok(Err(fault)) => fault,
        Err(_) => failure(
            StatusCode::SERVICE_UNAVAILABLE,
            "deadlineExceeded",
            "the request was not answered within the server's deadline; retry later",
        ),
    }
}

/// `application/json`, with or without parameters (`; charset=utf-8`).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let media_type = value.split(';').next().unwrap_or("").trim();
    media_type.eq_ignore_ascii_case("application/json")
}

/// The body within the limit and the deadline: 413 past the limit (at
/// once when Content-Length says so), 408 when the client is too slow.
async fn read_body(
    state: &State,
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<u8>, Box<Response>> {
    let too_large = || {
        Box::new(failure(
            StatusCode::PAYLOAD_TOO_LARGE,
            "bodyTooLarge",
            &format!(
                "the body is larger than this server's limit of {} bytes",
                state.body_limit
            ),
        ))
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.body_limit as u64) {
        return Err(too_large());
    }
    let collect = Limited::new(body, state.body_limit).collect();
    match tokio::time::timeout(state.deadline, collect).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Ok(Err(_)) => Err(Box::new(failure(
            StatusCode::BAD_REQUEST,
            "invalidBody",
            "the body could not be read",
        ))),
        Err(_) => Err(Box::new(failure(
            StatusCode::REQUEST_TIMEOUT,
            "requestTimeout",
            "the body did not arrive within the server's deadline",
        ))),
    }
}

/// Prices on the blocking pool once a pricing slot is free. The slot goes
/// with the work, so a request past its deadline still holds it until the
/// engine returns: concurrent pricing never exceeds `--workers`.
async fn price(
    state: &State,
    entry: Entry,
    bytes: Vec<u8>,
) -> Result<Result<String, Error>, Response> {
    let internal = || {
        failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internalError",
            "the server failed",
        )
    };
    let slot = state
        .pricing_slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| internal())?;
    let policy = state.policy.clone();
    let work = tokio::task::spawn_blocking(move || {
        let outcome = run_entry(&policy, entry, &bytes);
        drop(slot);
        outcome
    });
    work.await.map_err(|_| internal())
}

fn run_entry(policy: &KeyPolicy, entry: Entry, bytes: &[u8]) -> Result<String, Error> {
    let op = match entry {
        Entry::ShareEncode => ShareOp::Encode,
        Entry::ShareDecode => ShareOp::Decode,
        Entry::Price | Entry::Preview => return engine::run(entry, bytes),
    };
    let text = engine::checked_text(bytes)?;
    let text = policy.apply(op, text)?;
    engine::run(entry, text.as_bytes())
}

fn outcome_response(outcome: Result<String, Error>) -> Response {
    match outcome {
        Ok(text) => json(StatusCode::OK, text),
        Err(error) => {
            let status = if error.code == ErrorCode::InvalidJson {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            json(status, error.to_json())
        }
    }
}

fn not_allowed(allow: &'static str) -> Response {
    let mut response = failure(
        StatusCode::METHOD_NOT_ALLOWED,
        "methodNotAllowed",
        &format!("this route takes {allow}"),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// `{"error":{"code","path":"","message"}}` for faults of the HTTP layer.
fn failure(status: StatusCode, code: &str, message: &str) -> Response {
    #[derive(serde::Serialize)]
    struct Fault<'a> {
        code: &'a str,
        path: &'a str,
        message: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Wrapper<'a> {
        error: Fault<'a>,
    }
    let body = serde_json::to_string(&Wrapper {
        error: Fault {
            code,
            path: "",
            message,
        },
    })
    .unwrap_or_default();
    json(status, body)
}

fn json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
