//! The GraphQL face of clusters: `Cluster`, `ClusterYear`, `cluster(code)`,
//! `clusterYear(clusterCode, year)`.

use async_graphql::{Context, Enum, Object, ID};
use entity::{cluster, cluster_year, enums};

use super::store;
use crate::{
    api::{
        context::{db, loaders},
        ids::{global_id, NodeKind},
        scalars::Date,
    },
    error::AppResult,
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
}

/// One cluster's year: its members, head and deputy, covenant and ranking.
pub struct ClusterYear(pub cluster_year::Model);

/// One cluster's year (e.g. Cụm II năm 2021): members, the head (Cụm trưởng) and deputy
/// (Cụm phó) elected for that year, the covenant.
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
    /// The member units of this year.
    async fn members(&self, ctx: &Context<'_>) -> AppResult<Vec<Unit>> {
        Ok(store::members(db(ctx)?, self.0.id)
            .await?
            .into_iter()
            .map(Unit)
            .collect())
    }
    /// The day the members signed the covenant (giao ước thi đua).
    async fn covenant_signed_on(&self) -> Option<Date> {
        self.0.covenant_signed_on.map(Date)
    }
    /// Version for optimistic concurrency (`expectedVersion`).
    async fn version(&self) -> i32 {
        self.0.version
    }
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
        year: i32,
    ) -> AppResult<Option<ClusterYear>> {
        let db = db(ctx)?;
        let Some(cluster) = store::cluster_by_code(db, &text::nfc(&cluster_code)).await? else {
            return Ok(None);
        };
        Ok(store::year_of(db, cluster.id, year).await?.map(ClusterYear))
    }
}
