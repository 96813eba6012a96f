//! The demo province: the facts of the five articles in shared/seeds/, loaded by
//! `thidua seed --demo` and on the first start of an empty database.
//!
//! Every row is looked up by its natural key before it is inserted, so seeding twice changes
//! nothing, and the whole load is one transaction.

pub mod data;

use chrono::{NaiveDate, Utc};
use entity::{
    app_user, cluster, cluster_member, cluster_year, enums::ClusterYearStatus, person, province,
    province_lineage, term, unit, unit_lineage,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, TransactionTrait,
};

use crate::{organisation::unit_search_key, text};

fn date(s: &str) -> Result<NaiveDate, DbErr> {
    s.parse()
        .map_err(|_| DbErr::Custom(format!("demo data: `{s}` is not a date")))
}

fn opt_date(s: Option<&str>) -> Result<Option<NaiveDate>, DbErr> {
    s.map(date).transpose()
}

/// Whether the database holds no organisation yet (the first start).
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(
        province::Entity::find().count(db).await? == 0
            && unit::Entity::find().count(db).await? == 0,
    )
}

/// Loads the demo province. Running it again changes nothing.
pub async fn seed(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = db.begin().await?;
    seed_provinces(&txn).await?;
    seed_units(&txn).await?;
    seed_persons(&txn).await?;
    seed_terms(&txn).await?;
    seed_clusters(&txn).await?;
    seed_users(&txn).await?;
    txn.commit().await
}

async fn seed_users(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    let mut hash: Option<String> = None;
    for u in data::DEMO_USERS {
        if crate::identity::users::by_username(txn, u.username)
            .await?
            .is_some()
        {
            continue;
        }
        let phc = match &hash {
            Some(phc) => phc.clone(),
            None => {
                let phc =
                    crate::identity::password::hash(data::DEMO_PASSWORD).map_err(DbErr::Custom)?;
                hash = Some(phc.clone());
                phc
            }
        };
        let new = crate::identity::users::NewUser {
            username: u.username.to_owned(),
            password: data::DEMO_PASSWORD.to_owned(),
            role: u.role,
            unit_code: u.unit.map(str::to_owned),
            province_code: u.province.map(str::to_owned),
        };
        match crate::identity::users::prepare(txn, &new, |_| Ok(phc), true).await? {
            Ok(row) => {
                app_user::Entity::insert(row).exec(txn).await?;
            }
            Err(problems) => {
                return Err(DbErr::Custom(format!(
                    "demo user {}: {problems:?}",
                    u.username
                )));
            }
        }
    }
    Ok(())
}

async fn province_id(txn: &DatabaseTransaction, code: &str) -> Result<i32, DbErr> {
    province::Entity::find()
        .filter(province::Column::Code.eq(code))
        .one(txn)
        .await?
        .map(|p| p.id)
        .ok_or_else(|| DbErr::RecordNotFound(format!("demo data: province {code}")))
}

async fn unit_id(txn: &DatabaseTransaction, code: &str) -> Result<i32, DbErr> {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(txn)
        .await?
        .map(|u| u.id)
        .ok_or_else(|| DbErr::RecordNotFound(format!("demo data: unit {code}")))
}

async fn seed_provinces(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for p in data::PROVINCES {
        let exists = province::Entity::find()
            .filter(province::Column::Code.eq(p.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        province::Entity::insert(province::ActiveModel {
            code: Set(p.code.to_owned()),
            name: Set(text::nfc(p.name)),
            search_key: Set(text::search_key(p.name)),
            valid_from: Set(opt_date(p.valid_from)?),
            valid_to: Set(opt_date(p.valid_to)?),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    for s in data::PROVINCE_SUCCESSIONS {
        let predecessor = province_id(txn, s.predecessor).await?;
        let successor = province_id(txn, s.successor).await?;
        let exists = province_lineage::Entity::find()
            .filter(province_lineage::Column::PredecessorId.eq(predecessor))
            .filter(province_lineage::Column::SuccessorId.eq(successor))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        province_lineage::Entity::insert(province_lineage::ActiveModel {
            kind: Set(s.kind),
            predecessor_id: Set(predecessor),
            successor_id: Set(successor),
            effective_on: Set(date(s.effective_on)?),
            legal_basis: Set(text::nfc(s.legal_basis)),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

async fn seed_units(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for u in data::UNITS {
        let exists = unit::Entity::find()
            .filter(unit::Column::Code.eq(u.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let province = match u.province {
            Some(code) => Some(province_id(txn, code).await?),
            None => None,
        };
        let parent = match u.parent {
            Some(code) => Some(unit_id(txn, code).await?),
            None => None,
        };
        let now = Utc::now();
        unit::Entity::insert(unit::ActiveModel {
            code: Set(u.code.to_owned()),
            kind: Set(u.kind),
            name: Set(text::nfc(u.name)),
            short_name: Set(u.short_name.map(text::nfc)),
            search_key: Set(unit_search_key(u.name, u.short_name, u.code)),
            parent_id: Set(parent),
            province_id: Set(province),
            valid_from: Set(opt_date(u.valid_from)?),
            valid_to: Set(opt_date(u.valid_to)?),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    for s in data::UNIT_SUCCESSIONS {
        let predecessor = unit_id(txn, s.predecessor).await?;
        let successor = unit_id(txn, s.successor).await?;
        let exists = unit_lineage::Entity::find()
            .filter(unit_lineage::Column::PredecessorId.eq(predecessor))
            .filter(unit_lineage::Column::SuccessorId.eq(successor))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        unit_lineage::Entity::insert(unit_lineage::ActiveModel {
            kind: Set(s.kind),
            predecessor_id: Set(predecessor),
            successor_id: Set(successor),
            effective_on: Set(date(s.effective_on)?),
            legal_basis: Set(text::nfc(s.legal_basis)),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

async fn seed_persons(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for p in data::PERSONS {
        let unit = unit_id(txn, p.unit).await?;
        let name = text::nfc(p.full_name);
        let exists = person::Entity::find()
            .filter(person::Column::UnitId.eq(unit))
            .filter(person::Column::FullName.eq(name.as_str()))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let now = Utc::now();
        person::Entity::insert(person::ActiveModel {
            full_name: Set(name),
            search_key: Set(text::search_key(p.full_name)),
            unit_id: Set(unit),
            title: Set(Some(text::nfc(p.title))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

async fn seed_terms(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for t in data::TERMS {
        let unit = match t.unit {
            Some(code) => Some(unit_id(txn, code).await?),
            None => None,
        };
        let province = match t.province {
            Some(code) => Some(province_id(txn, code).await?),
            None => None,
        };
        let name = text::nfc(t.name);
        let exists = term::Entity::find()
            .filter(term::Column::Kind.eq(t.kind))
            .filter(term::Column::Name.eq(name.as_str()))
            .filter(term::Column::StartYear.eq(t.start_year))
            .filter(match unit {
                Some(id) => term::Column::UnitId.eq(id),
                None => term::Column::UnitId.is_null(),
            })
            .filter(match province {
                Some(id) => term::Column::ProvinceId.eq(id),
                None => term::Column::ProvinceId.is_null(),
            })
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        term::Entity::insert(term::ActiveModel {
            kind: Set(t.kind),
            name: Set(name),
            unit_id: Set(unit),
            province_id: Set(province),
            start_year: Set(t.start_year),
            end_year: Set(t.end_year),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

async fn seed_clusters(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    for c in data::CLUSTERS {
        let exists = cluster::Entity::find()
            .filter(cluster::Column::Code.eq(c.code))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let province = match c.province {
            Some(code) => Some(province_id(txn, code).await?),
            None => None,
        };
        let organiser = match c.organiser_unit {
            Some(code) => Some(unit_id(txn, code).await?),
            None => None,
        };
        cluster::Entity::insert(cluster::ActiveModel {
            code: Set(c.code.to_owned()),
            name: Set(text::nfc(c.name)),
            search_key: Set(text::search_key(c.name)),
            kind: Set(c.kind),
            province_id: Set(province),
            organiser_unit_id: Set(organiser),
            organiser_name: Set(c.organiser_name.map(text::nfc)),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    for y in data::CLUSTER_YEARS {
        let cluster_id = cluster::Entity::find()
            .filter(cluster::Column::Code.eq(y.cluster))
            .one(txn)
            .await?
            .map(|c| c.id)
            .ok_or_else(|| DbErr::RecordNotFound(format!("demo data: cluster {}", y.cluster)))?;
        let existing = cluster_year::Entity::find()
            .filter(cluster_year::Column::ClusterId.eq(cluster_id))
            .filter(cluster_year::Column::Year.eq(y.year))
            .one(txn)
            .await?;
        let year_id = match existing {
            Some(row) => row.id,
            None => {
                let head = match y.head {
                    Some(code) => Some(unit_id(txn, code).await?),
                    None => None,
                };
                let deputy = match y.deputy {
                    Some(code) => Some(unit_id(txn, code).await?),
                    None => None,
                };
                let now = Utc::now();
                cluster_year::Entity::insert(cluster_year::ActiveModel {
                    cluster_id: Set(cluster_id),
                    year: Set(y.year),
                    status: Set(ClusterYearStatus::Planning),
                    head_unit_id: Set(head),
                    deputy_unit_id: Set(deputy),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .exec(txn)
                .await?
                .last_insert_id
            }
        };
        for member in y.members {
            let unit = unit_id(txn, member).await?;
            let exists = cluster_member::Entity::find()
                .filter(cluster_member::Column::ClusterYearId.eq(year_id))
                .filter(cluster_member::Column::UnitId.eq(unit))
                .one(txn)
                .await?
                .is_some();
            if !exists {
                cluster_member::Entity::insert(cluster_member::ActiveModel {
                    cluster_year_id: Set(year_id),
                    unit_id: Set(unit),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                })
                .exec(txn)
                .await?;
            }
        }
    }
    Ok(())
}
