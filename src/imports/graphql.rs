//! The GraphQL face of imports: `importFile`, a multipart upload.

use std::io::Read;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, Upload};

use super::{columns::Mapping, Kind};
use crate::{
    access::{self, Action},
    api::context::{run, viewer},
    error::{AppError, AppResult},
};

/// What an imported file holds.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "Kind")]
pub enum ImportKind {
    /// Units: code, name, kind, parent, dates.
    Units,
    /// Persons: name, unit, birth date, national ID, position.
    Persons,
    /// Past awards with their decisions.
    Awards,
    /// Performance ratings of persons and units by year.
    Ratings,
    /// Initiatives and research projects of persons, with their scope.
    Initiatives,
}

/// A column of the file and the field it holds.
#[derive(InputObject)]
pub struct ColumnMappingInput {
    /// The column's header, as in the file.
    header: String,
    /// The field, by its key (e.g. `unit_code`, `birth_date`).
    field: String,
}

/// Input of `importFile`.
#[derive(InputObject)]
pub struct ImportFileInput {
    /// What the file holds.
    kind: ImportKind,
    /// The province the file is of.
    province_code: String,
    /// The XLSX or CSV file (first sheet; the first row holds the headers).
    file: Upload,
    /// Check every row and report, writing nothing.
    #[graphql(default = false)]
    dry_run: bool,
    /// Columns whose headers are not recognised, and the fields they hold.
    #[graphql(default)]
    mapping: Vec<ColumnMappingInput>,
}

/// A problem of an imported file.
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// The row, as a spreadsheet numbers it (the header is 1; 0 for the whole file).
    row: i32,
    /// The header of the column at fault, if one is.
    column: Option<String>,
    /// What is wrong, in the request's language.
    message: String,
}

/// What an import did: nothing at all when it has problems.
#[derive(SimpleObject)]
pub struct ImportReport {
    /// Whether it only checked.
    dry_run: bool,
    /// The rows of the file (the header and blank rows left out).
    rows_read: i32,
    /// The rows written (or that would be, on a dry run); rows known already are not.
    rows_written: i32,
    /// Every problem found, by row; when there is any, nothing was written.
    problems: Vec<ImportProblem>,
}

#[derive(Default)]
pub struct ImportsMutation;

#[Object]
impl ImportsMutation {
    /// Imports a province's units, persons, past awards or ratings from an XLSX or CSV file
    /// (the board of the province, ADMIN): every row is checked first, and nothing is written
    /// unless all pass; importing the same file twice changes nothing.
    async fn import_file(
        &self,
        ctx: &Context<'_>,
        input: ImportFileInput,
    ) -> AppResult<ImportReport> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ImportData)?;
        let upload = input.file.value(ctx).map_err(|e| AppError::internal(&e))?;
        let mut content = upload.content;
        let bytes = tokio::task::spawn_blocking(move || {
            let mut bytes = Vec::new();
            content.read_to_end(&mut bytes).map(|_| bytes)
        })
        .await
        .map_err(|e| AppError::internal(&std::io::Error::other(e.to_string())))?
        .map_err(|e| AppError::internal(&e))?;
        let mapping: Mapping = input
            .mapping
            .into_iter()
            .map(|m| (m.header, m.field))
            .collect();
        let kind: Kind = input.kind.into();
        let outcome = run(ctx, async |work| {
            let request = super::Request {
                kind,
                province_code: &input.province_code,
                bytes: &bytes,
                mapping: &mapping,
                dry_run: input.dry_run,
            };
            super::run(work, viewer, request, &|_, _| {}).await
        })
        .await?;
        let report = match outcome {
            Ok(report) => report,
            Err(problems) => super::Report {
                problems: problems
                    .into_iter()
                    .map(|p| super::Problem {
                        row: 0,
                        column: p.field.last().cloned(),
                        message: p.message,
                    })
                    .collect(),
                dry_run: input.dry_run,
                ..Default::default()
            },
        };
        Ok(ImportReport {
            dry_run: report.dry_run,
            rows_read: report.rows_read as i32,
            rows_written: report.rows_written as i32,
            problems: report
                .problems
                .into_iter()
                .map(|p| ImportProblem {
                    row: p.row as i32,
                    column: p.column,
                    message: p.message.localized().to_owned(),
                })
                .collect(),
        })
    }
}
