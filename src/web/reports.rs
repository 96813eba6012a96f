//! `GET /reports/{form}.{xlsx|csv}?province=CODE&year=YEAR`: a statutory form of a province
//! ([`crate::reports`]), for the board of that province or an administrator.

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};

use super::{
    decisions::{coded, viewer_of},
    AppState,
};
use crate::{error::ErrorCode, reports::Form};

#[derive(Debug, serde::Deserialize)]
pub struct Params {
    province: String,
    year: i32,
}

fn not_found() -> Response {
    coded(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        crate::tr!(
            "No such form: ask for /reports/0601.xlsx, 0602 or 0603, as .xlsx or .csv.",
            "Không có biểu này: hãy gọi /reports/0601.xlsx, 0602 hoặc 0603, dạng .xlsx hoặc .csv."
        ),
    )
}

pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    params: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some((name, format)) = file.rsplit_once('.') else {
        return not_found();
    };
    let (Some(form), true) = (Form::by_name(name), matches!(format, "csv" | "xlsx")) else {
        return not_found();
    };
    let Ok(Query(params)) = params else {
        return coded(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The query string takes province (a code) and year (a number), both required.",
                "Chuỗi truy vấn cần province (mã tỉnh) và year (năm)."
            ),
        );
    };
    let viewer = match viewer_of(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let built = crate::reports::build(
        state.db.reader(),
        &viewer,
        form,
        &params.province,
        params.year,
    )
    .await;
    let sheet = match built {
        Ok(Ok(sheet)) => sheet,
        Ok(Err(problems)) => {
            let Some(problem) = problems.into_iter().next() else {
                return not_found();
            };
            let (status, code) = match problem.code {
                crate::error::UserErrorCode::NotFound => {
                    (StatusCode::NOT_FOUND, ErrorCode::NotFound)
                }
                _ => (StatusCode::BAD_REQUEST, ErrorCode::BadUserInput),
            };
            return coded(status, code, problem.message);
        }
        Err(error) => {
            let status = match error.code() {
                ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                _ => {
                    tracing::error!(error = ?error, "form not drawn up");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            let message = if status == StatusCode::FORBIDDEN {
                crate::i18n::Text::new(error.message().to_owned(), error.message().to_owned())
            } else {
                crate::error::internal_message()
            };
            return coded(status, error.code(), message);
        }
    };
    let name = format!(
        "bieu-{}-{}-{}.{format}",
        form.number(),
        params.province,
        params.year
    );
    super::exports::spreadsheet(format, &name, || sheet.csv(), || sheet.xlsx())
}
