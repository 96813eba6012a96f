//! The rules shipped with thidua: the national defaults every province starts from, each
//! citing its legal basis and the years it applies to (shared/DOMAIN.md, "Eligibility
//! rules"). A province's board changes them for its province through the API
//! ([`super::rulebook`]); ADMIN changes the national ones.
//!
//! - For the years up to 2023: the rules of the Law of 2003 as amended in 2013 and Decree
//!   91/2017 (the keys `….2014.…`, as shipped before, now ending in 2023).
//! - From 2024: the Law on Emulation and Commendation 06/2022/QH15, detailed by Decree
//!   98/2023/NĐ-CP and, from 1 July 2025, by Decree 152/2025/NĐ-CP (which replaced it). The
//!   exclusions of Decree 152 Art. 4 (nothing pending) are checked by every report, not by a
//!   row (`super::eligibility`).
//!
//! Where an article's text could not be read against the original, the row's `source` says
//! so ("mặc định, tỉnh có thể sửa"): it is a default the province reviews.
//!
//! # Keys
//! `AWARD.YEAR.criterion`: `AWARD` the initials of the award type's code
//! (`CHIEN_SI_THI_DUA_CO_SO` → `CSTDCS`) or, for the national awards whose initials collide,
//! the code itself; `YEAR` the first year it applies to; `criterion` in Vietnamese without
//! accents, lowercase, hyphenated. A key is never changed nor reused; `sync_rules` adds the
//! keys no row has and never rewrites a row. A province's version of a rule carries the
//! province's code first (`CM/CSTDCS.2024.tieu-chuan`).

use super::catalogue::CATALOGUE;
use super::rules::{InitiativeKind, Rating, RecipientKind, Rule, Scope};
use entity::enums::AwardLevel;

/// A rule as shipped.
#[derive(Debug, Clone)]
pub struct Shipped {
    pub key: String,
    pub award: &'static str,
    pub applies_from: i32,
    pub applies_to: Option<i32>,
    /// The recipients it is for (all when `None`).
    pub recipient: Option<RecipientKind>,
    pub source: String,
    pub rule: Rule,
}

/// The basis of the rules before 2024.
pub const OLD_SOURCE: &str =
    "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP";

const LAW: &str = "Luật Thi đua, khen thưởng 06/2022/QH15";
const DEFAULT: &str = "chưa đối chiếu nguyên văn: mặc định, tỉnh có thể sửa";

fn holds(award: &str) -> Rule {
    Rule::HoldsInYear {
        award: award.into(),
    }
}

fn initiative(scope: Scope, count: u32, within_years: u32) -> Rule {
    Rule::Initiative {
        scope,
        count,
        within_years,
        kinds: Vec::new(),
        fresh: None,
    }
}

fn rating(min: Rating, years: u32) -> Rule {
    Rule::Rating { min, years }
}

fn judged(what: &str, what_en: &str) -> Rule {
    Rule::Judged {
        what: what.into(),
        what_en: what_en.into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn row(
    key: &str,
    award: &'static str,
    applies_from: i32,
    applies_to: Option<i32>,
    recipient: Option<RecipientKind>,
    source: String,
    rule: Rule,
) -> Shipped {
    Shipped {
        key: key.to_owned(),
        award,
        applies_from,
        applies_to,
        recipient,
        source,
        rule,
    }
}

/// Every rule shipped, in order.
pub fn shipped() -> Vec<Shipped> {
    let mut rules = before_2024();
    rules.extend(from_2024());
    rules
}

/// The rules for the years up to 2023, as shipped before the Law of 2022.
fn before_2024() -> Vec<Shipped> {
    let old = |key: &str, award: &'static str, recipient, rule| {
        row(
            key,
            award,
            2014,
            Some(2023),
            recipient,
            OLD_SOURCE.to_owned(),
            rule,
        )
    };
    let streak = |award: &str, years| Rule::Streak {
        award: award.into(),
        years,
        fresh: None,
    };
    vec![
        old(
            "CSTDCS.2014.lao-dong-tien-tien",
            "CHIEN_SI_THI_DUA_CO_SO",
            None,
            holds("LAO_DONG_TIEN_TIEN"),
        ),
        old(
            "CSTDCS.2014.sang-kien",
            "CHIEN_SI_THI_DUA_CO_SO",
            None,
            initiative(Scope::Unit, 1, 1),
        ),
        old(
            "CSTDT.2014.cstdcs-3-nam",
            "CHIEN_SI_THI_DUA_TINH",
            None,
            streak("CHIEN_SI_THI_DUA_CO_SO", 3),
        ),
        old(
            "CSTDT.2014.sang-kien",
            "CHIEN_SI_THI_DUA_TINH",
            None,
            initiative(Scope::Provincial, 1, 3),
        ),
        old(
            "CSTDTQ.2014.cstdt-2-lan",
            "CHIEN_SI_THI_DUA_TOAN_QUOC",
            None,
            Rule::Times {
                award: "CHIEN_SI_THI_DUA_TINH".into(),
                count: 2,
                within_years: 6,
                fresh: None,
            },
        ),
        old(
            "CSTDTQ.2014.sang-kien",
            "CHIEN_SI_THI_DUA_TOAN_QUOC",
            None,
            initiative(Scope::National, 1, 6),
        ),
        old(
            "BKCTT.2014.ca-nhan-cstdcs-2-nam",
            "BANG_KHEN_CHU_TICH_TINH",
            Some(RecipientKind::Individual),
            streak("CHIEN_SI_THI_DUA_CO_SO", 2),
        ),
        old(
            "TTLDXS.2014.thanh-vien-lao-dong-tien-tien",
            "TAP_THE_LAO_DONG_XUAT_SAC",
            None,
            Rule::MembersShare {
                award: "LAO_DONG_TIEN_TIEN".into(),
                percent: 70,
            },
        ),
        old(
            "TTLDXS.2014.thanh-vien-cstdcs",
            "TAP_THE_LAO_DONG_XUAT_SAC",
            None,
            Rule::MembersAtLeast {
                award: "CHIEN_SI_THI_DUA_CO_SO".into(),
                count: 1,
            },
        ),
        old(
            "CTDT.2014.dan-dau-cum",
            "CO_THI_DUA_TINH",
            None,
            Rule::LedCluster,
        ),
    ]
}

/// The rules from 2024 (Law 06/2022/QH15).
fn from_2024() -> Vec<Shipped> {
    let law = |article: &str, read: bool| {
        if read {
            format!("{LAW}, {article}")
        } else {
            format!("{LAW}, {article} ({DEFAULT})")
        }
    };
    let new = |key: &str, award: &'static str, recipient, source: String, rule| {
        row(key, award, 2024, None, recipient, source, rule)
    };
    let fresh_streak = |award: &str, years, fresh: &str| Rule::Streak {
        award: award.into(),
        years,
        fresh: Some(fresh.into()),
    };
    let fresh_initiative = |scope, within_years, fresh: &str| Rule::Initiative {
        scope,
        count: 1,
        within_years,
        kinds: Vec::new(),
        fresh: Some(fresh.into()),
    };
    let unit_work = |kind| Rule::Initiative {
        scope: Scope::Unit,
        count: 1,
        within_years: 1,
        kinds: vec![kind],
        fresh: None,
    };
    let all = |rules| Rule::AllOf { rules };
    let any = |rules| Rule::AnyOf { rules };
    let mut rules = vec![
        new(
            "LDTT.2024.tieu-chuan",
            "LAO_DONG_TIEN_TIEN",
            None,
            law(
                "Điều 24; tỉnh quy định chi tiết; không xét cá nhân mới tuyển dụng dưới 10 tháng (Nghị định 91/2017/NĐ-CP, Điều 10)",
                false,
            ),
            all(vec![
                rating(Rating::Good, 1),
                Rule::NoDiscipline,
                Rule::Served { months: 10 },
            ]),
        ),
        new(
            "CSTDCS.2024.tieu-chuan",
            "CHIEN_SI_THI_DUA_CO_SO",
            None,
            law("Điều 23", false),
            all(vec![
                holds("LAO_DONG_TIEN_TIEN"),
                any(vec![
                    rating(Rating::Excellent, 1),
                    unit_work(InitiativeKind::Initiative),
                    unit_work(InitiativeKind::ResearchProject),
                ]),
            ]),
        ),
        new(
            "CSTDT.2024.tieu-chuan",
            "CHIEN_SI_THI_DUA_TINH",
            None,
            law("Điều 22", false),
            all(vec![
                fresh_streak("CHIEN_SI_THI_DUA_CO_SO", 3, "CHIEN_SI_THI_DUA_TINH"),
                fresh_initiative(Scope::Provincial, 3, "CHIEN_SI_THI_DUA_TINH"),
            ]),
        ),
        new(
            "CSTDTQ.2024.tieu-chuan",
            "CHIEN_SI_THI_DUA_TOAN_QUOC",
            None,
            law("Điều 21", false),
            all(vec![
                Rule::Times {
                    award: "CHIEN_SI_THI_DUA_TINH".into(),
                    count: 2,
                    within_years: 6,
                    fresh: Some("CHIEN_SI_THI_DUA_TOAN_QUOC".into()),
                },
                fresh_initiative(Scope::National, 6, "CHIEN_SI_THI_DUA_TOAN_QUOC"),
            ]),
        ),
        new(
            "TTLDTT.2024.tieu-chuan",
            "TAP_THE_LAO_DONG_TIEN_TIEN",
            None,
            law("Điều 28", false),
            all(vec![
                rating(Rating::Good, 1),
                Rule::MembersShare {
                    award: "LAO_DONG_TIEN_TIEN".into(),
                    percent: 50,
                },
                judged(
                    "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên",
                    "no member disciplined with a warning or heavier",
                ),
            ]),
        ),
        new(
            "TTLDXS.2024.tieu-chuan",
            "TAP_THE_LAO_DONG_XUAT_SAC",
            None,
            law(
                "Điều 27, điểm a, c, d; điểm b, đ (phong trào thi đua, nội bộ đoàn kết) do Hội đồng đánh giá",
                true,
            ),
            all(vec![
                rating(Rating::Excellent, 1),
                Rule::MembersRated {
                    min: Rating::Completed,
                    percent: 100,
                },
                Rule::MembersShare {
                    award: "LAO_DONG_TIEN_TIEN".into(),
                    percent: 70,
                },
                Rule::MembersAtLeast {
                    award: "CHIEN_SI_THI_DUA_CO_SO".into(),
                    count: 1,
                },
            ]),
        ),
        new(
            "CTDT.2024.tieu-chuan",
            "CO_THI_DUA_TINH",
            None,
            law("Điều 26 khoản 1", false),
            all(vec![Rule::LedCluster, rating(Rating::Excellent, 1)]),
        ),
        new(
            "GK.2024.tieu-chuan",
            "GIAY_KHEN",
            None,
            law("Điều 75", false),
            any(vec![
                rating(Rating::Good, 1),
                judged(
                    "thành tích trong phong trào thi đua, hoặc thành tích đột xuất",
                    "an achievement in an emulation movement, or an exceptional one",
                ),
            ]),
        ),
        new(
            "BKCTT.2024.ca-nhan",
            "BANG_KHEN_CHU_TICH_TINH",
            Some(RecipientKind::Individual),
            law("Điều 74 khoản 1 (điểm d đã đối chiếu; các điểm khác mặc định, tỉnh có thể sửa)", true),
            any(vec![
                Rule::Streak {
                    award: "CHIEN_SI_THI_DUA_CO_SO".into(),
                    years: 2,
                    fresh: None,
                },
                all(vec![rating(Rating::Excellent, 2), initiative(Scope::Unit, 2, 2)]),
                judged(
                    "thành tích xuất sắc trong phong trào thi đua, thành tích đột xuất, hoặc thành tích cả quá trình",
                    "an outstanding achievement in a movement, an exceptional achievement, or an achievement over a period",
                ),
            ]),
        ),
        new(
            "BKCTT.2024.tap-the",
            "BANG_KHEN_CHU_TICH_TINH",
            Some(RecipientKind::Collective),
            law("Điều 74 khoản 2", false),
            any(vec![
                rating(Rating::Excellent, 2),
                judged(
                    "thành tích xuất sắc trong phong trào thi đua, hoặc thành tích đột xuất",
                    "an outstanding achievement in a movement, or an exceptional achievement",
                ),
            ]),
        ),
    ];
    // The national awards other than the national emulation fighter are decided at the
    // centre; the province proposes them, and the report says it cannot judge them.
    for spec in CATALOGUE {
        if spec.level != AwardLevel::National || spec.code == "CHIEN_SI_THI_DUA_TOAN_QUOC" {
            continue;
        }
        rules.push(new(
            &format!("{}.2024.xet-o-trung-uong", spec.code),
            spec.code,
            None,
            format!("{LAW}; tiêu chuẩn do cơ quan trung ương xét ({DEFAULT})"),
            judged(
                "tiêu chuẩn do bộ, ngành, Chính phủ hoặc Chủ tịch nước xét; tỉnh chỉ đề nghị",
                "the criteria are judged by the ministry, the Government or the President; the province only proposes",
            ),
        ));
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn keys_are_unique_and_name_the_award_the_year_and_the_criterion() {
        let mut seen = HashMap::new();
        for spec in shipped() {
            assert!(
                seen.insert(spec.key.clone(), spec.award).is_none(),
                "{} twice",
                spec.key
            );
            let initials: String = spec
                .award
                .split('_')
                .filter_map(|word| word.chars().next())
                .collect();
            let parts: Vec<&str> = spec.key.split('.').collect();
            assert_eq!(parts.len(), 3, "{}", spec.key);
            assert!(
                parts[0] == initials || parts[0] == spec.award,
                "{}",
                spec.key
            );
            assert_eq!(parts[1], spec.applies_from.to_string(), "{}", spec.key);
            assert!(
                !parts[2].is_empty()
                    && parts[2]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                spec.key
            );
            assert!(
                spec.key.len() <= 96 && !spec.key.contains('/'),
                "{}",
                spec.key
            );
            assert!(!spec.source.is_empty(), "{}", spec.key);
        }
        let mut by_prefix = HashMap::new();
        for spec in shipped() {
            let prefix = spec.key.split('.').next().unwrap_or_default().to_owned();
            let award = by_prefix.entry(prefix.clone()).or_insert(spec.award);
            assert_eq!(*award, spec.award, "{prefix} names two award types");
        }
    }

    #[test]
    fn every_award_type_has_rules_from_2024_and_all_are_valid() {
        let rules = shipped();
        let known = |code: &str| CATALOGUE.iter().any(|s| s.code == code);
        for spec in CATALOGUE {
            assert!(
                rules
                    .iter()
                    .any(|r| r.award == spec.code && r.applies_from == 2024),
                "{} has no rule from 2024",
                spec.code
            );
        }
        for r in &rules {
            assert!(
                super::super::rules::problems(&r.rule, &known).is_empty(),
                "{}",
                r.key
            );
            assert!(r.applies_to.is_none_or(|to| to >= r.applies_from));
        }
    }

    #[test]
    fn the_old_rules_end_where_the_law_of_2022_begins() {
        for r in shipped() {
            if r.applies_from < 2024 {
                assert_eq!(r.applies_to, Some(2023), "{}", r.key);
            } else {
                assert_eq!(r.applies_to, None, "{}", r.key);
            }
        }
    }
}
