//! The test harness: every test gets a database of its own (a SQLite file in a temporary
//! folder or, when `TEST_DATABASE_URL` is set, a PostgreSQL database beside that one, dropped
//! when the test ends), the real router on a real port, and a real HTTP client.
//!
//! Migrating and seeding the demo is done once per test process, into a template; each test
//! gets a copy of it (a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL).
#![allow(dead_code)]

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{json, Value};
use tokio::sync::OnceCell;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A database of one test, and what must live as long as it.
pub struct FreshDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// On PostgreSQL: the server's maintenance URL and the database to drop at the end.
    drop_on_end: Option<(String, String)>,
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let Some((server, name)) = self.drop_on_end.take() else {
            return;
        };
        // A runtime of its own: the test's runtime is busy dropping this.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let admin = sea_orm::Database::connect(server.as_str()).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("test database {} was not dropped", self.url);
        }
    }
}

/// The PostgreSQL database `TEST_DATABASE_URL` names, if set: (the URL up to the database
/// name, the name, the query string).
fn postgres_base() -> Option<(String, String, String)> {
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path.to_owned(), format!("?{query}")),
        None => (url.clone(), String::new()),
    };
    let (server, name) = path
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL names a database");
    Some((server.to_owned(), name.to_owned(), query))
}

/// What a test's database starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Nothing: not even migrated.
    Empty,
    /// Migrated, with the reference data (the award catalogue and its rules).
    Migrated,
    /// Migrated, with the demo province.
    Demo,
}

static MIGRATED: OnceCell<Template> = OnceCell::const_new();
static DEMO: OnceCell<Template> = OnceCell::const_new();

/// A database prepared once per process, copied for each test.
struct Template {
    /// SQLite: the template's file (in a folder kept for the process); PostgreSQL: the
    /// template database's name.
    source: String,
    _dir: Option<tempfile::TempDir>,
}

async fn template(start: Start) -> &'static Template {
    let cell = match start {
        Start::Demo => &DEMO,
        _ => &MIGRATED,
    };
    cell.get_or_init(|| async move {
        let database = new_database(None).await;
        {
            let pools = thidua::db::Db::connect(&database.url)
                .await
                .expect("connect to the template");
            thidua::app::prepare(pools.writer())
                .await
                .expect("migrate the template");
            if start == Start::Demo {
                thidua::demo::seed(pools.writer())
                    .await
                    .expect("seed the template");
            }
            if pools.writer().get_database_backend() == sea_orm::DbBackend::Sqlite {
                pools
                    .writer()
                    .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                    .await
                    .expect("checkpoint the template");
            }
            pools.close().await.expect("close the template");
        }
        let mut database = database;
        match database.drop_on_end.take() {
            // The template lives as long as the process; a run's CI database holds them.
            Some((_, name)) => Template {
                source: name,
                _dir: None,
            },
            None => Template {
                source: sqlite_file(&database.url),
                _dir: database._dir.take(),
            },
        }
    })
    .await
}

fn sqlite_file(url: &str) -> String {
    url.trim_start_matches("sqlite://")
        .trim_end_matches("?mode=rwc")
        .to_owned()
}

/// A new database, empty or copied from `from` (a template's source).
async fn new_database(from: Option<&str>) -> FreshDatabase {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    match postgres_base() {
        Some((server, base, query)) => {
            let name = format!("{base}_t{}_{n}", std::process::id());
            let maintenance = format!("{server}/postgres{query}");
            let admin = sea_orm::Database::connect(maintenance.as_str())
                .await
                .expect("connect to the PostgreSQL server of TEST_DATABASE_URL");
            let template = from.map(|t| format!(" TEMPLATE {t}")).unwrap_or_default();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}{template}"))
                .await
                .expect("create the test database");
            admin.close().await.ok();
            FreshDatabase {
                url: format!("{server}/{name}{query}"),
                _dir: None,
                drop_on_end: Some((maintenance, name)),
            }
        }
        None => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let file = dir.path().join("test.db");
            if let Some(template) = from {
                std::fs::copy(template, &file).expect("copy the template");
            }
            FreshDatabase {
                url: format!("sqlite://{}?mode=rwc", file.display()),
                _dir: Some(dir),
                drop_on_end: None,
            }
        }
    }
}

/// Makes a database for one test, starting from `start`.
pub async fn database(start: Start) -> FreshDatabase {
    match start {
        Start::Empty => new_database(None).await,
        _ => new_database(Some(&template(start).await.source)).await,
    }
}

/// Makes a fresh, empty database (nothing migrated) for one test.
pub async fn fresh_database() -> FreshDatabase {
    database(Start::Empty).await
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
    /// The server's file store (a folder of this test's own).
    pub files: Arc<thidua::dossiers::files::Store>,
    _files_dir: tempfile::TempDir,
    _database: FreshDatabase,
}

/// A client as current GraphQL clients are: it asks for `application/graphql-response+json`
/// (a test of older clients' `application/json` sends its own `Accept`), and for English
/// messages, which the tests read (a test of the Vietnamese asks for it).
fn english_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_LANGUAGE,
        reqwest::header::HeaderValue::from_static("en"),
    );
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static(
            "application/graphql-response+json, application/json;q=0.9",
        ),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("an HTTP client")
}

impl TestApp {
    /// A server over a migrated database with the demo province loaded.
    pub async fn with_demo() -> TestApp {
        Self::starting_from(Start::Demo, identity_config()).await
    }

    /// A server over a migrated database holding only the award catalogue.
    pub async fn migrated() -> TestApp {
        Self::migrated_with(identity_config()).await
    }

    /// A server over a migrated database, with `config`'s keys.
    pub async fn migrated_with(config: thidua::identity::IdentityConfig) -> TestApp {
        Self::starting_from(Start::Migrated, config).await
    }

    /// A server over the demo province, with these HTTP settings.
    pub async fn with_settings(settings: thidua::web::Settings) -> TestApp {
        Self::configured(Start::Demo, identity_config(), settings).await
    }

    /// A server over a copy of `start`'s template that keeps no public answer: every
    /// anonymous query runs, as a test that counts what a query costs, or writes behind the
    /// server's back, needs.
    pub async fn uncached(start: Start) -> TestApp {
        let settings = thidua::web::Settings {
            public_cache_bytes: 0,
            ..Default::default()
        };
        Self::configured(start, identity_config(), settings).await
    }

    /// A server over a copy of `start`'s template, with `config`'s keys.
    async fn starting_from(start: Start, config: thidua::identity::IdentityConfig) -> TestApp {
        Self::configured(start, config, thidua::web::Settings::default()).await
    }

    async fn configured(
        start: Start,
        config: thidua::identity::IdentityConfig,
        mut settings: thidua::web::Settings,
    ) -> TestApp {
        // Attachments in a folder of this test's own, with the limit the settings give.
        let files_dir = tempfile::tempdir().expect("a folder for files");
        let files = Arc::new(thidua::dossiers::files::Store::new(
            files_dir.path().join("files"),
            settings.files.max_bytes(),
        ));
        settings.files = files.clone();
        let identity = thidua::identity::Identity::new(config);
        let database = database(start).await;
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
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = thidua::app::router_with(pools.clone(), identity.clone(), settings);
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        TestApp {
            base,
            client: english_client(),
            db,
            pools,
            identity,
            statements,
            files,
            _files_dir: files_dir,
            _database: database,
        }
    }

    /// A real token for `username`, signed with the server's key.
    /// A token of `username`, an account made through `createUser` on first use (a second
    /// officer, for separation of duties).
    pub async fn account(
        &self,
        username: &str,
        role: &str,
        unit_code: Option<&str>,
        province_code: Option<&str>,
    ) -> String {
        if thidua::identity::users::by_username(&self.db, username)
            .await
            .unwrap()
            .is_none()
        {
            let admin = self.token("admin").await;
            let (_, body) = self
                .post_as(
                    &admin,
                    "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username } userErrors { message } } }",
                    serde_json::json!({ "i": { "username": username, "password": "a long enough password", "role": role, "unitCode": unit_code, "provinceCode": province_code } }),
                )
                .await;
            assert_eq!(
                body["data"]["createUser"]["user"]["username"], username,
                "{body}"
            );
        }
        self.token(username).await
    }

    /// Writes one synthetic province (`thidua seed --synthetic --scale province`, seed 1) into
    /// the database: data of a size where a query per row, or a bad plan, shows.
    pub async fn seed_synthetic_province(&self) {
        thidua::demo::synthetic::seed(
            &self.db,
            thidua::demo::synthetic::Scale::Province,
            1,
            &|_, _, _| {},
        )
        .await
        .expect("the synthetic province");
    }

    /// A real installation's first steps on a migrated database, as `thidua init` and the
    /// administrator take them: the account `admin`, the province QUANG_TRI and its board
    /// member `board.qt`.
    pub async fn real_province(&self) {
        let console = thidua::access::Viewer {
            user_id: None,
            name: "console".to_owned(),
            role: Some(entity::enums::Role::Admin),
            unit_id: None,
            province_id: None,
        };
        let work = thidua::work::Work::begin(&self.db).await.unwrap();
        let new = thidua::identity::users::NewUser {
            username: "admin".to_owned(),
            password: "a long enough password".to_owned(),
            role: entity::enums::Role::Admin,
            unit_code: None,
            province_code: None,
        };
        let hash = thidua::identity::password::hash(&new.password).unwrap();
        thidua::identity::users::create(&work, &console, new, hash)
            .await
            .unwrap()
            .unwrap();
        let province = thidua::organisation::provinces::NewProvince {
            code: "QUANG_TRI".to_owned(),
            name: "Quảng Trị".to_owned(),
            valid_from: None,
        };
        thidua::organisation::provinces::create(&work, &console, province)
            .await
            .unwrap()
            .unwrap();
        work.commit(&Default::default()).await.unwrap();
        self.account("board.qt", "BOARD", None, Some("QUANG_TRI"))
            .await;
    }

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

    /// Sends `query` as a GraphQL multipart request, as `apollo-upload-client` does: the
    /// operation with the file's variable (at `path`, e.g. `variables.i.file`) null in
    /// `operations`, the `map` naming it, then the file as part `0`.
    pub async fn upload_as(
        &self,
        token: &str,
        query: &str,
        variables: Value,
        path: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> (u16, Value) {
        let form = reqwest::multipart::Form::new()
            .text(
                "operations",
                json!({ "query": query, "variables": variables }).to_string(),
            )
            .text("map", json!({ "0": [path] }).to_string())
            .part(
                "0",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name(file_name.to_owned())
                    .mime_str("application/octet-stream")
                    .unwrap(),
            );
        let response = self
            .client
            .post(self.graphql_url())
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Every file under the file store's folder, temporary ones included.
    pub fn stored_files(&self) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![self.files.dir().to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
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

/// A `graphql-transport-ws` connection to `app`, signed in as `username`
/// (`connection_init` with `authorization`) and acknowledged.
pub async fn signed_in_socket(
    app: &TestApp,
    username: &str,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};
    let url = app.base.replace("http://", "ws://") + "/graphql";
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let token = app.token(username).await;
    let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } });
    socket.send(Message::text(init.to_string())).await.unwrap();
    let ack = socket.next().await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");
    socket
}
