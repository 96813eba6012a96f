//! The organisation: provinces, units (departments, agencies, associations, people's
//! committees and their sub-units), persons, and the lineage that keeps history through
//! mergers and renamings (sáp nhập, hợp nhất, đổi tên).

pub mod graphql;
pub mod mutations;
pub mod provinces;
pub mod rules;
pub mod store;
pub mod writes;

use chrono::NaiveDate;

/// Whether something valid from `from` to `to` (both inclusive, open where `None`) is in
/// force on `day`.
pub fn in_force_on(from: Option<NaiveDate>, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from.is_none_or(|f| f <= day) && to.is_none_or(|t| t >= day)
}

/// Whether something valid from `from` to `to` was in force on any day of `year`.
pub fn in_force_in_year(from: Option<NaiveDate>, to: Option<NaiveDate>, year: i32) -> bool {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return false;
    };
    from.is_none_or(|f| f <= last) && to.is_none_or(|t| t >= first)
}

/// The search key of a unit: its name, short name and code, folded (see [`crate::text`]).
pub fn unit_search_key(name: &str, short_name: Option<&str>, code: &str) -> String {
    let mut all = String::from(name);
    for part in [short_name.unwrap_or(""), code] {
        all.push(' ');
        all.push_str(part);
    }
    crate::text::search_key(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_unit_closed_on_30_june_2025_is_not_in_force_on_1_july() {
        let to = Some(d("2025-06-30"));
        assert!(in_force_on(None, to, d("2025-06-30")));
        assert!(!in_force_on(None, to, d("2025-07-01")));
        assert!(in_force_in_year(None, to, 2025));
        assert!(!in_force_in_year(None, to, 2026));
    }

    #[test]
    fn a_unit_opened_on_1_july_2025_is_not_in_force_before() {
        let from = Some(d("2025-07-01"));
        assert!(!in_force_on(from, None, d("2025-06-30")));
        assert!(in_force_in_year(from, None, 2025));
        assert!(!in_force_in_year(from, None, 2024));
    }
}
