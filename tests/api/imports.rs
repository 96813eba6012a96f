//! Import of a province's history (issue 13): the sample files of `examples/import/`, each
//! once and then again changing nothing; the bad ones reported row by row, writing nothing;
//! who may import; the command line.

use std::path::{Path, PathBuf};

use crate::common::{codes, TestApp};
use entity::{award, decision, performance_rating, person, person_position, unit};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

const IMPORT: &str = "mutation($i: ImportFileInput!) { importFile(input: $i) { dryRun rowsRead rowsWritten problems { row column message } } }";

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/import")
        .join(name)
}

async fn import_as(
    app: &TestApp,
    username: &str,
    kind: &str,
    file: &str,
    extra: Value,
) -> (u16, Value) {
    let token = app.token(username).await;
    let mut input = json!({ "kind": kind, "provinceCode": "QUANG_TRI", "file": null });
    input
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let bytes = std::fs::read(sample(file)).unwrap();
    let name = Path::new(file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    app.upload_as(
        &token,
        IMPORT,
        json!({ "i": input }),
        "variables.i.file",
        &name,
        bytes,
    )
    .await
}

/// The report of a successful request.
async fn import(app: &TestApp, kind: &str, file: &str) -> Value {
    let (status, body) = import_as(app, "board.qt", kind, file, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["importFile"].clone()
}

async fn counts(app: &TestApp) -> [u64; 6] {
    let db = &app.db;
    [
        unit::Entity::find().count(db).await.unwrap(),
        person::Entity::find().count(db).await.unwrap(),
        person_position::Entity::find().count(db).await.unwrap(),
        performance_rating::Entity::find().count(db).await.unwrap(),
        decision::Entity::find().count(db).await.unwrap(),
        award::Entity::find().count(db).await.unwrap(),
    ]
}

pub async fn imported_province() -> TestApp {
    let app = TestApp::migrated().await;
    app.real_province().await;
    for (kind, file, rows) in [
        ("UNITS", "units.csv", 4),
        ("PERSONS", "persons.csv", 3),
        ("RATINGS", "ratings.csv", 5),
        ("AWARDS", "awards.xlsx", 5),
    ] {
        let report = import(&app, kind, file).await;
        assert_eq!(
            report,
            json!({ "dryRun": false, "rowsRead": rows, "rowsWritten": rows, "problems": [] }),
            "{file}"
        );
    }
    app
}

#[tokio::test]
async fn the_sample_files_import_once_and_again_change_nothing() {
    let app = imported_province().await;
    let before = counts(&app).await;
    assert_eq!(before, [4, 3, 2, 5, 4, 5]);
    // The same files again, and the awards as CSV: every row is known already.
    for (kind, file, rows) in [
        ("UNITS", "units.csv", 4),
        ("PERSONS", "persons.csv", 3),
        ("RATINGS", "ratings.csv", 5),
        ("AWARDS", "awards.xlsx", 5),
        ("AWARDS", "awards.csv", 5),
    ] {
        let report = import(&app, kind, file).await;
        assert_eq!(
            report,
            json!({ "dryRun": false, "rowsRead": rows, "rowsWritten": 0, "problems": [] }),
            "{file}"
        );
    }
    assert_eq!(counts(&app).await, before);

    // What was written: the sub-unit under its parent (given on a later row), the person
    // with the national ID, the dates of the XLSX cells, the reward money.
    let vp = unit::Entity::find()
        .filter(unit::Column::Code.eq("QT-SKHCN-VP"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let parent = unit::Entity::find_by_id(vp.parent_id.unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(parent.code, "QT-SKHCN");
    assert_eq!(vp.kind, entity::enums::UnitKind::Subdivision);
    let body = app
        .data_as(
            "board.qt",
            "{ decisions(filter: { issuerCode: \"QT-SKHCN\" }) { nodes { number signedOn signerName awards { awardType { code } year amount recipient { ... on Person { fullName } } } } } }",
            json!({}),
        )
        .await;
    let decisions = body["decisions"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let of_2024 = decisions
        .iter()
        .find(|d| d["number"] == "12/QĐ-SKHCN")
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(of_2024["signedOn"], "2024-01-08");
    assert_eq!(of_2024["signerName"], "Lê Văn C");
    assert_eq!(of_2024["awards"].as_array().unwrap().len(), 2);
    assert!(
        of_2024["awards"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["amount"].as_i64().unwrap_or(0) > 0),
        "reward money as on the decision's date: {of_2024}"
    );
}

#[tokio::test]
async fn a_dry_run_reports_and_writes_nothing() {
    let app = TestApp::migrated().await;
    app.real_province().await;
    let before = counts(&app).await;
    let (_, body) = import_as(
        &app,
        "board.qt",
        "UNITS",
        "units.csv",
        json!({ "dryRun": true }),
    )
    .await;
    assert_eq!(
        body["data"]["importFile"],
        json!({ "dryRun": true, "rowsRead": 4, "rowsWritten": 4, "problems": [] })
    );
    assert_eq!(counts(&app).await, before);
}

#[tokio::test]
async fn the_bad_sample_files_are_reported_row_by_row_and_write_nothing() {
    let app = imported_province().await;
    let before = counts(&app).await;
    let cases = [
        (
            "PERSONS",
            "bad/wrong_date.csv",
            vec![
                (2, Some("Ngày sinh"), "31/02/1980"),
                (3, Some("Ngày sinh"), "1981-13-01"),
            ],
        ),
        (
            "PERSONS",
            "bad/unknown_unit.csv",
            vec![(3, Some("Mã đơn vị"), "QT-KHONG-CO")],
        ),
        (
            "AWARDS",
            "bad/duplicate_decision.csv",
            vec![(3, Some("Số quyết định"), "7/QĐ-SKHCN")],
        ),
        ("AWARDS", "bad/truncated.xlsx", vec![(0, None, "XLSX")]),
    ];
    for (kind, file, expected) in cases {
        let (_, body) = import_as(&app, "board.qt", kind, file, json!({})).await;
        let report = &body["data"]["importFile"];
        assert_eq!(report["rowsWritten"], 0, "{file}: {body}");
        let problems = report["problems"].as_array().unwrap();
        assert_eq!(problems.len(), expected.len(), "{file}: {body}");
        for (problem, (row, column, says)) in problems.iter().zip(expected) {
            assert_eq!(problem["row"], row, "{file}: {problem}");
            assert_eq!(problem["column"].as_str(), column, "{file}: {problem}");
            assert!(
                problem["message"].as_str().unwrap().contains(says),
                "{file}: {problem}"
            );
        }
        assert_eq!(counts(&app).await, before, "{file} wrote nothing");
    }
    // The good rows of a file with a bad one are not written either.
    let units = unit::Entity::find().count(&app.db).await.unwrap();
    let persons = person::Entity::find()
        .filter(person::Column::FullName.eq("Hoàng Văn E"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!((units, persons), (4, 0));
}

#[tokio::test]
async fn columns_are_found_by_header_or_by_mapping() {
    let app = TestApp::migrated().await;
    app.real_province().await;
    // ratings.csv has English headers; the units file's headers are renamed and mapped.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("units.csv"))
        .unwrap()
        .replacen("Mã đơn vị,Tên đơn vị", "Ký hiệu,Tên gọi", 1);
    std::fs::write(dir.path().join("renamed.csv"), &text).unwrap();
    let token = app.token("board.qt").await;
    let upload = |mapping: Value| {
        let mut input = json!({ "kind": "UNITS", "provinceCode": "QUANG_TRI", "file": null });
        input["mapping"] = mapping;
        (json!({ "i": input }), text.clone().into_bytes())
    };
    let (variables, bytes) = upload(json!([]));
    let (_, body) = app
        .upload_as(
            &token,
            IMPORT,
            variables,
            "variables.i.file",
            "renamed.csv",
            bytes,
        )
        .await;
    let problems = &body["data"]["importFile"]["problems"];
    assert_eq!(problems.as_array().unwrap().len(), 2, "{body}");
    assert!(problems.as_array().unwrap().iter().all(|p| p["row"] == 1));
    let (variables, bytes) = upload(json!([
        { "header": "Ký hiệu", "field": "code" },
        { "header": "Tên gọi", "field": "name" }
    ]));
    let (_, body) = app
        .upload_as(
            &token,
            IMPORT,
            variables,
            "variables.i.file",
            "renamed.csv",
            bytes,
        )
        .await;
    assert_eq!(body["data"]["importFile"]["rowsWritten"], 4, "{body}");
    let (variables, bytes) = upload(json!([{ "header": "Ký hiệu", "field": "nonsense" }]));
    let (_, body) = app
        .upload_as(
            &token,
            IMPORT,
            variables,
            "variables.i.file",
            "renamed.csv",
            bytes,
        )
        .await;
    assert!(body["data"]["importFile"]["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nonsense"));
}

#[tokio::test]
async fn only_the_board_of_the_province_imports() {
    let app = TestApp::with_demo().await;
    let token = app.token("board.camau").await;
    let bytes = std::fs::read(sample("units.csv")).unwrap();
    for (username, province) in [
        ("board.camau", "HA_NAM"),
        ("officer.cm-skhcn", "CA_MAU"),
        ("partner.demo", "CA_MAU"),
    ] {
        let token = app.token(username).await;
        let (_, body) = app
            .upload_as(
                &token,
                IMPORT,
                json!({ "i": { "kind": "UNITS", "provinceCode": province, "file": null } }),
                "variables.i.file",
                "units.csv",
                bytes.clone(),
            )
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}: {body}");
    }
    // The board of Cà Mau imports into Cà Mau.
    let (_, body) = app
        .upload_as(
            &token,
            IMPORT,
            json!({ "i": { "kind": "UNITS", "provinceCode": "CA_MAU", "file": null, "dryRun": true } }),
            "variables.i.file",
            "units.csv",
            bytes,
        )
        .await;
    assert_eq!(body["data"]["importFile"]["rowsWritten"], 4, "{body}");
}

#[tokio::test]
async fn the_command_line_imports_with_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let thidua = |args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
        command
            .current_dir(dir.path())
            .env_remove("DATABASE_URL")
            .env_remove("THIDUA_ENV")
            .env_remove("THIDUA_JWT_SECRET")
            .args(args)
            .stdin(std::process::Stdio::null());
        command.output().unwrap()
    };
    let out = thidua(&["province", "add", "QUANG_TRI", "--name", "Quảng Trị"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let units = sample("units.csv");
    let units = units.to_str().unwrap();
    let dry = thidua(&[
        "import",
        "units",
        units,
        "--province",
        "QUANG_TRI",
        "--dry-run",
    ]);
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("4 rows read, 4 would be written"));
    let first = thidua(&["import", "units", units, "--province", "QUANG_TRI"]);
    assert!(String::from_utf8_lossy(&first.stdout).contains("4 rows read, 4 written"));
    let again = thidua(&["import", "units", units, "--province", "QUANG_TRI"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("4 rows read, 0 written"));
    let bad = sample("bad/unknown_unit.csv");
    let bad = thidua(&[
        "import",
        "persons",
        bad.to_str().unwrap(),
        "--province",
        "QUANG_TRI",
    ]);
    assert!(!bad.status.success());
    let report = String::from_utf8_lossy(&bad.stdout);
    assert!(report.starts_with("row 3\tMã đơn vị\t"), "{report}");
}

#[tokio::test]
async fn eligibility_reads_the_imported_history() {
    let app = imported_province().await;
    let body = app
        .data_as(
            "board.qt",
            "{ persons(filter: { unitCode: \"QT-SKHCN\" }) { nodes { id fullName } } }",
            json!({}),
        )
        .await;
    let id = body["persons"]["nodes"][0]["id"].clone();
    assert_eq!(body["persons"]["nodes"][0]["fullName"], "Nguyễn Văn A");
    // Chiến sĩ thi đua cơ sở of 2024: the imported Lao động tiên tiến of 2024 and the
    // imported rating "completed with excellence" of 2024.
    let query = "query($id: ID!, $year: Int!) { eligibility(awardTypeCode: \"CHIEN_SI_THI_DUA_CO_SO\", recipientId: $id, year: $year) { eligible checks { rule passed } } }";
    let report = app
        .data_as("board.qt", query, json!({ "id": id, "year": 2024 }))
        .await;
    assert_eq!(report["eligibility"]["eligible"], true, "{report}");
    // 2021 has neither.
    let report = app
        .data_as("board.qt", query, json!({ "id": id, "year": 2021 }))
        .await;
    assert_eq!(report["eligibility"]["eligible"], false, "{report}");
}

#[tokio::test]
async fn initiatives_import_once_with_their_scope_and_kind() {
    let app = imported_province().await;
    for written in [3, 0] {
        let report = import(&app, "INITIATIVES", "initiatives.csv").await;
        assert_eq!(
            report,
            json!({ "dryRun": false, "rowsRead": 3, "rowsWritten": written, "problems": [] })
        );
    }
    let rows = entity::initiative::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    let research = rows
        .iter()
        .find(|i| i.kind == entity::enums::InitiativeKind::ResearchProject)
        .unwrap();
    assert_eq!(research.scope, entity::enums::InitiativeScope::National);
    assert_eq!(research.title, "Ứng dụng viễn thám giám sát rừng");
    let provincial = rows
        .iter()
        .find(|i| i.scope == entity::enums::InitiativeScope::Provincial)
        .unwrap();
    assert_eq!(provincial.recognised_by.as_deref(), Some("45/QĐ-HĐSK"));
    assert_eq!(
        provincial.recognised_on,
        chrono::NaiveDate::from_ymd_opt(2024, 11, 15)
    );
    // A scope the law does not know is reported on its row, and nothing is written.
    let token = app.token("board.qt").await;
    let (_, body) = app
        .upload_as(
            &token,
            IMPORT,
            json!({ "i": { "kind": "INITIATIVES", "provinceCode": "QUANG_TRI", "file": null } }),
            "variables.i.file",
            "bad.csv",
            "Tên sáng kiến,Năm,Phạm vi,Họ và tên,Mã đơn vị,Số định danh\nMới,2025,Cấp huyện,Nguyễn Văn A,QT-SKHCN,045075000001\n"
                .as_bytes()
                .to_vec(),
        )
        .await;
    let problems = &body["data"]["importFile"]["problems"];
    assert_eq!(problems[0]["row"], 2, "{body}");
    assert_eq!(problems[0]["column"], "Phạm vi", "{body}");
    assert_eq!(
        entity::initiative::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        3
    );
}
