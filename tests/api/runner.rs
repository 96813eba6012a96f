//! The runner (`thidua::work::run`): a write's audit records and live events exist only once
//! it is committed; a write that returns problems or fails leaves no row, no record and no
//! event behind.

use entity::{audit_log, unit};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use thidua::{
    access::Viewer,
    clusters::live::{RankingChange, RankingEvent},
    error::{UserErrorCode, UserProblem},
    organisation::writes::{self, NewUnit},
    work::{self, Events},
};

use crate::common::TestApp;

fn admin() -> Viewer {
    Viewer {
        user_id: None,
        name: "runner-test".to_owned(),
        role: Some(entity::enums::Role::Admin),
        unit_id: None,
        province_id: None,
    }
}

fn new_unit(code: &str) -> NewUnit {
    NewUnit {
        code: code.to_owned(),
        kind: entity::enums::UnitKind::Department,
        name: format!("Đơn vị {code}"),
        short_name: None,
        parent_code: None,
        province_code: Some("CA_MAU".to_owned()),
        national: false,
        valid_from: None,
    }
}

const EVENT: RankingEvent = RankingEvent {
    cluster_year_id: 1,
    change: RankingChange::Reviewed,
};

async fn records_by(app: &TestApp, actor: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Actor.eq(actor))
        .count(&app.db)
        .await
        .unwrap()
}

async fn unit_exists(app: &TestApp, code: &str) -> bool {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(&app.db)
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn a_write_that_returns_problems_leaves_no_row_no_record_and_no_event() {
    let app = TestApp::with_demo().await;
    let events = Events::default();
    let mut heard = events.ranking.subscribe();
    let viewer = admin();
    let outcome = work::run(&app.pools, &events, async |work| {
        // The operation writes and notes its record, then finds a problem after all.
        writes::create_unit(work, &viewer, new_unit("RUNNER-NO"))
            .await?
            .expect("the unit itself is valid");
        work.publish(EVENT);
        Ok::<_, _>(Err::<(), _>(vec![UserProblem::new(
            &["code"],
            "refused after the write",
            UserErrorCode::RuleNotMet,
        )]))
    })
    .await
    .unwrap();
    assert!(outcome.is_err());
    assert!(!unit_exists(&app, "RUNNER-NO").await, "the row was kept");
    assert_eq!(
        records_by(&app, "runner-test").await,
        0,
        "an audit record was kept"
    );
    assert!(heard.try_recv().is_err(), "an event was published");
}

#[tokio::test]
async fn a_committed_write_has_its_record_and_then_its_event() {
    let app = TestApp::with_demo().await;
    let events = Events::default();
    let mut heard = events.ranking.subscribe();
    let viewer = admin();
    let outcome = work::run(&app.pools, &events, async |work| {
        let made = writes::create_unit(work, &viewer, new_unit("RUNNER-YES")).await?;
        work.publish(EVENT);
        // Nothing is published before the commit.
        assert!(
            heard.try_recv().is_err(),
            "an event was published before the commit"
        );
        Ok(made)
    })
    .await
    .unwrap();
    assert!(outcome.is_ok(), "{outcome:?}");
    assert!(unit_exists(&app, "RUNNER-YES").await);
    assert_eq!(records_by(&app, "runner-test").await, 1);
    assert_eq!(heard.try_recv().unwrap(), EVENT);
}

#[tokio::test]
async fn a_write_that_fails_leaves_nothing() {
    let app = TestApp::with_demo().await;
    let events = Events::default();
    let mut heard = events.ranking.subscribe();
    let viewer = admin();
    let outcome: thidua::error::AppResult<thidua::error::Outcome<()>> =
        work::run(&app.pools, &events, async |work| {
            writes::create_unit(work, &viewer, new_unit("RUNNER-ERR"))
                .await?
                .unwrap();
            work.publish(EVENT);
            Err(thidua::error::AppError::bad_input("stopped"))
        })
        .await;
    assert!(outcome.is_err());
    assert!(!unit_exists(&app, "RUNNER-ERR").await);
    assert_eq!(records_by(&app, "runner-test").await, 0);
    assert!(heard.try_recv().is_err());
}
