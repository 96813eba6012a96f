//! Queries of the organisation, as SeaORM selects that the GraphQL face pages through.

use chrono::NaiveDate;
use entity::{cluster, cluster_member, cluster_year, enums::UnitKind, person, province, unit};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Query},
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Select,
};

use crate::{error::AppResult, text};

/// What a client may filter units by (shared/API.md: `units(filter: …)`).
#[derive(Debug, Default, Clone)]
pub struct UnitCriteria {
    pub search: Option<String>,
    pub kind: Option<UnitKind>,
    pub province_code: Option<String>,
    pub parent_code: Option<String>,
    pub cluster_code: Option<String>,
    pub year: Option<i32>,
    pub active_on: Option<(bool, NaiveDate)>,
}

fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// Rows valid (`valid_from`..=`valid_to`, open ends) on `day`.
fn in_force_on<C: ColumnTrait>(from: C, to: C, day: NaiveDate) -> Condition {
    Condition::all()
        .add(Condition::any().add(from.is_null()).add(from.lte(day)))
        .add(Condition::any().add(to.is_null()).add(to.gte(day)))
}

/// The units matching `criteria`, not yet ordered or paged.
pub fn units(criteria: &UnitCriteria) -> Select<unit::Entity> {
    let mut select = unit::Entity::find();
    if let Some(search) = criteria.search.as_deref().filter(|s| !s.trim().is_empty()) {
        select =
            select.filter(Expr::col((unit::Entity, unit::Column::SearchKey)).like(
                sea_orm::sea_query::LikeExpr::new(text::contains_pattern(search)).escape('\\'),
            ));
    }
    if let Some(kind) = criteria.kind {
        select = select.filter(unit::Column::Kind.eq(kind));
    }
    if let Some(code) = &criteria.province_code {
        select = select.filter(
            unit::Column::ProvinceId.in_subquery(
                Query::select()
                    .column(province::Column::Id)
                    .from(province::Entity)
                    .and_where(province::Column::Code.eq(code.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(code) = &criteria.parent_code {
        select = select.filter(
            unit::Column::ParentId.in_subquery(
                Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(unit::Column::Code.eq(code.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(code) = &criteria.cluster_code {
        let mut members = Query::select();
        members
            .column((cluster_member::Entity, cluster_member::Column::UnitId))
            .from(cluster_member::Entity)
            .inner_join(
                cluster_year::Entity,
                Expr::col((cluster_year::Entity, cluster_year::Column::Id)).equals((
                    cluster_member::Entity,
                    cluster_member::Column::ClusterYearId,
                )),
            )
            .inner_join(
                cluster::Entity,
                Expr::col((cluster::Entity, cluster::Column::Id))
                    .equals((cluster_year::Entity, cluster_year::Column::ClusterId)),
            )
            .and_where(Expr::col((cluster::Entity, cluster::Column::Code)).eq(code.as_str()));
        if let Some(year) = criteria.year {
            members
                .and_where(Expr::col((cluster_year::Entity, cluster_year::Column::Year)).eq(year));
        }
        select = select.filter(unit::Column::Id.in_subquery(members.to_owned()));
    } else if let Some((first, last)) = criteria.year.and_then(year_bounds) {
        select = select
            .filter(
                Condition::any()
                    .add(unit::Column::ValidFrom.is_null())
                    .add(unit::Column::ValidFrom.lte(last)),
            )
            .filter(
                Condition::any()
                    .add(unit::Column::ValidTo.is_null())
                    .add(unit::Column::ValidTo.gte(first)),
            );
    }
    if let Some((active, day)) = criteria.active_on {
        let in_force = in_force_on(unit::Column::ValidFrom, unit::Column::ValidTo, day);
        select = select.filter(if active { in_force } else { in_force.not() });
    }
    select
}

/// What a client may filter persons by (shared/API.md: `persons(filter: {search, unitCode})`).
#[derive(Debug, Default, Clone)]
pub struct PersonCriteria {
    pub search: Option<String>,
    pub unit_code: Option<String>,
}

/// The persons matching `criteria`, not yet restricted to a viewer, ordered or paged.
pub fn persons(criteria: &PersonCriteria) -> Select<person::Entity> {
    let mut select = person::Entity::find();
    if let Some(search) = criteria.search.as_deref().filter(|s| !s.trim().is_empty()) {
        select =
            select.filter(Expr::col((person::Entity, person::Column::SearchKey)).like(
                sea_orm::sea_query::LikeExpr::new(text::contains_pattern(search)).escape('\\'),
            ));
    }
    if let Some(code) = &criteria.unit_code {
        select = select.filter(
            person::Column::UnitId.in_subquery(
                Query::select()
                    .column(unit::Column::Id)
                    .from(unit::Entity)
                    .and_where(unit::Column::Code.eq(code.as_str()))
                    .to_owned(),
            ),
        );
    }
    select
}

/// All provinces, in id order; only those in force on `day` when `active_on` is given.
pub async fn provinces(
    db: &DatabaseConnection,
    active_on: Option<(bool, NaiveDate)>,
) -> AppResult<Vec<province::Model>> {
    let mut select = province::Entity::find().order_by_asc(province::Column::Id);
    if let Some((active, day)) = active_on {
        let in_force = in_force_on(province::Column::ValidFrom, province::Column::ValidTo, day);
        select = select.filter(if active { in_force } else { in_force.not() });
    }
    Ok(select.all(db).await?)
}

pub async fn province_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> AppResult<Option<province::Model>> {
    Ok(province::Entity::find()
        .filter(province::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub async fn unit_by_code(db: &DatabaseConnection, code: &str) -> AppResult<Option<unit::Model>> {
    Ok(unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub async fn find_unit<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<unit::Model>, sea_orm::DbErr> {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await
}

pub async fn find_province<C: sea_orm::ConnectionTrait>(
    db: &C,
    code: &str,
) -> Result<Option<province::Model>, sea_orm::DbErr> {
    province::Entity::find()
        .filter(province::Column::Code.eq(code))
        .one(db)
        .await
}

/// The province a write names by `provinceCode` (trimmed, in NFC), its row locked for the rest
/// of the write (on PostgreSQL) so that two changes of its data follow one another; a
/// `NOT_FOUND` problem on `provinceCode` when there is none.
pub async fn province_for_write(
    txn: &sea_orm::DatabaseTransaction,
    code: &str,
) -> Result<Result<province::Model, Vec<crate::error::UserProblem>>, sea_orm::DbErr> {
    use sea_orm::QuerySelect;
    let found = province::Entity::find()
        .filter(province::Column::Code.eq(crate::text::nfc(code.trim())))
        .lock_exclusive()
        .one(txn)
        .await?;
    Ok(found.ok_or_else(|| {
        vec![crate::error::UserProblem::new(
            &["provinceCode"],
            crate::tr!("No such province.", "Không tìm thấy tỉnh này."),
            crate::error::UserErrorCode::NotFound,
        )]
    }))
}
