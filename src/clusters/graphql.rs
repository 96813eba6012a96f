//! The GraphQL face of clusters: `Cluster`, `ClusterYear` with its covenant, score sheets
//! and ranking, `clusters`, `clusterYear`, `rankings`, `Unit.standings` and the
//! `rankingUpdated` subscription.

use std::collections::HashMap;

use async_graphql::{Context, Enum, InputObject, Object, Subscription, ID};
use entity::{cluster, cluster_year, criterion, enums, ranking_entry, score_line, score_sheet};
use futures_util::Stream;
use sea_orm::{sea_query::Query, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{live::RankingChange as Change, rules, store};
use crate::{
    access::{self, Action, Scope},
    api::{
        context::{db, loaders, viewer},
        ids::{global_id, parse_global_id, NodeKind},
        paging::{fetch_page, Conn, PageArgs},
        scalars::{Date, DateTime},
    },
    awards::graphql::AwardType,
    error::{AppError, AppResult},
    organisation::graphql::{Province, Unit},
    text,
};

/// Cluster (cụm) or bloc (khối).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::ClusterKind")]
pub enum ClusterKind {
    /// A cluster (cụm thi đua), usually of localities or of bodies of one field.
    Cluster,
    /// A bloc (khối thi đua) of departments, unions or companies.
    Bloc,
}

/// Where a cluster year is in its cycle.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::ClusterYearStatus")]
pub enum ClusterYearStatus {
    /// Members, head and deputy are being set.
    Planning,
    /// The covenant is signed; the year is running.
    Active,
    /// Members assess themselves.
    Scoring,
    /// The head reviews the score sheets.
    Review,
    /// The ranking is final.
    Finalized,
}

/// An emulation cluster or bloc (cụm / khối thi đua).
pub struct Cluster(pub cluster::Model);

/// An emulation cluster or bloc (cụm / khối thi đua).
#[Object]
impl Cluster {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Cluster, self.0.id)
    }
    /// Stable business code, e.g. `HNA-CUM-II`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. "Cụm II – Các cơ quan quản lý chuyên ngành".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Cluster or bloc.
    async fn kind(&self) -> ClusterKind {
        self.0.kind.into()
    }
    /// The province whose units compete in it; null for clusters that span provinces.
    async fn province(&self, ctx: &Context<'_>) -> AppResult<Option<Province>> {
        let Some(id) = self.0.province_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(Province))
    }
    /// The body that organises it, when it is a unit of the system.
    async fn organiser(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.organiser_unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The organiser's name when it is a body outside the system.
    async fn organiser_name(&self) -> Option<&str> {
        self.0.organiser_name.as_deref()
    }
    /// Its years, oldest first.
    async fn years(&self, ctx: &Context<'_>) -> AppResult<Vec<ClusterYear>> {
        let mut years = loaders(ctx)?
            .cluster_years
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        years.sort_by_key(|y| y.year);
        Ok(years.into_iter().map(ClusterYear).collect())
    }
}

/// A numbered criterion of a covenant (nội dung, tiêu chí thi đua).
pub struct Criterion(pub criterion::Model);

/// A numbered criterion of a covenant (nội dung, tiêu chí thi đua) and its maximum points.
#[Object]
impl Criterion {
    /// Code, e.g. `TC1`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// What is assessed.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The most points a member can get for it.
    async fn max_points(&self) -> f64 {
        self.0.max_points
    }
    /// Its number in the covenant, from 1.
    async fn position(&self) -> i32 {
        self.0.sort_order
    }
}

/// One line of a score sheet.
pub struct ScoreLine {
    line: score_line::Model,
    criterion: Option<criterion::Model>,
}

/// One line of a score sheet: a criterion, the member's own points and the head's.
#[Object]
impl ScoreLine {
    /// The criterion.
    async fn criterion(&self) -> Option<Criterion> {
        self.criterion.clone().map(Criterion)
    }
    /// The member's own points (tự chấm).
    async fn self_points(&self) -> Option<f64> {
        self.line.self_points
    }
    /// The head's points (chấm điểm); null where not reviewed.
    async fn reviewed_points(&self) -> Option<f64> {
        self.line.reviewed_points
    }
    /// The points that count: reviewed, else the member's own.
    async fn points(&self) -> f64 {
        rules::Line {
            self_points: self.line.self_points,
            reviewed_points: self.line.reviewed_points,
        }
        .counted()
    }
    /// The member's evidence.
    async fn evidence(&self) -> Option<&str> {
        self.line.evidence.as_deref()
    }
}

/// One member's score sheet of a year (its membership of the year gives its ID, so that a
/// sheet not submitted yet has one too).
pub struct ScoreSheet {
    membership_id: i32,
    cluster_year_id: i32,
    unit_id: i32,
    sheet: Option<score_sheet::Model>,
}

impl ScoreSheet {
    /// The sheet as stored (read after a write), with its membership's ID.
    pub async fn saved(ctx: &Context<'_>, sheet: score_sheet::Model) -> AppResult<Self> {
        let membership = entity::cluster_member::Entity::find()
            .filter(entity::cluster_member::Column::ClusterYearId.eq(sheet.cluster_year_id))
            .filter(entity::cluster_member::Column::UnitId.eq(sheet.unit_id))
            .one(db(ctx)?)
            .await?
            .ok_or_else(|| AppError::not_found(crate::tr!("membership", "tư cách thành viên")))?;
        Ok(ScoreSheet {
            membership_id: membership.id,
            cluster_year_id: sheet.cluster_year_id,
            unit_id: sheet.unit_id,
            sheet: Some(sheet),
        })
    }

    /// The sheet of membership `id`, if the viewer may read it (as `ClusterYear.scoreSheets`
    /// decides), for `node(id:)`.
    pub async fn visible(ctx: &Context<'_>, id: i32) -> AppResult<Option<ScoreSheet>> {
        let Some(membership) = entity::cluster_member::Entity::find_by_id(id)
            .one(db(ctx)?)
            .await?
        else {
            return Ok(None);
        };
        let Some(year) = loaders(ctx)?
            .cluster_year
            .load_one(membership.cluster_year_id)
            .await?
        else {
            return Ok(None);
        };
        Ok(ClusterYear(year)
            .sheets(ctx)
            .await?
            .into_iter()
            .find(|sheet| sheet.unit_id == membership.unit_id))
    }

    async fn lines(&self, ctx: &Context<'_>) -> AppResult<Vec<score_line::Model>> {
        let Some(sheet) = &self.sheet else {
            return Ok(Vec::new());
        };
        Ok(loaders(ctx)?
            .sheet_lines
            .load_one(sheet.id)
            .await?
            .unwrap_or_default())
    }

    fn counted(lines: &[score_line::Model]) -> Vec<rules::Line> {
        lines
            .iter()
            .map(|l| rules::Line {
                self_points: l.self_points,
                reviewed_points: l.reviewed_points,
            })
            .collect()
    }
}

/// One member's score sheet of a year: its lines, totals, bonus and penalty.
#[Object]
impl ScoreSheet {
    /// Global ID (one per member and year, before the sheet is submitted too).
    pub async fn id(&self) -> ID {
        global_id(NodeKind::ScoreSheet, self.membership_id)
    }
    /// The year the sheet belongs to.
    async fn cluster_year(&self, ctx: &Context<'_>) -> AppResult<Option<ClusterYear>> {
        Ok(loaders(ctx)?
            .cluster_year
            .load_one(self.cluster_year_id)
            .await?
            .map(ClusterYear))
    }
    /// The member.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?.unit.load_one(self.unit_id).await?.map(Unit))
    }
    /// The lines, in the covenant's order.
    #[graphql(name = "lines")]
    async fn lines_field(&self, ctx: &Context<'_>) -> AppResult<Vec<ScoreLine>> {
        let lines = self.lines(ctx).await?;
        let Some(sheet) = &self.sheet else {
            return Ok(Vec::new());
        };
        let criteria: HashMap<i32, criterion::Model> = loaders(ctx)?
            .year_criteria
            .load_one(sheet.cluster_year_id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let mut lines: Vec<ScoreLine> = lines
            .into_iter()
            .map(|line| ScoreLine {
                criterion: criteria.get(&line.criterion_id).cloned(),
                line,
            })
            .collect();
        lines.sort_by_key(|l| l.criterion.as_ref().map_or(i32::MAX, |c| c.sort_order));
        Ok(lines)
    }
    /// The sum of the member's own points.
    async fn self_total(&self, ctx: &Context<'_>) -> AppResult<f64> {
        Ok(self
            .lines(ctx)
            .await?
            .iter()
            .filter_map(|l| l.self_points)
            .sum())
    }
    /// The sum of the points that count (reviewed, else the member's own), before bonus and
    /// penalty.
    async fn reviewed_total(&self, ctx: &Context<'_>) -> AppResult<f64> {
        Ok(rules::total(
            &Self::counted(&self.lines(ctx).await?),
            0.0,
            0.0,
        ))
    }
    /// Bonus points (điểm thưởng).
    async fn bonus(&self) -> f64 {
        self.sheet.as_ref().map_or(0.0, |s| s.bonus)
    }
    /// Why the bonus was given.
    async fn bonus_reason(&self) -> Option<&str> {
        self.sheet.as_ref().and_then(|s| s.bonus_reason.as_deref())
    }
    /// Penalty points (điểm trừ).
    async fn penalty(&self) -> f64 {
        self.sheet.as_ref().map_or(0.0, |s| s.penalty)
    }
    /// Why the penalty was given.
    async fn penalty_reason(&self) -> Option<&str> {
        self.sheet
            .as_ref()
            .and_then(|s| s.penalty_reason.as_deref())
    }
    /// The total that ranks: points that count, plus bonus, minus penalty.
    async fn total_points(&self, ctx: &Context<'_>) -> AppResult<f64> {
        let (bonus, penalty) = self
            .sheet
            .as_ref()
            .map_or((0.0, 0.0), |s| (s.bonus, s.penalty));
        Ok(rules::total(
            &Self::counted(&self.lines(ctx).await?),
            bonus,
            penalty,
        ))
    }
    /// When the member last submitted its self-assessment.
    async fn submitted_at(&self) -> Option<DateTime> {
        self.sheet
            .as_ref()
            .and_then(|s| s.submitted_at)
            .map(DateTime)
    }
    /// When the head last reviewed it.
    async fn reviewed_at(&self) -> Option<DateTime> {
        self.sheet
            .as_ref()
            .and_then(|s| s.reviewed_at)
            .map(DateTime)
    }
}

/// One place of a finalized ranking.
pub struct RankingEntry(pub ranking_entry::Model);

/// One place of a finalized ranking (xếp hạng) and what it is proposed for.
#[Object]
impl RankingEntry {
    /// The place: standard competition ranking (1, 2, 2, 4).
    async fn rank(&self) -> i32 {
        self.0.rank
    }
    /// The member.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?.unit.load_one(self.0.unit_id).await?.map(Unit))
    }
    /// Its total.
    async fn total_points(&self) -> f64 {
        self.0.total_points
    }
    /// The award the place is proposed for: the province's emulation flag for the first,
    /// the Chairman's certificate of merit for the second and third.
    async fn proposed_award(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        let Some(id) = self.0.proposed_award_type_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.award_type.load_one(id).await?.map(AwardType))
    }
}

/// One cluster's year.
pub struct ClusterYear(pub cluster_year::Model);

impl ClusterYear {
    /// The sheets the viewer may read, one per member.
    async fn sheets(&self, ctx: &Context<'_>) -> AppResult<Vec<ScoreSheet>> {
        let scope = self.sheet_scope(ctx).await?;
        let loaders = loaders(ctx)?;
        let memberships = loaders
            .year_memberships
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let sheets = loaders
            .year_sheets
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(memberships
            .iter()
            .filter(|m| match scope {
                None => true,
                Some(only) => only == Some(m.unit_id),
            })
            .map(|m| ScoreSheet {
                membership_id: m.id,
                cluster_year_id: self.0.id,
                unit_id: m.unit_id,
                sheet: sheets.iter().find(|s| s.unit_id == m.unit_id).cloned(),
            })
            .collect())
    }

    /// The scope of the viewer over this year's score sheets: `None` for all of them, or
    /// the one unit whose sheet it may read (`Some(None)`: none at all).
    async fn sheet_scope(&self, ctx: &Context<'_>) -> AppResult<Option<Option<i32>>> {
        if self.0.status == enums::ClusterYearStatus::Finalized {
            return Ok(None);
        }
        let viewer = viewer(ctx)?;
        let Some(cluster) = loaders(ctx)?.cluster.load_one(self.0.cluster_id).await? else {
            return Ok(Some(None));
        };
        let target = access::target::of_cluster_year(
            loaders(ctx)?,
            cluster.province_id,
            self.0.head_unit_id,
        )
        .await?;
        if access::allows(viewer, Action::ReadScoreSheets, &target) {
            return Ok(None);
        }
        Ok(Some(
            access::scopes(viewer, Action::ReadScoreSheets)
                .contains(&Scope::Unit)
                .then_some(viewer.unit_id)
                .flatten(),
        ))
    }
}

/// One cluster's year (e.g. Cụm II năm 2021): its members, the head (Cụm trưởng) and deputy
/// (Cụm phó) elected for it, its covenant, score sheets and ranking.
#[Object]
impl ClusterYear {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::ClusterYear, self.0.id)
    }
    /// The cluster or bloc.
    async fn cluster(&self, ctx: &Context<'_>) -> AppResult<Option<Cluster>> {
        Ok(loaders(ctx)?
            .cluster
            .load_one(self.0.cluster_id)
            .await?
            .map(Cluster))
    }
    /// The year.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Where the year is in its cycle.
    async fn status(&self) -> ClusterYearStatus {
        self.0.status.into()
    }
    /// The head unit of this year (Cụm trưởng / Khối trưởng).
    async fn head(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.head_unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The deputy head unit of this year (Cụm phó / Khối phó).
    async fn deputy(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.deputy_unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The member units of this year, in the order they were set.
    async fn members(&self, ctx: &Context<'_>) -> AppResult<Vec<Unit>> {
        let loaders = loaders(ctx)?;
        let memberships = loaders
            .year_memberships
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let units = loaders
            .unit
            .load_many(memberships.iter().map(|m| m.unit_id))
            .await?;
        Ok(memberships
            .iter()
            .filter_map(|m| units.get(&m.unit_id).cloned().map(Unit))
            .collect())
    }
    /// The covenant's criteria, in order.
    async fn criteria(&self, ctx: &Context<'_>) -> AppResult<Vec<Criterion>> {
        let mut rows = loaders(ctx)?
            .year_criteria
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        rows.sort_by_key(|c| c.sort_order);
        Ok(rows.into_iter().map(Criterion).collect())
    }
    /// The day the members signed the covenant (giao ước thi đua).
    async fn covenant_signed_on(&self) -> Option<Date> {
        self.0.covenant_signed_on.map(Date)
    }
    /// The members' score sheets. Before the ranking is final: a member's officers see its
    /// own, the head of the year and the province's board see all; once final, everyone.
    async fn score_sheets(&self, ctx: &Context<'_>) -> AppResult<Vec<ScoreSheet>> {
        self.sheets(ctx).await
    }
    /// The ranking, best first; empty until the year is FINALIZED.
    async fn ranking(&self, ctx: &Context<'_>) -> AppResult<Vec<RankingEntry>> {
        if self.0.status != enums::ClusterYearStatus::Finalized {
            return Ok(Vec::new());
        }
        let mut rows = loaders(ctx)?
            .year_ranking
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        rows.sort_by_key(|r| (r.rank, r.unit_id));
        Ok(rows.into_iter().map(RankingEntry).collect())
    }
    /// The rankings a reopening superseded, latest first then by place: kept, since an award
    /// already decided may rest on them.
    async fn superseded_rankings(&self, ctx: &Context<'_>) -> AppResult<Vec<SupersededPlace>> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        Ok(entity::superseded_ranking_entry::Entity::find()
            .filter(entity::superseded_ranking_entry::Column::ClusterYearId.eq(self.0.id))
            .order_by_desc(entity::superseded_ranking_entry::Column::SupersededAt)
            .order_by_asc(entity::superseded_ranking_entry::Column::Rank)
            .order_by_asc(entity::superseded_ranking_entry::Column::UnitId)
            .all(crate::api::context::db(ctx)?)
            .await?
            .into_iter()
            .map(SupersededPlace)
            .collect())
    }
    /// Version for optimistic concurrency: give it as `expectedVersion` to `finalizeRanking`.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A place of a ranking that a reopening superseded.
pub struct SupersededPlace(pub entity::superseded_ranking_entry::Model);

/// A place of a ranking that a reopening superseded, with when and why.
#[Object]
impl SupersededPlace {
    /// The place it had.
    async fn rank(&self) -> i32 {
        self.0.rank
    }
    /// The member.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?.unit.load_one(self.0.unit_id).await?.map(Unit))
    }
    /// Its total then.
    async fn total_points(&self) -> f64 {
        self.0.total_points
    }
    /// The award the place was proposed for.
    async fn proposed_award(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        let Some(id) = self.0.proposed_award_type_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.award_type.load_one(id).await?.map(AwardType))
    }
    /// When the year was reopened.
    async fn superseded_at(&self) -> DateTime {
        DateTime(self.0.superseded_at)
    }
    /// Why.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
}

/// A unit's place in one finalized year.
pub struct Standing(pub ranking_entry::Model);

/// A unit's place in one finalized cluster year.
#[Object]
impl Standing {
    /// The cluster year.
    async fn cluster_year(&self, ctx: &Context<'_>) -> AppResult<Option<ClusterYear>> {
        Ok(loaders(ctx)?
            .cluster_year
            .load_one(self.0.cluster_year_id)
            .await?
            .map(ClusterYear))
    }
    /// The cluster or bloc.
    async fn cluster(&self, ctx: &Context<'_>) -> AppResult<Option<Cluster>> {
        let loaders = loaders(ctx)?;
        let Some(year) = loaders
            .cluster_year
            .load_one(self.0.cluster_year_id)
            .await?
        else {
            return Ok(None);
        };
        Ok(loaders
            .cluster
            .load_one(year.cluster_id)
            .await?
            .map(Cluster))
    }
    /// The year.
    async fn year(&self, ctx: &Context<'_>) -> AppResult<Option<i32>> {
        Ok(loaders(ctx)?
            .cluster_year
            .load_one(self.0.cluster_year_id)
            .await?
            .map(|y| y.year))
    }
    /// The place.
    async fn rank(&self) -> i32 {
        self.0.rank
    }
    /// The total.
    async fn total_points(&self) -> f64 {
        self.0.total_points
    }
}

/// Filter of `clusters`.
#[derive(InputObject, Default)]
pub struct ClusterFilter {
    /// Clusters of this province.
    province_code: Option<String>,
    /// Clusters or blocs.
    kind: Option<ClusterKind>,
    /// Clusters that have this year.
    year: Option<crate::api::scalars::Year>,
}

/// Root fields of clusters.
#[derive(Default)]
pub struct ClustersQuery;

#[Object]
impl ClustersQuery {
    /// The cluster or bloc with this code.
    async fn cluster(&self, ctx: &Context<'_>, code: String) -> AppResult<Option<Cluster>> {
        Ok(store::cluster_by_code(db(ctx)?, &text::nfc(&code))
            .await?
            .map(Cluster))
    }

    /// One cluster's year.
    async fn cluster_year(
        &self,
        ctx: &Context<'_>,
        cluster_code: String,
        year: crate::api::scalars::Year,
    ) -> AppResult<Option<ClusterYear>> {
        let db = db(ctx)?;
        let Some(cluster) = store::cluster_by_code(db, &text::nfc(&cluster_code)).await? else {
            return Ok(None);
        };
        Ok(store::year_of(db, cluster.id, year.get())
            .await?
            .map(ClusterYear))
    }

    /// Clusters and blocs, in order of creation.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn clusters(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClusterFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Cluster>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let mut select = cluster::Entity::find();
        if let Some(code) = f.province_code {
            select = select.filter(
                cluster::Column::ProvinceId.in_subquery(
                    Query::select()
                        .column(entity::province::Column::Id)
                        .from(entity::province::Entity)
                        .and_where(entity::province::Column::Code.eq(text::nfc(&code)))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = f.kind {
            select = select.filter(cluster::Column::Kind.eq(enums::ClusterKind::from(kind)));
        }
        if let Some(year) = f.year {
            select = select.filter(
                cluster::Column::Id.in_subquery(
                    Query::select()
                        .column(cluster_year::Column::ClusterId)
                        .from(cluster_year::Entity)
                        .and_where(cluster_year::Column::Year.eq(year))
                        .to_owned(),
                ),
            );
        }
        fetch_page(
            db(ctx)?,
            select,
            cluster::Column::Id,
            |c| c.id,
            Cluster,
            page,
        )
        .await
    }

    /// Every finalized ranking of `year`, optionally of one province and one kind: one query
    /// for the mobile app's rankings screen.
    async fn rankings(
        &self,
        ctx: &Context<'_>,
        year: crate::api::scalars::Year,
        province_code: Option<String>,
        kind: Option<ClusterKind>,
    ) -> AppResult<Vec<ClusterYear>> {
        let db = db(ctx)?;
        let mut clusters = cluster::Entity::find();
        if let Some(code) = province_code {
            let Some(province) =
                crate::organisation::store::find_province(db, &text::nfc(&code)).await?
            else {
                return Ok(Vec::new());
            };
            clusters = clusters.filter(cluster::Column::ProvinceId.eq(province.id));
        }
        if let Some(kind) = kind {
            clusters = clusters.filter(cluster::Column::Kind.eq(enums::ClusterKind::from(kind)));
        }
        let clusters = clusters.all(db).await?;
        let ids: Vec<i32> = clusters.iter().map(|c| c.id).collect();
        let years = cluster_year::Entity::find()
            .filter(cluster_year::Column::ClusterId.is_in(ids))
            .filter(cluster_year::Column::Year.eq(year))
            .filter(cluster_year::Column::Status.eq(enums::ClusterYearStatus::Finalized))
            .order_by_asc(cluster_year::Column::ClusterId)
            .all(db)
            .await?;
        prefetch_rankings(ctx, clusters, &years).await?;
        Ok(years.into_iter().map(ClusterYear).collect())
    }
}

/// Feeds the loaders what a rankings screen reads below `rankings`: the clusters, every
/// year's ranking, the ranked units and the proposed award types, one statement each. Resolved one cluster year at a
/// time, a nation's thousand years split the loaders' batches (each dispatches after 1 ms)
/// into hundreds of statements. The rows are those the loaders would read; the resolvers
/// below hand them out as always.
async fn prefetch_rankings(
    ctx: &Context<'_>,
    clusters: Vec<cluster::Model>,
    years: &[cluster_year::Model],
) -> AppResult<()> {
    let loaders = loaders(ctx)?;
    let ahead = ctx.look_ahead();
    if ahead.field("cluster").exists() {
        let asked: std::collections::HashSet<i32> = years.iter().map(|y| y.cluster_id).collect();
        loaders
            .cluster
            .feed_many(
                clusters
                    .into_iter()
                    .filter(|c| asked.contains(&c.id))
                    .map(|c| (c.id, c)),
            )
            .await;
    }
    let ranking = ahead.field("ranking");
    if !ranking.exists() || years.is_empty() {
        return Ok(());
    }
    let db = db(ctx)?;
    let ids: Vec<i32> = years.iter().map(|y| y.id).collect();
    let mut by_year: HashMap<i32, Vec<ranking_entry::Model>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    let entries = ranking_entry::Entity::find()
        .filter(ranking_entry::Column::ClusterYearId.is_in(ids.clone()))
        .order_by_asc(ranking_entry::Column::Id)
        .all(db)
        .await?;
    if ranking.field("unit").exists() {
        let units = entity::unit::Entity::find()
            .filter(
                entity::unit::Column::Id.in_subquery(
                    Query::select()
                        .column(ranking_entry::Column::UnitId)
                        .from(ranking_entry::Entity)
                        .and_where(ranking_entry::Column::ClusterYearId.is_in(ids))
                        .to_owned(),
                ),
            )
            .all(db)
            .await?;
        loaders
            .unit
            .feed_many(units.into_iter().map(|u| (u.id, u)))
            .await;
    }
    if ranking.field("proposedAward").exists() {
        let proposed: std::collections::BTreeSet<i32> = entries
            .iter()
            .filter_map(|e| e.proposed_award_type_id)
            .collect();
        let types = entity::award_type::Entity::find()
            .filter(entity::award_type::Column::Id.is_in(proposed))
            .all(db)
            .await?;
        loaders
            .award_type
            .feed_many(types.into_iter().map(|t| (t.id, t)))
            .await;
    }
    for entry in entries {
        by_year
            .entry(entry.cluster_year_id)
            .or_default()
            .push(entry);
    }
    loaders.year_ranking.feed_many(by_year).await;
    Ok(())
}

/// What changed in a ranking.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "super::live::RankingChange")]
pub enum RankingChange {
    /// A score sheet was reviewed.
    Reviewed,
    /// The ranking was finalized.
    Finalized,
    /// The year was taken back a stage.
    Reopened,
    /// A reorganisation of units (`reorganizeUnits`) took a closed member out of the year (its
    /// score sheet with it, its post left empty), or put its renamed successor in its place.
    MembersChanged,
}

/// An update of a cluster year's ranking.
pub struct RankingUpdate {
    change: Change,
    year: cluster_year::Model,
}

/// An update of a cluster year's ranking.
#[Object]
impl RankingUpdate {
    /// What changed.
    async fn change(&self) -> RankingChange {
        self.change.into()
    }
    /// The year as it is now.
    async fn cluster_year(&self) -> ClusterYear {
        ClusterYear(self.year.clone())
    }
}

/// Live updates.
#[derive(Default)]
pub struct ClustersSubscription;

#[Subscription]
impl ClustersSubscription {
    /// Fires on every review change, on the finalization of the cluster year, when it is
    /// reopened, and when a reorganisation of units changes its members.
    async fn ranking_updated(
        &self,
        ctx: &Context<'_>,
        cluster_year_id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<RankingUpdate>>> {
        Ok(ranking_stream(ctx, cluster_year_id).await?)
    }
}

async fn ranking_stream(
    ctx: &Context<'_>,
    cluster_year_id: ID,
) -> AppResult<impl Stream<Item = async_graphql::Result<RankingUpdate>> + use<>> {
    {
        let id = match parse_global_id(&cluster_year_id)? {
            (NodeKind::ClusterYear, id) => id,
            _ => {
                return Err(AppError::bad_input(crate::tr!(
                    "`clusterYearId` is not a cluster year's ID",
                    "`clusterYearId` không phải là ID của một năm thi đua của cụm"
                )))
            }
        };
        let db = db(ctx)?.clone();
        if cluster_year::Entity::find_by_id(id)
            .one(&db)
            .await?
            .is_none()
        {
            return Err(AppError::not_found(crate::tr!(
                "cluster year",
                "năm thi đua của cụm"
            )));
        }
        let events = ctx
            .data_opt::<crate::work::Events>()
            .ok_or_else(|| AppError::internal(&std::io::Error::other("no live events")))?
            .ranking
            .subscribe();
        let loaders = loaders(ctx)?.clone();
        Ok(futures_util::stream::unfold(
            (events, db),
            move |(mut events, db)| {
                let loaders = loaders.clone();
                async move {
                    loop {
                        match events.recv().await {
                            Ok(event) if event.cluster_year_id == id => {
                                let year = cluster_year::Entity::find_by_id(id).one(&db).await;
                                let item = match year {
                                    Ok(Some(year)) => Ok(RankingUpdate {
                                        change: event.change,
                                        year,
                                    }),
                                    Ok(None) => Err(AppError::not_found(crate::tr!(
                                        "cluster year",
                                        "năm thi đua của cụm"
                                    ))
                                    .into()),
                                    Err(e) => Err(AppError::from(e).into()),
                                };
                                // The event is resolved with what the database holds now.
                                loaders.clear();
                                return Some((item, (events, db)));
                            }
                            Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                                continue
                            }
                            Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                        }
                    }
                }
            },
        ))
    }
}
