//! What the operation document says, checked or applied around execution where async-graphql
//! does not follow the GraphQL specification by itself:
//! - a variable declared non-null without a default must be given, and not as `null`
//!   (async-graphql runs `$n: Int!` with `{"n": null}`);
//! - the root fields come back in the order the operation asked for them (the root types are
//!   merged from every part of the domain, and async-graphql answers a merged object's fields
//!   in the order of its parts).

use async_graphql::{
    parser::types::{ExecutableDocument, OperationDefinition, Selection, SelectionSet},
    Name, Value, Variables,
};

/// The operation `name` selects (or the first one), if the document has it.
pub fn operation<'a>(
    document: &'a ExecutableDocument,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    let mut operations = document.operations.iter();
    let (_, operation) = match name {
        Some(name) => operations.find(|(n, _)| n.is_some_and(|n| n.as_str() == name))?,
        None => operations.next()?,
    };
    Some(&operation.node)
}

/// The first variable of the operation that is declared non-null, has no default, and is
/// missing or `null` in `variables`.
pub fn missing_required_variable(
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
) -> Option<String> {
    let operation = operation(document, operation_name)?;
    operation
        .variable_definitions
        .iter()
        .map(|definition| &definition.node)
        .find(|definition| {
            !definition.var_type.node.nullable
                && definition.default_value.is_none()
                && matches!(
                    variables.get(definition.name.node.as_str()),
                    None | Some(Value::Null)
                )
        })
        .map(|definition| definition.name.node.to_string())
}

/// The response keys of the operation's root selection, in document order (fragments
/// expanded in place), taken before the document goes to execution.
pub fn root_order(document: &ExecutableDocument, operation_name: Option<&str>) -> Vec<Name> {
    let mut keys = Vec::new();
    if let Some(operation) = operation(document, operation_name) {
        root_keys(document, &operation.selection_set.node, &mut keys, 0);
    }
    keys
}

/// Puts the keys of `data` in the order `keys` gives (a key selected twice keeps its first
/// place). Keys `keys` does not name keep their relative order, after the others.
pub fn order_root_fields(keys: &[Name], data: &mut Value) {
    let Value::Object(map) = data else {
        return;
    };
    let mut rest = std::mem::take(map);
    for key in keys {
        if let Some((key, value)) = rest.shift_remove_entry(key.as_str()) {
            map.insert(key, value);
        }
    }
    map.extend(rest);
}

/// The response keys of `selection`, in document order. `depth` bounds fragment nesting; the
/// document passed the operation limits before it ran, so this never goes far.
fn root_keys(
    document: &ExecutableDocument,
    selection: &SelectionSet,
    keys: &mut Vec<Name>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    for item in &selection.items {
        match &item.node {
            Selection::Field(field) => keys.push(field.node.response_key().node.clone()),
            Selection::InlineFragment(fragment) => {
                root_keys(document, &fragment.node.selection_set.node, keys, depth + 1)
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    root_keys(document, &fragment.node.selection_set.node, keys, depth + 1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    #[test]
    fn a_required_variable_given_as_null_or_missing_is_named() {
        let document = parse_query("query Q($a: Int, $b: Int!, $c: Int! = 3) { x }").unwrap();
        let given = |json| Variables::from_json(json);
        assert_eq!(
            missing_required_variable(&document, None, &given(serde_json::json!({}))),
            Some("b".to_owned())
        );
        assert_eq!(
            missing_required_variable(&document, None, &given(serde_json::json!({"b": null}))),
            Some("b".to_owned())
        );
        assert_eq!(
            missing_required_variable(&document, None, &given(serde_json::json!({"b": 1}))),
            None
        );
    }

    #[test]
    fn root_keys_follow_the_document() {
        let document =
            parse_query("{ b ...F a: z ... on Query { c } } fragment F on Query { d b }").unwrap();
        let mut data = Value::from_json(serde_json::json!({
            "a": 1, "b": 2, "c": 3, "d": 4, "extra": 5
        }))
        .unwrap();
        order_root_fields(&root_order(&document, None), &mut data);
        let Value::Object(map) = data else {
            panic!("an object")
        };
        let keys: Vec<&str> = map.keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["b", "d", "a", "c", "extra"]);
    }
}
