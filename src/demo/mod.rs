//! The demo province: the facts of the five articles in shared/seeds/, loaded by
//! `thidua seed --demo` and on the first start of an empty database.
//!
//! Every row is looked up by its natural key before it is inserted, so seeding twice changes
//! nothing, and the whole load is one transaction. Units, their 2025 reorganisation, persons,
//! terms and the clusters are played through the domain's own operations (the ones the API
//! runs, as an administrator) wherever one can say what the articles say; the few rows no
//! operation can write as the articles describe them are inserted directly, each with why.

pub mod data;
pub mod synthetic;

use chrono::{NaiveDate, Utc};
use entity::{
    app_user,
    enums::{ClusterYearStatus, LineageKind},
    person, province, province_lineage, term, unit, unit_lineage,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::{
    access::Viewer,
    awards::workflow,
    clusters::{self, cycle},
    conferences,
    error::{AppResult, Outcome},
    movements,
    organisation::{store, unit_search_key, writes},
    text,
    work::{Events, Work},
};

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
    // Hashed before the transaction, off the async runtime: the writer is not held for it.
    let phc = crate::identity::password::hash_off_runtime(data::DEMO_PASSWORD.to_owned())
        .await
        .map_err(DbErr::Custom)?;
    let failed = |e: crate::error::AppError| DbErr::Custom(format!("demo data: {}", e.message()));
    let work = Work::begin(db).await.map_err(failed)?;
    seed_provinces(work.txn()).await?;
    seed_units(&work).await?;
    seed_persons(&work).await?;
    seed_terms(&work).await?;
    seed_clusters(&work).await?;
    seed_users(work.txn(), &phc).await?;
    seed_conferences_and_movements(&work).await?;
    // Nobody listens yet: the seed runs before the server serves.
    work.commit(&Events::default()).await.map_err(failed)
}

/// The demo accounts, all with the password whose hash is `phc`.
async fn seed_users(txn: &DatabaseTransaction, phc: &str) -> Result<(), DbErr> {
    for u in data::DEMO_USERS {
        if crate::identity::users::by_username(txn, u.username)
            .await?
            .is_some()
        {
            continue;
        }
        let new = crate::identity::users::NewUser {
            username: u.username.to_owned(),
            password: data::DEMO_PASSWORD.to_owned(),
            role: u.role,
            unit_code: u.unit.map(str::to_owned),
            province_code: u.province.map(str::to_owned),
        };
        match crate::identity::users::prepare(txn, &new, phc.to_owned(), true).await? {
            Ok(row) => {
                let user = app_user::Entity::insert(row)
                    .exec(txn)
                    .await?
                    .last_insert_id;
                for body in u.signs_for {
                    entity::signing_right::Entity::insert(entity::signing_right::ActiveModel {
                        user_id: sea_orm::ActiveValue::Set(user),
                        unit_id: sea_orm::ActiveValue::Set(unit_id(txn, body).await?),
                        granted_by_user_id: sea_orm::ActiveValue::Set(None),
                        granted_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
                        ..Default::default()
                    })
                    .exec(txn)
                    .await?;
                }
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
            demo: Set(true),
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

async fn seed_units(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    let player = demo_player();
    for u in data::UNITS {
        if store::find_unit(txn, u.code).await?.is_some() {
            continue;
        }
        if let Some(merger) = merger_creating(u) {
            played(
                u.code,
                writes::reorganize_units(work, &player, merger?).await,
            )?;
        } else {
            insert_unit(txn, u).await?;
        }
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
        if s.kind == LineageKind::Absorb && data::reorganisation_plays(s) {
            let absorption = writes::Reorganisation {
                kind: s.kind,
                effective_on: date(s.effective_on)?,
                legal_basis: s.legal_basis.to_owned(),
                predecessor_codes: vec![s.predecessor.to_owned()],
                new_units: Vec::new(),
                successor_code: Some(s.successor.to_owned()),
            };
            let what = format!("{} -> {}", s.predecessor, s.successor);
            played(
                &what,
                writes::reorganize_units(work, &player, absorption).await,
            )?;
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

/// The merger that creates `u` (`reorganizeUnits` with MERGE and `u` as its new unit), when
/// the demo plays one.
fn merger_creating(u: &data::UnitSeed) -> Option<Result<writes::Reorganisation, DbErr>> {
    let parts: Vec<&data::Succession> = data::UNIT_SUCCESSIONS
        .iter()
        .filter(|s| {
            s.kind == LineageKind::Merge && s.successor == u.code && data::reorganisation_plays(s)
        })
        .collect();
    let first = parts.first()?;
    let effective_on = match date(first.effective_on) {
        Ok(day) => day,
        Err(e) => return Some(Err(e)),
    };
    Some(Ok(writes::Reorganisation {
        kind: LineageKind::Merge,
        effective_on,
        legal_basis: first.legal_basis.to_owned(),
        predecessor_codes: parts.iter().map(|s| s.predecessor.to_owned()).collect(),
        new_units: vec![writes::SuccessorUnit {
            code: u.code.to_owned(),
            name: u.name.to_owned(),
            short_name: u.short_name.map(str::to_owned),
            kind: Some(u.kind),
            province_code: u.province.map(str::to_owned),
        }],
        successor_code: None,
    }))
}

/// Writes a unit that no merger creates. `createUnit` cannot write most of them as the
/// articles describe them: it dates every unit (today when no date is given) and no operation
/// closes a unit except a reorganisation into a successor, while the articles know neither when
/// most of these bodies began nor, for some, what became of them. The two it could write
/// (CM-SKHCN-2025-VP and NB-SKHCN-2025) are written here too: its audit entries would join
/// those of the boards' own `createUnit`s in their provinces' trails. A unit that a played
/// reorganisation closes is written open; the reorganisation closes it.
async fn insert_unit(txn: &DatabaseTransaction, u: &data::UnitSeed) -> Result<(), DbErr> {
    let province = match u.province {
        Some(code) => Some(province_id(txn, code).await?),
        None => None,
    };
    let parent = match u.parent {
        Some(code) => Some(unit_id(txn, code).await?),
        None => None,
    };
    let valid_to = if data::closed_by_reorganisation(u.code) {
        None
    } else {
        opt_date(u.valid_to)?
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
        valid_to: Set(valid_to),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    Ok(())
}

async fn seed_persons(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    let player = demo_player();
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
        if data::unit_closes(p.unit) {
            insert_person(txn, p, unit).await?;
            continue;
        }
        let new = writes::NewPerson {
            unit_code: p.unit.to_owned(),
            full_name: p.full_name.to_owned(),
            title: Some(p.title.to_owned()),
            private: writes::PrivateDetails::default(),
        };
        played(p.full_name, writes::create_person(work, &player, new).await)?;
    }
    Ok(())
}

/// Writes a person of a unit the 2025 reorganisation closed, as the article named them before:
/// `createPerson` refuses a closed unit, and a person created before the reorganisation would
/// have moved to the successor with it.
async fn insert_person(
    txn: &DatabaseTransaction,
    p: &data::PersonSeed,
    unit: i32,
) -> Result<(), DbErr> {
    let now = Utc::now();
    person::Entity::insert(person::ActiveModel {
        full_name: Set(text::nfc(p.full_name)),
        search_key: Set(text::search_key(p.full_name)),
        unit_id: Set(unit),
        title: Set(Some(text::nfc(p.title))),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    Ok(())
}

async fn seed_terms(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    let player = demo_player();
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
        let new = writes::NewTerm {
            kind: t.kind,
            name: t.name.to_owned(),
            unit_code: t.unit.map(str::to_owned),
            province_code: t.province.map(str::to_owned),
            start_year: t.start_year,
            end_year: t.end_year,
        };
        played(t.name, writes::create_term(work, &player, new).await)?;
    }
    Ok(())
}

/// The viewer the demo plays the domain's operations as: the system's administrator.
fn demo_player() -> Viewer {
    Viewer {
        user_id: None,
        name: "demo".to_owned(),
        role: Some(entity::enums::Role::Admin),
        unit_id: None,
        province_id: None,
    }
}

/// A refusal of the demo data by the domain's own rules is a bug in the demo data.
fn played<T>(what: &str, outcome: AppResult<Outcome<T>>) -> Result<T, DbErr> {
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(problems)) => Err(DbErr::Custom(format!("demo data: {what}: {problems:?}"))),
        Err(error) => Err(DbErr::Custom(format!(
            "demo data: {what}: {}",
            error.message()
        ))),
    }
}

/// Plays the clusters of the articles through the cluster cycle's own operations (the ones
/// the API runs): clusters, years and elections, covenants, and Cụm II's 2020 scoring,
/// review and ranking (seed 002).
async fn seed_clusters(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    let player = demo_player();
    for c in data::CLUSTERS {
        if clusters::store::cluster_by_code(txn, c.code)
            .await?
            .is_some()
        {
            continue;
        }
        let new = cycle::NewCluster {
            code: c.code.to_owned(),
            name: c.name.to_owned(),
            kind: c.kind,
            province_code: c.province.map(str::to_owned),
            organiser_unit_code: c.organiser_unit.map(str::to_owned),
            organiser_name: c.organiser_name.map(str::to_owned),
        };
        played(c.code, cycle::create_cluster(work, &player, new).await)?;
    }
    for y in data::CLUSTER_YEARS {
        let what = format!("{} {}", y.cluster, y.year);
        if let Ok(Ok(_)) = cycle::find_year(txn, y.cluster, y.year).await {
            continue;
        }
        // A year that keeps the members of the year before is the election at that year's
        // review (seed 002: Cụm II elected its 2021 head and deputy in January 2021).
        let elected = data::CLUSTER_YEARS
            .iter()
            .any(|p| p.cluster == y.cluster && p.year == y.year - 1 && p.members == y.members);
        if elected {
            played(
                &what,
                cycle::set_leadership(work, &player, y.cluster, y.year, y.head, y.deputy).await,
            )?;
        } else {
            let setup = cycle::YearSetup {
                cluster_code: y.cluster.to_owned(),
                year: y.year,
                member_codes: y.members.iter().map(|m| (*m).to_owned()).collect(),
                head_code: y.head.map(str::to_owned),
                deputy_code: y.deputy.map(str::to_owned),
            };
            played(&what, cycle::set_up_year(work, &player, setup).await)?;
        }
    }
    for covenant in data::COVENANTS {
        let what = format!("covenant {} {}", covenant.cluster, covenant.year);
        let year = played(
            &what,
            cycle::find_year(txn, covenant.cluster, covenant.year).await,
        )?;
        if year.year.status != ClusterYearStatus::Planning {
            continue;
        }
        let criteria = covenant
            .criteria
            .iter()
            .map(|(code, title, max)| cycle::CriterionSpec {
                code: (*code).to_owned(),
                title: (*title).to_owned(),
                max_points: *max,
            })
            .collect();
        played(
            &what,
            cycle::sign_covenant(work, &player, year, date(covenant.signed_on)?, criteria).await,
        )?;
    }
    play_cum_ii_2020(work, &player).await
}

/// Cụm II 2020: self-assessments, the head's review, the ranking and its proposals.
async fn play_cum_ii_2020(work: &Work, player: &Viewer) -> Result<(), DbErr> {
    let txn = work.txn();
    const CLUSTER: &str = "HNA-CUM-II";
    let find = || async { played("Cụm II 2020", cycle::find_year(txn, CLUSTER, 2020).await) };
    let year = find().await?;
    if year.year.status != ClusterYearStatus::Active {
        return Ok(());
    }
    let criteria: Vec<&str> = data::COVENANTS
        .iter()
        .find(|c| c.cluster == CLUSTER && c.year == 2020)
        .map(|c| c.criteria.iter().map(|(code, _, _)| *code).collect())
        .unwrap_or_default();
    played(
        "open scoring",
        cycle::advance(
            work,
            player,
            year,
            ClusterYearStatus::Active,
            ClusterYearStatus::Scoring,
            "openScoring",
        )
        .await,
    )?;
    for sheet in data::CUM_II_2020_SELF {
        let lines = criteria
            .iter()
            .zip(sheet.points)
            .map(|(code, points)| cycle::SelfLine {
                criterion_code: (*code).to_owned(),
                points: *points,
                evidence: None,
            })
            .collect();
        played(
            sheet.unit,
            cycle::submit_self_assessment(work, player, find().await?, sheet.unit, lines).await,
        )?;
    }
    played(
        "start review",
        cycle::advance(
            work,
            player,
            find().await?,
            ClusterYearStatus::Scoring,
            ClusterYearStatus::Review,
            "startReview",
        )
        .await,
    )?;
    for review in data::CUM_II_2020_REVIEW {
        let review = cycle::Review {
            unit_code: review.unit.to_owned(),
            lines: review
                .lines
                .iter()
                .map(|(code, points)| cycle::ReviewLine {
                    criterion_code: (*code).to_owned(),
                    points: *points,
                })
                .collect(),
            bonus: review.bonus.map(|(points, _)| points),
            bonus_reason: review.bonus.map(|(_, why)| why.to_owned()),
            penalty: review.penalty.map(|(points, _)| points),
            penalty_reason: review.penalty.map(|(_, why)| why.to_owned()),
        };
        let unit = review.unit_code.clone();
        played(
            &unit,
            cycle::review_scores(work, player, find().await?, review).await,
        )?;
    }
    let year = find().await?;
    let version = year.year.version;
    let year_id = year.year.id;
    played(
        "finalize",
        cycle::finalize(work, player, year, version, &[]).await,
    )?;
    decide_cum_ii_2020_proposals(work, player, year_id).await
}

/// The board approves Cụm II's three 2020 proposals and the People's Committee decides them.
async fn decide_cum_ii_2020_proposals(
    work: &Work,
    player: &Viewer,
    year_id: i32,
) -> Result<(), DbErr> {
    let txn = work.txn();
    use entity::nomination;
    let proposals = nomination::Entity::find()
        .filter(nomination::Column::ProposedByClusterYearId.eq(year_id))
        .all(txn)
        .await?;
    let d = &data::CUM_II_2020_DECISION;
    for p in &proposals {
        played(
            "approve",
            workflow::take(
                work,
                player,
                p.id,
                workflow::Step::Approve,
                Some(d.approval.to_owned()),
            )
            .await,
        )?;
    }
    let decision = workflow::NewDecision {
        number: d.number.to_owned(),
        issuer_code: d.issuer.to_owned(),
        signed_on: date(d.signed_on)?,
        signer_name: d.signer_name.to_owned(),
        signer_title: d.signer_title.to_owned(),
        nomination_ids: proposals.iter().map(|p| p.id).collect(),
    };
    played(
        "decision",
        workflow::issue_decision(work, player, decision).await,
    )?;
    Ok(())
}

/// The conferences and movement of seeds 000 and 001, through the same operations as the API.
async fn seed_conferences_and_movements(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    use entity::{conference, enums, movement};
    let player = demo_player();
    for c in data::CONFERENCES {
        let host = unit_id(txn, c.host).await?;
        let exists = conference::Entity::find()
            .filter(conference::Column::HostUnitId.eq(host))
            .filter(conference::Column::HeldOn.eq(date(c.held_on)?))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let period = term::Entity::find()
            .filter(term::Column::Name.eq(c.period))
            .filter(term::Column::Kind.eq(enums::TermKind::EmulationPeriod))
            .one(txn)
            .await?
            .map(|t| t.id);
        let tallies = c
            .given
            .iter()
            .map(|(code, collectives, individuals)| {
                (code, enums::TallyKind::Given, collectives, individuals)
            })
            .chain(c.proposed.iter().map(|(code, collectives, individuals)| {
                (code, enums::TallyKind::Proposed, collectives, individuals)
            }))
            .map(
                |(code, kind, collectives, individuals)| conferences::Tally {
                    award_type_code: (*code).to_owned(),
                    kind,
                    collectives: *collectives,
                    individuals: *individuals,
                },
            )
            .collect();
        let new = conferences::NewConference {
            kind: enums::ConferenceKind::AdvancedModel,
            name: c.name.to_owned(),
            held_on: date(c.held_on)?,
            host_unit_code: c.host.to_owned(),
            period_id: period,
            summary: Some(c.summary.to_owned()),
            tallies,
            award_ids: Vec::new(),
        };
        played(c.name, conferences::create(work, &player, new).await)?;
    }
    for m in data::MOVEMENTS {
        let exists = movement::Entity::find()
            .filter(movement::Column::Name.eq(m.name))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let new = movements::NewMovement {
            name: m.name.to_owned(),
            kind: enums::MovementKind::Regular,
            launching_unit_code: m.launching_unit.to_owned(),
            start_on: date(m.start_on)?,
            end_on: Some(date(m.end_on)?),
            description: None,
        };
        played(m.name, movements::launch(work, &player, new).await)?;
    }
    seed_dossiers(work).await
}

async fn seed_dossiers(work: &Work) -> Result<(), DbErr> {
    let txn = work.txn();
    let player = demo_player();
    for d in data::DOSSIERS {
        let exists = entity::dossier::Entity::find()
            .filter(entity::dossier::Column::Title.eq(d.title))
            .one(txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let new = crate::dossiers::NewDossier {
            proposing_unit_code: d.proposing_unit.to_owned(),
            title: d.title.to_owned(),
            year: d.year,
            kind: entity::enums::CommendationKind::Regular,
            letter: crate::dossiers::Letter::default(),
        };
        played(d.title, crate::dossiers::create(work, &player, new).await)?;
    }
    Ok(())
}
