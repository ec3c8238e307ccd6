// sharecart web demo: a JD-style cart and promoter page driven entirely by the
// wasm engine (pkg/web). The page never does arithmetic on amounts: every
// figure it shows is a string the engine returned (SPEC 0), marked with
// data-fig="<source>:<path into the result>" so the browser test can check it
// against the CLI. Request data shown as-is is marked data-req / data-cat.
import { t, pick, setLang, getLang, ratioLabel } from './i18n.js';
import { productArt } from './art.js';
import {
  SHOPS, products, promotions, coupons, PROMOTION_LABELS, COUPON_NAMES,
  PROMOTER, INVITER, commission, INITIAL_CART, DEMO_KEY,
} from './catalog.js';

// ---- demo clock ------------------------------------------------------------
// `?now=<ms>` pins the clock (tests, screenshots); otherwise it is real time.
const params = new URLSearchParams(location.search);
const PINNED = /^\d{1,16}$/.test(params.get('now') ?? '') ? Number(params.get('now')) : null;
const BASE = PINNED ?? Date.now();
const clock = () => PINNED ?? Date.now();

const PRODUCTS = products(BASE);
const PROMOTIONS = promotions(BASE);
const COUPONS = coupons(BASE);
const bySku = new Map(PRODUCTS.map((p) => [p.skuId, p]));
const shopById = new Map(SHOPS.map((s) => [s.id, s]));

// ---- state -------------------------------------------------------------------
const state = {
  view: 'cart',
  plus: false,
  newUser: false,
  cart: INITIAL_CART.map((c) => ({ skuId: c.skuId, quantity: c.quantity, selected: c.selected ?? true })),
  mode: 'best',
  picks: [],
  sharerId: PROMOTER.id,
  fromShare: null,
  promoSku: PRODUCTS[0].skuId,
  request: null, result: null, error: null, ms: 0,
  previewRequest: null, preview: null, previewError: null, previewMs: 0,
  share: null, decoded: null, raw: null,
};

let engine = null;
let qr = null;
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// A UI string for markup: escaped like any other text, since its slots can
// hold request or result data (ids, stages of a coupon from a newer server).
const tx = (key, vars) => esc(t(key, vars));

// A figure the engine computed: `src` names the result (price, preview,
// decode), `path` the field. The ¥ sign and minus come from CSS, so the
// element's text is exactly the engine's string.
const fig = (src, path, value, cls = 'amt') => `<span class="${esc(cls)}" data-fig="${esc(`${src}:${path}`)}">${esc(value)}</span>`;
const req = (path, value, cls = 'amt') => `<span class="${esc(cls)}" data-req="${esc(path)}">${esc(value)}</span>`;
const cat = (sku, path, value, cls = 'amt') => `<span class="${esc(cls)}" data-cat="${esc(`${sku}:${path}`)}">${esc(value)}</span>`;
const isZero = (amount) => /^0+(\.0+)?$/.test(amount);

// ---- the request -----------------------------------------------------------
function lineId(skuId) { return `L${skuId}`; }

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

function buildRequest() {
  const r = baseRequest();
  r.lines = state.cart.map((c) => lineInput(bySku.get(c.skuId), c.quantity, c.selected));
  r.couponSelection = state.mode === 'best' ? { mode: 'best' } : { mode: 'manual', ids: [...state.picks] };
  r.commission = commission(state.sharerId);
  return r;
}

function buildPreviewRequest(skuId) {
  const r = baseRequest();
  r.lines = [lineInput(bySku.get(skuId), 1, true)];
  r.commission = commission(state.sharerId);
  return r;
}

// ---- pricing -----------------------------------------------------------------
function reprice() {
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

function errorOf(e) {
  return { code: e?.code ?? 'exception', path: e?.path ?? '', message: e?.message ?? String(e) };
}

// ---- rendering ---------------------------------------------------------------
function render() {
  document.body.dataset.view = state.view;
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  for (const b of document.querySelectorAll('#tabbar [data-view]')) b.classList.toggle('active', b.dataset.view === state.view);
  $('btn-plus').setAttribute('aria-pressed', String(state.plus));
  $('btn-newuser').setAttribute('aria-pressed', String(state.newUser));
  const combos = state.result?.couponSearch ? ` · ${t('searchInfo', { n: state.result.couponSearch.combinationsTried })}` : '';
  $('engine-time').textContent = `⚡ ${t('engineTime', { ms: state.ms.toFixed(2) })}${combos}`;
  $('engine-time').dataset.ms = String(state.ms);
  const count = state.cart.filter((c) => c.selected).reduce((n, c) => n + c.quantity, 0);
  $('cart-badge').textContent = count ? String(count) : '';
  renderBanner();
  renderCatalog();
  renderCart();
  renderWallet();
  renderBreakdown();
  renderCommission();
  renderCheckout();
  renderShareCard();
}

function renderBanner() {
  const b = $('share-banner');
  b.hidden = !state.fromShare;
  if (state.fromShare) b.innerHTML = `↗ ${esc(t('fromShare', { p: state.fromShare.promoterId }))}`;
}

// "满¥99.00免运费": the threshold is request data, shown as written.
function freeShip(shop) {
  const si = SHOPS.indexOf(shop);
  return esc(t('freeShipOver', { x: '\u0000' })).replace('¥\u0000', req(`shops[${si}].shipping.freeThreshold`, shop.shipping.freeThreshold));
}

function shopBadge(shop) {
  return shop.selfOperated ? `<em class="badge-self">${tx('selfOperated')}</em>` : `<em class="badge-pop">${tx('pop')}</em>`;
}

const KIND_ORDER = { flashSale: 0, newUser: 1, plus: 2, member: 3 };
function specialBadges(p) {
  return p.specialPrices
    .map((sp, k) => ({ sp, k }))
    .sort((a, b) => KIND_ORDER[a.sp.kind] - KIND_ORDER[b.sp.kind])
    .map(({ sp, k }) => `<span class="sp kind-${esc(sp.kind)}"><b>${tx('kind_' + sp.kind)}</b>${cat(p.skuId, `specialPrices[${k}].price`, sp.price)}${sp.limit ? `<small>${tx('limitEach', { n: sp.limit })}</small>` : ''}</span>`)
    .join('');
}

function renderCatalog() {
  const html = [];
  for (const shop of SHOPS) {
    html.push(`<h2 class="shop-title">${shopBadge(shop)} ${esc(pick(shop.name))} <small>${freeShip(shop)}</small></h2><div class="grid">`);
    for (const p of PRODUCTS.filter((x) => x.shopId === shop.id)) {
      const inCart = state.cart.find((c) => c.skuId === p.skuId);
      html.push(`<article class="product" data-sku="${esc(p.skuId)}">
        ${productArt(p.art)}
        <div class="pname">${shop.selfOperated ? `<em class="badge-self">${tx('selfOperated')}</em>` : ''}${esc(pick(p.name))}</div>
        <div class="prices"><span class="price">${cat(p.skuId, 'listPrice', p.listPrice)}</span></div>
        <div class="sps">${specialBadges(p)}</div>
        <div class="pactions">
          <button class="btn small ghost" data-action="promo-sku" data-sku="${esc(p.skuId)}">${tx('shareEarn')}</button>
          <button class="btn small primary" data-action="add" data-sku="${esc(p.skuId)}">${inCart ? esc(t('inCart', { n: inCart.quantity })) : tx('addToCart')}</button>
        </div>
      </article>`);
    }
    html.push('</div>');
  }
  $('catalog').innerHTML = html.join('');
}

function promoLabel(id) {
  const l = PROMOTION_LABELS[id];
  return l ? { tag: pick(l.tag), text: pick(l.text) } : { tag: id, text: id };
}

function renderPromotionBanner(pr, k) {
  const { tag, text } = promoLabel(pr.id);
  const parts = [`<span class="ptag">${esc(tag)}</span><span class="ptext">${esc(text)}</span>`];
  const hint = [];
  if (!isZero(pr.discount)) hint.push(`<span class="ok">${tx('promoApplied')} ${fig('price', `promotions[${k}].discount`, pr.discount)}</span>`);
  if (pr.nextTier) {
    const byQuantity = pr.nextTier.quantityShortfall !== undefined;
    const x = byQuantity
      ? fig('price', `promotions[${k}].nextTier.quantityShortfall`, pr.nextTier.quantityShortfall, 'plain')
      : fig('price', `promotions[${k}].nextTier.shortfall`, pr.nextTier.shortfall);
    let s;
    if (byQuantity) s = t('nextTierQuantity', { x: '\u0000X', r: ratioLabel(pr.nextTier.payRatio) });
    else if (pr.nextTier.off !== undefined) s = t('nextTierOff', { x: '\u0000X', y: '\u0000Y' });
    else if (pr.nextTier.payRatio !== undefined) s = t('nextTierRatio', { x: '\u0000X', r: ratioLabel(pr.nextTier.payRatio) });
    else s = t('nextTierGift', { x: '\u0000X' });
    s = esc(s).replace('\u0000X', x);
    if (pr.nextTier.off !== undefined) s = s.replace('\u0000Y', fig('price', `promotions[${k}].nextTier.off`, pr.nextTier.off));
    hint.push(`<span class="addon" data-hint="${esc(pr.id)}">${s}</span><button class="link" data-action="tab" data-view="shop">${tx('goAddOn')}</button>`);
  }
  if (pr.gifts?.length) {
    hint.push(`<span class="ok"><span class="ptag small">${tx('gift')}</span>${tx('giftsMet')}${pr.gifts.map((g, gi) => `${fig('price', `promotions[${k}].gifts[${gi}].name`, g.name, 'plain')}×${fig('price', `promotions[${k}].gifts[${gi}].quantity`, g.quantity, 'plain')}`).join('、')}</span>`);
  }
  return `<div class="promo" data-promo="${esc(pr.id)}">${parts.join('')}<div class="phint">${hint.join(' ')}</div></div>`;
}

function renderLine(c, i) {
  const p = bySku.get(c.skuId);
  const lr = state.result?.lines[i];
  const rq = `lines[${i}]`;
  const body = [];
  body.push(`<div class="lname">${esc(pick(p.name))}</div>`);
  if (lr && lr.status === 'priced') {
    const tags = [];
    if (lr.promotionId) tags.push(`<span class="ptag small">${esc(promoLabel(lr.promotionId).tag)}</span>`);
    if (lr.promotionReason) tags.push(`<span class="warn">${tx('promoNotApplicable')}</span>`);
    body.push(`<div class="ups">${tags.join('')}${lr.unitPrices.map((u, k) =>
      `<span class="up kind-${esc(u.kind)}"><b>${tx('kind_' + u.kind)}</b>${fig('price', `${rq}.unitPrices[${k}].price`, u.price)}<i>×${fig('price', `${rq}.unitPrices[${k}].quantity`, u.quantity, 'plain')}</i></span>`).join('')}</div>`);
    const deductions = [];
    if (!isZero(lr.priceReduction)) deductions.push(`<s>${fig('price', `${rq}.listAmount`, lr.listAmount)}</s>`);
    if (!isZero(lr.promotionDiscount)) deductions.push(`${tx('promoOff')} ${fig('price', `${rq}.promotionDiscount`, lr.promotionDiscount, 'amt neg')}`);
    if (!isZero(lr.couponDiscount)) deductions.push(`${tx('couponOff')} ${fig('price', `${rq}.couponDiscount`, lr.couponDiscount, 'amt neg')}`);
    body.push(`<div class="ldeduct">${deductions.join(' · ')}</div>`);
    const earn = lr.commission?.beneficiaries.length ? `<span class="earn">${tx('lineEarn')} ${fig('price', `${rq}.commission.beneficiaries[0]`, lr.commission.beneficiaries[0])}</span>` : '';
    body.push(`<div class="lpaid"><span>${tx('paidLine')} <b class="red">${fig('price', `${rq}.paid`, lr.paid)}</b></span>${earn}</div>`);
  } else {
    body.push(`<div class="ups"><span class="muted">${tx('unselected')}</span> ${req(`${rq}.listPrice`, state.request.lines[i].listPrice)}</div>`);
  }
  body.push(`<div class="stepper">
      <button data-action="dec" data-sku="${esc(p.skuId)}" ${c.quantity <= 1 ? 'disabled' : ''} aria-label="-">−</button>
      <input type="number" inputmode="numeric" min="1" max="9999" value="${c.quantity}" data-qty="${esc(p.skuId)}" aria-label="quantity">
      <button data-action="inc" data-sku="${esc(p.skuId)}" ${c.quantity >= 9999 ? 'disabled' : ''} aria-label="+">+</button>
      <button class="link remove" data-action="remove" data-sku="${esc(p.skuId)}">${tx('remove')}</button>
    </div>`);
  return `<div class="line ${c.selected ? '' : 'off'}" data-line="${esc(lineId(p.skuId))}">
    <button class="check ${c.selected ? 'on' : ''}" data-action="toggle-line" data-sku="${esc(p.skuId)}" aria-pressed="${c.selected}" aria-label="select"></button>
    <div class="lart">${productArt(p.art, 72)}</div>
    <div class="lbody">${body.join('')}</div>
  </div>`;
}

function renderCart() {
  const r = state.result;
  if (!state.cart.length) {
    $('cart-shops').innerHTML = `<div class="card empty">${tx('emptyCart')} <button class="link" data-action="tab" data-view="shop">${tx('goAddOn')}</button></div>`;
    return;
  }
  if (state.error) {
    $('cart-shops').innerHTML = `<div class="card">${errorBox(state.error)}</div>`;
    return;
  }
  const html = [];
  SHOPS.forEach((shop, si) => {
    const entries = state.cart.map((c, i) => ({ c, i })).filter(({ c }) => bySku.get(c.skuId).shopId === shop.id);
    if (!entries.length) return;
    const all = entries.every(({ c }) => c.selected);
    const sr = r.shops[si];
    const promos = r.promotions
      .map((pr, k) => ({ pr, k }))
      .filter(({ pr }) => pr.lineIds.some((id) => bySku.get(id.slice(1))?.shopId === shop.id));
    html.push(`<div class="card shop" data-shop="${esc(shop.id)}">
      <div class="shop-head">
        <button class="check ${all ? 'on' : ''}" data-action="toggle-shop" data-shop="${esc(shop.id)}" aria-pressed="${all}" aria-label="select shop"></button>
        ${shopBadge(shop)}<b>${esc(pick(shop.name))}</b><span class="muted small">${freeShip(shop)}</span>
      </div>
      ${promos.map(({ pr, k }) => renderPromotionBanner(pr, k)).join('')}
      ${entries.map(({ c, i }) => renderLine(c, i)).join('')}
      <div class="shop-foot">
        <span>${tx('goods')} ${fig('price', `shops[${si}].goodsAmount`, sr.goodsAmount)}</span>
        <span>${tx('shipFee')} ${fig('price', `shops[${si}].shippingFee`, sr.shippingFee)}${!isZero(sr.shippingDiscount) ? ` <span class="green">${tx('bShippingDiscount')} ${fig('price', `shops[${si}].shippingDiscount`, sr.shippingDiscount, 'amt neg')}</span>` : ''}</span>
        <span>${tx('subtotal')} <b>${fig('price', `shops[${si}].paid`, sr.paid)}</b></span>
      </div>
    </div>`);
  });
  $('cart-shops').innerHTML = html.join('');
}

function couponFace(c, k) {
  if (c.kind === 'payRatio') return `<span class="face">${esc(ratioLabel(c.payRatio))}</span>`;
  return `<span class="face">${req(`coupons[${k}].off`, c.off, 'amt big')}</span>`;
}

function couponCondition(c, k) {
  const parts = [];
  if (c.kind !== 'shipping') {
    if (!c.threshold || isZero(c.threshold)) parts.push(tx('noThreshold'));
    else parts.push(esc(t('over', { x: '\u0000' })).replace('\u0000', req(`coupons[${k}].threshold`, c.threshold, 'plain')));
  }
  if (c.maxOff) parts.push(esc(t('maxOff', { x: '\u0000' })).replace('\u0000', req(`coupons[${k}].maxOff`, c.maxOff, 'plain')));
  return parts.join(' · ');
}

function renderWallet() {
  const r = state.result;
  const head = `<div class="wallet-head"><h3>${tx('couponsTitle')}</h3>
    <div class="seg" role="tablist">
      <button data-action="mode" data-mode="best" class="${state.mode === 'best' ? 'on' : ''}" aria-pressed="${state.mode === 'best'}">${tx('modeBest')}</button>
      <button data-action="mode" data-mode="manual" class="${state.mode === 'manual' ? 'on' : ''}" aria-pressed="${state.mode === 'manual'}">${tx('modeManual')}</button>
    </div></div>`;
  let info = '';
  if (r?.couponSearch) {
    info = `<p class="hint" data-nofig>${esc(t('searchInfo', { n: r.couponSearch.combinationsTried }))} · ${r.couponSearch.optimal ? tx('searchOptimal') : tx('searchBudget')}</p>`;
  } else if (state.mode === 'manual') {
    info = `<p class="hint">${tx('manualHint')}</p>`;
  }
  if (!r) { $('coupon-wallet').innerHTML = head + info; return; }
  const items = COUPONS.map((c, k) => {
    const cr = r.coupons[k];
    const order = state.picks.indexOf(c.id);
    const picked = state.mode === 'manual' && order >= 0;
    const shop = c.shopId ? shopById.get(c.shopId) : null;
    const flags = [];
    if (c.exclusive) flags.push(`<em class="flag">${tx('exclusive')}</em>`);
    if (c.withPromotions === false) flags.push(`<em class="flag">${tx('notWithPromo')}</em>`);
    let right;
    if (cr.status === 'applied') right = `<span class="st">${tx('status_applied')}</span><span class="disc">${tx('saved')} ${fig('price', `coupons[${k}].discount`, cr.discount)}</span>`;
    else if (cr.status === 'usable') right = `<span class="st">${tx('status_usable')}</span><span class="disc">${tx('canSave')} ${fig('price', `coupons[${k}].discount`, cr.discount)}</span>`;
    else {
      right = `<span class="st">${tx('status_unusable')}</span><span class="reason" data-reason="${esc(cr.reason)}">${esc(t('reason_' + cr.reason))}</span>`;
      if (cr.shortfall !== undefined) right += `<span class="short">${tx('shortfall')} ${fig('price', `coupons[${k}].shortfall`, cr.shortfall)}</span>`;
    }
    return `<button class="coupon st-${esc(cr.status)} ${picked ? 'picked' : ''}" data-action="pick" data-coupon="${esc(c.id)}" data-status="${esc(cr.status)}" aria-pressed="${picked}">
      <div class="cleft">${couponFace(c, k)}<span class="cond">${couponCondition(c, k)}</span></div>
      <div class="cmid"><b>${esc(pick(COUPON_NAMES[c.id] ?? { zh: c.id }))}</b>
        <span class="stage">${tx('stage_' + c.stage)}${shop ? ' · ' + esc(pick(shop.name)) : ''}</span>${flags.join('')}</div>
      <div class="cright">${right}</div>
      ${picked ? `<span class="order">${order + 1}</span>` : ''}
    </button>`;
  });
  $('coupon-wallet').innerHTML = head + info + `<div class="coupons">${items.join('')}</div>`;
}

function row(label, html, cls = '') {
  return `<div class="row ${cls}"><span>${label}</span><span>${html}</span></div>`;
}

function renderBreakdown() {
  const r = state.result;
  if (!r) { $('breakdown').innerHTML = ''; return; }
  const T = r.totals;
  const f = (k, cls) => fig('price', `totals.${k}`, T[k], cls);
  $('breakdown').innerHTML = `<h3>${tx('breakdownTitle')}</h3>
    ${row(tx('bListAmount'), f('listAmount'))}
    ${row(tx('bPriceReduction'), f('priceReduction', 'amt neg'), 'minus')}
    ${row(tx('bPromotion'), f('promotionDiscount', 'amt neg'), 'minus')}
    ${row(tx('bCoupon'), f('couponDiscount', 'amt neg'), 'minus')}
    ${row(tx('bShipping'), f('shippingFee'))}
    ${row(tx('bShippingDiscount'), f('shippingDiscount', 'amt neg'), 'minus')}
    ${row(tx('bPayable'), `<b class="red big">${f('payable')}</b>`, 'total')}
    ${row(tx('bSavings'), f('savings'), 'save')}`;
}

function renderCommission() {
  const c = state.result?.commission;
  if (!c) { $('commission').innerHTML = ''; return; }
  const who = (b, k) => {
    const person = b.role === 'sharer' ? (b.id === PROMOTER.id ? pick(PROMOTER.name) : b.id) : pick(INVITER.name);
    return row(`${tx(b.role === 'sharer' ? 'cSharer' : 'cInviter')} <small class="muted">${esc(person)} · ${fig('price', `commission.beneficiaries[${k}].id`, b.id, 'plain')}</small>`,
      `<b class="orange">${fig('price', `commission.beneficiaries[${k}].amount`, b.amount)}</b>`);
  };
  $('commission').innerHTML = `<h3>${tx('commissionTitle')}</h3>
    ${row(tx('cBase'), fig('price', 'commission.base', c.base))}
    ${row(tx('cGross'), fig('price', 'commission.gross', c.gross))}
    ${row(tx('cFee'), fig('price', 'commission.platformFee', c.platformFee, 'amt neg'), 'minus')}
    ${c.beneficiaries.map(who).join('')}
    ${row(tx('cOperator'), fig('price', 'commission.operator', c.operator))}
    <p class="hint">${c.selfPurchase ? tx('selfPurchaseYes') : tx('selfPurchaseNo')}</p>`;
}

function renderCheckout() {
  const r = state.result;
  const n = state.cart.filter((c) => c.selected).reduce((s, c) => s + c.quantity, 0);
  $('checkout').innerHTML = r ? `<div class="sum"><div>${tx('total')} <b class="red big">${fig('price', 'totals.payable', r.totals.payable)}</b></div>
      <div class="small">${tx('totalSaved')} ${fig('price', 'totals.savings', r.totals.savings)}</div></div>
      <button class="btn primary pay" data-action="checkout">${esc(t('checkout', { n }))}</button>` : '';
}

function renderShareCard() {
  const p = bySku.get(state.promoSku);
  const strip = `<div class="strip">${PRODUCTS.map((x) => `<button class="mini ${x.skuId === state.promoSku ? 'on' : ''}" data-action="promo-sku" data-sku="${esc(x.skuId)}" title="${esc(pick(x.name))}">${productArt(x.art, 44)}</button>`).join('')}</div>`;
  let body;
  const v = state.preview;
  if (!v) body = state.previewError ? errorBox(state.previewError) : '';
  else {
    const couponNames = v.couponIds.map((id) => esc(pick(COUPON_NAMES[id] ?? { zh: id }))).join('、');
    const earn = v.earnings.map((e, k) => `<div class="earnrow ${esc(e.role)}"><span>${tx(e.role === 'sharer' ? 'youEarn' : 'inviterEarns')}</span><b>${fig('preview', `earnings[${k}].amount`, e.amount)}</b></div>`).join('');
    body = `<div class="sharecard">
      <div class="sc-art">${productArt(p.art, 120)}</div>
      <div class="sc-body">
        <div class="sc-name">${esc(pick(p.name))}</div>
        <div class="sc-price"><span class="lbl">${tx('afterCoupon')}</span><b class="red big">${fig('preview', 'finalAmount', v.finalAmount)}</b></div>
        <div class="sc-list">${tx('listPriceLabel')} <s>${fig('preview', 'listAmount', v.listAmount)}</s> · ${tx('bSavings')} ${fig('preview', 'savings', v.savings)}</div>
        <div class="sc-tags">${v.promotionId ? `<span class="ptag small">${esc(promoLabel(v.promotionId).tag)}</span>` : ''}${couponNames ? `<span class="ctag">${couponNames}</span>` : ''}
          <span class="muted small">${tx('shipFee')} ${fig('preview', 'shippingPayable', v.shippingPayable)}</span></div>
        ${earn}
      </div></div>`;
  }
  $('share-card').innerHTML = `<h3>${tx('shareCardTitle')} <small class="muted">${tx('pickProduct')}</small></h3>${strip}${body}`;
}

function errorBox(err, extra = '') {
  return `<div class="error" role="alert" data-error-code="${esc(err.code)}" data-error-path="${esc(err.path)}">
    <div><span class="ecode">${esc(err.code)}</span> <code class="epath">${esc(err.path === '' ? '""' : err.path)}</code>${extra}</div>
    <div class="emsg">${esc(err.message)}</div></div>`;
}

// ---- share codes -------------------------------------------------------------
const shareAvailable = () => typeof engine?.encodeShareCode === 'function' && typeof engine?.decodeShareCode === 'function';
export const QR_OPTIONS = { ecc: 'M', border: 2, pixelSize: 8 };

function generateShare() {
  const out = $('share-out');
  if (!shareAvailable()) { out.innerHTML = `<div class="notice">${tx('shareUnavailable')}</div>`; return; }
  const fields = { page: 'item', targetId: state.promoSku, promoterId: state.sharerId, channel: $('share-channel').value, issuedAt: clock() };
  const options = $('share-sign').checked ? { key: DEMO_KEY } : undefined;
  try {
    const code = options ? engine.encodeShareCode(fields, options) : engine.encodeShareCode(fields);
    const path = `pages/item/index?s=${code}`;
    state.share = { fields, options: options ?? null, code, path };
    let qrHtml;
    if (qr) qrHtml = `<div class="qr" id="share-qr" data-qr-text="${esc(code)}">${qr.renderSVG(code, QR_OPTIONS)}</div>`;
    else qrHtml = `<div class="notice">${tx('qrUnavailable')}</div>`;
    out.innerHTML = `<div class="codebox"><div class="lbl">${tx('shareCode')} <small class="muted">${tx('chars', { n: code.length })}</small></div>
        <code id="share-code" class="code">${esc(code)}</code>
        <div class="lbl">${tx('sharePath')}</div><code id="share-path" class="path">${esc(path)}</code></div>${qrHtml}`;
    $('decode-input').value = `${path}&from=timeline`;
  } catch (e) {
    state.share = { fields, options: options ?? null, error: errorOf(e) };
    out.innerHTML = errorBox(state.share.error);
  }
  publish();
}

function decodeShare() {
  const out = $('decode-out');
  if (!shareAvailable()) { out.innerHTML = `<div class="notice">${tx('shareUnavailable')}</div>`; return; }
  const input = $('decode-input').value.trim();
  const options = $('decode-verify').checked ? { key: DEMO_KEY } : undefined;
  try {
    const result = options ? engine.decodeShareCode(input, options) : engine.decodeShareCode(input);
    state.decoded = { input, options: options ?? null, result };
    const f = result.fields;
    const keys = ['page', 'targetId', 'promoterId', 'groupId', 'channel', 'campaignId', 'couponId', 'issuedAt'].filter((k) => f[k] !== undefined);
    const product = f.page === 'item' ? bySku.get(f.targetId) : null;
    out.innerHTML = `<table class="fields">${keys.map((k) => `<tr><th>${tx('f_' + k)}</th><td>${fig('decode', `fields.${k}`, f[k], 'plain mono')}${
      k === 'issuedAt' ? ` <small class="muted">${esc(new Date(f.issuedAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'))}</small>` : ''}${
      k === 'targetId' && product ? ` <small class="muted">${esc(pick(product.name))}</small>` : ''}${
      k === 'channel' ? ` <small class="muted">${esc(t('channel_' + f.channel))}</small>` : ''}</td></tr>`).join('')}</table>
      <div class="sigs"><span class="pill ${result.signed ? 'on' : ''}" data-signed="${result.signed}">${result.signed ? tx('signed') : tx('unsigned')}</span>
      <span class="pill ${result.verified ? 'on' : ''}" data-verified="${result.verified}">${result.verified ? tx('verified') : tx('notVerified')}</span></div>`;
  } catch (e) {
    state.decoded = { input, options: options ?? null, error: errorOf(e) };
    out.innerHTML = errorBox(state.decoded.error);
  }
  publish();
}

function openFromShareLink() {
  if (!params.has('s') || !shareAvailable()) return;
  try {
    const { fields } = engine.decodeShareCode(location.search.slice(1));
    if (fields.page === 'item' && bySku.has(fields.targetId)) {
      state.fromShare = fields;
      state.sharerId = fields.promoterId;
      state.promoSku = fields.targetId;
      if (!state.cart.some((c) => c.skuId === fields.targetId)) state.cart.push({ skuId: fields.targetId, quantity: 1, selected: true });
    }
  } catch (e) {
    toast(`${e.code}: ${e.message}`);
  }
}

// ---- raw JSON panel ----------------------------------------------------------
function loadRaw() {
  $('raw-input').value = JSON.stringify(state.request, null, 2);
  $('raw-out').innerHTML = '';
}

function priceRaw() {
  const text = $('raw-input').value;
  const out = $('raw-out');
  const t0 = performance.now();
  try {
    const resultText = engine.priceCartJson(text);
    const ms = performance.now() - t0;
    state.raw = { text, resultText, ms };
    const result = JSON.parse(resultText);
    out.innerHTML = `<div class="rawok"><b>✓ ${tx('rawOk')}</b> · ${tx('bPayable')} <span class="amt">${esc(result.totals.payable)}</span> · ${esc(t('engineTime', { ms: ms.toFixed(2) }))}</div>
      <details open><summary>${tx('rawResult')}</summary><pre id="raw-result" data-raw-text="${esc(resultText)}">${esc(JSON.stringify(result, null, 2))}</pre></details>`;
  } catch (e) {
    const ms = performance.now() - t0;
    const err = errorOf(e);
    state.raw = { text, error: err, ms };
    const loc = locate(text, err.path);
    const ta = $('raw-input');
    const extra = ` <span class="muted">${tx('errorAt')} ${tx('line', { n: loc.line })}</span>`;
    out.innerHTML = errorBox(err, extra) + snippet(text, loc);
    try { ta.setSelectionRange(loc.start, loc.end); } catch { /* not focused */ }
    ta.scrollTop = Math.max(0, (loc.line - 4) * 18);
  }
  publish();
}

// Shows the lines around an error with the offending field underlined.
function snippet(text, loc) {
  const lines = text.split('\n');
  const from = Math.max(0, loc.line - 3);
  const to = Math.min(lines.length, loc.line + 2);
  const out = [];
  for (let n = from; n < to; n++) {
    const mark = n + 1 === loc.line;
    out.push(`<span class="${mark ? 'hl' : ''}">${String(n + 1).padStart(4)} │ ${esc(lines[n])}</span>`);
    if (mark) {
      const width = Math.max(1, Math.min(loc.end, loc.start + lines[n].length - loc.col + 1) - loc.start);
      out.push(`<span class="caret">${' '.repeat(4)} │ ${' '.repeat(loc.col - 1)}${'^'.repeat(width)}</span>`);
    }
  }
  return `<pre class="snippet" id="raw-snippet" data-line="${esc(loc.line)}">${out.join('\n')}</pre>`;
}

// Finds where an error path (`lines[1].listPrice`) sits in the JSON text:
// a small position-tracking JSON scanner that tolerates broken text. A path
// that does not exist (a missing field) falls back to its nearest parent.
export function locate(text, path) {
  const spans = new Map();
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const str = () => {
    const s = i;
    if (text[i] !== '"') throw new Error('string expected');
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try { return JSON.parse(text.slice(s, i)); } catch { return text.slice(s + 1, i - 1); }
  };
  const value = (p, keyStart) => {
    ws();
    const span = { start: keyStart ?? i, end: i + 1 };
    if (!spans.has(p)) spans.set(p, span);
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') i++;
      else for (;;) {
        ws();
        const ks = i;
        const k = str();
        ws();
        if (text[i] !== ':') throw new Error(': expected');
        i++;
        value(p ? `${p}.${k}` : k, ks);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        throw new Error(', or } expected');
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') i++;
      else for (let n = 0; ; n++) {
        value(`${p}[${n}]`);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        throw new Error(', or ] expected');
      }
    } else if (c === '"') str();
    else {
      const s = i;
      while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
      if (i === s) throw new Error('value expected');
    }
    span.end = i;
  };
  try { value(''); } catch { /* keep what was found */ }
  let p = path;
  let span = spans.get(p);
  while (!span && p) {
    p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    if (p === path) break;
    span = spans.get(p);
  }
  span ??= { start: 0, end: Math.min(1, text.length) };
  const before = text.slice(0, span.start);
  const line = before.split('\n').length;
  const col = span.start - before.lastIndexOf('\n');
  return { ...span, line, col, path: p };
}

const FAULTS = {
  negative(r) { if (r.lines?.[1]) r.lines[1].listPrice = '-1'; else r.lines = [{ id: 'X', skuId: '1', shopId: 'jd', listPrice: '-1', quantity: 1 }]; return r; },
  levels(r) { r.commission ??= { beneficiaries: [] }; r.commission.beneficiaries.push({ id: '3000000003', role: 'inviter', share: '0.05' }); return r; },
  shop(r) { if (r.lines?.[0]) r.lines[0].shopId = 'no-such-shop'; return r; },
};

function injectFault(kind) {
  // Each fault starts from the page's current request, so exactly one thing is wrong.
  const ta = $('raw-input');
  let text = JSON.stringify(state.request, null, 2);
  if (kind === 'repeat') text = text.replace('{', '{\n  "now": 1,');
  else if (kind === 'json') text = text.replace(/,(\s*)\}(\s*)$/, '$1}$2').replace(/\}\s*$/, ',\n}');
  else {
    text = JSON.stringify(FAULTS[kind](structuredClone(state.request)), null, 2);
  }
  ta.value = text;
  priceRaw();
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
  mode(el) {
    const mode = el.dataset.mode;
    if (mode === state.mode) return;
    // Manual mode starts from what best mode chose.
    if (mode === 'manual') state.picks = state.result ? state.result.coupons.filter((c) => c.status === 'applied').map((c) => c.id) : [];
    state.mode = mode;
    reprice();
  },
  pick(el) {
    const id = el.dataset.coupon;
    if (state.mode === 'best') {
      state.picks = state.result ? state.result.coupons.filter((c) => c.status === 'applied').map((c) => c.id) : [];
      state.mode = 'manual';
    }
    state.picks = state.picks.includes(id) ? state.picks.filter((x) => x !== id) : [...state.picks, id];
    reprice();
  },
  'promo-sku'(el) { state.promoSku = el.dataset.sku; if (el.closest('#catalog')) state.view = 'promote'; state.share = null; $('share-out').innerHTML = ''; reprice(); },
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

function rerenderShareOutputs() {
  if (state.share?.code || state.share?.error) generateShareFrom(state.share);
  if (state.decoded) decodeShare();
}

function generateShareFrom(prev) {
  // Re-render the last share output in the new language without re-issuing it.
  const out = $('share-out');
  if (prev.error) { out.innerHTML = errorBox(prev.error); return; }
  const qrHtml = qr ? `<div class="qr" id="share-qr" data-qr-text="${esc(prev.code)}">${qr.renderSVG(prev.code, QR_OPTIONS)}</div>` : `<div class="notice">${tx('qrUnavailable')}</div>`;
  out.innerHTML = `<div class="codebox"><div class="lbl">${tx('shareCode')} <small class="muted">${tx('chars', { n: prev.code.length })}</small></div>
      <code id="share-code" class="code">${esc(prev.code)}</code>
      <div class="lbl">${tx('sharePath')}</div><code id="share-path" class="path">${esc(prev.path)}</code></div>${qrHtml}`;
}

// ---- what the page exposes (tests, curious developers) -------------------------
const demo = {
  ready: false,
  timings: [],
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
  get qrAvailable() { return !!qr; },
  catalog: PRODUCTS,
  demoKey: DEMO_KEY,
  qrOptions: QR_OPTIONS,
  locate,
};
window.sharecartDemo = demo;
function publish() { demo.updates = (demo.updates ?? 0) + 1; }

// ---- start -------------------------------------------------------------------
async function main() {
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  $('fatal').hidden = false;
  $('fatal').textContent = t('loading');
  try {
    engine = await import(new URL('../pkg/web/sharecart.js', import.meta.url).href);
    await engine.default();
  } catch (e) {
    $('fatal').textContent = `${t('loadFailed')}${e.message} — make pkg`;
    demo.loadError = String(e?.message ?? e);
    return;
  }
  $('fatal').hidden = true;
  try { qr = await import('./vendor/uqr.mjs'); } catch { qr = null; }
  const info = engine.engineInfo();
  $('engine-version').textContent = `sharecart ${info.version} · spec ${info.spec}`;
  if (params.get('lang') === 'en') setLang('en');
  if (['shop', 'cart', 'promote', 'dev'].includes(params.get('view'))) state.view = params.get('view');
  openFromShareLink();
  applyI18n();
  reprice();
  demo.ready = true;
}

main();
