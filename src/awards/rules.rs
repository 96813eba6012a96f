//! Eligibility rules as data (shared/DOMAIN.md; Law 06/2022/QH15, Decree 152/2025/NĐ-CP, and
//! before 2024 the Law of 2003 as amended in 2013).
//!
//! A rule is a small tree: all of, any of, or one check. It is stored in a row of
//! `award_rule` (its kind in a column, the rest as JSON), with the years it applies to and its
//! legal basis; the rules shipped are in [`super::law`], and a province's board edits its own
//! versions through the API ([`super::rulebook`]). [`check`] judges a rule against plain
//! facts about a recipient and reports each check in Vietnamese and English; a check the facts
//! cannot decide is `NOT_CHECKED`, never passed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::performance::{Discipline, DisciplineKind, Rating};
pub use entity::enums::InitiativeKind;

/// A rule, as stored (`kind` in its column, the rest in `params`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rule {
    /// Every one of `rules`.
    AllOf { rules: Vec<Rule> },
    /// At least one of `rules` (alternatives: any one suffices).
    AnyOf { rules: Vec<Rule> },
    /// Holds `award` the same year.
    HoldsInYear { award: String },
    /// Holds `award` in each of `years` consecutive years ending in the year assessed; with
    /// `fresh`, none of them may be a year already used by an earlier `fresh` award (years up
    /// to that award's year count once).
    Streak {
        award: String,
        years: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fresh: Option<String>,
    },
    /// Holds `award` at least `count` times within the `within_years` years ending in the
    /// year assessed (titles conferred every few years); `fresh` as for [`Rule::Streak`].
    Times {
        award: String,
        count: u32,
        #[serde(rename = "withinYears")]
        within_years: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fresh: Option<String>,
    },
    /// At least `count` initiatives recognised at `scope` or wider within the `within_years`
    /// years ending in the year assessed, of the given `kinds` (all kinds when empty);
    /// `fresh` as for [`Rule::Streak`].
    Initiative {
        scope: Scope,
        count: u32,
        #[serde(rename = "withinYears")]
        within_years: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kinds: Vec<InitiativeKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fresh: Option<String>,
    },
    /// Rated at least `min` in each of `years` consecutive years ending in the year assessed.
    Rating {
        min: Rating,
        #[serde(default = "one")]
        years: u32,
    },
    /// The collective led a cluster or bloc the province organises that year (rank 1 of a
    /// finalized ranking).
    LedCluster,
    /// At least `percent` % of the collective's members hold `award` that year.
    MembersShare { award: String, percent: u32 },
    /// At least `count` of the collective's members hold `award` that year.
    MembersAtLeast { award: String, count: u32 },
    /// At least `percent` % of the collective's members are rated at least `min` that year.
    MembersRated { min: Rating, percent: u32 },
    /// No discipline in force on any day of the year assessed.
    NoDiscipline,
    /// The person was recruited at least `months` months before the end of the year
    /// assessed.
    Served { months: u32 },
    /// A criterion the data cannot decide: always `NOT_CHECKED`, for the council to judge.
    Judged {
        what: String,
        #[serde(rename = "whatEn")]
        what_en: String,
    },
}

fn one() -> u32 {
    1
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

fn kind_vi(kind: InitiativeKind) -> &'static str {
    match kind {
        InitiativeKind::Initiative => "sáng kiến",
        InitiativeKind::ResearchProject => "đề tài khoa học đã nghiệm thu",
    }
}

fn kind_en(kind: InitiativeKind) -> &'static str {
    match kind {
        InitiativeKind::Initiative => "initiative(s)",
        InitiativeKind::ResearchProject => "accepted research project(s)",
    }
}

/// Which recipients a rule is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecipientKind {
    Individual,
    Collective,
}

/// A member of a collective during the year assessed.
#[derive(Debug, Clone, Default)]
pub struct Member {
    /// Awards held (not revoked): award code and year.
    pub held: Vec<(String, i32)>,
    /// The member's rating of the year assessed, if recorded.
    pub rating: Option<Rating>,
}

/// What is known about a recipient, for checking rules. `None` in an optional fact means
/// that the viewer may not see it: the checks that need it are `NOT_CHECKED`.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub kind: Option<RecipientKind>,
    /// Awards held (not revoked): award code and year.
    pub held: Vec<(String, i32)>,
    /// Awards held by predecessors that count for a collective under the province's policy
    /// (merger), with the note that says so.
    pub inherited: Vec<(String, i32)>,
    pub inherited_note: Option<(String, String)>,
    /// Recognised initiatives and research projects (persons): scope, kind and year.
    pub initiatives: Vec<(Scope, InitiativeKind, i32)>,
    /// Years the collective ranked first in a finalized ranking of a cluster or bloc its
    /// province organises.
    pub led_cluster_years: Vec<i32>,
    /// Yearly ratings, year → rating.
    pub ratings: Option<BTreeMap<i32, Rating>>,
    /// Discipline, inspections, investigations and complaints.
    pub disciplines: Option<Vec<Discipline>>,
    /// The day the person was recruited: `Some(None)` when not recorded.
    pub recruited_on: Option<Option<chrono::NaiveDate>>,
    /// A collective's members during the year assessed.
    pub members: Option<Vec<Member>>,
    /// Whether the members' ratings are shown (they are private facts of persons).
    pub members_rated: bool,
}

/// One check of a report; a rule of several checks has them as `parts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub rule: String,
    pub status: CheckStatus,
    pub detail: String,
    pub detail_en: String,
    pub parts: Vec<Check>,
    /// The legal basis (set on the check of a rule row, and on the report's own checks).
    pub source: Option<String>,
    /// The rule row's key and version the check used.
    pub rule_key: Option<String>,
    pub rule_version: Option<i32>,
}

impl Check {
    pub fn new(
        rule: &str,
        status: CheckStatus,
        detail: impl Into<String>,
        detail_en: impl Into<String>,
    ) -> Check {
        Check {
            rule: rule.to_owned(),
            status,
            detail: detail.into(),
            detail_en: detail_en.into(),
            parts: Vec::new(),
            source: None,
            rule_key: None,
            rule_version: None,
        }
    }

    fn passed_if(rule: &str, passed: bool, detail: String, detail_en: String) -> Check {
        Check::new(rule, CheckStatus::from_passed(passed), detail, detail_en)
    }

    /// Whether the check was made and met.
    pub fn passed(&self) -> bool {
        self.status == CheckStatus::Passed
    }

    /// The checks that decide a failure: the failed leaves under this check (itself, when
    /// it has no parts).
    pub fn failures(&self) -> Vec<&Check> {
        if self.status != CheckStatus::Failed {
            return Vec::new();
        }
        if self.parts.is_empty() {
            return vec![self];
        }
        self.parts.iter().flat_map(Check::failures).collect()
    }

    /// This check citing `source`.
    pub fn citing(mut self, source: &str) -> Check {
        self.source = Some(source.to_owned());
        self
    }
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

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A code's names (Vietnamese, English).
pub type Names<'a> = &'a (dyn Fn(&str) -> (String, String) + Sync);

/// What a rule asks, for people (Vietnamese, English); award codes are named by `names`.
pub fn describe(rule: &Rule, names: Names) -> (String, String) {
    let join = |rules: &[Rule], vi_sep: &str, en_sep: &str| {
        let parts: Vec<(String, String)> = rules.iter().map(|r| describe(r, names)).collect();
        (
            parts
                .iter()
                .map(|p| p.0.as_str())
                .collect::<Vec<_>>()
                .join(vi_sep),
            parts
                .iter()
                .map(|p| p.1.as_str())
                .collect::<Vec<_>>()
                .join(en_sep),
        )
    };
    match rule {
        Rule::AllOf { rules } => {
            let (vi, en) = join(rules, "; và ", "; and ");
            (format!("({vi})"), format!("({en})"))
        }
        Rule::AnyOf { rules } => {
            let (vi, en) = join(rules, "; hoặc ", "; or ");
            (format!("Một trong: ({vi})"), format!("One of: ({en})"))
        }
        Rule::HoldsInYear { award } => (
            format!("Đạt {} cùng năm", names(award).0),
            format!("Holds {} the same year", names(award).1),
        ),
        Rule::Streak { award, years, .. } => (
            format!("{years} năm liên tục đạt {}", names(award).0),
            format!("{years} consecutive years of {}", names(award).1),
        ),
        Rule::Times {
            award,
            count,
            within_years,
            ..
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
            kinds,
            ..
        } => {
            let (what, what_en) = kinds_words(kinds);
            (
                format!(
                    "{count} {what} được công nhận {} trở lên trong {within_years} năm",
                    scope.vi()
                ),
                format!(
                    "{count} {what_en} recognised at {} scope or wider within {within_years} years",
                    scope.en()
                ),
            )
        }
        Rule::Rating { min, years } => (
            format!("{years} năm liên tục xếp loại từ {} trở lên", min.vi()),
            format!("Rated at least \"{}\" {years} year(s) running", min.en()),
        ),
        Rule::LedCluster => (
            "Dẫn đầu cụm, khối thi đua do tỉnh tổ chức trong năm".into(),
            "Led a cluster or bloc the province organises that year".into(),
        ),
        Rule::MembersShare { award, percent } => (
            format!("Ít nhất {percent}% thành viên đạt {}", names(award).0),
            format!("At least {percent}% of members hold {}", names(award).1),
        ),
        Rule::MembersAtLeast { award, count } => (
            format!("Ít nhất {count} thành viên đạt {}", names(award).0),
            format!("At least {count} member(s) hold {}", names(award).1),
        ),
        Rule::MembersRated { min, percent } => (
            format!(
                "Ít nhất {percent}% thành viên xếp loại từ {} trở lên",
                min.vi()
            ),
            format!(
                "At least {percent}% of members rated at least \"{}\"",
                min.en()
            ),
        ),
        Rule::NoDiscipline => (
            "Không bị kỷ luật trong năm".into(),
            "No discipline during the year".into(),
        ),
        Rule::Served { months } => (
            format!("Được tuyển dụng từ {months} tháng trở lên tính đến cuối năm"),
            format!("Recruited at least {months} months before the year's end"),
        ),
        Rule::Judged { what, what_en } => (
            format!("Hội đồng đánh giá: {what}"),
            format!("For the council to judge: {what_en}"),
        ),
    }
}

fn kinds_words(kinds: &[InitiativeKind]) -> (String, String) {
    if kinds.is_empty() {
        return (
            "sáng kiến hoặc đề tài khoa học".into(),
            "initiative(s) or research project(s)".into(),
        );
    }
    (
        kinds
            .iter()
            .map(|k| kind_vi(*k))
            .collect::<Vec<_>>()
            .join(" hoặc "),
        kinds
            .iter()
            .map(|k| kind_en(*k))
            .collect::<Vec<_>>()
            .join(" or "),
    )
}

/// What is wrong with a rule a board wants to store, in English and Vietnamese; empty when
/// nothing is. `known` tells whether an award code exists.
pub fn problems(rule: &Rule, known: &dyn Fn(&str) -> bool) -> Vec<(String, String)> {
    let mut found = Vec::new();
    walk_problems(rule, known, 1, &mut found);
    found
}

/// The deepest tree a rule may be, and the most branches of one node.
pub const MAX_DEPTH: usize = 4;
pub const MAX_BRANCHES: usize = 12;

fn walk_problems(
    rule: &Rule,
    known: &dyn Fn(&str) -> bool,
    depth: usize,
    found: &mut Vec<(String, String)>,
) {
    let mut awards: Vec<&str> = Vec::new();
    let mut numbers: Vec<(u32, u32, u32)> = Vec::new(); // value, min, max
    match rule {
        Rule::AllOf { rules } | Rule::AnyOf { rules } => {
            if depth >= MAX_DEPTH {
                found.push((
                    format!("A rule nests at most {MAX_DEPTH} levels."),
                    format!("Một tiêu chuẩn lồng nhau tối đa {MAX_DEPTH} cấp."),
                ));
                return;
            }
            if rules.is_empty() || rules.len() > MAX_BRANCHES {
                found.push((
                    format!("ALL_OF and ANY_OF take 1 to {MAX_BRANCHES} rules."),
                    format!("ALL_OF và ANY_OF gồm từ 1 đến {MAX_BRANCHES} điều kiện."),
                ));
            }
            for r in rules {
                walk_problems(r, known, depth + 1, found);
            }
            return;
        }
        Rule::HoldsInYear { award } => awards.push(award),
        Rule::Streak {
            award,
            years,
            fresh,
            ..
        } => {
            awards.push(award);
            awards.extend(fresh.as_deref());
            numbers.push((*years, 1, 20));
        }
        Rule::Times {
            award,
            count,
            within_years,
            fresh,
        } => {
            awards.push(award);
            awards.extend(fresh.as_deref());
            numbers.push((*count, 1, 20));
            numbers.push((*within_years, 1, 30));
        }
        Rule::Initiative {
            count,
            within_years,
            fresh,
            ..
        } => {
            awards.extend(fresh.as_deref());
            numbers.push((*count, 1, 20));
            numbers.push((*within_years, 1, 30));
        }
        Rule::Rating { years, .. } => numbers.push((*years, 1, 20)),
        Rule::MembersShare { award, percent } => {
            awards.push(award);
            numbers.push((*percent, 1, 100));
        }
        Rule::MembersAtLeast { award, count } => {
            awards.push(award);
            numbers.push((*count, 1, 10_000));
        }
        Rule::MembersRated { percent, .. } => numbers.push((*percent, 1, 100)),
        Rule::Served { months } => numbers.push((*months, 1, 120)),
        Rule::LedCluster | Rule::NoDiscipline => {}
        Rule::Judged { what, what_en } => {
            for text in [what, what_en] {
                let n = text.trim().chars().count();
                if n == 0 || n > 500 {
                    found.push((
                        "JUDGED says what the council judges, in 1 to 500 characters (what, whatEn).".into(),
                        "JUDGED nêu nội dung Hội đồng đánh giá, từ 1 đến 500 ký tự (what, whatEn).".into(),
                    ));
                }
            }
        }
    }
    for code in awards {
        if !known(code) {
            found.push((
                format!("No award type has the code {code}."),
                format!("Không có loại khen thưởng mã {code}."),
            ));
        }
    }
    for (value, min, max) in numbers {
        if value < min || value > max {
            found.push((
                format!("{value} is out of range ({min} to {max})."),
                format!("{value} nằm ngoài khoảng cho phép (từ {min} đến {max})."),
            ));
        }
    }
}

/// Checks `rule` for the year assessed; `names` gives an award code's names (Vietnamese,
/// English), each used in its language's detail.
pub fn check(rule: &Rule, facts: &Facts, year: i32, names: Names) -> Check {
    Judge { facts, year, names }.check(rule)
}

struct Judge<'a> {
    facts: &'a Facts,
    year: i32,
    names: Names<'a>,
}

/// The text a check says when the viewer may not see the facts it needs.
fn withheld(rule: &str, what: &str, what_en: &str) -> Check {
    Check::new(
        rule,
        CheckStatus::NotChecked,
        format!("Không công khai: {what} chỉ người có quyền được xem"),
        format!("Not shown: {what_en} are shown to authorised viewers only"),
    )
}

impl Judge<'_> {
    fn check(&self, rule: &Rule) -> Check {
        let year = self.year;
        match rule {
            Rule::AllOf { rules } => self.combine("ALL_OF", rules, true),
            Rule::AnyOf { rules } => self.combine("ANY_OF", rules, false),
            Rule::HoldsInYear { award } => {
                let passed = self.with_inherited(award).contains(&year);
                let (name, name_en) = (self.names)(award);
                Check::passed_if(
                    "HOLDS_IN_YEAR",
                    passed,
                    if passed {
                        format!("{name} năm {year}")
                    } else {
                        format!("Chưa có {name} năm {year}")
                    },
                    if passed {
                        format!("{name_en} in {year}")
                    } else {
                        format!("No {name_en} in {year}")
                    },
                )
            }
            Rule::Streak {
                award,
                years,
                fresh,
            } => self.streak(award, *years, fresh.as_deref()),
            Rule::Times {
                award,
                count,
                within_years,
                fresh,
            } => self.times(award, *count, *within_years, fresh.as_deref()),
            Rule::Initiative {
                scope,
                count,
                within_years,
                kinds,
                fresh,
            } => self.initiative(*scope, *count, *within_years, kinds, fresh.as_deref()),
            Rule::Rating { min, years } => self.rating(*min, *years),
            Rule::LedCluster => {
                let passed = self.facts.led_cluster_years.contains(&year);
                Check::passed_if(
                    "LED_CLUSTER",
                    passed,
                    if passed {
                        format!("Dẫn đầu cụm, khối thi đua do tỉnh tổ chức năm {year}")
                    } else {
                        format!("Không dẫn đầu cụm, khối thi đua nào do tỉnh tổ chức năm {year}")
                    },
                    if passed {
                        format!("Led a cluster or bloc the province organises in {year}")
                    } else {
                        format!("Led no cluster or bloc the province organises in {year}")
                    },
                )
            }
            Rule::MembersShare { award, percent } => {
                let Some(members) = &self.facts.members else {
                    return withheld("MEMBERS_SHARE", "thành viên", "a unit's members");
                };
                let total = members.len();
                let holding = members.iter().filter(|m| self.holds(m, award)).count();
                let passed = total > 0 && holding * 100 >= *percent as usize * total;
                let (name, name_en) = (self.names)(award);
                Check::passed_if(
                    "MEMBERS_SHARE",
                    passed,
                    format!("{holding}/{total} thành viên đạt {name} năm {year} (cần {percent}%)"),
                    format!(
                        "{holding}/{total} members hold {name_en} in {year} (needs {percent}%)"
                    ),
                )
            }
            Rule::MembersAtLeast { award, count } => {
                let Some(members) = &self.facts.members else {
                    return withheld("MEMBERS_AT_LEAST", "thành viên", "a unit's members");
                };
                let holding = members.iter().filter(|m| self.holds(m, award)).count();
                let (name, name_en) = (self.names)(award);
                Check::passed_if(
                    "MEMBERS_AT_LEAST",
                    holding as u32 >= *count,
                    format!("{holding} thành viên đạt {name} năm {year} (cần {count})"),
                    format!("{holding} member(s) hold {name_en} in {year} (needs {count})"),
                )
            }
            Rule::MembersRated { min, percent } => self.members_rated(*min, *percent),
            Rule::NoDiscipline => {
                let Some(records) = &self.facts.disciplines else {
                    return withheld("NO_DISCIPLINE", "hồ sơ kỷ luật", "discipline records");
                };
                let found: Vec<&Discipline> = records
                    .iter()
                    .filter(|d| d.kind == DisciplineKind::Discipline && d.overlaps_year(year))
                    .collect();
                match found.first() {
                    None => Check::passed_if(
                        "NO_DISCIPLINE",
                        true,
                        format!("Không có quyết định kỷ luật nào được ghi nhận trong năm {year}"),
                        format!("No discipline recorded in {year}"),
                    ),
                    Some(d) => Check::passed_if(
                        "NO_DISCIPLINE",
                        false,
                        format!(
                            "Bị kỷ luật trong năm {year} (từ {}): {}",
                            d.start_on, d.description
                        ),
                        format!(
                            "Under discipline in {year} (from {}): {}",
                            d.start_on, d.description
                        ),
                    ),
                }
            }
            Rule::Served { months } => self.served(*months),
            Rule::Judged { what, what_en } => Check::new(
                "JUDGED",
                CheckStatus::NotChecked,
                format!("Hội đồng thi đua, khen thưởng đánh giá: {what}"),
                format!("For the emulation and commendation council to judge: {what_en}"),
            ),
        }
    }

    fn combine(&self, name: &str, rules: &[Rule], all: bool) -> Check {
        let parts: Vec<Check> = rules.iter().map(|r| self.check(r)).collect();
        let count = |s: CheckStatus| parts.iter().filter(|p| p.status == s).count();
        let (passed, failed, open) = (
            count(CheckStatus::Passed),
            count(CheckStatus::Failed),
            count(CheckStatus::NotChecked),
        );
        let status = if all {
            if failed > 0 {
                CheckStatus::Failed
            } else if open > 0 {
                CheckStatus::NotChecked
            } else {
                CheckStatus::Passed
            }
        } else if passed > 0 {
            CheckStatus::Passed
        } else if open > 0 {
            CheckStatus::NotChecked
        } else {
            CheckStatus::Failed
        };
        let n = parts.len();
        let (detail, detail_en) = if all {
            (
                format!("Đáp ứng tất cả {n} điều kiện: {passed} đạt, {failed} chưa đạt, {open} chưa kiểm tra được"),
                format!("All of {n} conditions: {passed} met, {failed} not met, {open} not checked"),
            )
        } else {
            (
                format!("Đáp ứng một trong {n} điều kiện: {passed} đạt, {failed} chưa đạt, {open} chưa kiểm tra được"),
                format!("Any one of {n} conditions: {passed} met, {failed} not met, {open} not checked"),
            )
        };
        Check {
            parts,
            ..Check::new(name, status, detail, detail_en)
        }
    }

    fn with_inherited(&self, award: &str) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .facts
            .held
            .iter()
            .chain(self.facts.inherited.iter())
            .filter(|(a, _)| a == award)
            .map(|(_, y)| *y)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    fn inherited_note(&self, award: &str, window: &[i32]) -> (String, String) {
        let used = self
            .facts
            .inherited
            .iter()
            .any(|(a, y)| a == award && window.contains(y));
        match (used, &self.facts.inherited_note) {
            (true, Some((vi, en))) => (format!(" ({vi})"), format!(" ({en})")),
            _ => (String::new(), String::new()),
        }
    }

    fn holds(&self, member: &Member, award: &str) -> bool {
        member
            .held
            .iter()
            .any(|(a, y)| a == award && *y == self.year)
    }

    /// The year of the latest `fresh` award before the year assessed: years up to it were
    /// used by it.
    fn used_until(&self, fresh: Option<&str>) -> Option<(i32, String, String)> {
        let fresh = fresh?;
        let last = self
            .with_inherited(fresh)
            .into_iter()
            .filter(|y| *y < self.year)
            .max()?;
        let (name, name_en) = (self.names)(fresh);
        Some((last, name, name_en))
    }

    fn used_note(used: &Option<(i32, String, String)>) -> (String, String) {
        match used {
            Some((y, name, name_en)) => (
                format!("; các năm đến {y} đã dùng cho {name} năm {y}, không tính lại"),
                format!("; years up to {y} were used for {name_en} {y} and do not count again"),
            ),
            None => (String::new(), String::new()),
        }
    }

    fn streak(&self, award: &str, years: u32, fresh: Option<&str>) -> Check {
        let year = self.year;
        let window: Vec<i32> = (year - years as i32 + 1..=year).collect();
        let used = self.used_until(fresh);
        let held = self.with_inherited(award);
        let missing: Vec<i32> = window
            .iter()
            .copied()
            .filter(|y| !held.contains(y) || used.as_ref().is_some_and(|(u, _, _)| y <= u))
            .collect();
        let passed = missing.is_empty();
        let (name, name_en) = (self.names)(award);
        let (vi, en) = self.inherited_note(award, &window);
        let (used_vi, used_en) = Self::used_note(&used);
        Check::passed_if(
            "STREAK",
            passed,
            if passed {
                format!("{years} năm liên tục {name}: {}{vi}", years_list(&window))
            } else {
                format!(
                    "Chưa đủ {years} năm liên tục {name} ({}–{year}): thiếu năm {}{vi}{used_vi}",
                    window[0],
                    years_list(&missing)
                )
            },
            if passed {
                format!(
                    "{years} consecutive years of {name_en}: {}{en}",
                    years_list(&window)
                )
            } else {
                format!(
                    "Not {years} consecutive years of {name_en} ({}–{year}): missing {}{en}{used_en}",
                    window[0],
                    years_list(&missing)
                )
            },
        )
    }

    fn times(&self, award: &str, count: u32, within_years: u32, fresh: Option<&str>) -> Check {
        let year = self.year;
        let used = self.used_until(fresh);
        let from =
            (year - within_years as i32 + 1).max(used.as_ref().map_or(i32::MIN, |u| u.0 + 1));
        let held: Vec<i32> = self
            .with_inherited(award)
            .into_iter()
            .filter(|y| (from..=year).contains(y))
            .collect();
        let (name, name_en) = (self.names)(award);
        let list = if held.is_empty() {
            String::new()
        } else {
            format!(": {}", years_list(&held))
        };
        let (used_vi, used_en) = Self::used_note(&used);
        Check::passed_if(
            "TIMES",
            held.len() as u32 >= count,
            format!(
                "{} lần {name} trong {from}–{year} (cần {count}){list}{used_vi}",
                held.len()
            ),
            format!(
                "{} times {name_en} in {from}–{year} (needs {count}){list}{used_en}",
                held.len()
            ),
        )
    }

    fn initiative(
        &self,
        scope: Scope,
        count: u32,
        within_years: u32,
        kinds: &[InitiativeKind],
        fresh: Option<&str>,
    ) -> Check {
        let year = self.year;
        let used = self.used_until(fresh);
        let from =
            (year - within_years as i32 + 1).max(used.as_ref().map_or(i32::MIN, |u| u.0 + 1));
        let found = self
            .facts
            .initiatives
            .iter()
            .filter(|(s, k, y)| {
                *s >= scope && (kinds.is_empty() || kinds.contains(k)) && (from..=year).contains(y)
            })
            .count();
        let (what, what_en) = kinds_words(kinds);
        let (period, period_en) = if from == year {
            (format!("năm {year}"), format!("in {year}"))
        } else {
            (format!("{from}–{year}"), format!("in {from}–{year}"))
        };
        let (used_vi, used_en) = Self::used_note(&used);
        Check::passed_if(
            "INITIATIVE",
            found as u32 >= count,
            format!(
                "{found} {what} được công nhận {} trở lên {period} (cần {count}){used_vi}",
                scope.vi()
            ),
            format!(
                "{found} {what_en} recognised at {} scope or wider {period_en} (needs {count}){used_en}",
                scope.en()
            ),
        )
    }

    fn rating(&self, min: Rating, years: u32) -> Check {
        let year = self.year;
        let Some(ratings) = &self.facts.ratings else {
            return withheld("RATING", "kết quả xếp loại", "ratings");
        };
        let window: Vec<i32> = (year - years as i32 + 1..=year).collect();
        let below: Vec<i32> = window
            .iter()
            .copied()
            .filter(|y| ratings.get(y).is_some_and(|r| *r < min))
            .collect();
        let unrated: Vec<i32> = window
            .iter()
            .copied()
            .filter(|y| !ratings.contains_key(y))
            .collect();
        let period = if years == 1 {
            format!("năm {year}")
        } else {
            format!("{}–{year}", window[0])
        };
        let period_en = if years == 1 {
            format!("in {year}")
        } else {
            format!("in {}–{year}", window[0])
        };
        if !below.is_empty() {
            let shown: Vec<String> = below
                .iter()
                .map(|y| format!("{y}: {}", ratings[y].vi()))
                .collect();
            let shown_en: Vec<String> = below
                .iter()
                .map(|y| format!("{y}: {}", ratings[y].en()))
                .collect();
            return Check::passed_if(
                "RATING",
                false,
                format!(
                    "Xếp loại {period} chưa đạt mức {} ({})",
                    min.vi(),
                    shown.join("; ")
                ),
                format!(
                    "Rated below \"{}\" {period_en} ({})",
                    min.en(),
                    shown_en.join("; ")
                ),
            );
        }
        if !unrated.is_empty() {
            return Check::new(
                "RATING",
                CheckStatus::NotChecked,
                format!(
                    "Chưa ghi nhận kết quả xếp loại năm {}",
                    years_list(&unrated)
                ),
                format!("No rating recorded for {}", years_list(&unrated)),
            );
        }
        Check::passed_if(
            "RATING",
            true,
            format!("Xếp loại từ {} trở lên {period}", min.vi()),
            format!("Rated at least \"{}\" {period_en}", min.en()),
        )
    }

    fn served(&self, months: u32) -> Check {
        let year = self.year;
        let Some(recruited) = self.facts.recruited_on else {
            return withheld("SERVED", "ngày tuyển dụng", "recruitment dates");
        };
        let Some(recruited) = recruited else {
            return Check::new(
                "SERVED",
                CheckStatus::NotChecked,
                "Chưa ghi nhận ngày tuyển dụng",
                "No recruitment date recorded",
            );
        };
        // Whole months from the day of recruitment to 31 December of the year assessed.
        use chrono::Datelike;
        let first_month_whole = i32::from(recruited.day() == 1);
        let served =
            (year - recruited.year()) * 12 + (12 - recruited.month() as i32) + first_month_whole;
        let passed = served >= months as i32;
        Check::passed_if(
            "SERVED",
            passed,
            if passed {
                format!("Được tuyển dụng ngày {recruited}: đủ {months} tháng đến cuối năm {year}")
            } else {
                format!(
                    "Được tuyển dụng ngày {recruited}: chưa đủ {months} tháng đến cuối năm {year}"
                )
            },
            if passed {
                format!("Recruited on {recruited}: {months} months or more by the end of {year}")
            } else {
                format!("Recruited on {recruited}: less than {months} months by the end of {year}")
            },
        )
    }

    fn members_rated(&self, min: Rating, percent: u32) -> Check {
        let year = self.year;
        let Some(members) = self
            .facts
            .members
            .as_ref()
            .filter(|_| self.facts.members_rated)
        else {
            return withheld(
                "MEMBERS_RATED",
                "kết quả xếp loại của thành viên",
                "members' ratings",
            );
        };
        let total = members.len();
        let meeting = members
            .iter()
            .filter(|m| m.rating.is_some_and(|r| r >= min))
            .count();
        let unrated = members.iter().filter(|m| m.rating.is_none()).count();
        let needed = |n: usize| total > 0 && n * 100 >= percent as usize * total;
        let status = if needed(meeting) {
            CheckStatus::Passed
        } else if needed(meeting + unrated) {
            CheckStatus::NotChecked
        } else {
            CheckStatus::Failed
        };
        let (unrated_vi, unrated_en) = if unrated > 0 {
            (
                format!(", {unrated} chưa ghi nhận xếp loại"),
                format!(", {unrated} not rated"),
            )
        } else {
            (String::new(), String::new())
        };
        Check::new(
            "MEMBERS_RATED",
            status,
            format!(
                "{meeting}/{total} thành viên xếp loại từ {} trở lên năm {year} (cần {percent}%){unrated_vi}",
                min.vi()
            ),
            format!(
                "{meeting}/{total} members rated at least \"{}\" in {year} (needs {percent}%){unrated_en}",
                min.en()
            ),
        )
    }
}

#[cfg(test)]
mod tests;
