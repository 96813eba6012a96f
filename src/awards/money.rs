//! Reward money (tiền thưởng): each award carries an amount in VND, a multiplier of the base
//! salary (mức lương cơ sở), both in force on the decision's date, both versioned data with
//! their legal source. The amount is rounded up to the ten thousand đồng (Decree 98/2023:
//! "làm tròn số lên hàng chục nghìn đồng").
//!
//! The figures shipped ([`SHIPPED_RATES`], [`SHIPPED_BASE_SALARIES`]) say where they come from;
//! those not read in the text of the decree itself say so (`store::sync_reward_money` loads
//! them at every start), and none has been checked against
//! Decree 152/2025, which replaced Decree 98/2023 on 1/7/2025: they stay in force until ADMIN
//! records others (`setRewardRate`, `setBaseSalary`).

use chrono::{NaiveDate, Utc};
use entity::{award_type, base_salary, reward_rate};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;

use crate::{
    access::{self, Action, Viewer},
    audit::AuditEntry,
    error::{AppResult, Outcome, UserErrorCode, UserProblem},
    text,
    work::Work,
};

/// A rate shipped: award code, kind of recipient, multiplier in thousandths, first day, source.
pub type ShippedRate = (&'static str, &'static str, i32, &'static str, &'static str);

const ND91_TITLES: &str = "Nghị định 91/2017/NĐ-CP, Điều 69 (đọc qua văn bản hướng dẫn của các sở Nội vụ, chưa đối chiếu nguyên văn)";
const ND91_FORMS: &str = "Nghị định 91/2017/NĐ-CP, Điều 73; tập thể gấp hai lần cá nhân (đọc qua văn bản hướng dẫn, chưa đối chiếu nguyên văn)";
const ND98_TITLES: &str = "Nghị định 98/2023/NĐ-CP, Điều 54 (đọc qua văn bản hướng dẫn; chưa đối chiếu với Nghị định 152/2025/NĐ-CP)";
const ND98_FORMS: &str = "Nghị định 98/2023/NĐ-CP, Điều 55: chưa đối chiếu nguyên văn, giữ hệ số của Nghị định 91/2017/NĐ-CP Điều 73; chưa đối chiếu với Nghị định 152/2025/NĐ-CP";

/// The multipliers shipped, per period.
pub const SHIPPED_RATES: &[ShippedRate] = &[
    // Decree 91/2017 (signed 31/7/2017).
    (
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "INDIVIDUAL",
        4500,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_TINH",
        "INDIVIDUAL",
        3000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_BO_NGANH",
        "INDIVIDUAL",
        3000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_CO_SO",
        "INDIVIDUAL",
        1000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "LAO_DONG_TIEN_TIEN",
        "INDIVIDUAL",
        300,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "COLLECTIVE",
        1500,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "TAP_THE_LAO_DONG_TIEN_TIEN",
        "COLLECTIVE",
        800,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CO_THI_DUA_CHINH_PHU",
        "COLLECTIVE",
        12000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CO_THI_DUA_TINH",
        "COLLECTIVE",
        8000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "CO_THI_DUA_BO_NGANH",
        "COLLECTIVE",
        8000,
        "2017-07-31",
        ND91_TITLES,
    ),
    (
        "BANG_KHEN_THU_TUONG",
        "INDIVIDUAL",
        3500,
        "2017-07-31",
        ND91_FORMS,
    ),
    (
        "BANG_KHEN_THU_TUONG",
        "COLLECTIVE",
        7000,
        "2017-07-31",
        ND91_FORMS,
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "INDIVIDUAL",
        1000,
        "2017-07-31",
        ND91_FORMS,
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "COLLECTIVE",
        2000,
        "2017-07-31",
        ND91_FORMS,
    ),
    (
        "BANG_KHEN_BO_NGANH",
        "INDIVIDUAL",
        1000,
        "2017-07-31",
        ND91_FORMS,
    ),
    (
        "BANG_KHEN_BO_NGANH",
        "COLLECTIVE",
        2000,
        "2017-07-31",
        ND91_FORMS,
    ),
    ("GIAY_KHEN", "INDIVIDUAL", 300, "2017-07-31", ND91_FORMS),
    ("GIAY_KHEN", "COLLECTIVE", 600, "2017-07-31", ND91_FORMS),
    // Decree 98/2023, from 1/1/2024.
    (
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "INDIVIDUAL",
        4500,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_TINH",
        "INDIVIDUAL",
        3000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_BO_NGANH",
        "INDIVIDUAL",
        3000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CHIEN_SI_THI_DUA_CO_SO",
        "INDIVIDUAL",
        1000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "LAO_DONG_TIEN_TIEN",
        "INDIVIDUAL",
        300,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "COLLECTIVE",
        1500,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "TAP_THE_LAO_DONG_TIEN_TIEN",
        "COLLECTIVE",
        800,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CO_THI_DUA_CHINH_PHU",
        "COLLECTIVE",
        12000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CO_THI_DUA_TINH",
        "COLLECTIVE",
        8000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "CO_THI_DUA_BO_NGANH",
        "COLLECTIVE",
        8000,
        "2024-01-01",
        ND98_TITLES,
    ),
    (
        "BANG_KHEN_THU_TUONG",
        "INDIVIDUAL",
        3500,
        "2024-01-01",
        ND98_FORMS,
    ),
    (
        "BANG_KHEN_THU_TUONG",
        "COLLECTIVE",
        7000,
        "2024-01-01",
        ND98_FORMS,
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "INDIVIDUAL",
        1000,
        "2024-01-01",
        ND98_FORMS,
    ),
    (
        "BANG_KHEN_CHU_TICH_TINH",
        "COLLECTIVE",
        2000,
        "2024-01-01",
        ND98_FORMS,
    ),
    (
        "BANG_KHEN_BO_NGANH",
        "INDIVIDUAL",
        1000,
        "2024-01-01",
        ND98_FORMS,
    ),
    (
        "BANG_KHEN_BO_NGANH",
        "COLLECTIVE",
        2000,
        "2024-01-01",
        ND98_FORMS,
    ),
    ("GIAY_KHEN", "INDIVIDUAL", 300, "2024-01-01", ND98_FORMS),
    ("GIAY_KHEN", "COLLECTIVE", 600, "2024-01-01", ND98_FORMS),
];

/// The base salaries shipped: VND per month, first day, source.
pub const SHIPPED_BASE_SALARIES: &[(i64, &str, &str)] = &[
    (
        1_490_000,
        "2019-07-01",
        "Nghị định 38/2019/NĐ-CP (mức 1.600.000 đồng dự kiến từ 1/7/2020 không được thực hiện)",
    ),
    (1_800_000, "2023-07-01", "Nghị định 24/2023/NĐ-CP"),
    (
        2_340_000,
        "2024-07-01",
        "Nghị định 73/2024/NĐ-CP (chưa đối chiếu nguyên văn)",
    ),
];

/// The base salary in force on `on`.
pub async fn base_salary_on<C: ConnectionTrait>(
    db: &C,
    on: NaiveDate,
) -> AppResult<Option<base_salary::Model>> {
    Ok(base_salary::Entity::find()
        .filter(base_salary::Column::AppliesFrom.lte(on))
        .order_by_desc(base_salary::Column::AppliesFrom)
        .order_by_desc(base_salary::Column::Id)
        .one(db)
        .await?)
}

/// The rates in force on `on`: per award type and kind, the latest first day on or before
/// it, the latest recorded for that day.
pub async fn rates_on<C: ConnectionTrait>(
    db: &C,
    on: NaiveDate,
) -> AppResult<Vec<reward_rate::Model>> {
    let rows = reward_rate::Entity::find()
        .filter(reward_rate::Column::AppliesFrom.lte(on))
        .order_by_desc(reward_rate::Column::AppliesFrom)
        .order_by_desc(reward_rate::Column::Id)
        .all(db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|r| seen.insert((r.award_type_id, r.recipient_kind.clone())))
        .collect())
}

/// `multiplier × base`, rounded up to the ten thousand đồng.
pub fn amount(multiplier_milli: i32, base: i64) -> i64 {
    let exact = base * i64::from(multiplier_milli);
    let step = 10_000 * 1000;
    (exact + step - 1).div_euclid(step) * 10_000
}

/// The reward money of `award_type_id` for a recipient of `kind` decided on `on`; `None`
/// when no rate or base salary was in force then.
pub async fn amount_for<C: ConnectionTrait>(
    db: &C,
    award_type_id: i32,
    kind: &str,
    on: NaiveDate,
) -> AppResult<Option<i64>> {
    let Some(base) = base_salary_on(db, on).await? else {
        return Ok(None);
    };
    let rate = rates_on(db, on)
        .await?
        .into_iter()
        .find(|r| r.award_type_id == award_type_id && r.recipient_kind == kind);
    Ok(rate.map(|r| amount(r.multiplier_milli, base.amount)))
}

fn source_problem(source: &str) -> Option<UserProblem> {
    source.trim().is_empty().then(|| {
        UserProblem::new(
            &["source"],
            crate::tr!(
                "Name the legal source of the figure.",
                "Nêu căn cứ pháp lý của mức này."
            ),
            UserErrorCode::Required,
        )
    })
}

/// `setRewardRate` (ADMIN): records a multiplier from a day on; nothing is ever edited.
pub async fn set_rate(
    work: &Work,
    viewer: &Viewer,
    award_type_code: &str,
    kind: &str,
    multiplier_milli: i32,
    applies_from: NaiveDate,
    source: &str,
) -> AppResult<Outcome<reward_rate::Model>> {
    let txn = work.txn();
    access::authorize(viewer, Action::ManageRewardRates, &access::Target::none())?;
    let mut problems: Vec<UserProblem> = source_problem(source).into_iter().collect();
    if !(1..=1_000_000).contains(&multiplier_milli) {
        problems.push(UserProblem::new(
            &["multiplier"],
            crate::tr!(
                "A multiplier is above 0 and at most 1000.",
                "Hệ số phải lớn hơn 0 và không quá 1000."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    let Some(t) = award_type::Entity::find()
        .filter(award_type::Column::Code.eq(text::nfc(award_type_code.trim())))
        .one(txn)
        .await?
    else {
        let code = award_type_code.to_owned();
        problems.push(UserProblem::new(
            &["awardTypeCode"],
            crate::tr!(
                "No award type has code {code}.",
                "Không có loại khen thưởng nào mã {code}."
            ),
            UserErrorCode::NotFound,
        ));
        return Ok(Err(problems));
    };
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = reward_rate::ActiveModel {
        award_type_id: Set(t.id),
        recipient_kind: Set(kind.to_owned()),
        multiplier_milli: Set(multiplier_milli),
        applies_from: Set(applies_from),
        source: Set(text::nfc(source.trim())),
        recorded_by_user_id: Set(viewer.user_id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "setRewardRate",
            object_type: "RewardRate",
            object_id: row.id.to_string(),
            province_id: None,
            before: None,
            after: Some(json!({ "awardType": t.code, "recipientKind": kind,
                                "multiplierMilli": multiplier_milli,
                                "appliesFrom": applies_from, "source": row.source })),
        },
    );
    Ok(Ok(row))
}

/// `setBaseSalary` (ADMIN): records the base salary from a day on.
pub async fn set_base_salary(
    work: &Work,
    viewer: &Viewer,
    amount: i64,
    applies_from: NaiveDate,
    source: &str,
) -> AppResult<Outcome<base_salary::Model>> {
    let txn = work.txn();
    access::authorize(viewer, Action::ManageRewardRates, &access::Target::none())?;
    let mut problems: Vec<UserProblem> = source_problem(source).into_iter().collect();
    if !(1..=1_000_000_000).contains(&amount) {
        problems.push(UserProblem::new(
            &["amount"],
            crate::tr!(
                "A base salary is above 0 and at most 1,000,000,000 đồng.",
                "Mức lương cơ sở phải lớn hơn 0 và không quá 1.000.000.000 đồng."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let row = base_salary::ActiveModel {
        amount: Set(amount),
        applies_from: Set(applies_from),
        source: Set(text::nfc(source.trim())),
        recorded_by_user_id: Set(viewer.user_id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    work.audit(
        viewer,
        AuditEntry {
            action: "setBaseSalary",
            object_type: "BaseSalary",
            object_id: row.id.to_string(),
            province_id: None,
            before: None,
            after: Some(
                json!({ "amount": amount, "appliesFrom": applies_from, "source": row.source }),
            ),
        },
    );
    Ok(Ok(row))
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_are_rounded_up_to_the_ten_thousand() {
        // Seed 002's 2020 awards at 1,490,000 đồng: the flag (8.0) and a collective's
        // Bằng khen (2.0).
        assert_eq!(amount(8000, 1_490_000), 11_920_000);
        assert_eq!(amount(2000, 1_490_000), 2_980_000);
        // 0.3 × 1,490,000 = 447,000 → 450,000.
        assert_eq!(amount(300, 1_490_000), 450_000);
        assert_eq!(amount(300, 2_340_000), 710_000);
        assert_eq!(amount(1000, 2_340_000), 2_340_000);
    }
}
