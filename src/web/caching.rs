//! HTTP caching of GET queries. What the public reads (an anonymous GET query answered
//! without errors) is the same for everyone: it carries a strong `ETag` (the SHA-256 of the
//! body), `Cache-Control: public, max-age=60` and `Vary` on what changes the answer, and a
//! request whose `If-None-Match` names the current ETag gets `304 Not Modified` without the
//! body. Everything else (a viewer's own answers, errors, POST) is `no-store`: a shared cache
//! must never hand one viewer's data to another.

use axum::{
    body::Body,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

/// How long a public answer may be reused without asking again, in seconds.
pub const PUBLIC_MAX_AGE: u32 = 60;

/// What an answer's body may be at most to be hashed (responses are built in memory).
const MAX_BODY: usize = 16 * 1024 * 1024;

const VARY: &str = "Accept, Accept-Language, Authorization";

/// Marks `response` as never to be stored.
pub fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The response to a GET query: cacheable when the request is anonymous and the answer a
/// success without errors, `no-store` otherwise.
pub async fn for_get(request: &HeaderMap, response: Response) -> Response {
    let anonymous = !request.contains_key(header::AUTHORIZATION);
    if !anonymous || response.status() != StatusCode::OK {
        return no_store(response);
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return no_store(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    if has_errors(&bytes) {
        return no_store(Response::from_parts(parts, Body::from(bytes)));
    }
    let tag = etag(&bytes);
    parts.headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&format!("public, max-age={PUBLIC_MAX_AGE}"))
            .expect("a header value"),
    );
    parts
        .headers
        .insert(header::VARY, HeaderValue::from_static(VARY));
    parts.headers.insert(
        header::ETAG,
        HeaderValue::from_str(&tag).expect("a header value"),
    );
    if matches(request, &tag) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::VARY, header::ETAG] {
            if let Some(value) = parts.headers.get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        return not_modified;
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn has_errors(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Errors {
        #[serde(default)]
        errors: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Errors>(body).map_or(true, |b| b.errors.is_some())
}

/// A strong entity tag of `body`.
fn etag(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` names `tag` (or is `*`); weak comparison, as RFC 9110 asks.
fn matches(request: &HeaderMap, tag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|candidate| candidate.trim().trim_start_matches("W/"))
        .any(|candidate| candidate == "*" || candidate == tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_is_compared_weakly_and_as_a_list() {
        let tag = "\"abc\"";
        let mut headers = HeaderMap::new();
        assert!(!matches(&headers, tag));
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc\""),
        );
        assert!(matches(&headers, tag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches(&headers, tag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"abd\""));
        assert!(!matches(&headers, tag));
    }

    #[test]
    fn a_body_with_errors_is_not_public() {
        assert!(has_errors(br#"{"data":null,"errors":[{"message":"x"}]}"#));
        assert!(!has_errors(br#"{"data":{"a":1}}"#));
        assert!(has_errors(b"not json"));
    }
}
