// Demo data: three shops, twelve products, promotions, a coupon wallet and a
// two-level commission plan. Everything the engine sees is built from here by
// buildRequest() in app.js. Amounts are decimal strings, exactly as the engine
// takes them (SPEC 0); times are epoch milliseconds relative to the demo clock.

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export const SHOPS = [
  {
    id: 'jd',
    name: { zh: '京东自营', en: 'JD Self-operated' },
    selfOperated: true,
    shipping: { freeThreshold: '99.00', fee: '6.00' },
  },
  {
    id: '1000009821',
    name: { zh: '良品铺子旗舰店', en: 'Bestore Flagship' },
    shipping: { freeThreshold: '88.00', fee: '8.00' },
  },
  {
    id: '1000104233',
    name: { zh: '山野茶舍旗舰店', en: 'Hillside Tea House' },
    shipping: { freeThreshold: '59.00', fee: '10.00' },
  },
];

// `art` names a drawing in art.js.
export function products(base) {
  const flash = (price, limit) => ({
    kind: 'flashSale', price, ...(limit ? { limit } : {}),
    validFrom: base - 2 * HOUR, validTo: base + 6 * HOUR,
  });
  const plus = (price) => ({ kind: 'plus', price });
  const newUser = (price, limit) => ({ kind: 'newUser', price, ...(limit ? { limit } : {}) });
  return [
    // 京东自营
    { skuId: '100012345678', shopId: 'jd', art: 'earbuds', categoryIds: ['652', '828'],
      name: { zh: '真无线降噪蓝牙耳机 Pro', en: 'ANC True Wireless Earbuds Pro' },
      listPrice: '299.00', specialPrices: [flash('249.00', 1), plus('279.00')], commissionRate: '0.06' },
    { skuId: '100009876543', shopId: 'jd', art: 'charger', categoryIds: ['652', '830'],
      name: { zh: '65W 氮化镓快充充电器', en: '65W GaN Fast Charger' },
      listPrice: '129.00', specialPrices: [plus('119.00')], commissionRate: '0.08' },
    { skuId: '100023400001', shopId: 'jd', art: 'rice', categoryIds: ['1320', '2675'],
      name: { zh: '五常稻花香大米 5kg', en: 'Wuchang Fragrant Rice 5 kg' },
      listPrice: '59.90', specialPrices: [flash('49.90', 2)], commissionRate: '0.05' },
    { skuId: '100023400002', shopId: 'jd', art: 'milk', categoryIds: ['1320', '9434'],
      name: { zh: '纯牛奶 250ml×24盒', en: 'Whole Milk 250 ml × 24' },
      listPrice: '69.90', specialPrices: [plus('62.90')], commissionRate: '0.04' },
    { skuId: '100023400003', shopId: 'jd', art: 'pods', categoryIds: ['15901', '15904'],
      name: { zh: '洗衣凝珠 52颗', en: 'Laundry Pods × 52' },
      listPrice: '49.90', specialPrices: [], commissionRate: '0.10' },
    { skuId: '100023400004', shopId: 'jd', art: 'thermos', categoryIds: ['1620', '1624'],
      name: { zh: '不锈钢保温杯 500ml', en: 'Steel Vacuum Flask 500 ml' },
      listPrice: '89.00', specialPrices: [flash('59.00', 1)], commissionRate: '0.12' },
    // 良品铺子旗舰店 (POP)
    { skuId: '100034567890', shopId: '1000009821', art: 'nuts', categoryIds: ['1320', '1583'],
      name: { zh: '每日坚果 750g/30袋', en: 'Daily Mixed Nuts 750 g' },
      listPrice: '129.90', specialPrices: [flash('99.90', 1)], commissionRate: '0.20' },
    { skuId: '100034567891', shopId: '1000009821', art: 'jerky', categoryIds: ['1320', '1590'],
      name: { zh: '靖江猪肉脯 200g', en: 'Pork Jerky 200 g' },
      listPrice: '29.90', specialPrices: [], commissionRate: '0.20' },
    { skuId: '100034567892', shopId: '1000009821', art: 'mango', categoryIds: ['1320', '1591'],
      name: { zh: '芒果干 108g', en: 'Dried Mango 108 g' },
      listPrice: '19.90', specialPrices: [newUser('9.90', 1)], commissionRate: '0.15' },
    { skuId: '100034567893', shopId: '1000009821', art: 'bread', categoryIds: ['1320', '1592'],
      name: { zh: '手撕面包 1kg', en: 'Pull-apart Bread 1 kg' },
      listPrice: '39.90', specialPrices: [plus('35.90')], commissionRate: '0.15' },
    // 山野茶舍旗舰店 (POP)
    { skuId: '100045678901', shopId: '1000104233', art: 'tea', categoryIds: ['1320', '12202'],
      name: { zh: '明前龙井 250g', en: 'Pre-Qingming Longjing 250 g' },
      listPrice: '238.00', specialPrices: [newUser('199.00', 1)], commissionRate: '0.25' },
    { skuId: '100045678902', shopId: '1000104233', art: 'teaset', categoryIds: ['1620', '1627'],
      name: { zh: '青瓷功夫茶具套装', en: 'Celadon Gongfu Tea Set' },
      listPrice: '168.00', specialPrices: [flash('128.00', 1)], commissionRate: '0.18' },
  ];
}

// Promotions in request order: assignment is by order (SPEC 3), so the
// snack 满件折 comes before the shop-wide 满减 it would otherwise shadow.
export function promotions(base) {
  return [
    { id: 'P1', kind: 'tieredAmountOff', scope: { shopIds: ['jd'], categoryIds: ['652', '1620'] },
      tiers: [{ threshold: '199', off: '20' }, { threshold: '399', off: '50' }],
      validFrom: base - DAY, validTo: base + 7 * DAY },
    { id: 'P2', kind: 'nthItemPayRatio', scope: { skuIds: ['100023400002'] }, n: 2, payRatio: '0.5' },
    { id: 'P3', kind: 'tieredPayRatio', scope: { shopIds: ['1000009821'], skuIds: ['100034567891', '100034567892', '100034567893'] },
      tiers: [{ minQuantity: 2, payRatio: '0.9' }, { minQuantity: 3, payRatio: '0.8' }] },
    { id: 'P4', kind: 'tieredAmountOff', scope: { shopIds: ['1000009821'] },
      tiers: [{ threshold: '88', off: '10' }, { threshold: '158', off: '25' }] },
    { id: 'P5', kind: 'gift', scope: { shopIds: ['1000104233'] }, threshold: '300',
      gifts: [{ skuId: '100045678999', name: '青瓷品鉴杯', quantity: 2 }] },
    // 每满减 on JD groceries and household goods the earlier promotions leave
    // (rice, laundry pods): its 凑单 hint names the next multiple of ¥100.
    { id: 'P6', kind: 'everyAmountOff', scope: { shopIds: ['jd'], categoryIds: ['1320', '15901'] },
      every: '100', off: '10', maxOff: '30' },
  ];
}

export const PROMOTION_LABELS = {
  P1: { tag: { zh: '满减', en: 'Spend & save' }, text: { zh: '数码家居满199减20，满399减50', en: 'Tech & home: ¥20 off ¥199, ¥50 off ¥399' } },
  P2: { tag: { zh: '第2件半价', en: '2nd half price' }, text: { zh: '纯牛奶第2件5折', en: 'Milk: every 2nd box at 50%' } },
  P3: { tag: { zh: '满件折', en: 'Multi-buy' }, text: { zh: '零食任选2件9折，3件8折', en: 'Snacks: 2 items 10% off, 3 items 20% off' } },
  P4: { tag: { zh: '满减', en: 'Spend & save' }, text: { zh: '店铺满88减10，满158减25', en: 'Shop: ¥10 off ¥88, ¥25 off ¥158' } },
  P5: { tag: { zh: '满赠', en: 'Free gift' }, text: { zh: '满300赠青瓷品鉴杯×2', en: 'Spend ¥300, get 2 celadon tasting cups' } },
  P6: { tag: { zh: '每满减', en: 'Every ¥100' }, text: { zh: '粮油日用每满100减10，最高减30', en: 'Groceries: ¥10 off every ¥100, up to ¥30' } },
};

export function coupons(base) {
  return [
    { id: 'C1', kind: 'amountOff', stage: 'shop', shopId: 'jd', threshold: '199', off: '30',
      validFrom: base - DAY, validTo: base + 3 * DAY },
    { id: 'C2', kind: 'amountOff', stage: 'shop', shopId: 'jd', threshold: '99', off: '12', withPromotions: false },
    { id: 'C3', kind: 'amountOff', stage: 'shop', shopId: '1000009821', threshold: '79', off: '8' },
    { id: 'C4', kind: 'payRatio', stage: 'shop', shopId: '1000104233', threshold: '100', payRatio: '0.95', maxOff: '20' },
    { id: 'C5', kind: 'amountOff', stage: 'platform', threshold: '299', off: '40' },
    { id: 'C6', kind: 'amountOff', stage: 'platform', threshold: '0', off: '5' },
    { id: 'C7', kind: 'amountOff', stage: 'platform', threshold: '500', off: '88', exclusive: true },
    { id: 'C8', kind: 'shipping', stage: 'shipping', off: '10' },
    { id: 'C9', kind: 'amountOff', stage: 'platform', threshold: '150', off: '20', validFrom: base + DAY },
    { id: 'C10', kind: 'amountOff', stage: 'platform', threshold: '100', off: '10', validTo: base - HOUR },
    // A kind from a newer server than this engine (SPEC 4, version skew):
    // listed, never applied, shown as "update to use".
    { id: 'C11', kind: 'memberDayOff', stage: 'platform', threshold: '0', off: '15', memberDay: 'friday' },
  ];
}

export const COUPON_NAMES = {
  C1: { zh: '自营店铺券', en: 'JD store coupon' },
  C2: { zh: '自营日用券（不与活动同享）', en: 'JD daily coupon (not with promotions)' },
  C3: { zh: '良品铺子店铺券', en: 'Bestore coupon' },
  C4: { zh: '茶舍9.5折券', en: 'Tea house 5% off' },
  C5: { zh: '全品类平台券', en: 'Platform coupon' },
  C6: { zh: '无门槛红包', en: 'No-minimum voucher' },
  C7: { zh: '独享大额券', en: 'Exclusive big coupon' },
  C8: { zh: '运费券', en: 'Shipping coupon' },
  C9: { zh: '明日生效券', en: 'Starts tomorrow' },
  C10: { zh: '过期券', en: 'Expired coupon' },
  C11: { zh: '会员日神券', en: 'Member-day coupon' },
};

// Promoter ids are decimal so they fit a share code (SPEC 9).
export const PROMOTER = { id: '1234567890', name: { zh: '小鹿推手', en: 'Deer (promoter)' } };
export const INVITER = { id: '2000000002', name: { zh: '阿青（邀请人）', en: 'Qing (inviter)' } };

export function commission(sharerId) {
  return {
    buyerId: 'u-1',
    platformFeeRate: '0.10',
    beneficiaries: [
      { id: sharerId, role: 'sharer', share: '0.50' },
      { id: INVITER.id, role: 'inviter', share: '0.10' },
    ],
    selfPurchase: 'allow',
  };
}

// What the cart holds when the page opens (request order = this order).
export const INITIAL_CART = [
  { skuId: '100012345678', quantity: 1 },
  { skuId: '100023400002', quantity: 2 },
  { skuId: '100034567890', quantity: 1 },
  { skuId: '100034567891', quantity: 1 },
  { skuId: '100045678901', quantity: 1, selected: false },
];

// A signing key for the demo only: real keys stay on the server (SPEC 9).
export const DEMO_KEY = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
