# `sharecart serve` in a container (docs/server.md). Not built by the tests.
#   docker build -t sharecart .
#   docker run -p 8787:8787 -e SHARECART_SHARE_KEY=... sharecart
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --locked --profile server --features server --bin sharecart

FROM debian:bookworm-slim
COPY --from=build /src/target/server/sharecart /usr/local/bin/sharecart
USER nobody
EXPOSE 8787
# Stateless: run as many replicas as needed behind a load balancer that
# health-checks GET /healthz. SIGTERM drains in-flight requests, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["sharecart", "serve", "--bind", "0.0.0.0:8787"]
