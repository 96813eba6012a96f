//! Who is asking, and what they may do: the one place every read and write passes through.
//!
//! The rules are data: [`matrix.md`](matrix.md), the table of shared/API.md with one row per
//! [`Action`]. A write asks [`authorize`] with its [`Target`]; a list turns the viewer's
//! [`scopes`] into a query condition; a single lookup, `node(id:)` and a nested edge use the
//! same functions, so they cannot disagree. Being a cluster head is not a role: it is derived
//! from data, per year (the HEAD column).
//!
//! Persons, awards, registrations and nominations reach a client only as [`Seen`] rows,
//! which only this module builds: from a query restricted by a [`RowScope`] (a [`Scoped`]
//! query, which can be narrowed but not widened, yields its rows as `Seen`), or by a `see_*`
//! check of one row. The GraphQL objects `Person`, `Award`, `Registration` and `Nomination`
//! hold a `Seen`, so no resolver can hand out a row that did not pass the viewer's scope.
//! `web::live` checks the viewer of a socket again on every event.

pub mod matrix;
pub mod target;

use entity::{
    award, cluster_year, dossier, enums::Role, movement_registration, nomination, person,
    province_lineage, unit,
};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Query},
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Select,
};

pub use matrix::{Action, Scope};

use crate::error::{AppError, AppResult};

/// The viewer of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// The account, for users (not for partners or the public).
    pub user_id: Option<i32>,
    /// Username, or the partner's configured name; empty for the public.
    pub name: String,
    /// `None` for the anonymous public.
    pub role: Option<Role>,
    /// The unit of a `UNIT_OFFICER`.
    pub unit_id: Option<i32>,
    /// The province of a `BOARD` member, or of a unit officer's unit.
    pub province_id: Option<i32>,
}

impl Viewer {
    /// The anonymous public: no token.
    pub fn anonymous() -> Self {
        Viewer::default()
    }

    pub fn is_anonymous(&self) -> bool {
        self.role.is_none()
    }
}

/// What an action is done to, as far as authorization cares. Built only by [`target`], from
/// the database: no caller can make up a chain of units or a province line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// The target's unit and all its ancestors (for `unit`).
    unit_chain: Vec<i32>,
    /// The target's province and the provinces that succeeded it (for `province`: the board
    /// of a province that absorbed another answers for the absorbed one's bodies).
    province_ids: Vec<i32>,
    /// The head unit of the target's cluster year (for `year`).
    head_unit_id: Option<i32>,
}

impl Target {
    /// A target with nothing to relate to: only `all` cells allow.
    pub fn none() -> Self {
        Target::default()
    }
}

fn scope_allows(scope: Scope, viewer: &Viewer, target: &Target) -> bool {
    match scope {
        Scope::All => true,
        Scope::Nothing => false,
        Scope::Unit => viewer
            .unit_id
            .is_some_and(|unit| target.unit_chain.contains(&unit)),
        Scope::Province => viewer
            .province_id
            .is_some_and(|province| target.province_ids.contains(&province)),
        Scope::Year => viewer.unit_id.is_some() && viewer.unit_id == target.head_unit_id,
    }
}

/// The scopes under which `viewer` may do `action`: its role's cell, plus the HEAD cell for
/// unit officers.
pub fn scopes(viewer: &Viewer, action: Action) -> Vec<Scope> {
    let table = matrix::table();
    let mut scopes = vec![table.cell(action, matrix::Column::of(viewer.role))];
    if viewer.role == Some(Role::UnitOfficer) {
        scopes.push(table.cell(action, matrix::Column::Head));
    }
    scopes.retain(|s| *s != Scope::Nothing);
    scopes
}

/// Whether `viewer` may do `action` to `target`.
pub fn allows(viewer: &Viewer, action: Action, target: &Target) -> bool {
    scopes(viewer, action)
        .into_iter()
        .any(|scope| scope_allows(scope, viewer, target))
}

/// `Ok` when `viewer` may do `action` to `target`; `FORBIDDEN` otherwise (for the public
/// too: `UNAUTHENTICATED` is kept for missing or bad tokens).
pub fn authorize(viewer: &Viewer, action: Action, target: &Target) -> AppResult<()> {
    if allows(viewer, action, target) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn nothing() -> Condition {
    Condition::all().add(ExprTrait::eq(Expr::val(1), 0))
}

/// A row that `access` let the viewer see: a person, an award, a registration or a
/// nomination. Its field is private to this module, so the GraphQL objects that hold one
/// (`Person`, `Award`, `Registration`, `Nomination`) cannot be built from a row that did
/// not pass the viewer's scope.
#[derive(Debug, Clone)]
pub struct Seen<T>(T);

impl<T> std::ops::Deref for Seen<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Seen<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Whether `viewer` may see persons at all (`read_person`: signed-in viewers), and so
/// what is derived from them (a unit's members and the titles they hold).
pub fn sees_persons(viewer: &Viewer) -> bool {
    scopes(viewer, Action::ReadPerson).contains(&Scope::All)
}

/// What one viewer may see of one kind of row, as a query condition. Rows reach a client only
/// through [`Self::apply`]: the query it returns can be narrowed but never widened, and only
/// its rows come out as [`Seen`].
pub struct RowScope<T> {
    condition: Condition,
    _rows: std::marker::PhantomData<fn() -> T>,
}

impl<T> RowScope<T> {
    fn new(condition: Condition) -> Self {
        RowScope {
            condition,
            _rows: std::marker::PhantomData,
        }
    }

    /// The query condition (for counts and aggregates, which return no rows).
    pub fn condition(&self) -> Condition {
        self.condition.clone()
    }

    /// `select` restricted to what the viewer may see.
    pub fn apply<E: EntityTrait<Model = T>>(&self, select: Select<E>) -> Scoped<E> {
        Scoped {
            select: select.filter(self.condition()),
        }
    }
}

/// A query restricted to a viewer's [`RowScope`]: it can be narrowed (filters, order, limit)
/// but not widened, and its rows come out as [`Seen`].
#[derive(Debug, Clone)]
pub struct Scoped<E: EntityTrait> {
    select: Select<E>,
}

impl<E: EntityTrait> Scoped<E> {
    /// Only the rows that also meet `condition`.
    pub fn filter(self, condition: impl sea_orm::sea_query::IntoCondition) -> Self {
        Scoped {
            select: self.select.filter(condition),
        }
    }

    pub fn order_by_asc(self, column: E::Column) -> Self {
        Scoped {
            select: sea_orm::QueryOrder::order_by_asc(self.select, column),
        }
    }

    pub fn order_by_desc(self, column: E::Column) -> Self {
        Scoped {
            select: sea_orm::QueryOrder::order_by_desc(self.select, column),
        }
    }

    pub fn limit(self, limit: u64) -> Self {
        Scoped {
            select: sea_orm::QuerySelect::limit(self.select, limit),
        }
    }

    /// How many rows the viewer may see.
    pub async fn count<C: ConnectionTrait>(self, db: &C) -> Result<u64, DbErr>
    where
        E::Model: Sync,
    {
        sea_orm::PaginatorTrait::count(self.select, db).await
    }

    /// The rows, as seen by the viewer.
    pub async fn all<C: ConnectionTrait>(self, db: &C) -> Result<Vec<Seen<E::Model>>, DbErr> {
        Ok(self.select.all(db).await?.into_iter().map(Seen).collect())
    }
}

/// Persons' public fields (name, unit, positions): the persons `viewer` may see.
pub fn person_scope(viewer: &Viewer) -> RowScope<person::Model> {
    RowScope::new(if sees_persons(viewer) {
        Condition::all()
    } else {
        nothing()
    })
}

/// A person, if `viewer` may see them (as [`person_scope`]).
pub fn see_person(viewer: &Viewer, row: person::Model) -> Option<Seen<person::Model>> {
    sees_persons(viewer).then_some(Seen(row))
}

/// Awards `viewer` may see: to units for everyone, to persons for those who see persons.
pub fn award_scope(viewer: &Viewer) -> RowScope<award::Model> {
    RowScope::new(if sees_persons(viewer) {
        Condition::all()
    } else {
        Condition::all().add(award::Column::RecipientPersonId.is_null())
    })
}

/// An award, if `viewer` may see it (as [`award_scope`]).
pub fn see_award(viewer: &Viewer, row: award::Model) -> Option<Seen<award::Model>> {
    (row.recipient_person_id.is_none() || sees_persons(viewer)).then_some(Seen(row))
}

/// Registrations for movements `viewer` may see: of units for everyone, of persons for
/// those who see persons.
pub fn registration_scope(viewer: &Viewer) -> RowScope<movement_registration::Model> {
    RowScope::new(if sees_persons(viewer) {
        Condition::all()
    } else {
        Condition::all().add(movement_registration::Column::PersonId.is_null())
    })
}

/// A registration, if `viewer` may see it (as [`registration_scope`]).
pub fn see_registration(
    viewer: &Viewer,
    row: movement_registration::Model,
) -> Option<Seen<movement_registration::Model>> {
    (row.person_id.is_none() || sees_persons(viewer)).then_some(Seen(row))
}

/// The unit and all its descendants (sub-units at any depth): what `unit` reaches, as the
/// target side does with a target's whole chain of ancestors.
pub async fn unit_and_descendants<C: ConnectionTrait>(
    db: &C,
    unit_id: i32,
) -> Result<Vec<i32>, DbErr> {
    let mut family = vec![unit_id];
    let mut frontier = vec![unit_id];
    while !frontier.is_empty() {
        let children = unit::Entity::find()
            .filter(unit::Column::ParentId.is_in(frontier))
            .all(db)
            .await?;
        frontier = children
            .into_iter()
            .map(|u| u.id)
            .filter(|id| !family.contains(id))
            .collect();
        family.extend(&frontier);
    }
    Ok(family)
}

/// The province and the provinces it absorbed, transitively: a board answers for the
/// bodies of the provinces its own succeeded.
pub async fn absorbed<C: ConnectionTrait>(db: &C, province: i32) -> Result<Vec<i32>, DbErr> {
    let mut line = vec![province];
    let mut i = 0;
    while i < line.len() {
        for link in province_lineage::Entity::find()
            .filter(province_lineage::Column::SuccessorId.eq(line[i]))
            .all(db)
            .await?
        {
            if !line.contains(&link.predecessor_id) {
                line.push(link.predecessor_id);
            }
        }
        i += 1;
    }
    Ok(line)
}

/// The nominations one viewer may read (`read_nominations`): by or for its unit and the
/// unit's sub-units at any depth and their people (unit officers), those its cluster years
/// produced (heads), all of its province and the provinces it absorbed (the board).
pub type NominationScope = RowScope<nomination::Model>;

impl RowScope<nomination::Model> {
    /// The nomination `id` if it exists and is in scope.
    pub async fn find<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<Option<Seen<nomination::Model>>, DbErr> {
        Ok(nomination::Entity::find_by_id(id)
            .filter(self.condition())
            .one(db)
            .await?
            .map(Seen))
    }
}

/// The dossiers one viewer may read (`read_nominations`): by its unit and the unit's
/// sub-units at any depth (unit officers), all of its province and the provinces it absorbed
/// (the board).
pub type DossierScope = RowScope<dossier::Model>;

impl RowScope<dossier::Model> {
    /// The dossier `id` if it exists and is in scope.
    pub async fn find<C: ConnectionTrait>(
        &self,
        db: &C,
        id: i32,
    ) -> Result<Option<Seen<dossier::Model>>, DbErr> {
        Ok(dossier::Entity::find_by_id(id)
            .filter(self.condition())
            .one(db)
            .await?
            .map(Seen))
    }
}

/// The dossiers `viewer` may read, as a [`DossierScope`].
pub async fn dossier_scope<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
) -> Result<DossierScope, DbErr> {
    let scopes = scopes(viewer, Action::ReadNominations);
    if scopes.contains(&Scope::All) {
        return Ok(RowScope::new(Condition::all()));
    }
    let mut any = Condition::any().add(nothing());
    if let (true, Some(province)) = (scopes.contains(&Scope::Province), viewer.province_id) {
        any = any.add(dossier::Column::ProvinceId.is_in(absorbed(db, province).await?));
    }
    if let (true, Some(unit_id)) = (scopes.contains(&Scope::Unit), viewer.unit_id) {
        let family = unit_and_descendants(db, unit_id).await?;
        any = any.add(dossier::Column::ProposingUnitId.is_in(family));
    }
    Ok(RowScope::new(any))
}

/// The nominations `viewer` may read, as a [`NominationScope`].
pub async fn nomination_scope<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
) -> Result<NominationScope, DbErr> {
    let scopes = scopes(viewer, Action::ReadNominations);
    if scopes.contains(&Scope::All) {
        return Ok(RowScope::new(Condition::all()));
    }
    let mut any = Condition::any().add(nothing());
    if let (true, Some(province)) = (scopes.contains(&Scope::Province), viewer.province_id) {
        any = any.add(nomination::Column::ProvinceId.is_in(absorbed(db, province).await?));
    }
    if let (true, Some(unit_id)) = (scopes.contains(&Scope::Unit), viewer.unit_id) {
        let family = unit_and_descendants(db, unit_id).await?;
        let people = Query::select()
            .column(person::Column::Id)
            .from(person::Entity)
            .and_where(person::Column::UnitId.is_in(family.clone()))
            .to_owned();
        any = any
            .add(nomination::Column::ProposedByUnitId.is_in(family.clone()))
            .add(nomination::Column::RecipientUnitId.is_in(family))
            .add(nomination::Column::RecipientPersonId.in_subquery(people));
    }
    if let (true, Some(unit_id)) = (scopes.contains(&Scope::Year), viewer.unit_id) {
        let headed = Query::select()
            .column(cluster_year::Column::Id)
            .from(cluster_year::Entity)
            .and_where(cluster_year::Column::HeadUnitId.eq(unit_id))
            .to_owned();
        any = any.add(nomination::Column::ProposedByClusterYearId.in_subquery(headed));
    }
    Ok(RowScope::new(any))
}

/// `FORBIDDEN` unless `viewer` may do `action` to at least something: checked before a
/// mutation looks at its input, so that a viewer without any right learns nothing from it.
pub fn require_some(viewer: &Viewer, action: Action) -> AppResult<()> {
    if scopes(viewer, action).is_empty() {
        Err(AppError::forbidden())
    } else {
        Ok(())
    }
}
