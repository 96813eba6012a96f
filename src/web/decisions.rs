//! `GET /decisions/{id}.docx`: a decision and its annex as a DOCX a clerk prints and has
//! signed ([`crate::awards::document`]). Decisions are public records: anyone may fetch one;
//! awards to persons are in the annex only for viewers who may see persons, as in the API. A
//! token, when sent, must be valid.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use super::AppState;
use crate::{
    api::ids::{parse_global_id, NodeKind},
    awards::document,
    error::ErrorCode,
    identity::{self, AuthError},
};

pub(super) fn coded(status: StatusCode, code: ErrorCode, message: crate::i18n::Text) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message.localized(), "extensions": { "code": code.as_str() } }]
    });
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body.to_string(),
    )
        .into_response()
}

fn not_found() -> Response {
    coded(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        crate::tr!(
            "No decision has this ID: ask for /decisions/ID.docx with a decision's global ID.",
            "Không có quyết định nào mang ID này: hãy gọi /decisions/ID.docx với ID của một quyết định."
        ),
    )
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The viewer a request's token speaks for (the public without one), or the response that
/// refuses it: 401 for a bad token, 503 when the database cannot say.
pub(super) async fn viewer_of(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<crate::access::Viewer, Response> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or(""));
    match identity::authenticate(&state.db, &state.identity, authorization).await {
        Ok(viewer) => Ok(viewer),
        Err(AuthError::Unavailable(cause)) => {
            tracing::error!(error = %cause, "token not checked: the database is unavailable");
            Err(coded(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                crate::error::internal_message(),
            ))
        }
        Err(AuthError::Refused(reason)) => {
            tracing::info!(%reason, "token refused");
            Err(coded(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                crate::tr!(
                    "The token is missing, malformed, expired or revoked. Sign in again.",
                    "Mã xác thực (token) bị thiếu, sai định dạng, đã hết hạn hoặc đã bị thu hồi. Hãy đăng nhập lại."
                ),
            ))
        }
    }
}

pub async fn docx(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = file.strip_suffix(".docx") else {
        return not_found();
    };
    let Ok((NodeKind::Decision, row)) = parse_global_id(id) else {
        return not_found();
    };
    let viewer = match viewer_of(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let built = match document::of_decision(state.db.reader(), &viewer, row).await {
        Ok(Some(d)) => document::build(&d).map(|bytes| (d, bytes)),
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(error = ?error, "decision document not read");
            return coded(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                crate::error::internal_message(),
            );
        }
    };
    let (d, bytes) = match built {
        Ok(built) => built,
        Err(error) => {
            tracing::error!(%error, "decision document not built");
            return coded(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                crate::error::internal_message(),
            );
        }
    };
    let name = format!("Quyet dinh {}.docx", d.number.replace('/', "-"));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(DOCX));
    if let Ok(v) = HeaderValue::from_str(&super::files::disposition(&name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
