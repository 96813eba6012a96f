//! Rules of the organisation's data, as plain functions: what a valid code, name, year range
//! or hierarchy is. Each returns the problem it finds, for `userErrors`.

use chrono::NaiveDate;

use crate::error::{UserErrorCode, UserProblem};

/// The longest name accepted.
pub const MAX_NAME_CHARS: usize = 300;
/// Years the system accepts (the Republic's emulation movement began in 1948).
pub const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// Unit codes: 2 to 32 of `A-Z`, `0-9` and `-`, starting with a letter or digit.
pub fn unit_code(field: &str, code: &str) -> Option<UserProblem> {
    let ok = (2..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && code.starts_with(|c: char| c.is_ascii_alphanumeric());
    (!ok).then(|| {
        UserProblem::new(
            &[field],
            crate::tr!(
                "`{code}` is not a unit code: 2 to 32 of A-Z, 0-9 and '-', e.g. HNA-SKHCN.",
                "`{code}` không phải là mã đơn vị hợp lệ: mã gồm 2 đến 32 ký tự A-Z, 0-9 và '-', ví dụ HNA-SKHCN."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

/// A name or title: not blank, not longer than [`MAX_NAME_CHARS`].
pub fn name(field: &str, value: &str) -> Option<UserProblem> {
    if value.trim().is_empty() {
        Some(UserProblem::new(
            &[field],
            crate::tr!("This must not be blank.", "Không được để trống."),
            UserErrorCode::Required,
        ))
    } else if value.chars().count() > MAX_NAME_CHARS {
        Some(UserProblem::new(
            &[field],
            crate::tr!(
                "At most {MAX_NAME_CHARS} characters.",
                "Tối đa {MAX_NAME_CHARS} ký tự."
            ),
            UserErrorCode::OutOfRange,
        ))
    } else {
        None
    }
}

/// A year within [`YEARS`].
pub fn year(field: &str, year: i32) -> Option<UserProblem> {
    (!YEARS.contains(&year)).then(|| {
        let (first, last) = (YEARS.start(), YEARS.end());
        UserProblem::new(
            &[field],
            crate::tr!(
                "{year} is outside {first}–{last}.",
                "Năm {year} nằm ngoài khoảng {first}–{last}."
            ),
            UserErrorCode::OutOfRange,
        )
    })
}

/// A term ends after it starts (khóa IV: 2025–2030).
pub fn term_years(start: i32, end: i32) -> Vec<UserProblem> {
    let mut problems: Vec<UserProblem> = [year("startYear", start), year("endYear", end)]
        .into_iter()
        .flatten()
        .collect();
    if problems.is_empty() && end <= start {
        problems.push(UserProblem::new(
            &["endYear"],
            crate::tr!(
                "A term ends after it starts: {start}–{end}.",
                "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu: {start}–{end}."
            ),
            UserErrorCode::OutOfRange,
        ));
    }
    problems
}

/// A period ends on or after its first day.
pub fn date_order(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    end_field: &str,
) -> Option<UserProblem> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Some(UserProblem::new(
            &[end_field],
            crate::tr!(
                "The end ({end}) is before the start ({start}).",
                "Ngày kết thúc ({end}) trước ngày bắt đầu ({start})."
            ),
            UserErrorCode::OutOfRange,
        )),
        _ => None,
    }
}

/// A unit may not become its own ancestor: `parent_chain` is the new parent and all its
/// ancestors.
pub fn no_cycle(unit_id: i32, parent_chain: &[i32]) -> Option<UserProblem> {
    parent_chain.contains(&unit_id).then(|| {
        UserProblem::new(
            &["parentCode"],
            crate::tr!(
                "A unit cannot be placed under itself or one of its own sub-units.",
                "Không thể đặt một đơn vị trực thuộc chính nó hoặc một đơn vị cấp dưới của nó."
            ),
            UserErrorCode::RuleNotMet,
        )
    })
}

/// A simple shape check of an e-mail address.
pub fn email(field: &str, value: &str) -> Option<UserProblem> {
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !value.chars().any(char::is_whitespace);
    (!ok).then(|| {
        UserProblem::new(
            &[field],
            crate::tr!(
                "This is not an e-mail address.",
                "Đây không phải là địa chỉ thư điện tử hợp lệ."
            ),
            UserErrorCode::InvalidValue,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes() {
        assert!(unit_code("code", "HNA-SKHCN").is_none());
        assert!(unit_code("code", "CM-SKHCN-2025").is_none());
        for bad in [
            "",
            "X",
            "hna-skhcn",
            "-HNA",
            "HNA SKHCN",
            "SỞ",
            &"A".repeat(33),
        ] {
            assert!(unit_code("code", bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_term_ends_after_it_starts() {
        assert!(term_years(2025, 2030).is_empty());
        assert_eq!(term_years(2030, 2025)[0].field, ["endYear"]);
        assert_eq!(term_years(2025, 2025)[0].code, UserErrorCode::OutOfRange);
        assert_eq!(term_years(1900, 2030)[0].field, ["startYear"]);
    }

    #[test]
    fn no_unit_is_its_own_ancestor() {
        assert!(no_cycle(5, &[7, 3, 1]).is_none());
        assert!(no_cycle(5, &[7, 5, 1]).is_some());
        assert!(no_cycle(5, &[5]).is_some());
    }

    #[test]
    fn names_emails_and_dates() {
        assert!(name("name", "  ").is_some());
        assert!(name("name", "Sở Xây dựng").is_none());
        assert!(email("email", "ha.nt@hanam.gov.vn").is_none());
        assert!(email("email", "not an email").is_some());
        let d = |s: &str| Some(s.parse().unwrap());
        assert!(date_order(d("2025-01-01"), d("2024-12-31"), "endOn").is_some());
        assert!(date_order(d("2025-01-01"), d("2025-01-01"), "endOn").is_none());
    }
}
