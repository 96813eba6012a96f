//! `GET /exports/{name}.{csv|xlsx}`: awards, decisions, nominations, rankings and statistics
//! as spreadsheets ([`crate::exports`]), with `province`, `year` and `unit` in the query
//! string. Each runs the matching GraphQL query as the request's viewer, so it shows what
//! that query shows them; a token, when sent, must be valid.

use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::Value;

use super::{
    decisions::{coded, viewer_of},
    AppState,
};
use crate::{
    access::Viewer,
    error::{AppError, AppResult, ErrorCode},
    exports::{self, Executor, Export, Params},
};

struct AsViewer<'a> {
    state: &'a AppState,
    viewer: Viewer,
}

impl Executor for AsViewer<'_> {
    async fn execute(&self, query: &'static str, variables: Value) -> AppResult<Value> {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables));
        let request = super::graphql::with_request_data(request, self.state, self.viewer.clone());
        let response = self.state.schema.execute(request).await;
        if let Some(error) = response.errors.first() {
            let code = error
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(|c| c.to_string())
                .unwrap_or_default();
            if code.contains("FORBIDDEN") {
                return Err(AppError::forbidden());
            }
            let message = error.message.clone();
            return Err(AppError::bad_input(crate::i18n::Text::new(
                message.clone(),
                message,
            )));
        }
        Ok(response.data.into_json().unwrap_or(Value::Null))
    }
}

fn not_found() -> Response {
    coded(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        crate::tr!(
            "No such export: ask for /exports/NAME.csv or .xlsx, NAME one of awards, decisions, nominations, rankings, statistics.",
            "Không có bảng xuất này: hãy gọi /exports/TÊN.csv hoặc .xlsx, TÊN là awards, decisions, nominations, rankings hoặc statistics."
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
    let (Some(export), true) = (Export::by_name(name), matches!(format, "csv" | "xlsx")) else {
        return not_found();
    };
    let Ok(Query(params)) = params else {
        return coded(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            crate::tr!(
                "The query string takes province (a code), year (a number) and unit (a code).",
                "Chuỗi truy vấn nhận province (mã tỉnh), year (năm) và unit (mã đơn vị)."
            ),
        );
    };
    let viewer = match viewer_of(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let table = match exports::table(
        &AsViewer {
            state: &state,
            viewer,
        },
        export,
        &params,
    )
    .await
    {
        Ok(table) => table,
        Err(error) => {
            let status = match error.code() {
                ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                ErrorCode::BadUserInput => StatusCode::BAD_REQUEST,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            return coded(
                status,
                error.code(),
                crate::i18n::Text::new(error.message().to_owned(), error.message().to_owned()),
            );
        }
    };
    spreadsheet(
        format,
        &file,
        || exports::csv(&table),
        || exports::xlsx(&table),
    )
}

/// A spreadsheet as the answer to a download: CSV when `format` is `csv`, XLSX otherwise,
/// named `name`, never stored by a shared cache.
pub(super) fn spreadsheet(
    format: &str,
    name: &str,
    csv: impl FnOnce() -> Vec<u8>,
    xlsx: impl FnOnce() -> AppResult<Vec<u8>>,
) -> Response {
    let (bytes, content_type) = match format {
        "csv" => (csv(), "text/csv; charset=utf-8"),
        _ => match xlsx() {
            Ok(bytes) => (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            Err(error) => {
                tracing::error!(error = ?error, "spreadsheet not written");
                return coded(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorCode::Internal,
                    crate::error::internal_message(),
                );
            }
        },
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&super::files::disposition(name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
