//! The rules in force, and their changes (`awardRules`, `setAwardRule`, `retireAwardRule`).
//!
//! Every rule has a key; every change of it is a new row (a version) and no row is ever
//! edited, so a report that names the version it used can always be read against it. The
//! national rule of a key applies everywhere unless a province has its own version of it,
//! under the key with the province's code first (`CM/CSTDCS.2024.tieu-chuan`): then, in that
//! province, the province's latest version applies instead (or nothing, if that version
//! retires it). A province's own new rules are keys under its code that have no national
//! counterpart. A year is judged by the rules whose `applies_from`…`applies_to` contain it.

use chrono::Utc;
use entity::{award_rule, award_type, province};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{json, Value};

use super::rules::{self, RecipientKind, Rule};
use super::store::{parsed_form, stored_form};
use crate::{
    access::target::{self, Through},
    access::{self, Action, Target, Viewer},
    audit::AuditEntry,
    error::{AppError, AppResult, Outcome, UserErrorCode, UserProblem},
    i18n::Text,
    organisation::rules as bounds,
    text,
    work::Work,
};

/// A version of a rule, with its rule read from the row.
#[derive(Debug, Clone)]
pub struct Version {
    pub row: award_rule::Model,
    pub rule: Rule,
    pub recipient: Option<RecipientKind>,
}

impl Version {
    fn of(row: award_rule::Model) -> Result<Version, DbErr> {
        let (rule, recipient) =
            parsed_form(&row).map_err(|e| DbErr::Custom(format!("award_rule {}: {e}", row.id)))?;
        Ok(Version {
            row,
            rule,
            recipient,
        })
    }

    /// The key without a province's prefix: what a province's version overrides.
    pub fn base_key(&self) -> String {
        base_key(&self.row)
    }

    /// Whether the version applies to `year`.
    pub fn applies_in(&self, year: i32) -> bool {
        self.row.applies_from <= year && self.row.applies_to.is_none_or(|to| year <= to)
    }

    /// Whether the version applies to recipients of `kind`.
    pub fn applies_to_kind(&self, kind: RecipientKind) -> bool {
        self.recipient.is_none_or(|k| k == kind)
    }
}

/// A row's key without its province's prefix (a row written with no key, outside the API,
/// is a rule of its own).
fn base_key(row: &award_rule::Model) -> String {
    let Some(key) = row.rule_key.as_deref() else {
        return format!("LOCAL/{}", row.id);
    };
    match row.province_id {
        Some(_) => key.split_once('/').map_or(key, |(_, rest)| rest).to_owned(),
        None => key.to_owned(),
    }
}

/// The rules in force in `province` (the national ones when `None`), of `award_type` (all
/// when `None`): per key, the province's latest version if it has one, else the national
/// latest; retired ones left out. In the order of `sort_order`.
pub async fn in_force<C: ConnectionTrait>(
    db: &C,
    award_type: Option<i32>,
    province: Option<i32>,
) -> Result<Vec<Version>, DbErr> {
    let mut select = award_rule::Entity::find().filter(
        Condition::any()
            .add(award_rule::Column::ProvinceId.is_null())
            .add(award_rule::Column::ProvinceId.eq(province.unwrap_or(-1))),
    );
    if let Some(t) = award_type {
        select = select.filter(award_rule::Column::AwardTypeId.eq(t));
    }
    let rows = select
        .order_by_asc(award_rule::Column::Version)
        .all(db)
        .await?;
    // Latest version per (base key, national or own).
    let mut latest: std::collections::BTreeMap<(String, bool), award_rule::Model> =
        Default::default();
    for row in rows {
        let slot = (base_key(&row), row.province_id.is_some());
        latest.insert(slot, row);
    }
    let mut chosen = Vec::new();
    for ((base, own), row) in &latest {
        if !own && latest.contains_key(&(base.clone(), true)) {
            continue;
        }
        if !row.retired {
            chosen.push(Version::of(row.clone())?);
        }
    }
    chosen.sort_by_key(|v| (v.row.award_type_id, v.row.sort_order, v.row.id));
    Ok(chosen)
}

/// The rules of `award_type` in force in `province` for `year` and recipients of `kind`.
pub async fn for_year<C: ConnectionTrait>(
    db: &C,
    award_type: i32,
    province: Option<i32>,
    year: i32,
    kind: RecipientKind,
) -> Result<Vec<Version>, DbErr> {
    Ok(in_force(db, Some(award_type), province)
        .await?
        .into_iter()
        .filter(|v| v.applies_in(year) && v.applies_to_kind(kind))
        .collect())
}

/// Every version of the rule stored under `key`, oldest first.
pub async fn versions<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<Vec<award_rule::Model>, DbErr> {
    award_rule::Entity::find()
        .filter(award_rule::Column::RuleKey.eq(key))
        .order_by_asc(award_rule::Column::Version)
        .all(db)
        .await
}

/// A new version of a rule (`setAwardRule`).
#[derive(Debug, Clone)]
pub struct RuleChange {
    /// The rule's key: a national key (a province's change then makes its own version of
    /// it), a key under the province's code, or none for a new rule.
    pub key: Option<String>,
    pub award_type_code: String,
    /// The province whose version this is; the national rule when `None` (ADMIN only).
    pub province_code: Option<String>,
    pub applies_from: i32,
    pub applies_to: Option<i32>,
    pub recipient: Option<RecipientKind>,
    pub rule: Value,
    pub source: String,
    pub reason: Option<String>,
}

/// Retiring a rule (`retireAwardRule`): in a province, for that province only.
#[derive(Debug, Clone)]
pub struct Retirement {
    pub key: String,
    pub province_code: Option<String>,
    pub reason: String,
}

const MAX_SOURCE_CHARS: usize = 2_000;
const MAX_KEY_CHARS: usize = 96;

/// A problem whose texts were made elsewhere (by [`rules::problems`]).
fn rule_problem((en, vi): (String, String)) -> UserProblem {
    UserProblem::new(&["rule"], Text::new(en, vi), UserErrorCode::InvalidValue)
}

/// The province of `code` and the target a change of its rules needs; for no code, the
/// national rules, which only a viewer whose right reaches everything (ADMIN) may change.
async fn scope_of(
    work: &Work,
    viewer: &Viewer,
    code: Option<&str>,
) -> AppResult<Result<Option<province::Model>, Vec<UserProblem>>> {
    let txn = work.txn();
    let Some(code) = code else {
        access::authorize(viewer, Action::ManageRules, &Target::none())?;
        return Ok(Ok(None));
    };
    let p = match crate::organisation::store::province_for_write(txn, code).await? {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let target = target::of_province(&Through(txn), Some(p.id)).await?;
    access::authorize(viewer, Action::ManageRules, &target)?;
    Ok(Ok(Some(p)))
}

/// The full key of a change: the province's prefix added to a key that lacks it.
fn full_key(key: &str, province: Option<&province::Model>) -> String {
    match province {
        Some(p) => {
            let prefix = format!("{}/", p.code);
            if key.starts_with(&prefix) {
                key.to_owned()
            } else {
                format!("{prefix}{key}")
            }
        }
        None => key.to_owned(),
    }
}

fn key_problems(key: &str) -> Option<UserProblem> {
    let ok = !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
    (!ok).then(|| {
        UserProblem::new(
            &["key"],
            crate::tr!(
                "A key is 1 to {MAX_KEY_CHARS} letters, digits and . - _ /.",
                "Mã tiêu chuẩn gồm 1 đến {MAX_KEY_CHARS} chữ, số và . - _ /."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

fn summary(row: &award_rule::Model) -> Value {
    json!({ "key": row.rule_key, "version": row.version, "appliesFrom": row.applies_from,
            "appliesTo": row.applies_to, "kind": row.kind, "params": row.params,
            "source": row.source, "retired": row.retired, "reason": row.reason })
}

/// The next version number of `key`, and its latest row.
async fn latest_of<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> Result<Option<award_rule::Model>, DbErr> {
    Ok(versions(db, key).await?.pop())
}

/// `setAwardRule`: stores a new version of a rule (or a new rule), for a province or
/// nationally, and audits it.
pub async fn set(work: &Work, viewer: &Viewer, change: RuleChange) -> AppResult<Outcome<Version>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageRules)?;
    let province = match scope_of(work, viewer, change.province_code.as_deref()).await? {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut problems = Vec::new();
    let types = award_type::Entity::find().all(txn).await?;
    let award_type = types
        .iter()
        .find(|t| t.code == text::nfc(change.award_type_code.trim()));
    if award_type.is_none() {
        problems.push(UserProblem::new(
            &["awardTypeCode"],
            crate::tr!(
                "No such award type.",
                "Không tìm thấy loại khen thưởng này."
            ),
            UserErrorCode::NotFound,
        ));
    }
    problems.extend(bounds::year("appliesFrom", change.applies_from));
    if let Some(to) = change.applies_to {
        problems.extend(bounds::year("appliesTo", to));
        if to < change.applies_from {
            let from = change.applies_from;
            problems.push(UserProblem::new(
                &["appliesTo"],
                crate::tr!(
                    "The last year ({to}) comes before the first ({from}).",
                    "Năm cuối ({to}) trước năm đầu ({from})."
                ),
                UserErrorCode::InvalidValue,
            ));
        }
    }
    let source = text::nfc(change.source.trim());
    if source.is_empty() || source.chars().count() > MAX_SOURCE_CHARS {
        problems.push(UserProblem::new(&["source"], crate::tr!("Cite the legal basis (law, article, clause) in 1 to {MAX_SOURCE_CHARS} characters.", "Nêu căn cứ pháp lý (luật, điều, khoản), từ 1 đến {MAX_SOURCE_CHARS} ký tự."), UserErrorCode::Required));
    }
    let reason = change
        .reason
        .map(|r| text::nfc(r.trim()))
        .filter(|r| !r.is_empty());
    let rule: Option<Rule> = match serde_json::from_value(change.rule.clone()) {
        Ok(rule) => Some(rule),
        Err(e) => {
            let e = e.to_string();
            problems.push(UserProblem::new(
                &["rule"],
                crate::tr!(
                    "The rule does not read as a rule: {e}.",
                    "Không đọc được tiêu chuẩn: {e}."
                ),
                UserErrorCode::InvalidValue,
            ));
            None
        }
    };
    if let Some(rule) = &rule {
        let known = |code: &str| types.iter().any(|t| t.code == code);
        problems.extend(rules::problems(rule, &known).into_iter().map(rule_problem));
    }
    let key = match change.key.as_deref().map(str::trim) {
        Some(key) => {
            problems.extend(key_problems(key));
            Some(full_key(key, province.as_ref()))
        }
        None => None,
    };
    if let (Some(key), None) = (&key, &province) {
        let prefix = key.split_once('/').map(|(p, _)| p.to_owned());
        if let Some(prefix) = prefix.filter(|p| p != "LOCAL") {
            let belongs = province::Entity::find()
                .filter(province::Column::Code.eq(prefix))
                .one(txn)
                .await?;
            if belongs.is_some() {
                problems.push(UserProblem::new(
                    &["key"],
                    crate::tr!(
                        "A national rule's key does not begin with a province's code.",
                        "Mã của tiêu chuẩn toàn quốc không bắt đầu bằng mã một tỉnh."
                    ),
                    UserErrorCode::InvalidValue,
                ));
            }
        }
    }
    let (Some(award_type), Some(rule), true) = (award_type, rule, problems.is_empty()) else {
        return Ok(Err(problems));
    };
    // The rule this change replaces, if any: its own latest version, or the national one
    // the province's version overrides.
    let own = match &key {
        Some(k) => latest_of(txn, k).await?,
        None => None,
    };
    let national = match (&key, &province) {
        (Some(k), Some(p)) => {
            let base = k.strip_prefix(&format!("{}/", p.code)).unwrap_or(k);
            latest_of(txn, base)
                .await?
                .filter(|r| r.province_id.is_none())
        }
        _ => None,
    };
    let replaced = own.clone().or(national);
    if let Some(r) = &replaced {
        if r.award_type_id != award_type.id {
            return Ok(Err(vec![UserProblem::new(
                &["awardTypeCode"],
                crate::tr!(
                    "A rule keeps its award type: make a new rule for another type.",
                    "Tiêu chuẩn giữ nguyên loại khen thưởng: hãy tạo tiêu chuẩn mới cho loại khác."
                ),
                UserErrorCode::InvalidValue,
            )]));
        }
    }
    let key = match key {
        Some(k) => k,
        None => {
            let prefix = province
                .as_ref()
                .map(|p| format!("{}/", p.code))
                .unwrap_or_default();
            let stem = format!("{prefix}{}.{}", award_type.code, change.applies_from);
            let taken = award_rule::Entity::find()
                .filter(award_rule::Column::RuleKey.starts_with(format!("{stem}.")))
                .all(txn)
                .await?
                .len();
            format!("{stem}.{}", taken + 1)
        }
    };
    let sort_order = match &replaced {
        Some(r) => r.sort_order,
        None => {
            award_rule::Entity::find()
                .order_by_desc(award_rule::Column::SortOrder)
                .one(txn)
                .await?
                .map_or(0, |r| r.sort_order)
                + 1
        }
    };
    let (kind, params) =
        stored_form(&rule, change.recipient).map_err(|e| AppError::internal(&e))?;
    let names: std::collections::HashMap<String, (String, String)> = types
        .iter()
        .map(|t| (t.code.clone(), (t.name.clone(), t.name_en.clone())))
        .collect();
    let (description, description_en) = rules::describe(&rule, &|c| {
        names
            .get(c)
            .cloned()
            .unwrap_or_else(|| (c.to_owned(), c.to_owned()))
    });
    let row = award_rule::ActiveModel {
        rule_key: Set(Some(key.clone())),
        award_type_id: Set(award_type.id),
        applies_from: Set(change.applies_from),
        applies_to: Set(change.applies_to),
        kind: Set(kind),
        params: Set(params),
        description: Set(description),
        description_en: Set(description_en),
        sort_order: Set(sort_order),
        source: Set(source),
        province_id: Set(province.as_ref().map(|p| p.id)),
        version: Set(own.as_ref().map_or(1, |r| r.version + 1)),
        retired: Set(false),
        reason: Set(reason),
        recorded_at: Set(Some(Utc::now())),
        recorded_by_user_id: Set(viewer.user_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "setAwardRule",
            object_type: "AwardRule",
            object_id: format!("{key}@{}", row.version),
            province_id: row.province_id,
            before: replaced.as_ref().map(summary),
            after: Some(summary(&row)),
        },
    );
    Ok(Ok(Version::of(row)?))
}

/// `retireAwardRule`: a new version of the rule that retires it, nationally or (for a
/// province's code) in that province only; audited.
pub async fn retire(
    work: &Work,
    viewer: &Viewer,
    retirement: Retirement,
) -> AppResult<Outcome<Version>> {
    let txn = work.txn();
    access::require_some(viewer, Action::ManageRules)?;
    let province = match scope_of(work, viewer, retirement.province_code.as_deref()).await? {
        Ok(p) => p,
        Err(problems) => return Ok(Err(problems)),
    };
    let reason = text::nfc(retirement.reason.trim());
    let mut problems: Vec<UserProblem> = key_problems(retirement.key.trim()).into_iter().collect();
    if reason.is_empty() || reason.chars().count() > MAX_SOURCE_CHARS {
        problems.push(UserProblem::new(
            &["reason"],
            crate::tr!(
                "Say why, in 1 to {MAX_SOURCE_CHARS} characters.",
                "Nêu lý do, từ 1 đến {MAX_SOURCE_CHARS} ký tự."
            ),
            UserErrorCode::Required,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let key = full_key(retirement.key.trim(), province.as_ref());
    let own = latest_of(txn, &key).await?;
    let current = match (&own, &province) {
        (Some(r), _) => Some(r.clone()),
        (None, Some(p)) => {
            let base = key.strip_prefix(&format!("{}/", p.code)).unwrap_or(&key);
            latest_of(txn, base)
                .await?
                .filter(|r| r.province_id.is_none())
        }
        (None, None) => None,
    };
    let Some(current) = current.filter(|r| !r.retired) else {
        return Ok(Err(vec![UserProblem::new(
            &["key"],
            crate::tr!(
                "No rule in force has this key here.",
                "Không có tiêu chuẩn đang áp dụng nào mang mã này."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let row = award_rule::ActiveModel {
        rule_key: Set(Some(key.clone())),
        award_type_id: Set(current.award_type_id),
        applies_from: Set(current.applies_from),
        applies_to: Set(current.applies_to),
        kind: Set(current.kind.clone()),
        params: Set(current.params.clone()),
        description: Set(current.description.clone()),
        description_en: Set(current.description_en.clone()),
        sort_order: Set(current.sort_order),
        source: Set(current.source.clone()),
        province_id: Set(province.as_ref().map(|p| p.id)),
        version: Set(own.as_ref().map_or(1, |r| r.version + 1)),
        retired: Set(true),
        reason: Set(Some(reason)),
        recorded_at: Set(Some(Utc::now())),
        recorded_by_user_id: Set(viewer.user_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "retireAwardRule",
            object_type: "AwardRule",
            object_id: format!("{key}@{}", row.version),
            province_id: row.province_id,
            before: Some(summary(&current)),
            after: Some(summary(&row)),
        },
    );
    Ok(Ok(Version::of(row)?))
}
