//! Every example of the README works as written against a fresh demo: its GraphQL blocks run
//! in order (each operation as the user its `# as <username>` line names, or without a token)
//! and its shell blocks' `curl … -d '<body>'` requests run as the user whose token the block
//! took; none answers with an error or a user error.

use serde_json::Value;

use crate::common::TestApp;

/// One request of the README, with the line it starts on.
#[derive(Debug)]
struct Example {
    line: usize,
    user: Option<String>,
    body: Value,
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The fenced blocks of `text` with the given info string, each with its first line number.
fn blocks<'a>(text: &'a str, info: &str) -> Vec<(usize, Vec<&'a str>)> {
    let mut found = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (number, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim() == format!("```{info}") => current = Some((number + 2, Vec::new())),
            Some(_) if line.trim() == "```" => found.push(current.take().unwrap()),
            Some((_, lines)) => lines.push(line),
            None => {}
        }
    }
    found
}

/// The operations of a GraphQL block: each starts at a line beginning with `{`, `query` or
/// `mutation` and runs until its braces close.
fn graphql_examples(start: usize, lines: &[&str]) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut user = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(name) = line.strip_prefix("# as ") {
            user = Some(name.trim().to_owned());
        }
        if line.starts_with('{') || line.starts_with("query") || line.starts_with("mutation") {
            let first = i;
            let mut depth = 0i32;
            let mut text = String::new();
            loop {
                let part = lines[i];
                depth += part.matches('{').count() as i32 - part.matches('}').count() as i32;
                text.push_str(part);
                text.push('\n');
                if depth <= 0 || i + 1 == lines.len() {
                    break;
                }
                i += 1;
            }
            examples.push(Example {
                line: start + first,
                user: user.clone(),
                body: serde_json::json!({ "query": text }),
            });
        }
        i += 1;
    }
    examples
}

/// The requests of a shell block: the `-d '<json>'` bodies of its `curl` commands, with the
/// token of the last `token --user <name>` (or `login` of `username: <name>`) before them
/// when the command sends `$TOKEN`.
fn shell_examples(start: usize, lines: &[&str]) -> Vec<Example> {
    let text = lines.join("\n");
    let mut examples = Vec::new();
    let mut signed_in: Option<String> = None;
    // Requests, in order, each with the user in force where its curl command starts.
    let mut user_at: Vec<(usize, Option<String>)> = Vec::new();
    let mut current: Option<String> = None;
    let mut position = 0;
    for line in lines {
        if let Some(at) = line.find("--user ") {
            current = line[at + 7..]
                .split_whitespace()
                .next()
                .map(|u| u.trim_end_matches(')').to_owned());
        }
        if line.trim_start().starts_with("TOKEN=…") {
            current = signed_in.clone();
        }
        if let Some(at) = line.find("username: \\\"") {
            signed_in = line[at + 12..].split("\\\"").next().map(str::to_owned);
        }
        user_at.push((position, current.clone()));
        position += line.len() + 1;
    }
    let mut rest = 0;
    while let Some(found) = text[rest..].find("curl ") {
        let at = rest + found;
        let Some(data) = text[at..].find(" -d '") else {
            break;
        };
        let body_start = at + data + 5;
        let body_end = body_start + text[body_start..].find('\'').expect("a closing quote");
        let command = &text[at..body_start];
        let line_index = text[..at].matches('\n').count();
        let user = if command.contains("$TOKEN") {
            user_at[line_index].1.clone()
        } else {
            None
        };
        let body: Value = serde_json::from_str(&text[body_start..body_end].replace("\n  ", " "))
            .unwrap_or_else(|e| panic!("README line {}: not JSON: {e}", start + line_index));
        examples.push(Example {
            line: start + line_index,
            user,
            body,
        });
        rest = body_end;
    }
    examples
}

/// The user errors anywhere in `data`.
fn user_errors(value: &Value, found: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "userErrors" {
                    found.extend(inner.as_array().into_iter().flatten().cloned());
                } else {
                    user_errors(inner, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| user_errors(item, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_readme_example_works_as_written() {
    let app = TestApp::with_demo().await;
    let text = readme();
    let mut examples = Vec::new();
    for (start, lines) in blocks(&text, "sh") {
        examples.extend(shell_examples(start, &lines));
    }
    for (start, lines) in blocks(&text, "graphql") {
        examples.extend(graphql_examples(start, &lines));
    }
    assert!(
        examples.len() >= 25,
        "only {} examples were found",
        examples.len()
    );
    for example in examples {
        let mut request = app.client.post(app.graphql_url()).json(&example.body);
        if let Some(user) = &example.user {
            request = request.bearer_auth(app.token(user).await);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 200, "README line {}: {body}", example.line);
        assert!(
            body.get("errors").is_none(),
            "README line {} ({:?}): {body}",
            example.line,
            example.user
        );
        let mut problems = Vec::new();
        user_errors(&body["data"], &mut problems);
        assert!(
            problems.is_empty(),
            "README line {} ({:?}): {body}",
            example.line,
            example.user
        );
    }
}
