// The bench page (scripts/bench/page.html) in a fresh headless Chromium,
// shared by scripts/bench-wasm.mjs and scripts/bench-hostile.mjs. Debian's
// /usr/bin/chromium through playwright-core: nothing is downloaded. Files
// come from disk through the route (nothing listens on the port), only
// from the folders in `served`; COOP/COEP make the page cross-origin
// isolated, so performance.now() is fine-grained (5 µs).

import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
const ORIGIN = 'http://127.0.0.1:8787';

/** Runs `body(page, browserVersion)` on the loaded bench page, then closes the browser. */
export async function withBenchPage(chromium, root, served, body) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname.slice(1));
      const file = join(root, path);
      if (!served.some((p) => path.startsWith(p)) || path.includes('..') || !existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
          'cross-origin-resource-policy': 'same-origin',
        },
      });
    });
    await page.goto(`${ORIGIN}/scripts/bench/page.html`);
    await page.waitForFunction(() => window.ready === true);
    return await body(page, browser.version());
  } finally {
    await browser.close();
  }
}
