use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A version of a province's policy on emulation and commendation (quy định của tỉnh): one
/// row per change, the latest in force.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "province_policy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub province_id: i32,
    /// From 1, unique per province.
    pub version: i32,
    /// A collective's streak of titles crosses a merger (the predecessors' titles count for
    /// the successor).
    pub collective_streak_across_mergers: bool,
    /// Proposals for the provincial emulation flag each cluster or bloc sends (rank 1, …).
    pub cluster_flag_quota: i32,
    /// Proposals for the Chairman's certificate of merit each cluster sends (the ranks after
    /// the flags).
    pub cluster_certificate_quota: i32,
    /// Share of the council's members, in percent, who must vote yes.
    pub council_vote_threshold: i32,
    /// A provincial award is approved only with a recorded council vote reaching the
    /// threshold.
    pub council_vote_required: bool,
    /// The decision or document the policy rests on.
    #[sea_orm(column_type = "Text")]
    pub source: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub recorded_at: DateTimeUtc,
    pub recorded_by_user_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id",
        on_delete = "Restrict"
    )]
    Province,
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
