// Must FAIL to compile (tests/package/consumer.mjs, case e): 'aplied' is
// not a coupon status, and the string-literal union says so (TS2367).
import { priceCart } from 'sharecart';

const result = priceCart({ now: 0, shops: [{ id: 's' }], lines: [] });
export const applied = result.coupons.filter((coupon) => coupon.status === 'aplied');
