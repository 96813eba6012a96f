//! Dependencies point one way: domain ← GraphQL ← HTTP. The domain files of each part of the
//! domain (its rules, operations and database access) know nothing of GraphQL or HTTP, and
//! never call into a GraphQL file; the GraphQL faces are `graphql.rs` and `mutations.rs` (and,
//! in `awards`, the GraphQL files of nominations and statistics).

use std::path::Path;

/// The folders of `src/` that hold the domain; `api` (the GraphQL schema's plumbing) and
/// `web` (HTTP) are the outer layers.
const DOMAIN: [&str; 10] = [
    "access",
    "audit",
    "awards",
    "clusters",
    "conferences",
    "demo",
    "identity",
    "movements",
    "organisation",
    "terms",
];

/// GraphQL faces, by file name, besides `graphql.rs` and `mutations.rs`.
const GRAPHQL_FACES: [&str; 2] = ["awards/nominations.rs", "awards/statistics.rs"];

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
