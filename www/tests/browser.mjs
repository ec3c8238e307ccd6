// Browser test of the web demo (www/): Debian's Chromium driven by
// playwright-core. It serves the page itself, taps through the cart, the
// coupon wallet, the language toggle, the promoter view and the raw-JSON
// panel, and after every step checks that each figure on the page is exactly
// what the native CLI (`sharecart price` / `preview` / `share`) returns for
// the request the page sent (window.sharecartDemo.lastRequest).
//
//   node www/tests/browser.mjs            (make test-web builds the CLI first)
//
// Env: SHARECART_CLI (default target/release/sharecart), CHROMIUM (default
// /usr/bin/chromium), SHARECART_WEB_ALLOW_NO_SHARE=1 to let a package without
// the share-code API pass (the page must then say so).
//
// The phone screenshot (375×812) is written to target/web-demo/ on every run
// and copied to docs/web-demo-phone.png when that file is missing or when
// SHARECART_UPDATE_SCREENSHOT=1 (the engine time on it changes every run, so
// a plain test run leaves the committed picture alone). Without a CJK font
// (fonts-noto-cjk) docs/ is never touched: the picture would show boxes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../serve.mjs';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = path.resolve(WWW, '..');
const CLI = process.env.SHARECART_CLI ?? path.join(ROOT, 'target', 'release', 'sharecart');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ALLOW_NO_SHARE = process.env.SHARECART_WEB_ALLOW_NO_SHARE === '1';
const SCREENSHOT = path.join(ROOT, 'docs', 'web-demo-phone.png');
const FRESH_SHOT = path.join(ROOT, 'target', 'web-demo', 'web-demo-phone.png');
const UPDATE_SHOT = process.env.SHARECART_UPDATE_SCREENSHOT === '1';
const NOW = 1764000000000; // pinned demo clock: 2025-11-24T16:00:00Z
const FRAME_MS = 16;
const PRODUCTS_FIRST = '100012345678'; // the earbuds, first in the catalogue
const started = Date.now();

let passed = 0;
const failures = [];
const notes = [];
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failures.push(detail ? `${name}: ${detail}` : name);
  return ok;
}
const eq = (name, got, want) => check(name, got === want, `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);

// ---- the CLI -----------------------------------------------------------------
function cli(args, input) {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const out = spawnSync(CLI, args, { input: text, encoding: 'utf8' });
  if (out.error) throw new Error(`cannot run ${CLI}: ${out.error.message}`);
  const res = { status: out.status, stdout: out.stdout, stderr: out.stderr };
  if (out.status === 0) res.json = JSON.parse(out.stdout);
  else if (out.status === 2) res.error = JSON.parse(out.stderr).error;
  return res;
}

function at(obj, p) {
  let v = obj;
  for (const key of p.match(/[^.[\]]+/g) ?? []) {
    if (v === undefined || v === null) return undefined;
    v = v[/^\d+$/.test(key) ? Number(key) : key];
  }
  return v;
}

// ---- what the page shows -----------------------------------------------------
async function snapshot(page) {
  return page.evaluate(() => {
    const d = window.sharecartDemo;
    const grab = (attr) => [...document.querySelectorAll(`[${attr}]`)].map((el) => ({ key: el.getAttribute(attr), text: el.textContent }));
    // Money-looking text that no marker explains: a figure the page made up.
    const strays = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!/\d\.\d\d(?!\d)/.test(n.nodeValue)) continue;
      const el = n.parentElement;
      if (el.closest('[data-fig],[data-req],[data-cat],[data-nofig],textarea,pre,script,style,code')) continue;
      strays.push(n.nodeValue.trim());
    }
    return {
      requestText: d.lastRequest ? JSON.stringify(d.lastRequest) : null,
      resultText: d.lastResult ? JSON.stringify(d.lastResult) : null,
      error: d.lastError,
      previewRequestText: d.lastPreviewRequest ? JSON.stringify(d.lastPreviewRequest) : null,
      previewText: d.lastPreview ? JSON.stringify(d.lastPreview) : null,
      decode: d.lastDecode ? JSON.parse(JSON.stringify(d.lastDecode)) : null,
      catalog: d.catalog,
      figs: grab('data-fig'), reqs: grab('data-req'), cats: grab('data-cat'),
      coupons: [...document.querySelectorAll('#coupon-wallet .coupon')].map((el) => ({
        id: el.dataset.coupon, status: el.dataset.status, reason: el.querySelector('[data-reason]')?.dataset.reason ?? null,
      })),
      strays,
    };
  });
}

const PRICE_REQUIRED = [
  'totals.listAmount', 'totals.priceReduction', 'totals.promotionDiscount', 'totals.couponDiscount',
  'totals.shippingFee', 'totals.shippingDiscount', 'totals.payable', 'totals.savings',
  'commission.base', 'commission.gross', 'commission.platformFee', 'commission.operator',
  'commission.beneficiaries[0].amount', 'commission.beneficiaries[1].amount',
];

// Every figure on the page against the CLI, for the request the page sent.
async function verify(page, step) {
  const s = await snapshot(page);
  const tag = `[${step}]`;
  if (!check(`${tag} page has a request and a result`, s.requestText && s.resultText, JSON.stringify(s.error))) return s;
  const request = JSON.parse(s.requestText);
  const out = cli(['price'], s.requestText);
  if (!check(`${tag} CLI prices the page's request`, out.status === 0, out.stderr)) return s;
  eq(`${tag} wasm result == CLI result (byte for byte)`, s.resultText + '\n', out.stdout);
  const want = out.json;

  let preview = null;
  if (s.previewRequestText) {
    const pv = cli(['preview'], s.previewRequestText);
    if (check(`${tag} CLI previews the page's share-card request`, pv.status === 0, pv.stderr)) {
      preview = pv.json;
      eq(`${tag} wasm preview == CLI preview`, s.previewText + '\n', pv.stdout);
    }
  }
  let decoded = null;
  if (s.decode?.result) {
    const dc = cli(['share', 'decode'], { input: s.decode.input, ...(s.decode.options ? { options: s.decode.options } : {}) });
    if (check(`${tag} CLI decodes the page's share input`, dc.status === 0, dc.stderr)) {
      decoded = dc.json;
      eq(`${tag} wasm decode == CLI decode`, JSON.stringify(s.decode.result), JSON.stringify(decoded));
    }
  }

  const sources = { price: want, preview, decode: decoded };
  const seen = new Set();
  let bad = 0;
  for (const { key, text } of s.figs) {
    const [src, p] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    seen.add(key);
    const v = sources[src] ? at(sources[src], p) : undefined;
    if (v === undefined || String(v) !== text) {
      bad++;
      check(`${tag} figure ${key}`, false, `page shows ${JSON.stringify(text)}, CLI says ${JSON.stringify(v)}`);
    }
  }
  check(`${tag} ${s.figs.length} figures equal the CLI's`, bad === 0 && s.figs.length > 0);
  for (const { key, text } of s.reqs) {
    const v = at(request, key);
    if (String(v) !== text) check(`${tag} request figure ${key}`, false, `page shows ${text}, request has ${v}`);
  }
  for (const { key, text } of s.cats) {
    const [sku, p] = key.split(/:(.*)/s);
    const v = at(s.catalog.find((x) => x.skuId === sku), p);
    if (String(v) !== text) check(`${tag} catalogue figure ${key}`, false, `page shows ${text}, catalogue has ${v}`);
  }
  check(`${tag} no unexplained amounts on the page`, s.strays.length === 0, s.strays.slice(0, 5).join(' | '));

  // Nothing the engine said is left out.
  const missing = [];
  const need = (p) => { if (!seen.has(`price:${p}`)) missing.push(p); };
  PRICE_REQUIRED.forEach(need);
  request.lines.forEach((l, i) => { if (want.lines[i].status === 'priced') { need(`lines[${i}].paid`); want.lines[i].unitPrices.forEach((_, k) => need(`lines[${i}].unitPrices[${k}].price`)); } });
  request.shops.forEach((sh, i) => { if (request.lines.some((l) => l.shopId === sh.id)) { need(`shops[${i}].paid`); need(`shops[${i}].goodsAmount`); need(`shops[${i}].shippingFee`); } });
  want.promotions.forEach((pr, k) => { if (pr.nextTier) need(`promotions[${k}].nextTier.${pr.nextTier.quantityShortfall !== undefined ? 'quantityShortfall' : 'shortfall'}`); });
  want.coupons.forEach((c, k) => {
    if (c.discount !== undefined) need(`coupons[${k}].discount`);
    if (c.shortfall !== undefined) need(`coupons[${k}].shortfall`);
  });
  check(`${tag} every result figure is on the page`, missing.length === 0, missing.join(', '));
  eq(`${tag} coupon count`, s.coupons.length, want.coupons.length);
  s.coupons.forEach((c, k) => {
    const w = want.coupons[k];
    if (!w || c.id !== w.id || c.status !== w.status || c.reason !== (w.reason ?? null)) {
      check(`${tag} coupon ${c.id}`, false, `page ${JSON.stringify(c)}, CLI ${JSON.stringify(w)}`);
    }
  });
  return { ...s, request, result: want, preview };
}

// ---- helpers ------------------------------------------------------------------
async function tap(page, selector) {
  const before = await page.evaluate(() => window.sharecartDemo.updates ?? 0);
  await page.click(selector);
  await page.waitForFunction((n) => (window.sharecartDemo.updates ?? 0) > n, before, { timeout: 5000 }).catch(() => {});
}
const tab = (page, view) => page.click(`#tabbar [data-view="${view}"]`);
const requestOf = (page) => page.evaluate(() => window.sharecartDemo.lastRequest);
const cspViolations = (page) => page.evaluate(() => window.__cspViolations ?? ['no listener installed']);

// ---- the run -------------------------------------------------------------------
async function run() {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`cargo build --release --bin sharecart\` (make test-web does)`);
  if (!fs.existsSync(path.join(ROOT, 'pkg', 'web', 'sharecart.js'))) throw new Error('pkg/web is missing: run `make pkg`');
  const cliShare = cli(['share', 'decode'], { input: 'x' }).status !== 64;

  const { server, url } = await startServer({ port: 0 });
  const origin = new URL(url).origin;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const problems = [];
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/') || u.startsWith('data:')) return route.continue();
      problems.push(`network request outside the demo: ${u}`);
      return route.abort();
    });
    // Every Content-Security-Policy violation, on every page of the run.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });

    // 1. Open the page.
    const opened = await page.goto(`${url}?now=${NOW}`);
    check('the page is served with a Content-Security-Policy', /script-src 'self' 'wasm-unsafe-eval'/.test(opened.headers()['content-security-policy'] ?? ''),
      opened.headers()['content-security-policy']);
    await page.waitForFunction(() => window.sharecartDemo?.ready || window.sharecartDemo?.loadError, null, { timeout: 15000 });
    const loadError = await page.evaluate(() => window.sharecartDemo.loadError);
    if (!check('engine loads', !loadError, loadError)) return;
    eq('Chinese by default', await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    check('engine version shown', /sharecart \d+\.\d+\.\d+ · spec 2/.test(await page.textContent('#engine-version')));
    await verify(page, 'open');
    const openHints = await page.locator('#cart-shops [data-hint]').allInnerTexts();
    check('a 凑单 hint reads 再买 X 减 Y', openHints.some((h) => /^再买 \d+\.\d\d 减 \d+\.\d\d$/.test(h)), JSON.stringify(openHints));
    // By hand (SPEC 3): earbuds at the flash price 249.00 meet P1's 199 tier,
    // the next is 399: 150.00 short for 50.00 off; nuts 99.90 meet P4's 88,
    // the next is 158: 58.10 short for 25.00; one jerky in P3 (by quantity,
    // first tier 2 items at 0.9): 1 item short.
    eq('P1 hint', await hintText(page, 'P1'), '再买 150.00 减 50.00');
    eq('P4 hint', await hintText(page, 'P4'), '再买 58.10 减 25.00');
    eq('P3 quantity hint', await hintText(page, 'P3'), '再买1件享 9折');
    await unsupportedCoupon(page, '升级后可用');
    const shareAvailable = await page.evaluate(() => window.sharecartDemo.shareCodeAvailable);
    check('no horizontal scrolling at 375 px', await page.evaluate(() => document.scrollingElement.scrollWidth <= 375));

    // 2. Add items from the catalogue.
    await tab(page, 'shop');
    check('catalogue shows 12 products', (await page.locator('#catalog .product').count()) === 12);
    check('catalogue covers JD self-operated and two POP shops', (await page.locator('#catalog .shop-title').count()) === 3);
    for (const sku of ['100023400001', '100034567892', '100023400004', '100023400001']) {
      await tap(page, `#catalog [data-action="add"][data-sku="${sku}"]`);
    }
    let req = await requestOf(page);
    eq('rice added twice -> quantity 2', req.lines.find((l) => l.skuId === '100023400001')?.quantity, 2);
    eq('mango added', req.lines.find((l) => l.skuId === '100034567892')?.quantity, 1);
    eq('cart has 8 lines', req.lines.length, 8);
    await verify(page, 'added items');
    // By hand (SPEC 3, everyAmountOff): two bags of rice at the flash price,
    // 2 × 49.90 = 99.80 in P6 (every 100, 10 off, at most 30): today
    // floor(99.80 / 100) × 10 = 0; at 100.00 it gives 10.00, 0.20 short.
    eq('P6 every-amount hint', await hintText(page, 'P6'), '再买 0.20 减 10.00');

    // 3. Quantities and selection in the cart.
    await tab(page, 'cart');
    await tap(page, '#cart-shops [data-action="inc"][data-sku="100012345678"]');
    await verify(page, 'earbuds +1');
    await tap(page, '#cart-shops [data-action="dec"][data-sku="100023400002"]');
    await verify(page, 'milk -1');
    const qty = page.locator('#cart-shops input[data-qty="100034567890"]');
    await qty.fill('3');
    const before = await page.evaluate(() => window.sharecartDemo.updates);
    await qty.dispatchEvent('change');
    await page.waitForFunction((n) => window.sharecartDemo.updates > n, before);
    req = await requestOf(page);
    eq('typed quantity 3', req.lines.find((l) => l.skuId === '100034567890')?.quantity, 3);
    eq('earbuds quantity 2', req.lines.find((l) => l.skuId === '100012345678')?.quantity, 2);
    eq('milk quantity 1', req.lines.find((l) => l.skuId === '100023400002')?.quantity, 1);
    await verify(page, 'nuts typed 3');
    await tap(page, '#cart-shops [data-action="toggle-line"][data-sku="100034567891"]');
    req = await requestOf(page);
    eq('pork jerky unselected', req.lines.find((l) => l.skuId === '100034567891')?.selected, false);
    let s = await verify(page, 'unselect jerky');
    eq('unselected line reported as such', s.result.lines.find((l) => l.id === 'L100034567891')?.status, 'unselected');
    await tap(page, '#cart-shops [data-action="toggle-shop"][data-shop="1000104233"]');
    req = await requestOf(page);
    eq('shop checkbox selects the tea line', req.lines.find((l) => l.skuId === '100045678901')?.selected, true);
    s = await verify(page, 'select tea shop');
    check('a 凑单 hint is shown', (await page.locator('#cart-shops [data-hint]').count()) > 0 && s.result.promotions.some((p) => p.nextTier));
    const hints = await page.locator('#cart-shops [data-hint]').allInnerTexts();
    check('the gift hint reads 再买 X 得赠品', hints.some((h) => /^再买 \d+\.\d\d 得赠品$/.test(h)), JSON.stringify(hints));

    // 4. PLUS member prices.
    await tap(page, '#btn-plus');
    eq('PLUS in the request', (await requestOf(page)).user.plus, true);
    s = await verify(page, 'PLUS on');
    check('PLUS unit price shown', s.result.lines.some((l) => l.unitPrices?.some((u) => u.kind === 'plus')) && (await page.locator('#cart-shops .up.kind-plus').count()) > 0);

    // 5. Coupons: best, then pick by hand.
    const best = s.result.coupons.filter((c) => c.status === 'applied').map((c) => c.id);
    const bestPayable = s.result.totals.payable;
    check('best mode applies some coupons', best.length > 0);
    eq('best mode in the request', JSON.stringify((await requestOf(page)).couponSelection), '{"mode":"best"}');
    await tap(page, '#coupon-wallet [data-action="mode"][data-mode="manual"]');
    eq('manual mode starts from the best pick', JSON.stringify((await requestOf(page)).couponSelection), JSON.stringify({ mode: 'manual', ids: best }));
    s = await verify(page, 'manual mode');
    eq('manual pick of the best coupons pays the same', s.result.totals.payable, bestPayable);
    const picks = [...best];
    const toggle = async (id) => {
      await tap(page, `#coupon-wallet [data-coupon="${id}"]`);
      const i = picks.indexOf(id);
      if (i >= 0) picks.splice(i, 1); else picks.push(id);
    };
    await toggle(best[best.length - 1]); // drop one
    await toggle('C6'); // the no-minimum voucher
    await toggle('C2'); // a second JD shop coupon: its slot is taken when C1 is picked
    await toggle('C7'); // the exclusive coupon, after others were accepted
    eq('manual ids follow the taps', JSON.stringify((await requestOf(page)).couponSelection), JSON.stringify({ mode: 'manual', ids: picks }));
    s = await verify(page, 'manual picks');
    check('a conflict is explained on the page', s.coupons.some((c) => c.reason === 'stackingConflict' || c.reason === 'exclusiveConflict'),
      JSON.stringify(s.coupons));
    check('picked coupons are marked in tap order', (await page.locator('#coupon-wallet .coupon.picked .order').allTextContents()).length === picks.length);
    await tap(page, '#coupon-wallet [data-action="mode"][data-mode="best"]');
    eq('back to best', (await requestOf(page)).couponSelection.mode, 'best');
    await verify(page, 'best again');
    await constraintsPart(context, url);

    // 6. English.
    await tap(page, '#btn-lang');
    eq('English after the toggle', await page.evaluate(() => document.documentElement.lang), 'en');
    check('English labels', (await page.textContent('#breakdown')).includes('Payable') && (await page.textContent('#tabbar')).includes('Cart'));
    await verify(page, 'English');
    await unsupportedCoupon(page, 'Update to use');
    eq('P3 quantity hint in English', await hintText(page, 'P3'), 'Add 1 more item(s) to pay 90%');
    await tap(page, '#btn-lang');
    eq('back to Chinese', await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    check('Chinese labels', (await page.textContent('#breakdown')).includes('实付款'));

    // 7. Promoter view: share card, share code, QR, decode.
    await tab(page, 'promote');
    await tap(page, '#share-card [data-action="promo-sku"][data-sku="100045678901"]');
    s = await verify(page, 'share card');
    eq('share card is for the tea', s.preview?.skuId, '100045678901');
    check('券后价 shown', (await page.locator('#share-card [data-fig="preview:finalAmount"]').count()) === 1);
    check('sharer earnings shown', (await page.locator('#share-card [data-fig="preview:earnings[0].amount"]').count()) === 1);
    if (!shareAvailable) {
      check('page says the share-code API is missing', await page.isVisible('#share-unavailable'));
      if (ALLOW_NO_SHARE) notes.push('share codes SKIPPED: pkg/web has no encodeShareCode/decodeShareCode');
      else check('pkg/web exports encodeShareCode and decodeShareCode', false, 'rebuild pkg/web (make pkg)');
    } else if (!cliShare) {
      check('the CLI has `share encode|decode`', ALLOW_NO_SHARE, 'rebuild target/release/sharecart');
    } else {
      await sharePart(page, url);
    }

    // 8. Raw JSON: price the current request, then break it.
    await tab(page, 'dev');
    await page.click('[data-action="raw-load"]');
    const rawText = await page.inputValue('#raw-input');
    eq('raw panel holds the current request', JSON.stringify(JSON.parse(rawText)), JSON.stringify(await requestOf(page)));
    await page.click('#btn-raw-price');
    const rawOut = cli(['price'], rawText);
    eq('raw result == CLI output', (await page.getAttribute('#raw-result', 'data-raw-text')) + '\n', rawOut.stdout);
    await rawError(page, 'negative price', () => page.click('[data-fault="negative"]'), 'invalidAmount', 'lines[1].listPrice', '"-1"');
    await rawError(page, 'third level', () => page.click('[data-fault="levels"]'), 'tooManyLevels', 'commission.beneficiaries', '"beneficiaries"');
    await rawError(page, 'repeated key', () => page.click('[data-fault="repeat"]'), 'invalidJson', '', null);
    await page.fill('#raw-input', rawText.replace('"quantity": 1,', '"quantity": 1.5,'));
    await rawError(page, 'typed fractional quantity', () => page.click('#btn-raw-price'), 'invalidQuantity', null, '1.5');
    await page.fill('#raw-input', '{"now": 1764000000000, "lines": [');
    await rawError(page, 'truncated JSON', () => page.click('#btn-raw-price'), 'invalidJson', '', null);
    await rawWarning(page, 'typo', 'unknownField', 'coupon');
    await rawWarning(page, 'seconds', 'timeInSeconds', 'now');
    await page.fill('#raw-input', rawText);
    await page.click('#btn-raw-price');
    check('a fixed request prices again', await page.isVisible('#raw-result'));
    eq('a request without warnings shows none', await page.locator('#raw-warnings').count(), 0);

    // 9. The engine time of every re-price after the first is measured and
    // reported against a frame, not asserted: timing belongs to benchmarks
    // (docs/performance.md), and a loaded CI machine must not fail the suite.
    const timings = await page.evaluate(() => window.sharecartDemo.timings);
    const later = timings.slice(1);
    check('every tap was timed', later.length > 10 && later.every((t) => t.engineMs >= 0));
    const worst = Math.max(...later.map((t) => t.engineMs + t.previewMs));
    notes.push(`engine + preview per tap: worst ${worst.toFixed(2)} ms over ${later.length} re-prices (${worst < FRAME_MS ? 'within' : 'OVER'} a ${FRAME_MS} ms frame; first load excluded: ${(timings[0].engineMs + timings[0].previewMs).toFixed(2)} ms); DOM update worst ${Math.max(...later.map((t) => t.renderMs)).toFixed(2)} ms`);
    check('engine time shown on the page', /\d+\.\d\d ms/.test(await page.textContent('#engine-time')));

    // 10. Remove lines down to an empty cart (valid: it prices to zero).
    await tab(page, 'cart');
    await tap(page, '#cart-shops [data-action="remove"][data-sku="100034567892"]');
    check('removed line leaves the request', !(await requestOf(page)).lines.some((l) => l.skuId === '100034567892'));
    await verify(page, 'remove mango');
    for (let n = await page.locator('#cart-shops [data-action="remove"]').count(); n > 0; n--) {
      await tap(page, '#cart-shops [data-action="remove"] >> nth=0');
    }
    s = await verify(page, 'empty cart');
    eq('empty cart pays 0.00', s.result.totals.payable, '0.00');
    check('empty cart message', await page.isVisible('#cart-shops .empty'));

    // 11. Desktop layout.
    await page.setViewportSize({ width: 1280, height: 900 });
    check('desktop: tab bar hidden', !(await page.isVisible('#tabbar')));
    check('desktop: catalogue and cart side by side', (await page.isVisible('#view-shop')) && (await page.isVisible('#view-cart')));
    await page.setViewportSize({ width: 375, height: 812 });

    await escapingPart(context, url);
    check('no errors, no failed or outside requests', problems.length === 0, problems.join('; '));
    check('no Content-Security-Policy violation', (await cspViolations(page)).length === 0, (await cspViolations(page)).join('; '));

    // 12. Phone screenshot of a fresh cart.
    const shot = await context.newPage();
    await shot.goto(`${url}?now=${NOW}`);
    await shot.waitForFunction(() => window.sharecartDemo?.ready);
    await verify(shot, 'screenshot page');
    fs.mkdirSync(path.dirname(FRESH_SHOT), { recursive: true });
    await shot.screenshot({ path: FRESH_SHOT });
    check('phone screenshot written', fs.statSync(FRESH_SHOT).size > 10000);
    notes.push(`screenshot: ${path.relative(ROOT, FRESH_SHOT)} (375×812 @2x)`);
    const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '';
    if (!fonts.trim()) {
      notes.push('no CJK font installed (apt-get install fonts-noto-cjk): docs/ screenshot left alone');
    } else if (UPDATE_SHOT || !fs.existsSync(SCREENSHOT)) {
      fs.copyFileSync(FRESH_SHOT, SCREENSHOT);
      notes.push(`screenshot copied to ${path.relative(ROOT, SCREENSHOT)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

// Ids are any strings (SPEC 0): a coupon and a product whose ids are markup
// must show as text, in attributes too, and never become elements.
async function escapingPart(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}?now=${NOW}&view=shop`);
  await page.waitForFunction(() => window.sharecartDemo?.ready);
  const hostile = '"><i id="pwn">x</i><img src=x id=\'pwn2\'>';
  await page.evaluate(async (id) => {
    const { COUPONS, PRODUCTS, bySku } = await import('./state.js');
    COUPONS.push({ id, kind: 'amountOff', stage: 'platform', threshold: '0', off: '1' });
    const product = { ...PRODUCTS[0], skuId: id };
    PRODUCTS.push(product);
    bySku.set(id, product);
  }, hostile);
  await tap(page, `#catalog [data-action="add"][data-sku="${PRODUCTS_FIRST}"]`);
  const seen = await page.evaluate((id) => ({
    injected: document.querySelectorAll('#pwn, #pwn2').length,
    coupon: [...document.querySelectorAll('#coupon-wallet [data-coupon]')].some((el) => el.dataset.coupon === id),
    product: [...document.querySelectorAll('#catalog [data-sku]')].some((el) => el.dataset.sku === id),
  }), hostile);
  eq('escaping: no element made from an id', seen.injected, 0);
  check('escaping: the hostile coupon id is an attribute value, as written', seen.coupon);
  check('escaping: the hostile sku is an attribute value, as written', seen.product);
  await verify(page, 'hostile ids');
  check('escaping: no Content-Security-Policy violation', (await cspViolations(page)).length === 0, (await cspViolations(page)).join('; '));
  await page.close();
}

const hintText = (page, promotionId) => page.locator(`#cart-shops [data-hint="${promotionId}"]`).innerText().catch(() => null);

// C11 is of a kind this engine does not know (SPEC 4): listed, greyed out,
// "update to use", not tappable, and named in the result's `unsupported`.
async function unsupportedCoupon(page, label) {
  const c11 = page.locator('#coupon-wallet [data-coupon="C11"]');
  eq(`C11 (${label}): reason`, await c11.locator('[data-reason]').getAttribute('data-reason').catch(() => null), 'unsupported');
  eq(`C11 (${label}): label`, await c11.locator('.reason').innerText().catch(() => null), label);
  check(`C11 (${label}): greyed out and not tappable`, (await c11.getAttribute('class') ?? '').includes('unsupported') && await c11.isDisabled());
  check(`C11 (${label}): the wallet says an update is needed`, await page.isVisible('#unsupported-notice'));
  eq(`C11 (${label}): result.unsupported`, JSON.stringify(await page.evaluate(() => window.sharecartDemo.lastResult?.unsupported)),
    JSON.stringify({ promotionIds: [], couponIds: ['C11'] }));
}

// Best mode with the buyer's constraints (SPEC 4) on a fresh page: the
// opening cart, each step's payable and applied coupons worked by hand.
//   After promotions: earbuds 249.00 − 20.00 (P1) = 229.00; milk 2 × 69.90
//   − 34.95 (P2, 2nd at half) = 104.85; nuts 99.90 − 10.00 (P4) = 89.90;
//   jerky 29.90 (P3, no tier). JD 333.85, Bestore 119.80, both past free
//   shipping; goods 453.65. Usable: C1 (JD, 199 → 30), C3 (Bestore, 79 → 8),
//   C5 (platform, 299 → 40), C6 (platform, no minimum → 5); C7 (500) is
//   short, C2 has no eligible line (every JD line has a promotion), C4 no
//   tea, C8 no fee, C9 not started, C10 expired, C11 unsupported.
//   Plain best {C1, C3, C5}: 453.65 − 78 = 375.65.
async function constraintsPart(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}?now=${NOW}`);
  await page.waitForFunction(() => window.sharecartDemo?.ready);
  const steps = [
    // [what to tap, couponSelection, payable, applied ids, [coupon, status, discount]]
    [null, { mode: 'best' }, '375.65', ['C1', 'C3', 'C5']],
    // C5 dropped: the platform slot goes to C6; 453.65 − (30 + 8 + 5) = 410.65.
    ['C5', { mode: 'best', exclude: ['C5'] }, '410.65', ['C1', 'C3', 'C6'], ['C5', 'usable', '40.00']],
    ['#btn-plain-best', { mode: 'best' }, '375.65', ['C1', 'C3', 'C5']],
    // C6 kept: it holds the platform slot, so C5 cannot join: 410.65.
    ['C6', { mode: 'best', lock: ['C6'] }, '410.65', ['C1', 'C3', 'C6'], ['C5', 'usable', '40.00']],
    // C1 dropped as well: JD has no other usable shop coupon; 453.65 − 13 = 440.65.
    ['C1', { mode: 'best', exclude: ['C1'], lock: ['C6'] }, '440.65', ['C3', 'C6'], ['C1', 'usable', '30.00']],
    // C6 released: C5 returns (445.65 after C3 still meets 299); 453.65 − 48 = 405.65.
    ['C6', { mode: 'best', exclude: ['C1'] }, '405.65', ['C3', 'C5'], ['C1', 'usable', '30.00']],
    ['#btn-plain-best', { mode: 'best' }, '375.65', ['C1', 'C3', 'C5']],
  ];
  for (const [target, selection, payable, applied, alone] of steps) {
    const step = `constraints: ${target ?? 'open'}`;
    if (target) await tap(page, target.startsWith('#') ? target : `#coupon-wallet [data-coupon="${target}"]`);
    eq(`${step}: couponSelection`, JSON.stringify((await requestOf(page)).couponSelection), JSON.stringify(selection));
    const s = await verify(page, step);
    if (!s.result) continue;
    eq(`${step}: payable`, s.result.totals.payable, payable);
    eq(`${step}: applied`, JSON.stringify(s.result.coupons.filter((c) => c.status === 'applied').map((c) => c.id)), JSON.stringify(applied));
    if (alone) {
      const c = s.result.coupons.find((x) => x.id === alone[0]);
      eq(`${step}: ${alone[0]} judged alone`, JSON.stringify([c?.id, c?.status, c?.discount]), JSON.stringify(alone));
    }
    eq(`${step}: the way back to plain best is shown exactly when constrained`, await page.isVisible('#btn-plain-best'), Object.keys(selection).length > 1);
    const marks = await page.locator('#coupon-wallet [data-constraint]').evaluateAll((els) => els.map((e) => `${e.closest('[data-coupon]').dataset.coupon}:${e.dataset.constraint}`));
    const want = [...(selection.exclude ?? []).map((id) => `${id}:exclude`), ...(selection.lock ?? []).map((id) => `${id}:lock`)];
    eq(`${step}: the wallet marks the buyer's choices`, JSON.stringify(marks.sort()), JSON.stringify(want.sort()));
  }
  // The unsupported coupon is not tappable: the request stays as it was.
  const before = JSON.stringify((await requestOf(page)).couponSelection);
  await page.locator('#coupon-wallet [data-coupon="C11"]').click({ force: true });
  eq('constraints: tapping C11 changes nothing', JSON.stringify((await requestOf(page)).couponSelection), before);
  check('constraints: no Content-Security-Policy violation', (await cspViolations(page)).length === 0, (await cspViolations(page)).join('; '));
  await page.close();
}

// A warning (SPEC 1.2) in the developer panel: the request prices, the
// panel lists each warning with the engine's code, path and message.
async function rawWarning(page, fault, code, wantPath) {
  await page.click(`[data-fault="${fault}"]`);
  await page.waitForSelector('#raw-result', { timeout: 5000 }).catch(() => {});
  const shown = await page.evaluate(() => ({
    text: document.getElementById('raw-input').value,
    resultText: document.getElementById('raw-result')?.dataset.rawText ?? null,
    warnings: [...document.querySelectorAll('#raw-warnings [data-warning-code]')].map((li) => ({
      code: li.dataset.warningCode, path: li.dataset.warningPath, message: li.querySelector('.wmsg').textContent,
    })),
  }));
  const out = cli(['price'], shown.text);
  if (!check(`raw ${fault}: the request still prices`, out.status === 0 && shown.resultText !== null, out.stderr)) return;
  eq(`raw ${fault}: result == CLI output`, shown.resultText + '\n', out.stdout);
  eq(`raw ${fault}: warnings shown == the CLI's`, JSON.stringify(shown.warnings), JSON.stringify(out.json.warnings ?? []));
  eq(`raw ${fault}: the warning`, JSON.stringify(shown.warnings.map((w) => [w.code, w.path])), JSON.stringify([[code, wantPath]]));
}

async function rawError(page, name, act, code, wantPath, marker) {
  await act();
  await page.waitForSelector('#raw-out .error', { timeout: 5000 }).catch(() => {});
  const shown = await page.evaluate(() => {
    const e = document.querySelector('#raw-out .error');
    return e && { code: e.dataset.errorCode, path: e.dataset.errorPath, message: e.querySelector('.emsg').textContent,
      line: document.querySelector('#raw-snippet .hl')?.textContent ?? '', text: document.getElementById('raw-input').value };
  });
  if (!check(`raw ${name}: error shown`, !!shown)) return;
  const out = cli(['price'], shown.text);
  if (!check(`raw ${name}: CLI rejects it too`, out.status === 2, `exit ${out.status}`)) return;
  eq(`raw ${name}: code`, shown.code, out.error.code);
  eq(`raw ${name}: path`, shown.path, out.error.path);
  eq(`raw ${name}: message`, shown.message, out.error.message);
  eq(`raw ${name}: expected code`, shown.code, code);
  if (wantPath !== null) eq(`raw ${name}: expected path`, shown.path, wantPath);
  if (marker) check(`raw ${name}: the offending field is highlighted`, shown.line.includes(marker), shown.line);
}

async function sharePart(page, url) {
  await page.selectOption('#share-channel', 'group');
  await page.click('#btn-generate');
  let share = await page.evaluate(() => window.sharecartDemo.lastShare);
  check('share code generated', !!share?.code, JSON.stringify(share?.error));
  if (!share?.code) return;
  eq('share fields', JSON.stringify(Object.keys(share.fields)), JSON.stringify(['page', 'targetId', 'promoterId', 'channel', 'issuedAt']));
  eq('share target is the tea', share.fields.targetId, '100045678901');
  check('code is [0-9A-Za-z], at most 32 characters', /^[0-9A-Za-z]{1,32}$/.test(share.code), share.code);
  eq('code shown', await page.textContent('#share-code'), share.code);
  const enc = cli(['share', 'encode'], { fields: share.fields });
  eq('page code == CLI code', share.code, enc.json?.code);
  // The QR code carries the share code: same modules as uqr draws for it.
  const qrText = await page.getAttribute('#share-qr', 'data-qr-text').catch(() => null);
  eq('QR encodes the code', qrText, share.code);
  const { renderSVG } = await import('uqr');
  const opts = await page.evaluate(() => window.sharecartDemo.qrOptions);
  const wantD = renderSVG(share.code, opts).match(/<path[^>]* d="([^"]+)"/)[1];
  eq('QR modules', await page.getAttribute('#share-qr svg path', 'd'), wantD);

  // Decode the link the page prefilled (path + extra query).
  eq('decode input prefilled with the link', await page.inputValue('#decode-input'), `pages/item/index?s=${share.code}&from=timeline`);
  await page.click('#btn-decode');
  let s = await verify(page, 'decode link');
  const hour = 3600 * 1000;
  const wantFields = { ...share.fields, issuedAt: Math.floor(share.fields.issuedAt / hour) * hour };
  const got = s.decode?.result;
  eq('decoded fields', JSON.stringify(got?.fields), JSON.stringify(wantFields));
  eq('unsigned code', got?.signed, false);
  check('decoded fields on the page', (await page.locator('#decode-out [data-fig="decode:fields.promoterId"]').textContent()) === share.fields.promoterId);

  // Signed with the demo key, verified with it.
  await page.check('#share-sign');
  await page.click('#btn-generate');
  share = await page.evaluate(() => window.sharecartDemo.lastShare);
  const key = await page.evaluate(() => window.sharecartDemo.demoKey);
  check('signed code generated', !!share?.code && share.code.length <= 32, JSON.stringify(share));
  eq('signed code == CLI', share?.code, cli(['share', 'encode'], { fields: share.fields, options: { key } }).json?.code);
  await page.check('#decode-verify');
  await page.click('#btn-decode');
  s = await verify(page, 'decode signed');
  eq('verified with the key', s.decode?.result?.verified, true);
  eq('page shows verified', await page.getAttribute('#decode-out [data-verified]', 'data-verified'), 'true');
  await page.uncheck('#share-sign');
  await page.uncheck('#decode-verify');

  // A typo is caught.
  const code = share.code;
  const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
  await page.fill('#decode-input', typo);
  await page.click('#btn-decode');
  const err = await page.evaluate(() => window.sharecartDemo.lastDecode?.error);
  const cliErr = cli(['share', 'decode'], { input: typo });
  eq('typo: page error == CLI error', JSON.stringify(err), JSON.stringify(cliErr.error));
  eq('typo: badCheck', err?.code, 'badCheck');
  check('typo: error shown', (await page.getAttribute('#decode-out .error', 'data-error-code')) === err?.code);

  // Opening a shared link attributes the cart to that promoter.
  const fields = { page: 'item', targetId: '100023400004', promoterId: '9876543210', channel: 'moments', issuedAt: NOW };
  const other = cli(['share', 'encode'], { fields }).json.code;
  const landing = await page.context().newPage();
  await landing.goto(`${url}?s=${other}&now=${NOW}`);
  await landing.waitForFunction(() => window.sharecartDemo?.ready);
  check('share banner shown', await landing.isVisible('#share-banner'));
  const lreq = await landing.evaluate(() => window.sharecartDemo.lastRequest);
  eq('commission goes to the sharing promoter', lreq.commission.beneficiaries[0].id, '9876543210');
  check('shared product is in the cart', lreq.lines.some((l) => l.skuId === '100023400004'));
  await verify(landing, 'share landing');
  check('share landing: no Content-Security-Policy violation', (await cspViolations(landing)).length === 0, (await cspViolations(landing)).join('; '));
  await landing.close();
}

try {
  await run();
} catch (e) {
  check('test run', false, e.stack ?? String(e));
}
for (const n of notes) console.log(`note: ${n}`);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`web demo: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`web: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
