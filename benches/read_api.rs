//! Benchmark of the public read API over real HTTP on a SQLite file, with fixed data sizes.
//! Prints its figures; asserts nothing. Run with `cargo bench --bench read_api`.

use std::time::{Duration, Instant};

use chrono::Utc;
use entity::{enums::LineageKind, enums::UnitKind, unit, unit_lineage};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{json, Value};

/// Departments created (each with one sub-unit); every fourth succeeds the one before it.
const DEPARTMENTS: usize = 1_000;
/// Requests per scenario.
const REQUESTS: usize = 200;

const NESTED_PAGE: &str = "{ units(first: 100) { totalCount edges { node {
    code name province { code } parent { code } children { code }
    predecessors { kind unit { code } } successors { kind unit { code } } } } } }";
const SEARCH: &str = "{ units(filter: { search: \"so khoa hoc\" }, first: 20) { totalCount edges { node { code name } } } }";
const ONE_UNIT: &str =
    "{ unit(code: \"BENCH-500\") { code name children { code } predecessors { unit { code } } } }";

async fn load(db: &sea_orm::DatabaseConnection) {
    let now = Utc::now();
    let row = |code: String, name: String, parent: Option<i32>| unit::ActiveModel {
        code: Set(code.clone()),
        kind: Set(if parent.is_some() {
            UnitKind::Subdivision
        } else {
            UnitKind::Department
        }),
        search_key: Set(thidua::organisation::unit_search_key(&name, None, &code)),
        name: Set(name),
        parent_id: Set(parent),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let mut previous = None;
    for i in 0..DEPARTMENTS {
        let id = unit::Entity::insert(row(
            format!("BENCH-{i}"),
            format!("Sở Khoa học và Công nghệ số {i}"),
            None,
        ))
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        unit::Entity::insert(row(
            format!("BENCH-{i}-VP"),
            format!("Văn phòng Sở số {i}"),
            Some(id),
        ))
        .exec(db)
        .await
        .unwrap();
        if let (Some(before), true) = (previous, i % 4 == 0) {
            unit_lineage::Entity::insert(unit_lineage::ActiveModel {
                kind: Set(LineageKind::Merge),
                predecessor_id: Set(before),
                successor_id: Set(id),
                effective_on: Set(now.date_naive()),
                legal_basis: Set("Quyết định thử".into()),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(db)
            .await
            .unwrap();
        }
        previous = Some(id);
    }
}

async fn scenario(client: &reqwest::Client, url: &str, name: &str, query: &str) {
    let mut times = Vec::with_capacity(REQUESTS);
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let t = Instant::now();
        let body: Value = client
            .post(url)
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(body.get("errors").is_none(), "{body}");
        times.push(t.elapsed());
    }
    let total = started.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} {REQUESTS} requests  {:>8.1} req/s  p50 {:>6.2} ms  p95 {:>6.2} ms  max {:>6.2} ms",
        REQUESTS as f64 / total.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = thidua::db::Db::connect(&url).await.unwrap();
    thidua::app::prepare(db.writer()).await.unwrap();
    thidua::demo::seed(db.writer()).await.unwrap();
    let started = Instant::now();
    load(db.writer()).await;
    println!(
        "data: demo province + {DEPARTMENTS} departments, {DEPARTMENTS} sub-units, {} lineage links (loaded in {:.1} s)",
        DEPARTMENTS / 4 - 1,
        started.elapsed().as_secs_f64()
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}/graphql", listener.local_addr().unwrap());
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).unwrap();
    let identity = thidua::identity::Identity::new(thidua::identity::IdentityConfig {
        environment: thidua::identity::Environment::Development,
        secret: secret.to_vec(),
        issuer: "thidua".into(),
        audience: "thidua-api".into(),
        token_ttl: Duration::from_secs(3600),
        partners: Vec::new(),
    });
    let router = thidua::app::router(db.clone(), identity);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = reqwest::Client::new();

    scenario(&client, &endpoint, "page of 100, nested", NESTED_PAGE).await;
    scenario(&client, &endpoint, "search, page of 20", SEARCH).await;
    scenario(&client, &endpoint, "one unit by code, nested", ONE_UNIT).await;
}
