// The web demo (www/) in a fresh headless Chromium, for issue 16's question
// "what is engine and what is page" in the demo's first pricing and in a tap.
// The page times each re-price itself (window.sharecartDemo.timings: the
// engine's priceCart, its previewShareCard, the DOM update); around each tap
// this adds the whole synchronous handler, so the rest — building the
// request, publishing the state — is the difference.
//
// The demo page is not cross-origin isolated (it has no need to be), so
// performance.now() ticks at 0.1 ms here: the figures are medians over many
// taps, not single readings.

import { startServer } from '../../www/serve.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser.mjs';

const NOW = 1764000000000; // the demo clock the browser test pins

/** Loads the demo `loads` times (a fresh browser each) and taps `taps` times in the last. */
export async function measureDemo(chromium, { loads = 5, taps = 60 } = {}) {
  const { server, url } = await startServer({ port: 0 });
  try {
    const firsts = [];
    let tapRuns = [];
    for (let i = 0; i < loads; i++) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      try {
        const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
        await page.goto(`${url}?now=${NOW}`);
        await page.waitForFunction(() => window.sharecartDemo?.ready || window.sharecartDemo?.loadError, null, { timeout: 15000 });
        const first = await page.evaluate(() => {
          const demo = window.sharecartDemo;
          if (demo.loadError) throw new Error(`the demo did not load: ${demo.loadError}`);
          const [t] = demo.timings;
          return { engineMs: t.engineMs, previewMs: t.previewMs, renderMs: t.renderMs };
        });
        firsts.push(first);
        if (i === loads - 1) tapRuns = await page.evaluate(tapInPage, taps);
      } finally {
        await browser.close();
      }
    }
    return { firsts, taps: tapRuns };
  } finally {
    server.close();
  }
}

// Runs in the page: `+` on the first cart line, then `−`, alternately, so
// the cart stays the same size; each click runs reprice() synchronously.
function tapInPage(taps) {
  const demo = window.sharecartDemo;
  const out = [];
  for (let i = 0; i < taps; i++) {
    const action = i % 2 === 0 ? 'inc' : 'dec';
    const button = document.querySelector(`#cart-shops [data-action="${action}"]`);
    if (!button) throw new Error(`no ${action} button in the cart`);
    const before = demo.timings.length;
    const t0 = performance.now();
    button.click();
    const handlerMs = performance.now() - t0;
    const t = demo.timings[before];
    if (!t) throw new Error('the tap did not re-price');
    out.push({ handlerMs, engineMs: t.engineMs, previewMs: t.previewMs, renderMs: t.renderMs });
  }
  return out;
}
