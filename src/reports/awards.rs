//! Biểu 0602.N (State-level awards of the province's recipients, as the province proposed
//! them) and 0603.N (the awards the province's own bodies conferred), counted by award type
//! and recipient kind (the columns) and by recipient category and kind of commendation (the
//! lines). Revoked awards are not counted.

use std::collections::HashMap;

use entity::{
    award, award_type, decision,
    enums::{CommendationKind, RecipientCategory, UnitKind},
    person, unit,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use super::sheet::{Header, Heading, Line, Sheet};
use crate::{awards::catalogue::CATALOGUE, error::AppResult};

/// One award as the forms count it.
struct Counted {
    code: String,
    individual: bool,
    category: RecipientCategory,
    kind: CommendationKind,
}

/// A column of figures: awards of these types to individuals, to collectives, or to either
/// (`None`).
struct Leaf {
    codes: Vec<&'static str>,
    individual: Option<bool>,
}

/// What a line counts.
#[derive(Clone, Copy)]
enum Counts {
    All,
    /// Proposed by a ministry or a central body: never, in a province's form.
    Central,
    Provincial,
    /// Collectives, enterprises among them (households are counted apart).
    Collectives,
    Category(RecipientCategory),
    Individuals,
    Kind(CommendationKind),
    /// A kind of commendation the system does not record (kháng chiến).
    Unrecorded,
}

impl Counts {
    fn matches(self, a: &Counted) -> bool {
        match self {
            Counts::All | Counts::Provincial => true,
            Counts::Central | Counts::Unrecorded => false,
            Counts::Collectives => matches!(
                a.category,
                RecipientCategory::Collective | RecipientCategory::Enterprise
            ),
            Counts::Category(c) => a.category == c,
            Counts::Individuals => a.individual,
            Counts::Kind(k) => a.kind == k,
        }
    }
}

/// The awards to count: of `awards` (already scoped), those conferred in the period (by
/// their decision's date; by their year when no decision is recorded), not revoked.
async fn load<C: ConnectionTrait>(
    db: &C,
    scope: Condition,
    heading: &Heading,
) -> AppResult<Vec<Counted>> {
    let types: HashMap<i32, String> = award_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.code))
        .collect();
    let rows = award::Entity::find()
        .left_join(decision::Entity)
        .filter(scope)
        .filter(award::Column::RevokedAt.is_null())
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(decision::Column::SignedOn.gte(heading.from))
                        .add(decision::Column::SignedOn.lte(heading.to)),
                )
                .add(
                    Condition::all()
                        .add(award::Column::DecisionId.is_null())
                        .add(award::Column::Year.eq(heading.year)),
                ),
        )
        .all(db)
        .await?;
    // Awards recorded before the category was kept: their recipient's category as now.
    let person_ids: Vec<i32> = rows
        .iter()
        .filter(|a| a.recipient_category.is_none())
        .filter_map(|a| a.recipient_person_id)
        .collect();
    let unit_ids: Vec<i32> = rows
        .iter()
        .filter(|a| a.recipient_category.is_none())
        .filter_map(|a| a.recipient_unit_id)
        .collect();
    let mut titles: HashMap<i32, Option<String>> = HashMap::new();
    for chunk in person_ids.chunks(500) {
        for p in person::Entity::find()
            .filter(person::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            titles.insert(p.id, p.title);
        }
    }
    let mut kinds: HashMap<i32, UnitKind> = HashMap::new();
    for chunk in unit_ids.chunks(500) {
        for u in unit::Entity::find()
            .filter(unit::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            kinds.insert(u.id, u.kind);
        }
    }
    Ok(rows
        .into_iter()
        .map(|a| {
            let title = a
                .recipient_person_id
                .map(|p| titles.get(&p).and_then(|t| t.as_deref()));
            let unit_kind = a.recipient_unit_id.and_then(|u| kinds.get(&u).copied());
            Counted {
                code: types.get(&a.award_type_id).cloned().unwrap_or_default(),
                individual: a.recipient_person_id.is_some(),
                category: crate::awards::category::of_award(a.recipient_category, title, unit_kind),
                kind: a.commendation_kind,
            }
        })
        .collect())
}

/// The lines counting recipients by category, with the form's codes.
fn recipient_lines(codes: [&'static str; 9]) -> Vec<(Line, Option<Counts>)> {
    use RecipientCategory::*;
    let line = |label: &str, code, unit| Line {
        label: label.to_owned(),
        code: Some(code),
        unit: Some(unit),
        values: Vec::new(),
    };
    vec![
        (line("- Tập thể", codes[0], "Tập thể"), Some(Counts::Collectives)),
        (
            line("Trong đó: Doanh nghiệp", codes[1], "Doanh nghiệp"),
            Some(Counts::Category(Enterprise)),
        ),
        (line("- Hộ gia đình", codes[2], "Hộ"), Some(Counts::Category(Household))),
        (line("- Cá nhân", codes[3], "Người"), Some(Counts::Individuals)),
        (
            line("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", codes[4], "Người"),
            Some(Counts::Category(SeniorLeader)),
        ),
        (
            line("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", codes[5], "Người"),
            Some(Counts::Category(DepartmentLeader)),
        ),
        (line("+ Doanh nhân", codes[6], "Người"), Some(Counts::Category(Entrepreneur))),
        (
            line("+ Các cấp lãnh đạo khác từ phó phòng trở lên", codes[7], "Người"),
            Some(Counts::Category(OtherLeader)),
        ),
        (
            line(
                "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
                codes[8],
                "Người",
            ),
            Some(Counts::Category(DirectWorker)),
        ),
    ]
}

/// The lines counting awards by kind of commendation, with the form's codes.
fn kind_lines(codes: [&'static str; 7]) -> Vec<(Line, Option<Counts>)> {
    use CommendationKind::*;
    let kinds = [
        ("- Thường xuyên", Counts::Kind(Regular)),
        ("- Chuyên đề", Counts::Kind(Thematic)),
        ("- Đột xuất", Counts::Kind(Exceptional)),
        ("- Đối ngoại", Counts::Kind(ForeignAffairs)),
        ("- Cống hiến", Counts::Kind(Dedication)),
        ("- Niên hạn", Counts::Kind(Tenure)),
        ("- Kháng chiến", Counts::Unrecorded),
    ];
    kinds
        .into_iter()
        .zip(codes)
        .map(|((label, counts), code)| {
            (
                Line {
                    label: label.to_owned(),
                    code: Some(code),
                    unit: None,
                    values: Vec::new(),
                },
                Some(counts),
            )
        })
        .collect()
}

/// Fills each line: its count in each column, the first column being their total.
fn fill(
    heading: Heading,
    columns: Vec<Header>,
    numbers: Vec<String>,
    leaves: &[Leaf],
    lines: Vec<(Line, Option<Counts>)>,
    awards: &[Counted],
) -> Sheet {
    let lines = lines
        .into_iter()
        .map(|(mut line, counts)| {
            if let Some(counts) = counts {
                let mut values: Vec<i64> = leaves
                    .iter()
                    .map(|leaf| {
                        awards
                            .iter()
                            .filter(|a| {
                                leaf.individual.is_none_or(|i| i == a.individual)
                                    && leaf.codes.contains(&a.code.as_str())
                                    && counts.matches(a)
                            })
                            .count() as i64
                    })
                    .collect();
                values.insert(0, values.iter().sum());
                line.values = values;
            }
            line
        })
        .collect();
    Sheet {
        heading,
        unit_column: true,
        note: None,
        columns,
        numbers,
        lines,
    }
}

/// The columns of one award type: collectives and individuals as it is given to them.
fn by_recipient(code: &'static str, name: &str, leaves: &mut Vec<Leaf>) -> Header {
    let spec = crate::awards::catalogue::find(code);
    let (collective, individual) =
        spec.map_or((true, true), |s| (s.for_collective, s.for_individual));
    let mut children = Vec::new();
    if collective {
        children.push(Header::leaf("Tập thể"));
        leaves.push(Leaf {
            codes: vec![code],
            individual: Some(false),
        });
    }
    if individual {
        children.push(Header::leaf("Cá nhân"));
        leaves.push(Leaf {
            codes: vec![code],
            individual: Some(true),
        });
    }
    Header::group(name, children)
}

/// Biểu 0602.N/BNV-TĐKT: the State-level awards (of the President and the Prime Minister)
/// of the province's recipients.
pub async fn state_form<C: ConnectionTrait>(
    db: &C,
    provinces: &[i32],
    heading: Heading,
) -> AppResult<Sheet> {
    let scope = Condition::all().add(award::Column::ProvinceId.is_in(provinces.to_vec()));
    let awards = load(db, scope, &heading).await?;
    let mut leaves = Vec::new();
    let mut numbers = vec!["1".to_owned()];
    let mut parts = Vec::new();
    let mut part = |number: &str, codes: &[&'static str], leaves: &mut Vec<Leaf>| {
        let before = leaves.len();
        let children: Vec<Header> = codes
            .iter()
            .map(|code| {
                let name = crate::awards::catalogue::find(code).map_or(*code, |s| s.name);
                by_recipient(code, name, leaves)
            })
            .collect();
        numbers.extend(std::iter::repeat_n(
            number.to_owned(),
            leaves.len() - before,
        ));
        children
    };
    let orders: Vec<&'static str> = CATALOGUE
        .iter()
        .filter(|s| s.code.starts_with("HUAN_CHUONG_") || s.code.starts_with("HUY_CHUONG_"))
        .map(|s| s.code)
        .collect();
    let honours = [
        "TINH_ANH_HUNG",
        "THANH_PHO_ANH_HUNG",
        "BA_ME_VIET_NAM_ANH_HUNG",
        "ANH_HUNG_LUC_LUONG_VU_TRANG_NHAN_DAN",
        "ANH_HUNG_LAO_DONG",
        "NHA_GIAO_NHAN_DAN",
        "NHA_GIAO_UU_TU",
        "THAY_THUOC_NHAN_DAN",
        "THAY_THUOC_UU_TU",
        "NGHE_SI_NHAN_DAN",
        "NGHE_SI_UU_TU",
        "NGHE_NHAN_NHAN_DAN",
        "NGHE_NHAN_UU_TU",
    ];
    parts.push(Header::group(
        "Các loại huân chương, huy chương (mỗi hình thức khen thưởng ghi riêng một cột)",
        part("2", &orders, &mut leaves),
    ));
    parts.extend(part("3", &["GIAI_THUONG_HO_CHI_MINH"], &mut leaves));
    parts.extend(part("4", &["GIAI_THUONG_NHA_NUOC"], &mut leaves));
    parts.push(Header::group(
        "Danh hiệu vinh dự nhà nước (mỗi hình thức khen thưởng ghi riêng một cột)",
        part("5", &honours, &mut leaves),
    ));
    parts.extend(part("6", &["CO_THI_DUA_CHINH_PHU"], &mut leaves));
    parts.extend(part("7", &["BANG_KHEN_THU_TUONG"], &mut leaves));
    parts.extend(part("8", &["CHIEN_SI_THI_DUA_TOAN_QUOC"], &mut leaves));
    // Every other State-level type the catalogue holds (none at present).
    let listed: Vec<&str> = leaves.iter().flat_map(|l| l.codes.clone()).collect();
    let others: Vec<&'static str> = CATALOGUE
        .iter()
        .filter(|s| {
            matches!(
                s.conferrer,
                entity::enums::Conferrer::President | entity::enums::Conferrer::PrimeMinister
            ) && !listed.contains(&s.code)
        })
        .map(|s| s.code)
        .collect();
    parts.push(Header::group(
        "Các hình thức khen thưởng khác (mỗi hình thức khen thưởng ghi riêng một cột)",
        vec![Header::leaf("Tập thể"), Header::leaf("Cá nhân")],
    ));
    leaves.push(Leaf {
        codes: others.clone(),
        individual: Some(false),
    });
    leaves.push(Leaf {
        codes: others,
        individual: Some(true),
    });
    numbers.extend(["9".to_owned(), "9".to_owned()]);
    let columns = vec![Header::leaf("Tổng số"), Header::group("Chia ra", parts)];

    let mut lines: Vec<(Line, Option<Counts>)> = vec![
        (
            Line {
                label: "Tổng số".to_owned(),
                code: Some("01"),
                unit: None,
                values: Vec::new(),
            },
            Some(Counts::All),
        ),
        (
            Line::section(
                "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
            ),
            None,
        ),
        (
            Line {
                label: "- Bộ, ban, ngành, đoàn thể Trung ương".to_owned(),
                code: Some("02"),
                unit: Some("Bộ, ngành"),
                values: Vec::new(),
            },
            Some(Counts::Central),
        ),
        (
            Line {
                label: "- Tỉnh, thành phố trực thuộc Trung ương".to_owned(),
                code: Some("03"),
                unit: Some("Tỉnh, TP"),
                values: Vec::new(),
            },
            Some(Counts::Provincial),
        ),
        (Line::section("2. Chia theo đối tượng khen thưởng"), None),
    ];
    lines.extend(recipient_lines([
        "06", "07", "08", "09", "10", "11", "12", "13", "14",
    ]));
    lines.push((Line::section("3. Chia theo phương thức khen thưởng"), None));
    lines.extend(kind_lines(["15", "16", "17", "18", "19", "20", "21"]));
    Ok(fill(heading, columns, numbers, &leaves, lines, &awards))
}

/// Biểu 0603.N/BNV-TĐKT: the awards conferred by the province's own bodies (the Chairman's
/// certificates of merit, the provincial emulation fighters and flags, commemorative medals).
pub async fn provincial_form<C: ConnectionTrait>(
    db: &C,
    provinces: &[i32],
    heading: Heading,
) -> AppResult<Sheet> {
    let scope = Condition::all().add(decision::Column::ProvinceId.is_in(provinces.to_vec()));
    let awards = load(db, scope, &heading).await?;
    let columns_of: [(&str, &[&'static str]); 4] = [
        ("Bằng khen", &["BANG_KHEN_CHU_TICH_TINH", "BANG_KHEN_BO_NGANH"]),
        (
            "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
            &["CHIEN_SI_THI_DUA_TINH", "CHIEN_SI_THI_DUA_BO_NGANH"],
        ),
        (
            "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            &["CO_THI_DUA_TINH", "CO_THI_DUA_BO_NGANH"],
        ),
        (
            "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            &["KY_NIEM_CHUONG"],
        ),
    ];
    // Each printed column counts collectives and individuals alike.
    let mut children = Vec::new();
    let mut leaves = Vec::new();
    for (label, codes) in columns_of {
        children.push(Header::leaf(label));
        leaves.push(Leaf {
            codes: codes.to_vec(),
            individual: None,
        });
    }
    let numbers = ["1", "2", "3", "4", "5"].map(str::to_owned).to_vec();
    let columns = vec![Header::leaf("Tổng số"), Header::group("Chia ra", children)];
    let mut lines: Vec<(Line, Option<Counts>)> = vec![
        (
            Line {
                label: "Tổng số".to_owned(),
                code: Some("01"),
                unit: None,
                values: Vec::new(),
            },
            Some(Counts::All),
        ),
        (Line::section("1. Chia theo đối tượng khen thưởng"), None),
    ];
    lines.extend(recipient_lines([
        "02", "03", "04", "05", "06", "07", "08", "09", "10",
    ]));
    lines.push((Line::section("2. Chia theo phương thức khen thưởng"), None));
    lines.extend(kind_lines(["11", "12", "13", "14", "15", "16", "17"]));
    Ok(fill(heading, columns, numbers, &leaves, lines, &awards))
}
