// SPEC 7a, 8: what a TypeScript user of the package leans on. Must compile
// with `tsc --strict --noEmit` (tests/package/consumer.mjs, case e).
import { priceCart, isSharecartError, type CouponResult, type ErrorCode, type PricingRequest, type SharecartError, type Warning, type WarningCode } from 'sharecart';

const request: PricingRequest = {
  now: 1764000000000,
  shops: [{ id: 's1' }],
  lines: [{ id: 'L1', skuId: '1001', shopId: 's1', name: '保温杯', listPrice: '59.90', quantity: 2 }],
  strict: false,
};

// A line result is discriminated on `status`: only a priced line has amounts.
export function paidOf(requestToPrice: PricingRequest): string[] {
  return priceCart(requestToPrice).lines.map((line) => {
    if (line.status === 'priced') return line.paid;
    const unselected: 'unselected' = line.status;
    return unselected;
  });
}

type CouponReason = NonNullable<CouponResult['reason']>;

// Exhaustive: a new reason in the engine makes this fail to compile.
export function explain(reason: CouponReason): string {
  switch (reason) {
    case 'unsupported': return 'this app is too old for this coupon';
    case 'notStarted': return 'not yet valid';
    case 'expired': return 'expired';
    case 'noEligibleItems': return 'nothing in the cart qualifies';
    case 'noShippingFee': return 'no shipping fee to cover';
    case 'belowThreshold': return 'add more to use it';
    case 'stackingConflict': return 'cannot be combined with another pick';
    case 'exclusiveConflict': return 'cannot be combined with anything';
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

export function appliedIds(): string[] {
  return priceCart(request).coupons.filter((c) => c.status === 'applied').map((c) => c.id);
}

// Warnings (SPEC 1.2): absent when there is none; codes from a closed union.
export function explainWarning(code: WarningCode): string {
  switch (code) {
    case 'unknownField': return 'a field this engine does not know (a typo?)';
    case 'timeInSeconds': return 'a time in seconds where milliseconds are expected';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export function warningLines(requestToPrice: PricingRequest): string[] {
  const warnings: Warning[] = priceCart(requestToPrice).warnings ?? [];
  return warnings.map((w) => `${w.path}: ${explainWarning(w.code)} (${w.message})`);
}

// Errors: a SharecartError carries a code from a closed union and a path.
export function fieldOfError(input: PricingRequest): { code: ErrorCode; path: string } | null {
  try {
    priceCart(input);
    return null;
  } catch (error: unknown) {
    if (isSharecartError(error)) {
      const typed: SharecartError = error;
      if (typed.code === 'engineFault') return { code: typed.code, path: '' };
      return { code: typed.code, path: typed.path };
    }
    throw error;
  }
}

paidOf(request);
