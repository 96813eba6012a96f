//! Batch loaders for nested fields (DataLoader), made anew for every request.
//!
//! Every nested list or reference of the schema goes through one of these, so a query for a
//! page of units with their parents, children and lineage costs a fixed number of
//! statements, whatever the page size (`tests/batching.rs` counts them). Loaders return rows
//! as stored; the viewer's scope is applied by the resolver that hands them out.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use entity::{
    award_type, cluster, cluster_year, person, person_position, person_private, province,
    province_lineage, term, unit, unit_lineage,
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::error::AppError;

/// Loads rows of one table by primary key.
macro_rules! by_id_loader {
    ($name:ident, $module:ident) => {
        #[doc = concat!("Rows of `", stringify!($module), "` by id.")]
        pub struct $name(DatabaseConnection);

        impl Loader<i32> for $name {
            type Value = $module::Model;
            type Error = AppError;

            async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
                let rows = $module::Entity::find()
                    .filter($module::Column::Id.is_in(keys.iter().copied()))
                    .all(&self.0)
                    .await?;
                Ok(rows.into_iter().map(|row| (row.id, row)).collect())
            }
        }
    };
}

by_id_loader!(UnitById, unit);
by_id_loader!(ProvinceById, province);
by_id_loader!(PersonById, person);
by_id_loader!(TermById, term);
by_id_loader!(AwardTypeById, award_type);
by_id_loader!(ClusterById, cluster);
by_id_loader!(ClusterYearById, cluster_year);

/// Private fields of persons, by person id.
pub struct PersonPrivateById(DatabaseConnection);

impl Loader<i32> for PersonPrivateById {
    type Value = person_private::Model;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = person_private::Entity::find()
            .filter(person_private::Column::PersonId.is_in(keys.iter().copied()))
            .all(&self.0)
            .await?;
        Ok(rows.into_iter().map(|row| (row.person_id, row)).collect())
    }
}

/// Positions of each person, oldest first.
pub struct PersonPositions(DatabaseConnection);

impl Loader<i32> for PersonPositions {
    type Value = Vec<person_position::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = person_position::Entity::find()
            .filter(person_position::Column::PersonId.is_in(keys.iter().copied()))
            .order_by_asc(person_position::Column::StartOn)
            .order_by_asc(person_position::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for row in rows {
            map.entry(row.person_id).or_default().push(row);
        }
        Ok(map)
    }
}

/// The children (sub-units) of each parent unit, in id order.
pub struct UnitChildren(DatabaseConnection);

impl Loader<i32> for UnitChildren {
    type Value = Vec<unit::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = unit::Entity::find()
            .filter(unit::Column::ParentId.is_in(keys.iter().copied()))
            .order_by_asc(unit::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<i32, Vec<unit::Model>> = HashMap::new();
        for row in rows {
            if let Some(parent) = row.parent_id {
                map.entry(parent).or_default().push(row);
            }
        }
        Ok(map)
    }
}

/// Which side of a lineage link the key is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineageSide {
    /// Links whose successor is the key: the key's predecessors.
    Predecessors,
    /// Links whose predecessor is the key: the key's successors.
    Successors,
}

/// Lineage links of units (merge, split, rename, absorb), by unit and side.
pub struct UnitLineage(DatabaseConnection);

impl Loader<(i32, LineageSide)> for UnitLineage {
    type Value = Vec<unit_lineage::Model>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[(i32, LineageSide)],
    ) -> Result<HashMap<(i32, LineageSide), Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|(id, _)| *id).collect();
        let rows = unit_lineage::Entity::find()
            .filter(
                Condition::any()
                    .add(unit_lineage::Column::PredecessorId.is_in(ids.clone()))
                    .add(unit_lineage::Column::SuccessorId.is_in(ids)),
            )
            .order_by_asc(unit_lineage::Column::EffectiveOn)
            .order_by_asc(unit_lineage::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<(i32, LineageSide), Self::Value> = HashMap::new();
        for row in rows {
            map.entry((row.successor_id, LineageSide::Predecessors))
                .or_default()
                .push(row.clone());
            map.entry((row.predecessor_id, LineageSide::Successors))
                .or_default()
                .push(row);
        }
        Ok(map)
    }
}

/// Lineage links of provinces (the 2025 reorganisation), by province and side.
pub struct ProvinceLineage(DatabaseConnection);

impl Loader<(i32, LineageSide)> for ProvinceLineage {
    type Value = Vec<province_lineage::Model>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[(i32, LineageSide)],
    ) -> Result<HashMap<(i32, LineageSide), Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|(id, _)| *id).collect();
        let rows = province_lineage::Entity::find()
            .filter(
                Condition::any()
                    .add(province_lineage::Column::PredecessorId.is_in(ids.clone()))
                    .add(province_lineage::Column::SuccessorId.is_in(ids)),
            )
            .order_by_asc(province_lineage::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<(i32, LineageSide), Self::Value> = HashMap::new();
        for row in rows {
            map.entry((row.successor_id, LineageSide::Predecessors))
                .or_default()
                .push(row.clone());
            map.entry((row.predecessor_id, LineageSide::Successors))
                .or_default()
                .push(row);
        }
        Ok(map)
    }
}

type Cached<L> = DataLoader<L, HashMapCache>;

/// The loaders of one request.
pub struct Loaders {
    pub unit: Cached<UnitById>,
    pub province: Cached<ProvinceById>,
    pub person: Cached<PersonById>,
    pub term: Cached<TermById>,
    pub award_type: Cached<AwardTypeById>,
    pub cluster: Cached<ClusterById>,
    pub cluster_year: Cached<ClusterYearById>,
    pub person_private: Cached<PersonPrivateById>,
    pub person_positions: Cached<PersonPositions>,
    pub unit_children: Cached<UnitChildren>,
    pub unit_lineage: Cached<UnitLineage>,
    pub province_lineage: Cached<ProvinceLineage>,
}

fn cached<L, K>(loader: L) -> Cached<L>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    L: Loader<K>,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Self {
        Loaders {
            unit: cached(UnitById(db.clone())),
            province: cached(ProvinceById(db.clone())),
            person: cached(PersonById(db.clone())),
            term: cached(TermById(db.clone())),
            award_type: cached(AwardTypeById(db.clone())),
            cluster: cached(ClusterById(db.clone())),
            cluster_year: cached(ClusterYearById(db.clone())),
            person_private: cached(PersonPrivateById(db.clone())),
            person_positions: cached(PersonPositions(db.clone())),
            unit_children: cached(UnitChildren(db.clone())),
            unit_lineage: cached(UnitLineage(db.clone())),
            province_lineage: cached(ProvinceLineage(db.clone())),
        }
    }
}
