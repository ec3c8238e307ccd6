// sharecart web demo: a JD-style cart and promoter page driven entirely by the
// wasm engine (pkg/web). The page never does arithmetic on amounts: every
// figure it shows is a string the engine returned (SPEC 0), marked with
// data-fig="<source>:<path into the result>" so the browser test can check it
// against the CLI (markup.js).
//
// This module prices, wires the taps and starts the page. The rest:
//   state.js    the page state, the demo clock and the request built from them
//   markup.js   escaping and figure markers
//   render.js   catalogue, cart, promotions, breakdown, commission, share card
//   coupons.js  the coupon wallet and what a tap on a coupon does
//   share.js    share codes: generate, decode, open from a shared link
//   dev.js      the developer panel (raw JSON, errors located in the text)
import { t, setLang, getLang } from './i18n.js';
import { DEMO_KEY } from './catalog.js';
import {
  state, runtime, $, params, PRODUCTS, bySku, errorOf, buildRequest, buildPreviewRequest, demo, publish,
} from './state.js';
import { render } from './render.js';
import { setMode, tapCoupon, plainBest } from './coupons.js';
import {
  QR_OPTIONS, shareAvailable, clearShare, generateShare, decodeShare, rerenderShareOutputs, openFromShareLink,
} from './share.js';
import { loadRaw, priceRaw, injectFault, locate } from './dev.js';

// ---- pricing -----------------------------------------------------------------
function reprice() {
  const { engine } = runtime;
  state.request = buildRequest();
  let t0 = performance.now();
  try {
    state.result = engine.priceCart(state.request);
    state.error = null;
  } catch (e) {
    state.result = null;
    state.error = errorOf(e);
  }
  state.ms = performance.now() - t0;

  state.previewRequest = buildPreviewRequest(state.promoSku);
  t0 = performance.now();
  try {
    state.preview = engine.previewShareCard(state.previewRequest);
    state.previewError = null;
  } catch (e) {
    state.preview = null;
    state.previewError = errorOf(e);
  }
  state.previewMs = performance.now() - t0;
  const r0 = performance.now();
  render();
  const renderMs = performance.now() - r0;
  demo.timings.push({ engineMs: state.ms, previewMs: state.previewMs, renderMs });
  publish();
}

// ---- events --------------------------------------------------------------------
function cartEntry(sku) { return state.cart.find((c) => c.skuId === sku); }

const ACTIONS = {
  tab(el) { state.view = el.dataset.view; render(); window.scrollTo(0, 0); if (state.view === 'dev' && !$('raw-input').value) loadRaw(); },
  'toggle-plus'() { state.plus = !state.plus; reprice(); },
  'toggle-newuser'() { state.newUser = !state.newUser; reprice(); },
  lang() { setLang(getLang() === 'zh' ? 'en' : 'zh'); applyI18n(); reprice(); rerenderShareOutputs(); },
  add(el) {
    const c = cartEntry(el.dataset.sku);
    if (c) { c.quantity = Math.min(9999, c.quantity + 1); c.selected = true; } else state.cart.push({ skuId: el.dataset.sku, quantity: 1, selected: true });
    reprice();
  },
  inc(el) { const c = cartEntry(el.dataset.sku); c.quantity = Math.min(9999, c.quantity + 1); reprice(); },
  dec(el) { const c = cartEntry(el.dataset.sku); c.quantity = Math.max(1, c.quantity - 1); reprice(); },
  remove(el) { state.cart = state.cart.filter((c) => c.skuId !== el.dataset.sku); reprice(); },
  'toggle-line'(el) { const c = cartEntry(el.dataset.sku); c.selected = !c.selected; reprice(); },
  'toggle-shop'(el) {
    const entries = state.cart.filter((c) => bySku.get(c.skuId).shopId === el.dataset.shop);
    const all = entries.every((c) => c.selected);
    for (const c of entries) c.selected = !all;
    reprice();
  },
  mode(el) { if (setMode(el.dataset.mode)) reprice(); },
  pick(el) { if (tapCoupon(el.dataset.coupon)) reprice(); },
  'plain-best'() { if (plainBest()) reprice(); },
  'promo-sku'(el) { state.promoSku = el.dataset.sku; if (el.closest('#catalog')) state.view = 'promote'; clearShare(); reprice(); },
  generate() { generateShare(); },
  decode() { decodeShare(); },
  'raw-load'() { loadRaw(); },
  'raw-price'() { priceRaw(); },
  fault(el) { injectFault(el.dataset.fault); },
  checkout() { toast(t('checkoutToast')); },
};

function onClick(ev) {
  const el = ev.target.closest('[data-action]');
  if (!el || el.disabled) return;
  const fn = ACTIONS[el.dataset.action];
  if (fn) { ev.preventDefault(); fn(el); }
}

function onChange(ev) {
  const sku = ev.target.dataset?.qty;
  if (!sku) return;
  const c = cartEntry(sku);
  const n = /^\d+$/.test(ev.target.value) ? Math.min(9999, Math.max(1, parseInt(ev.target.value, 10))) : c.quantity;
  c.quantity = n;
  reprice();
}

let toastTimer;
function toast(msg) {
  const el = $('toast');
  el.textContent = msg;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 1800);
}

function applyI18n() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.title = t('appTitle');
  $('share-unavailable').hidden = shareAvailable();
}

// ---- what the page exposes (tests, curious developers) -------------------------
Object.defineProperties(demo, Object.getOwnPropertyDescriptors({
  get state() { return state; },
  get lastRequest() { return state.request; },
  get lastResult() { return state.result; },
  get lastError() { return state.error; },
  get lastPreviewRequest() { return state.previewRequest; },
  get lastPreview() { return state.preview; },
  get lastShare() { return state.share; },
  get lastDecode() { return state.decoded; },
  get lastRaw() { return state.raw; },
  get shareCodeAvailable() { return shareAvailable(); },
  get qrAvailable() { return !!runtime.qr; },
  catalog: PRODUCTS,
  demoKey: DEMO_KEY,
  qrOptions: QR_OPTIONS,
  locate,
}));
window.sharecartDemo = demo;

// ---- start -------------------------------------------------------------------
async function main() {
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  $('fatal').hidden = false;
  $('fatal').textContent = t('loading');
  try {
    runtime.engine = await import(new URL('../pkg/web/sharecart.js', import.meta.url).href);
    await runtime.engine.default();
  } catch (e) {
    $('fatal').textContent = `${t('loadFailed')}${e.message} — make pkg`;
    demo.loadError = String(e?.message ?? e);
    return;
  }
  $('fatal').hidden = true;
  try { runtime.qr = await import('./vendor/uqr.mjs'); } catch { runtime.qr = null; }
  const info = runtime.engine.engineInfo();
  $('engine-version').textContent = `sharecart ${info.version} · spec ${info.spec}`;
  if (params.get('lang') === 'en') setLang('en');
  if (['shop', 'cart', 'promote', 'dev'].includes(params.get('view'))) state.view = params.get('view');
  const shareError = openFromShareLink();
  if (shareError) toast(shareError);
  applyI18n();
  reprice();
  demo.ready = true;
}

main();
