//! The cluster year's cycle (shared/DOMAIN.md, "Clusters and blocs"), as domain operations:
//! each authorizes through `access`, checks the rules of [`super::rules`], writes, and
//! records its audit entry, on the caller's transaction. The GraphQL mutations and the demo
//! seed both run these, so the demo plays the same code paths as the API.
//!
//! An operation returns `Err` (an [`AppError`]) for what stops the whole request
//! (`FORBIDDEN`, `CONFLICT`, a database failure) and `Ok(Err(problems))` for business-rule
//! failures, which become `userErrors`; the caller then drops the transaction, so nothing is
//! written.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use entity::{
    award_type, cluster, cluster_member, cluster_year, criterion,
    enums::{ClusterKind, ClusterYearStatus as Status, NominationStatus},
    nomination, ranking_entry, score_line, score_sheet, unit,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait},
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{
    live::{RankingChange, RankingEvent},
    rules::{self, Line},
};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    awards::workflow,
    error::{AppError, AppResult, ErrorCode, Outcome, UserErrorCode, UserProblem},
    organisation::{rules as names, store as organisation},
    text,
    work::Work,
};

fn problem(
    field: &[&str],
    message: impl Into<crate::i18n::Text>,
    code: UserErrorCode,
) -> Vec<UserProblem> {
    vec![UserProblem::new(field, message, code)]
}

/// A new cluster or bloc.
#[derive(Debug, Clone)]
pub struct NewCluster {
    pub code: String,
    pub name: String,
    pub kind: ClusterKind,
    pub province_code: Option<String>,
    pub organiser_unit_code: Option<String>,
    pub organiser_name: Option<String>,
}

/// Members, head and deputy of one year.
#[derive(Debug, Clone)]
pub struct YearSetup {
    pub cluster_code: String,
    pub year: i32,
    pub member_codes: Vec<String>,
    pub head_code: Option<String>,
    pub deputy_code: Option<String>,
}

/// One numbered criterion of a covenant.
#[derive(Debug, Clone)]
pub struct CriterionSpec {
    pub code: String,
    pub title: String,
    pub max_points: f64,
}

/// One line of a self-assessment.
#[derive(Debug, Clone)]
pub struct SelfLine {
    pub criterion_code: String,
    pub points: f64,
    pub evidence: Option<String>,
}

/// One reviewed line.
#[derive(Debug, Clone)]
pub struct ReviewLine {
    pub criterion_code: String,
    pub points: f64,
}

/// The head's review of one member's sheet.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub unit_code: String,
    pub lines: Vec<ReviewLine>,
    pub bonus: Option<f64>,
    pub bonus_reason: Option<String>,
    pub penalty: Option<f64>,
    pub penalty_reason: Option<String>,
}

/// A cluster year and its cluster.
#[derive(Debug, Clone)]
pub struct YearRef {
    pub cluster: cluster::Model,
    pub year: cluster_year::Model,
}

/// The organiser a cluster belongs to: a unit, a body outside the system, or its province.
fn organiser_key(c: &cluster::Model) -> (Option<i32>, Option<String>, Option<i32>) {
    match (c.organiser_unit_id, &c.organiser_name) {
        (Some(unit), _) => (Some(unit), None, None),
        (None, Some(name)) => (None, Some(name.clone()), None),
        (None, None) => (None, None, c.province_id),
    }
}

async fn cluster_target<C: ConnectionTrait>(
    db: &C,
    c: &cluster::Model,
    head: Option<i32>,
) -> AppResult<Target> {
    target::of_cluster_year(&Through(db), c.province_id, head).await
}

/// The authorization target of a year: its province and its head.
pub async fn year_target<C: ConnectionTrait>(db: &C, y: &YearRef) -> AppResult<Target> {
    cluster_target(db, &y.cluster, y.year.head_unit_id).await
}

/// The cluster year `cluster_code`/`year`, or a `NOT_FOUND` problem.
pub async fn find_year<C: ConnectionTrait>(
    db: &C,
    cluster_code: &str,
    year: i32,
) -> AppResult<Outcome<YearRef>> {
    let code = text::nfc(cluster_code);
    let Some(c) = super::store::cluster_by_code(db, &code).await? else {
        return Ok(Err(problem(
            &["clusterCode"],
            crate::tr!(
                "No cluster has code {code}.",
                "Không có cụm, khối thi đua nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )));
    };
    match super::store::year_of(db, c.id, year).await? {
        Some(y) => Ok(Ok(YearRef {
            cluster: c,
            year: y,
        })),
        None => Ok(Err(problem(
            &["year"],
            crate::tr!(
                "{code} has no year {year}.",
                "Cụm, khối thi đua {code} không có năm thi đua {year}."
            ),
            UserErrorCode::NotFound,
        ))),
    }
}

/// Units by code; a `NOT_FOUND` problem at `field` for each unknown code.
async fn units_by_code<C: ConnectionTrait>(
    db: &C,
    field: &str,
    codes: &[String],
    problems: &mut Vec<UserProblem>,
) -> AppResult<Vec<unit::Model>> {
    let mut found = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let code = text::nfc(code);
        match organisation::find_unit(db, &code).await? {
            Some(u) if found.iter().any(|f: &unit::Model| f.id == u.id) => {
                problems.push(UserProblem::new(
                    &[field, &i.to_string()],
                    crate::tr!(
                        "{code} is listed twice.",
                        "Đơn vị {code} được liệt kê hai lần."
                    ),
                    UserErrorCode::InvalidValue,
                ))
            }
            Some(u) => found.push(u),
            None => problems.push(UserProblem::new(
                &[field, &i.to_string()],
                crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
                UserErrorCode::NotFound,
            )),
        }
    }
    Ok(found)
}

async fn one_unit<C: ConnectionTrait>(
    db: &C,
    field: &str,
    code: Option<&str>,
    problems: &mut Vec<UserProblem>,
) -> AppResult<Option<unit::Model>> {
    let Some(code) = code else {
        return Ok(None);
    };
    let found = organisation::find_unit(db, &text::nfc(code)).await?;
    if found.is_none() {
        problems.push(UserProblem::new(
            &[field],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        ));
    }
    Ok(found)
}

/// Writes `changes` (the columns it sets) to year `id` and moves its version on by one, in
/// one UPDATE where the database computes `version = version + 1`. A version taken from a
/// row read earlier (before the transaction, or before a concurrent one committed) would let
/// two changes write the same version, and `expectedVersion` miss one of them.
///
/// The same UPDATE requires the year to be still in `found`, the status the operation's rules
/// were checked against: a concurrent change of stage that committed since then makes it
/// `CONFLICT`, and the caller's transaction writes nothing. Returns the row as the
/// transaction now sees it.
pub(super) async fn save_year(
    txn: &DatabaseTransaction,
    id: i32,
    found: Status,
    mut changes: cluster_year::ActiveModel,
) -> AppResult<cluster_year::Model> {
    changes.updated_at = Set(Utc::now());
    let saved = cluster_year::Entity::update_many()
        .set(changes)
        .col_expr(
            cluster_year::Column::Version,
            Expr::col(cluster_year::Column::Version).add(1),
        )
        .filter(cluster_year::Column::Id.eq(id))
        .filter(cluster_year::Column::Status.eq(found))
        .exec(txn)
        .await?;
    if saved.rows_affected == 0 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            crate::tr!(
                "The cluster year changed meanwhile: read it again and retry.",
                "Năm thi đua của cụm vừa được thay đổi trong lúc xử lý: hãy tải lại rồi thử lại."
            ),
        ));
    }
    cluster_year::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("cluster year", "năm thi đua của cụm")))
}

/// Moves the year's version on, so that `expectedVersion` sees every change; `CONFLICT` if
/// it left `found` meanwhile.
async fn touch(
    txn: &DatabaseTransaction,
    id: i32,
    found: Status,
) -> AppResult<cluster_year::Model> {
    save_year(txn, id, found, Default::default()).await
}

/// `y` as the change saved in `saved` found it: the version it moved on from.
fn as_found(y: &YearRef, saved: &cluster_year::Model) -> YearRef {
    YearRef {
        cluster: y.cluster.clone(),
        year: cluster_year::Model {
            version: saved.version - 1,
            ..y.year.clone()
        },
    }
}

fn record(
    work: &Work,
    viewer: &Viewer,
    action: &'static str,
    y: &YearRef,
    after: serde_json::Value,
) {
    work.audit(
        viewer,
        AuditEntry {
            action,
            object_type: "ClusterYear",
            object_id: format!("{}/{}", y.cluster.code, y.year.year),
            province_id: y.cluster.province_id,
            before: Some(
                json!({ "status": rules::status_name(y.year.status), "version": y.year.version }),
            ),
            after: Some(after),
        },
    );
}

/// `createCluster`: the board of its province (administrators for clusters that span
/// provinces).
pub async fn create_cluster(
    work: &Work,
    viewer: &Viewer,
    new: NewCluster,
) -> AppResult<Outcome<cluster::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageClusters)?;
    let mut problems = Vec::new();
    let province = match &new.province_code {
        Some(code) => {
            let found = organisation::find_province(txn, &text::nfc(code)).await?;
            if found.is_none() {
                problems.push(UserProblem::new(
                    &["provinceCode"],
                    crate::tr!(
                        "No province has code {code}.",
                        "Không có tỉnh nào mã {code}."
                    ),
                    UserErrorCode::NotFound,
                ));
            }
            found
        }
        None => None,
    };
    let organiser = one_unit(
        txn,
        "organiserUnitCode",
        new.organiser_unit_code.as_deref(),
        &mut problems,
    )
    .await?;
    let target = target::of_province(&Through(txn), province.as_ref().map(|p| p.id)).await?;
    access::authorize(viewer, Action::ManageClusters, &target)?;
    let code = text::nfc(&new.code);
    let name = text::nfc(&new.name);
    problems.extend(names::unit_code("code", &code));
    problems.extend(names::name("name", &name));
    if super::store::cluster_by_code(txn, &code).await?.is_some() {
        problems.push(UserProblem::new(
            &["code"],
            crate::tr!(
                "A cluster has code {code} already.",
                "Đã có cụm, khối thi đua mang mã {code}."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    if organiser.is_some() && new.organiser_name.is_some() {
        problems.push(UserProblem::new(
            &["organiserName"],
            crate::tr!(
                "Give the organiser as a unit or as a name, not both.",
                "Chỉ nêu cơ quan tổ chức cụm bằng mã đơn vị hoặc bằng tên gọi, không nêu cả hai."
            ),
            UserErrorCode::InvalidValue,
        ));
    }
    if province.is_none() && organiser.is_none() && new.organiser_name.is_none() {
        problems.push(UserProblem::new(
            &["organiserUnitCode"],
            crate::tr!(
                "A cluster without a province names its organiser.",
                "Cụm, khối thi đua không thuộc một tỉnh phải nêu cơ quan tổ chức cụm."
            ),
            UserErrorCode::Required,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = cluster::ActiveModel {
        search_key: Set(text::search_key(&name)),
        code: Set(code),
        name: Set(name),
        kind: Set(new.kind),
        province_id: Set(province.map(|p| p.id)),
        organiser_unit_id: Set(organiser.map(|u| u.id)),
        organiser_name: Set(new.organiser_name.map(|n| text::nfc(&n))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(viewer, AuditEntry {
        action: "createCluster",
        object_type: "Cluster",
        object_id: row.code.clone(),
        province_id: row.province_id,
        before: None,
        after: Some(json!({ "code": row.code, "name": row.name, "kind": row.kind, "provinceId": row.province_id, "organiserUnitId": row.organiser_unit_id, "organiserName": row.organiser_name })),
    });
    Ok(Ok(row))
}

/// Checks that head and deputy are distinct members.
fn leadership_problems(
    members: &[i32],
    head: Option<&unit::Model>,
    deputy: Option<&unit::Model>,
) -> Vec<UserProblem> {
    let mut problems = Vec::new();
    for (field, unit) in [("headCode", head), ("deputyCode", deputy)] {
        if let Some(u) = unit {
            if !members.contains(&u.id) {
                let code = &u.code;
                problems.push(UserProblem::new(
                    &[field],
                    crate::tr!(
                        "{code} is not a member this year.",
                        "Đơn vị {code} không phải là thành viên trong năm này."
                    ),
                    UserErrorCode::RuleNotMet,
                ));
            }
        }
    }
    if let (Some(h), Some(d)) = (head, deputy) {
        if h.id == d.id {
            problems.push(UserProblem::new(
                &["deputyCode"],
                crate::tr!(
                    "The head and the deputy are two units.",
                    "Cụm trưởng (Khối trưởng) và Cụm phó (Khối phó) phải là hai đơn vị khác nhau."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
    }
    problems
}

/// Units among `members` that are in another cluster of the same organiser in `year`.
async fn taken_elsewhere(
    txn: &DatabaseTransaction,
    c: &cluster::Model,
    year: i32,
    members: &[unit::Model],
) -> AppResult<Vec<UserProblem>> {
    let key = organiser_key(c);
    let ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    let rows = cluster_member::Entity::find()
        .find_also_related(cluster_year::Entity)
        .filter(cluster_member::Column::UnitId.is_in(ids))
        .filter(cluster_year::Column::Year.eq(year))
        .filter(cluster_year::Column::ClusterId.ne(c.id))
        .all(txn)
        .await?;
    let mut problems = Vec::new();
    for (membership, year_row) in rows {
        let Some(year_row) = year_row else { continue };
        let Some(other) = cluster::Entity::find_by_id(year_row.cluster_id)
            .one(txn)
            .await?
        else {
            continue;
        };
        if organiser_key(&other) == key {
            let unit = members
                .iter()
                .find(|m| m.id == membership.unit_id)
                .map(|m| m.code.clone())
                .unwrap_or_default();
            let other = &other.code;
            problems.push(UserProblem::new(
                &["memberCodes"],
                crate::tr!(
                    "{unit} is in {other} in {year}; a unit is in one cluster of an organiser a year.",
                    "Năm {year}, đơn vị {unit} đã thuộc cụm, khối thi đua {other}; mỗi năm một đơn vị chỉ thuộc một cụm, khối thi đua của cùng một cơ quan tổ chức."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
    }
    Ok(problems)
}

/// Sets the head and deputy of `existing`, or creates the year (PLANNING) with them.
async fn save_leadership(
    txn: &DatabaseTransaction,
    cluster_id: i32,
    year: i32,
    existing: Option<cluster_year::Model>,
    head: Option<i32>,
    deputy: Option<i32>,
) -> AppResult<cluster_year::Model> {
    let now = Utc::now();
    Ok(match existing {
        Some(y) => {
            let changes = cluster_year::ActiveModel {
                head_unit_id: Set(head),
                deputy_unit_id: Set(deputy),
                ..Default::default()
            };
            save_year(txn, y.id, y.status, changes).await?
        }
        None => {
            cluster_year::ActiveModel {
                cluster_id: Set(cluster_id),
                year: Set(year),
                status: Set(Status::Planning),
                head_unit_id: Set(head),
                deputy_unit_id: Set(deputy),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?
        }
    })
}

async fn replace_members(
    txn: &DatabaseTransaction,
    year_id: i32,
    members: &[unit::Model],
) -> AppResult<()> {
    cluster_member::Entity::delete_many()
        .filter(cluster_member::Column::ClusterYearId.eq(year_id))
        .exec(txn)
        .await?;
    let now = Utc::now();
    for m in members {
        cluster_member::ActiveModel {
            cluster_year_id: Set(year_id),
            unit_id: Set(m.id),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// `setUpClusterYear`: members, head and deputy of a year, while it is being planned.
pub async fn set_up_year(
    work: &Work,
    viewer: &Viewer,
    setup: YearSetup,
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageClusters)?;
    let code = text::nfc(&setup.cluster_code);
    let Some(c) = super::store::cluster_by_code(txn, &code).await? else {
        return Ok(Err(problem(
            &["clusterCode"],
            crate::tr!(
                "No cluster has code {code}.",
                "Không có cụm, khối thi đua nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )));
    };
    access::authorize(
        viewer,
        Action::ManageClusters,
        &cluster_target(txn, &c, None).await?,
    )?;
    let mut problems: Vec<UserProblem> = names::year("year", setup.year).into_iter().collect();
    let members = units_by_code(txn, "memberCodes", &setup.member_codes, &mut problems).await?;
    if setup.member_codes.is_empty() {
        problems.push(UserProblem::new(
            &["memberCodes"],
            crate::tr!(
                "A cluster year has members.",
                "Năm thi đua của cụm phải có đơn vị thành viên."
            ),
            UserErrorCode::Required,
        ));
    }
    let head = one_unit(txn, "headCode", setup.head_code.as_deref(), &mut problems).await?;
    let deputy = one_unit(
        txn,
        "deputyCode",
        setup.deputy_code.as_deref(),
        &mut problems,
    )
    .await?;
    let member_ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    problems.extend(leadership_problems(
        &member_ids,
        head.as_ref(),
        deputy.as_ref(),
    ));
    for m in &members {
        if !crate::organisation::in_force_in_year(m.valid_from, m.valid_to, setup.year) {
            let (code, year) = (&m.code, setup.year);
            problems.push(UserProblem::new(
                &["memberCodes"],
                crate::tr!(
                    "{code} was not in force in {year}.",
                    "Đơn vị {code} không hoạt động trong năm {year}."
                ),
                UserErrorCode::RuleNotMet,
            ));
        }
    }
    problems.extend(taken_elsewhere(txn, &c, setup.year, &members).await?);
    let existing = super::store::year_of(txn, c.id, setup.year).await?;
    if let Some(y) = &existing {
        problems.extend(rules::require_status(
            y.status,
            &[Status::Planning],
            crate::tr!("setting up members", "việc thiết lập thành viên"),
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let year = save_leadership(
        txn,
        c.id,
        setup.year,
        existing,
        head.as_ref().map(|h| h.id),
        deputy.as_ref().map(|d| d.id),
    )
    .await?;
    replace_members(txn, year.id, &members).await?;
    let y = YearRef { cluster: c, year };
    record(
        work,
        viewer,
        "setUpClusterYear",
        &y,
        json!({ "members": setup.member_codes, "head": setup.head_code, "deputy": setup.deputy_code }),
    );
    Ok(Ok(y))
}

/// `setClusterLeadership`: the election of a year's head and deputy (usually at the review
/// of the year before). A year not set up yet is created with the members of the latest
/// year before it.
pub async fn set_leadership(
    work: &Work,
    viewer: &Viewer,
    cluster_code: &str,
    year: i32,
    head_code: Option<&str>,
    deputy_code: Option<&str>,
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageClusters)?;
    let code = text::nfc(cluster_code);
    let Some(c) = super::store::cluster_by_code(txn, &code).await? else {
        return Ok(Err(problem(
            &["clusterCode"],
            crate::tr!(
                "No cluster has code {code}.",
                "Không có cụm, khối thi đua nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )));
    };
    access::authorize(
        viewer,
        Action::ManageClusters,
        &cluster_target(txn, &c, None).await?,
    )?;
    let mut problems: Vec<UserProblem> = names::year("year", year).into_iter().collect();
    let head = one_unit(txn, "headCode", head_code, &mut problems).await?;
    let deputy = one_unit(txn, "deputyCode", deputy_code, &mut problems).await?;
    let existing = super::store::year_of(txn, c.id, year).await?;
    let members: Vec<unit::Model> = match &existing {
        Some(y) => super::store::members(txn, y.id).await?,
        None => {
            let previous = cluster_year::Entity::find()
                .filter(cluster_year::Column::ClusterId.eq(c.id))
                .filter(cluster_year::Column::Year.lt(year))
                .order_by_desc(cluster_year::Column::Year)
                .one(txn)
                .await?;
            match previous {
                Some(p) => super::store::members(txn, p.id).await?,
                None => {
                    problems.push(UserProblem::new(
                        &["year"],
                        crate::tr!(
                            "{code} has no year before {year} to take members from: set the year up first.",
                            "Cụm, khối thi đua {code} không có năm nào trước năm {year} để lấy danh sách thành viên: hãy thiết lập năm thi đua trước."
                        ),
                        UserErrorCode::NotFound,
                    ));
                    Vec::new()
                }
            }
        }
    };
    let member_ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    problems.extend(leadership_problems(
        &member_ids,
        head.as_ref(),
        deputy.as_ref(),
    ));
    if let Some(y) = &existing {
        problems.extend(rules::require_status(
            y.status,
            &[
                Status::Planning,
                Status::Active,
                Status::Scoring,
                Status::Review,
            ],
            crate::tr!(
                "electing the leadership",
                "việc bầu Cụm trưởng (Khối trưởng), Cụm phó (Khối phó)"
            ),
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let is_new = existing.is_none();
    let row = save_leadership(
        txn,
        c.id,
        year,
        existing,
        head.as_ref().map(|h| h.id),
        deputy.as_ref().map(|d| d.id),
    )
    .await?;
    if is_new {
        replace_members(txn, row.id, &members).await?;
    }
    let y = YearRef {
        cluster: c,
        year: row,
    };
    record(
        work,
        viewer,
        "setClusterLeadership",
        &y,
        json!({ "head": head_code, "deputy": deputy_code }),
    );
    Ok(Ok(y))
}

/// `signCovenant`: the covenant's date and numbered criteria (the head of the year or the
/// board); the year becomes ACTIVE. Criteria can change until scoring opens.
pub async fn sign_covenant(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    signed_on: NaiveDate,
    criteria: Vec<CriterionSpec>,
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    access::authorize(viewer, Action::SignCovenant, &year_target(txn, &y).await?)?;
    let mut problems: Vec<UserProblem> = rules::require_status(
        y.year.status,
        &[Status::Planning, Status::Active],
        crate::tr!("changing the covenant", "việc thay đổi giao ước thi đua"),
    )
    .into_iter()
    .collect();
    if criteria.is_empty() {
        problems.push(UserProblem::new(
            &["criteria"],
            crate::tr!(
                "A covenant has criteria.",
                "Giao ước thi đua phải có tiêu chí."
            ),
            UserErrorCode::Required,
        ));
    }
    for (i, c) in criteria.iter().enumerate() {
        let index = i.to_string();
        if let Some(mut p) = names::unit_code("code", &c.code) {
            p.field = vec!["criteria".into(), index.clone(), "code".into()];
            problems.push(p);
        }
        if criteria[..i].iter().any(|other| other.code == c.code) {
            let code = &c.code;
            problems.push(UserProblem::new(
                &["criteria", &index, "code"],
                crate::tr!(
                    "Criterion {code} is listed twice.",
                    "Tiêu chí {code} được liệt kê hai lần."
                ),
                UserErrorCode::Duplicate,
            ));
        }
        if let Some(mut p) = names::name("title", &c.title) {
            p.field = vec!["criteria".into(), index.clone(), "title".into()];
            problems.push(p);
        }
        if c.max_points <= 0.0
            || !c.max_points.is_finite()
            || c.max_points > rules::MAX_CRITERION_POINTS
        {
            let most = rules::MAX_CRITERION_POINTS;
            problems.push(UserProblem::new(
                &["criteria", &index, "maxPoints"],
                crate::tr!(
                    "maxPoints must be above 0 and at most {most}.",
                    "maxPoints phải lớn hơn 0 và không quá {most}."
                ),
                UserErrorCode::OutOfRange,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    criterion::Entity::delete_many()
        .filter(criterion::Column::ClusterYearId.eq(y.year.id))
        .exec(txn)
        .await?;
    for (i, c) in criteria.iter().enumerate() {
        criterion::ActiveModel {
            cluster_year_id: Set(y.year.id),
            code: Set(c.code.clone()),
            title: Set(text::nfc(&c.title)),
            max_points: Set(c.max_points),
            sort_order: Set(i as i32 + 1),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let changes = cluster_year::ActiveModel {
        covenant_signed_on: Set(Some(signed_on)),
        status: Set(Status::Active),
        ..Default::default()
    };
    let year = save_year(txn, y.year.id, y.year.status, changes).await?;
    record(
        work,
        viewer,
        "signCovenant",
        &as_found(&y, &year),
        json!({ "signedOn": signed_on, "criteria": criteria.iter().map(|c| json!({ "code": c.code, "title": c.title, "maxPoints": c.max_points })).collect::<Vec<_>>() }),
    );
    Ok(Ok(YearRef {
        cluster: y.cluster,
        year,
    }))
}

/// What moving a year on by `action` is called in a refusal: the mutation's name in English.
fn step(action: &str) -> crate::i18n::Text {
    match action {
        "openScoring" => crate::tr!("openScoring", "việc mở tự chấm điểm (openScoring)"),
        "startReview" => crate::tr!("startReview", "việc bắt đầu chấm điểm (startReview)"),
        _ => crate::tr!("{action}", "thao tác {action}"),
    }
}

/// Moves a year from one stage to the next (`openScoring`, `startReview`).
pub async fn advance(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    from: Status,
    to: Status,
    action: &'static str,
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    access::authorize(viewer, Action::ReviewScores, &year_target(txn, &y).await?)?;
    if let Some(p) = rules::require_status(y.year.status, &[from], step(action)) {
        return Ok(Err(vec![p]));
    }
    let changes = cluster_year::ActiveModel {
        status: Set(to),
        ..Default::default()
    };
    let year = save_year(txn, y.year.id, y.year.status, changes).await?;
    record(
        work,
        viewer,
        action,
        &as_found(&y, &year),
        json!({ "status": rules::status_name(to) }),
    );
    Ok(Ok(YearRef {
        cluster: y.cluster,
        year,
    }))
}

async fn criteria_of(
    txn: &DatabaseTransaction,
    year_id: i32,
) -> AppResult<HashMap<String, criterion::Model>> {
    let rows = criterion::Entity::find()
        .filter(criterion::Column::ClusterYearId.eq(year_id))
        .all(txn)
        .await?;
    Ok(rows.into_iter().map(|c| (c.code.clone(), c)).collect())
}

async fn sheet_for(
    txn: &DatabaseTransaction,
    year_id: i32,
    unit_id: i32,
) -> AppResult<score_sheet::Model> {
    if let Some(sheet) = score_sheet::Entity::find()
        .filter(score_sheet::Column::ClusterYearId.eq(year_id))
        .filter(score_sheet::Column::UnitId.eq(unit_id))
        .one(txn)
        .await?
    {
        return Ok(sheet);
    }
    Ok(score_sheet::ActiveModel {
        cluster_year_id: Set(year_id),
        unit_id: Set(unit_id),
        bonus: Set(0.0),
        penalty: Set(0.0),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

async fn member<C: ConnectionTrait>(
    db: &C,
    y: &YearRef,
    unit_code: &str,
) -> AppResult<Outcome<unit::Model>> {
    let code = text::nfc(unit_code);
    let Some(unit) = organisation::find_unit(db, &code).await? else {
        return Ok(Err(problem(
            &["unitCode"],
            crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
            UserErrorCode::NotFound,
        )));
    };
    let members = super::store::members(db, y.year.id).await?;
    if members.iter().all(|m| m.id != unit.id) {
        let (cluster, year) = (&y.cluster.code, y.year.year);
        return Ok(Err(problem(
            &["unitCode"],
            crate::tr!(
                "{code} is not a member of {cluster} in {year}.",
                "Đơn vị {code} không phải là thành viên của {cluster} trong năm {year}."
            ),
            UserErrorCode::RuleNotMet,
        )));
    }
    Ok(Ok(unit))
}

/// `submitSelfAssessment`: a member's own points per criterion while SCORING (its officers,
/// or the board). Submitting again replaces the member's lines.
pub async fn submit_self_assessment(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    unit_code: &str,
    lines: Vec<SelfLine>,
) -> AppResult<Outcome<score_sheet::Model>> {
    let txn = work.txn();
    access::require_some(viewer, Action::SubmitSelfAssessment)?;
    let unit = match member(txn, &y, unit_code).await? {
        Ok(unit) => unit,
        Err(problems) => return Ok(Err(problems)),
    };
    let target = target::of_year_member(
        &Through(txn),
        y.cluster.province_id,
        y.year.head_unit_id,
        &unit,
    )
    .await?;
    access::authorize(viewer, Action::SubmitSelfAssessment, &target)?;
    let mut problems: Vec<UserProblem> = rules::require_status(
        y.year.status,
        &[Status::Scoring],
        crate::tr!("self-assessment", "việc tự chấm điểm"),
    )
    .into_iter()
    .collect();
    let criteria = criteria_of(txn, y.year.id).await?;
    for (i, line) in lines.iter().enumerate() {
        let index = i.to_string();
        let criterion = &line.criterion_code;
        match criteria.get(criterion) {
            None => problems.push(UserProblem::new(
                &["lines", &index, "criterionCode"],
                crate::tr!(
                    "The covenant has no criterion {criterion}.",
                    "Giao ước thi đua không có tiêu chí {criterion}."
                ),
                UserErrorCode::NotFound,
            )),
            Some(c) => problems.extend(rules::points(
                &["lines", &index, "points"],
                line.points,
                c.max_points,
            )),
        }
        if lines[..i]
            .iter()
            .any(|l| l.criterion_code == line.criterion_code)
        {
            problems.push(UserProblem::new(
                &["lines", &index, "criterionCode"],
                crate::tr!(
                    "Criterion {criterion} is listed twice.",
                    "Tiêu chí {criterion} được liệt kê hai lần."
                ),
                UserErrorCode::Duplicate,
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let sheet = sheet_for(txn, y.year.id, unit.id).await?;
    score_line::Entity::delete_many()
        .filter(score_line::Column::ScoreSheetId.eq(sheet.id))
        .exec(txn)
        .await?;
    for line in &lines {
        score_line::ActiveModel {
            score_sheet_id: Set(sheet.id),
            criterion_id: Set(criteria[&line.criterion_code].id),
            self_points: Set(Some(line.points)),
            reviewed_points: Set(None),
            evidence: Set(line.evidence.as_deref().map(text::nfc)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let now = Utc::now();
    let mut row: score_sheet::ActiveModel = sheet.into();
    row.submitted_at = Set(Some(now));
    row.updated_at = Set(now);
    let sheet = row.update(txn).await?;
    let year = touch(txn, y.year.id, y.year.status).await?;
    record(
        work,
        viewer,
        "submitSelfAssessment",
        &as_found(&y, &year),
        json!({ "unit": unit.code, "lines": lines.iter().map(|l| json!({ "criterion": l.criterion_code, "points": l.points })).collect::<Vec<_>>() }),
    );
    Ok(Ok(sheet))
}

/// `reviewScores`: the head of the year (or the board) sets reviewed points, bonus and
/// penalty on one member's sheet, while in REVIEW.
pub async fn review_scores(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    review: Review,
) -> AppResult<Outcome<score_sheet::Model>> {
    let txn = work.txn();
    access::authorize(viewer, Action::ReviewScores, &year_target(txn, &y).await?)?;
    let unit = match member(txn, &y, &review.unit_code).await? {
        Ok(unit) => unit,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut problems: Vec<UserProblem> = rules::require_status(
        y.year.status,
        &[Status::Review],
        crate::tr!("reviewing scores", "việc chấm điểm"),
    )
    .into_iter()
    .collect();
    let criteria = criteria_of(txn, y.year.id).await?;
    for (i, line) in review.lines.iter().enumerate() {
        let index = i.to_string();
        let criterion = &line.criterion_code;
        match criteria.get(criterion) {
            None => problems.push(UserProblem::new(
                &["lines", &index, "criterionCode"],
                crate::tr!(
                    "The covenant has no criterion {criterion}.",
                    "Giao ước thi đua không có tiêu chí {criterion}."
                ),
                UserErrorCode::NotFound,
            )),
            Some(c) => problems.extend(rules::points(
                &["lines", &index, "points"],
                line.points,
                c.max_points,
            )),
        }
    }
    if let Some(bonus) = review.bonus {
        problems.extend(rules::adjustment(
            "bonus",
            bonus,
            review.bonus_reason.as_deref(),
        ));
    }
    if let Some(penalty) = review.penalty {
        problems.extend(rules::adjustment(
            "penalty",
            penalty,
            review.penalty_reason.as_deref(),
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let sheet = sheet_for(txn, y.year.id, unit.id).await?;
    for line in &review.lines {
        let criterion_id = criteria[&line.criterion_code].id;
        let existing = score_line::Entity::find()
            .filter(score_line::Column::ScoreSheetId.eq(sheet.id))
            .filter(score_line::Column::CriterionId.eq(criterion_id))
            .one(txn)
            .await?;
        match existing {
            Some(l) => {
                let mut row: score_line::ActiveModel = l.into();
                row.reviewed_points = Set(Some(line.points));
                row.update(txn).await?;
            }
            None => {
                score_line::ActiveModel {
                    score_sheet_id: Set(sheet.id),
                    criterion_id: Set(criterion_id),
                    self_points: Set(None),
                    reviewed_points: Set(Some(line.points)),
                    evidence: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    let now = Utc::now();
    let mut row: score_sheet::ActiveModel = sheet.into();
    if let Some(bonus) = review.bonus {
        row.bonus = Set(bonus);
        row.bonus_reason = Set(review.bonus_reason.as_deref().map(text::nfc));
    }
    if let Some(penalty) = review.penalty {
        row.penalty = Set(penalty);
        row.penalty_reason = Set(review.penalty_reason.as_deref().map(text::nfc));
    }
    row.reviewed_at = Set(Some(now));
    row.updated_at = Set(now);
    let sheet = row.update(txn).await?;
    let year = touch(txn, y.year.id, y.year.status).await?;
    record(
        work,
        viewer,
        "reviewScores",
        &as_found(&y, &year),
        json!({ "unit": unit.code, "lines": review.lines.iter().map(|l| json!({ "criterion": l.criterion_code, "points": l.points })).collect::<Vec<_>>(), "bonus": review.bonus, "penalty": review.penalty }),
    );
    work.publish(RankingEvent {
        cluster_year_id: year.id,
        change: RankingChange::Reviewed,
    });
    Ok(Ok(sheet))
}

/// The totals of every member of a year, by unit id.
pub async fn totals<C: ConnectionTrait>(db: &C, year_id: i32) -> AppResult<Vec<(i32, f64)>> {
    let members = super::store::members(db, year_id).await?;
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::ClusterYearId.eq(year_id))
        .all(db)
        .await?;
    let sheet_ids: Vec<i32> = sheets.iter().map(|s| s.id).collect();
    let lines = score_line::Entity::find()
        .filter(score_line::Column::ScoreSheetId.is_in(sheet_ids))
        .all(db)
        .await?;
    Ok(members
        .iter()
        .map(|m| {
            let total = match sheets.iter().find(|s| s.unit_id == m.id) {
                Some(sheet) => {
                    let own: Vec<Line> = lines
                        .iter()
                        .filter(|l| l.score_sheet_id == sheet.id)
                        .map(|l| Line {
                            self_points: l.self_points,
                            reviewed_points: l.reviewed_points,
                        })
                        .collect();
                    rules::total(&own, sheet.bonus, sheet.penalty)
                }
                None => 0.0,
            };
            (m.id, total)
        })
        .collect())
}

/// `finalizeRanking`: computes the totals, ranks them, stores the ranking and creates the
/// proposals the province's policy sets (by default rank 1 for the province's emulation
/// flag, 2 and 3 for the Chairman's certificate of merit), proposed by the cluster year.
///
/// `expectedVersion` must be the year's version: the first statement of the transaction
/// moves the version on only if it still is, so that of two finalizations at the same time
/// exactly one wins and the other gets `CONFLICT`.
pub async fn finalize(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    expected_version: i32,
    tie_break_codes: &[String],
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    // Rights first: a viewer who may not finalize learns neither the version nor the state.
    access::authorize(viewer, Action::ReviewScores, &year_target(txn, &y).await?)?;
    let claimed = cluster_year::Entity::update_many()
        .col_expr(
            cluster_year::Column::Version,
            Expr::col(cluster_year::Column::Version).add(1),
        )
        .col_expr(cluster_year::Column::Status, Expr::value(Status::Finalized))
        .col_expr(
            cluster_year::Column::FinalizedAt,
            Expr::value(Some(Utc::now())),
        )
        .col_expr(cluster_year::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(cluster_year::Column::Id.eq(y.year.id))
        .filter(cluster_year::Column::Version.eq(expected_version))
        .filter(cluster_year::Column::Status.eq(Status::Review))
        .exec(txn)
        .await?
        .rows_affected;
    let current = cluster_year::Entity::find_by_id(y.year.id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("cluster year", "năm thi đua của cụm")))?;
    if claimed == 0 {
        if current.version != expected_version {
            let version = current.version;
            return Err(AppError::new(
                ErrorCode::Conflict,
                crate::tr!(
                    "The year changed: its version is {version}, not {expected_version}. Reload it and try again.",
                    "Năm thi đua đã thay đổi: phiên bản hiện tại là {version}, không phải {expected_version}. Hãy tải lại rồi thử lại."
                ),
            ));
        }
        return Ok(Err(rules::require_status(
            current.status,
            &[Status::Review],
            crate::tr!("finalizing the ranking", "việc chốt kết quả xếp hạng"),
        )
        .into_iter()
        .collect()));
    }
    let mut problems = Vec::new();
    let mut tie_break = Vec::new();
    for (i, code) in tie_break_codes.iter().enumerate() {
        match organisation::find_unit(txn, &text::nfc(code)).await? {
            Some(u) => tie_break.push(u.id),
            None => problems.push(UserProblem::new(
                &["tieBreak", &i.to_string()],
                crate::tr!("No unit has code {code}.", "Không có đơn vị nào mã {code}."),
                UserErrorCode::NotFound,
            )),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let totals = totals(txn, y.year.id).await?;
    let policy = crate::awards::policy::current(txn, y.cluster.province_id).await?;
    let places = match rules::rank(&totals, &tie_break, policy.last_proposed_place()) {
        Ok(places) => places,
        Err(tie) => {
            let mut codes = Vec::new();
            for id in &tie.tied {
                if let Some(u) = unit::Entity::find_by_id(*id).one(txn).await? {
                    codes.push(u.code);
                }
            }
            let (codes, place) = (codes.join(", "), tie.rank);
            return Ok(Err(problem(
                &["tieBreak"],
                crate::tr!(
                    "{codes} are tied for place {place}: list them in tieBreak in the order the head decided.",
                    "Các đơn vị {codes} bằng điểm nhau ở vị trí thứ {place}: hãy liệt kê các đơn vị này trong tieBreak theo thứ tự do Cụm trưởng (Khối trưởng) quyết định."
                ),
                UserErrorCode::TieUnresolved,
            )));
        }
    };
    let awards: HashMap<String, i32> = award_type::Entity::find()
        .filter(award_type::Column::Code.is_in(["CO_THI_DUA_TINH", "BANG_KHEN_CHU_TICH_TINH"]))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| (a.code, a.id))
        .collect();
    for place in &places {
        let proposed = policy
            .proposed_award(place.rank)
            .and_then(|code| awards.get(code).copied());
        ranking_entry::ActiveModel {
            cluster_year_id: Set(y.year.id),
            unit_id: Set(place.key),
            rank: Set(place.rank),
            total_points: Set(place.total),
            proposed_award_type_id: Set(proposed),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let Some(award) = proposed else {
            continue;
        };
        // One achievement is rewarded once: no proposal for a unit that holds the award for
        // the year already, or has one open (after a reopened ranking, say); and a proposal
        // of this year the board rejected is not made again.
        if workflow::covered(txn, award, place.key, y.year.year).await? {
            continue;
        }
        let rejected = nomination::Entity::find()
            .filter(nomination::Column::ProposedByClusterYearId.eq(y.year.id))
            .filter(nomination::Column::AwardTypeId.eq(award))
            .filter(nomination::Column::RecipientUnitId.eq(place.key))
            .filter(nomination::Column::Status.eq(NominationStatus::Rejected))
            .one(txn)
            .await?
            .is_some();
        if rejected {
            continue;
        }
        let unit = unit::Entity::find_by_id(place.key).one(txn).await?;
        workflow::propose_for_cluster(
            work,
            viewer,
            workflow::ClusterProposal {
                award_type_id: award,
                unit_id: place.key,
                year: y.year.year,
                cluster_year_id: y.year.id,
                head_unit_id: y.year.head_unit_id,
                province_id: unit.and_then(|u| u.province_id).or(y.cluster.province_id),
                achievements: format!(
                    "Xếp thứ {} {} năm {} với {} điểm.",
                    place.rank, y.cluster.name, y.year.year, place.total
                ),
                basis: format!(
                    "Kết quả chấm điểm, xếp hạng thi đua {} năm {}",
                    y.cluster.name, y.year.year
                ),
                comment: format!("Đề nghị của {} năm {}", y.cluster.name, y.year.year),
            },
        )
        .await?;
    }
    record(
        work,
        viewer,
        "finalizeRanking",
        &y,
        json!({ "ranking": places.iter().map(|p| json!({ "unitId": p.key, "rank": p.rank, "total": p.total })).collect::<Vec<_>>() }),
    );
    work.publish(RankingEvent {
        cluster_year_id: y.year.id,
        change: RankingChange::Finalized,
    });
    Ok(Ok(YearRef {
        cluster: y.cluster,
        year: current,
    }))
}

/// `reopenClusterYear`: the board takes a year back one stage, with a reason. Reopening a
/// finalized year removes its ranking and withdraws the proposals it made that no one has
/// decided yet.
pub async fn reopen(
    work: &Work,
    viewer: &Viewer,
    y: YearRef,
    reason: &str,
) -> AppResult<Outcome<YearRef>> {
    let txn = work.txn();
    access::authorize(viewer, Action::ManageClusters, &year_target(txn, &y).await?)?;
    let Some(back_to) = rules::previous(y.year.status) else {
        return Ok(Err(rules::require_status(
            y.year.status,
            &[
                Status::Active,
                Status::Scoring,
                Status::Review,
                Status::Finalized,
            ],
            crate::tr!("reopening", "việc mở lại năm thi đua"),
        )
        .into_iter()
        .collect()));
    };
    if reason.trim().is_empty() {
        return Ok(Err(problem(
            &["reason"],
            crate::tr!(
                "Reopening a year needs a reason.",
                "Khi mở lại năm thi đua phải nêu lý do."
            ),
            UserErrorCode::Required,
        )));
    }
    if y.year.status == Status::Finalized {
        // The ranking is kept, superseded: a decided award may rest on it.
        let now = chrono::Utc::now();
        for e in ranking_entry::Entity::find()
            .filter(ranking_entry::Column::ClusterYearId.eq(y.year.id))
            .all(txn)
            .await?
        {
            entity::superseded_ranking_entry::ActiveModel {
                cluster_year_id: Set(e.cluster_year_id),
                unit_id: Set(e.unit_id),
                rank: Set(e.rank),
                total_points: Set(e.total_points),
                proposed_award_type_id: Set(e.proposed_award_type_id),
                superseded_at: Set(now),
                reason: Set(text::nfc(reason.trim())),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        ranking_entry::Entity::delete_many()
            .filter(ranking_entry::Column::ClusterYearId.eq(y.year.id))
            .exec(txn)
            .await?;
        let open = nomination::Entity::find()
            .filter(nomination::Column::ProposedByClusterYearId.eq(y.year.id))
            .filter(nomination::Column::Status.is_in([
                NominationStatus::Draft,
                NominationStatus::Submitted,
                NominationStatus::Returned,
            ]))
            .all(txn)
            .await?;
        for n in open {
            workflow::withdraw_for(
                work,
                viewer,
                &n,
                format!("Mở lại xếp hạng: {}", text::nfc(reason)),
            )
            .await?;
        }
    }
    let changes = cluster_year::ActiveModel {
        status: Set(back_to),
        finalized_at: Set(None),
        ..Default::default()
    };
    let year = save_year(txn, y.year.id, y.year.status, changes).await?;
    record(
        work,
        viewer,
        "reopenClusterYear",
        &as_found(&y, &year),
        json!({ "status": rules::status_name(back_to), "reason": text::nfc(reason) }),
    );
    if y.year.status == Status::Finalized {
        work.publish(RankingEvent {
            cluster_year_id: year.id,
            change: RankingChange::Reopened,
        });
    }
    Ok(Ok(YearRef {
        cluster: y.cluster,
        year,
    }))
}
