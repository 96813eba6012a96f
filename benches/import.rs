//! Benchmark of `thidua import` on a SQLite file, with fixed data sizes: 1,000 units, 20,000
//! persons, 100,000 performance ratings (five years of each person) and 20,000 past awards,
//! each imported as a CSV file and then again (every row known already). Prints rows per
//! second; asserts nothing. Run with `cargo bench --bench import`.

use std::time::Instant;

use thidua::{
    access::Viewer,
    imports::{self, Kind, Request},
    organisation::provinces,
    work::Work,
};

const UNITS: usize = 1_000;
const PERSONS: usize = 20_000;
const YEARS: usize = 5;
const AWARDS: usize = 20_000;

fn console() -> Viewer {
    Viewer {
        user_id: None,
        name: "bench".to_owned(),
        role: Some(entity::enums::Role::Admin),
        unit_id: None,
        province_id: None,
    }
}

fn units_csv() -> String {
    let mut csv = String::from(
        "Mã đơn vị,Tên đơn vị,Loại đơn vị\nBQT-UBND,Ủy ban nhân dân tỉnh,Ủy ban nhân dân\n",
    );
    for i in 1..UNITS {
        csv.push_str(&format!("BQT-{i},Sở số {i},Sở\n"));
    }
    csv
}

fn person(i: usize) -> (String, String, String) {
    (
        format!("Người Thứ {i}"),
        format!("BQT-{}", 1 + i % (UNITS - 1)),
        format!("{:012}", 45_000_000_000u64 + i as u64),
    )
}

fn persons_csv() -> String {
    let mut csv = String::from("Họ và tên,Mã đơn vị,Số định danh,Ngày sinh,Chức vụ\n");
    for i in 0..PERSONS {
        let (name, unit, id) = person(i);
        csv.push_str(&format!("{name},{unit},{id},01/01/1980,Chuyên viên\n"));
    }
    csv
}

fn ratings_csv() -> String {
    let mut csv = String::from("Năm,Xếp loại,Họ và tên,Mã đơn vị,Số định danh\n");
    for year in 2020..2020 + YEARS {
        for i in 0..PERSONS {
            let (name, unit, id) = person(i);
            csv.push_str(&format!(
                "{year},Hoàn thành xuất sắc nhiệm vụ,{name},{unit},{id}\n"
            ));
        }
    }
    csv
}

fn awards_csv() -> String {
    let mut csv = String::from(
        "Mã hình thức khen thưởng,Năm,Họ và tên,Mã đơn vị,Số định danh,Số quyết định,Ngày ký,Mã cơ quan ban hành\n",
    );
    for i in 0..AWARDS {
        let (name, unit, id) = person(i);
        let year = 2015 + i % 10;
        // One decision per unit and year.
        csv.push_str(&format!(
            "CHIEN_SI_THI_DUA_CO_SO,{year},{name},{unit},{id},{}/QĐ-SO,15/01/{},{unit}\n",
            1 + i % (UNITS - 1),
            year + 1
        ));
    }
    csv
}

async fn import(db: &sea_orm::DatabaseConnection, kind: Kind, csv: &str) -> (usize, usize, f64) {
    let started = Instant::now();
    let work = Work::begin(db).await.unwrap();
    let request = Request {
        kind,
        province_code: "BENCH_QT",
        bytes: csv.as_bytes(),
        mapping: &Default::default(),
        dry_run: false,
    };
    let report = imports::run(&work, &console(), request, &|_, _| {})
        .await
        .unwrap()
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", &report.problems[..1]);
    work.commit(&Default::default()).await.unwrap();
    (
        report.rows_read,
        report.rows_written,
        started.elapsed().as_secs_f64(),
    )
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = thidua::db::Db::connect(&url).await.unwrap();
    let db = db.writer().clone();
    thidua::app::prepare(&db).await.unwrap();
    let work = Work::begin(&db).await.unwrap();
    let new = provinces::NewProvince {
        code: "BENCH_QT".to_owned(),
        name: "Tỉnh thử".to_owned(),
        valid_from: None,
    };
    provinces::create(&work, &console(), new)
        .await
        .unwrap()
        .unwrap();
    work.commit(&Default::default()).await.unwrap();

    println!("import on SQLite (a file, WAL), one transaction per file");
    println!(
        "{:<10} {:>8} {:>8} {:>9} {:>10} {:>16}",
        "kind", "rows", "written", "seconds", "rows/s", "again (seconds)"
    );
    for (kind, csv) in [
        (Kind::Units, units_csv()),
        (Kind::Persons, persons_csv()),
        (Kind::Ratings, ratings_csv()),
        (Kind::Awards, awards_csv()),
    ] {
        let (read, written, seconds) = import(&db, kind, &csv).await;
        let (_, again_written, again) = import(&db, kind, &csv).await;
        assert_eq!(again_written, 0);
        println!(
            "{:<10} {:>8} {:>8} {:>9.2} {:>10.0} {:>16.2}",
            kind.name(),
            read,
            written,
            seconds,
            read as f64 / seconds,
            again
        );
    }
}
