//! Eligibility rules as data (shared/DOMAIN.md, Law 06/2022/QH15, Decree 98/2023/NĐ-CP).
//!
//! A rule is a row of `award_rule`: its kind, its parameters (JSON) and the year it applies
//! from; [`RULES`] is what `prepare` loads for every award type DOMAIN.md names, and a
//! province can change the rows without a release. [`evaluate`] checks a set of rules
//! against plain facts about a recipient and reports each check in Vietnamese and English.

use serde::{Deserialize, Serialize};

/// A rule, as stored (`kind` in its column, the rest in `params`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rule {
    /// Holds `award` the same year.
    HoldsInYear { award: String },
    /// Holds `award` in each of `years` consecutive years ending in the year assessed.
    Streak { award: String, years: u32 },
    /// Holds `award` at least `count` times within the `within_years` years ending in the
    /// year assessed (titles conferred every few years, such as the provincial emulation
    /// fighter).
    Times {
        award: String,
        count: u32,
        #[serde(rename = "withinYears")]
        within_years: u32,
    },
    /// At least `count` initiatives recognised at `scope` or wider within the `within_years`
    /// years ending in the year assessed.
    Initiative {
        scope: Scope,
        count: u32,
        #[serde(rename = "withinYears")]
        within_years: u32,
    },
    /// The collective led its cluster or bloc that year (rank 1 of a finalized ranking).
    LedCluster,
    /// At least `percent` % of the collective's members hold `award` that year.
    MembersShare { award: String, percent: u32 },
    /// At least `count` of the collective's members hold `award` that year.
    MembersAtLeast { award: String, count: u32 },
}

/// The scope an initiative is recognised at, narrowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scope {
    Unit,
    Provincial,
    National,
}

impl Scope {
    fn vi(self) -> &'static str {
        match self {
            Scope::Unit => "cấp cơ sở",
            Scope::Provincial => "cấp tỉnh",
            Scope::National => "toàn quốc",
        }
    }
    fn en(self) -> &'static str {
        match self {
            Scope::Unit => "unit",
            Scope::Provincial => "provincial",
            Scope::National => "national",
        }
    }
}

impl From<entity::enums::InitiativeScope> for Scope {
    fn from(scope: entity::enums::InitiativeScope) -> Self {
        match scope {
            entity::enums::InitiativeScope::Unit => Scope::Unit,
            entity::enums::InitiativeScope::Provincial => Scope::Provincial,
            entity::enums::InitiativeScope::National => Scope::National,
        }
    }
}

/// Which recipients a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecipientKind {
    Individual,
    Collective,
}

/// One rule of the catalogue: its key, the award type, the year it applies from, for which
/// recipients (all when `None`), and the rule.
#[derive(Clone, Copy)]
pub struct RuleSpec {
    /// The rule's stable name (see "Keys" at [`RULES`]).
    pub key: &'static str,
    pub award: &'static str,
    pub applies_from: i32,
    pub recipient: Option<RecipientKind>,
    pub rule: fn() -> Rule,
}

fn holds(award: &str) -> Rule {
    Rule::HoldsInYear {
        award: award.into(),
    }
}

/// The rules of DOMAIN.md. They apply from 2014 (the Law of 2003 as amended in 2013, whose
/// criteria the Law of 2022 and Decree 98/2023 kept for these titles). Not yet checkable,
/// for want of recorded ratings: the "excellent rating" alternatives and a collective's
/// "100 % of members complete their tasks"; the report does not claim them.
///
/// # Keys
/// Each rule has a key, stored in `award_rule.rule_key`, by which every start finds the
/// rule's row whatever its place in this list: `AWARD.YEAR.criterion`, where
/// - `AWARD` is the initials of the award type's code (`CHIEN_SI_THI_DUA_CO_SO` → `CSTDCS`);
/// - `YEAR` is `applies_from`, so that the rules of a new decree get keys of their own and
///   the rows of the version before stay, for the years before it;
/// - `criterion` says what the rule asks, in Vietnamese without accents, lowercase, words
///   joined by hyphens (`lao-dong-tien-tien`, `cstdcs-3-nam`).
///
/// A key is never changed nor reused. The loader only adds the rules whose key no row has
/// (`awards::store::sync_rules`) and never rewrites a row, because a province may have
/// edited it: a rule whose meaning changes ships as a new rule with a new key (normally
/// with a new `applies_from`), not as an edit of the old one.
///
/// Rows a province adds itself may have no key (NULL), or one of their own that begins
/// with the province's code and a slash (`CM/…`): shipped keys never hold a slash, so the
/// two cannot collide. Keys are unique across all rows.
pub const RULES: &[RuleSpec] = &[
    RuleSpec {
        key: "CSTDCS.2014.lao-dong-tien-tien",
        award: "CHIEN_SI_THI_DUA_CO_SO",
        applies_from: 2014,
        recipient: None,
        rule: || holds("LAO_DONG_TIEN_TIEN"),
    },
    RuleSpec {
        key: "CSTDCS.2014.sang-kien",
        award: "CHIEN_SI_THI_DUA_CO_SO",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::Initiative {
            scope: Scope::Unit,
            count: 1,
            within_years: 1,
        },
    },
    RuleSpec {
        key: "CSTDT.2014.cstdcs-3-nam",
        award: "CHIEN_SI_THI_DUA_TINH",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::Streak {
            award: "CHIEN_SI_THI_DUA_CO_SO".into(),
            years: 3,
        },
    },
    RuleSpec {
        key: "CSTDT.2014.sang-kien",
        award: "CHIEN_SI_THI_DUA_TINH",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::Initiative {
            scope: Scope::Provincial,
            count: 1,
            within_years: 3,
        },
    },
    RuleSpec {
        key: "CSTDTQ.2014.cstdt-2-lan",
        award: "CHIEN_SI_THI_DUA_TOAN_QUOC",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::Times {
            award: "CHIEN_SI_THI_DUA_TINH".into(),
            count: 2,
            within_years: 6,
        },
    },
    RuleSpec {
        key: "CSTDTQ.2014.sang-kien",
        award: "CHIEN_SI_THI_DUA_TOAN_QUOC",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::Initiative {
            scope: Scope::National,
            count: 1,
            within_years: 6,
        },
    },
    RuleSpec {
        key: "BKCTT.2014.ca-nhan-cstdcs-2-nam",
        award: "BANG_KHEN_CHU_TICH_TINH",
        applies_from: 2014,
        recipient: Some(RecipientKind::Individual),
        rule: || Rule::Streak {
            award: "CHIEN_SI_THI_DUA_CO_SO".into(),
            years: 2,
        },
    },
    RuleSpec {
        key: "TTLDXS.2014.thanh-vien-lao-dong-tien-tien",
        award: "TAP_THE_LAO_DONG_XUAT_SAC",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::MembersShare {
            award: "LAO_DONG_TIEN_TIEN".into(),
            percent: 70,
        },
    },
    RuleSpec {
        key: "TTLDXS.2014.thanh-vien-cstdcs",
        award: "TAP_THE_LAO_DONG_XUAT_SAC",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::MembersAtLeast {
            award: "CHIEN_SI_THI_DUA_CO_SO".into(),
            count: 1,
        },
    },
    RuleSpec {
        key: "CTDT.2014.dan-dau-cum",
        award: "CO_THI_DUA_TINH",
        applies_from: 2014,
        recipient: None,
        rule: || Rule::LedCluster,
    },
];

/// What is known about a recipient, for checking rules.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub kind: Option<RecipientKind>,
    /// Awards held (not revoked): award code and year.
    pub held: Vec<(String, i32)>,
    /// Awards held by predecessors that count for a collective under the province's policy
    /// (merger), with the note that says so.
    pub inherited: Vec<(String, i32)>,
    pub inherited_note: Option<(String, String)>,
    /// Recognised initiatives (persons): scope and year.
    pub initiatives: Vec<(Scope, i32)>,
    /// Years the collective ranked first in a finalized ranking.
    pub led_cluster_years: Vec<i32>,
    /// The collective's members' awards, one list per member.
    pub members: Vec<Vec<(String, i32)>>,
}

/// One check of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub rule: String,
    pub status: CheckStatus,
    pub detail: String,
    pub detail_en: String,
}

/// What a check found: met, not met, or not known (the facts it needs are not recorded, or
/// are not shown to this viewer). A check that could not be made never passes silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Passed,
    Failed,
    NotChecked,
}

impl CheckStatus {
    pub fn from_passed(passed: bool) -> Self {
        if passed {
            CheckStatus::Passed
        } else {
            CheckStatus::Failed
        }
    }

    /// The stored name (as the API spells it).
    pub fn name(self) -> &'static str {
        match self {
            CheckStatus::Passed => "PASSED",
            CheckStatus::Failed => "FAILED",
            CheckStatus::NotChecked => "NOT_CHECKED",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "PASSED" => Some(CheckStatus::Passed),
            "FAILED" => Some(CheckStatus::Failed),
            "NOT_CHECKED" => Some(CheckStatus::NotChecked),
            _ => None,
        }
    }
}

impl Check {
    /// Whether the check was made and met.
    pub fn passed(&self) -> bool {
        self.status == CheckStatus::Passed
    }
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a rule asks, for people (Vietnamese, English); award codes are named by `names`.
pub fn describe(rule: &Rule, names: &dyn Fn(&str) -> (String, String)) -> (String, String) {
    match rule {
        Rule::HoldsInYear { award } => (
            format!("Đạt {} cùng năm", names(award).0),
            format!("Holds {} the same year", names(award).1),
        ),
        Rule::Streak { award, years } => (
            format!("{years} năm liên tục đạt {}", names(award).0),
            format!("{years} consecutive years of {}", names(award).1),
        ),
        Rule::Times {
            award,
            count,
            within_years,
        } => (
            format!(
                "{count} lần đạt {} trong {within_years} năm",
                names(award).0
            ),
            format!(
                "{count} times {} within {within_years} years",
                names(award).1
            ),
        ),
        Rule::Initiative {
            scope,
            count,
            within_years,
        } => (
            format!(
                "{count} sáng kiến được công nhận {} trở lên trong {within_years} năm",
                scope.vi()
            ),
            format!(
                "{count} initiative(s) recognised at {} scope or wider within {within_years} years",
                scope.en()
            ),
        ),
        Rule::LedCluster => (
            "Dẫn đầu cụm, khối thi đua trong năm".into(),
            "Led its cluster or bloc that year".into(),
        ),
        Rule::MembersShare { award, percent } => (
            format!("Ít nhất {percent}% thành viên đạt {}", names(award).0),
            format!("At least {percent}% of members hold {}", names(award).1),
        ),
        Rule::MembersAtLeast { award, count } => (
            format!("Ít nhất {count} thành viên đạt {}", names(award).0),
            format!("At least {count} member(s) hold {}", names(award).1),
        ),
    }
}

/// Checks `rule` for the year assessed; `names` gives an award code's names (Vietnamese,
/// English), each used in its language's detail.
pub fn check(
    rule: &Rule,
    facts: &Facts,
    year: i32,
    names: &dyn Fn(&str) -> (String, String),
) -> Check {
    let with_inherited = |award: &str| -> Vec<i32> {
        let mut years: Vec<i32> = facts
            .held
            .iter()
            .chain(facts.inherited.iter())
            .filter(|(a, _)| a == award)
            .map(|(_, y)| *y)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    };
    let inherited_used = |award: &str, window: &[i32]| -> bool {
        facts
            .inherited
            .iter()
            .any(|(a, y)| a == award && window.contains(y))
    };
    let note = |used: bool| -> (String, String) {
        match (used, &facts.inherited_note) {
            (true, Some((vi, en))) => (format!(" ({vi})"), format!(" ({en})")),
            _ => (String::new(), String::new()),
        }
    };
    match rule {
        Rule::HoldsInYear { award } => {
            let passed = with_inherited(award).contains(&year);
            let (name, name_en) = names(award);
            Check {
                rule: "HOLDS_IN_YEAR".into(),
                status: CheckStatus::from_passed(passed),
                detail: if passed {
                    format!("{name} năm {year}")
                } else {
                    format!("Chưa có {name} năm {year}")
                },
                detail_en: if passed {
                    format!("{name_en} in {year}")
                } else {
                    format!("No {name_en} in {year}")
                },
            }
        }
        Rule::Streak { award, years } => {
            let window: Vec<i32> = (year - *years as i32 + 1..=year).collect();
            let held = with_inherited(award);
            let missing: Vec<i32> = window
                .iter()
                .copied()
                .filter(|y| !held.contains(y))
                .collect();
            let passed = missing.is_empty();
            let (name, name_en) = names(award);
            let (vi, en) = note(inherited_used(award, &window));
            Check {
                rule: "STREAK".into(),
                status: CheckStatus::from_passed(passed),
                detail: if passed {
                    format!("{years} năm liên tục {name}: {}{vi}", years_list(&window))
                } else {
                    format!(
                        "Chưa đủ {years} năm liên tục {name} ({}–{}): thiếu năm {}{vi}",
                        window[0],
                        year,
                        years_list(&missing)
                    )
                },
                detail_en: if passed {
                    format!(
                        "{years} consecutive years of {name_en}: {}{en}",
                        years_list(&window)
                    )
                } else {
                    format!(
                        "Not {years} consecutive years of {name_en} ({}–{}): missing {}{en}",
                        window[0],
                        year,
                        years_list(&missing)
                    )
                },
            }
        }
        Rule::Times {
            award,
            count,
            within_years,
        } => {
            let from = year - *within_years as i32 + 1;
            let held: Vec<i32> = with_inherited(award)
                .into_iter()
                .filter(|y| (from..=year).contains(y))
                .collect();
            let passed = held.len() as u32 >= *count;
            let (name, name_en) = names(award);
            Check {
                rule: "TIMES".into(),
                status: CheckStatus::from_passed(passed),
                detail: format!(
                    "{} lần {name} trong {from}–{year} (cần {count}){}",
                    held.len(),
                    if held.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", years_list(&held))
                    }
                ),
                detail_en: format!(
                    "{} times {name_en} in {from}–{year} (needs {count}){}",
                    held.len(),
                    if held.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", years_list(&held))
                    }
                ),
            }
        }
        Rule::Initiative {
            scope,
            count,
            within_years,
        } => {
            let from = year - *within_years as i32 + 1;
            let found: Vec<i32> = facts
                .initiatives
                .iter()
                .filter(|(s, y)| s >= scope && (from..=year).contains(y))
                .map(|(_, y)| *y)
                .collect();
            let passed = found.len() as u32 >= *count;
            let period = if *within_years == 1 {
                format!("năm {year}")
            } else {
                format!("{from}–{year}")
            };
            let period_en = if *within_years == 1 {
                format!("in {year}")
            } else {
                format!("in {from}–{year}")
            };
            Check {
                rule: "INITIATIVE".into(),
                status: CheckStatus::from_passed(passed),
                detail: format!(
                    "{} sáng kiến được công nhận {} trở lên {period} (cần {count})",
                    found.len(),
                    scope.vi()
                ),
                detail_en: format!(
                    "{} initiative(s) recognised at {} scope or wider {period_en} (needs {count})",
                    found.len(),
                    scope.en()
                ),
            }
        }
        Rule::LedCluster => {
            let passed = facts.led_cluster_years.contains(&year);
            Check {
                rule: "LED_CLUSTER".into(),
                status: CheckStatus::from_passed(passed),
                detail: if passed {
                    format!("Dẫn đầu cụm, khối thi đua năm {year}")
                } else {
                    format!("Không dẫn đầu cụm, khối thi đua nào năm {year}")
                },
                detail_en: if passed {
                    format!("Led its cluster or bloc in {year}")
                } else {
                    format!("Led no cluster or bloc in {year}")
                },
            }
        }
        Rule::MembersShare { award, percent } => {
            let total = facts.members.len();
            let holding = facts
                .members
                .iter()
                .filter(|m| m.iter().any(|(a, y)| a == award && *y == year))
                .count();
            let passed = total > 0 && holding * 100 >= *percent as usize * total;
            let (name, name_en) = names(award);
            Check {
                rule: "MEMBERS_SHARE".into(),
                status: CheckStatus::from_passed(passed),
                detail: format!(
                    "{holding}/{total} thành viên đạt {name} năm {year} (cần {percent}%)"
                ),
                detail_en: format!(
                    "{holding}/{total} members hold {name_en} in {year} (needs {percent}%)"
                ),
            }
        }
        Rule::MembersAtLeast { award, count } => {
            let holding = facts
                .members
                .iter()
                .filter(|m| m.iter().any(|(a, y)| a == award && *y == year))
                .count();
            let passed = holding as u32 >= *count;
            let (name, name_en) = names(award);
            Check {
                rule: "MEMBERS_AT_LEAST".into(),
                status: CheckStatus::from_passed(passed),
                detail: format!("{holding} thành viên đạt {name} năm {year} (cần {count})"),
                detail_en: format!("{holding} member(s) hold {name_en} in {year} (needs {count})"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str) -> (String, String) {
        match code {
            "CHIEN_SI_THI_DUA_CO_SO" => (
                "Chiến sĩ thi đua cơ sở".into(),
                "Grassroots Emulation Fighter".into(),
            ),
            "LAO_DONG_TIEN_TIEN" => ("Lao động tiên tiến".into(), "Advanced Worker".into()),
            other => (other.into(), other.into()),
        }
    }

    fn cstdcs(years: &[i32]) -> Vec<(String, i32)> {
        years
            .iter()
            .map(|y| ("CHIEN_SI_THI_DUA_CO_SO".to_owned(), *y))
            .collect()
    }

    fn streak3() -> Rule {
        Rule::Streak {
            award: "CHIEN_SI_THI_DUA_CO_SO".into(),
            years: 3,
        }
    }

    #[test]
    fn three_consecutive_years_pass_and_say_which() {
        let facts = Facts {
            held: cstdcs(&[2021, 2022, 2023]),
            ..Default::default()
        };
        let c = check(&streak3(), &facts, 2023, &names);
        assert!(c.passed());
        assert_eq!(
            c.detail,
            "3 năm liên tục Chiến sĩ thi đua cơ sở: 2021, 2022, 2023"
        );
        assert_eq!(
            c.detail_en,
            "3 consecutive years of Grassroots Emulation Fighter: 2021, 2022, 2023"
        );
    }

    #[test]
    fn a_gap_fails_and_names_the_missing_year() {
        let facts = Facts {
            held: cstdcs(&[2021, 2023]),
            ..Default::default()
        };
        let c = check(&streak3(), &facts, 2023, &names);
        assert!(!c.passed());
        assert!(c.detail.contains("thiếu năm 2022"), "{}", c.detail);
        assert!(c.detail_en.contains("missing 2022"));
    }

    #[test]
    fn initiatives_count_at_their_scope_or_wider_within_the_window() {
        let rule = Rule::Initiative {
            scope: Scope::Provincial,
            count: 1,
            within_years: 3,
        };
        let unit_only = Facts {
            initiatives: vec![(Scope::Unit, 2023)],
            ..Default::default()
        };
        assert!(!check(&rule, &unit_only, 2023, &names).passed());
        let national_old = Facts {
            initiatives: vec![(Scope::National, 2019)],
            ..Default::default()
        };
        assert!(!check(&rule, &national_old, 2023, &names).passed());
        let provincial = Facts {
            initiatives: vec![(Scope::Provincial, 2022)],
            ..Default::default()
        };
        assert!(check(&rule, &provincial, 2023, &names).passed());
    }

    #[test]
    fn members_share_and_led_cluster() {
        let ldtt = |n: usize| -> Vec<Vec<(String, i32)>> {
            (0..10)
                .map(|i| {
                    if i < n {
                        vec![("LAO_DONG_TIEN_TIEN".to_owned(), 2023)]
                    } else {
                        Vec::new()
                    }
                })
                .collect()
        };
        let rule = Rule::MembersShare {
            award: "LAO_DONG_TIEN_TIEN".into(),
            percent: 70,
        };
        assert!(check(
            &rule,
            &Facts {
                members: ldtt(7),
                ..Default::default()
            },
            2023,
            &names
        )
        .passed());
        assert!(!check(
            &rule,
            &Facts {
                members: ldtt(6),
                ..Default::default()
            },
            2023,
            &names
        )
        .passed());
        let led = Facts {
            led_cluster_years: vec![2020],
            ..Default::default()
        };
        assert!(check(&Rule::LedCluster, &led, 2020, &names).passed());
        assert!(!check(&Rule::LedCluster, &led, 2021, &names).passed());
    }

    #[test]
    fn a_predecessors_titles_count_only_when_given_and_the_detail_says_so() {
        let facts = Facts {
            held: vec![("X".into(), 2025)],
            inherited: vec![("X".into(), 2024)],
            inherited_note: Some((
                "kể cả đơn vị tiền thân".into(),
                "including predecessors".into(),
            )),
            ..Default::default()
        };
        let rule = Rule::Streak {
            award: "X".into(),
            years: 2,
        };
        let c = check(&rule, &facts, 2025, &names);
        assert!(c.passed());
        assert!(
            c.detail.ends_with("(kể cả đơn vị tiền thân)"),
            "{}",
            c.detail
        );
        let without = Facts {
            inherited: Vec::new(),
            inherited_note: None,
            ..facts
        };
        assert!(!check(&rule, &without, 2025, &names).passed());
    }

    #[test]
    fn keys_are_unique_and_name_the_award_the_year_and_the_criterion() {
        let mut seen = std::collections::HashMap::new();
        for spec in RULES {
            assert!(
                seen.insert(spec.key, spec.award).is_none(),
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
            assert_eq!(parts[0], initials, "{}", spec.key);
            assert_eq!(parts[1], spec.applies_from.to_string(), "{}", spec.key);
            assert!(
                !parts[2].is_empty()
                    && parts[2]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                spec.key
            );
            // The column holds 96 characters.
            assert!(spec.key.len() <= 96, "{}", spec.key);
        }
        // Two award codes with the same initials would need a longer abbreviation.
        let mut by_initials = std::collections::HashMap::new();
        for spec in RULES {
            let initials = spec.key.split('.').next().unwrap_or_default();
            let award = by_initials.entry(initials).or_insert(spec.award);
            assert_eq!(*award, spec.award, "{initials} names two award types");
        }
        assert_eq!(RULES[0].key, "CSTDCS.2014.lao-dong-tien-tien");
    }

    #[test]
    fn rules_round_trip_as_json_data() {
        for spec in RULES {
            let rule = (spec.rule)();
            let json = serde_json::to_value(&rule).unwrap();
            assert!(json["kind"].is_string());
            assert_eq!(serde_json::from_value::<Rule>(json).unwrap(), rule);
        }
        let stored: Rule = serde_json::from_str(
            r#"{"kind":"INITIATIVE","scope":"PROVINCIAL","count":1,"withinYears":3}"#,
        )
        .unwrap();
        assert_eq!(
            stored,
            Rule::Initiative {
                scope: Scope::Provincial,
                count: 1,
                within_years: 3
            }
        );
    }
}
