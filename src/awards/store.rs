//! Database side of the award catalogue.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{award_rule, award_type};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::catalogue::CATALOGUE;
use super::rules::{Rule, RuleSpec};

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

/// Loads the eligibility rules of [`super::rules::RULES`] that the database does not have.
pub async fn sync_rules(db: &DatabaseConnection) -> Result<(), DbErr> {
    sync_rules_from(db, super::rules::RULES).await
}

/// Adds a row for each rule of `rules` whose key no row has (rules of an award type the
/// database lacks are skipped). Rows are matched by key only, so a rule's place in the list
/// does not matter, and are never rewritten: a province may have edited a shipped rule's
/// row, and its edit outlives every release (a change of meaning ships as a new key, see
/// [`super::rules::RULES`]). A new row takes its place in the list as its `sort_order`.
/// Running it again changes nothing.
pub async fn sync_rules_from(db: &DatabaseConnection, rules: &[RuleSpec]) -> Result<(), DbErr> {
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
        if known.contains(spec.key) {
            continue;
        }
        let Some(type_id) = types.get(spec.award).copied() else {
            continue;
        };
        let rule = (spec.rule)();
        let (kind, params) = stored_form(&rule, spec)?;
        let (description, description_en) =
            super::rules::describe(&rule, &|c| (c.to_owned(), c.to_owned()));
        award_rule::Entity::insert(award_rule::ActiveModel {
            rule_key: Set(Some(spec.key.to_owned())),
            award_type_id: Set(type_id),
            applies_from: Set(spec.applies_from),
            kind: Set(kind),
            params: Set(params),
            description: Set(description),
            description_en: Set(description_en),
            sort_order: Set(place as i32 + 1),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await
}

/// A rule as `award_rule` stores it: its kind, and the rest (with the recipient kind the
/// spec is limited to, if any) as JSON.
fn stored_form(rule: &Rule, spec: &RuleSpec) -> Result<(String, String), DbErr> {
    let json_error = |e: serde_json::Error| DbErr::Custom(format!("rule {}: {e}", spec.key));
    let mut params = serde_json::to_value(rule).map_err(json_error)?;
    let kind = params
        .as_object_mut()
        .and_then(|p| p.remove("kind"))
        .and_then(|k| k.as_str().map(str::to_owned))
        .unwrap_or_default();
    if let (Some(recipient), Some(p)) = (spec.recipient, params.as_object_mut()) {
        p.insert(
            "recipient".into(),
            serde_json::to_value(recipient).map_err(json_error)?,
        );
    }
    Ok((kind, params.to_string()))
}
