//! The schema: the root types merged from every part of the domain, with the limits that
//! protect the server (depth, complexity) switched on.

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};

use super::node::NodeQuery;
use crate::{
    awards::graphql::AwardsQuery, organisation::graphql::OrganisationQuery,
    terms::graphql::TermsQuery,
};

/// The deepest selection a query may nest.
pub const MAX_DEPTH: usize = 12;
/// The most fields (weighted) one query may select.
pub const MAX_COMPLEXITY: usize = 5_000;

/// The root of all reads: global IDs, the organisation, terms and the award catalogue.
#[derive(MergedObject, Default)]
pub struct Query(NodeQuery, OrganisationQuery, TermsQuery, AwardsQuery);

pub type ThiduaSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// The schema, without request data (the database, viewer and loaders are added per request).
pub fn build_schema() -> ThiduaSchema {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(64)
        .limit_directives(16)
        .finish()
}

/// The schema in SDL, as `schema.graphql` keeps it.
pub fn sdl() -> String {
    build_schema().sdl()
}
