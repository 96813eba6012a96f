//! Every message a client can read is written in Vietnamese too (shared/DOMAIN.md's officers
//! read them): a scan of `src/` finds each call that raises a message ([`RAISERS`]) outside
//! the `#[cfg(test)]` modules and refuses one whose message is a string literal or a
//! `format!` (English only, whatever the request's language), and checks each `tr!` pair: a
//! Vietnamese text that is not the English one, has diacritics, is in Unicode NFC and uses the
//! same values (`{code}`; `{x_en}` in English stands for `{x_vi}` in Vietnamese).

use std::{collections::BTreeSet, path::Path};

use unicode_normalization::is_nfc;

/// A call that raises a client-visible message, and which of its arguments the message is.
struct Raiser {
    call: &'static str,
    message: usize,
}

/// The calls whose message a client reads. A message built elsewhere reaches them as a
/// `Text` (a helper's return value), which the compiler checks.
const RAISERS: &[Raiser] = &[
    Raiser {
        call: "UserProblem::new(",
        message: 1,
    },
    Raiser {
        call: "AppError::new(",
        message: 1,
    },
    Raiser {
        call: "AppError::bad_input(",
        message: 0,
    },
    Raiser {
        call: "AppError::not_found(",
        message: 0,
    },
    // The local helpers of `clusters::cycle` and `awards::records`.
    Raiser {
        call: "problem(",
        message: 1,
    },
    // The refusals of the HTTP layer (`web::graphql`, `api::errors`).
    Raiser {
        call: "refuse(",
        message: 3,
    },
    Raiser {
        call: "request_error(",
        message: 1,
    },
    // Errors made straight in async-graphql's types get their message rendered already.
    Raiser {
        call: "ServerError::new(",
        message: 0,
    },
    Raiser {
        call: "async_graphql::Error::new(",
        message: 0,
    },
];

/// One call found, where, and its message argument as written.
#[derive(Debug)]
struct Found {
    place: String,
    call: &'static str,
    message: String,
}

/// Which bytes of `source` are code: not in a comment, a string or a char literal, nor in
/// an item under `#[cfg(test)]`.
fn code_mask(source: &str) -> Vec<bool> {
    let bytes = source.as_bytes();
    let mut code = vec![true; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(bytes.len(), |n| i + n);
            code[i..end].fill(false);
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(bytes.len(), |n| i + n + 2);
            code[i..end].fill(false);
            i = end;
        } else if let Some(hashes) = raw_string_start(rest) {
            let opening = 2 + hashes;
            let closing = format!("\"{}", "#".repeat(hashes));
            let end = rest[opening..]
                .find(&closing)
                .map_or(bytes.len(), |n| i + opening + n + closing.len());
            code[i..end].fill(false);
            i = end;
        } else if bytes[i] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(bytes.len());
            code[i..end].fill(false);
            i = end;
        } else if bytes[i] == b'\'' {
            // A char literal ('a', '\n', '\u{1F600}', 'đ'); anything else is a lifetime.
            let end = if rest[1..].starts_with('\\') {
                rest[2..].find('\'').map(|n| i + 2 + n + 1)
            } else {
                rest[1..]
                    .chars()
                    .next()
                    .filter(|c| rest[1 + c.len_utf8()..].starts_with('\''))
                    .map(|c| i + 1 + c.len_utf8() + 1)
            };
            match end {
                Some(end) => {
                    code[i..end].fill(false);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    // Items under `#[cfg(test)]`: up to the `;` that ends it or over the braces of its body.
    let mut from = 0;
    while let Some(at) = find_code(source, &code, "#[cfg(test)]", from) {
        let mut j = at + "#[cfg(test)]".len();
        while j < bytes.len() && !(code[j] && (bytes[j] == b'{' || bytes[j] == b';')) {
            j += 1;
        }
        let end = if j < bytes.len() && bytes[j] == b'{' {
            closing(bytes, &code, j, b'{', b'}').map_or(bytes.len(), |c| c + 1)
        } else {
            (j + 1).min(bytes.len())
        };
        code[at..end].fill(false);
        from = end;
    }
    code
}

/// The number of `#` of a raw string literal starting `rest` (`r"…"`, `r#"…"#`), if one does.
fn raw_string_start(rest: &str) -> Option<usize> {
    let after_r = rest.strip_prefix('r')?;
    let hashes = after_r.bytes().take_while(|b| *b == b'#').count();
    after_r[hashes..].starts_with('"').then_some(hashes)
}

/// The first place from `from` on where `needle` begins in code.
fn find_code(source: &str, code: &[bool], needle: &str, from: usize) -> Option<usize> {
    let mut from = from;
    while let Some(n) = source.get(from..)?.find(needle) {
        let at = from + n;
        if code[at] {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The index of the bracket that closes the one at `open`.
fn closing(bytes: &[u8], code: &[bool], open: usize, left: u8, right: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (j, b) in bytes.iter().enumerate().skip(open) {
        if !code[j] {
            continue;
        }
        if *b == left {
            depth += 1;
        } else if *b == right {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// The arguments of the call whose `(` is at `open`, as written, split at its top-level
/// commas.
fn arguments(source: &str, code: &[bool], open: usize) -> Vec<String> {
    let bytes = source.as_bytes();
    let Some(close) = closing(bytes, code, open, b'(', b')') else {
        return Vec::new();
    };
    let mut args = Vec::new();
    let mut depth = 0i32;
    let mut start = open + 1;
    for j in open + 1..close {
        if !code[j] {
            continue;
        }
        match bytes[j] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                args.push(source[start..j].trim().to_owned());
                start = j + 1;
            }
            _ => {}
        }
    }
    let last = source[start..close].trim();
    if !last.is_empty() {
        args.push(last.to_owned());
    }
    args
}

/// The raising calls of one file's `source` (named `name`).
fn raising_calls(name: &str, source: &str) -> Vec<Found> {
    let code = code_mask(source);
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    for raiser in RAISERS {
        let mut from = 0;
        while let Some(at) = find_code(source, &code, raiser.call, from) {
            from = at + raiser.call.len();
            // A whole name (not `no_problem(`), called as a function (not `.refuse(`), not
            // the function's own definition (`fn problem(`).
            let before = source[..at].trim_end();
            let glued = at
                .checked_sub(1)
                .map(|b| bytes[b])
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b':');
            if glued || before.ends_with("fn") {
                continue;
            }
            let args = arguments(source, &code, from - 1);
            let line = source[..at].matches('\n').count() + 1;
            found.push(Found {
                place: format!("{name}:{line}"),
                call: raiser.call,
                message: args.get(raiser.message).cloned().unwrap_or_default(),
            });
        }
    }
    found
}

/// Whether a message argument is English only: a string literal, or text formatted or
/// converted on the spot.
fn untranslated(message: &str) -> bool {
    let message = message.trim_start_matches('&');
    message.starts_with('"')
        || raw_string_start(message).is_some()
        || message.starts_with("format!")
        || message.starts_with("String::from")
        || message.ends_with(".to_owned()")
        || message.ends_with(".to_string()")
        || message.ends_with(".into()")
}

/// The `tr!` pairs of `source`, with their place: (place, English, Vietnamese), the two
/// literals as written between their quotes.
fn translations(name: &str, source: &str) -> Vec<(String, String, String)> {
    let code = code_mask(source);
    let mut pairs = Vec::new();
    let mut from = 0;
    while let Some(at) = find_code(source, &code, "tr!(", from) {
        from = at + 4;
        // The macro itself, and names that end in `tr` (`include_str!`).
        let glued = at
            .checked_sub(1)
            .map(|b| source.as_bytes()[b])
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
        if glued || source[..at].ends_with("macro_rules! ") {
            continue;
        }
        let args = arguments(source, &code, at + 3);
        let line = source[..at].matches('\n').count() + 1;
        let literal = |i: usize| {
            args.get(i)
                .and_then(|a| a.strip_prefix('"'))
                .and_then(|a| a.strip_suffix('"'))
                .map(str::to_owned)
        };
        match (literal(0), literal(1)) {
            (Some(en), Some(vi)) => pairs.push((format!("{name}:{line}"), en, vi)),
            _ => pairs.push((format!("{name}:{line}"), String::new(), String::new())),
        }
    }
    pairs
}

/// The values a format string uses, `_en`/`_vi` (and `en`/`vi`) taken as the same value.
fn placeholders(format: &str) -> BTreeSet<String> {
    let escaped = format.replace("{{", "").replace("}}", "");
    let mut names = BTreeSet::new();
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let name = inner.split(':').next().unwrap_or("");
        let name = name
            .strip_suffix("_en")
            .or_else(|| name.strip_suffix("_vi"))
            .unwrap_or(name);
        let name = if name == "en" || name == "vi" {
            ""
        } else {
            name
        };
        names.insert(name.to_owned());
        rest = &rest[open + close + 1..];
    }
    names
}

/// Every `.rs` file under `dir`, with its path from the crate's root.
fn sources(dir: &Path, root: &Path, files: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, root, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            files.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

fn server_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), root, &mut files);
    files
}

#[test]
fn every_message_a_client_reads_has_its_vietnamese() {
    let mut calls = Vec::new();
    for (name, source) in server_sources() {
        calls.extend(raising_calls(&name, &source));
    }
    // The scan sees what it should: a few hundred calls, each kind of raiser among them.
    assert!(calls.len() > 150, "only {} calls found", calls.len());
    for raiser in [
        "UserProblem::new(",
        "AppError::bad_input(",
        "refuse(",
        "problem(",
    ] {
        assert!(calls.iter().any(|c| c.call == raiser), "no {raiser}");
    }
    let english_only: Vec<String> = calls
        .iter()
        .filter(|c| c.message.is_empty() || untranslated(&c.message))
        .map(|c| format!("{} {} {}", c.place, c.call, c.message))
        .collect();
    assert!(
        english_only.is_empty(),
        "messages without their Vietnamese (write them with crate::tr!):\n{}",
        english_only.join("\n")
    );
}

#[test]
fn every_translation_is_vietnamese_in_nfc_with_the_same_values() {
    let mut pairs = Vec::new();
    for (name, source) in server_sources() {
        pairs.extend(translations(&name, &source));
    }
    assert!(pairs.len() > 150, "only {} tr! pairs found", pairs.len());
    let mut wrong = Vec::new();
    for (place, en, vi) in &pairs {
        if en.is_empty() || vi.is_empty() {
            wrong.push(format!("{place}: tr! takes two string literals"));
            continue;
        }
        if en == vi || vi.is_ascii() {
            wrong.push(format!("{place}: not Vietnamese: {vi}"));
        }
        if !is_nfc(vi) {
            wrong.push(format!("{place}: not in NFC: {vi}"));
        }
        if placeholders(en) != placeholders(vi) {
            wrong.push(format!(
                "{place}: other values than the English: {en} / {vi}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scan_sees_an_untranslated_message() {
    let source = r##"
        use crate::error::UserProblem;
        /// A doc comment naming UserProblem::new(&[], "not code", X) is not a call.
        fn problem(field: &[&str], message: impl Into<Text>, code: UserErrorCode) -> Vec<UserProblem> {
            vec![UserProblem::new(field, message, code)]
        }
        fn raise(code: &str, lifetime: &'static str) {
            let quote = '"';
            problems.push(UserProblem::new(&["code", &i.to_string()], format!("{code} is listed twice."), X));
            problems.push(UserProblem::new(&["code"], crate::tr!("Ok {code}.", "Được {code}."), X));
            let s = "AppError::bad_input(\"inside a string\")";
            let r = r#"AppError::new(Conflict, "inside a raw string")"#;
            return Err(AppError::bad_input("`first` or `last`"));
            return Err(AppError::new(ErrorCode::Conflict, "Changed meanwhile.".to_owned()));
            return Ok(Err(problem(&["year"], "No such year.", X)));
            session.refuse(CLOSE, &reason);
            refuse(StatusCode::BAD_REQUEST, media, ErrorCode::BadUserInput, "The body is not JSON.");
        }
        #[cfg(test)]
        mod tests {
            fn t() {
                let p = UserProblem::new(&[], "tests may say anything", X);
            }
        }
    "##;
    let found = raising_calls("sample.rs", source);
    let messages: Vec<(&str, &str)> = found.iter().map(|f| (f.call, f.message.as_str())).collect();
    assert_eq!(
        messages,
        [
            ("UserProblem::new(", "message"),
            ("UserProblem::new(", "format!(\"{code} is listed twice.\")"),
            (
                "UserProblem::new(",
                "crate::tr!(\"Ok {code}.\", \"Được {code}.\")"
            ),
            ("AppError::new(", "\"Changed meanwhile.\".to_owned()"),
            ("AppError::bad_input(", "\"`first` or `last`\""),
            ("problem(", "\"No such year.\""),
            ("refuse(", "\"The body is not JSON.\""),
        ],
        "{found:#?}"
    );
    let untranslated: Vec<bool> = found.iter().map(|f| untranslated(&f.message)).collect();
    assert_eq!(untranslated, [false, true, false, true, true, true, true]);
    assert_eq!(found[1].place, "sample.rs:9");

    let pairs = translations("sample.rs", source);
    assert_eq!(
        pairs,
        [(
            "sample.rs:10".to_owned(),
            "Ok {code}.".to_owned(),
            "Được {code}.".to_owned()
        )]
    );
    assert_eq!(
        placeholders("{a} {b_en} {{x}} {c:>4}"),
        placeholders("{c} {b_vi} {a}")
    );
    assert_ne!(
        placeholders("No unit {code}."),
        placeholders("Không có đơn vị.")
    );
}
