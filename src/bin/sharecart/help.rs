//! SPEC 10 (command line): usage texts for `--help` and `help <command>`.

pub const OVERVIEW: &str = "\
usage: sharecart <command> [options]

commands:
  price               price one cart: pricing request on stdin, result on stdout
  preview             share-card preview of a one-line pricing request
  share encode        {\"fields\", \"options\"?} on stdin -> {\"code\"}
  share decode        {\"input\", \"options\"?} on stdin -> {\"fields\", \"signed\", \"verified\"}
  info                {\"version\", \"spec\"} of this engine
  serve               the HTTP service (SPEC 10)
  help [command]      this text, or a command's

options:
  -h, --help          print usage and exit
  -V, --version       print the engine version and spec version

One JSON document in, one compact line out. Invalid input: {\"error\":…} on
stderr, exit 2; usage errors: exit 64.";

const PRICE: &str = "\
usage: sharecart price [--ndjson [--jobs N]]

Reads a pricing request (SPEC 1) on stdin and writes the result (SPEC 7a).

  --ndjson    batch: one request per line in, one result line (or
              {\"error\":…}) per line out, in input order; exit 0 unless
              stdin or stdout fails
  --jobs N    price N lines in parallel (default: the machine's cores);
              never changes the output";

const PREVIEW: &str = "\
usage: sharecart preview [--ndjson [--jobs N]]

Reads a pricing request with one line and writes the share-card preview
(SPEC 7). --ndjson and --jobs as for `sharecart price`.";

const SHARE: &str = "\
usage: sharecart share encode | sharecart share decode

encode: {\"fields\": {...}, \"options\": {\"key\"?, \"maxLength\"?}} -> {\"code\": \"...\"}
decode: {\"input\": \"...\", \"options\": {\"key\"?, \"requireSignature\"?, \"now\"?, \"maxAgeMs\"?}}
        -> {\"fields\": {...}, \"signed\": bool, \"verified\": bool}
(SPEC 9)";

const INFO: &str = "\
usage: sharecart info

Writes {\"version\", \"spec\"} of this engine.";

const SERVE: &str = "\
usage: sharecart serve [--bind ADDR] [--workers N] [--body-limit BYTES]
                       [--share-key-file PATH] [--deadline-ms N]

The HTTP service of SPEC 10: POST /v1/price, /v1/preview, /v1/share/encode,
/v1/share/decode; GET /v1/info, /healthz.

  --bind ADDR            listen address (default 127.0.0.1:8787)
  --workers N            requests priced at once (default: the machine's cores)
  --body-limit BYTES     largest request body (default 1048576; at most 4194304)
  --share-key-file PATH  the share-code key as hex (else $SHARECART_SHARE_KEY)
  --deadline-ms N        answer 503 when a request takes longer (default 2000)

SIGTERM (or Ctrl-C) stops accepting, finishes the requests in flight and exits 0.
Logs: one line per request on stderr (method, route, status, duration).
See docs/server.md.";

/// The usage text of a command (`None` for an unknown one).
pub fn command(name: &str) -> Option<&'static str> {
    match name {
        "price" => Some(PRICE),
        "preview" => Some(PREVIEW),
        "share" | "encode" | "decode" => Some(SHARE),
        "info" => Some(INFO),
        "serve" => Some(SERVE),
        "help" => Some(OVERVIEW),
        _ => None,
    }
}
