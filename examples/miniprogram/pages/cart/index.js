// The cart: every change re-prices the whole cart with sharecart.priceCart,
// the same engine (and the same numbers, to the fen) as the server and H5.
const sharecart = require('../../miniprogram_npm/sharecart/sharecart.js');
const { titles, demoRequest } = require('../../data/demo-cart.js');

const COUPON_STATUS = { applied: '已用', usable: '可用', unusable: '不可用' };
const COUPON_REASON = {
  notStarted: '未开始', expired: '已过期', noEligibleItems: '无适用商品', noShippingFee: '无运费',
  belowThreshold: '未满门槛', stackingConflict: '不可叠加', exclusiveConflict: '不可同享',
};

Page({
  data: {
    loading: true,
    error: '',
    lines: [],
    coupons: [],
    totals: null,
    engine: '',
  },

  onLoad() {
    this.request = demoRequest();
    getApp().engine().then(() => {
      const info = sharecart.engineInfo();
      this.setData({ loading: false, engine: `sharecart ${info.version} · spec ${info.spec}` });
      this.reprice();
    }, (error) => {
      this.setData({ loading: false, error: error.message });
    });
  },

  reprice() {
    let result;
    try {
      result = sharecart.priceCart(this.request);
    } catch (error) {
      // Engine errors carry code and path (SPEC 8); the engine stays usable.
      this.setData({ error: `${error.code}${error.path ? ` @ ${error.path}` : ''}: ${error.message}` });
      return;
    }
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
        // shortfall is the 凑单 hint: add this much to use the coupon.
        detail: coupon.discount ? `-¥${coupon.discount}`
          : `${COUPON_REASON[coupon.reason] || coupon.reason || ''}${coupon.shortfall ? `，还差 ¥${coupon.shortfall}` : ''}`,
      })),
      totals: result.totals,
    });
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
