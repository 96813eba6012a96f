//! Day one for a real province (issue 13): `thidua init` to a board account, the board's
//! accounts of its units, passwords changed and reset, the demo kept apart.

use std::{
    io::{BufRead, BufReader, Write},
    path::Path,
    process::{Child, Command, Output, Stdio},
    sync::mpsc,
    time::Duration,
};

use crate::cli::thidua;
use crate::common::{codes, fresh_database, TestApp};
use serde_json::{json, Value};

fn run(command: &mut Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn thidua");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `thidua` in `dir` on the database at `url` (the SQLite file `thidua.db` of `dir` when
/// `None`).
fn at(dir: &Path, url: Option<&str>) -> Command {
    let mut command = thidua(dir);
    if let Some(url) = url {
        command.env("DATABASE_URL", url);
    }
    command
}

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    ok_at(dir, None, args, stdin)
}

fn ok_at(dir: &Path, url: Option<&str>, args: &[&str], stdin: &str) -> String {
    let mut command = at(dir, url);
    command.args(args);
    let output = run(&mut command, stdin);
    assert!(
        output.status.success(),
        "thidua {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs a command that must fail; its standard error.
fn fails(mut command: Command) -> String {
    let output = run(&mut command, "");
    assert!(!output.status.success(), "{command:?} succeeded");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn serve(dir: &Path, url: Option<&str>) -> (Child, String) {
    let mut child = at(dir, url)
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
                let _ = tx.send(rest.split('/').next().unwrap_or_default().to_owned());
            }
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("thidua serve logs where GraphiQL is");
    (child, address)
}

async fn post(address: &str, token: Option<&str>, query: &str, variables: Value) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("http://{address}/graphql"))
        .header("Accept-Language", "en")
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

const LOGIN: &str = "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token viewer { name } userErrors { code } } }";

async fn login(address: &str, username: &str, password: &str) -> Option<String> {
    let (_, body) = post(
        address,
        None,
        LOGIN,
        json!({ "u": username, "p": password }),
    )
    .await;
    body["data"]["login"]["token"].as_str().map(str::to_owned)
}

/// Whether `token` still speaks for someone.
async fn works(address: &str, token: &str) -> bool {
    let (status, body) = post(address, Some(token), "{ viewer { name } }", json!({})).await;
    status == 200 && body["data"]["viewer"]["name"].is_string()
}

const PASSWORD: &str = "a long enough password";

#[tokio::test]
async fn init_makes_an_empty_installation_ready_for_its_board() {
    // On SQLite or PostgreSQL, as the tests run.
    let database = fresh_database().await;
    let url = Some(database.url.as_str());
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let args = [
        "init",
        "--province",
        "QUANG_TRI",
        "--name",
        "Quảng Trị",
        "--admin",
        "admin.qt",
    ];
    let first = ok_at(dir, url, &args, &format!("{PASSWORD}\n"));
    assert!(first.contains("created province QUANG_TRI"), "{first}");
    assert!(first.contains("created administrator admin.qt"), "{first}");
    let again = ok_at(dir, url, &args, "");
    assert!(
        again.contains("exists") && !again.contains("created"),
        "{again}"
    );

    // The demo never goes into a real installation.
    let mut seed = at(dir, url);
    seed.args(["seed", "--demo"]);
    assert!(fails(seed).contains("real province"));

    ok_at(
        dir,
        url,
        &[
            "user",
            "add",
            "board.qt",
            "--role",
            "BOARD",
            "--province",
            "QUANG_TRI",
        ],
        &format!("{PASSWORD}\n"),
    );
    ok_at(dir, url, &["province", "add", "HUE", "--name", "Huế"], "");
    let provinces = ok_at(dir, url, &["province", "list"], "");
    assert!(
        provinces.lines().any(|l| l == "HUE\tHuế\t\t\t"),
        "{provinces}"
    );
    let users = ok_at(dir, url, &["user", "list"], "");
    assert!(
        users
            .lines()
            .any(|l| l == "board.qt\tBoard\t-\tQUANG_TRI\tactive"),
        "{users}"
    );
    assert!(
        users.lines().any(|l| l == "admin.qt\tAdmin\t-\t-\tactive"),
        "{users}"
    );

    // The token command signs as the server in this directory does, and says with what;
    // elsewhere it makes nothing and says where it looked.
    let token = at(dir, url)
        .args(["token", "--user", "board.qt"])
        .output()
        .unwrap();
    assert!(token.status.success());
    assert!(String::from_utf8_lossy(&token.stderr).contains("signing key"));
    let elsewhere = tempfile::tempdir().unwrap();
    let mut token = thidua(elsewhere.path());
    token.args(["token", "--user", "board.qt"]);
    assert!(fails(token).contains("no database at thidua.db"));
    let mut token = thidua(elsewhere.path());
    token
        .args(["token", "--user", "board.qt"])
        .env("DATABASE_URL", &database.url);
    assert!(fails(token).contains("thidua-dev.key does not exist"));
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none(),
        "nothing made where the token command ran"
    );

    let (child, address) = serve(dir, url);
    let (_, body) = post(&address, None, "{ provinces { code demo } }", json!({})).await;
    assert_eq!(
        body["data"]["provinces"],
        json!([{ "code": "QUANG_TRI", "demo": false }, { "code": "HUE", "demo": false }]),
        "a real installation is not given the demo"
    );

    // The board makes its first unit and that unit's officer's account.
    let board = login(&address, "board.qt", PASSWORD)
        .await
        .expect("board signs in");
    let (_, body) = post(
        &address,
        Some(&board),
        "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code province { code } } userErrors { code } } }",
        json!({ "i": { "code": "QT-SKHCN", "kind": "DEPARTMENT", "name": "Sở Khoa học và Công nghệ", "provinceCode": "QUANG_TRI" } }),
    )
    .await;
    assert_eq!(
        body["data"]["createUnit"]["unit"]["province"]["code"], "QUANG_TRI",
        "{body}"
    );
    let (_, body) = post(
        &address,
        Some(&board),
        "mutation($i: CreateUserInput!) { createUser(input: $i) { user { username unit { code } province { code } } userErrors { code } } }",
        json!({ "i": { "username": "officer.qt-skhcn", "password": PASSWORD, "role": "UNIT_OFFICER", "unitCode": "QT-SKHCN" } }),
    )
    .await;
    assert_eq!(
        body["data"]["createUser"]["user"],
        json!({ "username": "officer.qt-skhcn", "unit": { "code": "QT-SKHCN" }, "province": { "code": "QUANG_TRI" } }),
        "{body}"
    );

    // The officer changes the password: the old token stops, the new one works.
    let old = login(&address, "officer.qt-skhcn", PASSWORD).await.unwrap();
    const CHANGE: &str = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token user { username } userErrors { field code } } }";
    let (_, body) = post(&address, Some(&old), CHANGE, json!({ "i": { "currentPassword": "not the password", "newPassword": "another long password" } })).await;
    assert_eq!(
        body["data"]["changePassword"]["userErrors"],
        json!([{ "field": ["currentPassword"], "code": "INVALID_CREDENTIALS" }])
    );
    let (_, body) = post(
        &address,
        Some(&old),
        CHANGE,
        json!({ "i": { "currentPassword": PASSWORD, "newPassword": "short" } }),
    )
    .await;
    assert_eq!(
        body["data"]["changePassword"]["userErrors"],
        json!([{ "field": ["newPassword"], "code": "INVALID_VALUE" }])
    );
    assert!(works(&address, &old).await, "a refused change ends nothing");
    // Tokens carry whole seconds: the change must come in a later second than the token.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (_, body) = post(
        &address,
        Some(&old),
        CHANGE,
        json!({ "i": { "currentPassword": PASSWORD, "newPassword": "another long password" } }),
    )
    .await;
    let new = body["data"]["changePassword"]["token"]
        .as_str()
        .expect("a new token")
        .to_owned();
    assert!(
        !works(&address, &old).await,
        "the token from before the change ends"
    );
    assert!(works(&address, &new).await);
    assert!(login(&address, "officer.qt-skhcn", PASSWORD)
        .await
        .is_none());
    assert!(login(&address, "officer.qt-skhcn", "another long password")
        .await
        .is_some());

    // The board resets it: a temporary password, the officer's tokens end.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (_, body) = post(
        &address,
        Some(&board),
        "mutation { resetPassword(input: { username: \"officer.qt-skhcn\" }) { temporaryPassword user { username } userErrors { code } } }",
        json!({}),
    )
    .await;
    let temporary = body["data"]["resetPassword"]["temporaryPassword"]
        .as_str()
        .expect("a temporary password")
        .to_owned();
    assert!(temporary.chars().count() >= 12);
    assert!(!works(&address, &new).await);
    let after_reset = login(&address, "officer.qt-skhcn", &temporary)
        .await
        .expect("signs in with it");

    // The board disables the account, then enables it again.
    let (_, body) = post(
        &address,
        Some(&board),
        "mutation { disableUser(input: { username: \"officer.qt-skhcn\" }) { user { disabled } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        body["data"]["disableUser"]["user"]["disabled"], true,
        "{body}"
    );
    assert!(!works(&address, &after_reset).await);
    assert!(login(&address, "officer.qt-skhcn", &temporary)
        .await
        .is_none());
    let (_, body) = post(
        &address,
        Some(&board),
        "mutation { enableUser(input: { username: \"officer.qt-skhcn\" }) { user { disabled } } }",
        json!({}),
    )
    .await;
    assert_eq!(body["data"]["enableUser"]["user"]["disabled"], false);
    assert!(login(&address, "officer.qt-skhcn", &temporary)
        .await
        .is_some());

    // The board has no say over the administrator's account, nor over itself as a board
    // member: both answer as accounts that do not exist.
    for username in ["admin.qt", "board.qt"] {
        let (_, body) = post(&address, Some(&board), "mutation($u: String!) { resetPassword(input: { username: $u }) { temporaryPassword userErrors { code } } }", json!({ "u": username })).await;
        assert_eq!(
            body["data"]["resetPassword"],
            json!({ "temporaryPassword": null, "userErrors": [{ "code": "NOT_FOUND" }] }),
            "{username}"
        );
    }
    assert!(login(&address, "admin.qt", PASSWORD).await.is_some());
    child_stop(child);
}

fn child_stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

#[tokio::test]
async fn init_refuses_a_database_with_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["seed", "--demo"], "");
    let mut init = thidua(dir.path());
    init.args([
        "init",
        "--province",
        "QUANG_TRI",
        "--name",
        "Quảng Trị",
        "--admin",
        "admin.qt",
    ]);
    assert!(fails(init).contains("demo province"));
    let provinces = ok(dir.path(), &["province", "list"], "");
    assert!(!provinces.contains("QUANG_TRI"), "{provinces}");
}

const CREATE_PROVINCE: &str = "mutation($i: CreateProvinceInput!) { createProvince(input: $i) { province { code name validFrom demo } userErrors { field code } } }";
const UPDATE_PROVINCE: &str = "mutation($i: UpdateProvinceInput!) { updateProvince(input: $i) { province { code name validTo } userErrors { field code } } }";

#[tokio::test]
async fn the_demo_database_takes_no_real_province() {
    let app = TestApp::with_demo().await;
    let body = app
        .data_as(
            "admin",
            CREATE_PROVINCE,
            json!({ "i": { "code": "QUANG_TRI", "name": "Quảng Trị" } }),
        )
        .await;
    assert_eq!(
        body["createProvince"],
        json!({ "province": null, "userErrors": [{ "field": ["code"], "code": "WRONG_STATE" }] })
    );
    // Only the administrator makes or corrects provinces.
    for username in ["board.camau", "officer.cm-skhcn", "partner.demo"] {
        let token = app.token(username).await;
        let (_, body) = app
            .post_as(
                &token,
                UPDATE_PROVINCE,
                json!({ "i": { "code": "CA_MAU", "name": "Cà Mau mới" } }),
            )
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}");
    }
    let body = app
        .data_as(
            "admin",
            UPDATE_PROVINCE,
            json!({ "i": { "code": "HA_NAM", "validFrom": "2026-01-01", "validTo": "2020-01-01" } }),
        )
        .await;
    assert_eq!(
        body["updateProvince"]["userErrors"],
        json!([{ "field": ["validTo"], "code": "OUT_OF_RANGE" }]),
        "{body}"
    );
}

#[tokio::test]
async fn a_real_province_is_created_checked_and_its_units_belong_to_it() {
    let app = TestApp::migrated().await;
    // The first administrator, as `thidua init` makes it.
    let console = thidua::access::Viewer {
        user_id: None,
        name: "console".to_owned(),
        role: Some(entity::enums::Role::Admin),
        unit_id: None,
        province_id: None,
    };
    let work = thidua::work::Work::begin(&app.db).await.unwrap();
    let new = thidua::identity::users::NewUser {
        username: "admin".to_owned(),
        password: PASSWORD.to_owned(),
        role: entity::enums::Role::Admin,
        unit_code: None,
        province_code: None,
    };
    let hash = thidua::identity::password::hash(PASSWORD).unwrap();
    thidua::identity::users::create(&work, &console, new, hash)
        .await
        .unwrap()
        .unwrap();
    work.commit(&Default::default()).await.unwrap();

    let body = app
        .data_as(
            "admin",
            CREATE_PROVINCE,
            json!({ "i": { "code": "QUANG_TRI", "name": " Quảng Trị ", "validFrom": "1989-07-01" } }),
        )
        .await;
    assert_eq!(
        body["createProvince"],
        json!({ "province": { "code": "QUANG_TRI", "name": "Quảng Trị", "validFrom": "1989-07-01", "demo": false }, "userErrors": [] })
    );
    for (input, field, code) in [
        (
            json!({ "code": "QUANG_TRI", "name": "Quảng Trị" }),
            "code",
            "DUPLICATE",
        ),
        (
            json!({ "code": "quang-tri", "name": "Quảng Trị" }),
            "code",
            "INVALID_VALUE",
        ),
        (json!({ "code": "HUE", "name": "  " }), "name", "REQUIRED"),
    ] {
        let body = app
            .data_as("admin", CREATE_PROVINCE, json!({ "i": input }))
            .await;
        assert_eq!(
            body["createProvince"]["userErrors"],
            json!([{ "field": [field], "code": code }]),
            "{input}"
        );
    }
    let body = app
        .data_as(
            "admin",
            UPDATE_PROVINCE,
            json!({ "i": { "code": "QUANG_TRI", "name": "Tỉnh Quảng Trị", "validTo": "2025-06-30" } }),
        )
        .await;
    assert_eq!(
        body["updateProvince"]["province"],
        json!({ "code": "QUANG_TRI", "name": "Tỉnh Quảng Trị", "validTo": "2025-06-30" })
    );
    let body = app
        .data_as(
            "admin",
            UPDATE_PROVINCE,
            json!({ "i": { "code": "NOWHERE" } }),
        )
        .await;
    assert_eq!(
        body["updateProvince"]["userErrors"],
        json!([{ "field": ["code"], "code": "NOT_FOUND" }])
    );

    // A unit belongs to a province, or says it is national.
    const CREATE_UNIT: &str = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { code province { code } } userErrors { field code } } }";
    let unit = |extra: Value| {
        let mut input = json!({ "code": "QT-SNV", "kind": "DEPARTMENT", "name": "Sở Nội vụ" });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        json!({ "i": input })
    };
    let body = app.data_as("admin", CREATE_UNIT, unit(json!({}))).await;
    assert_eq!(
        body["createUnit"]["userErrors"],
        json!([{ "field": ["provinceCode"], "code": "REQUIRED" }])
    );
    let body = app
        .data_as(
            "admin",
            CREATE_UNIT,
            unit(json!({ "provinceCode": "QUANG_TRI", "national": true })),
        )
        .await;
    assert_eq!(
        body["createUnit"]["userErrors"],
        json!([{ "field": ["national"], "code": "INVALID_VALUE" }])
    );
    let body = app
        .data_as("admin", CREATE_UNIT, unit(json!({ "national": true })))
        .await;
    assert_eq!(
        body["createUnit"]["unit"],
        json!({ "code": "QT-SNV", "province": null })
    );
}

/// The files of a province's history: 1,000 units, 20,000 persons, ten years of awards
/// (2016 to 2025) with their decisions, ratings and initiatives. Persons 0 to 99 are
/// grassroots emulation fighters of 2023, 2024 and 2025 with a provincial initiative of 2025;
/// persons 100 to 149 hold the Chairman's certificate of merit signed on 15/3/2025.
fn history_files(dir: &Path) {
    use std::fmt::Write as _;
    let unit = |u: usize| format!("QT-U{u:04}");
    let mut units = String::from("Mã đơn vị,Tên đơn vị,Loại đơn vị,Ngày thành lập\n");
    units.push_str("QT-UBND,Ủy ban nhân dân tỉnh Quảng Trị,Ủy ban nhân dân,01/07/1989\n");
    for u in 1..1000 {
        writeln!(
            units,
            "{},Cơ quan số {u} tỉnh Quảng Trị,Sở,01/07/1989",
            unit(u)
        )
        .unwrap();
    }
    let mut persons = String::from("Họ và tên,Mã đơn vị,Ngày sinh,Số định danh,Chức vụ\n");
    let person_unit = |p: usize| unit(1 + p % 999);
    for p in 0..20_000 {
        let title = if p % 20 == 0 {
            "Trưởng phòng"
        } else {
            "Chuyên viên"
        };
        writeln!(
            persons,
            "Người thứ {p},{},01/01/{},{:012},{title}",
            person_unit(p),
            1960 + p % 40,
            45_000_000_000u64 + p as u64
        )
        .unwrap();
    }
    let header = "Mã hình thức khen thưởng,Năm,Họ và tên,Mã đơn vị,Số định danh,Số quyết định,Ngày ký,Mã cơ quan ban hành\n";
    let mut awards = String::from(header);
    let id = |p: usize| format!("{:012}", 45_000_000_000u64 + p as u64);
    // Lao động tiên tiến for 2,000 persons each year: 20,000 awards.
    for year in 2016..2026 {
        for p in 0..2000 {
            let u = person_unit(p);
            writeln!(
                awards,
                "LAO_DONG_TIEN_TIEN,{year},Người thứ {p},{u},{},1/QĐ-{u},10/01/{},{u}",
                id(p),
                year + 1
            )
            .unwrap();
        }
    }
    for year in 2023..2026 {
        for p in 0..100 {
            let u = person_unit(p);
            writeln!(
                awards,
                "CHIEN_SI_THI_DUA_CO_SO,{year},Người thứ {p},{u},{},2/QĐ-{u},10/01/{},{u}",
                id(p),
                year + 1
            )
            .unwrap();
        }
    }
    for p in 100..150 {
        writeln!(
            awards,
            "BANG_KHEN_CHU_TICH_TINH,2024,Người thứ {p},{},{},100/QĐ-UBND,15/03/2025,QT-UBND",
            person_unit(p),
            id(p)
        )
        .unwrap();
    }
    let mut initiatives =
        String::from("Tên sáng kiến,Năm,Phạm vi,Họ và tên,Mã đơn vị,Số định danh\n");
    for p in 0..100 {
        writeln!(
            initiatives,
            "Sáng kiến số {p},2025,Cấp tỉnh,Người thứ {p},{},{}",
            person_unit(p),
            id(p)
        )
        .unwrap();
    }
    for (name, text) in [
        ("units.csv", units),
        ("persons.csv", persons),
        ("awards.csv", awards),
        ("initiatives.csv", initiatives),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[tokio::test]
async fn a_province_goes_from_init_to_its_imported_history_eligibility_and_forms() {
    let database = fresh_database().await;
    let url = Some(database.url.as_str());
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let init = [
        "init",
        "--province",
        "QUANG_TRI",
        "--name",
        "Quảng Trị",
        "--admin",
        "admin.qt",
    ];
    ok_at(dir, url, &init, &format!("{PASSWORD}\n"));
    let board_account = [
        "user",
        "add",
        "board.qt",
        "--role",
        "BOARD",
        "--province",
        "QUANG_TRI",
    ];
    ok_at(dir, url, &board_account, &format!("{PASSWORD}\n"));
    history_files(dir);
    for (kind, rows) in [
        ("units", 1000),
        ("persons", 20_000),
        ("awards", 20_350),
        ("initiatives", 100),
    ] {
        let file = format!("{kind}.csv");
        let args = ["import", kind, &file, "--province", "QUANG_TRI"];
        let out = ok_at(dir, url, &args, "");
        assert!(out.contains(&format!("{rows} written")), "{kind}: {out}");
    }
    let out = ok_at(
        dir,
        url,
        &[
            "report",
            "0603",
            "--province",
            "QUANG_TRI",
            "--year",
            "2025",
            "--output",
            "0603.xlsx",
        ],
        "",
    );
    assert!(out.contains("0603.N/BNV-TĐKT"), "{out}");

    let (child, address) = serve(dir, url);
    let board = login(&address, "board.qt", PASSWORD)
        .await
        .expect("board signs in");
    // Eligibility reads the imported streak: three years of Chiến sĩ thi đua cơ sở and a
    // provincial initiative make person 0 a provincial emulation fighter of 2025; person
    // 200 has Lao động tiên tiến only.
    let eligibility = "query($id: ID!) { eligibility(awardTypeCode: \"CHIEN_SI_THI_DUA_TINH\", recipientId: $id, year: 2025) { eligible checks { rule passed detail } } }";
    let (_, body) = post(
        &address,
        Some(&board),
        "{ persons(filter: { unitCode: \"QT-U0001\" }, first: 100) { nodes { id fullName } } }",
        json!({}),
    )
    .await;
    let nodes = body["data"]["persons"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let id_of = |name: &str| {
        nodes
            .iter()
            .find(|n| n["fullName"] == name)
            .map(|n| n["id"].clone())
            .unwrap_or_else(|| panic!("no {name}: {body}"))
    };
    let (_, report) = post(
        &address,
        Some(&board),
        eligibility,
        json!({ "id": id_of("Người thứ 0") }),
    )
    .await;
    assert_eq!(report["data"]["eligibility"]["eligible"], true, "{report}");
    let (_, report) = post(
        &address,
        Some(&board),
        eligibility,
        json!({ "id": id_of("Người thứ 999") }),
    )
    .await;
    assert_eq!(report["data"]["eligibility"]["eligible"], false, "{report}");

    // The three forms of 2025 (1/12/2024 to 30/11/2025).
    let get = |form: &str| {
        let url = format!("http://{address}/reports/{form}.xlsx?province=QUANG_TRI&year=2025");
        let board = board.clone();
        async move {
            let response = reqwest::Client::new()
                .get(url)
                .bearer_auth(board)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            crate::reports::xlsx_rows(&response.bytes().await.unwrap())
        }
    };
    let line = |rows: &[Vec<String>], code: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r.get(1).map(String::as_str) == Some(code))
            .unwrap_or_else(|| panic!("no line {code}"))
            .clone()
    };
    let provincial = get("0603").await;
    // The Chairman's 50 certificates of merit, to individuals; a head of division among
    // every 20 persons (100, 120, 140).
    assert_eq!(line(&provincial, "01")[3..5], ["50", "50"]);
    assert_eq!(line(&provincial, "05")[3], "50");
    assert_eq!(line(&provincial, "09")[3], "3");
    assert_eq!(line(&provincial, "10")[3], "47");
    let state = get("0602").await;
    assert_eq!(line(&state, "01")[3], "0");
    let movements = get("0601").await;
    assert_eq!(line(&movements, "01")[2], "0");
    child_stop(child);
}

#[tokio::test]
async fn the_board_lists_the_accounts_it_manages() {
    let app = TestApp::with_demo().await;
    const USERS: &str =
        "{ users(first: 100) { totalCount nodes { username role disabled province { code } } } }";
    let board = app.data_as("board.camau", USERS, json!({})).await;
    let nodes = board["users"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty(), "{board}");
    assert!(
        nodes
            .iter()
            .all(|n| n["role"] == "UNIT_OFFICER" && n["province"]["code"] == "CA_MAU"),
        "{board}"
    );
    assert!(nodes.iter().any(|n| n["username"] == "officer.cm-skhcn"));
    assert_eq!(board["users"]["totalCount"], nodes.len());
    let admin = app.data_as("admin", USERS, json!({})).await;
    let everyone = admin["users"]["nodes"].as_array().unwrap();
    assert!(everyone.iter().any(|n| n["username"] == "board.hanam"));
    assert!(everyone.len() > nodes.len());
    for username in ["officer.cm-skhcn", "partner.demo"] {
        let token = app.token(username).await;
        let (_, body) = app.post_as(&token, USERS, json!({})).await;
        assert_eq!(codes(&body), ["FORBIDDEN"], "{username}: {body}");
    }
    let (_, body) = app.post(USERS, json!({})).await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body}");
}
