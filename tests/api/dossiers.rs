//! Dossiers over HTTP: drafted by a unit, refused while incomplete, submitted, returned by
//! the board for completion, completed and resubmitted, each nominee decided on its own; read
//! only by the unit and its board.

use crate::common::{codes, TestApp};
use serde_json::{json, Value};

async fn post(app: &TestApp, who: &str, query: &str, variables: Value) -> Value {
    let token = app.token(who).await;
    app.post_as(&token, query, variables).await.1
}

const DOSSIER: &str = "id number title kind year status proposingUnit { code } submittedOn signerName assignee version waitingSince nominations { id status } history { action fromStatus toStatus actor assignee comment at }";

fn payload(body: &Value, field: &str) -> Value {
    assert!(body.get("errors").is_none(), "{body}");
    body["data"][field].clone()
}

async fn nominate(app: &TestApp, award: &str, recipient: &str) -> String {
    let body = post(app, "officer.cm-skhcn", "mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id } userErrors { message } } }", json!({ "i": { "awardTypeCode": award, "recipientId": recipient, "year": 2025, "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2025" } })).await;
    body["data"]["createNomination"]["nomination"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

async fn person(app: &TestApp, name: &str) -> String {
    let body = post(
        app,
        "officer.cm-skhcn",
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } } }",
        json!({ "i": { "unitCode": "CM-SKHCN-2025", "fullName": name } }),
    )
    .await;
    body["data"]["createPerson"]["person"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn statuses(dossier: &Value) -> Vec<String> {
    dossier["nominations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["status"].as_str().unwrap().to_owned())
        .collect()
}

/// A small PDF, different for each `label`.
pub fn pdf(label: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n").into_bytes()
}

/// A minimal Office document: a DOCX (`word/document.xml`) or an XLSX (`xl/workbook.xml`).
pub fn office(main_part: &str, label: &str) -> Vec<u8> {
    use std::io::Write;
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    for (name, body) in [("[Content_Types].xml", "<Types/>"), (main_part, label)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    bytes.into_inner()
}

pub const UPLOAD: &str = "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id kind fileName contentType size sha256 url nominationId uploadedBy } userErrors { field code message } } }";

/// Uploads `bytes` as `who`, attached as `target` says (`dossierId`, `nominationId`,
/// `councilSessionId`); the payload.
pub async fn upload(
    app: &TestApp,
    who: &str,
    target: Value,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Value {
    let token = app.token(who).await;
    let mut input = target;
    input["kind"] = json!(kind);
    input["file"] = Value::Null;
    let (status, body) = app
        .upload_as(
            &token,
            UPLOAD,
            json!({ "i": input }),
            "variables.i.file",
            name,
            bytes,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    payload(&body, "uploadAttachment")
}

/// Attaches what a dossier must hold: the letter, the council's minutes and ballot count, and
/// an achievement report for each of `nominations`.
pub async fn complete(app: &TestApp, dossier: &str, nominations: &[String]) {
    let files = [
        ("SUBMISSION_LETTER", "Tờ trình 15.pdf", pdf("tờ trình")),
        ("COUNCIL_MINUTES", "Biên bản họp.pdf", pdf("biên bản")),
        (
            "BALLOT_COUNT",
            "Kiểm phiếu.xlsx",
            office("xl/workbook.xml", "kiểm phiếu"),
        ),
    ];
    for (kind, name, bytes) in files {
        let done = upload(
            app,
            "officer.cm-skhcn",
            json!({ "dossierId": dossier }),
            kind,
            name,
            bytes,
        )
        .await;
        assert_eq!(done["userErrors"], json!([]), "{done}");
    }
    for (i, n) in nominations.iter().enumerate() {
        let done = upload(
            app,
            "officer.cm-skhcn",
            json!({ "dossierId": dossier, "nominationId": n }),
            "ACHIEVEMENT_REPORT",
            &format!("Báo cáo thành tích {i}.docx"),
            office("word/document.xml", &format!("báo cáo {i} {n}")),
        )
        .await;
        assert_eq!(done["userErrors"], json!([]), "{done}");
    }
}

/// GET `url` (an attachment's) as the holder of `token`, if any: the status and the body.
pub async fn download(app: &TestApp, token: Option<&str>, url: &str) -> (u16, Vec<u8>) {
    let mut request = app.client.get(format!("{}{url}", app.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_dossier_goes_from_draft_to_return_to_resubmission_to_the_council_and_is_decided_nominee_by_nominee(
) {
    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let binh = person(&app, "Trần Thị Bình").await;
    let cuong = person(&app, "Lê Văn Cường").await;
    let nominations = [
        nominate(&app, "BANG_KHEN_CHU_TICH_TINH", &an).await,
        nominate(&app, "BANG_KHEN_CHU_TICH_TINH", &binh).await,
        nominate(&app, "BANG_KHEN_CHU_TICH_TINH", &cuong).await,
    ];

    let created = post(&app, "officer.cm-skhcn", &format!("mutation($i: CreateDossierInput!) {{ createDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field message }} }} }}"), json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025", "year": 2025 } })).await;
    let dossier = payload(&created, "createDossier")["dossier"].clone();
    assert_eq!(dossier["status"], "DRAFT", "{created}");
    assert_eq!(dossier["kind"], "REGULAR");
    let id = dossier["id"].as_str().unwrap().to_owned();

    let add = format!("mutation($i: DossierNominationsInput!) {{ addToDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    let added = post(
        &app,
        "officer.cm-skhcn",
        &add,
        json!({ "i": { "dossierId": id, "nominationIds": nominations } }),
    )
    .await;
    assert_eq!(
        statuses(&payload(&added, "addToDossier")["dossier"]),
        ["DRAFT", "DRAFT", "DRAFT"],
        "{added}"
    );

    // Incomplete: the letter's number, date and signer, its files and every nominee's
    // achievement report are missing; nothing changes.
    let submit = format!("mutation($i: SubmitDossierInput!) {{ submitDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    let refused = post(
        &app,
        "officer.cm-skhcn",
        &submit,
        json!({ "i": { "id": id } }),
    )
    .await;
    let errors = payload(&refused, "submitDossier")["userErrors"].clone();
    let fields: Vec<Value> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(
        fields,
        [
            json!(["number"]),
            json!(["submittedOn"]),
            json!(["signerName"]),
            json!(["attachments"]),
            json!(["attachments"]),
            json!(["attachments"]),
            json!(["nominations", "0", "attachments"]),
            json!(["nominations", "1", "attachments"]),
            json!(["nominations", "2", "attachments"]),
        ],
        "{refused}"
    );
    let read = format!("query($id: ID!) {{ dossier(id: $id) {{ {DOSSIER} attachments {{ id kind fileName sha256 url nominationId }} }} }}");
    let still = app
        .data_as("officer.cm-skhcn", &read, json!({ "id": id }))
        .await;
    assert_eq!(still["dossier"]["status"], "DRAFT");
    assert_eq!(statuses(&still["dossier"]), ["DRAFT", "DRAFT", "DRAFT"]);

    // The files, over a real multipart request each.
    complete(&app, &id, &nominations).await;
    let submitted = post(&app, "officer.cm-skhcn", &submit, json!({ "i": { "id": id, "number": "15/TTr-SKHCN", "submittedOn": "2025-11-20", "signerName": "Huỳnh Hùng Dũng" } })).await;
    let dossier = payload(&submitted, "submitDossier")["dossier"].clone();
    assert_eq!(dossier["status"], "SUBMITTED", "{submitted}");
    assert_eq!(dossier["number"], "15/TTr-SKHCN");
    assert_eq!(statuses(&dossier), ["SUBMITTED", "SUBMITTED", "SUBMITTED"]);

    // Not editable once submitted: neither its fields nor its files.
    let update = format!("mutation($i: UpdateDossierInput!) {{ updateDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    let late = post(
        &app,
        "officer.cm-skhcn",
        &update,
        json!({ "i": { "id": id, "title": "Khác" } }),
    )
    .await;
    assert_eq!(
        payload(&late, "updateDossier")["userErrors"][0]["code"],
        "WRONG_STATE"
    );
    let files = app
        .data_as("officer.cm-skhcn", &read, json!({ "id": id }))
        .await["dossier"]["attachments"]
        .clone();
    assert_eq!(files.as_array().unwrap().len(), 6, "{files}");
    let letter = files[0].clone();
    assert_eq!(letter["kind"], "SUBMISSION_LETTER");
    let remove = "mutation($i: RemoveAttachmentInput!) { removeAttachment(input: $i) { attachment { id } userErrors { field code } } }";
    let kept = post(
        &app,
        "officer.cm-skhcn",
        remove,
        json!({ "i": { "id": letter["id"] } }),
    )
    .await;
    assert_eq!(
        payload(&kept, "removeAttachment")["userErrors"][0]["code"],
        "WRONG_STATE"
    );
    let late_file = upload(
        &app,
        "officer.cm-skhcn",
        json!({ "dossierId": id }),
        "OTHER",
        "Bổ sung.pdf",
        pdf("bổ sung"),
    )
    .await;
    assert_eq!(late_file["userErrors"][0]["code"], "WRONG_STATE");

    // The board assigns it, then returns it for completion.
    let assign = format!("mutation($i: AssignDossierInput!) {{ assignDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    let refused = post(
        &app,
        "board.camau",
        &assign,
        json!({ "i": { "id": id, "assignee": "officer.cm-skhcn" } }),
    )
    .await;
    assert_eq!(
        payload(&refused, "assignDossier")["userErrors"][0]["field"],
        json!(["assignee"])
    );
    let assigned = post(
        &app,
        "board.camau",
        &assign,
        json!({ "i": { "id": id, "assignee": "board.camau" } }),
    )
    .await;
    assert_eq!(
        payload(&assigned, "assignDossier")["dossier"]["assignee"],
        "board.camau"
    );
    let back = format!("mutation($i: ReturnDossierInput!) {{ returnDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    assert_eq!(
        codes(
            &post(
                &app,
                "officer.cm-skhcn",
                &back,
                json!({ "i": { "id": id, "reason": "Thiếu" } })
            )
            .await
        ),
        ["FORBIDDEN"]
    );
    let returned = post(
        &app,
        "board.camau",
        &back,
        json!({ "i": { "id": id, "reason": "Tờ trình chưa có chữ ký; bổ sung" } }),
    )
    .await;
    let dossier = payload(&returned, "returnDossier")["dossier"].clone();
    assert_eq!(dossier["status"], "RETURNED", "{returned}");
    assert_eq!(statuses(&dossier), ["RETURNED", "RETURNED", "RETURNED"]);

    // Completed: the signed letter replaces the old one, a better title, one nominee taken
    // out (and its report with it); resubmitted.
    let signed = upload(
        &app,
        "officer.cm-skhcn",
        json!({ "dossierId": id }),
        "SUBMISSION_LETTER",
        "Tờ trình 15 (đã ký).pdf",
        pdf("tờ trình đã ký"),
    )
    .await;
    assert_eq!(signed["userErrors"], json!([]), "{signed}");
    let removed = post(
        &app,
        "officer.cm-skhcn",
        remove,
        json!({ "i": { "id": letter["id"] } }),
    )
    .await;
    assert_eq!(
        payload(&removed, "removeAttachment")["attachment"]["id"],
        letter["id"],
        "{removed}"
    );
    let fixed = post(
        &app,
        "officer.cm-skhcn",
        &update,
        json!({ "i": { "id": id, "title": "Đề nghị tặng Bằng khen năm 2025 (bổ sung)" } }),
    )
    .await;
    assert_eq!(
        payload(&fixed, "updateDossier")["userErrors"],
        json!([]),
        "{fixed}"
    );
    let take_out = format!("mutation($i: DossierNominationsInput!) {{ removeFromDossier(input: $i) {{ dossier {{ {DOSSIER} }} userErrors {{ field code message }} }} }}");
    let out = post(
        &app,
        "officer.cm-skhcn",
        &take_out,
        json!({ "i": { "dossierId": id, "nominationIds": [nominations[2]] } }),
    )
    .await;
    assert_eq!(
        statuses(&payload(&out, "removeFromDossier")["dossier"]),
        ["RETURNED", "RETURNED"],
        "{out}"
    );
    let again = post(
        &app,
        "officer.cm-skhcn",
        &submit,
        json!({ "i": { "id": id } }),
    )
    .await;
    let dossier = payload(&again, "submitDossier")["dossier"].clone();
    assert_eq!(dossier["status"], "SUBMITTED", "{again}");
    assert_eq!(
        dossier["title"],
        "Đề nghị tặng Bằng khen năm 2025 (bổ sung)"
    );
    let files = app.data_as("board.camau", &read, json!({ "id": id })).await["dossier"]
        ["attachments"]
        .clone();
    let names: Vec<&str> = files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fileName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Biên bản họp.pdf",
            "Kiểm phiếu.xlsx",
            "Báo cáo thành tích 0.docx",
            "Báo cáo thành tích 1.docx",
            "Tờ trình 15 (đã ký).pdf"
        ]
    );

    // The provincial council meets on it, with its signed minutes, and votes per nominee.
    let members: Vec<String> = (1..=9).map(|i| format!("Thành viên {i}")).collect();
    let session = post(&app, "board.camau", "mutation($i: CreateCouncilSessionInput!) { createCouncilSession(input: $i) { session { id } userErrors { field message } } }", json!({ "i": { "provinceCode": "CA_MAU", "heldOn": "2025-12-10", "body": "Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau", "members": members, "dossierIds": [id] } })).await;
    let session = payload(&session, "createCouncilSession")["session"]["id"].clone();
    let minutes = upload(
        &app,
        "board.camau",
        json!({ "councilSessionId": session }),
        "COUNCIL_MINUTES",
        "Biên bản phiên họp 10-12-2025.pdf",
        pdf("biên bản hội đồng tỉnh"),
    )
    .await;
    assert_eq!(minutes["userErrors"], json!([]), "{minutes}");
    let vote = "mutation($i: RecordCouncilVoteInput!) { recordCouncilVote(input: $i) { vote { votesFor } userErrors { field code } } }";
    for (n, votes_for) in [(&nominations[0], 9), (&nominations[1], 3)] {
        let recorded = post(&app, "board.camau", vote, json!({ "i": { "sessionId": session, "nominationId": n, "votesFor": votes_for, "votesAgainst": 9 - votes_for, "abstentions": 0 } })).await;
        assert_eq!(
            payload(&recorded, "recordCouncilVote")["userErrors"],
            json!([]),
            "{recorded}"
        );
    }
    let sessions = app.data_as("board.camau", "{ councilSessions(filter: { provinceCode: \"CA_MAU\" }) { agenda { id } votes { votesFor } attachments { kind fileName url } } }", json!({})).await;
    assert_eq!(
        sessions["councilSessions"][0]["agenda"],
        json!([{ "id": id }])
    );
    assert_eq!(
        sessions["councilSessions"][0]["attachments"][0]["kind"],
        "COUNCIL_MINUTES"
    );

    // Each nominee's outcome is its own: one approved and decided, one rejected.
    let step = |name: &str| {
        format!("mutation($i: NominationStepInput!) {{ {name}(input: $i) {{ nomination {{ status }} userErrors {{ code message }} }} }}")
    };
    let approved = post(
        &app,
        "board.camau",
        &step("approveNomination"),
        json!({ "i": { "id": nominations[0] } }),
    )
    .await;
    assert_eq!(
        approved["data"]["approveNomination"]["nomination"]["status"], "APPROVED",
        "{approved}"
    );
    let rejected = post(
        &app,
        "board.camau",
        "mutation($i: NominationReasonInput!) { rejectNomination(input: $i) { nomination { status } userErrors { code message } } }",
        json!({ "i": { "id": nominations[1], "reason": "Hội đồng không thông qua (3/9 phiếu)" } }),
    )
    .await;
    assert_eq!(
        rejected["data"]["rejectNomination"]["nomination"]["status"], "REJECTED",
        "{rejected}"
    );
    let pending = app.data_as("board.camau", &read, json!({ "id": id })).await;
    assert_eq!(pending["dossier"]["status"], "SUBMITTED");
    let decided = post(&app, "board.camau", "mutation($i: IssueDecisionInput!) { issueDecision(input: $i) { awards { recipientName } userErrors { message } } }", json!({ "i": { "number": "163/QĐ-UBND", "issuerCode": "CM-UBND", "signedOn": "2025-12-20", "signerName": "Lâm Văn Bi", "signerTitle": "Chủ tịch UBND tỉnh", "nominationIds": [nominations[0]] } })).await;
    assert_eq!(
        decided["data"]["issueDecision"]["awards"],
        json!([{ "recipientName": "Nguyễn Văn An" }]),
        "{decided}"
    );
    let now = app.data_as("board.camau", &read, json!({ "id": id })).await;
    assert_eq!(now["dossier"]["status"], "DECIDED", "{now}");
    assert_eq!(statuses(&now["dossier"]), ["DECIDED", "REJECTED"]);

    // Decided: its files stay, and are read by its unit and its board, by no one else.
    let kept = post(
        &app,
        "officer.cm-skhcn",
        remove,
        json!({ "i": { "id": files[0]["id"] } }),
    )
    .await;
    assert_eq!(
        payload(&kept, "removeAttachment")["userErrors"][0]["code"],
        "WRONG_STATE"
    );
    let url = files[4]["url"].as_str().unwrap();
    for who in ["officer.cm-skhcn", "board.camau"] {
        let token = app.token(who).await;
        let (status, bytes) = download(&app, Some(&token), url).await;
        assert_eq!((status, bytes), (200, pdf("tờ trình đã ký")), "{who}");
    }

    // The history: every step, with who held the dossier then.
    let history: Vec<(String, Value)> = now["dossier"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["assignee"].clone(),
            )
        })
        .collect();
    let actions: Vec<&str> = history.iter().map(|(a, _)| a.as_str()).collect();
    let mut expected = vec!["createDossier", "addToDossier"];
    expected.extend(["uploadAttachment"; 6]);
    expected.extend([
        "submitDossier",
        "assignDossier",
        "returnDossier",
        "uploadAttachment",
        "removeAttachment",
        "updateDossier",
        "removeFromDossier",
        "submitDossier",
        "decided",
    ]);
    assert_eq!(actions, expected);
    assert!(
        history[9..].iter().all(|(_, a)| a == "board.camau"),
        "{history:?}"
    );
    assert_eq!(
        now["dossier"]["history"][10]["comment"],
        "Tờ trình chưa có chữ ký; bổ sung"
    );
    // Waiting since the second submission, until decided.
    assert_eq!(
        now["dossier"]["waitingSince"],
        now["dossier"]["history"][16]["at"]
    );
}

#[tokio::test]
async fn dossiers_are_read_by_their_unit_and_their_board_only() {
    let app = TestApp::with_demo().await;
    let created = post(&app, "officer.cm-skhcn", "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } } }", json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "Đề nghị khen thưởng chuyên đề", "year": 2025, "kind": "THEMATIC" } })).await;
    let id = created["data"]["createDossier"]["dossier"]["id"].clone();
    assert!(id.is_string(), "{created}");
    // The demo's dossier of seed 000 is REGULAR: this one is the only THEMATIC.
    let list = "{ dossiers(filter: { year: 2025, kind: THEMATIC }) { totalCount edges { node { title kind } } } dossierCounts(filter: { kind: THEMATIC }) { status count } }";
    for (who, count) in [
        ("officer.cm-skhcn", 1),
        ("board.camau", 1),
        ("admin", 1),
        ("board.hanam", 0),
        ("officer.hna-skhcn", 0),
        ("partner.demo", 0),
    ] {
        let body = app.data_as(who, list, json!({})).await;
        assert_eq!(body["dossiers"]["totalCount"], count, "{who}: {body}");
        let drafts = body["dossierCounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == "DRAFT")
            .unwrap()["count"]
            .clone();
        assert_eq!(drafts, count, "{who}: {body}");
        let one = app
            .data_as(
                who,
                "query($id: ID!) { dossier(id: $id) { title } node(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(one["dossier"].is_null(), count == 0, "{who}: {one}");
        assert_eq!(one["node"].is_null(), count == 0, "{who}: {one}");
    }
    let body = app.data("{ dossiers { totalCount } }", json!({})).await;
    assert_eq!(body["dossiers"]["totalCount"], 0, "the public: {body}");
    // Another unit's officer cannot write to it, nor a unit officer create one for another unit.
    let other = post(
        &app,
        "officer.hna-skhcn",
        "mutation($i: UpdateDossierInput!) { updateDossier(input: $i) { userErrors { code } } }",
        json!({ "i": { "id": id, "title": "X" } }),
    )
    .await;
    assert_eq!(
        other["data"]["updateDossier"]["userErrors"][0]["code"], "NOT_FOUND",
        "{other}"
    );
    let foreign = post(
        &app,
        "officer.hna-skhcn",
        "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } } }",
        json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "X", "year": 2025 } }),
    )
    .await;
    assert_eq!(codes(&foreign), ["FORBIDDEN"], "{foreign}");
}

#[tokio::test]
async fn where_the_policy_requires_it_the_council_votes_before_a_provincial_approval() {
    let app = TestApp::with_demo().await;
    let policy = post(&app, "board.camau", "mutation($i: SetProvincePolicyInput!) { setProvincePolicy(input: $i) { policy { councilVoteRequired councilVoteThreshold } userErrors { message } } }", json!({ "i": { "provinceCode": "CA_MAU", "councilVoteRequired": true, "councilVoteThreshold": 70, "source": "Quyết định 5/QĐ-UBND tỉnh Cà Mau" } })).await;
    assert_eq!(
        payload(&policy, "setProvincePolicy")["policy"],
        json!({ "councilVoteRequired": true, "councilVoteThreshold": 70 })
    );
    let an = person(&app, "Nguyễn Văn An").await;
    let binh = person(&app, "Trần Thị Bình").await;
    let nominations = [
        nominate(&app, "BANG_KHEN_CHU_TICH_TINH", &an).await,
        nominate(&app, "BANG_KHEN_CHU_TICH_TINH", &binh).await,
    ];
    let created = post(&app, "officer.cm-skhcn", "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } } }", json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "Đề nghị tặng Bằng khen", "year": 2025, "number": "16/TTr-SKHCN", "submittedOn": "2025-11-25", "signerName": "Huỳnh Hùng Dũng" } })).await;
    let id = payload(&created, "createDossier")["dossier"]["id"].clone();
    post(&app, "officer.cm-skhcn", "mutation($i: DossierNominationsInput!) { addToDossier(input: $i) { userErrors { message } } }", json!({ "i": { "dossierId": id, "nominationIds": nominations } })).await;
    complete(&app, id.as_str().unwrap(), &nominations).await;
    let submitted = post(&app, "officer.cm-skhcn", "mutation($i: SubmitDossierInput!) { submitDossier(input: $i) { dossier { status } userErrors { message } } }", json!({ "i": { "id": id } })).await;
    assert_eq!(
        payload(&submitted, "submitDossier")["dossier"]["status"],
        "SUBMITTED",
        "{submitted}"
    );

    let approve = "mutation($i: NominationStepInput!) { approveNomination(input: $i) { nomination { status } userErrors { code message } } }";
    let early = post(
        &app,
        "board.camau",
        approve,
        json!({ "i": { "id": nominations[0] } }),
    )
    .await;
    assert_eq!(
        payload(&early, "approveNomination")["userErrors"][0]["code"],
        "RULE_NOT_MET",
        "{early}"
    );

    // The council meets with ten members and votes on both nominees.
    let members: Vec<String> = (1..=10).map(|i| format!("Thành viên {i}")).collect();
    let session = post(&app, "board.camau", "mutation($i: CreateCouncilSessionInput!) { createCouncilSession(input: $i) { session { id members agenda { id } } userErrors { field message } } }", json!({ "i": { "provinceCode": "CA_MAU", "heldOn": "2025-12-10", "body": "Hội đồng Thi đua – Khen thưởng tỉnh Cà Mau", "members": members, "dossierIds": [id], "minutes": "Biên bản họp ngày 10/12/2025" } })).await;
    let session = payload(&session, "createCouncilSession")["session"].clone();
    assert_eq!(session["agenda"], json!([{ "id": id }]), "{session}");
    let vote = "mutation($i: RecordCouncilVoteInput!) { recordCouncilVote(input: $i) { vote { votesFor } userErrors { field code } } }";
    let too_many = post(&app, "board.camau", vote, json!({ "i": { "sessionId": session["id"], "nominationId": nominations[0], "votesFor": 9, "votesAgainst": 2, "abstentions": 0 } })).await;
    assert_eq!(
        payload(&too_many, "recordCouncilVote")["userErrors"][0]["code"],
        "OUT_OF_RANGE"
    );
    for (n, votes_for) in [(&nominations[0], 8), (&nominations[1], 6)] {
        let recorded = post(&app, "board.camau", vote, json!({ "i": { "sessionId": session["id"], "nominationId": n, "votesFor": votes_for, "votesAgainst": 10 - votes_for, "abstentions": 0 } })).await;
        assert_eq!(
            payload(&recorded, "recordCouncilVote")["vote"]["votesFor"],
            votes_for,
            "{recorded}"
        );
    }
    assert_eq!(codes(&post(&app, "board.hanam", vote, json!({ "i": { "sessionId": session["id"], "nominationId": nominations[1], "votesFor": 10, "votesAgainst": 0, "abstentions": 0 } })).await), ["FORBIDDEN"]);
    let ok = post(
        &app,
        "board.camau",
        approve,
        json!({ "i": { "id": nominations[0] } }),
    )
    .await;
    assert_eq!(
        payload(&ok, "approveNomination")["nomination"]["status"],
        "APPROVED",
        "8 of 10: {ok}"
    );
    let below = post(
        &app,
        "board.camau",
        approve,
        json!({ "i": { "id": nominations[1] } }),
    )
    .await;
    assert_eq!(
        payload(&below, "approveNomination")["userErrors"][0]["code"],
        "RULE_NOT_MET",
        "6 of 10: {below}"
    );

    let sessions = app.data_as("board.camau", "{ councilSessions(filter: { provinceCode: \"CA_MAU\" }) { heldOn minutes votes { votesFor } } }", json!({})).await;
    assert_eq!(
        sessions["councilSessions"][0]["votes"],
        json!([{ "votesFor": 8 }, { "votesFor": 6 }]),
        "{sessions}"
    );
    let other = app
        .data_as("board.hanam", "{ councilSessions { heldOn } }", json!({}))
        .await;
    assert_eq!(other["councilSessions"], json!([]));
}

#[tokio::test]
async fn a_dossiers_changes_reach_nomination_updated_for_its_unit() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let app = TestApp::with_demo().await;
    let an = person(&app, "Nguyễn Văn An").await;
    let nomination = nominate(&app, "GIAY_KHEN", &an).await;
    let mut socket = crate::common::signed_in_socket(&app, "officer.cm-skhcn").await;
    socket
        .send(Message::text(json!({ "id": "d", "type": "subscribe", "payload": {
            "query": "subscription { nominationUpdated(unitCode: \"CM-SKHCN-2025\") { id status dossier { title status } } }" } }).to_string()))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let mut next = async || -> Value {
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an event")
            .unwrap()
            .unwrap();
        let event: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
        event["payload"]["data"]["nominationUpdated"].clone()
    };
    let created = post(&app, "officer.cm-skhcn", "mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } } }", json!({ "i": { "proposingUnitCode": "CM-SKHCN-2025", "title": "Đề nghị tặng Giấy khen", "year": 2025 } })).await;
    let id = payload(&created, "createDossier")["dossier"]["id"].clone();
    post(&app, "officer.cm-skhcn", "mutation($i: DossierNominationsInput!) { addToDossier(input: $i) { userErrors { message } } }", json!({ "i": { "dossierId": id, "nominationIds": [nomination] } })).await;
    assert_eq!(
        next().await,
        json!({ "id": nomination, "status": "DRAFT", "dossier": { "title": "Đề nghị tặng Giấy khen", "status": "DRAFT" } })
    );
    post(
        &app,
        "officer.cm-skhcn",
        "mutation($i: UpdateDossierInput!) { updateDossier(input: $i) { userErrors { message } } }",
        json!({ "i": { "id": id, "title": "Đề nghị tặng Giấy khen năm 2025" } }),
    )
    .await;
    assert_eq!(
        next().await["dossier"]["title"],
        "Đề nghị tặng Giấy khen năm 2025"
    );
    post(&app, "officer.cm-skhcn", "mutation($i: DossierNominationsInput!) { removeFromDossier(input: $i) { userErrors { message } } }", json!({ "i": { "dossierId": id, "nominationIds": [nomination] } })).await;
    assert_eq!(next().await["dossier"], Value::Null);
}
