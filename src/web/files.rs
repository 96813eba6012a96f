//! `GET /files/{id}`: the content of an attachment, to a viewer who may read what it is
//! attached to (the same token as for `/graphql`, in `Authorization`; without one, 401).
//! Anyone else signed in gets 404 as for an attachment that does not exist: the answer says nothing
//! of what exists. Served as the type its content was recognised as, as a download
//! (`Content-Disposition: attachment`), never stored by a cache; its `ETag` is its SHA-256.

use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::AppState;
use crate::{
    api::ids::{parse_global_id, NodeKind},
    dossiers::attachments,
    error::ErrorCode,
    i18n::Text,
    identity::{self, AuthError},
};

fn coded(status: StatusCode, code: ErrorCode, message: Text) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message.localized(), "extensions": { "code": code.as_str() } }]
    });
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body.to_string(),
    )
        .into_response()
}

fn not_found() -> Response {
    coded(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        crate::tr!(
            "No file the viewer may read has this ID.",
            "Không có tệp nào bạn được phép xem mang ID này."
        ),
    )
}

/// Characters kept as they are in `filename*` (RFC 8187's attr-char).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` of a download named `name`: an ASCII fallback and the UTF-8 name.
pub fn disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, ATTR_CHAR)
    )
}

pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok((NodeKind::Attachment, row)) = parse_global_id(&id) else {
        return not_found();
    };
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or(""));
    // Files are never public: without a token, the answer is to sign in.
    let authorization = Some(authorization.unwrap_or(""));
    let viewer = match identity::authenticate(&state.db, &state.identity, authorization).await {
        Ok(viewer) => viewer,
        Err(AuthError::Unavailable(cause)) => {
            tracing::error!(error = %cause, "token not checked: the database is unavailable");
            return coded(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                crate::tr!(
                    "The server cannot check the token now. Try again shortly.",
                    "Máy chủ hiện không kiểm tra được mã xác thực (token). Hãy thử lại sau ít phút."
                ),
            );
        }
        Err(AuthError::Refused(reason)) => {
            tracing::info!(%reason, "token refused");
            let mut response = coded(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                crate::tr!(
                    "The token is missing, malformed, expired or revoked. Sign in again.",
                    "Mã xác thực (token) bị thiếu, sai định dạng, đã hết hạn hoặc đã bị thu hồi. Hãy đăng nhập lại."
                ),
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
    };
    let found = match attachments::visible(state.db.reader(), &viewer, row).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(error = ?error, "attachment not read");
            return coded(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                crate::error::internal_message(),
            );
        }
    };
    let Some(file) = found else {
        return not_found();
    };
    let opened = match state.settings.files.path_of(&file.sha256) {
        Some(path) => tokio::fs::File::open(path).await,
        None => Err(std::io::Error::other("not a SHA-256")),
    };
    let content = match opened {
        Ok(content) => content,
        Err(error) => {
            tracing::error!(%error, attachment = file.id, "the stored content of an attachment is missing");
            return coded(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                crate::error::internal_message(),
            );
        }
    };
    let mut response =
        Body::from_stream(tokio_util::io::ReaderStream::new(content)).into_response();
    let headers = response.headers_mut();
    let values = [
        (header::CONTENT_TYPE, file.content_type.clone()),
        (header::CONTENT_LENGTH, file.size.to_string()),
        (header::CONTENT_DISPOSITION, disposition(&file.file_name)),
        (header::ETAG, format!("\"{}\"", file.sha256)),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    for (name, value) in values {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_vietnamese_name_is_kept_for_the_download() {
        assert_eq!(
            disposition("Tờ trình 15.pdf"),
            "attachment; filename=\"T_ tr_nh 15.pdf\"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%2015.pdf"
        );
        assert_eq!(
            disposition("a\"b\\c.pdf"),
            "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"
        );
    }
}
