//! Biểu 0601.N/BNV-TĐKT: the emulation movements that ran in the province during the
//! period, by the level that launched them (the columns) and by scope, duration and method
//! (the lines).
//!
//! A movement counts when it ran during the period: launched by a body of the province, or
//! by a national body with a unit of the province registered for it. Launched by a national
//! body, it is of the central level and nation-wide; by the province's People's Committee, of
//! the provincial level and province-wide; by any other body, of that body. Each cluster or
//! bloc of the province that competed in the year counts as one regular, yearly movement
//! organised by the province's emulation council (cụm, khối thi đua do Hội đồng Thi đua -
//! Khen thưởng các cấp tổ chức). A movement with no end is counted as five years or more.

use std::collections::{HashMap, HashSet};

use entity::{cluster, cluster_year, enums::MovementKind, movement, movement_registration, unit};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::sheet::{Header, Heading, Line, Sheet};
use crate::error::AppResult;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Central,
    Provincial,
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Nation,
    Province,
    Cluster,
    Body,
}

struct Counted {
    level: Level,
    scope: Scope,
    /// Its length in days; `None` while it has no end.
    days: Option<i64>,
    kind: MovementKind,
}

const YEAR: i64 = 365;

/// The duration classes of the form, in days: under a year, a year, one to three, three to
/// five, five or more.
fn duration_class(days: Option<i64>) -> usize {
    match days {
        None => 4,
        Some(d) if d < YEAR => 0,
        Some(d) if d <= YEAR + 1 => 1,
        Some(d) if d < 3 * YEAR => 2,
        Some(d) if d < 5 * YEAR => 3,
        Some(_) => 4,
    }
}

pub async fn form<C: ConnectionTrait>(
    db: &C,
    provinces: &[i32],
    heading: Heading,
) -> AppResult<Sheet> {
    let movements = movement::Entity::find()
        .filter(movement::Column::StartOn.lte(heading.to))
        .filter(
            Condition::any()
                .add(movement::Column::EndOn.is_null())
                .add(movement::Column::EndOn.gte(heading.from)),
        )
        .all(db)
        .await?;
    let launcher_ids: Vec<i32> = movements.iter().map(|m| m.launching_unit_id).collect();
    let mut launchers: HashMap<i32, unit::Model> = HashMap::new();
    for chunk in launcher_ids.chunks(500) {
        for u in unit::Entity::find()
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            launchers.insert(u.id, u);
        }
    }
    // National movements the province's units registered for.
    let national: Vec<i32> = movements
        .iter()
        .filter(|m| {
            launchers
                .get(&m.launching_unit_id)
                .is_some_and(|u| u.province_id.is_none())
        })
        .map(|m| m.id)
        .collect();
    let mut joined: HashSet<i32> = HashSet::new();
    if !national.is_empty() {
        let province_units: HashSet<i32> = unit::Entity::find()
            .select_only()
            .column(unit::Column::Id)
            .filter(unit::Column::ProvinceId.is_in(provinces.to_vec()))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for chunk in national.chunks(500) {
            for r in movement_registration::Entity::find()
                .filter(movement_registration::Column::MovementId.is_in(chunk.to_vec()))
                .filter(movement_registration::Column::UnitId.is_not_null())
                .all(db)
                .await?
            {
                if r.unit_id.is_some_and(|u| province_units.contains(&u)) {
                    joined.insert(r.movement_id);
                }
            }
        }
    }
    let mut counted = Vec::new();
    for m in &movements {
        let Some(launcher) = launchers.get(&m.launching_unit_id) else {
            continue;
        };
        let (level, scope) = match launcher.province_id {
            None if joined.contains(&m.id) => (Level::Central, Scope::Nation),
            None => continue,
            Some(p) if !provinces.contains(&p) => continue,
            Some(_)
                if launcher.kind == entity::enums::UnitKind::PeoplesCommittee
                    && launcher.parent_id.is_none() =>
            {
                (Level::Provincial, Scope::Province)
            }
            Some(_) => (Level::Body, Scope::Body),
        };
        counted.push(Counted {
            level,
            scope,
            days: m.end_on.map(|end| (end - m.start_on).num_days() + 1),
            kind: m.kind,
        });
    }
    let clusters: Vec<i32> = cluster::Entity::find()
        .filter(cluster::Column::ProvinceId.is_in(provinces.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    if !clusters.is_empty() {
        let years = cluster_year::Entity::find()
            .filter(cluster_year::Column::ClusterId.is_in(clusters))
            .filter(cluster_year::Column::Year.eq(heading.year))
            .all(db)
            .await?;
        counted.extend(years.iter().map(|_| Counted {
            level: Level::Provincial,
            scope: Scope::Cluster,
            days: Some(YEAR),
            kind: MovementKind::Regular,
        }));
    }

    let levels = [Level::Central, Level::Provincial, Level::Body];
    let count = |keep: &dyn Fn(&Counted) -> bool| -> Vec<i64> {
        let mut values: Vec<i64> = levels
            .iter()
            .map(|l| counted.iter().filter(|c| c.level == *l && keep(c)).count() as i64)
            .collect();
        values.insert(0, values.iter().sum());
        values
    };
    let line = |label: &str, code: &'static str, keep: &dyn Fn(&Counted) -> bool| Line {
        label: label.to_owned(),
        code: Some(code),
        unit: None,
        values: count(keep),
    };
    let scope = |s: Scope| move |c: &Counted| c.scope == s;
    let lasting = |class: usize| move |c: &Counted| duration_class(c.days) == class;
    let lines = vec![
        line("Tổng số", "01", &|_| true),
        Line::section("1. Chia theo phạm vi tổ chức thi đua"),
        line("- Toàn quốc", "02", &scope(Scope::Nation)),
        line(
            "- Bộ, ban, ngành đoàn thể, địa phương",
            "03",
            &scope(Scope::Province),
        ),
        line(
            "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
            "04",
            &scope(Scope::Cluster),
        ),
        line("- Cơ quan, tổ chức, đơn vị", "05", &scope(Scope::Body)),
        Line::section("2. Chia theo thời hạn thi đua"),
        line("- Dưới 1 năm", "06", &lasting(0)),
        line("- 1 năm", "07", &lasting(1)),
        line("- Từ 1 năm đến dưới 3 năm", "08", &lasting(2)),
        line("- Từ 3 năm đến dưới 5 năm", "09", &lasting(3)),
        line("- Từ 5 năm trở lên", "10", &lasting(4)),
        Line::section("3. Chia theo phương thức tổ chức phong trào thi đua"),
        line("- Thi đua theo chuyên đề", "11", &|c| {
            c.kind == MovementKind::Thematic
        }),
        line("- Thi đua thường xuyên hàng năm", "12", &|c| {
            c.kind == MovementKind::Regular
        }),
    ];
    let columns = vec![
        Header::leaf("Tổng số"),
        Header::group(
            "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
            vec![
                Header::leaf("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
                Header::leaf(
                    "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
                ),
                Header::leaf("Cơ quan, tổ chức, đơn vị"),
            ],
        ),
    ];
    Ok(Sheet {
        heading,
        unit_column: false,
        note: Some("Đơn vị tính: Phong trào"),
        columns,
        numbers: ["1=(2+3+4)", "2", "3", "4"].map(str::to_owned).to_vec(),
        lines,
    })
}
