//! Queries of clusters and their years.

use entity::{cluster, cluster_member, cluster_year, unit};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};

/// The years whose head is `unit_id`, oldest first.
pub async fn years_headed_by<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
) -> Result<Vec<cluster_year::Model>, DbErr> {
    cluster_year::Entity::find()
        .filter(cluster_year::Column::HeadUnitId.eq(unit_id))
        .order_by_asc(cluster_year::Column::Year)
        .order_by_asc(cluster_year::Column::Id)
        .all(db)
        .await
}

/// The member units of a cluster year, in the order they were added.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    cluster_year_id: i32,
) -> Result<Vec<unit::Model>, DbErr> {
    unit::Entity::find()
        .join(
            JoinType::InnerJoin,
            cluster_member::Relation::Unit.def().rev(),
        )
        .filter(cluster_member::Column::ClusterYearId.eq(cluster_year_id))
        .order_by_asc(cluster_member::Column::Id)
        .all(db)
        .await
}

pub async fn cluster_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<cluster::Model>, DbErr> {
    cluster::Entity::find()
        .filter(cluster::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn year_of<C: ConnectionTrait>(
    db: &C,
    cluster_id: i32,
    year: i32,
) -> Result<Option<cluster_year::Model>, DbErr> {
    cluster_year::Entity::find()
        .filter(cluster_year::Column::ClusterId.eq(cluster_id))
        .filter(cluster_year::Column::Year.eq(year))
        .one(db)
        .await
}
