//! Past awards with their decisions. A row names the award type, the year, the recipient (a
//! person of the province, as [`super::persons`] finds them, or a unit by code) and the
//! decision (issuer's code, number, signing date, signer). A decision is known by issuer,
//! number and year of signing; the same number with another date, in the file or in the
//! database, is a duplicate. An award is known by type, recipient, year and decision.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, Utc};
use entity::{
    award, award_type, decision,
    enums::{CommendationKind, RecipientCategory},
};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};

use super::{
    columns::{Columns, Field},
    persons::{self, PersonIndex},
    table::Table,
    Counted, Plan, Problem, Progress, Scope,
};
use crate::{error::AppResult, text};

pub const FIELDS: &[Field] = &[
    Field {
        key: "award_code",
        vi: "Mã hình thức khen thưởng",
        aliases: &["Award code", "Award type", "Mã danh hiệu", "Mã khen thưởng"],
        required: true,
    },
    Field {
        key: "year",
        vi: "Năm",
        aliases: &["Year", "Năm khen thưởng"],
        required: true,
    },
    persons::RECIPIENT_NAME,
    persons::RECIPIENT_UNIT,
    persons::RECIPIENT_BIRTH_DATE,
    persons::RECIPIENT_NATIONAL_ID,
    Field {
        key: "decision_number",
        vi: "Số quyết định",
        aliases: &["Decision number", "Số QĐ"],
        required: true,
    },
    Field {
        key: "signed_on",
        vi: "Ngày ký",
        aliases: &["Signed on", "Ngày quyết định"],
        required: true,
    },
    Field {
        key: "issuer_code",
        vi: "Mã cơ quan ban hành",
        aliases: &["Issuer code", "Issuer"],
        required: true,
    },
    Field {
        key: "signer_name",
        vi: "Người ký",
        aliases: &["Signer name", "Signer"],
        required: false,
    },
    Field {
        key: "signer_title",
        vi: "Chức vụ người ký",
        aliases: &["Signer title"],
        required: false,
    },
    Field {
        key: "commendation_kind",
        vi: "Hình thức",
        aliases: &["Commendation kind", "Kind"],
        required: false,
    },
    Field {
        key: "recipient_category",
        vi: "Đối tượng",
        aliases: &["Recipient category", "Category", "Đối tượng khen thưởng"],
        required: false,
    },
];

/// A commendation kind by name (`REGULAR`) or its Vietnamese words (thường xuyên, theo
/// chuyên đề, đột xuất, cống hiến, đối ngoại, niên hạn).
pub fn commendation_kind(text: &str) -> Option<CommendationKind> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    if let Ok(kind) = CommendationKind::try_from_value(&upper) {
        return Some(kind);
    }
    Some(match text::search_key(text).as_str() {
        "thuong xuyen" | "khen thuong thuong xuyen" => CommendationKind::Regular,
        "chuyen de" | "theo chuyen de" => CommendationKind::Thematic,
        "dot xuat" => CommendationKind::Exceptional,
        "cong hien" | "qua trinh cong hien" => CommendationKind::Dedication,
        "doi ngoai" => CommendationKind::ForeignAffairs,
        "nien han" => CommendationKind::Tenure,
        _ => return None,
    })
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct DecisionKey {
    issuer: i32,
    number: String,
    year: i32,
}

/// An award's natural key: type, person, unit, year, decision.
type AwardKey = (i32, Option<i32>, Option<i32>, i32, DecisionKey);

struct NewDecision {
    signed_on: NaiveDate,
    signer_name: String,
    signer_title: String,
}

struct NewAward {
    award_type_id: i32,
    person: Option<i32>,
    unit: Option<i32>,
    name: String,
    year: i32,
    kind: CommendationKind,
    category: Option<RecipientCategory>,
    decision: DecisionKey,
    signed_on: NaiveDate,
}

pub struct AwardsPlan {
    province_id: i32,
    existing_decisions: HashMap<DecisionKey, i32>,
    decisions: Vec<(DecisionKey, NewDecision)>,
    awards: Vec<NewAward>,
}

impl Counted for AwardsPlan {
    fn count(&self) -> usize {
        self.awards.len()
    }
}

pub async fn check(
    txn: &DatabaseTransaction,
    scope: &Scope,
    table: &Table,
    columns: &Columns,
) -> AppResult<Result<AwardsPlan, Vec<Problem>>> {
    let index = PersonIndex::load(txn, scope).await?;
    let all_units = super::units::index(txn).await?;
    let types: HashMap<String, award_type::Model> = award_type::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|t| (t.code.clone(), t))
        .collect();
    let mut existing_decisions = HashMap::new();
    let mut signed: HashMap<DecisionKey, NaiveDate> = HashMap::new();
    for d in decision::Entity::find().all(txn).await? {
        let key = DecisionKey {
            issuer: d.issuer_unit_id,
            number: d.number.clone(),
            year: d.signed_year,
        };
        signed.insert(key.clone(), d.signed_on);
        existing_decisions.insert(key, d.id);
    }
    let by_id: HashMap<i32, DecisionKey> = existing_decisions
        .iter()
        .map(|(k, id)| (*id, k.clone()))
        .collect();
    let mut existing_awards: HashSet<AwardKey> = HashSet::new();
    for a in award::Entity::find().all(txn).await? {
        if let Some(key) = a.decision_id.and_then(|d| by_id.get(&d)) {
            existing_awards.insert((
                a.award_type_id,
                a.recipient_person_id,
                a.recipient_unit_id,
                a.year,
                key.clone(),
            ));
        }
    }
    let mut problems = Vec::new();
    let mut decisions: Vec<(DecisionKey, NewDecision)> = Vec::new();
    let mut awards = Vec::new();
    let mut in_file: HashSet<AwardKey> = HashSet::new();
    for row in columns.rows(table) {
        let before = problems.len();
        let code = row.required("award_code", &mut problems).map(text::nfc);
        let year = row.year("year", &mut problems);
        let number = row
            .required("decision_number", &mut problems)
            .map(text::nfc);
        let signed_on = row.date("signed_on", &mut problems);
        if row.get("signed_on").is_none() {
            row.required("signed_on", &mut problems);
        }
        let award_type = code.as_ref().and_then(|code| {
            let found = types.get(code);
            if found.is_none() {
                problems.push(row.problem(
                    "award_code",
                    crate::tr!(
                        "No award type has code {code}.",
                        "Không có loại khen thưởng nào mã {code}."
                    ),
                ));
            }
            found
        });
        if let Some(number) = &number {
            if let Some(problem) = crate::awards::checks::decision_number(&[], number) {
                problems.push(row.problem("decision_number", problem.message));
            }
        }
        let issuer = row.required("issuer_code", &mut problems).and_then(|code| {
            let code = text::nfc(code);
            let found = all_units.get(&code);
            if found.is_none() {
                problems.push(row.problem(
                    "issuer_code",
                    crate::tr!(
                        "No body has code {code} (import the units first).",
                        "Không có cơ quan nào mã {code} (hãy nhập danh sách đơn vị trước)."
                    ),
                ));
            }
            found
        });
        let kind = match row.get("commendation_kind") {
            None => CommendationKind::Regular,
            Some(k) => match commendation_kind(k) {
                Some(kind) => kind,
                None => {
                    problems.push(row.problem(
                        "commendation_kind",
                        crate::tr!(
                            "`{k}` is not a kind of commendation: thường xuyên, chuyên đề, đột xuất, cống hiến, đối ngoại, niên hạn.",
                            "`{k}` không phải là hình thức khen thưởng: thường xuyên, chuyên đề, đột xuất, cống hiến, đối ngoại, niên hạn."
                        ),
                    ));
                    CommendationKind::Regular
                }
            },
        };
        // The recipient: a person when the row names one, otherwise the unit.
        let (person, unit, name, unit_kind) = if row.get("full_name").is_some() {
            match index.find(&row, &mut problems) {
                Some(id) => {
                    let name = index
                        .persons
                        .get(&id)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    (Some(id), None, name, None)
                }
                None => (None, None, String::new(), None),
            }
        } else {
            match index.unit(&row, "unit_code", &mut problems) {
                Some(u) => (None, Some(u.id), u.name.clone(), Some(u.kind)),
                None => (None, None, String::new(), None),
            }
        };
        let category = match row.get("recipient_category") {
            None => None,
            Some(c) => match crate::awards::category::parse(c) {
                Some(category) if category.is_individual() == person.is_some() => Some(category),
                _ => {
                    problems.push(row.problem(
                        "recipient_category",
                        if person.is_some() {
                            crate::tr!(
                                "`{c}` is not a category of persons: lãnh đạo cấp tỉnh, lãnh đạo cấp sở, doanh nhân, lãnh đạo khác, trực tiếp.",
                                "`{c}` không phải là đối tượng cá nhân: lãnh đạo cấp tỉnh, lãnh đạo cấp sở, doanh nhân, lãnh đạo khác, trực tiếp."
                            )
                        } else {
                            crate::tr!(
                                "`{c}` is not a category of collectives: tập thể, doanh nghiệp, hộ gia đình.",
                                "`{c}` không phải là đối tượng tập thể: tập thể, doanh nghiệp, hộ gia đình."
                            )
                        },
                    ));
                    None
                }
            },
        };
        let category = category.or(unit_kind.map(crate::awards::category::of_unit_kind));
        if let (Some(t), true) = (award_type, problems.len() == before) {
            let fits = if person.is_some() {
                t.for_individual
            } else {
                t.for_collective
            };
            if !fits {
                let award = t.name.clone();
                problems.push(row.problem(
                    "award_code",
                    crate::tr!(
                        "{award} is not conferred on this kind of recipient.",
                        "{award} không dành cho loại đối tượng này."
                    ),
                ));
            }
        }
        if let (Some(year), Some(signed_on)) = (year, signed_on) {
            if signed_on.year() < year {
                problems.push(row.problem(
                    "signed_on",
                    crate::tr!(
                        "The decision is signed before the year it rewards.",
                        "Quyết định được ký trước năm khen thưởng."
                    ),
                ));
            }
        }
        if problems.len() > before {
            continue;
        }
        let (Some(award_type), Some(year), Some(number), Some(signed_on), Some(issuer)) =
            (award_type, year, number, signed_on, issuer)
        else {
            continue;
        };
        let key = DecisionKey {
            issuer: issuer.id,
            number: number.clone(),
            year: signed_on.year(),
        };
        match signed.get(&key) {
            Some(day) if *day != signed_on => {
                let day = day.format("%d/%m/%Y").to_string();
                problems.push(row.problem(
                    "decision_number",
                    crate::tr!(
                        "Decision {number} of this body is signed on {day} already: a number is used once a year.",
                        "Quyết định số {number} của cơ quan này đã ký ngày {day}: mỗi số chỉ dùng một lần trong năm."
                    ),
                ));
                continue;
            }
            Some(_) => {}
            None => {
                signed.insert(key.clone(), signed_on);
                decisions.push((
                    key.clone(),
                    NewDecision {
                        signed_on,
                        signer_name: row.get("signer_name").map(text::nfc).unwrap_or_default(),
                        signer_title: row.get("signer_title").map(text::nfc).unwrap_or_default(),
                    },
                ));
            }
        }
        let natural = (award_type.id, person, unit, year, key.clone());
        if existing_awards.contains(&natural) {
            continue;
        }
        if !in_file.insert(natural) {
            problems.push(row.problem(
                "award_code",
                crate::tr!(
                    "This award is on an earlier row of this file.",
                    "Khen thưởng này đã có ở một dòng trước trong tệp."
                ),
            ));
            continue;
        }
        awards.push(NewAward {
            award_type_id: award_type.id,
            person,
            unit,
            name,
            year,
            kind,
            category,
            decision: key,
            signed_on,
        });
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(AwardsPlan {
        province_id: scope.province.id,
        existing_decisions,
        decisions,
        awards,
    }))
}

impl Plan for AwardsPlan {
    async fn write(self, txn: &DatabaseTransaction, progress: Progress<'_>) -> AppResult<usize> {
        let now = Utc::now();
        let mut ids = self.existing_decisions;
        for (key, d) in self.decisions {
            let id = decision::Entity::insert(decision::ActiveModel {
                number: Set(key.number.clone()),
                issuer_unit_id: Set(key.issuer),
                signed_on: Set(d.signed_on),
                signed_year: Set(key.year),
                signer_name: Set(d.signer_name),
                signer_title: Set(d.signer_title),
                province_id: Set(Some(self.province_id)),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(txn)
            .await?
            .last_insert_id;
            ids.insert(key, id);
        }
        // Reward money as on the decision's date, one lookup per type, kind and day.
        let mut money: HashMap<(i32, bool, NaiveDate), Option<i64>> = HashMap::new();
        let count = self.awards.len();
        for (i, a) in self.awards.into_iter().enumerate() {
            let individual = a.person.is_some();
            let amount = match money.get(&(a.award_type_id, individual, a.signed_on)) {
                Some(amount) => *amount,
                None => {
                    let kind = if individual {
                        "INDIVIDUAL"
                    } else {
                        "COLLECTIVE"
                    };
                    let amount =
                        crate::awards::money::amount_for(txn, a.award_type_id, kind, a.signed_on)
                            .await?;
                    money.insert((a.award_type_id, individual, a.signed_on), amount);
                    amount
                }
            };
            award::Entity::insert(award::ActiveModel {
                award_type_id: Set(a.award_type_id),
                recipient_person_id: Set(a.person),
                recipient_unit_id: Set(a.unit),
                recipient_name: Set(a.name),
                year: Set(a.year),
                commendation_kind: Set(a.kind),
                decision_id: Set(ids.get(&a.decision).copied()),
                province_id: Set(Some(self.province_id)),
                created_at: Set(now),
                amount: Set(amount),
                recipient_category: Set(a.category),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
            progress(i + 1, count);
        }
        Ok(count)
    }
}
