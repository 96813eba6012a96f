//! The statutory forms (issue 13): biểu 0601.N, 0602.N and 0603.N/BNV-TĐKT of a province for
//! a year, counted from its imported history and its movements, over `GET /reports/…` as
//! XLSX laid out as the form and as CSV, for the board of the province only.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};

use crate::common::{codes, TestApp};

const IMPORT: &str = "mutation($i: ImportFileInput!) { importFile(input: $i) { rowsWritten problems { row column message } } }";

const UNITS: &str = "\
Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày thành lập
QT-UBND,Ủy ban nhân dân tỉnh Quảng Trị,Ủy ban nhân dân,,01/07/1989
QT-SNV,Sở Nội vụ tỉnh Quảng Trị,Sở,,01/07/1989
QT-DN1,Công ty cổ phần Cà phê Khe Sanh,Doanh nghiệp,,01/01/2005
QT-HO1,Hộ ông Hồ Văn Lúa,Hộ gia đình,,01/01/2010
";

const PERSONS: &str = "\
Họ và tên,Mã đơn vị,Ngày sinh,Chức vụ
Lê Văn Tỉnh,QT-UBND,01/02/1968,Chủ tịch UBND tỉnh
Nguyễn Văn Sở,QT-SNV,03/04/1972,Giám đốc Sở Nội vụ
Trần Thị Phòng,QT-SNV,05/06/1980,Phó Trưởng phòng Tổ chức
Phạm Văn Làm,QT-SNV,07/08/1990,Chuyên viên
";

/// Awards of the reporting period of 2025 (1/12/2024 to 30/11/2025), and one before it.
const AWARDS: &str = "\
Mã hình thức khen thưởng,Năm,Họ và tên,Mã đơn vị,Số quyết định,Ngày ký,Mã cơ quan ban hành,Hình thức,Đối tượng
BANG_KHEN_CHU_TICH_TINH,2024,Phạm Văn Làm,QT-SNV,10/QĐ-UBND,15/01/2025,QT-UBND,,
BANG_KHEN_CHU_TICH_TINH,2024,Trần Thị Phòng,QT-SNV,10/QĐ-UBND,15/01/2025,QT-UBND,,
BANG_KHEN_CHU_TICH_TINH,2024,,QT-DN1,10/QĐ-UBND,15/01/2025,QT-UBND,,
BANG_KHEN_CHU_TICH_TINH,2025,,QT-HO1,300/QĐ-UBND,10/06/2025,QT-UBND,Đột xuất,
CHIEN_SI_THI_DUA_TINH,2024,Nguyễn Văn Sở,QT-SNV,11/QĐ-UBND,20/01/2025,QT-UBND,,
CO_THI_DUA_TINH,2024,,QT-SNV,1/QĐ-UBND,01/12/2024,QT-UBND,,
BANG_KHEN_CHU_TICH_TINH,2023,Phạm Văn Làm,QT-SNV,5/QĐ-UBND,20/11/2024,QT-UBND,,
HUAN_CHUONG_LAO_DONG_HANG_BA,2024,Lê Văn Tỉnh,QT-UBND,100/QĐ-CTN,01/09/2025,VN-CTN,Cống hiến,Lãnh đạo cấp tỉnh
BANG_KHEN_THU_TUONG,2024,,QT-SNV,200/QĐ-TTg,15/05/2025,VN-TTG,,
";

async fn upload(app: &TestApp, token: &str, kind: &str, csv: &str) {
    let (status, body) = app
        .upload_as(
            token,
            IMPORT,
            json!({ "i": { "kind": kind, "provinceCode": "QUANG_TRI", "file": null } }),
            "variables.i.file",
            "history.csv",
            csv.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["importFile"]["problems"],
        json!([]),
        "{kind}: {body}"
    );
}

/// A real province with its history imported and three movements launched.
pub async fn province_with_history() -> TestApp {
    let app = TestApp::migrated().await;
    app.real_province().await;
    for (code, name) in [
        ("VN-CTN", "Văn phòng Chủ tịch nước"),
        ("VN-TTG", "Văn phòng Chính phủ"),
    ] {
        let body = app
            .data_as(
                "admin",
                "mutation($i: CreateUnitInput!) { createUnit(input: $i) { userErrors { message } } }",
                json!({ "i": { "code": code, "name": name, "kind": "OTHER", "national": true,
                               "validFrom": "1945-09-02" } }),
            )
            .await;
        assert_eq!(body["createUnit"]["userErrors"], json!([]), "{body}");
    }
    let token = app.token("board.qt").await;
    upload(&app, &token, "UNITS", UNITS).await;
    upload(&app, &token, "PERSONS", PERSONS).await;
    upload(&app, &token, "AWARDS", AWARDS).await;
    for (name, kind, unit, start, end) in [
        (
            "Thi đua chuyển đổi số 2025",
            "THEMATIC",
            "QT-UBND",
            "2025-03-01",
            Some("2025-12-31"),
        ),
        (
            "Thi đua thường xuyên của Sở",
            "REGULAR",
            "QT-SNV",
            "2020-01-01",
            None,
        ),
        (
            "Thi đua đã xong",
            "THEMATIC",
            "QT-SNV",
            "2024-01-01",
            Some("2024-06-30"),
        ),
    ] {
        let body = app
            .data_as(
                "board.qt",
                "mutation($i: LaunchMovementInput!) { launchMovement(input: $i) { userErrors { message } } }",
                json!({ "i": { "name": name, "kind": kind, "launchingUnitCode": unit,
                               "startOn": start, "endOn": end } }),
            )
            .await;
        assert_eq!(body["launchMovement"]["userErrors"], json!([]), "{body}");
    }
    app
}

pub async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Vec<u8>) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The figures of the line with code `code` of a form as CSV (after the label, the code and,
/// when `unit_column`, the unit).
fn figures(rows: &[Vec<String>], code: &str, unit_column: bool) -> Vec<i64> {
    let row = rows
        .iter()
        .find(|r| r.get(1).map(String::as_str) == Some(code))
        .unwrap_or_else(|| panic!("no line {code}"));
    row[if unit_column { 3 } else { 2 }..]
        .iter()
        .map(|v| v.parse().unwrap())
        .collect()
}

/// The rows of the first sheet of an XLSX workbook, as text.
pub fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_three_forms_count_the_province_s_year() {
    let app = province_with_history().await;
    let board = app.token("board.qt").await;

    // 0603: the awards the province's bodies conferred, 1/12/2024 to 30/11/2025.
    let (status, bytes) = get(
        &app,
        "/reports/0603.csv?province=QUANG_TRI&year=2025",
        Some(&board),
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    let rows = csv_rows(&bytes);
    assert_eq!(rows[0][0], "Biểu số: 0603.N/BNV-TĐKT");
    assert!(
        rows[2][0].contains("từ ngày 01/12/2024 đến ngày 30/11/2025"),
        "{:?}",
        rows[2]
    );
    // Total, Bằng khen, Chiến sĩ thi đua, Cờ thi đua, Huy hiệu.
    for (code, expected) in [
        ("01", [6, 4, 1, 1, 0]),
        ("02", [2, 1, 0, 1, 0]),
        ("03", [1, 1, 0, 0, 0]),
        ("04", [1, 1, 0, 0, 0]),
        ("05", [3, 2, 1, 0, 0]),
        ("06", [0, 0, 0, 0, 0]),
        ("07", [1, 0, 1, 0, 0]),
        ("09", [1, 1, 0, 0, 0]),
        ("10", [1, 1, 0, 0, 0]),
        ("11", [5, 3, 1, 1, 0]),
        ("13", [1, 1, 0, 0, 0]),
        ("17", [0, 0, 0, 0, 0]),
    ] {
        assert_eq!(figures(&rows, code, true), expected, "0603 line {code}");
    }
    // The year before holds the decision of 20/11/2024 alone.
    let (_, bytes) = get(
        &app,
        "/reports/0603.csv?province=QUANG_TRI&year=2024",
        Some(&board),
    )
    .await;
    assert_eq!(figures(&csv_rows(&bytes), "01", true), [1, 1, 0, 0, 0]);

    // 0602: the State-level awards of the province's recipients.
    let (status, bytes) = get(
        &app,
        "/reports/0602.csv?province=QUANG_TRI&year=2025",
        Some(&board),
    )
    .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&bytes);
    let header = &rows[4];
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.contains(name))
            .unwrap_or_else(|| panic!("no column {name}: {header:?}"))
            - 3
    };
    let order = column("Huân chương Lao động hạng Ba – Cá nhân");
    let merit = column("Bằng khen của Thủ tướng Chính phủ – Tập thể");
    let total = figures(&rows, "01", true);
    assert_eq!(total[0], 2);
    assert_eq!((total[order], total[merit]), (1, 1));
    assert_eq!(
        total.iter().skip(1).sum::<i64>(),
        2,
        "each award in one column"
    );
    for (code, expected) in [
        ("02", 0),
        ("03", 2),
        ("06", 1),
        ("09", 1),
        ("10", 1),
        ("14", 0),
        ("15", 1),
        ("19", 1),
    ] {
        assert_eq!(figures(&rows, code, true)[0], expected, "0602 line {code}");
    }
    assert_eq!(
        figures(&rows, "10", true)[order],
        1,
        "the Chairman, a senior leader"
    );

    // 0601: the movements that ran during the period.
    let (status, bytes) = get(
        &app,
        "/reports/0601.csv?province=QUANG_TRI&year=2025",
        Some(&board),
    )
    .await;
    assert_eq!(status, 200);
    let rows = csv_rows(&bytes);
    // Total, central, provincial, the province's bodies.
    for (code, expected) in [
        ("01", [2, 0, 1, 1]),
        ("03", [1, 0, 1, 0]),
        ("05", [1, 0, 0, 1]),
        ("06", [1, 0, 1, 0]),
        ("10", [1, 0, 0, 1]),
        ("11", [1, 0, 1, 0]),
        ("12", [1, 0, 0, 1]),
    ] {
        assert_eq!(figures(&rows, code, false), expected, "0601 line {code}");
    }
}

#[tokio::test]
async fn the_xlsx_is_laid_out_as_the_printed_form() {
    let app = province_with_history().await;
    let board = app.token("board.qt").await;
    let (status, bytes) = get(
        &app,
        "/reports/0603.xlsx?province=QUANG_TRI&year=2025",
        Some(&board),
    )
    .await;
    assert_eq!(status, 200);
    let rows = xlsx_rows(&bytes);
    assert_eq!(rows[0][0], "Biểu số: 0603.N/BNV-TĐKT");
    assert!(rows[1][0].contains("02/2023/TT-BNV"), "{:?}", rows[1]);
    assert!(rows.iter().any(|r| r
        .iter()
        .any(|c| c.contains("Ủy ban nhân dân tỉnh Quảng Trị"))));
    assert_eq!(
        rows[4][0],
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
    );
    // The headers over two rows (Chia ra over its four columns), the row of column numbers,
    // then the lines.
    assert_eq!(
        rows[7][..5],
        ["", "Mã số", "Đơn vị tính", "Tổng số", "Chia ra"]
    );
    assert_eq!(rows[8][4], "Bằng khen");
    assert_eq!(rows[9][..8], ["A", "B", "C", "1", "2", "3", "4", "5"]);
    let line = rows.iter().find(|r| r[1] == "05").unwrap();
    assert_eq!(line[2], "Người");
    assert_eq!(line[3..8], ["3", "2", "1", "0", "0"]);
}

#[tokio::test]
async fn only_the_board_of_the_province_files_its_forms() {
    let app = province_with_history().await;
    let path = "/reports/0602.xlsx?province=QUANG_TRI&year=2025";
    let (status, _) = get(&app, path, None).await;
    assert_eq!(status, 403, "anonymous");
    // A unit officer of the province, and the board of another province.
    app.account("officer.qt", "UNIT_OFFICER", Some("QT-SNV"), None)
        .await;
    let body = app
        .data_as(
            "admin",
            "mutation { createProvince(input: { code: \"HUE\", name: \"Huế\" }) { userErrors { message } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["createProvince"]["userErrors"], json!([]));
    app.account("board.hue", "BOARD", None, Some("HUE")).await;
    for username in ["officer.qt", "board.hue"] {
        let token = app.token(username).await;
        let (status, bytes) = get(&app, path, Some(&token)).await;
        assert_eq!(status, 403, "{username}");
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}");
    }
    let admin = app.token("admin").await;
    let (status, _) = get(&app, path, Some(&admin)).await;
    assert_eq!(status, 200);
    // Bad requests say what is wrong.
    let board = app.token("board.qt").await;
    for (path, status) in [
        ("/reports/0604.xlsx?province=QUANG_TRI&year=2025", 404),
        ("/reports/0602.pdf?province=QUANG_TRI&year=2025", 404),
        ("/reports/0602.xlsx?province=QUANG_TRI", 400),
        ("/reports/0602.xlsx?province=QUANG_TRI&year=twenty", 400),
        ("/reports/0602.xlsx?province=NOWHERE&year=2025", 404),
        ("/reports/0602.xlsx?province=QUANG_TRI&year=99999", 400),
    ] {
        let (got, bytes) = get(&app, path, Some(&board)).await;
        assert_eq!(got, status, "{path}: {}", String::from_utf8_lossy(&bytes));
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(body["errors"][0]["message"].is_string(), "{path}");
    }
}
