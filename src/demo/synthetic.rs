//! Synthetic data at scale, for benchmarks: `thidua seed --synthetic --scale province|nation
//! [--seed N]`. The same seed makes the same rows, so figures measured on two machines or two
//! commits compare.
//!
//! Nation scale is what the benchmark of BENCHMARKS.md runs on: 34 provinces, 10,000 units,
//! 200,000 persons, 20 years (2006 to 2025), 1,000 clusters and blocs with 20,000 finalized
//! cluster years of 6 to 11 members (criteria, score sheets reviewed line by line, rankings
//! with the proposed awards), 1,000,000 awards with their 200,000 decisions, and 100,000
//! nominations. Province scale is one province of the same shape, for quick runs.
//!
//! Its provinces are not real (`province.demo`), so a real installation never gets them and
//! `seed --synthetic` refuses a database that holds any province. Rows go in directly, many
//! to a statement, with their ids chosen here (the tables are empty of them): going through
//! the domain's operations one row at a time would take hours at this size, and the rules
//! those operations check are not what a benchmark measures.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use entity::{
    app_user, award, award_type, cluster, cluster_member, cluster_year, criterion, decision,
    enums::{ClusterKind, ClusterYearStatus, CommendationKind, NominationStatus, Role, UnitKind},
    nomination, person, province, ranking_entry, score_line, score_sheet, unit,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, PaginatorTrait,
};

use crate::{awards::category, organisation::unit_search_key, text};

/// How much to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Province,
    Nation,
}

/// The sizes of a scale.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub provinces: usize,
    pub units: usize,
    pub persons: usize,
    pub years: usize,
    pub clusters: usize,
    pub nominations: usize,
}

impl Scale {
    pub fn size(self) -> Size {
        match self {
            Scale::Nation => Size {
                provinces: 34,
                units: 10_000,
                persons: 200_000,
                years: 20,
                clusters: 1_000,
                nominations: 100_000,
            },
            Scale::Province => Size {
                provinces: 1,
                units: 300,
                persons: 6_000,
                years: 10,
                clusters: 30,
                nominations: 3_000,
            },
        }
    }
}

/// The last year of the data; the first is `LAST_YEAR - years + 1`.
pub const LAST_YEAR: i32 = 2025;

/// The password of the synthetic accounts (`board.syn01`, `officer.syn01`, `partner.syn`):
/// published, like the demo's, so development only.
pub const PASSWORD: &str = "synthetic data only";

/// How many rows of each table were written.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    pub provinces: usize,
    pub units: usize,
    pub persons: usize,
    pub cluster_years: usize,
    pub members: usize,
    pub score_lines: usize,
    pub decisions: usize,
    pub awards: usize,
    pub nominations: usize,
}

/// Reports progress: rows written so far, of about how many, and what is being written.
pub type Progress<'a> = &'a (dyn Fn(u64, u64, &str) + Sync);

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức"];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai",
    "Nam", "Phương", "Quân", "Thảo",
];
const KINDS: [UnitKind; 3] = [
    UnitKind::Department,
    UnitKind::Agency,
    UnitKind::Association,
];
const CRITERIA: [&str; 5] = [
    "Thực hiện nhiệm vụ chính trị được giao",
    "Công tác xây dựng Đảng và đoàn thể",
    "Cải cách hành chính, chuyển đổi số",
    "Công tác thi đua, khen thưởng",
    "Phong trào văn hóa, thể thao, an sinh xã hội",
];

/// Rows go in this many to a statement (SQLite allows 32,766 parameters in one).
const CHUNK: usize = 1_000;

/// Inserts `rows` many to a statement.
async fn insert<C, A>(
    db: &C,
    rows: Vec<A>,
    done: &mut u64,
    progress: Progress<'_>,
    total: u64,
    what: &str,
) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        let n = chunk.len() as u64;
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
        *done += n;
        progress(*done, total, what);
    }
    Ok(())
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Writes the synthetic data into an empty, migrated database, in one transaction.
pub async fn seed(
    db: &DatabaseConnection,
    scale: Scale,
    seed: u64,
    progress: Progress<'_>,
) -> Result<Counts, DbErr> {
    if province::Entity::find().count(db).await? > 0 || unit::Entity::find().count(db).await? > 0 {
        return Err(DbErr::Custom(
            "synthetic data goes into an empty database: this one holds provinces or units".into(),
        ));
    }
    let phc = crate::identity::password::hash_off_runtime(PASSWORD.to_owned())
        .await
        .map_err(DbErr::Custom)?;
    let size = scale.size();
    let mut rng = fastrand::Rng::with_seed(seed);
    let first_year = LAST_YEAR - size.years as i32 + 1;
    let years = first_year..=LAST_YEAR;
    let now = Utc::now();
    let types: std::collections::HashMap<String, i32> = award_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    let type_id = |code: &str| {
        types
            .get(code)
            .copied()
            .ok_or_else(|| DbErr::Custom(format!("the catalogue has no {code}: migrate first")))
    };
    let (lao_dong, chien_si, giay_khen) = (
        type_id("LAO_DONG_TIEN_TIEN")?,
        type_id("CHIEN_SI_THI_DUA_CO_SO")?,
        type_id("GIAY_KHEN")?,
    );
    let (co_tinh, bang_khen, tap_the) = (
        type_id("CO_THI_DUA_TINH")?,
        type_id("BANG_KHEN_CHU_TICH_TINH")?,
        type_id("TAP_THE_LAO_DONG_XUAT_SAC")?,
    );

    let members_per_year = size.clusters * 17 / 2;
    let cluster_years = size.clusters * size.years;
    let awards_expected = size.persons * size.years / 4;
    let total = (size.provinces
        + size.units
        + size.persons
        + cluster_years * (1 + CRITERIA.len())
        + members_per_year * size.years * (3 + CRITERIA.len())
        + size.units * size.years
        + awards_expected
        + size.nominations) as u64;
    let mut done = 0u64;
    let mut counts = Counts::default();
    let failed = |e: crate::error::AppError| DbErr::Custom(e.message().to_owned());
    let work = crate::work::Work::begin(db).await.map_err(failed)?;
    let txn = work.txn();

    // Provinces, each with its People's Committee and its departments, agencies, associations.
    let provinces: Vec<province::ActiveModel> = (1..=size.provinces)
        .map(|p| {
            let name = format!("Tỉnh Tổng Hợp {p:02}");
            province::ActiveModel {
                id: Set(p as i32),
                code: Set(format!("SYN{p:02}")),
                search_key: Set(text::search_key(&name)),
                name: Set(name),
                valid_from: Set(Some(day(2000, 1, 1))),
                valid_to: Set(None),
                demo: Set(true),
                created_at: Set(now),
            }
        })
        .collect();
    counts.provinces = provinces.len();
    insert(txn, provinces, &mut done, progress, total, "provinces").await?;

    // Unit u (from 1) belongs to province 1 + (u - 1) % provinces; the first of each
    // province is its People's Committee.
    let province_of_unit = |u: usize| 1 + (u - 1) % size.provinces;
    let mut units = Vec::with_capacity(size.units);
    for u in 1..=size.units {
        let p = province_of_unit(u);
        let n = (u - 1) / size.provinces;
        let (kind, name) = if n == 0 {
            (
                UnitKind::PeoplesCommittee,
                format!("Ủy ban nhân dân Tỉnh Tổng Hợp {p:02}"),
            )
        } else {
            let kind = KINDS[n % KINDS.len()];
            let word = match kind {
                UnitKind::Department => "Sở",
                UnitKind::Agency => "Ban",
                _ => "Hội",
            };
            (kind, format!("{word} số {n} Tỉnh Tổng Hợp {p:02}"))
        };
        let code = format!("S{p:02}-U{n:04}");
        units.push(unit::ActiveModel {
            id: Set(u as i32),
            search_key: Set(unit_search_key(&name, None, &code)),
            code: Set(code),
            kind: Set(kind),
            name: Set(name),
            short_name: Set(None),
            parent_id: Set(None),
            province_id: Set(Some(p as i32)),
            valid_from: Set(Some(day(2000, 1, 1))),
            valid_to: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        });
    }
    counts.units = units.len();
    insert(txn, units, &mut done, progress, total, "units").await?;

    // Persons: person i (from 1) works in unit 1 + (i - 1) % units.
    let unit_of_person = |i: usize| 1 + (i - 1) % size.units;
    // The title of person i is `titles[i - 1]`.
    let mut titles = Vec::with_capacity(size.persons);
    let mut persons = Vec::with_capacity(CHUNK);
    for i in 1..=size.persons {
        let name = format!(
            "{} {} {}",
            FAMILY[rng.usize(..FAMILY.len())],
            MIDDLE[rng.usize(..MIDDLE.len())],
            GIVEN[rng.usize(..GIVEN.len())]
        );
        let n = (i - 1) / size.units;
        let title = match n {
            0 => "Giám đốc",
            1 | 2 => "Trưởng phòng",
            _ => "Chuyên viên",
        };
        titles.push(title);
        persons.push(person::ActiveModel {
            id: Set(i as i32),
            search_key: Set(text::search_key(&name)),
            full_name: Set(name),
            unit_id: Set(unit_of_person(i) as i32),
            title: Set(Some(title.to_owned())),
            gender: Set(Some(if rng.bool() { "MALE" } else { "FEMALE" }.to_owned())),
            created_at: Set(now),
            updated_at: Set(now),
        });
        if persons.len() == CHUNK * 10 {
            counts.persons += persons.len();
            insert(
                txn,
                std::mem::take(&mut persons),
                &mut done,
                progress,
                total,
                "persons",
            )
            .await?;
        }
    }
    counts.persons += persons.len();
    insert(txn, persons, &mut done, progress, total, "persons").await?;

    // Clusters: cluster c (from 1) of province 1 + (c - 1) % provinces gathers 6 to 11 of
    // its units (not the People's Committee, which organises it), the same every year.
    let units_of_province = |p: usize| -> Vec<usize> {
        (1..=size.units)
            .filter(|u| province_of_unit(*u) == p && (u - 1) / size.provinces > 0)
            .collect()
    };
    let mut next_member: Vec<usize> = vec![0; size.provinces + 1];
    let mut pools: Vec<Vec<usize>> = (0..=size.provinces)
        .map(|p| {
            if p == 0 {
                Vec::new()
            } else {
                units_of_province(p)
            }
        })
        .collect();
    for pool in pools.iter_mut() {
        rng.shuffle(pool);
    }
    let mut clusters = Vec::new();
    // The members of cluster c are `members_of[c - 1]`.
    let mut members_of: Vec<Vec<usize>> = Vec::with_capacity(size.clusters);
    for c in 1..=size.clusters {
        let p = 1 + (c - 1) % size.provinces;
        let n = 1 + (c - 1) / size.provinces;
        let count = 6 + rng.usize(..6);
        let pool = &pools[p];
        let mut members = Vec::with_capacity(count);
        for _ in 0..count {
            members.push(pool[next_member[p] % pool.len()]);
            next_member[p] += 1;
        }
        members.sort_unstable();
        members.dedup();
        members_of.push(members);
        let kind = if n.is_multiple_of(2) {
            ClusterKind::Bloc
        } else {
            ClusterKind::Cluster
        };
        let name = match kind {
            ClusterKind::Bloc => format!("Khối thi đua số {n} Tỉnh Tổng Hợp {p:02}"),
            ClusterKind::Cluster => format!("Cụm thi đua số {n} Tỉnh Tổng Hợp {p:02}"),
        };
        clusters.push(cluster::ActiveModel {
            id: Set(c as i32),
            code: Set(format!("S{p:02}-C{n:03}")),
            search_key: Set(text::search_key(&name)),
            name: Set(name),
            kind: Set(kind),
            province_id: Set(Some(p as i32)),
            organiser_unit_id: Set(Some(p as i32)),
            organiser_name: Set(None),
            created_at: Set(now),
        });
    }
    insert(txn, clusters, &mut done, progress, total, "clusters").await?;

    // Each cluster year: finalized, its head and deputy rotating, five criteria, a score
    // sheet per member reviewed line by line, the ranking and the awards it proposes.
    let mut year_id = 0i32;
    let mut criterion_id = 0i32;
    let mut member_id = 0i32;
    let mut sheet_id = 0i32;
    let mut line_id = 0i32;
    let mut entry_id = 0i32;
    for year in years.clone() {
        let (mut years_rows, mut criteria, mut members, mut sheets, mut lines, mut entries) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for (c, m) in (1i32..).zip(&members_of) {
            year_id += 1;
            let head = m[(year as usize) % m.len()];
            let deputy = m[(year as usize + 1) % m.len()];
            years_rows.push(cluster_year::ActiveModel {
                id: Set(year_id),
                cluster_id: Set(c),
                year: Set(year),
                status: Set(ClusterYearStatus::Finalized),
                head_unit_id: Set(Some(head as i32)),
                deputy_unit_id: Set(Some(deputy as i32)),
                covenant_signed_on: Set(Some(day(year, 2, 15))),
                version: Set(5),
                finalized_at: Set(Some(at(year, 12, 20))),
                created_at: Set(at(year, 1, 10)),
                updated_at: Set(at(year, 12, 20)),
            });
            let first_criterion = criterion_id + 1;
            for (k, title) in CRITERIA.iter().enumerate() {
                criterion_id += 1;
                criteria.push(criterion::ActiveModel {
                    id: Set(criterion_id),
                    cluster_year_id: Set(year_id),
                    code: Set(format!("TC{}", k + 1)),
                    title: Set((*title).to_owned()),
                    max_points: Set(20.0),
                    sort_order: Set(k as i32 + 1),
                });
            }
            let mut totals = Vec::with_capacity(m.len());
            for &u in m {
                member_id += 1;
                members.push(cluster_member::ActiveModel {
                    id: Set(member_id),
                    cluster_year_id: Set(year_id),
                    unit_id: Set(u as i32),
                    created_at: Set(at(year, 1, 10)),
                });
                sheet_id += 1;
                sheets.push(score_sheet::ActiveModel {
                    id: Set(sheet_id),
                    cluster_year_id: Set(year_id),
                    unit_id: Set(u as i32),
                    bonus: Set(0.0),
                    bonus_reason: Set(None),
                    penalty: Set(0.0),
                    penalty_reason: Set(None),
                    submitted_at: Set(Some(at(year, 11, 30))),
                    reviewed_at: Set(Some(at(year, 12, 15))),
                    updated_at: Set(at(year, 12, 15)),
                });
                let mut total_points = 0.0;
                for k in 0..CRITERIA.len() {
                    line_id += 1;
                    let reviewed = f64::from(12 + rng.u8(..9)) - 0.5 * f64::from(rng.u8(..2));
                    total_points += reviewed;
                    lines.push(score_line::ActiveModel {
                        id: Set(line_id),
                        score_sheet_id: Set(sheet_id),
                        criterion_id: Set(first_criterion + k as i32),
                        self_points: Set(Some((reviewed + 0.5).min(20.0))),
                        reviewed_points: Set(Some(reviewed)),
                        evidence: Set(None),
                    });
                }
                totals.push((u, total_points));
            }
            // Highest first; a tie goes to the lower unit id, as a tie-break would settle it.
            totals.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for (rank, (u, points)) in totals.into_iter().enumerate() {
                entry_id += 1;
                let proposed = match rank {
                    0 => Some(co_tinh),
                    1 | 2 => Some(bang_khen),
                    _ => None,
                };
                entries.push(ranking_entry::ActiveModel {
                    id: Set(entry_id),
                    cluster_year_id: Set(year_id),
                    unit_id: Set(u as i32),
                    rank: Set(rank as i32 + 1),
                    total_points: Set(points),
                    proposed_award_type_id: Set(proposed),
                });
            }
        }
        counts.cluster_years += years_rows.len();
        counts.members += members.len();
        counts.score_lines += lines.len();
        insert(txn, years_rows, &mut done, progress, total, "cluster years").await?;
        insert(txn, criteria, &mut done, progress, total, "criteria").await?;
        insert(txn, members, &mut done, progress, total, "members").await?;
        insert(txn, sheets, &mut done, progress, total, "score sheets").await?;
        insert(txn, lines, &mut done, progress, total, "score lines").await?;
        insert(txn, entries, &mut done, progress, total, "rankings").await?;
    }

    // Each unit's yearly decision (signed on 15 January of the next year) conferring its
    // titles: person i holds an award of year y when (i + y) % 4 == 0, a quarter of every
    // year's persons: Lao động tiên tiến, or Chiến sĩ thi đua cơ sở one time in five, or a
    // Giấy khen one in twenty-five.
    let mut decision_ids = std::collections::HashMap::new();
    let mut decision_id = 0i32;
    for year in years.clone() {
        let mut rows = Vec::with_capacity(size.units);
        for u in 1..=size.units {
            decision_id += 1;
            decision_ids.insert((u, year), decision_id);
            let signed_on = day(year + 1, 1, 15);
            rows.push(decision::ActiveModel {
                id: Set(decision_id),
                number: Set(format!("{}/QĐ-KT", 1 + u % 500)),
                issuer_unit_id: Set(u as i32),
                signed_on: Set(signed_on),
                signed_year: Set(year + 1),
                signer_name: Set("Thủ trưởng đơn vị".to_owned()),
                signer_title: Set("Thủ trưởng".to_owned()),
                province_id: Set(Some(province_of_unit(u) as i32)),
                created_at: Set(now),
            });
        }
        counts.decisions += rows.len();
        insert(txn, rows, &mut done, progress, total, "decisions").await?;
    }
    let mut award_id = 0i32;
    for year in years.clone() {
        let mut rows = Vec::with_capacity(CHUNK * 10);
        for (i, title) in (1..).zip(&titles) {
            let turn = i + year as usize;
            if !turn.is_multiple_of(4) {
                continue;
            }
            let (award_type_id, kind) = match turn % 100 {
                0 => (giay_khen, CommendationKind::Exceptional),
                t if t % 20 == 0 => (chien_si, CommendationKind::Regular),
                _ => (lao_dong, CommendationKind::Regular),
            };
            let u = unit_of_person(i);
            award_id += 1;
            rows.push(award::ActiveModel {
                id: Set(award_id),
                award_type_id: Set(award_type_id),
                recipient_person_id: Set(Some(i as i32)),
                recipient_unit_id: Set(None),
                recipient_name: Set(format!("Người {i}")),
                year: Set(year),
                commendation_kind: Set(kind),
                decision_id: Set(decision_ids.get(&(u, year)).copied()),
                nomination_id: Set(None),
                conference_id: Set(None),
                province_id: Set(Some(province_of_unit(u) as i32)),
                revoked_at: Set(None),
                revoked_reason: Set(None),
                revoking_decision_number: Set(None),
                created_at: Set(now),
                amount: Set(None),
                revocation_ground: Set(None),
                amount_to_recover: Set(None),
                review_requested_at: Set(None),
                review_reason: Set(None),
                recipient_category: Set(Some(category::of_title(Some(title)))),
            });
            if rows.len() == CHUNK * 10 {
                counts.awards += rows.len();
                insert(
                    txn,
                    std::mem::take(&mut rows),
                    &mut done,
                    progress,
                    total,
                    "awards",
                )
                .await?;
            }
        }
        counts.awards += rows.len();
        insert(txn, rows, &mut done, progress, total, "awards").await?;
    }

    // Nominations of the last two years: persons for Chiến sĩ thi đua cơ sở, one in ten a
    // unit for Tập thể lao động xuất sắc, at every stage before the decision.
    let statuses = [
        NominationStatus::Draft,
        NominationStatus::Submitted,
        NominationStatus::Submitted,
        NominationStatus::Approved,
        NominationStatus::Returned,
        NominationStatus::Rejected,
    ];
    let mut rows = Vec::with_capacity(CHUNK * 10);
    for n in 1..=size.nominations {
        let year = LAST_YEAR - (n % 2) as i32;
        let (person, unit_id, award_type_id) = if n % 10 == 0 {
            (None, 1 + n % size.units, tap_the)
        } else {
            let i = 1 + (n * 7) % size.persons;
            (Some(i as i32), unit_of_person(i), chien_si)
        };
        rows.push(nomination::ActiveModel {
            id: Set(n as i32),
            award_type_id: Set(award_type_id),
            recipient_person_id: Set(person),
            recipient_unit_id: Set(person.is_none().then_some(unit_id as i32)),
            year: Set(year),
            commendation_kind: Set(CommendationKind::Regular),
            dossier_id: Set(None),
            upward_proposal_id: Set(None),
            proposed_by_unit_id: Set(Some(unit_id as i32)),
            proposed_by_cluster_year_id: Set(None),
            status: Set(statuses[n % statuses.len()]),
            achievements: Set("Hoàn thành xuất sắc nhiệm vụ được giao.".to_owned()),
            basis: Set(None),
            justification: Set(None),
            eligibility_report: Set(None),
            decision_id: Set(None),
            province_id: Set(Some(province_of_unit(unit_id) as i32)),
            created_by_user_id: Set(None),
            version: Set(1),
            created_at: Set(at(year + 1, 1, 5)),
            updated_at: Set(at(year + 1, 1, 5)),
        });
        if rows.len() == CHUNK * 10 {
            counts.nominations += rows.len();
            insert(
                txn,
                std::mem::take(&mut rows),
                &mut done,
                progress,
                total,
                "nominations",
            )
            .await?;
        }
    }
    counts.nominations += rows.len();
    insert(txn, rows, &mut done, progress, total, "nominations").await?;

    // The accounts a benchmark signs in with.
    for (username, role, unit_id, province_id) in [
        ("board.syn01", Role::Board, None, Some(1)),
        (
            "officer.syn01",
            Role::UnitOfficer,
            Some(1 + size.provinces as i32),
            None,
        ),
        ("partner.syn", Role::Partner, None, None),
    ] {
        app_user::ActiveModel {
            username: Set(username.to_owned()),
            password_hash: Set(phc.clone()),
            role: Set(role),
            unit_id: Set(unit_id),
            province_id: Set(province_id),
            disabled_at: Set(None),
            demo: Set(true),
            created_at: Set(now),
            password_changed_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    if txn.get_database_backend() == DbBackend::Postgres {
        // The ids were chosen here: the sequences go on after them.
        for table in [
            "province",
            "unit",
            "person",
            "cluster",
            "cluster_year",
            "criterion",
            "cluster_member",
            "score_sheet",
            "score_line",
            "ranking_entry",
            "decision",
            "award",
            "nomination",
        ] {
            txn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    // Nobody listens: the data goes in before a server serves it.
    work.commit(&crate::work::Events::default())
        .await
        .map_err(failed)?;
    Ok(counts)
}
