//! What a reorganisation of units (`reorganizeUnits`) does to the cluster years that are
//! still open: a unit that is closed leaves them, in the reorganisation's own transaction.
//!
//! - A year the closed unit does not reach the end of (the year its closing takes effect in,
//!   and later ones) drops it, unless the year is FINALIZED: a finalized year is history and
//!   stays as it was. A year the unit completed in full keeps it: its sheet covers a whole
//!   year of its own work, and dropping it would move the others' places.
//! - Its score sheet goes with it (its total is kept in the note): a sheet of a unit that no
//!   longer exists cannot be ranked, in SCORING or in REVIEW.
//! - A head or deputy that is dropped leaves the post empty, so that the year never keeps a
//!   closed unit as head: the board elects new leadership (`setClusterLeadership`), and until
//!   then the head's rights are nobody's.
//! - The successors are not added: the members signed the covenant and elected the head, and a
//!   unit joins a year by the board's decision (`setUpClusterYear` while PLANNING, after
//!   `reopenClusterYear` later), also because it may belong to another cluster that year.
//! - A RENAME is the same collective under a new name: the renamed unit takes the old one's
//!   place, its sheet and its post.
//!
//! Each year changed moves its version on, gets a note in its history (the audit trail,
//! `ClusterYear` `{cluster}/{year}`, action `reorganizeUnits`) and a `MEMBERS_CHANGED` event.

use chrono::{Datelike, NaiveDate};
use entity::{
    cluster, cluster_member, cluster_year,
    enums::{ClusterYearStatus as Status, LineageKind},
    score_line, score_sheet, unit,
};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{
    live::{RankingChange, RankingEvent},
    rules::{self, Line},
};
use crate::{
    access::Viewer,
    audit::AuditEntry,
    error::AppResult,
    i18n::{Lang, Text},
    work::Work,
};

/// The reorganisation that closed a unit, as the note tells it.
#[derive(Debug, Clone, Copy)]
pub struct Closure<'a> {
    pub kind: LineageKind,
    /// The day it takes effect; the closed unit's last day is the day before.
    pub effective_on: NaiveDate,
    pub legal_basis: &'a str,
    /// The units that succeed the closed one.
    pub successors: &'a [unit::Model],
}

/// A note in both languages, written piece by piece.
#[derive(Default)]
struct Note {
    en: String,
    vi: String,
}

impl Note {
    fn add(&mut self, text: Text) {
        for (out, lang) in [(&mut self.en, Lang::En), (&mut self.vi, Lang::Vi)] {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(text.render(lang));
        }
    }
}

fn kind_names(kind: LineageKind) -> (&'static str, &'static str) {
    match kind {
        LineageKind::Merge => ("a merger", "hợp nhất"),
        LineageKind::Split => ("a split", "chia tách"),
        LineageKind::Rename => ("a renaming", "đổi tên"),
        LineageKind::Absorb => ("an absorption", "sáp nhập"),
    }
}

fn code_of(units: &[unit::Model], id: Option<i32>) -> Option<String> {
    id.and_then(|id| units.iter().find(|u| u.id == id).map(|u| u.code.clone()))
}

/// Takes `closed` out of the open cluster years it does not complete, as the module says;
/// the years changed, as they now are.
pub async fn leave_open_years(
    work: &Work,
    viewer: &Viewer,
    closed: &unit::Model,
    closure: Closure<'_>,
) -> AppResult<Vec<cluster_year::Model>> {
    let txn = work.txn();
    let first_year = closure.effective_on.year();
    let member_of: Vec<i32> = cluster_member::Entity::find()
        .filter(cluster_member::Column::UnitId.eq(closed.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.cluster_year_id)
        .collect();
    let years = cluster_year::Entity::find()
        .filter(cluster_year::Column::Status.ne(Status::Finalized))
        .filter(cluster_year::Column::Year.gte(first_year))
        // The head and the deputy are members (`setUpClusterYear`, `setClusterLeadership`).
        .filter(cluster_year::Column::Id.is_in(member_of))
        .order_by_asc(cluster_year::Column::Year)
        .order_by_asc(cluster_year::Column::Id)
        .all(txn)
        .await?;
    let renamed_to = match (closure.kind, closure.successors) {
        (LineageKind::Rename, [heir]) => Some(heir),
        _ => None,
    };
    let mut changed = Vec::new();
    for y in years {
        let Some(c) = cluster::Entity::find_by_id(y.cluster_id).one(txn).await? else {
            continue;
        };
        let before_members = super::store::members(txn, y.id).await?;
        let sheet = score_sheet::Entity::find()
            .filter(score_sheet::Column::ClusterYearId.eq(y.id))
            .filter(score_sheet::Column::UnitId.eq(closed.id))
            .one(txn)
            .await?;
        let was_head = y.head_unit_id == Some(closed.id);
        let was_deputy = y.deputy_unit_id == Some(closed.id);
        let mut sheet_summary = serde_json::Value::Null;
        let (head, deputy) = match renamed_to {
            Some(heir) => {
                cluster_member::Entity::update_many()
                    .col_expr(cluster_member::Column::UnitId, Expr::value(heir.id))
                    .filter(cluster_member::Column::ClusterYearId.eq(y.id))
                    .filter(cluster_member::Column::UnitId.eq(closed.id))
                    .exec(txn)
                    .await?;
                score_sheet::Entity::update_many()
                    .col_expr(score_sheet::Column::UnitId, Expr::value(heir.id))
                    .filter(score_sheet::Column::ClusterYearId.eq(y.id))
                    .filter(score_sheet::Column::UnitId.eq(closed.id))
                    .exec(txn)
                    .await?;
                let swap =
                    |id: Option<i32>| id.map(|id| if id == closed.id { heir.id } else { id });
                (swap(y.head_unit_id), swap(y.deputy_unit_id))
            }
            None => {
                if let Some(sheet) = &sheet {
                    let lines = score_line::Entity::find()
                        .filter(score_line::Column::ScoreSheetId.eq(sheet.id))
                        .all(txn)
                        .await?;
                    let counted: Vec<Line> = lines
                        .iter()
                        .map(|l| Line {
                            self_points: l.self_points,
                            reviewed_points: l.reviewed_points,
                        })
                        .collect();
                    sheet_summary = json!({
                        "totalPoints": rules::total(&counted, sheet.bonus, sheet.penalty),
                        "bonus": sheet.bonus, "penalty": sheet.penalty,
                        "submittedAt": sheet.submitted_at, "reviewedAt": sheet.reviewed_at,
                    });
                    score_line::Entity::delete_many()
                        .filter(score_line::Column::ScoreSheetId.eq(sheet.id))
                        .exec(txn)
                        .await?;
                    score_sheet::Entity::delete_by_id(sheet.id)
                        .exec(txn)
                        .await?;
                }
                cluster_member::Entity::delete_many()
                    .filter(cluster_member::Column::ClusterYearId.eq(y.id))
                    .filter(cluster_member::Column::UnitId.eq(closed.id))
                    .exec(txn)
                    .await?;
                let vacate = |id: Option<i32>| id.filter(|id| *id != closed.id);
                (vacate(y.head_unit_id), vacate(y.deputy_unit_id))
            }
        };
        let saved = super::cycle::save_year(
            txn,
            y.id,
            y.status,
            cluster_year::ActiveModel {
                head_unit_id: Set(head),
                deputy_unit_id: Set(deputy),
                ..Default::default()
            },
        )
        .await?;
        let after_members = super::store::members(txn, y.id).await?;

        let (name, code, year, cluster) = (&closed.name, &closed.code, y.year, &c.code);
        let (effective_on, legal_basis) = (closure.effective_on, closure.legal_basis);
        let (kind_en, kind_vi) = kind_names(closure.kind);
        let mut note = Note::default();
        match renamed_to {
            Some(heir) => {
                let (new_name, new_code) = (&heir.name, &heir.code);
                note.add(crate::tr!(
                    "{name} ({code}) is renamed {new_name} ({new_code}) from {effective_on} under {legal_basis}: the renamed unit, the same collective that signed the covenant, takes its place in {cluster} {year}, with its score sheet and its post.",
                    "Đơn vị {name} ({code}) đổi tên thành {new_name} ({new_code}) từ ngày {effective_on} theo {legal_basis}: đơn vị mang tên mới, cũng là tập thể đã ký giao ước, thay chỗ trong {cluster} năm {year}, giữ bảng chấm điểm và vị trí của mình."
                ));
            }
            None => {
                note.add(crate::tr!(
                    "{name} ({code}) leaves {cluster} {year}: it is closed by {kind_en} taking effect on {effective_on} under {legal_basis}.",
                    "Đơn vị {name} ({code}) thôi là thành viên {cluster} năm {year}: đơn vị ngừng hoạt động do {kind_vi} có hiệu lực từ ngày {effective_on} theo {legal_basis}."
                ));
                if let Some(total) = sheet_summary["totalPoints"].as_f64() {
                    note.add(crate::tr!(
                        "Its score sheet ({total} points) is removed: a unit that no longer exists is not ranked.",
                        "Bảng chấm điểm của đơn vị ({total} điểm) được hủy: đơn vị không còn tồn tại thì không được xếp hạng."
                    ));
                }
                for (vacated, role_en, role_vi) in [
                    (was_head, "head", "Cụm trưởng (Khối trưởng)"),
                    (was_deputy, "deputy", "Cụm phó (Khối phó)"),
                ] {
                    if vacated {
                        note.add(crate::tr!(
                            "It was the year's {role_en}: the post is empty until the board elects new leadership.",
                            "Đơn vị là {role_vi} của năm: vị trí này để trống cho đến khi bầu lại."
                        ));
                    }
                }
                for s in closure.successors {
                    let (successor, successor_code) = (&s.name, &s.code);
                    if after_members.iter().any(|m| m.id == s.id) {
                        note.add(crate::tr!(
                            "Its successor {successor} ({successor_code}) is a member already.",
                            "Đơn vị kế thừa {successor} ({successor_code}) đã là thành viên."
                        ));
                    } else {
                        note.add(crate::tr!(
                            "Its successor {successor} ({successor_code}) is not added automatically: it did not sign the covenant; the board decides whether it joins.",
                            "Đơn vị kế thừa {successor} ({successor_code}) không tự động trở thành thành viên: đơn vị này chưa ký giao ước; Ban Thi đua – Khen thưởng quyết định việc bổ sung."
                        ));
                    }
                }
            }
        }
        let all_units: Vec<unit::Model> = before_members
            .iter()
            .chain(after_members.iter())
            .chain(closure.successors.iter())
            .chain(std::iter::once(closed))
            .cloned()
            .collect();
        work.audit(
            viewer,
            AuditEntry {
                action: "reorganizeUnits",
                object_type: "ClusterYear",
                object_id: format!("{}/{}", c.code, y.year),
                province_id: c.province_id,
                before: Some(json!({
                    "status": rules::status_name(y.status), "version": y.version,
                    "members": before_members.iter().map(|m| &m.code).collect::<Vec<_>>(),
                    "head": code_of(&all_units, y.head_unit_id),
                    "deputy": code_of(&all_units, y.deputy_unit_id),
                })),
                after: Some(json!({
                    "dropped": { "code": closed.code, "name": closed.name },
                    "replacedBy": renamed_to.map(|h| json!({ "code": h.code, "name": h.name })),
                    "reorganisation": { "kind": closure.kind, "effectiveOn": closure.effective_on,
                                        "legalBasis": closure.legal_basis,
                                        "successors": closure.successors.iter().map(|s| &s.code).collect::<Vec<_>>() },
                    "members": after_members.iter().map(|m| &m.code).collect::<Vec<_>>(),
                    "head": code_of(&all_units, head),
                    "deputy": code_of(&all_units, deputy),
                    "removedScoreSheet": sheet_summary,
                    "version": saved.version,
                    "note": note.vi, "noteEn": note.en,
                })),
            },
        );
        work.publish(RankingEvent {
            cluster_year_id: saved.id,
            change: RankingChange::MembersChanged,
        });
        changed.push(saved);
    }
    Ok(changed)
}
