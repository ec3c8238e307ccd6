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

function walletHead() {
  const seg = (mode, key) => `<button data-action="mode" data-mode="${mode}" class="${state.mode === mode ? 'on' : ''}" aria-pressed="${state.mode === mode}">${tx(key)}</button>`;
  return `<div class="wallet-head"><h3>${tx('couponsTitle')}</h3>
    <div class="seg" role="tablist">${seg('best', 'modeBest')}${seg('manual', 'modeManual')}</div></div>`;
}

function walletInfo(r) {
  const lines = [];
  if (r?.couponSearch) {
    lines.push(`<p class="hint" data-nofig>${tx('searchInfo', { n: r.couponSearch.combinationsTried })} · ${r.couponSearch.optimal ? tx('searchOptimal') : tx('searchBudget')}</p>`);
  }
  if (state.mode === 'manual') lines.push(`<p class="hint">${tx('manualHint')}</p>`);
  else if (constrained()) {
    lines.push(`<p class="hint constrained">${tx('constrainedHint')} <button class="link" data-action="plain-best" id="btn-plain-best">${tx('backToBest')}</button></p>`);
  } else lines.push(`<p class="hint">${tx('bestHint')}</p>`);
  // A newer server wrote offers this engine cannot apply (SPEC 7a).
  if (r?.unsupported) lines.push(`<p class="notice" id="unsupported-notice">${tx('unsupportedNotice')}</p>`);
  return lines.join('');
}

// How the buyer's own choice shows on a coupon: its place among the manual
// picks or the locks (the order the engine judges them in), or "dropped".
function choiceMark(id) {
  if (state.mode === 'manual') {
    const order = state.picks.indexOf(id);
    return order < 0 ? null : { cls: 'picked', html: `<span class="order">${order + 1}</span>` };
  }
  const lock = state.lock.indexOf(id);
  if (lock >= 0) return { cls: 'locked', html: `<span class="pin" data-constraint="lock">${tx('pinLock')} ${lock + 1}</span>` };
  if (state.exclude.includes(id)) return { cls: 'excluded', html: `<span class="pin" data-constraint="exclude">${tx('pinExclude')}</span>` };
  return null;
}

function couponVerdict(cr, k) {
  if (cr.status === 'applied') return `<span class="st">${tx('status_applied')}</span><span class="disc">${tx('saved')} ${fig('price', `coupons[${k}].discount`, cr.discount)}</span>`;
  if (cr.status === 'usable') return `<span class="st">${tx('status_usable')}</span><span class="disc">${tx('canSave')} ${fig('price', `coupons[${k}].discount`, cr.discount)}</span>`;
  let html = `<span class="st">${tx('status_unusable')}</span><span class="reason" data-reason="${esc(cr.reason)}">${tx('reason_' + cr.reason)}</span>`;
  if (cr.shortfall !== undefined) html += `<span class="short">${tx('shortfall')} ${fig('price', `coupons[${k}].shortfall`, cr.shortfall)}</span>`;
  return html;
}

function couponItem(c, cr, k) {
  const mark = choiceMark(c.id);
  // A kind or stage this engine does not know: shown, never tappable.
  const unsupported = cr.reason === 'unsupported';
  const shop = c.shopId ? shopById.get(c.shopId) : null;
  const flags = [];
  if (c.exclusive) flags.push(`<em class="flag">${tx('exclusive')}</em>`);
  if (c.withPromotions === false) flags.push(`<em class="flag">${tx('notWithPromo')}</em>`);
  const classes = ['coupon', `st-${esc(cr.status)}`, mark?.cls ?? '', unsupported ? 'unsupported' : ''].filter(Boolean).join(' ');
  return `<button class="${classes}" data-action="pick" data-coupon="${esc(c.id)}" data-status="${esc(cr.status)}" aria-pressed="${!!mark && mark.cls !== 'excluded'}"${unsupported ? ' disabled' : ''}>
      <div class="cleft">${couponFace(c, k)}<span class="cond">${couponCondition(c, k)}</span></div>
      <div class="cmid"><b>${esc(pick(COUPON_NAMES[c.id] ?? { zh: c.id }))}</b>
        <span class="stage">${tx('stage_' + c.stage)}${shop ? ' · ' + esc(pick(shop.name)) : ''}</span>${flags.join('')}</div>
      <div class="cright">${couponVerdict(cr, k)}</div>
      ${mark?.html ?? ''}
    </button>`;
}

export function renderWallet() {
  const r = state.result;
  const head = walletHead() + walletInfo(r);
  if (!r) { $('coupon-wallet').innerHTML = head; return; }
  const items = COUPONS.map((c, k) => couponItem(c, r.coupons[k], k));
  $('coupon-wallet').innerHTML = head + `<div class="coupons">${items.join('')}</div>`;
}

// ---- taps ----------------------------------------------------------------------
// Each returns whether the request changed (the page then re-prices).

const without = (list, id) => list.filter((x) => x !== id);
const constrained = () => state.exclude.length > 0 || state.lock.length > 0;

export function setMode(mode) {
  if (mode === state.mode) return false;
  // Manual mode starts from what best mode chose; best mode starts plain.
  if (mode === 'manual') state.picks = appliedCouponIds();
  state.exclude = [];
  state.lock = [];
  state.mode = mode;
  return true;
}

// Best mode (SPEC 4): a tap on a coupon of the best pick drops it
// (`exclude`), a tap on another keeps it (`lock`), and the engine
// re-optimises the rest; a second tap on a dropped or kept coupon undoes
// that. Manual mode: a tap adds or removes a pick.
export function tapCoupon(id) {
  if (state.mode === 'manual') {
    state.picks = state.picks.includes(id) ? without(state.picks, id) : [...state.picks, id];
  } else if (state.lock.includes(id)) {
    state.lock = without(state.lock, id);
  } else if (state.exclude.includes(id)) {
    state.exclude = without(state.exclude, id);
  } else if (appliedCouponIds().includes(id)) {
    state.exclude = [...state.exclude, id];
  } else {
    state.lock = [...state.lock, id];
  }
  return true;
}

// The way back from the buyer's constraints to the plain best pick.
export function plainBest() {
  if (!constrained()) return false;
  state.exclude = [];
  state.lock = [];
  return true;
}
