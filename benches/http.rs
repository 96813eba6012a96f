//! The benchmark of BENCHMARKS.md: the server over real HTTP under a real load generator
//! (wrk, Debian's package `wrk`), the server and its database pinned to core 0 and the load to
//! core 1, on synthetic data (`thidua seed --synthetic`), fixed scenarios at 4 and 16
//! connections, on SQLite and on PostgreSQL. For each scenario it prints requests per second,
//! p50 and p99 latency, the server's CPU time per request, SQL statements per request and the
//! server's resident memory after the run. It asserts nothing.
//!
//! `cargo bench --bench http` runs it on nation data (34 provinces, 200,000 persons,
//! 1,000,000 awards; the seed takes a few minutes a database), 10 s a run.
//! `cargo bench --bench http -- --short` (what CI runs, as `cargo test --bench http -- --short`)
//! takes province data and 1 s a run, to keep the benchmark working, not to measure.
//! `BENCH_ONLY=rankings` runs the scenarios whose names contain that.
//! `BENCH_DATABASES=sqlite` (or `postgres`) runs one database; PostgreSQL is the machine's
//! (`BENCH_POSTGRES`, default `postgres://postgres@127.0.0.1:5432`), in a database of its own
//! (`BENCH_DATABASE_NAME`) made and dropped here.
//! `BENCH_BASELINE=path/to/an/earlier/thidua` runs that build first on the same data, so that
//! a change is measured before and after in one run.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::{Duration, Instant},
};

use serde_json::{json, Value};
use thidua::api::ids::{global_id, NodeKind};

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

struct Mode {
    scale: &'static str,
    seconds: u32,
    connections: &'static [u32],
}

/// One kind of request the users send.
struct Scenario {
    name: &'static str,
    /// Who sends it: `None` for the public.
    as_user: Option<&'static str>,
    /// The GraphQL documents, sent in turn (more than one for writes that must differ).
    bodies: Vec<String>,
}

fn body(query: &str, variables: Value) -> String {
    json!({ "query": query, "variables": variables }).to_string()
}

fn scenarios(persons: usize) -> Vec<Scenario> {
    const RANKINGS: &str = "query($y: Int!, $p: String) { rankings(year: $y, provinceCode: $p) { cluster { code name kind } year status ranking { rank totalPoints unit { code name shortName } proposedAward { code name } } } }";
    const STATISTICS: &str = "query($p: String!) { statistics(filter: { provinceCode: $p }) { byAwardType { awardType { code name } count } byYear { year count } byLevel { level count } topUnits(limit: 10) { unit { code name } count } nominationsByStatus { status count } } }";
    const AWARDS: &str = "query($p: String!, $t: String!, $y: Int!) { awards(filter: { provinceCode: $p, awardTypeCode: $t, yearFrom: $y }, first: 20) { totalCount nodes { id year kind awardType { code name } recipient { ... on Person { fullName unit { code } } ... on Unit { code name } } decision { number signedOn } } } }";
    const UNITS: &str = "{ units(first: 100) { totalCount nodes { code name shortName kind province { code name } parent { code } children { code } predecessors { kind unit { code } } } } }";
    const ELIGIBILITY: &str = "query($id: ID!) { eligibility(awardTypeCode: \"CHIEN_SI_THI_DUA_CO_SO\", recipientId: $id, year: 2025) { eligible checks { rule passed detail } } }";
    const NOMINATE: &str = "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id status } userErrors { code } } }";
    // The board of province 1 proposes its persons (person i works in unit
    // 1 + (i - 1) % units, of province 1 + (unit - 1) % provinces: see the synthetic data),
    // one request a person, year and award type, never the same twice in a run.
    let (units, provinces) = if persons > 10_000 {
        (10_000, 34)
    } else {
        (300, 1)
    };
    let of_province_1 = (1..=persons).filter(|i| ((i - 1) % units) % provinces == 0);
    let nominations = of_province_1
        .flat_map(|p| [(p, "GIAY_KHEN"), (p, "LAO_DONG_TIEN_TIEN")])
        .flat_map(|(p, t)| (2016..2026).map(move |y| (p, t, y)))
        .take(20_000)
        .map(|(p, award, year)| {
            body(
                NOMINATE,
                json!({ "i": { "awardTypeCode": award, "recipientId": global_id(NodeKind::Person, p as i32).0,
                               "year": year, "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
                               "justification": "Đề nghị của đơn vị." } }),
            )
        })
        .collect();
    vec![
        Scenario {
            name: "province rankings",
            as_user: None,
            bodies: vec![body(RANKINGS, json!({ "y": 2025, "p": "SYN01" }))],
        },
        Scenario {
            name: "nationwide rankings",
            as_user: None,
            bodies: vec![body(RANKINGS, json!({ "y": 2025 }))],
        },
        Scenario {
            name: "statistics of a province",
            as_user: Some("board.syn01"),
            bodies: vec![body(STATISTICS, json!({ "p": "SYN01" }))],
        },
        Scenario {
            name: "awards search, page of 20",
            as_user: Some("board.syn01"),
            bodies: vec![body(
                AWARDS,
                json!({ "p": "SYN01", "t": "CHIEN_SI_THI_DUA_CO_SO", "y": 2020 }),
            )],
        },
        Scenario {
            name: "100 units nested",
            as_user: None,
            bodies: vec![body(UNITS, json!({}))],
        },
        Scenario {
            name: "eligibility of a person",
            as_user: Some("board.syn01"),
            bodies: vec![body(
                ELIGIBILITY,
                json!({ "id": global_id(NodeKind::Person, 1).0 }),
            )],
        },
        Scenario {
            name: "nomination write",
            as_user: Some("board.syn01"),
            bodies: nominations,
        },
    ]
}

/// A server process on `url`, pinned to core 0, keeping `public_cache_mib` of public
/// answers, and its address.
fn serve(dir: &Path, bin: &str, url: &str, public_cache_mib: u32) -> (Child, String) {
    let mut child = Command::new("taskset")
        .args(["-c", "0", bin, "serve"])
        .current_dir(dir)
        .env("DATABASE_URL", url)
        .env("THIDUA_PUBLIC_CACHE_MIB", public_cache_mib.to_string())
        .env("THIDUA_BIND", "127.0.0.1:0")
        .env("RUST_LOG", "warn,thidua=info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("taskset and the thidua binary");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("GraphiQL at http://").nth(1) {
                let _ = tx.send(rest.split('/').next().unwrap_or_default().to_owned());
            }
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the server says where it listens");
    (child, address)
}

/// The server's CPU time so far, in microseconds, and its resident memory in MiB.
fn usage(pid: u32) -> (u64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = fields.get(11).and_then(|f| f.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|f| f.parse().ok()).unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    // Linux counts CPU time in ticks of 1/100 s.
    (ticks * 10_000, rss_kib / 1024.0)
}

fn statements(address: &str) -> u64 {
    let text = reqwest::blocking::get(format!("http://{address}/metrics"))
        .and_then(|r| r.text())
        .unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with("thidua_db_statements_total "))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn login(address: &str, username: &str) -> String {
    let response: Value = reqwest::blocking::Client::new()
        .post(format!("http://{address}/graphql"))
        .json(&json!({ "query": "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }",
                       "variables": { "u": username, "p": thidua::demo::synthetic::PASSWORD } }))
        .send()
        .and_then(|r| r.json())
        .expect("login");
    response["data"]["login"]["token"]
        .as_str()
        .expect("a token")
        .to_owned()
}

/// A wrk script sending `bodies` in turn with `token`.
fn script(dir: &Path, name: &str, bodies: &[String], token: Option<&str>) -> std::path::PathBuf {
    let quoted: Vec<String> = bodies.iter().map(|b| format!("[==[{b}]==]")).collect();
    let auth = token
        .map(|t| format!("wrk.headers[\"Authorization\"] = \"Bearer {t}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n{auth}\
         local bodies = {{ {} }}\nlocal i = 0\n\
         init = function(args)\n  i = tonumber(args[1]) or 0\nend\n\
         request = function()\n  i = i + 1\n  return wrk.format(nil, \"/graphql\", nil, bodies[(i - 1) % #bodies + 1])\nend\n",
        quoted.join(",\n")
    );
    let path = dir.join(format!("{}.lua", name.replace([' ', ','], "-")));
    std::fs::write(&path, text).unwrap();
    path
}

/// What wrk printed: requests per second, p50 and p99 in ms, requests, non-2xx responses.
fn parse_wrk(out: &str) -> (f64, f64, f64, u64, u64) {
    let ms = |v: &str| -> f64 {
        let (n, unit) = v.split_at(v.find(|c: char| c.is_alphabetic()).unwrap_or(v.len()));
        let n: f64 = n.parse().unwrap_or(f64::NAN);
        match unit {
            "us" => n / 1000.0,
            "s" => n * 1000.0,
            _ => n,
        }
    };
    let mut rps = f64::NAN;
    let (mut p50, mut p99) = (f64::NAN, f64::NAN);
    let (mut requests, mut bad) = (0, 0);
    for line in out.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", v] => rps = v.parse().unwrap_or(f64::NAN),
            ["50%", v] => p50 = ms(v),
            ["99%", v] => p99 = ms(v),
            [n, "requests", "in", ..] => requests = n.parse().unwrap_or(0),
            ["Non-2xx", "or", "3xx", "responses:", n] => bad = n.parse().unwrap_or(0),
            _ => {}
        }
    }
    (rps, p50, p99, requests, bad)
}

fn run_database(label: &str, url: &str, mode: &Mode) {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let seeded = Command::new(BIN)
        .args(["seed", "--synthetic", "--scale", mode.scale])
        .current_dir(dir.path())
        .env("DATABASE_URL", url)
        .stderr(Stdio::null())
        .output()
        .expect("the thidua binary");
    assert!(
        seeded.status.success(),
        "seed: {}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    println!(
        "{label}: {} ({:.0} s)",
        String::from_utf8_lossy(&seeded.stdout).trim(),
        started.elapsed().as_secs_f64()
    );
    let persons = if mode.scale == "nation" {
        200_000
    } else {
        6_000
    };
    // First with no public answer kept: what every query costs. Then the public's scenarios
    // again with the server keeping its answers (the default), as the mobile app meets it.
    if let Ok(baseline) = std::env::var("BENCH_BASELINE") {
        let label = format!("{label}, baseline {baseline}");
        run_server(dir.path(), &label, &baseline, url, mode, persons, 0);
    }
    run_server(dir.path(), label, BIN, url, mode, persons, 0);
    run_server(dir.path(), label, BIN, url, mode, persons, 32);
}

/// Runs the scenarios against one server on `url` keeping `public_cache_mib` of public
/// answers (with some kept, only the public's scenarios: the others never are).
fn run_server(
    dir: &Path,
    label: &str,
    bin: &str,
    url: &str,
    mode: &Mode,
    persons: usize,
    public_cache_mib: u32,
) {
    let (mut server, address) = serve(dir, bin, url, public_cache_mib);
    let pid = server.id();
    let kept = if public_cache_mib > 0 {
        format!("public answers kept ({public_cache_mib} MiB)")
    } else {
        "no public answer kept".to_owned()
    };
    println!("{label}, {kept}:");
    println!(
        "{:<28} {:>5} {:>9} {:>8} {:>8} {:>9} {:>10} {:>8}",
        "scenario", "conns", "req/s", "p50 ms", "p99 ms", "CPU µs/r", "SQL/req", "RSS MiB"
    );
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    for scenario in scenarios(persons)
        .into_iter()
        .filter(|s| s.name.contains(&only))
        .filter(|s| public_cache_mib == 0 || s.as_user.is_none())
    {
        let token = scenario.as_user.map(|u| login(&address, u));
        // Once by hand: the scenario answers without errors.
        let mut check = reqwest::blocking::Client::new()
            .post(format!("http://{address}/graphql"))
            .header("content-type", "application/json")
            .body(scenario.bodies[0].clone());
        if let Some(token) = &token {
            check = check.bearer_auth(token);
        }
        let answer: Value = check.send().and_then(|r| r.json()).unwrap_or(Value::Null);
        let fine = answer.get("errors").is_none() && answer.get("data").is_some();
        let lua = script(dir, scenario.name, &scenario.bodies, token.as_deref());
        // A write is never sent twice: each run starts where the one before stopped.
        let mut sent = 0u64;
        for &connections in mode.connections {
            let (cpu_before, _) = usage(pid);
            let sql_before = statements(&address);
            let out = Command::new("taskset")
                .args(["-c", "1", "wrk", "-t1"])
                .arg(format!("-c{connections}"))
                .arg(format!("-d{}s", mode.seconds))
                .args(["--latency", "--timeout", "30s"])
                .arg("-s")
                .arg(&lua)
                .arg(format!("http://{address}"))
                .args(["--", &sent.to_string()])
                .output()
                .expect("wrk (apt-get install wrk)");
            let out = String::from_utf8_lossy(&out.stdout);
            let (rps, p50, p99, requests, bad) = parse_wrk(&out);
            sent += requests + u64::from(connections);
            let (cpu_after, rss) = usage(pid);
            let sql = statements(&address).saturating_sub(sql_before);
            // The two reads of /metrics count no statement; the requests are all the rest.
            let per = |v: f64| {
                if requests > 0 {
                    v / requests as f64
                } else {
                    f64::NAN
                }
            };
            println!(
                "{:<28} {:>5} {:>9.0} {:>8.2} {:>8.2} {:>9.0} {:>10.1} {:>8.1}{}{}",
                scenario.name,
                connections,
                rps,
                p50,
                p99,
                per(cpu_after.saturating_sub(cpu_before) as f64),
                per(sql as f64),
                rss,
                if bad > 0 {
                    format!("  ({bad} not 2xx)")
                } else {
                    String::new()
                },
                if fine {
                    String::new()
                } else {
                    format!("  (answers with errors: {answer})")
                },
            );
        }
    }
    let (_, rss) = usage(pid);
    println!("{label}, {kept}: RSS after the whole run {rss:.1} MiB\n");
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = server.wait();
}

fn main() {
    let short = std::env::args().any(|a| a == "--short");
    let mode = if short {
        Mode {
            scale: "province",
            seconds: 1,
            connections: &[4],
        }
    } else {
        Mode {
            scale: "nation",
            seconds: 10,
            connections: &[4, 16],
        }
    };
    let databases = std::env::var("BENCH_DATABASES").unwrap_or_else(|_| "sqlite,postgres".into());
    if databases.contains("sqlite") {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        );
        run_database("SQLite", &url, &mode);
    }
    if databases.contains("postgres") {
        let server = std::env::var("BENCH_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = std::env::var("BENCH_DATABASE_NAME")
            .unwrap_or_else(|_| format!("thidua_bench_{}", std::process::id()));
        let psql = |sql: &str| {
            Command::new("psql")
                .args([&format!("{server}/postgres"), "-qc", sql])
                .status()
                .map(|s| s.success())
                .unwrap_or(false)
        };
        if psql(&format!("CREATE DATABASE {name}")) {
            run_database("PostgreSQL", &format!("{server}/{name}"), &mode);
            psql(&format!("DROP DATABASE {name} WITH (FORCE)"));
        } else {
            println!("PostgreSQL: no server at {server}, skipped");
        }
    }
}
