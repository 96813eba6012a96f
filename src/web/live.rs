//! The viewer of a long-lived connection (a `graphql-transport-ws` socket), checked again
//! on every event: a token checked once at `connection_init` would otherwise keep streaming
//! after its user was disabled or the token expired.
//!
//! [`Rechecked`] wraps the schema as the socket's executor: before an event of any
//! subscription goes out, [`LiveSession::still_valid`] asks again whether the token's user
//! exists, may sign in and is the same viewer, and whether the token's `exp` has passed
//! (strictly: the leeway of a fresh request does not extend a live one). When it is not,
//! the session is marked closed and the event is replaced by an error, which [`ClosingSink`]
//! turns into a close frame with [`CLOSE_FORBIDDEN`]: nothing of the event leaves.

use std::{
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    task::{Context, Poll},
};

use async_graphql::{futures_util::stream::BoxStream, Data, Executor, Request, Response};
use axum::extract::ws::{CloseFrame, Message};
use futures_util::{Sink, StreamExt};

use crate::{
    access::Viewer,
    db::Db,
    i18n::Text,
    identity::{self, Identity},
};

/// The close code of a socket whose viewer is no longer valid.
pub const CLOSE_FORBIDDEN: u16 = 4403;

/// The close code of a `connection_init` whose payload is not one thidua reads
/// (graphql-transport-ws: 4400, bad request).
pub const CLOSE_BAD_REQUEST: u16 = 4400;

/// The credentials a `connection_init` payload carries: `{}` or none (the public),
/// `{"authorization": "Bearer …"}` (any case of the key), or the same inside `"headers"`, as
/// graphql-ws and Apollo clients send them. Anything else is refused, with the reason, rather
/// than taken for the public: a client that sent a token under another name would otherwise
/// get a silent anonymous session.
pub fn credentials_of(payload: &serde_json::Value) -> Result<Option<String>, Text> {
    use serde_json::Value;
    fn authorization(map: &serde_json::Map<String, Value>) -> Result<Option<String>, Text> {
        let mut found = None;
        for (key, value) in map {
            if !key.eq_ignore_ascii_case("authorization") {
                return Err(crate::tr!(
                    "connection_init: `{key}` is not read; send {{\"authorization\": \"Bearer <token>\"}}.",
                    "connection_init: trường `{key}` không được đọc; hãy gửi {{\"authorization\": \"Bearer <token>\"}}."
                ));
            }
            match value {
                Value::String(token) => found = Some(token.clone()),
                _ => {
                    return Err(crate::tr!(
                        "connection_init: `authorization` must be a string.",
                        "connection_init: `authorization` phải là một chuỗi."
                    ))
                }
            }
        }
        Ok(found)
    }
    match payload {
        Value::Null => Ok(None),
        Value::Object(map) => match map.get("headers") {
            Some(Value::Object(headers)) if map.len() == 1 => authorization(headers),
            Some(_) if map.len() == 1 => Err(crate::tr!(
                "connection_init: `headers` must be an object.",
                "connection_init: `headers` phải là một đối tượng."
            )),
            _ => authorization(map),
        },
        _ => Err(crate::tr!(
            "connection_init: the payload must be an object.",
            "connection_init: payload phải là một đối tượng."
        )),
    }
}

/// What the socket was authenticated with.
#[derive(Debug, Clone)]
struct Credentials {
    /// The `Authorization` value (`None`: the public, always valid).
    authorization: Option<String>,
    /// The token's `exp`, in seconds since the epoch.
    expires_at: Option<u64>,
    viewer: Viewer,
}

#[derive(Default)]
struct State {
    credentials: Mutex<Option<Credentials>>,
    closed: AtomicBool,
    /// Why `connection_init` was refused: the close frame to send instead of the library's.
    refusal: Mutex<Option<(u16, String)>>,
}

/// One socket's viewer, shared by its executor and its serving loop.
#[derive(Clone)]
pub struct LiveSession {
    db: Db,
    identity: Identity,
    state: Arc<State>,
}

#[derive(serde::Deserialize)]
struct Expiry {
    exp: u64,
}

impl LiveSession {
    pub fn new(db: Db, identity: Identity) -> Self {
        LiveSession {
            db,
            identity,
            state: Arc::default(),
        }
    }

    /// Authenticates `authorization` (as a request would) and remembers it for the checks
    /// of later events.
    pub async fn authenticate(&self, authorization: Option<String>) -> Result<Viewer, String> {
        let viewer = identity::authenticate(&self.db, &self.identity, authorization.as_deref())
            .await
            .map_err(|e| e.to_string())?;
        // The signature was verified just above; only `exp` is read here.
        let expires_at = authorization
            .as_deref()
            .and_then(|a| a.split_whitespace().nth(1))
            .and_then(|token| jsonwebtoken::dangerous::insecure_decode_claims::<Expiry>(token).ok())
            .map(|e| e.exp);
        if let Ok(mut credentials) = self.state.credentials.lock() {
            *credentials = Some(Credentials {
                authorization,
                expires_at,
                viewer: viewer.clone(),
            });
        }
        Ok(viewer)
    }

    /// Whether the socket's viewer is still the one it was authenticated as.
    pub async fn still_valid(&self) -> bool {
        if self.is_closed() {
            return false;
        }
        let credentials = self.state.credentials.lock().ok().and_then(|c| c.clone());
        let Some(credentials) = credentials else {
            return false;
        };
        if credentials.authorization.is_none() {
            return true;
        }
        if credentials
            .expires_at
            .is_none_or(|exp| jsonwebtoken::get_current_timestamp() >= exp)
        {
            return false;
        }
        match identity::authenticate(
            &self.db,
            &self.identity,
            credentials.authorization.as_deref(),
        )
        .await
        {
            Ok(now) => now == credentials.viewer,
            Err(reason) => {
                tracing::info!(%reason, "live viewer no longer valid");
                false
            }
        }
    }

    /// Refuses the connection: the close frame that ends it carries `code` and `reason`, in
    /// the socket's language, cut to the 123 bytes a close frame's reason may have.
    pub fn refuse(&self, code: u16, reason: &Text) {
        if let Ok(mut refusal) = self.state.refusal.lock() {
            *refusal = Some((code, close_reason(reason.localized())));
        }
    }

    fn refusal(&self) -> Option<(u16, String)> {
        self.state.refusal.lock().ok().and_then(|r| r.clone())
    }

    /// Marks the session closed: its socket sends the close frame next.
    pub fn close(&self) {
        self.state.closed.store(true, Ordering::SeqCst);
    }

    pub fn is_closed(&self) -> bool {
        self.state.closed.load(Ordering::SeqCst)
    }
}

/// An executor whose subscription events pass [`LiveSession::still_valid`] first. The
/// first event that fails closes the session and is replaced by an error, which
/// [`ClosingSink`] turns into the close frame; the stream ends there.
#[derive(Clone)]
pub struct Rechecked<E> {
    pub inner: E,
    pub session: LiveSession,
}

impl<E: Executor> Executor for Rechecked<E> {
    fn execute(&self, request: Request) -> impl std::future::Future<Output = Response> + Send {
        self.inner.execute(request)
    }

    fn execute_stream(
        &self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let session = self.session.clone();
        // Each event's fields in the order the subscription asked for them, as over HTTP.
        let order = async_graphql::parser::parse_query(&request.query)
            .map(|document| {
                crate::api::document::order(&document, request.operation_name.as_deref())
            })
            .unwrap_or_default();
        self.inner
            .execute_stream(request, session_data)
            .then(move |mut response| {
                let session = session.clone();
                crate::api::document::apply(&order, &mut response.data);
                async move {
                    if session.still_valid().await {
                        Some(response)
                    } else {
                        session.close();
                        None
                    }
                }
            })
            .scan(false, |ended, checked| {
                if *ended {
                    return std::future::ready(None);
                }
                std::future::ready(Some(checked.unwrap_or_else(|| {
                    *ended = true;
                    let message = crate::tr!(
                        "The viewer is no longer valid.",
                        "Người dùng của kết nối này không còn hợp lệ."
                    );
                    Response::from_errors(vec![async_graphql::ServerError::new(
                        message.localized(),
                        None,
                    )])
                })))
            })
            .boxed()
    }
}

/// The longest reason a close frame may carry, in bytes (RFC 6455, 5.5: a control frame's
/// payload is at most 125 bytes, two of them the code).
pub const MAX_CLOSE_REASON_BYTES: usize = 123;

/// `reason`, cut at a character boundary to [`MAX_CLOSE_REASON_BYTES`]: a Vietnamese reason
/// (two or three bytes a letter), or one that quotes a long key of the client's, would
/// otherwise make a close frame the protocol forbids.
fn close_reason(reason: &str) -> String {
    let mut end = reason.len().min(MAX_CLOSE_REASON_BYTES);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason[..end].to_owned()
}

/// The socket's sending half: once the session is closed, the next message becomes the
/// close frame with [`CLOSE_FORBIDDEN`], and nothing is sent after it.
pub struct ClosingSink<S> {
    inner: S,
    session: LiveSession,
    sent_close: bool,
}

impl<S> ClosingSink<S> {
    pub fn new(inner: S, session: LiveSession) -> Self {
        ClosingSink {
            inner,
            session,
            sent_close: false,
        }
    }
}

impl<S> Sink<Message> for ClosingSink<S>
where
    S: Sink<Message, Error = axum::Error> + Unpin,
{
    type Error = axum::Error;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        if self.sent_close {
            return Poll::Ready(Err(axum::Error::new(std::io::Error::other(
                "the socket was closed: its viewer is no longer valid",
            ))));
        }
        Pin::new(&mut self.inner).poll_ready(cx)
    }

    fn start_send(mut self: Pin<&mut Self>, item: Message) -> Result<(), Self::Error> {
        if let (Message::Close(_), Some((code, reason))) = (&item, self.session.refusal()) {
            self.sent_close = true;
            return Pin::new(&mut self.inner).start_send(Message::Close(Some(CloseFrame {
                code,
                reason: reason.into(),
            })));
        }
        if self.session.is_closed() {
            self.sent_close = true;
            return Pin::new(&mut self.inner).start_send(Message::Close(Some(CloseFrame {
                code: CLOSE_FORBIDDEN,
                reason: close_reason(
                    crate::tr!(
                        "Forbidden: the viewer is no longer valid",
                        "Bị từ chối: người dùng của kết nối này không còn hợp lệ"
                    )
                    .localized(),
                )
                .into(),
            })));
        }
        Pin::new(&mut self.inner).start_send(item)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner).poll_close(cx)
    }
}
