//! The `thidua` binary: `serve` with no configuration at all, `serve` on `DATABASE_URL`,
//! graceful shutdown, `migrate`, `seed --demo`.

mod common;

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde_json::{json, Value};

fn thidua(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
    command
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("THIDUA_BIND")
        .env_remove("THIDUA_NO_DEMO")
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
    let database = common::fresh_database().await;
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
