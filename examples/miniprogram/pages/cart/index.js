// The cart: every change re-prices the whole cart with sharecart.priceCart,
// the same engine (and the same numbers, to the fen) as the server and H5.
const sharecart = require('../../miniprogram_npm/sharecart/sharecart.js');
const { titles, demoRequest } = require('../../data/demo-cart.js');

const COUPON_STATUS = { applied: '已用', usable: '可用', unusable: '不可用' };
const COUPON_REASON = {
  unsupported: '升级后可用', notStarted: '未开始', expired: '已过期', noEligibleItems: '无适用商品', noShippingFee: '无运费',
  belowThreshold: '未满门槛', stackingConflict: '不可叠加', exclusiveConflict: '不可同享',
};

// The buyer's constraints on the best pick (SPEC 4): `exclude` holds the
// coupons of the best pick they dropped, `lock` the others they keep, in
// tap order. Plain best mode is {mode: 'best'}.
function couponSelection(exclude, lock) {
  const selection = { mode: 'best' };
  if (exclude.length) selection.exclude = exclude.slice();
  if (lock.length) selection.lock = lock.slice();
  return selection;
}

const without = (list, id) => list.filter((x) => x !== id);

Page({
  data: {
    loading: true,
    error: '',
    lines: [],
    coupons: [],
    constrained: false,
    unsupportedNote: '',
    totals: null,
    engine: '',
  },

  onLoad() {
    this.request = demoRequest();
    this.exclude = [];
    this.lock = [];
    this.applied = [];
    getApp().engine().then(() => {
      const info = sharecart.engineInfo();
      this.setData({ loading: false, engine: `sharecart ${info.version} · spec ${info.spec}` });
      this.reprice();
    }, (error) => {
      this.setData({ loading: false, error: error.message });
    });
  },

  reprice() {
    this.request.couponSelection = couponSelection(this.exclude, this.lock);
    let result;
    try {
      result = sharecart.priceCart(this.request);
    } catch (error) {
      // Engine errors carry code and path (SPEC 8); the engine stays usable.
      this.setData({ error: `${error.code}${error.path ? ` @ ${error.path}` : ''}: ${error.message}` });
      return;
    }
    this.applied = result.coupons.filter((c) => c.status === 'applied').map((c) => c.id);
    const requestLines = this.request.lines;
    const shopName = {};
    this.request.shops.forEach((shop) => { shopName[shop.id] = shop.name; });
    this.setData({
      error: '',
      lines: result.lines.map((line, i) => ({
        id: line.id,
        title: titles[requestLines[i].skuId] || requestLines[i].skuId,
        shop: shopName[requestLines[i].shopId],
        quantity: requestLines[i].quantity,
        selected: line.status !== 'unselected',
        listPrice: requestLines[i].listPrice,
        unitPrices: (line.unitPrices || []).map((u) => `${u.kind === 'list' ? '' : `${u.kind} `}¥${u.price}×${u.quantity}`).join(' + '),
        // Amounts are shown as the engine wrote them; the page does no money arithmetic.
        listAmount: line.status === 'priced' && line.listAmount !== line.paid ? line.listAmount : '',
        paid: line.paid || '',
      })),
      coupons: result.coupons.map((coupon) => ({
        id: coupon.id,
        status: COUPON_STATUS[coupon.status] || coupon.status,
        applied: coupon.status === 'applied',
        // A kind or stage from a newer server: shown, not tappable.
        unsupported: coupon.reason === 'unsupported',
        mark: this.lock.indexOf(coupon.id) >= 0 ? '指定' : (this.exclude.indexOf(coupon.id) >= 0 ? '不用' : ''),
        // shortfall is the 凑单 hint: add this much to use the coupon.
        detail: coupon.discount ? `-¥${coupon.discount}`
          : `${COUPON_REASON[coupon.reason] || coupon.reason || ''}${coupon.shortfall ? `，还差 ¥${coupon.shortfall}` : ''}`,
      })),
      constrained: this.exclude.length > 0 || this.lock.length > 0,
      unsupportedNote: result.unsupported ? '部分优惠需升级后可用' : '',
      totals: result.totals,
    });
  },

  // A tap on a coupon of the best pick drops it, a tap on another keeps it,
  // a second tap undoes either; the engine re-optimises the rest.
  onCoupon(event) {
    const id = event.currentTarget.dataset.id;
    const coupon = this.data.coupons.filter((c) => c.id === id)[0];
    if (!coupon || coupon.unsupported) return;
    if (this.lock.indexOf(id) >= 0) this.lock = without(this.lock, id);
    else if (this.exclude.indexOf(id) >= 0) this.exclude = without(this.exclude, id);
    else if (this.applied.indexOf(id) >= 0) this.exclude = this.exclude.concat([id]);
    else this.lock = this.lock.concat([id]);
    this.reprice();
  },

  onPlainBest() {
    this.exclude = [];
    this.lock = [];
    this.reprice();
  },

  onToggle(event) {
    const line = this.findLine(event.currentTarget.dataset.id);
    line.selected = line.selected === false;
    this.reprice();
  },

  onQuantity(event) {
    const line = this.findLine(event.currentTarget.dataset.id);
    const next = line.quantity + Number(event.currentTarget.dataset.delta);
    if (next < 1 || next > 9999) return;
    line.quantity = next;
    this.reprice();
  },

  onShare(event) {
    wx.navigateTo({ url: `/pages/share/index?lineId=${event.currentTarget.dataset.id}` });
  },

  findLine(id) {
    return this.request.lines.filter((line) => line.id === id)[0];
  },
});
