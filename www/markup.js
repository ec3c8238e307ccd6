// Markup helpers: every piece of text that goes into innerHTML, attributes
// included, passes through esc(). Figures carry a marker naming where they
// come from, so the browser test can check each against the CLI:
// data-fig="<source>:<path into the result>" for what the engine computed,
// data-req / data-cat for request and catalogue data shown as written.
import { t } from './i18n.js';

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);

// A UI string for markup: escaped like any other text, since its slots can
// hold request or result data (ids, stages of a coupon from a newer server).
export const tx = (key, vars) => esc(t(key, vars));

// A figure the engine computed: `src` names the result (price, preview,
// decode), `path` the field. The ¥ sign and minus come from CSS, so the
// element's text is exactly the engine's string.
export const fig = (src, path, value, cls = 'amt') => `<span class="${esc(cls)}" data-fig="${esc(`${src}:${path}`)}">${esc(value)}</span>`;
export const req = (path, value, cls = 'amt') => `<span class="${esc(cls)}" data-req="${esc(path)}">${esc(value)}</span>`;
export const cat = (sku, path, value, cls = 'amt') => `<span class="${esc(cls)}" data-cat="${esc(`${sku}:${path}`)}">${esc(value)}</span>`;
export const isZero = (amount) => /^0+(\.0+)?$/.test(amount);

// A UI sentence with a figure in it: the sentence is escaped, then each
// marked slot ('\u0000X', '\u0000Y') is replaced by its (already safe) markup.
export function sentence(key, vars, slots) {
  let s = tx(key, vars);
  for (const [slot, html] of Object.entries(slots)) s = s.replace(slot, html);
  return s;
}

export function row(label, html, cls = '') {
  return `<div class="row ${esc(cls)}"><span>${label}</span><span>${html}</span></div>`;
}

export function errorBox(err, extra = '') {
  return `<div class="error" role="alert" data-error-code="${esc(err.code)}" data-error-path="${esc(err.path)}">
    <div><span class="ecode">${esc(err.code)}</span> <code class="epath">${esc(err.path === '' ? '""' : err.path)}</code>${extra}</div>
    <div class="emsg">${esc(err.message)}</div></div>`;
}
