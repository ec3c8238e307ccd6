// Share codes (分享码, SPEC 9): generating one for the promoted product,
// decoding a pasted code or link, and opening the page from a shared link.
import { pick, getLang } from './i18n.js';
import { DEMO_KEY } from './catalog.js';
import { esc, tx, fig, errorBox } from './markup.js';
import { state, runtime, $, params, clock, bySku, errorOf, publish } from './state.js';

export const QR_OPTIONS = { ecc: 'M', border: 2, pixelSize: 8 };

export const shareAvailable = () => typeof runtime.engine?.encodeShareCode === 'function'
  && typeof runtime.engine?.decodeShareCode === 'function';

const unavailable = () => `<div class="notice">${tx('shareUnavailable')}</div>`;

// The share-code output: the code, the mini-program path and the QR code
// (or the error), from state.share. Used when a code is made and when the
// language changes (the same code, not a new one).
function showShare() {
  const out = $('share-out');
  const share = state.share;
  if (!share) { out.innerHTML = ''; return; }
  if (share.error) { out.innerHTML = errorBox(share.error); return; }
  const { qr } = runtime;
  const qrHtml = qr
    ? `<div class="qr" id="share-qr" data-qr-text="${esc(share.code)}">${qr.renderSVG(share.code, QR_OPTIONS)}</div>`
    : `<div class="notice">${tx('qrUnavailable')}</div>`;
  out.innerHTML = `<div class="codebox"><div class="lbl">${tx('shareCode')} <small class="muted">${tx('chars', { n: share.code.length })}</small></div>
      <code id="share-code" class="code">${esc(share.code)}</code>
      <div class="lbl">${tx('sharePath')}</div><code id="share-path" class="path">${esc(share.path)}</code></div>${qrHtml}`;
}

export function clearShare() {
  state.share = null;
  showShare();
}

export function generateShare() {
  if (!shareAvailable()) { $('share-out').innerHTML = unavailable(); return; }
  const { engine } = runtime;
  const fields = { page: 'item', targetId: state.promoSku, promoterId: state.sharerId, channel: $('share-channel').value, issuedAt: clock() };
  const options = $('share-sign').checked ? { key: DEMO_KEY } : undefined;
  try {
    const code = options ? engine.encodeShareCode(fields, options) : engine.encodeShareCode(fields);
    const path = `pages/item/index?s=${code}`;
    state.share = { fields, options: options ?? null, code, path };
    $('decode-input').value = `${path}&from=timeline`;
  } catch (e) {
    state.share = { fields, options: options ?? null, error: errorOf(e) };
  }
  showShare();
  publish();
}

const FIELD_ORDER = ['page', 'targetId', 'promoterId', 'groupId', 'channel', 'campaignId', 'couponId', 'issuedAt'];

function fieldNote(f, k) {
  if (k === 'issuedAt') return ` <small class="muted">${esc(new Date(f.issuedAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'))}</small>`;
  const product = f.page === 'item' ? bySku.get(f.targetId) : null;
  if (k === 'targetId' && product) return ` <small class="muted">${esc(pick(product.name))}</small>`;
  if (k === 'channel') return ` <small class="muted">${tx('channel_' + f.channel)}</small>`;
  return '';
}

export function decodeShare() {
  const out = $('decode-out');
  if (!shareAvailable()) { out.innerHTML = unavailable(); return; }
  const { engine } = runtime;
  const input = $('decode-input').value.trim();
  const options = $('decode-verify').checked ? { key: DEMO_KEY } : undefined;
  try {
    const result = options ? engine.decodeShareCode(input, options) : engine.decodeShareCode(input);
    state.decoded = { input, options: options ?? null, result };
    const f = result.fields;
    const keys = FIELD_ORDER.filter((k) => f[k] !== undefined);
    out.innerHTML = `<table class="fields">${keys.map((k) => `<tr><th>${tx('f_' + k)}</th><td>${fig('decode', `fields.${k}`, f[k], 'plain mono')}${fieldNote(f, k)}</td></tr>`).join('')}</table>
      <div class="sigs"><span class="pill ${result.signed ? 'on' : ''}" data-signed="${result.signed}">${result.signed ? tx('signed') : tx('unsigned')}</span>
      <span class="pill ${result.verified ? 'on' : ''}" data-verified="${result.verified}">${result.verified ? tx('verified') : tx('notVerified')}</span></div>`;
  } catch (e) {
    state.decoded = { input, options: options ?? null, error: errorOf(e) };
    out.innerHTML = errorBox(state.decoded.error);
  }
  publish();
}

// In the new language, without issuing a new code.
export function rerenderShareOutputs() {
  if (state.share) showShare();
  if (state.decoded) decodeShare();
}

// `?s=CODE`: the product goes into the cart and the promoter becomes the
// sharer. Returns the error message to show, if any.
export function openFromShareLink() {
  if (!params.has('s') || !shareAvailable()) return null;
  try {
    const { fields } = runtime.engine.decodeShareCode(location.search.slice(1));
    if (fields.page === 'item' && bySku.has(fields.targetId)) {
      state.fromShare = fields;
      state.sharerId = fields.promoterId;
      state.promoSku = fields.targetId;
      if (!state.cart.some((c) => c.skuId === fields.targetId)) state.cart.push({ skuId: fields.targetId, quantity: 1, selected: true });
    }
    return null;
  } catch (e) {
    return `${e.code}: ${e.message}`;
  }
}
