//! Database side of the award catalogue.

use chrono::Utc;
use entity::award_type;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, TransactionTrait};

use super::catalogue::CATALOGUE;

/// Inserts the catalogue's award types that the database does not have yet, and brings the
/// names, level, conferrer and recipient kinds of the others in line with the catalogue.
/// Running it again changes nothing.
pub async fn sync_catalogue(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = db.begin().await?;
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
