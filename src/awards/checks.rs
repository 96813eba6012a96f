//! The checks of conferring an award, shared by `recordAward` and the nominations workflow:
//! the shape of a decision number, the recipient kind, and "one achievement is rewarded once".

use entity::{award, award_type};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::eligibility::Recipient;
use crate::{
    error::{AppResult, UserErrorCode, UserProblem},
    organisation::rules as names,
};

/// A decision number has the shape `{n}/QĐ-{issuer}`, e.g. "163/QĐ-UBND".
pub fn decision_number(field: &[&str], number: &str) -> Option<UserProblem> {
    let ok = number.split_once("/QĐ-").is_some_and(|(n, issuer)| {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && !issuer.is_empty()
            && issuer
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == 'Đ')
    });
    (!ok).then(|| {
        UserProblem::new(
            field,
            crate::tr!(
                "`{number}` is not a decision number like 163/QĐ-UBND.",
                "`{number}` không phải là số quyết định đúng mẫu, ví dụ 163/QĐ-UBND."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

/// The person's and the unit's row id of a recipient, and its name.
pub fn recipient_ids(recipient: &Recipient) -> (Option<i32>, Option<i32>, String) {
    match recipient {
        Recipient::Person(p) => (Some(p.id), None, p.full_name.clone()),
        Recipient::Unit(u) => (None, Some(u.id), u.name.clone()),
    }
}

/// Problems of giving `award_type` to `recipient` for `year`: the recipient kind, and one
/// achievement rewarded once.
pub async fn award_problems<C: sea_orm::ConnectionTrait>(
    db: &C,
    award_type: &award_type::Model,
    recipient: &Recipient,
    year: i32,
) -> AppResult<Vec<UserProblem>> {
    let mut problems: Vec<UserProblem> = names::year("year", year).into_iter().collect();
    let (person, unit, _) = recipient_ids(recipient);
    let kind_ok = if person.is_some() {
        award_type.for_individual
    } else {
        award_type.for_collective
    };
    let name = &award_type.name;
    if !kind_ok {
        problems.push(UserProblem::new(
            &["recipientId"],
            crate::tr!(
                "{name} is not conferred on this kind of recipient.",
                "{name} không được xét tặng cho loại đối tượng này."
            ),
            UserErrorCode::RuleNotMet,
        ));
    }
    let held = award::Entity::find()
        .filter(award::Column::AwardTypeId.eq(award_type.id))
        .filter(award::Column::Year.eq(year))
        .filter(award::Column::RevokedAt.is_null())
        .filter(match (person, unit) {
            (Some(p), _) => award::Column::RecipientPersonId.eq(p),
            (None, Some(u)) => award::Column::RecipientUnitId.eq(u),
            (None, None) => award::Column::Id.eq(-1),
        })
        .one(db)
        .await?;
    if held.is_some() {
        problems.push(UserProblem::new(
            &["year"],
            crate::tr!(
                "The recipient holds {name} for {year} already: one achievement is rewarded once.",
                "Đối tượng này đã được tặng {name} năm {year}: mỗi thành tích chỉ được khen thưởng một lần."
            ),
            UserErrorCode::Duplicate,
        ));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decision_numbers_have_the_official_shape() {
        assert!(super::decision_number(&["n"], "163/QĐ-UBND").is_none());
        assert!(super::decision_number(&["n"], "12/QĐ-SKHCN").is_none());
        for bad in [
            "163/QD-UBND",
            "QĐ-UBND",
            "abc/QĐ-UBND",
            "163/QĐ-",
            "163/QĐ-ubnd",
        ] {
            assert!(super::decision_number(&["n"], bad).is_some(), "{bad}");
        }
    }
}
