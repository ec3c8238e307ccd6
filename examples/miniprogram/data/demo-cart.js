// A demo cart: the pricing request of SPEC section 1 (two shops, a flash
// sale, a tiered promotion, three coupons, a two-level commission) with a
// fourth coupon of a kind from a newer server, plus the
// titles a real app would get from its catalogue.

// A real app sends the server's time; this one is fixed so that the flash
// sale in the demo data is on.
const DEMO_NOW = 1764000000000;

// The promoter who shares from this phone (a decimal id: share codes carry
// the platform's numeric ids, SPEC 9).
const PROMOTER_ID = '1234567890';

const titles = {
  '100012345678': '鲜牛奶 1L × 6',
  '100009876543': '全麦吐司 400g',
  '100023456789': '每日坚果 750g',
  '100034567890': '芒果干 80g',
};

function demoRequest() {
  return {
    now: DEMO_NOW,
    rounding: 'halfUp',
    user: { id: 'u-1', plus: false, newUser: false },
    shops: [
      { id: 'jd', name: '京东自营', shipping: { freeThreshold: '99.00', fee: '6.00' } },
      { id: '1000009821', name: '良品铺子旗舰店', shipping: { freeThreshold: '88.00', fee: '8.00' } },
    ],
    lines: [
      {
        id: 'L1', skuId: '100012345678', shopId: 'jd', categoryIds: ['652', '654'],
        listPrice: '59.90', quantity: 2, selected: true,
        specialPrices: [{ kind: 'flashSale', price: '49.90', limit: 1, validFrom: 1763913600000, validTo: 1764086400000 }],
        promotionId: 'P1', commissionRate: '0.10',
      },
      { id: 'L2', skuId: '100009876543', shopId: 'jd', categoryIds: ['652'], listPrice: '35.00', quantity: 1, commissionRate: '0.05' },
      { id: 'L3', skuId: '100023456789', shopId: '1000009821', categoryIds: ['1320'], listPrice: '29.90', quantity: 2, commissionRate: '0.20' },
      { id: 'L4', skuId: '100034567890', shopId: '1000009821', categoryIds: ['1320'], listPrice: '19.90', quantity: 1, selected: false },
    ],
    promotions: [
      { id: 'P1', kind: 'tieredAmountOff', scope: { shopIds: ['jd'] }, tiers: [{ threshold: '100', off: '10' }, { threshold: '200', off: '25' }] },
    ],
    coupons: [
      { id: 'C1', kind: 'amountOff', stage: 'shop', shopId: 'jd', threshold: '99', off: '15' },
      { id: 'C2', kind: 'amountOff', stage: 'platform', threshold: '199', off: '20' },
      { id: 'C3', kind: 'shipping', stage: 'shipping', off: '6' },
      // From a server newer than this engine (SPEC 4): listed as 升级后可用, never applied.
      { id: 'C4', kind: 'memberDayOff', stage: 'platform', off: '8' },
    ],
    couponSelection: { mode: 'best' },
    commission: {
      buyerId: 'u-1',
      platformFeeRate: '0.10',
      beneficiaries: [{ id: PROMOTER_ID, role: 'sharer', share: '0.50' }, { id: '77', role: 'inviter', share: '0.10' }],
      selfPurchase: 'allow',
    },
  };
}

module.exports = { DEMO_NOW, PROMOTER_ID, titles, demoRequest };
