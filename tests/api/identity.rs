//! Identity: sign-in, tokens (ours and partners'), disabled and demo accounts, `viewer`,
//! `createUser`, and the audit trail they leave.

use crate::common::{codes, identity_config, TestApp};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use thidua::identity::{Environment, PartnerKey};

const DEMO_PASSWORD: &str = thidua::demo::data::DEMO_PASSWORD;

const LOGIN: &str = "mutation($u: String!, $p: String!) {
  login(input: { username: $u, password: $p }) {
    token expiresAt
    viewer { name role unit { code } province { code } }
    userErrors { field message code }
  }
}";

async fn login(app: &TestApp, username: &str, password: &str) -> (u16, Value) {
    app.post(LOGIN, json!({ "u": username, "p": password }))
        .await
}

const VIEWER: &str =
    "{ viewer { name role unit { code } province { code } headOf { year cluster { code } } } }";

#[tokio::test]
async fn login_returns_a_working_token_and_the_viewer() {
    let app = TestApp::with_demo().await;
    let (status, body) = login(&app, "officer.hna-stnmt", DEMO_PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    let payload = &body["data"]["login"];
    assert_eq!(payload["userErrors"], json!([]));
    assert_eq!(
        payload["viewer"],
        json!({ "name": "officer.hna-stnmt", "role": "UNIT_OFFICER", "unit": { "code": "HNA-STNMT" }, "province": { "code": "HA_NAM" } })
    );
    let expires =
        chrono::DateTime::parse_from_rfc3339(payload["expiresAt"].as_str().unwrap()).unwrap();
    let hours = (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (55..=60).contains(&hours),
        "the test config issues one-hour tokens: {hours} min"
    );

    let token = payload["token"].as_str().unwrap();
    let (status, body) = app.post_as(token, VIEWER, json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["viewer"]["name"], "officer.hna-stnmt");
    assert_eq!(
        body["data"]["viewer"]["headOf"],
        json!([{ "year": 2021, "cluster": { "code": "HNA-CUM-II" } }])
    );
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_get_the_same_answer() {
    let app = TestApp::with_demo().await;
    let (_, wrong) = login(&app, "board.hanam", "not the password").await;
    let (_, unknown) = login(&app, "nobody.at.all", "not the password").await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["data"]["login"]["token"], Value::Null);
    assert_eq!(
        wrong["data"]["login"]["userErrors"][0]["code"],
        "INVALID_CREDENTIALS"
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_username_for_a_while() {
    let app = TestApp::with_demo().await;
    for _ in 0..thidua::identity::limiter::MAX_FAILURES {
        let (_, body) = login(&app, "board.hanam", "guess").await;
        assert_eq!(
            body["data"]["login"]["userErrors"][0]["code"],
            "INVALID_CREDENTIALS"
        );
    }
    let (_, body) = login(&app, "board.hanam", DEMO_PASSWORD).await;
    assert_eq!(
        codes(&body),
        ["RATE_LIMITED"],
        "even the right password waits: {body}"
    );
    assert_eq!(body["data"]["login"], Value::Null);
    let (_, other) = login(&app, "board.camau", DEMO_PASSWORD).await;
    assert!(
        other["data"]["login"]["token"].is_string(),
        "other usernames are not locked"
    );
}

#[tokio::test]
async fn a_disabled_users_tokens_stop_working() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.camau").await;
    let (status, _) = app.post_as(&token, VIEWER, json!({})).await;
    assert_eq!(status, 200);
    assert!(thidua::identity::users::disable(&app.db, "board.camau")
        .await
        .unwrap());
    let (status, body) = app.post_as(&token, VIEWER, json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    let (_, body) = login(&app, "board.camau", DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["userErrors"][0]["code"],
        "INVALID_CREDENTIALS"
    );
}

#[tokio::test]
async fn demo_accounts_are_refused_outside_development() {
    let mut config = identity_config();
    config.environment = Environment::Production;
    let app = TestApp::migrated_with(config).await;
    thidua::demo::seed(&app.db).await.unwrap();
    let (_, body) = login(&app, "admin", DEMO_PASSWORD).await;
    assert_eq!(
        body["data"]["login"]["userErrors"][0]["code"],
        "INVALID_CREDENTIALS"
    );
    let token = app.token("admin").await;
    let (status, _) = app.post_as(&token, VIEWER, json!({})).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn bad_tokens_are_unauthenticated() {
    let app = TestApp::with_demo().await;
    let good = app.token("admin").await;
    let mut tampered = good.clone();
    tampered.pop();
    tampered.push(if good.ends_with('A') { 'B' } else { 'A' });
    let now = jsonwebtoken::get_current_timestamp();
    let other_key = encode(
        &typed(Algorithm::HS256),
        &json!({ "iss": "thidua", "aud": "thidua-api", "sub": "1", "exp": now + 60, "nbf": now, "iat": now }),
        &EncodingKey::from_secret(b"someone else's secret of 32 bytes"),
    )
    .unwrap();
    for token in [tampered.as_str(), other_key.as_str(), "not-a-jwt"] {
        let (status, body) = app.post_as(token, VIEWER, json!({})).await;
        assert_eq!(status, 401, "{token}");
        assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    }
    let response = app
        .client
        .post(app.graphql_url())
        .header("authorization", format!("Basic {good}"))
        .json(&json!({ "query": VIEWER }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn the_public_has_no_viewer() {
    let app = TestApp::with_demo().await;
    assert_eq!(app.data(VIEWER, json!({})).await, json!({ "viewer": null }));
}

#[tokio::test]
async fn head_of_follows_the_election_year_by_year() {
    let app = TestApp::with_demo().await;
    let of_2020 = app.data_as("officer.hna-skhcn", VIEWER, json!({})).await;
    assert_eq!(
        of_2020["viewer"]["headOf"],
        json!([{ "year": 2020, "cluster": { "code": "HNA-CUM-II" } }])
    );
    let deputy = app.data_as("officer.hna-sgtvt", VIEWER, json!({})).await;
    assert_eq!(deputy["viewer"]["headOf"], json!([]));
    let board = app.data_as("board.hanam", VIEWER, json!({})).await;
    assert_eq!(board["viewer"]["role"], "BOARD");
    assert_eq!(board["viewer"]["province"]["code"], "HA_NAM");
    assert_eq!(board["viewer"]["headOf"], json!([]));
}

const CREATE_USER: &str = "mutation($input: CreateUserInput!) {
  createUser(input: $input) { user { username role disabled } userErrors { field code } }
}";

#[tokio::test]
async fn admins_create_users_and_others_may_not() {
    let app = TestApp::with_demo().await;
    let input = json!({ "input": { "username": "officer.hna-sxd", "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": "HNA-SXD" } });
    // The board of another province, an officer, a partner; and the board of the unit's
    // own province for any account but a unit officer's.
    let board_account = json!({ "input": { "username": "board.hanam2", "password": "a long enough password", "role": "BOARD", "provinceCode": "HA_NAM" } });
    for (username, input) in [
        ("board.camau", &input),
        ("officer.hna-skhcn", &input),
        ("partner.demo", &input),
        ("board.hanam", &board_account),
    ] {
        let token = app.token(username).await;
        let (status, body) = app.post_as(&token, CREATE_USER, input.clone()).await;
        assert_eq!(status, 200);
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}");
        assert_eq!(body["data"]["createUser"], Value::Null);
    }
    let (_, body) = app.post(CREATE_USER, input.clone()).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    assert!(
        thidua::identity::users::by_username(&app.db, "officer.hna-sxd")
            .await
            .unwrap()
            .is_none()
    );

    let created = app.data_as("admin", CREATE_USER, input.clone()).await;
    assert_eq!(
        created["createUser"],
        json!({ "user": { "username": "officer.hna-sxd", "role": "UNIT_OFFICER", "disabled": false }, "userErrors": [] })
    );
    let (_, body) = login(&app, "officer.hna-sxd", "a long enough password").await;
    assert_eq!(body["data"]["login"]["viewer"]["unit"]["code"], "HNA-SXD");

    let again = app.data_as("admin", CREATE_USER, input).await;
    assert_eq!(
        again["createUser"]["userErrors"],
        json!([{ "field": ["username"], "code": "DUPLICATE" }])
    );
}

#[tokio::test]
async fn create_user_checks_its_input() {
    let app = TestApp::with_demo().await;
    let cases = [
        (
            json!({ "username": "X", "password": "a long enough password", "role": "ADMIN" }),
            "username",
            "INVALID_VALUE",
        ),
        (
            json!({ "username": "short.pw", "password": "short", "role": "ADMIN" }),
            "password",
            "INVALID_VALUE",
        ),
        (
            json!({ "username": "officer.nounit", "password": "a long enough password", "role": "UNIT_OFFICER" }),
            "unitCode",
            "REQUIRED",
        ),
        (
            json!({ "username": "board.noprov", "password": "a long enough password", "role": "BOARD" }),
            "provinceCode",
            "REQUIRED",
        ),
        (
            json!({ "username": "officer.ghost", "password": "a long enough password", "role": "UNIT_OFFICER", "unitCode": "NO-SUCH" }),
            "unitCode",
            "NOT_FOUND",
        ),
    ];
    for (input, field, code) in cases {
        let data = app
            .data_as("admin", CREATE_USER, json!({ "input": input }))
            .await;
        let errors = &data["createUser"]["userErrors"];
        assert_eq!(errors[0]["field"], json!([field]), "{input}");
        assert_eq!(errors[0]["code"], code, "{input}");
        assert_eq!(data["createUser"]["user"], Value::Null);
    }
}

const AUDIT: &str =
    "{ auditLog(first: 100) { totalCount edges { node { actor action objectType objectId after } } } }";

#[tokio::test]
async fn mutations_are_audited_and_boards_read_their_provinces_trail() {
    let app = TestApp::with_demo().await;
    login(&app, "board.hanam", DEMO_PASSWORD).await;
    login(&app, "board.camau", DEMO_PASSWORD).await;
    app.data_as(
        "admin",
        CREATE_USER,
        json!({ "input": { "username": "board.ninhbinh", "password": "a long enough password", "role": "BOARD", "provinceCode": "NINH_BINH" } }),
    )
    .await;

    let all = app.data_as("admin", AUDIT, json!({})).await;
    let actions: Vec<(String, String)> = all["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["actor"].as_str().unwrap().to_owned(),
                e["node"]["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(actions.contains(&("board.hanam".into(), "login".into())));
    assert!(actions.contains(&("admin".into(), "createUser".into())));

    let hanam = app.data_as("board.hanam", AUDIT, json!({})).await;
    let actors: Vec<&str> = hanam["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["actor"].as_str().unwrap())
        .collect();
    assert!(actors.contains(&"board.hanam"));
    assert!(
        !actors.contains(&"board.camau"),
        "a board reads its own province's trail only: {actors:?}"
    );

    for username in ["officer.hna-skhcn", "partner.demo"] {
        let token = app.token(username).await;
        let (_, body) = app.post_as(&token, AUDIT, json!({})).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}");
    }
    let (_, body) = app.post(AUDIT, json!({})).await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);

    let schema = thidua::api::sdl();
    let mutation = schema
        .split("type Mutation {")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap();
    assert!(
        !mutation.to_lowercase().contains("audit"),
        "nothing in the API writes the trail"
    );
}

// Partner provinces' systems.

const PARTNER_ED_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIM2j1Jme6G96qDwp2T2QKxd33okIz8LrRNGMuCJIZyeX
-----END PRIVATE KEY-----";
const PARTNER_ED_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA1CQyihvqHNQvNwWVdoazo67c+gFHdqOVBcwt5tk7AI0=
-----END PUBLIC KEY-----";
const STRANGER_ED_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDX3B8/2xQzejEmF4D3epjk64i0j2V5VT8KSYjcKq7i1
-----END PRIVATE KEY-----";
const PARTNER_EC_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWFiUBuUl3/Bm2v5I
thGnuPz7hbJ2iGGEbQxNaOcg46ihRANCAAQfC2d19sCBfPjHp2ibuTkX3qkcIthd
Nh11n7tw3MiCAnfhZ5sqzYikbu5nj5z5LnzW0XlOtHZsQnQGWnlD9VcG
-----END PRIVATE KEY-----";
const PARTNER_EC_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEHwtndfbAgXz4x6dom7k5F96pHCLY
XTYddZ+7cNzIggJ34WebKs2IpG7uZ4+c+S581tF5TrR2bEJ0Blp5Q/VXBg==
-----END PUBLIC KEY-----";

fn typed(algorithm: Algorithm) -> Header {
    let mut header = Header::new(algorithm);
    header.typ = Some("at+jwt".into());
    header
}

fn partner_token(algorithm: Algorithm, key: &EncodingKey, iss: &str, aud: &str) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    let claims = json!({ "iss": iss, "aud": aud, "sub": "thidua-sync", "exp": now + 300, "nbf": now, "iat": now });
    encode(&typed(algorithm), &claims, key).unwrap()
}

async fn app_with_partners() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partners.json");
    std::fs::write(
        &file,
        json!([
            { "name": "can-tho", "issuer": "https://thidua.cantho.example", "audience": "thidua-hanam", "algorithm": "EdDSA", "publicKeyPem": PARTNER_ED_PUBLIC },
            { "name": "dong-thap", "issuer": "https://thidua.dongthap.example", "audience": "thidua-hanam", "algorithm": "ES256", "publicKeyPem": PARTNER_EC_PUBLIC }
        ])
        .to_string(),
    )
    .unwrap();
    let partners: Vec<PartnerKey> = thidua::identity::keys::read_partners(&file).unwrap();
    let mut config = identity_config();
    config.partners = partners;
    let app = TestApp::migrated_with(config).await;
    thidua::demo::seed(&app.db).await.unwrap();
    app
}

#[tokio::test]
async fn partner_tokens_are_verified_with_their_own_keys() {
    let app = app_with_partners().await;
    let ed = EncodingKey::from_ed_pem(PARTNER_ED_PRIVATE.as_bytes()).unwrap();
    let ec = EncodingKey::from_ec_pem(PARTNER_EC_PRIVATE.as_bytes()).unwrap();
    let persons = "{ viewer { name role } persons(first: 1) { totalCount } }";
    for (token, name) in [
        (
            partner_token(
                Algorithm::EdDSA,
                &ed,
                "https://thidua.cantho.example",
                "thidua-hanam",
            ),
            "can-tho",
        ),
        (
            partner_token(
                Algorithm::ES256,
                &ec,
                "https://thidua.dongthap.example",
                "thidua-hanam",
            ),
            "dong-thap",
        ),
    ] {
        let (status, body) = app.post_as(&token, persons, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["data"]["viewer"],
            json!({ "name": name, "role": "PARTNER" })
        );
        assert!(
            body["data"]["persons"]["totalCount"].as_i64().unwrap() > 0,
            "partners read persons' names"
        );
    }
}

#[tokio::test]
async fn partner_tokens_with_the_wrong_key_audience_or_algorithm_are_refused() {
    let app = app_with_partners().await;
    let ed = EncodingKey::from_ed_pem(PARTNER_ED_PRIVATE.as_bytes()).unwrap();
    let stranger = EncodingKey::from_ed_pem(STRANGER_ED_PRIVATE.as_bytes()).unwrap();
    let ec = EncodingKey::from_ec_pem(PARTNER_EC_PRIVATE.as_bytes()).unwrap();
    let bad = [
        partner_token(
            Algorithm::EdDSA,
            &stranger,
            "https://thidua.cantho.example",
            "thidua-hanam",
        ),
        partner_token(
            Algorithm::EdDSA,
            &ed,
            "https://thidua.cantho.example",
            "thidua-api",
        ),
        partner_token(
            Algorithm::EdDSA,
            &ed,
            "https://thidua.unknown.example",
            "thidua-hanam",
        ),
        // Đồng Tháp's key is pinned to ES256; a token of Cần Thơ's issuer signed with ES256 fails.
        partner_token(
            Algorithm::ES256,
            &ec,
            "https://thidua.cantho.example",
            "thidua-hanam",
        ),
        partner_token(
            Algorithm::HS256,
            &EncodingKey::from_secret(PARTNER_ED_PUBLIC.as_bytes()),
            "https://thidua.cantho.example",
            "thidua-hanam",
        ),
    ];
    for token in bad {
        let (status, body) = app.post_as(&token, "{ viewer { name } }", json!({})).await;
        assert_eq!(status, 401, "{token}: {body}");
    }
}
