//! The rules of a cluster year, as plain functions: the order of its stages, what a score
//! may be, how a sheet is totalled, and how a ranking is made (standard competition
//! ranking, 1-2-2-4, with ties in the first three places broken explicitly by the head).

use std::collections::HashMap;

use entity::enums::ClusterYearStatus as Status;

use crate::{
    error::{UserErrorCode, UserProblem},
    i18n::{Lang, Text},
};

/// The most points a criterion may carry.
pub const MAX_CRITERION_POINTS: f64 = 1000.0;
/// The most bonus or penalty points one sheet may carry.
pub const MAX_ADJUSTMENT: f64 = 100.0;
/// Totals closer than this are equal (points have at most two decimals in practice).
const EPSILON: f64 = 1e-6;

/// The name of a status, as the API spells it.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Planning => "PLANNING",
        Status::Active => "ACTIVE",
        Status::Scoring => "SCORING",
        Status::Review => "REVIEW",
        Status::Finalized => "FINALIZED",
    }
}

/// `WRONG_STATE` naming the current status, unless it is one of `allowed`.
/// `doing` names what was asked, as the end of a sentence.
pub fn require_status(current: Status, allowed: &[Status], doing: Text) -> Option<UserProblem> {
    (!allowed.contains(&current)).then(|| {
        let wanted: Vec<&str> = allowed.iter().map(|s| status_name(*s)).collect();
        let (status, doing_en, doing_vi) = (
            status_name(current),
            doing.render(Lang::En),
            doing.render(Lang::Vi),
        );
        let (wanted_en, wanted_vi) = (wanted.join(" or "), wanted.join(" hoặc "));
        UserProblem::new(
            &[],
            crate::tr!(
                "The year is {status}; {doing_en} needs {wanted_en}.",
                "Năm thi đua đang ở trạng thái {status}; {doing_vi} chỉ thực hiện được khi ở trạng thái {wanted_vi}."
            ),
            UserErrorCode::WrongState,
        )
    })
}

/// The stage before `status`, where `reopenClusterYear` takes a year back to.
pub fn previous(status: Status) -> Option<Status> {
    match status {
        Status::Planning => None,
        Status::Active => Some(Status::Planning),
        Status::Scoring => Some(Status::Active),
        Status::Review => Some(Status::Scoring),
        Status::Finalized => Some(Status::Review),
    }
}

/// Points between 0 and `max`, finite.
pub fn points(field: &[&str], value: f64, max: f64) -> Option<UserProblem> {
    (!value.is_finite() || !(0.0..=max).contains(&value)).then(|| {
        UserProblem::new(
            field,
            crate::tr!(
                "Points must be between 0 and {max}, got {value}.",
                "Số điểm phải từ 0 đến {max}, giá trị nhận được là {value}."
            ),
            UserErrorCode::OutOfRange,
        )
    })
}

/// A bonus or penalty: between 0 and [`MAX_ADJUSTMENT`], with a reason when not zero.
pub fn adjustment(field: &str, value: f64, reason: Option<&str>) -> Vec<UserProblem> {
    let mut problems: Vec<UserProblem> = points(&[field], value, MAX_ADJUSTMENT)
        .into_iter()
        .collect();
    if value > 0.0 && reason.is_none_or(|r| r.trim().is_empty()) {
        problems.push(UserProblem::new(
            &[&format!("{field}Reason")],
            crate::tr!(
                "Bonus and penalty points need a reason.",
                "Điểm thưởng và điểm trừ phải có lý do."
            ),
            UserErrorCode::Required,
        ));
    }
    problems
}

/// One line of a sheet, for totalling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub self_points: Option<f64>,
    pub reviewed_points: Option<f64>,
}

impl Line {
    /// The points that count: the reviewed ones, or the member's own where the head did not
    /// review the line.
    pub fn counted(&self) -> f64 {
        self.reviewed_points.or(self.self_points).unwrap_or(0.0)
    }
}

/// A sheet's total: counted points, plus bonus, minus penalty.
pub fn total(lines: &[Line], bonus: f64, penalty: f64) -> f64 {
    lines.iter().map(Line::counted).sum::<f64>() + bonus - penalty
}

/// One place of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Place<K> {
    pub key: K,
    pub rank: i32,
    pub total: f64,
}

/// A tie in the first three places that the tie-break does not order.
#[derive(Debug, Clone, PartialEq)]
pub struct UnresolvedTie<K> {
    /// The tied keys, as they stand.
    pub tied: Vec<K>,
    /// The place they share.
    pub rank: i32,
}

/// Ranks `totals` highest first by standard competition ranking (1, 2, 2, 4). A tie that
/// touches the places proposed for awards (1 to `proposed`: the province's quotas, 3 by
/// default) must be ordered by `tie_break` (all its members listed, in the order wanted);
/// the tied members then take consecutive places in that order. Ties below share their rank.
pub fn rank<K: Clone + Eq + std::hash::Hash + Ord>(
    totals: &[(K, f64)],
    tie_break: &[K],
    proposed: i32,
) -> Result<Vec<Place<K>>, UnresolvedTie<K>> {
    let mut sorted: Vec<(K, f64)> = totals.to_vec();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let order: HashMap<&K, usize> = tie_break.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut places = Vec::with_capacity(sorted.len());
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && (sorted[i].1 - sorted[j].1).abs() < EPSILON {
            j += 1;
        }
        let shared_rank = i as i32 + 1;
        let group = &sorted[i..j];
        if group.len() > 1 && shared_rank <= proposed {
            if !group.iter().all(|(k, _)| order.contains_key(k)) {
                return Err(UnresolvedTie {
                    tied: group.iter().map(|(k, _)| k.clone()).collect(),
                    rank: shared_rank,
                });
            }
            let mut ordered = group.to_vec();
            ordered.sort_by_key(|(k, _)| order[k]);
            for (offset, (key, total)) in ordered.into_iter().enumerate() {
                places.push(Place {
                    key,
                    rank: shared_rank + offset as i32,
                    total,
                });
            }
        } else {
            for (key, total) in group.iter().cloned() {
                places.push(Place {
                    key,
                    rank: shared_rank,
                    total,
                });
            }
        }
        i = j;
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks(places: &[Place<&'static str>]) -> Vec<(&'static str, i32)> {
        places.iter().map(|p| (p.key, p.rank)).collect()
    }

    #[test]
    fn standard_competition_ranking_is_1_2_2_4_below_the_podium() {
        let totals = [
            ("a", 95.0),
            ("b", 90.0),
            ("c", 88.0),
            ("d", 80.0),
            ("e", 80.0),
            ("f", 70.0),
        ];
        let places = rank(&totals, &[], 3).unwrap();
        assert_eq!(
            ranks(&places),
            [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 4), ("f", 6)]
        );
    }

    #[test]
    fn a_tie_touching_the_first_three_places_needs_a_tie_break() {
        let totals = [("a", 95.0), ("b", 90.0), ("c", 90.0), ("d", 80.0)];
        let tie = rank(&totals, &[], 3).unwrap_err();
        assert_eq!(
            tie,
            UnresolvedTie {
                tied: vec!["b", "c"],
                rank: 2
            }
        );
        let places = rank(&totals, &["c", "b"], 3).unwrap();
        assert_eq!(ranks(&places), [("a", 1), ("c", 2), ("b", 3), ("d", 4)]);
        assert!(
            rank(&totals, &["c"], 3).is_err(),
            "every tied unit must be ordered"
        );
    }

    #[test]
    fn a_tie_for_third_touches_the_podium_and_a_tie_for_fourth_does_not() {
        let third = [("a", 3.0), ("b", 2.0), ("c", 1.0), ("d", 1.0)];
        assert_eq!(rank(&third, &[], 3).unwrap_err().rank, 3);
        let fourth = [("a", 4.0), ("b", 3.0), ("c", 2.0), ("d", 1.0), ("e", 1.0)];
        assert_eq!(
            ranks(&rank(&fourth, &[], 3).unwrap())[3..],
            [("d", 4), ("e", 4)]
        );
    }

    #[test]
    fn totals_count_reviewed_points_else_self_points_plus_bonus_minus_penalty() {
        let lines = [
            Line {
                self_points: Some(10.0),
                reviewed_points: Some(8.0),
            },
            Line {
                self_points: Some(5.0),
                reviewed_points: None,
            },
            Line {
                self_points: None,
                reviewed_points: None,
            },
        ];
        assert_eq!(total(&lines, 2.0, 1.5), 13.5);
    }

    #[test]
    fn stages_and_refusals_name_the_status() {
        let reviewing = || crate::tr!("reviewing", "việc chấm điểm");
        let problem = require_status(Status::Scoring, &[Status::Review], reviewing()).unwrap();
        let message = problem.message.render(crate::i18n::Lang::En);
        assert!(message.contains("SCORING") && message.contains("REVIEW"));
        assert_eq!(problem.code, UserErrorCode::WrongState);
        assert!(require_status(Status::Review, &[Status::Review], reviewing()).is_none());
        assert_eq!(
            problem.message.render(crate::i18n::Lang::Vi),
            "Năm thi đua đang ở trạng thái SCORING; việc chấm điểm chỉ thực hiện được khi ở trạng thái REVIEW."
        );
        assert_eq!(previous(Status::Finalized), Some(Status::Review));
        assert_eq!(previous(Status::Planning), None);
    }

    #[test]
    fn points_and_adjustments() {
        assert!(points(&["points"], 10.5, 10.0).is_some());
        assert!(points(&["points"], -1.0, 10.0).is_some());
        assert!(points(&["points"], f64::NAN, 10.0).is_some());
        assert!(points(&["points"], 10.0, 10.0).is_none());
        assert_eq!(adjustment("bonus", 2.0, None)[0].field, ["bonusReason"]);
        assert!(adjustment("bonus", 0.0, None).is_empty());
    }
}
