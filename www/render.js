// Rendering: the header, the catalogue, the cart with its promotions and
// 凑单 hints, the breakdown, the commission, the checkout bar and the share
// card, each rebuilt from the page state and the last result on every
// re-price. The coupon wallet is coupons.js.
import { t, pick, getLang, ratioLabel } from './i18n.js';
import { productArt } from './art.js';
import { SHOPS, PROMOTION_LABELS, COUPON_NAMES, PROMOTER, INVITER } from './catalog.js';
import { esc, tx, fig, req, cat, isZero, sentence, row, errorBox } from './markup.js';
import { state, $, PRODUCTS, bySku, lineId } from './state.js';
import { renderWallet } from './coupons.js';

export function render() {
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
  if (state.fromShare) b.innerHTML = `↗ ${tx('fromShare', { p: state.fromShare.promoterId })}`;
}

// "满¥99.00免运费": the threshold is request data, shown as written.
function freeShip(shop) {
  const si = SHOPS.indexOf(shop);
  return sentence('freeShipOver', { x: '\u0000' }, { '¥\u0000': req(`shops[${si}].shipping.freeThreshold`, shop.shipping.freeThreshold) });
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
          <button class="btn small primary" data-action="add" data-sku="${esc(p.skuId)}">${inCart ? tx('inCart', { n: inCart.quantity }) : tx('addToCart')}</button>
        </div>
      </article>`);
    }
    html.push('</div>');
  }
  $('catalog').innerHTML = html.join('');
}

export function promoLabel(id) {
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
    const slots = { '\u0000X': x };
    let key = 'nextTierGift';
    if (byQuantity) key = 'nextTierQuantity';
    else if (pr.nextTier.off !== undefined) {
      key = 'nextTierOff';
      slots['\u0000Y'] = fig('price', `promotions[${k}].nextTier.off`, pr.nextTier.off);
    } else if (pr.nextTier.payRatio !== undefined) key = 'nextTierRatio';
    const ratio = pr.nextTier.payRatio === undefined ? '' : ratioLabel(pr.nextTier.payRatio);
    const s = sentence(key, { x: '\u0000X', y: '\u0000Y', r: ratio }, slots);
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
      <button class="btn primary pay" data-action="checkout">${tx('checkout', { n })}</button>` : '';
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
