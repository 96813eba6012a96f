//! Caching of what the public reads.
//!
//! An anonymous query answered without errors is the same for everyone who asks it the same
//! way (document, operation, variables, language, media type), so the server keeps it
//! ([`PublicAnswers`]) and hands it out again without running it, until this process
//! commits its next write (every commit goes through `crate::work`, which counts them) or
//! for [`PUBLIC_MAX_AGE`] at most (what answers depend on the day, or on writes another
//! process made, are at most that old). The mobile app's rankings, finalized and read by
//! thousands, cost the database nothing after the first reader. Signed-in viewers' answers
//! are scoped to them and never kept.
//!
//! Over GET, a public answer also carries a strong `ETag` (the SHA-256 of the body),
//! `Cache-Control: public, max-age=60` and `Vary` on what changes the answer, and a request
//! whose `If-None-Match` names the current ETag gets `304 Not Modified` without the body.
//! Everything else (a viewer's own answers, errors, POST) is `no-store` for HTTP caches: a
//! shared cache must never hand one viewer's data to another.

use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

/// How long a public answer may be reused without asking again, in seconds.
pub const PUBLIC_MAX_AGE: u32 = 60;

/// How much of the answers' bodies the server keeps by default, in MiB.
pub const DEFAULT_PUBLIC_CACHE_MIB: u64 = 32;

const VARY: &str = "Accept, Accept-Language, Authorization";

/// What names a public answer: the SHA-256 of everything the answer depends on.
pub type Key = [u8; 32];

/// The key of an anonymous request: its document, operation name and variables, in the
/// language and media type it is answered in.
pub fn key(request: &async_graphql::Request, media: &str, lang: crate::i18n::Lang) -> Key {
    let mut hash = Sha256::new();
    for part in [
        media.as_bytes(),
        lang.tag().as_bytes(),
        request.operation_name.as_deref().unwrap_or("").as_bytes(),
        request.query.as_bytes(),
    ] {
        // Lengths first, so that no two different requests run together into one text.
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let variables = serde_json::to_vec(&request.variables).unwrap_or_default();
    hash.update(variables);
    hash.finalize().into()
}

/// A public answer: its body, as sent, and its entity tag.
#[derive(Clone)]
pub struct Answer {
    body: Bytes,
    tag: HeaderValue,
    content_type: HeaderValue,
    commits: u64,
    stored: Instant,
}

impl Answer {
    /// The answer `body` (of `content_type`) computed when the process had made `commits`
    /// commits.
    pub fn new(body: Vec<u8>, content_type: HeaderValue, commits: u64) -> Answer {
        let body = Bytes::from(body);
        let tag = HeaderValue::from_str(&etag(&body)).expect("hex is a header value");
        Answer {
            body,
            tag,
            content_type,
            commits,
            stored: Instant::now(),
        }
    }

    /// The 200 response carrying the answer, marked [`Public`].
    pub fn response(&self) -> Response {
        let mut response = (
            StatusCode::OK,
            [(header::CONTENT_TYPE, self.content_type.clone())],
            Body::from(self.body.clone()),
        )
            .into_response();
        response.extensions_mut().insert(Public(self.tag.clone()));
        response
    }
}

/// Marks a response as a public answer, with its entity tag.
#[derive(Clone)]
pub struct Public(HeaderValue);

/// The public answers the server keeps, the least recently read dropped first once their
/// bodies take more than the capacity.
pub struct PublicAnswers {
    capacity: usize,
    kept: Mutex<Kept>,
}

struct Kept {
    answers: lru::LruCache<Key, Answer>,
    bytes: usize,
}

impl PublicAnswers {
    /// Keeps at most `capacity` bytes of bodies (0 keeps none); one answer at most a quarter
    /// of it.
    pub fn new(capacity: usize) -> PublicAnswers {
        PublicAnswers {
            capacity,
            kept: Mutex::new(Kept {
                answers: lru::LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    /// The answer kept under `key` if it is still current: computed after the process's
    /// last commit (it has made `commits`) and less than [`PUBLIC_MAX_AGE`] ago.
    pub fn get(&self, key: &Key, commits: u64) -> Option<Answer> {
        if self.capacity == 0 {
            return None;
        }
        let mut kept = self.lock();
        match kept.answers.get(key) {
            None => return None,
            Some(answer)
                if answer.commits == commits
                    && answer.stored.elapsed() < Duration::from_secs(PUBLIC_MAX_AGE.into()) =>
            {
                return Some(answer.clone())
            }
            Some(_) => {}
        }
        if let Some(stale) = kept.answers.pop(key) {
            kept.bytes -= stale.body.len();
        }
        None
    }

    /// Keeps `answer` under `key`, dropping the least recently read answers to make room.
    pub fn put(&self, key: Key, answer: Answer) {
        let size = answer.body.len();
        if size > self.capacity / 4 {
            return;
        }
        let mut kept = self.lock();
        if let Some(previous) = kept.answers.put(key, answer) {
            kept.bytes -= previous.body.len();
        }
        kept.bytes += size;
        while kept.bytes > self.capacity {
            match kept.answers.pop_lru() {
                Some((_, dropped)) => kept.bytes -= dropped.body.len(),
                None => break,
            }
        }
    }

    /// How many answers are kept, and their bodies' bytes.
    pub fn usage(&self) -> (usize, usize) {
        let kept = self.lock();
        (kept.answers.len(), kept.bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        // Nothing is left half-done under the lock: a poisoned one is still consistent.
        self.kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Marks `response` as never to be stored.
pub fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The response to a GET query: cacheable when it is a [`Public`] answer to an anonymous
/// request, `no-store` otherwise.
pub fn for_get(request: &HeaderMap, response: Response) -> Response {
    let anonymous = !request.contains_key(header::AUTHORIZATION);
    let tag = match response.extensions().get::<Public>() {
        Some(Public(tag)) if anonymous && response.status() == StatusCode::OK => tag.clone(),
        _ => return no_store(response),
    };
    let cache_control = HeaderValue::from_str(&format!("public, max-age={PUBLIC_MAX_AGE}"))
        .expect("a header value");
    if matches(request, tag.to_str().unwrap_or("")) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        let headers = not_modified.headers_mut();
        headers.insert(header::CACHE_CONTROL, cache_control);
        headers.insert(header::VARY, HeaderValue::from_static(VARY));
        headers.insert(header::ETAG, tag);
        return not_modified;
    }
    let mut response = response;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, cache_control);
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
    headers.insert(header::ETAG, tag);
    response
}

/// A strong entity tag of `body`.
fn etag(body: &[u8]) -> String {
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

    fn answer(body: &str, commits: u64) -> Answer {
        Answer::new(
            body.as_bytes().to_vec(),
            HeaderValue::from_static("application/json"),
            commits,
        )
    }

    #[test]
    fn an_answer_is_current_until_the_next_commit() {
        let answers = PublicAnswers::new(1024);
        answers.put([1; 32], answer("{}", 7));
        assert!(answers.get(&[1; 32], 7).is_some());
        assert!(answers.get(&[1; 32], 8).is_none());
        // and a stale answer is dropped, not kept beside the new one
        assert_eq!(answers.usage(), (0, 0));
        assert!(answers.get(&[1; 32], 7).is_none());
    }

    #[test]
    fn the_least_recently_read_answers_make_room() {
        let answers = PublicAnswers::new(400);
        let body = "x".repeat(100);
        for n in 0..4 {
            answers.put([n; 32], answer(&body, 0));
        }
        assert!(answers.get(&[0; 32], 0).is_some());
        answers.put([9; 32], answer(&body, 0));
        assert_eq!(answers.usage(), (4, 400));
        assert!(
            answers.get(&[1; 32], 0).is_none(),
            "the least recently read goes"
        );
        assert!(answers.get(&[0; 32], 0).is_some());
        // one answer over a quarter of the capacity is not kept at all
        answers.put([8; 32], answer(&"x".repeat(101), 0));
        assert!(answers.get(&[8; 32], 0).is_none());
        assert!(PublicAnswers::new(0).get(&[0; 32], 0).is_none());
    }

    #[test]
    fn requests_that_differ_have_different_keys() {
        use crate::i18n::Lang;
        let request = |query: &str, op: Option<&str>, variables: serde_json::Value| {
            let mut r = async_graphql::Request::new(query)
                .variables(async_graphql::Variables::from_json(variables));
            r.operation_name = op.map(str::to_owned);
            r
        };
        let base = request("{ a }", None, serde_json::json!({}));
        assert_eq!(Lang::default(), Lang::Vi);
        let keys = [
            key(&base, "json", Lang::default()),
            key(&base, "graphql", Lang::default()),
            key(&base, "json", Lang::En),
            key(
                &request("{ a }", Some("A"), serde_json::json!({})),
                "json",
                Lang::default(),
            ),
            key(
                &request("{ b }", None, serde_json::json!({})),
                "json",
                Lang::default(),
            ),
            key(
                &request("{ a }", None, serde_json::json!({ "y": 1 })),
                "json",
                Lang::default(),
            ),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
        assert_eq!(keys[0], key(&base, "json", Lang::default()));
    }
}
