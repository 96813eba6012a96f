//! Signing in over `graphql-transport-ws`: the `connection_init` payloads real clients send
//! (graphql-ws `{authorization}`, Apollo's `{Authorization}`, `{headers: {Authorization}}`)
//! all sign in; an empty one is the public; any other closes with 4400 and says why, and a
//! refused token closes with 4403: never a silent anonymous session.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

use crate::common::TestApp;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open(app: &TestApp, payload: Option<Value>) -> Socket {
    open_in(app, "en", payload).await
}

/// A socket opened by a request in `language`, which its refusals are written in.
async fn open_in(app: &TestApp, language: &str, payload: Option<Value>) -> Socket {
    let url = app.base.replace("http://", "ws://") + "/graphql";
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    request
        .headers_mut()
        .insert("accept-language", language.parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let mut init = json!({ "type": "connection_init" });
    if let Some(payload) = payload {
        init["payload"] = payload;
    }
    socket.send(Message::text(init.to_string())).await.unwrap();
    socket
}

async fn frame(socket: &mut Socket) -> Message {
    tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
        .await
        .expect("the server answers")
        .expect("a frame")
        .expect("a readable frame")
}

/// The viewer's name as the socket sees it, after its `connection_ack`.
async fn viewer_name(socket: &mut Socket) -> Value {
    let ack = frame(socket).await;
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");
    let ask =
        json!({ "id": "v", "type": "subscribe", "payload": { "query": "{ viewer { name } }" } });
    socket.send(Message::text(ask.to_string())).await.unwrap();
    let next: Value = serde_json::from_str(frame(socket).await.to_text().unwrap()).unwrap();
    assert_eq!(next["type"], "next", "{next}");
    next["payload"]["data"]["viewer"]["name"].clone()
}

async fn close_frame(socket: &mut Socket) -> (u16, String) {
    match frame(socket).await {
        Message::Close(Some(frame)) => (frame.code.into(), frame.reason.to_string()),
        other => panic!("expected a close frame, got {other:?}"),
    }
}

#[tokio::test]
async fn the_payloads_of_real_clients_all_sign_in() {
    let app = TestApp::with_demo().await;
    let bearer = format!("Bearer {}", app.token("board.camau").await);
    for payload in [
        json!({ "authorization": bearer }),
        json!({ "Authorization": bearer }),
        json!({ "headers": { "Authorization": bearer } }),
        json!({ "headers": { "authorization": bearer } }),
    ] {
        let mut socket = open(&app, Some(payload.clone())).await;
        assert_eq!(viewer_name(&mut socket).await, "board.camau", "{payload}");
    }
}

#[tokio::test]
async fn an_empty_payload_is_the_public() {
    let app = TestApp::with_demo().await;
    for payload in [None, Some(json!({})), Some(Value::Null)] {
        let mut socket = open(&app, payload.clone()).await;
        assert_eq!(viewer_name(&mut socket).await, Value::Null, "{payload:?}");
    }
}

#[tokio::test]
async fn any_other_payload_closes_with_4400_and_says_why() {
    let app = TestApp::with_demo().await;
    let bearer = format!("Bearer {}", app.token("board.camau").await);
    for (payload, says) in [
        (json!({ "token": bearer }), "`token`"),
        (json!({ "authToken": bearer }), "`authToken`"),
        (json!({ "authorization": 42 }), "string"),
        (json!({ "headers": "Authorization" }), "`headers`"),
        (json!("Bearer x"), "object"),
    ] {
        let mut socket = open(&app, Some(payload.clone())).await;
        let (code, reason) = close_frame(&mut socket).await;
        assert_eq!(code, 4400, "{payload}");
        assert!(reason.contains(says), "{payload}: {reason}");
    }
}

#[tokio::test]
async fn a_refused_token_closes_with_4403() {
    let app = TestApp::with_demo().await;
    let mut socket = open(&app, Some(json!({ "authorization": "Bearer not.a.token" }))).await;
    let (code, reason) = close_frame(&mut socket).await;
    assert_eq!(code, 4403);
    assert!(reason.starts_with("Forbidden"), "{reason}");
    let mut socket = open_in(
        &app,
        "vi",
        Some(json!({ "authorization": "Bearer not.a.token" })),
    )
    .await;
    assert_eq!(
        close_frame(&mut socket).await,
        (
            4403,
            "Bị từ chối: mã xác thực (token) sai định dạng, đã hết hạn hoặc đã bị thu hồi."
                .to_owned()
        )
    );
}

#[tokio::test]
async fn a_refusal_in_vietnamese_fits_in_a_close_frame() {
    let app = TestApp::with_demo().await;
    // The reason quotes the key: a long one would make a reason over the 123 bytes a close
    // frame may carry, which the server cuts at a character.
    let key = "x".repeat(200);
    let mut socket = open_in(&app, "vi", Some(json!({ key.clone(): "Bearer x" }))).await;
    let (code, reason) = close_frame(&mut socket).await;
    assert_eq!(code, 4400);
    assert!(reason.len() <= 123, "{} bytes", reason.len());
    assert!(
        reason.starts_with("connection_init: trường `xxx"),
        "{reason}"
    );
}
