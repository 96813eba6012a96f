//! Dashboard statistics: awards by type, year, level and unit, and nominations by status,
//! each one grouped query in the database, with the same scope as the lists.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use entity::{award, nomination, person, province, unit};
use sea_orm::{
    sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement},
    ColumnTrait, Condition, ConnectionTrait, DbBackend,
};

use super::{
    graphql::{AwardLevel, AwardType},
    nominations::NominationStatus,
};
use crate::{
    access,
    api::context::{db, loaders, viewer},
    error::AppResult,
    organisation::graphql::Unit,
    text,
};

/// Filter of `statistics`.
#[derive(InputObject, Default, Clone)]
pub struct StatisticsFilter {
    /// Awards of this province.
    province_code: Option<String>,
    /// Awards to this unit or to its people.
    unit_code: Option<String>,
    /// From this year.
    year_from: Option<crate::api::scalars::Year>,
    /// To this year.
    year_to: Option<crate::api::scalars::Year>,
}

/// A count per award type.
#[derive(SimpleObject)]
pub struct AwardTypeCount {
    /// The award type.
    award_type: Option<AwardType>,
    /// How many awards.
    count: i64,
    /// Their reward money in VND (awards with a known amount).
    amount: i64,
}

/// A count per year.
#[derive(SimpleObject)]
pub struct YearCount {
    /// The year.
    year: i32,
    /// How many awards.
    count: i64,
    /// Their reward money in VND (awards with a known amount).
    amount: i64,
}

/// A count per level.
#[derive(SimpleObject)]
pub struct LevelCount {
    /// The level.
    level: AwardLevel,
    /// How many awards.
    count: i64,
    /// Their reward money in VND (awards with a known amount).
    amount: i64,
}

/// A count per unit.
#[derive(SimpleObject)]
pub struct UnitCount {
    /// The unit (for awards to persons, the person's unit).
    unit: Option<Unit>,
    /// How many awards.
    count: i64,
    /// Their reward money in VND (awards with a known amount).
    amount: i64,
}

/// A count per nomination status.
#[derive(SimpleObject)]
pub struct StatusCount {
    /// The status.
    status: NominationStatus,
    /// How many nominations.
    count: i64,
}

/// Counts for dashboards.
pub struct Statistics(StatisticsFilter);

/// The awards (not revoked) that match the filter and the viewer's scope, as the base of
/// every grouped query. Joined to their person only when the person's unit is asked for
/// (`by_person_unit`, or a unit filter): a province's awards are then read from the index
/// `idx_award_province_stats` alone, without visiting the rows.
async fn base(
    ctx: &Context<'_>,
    f: &StatisticsFilter,
    by_person_unit: bool,
) -> AppResult<SelectStatement> {
    let mut q = Query::select();
    q.from(award::Entity);
    if by_person_unit || f.unit_code.is_some() {
        q.left_join(
            person::Entity,
            Expr::col((person::Entity, person::Column::Id))
                .equals((award::Entity, award::Column::RecipientPersonId)),
        );
    }
    q.and_where(Expr::col((award::Entity, award::Column::RevokedAt)).is_null());
    q.cond_where(access::award_scope(viewer(ctx)?).condition());
    if let Some(code) = &f.province_code {
        q.and_where(
            Expr::col((award::Entity, award::Column::ProvinceId)).in_subquery(
                Query::select()
                    .column(province::Column::Id)
                    .from(province::Entity)
                    .and_where(province::Column::Code.eq(text::nfc(code)))
                    .to_owned(),
            ),
        );
    }
    if let Some(code) = &f.unit_code {
        let units = Query::select()
            .column(unit::Column::Id)
            .from(unit::Entity)
            .and_where(unit::Column::Code.eq(text::nfc(code)))
            .to_owned();
        q.cond_where(
            Condition::any()
                .add(
                    Expr::col((award::Entity, award::Column::RecipientUnitId))
                        .in_subquery(units.clone()),
                )
                .add(Expr::col((person::Entity, person::Column::UnitId)).in_subquery(units)),
        );
    }
    if let Some(year) = f.year_from {
        q.and_where(Expr::col((award::Entity, award::Column::Year)).gte(year));
    }
    if let Some(year) = f.year_to {
        q.and_where(Expr::col((award::Entity, award::Column::Year)).lte(year));
    }
    Ok(q)
}

/// Runs a grouped query whose rows are (key, count).
async fn grouped<K: sea_orm::TryGetable>(
    ctx: &Context<'_>,
    q: &SelectStatement,
) -> AppResult<Vec<(K, i64)>> {
    let db = db(ctx)?;
    let backend: DbBackend = db.get_database_backend();
    let rows = db.query_all_raw(backend.build(q)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let key: K = row.try_get("", "k")?;
        let count: i64 = row.try_get("", "n")?;
        out.push((key, count));
    }
    Ok(out)
}

fn count() -> Expr {
    Func::count(Expr::col((award::Entity, award::Column::Id))).into()
}

/// The sum of the awards' reward money, 0 when none is known (an integer on both backends).
fn amount() -> Expr {
    Expr::cust(r#"CAST(COALESCE(SUM("award"."amount"), 0) AS BIGINT)"#)
}

/// Runs a grouped query of awards whose rows are (key, count, amount).
async fn grouped_awards<K: sea_orm::TryGetable>(
    ctx: &Context<'_>,
    q: &mut SelectStatement,
) -> AppResult<Vec<(K, i64, i64)>> {
    q.expr_as(amount(), Alias::new("a"));
    let db = db(ctx)?;
    let backend: DbBackend = db.get_database_backend();
    let rows = db.query_all_raw(backend.build(&*q)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let key: K = row.try_get("", "k")?;
        let count: i64 = row.try_get("", "n")?;
        let amount: i64 = row.try_get("", "a")?;
        out.push((key, count, amount));
    }
    Ok(out)
}

/// The awards per type id: (type, count, amount), most first.
async fn by_type(ctx: &Context<'_>, f: &StatisticsFilter) -> AppResult<Vec<(i32, i64, i64)>> {
    let mut q = base(ctx, f, false).await?;
    q.expr_as(
        Expr::col((award::Entity, award::Column::AwardTypeId)),
        Alias::new("k"),
    )
    .expr_as(count(), Alias::new("n"))
    .group_by_col((award::Entity, award::Column::AwardTypeId))
    .order_by_expr(count(), Order::Desc)
    .order_by((award::Entity, award::Column::AwardTypeId), Order::Asc);
    grouped_awards(ctx, &mut q).await
}

/// The order of levels in `by_level`: their names' (as the database sorted them).
fn level_name(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::Grassroots => "GRASSROOTS",
        AwardLevel::Provincial => "PROVINCIAL",
        AwardLevel::National => "NATIONAL",
    }
}

/// Counts for dashboards, computed in the database.
#[Object]
impl Statistics {
    /// Awards per award type, most first.
    async fn by_award_type(&self, ctx: &Context<'_>) -> AppResult<Vec<AwardTypeCount>> {
        let rows = by_type(ctx, &self.0).await?;
        let types = loaders(ctx)?
            .award_type
            .load_many(rows.iter().map(|(id, _, _)| *id))
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, count, amount)| AwardTypeCount {
                award_type: types.get(&id).cloned().map(AwardType),
                count,
                amount,
            })
            .collect())
    }

    /// Awards per year, oldest first.
    async fn by_year(&self, ctx: &Context<'_>) -> AppResult<Vec<YearCount>> {
        let mut q = base(ctx, &self.0, false).await?;
        q.expr_as(
            Expr::col((award::Entity, award::Column::Year)),
            Alias::new("k"),
        )
        .expr_as(count(), Alias::new("n"))
        .group_by_col((award::Entity, award::Column::Year))
        .order_by((award::Entity, award::Column::Year), Order::Asc);
        Ok(grouped_awards(ctx, &mut q)
            .await?
            .into_iter()
            .map(|(year, count, amount)| YearCount {
                year,
                count,
                amount,
            })
            .collect())
    }

    /// Awards per level.
    async fn by_level(&self, ctx: &Context<'_>) -> AppResult<Vec<LevelCount>> {
        // Per type in the database, per level here: the catalogue is a few dozen types.
        let rows = by_type(ctx, &self.0).await?;
        let types = loaders(ctx)?
            .award_type
            .load_many(rows.iter().map(|(id, _, _)| *id))
            .await?;
        let mut levels: Vec<LevelCount> = Vec::new();
        for (id, count, amount) in rows {
            let Some(t) = types.get(&id) else { continue };
            let level: AwardLevel = t.level.into();
            match levels.iter_mut().find(|l| l.level == level) {
                Some(l) => {
                    l.count += count;
                    l.amount += amount;
                }
                None => levels.push(LevelCount {
                    level,
                    count,
                    amount,
                }),
            }
        }
        levels.sort_by_key(|l| level_name(l.level));
        Ok(levels)
    }

    /// The units with the most awards (to the unit or its people), most first.
    async fn top_units(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10, validator(minimum = 1, maximum = 100))] limit: i32,
    ) -> AppResult<Vec<UnitCount>> {
        let mut q = base(ctx, &self.0, true).await?;
        let unit_of: Expr = Func::coalesce([
            Expr::col((award::Entity, award::Column::RecipientUnitId)),
            Expr::col((person::Entity, person::Column::UnitId)),
        ])
        .into();
        q.expr_as(unit_of.clone(), Alias::new("k"))
            .expr_as(count(), Alias::new("n"))
            .add_group_by([unit_of.clone()])
            .order_by_expr(count(), Order::Desc)
            .order_by_expr(unit_of, Order::Asc)
            .limit(limit as u64);
        let rows: Vec<(i32, i64, i64)> = grouped_awards(ctx, &mut q).await?;
        let units = loaders(ctx)?
            .unit
            .load_many(rows.iter().map(|(id, _, _)| *id))
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, count, amount)| UnitCount {
                unit: units.get(&id).cloned().map(Unit),
                count,
                amount,
            })
            .collect())
    }

    /// Nominations the viewer may read, per status.
    async fn nominations_by_status(&self, ctx: &Context<'_>) -> AppResult<Vec<StatusCount>> {
        let db = db(ctx)?;
        let mut q = Query::select();
        q.from(nomination::Entity)
            .cond_where(
                access::nomination_scope(db, viewer(ctx)?)
                    .await?
                    .condition(),
            )
            .expr_as(
                Expr::col((nomination::Entity, nomination::Column::Status)),
                Alias::new("k"),
            )
            .expr_as(
                Func::count(Expr::col((nomination::Entity, nomination::Column::Id))),
                Alias::new("n"),
            )
            .group_by_col((nomination::Entity, nomination::Column::Status))
            .order_by((nomination::Entity, nomination::Column::Status), Order::Asc);
        if let Some(year) = self.0.year_from {
            q.and_where(Expr::col((nomination::Entity, nomination::Column::Year)).gte(year));
        }
        if let Some(year) = self.0.year_to {
            q.and_where(Expr::col((nomination::Entity, nomination::Column::Year)).lte(year));
        }
        if let Some(code) = &self.0.province_code {
            q.and_where(
                Expr::col((nomination::Entity, nomination::Column::ProvinceId)).in_subquery(
                    Query::select()
                        .column(province::Column::Id)
                        .from(province::Entity)
                        .and_where(province::Column::Code.eq(text::nfc(code)))
                        .to_owned(),
                ),
            );
        }
        let rows: Vec<(String, i64)> = grouped(ctx, &q).await?;
        use entity::enums::NominationStatus as S;
        Ok(rows
            .into_iter()
            .filter_map(|(status, count)| {
                let status = match status.as_str() {
                    "DRAFT" => S::Draft,
                    "SUBMITTED" => S::Submitted,
                    "RETURNED" => S::Returned,
                    "APPROVED" => S::Approved,
                    "REJECTED" => S::Rejected,
                    "DECIDED" => S::Decided,
                    "WITHDRAWN" => S::Withdrawn,
                    "PROPOSED_UPWARD" => S::ProposedUpward,
                    _ => return None,
                };
                Some(StatusCount {
                    status: status.into(),
                    count,
                })
            })
            .collect())
    }
}

/// Root field of statistics.
#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// Counts for dashboards: awards by type, year, level and unit, nominations by status;
    /// each computed by one grouped query, within what the viewer may see.
    async fn statistics(&self, filter: Option<StatisticsFilter>) -> Statistics {
        Statistics(filter.unwrap_or_default())
    }
}
