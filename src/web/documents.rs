//! Persisted documents: Apollo's automatic persisted queries (APQ), and a trusted-documents
//! mode for the published apps.
//!
//! APQ: a request may carry `extensions.persistedQuery = {version: 1, sha256Hash}`. Without a
//! query, the hash names a document the server was sent before; one it does not know (or no
//! longer keeps: the store is bounded, least recently used first out) is refused with
//! `PERSISTED_QUERY_NOT_FOUND`, and the client sends the document with its hash, which
//! registers it. A hash that is not the document's SHA-256 is `BAD_USER_INPUT`.
//!
//! Trusted documents (`THIDUA_TRUSTED_DOCUMENTS`, a JSON file `{"<sha256>": "<document>"}`):
//! only those documents run, sent by hash or in full; anything else runs only for ADMIN.
//! Nothing is registered in this mode.

use std::{collections::HashMap, num::NonZeroUsize, path::Path, sync::Mutex};

use async_graphql::Request;
use sha2::{Digest, Sha256};

use crate::{error::ErrorCode, i18n::Text};

/// How many documents APQ keeps.
pub const APQ_CAPACITY: usize = 5_000;

/// Where documents come from.
pub struct Documents {
    trusted: Option<HashMap<String, String>>,
    registered: Mutex<lru::LruCache<String, String>>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("trusted", &self.trusted.as_ref().map(HashMap::len))
            .finish_non_exhaustive()
    }
}

impl Default for Documents {
    /// APQ, with no trusted list.
    fn default() -> Self {
        Documents::new(None)
    }
}

/// A request refused before it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: Text,
}

/// The document a request runs, as resolved here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Any viewer may run it.
    Anyone,
    /// Not a trusted document: it runs only for ADMIN.
    AdminOnly,
}

/// The SHA-256 of `document`, in lower-case hex, as APQ and the trusted list name documents.
pub fn sha256_hex(document: &str) -> String {
    Sha256::digest(document.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Documents {
    /// APQ only (`trusted: None`), or only the trusted documents.
    pub fn new(trusted: Option<HashMap<String, String>>) -> Self {
        Documents {
            trusted: trusted.map(|t| {
                t.into_iter()
                    .map(|(hash, doc)| (hash.to_ascii_lowercase(), doc))
                    .collect()
            }),
            registered: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(APQ_CAPACITY).expect("a capacity"),
            )),
        }
    }

    /// Reads a trusted-documents file: every key must be its document's SHA-256.
    pub fn trusted_from(path: &Path) -> Result<Documents, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let list: HashMap<String, String> = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not a JSON object of sha256 to document: {e}",
                path.display()
            )
        })?;
        for (hash, document) in &list {
            if !hash.eq_ignore_ascii_case(&sha256_hex(document)) {
                return Err(format!(
                    "{}: `{hash}` is not the SHA-256 of its document",
                    path.display()
                ));
            }
        }
        Ok(Documents::new(Some(list)))
    }

    /// Whether only trusted documents run.
    pub fn is_trusted_only(&self) -> bool {
        self.trusted.is_some()
    }

    /// Fills in `request`'s document from its persisted hash, registers a new one, and says
    /// who may run it.
    pub fn resolve(&self, request: &mut Request) -> Result<Trust, Refusal> {
        let hash = persisted_hash(request)?;
        let has_query = !request.query.trim().is_empty();
        if let (Some(hash), true) = (&hash, has_query) {
            if *hash != sha256_hex(&request.query) {
                return Err(Refusal {
                    code: ErrorCode::BadUserInput,
                    message: crate::tr!(
                        "The persisted query's sha256Hash is not the SHA-256 of the query sent with it.",
                        "sha256Hash của truy vấn lưu sẵn (persisted query) không phải là SHA-256 của truy vấn gửi kèm."
                    ),
                });
            }
        }
        match &self.trusted {
            Some(trusted) => {
                if let (Some(hash), false) = (&hash, has_query) {
                    let Some(document) = trusted.get(hash) else {
                        return Err(not_found());
                    };
                    request.query = document.clone();
                    return Ok(Trust::Anyone);
                }
                let known = trusted.contains_key(&sha256_hex(&request.query));
                Ok(if known {
                    Trust::Anyone
                } else {
                    Trust::AdminOnly
                })
            }
            None => {
                let Some(hash) = hash else {
                    return Ok(Trust::Anyone);
                };
                let mut registered = self
                    .registered
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if has_query {
                    registered.put(hash, request.query.clone());
                } else {
                    let Some(document) = registered.get(&hash) else {
                        return Err(not_found());
                    };
                    request.query = document.clone();
                }
                Ok(Trust::Anyone)
            }
        }
    }
}

fn not_found() -> Refusal {
    Refusal {
        code: ErrorCode::PersistedQueryNotFound,
        // The same in both languages: Apollo's clients match this very text.
        message: Text::new("PersistedQueryNotFound", "PersistedQueryNotFound"),
    }
}

/// The hash of `extensions.persistedQuery`, if the request has one.
fn persisted_hash(request: &Request) -> Result<Option<String>, Refusal> {
    use async_graphql::Value;
    let Some(persisted) = request.extensions.0.get("persistedQuery") else {
        return Ok(None);
    };
    let bad = |message| Refusal {
        code: ErrorCode::BadUserInput,
        message,
    };
    let Value::Object(fields) = persisted else {
        return Err(bad(crate::tr!(
            "`extensions.persistedQuery` must be an object.",
            "`extensions.persistedQuery` phải là một đối tượng."
        )));
    };
    match fields.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
        _ => {
            return Err(bad(crate::tr!(
                "Only version 1 of persisted queries is supported.",
                "Chỉ hỗ trợ phiên bản 1 của truy vấn lưu sẵn (persisted query)."
            )))
        }
    }
    match fields.get("sha256Hash") {
        Some(Value::String(hash))
            if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(Some(hash.to_ascii_lowercase()))
        }
        _ => Err(bad(crate::tr!(
            "`extensions.persistedQuery.sha256Hash` must be 64 hexadecimal digits.",
            "`extensions.persistedQuery.sha256Hash` phải gồm 64 chữ số thập lục phân."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str, hash: Option<&str>) -> Request {
        let mut body = serde_json::json!({ "query": query });
        if let Some(hash) = hash {
            body["extensions"] =
                serde_json::json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });
        }
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn the_hash_of_a_document_is_its_sha256() {
        assert_eq!(
            sha256_hex("{ __typename }"),
            "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b"
        );
    }

    #[test]
    fn apq_registers_then_serves_and_forgets_the_oldest() {
        let documents = Documents::default();
        let doc = "{ __typename }";
        let hash = sha256_hex(doc);
        let mut by_hash = request("", Some(&hash));
        assert_eq!(documents.resolve(&mut by_hash), Err(not_found()));
        let mut both = request(doc, Some(&hash));
        assert_eq!(documents.resolve(&mut both), Ok(Trust::Anyone));
        let mut by_hash = request("", Some(&hash));
        assert_eq!(documents.resolve(&mut by_hash), Ok(Trust::Anyone));
        assert_eq!(by_hash.query, doc);
        for i in 0..APQ_CAPACITY {
            let other = format!("{{ a{i}: __typename }}");
            documents
                .resolve(&mut request(&other, Some(&sha256_hex(&other))))
                .unwrap();
        }
        assert_eq!(
            documents.resolve(&mut request("", Some(&hash))),
            Err(not_found()),
            "the store is bounded"
        );
    }

    #[test]
    fn a_hash_that_is_not_the_documents_is_refused() {
        let documents = Documents::default();
        let wrong = sha256_hex("{ other }");
        let refusal = documents
            .resolve(&mut request("{ __typename }", Some(&wrong)))
            .unwrap_err();
        assert_eq!(refusal.code, ErrorCode::BadUserInput);
        for hash in ["abc", &"g".repeat(64)] {
            assert_eq!(
                documents
                    .resolve(&mut request("", Some(hash)))
                    .unwrap_err()
                    .code,
                ErrorCode::BadUserInput
            );
        }
    }

    #[test]
    fn a_trusted_file_must_name_each_document_by_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trusted.json");
        let doc = "{ provinces { code } }";
        std::fs::write(
            &path,
            serde_json::json!({ sha256_hex(doc): doc }).to_string(),
        )
        .unwrap();
        assert!(Documents::trusted_from(&path).unwrap().is_trusted_only());
        std::fs::write(
            &path,
            serde_json::json!({ sha256_hex("{ x }"): doc }).to_string(),
        )
        .unwrap();
        assert!(Documents::trusted_from(&path)
            .unwrap_err()
            .contains("not the SHA-256"));
        std::fs::write(&path, "[]").unwrap();
        assert!(Documents::trusted_from(&path).is_err());
        assert!(Documents::trusted_from(&dir.path().join("missing.json")).is_err());
    }

    #[test]
    fn trusted_mode_runs_only_its_documents_for_non_admins() {
        let doc = "{ provinces { code } }";
        let documents = Documents::new(Some(HashMap::from([(sha256_hex(doc), doc.to_owned())])));
        let mut by_hash = request("", Some(&sha256_hex(doc)));
        assert_eq!(documents.resolve(&mut by_hash), Ok(Trust::Anyone));
        assert_eq!(by_hash.query, doc);
        assert_eq!(
            documents.resolve(&mut request(doc, None)),
            Ok(Trust::Anyone)
        );
        assert_eq!(
            documents.resolve(&mut request("{ __typename }", None)),
            Ok(Trust::AdminOnly)
        );
        let other = "{ units { totalCount } }";
        assert_eq!(
            documents.resolve(&mut request("", Some(&sha256_hex(other)))),
            Err(not_found())
        );
        // Sent in full with its hash, an untrusted document is not registered.
        documents
            .resolve(&mut request(other, Some(&sha256_hex(other))))
            .unwrap();
        assert_eq!(
            documents.resolve(&mut request("", Some(&sha256_hex(other)))),
            Err(not_found())
        );
    }
}
