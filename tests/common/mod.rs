//! The test harness: every test gets a fresh database (a SQLite file in a temporary folder,
//! or, when `TEST_DATABASE_URL` is set, a schema of its own in that PostgreSQL database),
//! the real router on a real port, and a real HTTP client.
#![allow(dead_code)]

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty database URL (nothing migrated), and what must live as long as it.
pub struct FreshDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// Makes a fresh database for one test.
pub async fn fresh_database() -> FreshDatabase {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let schema = format!(
                "thidua_t_{}_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos()
            );
            let admin = sea_orm::Database::connect(base.as_str())
                .await
                .expect("connect to TEST_DATABASE_URL");
            sea_orm::ConnectionTrait::execute_unprepared(
                &admin,
                &format!("CREATE SCHEMA {schema}"),
            )
            .await
            .expect("create test schema");
            admin.close().await.ok();
            let separator = if base.contains('?') { '&' } else { '?' };
            FreshDatabase {
                url: format!("{base}{separator}options=-c%20search_path%3D{schema}"),
                _dir: None,
            }
        }
        _ => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            FreshDatabase {
                url,
                _dir: Some(dir),
            }
        }
    }
}

/// The identity configuration of tests: development, a random signing secret.
pub fn identity_config() -> thidua::identity::IdentityConfig {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).unwrap();
    thidua::identity::IdentityConfig {
        environment: thidua::identity::Environment::Development,
        secret: secret.to_vec(),
        issuer: "thidua".into(),
        audience: "thidua-api".into(),
        token_ttl: std::time::Duration::from_secs(3600),
        partners: Vec::new(),
    }
}

/// A running server over a fresh database.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    /// The server's writer: direct inserts and reads of tests go through it.
    pub db: DatabaseConnection,
    /// The server's readers and writer.
    pub pools: thidua::db::Db,
    pub identity: thidua::identity::Identity,
    statements: Arc<std::sync::Mutex<Vec<String>>>,
    _database: FreshDatabase,
}

impl TestApp {
    /// A server over a migrated database with the demo province loaded.
    pub async fn with_demo() -> TestApp {
        let app = Self::migrated().await;
        thidua::demo::seed(&app.db).await.expect("demo seed");
        app
    }

    /// A server over a migrated database holding only the award catalogue.
    pub async fn migrated() -> TestApp {
        Self::migrated_with(identity_config()).await
    }

    /// A server over a migrated database, with `config`'s keys.
    pub async fn migrated_with(config: thidua::identity::IdentityConfig) -> TestApp {
        let identity = thidua::identity::Identity::new(config);
        let database = fresh_database().await;
        let mut pools = thidua::db::Db::connect(&database.url)
            .await
            .expect("connect");
        let statements = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = statements.clone();
        pools.set_metric_callback(move |info| {
            if let Ok(mut log) = log.lock() {
                log.push(info.statement.sql.clone());
            }
        });
        let db = pools.writer().clone();
        thidua::db::prepare(&db).await.expect("migrate");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = thidua::app::router(pools.clone(), identity.clone());
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        TestApp {
            base,
            client: reqwest::Client::new(),
            db,
            pools,
            identity,
            statements,
            _database: database,
        }
    }

    /// A real token for `username`, signed with the server's key.
    pub async fn token(&self, username: &str) -> String {
        let user = thidua::identity::users::by_username(&self.db, username)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no user {username}"));
        self.identity.tokens.issue(user.id, None).unwrap().token
    }

    /// POSTs `query` with `variables` as the holder of `token`.
    pub async fn post_as(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.graphql_url())
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// POSTs `query` as `username` and returns `data`, failing the test on any error.
    pub async fn data_as(&self, username: &str, query: &str, variables: Value) -> Value {
        let token = self.token(username).await;
        let (status, body) = self.post_as(&token, query, variables).await;
        assert_eq!(status, 200, "{body:#}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    pub fn graphql_url(&self) -> String {
        format!("{}/graphql", self.base)
    }

    /// POSTs `query` with `variables`; returns the status and the JSON body.
    pub async fn post(&self, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.graphql_url())
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// POSTs `query` and returns `data`, failing the test on any error.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(query, variables).await;
        assert_eq!(status, 200, "{body:#}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// POSTs `query` and returns the codes of its errors.
    pub async fn error_codes(&self, query: &str, variables: Value) -> Vec<String> {
        let (_, body) = self.post(query, variables).await;
        codes(&body)
    }

    /// The SQL statements run since the last call.
    pub fn take_statements(&self) -> Vec<String> {
        std::mem::take(&mut *self.statements.lock().unwrap())
    }
}

/// The `extensions.code` of every error of a response body.
pub fn codes(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}
