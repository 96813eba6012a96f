//! The `thidua` binary: `serve` with no configuration at all, `serve` on `DATABASE_URL`,
//! graceful shutdown, `migrate`, `seed --demo`.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde_json::{json, Value};

/// The `thidua` binary in `dir`, with none of the environment's settings.
pub fn thidua(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
    command
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("THIDUA_BIND")
        .env_remove("THIDUA_NO_DEMO")
        .env_remove("THIDUA_ENV")
        .env_remove("THIDUA_JWT_SECRET")
        .env_remove("THIDUA_PARTNERS_FILE")
        .env("RUST_LOG", "info");
    command
}

/// Starts `serve` and waits for the line that says where GraphiQL is; returns the address.
fn start(mut command: Command) -> (Child, String) {
    let mut child = command
        .arg("serve")
        .env("THIDUA_BIND", "127.0.0.1:0")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn thidua serve");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("GraphiQL at http://").nth(1) {
                let address = rest.split('/').next().unwrap_or_default().to_owned();
                let _ = tx.send(address);
            }
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("thidua serve logs where GraphiQL is");
    (child, address)
}

fn stop(mut child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "thidua serve exits cleanly on SIGTERM: {status}"
    );
}

async fn province_codes(address: &str) -> Vec<String> {
    let body: Value = reqwest::Client::new()
        .post(format!("http://{address}/graphql"))
        .json(&json!({ "query": "{ provinces { code } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["data"]["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn serve_with_no_configuration_creates_migrates_and_seeds_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let (child, address) = start(thidua(dir.path()));
    assert!(dir.path().join("thidua.db").exists());
    assert!(
        dir.path().join("thidua.db-wal").exists(),
        "SQLite runs in WAL mode"
    );
    assert!(province_codes(&address)
        .await
        .contains(&"CA_MAU".to_owned()));
    let metrics = reqwest::get(format!("http://{address}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let statements: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("thidua_db_statements_total "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        statements > 0,
        "the server counts its SQL statements: {metrics}"
    );
    stop(child);

    // A second start finds the data and does not seed again.
    let (child, address) = start(thidua(dir.path()));
    let codes = province_codes(&address).await;
    assert_eq!(codes.iter().filter(|c| *c == "CA_MAU").count(), 1);
    stop(child);
}

#[tokio::test]
async fn serve_runs_on_the_database_url_given() {
    let dir = tempfile::tempdir().unwrap();
    let database = crate::common::fresh_database().await;
    let mut command = thidua(dir.path());
    command.env("DATABASE_URL", &database.url);
    let (child, address) = start(command);
    assert!(province_codes(&address)
        .await
        .contains(&"SOC_TRANG".to_owned()));
    stop(child);
    assert!(!dir.path().join("thidua.db").exists());
}

#[tokio::test]
async fn serve_without_demo_leaves_an_empty_database_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = thidua(dir.path());
    command.env("THIDUA_NO_DEMO", "true");
    let (child, address) = start(command);
    assert!(province_codes(&address).await.is_empty());
    stop(child);
}

#[test]
fn migrate_and_seed_demo_twice_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["migrate"][..], &["seed", "--demo"], &["seed", "--demo"]] {
        let status = thidua(dir.path()).args(args).status().unwrap();
        assert!(status.success(), "thidua {args:?}");
    }
    let status = thidua(dir.path())
        .arg("seed")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(
        !status.success(),
        "`seed` without `--demo` says there is nothing to seed"
    );
}

#[test]
fn help_documents_the_configuration() {
    let output = thidua(Path::new("."))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for needle in [
        "DATABASE_URL",
        "THIDUA_BIND",
        "127.0.0.1:8080",
        "THIDUA_NO_DEMO",
    ] {
        assert!(
            help.contains(needle),
            "`thidua serve --help` mentions {needle}:\n{help}"
        );
    }
}

fn run_with_stdin(mut command: Command, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

async fn viewer_name(address: &str, token: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("http://{address}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": "{ viewer { name role province { code } } }" }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn user_add_list_disable_and_token_work_against_a_running_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut add = thidua(dir.path());
    add.args([
        "user",
        "add",
        "board.dongthap",
        "--role",
        "BOARD",
        "--province",
        "DONG_THAP",
    ]);
    // The database is migrated but empty: the province does not exist yet.
    let output = run_with_stdin(add, "a long enough password\n");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("DONG_THAP"));

    let (child, address) = start(thidua(dir.path()));
    let mut add = thidua(dir.path());
    add.args([
        "user",
        "add",
        "board.dongthap",
        "--role",
        "BOARD",
        "--province",
        "DONG_THAP",
    ]);
    let output = run_with_stdin(add, "a long enough password\n");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let list = thidua(dir.path()).args(["user", "list"]).output().unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.lines()
            .any(|l| l == "board.dongthap\tBoard\t-\tDONG_THAP\tactive"),
        "{list}"
    );
    assert!(
        list.lines().any(|l| l == "admin\tAdmin\t-\t-\tactive demo"),
        "{list}"
    );

    let token = thidua(dir.path())
        .args(["token", "--user", "board.dongthap", "--ttl", "30m"])
        .output()
        .unwrap();
    assert!(token.status.success());
    let token = String::from_utf8(token.stdout).unwrap().trim().to_owned();
    let (status, body) = viewer_name(&address, &token).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["data"]["viewer"],
        json!({ "name": "board.dongthap", "role": "BOARD", "province": { "code": "DONG_THAP" } })
    );

    let disable = thidua(dir.path())
        .args(["user", "disable", "board.dongthap"])
        .status()
        .unwrap();
    assert!(disable.success());
    let (status, _) = viewer_name(&address, &token).await;
    assert_eq!(status, 401, "a disabled user's token stops working");
    stop(child);
}

#[test]
fn passwords_are_never_flags() {
    let output = thidua(Path::new("."))
        .args(["user", "add", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(!help.contains("--password"), "{help}");
    let output = thidua(Path::new("."))
        .args([
            "user",
            "add",
            "x.y",
            "--role",
            "ADMIN",
            "--password",
            "secret",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
}

#[test]
fn production_refuses_to_start_without_a_signing_secret_and_refuses_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let output = thidua(dir.path())
        .env("THIDUA_ENV", "production")
        .env_remove("THIDUA_JWT_SECRET")
        .args(["serve"])
        .env("THIDUA_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("THIDUA_JWT_SECRET"));
    assert!(
        !dir.path().join("thidua-dev.key").exists(),
        "no key is made outside development"
    );

    let output = thidua(dir.path())
        .env("THIDUA_ENV", "production")
        .args(["seed", "--demo"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("development only"));
}
