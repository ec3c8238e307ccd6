// The coupon wallet (优惠券): every coupon of the request with the engine's
// verdict, the best / manual switch, and what a tap on a coupon does.
import { pick, ratioLabel } from './i18n.js';
import { COUPON_NAMES } from './catalog.js';
import { esc, tx, fig, req, isZero, sentence } from './markup.js';
import { state, $, COUPONS, shopById, appliedCouponIds } from './state.js';

function couponFace(c, k) {
  if (c.kind === 'payRatio') return `<span class="face">${esc(ratioLabel(c.payRatio))}</span>`;
  return `<span class="face">${req(`coupons[${k}].off`, c.off, 'amt big')}</span>`;
}

function couponCondition(c, k) {
  const parts = [];
  if (c.kind !== 'shipping') {
    if (!c.threshold || isZero(c.threshold)) parts.push(tx('noThreshold'));
    else parts.push(sentence('over', { x: '\u0000' }, { '\u0000': req(`coupons[${k}].threshold`, c.threshold, 'plain') }));
  }
  if (c.maxOff) parts.push(sentence('maxOff', { x: '\u0000' }, { '\u0000': req(`coupons[${k}].maxOff`, c.maxOff, 'plain') }));
  return parts.join(' · ');
}

export function renderWallet() {
  const r = state.result;
  const head = `<div class="wallet-head"><h3>${tx('couponsTitle')}</h3>
    <div class="seg" role="tablist">
      <button data-action="mode" data-mode="best" class="${state.mode === 'best' ? 'on' : ''}" aria-pressed="${state.mode === 'best'}">${tx('modeBest')}</button>
      <button data-action="mode" data-mode="manual" class="${state.mode === 'manual' ? 'on' : ''}" aria-pressed="${state.mode === 'manual'}">${tx('modeManual')}</button>
    </div></div>`;
  let info = '';
  if (r?.couponSearch) {
    info = `<p class="hint" data-nofig>${tx('searchInfo', { n: r.couponSearch.combinationsTried })} · ${r.couponSearch.optimal ? tx('searchOptimal') : tx('searchBudget')}</p>`;
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
      right = `<span class="st">${tx('status_unusable')}</span><span class="reason" data-reason="${esc(cr.reason)}">${tx('reason_' + cr.reason)}</span>`;
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

// ---- taps ----------------------------------------------------------------------
// Each returns whether the request changed (the page then re-prices).

export function setMode(mode) {
  if (mode === state.mode) return false;
  // Manual mode starts from what best mode chose.
  if (mode === 'manual') state.picks = appliedCouponIds();
  state.mode = mode;
  return true;
}

export function tapCoupon(id) {
  if (state.mode === 'best') {
    state.picks = appliedCouponIds();
    state.mode = 'manual';
  }
  state.picks = state.picks.includes(id) ? state.picks.filter((x) => x !== id) : [...state.picks, id];
  return true;
}
