//! SPEC 2: unit prices — special prices cheapest first, the rest at list.

use crate::money::Money;
use crate::request::model::{Line, SpecialKind, User};
use crate::result::UnitPriceKind;

/// A run of units at one price; `kind: None` is the list price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRun {
    pub kind: Option<SpecialKind>,
    pub price: Money,
    pub quantity: u32,
}

impl UnitRun {
    pub fn kind(&self) -> UnitPriceKind {
        match self.kind {
            None => UnitPriceKind::List,
            Some(SpecialKind::FlashSale) => UnitPriceKind::FlashSale,
            Some(SpecialKind::NewUser) => UnitPriceKind::NewUser,
            Some(SpecialKind::Plus) => UnitPriceKind::Plus,
            Some(SpecialKind::Member) => UnitPriceKind::Member,
        }
    }
}

fn applies(kind: SpecialKind, user: &User) -> bool {
    match kind {
        SpecialKind::Plus => user.plus,
        SpecialKind::NewUser => user.new_user,
        SpecialKind::FlashSale | SpecialKind::Member => true,
    }
}

/// The line's units, cheapest first; runs of zero units are left out.
pub fn unit_runs(line: &Line, user: &User, now: u64) -> Vec<UnitRun> {
    let mut candidates: Vec<(usize, &crate::request::model::SpecialPrice)> = line
        .special_prices
        .iter()
        .enumerate()
        .filter(|(_, sp)| {
            applies(sp.kind, user) && sp.window.contains(now) && sp.price < line.list_price
        })
        .collect();
    // Price, then kind (flashSale, newUser, plus, member), then request order.
    crate::sort::sort_by(&mut candidates, |(ia, a), (ib, b)| {
        a.price
            .cmp(&b.price)
            .then(a.kind.cmp(&b.kind))
            .then(ia.cmp(ib))
    });
    let mut remaining = line.quantity;
    let mut runs = Vec::new();
    for (_, special) in candidates {
        let take = special
            .limit
            .map_or(remaining, |limit| limit.min(remaining));
        if take > 0 {
            runs.push(UnitRun {
                kind: Some(special.kind),
                price: special.price,
                quantity: take,
            });
            remaining -= take;
        }
    }
    if remaining > 0 {
        runs.push(UnitRun {
            kind: None,
            price: line.list_price,
            quantity: remaining,
        });
    }
    runs
}

pub fn base_amount(runs: &[UnitRun]) -> Money {
    runs.iter()
        .map(|r| Money(r.price.fen() * i64::from(r.quantity)))
        .sum()
}
