//! Database side of the award catalogue.

use chrono::Utc;
use entity::award_type;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::catalogue::CATALOGUE;

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

/// Loads the eligibility rules of [`super::rules::RULES`] that the database does not have
/// (matched by award type, year and kind, so rows a province changed are kept).
pub async fn sync_rules(db: &DatabaseConnection) -> Result<(), DbErr> {
    use entity::award_rule;
    use sea_orm::{ColumnTrait, QueryFilter};
    let txn = crate::db::begin_write(db).await?;
    let types: std::collections::HashMap<String, i32> = award_type::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    for (order, spec) in super::rules::RULES.iter().enumerate() {
        let Some(type_id) = types.get(spec.award).copied() else {
            continue;
        };
        let rule = (spec.rule)();
        let mut params = serde_json::to_value(&rule).map_err(|e| DbErr::Custom(e.to_string()))?;
        let kind = params
            .as_object_mut()
            .and_then(|p| p.remove("kind"))
            .and_then(|k| k.as_str().map(str::to_owned))
            .unwrap_or_default();
        if let (Some(recipient), Some(p)) = (spec.recipient, params.as_object_mut()) {
            p.insert(
                "recipient".into(),
                serde_json::to_value(recipient).map_err(|e| DbErr::Custom(e.to_string()))?,
            );
        }
        let exists = award_rule::Entity::find()
            .filter(award_rule::Column::AwardTypeId.eq(type_id))
            .filter(award_rule::Column::AppliesFrom.eq(spec.applies_from))
            .filter(award_rule::Column::SortOrder.eq(order as i32 + 1))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let (description, description_en) = super::rules::describe(&rule, &|c| c.to_owned());
        award_rule::Entity::insert(award_rule::ActiveModel {
            award_type_id: Set(type_id),
            applies_from: Set(spec.applies_from),
            kind: Set(kind),
            params: Set(params.to_string()),
            description: Set(description),
            description_en: Set(description_en),
            sort_order: Set(order as i32 + 1),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await
}
