//! The one builder of [`Target`]s. A target's fields are private to `access`: every
//! authorization target is made here, from what the database says of a unit (its chain of
//! parents), a province (the provinces that succeeded it) and a cluster year (its head).
//!
//! It reads through a [`Lookup`]: a connection or transaction (writes, which read through
//! their own transaction) or the request's batch loaders (resolvers; the impl is beside the
//! loaders). Either way the walk is the same code.

use std::future::Future;

use entity::{province_lineage, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::Target;
use crate::error::AppResult;

/// Where the builder reads units and province lineage from.
pub trait Lookup: Sync {
    /// The unit with row id `id`, if any.
    fn unit(&self, id: i32) -> impl Future<Output = AppResult<Option<unit::Model>>> + Send;

    /// The provinces that directly succeeded province `id`.
    fn province_successors(&self, id: i32) -> impl Future<Output = AppResult<Vec<i32>>> + Send;
}

/// Reads through a connection: the pool, or a write's transaction.
pub struct Through<'a, C>(pub &'a C);

impl<C: ConnectionTrait + Sync> Lookup for Through<'_, C> {
    async fn unit(&self, id: i32) -> AppResult<Option<unit::Model>> {
        Ok(unit::Entity::find_by_id(id).one(self.0).await?)
    }

    async fn province_successors(&self, id: i32) -> AppResult<Vec<i32>> {
        Ok(province_lineage::Entity::find()
            .filter(province_lineage::Column::PredecessorId.eq(id))
            .all(self.0)
            .await?
            .into_iter()
            .map(|link| link.successor_id)
            .collect())
    }
}

/// `unit` and its ancestors, nearest first (a cycle in the data stops the walk).
pub async fn unit_chain<L: Lookup>(lookup: &L, unit: &unit::Model) -> AppResult<Vec<i32>> {
    let mut chain = vec![unit.id];
    let mut parent = unit.parent_id;
    while let Some(id) = parent {
        if chain.contains(&id) {
            break;
        }
        chain.push(id);
        parent = lookup.unit(id).await?.and_then(|u| u.parent_id);
    }
    Ok(chain)
}

/// `province` and every province that succeeded it, transitively (the board of a province
/// that absorbed another answers for the absorbed one's bodies).
pub async fn province_line<L: Lookup>(lookup: &L, province: Option<i32>) -> AppResult<Vec<i32>> {
    let mut line: Vec<i32> = province.into_iter().collect();
    let mut next = 0;
    while next < line.len() {
        for successor in lookup.province_successors(line[next]).await? {
            if !line.contains(&successor) {
                line.push(successor);
            }
        }
        next += 1;
    }
    Ok(line)
}

/// The target of a unit: the unit and its ancestors, and its province line.
pub async fn of_unit<L: Lookup>(lookup: &L, unit: &unit::Model) -> AppResult<Target> {
    Ok(Target {
        unit_chain: unit_chain(lookup, unit).await?,
        province_ids: province_line(lookup, unit.province_id).await?,
        head_unit_id: None,
    })
}

/// The target of the unit with row id `id`; a unit that is gone relates to nothing.
pub async fn of_unit_id<L: Lookup>(lookup: &L, id: i32) -> AppResult<Target> {
    match lookup.unit(id).await? {
        Some(unit) => of_unit(lookup, &unit).await,
        None => Ok(Target::none()),
    }
}

/// The target of something that belongs to a province only (a province-wide term, a
/// cluster being created, an award whose recipient is gone).
pub async fn of_province<L: Lookup>(lookup: &L, province: Option<i32>) -> AppResult<Target> {
    Ok(Target {
        province_ids: province_line(lookup, province).await?,
        ..Target::none()
    })
}

/// The target of a cluster year: its cluster's province line and the year's head unit.
pub async fn of_cluster_year<L: Lookup>(
    lookup: &L,
    province: Option<i32>,
    head_unit_id: Option<i32>,
) -> AppResult<Target> {
    Ok(Target {
        head_unit_id,
        ..of_province(lookup, province).await?
    })
}

/// The target of one member's part of a cluster year (its score sheet): the year's, with the
/// member's chain of units.
pub async fn of_year_member<L: Lookup>(
    lookup: &L,
    province: Option<i32>,
    head_unit_id: Option<i32>,
    member: &unit::Model,
) -> AppResult<Target> {
    Ok(Target {
        unit_chain: unit_chain(lookup, member).await?,
        ..of_cluster_year(lookup, province, head_unit_id).await?
    })
}

/// `target` with the head of the cluster year that proposed it (a cluster's proposal may be
/// withdrawn by the year's head as well as by its author).
pub fn with_proposing_head(target: Target, head_unit_id: Option<i32>) -> Target {
    Target {
        head_unit_id,
        ..target
    }
}
