// The developer panel (开发者): the current request as editable JSON, priced
// with the text twin priceCartJson, and an error shown with the engine's
// code, path and message and the field that path names highlighted.
import { esc, tx, errorBox } from './markup.js';
import { state, runtime, $, errorOf, publish } from './state.js';

export function loadRaw() {
  $('raw-input').value = JSON.stringify(state.request, null, 2);
  $('raw-out').innerHTML = '';
}

export function priceRaw() {
  const text = $('raw-input').value;
  const out = $('raw-out');
  const t0 = performance.now();
  try {
    const resultText = runtime.engine.priceCartJson(text);
    const ms = performance.now() - t0;
    state.raw = { text, resultText, ms };
    const result = JSON.parse(resultText);
    out.innerHTML = `<div class="rawok"><b>✓ ${tx('rawOk')}</b> · ${tx('bPayable')} <span class="amt">${esc(result.totals.payable)}</span> · ${tx('engineTime', { ms: ms.toFixed(2) })}</div>
      ${warningList(result.warnings ?? [])}
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

// SPEC 1.2: names the request does not know and times that look like
// seconds. The request still priced; the list says what may be a typo.
function warningList(warnings) {
  if (!warnings.length) return '';
  const items = warnings.map((w) => `<li class="warning" data-warning-code="${esc(w.code)}" data-warning-path="${esc(w.path)}">
      <span class="ecode">${esc(w.code)}</span> <code class="epath">${esc(w.path)}</code> <span class="wmsg">${esc(w.message)}</span></li>`);
  return `<div class="warnings" id="raw-warnings" role="status"><b>⚠ ${tx('warningsTitle', { n: warnings.length })}</b><ul>${items.join('')}</ul></div>`;
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
  // Warnings, not errors (SPEC 1.2): `coupon` for `coupons` prices without
  // any coupon, and a time in seconds lands in January 1970.
  typo(r) { return Object.fromEntries(Object.entries(r).map(([k, v]) => [k === 'coupons' ? 'coupon' : k, v])); },
  seconds(r) { r.now = Math.floor(r.now / 1000); return r; },
};

export function injectFault(kind) {
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
