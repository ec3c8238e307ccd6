// SPEC 10 (HTTP service): `sharecart serve` against the one-request CLI.
// Every golden vector (price, preview, share) byte-identical to the CLI's
// line; every status code provoked; body over the limit; wrong content
// type; slow clients; SIGTERM with requests in flight; the key never in
// the log. Usage: node tests/js/server.mjs path/to/sharecart (built with
// --features server).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import http from 'node:http';
import { join } from 'node:path';
import { root, loadPricingVectors, loadShareVectors, report } from './vectors.mjs';

const cli = process.argv[2] ?? join(root, 'target', 'server', 'sharecart');
const failures = [];
let checks = 0;
const check = (ok, message) => { checks++; if (!ok) failures.push(message); };
const servers = [];

/** The CLI's line for a request: [exit status, line without newline]. */
function single(args, input) {
  const out = spawnSync(cli, args, { input, maxBuffer: 64 << 20 });
  const text = (out.status === 0 ? out.stdout : out.stderr).toString('utf8').replace(/\n$/, '');
  return { status: out.status, text };
}
const httpStatusOf = ({ status, text }) => status === 0 ? 200
  : JSON.parse(text).error.code === 'invalidJson' ? 400 : 422;

/** Starts a server on a free port; resolves once it listens. */
function start(args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--bind', '127.0.0.1:0', ...args], {
      env: { ...process.env, SHARECART_SHARE_KEY: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    const server = { child, log: '', exited: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))) };
    child.stderr.on('data', (d) => {
      server.log += d;
      const m = /listening on http:\/\/([0-9.]+):(\d+)/.exec(server.log);
      if (m && !server.port) { server.port = Number(m[2]); resolve(server); }
    });
    server.exited.then(({ code }) => reject(new Error(`server exited ${code}: ${server.log}`)));
    servers.push(server);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** One HTTP request; resolves {status, type, body, headers}. */
function request(server, method, path, body, type = 'application/json', extra = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...extra };
    if (type) headers['content-type'] = type;
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers, agent }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectError(res, status, code, path, what) {
  let error;
  try { error = JSON.parse(res.body).error; } catch { error = undefined; }
  check(res.status === status && error?.code === code && error?.path === path && res.type === 'application/json',
    `${what}: want ${status} ${code} at ${JSON.stringify(path)}, got ${res.status} ${res.type} ${res.body.slice(0, 160)}`);
}

async function goldenVectors(plain) {
  for (const v of loadPricingVectors()) {
    const route = v.entry === 'preview' ? 'preview' : 'price';
    const want = single([route], v.requestText);
    const res = await request(plain, 'POST', `/v1/${route}`, v.requestText);
    check(res.status === httpStatusOf(want) && res.body === want.text && res.type === 'application/json',
      `${v.name}: HTTP ${res.status} ${res.body.slice(0, 120)} differs from the CLI (${want.text.slice(0, 120)})`);
  }
}

/** Share vectors: unkeyed ones byte-identical to the CLI on the plain
 *  server; keyed ones refused there, and on a server holding that key
 *  byte-identical to the CLI given the key (decode: and requireSignature). */
async function shareVectors(plain) {
  const keyed = new Map();
  for (const v of loadShareVectors()) {
    const route = `/v1/share/${v.vector.op}`;
    let doc;
    try { doc = JSON.parse(v.text); } catch { doc = undefined; }
    const key = doc?.options?.key;
    if (key === undefined || key === null) {
      const res = await request(plain, 'POST', route, v.text);
      if (doc?.options?.requireSignature === true) {
        expectError(res, 422, 'invalidKey', 'options.key', `${v.name} (no server key)`);
        continue;
      }
      const want = single(['share', v.vector.op], v.text);
      check(res.status === httpStatusOf(want) && res.body === want.text, `${v.name}: HTTP ${res.status} ${res.body} differs from the CLI ${want.text}`);
      continue;
    }
    expectError(await request(plain, 'POST', route, v.text), 422, 'invalidField', 'options.key', `${v.name} (key in request)`);
    if (!keyed.has(key)) keyed.set(key, await start([], { SHARECART_SHARE_KEY: key }).catch(() => null));
    const server = keyed.get(key);
    if (server === null) continue; // a key the server refuses at startup (checked below)
    const { key: _, ...options } = doc.options;
    const forHttp = JSON.stringify({ ...doc, options });
    const cliOptions = { ...options, key };
    const rs = options.requireSignature;
    if (v.vector.op === 'decode' && (rs === undefined || rs === null || typeof rs === 'boolean')) cliOptions.requireSignature = true;
    const want = single(['share', v.vector.op], JSON.stringify({ ...doc, options: cliOptions }));
    const res = await request(server, 'POST', route, forHttp);
    check(res.status === httpStatusOf(want) && res.body === want.text, `${v.name} (server key): HTTP ${res.status} ${res.body} differs from the CLI ${want.text}`);
  }
  return keyed;
}

async function keyHandling(plain) {
  const key = 'e37b3a74a3e3532914dc5f44f526d68c6490527e3d485e3d8f2fbee1a6031515';
  const dir = mkdtempSync(join(tmpdir(), 'sharecart-'));
  writeFileSync(join(dir, 'key'), key + '\n');
  const fromFile = await start(['--share-key-file', join(dir, 'key')]);
  const fromEnv = await start([], { SHARECART_SHARE_KEY: key });
  const fields = { page: 'item', targetId: '100012345678', promoterId: '1234567890', channel: 'qr', issuedAt: 1764000000000 };
  const a = await request(fromFile, 'POST', '/v1/share/encode', JSON.stringify({ fields }));
  const b = await request(fromEnv, 'POST', '/v1/share/encode', JSON.stringify({ fields }));
  const cliSigned = single(['share', 'encode'], JSON.stringify({ fields, options: { key } })).text;
  check(a.status === 200 && a.body === cliSigned && b.body === cliSigned, `server key signs: ${a.body} ${b.body} vs ${cliSigned}`);
  const code = JSON.parse(a.body).code;
  const decoded = await request(fromFile, 'POST', '/v1/share/decode', JSON.stringify({ input: code }));
  check(decoded.status === 200 && JSON.parse(decoded.body).verified === true, `server key verifies: ${decoded.body}`);
  const unsigned = JSON.parse((await request(plain, 'POST', '/v1/share/encode', JSON.stringify({ fields }))).body).code;
  expectError(await request(fromFile, 'POST', '/v1/share/decode', JSON.stringify({ input: unsigned, options: { requireSignature: false } })),
    422, 'unsignedCode', 'input', 'keyed decode requires a signature');
  for (const s of [fromFile, fromEnv]) {
    check(!s.log.toLowerCase().includes(key) && !s.log.includes(code) && !s.log.includes('100012345678'), 'the key, a code or a body appears in the log');
    check(s.log.includes('"route":"/v1/share/encode","status":200'), `log lines: ${s.log.slice(0, 300)}`);
  }
  for (const bad of ['zz', 'abcd', '000102030405060708090a0b0c0d0e0f0']) {
    const out = spawnSync(cli, ['serve', '--bind', '127.0.0.1:0'], { env: { ...process.env, SHARECART_SHARE_KEY: bad }, encoding: 'utf8', timeout: 10000 });
    check(out.status === 64 && !out.stderr.includes(bad), `bad key ${bad}: exit ${out.status}, ${out.stderr}`);
  }
}

async function statusCodes(plain) {
  const spec = readFileSync(join(root, 'examples', 'spec-cart.json'));
  const ok = await request(plain, 'POST', '/v1/price', spec, 'application/json; charset=utf-8');
  check(ok.status === 200 && ok.body === single(['price'], spec).text, `200 with charset: ${ok.status}`);
  const health = await request(plain, 'GET', '/healthz');
  check(health.status === 200 && health.body === '{"status":"ok"}' && health.type === 'application/json', `healthz: ${health.body}`);
  const info = await request(plain, 'GET', '/v1/info');
  check(info.status === 200 && info.body === single(['info'], '').text, `info: ${info.body}`);
  expectError(await request(plain, 'POST', '/v1/price', '{'), 400, 'invalidJson', '', '400');
  expectError(await request(plain, 'POST', '/v1/price', Buffer.from([0x7b, 0xff, 0x7d])), 400, 'invalidJson', '', '400 not UTF-8');
  expectError(await request(plain, 'POST', '/v1/price', '{"now":0,"lines":{}}'), 422, 'invalidType', 'lines', '422');
  expectError(await request(plain, 'POST', '/v1/price', spec, 'text/plain'), 415, 'unsupportedMediaType', '', '415 text/plain');
  expectError(await request(plain, 'POST', '/v1/price', spec, null), 415, 'unsupportedMediaType', '', '415 no content type');
  expectError(await request(plain, 'POST', '/v1/price', spec, 'application/jsonp'), 415, 'unsupportedMediaType', '', '415 application/jsonp');
  expectError(await request(plain, 'GET', '/v1/nope'), 404, 'notFound', '', '404');
  expectError(await request(plain, 'POST', '/'), 404, 'notFound', '', '404 root');
  const wrong = await request(plain, 'GET', '/v1/price');
  expectError(wrong, 405, 'methodNotAllowed', '', '405 GET /v1/price');
  check(wrong.headers.allow === 'POST', `405 Allow: ${wrong.headers.allow}`);
  expectError(await request(plain, 'DELETE', '/healthz'), 405, 'methodNotAllowed', '', '405 DELETE /healthz');
  check(!plain.log.includes('/v1/nope') && plain.log.includes('"route":"-","status":404'), 'unknown paths are logged as "-"');
}

async function bodyLimit() {
  const small = await start(['--body-limit', '1000']);
  const exact = Buffer.from('{"now":0,"lines":[]}' + ' '.repeat(980));
  const at = await request(small, 'POST', '/v1/price', exact);
  check(at.status === 200 && at.body === single(['price'], exact).text, `body of exactly the limit: ${at.status} ${at.body.slice(0, 100)}`);
  expectError(await request(small, 'POST', '/v1/price', Buffer.concat([exact, Buffer.from(' ')])), 413, 'bodyTooLarge', '', '413 (Content-Length)');
  // Chunked, no Content-Length: caught while reading.
  const chunked = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: small.port, method: 'POST', path: '/v1/price', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = ''; res.on('data', (d) => { body += d; }); res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    for (let i = 0; i < 30; i++) req.write(' '.repeat(100));
    req.end('{}');
  });
  expectError(chunked, 413, 'bodyTooLarge', '', '413 (chunked)');
  const big = await start(['--body-limit', '5000000']).catch(() => null);
  check(big === null, 'a body limit over 4 MiB is a usage error');
}

/** Raw socket: sends `head`, resolves with what the server sends back. */
function rawClient(server, head) {
  const socket = net.connect(server.port, '127.0.0.1');
  socket.write(head);
  let data = '';
  socket.on('data', (d) => { data += d; });
  const done = new Promise((resolve) => { socket.on('close', () => resolve(data)); socket.on('error', () => resolve(data)); });
  return { socket, done, text: () => data };
}

async function slowClientsAndDeadline() {
  const server = await start(['--deadline-ms', '1500', '--workers', '1']);
  // Headers sent, body stalls: answered 408 at the deadline.
  const stalledBody = rawClient(server, 'POST /v1/price HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"now":');
  // Headers never finished: holds only its own connection.
  const stalledHead = rawClient(server, 'POST /v1/price HTTP/1.1\r\nHost: x\r\nContent-Ty');
  await new Promise((r) => setTimeout(r, 100));
  const spec = readFileSync(join(root, 'examples', 'spec-cart.json'));
  for (let i = 0; i < 20; i++) {
    const res = await request(server, 'POST', '/v1/price', spec);
    check(res.status === 200, `request beside slow clients: ${res.status}`);
  }
  check(stalledBody.text() === '', 'the stalled client was answered before its deadline');
  const answer = await stalledBody.done;
  check(/^HTTP\/1.1 408/.test(answer) && answer.includes('"code":"requestTimeout"'), `stalled body: ${answer.slice(0, 200)}`);
  stalledHead.socket.destroy();

  // 503: a 1 ms deadline cannot price the extreme cart; the worker is free after.
  const tight = await start(['--deadline-ms', '1', '--workers', '1']);
  const extreme = readFileSync(join(root, 'benches', 'extreme.json'));
  expectError(await request(tight, 'POST', '/v1/price', extreme), 503, 'deadlineExceeded', '', '503');
  const after = await request(tight, 'GET', '/healthz');
  check(after.status === 200, `healthz after a 503: ${after.status}`);
}

async function sigtermInFlight() {
  const server = await start(['--workers', '1']);
  const large = readFileSync(join(root, 'benches', 'extreme.json'));
  const want = single(['price'], large).text;
  const fresh = new http.Agent({ keepAlive: false, maxSockets: 100 });
  const post = () => new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/v1/price', agent: fresh, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = ''; res.on('data', (d) => { body += d; }); res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(large);
  });
  const inFlight = Array.from({ length: 16 }, post);
  await inFlight[0];
  server.child.kill('SIGTERM');
  const results = await Promise.all(inFlight);
  const { code } = await server.exited;
  check(results.every((r) => r.status === 200 && r.body === want), `SIGTERM lost a request: ${results.map((r) => r.status).join(',')}`);
  check(code === 0, `exit after SIGTERM: ${code}`);
  const afterStop = server.log.split('stopping')[1] ?? '';
  check((afterStop.match(/"status":200/g) ?? []).length > 0, 'no request was in flight at SIGTERM (test did not test)');
  check(server.log.includes('requests in flight were answered'), 'no clean-stop line');
  const refused = await new Promise((resolve) => { const s = net.connect(server.port, '127.0.0.1'); s.on('connect', () => { s.destroy(); resolve(false); }); s.on('error', () => resolve(true)); });
  check(refused, 'the port still accepts after exit');
}

try {
  const plain = await start();
  await goldenVectors(plain);
  await shareVectors(plain);
  await keyHandling(plain);
  await statusCodes(plain);
  await bodyLimit();
  await slowClientsAndDeadline();
  await sigtermInFlight();
  check(!plain.log.includes('"now":'), 'a request body appears in the log');
} catch (e) {
  failures.push(`aborted: ${e.stack}`);
} finally {
  for (const s of servers) s.child.kill('SIGKILL');
  agent.destroy();
}
report('server', failures, checks);
