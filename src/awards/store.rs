//! Database side of the award catalogue.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{award_rule, award_type};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::catalogue::CATALOGUE;
use super::law::Shipped;
use super::rules::{RecipientKind, Rule};

/// Inserts the catalogue's award types that the database does not have yet, and brings the
/// names, level, conferrer and recipient kinds of the others in line with the catalogue.
/// Running it again changes nothing.
pub async fn sync_catalogue(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let existing = award_type::Entity::find().all(&txn).await?;
    for (order, spec) in CATALOGUE.iter().enumerate() {
        let sort_order = order as i32 + 1;
        let current = existing.iter().find(|t| t.code == spec.code);
        let same = current.is_some_and(|t| {
            t.name == spec.name
                && t.name_en == spec.name_en
                && t.category == spec.category
                && t.level == spec.level
                && t.conferrer == spec.conferrer
                && t.for_individual == spec.for_individual
                && t.for_collective == spec.for_collective
                && t.sort_order == sort_order
        });
        if same {
            continue;
        }
        let mut row = award_type::ActiveModel {
            code: Set(spec.code.to_owned()),
            name: Set(spec.name.to_owned()),
            name_en: Set(spec.name_en.to_owned()),
            category: Set(spec.category),
            level: Set(spec.level),
            conferrer: Set(spec.conferrer),
            for_individual: Set(spec.for_individual),
            for_collective: Set(spec.for_collective),
            sort_order: Set(sort_order),
            ..Default::default()
        };
        match current {
            Some(t) => {
                row.id = Set(t.id);
                award_type::Entity::update(row).exec(&txn).await?;
            }
            None => {
                row.created_at = Set(Utc::now());
                award_type::Entity::insert(row).exec(&txn).await?;
            }
        }
    }
    txn.commit().await
}

/// Loads the eligibility rules of [`super::law::shipped`] that the database does not have.
pub async fn sync_rules(db: &DatabaseConnection) -> Result<(), DbErr> {
    sync_rules_from(db, &super::law::shipped()).await
}

/// Adds a row for each rule of `rules` whose key no row has (rules of an award type the
/// database lacks are skipped), as version 1 of the national rule. Rows are matched by key
/// only, so a rule's place in the list does not matter, and are never rewritten: a change
/// of a rule is a new version (`super::rulebook`), and a change of meaning in a release
/// ships as a new key. A new row takes its place in the list as its `sort_order`. Running
/// it again changes nothing.
pub async fn sync_rules_from(db: &DatabaseConnection, rules: &[Shipped]) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let types: HashMap<String, i32> = award_type::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    let known: HashSet<String> = award_rule::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|r| r.rule_key)
        .collect();
    for (place, spec) in rules.iter().enumerate() {
        if known.contains(&spec.key) {
            continue;
        }
        let Some(type_id) = types.get(spec.award).copied() else {
            continue;
        };
        let (kind, params) = stored_form(&spec.rule, spec.recipient)
            .map_err(|e| DbErr::Custom(format!("rule {}: {e}", spec.key)))?;
        let (description, description_en) =
            super::rules::describe(&spec.rule, &|c| (c.to_owned(), c.to_owned()));
        award_rule::Entity::insert(award_rule::ActiveModel {
            rule_key: Set(Some(spec.key.clone())),
            award_type_id: Set(type_id),
            applies_from: Set(spec.applies_from),
            applies_to: Set(spec.applies_to),
            kind: Set(kind),
            params: Set(params),
            description: Set(description),
            description_en: Set(description_en),
            sort_order: Set(place as i32 + 1),
            source: Set(spec.source.clone()),
            province_id: Set(None),
            version: Set(1),
            retired: Set(false),
            reason: Set(None),
            recorded_at: Set(Some(Utc::now())),
            recorded_by_user_id: Set(None),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await
}

/// A rule as `award_rule` stores it: its kind, and the rest (with the recipient kind it is
/// limited to, if any) as JSON.
pub fn stored_form(
    rule: &Rule,
    recipient: Option<RecipientKind>,
) -> Result<(String, String), serde_json::Error> {
    let mut params = serde_json::to_value(rule)?;
    let kind = params
        .as_object_mut()
        .and_then(|p| p.remove("kind"))
        .and_then(|k| k.as_str().map(str::to_owned))
        .unwrap_or_default();
    if let (Some(recipient), Some(p)) = (recipient, params.as_object_mut()) {
        p.insert("recipient".into(), serde_json::to_value(recipient)?);
    }
    Ok((kind, params.to_string()))
}

/// A row's rule and the recipient kind it is limited to (all when `None`).
pub fn parsed_form(
    row: &award_rule::Model,
) -> Result<(Rule, Option<RecipientKind>), serde_json::Error> {
    let mut params: serde_json::Value = serde_json::from_str(&row.params)?;
    let recipient = match params.as_object_mut().and_then(|p| p.remove("recipient")) {
        Some(r) => Some(serde_json::from_value(r)?),
        None => None,
    };
    if let Some(p) = params.as_object_mut() {
        p.insert("kind".into(), serde_json::Value::String(row.kind.clone()));
    }
    Ok((serde_json::from_value(params)?, recipient))
}

fn day(text: &str) -> Result<chrono::NaiveDate, DbErr> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| DbErr::Custom(format!("shipped reward data: {text}: {e}")))
}

/// Inserts the shipped rates and base salaries the database does not hold yet (same award,
/// kind, day and source). Running it again changes nothing.
pub async fn sync_reward_money(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let types = award_type::Entity::find().all(&txn).await?;
    let rates = entity::reward_rate::Entity::find().all(&txn).await?;
    for &(code, kind, milli, from, source) in super::money::SHIPPED_RATES {
        let Some(t) = types.iter().find(|t| t.code == code) else {
            continue;
        };
        let from = day(from)?;
        let held = rates.iter().any(|r| {
            r.award_type_id == t.id
                && r.recipient_kind == kind
                && r.applies_from == from
                && r.source == source
        });
        if !held {
            entity::reward_rate::ActiveModel {
                award_type_id: Set(t.id),
                recipient_kind: Set(kind.to_owned()),
                multiplier_milli: Set(milli),
                applies_from: Set(from),
                source: Set(source.to_owned()),
                recorded_by_user_id: Set(None),
                recorded_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let salaries = entity::base_salary::Entity::find().all(&txn).await?;
    for &(amount, from, source) in super::money::SHIPPED_BASE_SALARIES {
        let from = day(from)?;
        if !salaries
            .iter()
            .any(|s| s.applies_from == from && s.source == source)
        {
            entity::base_salary::ActiveModel {
                amount: Set(amount),
                applies_from: Set(from),
                source: Set(source.to_owned()),
                recorded_by_user_id: Set(None),
                recorded_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await
}
