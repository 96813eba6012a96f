//! A province's policy on emulation and commendation, versioned (`provincePolicy`,
//! `setProvincePolicy`): whether a collective's streak of titles crosses a merger, how many
//! proposals each cluster or bloc sends (rank 1 for the provincial flag, the next ranks for
//! the Chairman's certificate of merit), and the share of the council's votes a proposal
//! needs. A province that has set nothing has [`Policy::default`].

use chrono::{DateTime, Utc};
use entity::{province, province_policy};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde_json::{json, Value};

use crate::{
    access::target::{self, Through},
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// A version of a province's policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// 0 for the default, never set.
    pub version: i32,
    pub collective_streak_across_mergers: bool,
    pub cluster_flag_quota: i32,
    pub cluster_certificate_quota: i32,
    /// Percent of the council's members who must vote yes.
    pub council_vote_threshold: i32,
    /// Whether a provincial award is approved only with a recorded council vote reaching the
    /// threshold.
    pub council_vote_required: bool,
    pub source: String,
    pub reason: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// The basis of the defaults.
pub const DEFAULT_SOURCE: &str = "Mặc định: mỗi cụm, khối đề nghị 01 Cờ thi đua và 02 Bằng khen (shared/DOMAIN.md); \
     tỷ lệ phiếu đồng ý từ 90% tổng số thành viên Hội đồng theo Nghị định 91/2017/NĐ-CP, Điều 45 khoản 8 \
     (chưa đối chiếu với Nghị định 152/2025/NĐ-CP: mặc định, tỉnh có thể sửa)";

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: 0,
            collective_streak_across_mergers: false,
            cluster_flag_quota: 1,
            cluster_certificate_quota: 2,
            council_vote_threshold: 90,
            council_vote_required: false,
            source: DEFAULT_SOURCE.to_owned(),
            reason: None,
            recorded_at: None,
        }
    }
}

impl From<province_policy::Model> for Policy {
    fn from(row: province_policy::Model) -> Self {
        Policy {
            version: row.version,
            collective_streak_across_mergers: row.collective_streak_across_mergers,
            cluster_flag_quota: row.cluster_flag_quota,
            cluster_certificate_quota: row.cluster_certificate_quota,
            council_vote_threshold: row.council_vote_threshold,
            council_vote_required: row.council_vote_required,
            source: row.source,
            reason: row.reason,
            recorded_at: Some(row.recorded_at),
        }
    }
}

impl Policy {
    /// The award a cluster's place is proposed for: the first `cluster_flag_quota` places
    /// the provincial flag, the next `cluster_certificate_quota` the Chairman's certificate.
    pub fn proposed_award(&self, rank: i32) -> Option<&'static str> {
        if rank < 1 {
            None
        } else if rank <= self.cluster_flag_quota {
            Some("CO_THI_DUA_TINH")
        } else if rank <= self.cluster_flag_quota + self.cluster_certificate_quota {
            Some("BANG_KHEN_CHU_TICH_TINH")
        } else {
            None
        }
    }

    /// The last place that is proposed for an award: ties touching it must be broken.
    pub fn last_proposed_place(&self) -> i32 {
        self.cluster_flag_quota + self.cluster_certificate_quota
    }
}

/// The policy in force in `province` (the default when it has set none, or for no province).
pub async fn current<C: ConnectionTrait>(db: &C, province: Option<i32>) -> Result<Policy, DbErr> {
    let Some(province) = province else {
        return Ok(Policy::default());
    };
    Ok(province_policy::Entity::find()
        .filter(province_policy::Column::ProvinceId.eq(province))
        .order_by_desc(province_policy::Column::Version)
        .one(db)
        .await?
        .map(Policy::from)
        .unwrap_or_default())
}

/// Every version of `province`'s policy, oldest first.
pub async fn history<C: ConnectionTrait>(db: &C, province: i32) -> Result<Vec<Policy>, DbErr> {
    Ok(province_policy::Entity::find()
        .filter(province_policy::Column::ProvinceId.eq(province))
        .order_by_asc(province_policy::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(Policy::from)
        .collect())
}

/// A change of a province's policy (`setProvincePolicy`): the fields given change, the
/// others stay as they are.
#[derive(Debug, Clone, Default)]
pub struct PolicyChange {
    pub province_code: String,
    pub collective_streak_across_mergers: Option<bool>,
    pub cluster_flag_quota: Option<i32>,
    pub cluster_certificate_quota: Option<i32>,
    pub council_vote_threshold: Option<i32>,
    pub council_vote_required: Option<bool>,
    pub source: String,
    pub reason: Option<String>,
}

/// The most places a cluster proposes in all (a cluster has at most 11 members).
pub const MAX_PROPOSALS: i32 = 11;

fn summary(p: &Policy) -> Value {
    json!({ "version": p.version, "collectiveStreakAcrossMergers": p.collective_streak_across_mergers,
            "clusterFlagQuota": p.cluster_flag_quota, "clusterCertificateQuota": p.cluster_certificate_quota,
            "councilVoteThreshold": p.council_vote_threshold, "councilVoteRequired": p.council_vote_required,
            "source": p.source, "reason": p.reason })
}

/// `setProvincePolicy`: stores a new version of the province's policy, audited.
pub async fn set(
    work: &Work,
    viewer: &Viewer,
    change: PolicyChange,
) -> AppResult<Outcome<(province::Model, Policy)>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageRules)?;
    let p = match crate::organisation::store::province_for_write(txn, &change.province_code).await?
    {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let target = target::of_province(&Through(txn), Some(p.id)).await?;
    access::authorize(viewer, Action::ManageRules, &target)?;
    // The province's row is locked: two changes follow one another.
    let before = current(txn, Some(p.id)).await?;
    let mut next = Policy {
        version: before.version + 1,
        collective_streak_across_mergers: change
            .collective_streak_across_mergers
            .unwrap_or(before.collective_streak_across_mergers),
        cluster_flag_quota: change
            .cluster_flag_quota
            .unwrap_or(before.cluster_flag_quota),
        cluster_certificate_quota: change
            .cluster_certificate_quota
            .unwrap_or(before.cluster_certificate_quota),
        council_vote_threshold: change
            .council_vote_threshold
            .unwrap_or(before.council_vote_threshold),
        council_vote_required: change
            .council_vote_required
            .unwrap_or(before.council_vote_required),
        source: text::nfc(change.source.trim()),
        reason: change
            .reason
            .map(|r| text::nfc(r.trim()))
            .filter(|r| !r.is_empty()),
        recorded_at: Some(chrono::Utc::now()),
    };
    let mut problems = Vec::new();
    for (field, value) in [
        ("clusterFlagQuota", next.cluster_flag_quota),
        ("clusterCertificateQuota", next.cluster_certificate_quota),
    ] {
        if !(0..=MAX_PROPOSALS).contains(&value) {
            problems.push(UserProblem::new(
                &[field],
                crate::tr!(
                    "A quota is from 0 to {MAX_PROPOSALS}.",
                    "Số đề nghị từ 0 đến {MAX_PROPOSALS}."
                ),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    if next.cluster_flag_quota + next.cluster_certificate_quota > MAX_PROPOSALS {
        problems.push(UserProblem::new(
            &["clusterCertificateQuota"],
            crate::tr!(
                "A cluster proposes at most {MAX_PROPOSALS} places in all.",
                "Mỗi cụm, khối đề nghị tối đa {MAX_PROPOSALS} vị trí."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    if !(50..=100).contains(&next.council_vote_threshold) {
        problems.push(UserProblem::new(
            &["councilVoteThreshold"],
            crate::tr!(
                "The vote threshold is a percentage from 50 to 100.",
                "Tỷ lệ phiếu đồng ý từ 50 đến 100 (%)."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    if next.source.is_empty() || next.source.chars().count() > 2_000 {
        problems.push(UserProblem::new(
            &["source"],
            crate::tr!(
                "Cite the decision the policy rests on, in 1 to 2000 characters.",
                "Nêu văn bản làm căn cứ, từ 1 đến 2000 ký tự."
            ),
            UserErrorCode::Required,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = province_policy::ActiveModel {
        province_id: Set(p.id),
        version: Set(next.version),
        collective_streak_across_mergers: Set(next.collective_streak_across_mergers),
        cluster_flag_quota: Set(next.cluster_flag_quota),
        cluster_certificate_quota: Set(next.cluster_certificate_quota),
        council_vote_threshold: Set(next.council_vote_threshold),
        council_vote_required: Set(next.council_vote_required),
        source: Set(next.source.clone()),
        reason: Set(next.reason.clone()),
        recorded_at: Set(chrono::Utc::now()),
        recorded_by_user_id: Set(viewer.user_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    next.recorded_at = Some(row.recorded_at);
    work.audit(
        viewer,
        AuditEntry {
            action: "setProvincePolicy",
            object_type: "Province",
            object_id: p.code.clone(),
            province_id: Some(p.id),
            before: Some(summary(&before)),
            after: Some(summary(&next)),
        },
    );
    Ok(Ok((p, next)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_decide_the_proposals_of_each_place() {
        let default = Policy::default();
        assert_eq!(default.proposed_award(1), Some("CO_THI_DUA_TINH"));
        assert_eq!(default.proposed_award(3), Some("BANG_KHEN_CHU_TICH_TINH"));
        assert_eq!(default.proposed_award(4), None);
        let wider = Policy {
            cluster_flag_quota: 2,
            cluster_certificate_quota: 3,
            ..Policy::default()
        };
        assert_eq!(wider.proposed_award(2), Some("CO_THI_DUA_TINH"));
        assert_eq!(wider.proposed_award(5), Some("BANG_KHEN_CHU_TICH_TINH"));
        assert_eq!(wider.proposed_award(6), None);
        assert_eq!(wider.last_proposed_place(), 5);
    }
}
