//! A decision as a DOCX over HTTP: laid out as Decree 30/2020 asks, with its annex and reward
//! money, and a file LibreOffice opens (converted to PDF here, as a clerk's machine would
//! print it).

use crate::common::TestApp;
use serde_json::json;
use std::io::Read;

/// The text of the DOCX's body.
fn body_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a DOCX has word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// `soffice`, when the machine has it. CI installs it (`.ci/run`), so there the check runs.
fn libreoffice() -> Option<std::path::PathBuf> {
    [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/local/bin/soffice",
    ]
    .iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists())
}

#[tokio::test]
async fn seed_002s_decision_prints_with_its_annex_and_opens_in_libreoffice() {
    let app = TestApp::with_demo().await;
    let found = app
        .data(
            "{ decisions(filter: { issuerCode: \"HNA-UBND\" }) { edges { node { id number } } } }",
            json!({}),
        )
        .await;
    let id = found["decisions"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = app.token("board.hanam").await;
    let response = app
        .client
        .get(format!("{}/decisions/{id}.docx", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    let bytes = response.bytes().await.unwrap().to_vec();
    let xml = body_text(&bytes);
    for wanted in [
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
        "Số: 163/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nam, ngày 28 tháng 01 năm 2021",
        "QUYẾT ĐỊNH",
        "Căn cứ Nghị định số 91/2017/NĐ-CP",
        "Điều 1. ",
        "Cờ thi đua cấp tỉnh cho 01 tập thể",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể",
        "17.880.000",
        "DANH SÁCH KHEN THƯỞNG",
        "Sở Công Thương tỉnh Hà Nam",
        "11.920.000",
        "Nơi nhận:",
    ] {
        assert!(xml.contains(wanted), "the document lacks {wanted:?}");
    }

    // Not a decision's ID, or not one at all: 404; a bad token: 401.
    for path in [
        "/decisions/RG9zc2llcjox.docx",
        "/decisions/x.docx",
        &format!("/decisions/{id}"),
    ] {
        let status = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 404, "{path}");
    }
    let refused = app
        .client
        .get(format!("{}/decisions/{id}.docx", app.base))
        .bearer_auth("not a token")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);

    // LibreOffice opens it and prints it to PDF.
    let Some(soffice) = libreoffice() else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have LibreOffice (soffice) for this check"
        );
        eprintln!("no LibreOffice here: the PDF conversion is checked in CI");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("163.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    // The server is not needed any more: the conversion may block this test's thread.
    let out = std::process::Command::new(soffice)
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    let pdf = std::fs::read(dir.path().join("163.pdf")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice made no PDF: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    assert!(
        pdf.len() > 5_000,
        "a PDF of {} bytes is too small",
        pdf.len()
    );
}
