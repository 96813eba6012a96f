//! Attachments over real HTTP: GraphQL multipart requests as `apollo-upload-client` sends
//! them, files recognised by their content, a size limit, nothing left behind by a refused or
//! cut-off upload, and downloads only for those who may read the dossier.

use crate::common::{codes, TestApp};
use crate::dossiers::{download, office, pdf, upload, UPLOAD};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

/// A DRAFT dossier of Sở KH&CN Cà Mau.
async fn dossier(app: &TestApp) -> String {
    let created = post(app, "officer.cm-skhcn", "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } } }", json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "Đề nghị tặng Bằng khen", "year": 2025 } })).await;
    created["data"]["createDossier"]["dossier"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned()
}

async fn attachment_rows(app: &TestApp) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    entity::attachment::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_file_is_kept_by_its_content_and_downloaded_by_its_readers_only() {
    let app = TestApp::with_demo().await;
    // An officer of the department's office, a unit of its own.
    app.account(
        "officer.cm-vp",
        "UNIT_OFFICER",
        Some("CM-SKHCN-2025-VP"),
        None,
    )
    .await;
    let id = dossier(&app).await;
    // A PNG sent as "scan.pdf" with a PDF's media type is a PNG.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0".to_vec();
    let done = upload(
        &app,
        "officer.cm-skhcn",
        json!({ "dossierId": id }),
        "OTHER",
        "scan.pdf",
        png.clone(),
    )
    .await;
    let file = done["attachment"].clone();
    assert_eq!(done["userErrors"], json!([]), "{done}");
    assert_eq!(file["contentType"], "image/png");
    assert_eq!(file["fileName"], "scan.pdf");
    assert_eq!(file["size"], png.len());
    assert_eq!(file["sha256"], hex(&png));
    assert_eq!(file["uploadedBy"], "officer.cm-skhcn");
    let url = file["url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("/files/{}", file["id"].as_str().unwrap()));

    // The same content again: a second attachment, one stored file.
    upload(
        &app,
        "officer.cm-skhcn",
        json!({ "dossierId": id }),
        "OTHER",
        "scan again.png",
        png.clone(),
    )
    .await;
    assert_eq!(app.stored_files().len(), 1, "{:?}", app.stored_files());

    // Read by the unit and its board, with its type and name.
    let token = app.token("officer.cm-skhcn").await;
    let response = app
        .client
        .get(format!("{}{url}", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf"
    );
    assert_eq!(headers["etag"], format!("\"{}\"", hex(&png)));
    assert_eq!(response.bytes().await.unwrap().to_vec(), png);
    let board = app.token("board.camau").await;
    assert_eq!(download(&app, Some(&board), &url).await.0, 200);

    // Nobody else: another unit's officer, another province's board, a partner, the public.
    let other_unit = app.token("officer.cm-vp").await;
    let other_province = app.token("officer.hna-skhcn").await;
    let other_board = app.token("board.hanam").await;
    let partner = app.token("partner.demo").await;
    for token in [&other_unit, &other_province, &other_board, &partner] {
        let (status, body) = download(&app, Some(token), &url).await;
        assert_eq!(status, 404);
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    }
    assert_eq!(download(&app, None, &url).await.0, 401);
    assert_eq!(download(&app, Some("not a token"), &url).await.0, 401);
    // Nor through GraphQL.
    let node = "query($id: ID!) { node(id: $id) { ... on Attachment { fileName } } }";
    let seen = app
        .data_as("officer.cm-vp", node, json!({ "id": file["id"] }))
        .await;
    assert_eq!(seen["node"], Value::Null);
    let seen = app
        .data_as("officer.cm-skhcn", node, json!({ "id": file["id"] }))
        .await;
    assert_eq!(seen["node"]["fileName"], "scan.pdf");
    // An ID that is not an attachment's, or not an ID at all.
    assert_eq!(
        download(&app, Some(&token), &format!("/files/{id}"))
            .await
            .0,
        404
    );
    assert_eq!(
        download(&app, Some(&token), "/files/..%2F..%2Fetc").await.0,
        404
    );

    // Nor may another unit's officer attach to it, or take a file off it.
    let foreign = upload(
        &app,
        "officer.cm-vp",
        json!({ "dossierId": id }),
        "OTHER",
        "x.pdf",
        pdf("x"),
    )
    .await;
    assert_eq!(foreign["userErrors"][0]["code"], "NOT_FOUND", "{foreign}");
    let remove = "mutation($i: RemoveAttachmentInput!) { removeAttachment(input: $i) { attachment { id } userErrors { code } } }";
    let refused = post(
        &app,
        "officer.cm-vp",
        remove,
        json!({ "i": { "id": file["id"] } }),
    )
    .await;
    assert_eq!(
        refused["data"]["removeAttachment"]["userErrors"][0]["code"], "NOT_FOUND",
        "{refused}"
    );
    assert_eq!(attachment_rows(&app).await, 2);
}

#[tokio::test]
async fn a_file_of_another_type_is_refused_and_leaves_nothing() {
    let app = TestApp::with_demo().await;
    let id = dossier(&app).await;
    let not_a_pdf = [
        b"<html><script>alert(1)</script></html>".to_vec(),
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0".to_vec(),
        office("notes.txt", "a ZIP, not an Office document"),
        // A DOCX cut off half-way.
        {
            let docx = office("word/document.xml", &"báo cáo ".repeat(200));
            docx[..docx.len() / 2].to_vec()
        },
        Vec::new(),
    ];
    for bytes in not_a_pdf {
        let refused = upload(
            &app,
            "officer.cm-skhcn",
            json!({ "dossierId": id }),
            "SUBMISSION_LETTER",
            "Tờ trình.pdf",
            bytes,
        )
        .await;
        let code = refused["userErrors"][0]["code"].as_str().unwrap();
        assert!(["INVALID_VALUE", "REQUIRED"].contains(&code), "{refused}");
        assert_eq!(refused["userErrors"][0]["field"], json!(["file"]));
    }
    assert_eq!(attachment_rows(&app).await, 0);
    assert_eq!(app.stored_files(), Vec::<std::path::PathBuf>::new());
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_before_anything_runs() {
    let settings = thidua::web::Settings {
        files: std::sync::Arc::new(thidua::dossiers::files::Store::new(
            std::env::temp_dir(),
            4096,
        )),
        ..Default::default()
    };
    let app = TestApp::with_settings(settings).await;
    let id = dossier(&app).await;
    let mut big = pdf("big");
    big.resize(4097, b' ');
    let token = app.token("officer.cm-skhcn").await;
    let (status, body) = app
        .upload_as(
            &token,
            UPLOAD,
            json!({ "i": { "dossierId": id, "kind": "OTHER", "file": null } }),
            "variables.i.file",
            "big.pdf",
            big,
        )
        .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert!(body.get("data").is_none());
    assert_eq!(attachment_rows(&app).await, 0);
    assert_eq!(app.stored_files(), Vec::<std::path::PathBuf>::new());
    // At the limit, it is taken.
    let mut at_limit = pdf("at the limit");
    at_limit.resize(4096, b' ');
    let done = upload(
        &app,
        "officer.cm-skhcn",
        json!({ "dossierId": id }),
        "OTHER",
        "ok.pdf",
        at_limit,
    )
    .await;
    assert_eq!(done["attachment"]["size"], 4096, "{done}");
}

/// The multipart body of an upload of `file`, as `apollo-upload-client` sends it.
fn multipart_body(boundary: &str, dossier: &str, file: &[u8]) -> Vec<u8> {
    let operations = json!({ "query": UPLOAD, "variables": { "i": { "dossierId": dossier, "kind": "OTHER", "file": null } } });
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"1\":[\"variables.i.file\"]}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"1\"; filename=\"Biên bản.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

#[tokio::test]
async fn an_upload_cut_off_half_way_runs_nothing_and_leaves_nothing() {
    let app = TestApp::with_demo().await;
    let id = dossier(&app).await;
    let token = app.token("officer.cm-skhcn").await;
    let boundary = "----formdata-undici-0123456789";
    let whole = multipart_body(boundary, &id, &pdf(&"biên bản ".repeat(500)));
    let send = |body: Vec<u8>| {
        app.client
            .post(app.graphql_url())
            .bearer_auth(&token)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
    };
    let cut = whole[..whole.len() * 2 / 3].to_vec();
    let response = send(cut).await.unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body}");
    assert_eq!(attachment_rows(&app).await, 0);
    assert_eq!(app.stored_files(), Vec::<std::path::PathBuf>::new());

    // A map naming a file that never comes, and a body with no map.
    let mut no_file = whole.clone();
    let marker = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"1\"");
    let at = no_file
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())
        .unwrap();
    no_file.truncate(at);
    no_file.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    assert_eq!(send(no_file).await.unwrap().status(), 400);
    assert_eq!(attachment_rows(&app).await, 0);

    // The whole body: taken.
    let response = send(whole).await.unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["data"]["uploadAttachment"]["attachment"]["fileName"], "Biên bản.pdf",
        "{body}"
    );
    assert_eq!(attachment_rows(&app).await, 1);
}

#[tokio::test]
async fn an_anonymous_multipart_request_is_refused() {
    let app = TestApp::with_demo().await;
    let body = multipart_body("b0undary", "RG9zc2llcjox", &pdf("x"));
    let response = app
        .client
        .post(app.graphql_url())
        .header("content-type", "multipart/form-data; boundary=b0undary")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: Value = response.json().await.unwrap();
    assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    assert_eq!(attachment_rows(&app).await, 0);
}

#[tokio::test]
async fn a_council_sessions_files_are_the_boards() {
    let app = TestApp::with_demo().await;
    let members = ["Lâm Văn Bi", "Nguyễn Minh Luân"];
    let created = post(&app, "board.camau", "mutation($i: CreateCouncilSessionInput!) { createCouncilSession(input: $i) { session { id } userErrors { field message } } }", json!({ "i": { "provinceCode": "CA_MAU", "heldOn": "2025-12-10", "body": "Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau", "members": members, "dossierIds": [] } })).await;
    let session = created["data"]["createCouncilSession"]["session"]["id"].clone();
    assert!(session.is_string(), "{created}");
    let token = app.token("officer.cm-skhcn").await;
    let (_, body) = app
        .upload_as(
            &token,
            UPLOAD,
            json!({ "i": { "councilSessionId": session, "kind": "COUNCIL_MINUTES", "file": null } }),
            "variables.i.file",
            "Biên bản.pdf",
            pdf("biên bản"),
        )
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
    let minutes = upload(
        &app,
        "board.camau",
        json!({ "councilSessionId": session }),
        "COUNCIL_MINUTES",
        "Biên bản.pdf",
        pdf("biên bản"),
    )
    .await;
    let url = minutes["attachment"]["url"].as_str().unwrap().to_owned();
    let board = app.token("board.camau").await;
    assert_eq!(download(&app, Some(&board), &url).await.0, 200);
    assert_eq!(download(&app, Some(&token), &url).await.0, 404);
    let other = app.token("board.hanam").await;
    assert_eq!(download(&app, Some(&other), &url).await.0, 404);
    // Both a dossier and a session: refused before anything is read.
    let (status, body) = app
        .upload_as(
            &board,
            UPLOAD,
            json!({ "i": { "councilSessionId": session, "dossierId": session, "kind": "OTHER", "file": null } }),
            "variables.i.file",
            "x.pdf",
            pdf("x"),
        )
        .await;
    assert_eq!(
        (status, codes(&body)),
        (200, vec!["BAD_USER_INPUT".to_owned()]),
        "{body}"
    );
}
