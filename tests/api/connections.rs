//! The connection model: reads go to a pool of readers, writes to one writer, and a
//! mutation reads only through its own transaction, so that no request waits for itself and
//! no read waits for a write (issue 8, fault 2).

use std::time::{Duration, Instant};

use crate::common::TestApp;
use serde_json::{json, Value};

const LAUNCH: &str = "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { movement { id } userErrors { code } } }";
const REGISTER: &str = "mutation($i: RegisterForMovementInput!) { registerForMovement(input: $i) { registration { person { fullName } registeredOn } userErrors { field code } } }";

/// Fails the test instead of waiting: before the fix a mutation that read through the pool
/// inside its transaction waited for its own connection for 30 s.
async fn within_5s<F: std::future::Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(5), future)
        .await
        .unwrap_or_else(|_| panic!("{what} did not answer within 5 s"))
}

#[tokio::test]
async fn registering_a_person_for_a_movement_answers_at_once() {
    let app = TestApp::with_demo().await;
    let token = app.token("officer.cm-skhcn").await;
    let launch = json!({ "i": { "name": "Thi đua chuyển đổi số năm 2026", "kind": "THEMATIC", "launchingUnitCode": "CM-SKHCN-2025", "startOn": "2026-01-01", "endOn": "2026-12-31" } });
    let (_, body) = app.post_as(&token, LAUNCH, launch).await;
    let movement = body["data"]["launchMovement"]["movement"]["id"].clone();
    assert!(movement.is_string(), "{body}");
    let (_, people) = app
        .post_as(
            &token,
            "{ persons(filter: { unitCode: \"CM-SKHCN-2025\" }) { edges { node { id fullName } } } }",
            json!({}),
        )
        .await;
    let person = &people["data"]["persons"]["edges"][0]["node"];
    assert_eq!(person["fullName"], "Huỳnh Hùng Dũng", "{people}");

    let input = json!({ "i": { "movementId": movement, "personId": person["id"], "registeredOn": "2026-02-01" } });
    let (status, body) = within_5s(
        "registerForMovement with a personId",
        app.post_as(&token, REGISTER, input),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["registerForMovement"],
        json!({ "registration": { "person": { "fullName": "Huỳnh Hùng Dũng" }, "registeredOn": "2026-02-01" }, "userErrors": [] }),
        "{body}"
    );
}

/// Sends `query` as the holder of `token` and returns the body and how long it took.
async fn timed(app: &TestApp, token: Option<&str>, query: &str) -> (Value, Duration) {
    let started = Instant::now();
    let (status, body) = within_5s(query, async {
        match token {
            Some(token) => app.post_as(token, query, json!({})).await,
            None => app.post(query, json!({})).await,
        }
    })
    .await;
    let took = started.elapsed();
    assert_eq!(status, 200, "{body}");
    (body, took)
}

#[tokio::test]
async fn reads_answer_while_a_write_transaction_is_open() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.hanam").await;
    let held = thidua::db::begin_write(&app.db)
        .await
        .expect("a write transaction");

    let (units, units_took) = timed(&app, None, "{ units(first: 1) { totalCount } }").await;
    let (viewer, viewer_took) = timed(&app, Some(&token), "{ viewer { name role } }").await;
    println!("with a write transaction open: units {units_took:?}, viewer {viewer_took:?}");

    assert!(
        units["data"]["units"]["totalCount"].as_i64().unwrap_or(0) > 0,
        "{units}"
    );
    assert_eq!(
        viewer["data"]["viewer"],
        json!({ "name": "board.hanam", "role": "BOARD" }),
        "{viewer}"
    );
    // About a millisecond each here; the bound is generous for a loaded machine, and far
    // below the 30 s they waited before.
    for took in [units_took, viewer_took] {
        assert!(took < Duration::from_secs(1), "a read took {took:?}");
    }
    held.rollback().await.unwrap();
}

#[tokio::test]
async fn a_write_through_the_readers_fails() {
    let app = TestApp::migrated().await;
    let write = "CREATE TABLE scratch (x INTEGER)";
    let refused = sea_orm::ConnectionTrait::execute_unprepared(app.pools.reader(), write)
        .await
        .expect_err("the readers refuse to write");
    let message = refused.to_string();
    assert!(
        // SQLite: opened `mode=ro`; PostgreSQL: `default_transaction_read_only`.
        message.contains("readonly database") || message.contains("read-only transaction"),
        "{message}"
    );
    sea_orm::ConnectionTrait::execute_unprepared(app.pools.writer(), write)
        .await
        .expect("the writer writes");
}
