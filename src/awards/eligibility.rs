//! The eligibility report: the facts of a recipient, from the database, checked against the
//! award type's rules of the year (rows of `award_rule`), plus the checks every award has:
//! the recipient kind, and one achievement rewarded once.

use std::collections::HashMap;

use entity::{
    award, award_rule, award_type, cluster_year, enums::ClusterYearStatus, initiative, person,
    province, ranking_entry, unit, unit_lineage,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::rules::{self, Check, CheckStatus, Facts, RecipientKind, Rule};
use crate::access::{self, Viewer};

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

/// The rules of `award_type` that apply in `year` to `kind`: the version with the latest
/// `applies_from` not after `year`.
pub async fn rules_for<C: ConnectionTrait>(
    db: &C,
    award_type: i32,
    year: i32,
    kind: RecipientKind,
) -> Result<Vec<Rule>, DbErr> {
    let rows = award_rule::Entity::find()
        .filter(award_rule::Column::AwardTypeId.eq(award_type))
        .filter(award_rule::Column::AppliesFrom.lte(year))
        .all(db)
        .await?;
    let Some(version) = rows.iter().map(|r| r.applies_from).max() else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<award_rule::Model> = rows
        .into_iter()
        .filter(|r| r.applies_from == version)
        .collect();
    // A rule added to an existing database may share its place with the one it was inserted
    // before; the older row comes first.
    rows.sort_by_key(|r| (r.sort_order, r.id));
    let mut rules = Vec::new();
    for row in rows {
        let mut params: serde_json::Value = serde_json::from_str(&row.params)
            .map_err(|e| DbErr::Custom(format!("award_rule {}: {e}", row.id)))?;
        let recipient = params.as_object_mut().and_then(|p| p.remove("recipient"));
        if let Some(recipient) = recipient {
            let for_kind: RecipientKind = serde_json::from_value(recipient)
                .map_err(|e| DbErr::Custom(format!("award_rule {}: {e}", row.id)))?;
            if for_kind != kind {
                continue;
            }
        }
        if let Some(p) = params.as_object_mut() {
            p.insert("kind".into(), serde_json::Value::String(row.kind.clone()));
        }
        rules.push(
            serde_json::from_value(params)
                .map_err(|e| DbErr::Custom(format!("award_rule {}: {e}", row.id)))?,
        );
    }
    Ok(rules)
}

async fn held<C: ConnectionTrait>(
    db: &C,
    filter: sea_orm::Condition,
    codes: &HashMap<i32, String>,
) -> Result<Vec<(String, i32)>, DbErr> {
    Ok(award::Entity::find()
        .filter(filter)
        .filter(award::Column::RevokedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| codes.get(&a.award_type_id).map(|c| (c.clone(), a.year)))
        .collect())
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

/// The facts about `recipient` the rules look at; a collective's members only when
/// `members_visible` (they are persons).
pub async fn facts<C: ConnectionTrait>(
    db: &C,
    recipient: &Recipient,
    codes: &HashMap<i32, String>,
    members_visible: bool,
) -> Result<(Facts, Vec<Check>), DbErr> {
    let mut notes = Vec::new();
    let mut facts = Facts {
        kind: Some(recipient.kind()),
        ..Default::default()
    };
    match recipient {
        Recipient::Person(p) => {
            // A person's titles follow the person across units.
            facts.held = held(
                db,
                sea_orm::Condition::all().add(award::Column::RecipientPersonId.eq(p.id)),
                codes,
            )
            .await?;
            facts.initiatives = initiative::Entity::find()
                .filter(initiative::Column::PersonId.eq(p.id))
                .all(db)
                .await?
                .into_iter()
                .map(|i| (i.scope.into(), i.year))
                .collect();
        }
        Recipient::Unit(u) => {
            facts.held = held(
                db,
                sea_orm::Condition::all().add(award::Column::RecipientUnitId.eq(u.id)),
                codes,
            )
            .await?;
            let before = predecessors(db, u.id).await?;
            if !before.is_empty() {
                let policy = match u.province_id {
                    Some(id) => province::Entity::find_by_id(id).one(db).await?,
                    None => None,
                };
                let names: Vec<String> = before.iter().map(|b| b.name.clone()).collect();
                let province_name = policy.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                if policy
                    .as_ref()
                    .is_some_and(|p| p.collective_streak_across_mergers)
                {
                    let ids: Vec<i32> = before.iter().map(|b| b.id).collect();
                    facts.inherited = held(
                        db,
                        sea_orm::Condition::all().add(award::Column::RecipientUnitId.is_in(ids)),
                        codes,
                    )
                    .await?;
                    facts.inherited_note = Some((
                        format!("kể cả danh hiệu của đơn vị tiền thân: {}, theo quy định của tỉnh {province_name}", names.join("; ")),
                        format!("counting the titles of its predecessors: {}, as {province_name}'s policy allows", names.join("; ")),
                    ));
                } else {
                    notes.push(Check {
                        rule: "MERGER_POLICY".into(),
                        status: CheckStatus::Passed,
                        detail: format!("Danh hiệu của đơn vị tiền thân ({}) không được tính: quy định của tỉnh {province_name} không cho nối tiếp qua sáp nhập", names.join("; ")),
                        detail_en: format!("The titles of its predecessors ({}) do not count: {province_name}'s policy does not carry a streak across a merger", names.join("; ")),
                    });
                }
            }
            let firsts = ranking_entry::Entity::find()
                .find_also_related(cluster_year::Entity)
                .filter(ranking_entry::Column::UnitId.eq(u.id))
                .filter(ranking_entry::Column::Rank.eq(1))
                .all(db)
                .await?;
            facts.led_cluster_years = firsts
                .into_iter()
                .filter_map(|(_, y)| {
                    y.filter(|y| y.status == ClusterYearStatus::Finalized)
                        .map(|y| y.year)
                })
                .collect();
            if !members_visible {
                return Ok((facts, notes));
            }
            let members = person::Entity::find()
                .filter(person::Column::UnitId.eq(u.id))
                .all(db)
                .await?;
            let ids: Vec<i32> = members.iter().map(|m| m.id).collect();
            let awards = award::Entity::find()
                .filter(award::Column::RecipientPersonId.is_in(ids))
                .filter(award::Column::RevokedAt.is_null())
                .all(db)
                .await?;
            facts.members = members
                .iter()
                .map(|m| {
                    awards
                        .iter()
                        .filter(|a| a.recipient_person_id == Some(m.id))
                        .filter_map(|a| codes.get(&a.award_type_id).map(|c| (c.clone(), a.year)))
                        .collect()
                })
                .collect();
        }
    }
    Ok((facts, notes))
}

/// The check of a rule on a collective's members for a viewer who may not see persons: not
/// checked for this viewer, and saying nothing of the members, so that neither it nor the
/// verdict tells how many people a unit has or which titles they hold.
fn withheld(rule: &Rule) -> Option<Check> {
    let name = match rule {
        Rule::MembersShare { .. } => "MEMBERS_SHARE",
        Rule::MembersAtLeast { .. } => "MEMBERS_AT_LEAST",
        _ => return None,
    };
    Some(Check {
        rule: name.into(),
        status: CheckStatus::NotChecked,
        detail: "Không công khai: thành viên của đơn vị chỉ người đăng nhập được xem".into(),
        detail_en: "Not shown: a unit's members are shown to signed-in viewers only".into(),
    })
}

/// The report for `award_type` to `recipient` in `year`, as `viewer` may read it.
pub async fn report<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> Result<Report, DbErr> {
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
    let kind = recipient.kind();
    let mut checks = Vec::new();
    let kind_ok = match kind {
        RecipientKind::Individual => award_type.for_individual,
        RecipientKind::Collective => award_type.for_collective,
    };
    checks.push(Check {
        rule: "RECIPIENT_KIND".into(),
        status: CheckStatus::from_passed(kind_ok),
        detail: match (kind, kind_ok) {
            (RecipientKind::Individual, true) => {
                format!("{} xét tặng cho cá nhân", award_type.name)
            }
            (RecipientKind::Individual, false) => {
                format!("{} không xét tặng cho cá nhân", award_type.name)
            }
            (RecipientKind::Collective, true) => {
                format!("{} xét tặng cho tập thể", award_type.name)
            }
            (RecipientKind::Collective, false) => {
                format!("{} không xét tặng cho tập thể", award_type.name)
            }
        },
        detail_en: match (kind, kind_ok) {
            (RecipientKind::Individual, true) => {
                format!("{} is conferred on individuals", award_type.name_en)
            }
            (RecipientKind::Individual, false) => {
                format!("{} is not conferred on individuals", award_type.name_en)
            }
            (RecipientKind::Collective, true) => {
                format!("{} is conferred on collectives", award_type.name_en)
            }
            (RecipientKind::Collective, false) => {
                format!("{} is not conferred on collectives", award_type.name_en)
            }
        },
    });
    let members_visible = access::sees_persons(viewer);
    let (facts, notes) = facts(db, recipient, &codes, members_visible).await?;
    let already = facts
        .held
        .iter()
        .any(|(c, y)| *c == award_type.code && *y == year);
    checks.push(Check {
        rule: "NOT_YET_AWARDED".into(),
        status: CheckStatus::from_passed(!already),
        detail: if already {
            format!("Đã được tặng {} năm {year}", award_type.name)
        } else {
            format!("Chưa được tặng {} năm {year}", award_type.name)
        },
        detail_en: if already {
            format!("Already holds {} for {year}", award_type.name_en)
        } else {
            format!("Does not hold {} for {year} yet", award_type.name_en)
        },
    });
    let rules = rules_for(db, award_type.id, year, kind).await?;
    for rule in rules {
        match withheld(&rule).filter(|_| !members_visible) {
            Some(check) => checks.push(check),
            None => checks.push(rules::check(&rule, &facts, year, &name_of)),
        }
    }
    checks.extend(notes);
    Ok(Report {
        verdict: Verdict::of(&checks),
        checks,
    })
}
