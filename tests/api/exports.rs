//! `GET /exports/…` and `thidua export` (issue 13): spreadsheets with Vietnamese headers that
//! show what the matching query shows the viewer.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::json;

use crate::common::TestApp;

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        content_type,
        response.bytes().await.unwrap().to_vec(),
    )
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn awards_export_as_the_awards_query_shows_them() {
    // Quảng Trị's imported history has awards to persons and to units.
    let app = crate::imports::imported_province().await;
    let board = app.token("board.qt").await;
    let count = |body: serde_json::Value| body["awards"]["totalCount"].as_i64().unwrap() as usize;
    let query =
        "{ awards(filter: { provinceCode: \"QUANG_TRI\", includeRevoked: true }) { totalCount } }";
    let public = count(app.data(query, json!({})).await);
    let of_board = count(app.data_as("board.qt", query, json!({})).await);
    assert!(
        of_board > public,
        "persons' awards only for the board: {public} {of_board}"
    );

    let (status, content_type, bytes) =
        get(&app, "/exports/awards.csv?province=QUANG_TRI", None).await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0][..4],
        ["STT", "Hình thức khen thưởng", "Năm", "Đối tượng"]
    );
    assert_eq!(rows.len() - 1, public);
    assert!(rows[1..].iter().all(|r| r[3] == "Tập thể"));
    let (_, _, bytes) = get(&app, "/exports/awards.csv?province=QUANG_TRI", Some(&board)).await;
    let rows = csv_rows(&bytes);
    assert_eq!(rows.len() - 1, of_board);
    assert!(rows[1..].iter().any(|r| r[3] == "Cá nhân"));

    // The same as XLSX: a title, the headers, the rows.
    let (status, content_type, bytes) = get(
        &app,
        "/exports/awards.xlsx?province=QUANG_TRI",
        Some(&board),
    )
    .await;
    assert_eq!(status, 200);
    assert!(content_type.contains("spreadsheetml"));
    let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(
        sheet.get((0, 0)),
        Some(&Data::String("Danh sách khen thưởng".into()))
    );
    assert_eq!(
        sheet.get((2, 1)),
        Some(&Data::String("Hình thức khen thưởng".into()))
    );
    assert_eq!(sheet.height(), 3 + of_board);
}

#[tokio::test]
async fn nominations_rankings_decisions_and_statistics_export() {
    let app = TestApp::with_demo().await;
    let board = app.token("board.hanam").await;
    // Nominations are not public: the public's export is empty, the board's is its own.
    let (_, _, bytes) = get(&app, "/exports/nominations.csv", None).await;
    assert_eq!(csv_rows(&bytes).len(), 1);
    let total = app
        .data_as("board.hanam", "{ nominations { totalCount } }", json!({}))
        .await["nominations"]["totalCount"]
        .as_i64()
        .unwrap() as usize;
    let (_, _, bytes) = get(&app, "/exports/nominations.csv", Some(&board)).await;
    assert_eq!(csv_rows(&bytes).len() - 1, total);

    let (_, _, bytes) = get(
        &app,
        "/exports/rankings.csv?year=2020&province=HA_NAM",
        None,
    )
    .await;
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0],
        [
            "Cụm, khối thi đua",
            "Năm",
            "Hạng",
            "Đơn vị",
            "Tổng điểm",
            "Đề nghị khen thưởng"
        ]
    );
    assert!(rows.len() > 1, "Cụm II's 2020 ranking: {rows:?}");
    assert_eq!(rows[1][2], "1");

    let (status, _, bytes) = get(&app, "/exports/rankings.csv", None).await;
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&bytes).contains("BAD_USER_INPUT"));

    let (status, _, bytes) = get(
        &app,
        "/exports/decisions.xlsx?province=HA_NAM&year=2021",
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(!bytes.is_empty());
    let (_, _, bytes) = get(&app, "/exports/statistics.csv?province=HA_NAM", None).await;
    assert_eq!(
        csv_rows(&bytes)[0],
        ["Hình thức khen thưởng", "Số lượng", "Tiền thưởng (đồng)"]
    );

    for path in [
        "/exports/persons.csv",
        "/exports/awards.pdf",
        "/exports/awards",
    ] {
        assert_eq!(get(&app, path, None).await.0, 404, "{path}");
    }
    assert_eq!(get(&app, "/exports/awards.csv?year=abc", None).await.0, 400);
    assert_eq!(
        get(&app, "/exports/awards.csv", Some("not a token"))
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn the_command_line_exports() {
    let dir = tempfile::tempdir().unwrap();
    let thidua = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .current_dir(dir.path())
            .env_remove("DATABASE_URL")
            .env_remove("THIDUA_ENV")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(thidua(&["seed", "--demo"]).status.success());
    let out = thidua(&[
        "export",
        "awards",
        "--province",
        "HA_NAM",
        "--output",
        "awards.xlsx",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut workbook = Xlsx::new(Cursor::new(
        std::fs::read(dir.path().join("awards.xlsx")).unwrap(),
    ))
    .unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.height() > 3);
    let out = thidua(&["export", "awards", "--output", "awards.txt"]);
    assert!(!out.status.success());
}
