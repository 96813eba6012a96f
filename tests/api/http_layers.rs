//! The layers around every route (issue 8): a panic becomes a coded 500 and the process lives.

use crate::common::codes;
use serde_json::Value;

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

#[tokio::test]
async fn a_panic_is_a_coded_500_and_the_server_lives_on() {
    // No real route panics, and none is added to the schema for this: the production layers
    // (`thidua::web::layered`, which `thidua::web::router` applies) go around a route that does.
    let routes = axum::Router::new()
        .route(
            "/boom",
            axum::routing::get(|| async {
                if std::hint::black_box(true) {
                    panic!("boom");
                }
                "unreachable"
            }),
        )
        .route("/fine", axum::routing::get(|| async { "fine" }));
    let base = serve(thidua::web::layered(routes)).await;
    let client = reqwest::Client::new();
    for (language, message) in [
        ("en", thidua::error::INTERNAL_MESSAGE),
        ("vi", thidua::error::INTERNAL_MESSAGE_VI),
    ] {
        let response = client
            .get(format!("{base}/boom"))
            .header("accept-language", language)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 500);
        assert!(response.headers().contains_key("x-request-id"));
        assert_eq!(response.headers()["content-language"], language);
        let body: Value = response.json().await.unwrap();
        assert_eq!(codes(&body), ["INTERNAL"]);
        assert_eq!(body["errors"][0]["message"], message);
    }
    let response = client.get(format!("{base}/fine")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "fine");
}
