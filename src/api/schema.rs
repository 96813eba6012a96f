//! The schema: the root types merged from every part of the domain, with the limits that
//! protect the server switched on.
//!
//! The operation limits (fields, aliases, root fields, depth) are ours ([`super::limits`]),
//! checked by the [`ErrorBoundary`] extension before validation. async-graphql's depth limit is off:
//! it counts introspection too and so refused the standard introspection query. Its
//! complexity is kept (checked by [`ErrorBoundary`] after validation): it multiplies a connection's
//! selection by its page size, which a count of the document's fields cannot see.

use async_graphql::{MergedObject, MergedSubscription, Schema};

use super::{errors::ErrorBoundary, node::NodeQuery};
use crate::{
    audit::graphql::AuditQuery,
    awards::{
        graphql::{AwardRecordsQuery, AwardsQuery},
        money_graphql::{MoneyMutation, MoneyQuery},
        mutations::AwardsMutation,
        nominations::{NominationsMutation, NominationsQuery, NominationsSubscription},
        rules_graphql::{RulesMutation, RulesQuery},
        statistics::StatisticsQuery,
    },
    clusters::{
        graphql::{ClustersQuery, ClustersSubscription},
        mutations::ClustersMutation,
    },
    conferences::graphql::{ConferencesMutation, ConferencesQuery},
    council::graphql::{CouncilMutation, CouncilQuery},
    dossiers::graphql::{AttachmentsMutation, DossiersMutation, DossiersQuery},
    identity::graphql::{IdentityMutation, IdentityQuery},
    imports::graphql::ImportsMutation,
    movements::graphql::{MovementsMutation, MovementsQuery},
    organisation::{graphql::OrganisationQuery, mutations::OrganisationMutation},
    performance::graphql::PerformanceMutation,
    terms::graphql::TermsQuery,
};

/// The most fields (weighted by page sizes) one query may select.
pub const MAX_COMPLEXITY: usize = 5_000;

/// The root of all reads: the viewer, global IDs, the organisation, terms, clusters, the
/// award catalogue and the audit log.
#[derive(MergedObject, Default)]
pub struct Query(
    NodeQuery,
    IdentityQuery,
    OrganisationQuery,
    TermsQuery,
    ClustersQuery,
    AwardsQuery,
    AwardRecordsQuery,
    NominationsQuery,
    DossiersQuery,
    CouncilQuery,
    MovementsQuery,
    ConferencesQuery,
    StatisticsQuery,
    RulesQuery,
    MoneyQuery,
    AuditQuery,
);

/// The root of all writes. Every mutation authorizes through `access`, runs in one
/// transaction with its audit record, and reports business-rule failures as `userErrors`.
#[derive(MergedObject, Default)]
pub struct Mutation(
    IdentityMutation,
    OrganisationMutation,
    ClustersMutation,
    AwardsMutation,
    NominationsMutation,
    DossiersMutation,
    AttachmentsMutation,
    CouncilMutation,
    MovementsMutation,
    ConferencesMutation,
    PerformanceMutation,
    RulesMutation,
    MoneyMutation,
    ImportsMutation,
);

/// Live updates, over `graphql-transport-ws` on `/graphql`.
#[derive(MergedSubscription, Default)]
pub struct Subscription(ClustersSubscription, NominationsSubscription);

pub type ThiduaSchema = Schema<Query, Mutation, Subscription>;

/// The schema, without request data (the database, viewer and loaders are added per request).
pub fn build_schema() -> ThiduaSchema {
    build_schema_with(true)
}

/// The schema, answering introspection (`__schema`, `__type`) only when `introspection`;
/// `__typename` is always answered.
pub fn build_schema_with(introspection: bool) -> ThiduaSchema {
    let builder = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .extension(ErrorBoundary)
    .limit_recursive_depth(64)
    .limit_directives(16);
    if introspection {
        builder.finish()
    } else {
        builder.disable_introspection().finish()
    }
}

/// The schema in SDL, as `schema.graphql` keeps it.
pub fn sdl() -> String {
    build_schema().sdl()
}
