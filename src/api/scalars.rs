//! The contract's scalars: `Date` (YYYY-MM-DD) and `DateTime` (RFC 3339, UTC); and `Year`,
//! an `Int` with a range.

use std::borrow::Cow;

use async_graphql::{InputType, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{DateTime as ChronoDateTime, NaiveDate, SecondsFormat, Utc};

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form, `YYYY-MM-DD` (e.g. `2025-07-01`).
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom("expected a date as YYYY-MM-DD")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Date(date)
    }
}

/// An instant, RFC 3339 in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime(pub ChronoDateTime<Utc>);

/// An instant in RFC 3339 form, always in UTC (e.g. `2026-01-05T08:30:00Z`).
#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => ChronoDateTime::parse_from_rfc3339(s)
                .map(|t| DateTime(t.with_timezone(&Utc)))
                .map_err(|_| InputValueError::custom("expected an RFC 3339 date-time")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl From<ChronoDateTime<Utc>> for DateTime {
    fn from(t: ChronoDateTime<Utc>) -> Self {
        DateTime(t)
    }
}

/// A calendar year, as every `year`, `yearFrom`, `yearTo` and `activeIn` argument and filter
/// field takes it: a GraphQL `Int` (clients send `Int` variables) between [`Year::MIN`] and
/// [`Year::MAX`], checked once when the argument is read. The range covers every emulation
/// year the network can have (its records begin long after 1900) and keeps dates built from a
/// year inside what both SQLite and PostgreSQL store; a year outside it is `BAD_USER_INPUT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(i32);

impl Year {
    pub const MIN: i32 = 1900;
    pub const MAX: i32 = 2200;

    /// The year `year`, if it is in range.
    pub fn new(year: i32) -> Result<Year, String> {
        if (Year::MIN..=Year::MAX).contains(&year) {
            Ok(Year(year))
        } else {
            Err(format!(
                "a year must be between {} and {}, not {year}",
                Year::MIN,
                Year::MAX
            ))
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

impl From<Year> for i32 {
    fn from(year: Year) -> i32 {
        year.0
    }
}

/// `Year` is an `Int` in the schema: it registers and parses as one, then checks the range.
impl InputType for Year {
    type RawValueType = i32;

    fn type_name() -> Cow<'static, str> {
        <i32 as InputType>::type_name()
    }

    fn create_type_info(registry: &mut async_graphql::registry::Registry) -> String {
        <i32 as InputType>::create_type_info(registry)
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        let year = <i32 as InputType>::parse(value).map_err(InputValueError::propagate)?;
        Year::new(year).map_err(InputValueError::custom)
    }

    fn to_value(&self) -> Value {
        Value::from(self.0)
    }

    fn as_raw_value(&self) -> Option<&i32> {
        Some(&self.0)
    }
}

/// Lets a year go into a query condition as it is.
impl From<Year> for sea_orm::Value {
    fn from(year: Year) -> Self {
        year.0.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked_once_parsed() {
        assert_eq!(Year::new(1900).map(Year::get), Ok(1900));
        assert_eq!(Year::new(2200).map(Year::get), Ok(2200));
        for bad in [1899, 2201, 0, -4713, 300_000] {
            assert!(Year::new(bad).is_err(), "{bad}");
            assert!(<Year as InputType>::parse(Some(Value::from(bad))).is_err());
        }
        let parsed = <Year as InputType>::parse(Some(Value::from(2025))).unwrap();
        assert_eq!(parsed.get(), 2025);
        assert_eq!(<Year as InputType>::type_name(), "Int");
    }
}
