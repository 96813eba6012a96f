//! Operation limits (shared/API.md, "Operation limits"), checked on the parsed document before
//! async-graphql validates or runs it.
//!
//! async-graphql's own validation expands fragments as it goes (overlapping-fields checks,
//! complexity), so a small document whose fragments spread each other ten times per level
//! costs it time and memory exponential in the number of levels. This check walks the
//! document the same way but counts as it goes and stops at the first limit, so it costs at
//! most a few thousand steps whatever the document.
//!
//! What is counted, over every operation of the document (async-graphql validates them all,
//! not just the one that runs):
//! - fields once fragments are expanded (`__typename` too), at most [`Limits::fields`];
//! - aliases, expanded the same way, at most [`Limits::aliases`];
//! - root fields of each operation, at most [`Limits::root_fields`];
//! - depth, the nesting of fields (a root field is at depth 1), at most [`Limits::depth`];
//! - fragment spreads and inline fragments expanded, at most [`Limits::spreads`], so that
//!   fragments made only of spreads cannot make the walk long without adding fields.
//!
//! Introspection: fields below `__schema` and `__type` are exempt from the depth limit (the
//! standard introspection query nests `ofType` ten levels below `fields { type }`, 14 deep in
//! all) but count against the field and spread limits like any other, which bounds them.
//!
//! A spread of an unknown fragment is not followed: async-graphql's validation reports it. A
//! spread of a fragment already being expanded (a cycle) is refused here as `BAD_USER_INPUT`:
//! async-graphql's own recursion check, which runs before its validation, would otherwise
//! follow the cycle to its depth limit and report it as a limit.
//!
//! The HTTP layer runs the check on the document it parses once and hands to async-graphql,
//! so that nothing of async-graphql walks a document before it passed (its recursion check
//! walks every expansion). Other ways in (a subscription over WebSocket) are checked by the
//! error boundary's parse hook ([`super::errors::ErrorBoundary`]); [`Checked`] in the
//! request's data tells it the HTTP layer did it already.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

use crate::{error::ErrorCode, i18n::Text};

/// The numbers of the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub fields: usize,
    pub aliases: usize,
    pub root_fields: usize,
    pub depth: usize,
    pub spreads: usize,
}

/// The limits of shared/API.md.
pub const LIMITS: Limits = Limits {
    fields: 2_000,
    aliases: 30,
    root_fields: 20,
    depth: 12,
    spreads: 2_000,
};

/// Request data saying that the document's limits were checked already.
pub struct Checked;

/// Which limit a document goes over, or that a fragment spreads itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Fields,
    Aliases,
    RootFields,
    Depth,
    Spreads,
    FragmentCycle,
}

impl Exceeded {
    pub fn code(self) -> ErrorCode {
        match self {
            Exceeded::FragmentCycle => ErrorCode::BadUserInput,
            _ => ErrorCode::QueryTooComplex,
        }
    }

    /// The message a client sees.
    pub fn message(self, limits: &Limits) -> Text {
        let Limits {
            fields,
            aliases,
            root_fields,
            depth,
            spreads,
        } = *limits;
        match self {
            Exceeded::Fields => crate::tr!(
                "The query selects more than {fields} fields once fragments are expanded.",
                "Truy vấn chọn quá {fields} trường sau khi mở rộng các fragment."
            ),
            Exceeded::Aliases => crate::tr!(
                "The query uses more than {aliases} aliases.",
                "Truy vấn dùng quá {aliases} bí danh (alias)."
            ),
            Exceeded::RootFields => crate::tr!(
                "An operation selects more than {root_fields} root fields.",
                "Một thao tác chọn quá {root_fields} trường gốc."
            ),
            Exceeded::Depth => crate::tr!(
                "The query nests deeper than {depth} fields.",
                "Truy vấn lồng nhau sâu quá {depth} cấp trường."
            ),
            Exceeded::Spreads => crate::tr!(
                "The query expands more than {spreads} fragments.",
                "Truy vấn mở rộng quá {spreads} fragment."
            ),
            Exceeded::FragmentCycle => crate::tr!(
                "A fragment spreads itself, directly or through other fragments.",
                "Có fragment tự tham chiếu đến chính nó, trực tiếp hoặc qua các fragment khác."
            ),
        }
    }
}

/// Checks every operation of `document` against `limits`.
pub fn check(document: &ExecutableDocument, limits: &Limits) -> Result<(), Exceeded> {
    let mut walk = Walk {
        document,
        limits,
        fields: 0,
        aliases: 0,
        spreads: 0,
        expanding: Vec::new(),
    };
    for (_, operation) in document.operations.iter() {
        let mut root_fields = 0;
        walk.selection_set(
            &operation.node.selection_set.node,
            0,
            false,
            Some(&mut root_fields),
        )?;
    }
    Ok(())
}

/// The counts so far of one walk over a document.
struct Walk<'a> {
    document: &'a ExecutableDocument,
    limits: &'a Limits,
    fields: usize,
    aliases: usize,
    spreads: usize,
    /// The fragments being expanded, outermost first: a spread of one of them is a cycle.
    expanding: Vec<&'a str>,
}

impl<'a> Walk<'a> {
    /// Walks `set`, whose parent field is at `depth`; `introspection` when below `__schema` or
    /// `__type`; `root_fields` counts the fields of an operation's own selection set.
    fn selection_set(
        &mut self,
        set: &'a SelectionSet,
        depth: usize,
        introspection: bool,
        mut root_fields: Option<&mut usize>,
    ) -> Result<(), Exceeded> {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    bump(&mut self.fields, self.limits.fields, Exceeded::Fields)?;
                    if field.alias.is_some() {
                        bump(&mut self.aliases, self.limits.aliases, Exceeded::Aliases)?;
                    }
                    if let Some(count) = root_fields.as_deref_mut() {
                        bump(count, self.limits.root_fields, Exceeded::RootFields)?;
                    }
                    let depth = depth + 1;
                    let introspection =
                        introspection || matches!(field.name.node.as_str(), "__schema" | "__type");
                    if depth > self.limits.depth && !introspection {
                        return Err(Exceeded::Depth);
                    }
                    self.selection_set(&field.selection_set.node, depth, introspection, None)?;
                }
                Selection::FragmentSpread(spread) => {
                    bump(&mut self.spreads, self.limits.spreads, Exceeded::Spreads)?;
                    let name = &spread.node.fragment_name.node;
                    let Some(fragment) = self.document.fragments.get(name) else {
                        continue;
                    };
                    if self.expanding.contains(&name.as_str()) {
                        return Err(Exceeded::FragmentCycle);
                    }
                    self.expanding.push(name.as_str());
                    self.selection_set(
                        &fragment.node.selection_set.node,
                        depth,
                        introspection,
                        root_fields.as_deref_mut(),
                    )?;
                    self.expanding.pop();
                }
                Selection::InlineFragment(inline) => {
                    bump(&mut self.spreads, self.limits.spreads, Exceeded::Spreads)?;
                    self.selection_set(
                        &inline.node.selection_set.node,
                        depth,
                        introspection,
                        root_fields.as_deref_mut(),
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// Adds one to `count`; `exceeded` once it goes over `limit`.
fn bump(count: &mut usize, limit: usize, exceeded: Exceeded) -> Result<(), Exceeded> {
    *count += 1;
    if *count > limit {
        Err(exceeded)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn checked(query: &str) -> Result<(), Exceeded> {
        check(&parse_query(query).expect("parses"), &LIMITS)
    }

    /// Fragments `F0` … `F{levels-1}` each spreading the next ten times, `leaf` at the bottom.
    fn fragment_bomb(levels: usize, leaf: &str) -> String {
        let mut query = String::from("query { ...F0 }\n");
        for level in 0..levels - 1 {
            let spreads = format!("...F{} ", level + 1).repeat(10);
            query.push_str(&format!("fragment F{level} on Query {{ {spreads}}}\n"));
        }
        query.push_str(&format!("fragment F{} on Query {{ {leaf} }}\n", levels - 1));
        query
    }

    #[test]
    fn fragment_bombs_are_refused() {
        // The spreads are at the root: the 21st `__typename` is one root field too many, and
        // ten of them pass.
        assert_eq!(
            checked(&fragment_bomb(9, "__typename")),
            Err(Exceeded::RootFields)
        );
        // Below a root field, the 2,001st field is one too many.
        let nested = fragment_bomb(4, "a b c d e f g h i j").replacen(
            "query { ...F0 }",
            "query { x { ...F0 } }",
            1,
        );
        assert_eq!(checked(&nested), Err(Exceeded::Fields));
        assert_eq!(checked(&fragment_bomb(2, "__typename")), Ok(()));
    }

    #[test]
    fn fragments_of_spreads_only_are_bounded() {
        assert_eq!(
            checked(&fragment_bomb(9, "...Unknown")),
            Err(Exceeded::Spreads)
        );
    }

    #[test]
    fn fields_are_counted_after_expansion() {
        let leaves = "a b c d e f g h i j ".repeat(10);
        let query =
            format!("{{ ...A ...A }} fragment A on Query {{ x {{ {leaves} }} y {{ {leaves} }} }}");
        // 2 × (2 + 200) = 404 fields.
        assert_eq!(checked(&query), Ok(()));
        let query = query.replace("{ ...A ...A }", &format!("{{ {} }}", "...A ".repeat(10)));
        // 10 × 202 = 2,020 fields.
        assert_eq!(checked(&query), Err(Exceeded::Fields));
    }

    #[test]
    fn aliases_and_root_fields_are_limited() {
        let aliases: String = (0..31).map(|i| format!("a{i}: x {{ y }} ")).collect();
        assert_eq!(
            checked(&format!("{{ z {{ {aliases} }} }}")),
            Err(Exceeded::Aliases)
        );
        let roots: String = (0..21).map(|i| format!("f{i} ")).collect();
        assert_eq!(
            checked(&format!("{{ {roots} }}")),
            Err(Exceeded::RootFields)
        );
        let roots: String = (0..20).map(|i| format!("f{i} ")).collect();
        assert_eq!(checked(&format!("{{ {roots} }}")), Ok(()));
        // Root fields reached through a fragment count as root fields.
        let roots: String = (0..21).map(|i| format!("f{i} ")).collect();
        assert_eq!(
            checked(&format!("{{ ...R }} fragment R on Query {{ {roots} }}")),
            Err(Exceeded::RootFields)
        );
    }

    #[test]
    fn depth_counts_fields_not_fragments() {
        let nest = |n: usize| {
            let mut selection = String::from("leaf");
            for _ in 1..n {
                selection = format!("f {{ {selection} }}");
            }
            format!("{{ {selection} }}")
        };
        assert_eq!(checked(&nest(12)), Ok(()));
        assert_eq!(checked(&nest(13)), Err(Exceeded::Depth));
        let through_fragments = "{ a { ...B } } fragment B on A { b { ... on B { c } } }";
        assert_eq!(checked(through_fragments), Ok(()));
    }

    #[test]
    fn introspection_is_exempt_from_depth_only() {
        let mut selection = String::from("name");
        for _ in 0..20 {
            selection = format!("ofType {{ {selection} }}");
        }
        assert_eq!(
            checked(&format!("{{ __type(name: \"Unit\") {{ {selection} }} }}")),
            Ok(())
        );
        assert_eq!(
            checked(&format!("{{ __schema {{ types {{ {selection} }} }} }}")),
            Ok(())
        );
        let wide = "name ".repeat(2_001);
        assert_eq!(
            checked(&format!("{{ __schema {{ types {{ {wide} }} }} }}")),
            Err(Exceeded::Fields)
        );
    }

    #[test]
    fn the_standard_introspection_query_passes() {
        let query = include_str!("../../tests/api/fixtures/introspection_graphql_js_16.graphql");
        assert_eq!(checked(query), Ok(()));
    }

    #[test]
    fn cycles_are_refused_and_unknown_fragments_left_to_validation() {
        assert_eq!(
            checked("{ ...A } fragment A on Query { x ...B } fragment B on Query { ...A }"),
            Err(Exceeded::FragmentCycle)
        );
        assert_eq!(
            checked("{ ...A ...A } fragment A on Query { x { ...B } } fragment B on X { y }"),
            Ok(())
        );
        assert_eq!(checked("{ ...Missing }"), Ok(()));
    }

    #[test]
    fn every_operation_is_checked() {
        let query = format!(
            "query Small {{ __typename }} {}",
            fragment_bomb(9, "__typename").replace("query {", "query Big {")
        );
        assert_eq!(checked(&query), Err(Exceeded::RootFields));
    }
}
