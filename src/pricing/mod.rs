//! The pricing pipeline: unit prices (SPEC 2) → promotions (3) → shipping
//! fees (5) → coupons (4) → commission (7); `report.rs` writes the result
//! (7a).

mod allocation;
mod commission;
mod coupon;
mod manual;
mod promotion;
mod report;
mod scope;
mod search;
mod shipping;
mod unit_price;

pub use search::DEFAULT_BUDGET;

use crate::money::Money;
use crate::request::model::{Cart, Selection};
use crate::result::{CouponSearch, PricingResult};
use coupon::{Application, CouponBoard};
use manual::Refusal;
use unit_price::UnitRun;

/// Knobs for tests and servers; the defaults are the contract.
#[derive(Debug, Clone, Copy)]
pub struct PricingOptions {
    /// Deterministic budget of the best-coupon search, in units of work
    /// whose cost does not grow with the cart (SPEC 4).
    pub search_budget: u64,
}

impl Default for PricingOptions {
    fn default() -> Self {
        PricingOptions {
            search_budget: DEFAULT_BUDGET,
        }
    }
}

/// Per-line figures before coupons (`None` for an unselected line).
struct LineBase {
    runs: Vec<UnitRun>,
    list_amount: Money,
    base_amount: Money,
}

/// What the coupon stage chose, and why the buyer's picks or locks that
/// were refused were refused.
struct CouponChoice {
    application: Application,
    refusals: Vec<(usize, Refusal)>,
    search: Option<CouponSearch>,
}

/// Prices a checked cart.
pub fn price(cart: &Cart, options: &PricingOptions) -> PricingResult {
    let bases = line_bases(cart);
    let base_amounts: Vec<Money> = bases
        .iter()
        .map(|b| b.as_ref().map_or(Money::ZERO, |b| b.base_amount))
        .collect();
    let lowest_prices: Vec<Money> = bases
        .iter()
        .map(|b| {
            b.as_ref()
                .and_then(|b| b.runs.iter().map(|r| r.price).min())
                .unwrap_or(Money::ZERO)
        })
        .collect();

    let assignment = promotion::assign(cart);
    let promotions = promotion::apply(cart, &assignment, &base_amounts, &lowest_prices);
    let after_promotion: Vec<Money> = base_amounts
        .iter()
        .zip(&promotions.line_discount)
        .map(|(&base, &discount)| base - discount)
        .collect();
    let goods_by_shop = shipping::goods_by_shop(cart, &after_promotion);
    let fees = shipping::fees(cart, &goods_by_shop);

    let board = CouponBoard::new(cart, after_promotion, &promotions.line_discount, fees);
    let choice = choose_coupons(&board, &cart.selection, options);
    let splits = commission::split_lines(cart, &choice.application.paid);

    report::result(&report::Figures {
        board: &board,
        bases: &bases,
        assignment: &assignment,
        promotions: &promotions,
        goods_by_shop: &goods_by_shop,
        choice: &choice,
        splits: &splits,
    })
}

fn line_bases(cart: &Cart) -> Vec<Option<LineBase>> {
    cart.lines
        .iter()
        .map(|line| {
            line.selected.then(|| {
                let runs = unit_price::unit_runs(line, &cart.user, cart.now);
                LineBase {
                    base_amount: unit_price::base_amount(&runs),
                    list_amount: Money(line.list_price.fen() * i64::from(line.quantity)),
                    runs,
                }
            })
        })
        .collect()
}

/// SPEC 4 selection: best mode (locks judged first, like manual picks,
/// then the search) or the buyer's manual picks.
fn choose_coupons(
    board: &CouponBoard,
    selection: &Selection,
    options: &PricingOptions,
) -> CouponChoice {
    match selection {
        Selection::Best(constraints) => {
            let (locked, refusals) = manual::resolve(board, &constraints.lock);
            let outcome = search::best_combination(
                board,
                &locked,
                &constraints.exclude,
                options.search_budget,
            );
            CouponChoice {
                application: outcome.application,
                refusals,
                search: Some(CouponSearch {
                    optimal: outcome.optimal,
                    combinations_tried: outcome.tried,
                }),
            }
        }
        Selection::Manual(picks) => {
            let (accepted, refusals) = manual::resolve(board, picks);
            CouponChoice {
                application: board
                    .apply(&accepted)
                    .unwrap_or_else(|| board.nothing_applied()),
                refusals,
                search: None,
            }
        }
    }
}
