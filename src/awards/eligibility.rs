//! The eligibility report: the facts of a recipient, from the database, checked against the
//! award type's rules in force for the year in the recipient's province
//! ([`super::rulebook`]), plus the checks every award has: the recipient kind, one
//! achievement rewarded once and in one form, and nothing pending (Decree 152 Art. 4).
//! What the data cannot decide, or this viewer may not see, is `NOT_CHECKED`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use entity::{
    award, award_type, cluster, cluster_year, enums::AwardCategory, enums::ClusterYearStatus,
    initiative, person, person_position, person_private, province, ranking_entry, unit,
    unit_lineage,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::checks::{self, Holder};
use super::rules::{self, Check, CheckStatus, Facts, Member, RecipientKind};
use crate::access::{self, target, Action, Viewer};
use crate::error::AppResult;
use crate::performance::{self, Subject};

/// Who an award would go to.
#[derive(Debug, Clone)]
pub enum Recipient {
    Person(person::Model),
    Unit(unit::Model),
}

impl Recipient {
    pub fn kind(&self) -> RecipientKind {
        match self {
            Recipient::Person(_) => RecipientKind::Individual,
            Recipient::Unit(_) => RecipientKind::Collective,
        }
    }
}

/// An eligibility report: its checks and what they add up to.
#[derive(Debug, Clone)]
pub struct Report {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
}

impl Report {
    /// The rule versions the report used: key and version, in the checks' order.
    pub fn rule_versions(&self) -> Vec<(String, i32)> {
        self.checks
            .iter()
            .filter_map(|c| c.rule_key.clone().zip(c.rule_version))
            .collect()
    }
}

/// What a report's checks add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check was made and met.
    Eligible,
    /// A check was made and not met.
    NotEligible,
    /// None failed, but one could not be made: the board has to judge what it could not.
    Incomplete,
}

impl Verdict {
    /// The verdict of `checks`: a failure decides; an unchecked one leaves it open.
    pub fn of(checks: &[Check]) -> Verdict {
        if checks.iter().any(|c| c.status == CheckStatus::Failed) {
            Verdict::NotEligible
        } else if checks.iter().any(|c| c.status == CheckStatus::NotChecked) {
            Verdict::Incomplete
        } else {
            Verdict::Eligible
        }
    }

    /// The stored name (as the API spells it).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Eligible => "ELIGIBLE",
            Verdict::NotEligible => "NOT_ELIGIBLE",
            Verdict::Incomplete => "INCOMPLETE",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "ELIGIBLE" => Some(Verdict::Eligible),
            "NOT_ELIGIBLE" => Some(Verdict::NotEligible),
            "INCOMPLETE" => Some(Verdict::Incomplete),
            _ => None,
        }
    }
}

impl Report {
    /// Whether the verdict is `ELIGIBLE` (the field old clients read).
    pub fn eligible(&self) -> bool {
        self.verdict == Verdict::Eligible
    }
}

/// The awards held (not revoked) that are a basis for the rules: award code and year. Awards
/// for thematic or exceptional achievements are not (they are no merit upward): they come
/// back apart, to be named in the report.
async fn held<C: ConnectionTrait>(
    db: &C,
    filter: sea_orm::Condition,
    codes: &HashMap<i32, String>,
) -> Result<(Vec<(String, i32)>, Vec<(String, i32)>), DbErr> {
    let mut basis = Vec::new();
    let mut not_basis = Vec::new();
    let rows = award::Entity::find()
        .filter(filter)
        .filter(award::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    for a in rows {
        if let Some(code) = codes.get(&a.award_type_id) {
            if a.commendation_kind.is_basis_upward() {
                basis.push((code.clone(), a.year));
            } else {
                not_basis.push((code.clone(), a.year));
            }
        }
    }
    Ok((basis, not_basis))
}

/// Every unit the unit succeeded, transitively.
async fn predecessors<C: ConnectionTrait>(db: &C, unit_id: i32) -> Result<Vec<unit::Model>, DbErr> {
    let mut found: Vec<unit::Model> = Vec::new();
    let mut queue = vec![unit_id];
    while let Some(id) = queue.pop() {
        let links = unit_lineage::Entity::find()
            .filter(unit_lineage::Column::SuccessorId.eq(id))
            .all(db)
            .await?;
        for link in links {
            if link.predecessor_id != unit_id && found.iter().all(|u| u.id != link.predecessor_id) {
                if let Some(u) = unit::Entity::find_by_id(link.predecessor_id)
                    .one(db)
                    .await?
                {
                    queue.push(u.id);
                    found.push(u);
                }
            }
        }
    }
    Ok(found)
}

/// The unit and its sub-units at any depth.
async fn with_sub_units<C: ConnectionTrait>(db: &C, unit_id: i32) -> Result<Vec<i32>, DbErr> {
    let mut all = vec![unit_id];
    let mut level = vec![unit_id];
    while !level.is_empty() {
        let children: Vec<i32> = unit::Entity::find()
            .filter(unit::Column::ParentId.is_in(level.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .filter(|id| !all.contains(id))
            .collect();
        all.extend(&children);
        level = children;
    }
    Ok(all)
}

/// The staff of `units` during `year`: whoever held a position in one of them on some day of
/// the year, and the people attached to them who have no position recorded at all (whose
/// history is not known otherwise).
pub async fn staff_during<C: ConnectionTrait>(
    db: &C,
    units: &[i32],
    year: i32,
) -> Result<Vec<i32>, DbErr> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let positions = person_position::Entity::find()
        .filter(person_position::Column::UnitId.is_in(units.iter().copied()))
        .all(db)
        .await?;
    let mut staff: Vec<i32> = positions
        .iter()
        .filter(|p| p.start_on.is_none_or(|s| s <= last) && p.end_on.is_none_or(|e| e >= first))
        .map(|p| p.person_id)
        .collect();
    let attached = person::Entity::find()
        .filter(person::Column::UnitId.is_in(units.iter().copied()))
        .all(db)
        .await?;
    let attached_ids: Vec<i32> = attached.iter().map(|p| p.id).collect();
    let with_positions: HashSet<i32> = person_position::Entity::find()
        .filter(person_position::Column::PersonId.is_in(attached_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.person_id)
        .collect();
    staff.extend(
        attached
            .iter()
            .filter(|p| !with_positions.contains(&p.id))
            .map(|p| p.id),
    );
    staff.sort_unstable();
    staff.dedup();
    Ok(staff)
}

/// Whether `viewer` may read the private facts (ratings, discipline) kept under `unit`.
async fn private_visible<C: ConnectionTrait + Sync>(
    db: &C,
    viewer: &Viewer,
    unit: &unit::Model,
) -> AppResult<bool> {
    let target = target::of_unit(&target::Through(db), unit).await?;
    Ok(access::allows(viewer, Action::ReadPersonPrivate, &target))
}

/// The facts about `recipient` the rules look at, for `year`, as `viewer` may see them; and
/// the notes the report adds about them (a merger's policy).
pub async fn facts<C: ConnectionTrait + Sync>(
    db: &C,
    viewer: &Viewer,
    recipient: &Recipient,
    year: i32,
    codes: &HashMap<i32, String>,
    names: rules::Names<'_>,
) -> AppResult<(Facts, Vec<Check>)> {
    let mut notes = Vec::new();
    let mut facts = Facts {
        kind: Some(recipient.kind()),
        ..Default::default()
    };
    match recipient {
        Recipient::Person(p) => {
            // A person's titles follow the person across units.
            let (basis, not_basis) = held(
                db,
                sea_orm::Condition::all().add(award::Column::RecipientPersonId.eq(p.id)),
                codes,
            )
            .await?;
            facts.held = basis;
            notes.extend(no_basis_note(&not_basis, names));
            facts.initiatives = initiative::Entity::find()
                .filter(initiative::Column::PersonId.eq(p.id))
                .all(db)
                .await?
                .into_iter()
                .map(|i| (i.scope.into(), i.kind, i.year))
                .collect();
            let home = unit::Entity::find_by_id(p.unit_id).one(db).await?;
            if let Some(home) = home {
                if private_visible(db, viewer, &home).await? {
                    facts.recruited_on = Some(
                        person_private::Entity::find_by_id(p.id)
                            .one(db)
                            .await?
                            .and_then(|private| private.recruited_on),
                    );
                    facts.ratings = Some(performance::ratings(db, Subject::Person(p.id)).await?);
                    facts.disciplines =
                        Some(performance::disciplines(db, Subject::Person(p.id)).await?);
                }
            }
        }
        Recipient::Unit(u) => {
            let (basis, not_basis) = held(
                db,
                sea_orm::Condition::all().add(award::Column::RecipientUnitId.eq(u.id)),
                codes,
            )
            .await?;
            facts.held = basis;
            notes.extend(no_basis_note(&not_basis, names));
            let before = predecessors(db, u.id).await?;
            if !before.is_empty() {
                let policy = super::policy::current(db, u.province_id).await?;
                let province_name = match u.province_id {
                    Some(id) => province::Entity::find_by_id(id)
                        .one(db)
                        .await?
                        .map(|p| p.name)
                        .unwrap_or_default(),
                    None => String::new(),
                };
                let names: Vec<String> = before.iter().map(|b| b.name.clone()).collect();
                if policy.collective_streak_across_mergers {
                    let ids: Vec<i32> = before.iter().map(|b| b.id).collect();
                    facts.inherited = held(
                        db,
                        sea_orm::Condition::all().add(award::Column::RecipientUnitId.is_in(ids)),
                        codes,
                    )
                    .await?
                    .0;
                    facts.inherited_note = Some((
                        format!("kể cả danh hiệu của đơn vị tiền thân: {}, theo quy định của tỉnh {province_name}", names.join("; ")),
                        format!("counting the titles of its predecessors: {}, as {province_name}'s policy allows", names.join("; ")),
                    ));
                } else {
                    notes.push(Check::new(
                        "MERGER_POLICY",
                        CheckStatus::Passed,
                        format!("Danh hiệu của đơn vị tiền thân ({}) không được tính: quy định của tỉnh {province_name} không cho nối tiếp qua sáp nhập", names.join("; ")),
                        format!("The titles of its predecessors ({}) do not count: {province_name}'s policy does not carry a streak across a merger", names.join("; ")),
                    ));
                }
            }
            // Only the clusters and blocs the unit's own province organises count.
            let firsts = ranking_entry::Entity::find()
                .find_also_related(cluster_year::Entity)
                .filter(ranking_entry::Column::UnitId.eq(u.id))
                .filter(ranking_entry::Column::Rank.eq(1))
                .all(db)
                .await?;
            let years: Vec<cluster_year::Model> = firsts
                .into_iter()
                .filter_map(|(_, y)| y.filter(|y| y.status == ClusterYearStatus::Finalized))
                .collect();
            let cluster_ids: Vec<i32> = years.iter().map(|y| y.cluster_id).collect();
            let clusters = cluster::Entity::find()
                .filter(cluster::Column::Id.is_in(cluster_ids))
                .all(db)
                .await?;
            let organisers: HashMap<i32, Option<i32>> = unit::Entity::find()
                .filter(unit::Column::Id.is_in(clusters.iter().filter_map(|c| c.organiser_unit_id)))
                .all(db)
                .await?
                .into_iter()
                .map(|o| (o.id, o.province_id))
                .collect();
            // Organised by the province: a cluster of the unit's province, set up by the
            // province or one of its own bodies, not by a body outside it.
            let provincial: HashSet<i32> = clusters
                .iter()
                .filter(|c| {
                    let organiser = c
                        .organiser_unit_id
                        .map(|o| organisers.get(&o).copied().flatten());
                    organised_by_province(c, organiser, u.province_id)
                })
                .map(|c| c.id)
                .collect();
            facts.led_cluster_years = years
                .iter()
                .filter(|y| provincial.contains(&y.cluster_id))
                .map(|y| y.year)
                .collect();
            let private = private_visible(db, viewer, u).await?;
            if private {
                facts.ratings = Some(performance::ratings(db, Subject::Unit(u.id)).await?);
                facts.disciplines = Some(performance::disciplines(db, Subject::Unit(u.id)).await?);
            }
            if access::sees_persons(viewer) {
                let units = with_sub_units(db, u.id).await?;
                let staff = staff_during(db, &units, year).await?;
                let awards = award::Entity::find()
                    .filter(award::Column::RecipientPersonId.is_in(staff.clone()))
                    .filter(award::Column::RevokedAt.is_null())
                    .all(db)
                    .await?;
                let ratings: HashMap<i32, BTreeMap<i32, rules::Rating>> = if private {
                    performance::ratings_of_persons(db, &staff).await?
                } else {
                    HashMap::new()
                };
                facts.members_rated = private;
                facts.members = Some(
                    staff
                        .iter()
                        .map(|id| Member {
                            held: awards
                                .iter()
                                .filter(|a| a.recipient_person_id == Some(*id))
                                .filter(|a| a.commendation_kind.is_basis_upward())
                                .filter_map(|a| {
                                    codes.get(&a.award_type_id).map(|c| (c.clone(), a.year))
                                })
                                .collect(),
                            rating: ratings.get(id).and_then(|r| r.get(&year)).copied(),
                        })
                        .collect(),
                );
            }
        }
    }
    Ok((facts, notes))
}

/// The note that names the awards for thematic or exceptional achievements the rules left
/// out, if any.
fn no_basis_note(not_basis: &[(String, i32)], names: rules::Names<'_>) -> Option<Check> {
    if not_basis.is_empty() {
        return None;
    }
    let vi: Vec<String> = not_basis
        .iter()
        .map(|(c, y)| format!("{} năm {y}", names(c).0))
        .collect();
    let en: Vec<String> = not_basis
        .iter()
        .map(|(c, y)| format!("{} {y}", names(c).1))
        .collect();
    Some(
        Check::new(
            "NO_BASIS_UPWARD",
            CheckStatus::Passed,
            format!(
                "Không tính {} (khen thưởng chuyên đề hoặc đột xuất) làm căn cứ đề nghị khen thưởng",
                vi.join(", ")
            ),
            format!(
                "{} (thematic or exceptional) do not count as a basis for a proposal",
                en.join(", ")
            ),
        )
        .citing("Luật Thi đua, khen thưởng 06/2022/QH15, Điều 8 (loại hình khen thưởng; chưa đối chiếu nguyên văn)"),
    )
}

/// Whether `cluster` is one the province of `unit_province` organises: a cluster of that
/// province, set up by the province itself or by one of its own bodies (`organiser`: the
/// organising unit's province, when a unit organises it), not by a body outside it.
fn organised_by_province(
    cluster: &cluster::Model,
    organiser: Option<Option<i32>>,
    unit_province: Option<i32>,
) -> bool {
    cluster.province_id.is_some()
        && cluster.province_id == unit_province
        && cluster.organiser_name.is_none()
        && organiser.is_none_or(|province| province == cluster.province_id)
}

/// The legal basis of the exclusion "nothing pending" on `day`.
pub fn pending_source(day: NaiveDate) -> &'static str {
    let decree_152 = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
    let law_2022 = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    if day >= decree_152 {
        "Nghị định 152/2025/NĐ-CP, Điều 4 (chưa đối chiếu nguyên văn: mặc định, tỉnh có thể sửa)"
    } else if day >= law_2022 {
        "Nghị định 98/2023/NĐ-CP, Điều 4"
    } else {
        super::law::OLD_SOURCE
    }
}

/// No award and no proposal upward while a discipline, an inspection, an investigation or a
/// complaint is pending on `today`.
fn nothing_pending(facts: &Facts, today: NaiveDate) -> Check {
    let check = match &facts.disciplines {
        None => Check::new(
            "NOTHING_PENDING",
            CheckStatus::NotChecked,
            "Không công khai: hồ sơ kỷ luật, thanh tra chỉ người có quyền được xem",
            "Not shown: discipline and inspection records are shown to authorised viewers only",
        ),
        Some(records) => match records.iter().find(|d| d.pending_on(today)) {
            None => Check::new(
                "NOTHING_PENDING",
                CheckStatus::Passed,
                format!("Không có kỷ luật, thanh tra, điều tra hay khiếu nại nào đang xem xét ngày {today}"),
                format!("No discipline, inspection, investigation or complaint pending on {today}"),
            ),
            Some(d) => Check::new(
                "NOTHING_PENDING",
                CheckStatus::Failed,
                format!("Đang có {} từ {}: {}", kind_vi(d.kind), d.start_on, d.description),
                format!("A pending {} since {}: {}", kind_en(d.kind), d.start_on, d.description),
            ),
        },
    };
    check.citing(pending_source(today))
}

fn kind_vi(kind: rules::DisciplineKind) -> &'static str {
    match kind {
        rules::DisciplineKind::Discipline => "kỷ luật",
        rules::DisciplineKind::Inspection => "thanh tra, kiểm tra",
        rules::DisciplineKind::Investigation => "điều tra",
        rules::DisciplineKind::Complaint => "khiếu nại, tố cáo",
    }
}

fn kind_en(kind: rules::DisciplineKind) -> &'static str {
    match kind {
        rules::DisciplineKind::Discipline => "discipline",
        rules::DisciplineKind::Inspection => "inspection",
        rules::DisciplineKind::Investigation => "investigation",
        rules::DisciplineKind::Complaint => "complaint",
    }
}

/// The report for `award_type` to `recipient` in `year`, as `viewer` may read it.
pub async fn report<C: ConnectionTrait + Sync>(
    db: &C,
    viewer: &Viewer,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> AppResult<Report> {
    report_on(
        db,
        viewer,
        award_type,
        recipient,
        year,
        Utc::now().date_naive(),
    )
    .await
}

/// [`report`] as it reads on `today` (what is pending, and under which decree).
pub async fn report_on<C: ConnectionTrait + Sync>(
    db: &C,
    viewer: &Viewer,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
    today: NaiveDate,
) -> AppResult<Report> {
    let types = award_type::Entity::find().all(db).await?;
    let codes: HashMap<i32, String> = types.iter().map(|t| (t.id, t.code.clone())).collect();
    let names: HashMap<String, (String, String)> = types
        .iter()
        .map(|t| (t.code.clone(), (t.name.clone(), t.name_en.clone())))
        .collect();
    let name_of = |code: &str| {
        names
            .get(code)
            .cloned()
            .unwrap_or_else(|| (code.to_owned(), code.to_owned()))
    };
    let (name, name_en) = (&award_type.name, &award_type.name_en);
    let kind = recipient.kind();
    let mut checks = Vec::new();
    let kind_ok = match kind {
        RecipientKind::Individual => award_type.for_individual,
        RecipientKind::Collective => award_type.for_collective,
    };
    let (whom, whom_en) = match kind {
        RecipientKind::Individual => ("cá nhân", "individuals"),
        RecipientKind::Collective => ("tập thể", "collectives"),
    };
    checks.push(Check::new(
        "RECIPIENT_KIND",
        CheckStatus::from_passed(kind_ok),
        if kind_ok {
            format!("{name} xét tặng cho {whom}")
        } else {
            format!("{name} không xét tặng cho {whom}")
        },
        if kind_ok {
            format!("{name_en} is conferred on {whom_en}")
        } else {
            format!("{name_en} is not conferred on {whom_en}")
        },
    ));
    let (facts, notes) = facts(db, viewer, recipient, year, &codes, &name_of).await?;
    checks.push(not_yet_awarded(db, award_type, recipient, year).await?);
    if award_type.category == AwardCategory::Commendation {
        checks.push(one_form(award_type, &facts, year, &types));
    }
    checks.push(nothing_pending(&facts, today));
    let province = match recipient {
        Recipient::Person(p) => unit::Entity::find_by_id(p.unit_id)
            .one(db)
            .await?
            .and_then(|u| u.province_id),
        Recipient::Unit(u) => u.province_id,
    };
    let rules = super::rulebook::for_year(db, award_type.id, province, year, kind).await?;
    if rules.is_empty() {
        checks.push(Check::new(
            "NO_RULES",
            CheckStatus::NotChecked,
            format!("Chưa có tiêu chuẩn nào của {name} áp dụng cho năm {year}: Hội đồng xét"),
            format!("No rule of {name_en} applies to {year}: for the council to judge"),
        ));
    }
    for version in rules {
        let mut check = rules::check(&version.rule, &facts, year, &name_of);
        check.source = Some(version.row.source.clone());
        check.rule_key = version.row.rule_key.clone();
        check.rule_version = Some(version.row.version);
        checks.push(check);
    }
    checks.extend(notes);
    Ok(Report {
        verdict: Verdict::of(&checks),
        checks,
    })
}

/// One achievement, once: the recipient (or a unit whose achievement of the year it shares
/// through a reorganisation) does not hold the award for the year already.
async fn not_yet_awarded<C: ConnectionTrait>(
    db: &C,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> Result<Check, DbErr> {
    let (name, name_en) = (&award_type.name, &award_type.name_en);
    let holder = checks::held_for_year(db, award_type.id, recipient, year).await?;
    Ok(match holder {
        None => Check::new(
            "NOT_YET_AWARDED",
            CheckStatus::Passed,
            format!("Chưa được tặng {name} năm {year}"),
            format!("Does not hold {name_en} for {year} yet"),
        ),
        Some(Holder::Itself { .. }) => Check::new(
            "NOT_YET_AWARDED",
            CheckStatus::Failed,
            format!("Đã được tặng {name} năm {year}"),
            format!("Already holds {name_en} for {year}"),
        ),
        Some(Holder::Predecessor { code, name: unit, .. })
        | Some(Holder::Successor { code, name: unit, .. }) => Check::new(
            "NOT_YET_AWARDED",
            CheckStatus::Failed,
            format!("Thành tích năm {year} đã được tặng {name} cho đơn vị {unit} ({code}), gắn với đơn vị này qua việc sắp xếp lại"),
            format!("The achievement of {year} was rewarded with {name_en} to {unit} ({code}), linked to this unit by a reorganisation"),
        ),
    })
}

/// One achievement, one form: another commendation for the same year may reward the same
/// achievement, which the data cannot tell; the council confirms it does not.
fn one_form(
    award_type: &award_type::Model,
    facts: &Facts,
    year: i32,
    types: &[award_type::Model],
) -> Check {
    let others: Vec<&award_type::Model> = types
        .iter()
        .filter(|t| t.id != award_type.id && t.category == AwardCategory::Commendation)
        .filter(|t| facts.held.iter().any(|(c, y)| *c == t.code && *y == year))
        .collect();
    if others.is_empty() {
        return Check::new(
            "ONE_FORM",
            CheckStatus::Passed,
            format!("Chưa được khen thưởng hình thức khác cho thành tích năm {year}"),
            format!("No other form of commendation for the achievements of {year}"),
        );
    }
    let vi: Vec<&str> = others.iter().map(|t| t.name.as_str()).collect();
    let en: Vec<&str> = others.iter().map(|t| t.name_en.as_str()).collect();
    Check::new(
        "ONE_FORM",
        CheckStatus::NotChecked,
        format!(
            "Đã được tặng {} năm {year}: Hội đồng xác nhận đây là thành tích khác (một thành tích chỉ khen một hình thức)",
            vi.join(", ")
        ),
        format!(
            "Already holds {} for {year}: the council confirms this is another achievement (one achievement, one form)",
            en.join(", ")
        ),
    )
    .citing("Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5 (nguyên tắc khen thưởng; chưa đối chiếu nguyên văn)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clusters_the_province_organises_count() {
        let cluster = |province: Option<i32>, organiser_name: Option<&str>| cluster::Model {
            id: 1,
            code: "C".into(),
            name: "Cụm".into(),
            search_key: "cum".into(),
            kind: entity::enums::ClusterKind::Cluster,
            province_id: province,
            organiser_unit_id: None,
            organiser_name: organiser_name.map(str::to_owned),
            created_at: Utc::now(),
        };
        // Cụm II, set up by Hà Nam's People's Committee (province 7), for a unit of Hà Nam.
        assert!(organised_by_province(
            &cluster(Some(7), None),
            Some(Some(7)),
            Some(7)
        ));
        assert!(organised_by_province(
            &cluster(Some(7), None),
            None,
            Some(7)
        ));
        // Another province's cluster, a national union's, or an outside body's: not counted.
        assert!(!organised_by_province(
            &cluster(Some(8), None),
            None,
            Some(7)
        ));
        assert!(!organised_by_province(
            &cluster(None, None),
            Some(None),
            Some(7)
        ));
        assert!(!organised_by_province(
            &cluster(Some(7), None),
            Some(None),
            Some(7)
        ));
        assert!(!organised_by_province(
            &cluster(Some(7), Some("Liên hiệp các Hội KH&KT Việt Nam")),
            None,
            Some(7)
        ));
    }

    #[test]
    fn the_exclusions_cite_the_decree_in_force_on_the_day() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(pending_source(day("2025-07-01")).starts_with("Nghị định 152/2025"));
        assert!(pending_source(day("2025-06-30")).starts_with("Nghị định 98/2023"));
        assert!(pending_source(day("2024-01-01")).starts_with("Nghị định 98/2023"));
        assert!(pending_source(day("2023-12-31")).contains("91/2017"));
    }
}
