//! What the operation document says, checked or applied around execution where async-graphql
//! does not follow the GraphQL specification by itself:
//! - a variable declared non-null without a default must be given, and not as `null`
//!   (async-graphql runs `$n: Int!` with `{"n": null}`);
//! - fields come back in the order the operation asked for them, at every level (async-graphql
//!   inserts a field's value when its resolver finishes, so a field that waits on a batch
//!   loader lands after one that did not, and the root types are merged from every part of
//!   the domain): [`order`] reads the order from the document before execution, [`apply`]
//!   puts the response in it.

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

/// The response keys a selection asks for, in document order (fragments expanded in place,
/// a key selected twice in its first place), each with what it asks of its value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Order(Vec<(Name, Order)>);

/// The order of the operation's response, read from the document before it goes to
/// execution. The document passed the operation limits, so this stays small.
pub fn order(document: &ExecutableDocument, operation_name: Option<&str>) -> Order {
    let mut order = Order::default();
    if let Some(operation) = operation(document, operation_name) {
        collect(document, &operation.selection_set.node, &mut order, 0);
    }
    order
}

/// Adds `selection`'s keys to `into`. `depth` bounds nesting (fragments and fields).
fn collect(
    document: &ExecutableDocument,
    selection: &SelectionSet,
    into: &mut Order,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    for item in &selection.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.clone();
                let at = match into.0.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        into.0.push((key, Order::default()));
                        into.0.len() - 1
                    }
                };
                collect(
                    document,
                    &field.node.selection_set.node,
                    &mut into.0[at].1,
                    depth + 1,
                );
            }
            Selection::InlineFragment(fragment) => {
                collect(document, &fragment.node.selection_set.node, into, depth + 1)
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    collect(document, &fragment.node.selection_set.node, into, depth + 1)
                }
            }
        }
    }
}

/// Puts every object of `value` in the keys' order `order` gives; keys it does not name
/// (none, in a response to its document) come after the others.
pub fn apply(order: &Order, value: &mut Value) {
    match value {
        Value::Object(map) if !order.0.is_empty() => {
            let mut rest = std::mem::take(map);
            for (key, inner) in &order.0 {
                if let Some((key, mut value)) = rest.swap_remove_entry(key.as_str()) {
                    apply(inner, &mut value);
                    map.insert(key, value);
                }
            }
            map.extend(rest);
        }
        Value::List(items) => {
            for item in items {
                apply(order, item);
            }
        }
        _ => {}
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
    fn keys_follow_the_document_at_every_level() {
        let document = parse_query(
            "{ b ...F a: z ... on Query { c } l { y x } } fragment F on Query { d b { q p } }",
        )
        .unwrap();
        let mut data = Value::from_json(serde_json::json!({
            "a": 1, "l": [{ "x": 1, "y": 2 }, { "x": 3, "y": 4 }], "b": { "p": 1, "q": 2 },
            "c": 3, "d": 4, "extra": 5
        }))
        .unwrap();
        apply(&order(&document, None), &mut data);
        // Serialized as the server sends it (async-graphql's values keep their order).
        assert_eq!(
            serde_json::to_string(&data).unwrap(),
            r#"{"b":{"q":2,"p":1},"d":4,"a":1,"c":3,"l":[{"y":2,"x":1},{"y":4,"x":3}],"extra":5}"#
        );
    }
}
