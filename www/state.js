// The page state, the demo clock and the pricing request built from them.
// Everything the engine sees comes from catalog.js through buildRequest().
import {
  SHOPS, products, promotions, coupons, PROMOTER, commission, INITIAL_CART,
} from './catalog.js';

// ---- demo clock ------------------------------------------------------------
// `?now=<ms>` pins the clock (tests, screenshots); otherwise it is real time.
export const params = new URLSearchParams(location.search);
const PINNED = /^\d{1,16}$/.test(params.get('now') ?? '') ? Number(params.get('now')) : null;
const BASE = PINNED ?? Date.now();
export const clock = () => PINNED ?? Date.now();

export const PRODUCTS = products(BASE);
const PROMOTIONS = promotions(BASE);
export const COUPONS = coupons(BASE);
export const bySku = new Map(PRODUCTS.map((p) => [p.skuId, p]));
export const shopById = new Map(SHOPS.map((s) => [s.id, s]));

// ---- state -------------------------------------------------------------------
export const state = {
  view: 'cart',
  plus: false,
  newUser: false,
  cart: INITIAL_CART.map((c) => ({ skuId: c.skuId, quantity: c.quantity, selected: c.selected ?? true })),
  mode: 'best',
  picks: [], // manual mode: the buyer's picks in tap order
  exclude: [], // best mode: coupons of the best pick the buyer dropped
  lock: [], // best mode: other coupons the buyer keeps, in tap order
  sharerId: PROMOTER.id,
  fromShare: null,
  promoSku: PRODUCTS[0].skuId,
  request: null, result: null, error: null, ms: 0,
  previewRequest: null, preview: null, previewError: null, previewMs: 0,
  share: null, decoded: null, raw: null,
};

// The loaded modules: the engine (pkg/web) and the QR library (or null).
export const runtime = { engine: null, qr: null };

export const $ = (id) => document.getElementById(id);

export function errorOf(e) {
  return { code: e?.code ?? 'exception', path: e?.path ?? '', message: e?.message ?? String(e) };
}

// ---- the request -----------------------------------------------------------
export function lineId(skuId) { return `L${skuId}`; }

function shopsInput() {
  return SHOPS.map((s) => ({ id: s.id, name: s.name.zh, shipping: { ...s.shipping } }));
}

function lineInput(p, quantity, selected) {
  return {
    id: lineId(p.skuId), skuId: p.skuId, shopId: p.shopId, categoryIds: [...p.categoryIds],
    listPrice: p.listPrice, quantity, selected,
    specialPrices: p.specialPrices.map((sp) => ({ ...sp })),
    commissionRate: p.commissionRate,
  };
}

function baseRequest() {
  return {
    now: clock(),
    rounding: 'halfUp',
    user: { id: 'u-1', plus: state.plus, newUser: state.newUser },
    shops: shopsInput(),
    lines: [],
    promotions: structuredClone(PROMOTIONS),
    coupons: structuredClone(COUPONS),
  };
}

// Plain best mode is `{mode: "best"}`; the buyer's constraints (SPEC 4)
// appear only when there are some.
function couponSelection() {
  if (state.mode === 'manual') return { mode: 'manual', ids: [...state.picks] };
  const selection = { mode: 'best' };
  if (state.exclude.length) selection.exclude = [...state.exclude];
  if (state.lock.length) selection.lock = [...state.lock];
  return selection;
}

export function buildRequest() {
  const r = baseRequest();
  r.lines = state.cart.map((c) => lineInput(bySku.get(c.skuId), c.quantity, c.selected));
  r.couponSelection = couponSelection();
  r.commission = commission(state.sharerId);
  return r;
}

export function buildPreviewRequest(skuId) {
  const r = baseRequest();
  r.lines = [lineInput(bySku.get(skuId), 1, true)];
  r.commission = commission(state.sharerId);
  return r;
}

// The ids of the coupons the last result applied, in request order.
export function appliedCouponIds() {
  return state.result ? state.result.coupons.filter((c) => c.status === 'applied').map((c) => c.id) : [];
}

// ---- what the page exposes (tests, curious developers) -------------------------
// app.js adds the getters; publish() counts the updates the test waits for.
export const demo = { ready: false, timings: [] };
export function publish() { demo.updates = (demo.updates ?? 0) + 1; }
