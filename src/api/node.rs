//! The `Node` interface and the `node(id:)` / `nodes(ids:)` root fields.
//!
//! A node is fetched through the same loaders and the same scope functions as the typed
//! fields, so `node(id:)` never shows what `persons` would hide.

use async_graphql::{Context, Interface, Object, ID};
use sea_orm::EntityTrait;

use super::{
    context::{loaders, viewer},
    ids::{parse_global_id, NodeKind},
};
use crate::{
    access,
    awards::graphql::{Award, AwardType},
    clusters::graphql::{Cluster, ClusterYear},
    error::{AppError, AppResult},
    organisation::graphql::{Person, Province, Unit},
    terms::graphql::Term,
};

/// An object with a global ID, fetchable with `node(id:)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global ID: opaque, stable."))]
pub enum Node {
    Province(Province),
    Unit(Unit),
    Person(Person),
    Term(Term),
    AwardType(AwardType),
    Cluster(Cluster),
    ClusterYear(ClusterYear),
    Award(Award),
    Nomination(crate::awards::nominations::Nomination),
    Movement(crate::movements::graphql::Movement),
    Conference(crate::conferences::graphql::Conference),
    ScoreSheet(crate::clusters::graphql::ScoreSheet),
    Decision(crate::awards::graphql::Decision),
    Discipline(crate::performance::graphql::Discipline),
    Dossier(crate::dossiers::graphql::Dossier),
    CouncilSession(crate::council::graphql::CouncilSession),
    Attachment(crate::dossiers::graphql::Attachment),
}

/// The most IDs one `nodes` call may ask for.
pub const MAX_NODES: usize = 100;

async fn load(ctx: &Context<'_>, kind: NodeKind, id: i32) -> AppResult<Option<Node>> {
    let loaders = loaders(ctx)?;
    Ok(match kind {
        NodeKind::Province => loaders
            .province
            .load_one(id)
            .await?
            .map(|m| Node::Province(Province(m))),
        NodeKind::Unit => loaders
            .unit
            .load_one(id)
            .await?
            .map(|m| Node::Unit(Unit(m))),
        NodeKind::Person => {
            let viewer = viewer(ctx)?;
            loaders
                .person
                .load_one(id)
                .await?
                .and_then(|m| access::see_person(viewer, m))
                .map(|m| Node::Person(Person(m)))
        }
        NodeKind::Term => loaders
            .term
            .load_one(id)
            .await?
            .map(|m| Node::Term(Term(m))),
        NodeKind::AwardType => loaders
            .award_type
            .load_one(id)
            .await?
            .map(|m| Node::AwardType(AwardType(m))),
        NodeKind::Cluster => loaders
            .cluster
            .load_one(id)
            .await?
            .map(|m| Node::Cluster(Cluster(m))),
        NodeKind::ClusterYear => loaders
            .cluster_year
            .load_one(id)
            .await?
            .map(|m| Node::ClusterYear(ClusterYear(m))),
        NodeKind::Award => {
            let Some(award) = entity::award::Entity::find_by_id(id)
                .one(crate::api::context::db(ctx)?)
                .await?
            else {
                return Ok(None);
            };
            access::see_award(viewer(ctx)?, award).map(|a| Node::Award(Award(a)))
        }
        NodeKind::Nomination => crate::awards::nominations::visible(ctx, id)
            .await?
            .map(Node::Nomination),
        NodeKind::Movement => entity::movement::Entity::find_by_id(id)
            .one(crate::api::context::db(ctx)?)
            .await?
            .map(|m| Node::Movement(crate::movements::graphql::Movement(m))),
        NodeKind::Conference => entity::conference::Entity::find_by_id(id)
            .one(crate::api::context::db(ctx)?)
            .await?
            .map(|c| Node::Conference(crate::conferences::graphql::Conference(c))),
        NodeKind::ScoreSheet => crate::clusters::graphql::ScoreSheet::visible(ctx, id)
            .await?
            .map(Node::ScoreSheet),
        // Decisions are public records.
        NodeKind::Decision => entity::decision::Entity::find_by_id(id)
            .one(crate::api::context::db(ctx)?)
            .await?
            .map(|d| Node::Decision(crate::awards::graphql::Decision(d))),
        NodeKind::Discipline => crate::performance::graphql::Discipline::visible(ctx, id)
            .await?
            .map(Node::Discipline),
        NodeKind::Dossier => {
            crate::dossiers::visible(crate::api::context::db(ctx)?, viewer(ctx)?, id)
                .await?
                .map(|d| Node::Dossier(crate::dossiers::graphql::Dossier(d)))
        }
        NodeKind::CouncilSession => crate::council::graphql::CouncilSession::visible(ctx, id)
            .await?
            .map(Node::CouncilSession),
        NodeKind::Attachment => {
            crate::dossiers::attachments::visible(crate::api::context::db(ctx)?, viewer(ctx)?, id)
                .await?
                .map(|a| Node::Attachment(crate::dossiers::graphql::Attachment(a)))
        }
    })
}

/// Root fields for global IDs.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The object with this global ID; null when it does not exist or the viewer may not see it.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Node>> {
        let (kind, row) = parse_global_id(&id)?;
        load(ctx, kind, row).await
    }

    /// The objects with these global IDs, in the same order (null where `node` would be null).
    /// At most 100 IDs.
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> AppResult<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(AppError::bad_input(crate::tr!(
                "at most {MAX_NODES} ids per call",
                "mỗi lần gọi tối đa {MAX_NODES} ID"
            )));
        }
        let parsed = ids
            .iter()
            .map(|id| parse_global_id(id))
            .collect::<AppResult<Vec<_>>>()?;
        let loads = parsed.into_iter().map(|(kind, row)| load(ctx, kind, row));
        futures_util::future::try_join_all(loads).await
    }
}
