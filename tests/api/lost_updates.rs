//! A cluster year's `version` moves once for every change, however many changes run at the
//! same time: the database increments it inside each transaction (issue 8, fault 4).

use std::collections::BTreeSet;

use crate::common::TestApp;
use entity::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

const VERSION: &str =
    "query($c: String!, $y: Int!) { clusterYear(clusterCode: $c, year: $y) { status version } }";
const REOPEN: &str = "mutation($i: ReopenClusterYearInput!) { reopenClusterYear(input: $i) { clusterYear { status } userErrors { code } } }";
const REVIEW: &str =
    "mutation($i: ReviewScoresInput!) { reviewScores(input: $i) { userErrors { code message } } }";
const LEADERSHIP: &str = "mutation($i: SetClusterLeadershipInput!) { setClusterLeadership(input: $i) { clusterYear { version } userErrors { code message } } }";

/// How many changes run at once.
const N: usize = 8;

async fn version(app: &TestApp, year: i32) -> i64 {
    let data = app
        .data_as(
            "board.hanam",
            VERSION,
            json!({ "c": "HNA-CUM-II", "y": year }),
        )
        .await;
    data["clusterYear"]["version"].as_i64().expect("a version")
}

/// The last entry of the audit trail.
async fn last_audit_id(app: &TestApp) -> i32 {
    audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .map_or(0, |row| row.id)
}

/// The versions that the audit trail says `action`'s changes of Cụm II `year` after entry
/// `since` moved from.
async fn audited_versions(app: &TestApp, since: i32, action: &str, year: i32) -> Vec<i64> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Id.gt(since))
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::ObjectId.eq(format!("HNA-CUM-II/{year}")))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            let before: Value =
                serde_json::from_str(row.before.as_deref().unwrap_or("null")).expect("JSON before");
            before["version"].as_i64().expect("a version before")
        })
        .collect()
}

#[tokio::test]
async fn concurrent_reviews_each_move_the_version_once() {
    let app = TestApp::with_demo().await;
    let board = app.token("board.hanam").await;
    let (_, reopened) = app
        .post_as(
            &board,
            REOPEN,
            json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát lại điểm" } }),
        )
        .await;
    assert_eq!(
        reopened["data"]["reopenClusterYear"]["clusterYear"]["status"], "REVIEW",
        "{reopened}"
    );
    let initial = version(&app, 2020).await;
    let since = last_audit_id(&app).await;
    let head = app.token("officer.hna-skhcn").await;

    let reviews = (0..N).map(|i| {
        let input = json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "unitCode": "HNA-TTR", "lines": [{ "criterionCode": "TC1", "points": 30.0 + i as f64 }] } });
        let head = head.clone();
        let app = &app;
        async move { app.post_as(&head, REVIEW, input).await.1 }
    });
    let bodies = futures_util::future::join_all(reviews).await;
    for body in &bodies {
        assert_eq!(
            body["data"]["reviewScores"]["userErrors"],
            json!([]),
            "{body}"
        );
    }

    assert_eq!(version(&app, 2020).await, initial + N as i64);
    let moved_from: BTreeSet<i64> = audited_versions(&app, since, "reviewScores", 2020)
        .await
        .into_iter()
        .collect();
    assert_eq!(
        moved_from,
        (initial..initial + N as i64).collect::<BTreeSet<i64>>(),
        "each review moved the version on from a different one"
    );
}

#[tokio::test]
async fn concurrent_elections_each_move_the_version_once() {
    let app = TestApp::with_demo().await;
    let initial = version(&app, 2021).await;
    let board = app.token("board.hanam").await;

    let heads = ["HNA-STNMT", "HNA-SGTVT"];
    let elections = (0..N).map(|i| {
        let input = json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2021, "headCode": heads[i % 2], "deputyCode": heads[(i + 1) % 2] } });
        let board = board.clone();
        let app = &app;
        async move { app.post_as(&board, LEADERSHIP, input).await.1 }
    });
    let bodies = futures_util::future::join_all(elections).await;
    let mut seen = BTreeSet::new();
    for body in &bodies {
        let payload = &body["data"]["setClusterLeadership"];
        assert_eq!(payload["userErrors"], json!([]), "{body}");
        seen.insert(
            payload["clusterYear"]["version"]
                .as_i64()
                .expect("a version"),
        );
    }

    assert_eq!(version(&app, 2021).await, initial + N as i64);
    assert_eq!(
        seen,
        (initial + 1..=initial + N as i64).collect::<BTreeSet<i64>>(),
        "each election saw a version of its own"
    );
}

#[tokio::test]
async fn concurrent_changes_of_stage_let_exactly_one_through() {
    // Cụm II 2020 is FINALIZED. Each reopening checks the year's stage and takes it one stage
    // back; checked against a read taken before another one committed, all of them passed and
    // each wrote "from FINALIZED".
    let app = std::sync::Arc::new(TestApp::with_demo().await);
    let board = app.token("board.hanam").await;
    let since = last_audit_id(&app).await;
    let reopenings: Vec<_> = (0..N)
        .map(|_| {
            let (app, board) = (app.clone(), board.clone());
            tokio::spawn(async move {
                let (_, body) = app
                    .post_as(
                        &board,
                        REOPEN,
                        json!({ "i": { "clusterCode": "HNA-CUM-II", "year": 2020, "reason": "Rà soát lại điểm" } }),
                    )
                    .await;
                body
            })
        })
        .collect();
    for reopening in reopenings {
        let body = reopening.await.unwrap();
        let codes = crate::common::codes(&body);
        // A stale check is CONFLICT; a reopening that read the year after another committed
        // is a change of its own (REVIEW back to SCORING, and so on).
        assert!(codes.is_empty() || codes == ["CONFLICT"], "{body}");
    }
    let from_finalized = audit_log::Entity::find()
        .filter(audit_log::Column::Id.gt(since))
        .filter(audit_log::Column::Action.eq("reopenClusterYear"))
        .filter(audit_log::Column::ObjectId.eq("HNA-CUM-II/2020"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| {
            row.before
                .as_deref()
                .unwrap_or("")
                .contains("\"FINALIZED\"")
        })
        .count();
    assert_eq!(from_finalized, 1, "reopenings that moved from FINALIZED");
}
