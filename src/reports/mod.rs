//! The statutory forms of emulation and commendation a province files each year with the
//! Ministry of Home Affairs (biểu mẫu báo cáo thống kê ngành Nội vụ, lĩnh vực thi đua, khen
//! thưởng): 0601.N (emulation movements), 0602.N (State-level awards) and 0603.N (awards of
//! the province) /BNV-TĐKT, laid out as the forms are, for `thidua report` and
//! `GET /reports/…`.
//!
//! The forms are those of Circular 02/2023/TT-BNV (23/3/2023). Circular 18/2025/TT-BNV
//! (8/10/2025) replaced it as the statistical reporting regime of the sector; the forms here
//! keep the layout and the numbering of 2023 (see [`CIRCULAR`]), the one place to change when
//! the new forms' layout differs.
//!
//! The reporting period of the sector is from 1 December of the year before to 30 November
//! of the year reported ([`period`]); an award belongs to it by the date its decision was
//! signed, a movement when it ran during it.

mod awards;
mod movements;
pub mod sheet;

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

use crate::{
    access::{self, target, Action, Viewer},
    error::{AppResult, UserErrorCode, UserProblem},
};

/// The circular whose forms these are, as the forms' heading cites it.
pub const CIRCULAR: &str = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ Nội vụ";

/// One of the yearly forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// 0601.N/BNV-TĐKT: Số phong trào thi đua.
    Movements,
    /// 0602.N/BNV-TĐKT: Số lượng khen thưởng cấp Nhà nước.
    StateAwards,
    /// 0603.N/BNV-TĐKT: Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh.
    ProvincialAwards,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::Movements, Form::StateAwards, Form::ProvincialAwards];

    /// The form's number, as in a file name or a URL: `0601`.
    pub fn number(self) -> &'static str {
        match self {
            Form::Movements => "0601",
            Form::StateAwards => "0602",
            Form::ProvincialAwards => "0603",
        }
    }

    /// The form's full code, as printed on it.
    pub fn code(self) -> String {
        format!("{}.N/BNV-TĐKT", self.number())
    }

    /// The form's title, as printed on it.
    pub fn title(self) -> &'static str {
        match self {
            Form::Movements => "SỐ PHONG TRÀO THI ĐUA",
            Form::StateAwards => "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
            Form::ProvincialAwards => {
                "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
            }
        }
    }

    /// The form by its number (`0601`), or its code (`0601.N`, `0601.N/BNV-TĐKT`).
    pub fn by_name(name: &str) -> Option<Form> {
        let number = name.trim().split(['.', '/']).next().unwrap_or_default();
        Form::ALL.into_iter().find(|f| f.number() == number)
    }
}

/// The reporting period of `year`: from 1 December of the year before to 30 November.
pub fn period(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(year - 1, 12, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 11, 30).unwrap_or(NaiveDate::MAX);
    (from, to)
}

/// The years a form can be asked for.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// The form `form` of province `province_code` for `year`, as `viewer` may file it (the board
/// of that province, or an administrator).
pub async fn build<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    form: Form,
    province_code: &str,
    year: i32,
) -> AppResult<Result<sheet::Sheet, Vec<UserProblem>>> {
    access::require_some(viewer, Action::FileReports)?;
    if !YEARS.contains(&year) {
        return Ok(Err(vec![UserProblem::new(
            &["year"],
            crate::tr!(
                "{year} is not a year the forms can be filed for.",
                "Không lập được biểu cho năm {year}."
            ),
            UserErrorCode::OutOfRange,
        )]));
    }
    let code = crate::text::nfc(province_code);
    let Some(province) = crate::organisation::store::find_province(db, &code).await? else {
        return Ok(Err(vec![UserProblem::new(
            &["province"],
            crate::tr!(
                "No province has code {code}.",
                "Không có tỉnh nào mã {code}."
            ),
            UserErrorCode::NotFound,
        )]));
    };
    let target = target::of_province(&target::Through(db), Some(province.id)).await?;
    access::authorize(viewer, Action::FileReports, &target)?;
    let provinces = access::absorbed(db, province.id).await?;
    let (from, to) = period(year);
    let reporter = crate::awards::competence::peoples_committee(db, province.id, to)
        .await?
        .map(|u| u.name)
        .unwrap_or_else(|| format!("Ủy ban nhân dân {}", province.name));
    let heading = sheet::Heading {
        code: form.code(),
        title: form.title(),
        year,
        from,
        to,
        reporter,
    };
    let sheet = match form {
        Form::Movements => movements::form(db, &provinces, heading).await?,
        Form::StateAwards => awards::state_form(db, &provinces, heading).await?,
        Form::ProvincialAwards => awards::provincial_form(db, &provinces, heading).await?,
    };
    Ok(Ok(sheet))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_runs_from_december_to_november() {
        let (from, to) = period(2025);
        assert_eq!(from, NaiveDate::from_ymd_opt(2024, 12, 1).unwrap());
        assert_eq!(to, NaiveDate::from_ymd_opt(2025, 11, 30).unwrap());
    }

    #[test]
    fn a_form_is_named_by_its_number_or_its_code() {
        assert_eq!(Form::by_name("0602"), Some(Form::StateAwards));
        assert_eq!(
            Form::by_name("0603.N/BNV-TĐKT"),
            Some(Form::ProvincialAwards)
        );
        assert_eq!(Form::by_name("0601.N"), Some(Form::Movements));
        assert_eq!(Form::by_name("0604"), None);
    }
}
