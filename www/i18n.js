// UI strings. Chinese is the default; `t(key, vars)` fills {name} slots.

const STRINGS = {
  zh: {
    appTitle: '分享购 · 引擎演示',
    tabShop: '商品', tabCart: '购物车', tabPromote: '分享赚', tabDev: '开发者',
    plusMember: 'PLUS会员', newUser: '新人',
    langButton: 'EN',
    selfOperated: '自营', pop: '店铺',
    addToCart: '加入购物车', inCart: '已加购 {n}',
    shareEarn: '分享赚',
    kind_list: '京东价', kind_flashSale: '秒杀', kind_plus: 'PLUS', kind_newUser: '新人价', kind_member: '会员价',
    limitEach: '限{n}件',
    freeShipOver: '满¥{x}免运费', shipFee: '运费', freeShipping: '免运费',
    goods: '商品', subtotal: '小计',
    emptyCart: '购物车空空如也，去逛逛吧',
    remove: '删除', unselected: '未勾选',
    paidLine: '到手', promoOff: '活动', couponOff: '券',
    lineEarn: '分享赚',
    promoApplied: '已减', nextTierOff: '再买 {x} 减 {y}', nextTierRatio: '再买 {x} 享 {r}',
    nextTierGift: '再买 {x} 得赠品', nextTierQuantity: '再买{x}件享 {r}', giftsMet: '已得赠品：', goAddOn: '去凑单 ›',
    promoNotApplicable: '所选活动不适用',
    couponsTitle: '优惠券', modeBest: '最优组合', modeManual: '手动选券',
    searchInfo: '已比较 {n} 种组合', searchOptimal: '最优', searchBudget: '预算内最佳',
    manualHint: '点选优惠券，按点选顺序使用',
    status_applied: '已使用', status_usable: '可用', status_unusable: '不可用',
    canSave: '可减', saved: '已减',
    reason_notStarted: '未到使用时间', reason_expired: '已过期', reason_noEligibleItems: '购物车中无可用商品',
    reason_noShippingFee: '无运费可抵', reason_belowThreshold: '未满足门槛', shortfall: '还差',
    reason_stackingConflict: '与已选券不可叠加', reason_exclusiveConflict: '独享券，不可与其他券同用',
    reason_unsupported: '升级后可用', unsupportedNotice: '部分优惠需升级后可用',
    bestHint: '点已用的券可不用它，点其他券可指定使用，其余自动重算',
    constrainedHint: '已按你的选择重算其余优惠券', backToBest: '恢复最优 ›',
    pinLock: '指定', pinExclude: '不用',
    warningsTitle: '{n} 条警告', warnFaults: '制造一个警告：', fault_typo: '字段拼错', fault_seconds: '秒级时间',
    stage_shop: '店铺券', stage_platform: '平台券', stage_shipping: '运费券',
    noThreshold: '无门槛', over: '满{x}可用', maxOff: '最高减{x}', exclusive: '独享', notWithPromo: '不与活动同享',
    off: '{x}', ratioOff: '{r}',
    breakdownTitle: '价格明细',
    bListAmount: '商品总价', bPriceReduction: '特价优惠', bPromotion: '活动优惠', bCoupon: '优惠券',
    bShipping: '运费', bShippingDiscount: '运费券', bPayable: '实付款', bSavings: '共省',
    commissionTitle: '佣金预估（二级分佣）',
    cBase: '计佣金额', cGross: '佣金总额', cFee: '平台服务费', cSharer: '分享者', cInviter: '邀请人', cOperator: '平台留存',
    selfPurchaseYes: '自购：分享者即买家', selfPurchaseNo: '非自购',
    total: '合计', totalSaved: '共减', checkout: '结算({n})', checkoutToast: '演示页面，不会真的下单',
    engineTime: '引擎 {ms} ms',
    shareCardTitle: '分享卡片', pickProduct: '选择商品', afterCoupon: '券后价', listPriceLabel: '京东价',
    youEarn: '分享预计赚', inviterEarns: '邀请人赚',
    shareCodeTitle: '生成分享码', channel: '渠道', channel_group: '微信群', channel_moments: '朋友圈', channel_private: '私聊',
    channel_poster: '海报', channel_qr: '二维码',
    signDemo: '签名（演示密钥）', generate: '生成分享码', shareCode: '分享码', sharePath: '小程序路径', copy: '复制',
    chars: '{n} 字符',
    decodeTitle: '解析分享码', decodePlaceholder: '粘贴分享码或链接，例如 pages/item/index?s=…', decode: '解析',
    verifyWithKey: '用演示密钥验签',
    f_page: '页面', f_targetId: '商品', f_promoterId: '推手', f_groupId: '群', f_channel: '渠道',
    f_campaignId: '活动', f_couponId: '优惠券', f_issuedAt: '生成时间(取整到小时)',
    signed: '已签名', unsigned: '未签名', verified: '验签通过', notVerified: '未验签',
    shareUnavailable: '当前 wasm 包还没有分享码接口（encodeShareCode / decodeShareCode），请更新 pkg/web 后重试。',
    qrUnavailable: '二维码库未加载（node_modules/uqr），只显示分享码文本。',
    fromShare: '你正在查看推手 {p} 分享的商品，下单佣金将归属该推手。',
    rawTitle: '原始 JSON', rawHint: '编辑请求并用引擎计算；错误会显示引擎返回的 code、path 和 message。',
    loadCurrent: '载入当前请求', priceIt: '计算', faults: '制造一个错误：',
    fault_negative: '负价格', fault_levels: '三级分佣', fault_repeat: '重复键', fault_shop: '未知店铺', fault_json: '非 JSON',
    rawOk: '计算成功', rawResult: '结果',
    errorAt: '位置', line: '第 {n} 行',
    loading: '正在加载引擎…', loadFailed: '引擎加载失败：',
    gift: '赠品',
  },
  en: {
    appTitle: 'ShareCart · engine demo',
    tabShop: 'Shop', tabCart: 'Cart', tabPromote: 'Promote', tabDev: 'Developer',
    plusMember: 'PLUS member', newUser: 'New user',
    langButton: '中文',
    selfOperated: 'JD', pop: 'Shop',
    addToCart: 'Add to cart', inCart: 'In cart: {n}',
    shareEarn: 'Share & earn',
    kind_list: 'List', kind_flashSale: 'Flash sale', kind_plus: 'PLUS', kind_newUser: 'New-user', kind_member: 'Member',
    limitEach: 'limit {n}',
    freeShipOver: 'Free shipping over ¥{x}', shipFee: 'Shipping', freeShipping: 'Free shipping',
    goods: 'Goods', subtotal: 'Subtotal',
    emptyCart: 'Your cart is empty.',
    remove: 'Remove', unselected: 'Not selected',
    paidLine: 'You pay', promoOff: 'Promo', couponOff: 'Coupon',
    lineEarn: 'Earn',
    promoApplied: 'Saved', nextTierOff: 'Add {x} more to save {y}', nextTierRatio: 'Add {x} more to {r}',
    nextTierGift: 'Add {x} more for the gift', nextTierQuantity: 'Add {x} more item(s) to {r}', giftsMet: 'Gift: ', goAddOn: 'Add items ›',
    promoNotApplicable: 'Chosen promotion does not apply',
    couponsTitle: 'Coupons', modeBest: 'Best combination', modeManual: 'Pick manually',
    searchInfo: '{n} combinations compared', searchOptimal: 'optimal', searchBudget: 'best within budget',
    manualHint: 'Tap coupons; they are used in the order tapped',
    status_applied: 'Applied', status_usable: 'Usable', status_unusable: 'Unusable',
    canSave: 'Saves', saved: 'Saved',
    reason_notStarted: 'Not started yet', reason_expired: 'Expired', reason_noEligibleItems: 'No eligible items',
    reason_noShippingFee: 'No shipping fee to cover', reason_belowThreshold: 'Below minimum', shortfall: 'Short by',
    reason_stackingConflict: 'Cannot stack with your picks', reason_exclusiveConflict: 'Exclusive: cannot combine',
    reason_unsupported: 'Update to use', unsupportedNotice: 'Some offers need a newer app version',
    bestHint: 'Tap a used coupon to drop it, another to keep it; the rest is re-optimised',
    constrainedHint: 'The other coupons were re-optimised around your choice', backToBest: 'Back to best ›',
    pinLock: 'Kept', pinExclude: 'Dropped',
    warningsTitle: '{n} warning(s)', warnFaults: 'Warn me:', fault_typo: 'typo in a name', fault_seconds: 'time in seconds',
    stage_shop: 'Store coupon', stage_platform: 'Platform coupon', stage_shipping: 'Shipping coupon',
    noThreshold: 'No minimum', over: 'Min. spend ¥{x}', maxOff: 'up to ¥{x} off', exclusive: 'Exclusive', notWithPromo: 'Not with promotions',
    off: '{x}', ratioOff: '{r}',
    breakdownTitle: 'Price breakdown',
    bListAmount: 'List total', bPriceReduction: 'Special prices', bPromotion: 'Promotions', bCoupon: 'Coupons',
    bShipping: 'Shipping', bShippingDiscount: 'Shipping coupon', bPayable: 'Payable', bSavings: 'You save',
    commissionTitle: 'Commission preview (two levels)',
    cBase: 'Commission base', cGross: 'Gross commission', cFee: 'Platform fee', cSharer: 'Sharer', cInviter: 'Inviter', cOperator: 'Operator keeps',
    selfPurchaseYes: 'Self purchase: the sharer is the buyer', selfPurchaseNo: 'Not a self purchase',
    total: 'Total', totalSaved: 'Saved', checkout: 'Check out ({n})', checkoutToast: 'Demo page: no order is placed',
    engineTime: 'engine {ms} ms',
    shareCardTitle: 'Share card', pickProduct: 'Pick a product', afterCoupon: 'After coupons', listPriceLabel: 'List',
    youEarn: 'You earn', inviterEarns: 'Inviter earns',
    shareCodeTitle: 'Share code', channel: 'Channel', channel_group: 'WeChat group', channel_moments: 'Moments', channel_private: 'Private chat',
    channel_poster: 'Poster', channel_qr: 'QR code',
    signDemo: 'Sign (demo key)', generate: 'Generate', shareCode: 'Share code', sharePath: 'Mini-program path', copy: 'Copy',
    chars: '{n} chars',
    decodeTitle: 'Decode a share code', decodePlaceholder: 'Paste a code or a link, e.g. pages/item/index?s=…', decode: 'Decode',
    verifyWithKey: 'Verify with demo key',
    f_page: 'Page', f_targetId: 'Item', f_promoterId: 'Promoter', f_groupId: 'Group', f_channel: 'Channel',
    f_campaignId: 'Campaign', f_couponId: 'Coupon', f_issuedAt: 'Issued (to the hour)',
    signed: 'Signed', unsigned: 'Unsigned', verified: 'Verified', notVerified: 'Not verified',
    shareUnavailable: 'This wasm package has no share-code API yet (encodeShareCode / decodeShareCode). Rebuild pkg/web and reload.',
    qrUnavailable: 'QR library not loaded (node_modules/uqr); showing the code as text only.',
    fromShare: 'You opened a product shared by promoter {p}; the commission goes to them.',
    rawTitle: 'Raw JSON', rawHint: 'Edit the request and price it; errors show the engine\'s code, path and message.',
    loadCurrent: 'Load current request', priceIt: 'Price it', faults: 'Break it:',
    fault_negative: 'negative price', fault_levels: 'third level', fault_repeat: 'repeated key', fault_shop: 'unknown shop', fault_json: 'not JSON',
    rawOk: 'Priced', rawResult: 'Result',
    errorAt: 'at', line: 'line {n}',
    loading: 'Loading the engine…', loadFailed: 'The engine failed to load: ',
    gift: 'Gift',
  },
};

let lang = 'zh';

export function setLang(next) { lang = next === 'en' ? 'en' : 'zh'; }
export function getLang() { return lang; }

export function t(key, vars) {
  let s = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// Picks the current language from a {zh, en} pair.
export function pick(pair) { return pair[lang] ?? pair.zh; }

// Ratio strings shown without arithmetic on JS numbers (SPEC 0): "0.95" is
// "9.5折" in Chinese and "pay 95%" in English; the decimal point just moves.
export function ratioLabel(ratio) {
  const [int, frac = ''] = ratio.split('.');
  const digits = (int.replace(/^0+(?=\d)/, '') + frac.padEnd(4, '0')); // ratio × 10^4
  const shift = (n) => {
    const whole = digits.slice(0, digits.length - n).replace(/^0+(?=\d)/, '') || '0';
    const rest = digits.slice(digits.length - n).replace(/0+$/, '');
    return rest ? `${whole}.${rest}` : whole;
  };
  return lang === 'zh' ? `${shift(3)}折` : `pay ${shift(2)}%`;
}
