//! Password hashing (argon2, tens of milliseconds of CPU each) runs off the async runtime and
//! outside any transaction: other requests go on while passwords are hashed (issue 8, fault 6).
//!
//! The tests run on the current-thread runtime of `#[tokio::test]`, which also runs the
//! server: a hash computed on that thread stops every other request until it is done.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use crate::common::TestApp;
use serde_json::json;

/// How many hashing requests run at once.
const HASHING: usize = 6;

/// The order in which requests were answered.
#[derive(Clone, Default)]
struct Answers(Arc<Mutex<Vec<String>>>);

impl Answers {
    fn push(&self, name: String) {
        self.0.lock().unwrap().push(name);
    }

    fn order(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// How many of the hashing requests were answered before `name`.
    fn hashing_before(&self, name: &str) -> usize {
        let order = self.order();
        order
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} was not answered: {order:?}"))
    }
}

#[tokio::test]
async fn health_answers_while_logins_hash() {
    let app = Arc::new(TestApp::migrated().await);
    let answers = Answers::default();
    let mut logins = Vec::new();
    for i in 0..HASHING {
        let (app, answers) = (app.clone(), answers.clone());
        logins.push(tokio::spawn(async move {
            let input = json!({ "i": { "username": format!("nobody-{i}"), "password": "not the password" } });
            let body = app
                .data(
                    "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }",
                    input,
                )
                .await;
            assert_eq!(
                body["login"]["userErrors"],
                json!([{ "code": "INVALID_CREDENTIALS" }])
            );
            answers.push(format!("login {i}"));
        }));
    }
    // Let the logins reach their hashing first.
    tokio::time::sleep(Duration::from_millis(10)).await;
    let health = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    answers.push("healthz".into());
    for login in logins {
        login.await.unwrap();
    }
    println!("answered in this order: {:?}", answers.order());
    // Each login hashes for tens of milliseconds; /healthz, sent meanwhile, has nothing to
    // wait for (before the fix it came after two to six of them). On a loaded machine some
    // logins may be answered before /healthz is even sent; it must not wait for them all.
    assert!(
        answers.hashing_before("healthz") < HASHING,
        "/healthz waited for logins' hashing: {:?}",
        answers.order()
    );
}

#[tokio::test]
async fn a_write_is_not_held_behind_create_users_hashing() {
    let app = Arc::new(TestApp::with_demo().await);
    let admin = app.token("admin").await;
    let officer = app.token("officer.cm-skhcn").await;
    let answers = Answers::default();
    let mut creations = Vec::new();
    for i in 0..HASHING {
        let (app, answers, admin) = (app.clone(), answers.clone(), admin.clone());
        creations.push(tokio::spawn(async move {
            let input = json!({ "i": { "username": format!("new.admin-{i}"), "password": "a long enough password", "role": "ADMIN" } });
            let (_, body) = app
                .post_as(
                    &admin,
                    "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } userErrors { code } } }",
                    input,
                )
                .await;
            assert_eq!(
                body["data"]["createUser"]["user"]["username"],
                format!("new.admin-{i}"),
                "{body}"
            );
            answers.push(format!("createUser {i}"));
        }));
    }
    // Let the creations begin (before the fix: take the writer and hash inside it).
    tokio::time::sleep(Duration::from_millis(10)).await;
    let launch = json!({ "i": { "name": "Phong trào thử", "kind": "THEMATIC", "launchingUnitCode": "CM-SKHCN-2025", "startOn": "2026-01-01" } });
    let (_, body) = app
        .post_as(
            &officer,
            "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { movement { name } userErrors { code } } }",
            launch,
        )
        .await;
    assert_eq!(
        body["data"]["launchMovement"]["movement"]["name"], "Phong trào thử",
        "{body}"
    );
    answers.push("launchMovement".into());
    for creation in creations {
        creation.await.unwrap();
    }
    println!("answered in this order: {:?}", answers.order());
    // Before the fix it came after all of them, each holding the writer while it hashed; now
    // creations that began well before it may still finish first on a busy machine (on two
    // cores under the whole suite, three did): it must not wait for them all.
    assert!(
        answers.hashing_before("launchMovement") < HASHING,
        "the write waited for createUser's hashing: {:?}",
        answers.order()
    );
}
