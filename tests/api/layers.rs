//! Dependencies point one way: domain ← GraphQL ← HTTP. The domain files of each part of the
//! domain (its rules, operations and database access) know nothing of GraphQL or HTTP, and
//! never call into a GraphQL file; the GraphQL faces are `graphql.rs` and `mutations.rs` (and,
//! in `awards`, the GraphQL files of nominations and statistics).

use std::path::Path;

/// The folders of `src/` that hold the domain; `api` (the GraphQL schema's plumbing) and
/// `web` (HTTP) are the outer layers.
const DOMAIN: [&str; 15] = [
    "access",
    "audit",
    "awards",
    "clusters",
    "conferences",
    "council",
    "demo",
    "dossiers",
    "identity",
    "imports",
    "movements",
    "organisation",
    "performance",
    "reports",
    "terms",
];

/// GraphQL faces, by file name, besides `graphql.rs` and `mutations.rs`.
const GRAPHQL_FACES: [&str; 4] = [
    "awards/money_graphql.rs",
    "awards/nominations.rs",
    "awards/rules_graphql.rs",
    "awards/statistics.rs",
];

/// What a domain file may not name.
const OUTER: [&str; 9] = [
    "async_graphql",
    "axum",
    "crate::api",
    "crate::web",
    "graphql::",
    "mutations::",
    "nominations::",
    "statistics::",
    "tower_http",
];

fn is_graphql_face(folder: &str, file: &str) -> bool {
    file == "graphql.rs"
        || file == "mutations.rs"
        || GRAPHQL_FACES.contains(&format!("{folder}/{file}").as_str())
}

#[test]
fn domain_files_know_nothing_of_graphql_or_http() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut read = 0;
    let mut offences = Vec::new();
    for folder in DOMAIN {
        for entry in std::fs::read_dir(src.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if !file.ends_with(".rs") || is_graphql_face(folder, &file) {
                continue;
            }
            read += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for outer in OUTER {
                    if code.contains(outer) {
                        offences.push(format!("src/{folder}/{file}:{}: {outer}", number + 1));
                    }
                }
            }
        }
    }
    assert!(read >= 20, "only {read} domain files were read");
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn the_check_sees_an_offence() {
    // The same scan over a line as a domain file could write it.
    let line = "use crate::awards::graphql::recipient_of;";
    assert!(OUTER.iter().any(|outer| line.contains(outer)));
    assert!(!is_graphql_face("awards", "workflow.rs"));
    assert!(is_graphql_face("awards", "nominations.rs"));
}

/// Where a transaction may begin or commit: the runner, the connection model, and the
/// start-up sync of the shipped award catalogue and rules (no viewer, no audit).
const MAY_BEGIN: [&str; 3] = ["src/work.rs", "src/db.rs", "src/awards/store.rs"];

/// What beginning or committing a transaction looks like.
const BEGINS: [&str; 5] = [
    "begin_write(",
    "TransactionTrait::begin",
    ".begin().await",
    ".commit().await",
    "DatabaseTransaction::new",
];

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_write_runs_through_the_runner() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(
        files.len() >= 60,
        "only {} source files were read",
        files.len()
    );
    let mut offences = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if MAY_BEGIN.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for begin in BEGINS {
                if code.contains(begin) {
                    offences.push(format!("{name}:{}: {begin}", number + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

/// Whether `code` calls a function of a GraphQL file by path (`x::graphql::f(`), as opposed
/// to naming one of its object types (`x::graphql::Unit`), which the schema's graph needs.
fn calls_into_graphql(code: &str) -> bool {
    ["graphql::", "nominations::", "statistics::", "mutations::"]
        .iter()
        .any(|face| {
            code.match_indices(face).any(|(at, _)| {
                let before = &code[..at];
                let after = &code[at + face.len()..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                !before.ends_with("async_")
                    && !before.ends_with("async_graphql::")
                    && name.starts_with(|c: char| c.is_ascii_lowercase())
                    && after[name.len()..].starts_with('(')
            })
        })
}

/// GraphQL files share object types, not helpers: a resolver calls the domain, `access` and
/// `api`, never a function of another part's GraphQL file (helpers they share live in `api`).
#[test]
fn graphql_files_call_no_other_graphql_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut read = 0;
    let mut offences = Vec::new();
    for folder in DOMAIN {
        for entry in std::fs::read_dir(src.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if !is_graphql_face(folder, &file) {
                continue;
            }
            read += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if calls_into_graphql(code) {
                    offences.push(format!(
                        "src/{folder}/{file}:{}: {}",
                        number + 1,
                        code.trim()
                    ));
                }
            }
        }
    }
    assert!(read >= 12, "only {read} GraphQL files were read");
    assert!(offences.is_empty(), "{offences:#?}");
    assert!(calls_into_graphql(
        "crate::clusters::graphql::standings(ctx, self.0.id).await"
    ));
    assert!(!calls_into_graphql(
        "Ok(rows.into_iter().map(crate::awards::graphql::Award))"
    ));
    assert!(!calls_into_graphql("async_graphql::Result<()>"));
}
