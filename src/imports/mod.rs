//! Import of a province's history from XLSX and CSV: units, persons (with positions), past
//! awards with their decisions, initiatives, and performance ratings.
//!
//! One import is one write, all or nothing: the file is read ([`table`]), its columns are
//! recognised by their Vietnamese or English headers or by a mapping ([`columns`]), every row
//! is checked against the database and the rest of the file, and only when no row has a
//! problem is anything written. Each kind has natural keys (a unit's code; a person's
//! national ID, or unit, name and birth date; a decision's issuer, number and year of
//! signing; an award's type, recipient, year and decision; a rating's person or unit and
//! year): a row whose key exists already is left as it is, so importing the same file twice
//! changes nothing. The command line (`thidua import`) and `importFile` both run [`run`].

pub mod awards;
pub mod columns;
pub mod graphql;
pub mod initiatives;
pub mod persons;
pub mod ratings;
pub mod table;
pub mod units;

use entity::province;
use sea_orm::DatabaseTransaction;
use serde_json::json;

use crate::{
    access::{self, target, Action, Viewer},
    audit::AuditEntry,
    error::AppResult,
    i18n::Text,
    work::Work,
};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Units,
    Persons,
    Awards,
    Ratings,
    Initiatives,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Units,
        Kind::Persons,
        Kind::Awards,
        Kind::Ratings,
        Kind::Initiatives,
    ];

    /// The name the command line takes.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Units => "units",
            Kind::Persons => "persons",
            Kind::Awards => "awards",
            Kind::Ratings => "ratings",
            Kind::Initiatives => "initiatives",
        }
    }

    /// The columns of the kind.
    pub fn fields(self) -> &'static [columns::Field] {
        match self {
            Kind::Units => units::FIELDS,
            Kind::Persons => persons::FIELDS,
            Kind::Awards => awards::FIELDS,
            Kind::Ratings => ratings::FIELDS,
            Kind::Initiatives => initiatives::FIELDS,
        }
    }
}

/// One problem of a file: its row (as a spreadsheet numbers it, the header being 1; 0 for
/// the file as a whole), its column's header, and what is wrong.
#[derive(Debug, Clone)]
pub struct Problem {
    pub row: usize,
    pub column: Option<String>,
    pub message: Text,
}

/// What an import did, or would do (`dry_run`).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub dry_run: bool,
    pub rows_read: usize,
    pub rows_written: usize,
    pub problems: Vec<Problem>,
}

/// The province a file is imported into, with the provinces it absorbed (their units are
/// its history too).
pub struct Scope {
    pub province: province::Model,
    pub province_ids: Vec<i32>,
}

/// Called with the number of rows written so far and the number to write (for a progress
/// bar).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// What a kind's checks planned: the rows to write, or the problems found.
pub trait Plan {
    /// Writes the plan on `txn`; the number of rows written.
    fn write(
        self,
        txn: &DatabaseTransaction,
        progress: Progress<'_>,
    ) -> impl std::future::Future<Output = AppResult<usize>> + Send;
}

/// What to import: a file of `kind` for the province `province_code`.
pub struct Request<'a> {
    pub kind: Kind,
    pub province_code: &'a str,
    pub bytes: &'a [u8],
    pub mapping: &'a columns::Mapping,
    pub dry_run: bool,
}

/// Imports `bytes` of `kind` into `scope`'s province, on `work`: checks every row, then
/// writes unless `dry_run` or a row has a problem. The caller commits `work` only when the
/// report has no problems and `dry_run` is false.
pub async fn run(
    work: &Work,
    viewer: &Viewer,
    request: Request<'_>,
    progress: Progress<'_>,
) -> AppResult<Result<Report, Vec<crate::error::UserProblem>>> {
    let Request {
        kind,
        province_code,
        bytes,
        mapping,
        dry_run,
    } = request;
    access::require_some(viewer, Action::ImportData)?;
    let txn = work.txn();
    let code = crate::text::nfc(province_code);
    let Some(province) = crate::organisation::store::find_province(txn, &code).await? else {
        return Ok(Err(vec![crate::error::UserProblem::new(
            &["provinceCode"],
            crate::tr!(
                "No province has code {code}.",
                "Không có tỉnh nào mã {code}."
            ),
            crate::error::UserErrorCode::NotFound,
        )]));
    };
    let target = target::of_province(&target::Through(txn), Some(province.id)).await?;
    access::authorize(viewer, Action::ImportData, &target)?;
    let scope = Scope {
        province_ids: access::absorbed(txn, province.id).await?,
        province,
    };
    let mut report = Report {
        dry_run,
        ..Default::default()
    };
    let table = match table::read(bytes) {
        Ok(table) => table,
        Err(problem) => {
            report.problems.push(problem);
            return Ok(Ok(report));
        }
    };
    report.rows_read = table.rows.len();
    let columns = match columns::Columns::resolve(&table.headers, kind.fields(), mapping) {
        Ok(columns) => columns,
        Err(problems) => {
            report.problems = problems;
            return Ok(Ok(report));
        }
    };
    let written = match kind {
        Kind::Units => {
            check_then_write(
                units::check(txn, &scope, &table, &columns).await?,
                txn,
                dry_run,
                progress,
            )
            .await?
        }
        Kind::Persons => {
            check_then_write(
                persons::check(txn, &scope, &table, &columns).await?,
                txn,
                dry_run,
                progress,
            )
            .await?
        }
        Kind::Awards => {
            check_then_write(
                awards::check(txn, &scope, &table, &columns).await?,
                txn,
                dry_run,
                progress,
            )
            .await?
        }
        Kind::Ratings => {
            check_then_write(
                ratings::check(txn, &scope, &table, &columns).await?,
                txn,
                dry_run,
                progress,
            )
            .await?
        }
        Kind::Initiatives => {
            check_then_write(
                initiatives::check(txn, &scope, &table, &columns).await?,
                txn,
                dry_run,
                progress,
            )
            .await?
        }
    };
    match written {
        Ok(n) => report.rows_written = n,
        Err(problems) => report.problems = problems,
    }
    if !dry_run && report.problems.is_empty() {
        work.audit(
            viewer,
            AuditEntry {
                action: "importFile",
                object_type: "Import",
                object_id: kind.name().to_owned(),
                province_id: Some(scope.province.id),
                before: None,
                after: Some(json!({ "kind": kind.name(), "rowsRead": report.rows_read,
                                    "rowsWritten": report.rows_written })),
            },
        );
    }
    Ok(Ok(report))
}

/// Writes `plan` unless it has problems or this is a dry run (then: how many rows it would
/// write).
async fn check_then_write<P: Plan + Counted>(
    plan: Result<P, Vec<Problem>>,
    txn: &DatabaseTransaction,
    dry_run: bool,
    progress: Progress<'_>,
) -> AppResult<Result<usize, Vec<Problem>>> {
    let plan = match plan {
        Ok(plan) => plan,
        Err(mut problems) => {
            problems.sort_by_key(|p| p.row);
            return Ok(Err(problems));
        }
    };
    if dry_run {
        return Ok(Ok(plan.count()));
    }
    Ok(Ok(plan.write(txn, progress).await?))
}

/// How many rows a plan would write.
pub trait Counted {
    fn count(&self) -> usize;
}
