//! Every root connection batches what its nodes nest: the number of SQL statements of a page
//! does not grow with the page's size. Each connection is read with the fields a client nests
//! one or two levels under its nodes, with `first: 3` and with `first: 30`, by the board of the
//! synthetic province (a signed-in viewer, so no answer comes from the cache of public ones).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use entity::{
    app_user, attachment, audit_log, award, award_type, conference, conference_tally, dossier,
    dossier_event,
    enums::{
        AttachmentKind, ConferenceKind, DossierStatus, MovementKind, Role, TallyKind, TermKind,
    },
    movement, movement_registration, nomination, person_position, signing_right, term, unit,
};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde_json::json;

use crate::common::{Start, TestApp};

/// The small page and the large one.
const FEW: usize = 3;
const MANY: usize = 30;

/// A batch loader waits 1 ms for more keys, so on a busy machine a level can now and then
/// take two batches: the large page may take this many statements more than the small one.
const SLACK: usize = 3;

/// Rows made for the lists the synthetic province leaves empty or nearly so (it has three
/// accounts, one of them a unit officer the board manages, and no terms, positions,
/// movements, conferences, dossiers or audit records): more than the large page.
const MADE: i32 = 36;

/// A root connection and the document that reads it, with `$first` as its page size.
struct Case {
    field: &'static str,
    document: &'static str,
}

const CASES: &[Case] = &[
    Case {
        field: "users",
        document: "query($first: Int!) { users(first: $first) { totalCount nodes {
            username role disabled
            unit { code province { code } }
            province { code }
            canSign { code }
        } } }",
    },
    Case {
        field: "units",
        document: "query($first: Int!) { units(first: $first) { totalCount nodes {
            code name kind
            province { code }
            parent { code province { code } }
            children { code }
            standings { year rank cluster { code } }
        } } }",
    },
    Case {
        field: "persons",
        document: "query($first: Int!) { persons(first: $first) { totalCount nodes {
            fullName title
            unit { code province { code } }
            positions { title unit { code } term { name } }
        } } }",
    },
    Case {
        field: "terms",
        document: "query($first: Int!) { terms(first: $first) { totalCount nodes {
            name kind startYear endYear
            unit { code province { code } }
            province { code }
        } } }",
    },
    Case {
        field: "clusters",
        document: "query($first: Int!) { clusters(first: $first) { totalCount nodes {
            code name kind
            province { code }
            organiser { code }
            years { year status head { code } }
        } } }",
    },
    Case {
        field: "awards",
        document: "query($first: Int!) { awards(first: $first) { totalCount nodes {
            year kind
            awardType { code }
            recipient { ... on Person { fullName unit { code } } ... on Unit { code } }
            decision { number issuer { code } }
        } } }",
    },
    // A unit's persons hold awards of a year one year in four, by unit: of the first three
    // decisions signed in 2018 (for 2017), the third confers awards, so the small page loads
    // every level the large one does (of the first three decisions, for 2016, none does).
    Case {
        field: "decisions",
        document: "query($first: Int!) {
            decisions(first: $first, filter: { signedFrom: \"2018-01-01\" }) { totalCount nodes {
            number signedOn signerName
            issuer { code province { code } }
            totalAmount
            awards {
                year
                awardType { code }
                recipient { ... on Person { fullName } ... on Unit { code } }
            }
        } } }",
    },
    Case {
        field: "nominations",
        document: "query($first: Int!) { nominations(first: $first) { totalCount nodes {
            year status kind
            awardType { code }
            recipient { ... on Person { fullName unit { code } } ... on Unit { code } }
            proposedBy { code province { code } }
            proposedByClusterYear { year }
            dossier { title }
            decision { number }
            history { to actor }
        } } }",
    },
    Case {
        field: "dossiers",
        document: "query($first: Int!) { dossiers(first: $first) { totalCount nodes {
            number title status year
            proposingUnit { code province { code } }
            assignee
            waitingSince
            attachments { fileName }
            nominations {
                status
                awardType { code }
                recipient { ... on Person { fullName } ... on Unit { code } }
            }
            history { action actor }
        } } }",
    },
    Case {
        field: "movements",
        document: "query($first: Int!) { movements(first: $first) { totalCount nodes {
            name kind startOn
            launchingUnit { code }
            registrations { registeredOn unit { code } person { fullName } awardType { code } }
        } } }",
    },
    Case {
        field: "conferences",
        document: "query($first: Int!) { conferences(first: $first) { totalCount nodes {
            name kind heldOn
            host { code province { code } }
            period { name }
            tallies { kind individuals awardType { code } }
            awards {
                year
                awardType { code }
                recipient { ... on Person { fullName } ... on Unit { code } }
            }
        } } }",
    },
    Case {
        field: "auditLog",
        document: "query($first: Int!) { auditLog(first: $first) { totalCount nodes {
            at actor action objectType objectId before after
        } } }",
    },
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The id of the award type with this code.
async fn award_type_id(txn: &DatabaseTransaction, code: &str) -> i32 {
    award_type::Entity::find()
        .filter(award_type::Column::Code.eq(code))
        .one(txn)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no award type {code}"))
        .id
}

/// Adds to the synthetic province what its lists lack, so that every connection has more
/// rows than the large page and its nodes have something nested to load: unit officers with
/// signing rights, sub-units of the People's Committee, terms with persons' positions,
/// movements with registrations, conferences with tallies and awards, dossiers (one per
/// nomination, with an attachment and two steps) and audit records.
async fn add_missing_rows(app: &TestApp) {
    let now = Utc::now();
    let txn = app.db.begin().await.unwrap();
    let board = app_user::Entity::find()
        .filter(app_user::Column::Username.eq("board.syn01"))
        .one(&txn)
        .await
        .unwrap()
        .expect("the synthetic board account")
        .id;
    let chien_si = award_type_id(&txn, "CHIEN_SI_THI_DUA_CO_SO").await;
    let lao_dong = award_type_id(&txn, "LAO_DONG_TIEN_TIEN").await;
    let tap_the = award_type_id(&txn, "TAP_THE_LAO_DONG_XUAT_SAC").await;

    // Unit officers of units 3 and on (officer.syn01 has unit 2), each allowed to sign for
    // its unit.
    for i in 0..MADE {
        let unit_id = 3 + i;
        let user = app_user::Entity::insert(app_user::ActiveModel {
            username: Set(format!("officer.nested{i:02}")),
            password_hash: Set("not used: the test issues tokens".to_owned()),
            role: Set(Role::UnitOfficer),
            unit_id: Set(Some(unit_id)),
            province_id: Set(None),
            disabled_at: Set(None),
            demo: Set(true),
            created_at: Set(now),
            password_changed_at: Set(None),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap()
        .last_insert_id;
        signing_right::Entity::insert(signing_right::ActiveModel {
            user_id: Set(user),
            unit_id: Set(unit_id),
            granted_by_user_id: Set(Some(board)),
            granted_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap();
    }

    // The synthetic units have no parent: units 2 to 40 become sub-units of the People's
    // Committee (unit 1), so `parent` and `children` load something.
    unit::Entity::update_many()
        .col_expr(unit::Column::ParentId, Expr::value(1))
        .filter(unit::Column::Id.between(2, 40))
        .exec(&txn)
        .await
        .unwrap();

    // Terms: every third one the province's emulation period, the others a unit's
    // leadership term; person i (of unit i) holds a position in unit i, in its term if any.
    let mut unit_terms = HashMap::new();
    let mut period = None;
    for i in 1..=MADE {
        let provincial = i % 3 == 0;
        let id = term::Entity::insert(term::ActiveModel {
            kind: Set(if provincial {
                TermKind::EmulationPeriod
            } else {
                TermKind::Leadership
            }),
            name: Set(if provincial {
                format!("Giai đoạn 2021–2025 ({i})")
            } else {
                format!("Nhiệm kỳ 2021–2026 ({i})")
            }),
            unit_id: Set((!provincial).then_some(i)),
            province_id: Set(provincial.then_some(1)),
            start_year: Set(2021),
            end_year: Set(if provincial { 2025 } else { 2026 }),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap()
        .last_insert_id;
        if provincial {
            period.get_or_insert(id);
        } else {
            unit_terms.insert(i, id);
        }
    }
    for i in 1..=MADE {
        person_position::Entity::insert(person_position::ActiveModel {
            person_id: Set(i),
            unit_id: Set(i),
            term_id: Set(unit_terms.get(&i).copied()),
            title: Set("Trưởng phòng".to_owned()),
            start_on: Set(Some(day(2021, 6, 1))),
            end_on: Set(None),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap();
    }

    // Movements, each with a unit's and a person's registration.
    for i in 1..=MADE {
        let id = movement::Entity::insert(movement::ActiveModel {
            name: Set(format!("Phong trào thi đua số {i}")),
            kind: Set(if i % 2 == 0 {
                MovementKind::Thematic
            } else {
                MovementKind::Regular
            }),
            launching_unit_id: Set(i),
            start_on: Set(day(2025, 1, 1)),
            end_on: Set(Some(day(2025, 12, 31))),
            description: Set(Some(
                "Thi đua hoàn thành xuất sắc nhiệm vụ năm 2025".to_owned(),
            )),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap()
        .last_insert_id;
        for (unit_id, person_id, award_type_id) in [
            (Some(40 + i), None, tap_the),
            (None, Some(300 + i), chien_si),
        ] {
            movement_registration::Entity::insert(movement_registration::ActiveModel {
                movement_id: Set(id),
                unit_id: Set(unit_id),
                person_id: Set(person_id),
                award_type_id: Set(Some(award_type_id)),
                registered_on: Set(day(2025, 1, 15)),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await
            .unwrap();
        }
    }

    // Conferences of the emulation period, each with two tallies and two of the awards.
    for i in 1..=MADE {
        let id = conference::Entity::insert(conference::ActiveModel {
            kind: Set(ConferenceKind::AdvancedModel),
            name: Set(format!("Hội nghị điển hình tiên tiến số {i}")),
            held_on: Set(day(2025, 6, 1 + (i as u32) % 28)),
            host_unit_id: Set(i),
            term_id: Set(period),
            summary: Set(Some(
                "Tổng kết phong trào thi đua giai đoạn 2021–2025".to_owned(),
            )),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap()
        .last_insert_id;
        for (award_type_id, kind, collectives, individuals) in [
            (lao_dong, TallyKind::Given, 0, 20),
            (chien_si, TallyKind::Proposed, 0, 5),
        ] {
            conference_tally::Entity::insert(conference_tally::ActiveModel {
                conference_id: Set(id),
                award_type_id: Set(award_type_id),
                kind: Set(kind),
                collectives: Set(collectives),
                individuals: Set(individuals),
                ..Default::default()
            })
            .exec(&txn)
            .await
            .unwrap();
        }
        award::Entity::update_many()
            .col_expr(award::Column::ConferenceId, Expr::value(id))
            .filter(award::Column::Id.is_in([2 * i - 1, 2 * i]))
            .exec(&txn)
            .await
            .unwrap();
    }

    // A submitted dossier for each of the first nominations, by its proposing unit, held by
    // the board, with its letter and its two steps.
    let nominations = nomination::Entity::find()
        .filter(nomination::Column::Id.lte(MADE))
        .order_by_asc(nomination::Column::Id)
        .all(&txn)
        .await
        .unwrap();
    assert_eq!(nominations.len(), MADE as usize);
    for (i, n) in (1..).zip(&nominations) {
        let id = dossier::Entity::insert(dossier::ActiveModel {
            province_id: Set(n.province_id),
            proposing_unit_id: Set(n.proposed_by_unit_id.expect("a proposing unit")),
            title: Set(format!("Đề nghị khen thưởng năm {}", n.year)),
            year: Set(n.year),
            commendation_kind: Set(n.commendation_kind),
            number: Set(Some(format!("{i}/TTr-TH"))),
            submitted_on: Set(Some(day(n.year + 1, 1, 10))),
            signer_name: Set(Some("Thủ trưởng đơn vị".to_owned())),
            status: Set(DossierStatus::Submitted),
            assignee_user_id: Set(Some(board)),
            version: Set(2),
            created_by_user_id: Set(Some(board)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap()
        .last_insert_id;
        for (action, from, to, assignee) in [
            ("createDossier", None, DossierStatus::Draft, None),
            (
                "submitDossier",
                Some(DossierStatus::Draft),
                DossierStatus::Submitted,
                Some(board),
            ),
        ] {
            dossier_event::Entity::insert(dossier_event::ActiveModel {
                dossier_id: Set(id),
                action: Set(action.to_owned()),
                from_status: Set(from),
                to_status: Set(to),
                actor_user_id: Set(Some(board)),
                assignee_user_id: Set(assignee),
                comment: Set(None),
                at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await
            .unwrap();
        }
        attachment::Entity::insert(attachment::ActiveModel {
            dossier_id: Set(Some(id)),
            nomination_id: Set(None),
            council_session_id: Set(None),
            kind: Set(AttachmentKind::SubmissionLetter),
            file_name: Set(format!("to-trinh-{i}.pdf")),
            content_type: Set("application/pdf".to_owned()),
            size: Set(1024),
            sha256: Set(format!("{i:064x}")),
            uploaded_by_user_id: Set(Some(board)),
            uploaded_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap();
        nomination::Entity::update_many()
            .col_expr(nomination::Column::DossierId, Expr::value(id))
            .filter(nomination::Column::Id.eq(n.id))
            .exec(&txn)
            .await
            .unwrap();
    }

    // Audit records of the province.
    for i in 1..=MADE {
        audit_log::Entity::insert(audit_log::ActiveModel {
            at: Set(now),
            actor_user_id: Set(Some(board)),
            actor: Set("board.syn01".to_owned()),
            action: Set("updateUnit".to_owned()),
            object_type: Set("Unit".to_owned()),
            object_id: Set(format!("S01-U{i:04}")),
            province_id: Set(Some(1)),
            before: Set(Some(json!({ "name": format!("Đơn vị {i}") }).to_string())),
            after: Set(Some(
                json!({ "name": format!("Đơn vị số {i}") }).to_string(),
            )),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
}

/// One page read: the statements of the cheapest of three runs, and the nodes returned.
struct Page {
    statements: Vec<String>,
    nodes: usize,
}

/// Reads `case` with `first` three times; the least statements of the three is the read's
/// real cost (a run may split a loader's batch in two). A GraphQL error is returned as such.
async fn read(app: &TestApp, token: &str, case: &Case, first: usize) -> Result<Page, String> {
    let mut least: Option<Page> = None;
    for _ in 0..3 {
        app.take_statements();
        let (status, body) = app
            .post_as(token, case.document, json!({ "first": first }))
            .await;
        let statements = app.take_statements();
        if status != 200 || body.get("errors").is_some() {
            return Err(format!("first: {first} answered {status}: {body:#}"));
        }
        let nodes = body["data"][case.field]["nodes"]
            .as_array()
            .map_or(0, Vec::len);
        if least
            .as_ref()
            .is_none_or(|l| statements.len() < l.statements.len())
        {
            least = Some(Page { statements, nodes });
        }
    }
    Ok(least.expect("three runs"))
}

/// How often each statement occurs, a list of parameters counted as one whatever its length
/// (`IN (?, ?, ?)`, `IN ($1, $2)`): a batch of thirty keys is the same statement as one of three.
fn tally(statements: &[String]) -> HashMap<String, usize> {
    let list = regex::Regex::new(r"\((?:\?|\$\d+)(?:, (?:\?|\$\d+))*\)").unwrap();
    let mut counts = HashMap::new();
    for s in statements {
        *counts
            .entry(list.replace_all(s, "(…)").into_owned())
            .or_insert(0) += 1;
    }
    counts
}

/// The statements that run more often for the large page than for the small one, most
/// repeated first: (times for the large page, times for the small one, text).
fn grown(few: &[String], many: &[String]) -> Vec<(usize, usize, String)> {
    let few = tally(few);
    let mut grown: Vec<(usize, usize, String)> = tally(many)
        .into_iter()
        .map(|(sql, n)| (n, few.get(&sql).copied().unwrap_or(0), sql))
        .filter(|(n, f, _)| n > f)
        .collect();
    grown.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    grown
}

#[tokio::test]
async fn no_root_connection_takes_more_statements_for_a_larger_page() {
    let app = TestApp::uncached(Start::Migrated).await;
    app.seed_synthetic_province().await;
    add_missing_rows(&app).await;
    let token = app.token("board.syn01").await;

    let mut failures = Vec::new();
    for case in CASES {
        let (few, many) = match (
            read(&app, &token, case, FEW).await,
            read(&app, &token, case, MANY).await,
        ) {
            (Ok(few), Ok(many)) => (few, many),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{}: {e}", case.field));
                continue;
            }
        };
        println!(
            "{:<12} first {FEW}: {:>3} statements, {:>2} nodes; first {MANY}: {:>3} statements, {:>2} nodes",
            case.field,
            few.statements.len(),
            few.nodes,
            many.statements.len(),
            many.nodes
        );
        if many.nodes <= few.nodes || few.nodes < FEW {
            failures.push(format!(
                "{}: the pages returned {} and {} nodes: nothing measured",
                case.field, few.nodes, many.nodes
            ));
        }
        if many.statements.len() > few.statements.len() + SLACK {
            let repeated = grown(&few.statements, &many.statements);
            let mut message = format!(
                "{}: {} statements for {} nodes, {} for {}; repeated:",
                case.field,
                few.statements.len(),
                few.nodes,
                many.statements.len(),
                many.nodes
            );
            for (n, f, sql) in repeated.iter().take(5) {
                message.push_str(&format!("\n    {n} times (for {FEW}: {f}): {sql}"));
            }
            failures.push(message);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} connections:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
