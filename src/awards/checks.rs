//! The checks of conferring an award, shared by `recordAward` and the nominations workflow:
//! the shape of a decision number, the recipient kind, and "one achievement is rewarded once",
//! across reorganisations of units ([`held_for_year`]).

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use entity::{award, award_type, unit, unit_lineage};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::eligibility::Recipient;
use crate::{
    error::{AppResult, UserErrorCode, UserProblem},
    organisation::rules as names,
};

/// A decision number has the shape `{n}/QĐ-{issuer}`, e.g. "163/QĐ-UBND" or, with the
/// abbreviations of Decree 30/2020 that keep a lower-case letter, "512/QĐ-TTg".
pub fn decision_number(field: &[&str], number: &str) -> Option<UserProblem> {
    let ok = number.split_once("/QĐ-").is_some_and(|(n, issuer)| {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && !issuer.is_empty()
            && issuer
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == 'Đ')
            && issuer.split('-').all(|part| {
                part.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Đ')
            })
    });
    (!ok).then(|| {
        UserProblem::new(
            field,
            crate::tr!(
                "`{number}` is not a decision number like 163/QĐ-UBND.",
                "`{number}` không phải là số quyết định đúng mẫu, ví dụ 163/QĐ-UBND."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

/// The person's and the unit's row id of a recipient, and its name.
pub fn recipient_ids(recipient: &Recipient) -> (Option<i32>, Option<i32>, String) {
    match recipient {
        Recipient::Person(p) => (Some(p.id), None, p.full_name.clone()),
        Recipient::Unit(u) => (None, Some(u.id), u.name.clone()),
    }
}

/// Problems of giving `award_type` to `recipient` for `year`: the recipient kind, and one
/// achievement rewarded once.
pub async fn award_problems<C: sea_orm::ConnectionTrait>(
    db: &C,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> AppResult<Vec<UserProblem>> {
    let mut problems: Vec<UserProblem> = names::year("year", year).into_iter().collect();
    let (person, _, _) = recipient_ids(recipient);
    let kind_ok = if person.is_some() {
        award_type.for_individual
    } else {
        award_type.for_collective
    };
    let name = &award_type.name;
    if !kind_ok {
        problems.push(UserProblem::new(
            &["recipientId"],
            crate::tr!(
                "{name} is not conferred on this kind of recipient.",
                "{name} không được xét tặng cho loại đối tượng này."
            ),
            UserErrorCode::RuleNotMet,
        ));
    }
    problems.extend(already_held(db, award_type, recipient, year).await?);
    Ok(problems)
}

/// `DUPLICATE` (on `year`) when [`held_for_year`] finds a holder of `award_type` for `year`,
/// naming it.
pub async fn already_held<C: ConnectionTrait>(
    db: &C,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> Result<Option<UserProblem>, DbErr> {
    Ok(held_for_year(db, award_type.id, recipient, year)
        .await?
        .map(|holder| duplicate(award_type, year, &holder)))
}

/// Who holds an award of a type for a year, as [`held_for_year`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// The recipient itself.
    Itself { award_id: i32 },
    /// A unit the recipient unit succeeded (merge, split, rename, absorption), directly or
    /// through several reorganisations.
    Predecessor {
        award_id: i32,
        unit_id: i32,
        code: String,
        name: String,
    },
    /// A unit that succeeded the recipient unit, directly or through several
    /// reorganisations.
    Successor {
        award_id: i32,
        unit_id: i32,
        code: String,
        name: String,
    },
}

impl Holder {
    /// The award held.
    pub fn award_id(&self) -> i32 {
        match self {
            Holder::Itself { award_id }
            | Holder::Predecessor { award_id, .. }
            | Holder::Successor { award_id, .. } => *award_id,
        }
    }
}

/// The `DUPLICATE` problem of giving `award_type` for `year` to a recipient when `holder` holds it.
fn duplicate(award_type: &award_type::Model, year: i32, holder: &Holder) -> UserProblem {
    let name = &award_type.name;
    let message = match holder {
        Holder::Itself { .. } => crate::tr!(
            "The recipient holds {name} for {year} already: one achievement is rewarded once.",
            "Đối tượng này đã được tặng {name} năm {year}: mỗi thành tích chỉ được khen thưởng một lần."
        ),
        Holder::Predecessor {
            code, name: unit, ..
        } => crate::tr!(
            "{unit} ({code}), which this unit succeeded, holds {name} for {year} already: the achievement of that year was rewarded once.",
            "Đơn vị {unit} ({code}), mà đơn vị này kế thừa, đã được tặng {name} năm {year}: thành tích của năm đó đã được khen thưởng một lần."
        ),
        Holder::Successor {
            code, name: unit, ..
        } => crate::tr!(
            "{unit} ({code}), which succeeded this unit, holds {name} for {year} already: the achievement of that year was rewarded once.",
            "Đơn vị {unit} ({code}), đơn vị kế thừa của đơn vị này, đã được tặng {name} năm {year}: thành tích của năm đó đã được khen thưởng một lần."
        ),
    };
    UserProblem::new(&["year"], message, UserErrorCode::Duplicate)
}

/// Whether the link `predecessor → successor` effective on `effective_on` carries an
/// achievement of `year` from one side to the other: from the year it takes effect in, and
/// for earlier years the successor did not exist in (a new unit's year before its creation
/// can only be its predecessors' work). A unit that absorbed another kept its own earlier
/// years: those are its own achievements, not the absorbed unit's.
fn carries(effective_on: chrono::NaiveDate, successor: &unit::Model, year: i32) -> bool {
    year >= effective_on.year() || successor.valid_from.is_some_and(|from| from.year() > year)
}

/// The units whose award of `year` is the same achievement as `unit_id`'s: its predecessors
/// (`up`) or its successors (`!up`), transitively, nearest first.
async fn lineage_for_year<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    year: i32,
    up: bool,
) -> Result<Vec<i32>, DbErr> {
    let mut seen = HashSet::from([unit_id]);
    let mut found = Vec::new();
    let mut frontier = vec![unit_id];
    while !frontier.is_empty() {
        let near = if up {
            unit_lineage::Column::SuccessorId
        } else {
            unit_lineage::Column::PredecessorId
        };
        let links = unit_lineage::Entity::find()
            .filter(near.is_in(frontier.clone()))
            .order_by_asc(unit_lineage::Column::Id)
            .all(db)
            .await?;
        let successor_ids: Vec<i32> = links.iter().map(|l| l.successor_id).collect();
        let successors: HashMap<i32, unit::Model> = unit::Entity::find()
            .filter(unit::Column::Id.is_in(successor_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        frontier = Vec::new();
        for link in links {
            let next = if up {
                link.predecessor_id
            } else {
                link.successor_id
            };
            let crosses = successors
                .get(&link.successor_id)
                .is_some_and(|s| carries(link.effective_on, s, year));
            if crosses && seen.insert(next) {
                found.push(next);
                frontier.push(next);
            }
        }
    }
    Ok(found)
}

/// The units whose achievement of `year` is `unit_id`'s own, as [`held_for_year`] follows
/// the lineage: its predecessors, then its successors, each nearest first (without `unit_id`).
pub async fn same_achievement_units<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
    year: i32,
) -> Result<Vec<i32>, DbErr> {
    let mut units = lineage_for_year(db, unit_id, year, true).await?;
    units.extend(lineage_for_year(db, unit_id, year, false).await?);
    Ok(units)
}

/// Who holds (not revoked) the award type `award_type_id` for `year` such that `recipient`
/// may not receive it again: "one achievement is rewarded once" (shared/DOMAIN.md).
///
/// The recipient itself first. For a unit, then the units it succeeded (`unit_lineage`,
/// transitively): the achievement of a year before or in a merger is its predecessors', and
/// was rewarded. A split refuses too: each successor's year includes the predecessor's share
/// of it, which the predecessor's award rewarded, and an annual title judges the whole year.
/// Symmetrically, the units that succeeded it: a predecessor does not get the award for a
/// year its successor was rewarded for. A link counts for the years from the one it takes
/// effect in, and for earlier years only when the successor did not exist then: a unit that
/// absorbed another keeps its own earlier years. A person's awards follow the person, so only
/// the person's own count.
///
/// Used by every path that confers an award or moves a nomination towards one
/// (`recordAward`, `createNomination`, `submitNomination`, `approveNomination`,
/// `issueDecision`, the proposals of `finalizeRanking`), and by the eligibility report's
/// check that the award was not given yet.
pub async fn held_for_year<C: ConnectionTrait>(
    db: &C,
    award_type_id: i32,
    recipient: &Recipient,
    year: i32,
) -> Result<Option<Holder>, DbErr> {
    let awards = |column: award::Column, ids: Vec<i32>| {
        award::Entity::find()
            .filter(award::Column::AwardTypeId.eq(award_type_id))
            .filter(award::Column::Year.eq(year))
            .filter(award::Column::RevokedAt.is_null())
            .filter(column.is_in(ids))
            .order_by_asc(award::Column::Id)
    };
    let unit = match recipient {
        Recipient::Person(p) => {
            let held = awards(award::Column::RecipientPersonId, vec![p.id])
                .one(db)
                .await?;
            return Ok(held.map(|a| Holder::Itself { award_id: a.id }));
        }
        Recipient::Unit(u) => u,
    };
    if let Some(a) = awards(award::Column::RecipientUnitId, vec![unit.id])
        .one(db)
        .await?
    {
        return Ok(Some(Holder::Itself { award_id: a.id }));
    }
    for up in [true, false] {
        let related = lineage_for_year(db, unit.id, year, up).await?;
        if related.is_empty() {
            continue;
        }
        let held = awards(award::Column::RecipientUnitId, related.clone())
            .all(db)
            .await?;
        // The nearest holder: the order the lineage was walked in.
        let Some((unit_id, award_id)) = related.iter().find_map(|id| {
            held.iter()
                .find(|a| a.recipient_unit_id == Some(*id))
                .map(|a| (*id, a.id))
        }) else {
            continue;
        };
        let u = unit::Entity::find_by_id(unit_id).one(db).await?;
        let (code, name) = u.map(|u| (u.code, u.name)).unwrap_or_default();
        return Ok(Some(if up {
            Holder::Predecessor {
                award_id,
                unit_id,
                code,
                name,
            }
        } else {
            Holder::Successor {
                award_id,
                unit_id,
                code,
                name,
            }
        }));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decision_numbers_have_the_official_shape() {
        assert!(super::decision_number(&["n"], "163/QĐ-UBND").is_none());
        assert!(super::decision_number(&["n"], "12/QĐ-SKHCN").is_none());
        assert!(super::decision_number(&["n"], "512/QĐ-TTg").is_none());
        for bad in [
            "163/QD-UBND",
            "QĐ-UBND",
            "abc/QĐ-UBND",
            "163/QĐ-",
            "163/QĐ-ubnd",
        ] {
            assert!(super::decision_number(&["n"], bad).is_some(), "{bad}");
        }
    }
}
