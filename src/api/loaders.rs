//! Batch loaders for nested fields (DataLoader), made anew for every request.
//!
//! Every nested list or reference of the schema goes through one of these, so a query for a
//! page of units with their parents, children and lineage costs a fixed number of
//! statements, whatever the page size (`tests/batching.rs` counts them). Loaders return rows
//! as stored; the viewer's scope is applied by the resolver that hands them out.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use entity::{
    app_user, attachment, award, award_type, cluster, cluster_member, cluster_year,
    conference_tally, criterion, decision, discipline, dossier_event, movement_registration,
    nomination_event, performance_rating, person, person_position, person_private, province,
    province_lineage, ranking_entry, score_line, score_sheet, signing_right, term, unit,
    unit_lineage,
};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    error::{AppError, AppResult},
    performance::Subject,
};

/// Loads rows of one table by primary key.
macro_rules! by_id_loader {
    ($name:ident, $module:ident) => {
        #[doc = concat!("Rows of `", stringify!($module), "` by id.")]
        pub struct $name(DatabaseConnection);

        impl Loader<i32> for $name {
            type Value = $module::Model;
            type Error = AppError;

            async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
                let rows = $module::Entity::find()
                    .filter($module::Column::Id.is_in(keys.iter().copied()))
                    .all(&self.0)
                    .await?;
                Ok(rows.into_iter().map(|row| (row.id, row)).collect())
            }
        }
    };
}

by_id_loader!(UnitById, unit);
by_id_loader!(ProvinceById, province);
by_id_loader!(PersonById, person);
by_id_loader!(TermById, term);
by_id_loader!(AwardTypeById, award_type);
by_id_loader!(ClusterById, cluster);
by_id_loader!(ClusterYearById, cluster_year);
by_id_loader!(DecisionById, decision);
by_id_loader!(UserById, app_user);

/// Dossiers by id, within one viewer's scope (see [`InScope`]).
pub struct DossiersInScope {
    db: DatabaseConnection,
    scope: crate::access::DossierScope,
}

impl Loader<i32> for DossiersInScope {
    type Value = crate::access::Seen<entity::dossier::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        use entity::dossier;
        let rows = self
            .scope
            .apply(dossier::Entity::find().filter(dossier::Column::Id.is_in(keys.iter().copied())))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|row| (row.id, row)).collect())
    }
}

/// The nominations of each dossier, oldest first, within one viewer's scope (see
/// [`InScope`]).
pub struct DossierNominations {
    db: DatabaseConnection,
    scope: crate::access::NominationScope,
}

impl Loader<i32> for DossierNominations {
    type Value = Vec<crate::access::Seen<entity::nomination::Model>>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        use entity::nomination;
        let rows = self
            .scope
            .apply(
                nomination::Entity::find()
                    .filter(nomination::Column::DossierId.is_in(keys.iter().copied())),
            )
            .order_by_asc(nomination::Column::Id)
            .all(&self.db)
            .await?;
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for row in rows {
            if let Some(dossier) = row.dossier_id {
                map.entry(dossier).or_default().push(row);
            }
        }
        Ok(map)
    }
}

/// The loaders whose rows are limited by the viewer's scope, built by the same constructors
/// as every other path (`access::dossier_scope`, `access::nomination_scope`). Each is made
/// on first use, once its scope is known (which takes statements of its own: once a request,
/// however many rows ask), and forgotten with the rest by [`LoaderSet::clear`].
#[derive(Default)]
pub struct InScope {
    dossiers: tokio::sync::OnceCell<Cached<DossiersInScope>>,
    dossier_nominations: tokio::sync::OnceCell<Cached<DossierNominations>>,
}

/// Private fields of persons, by person id.
pub struct PersonPrivateById(DatabaseConnection);

impl Loader<i32> for PersonPrivateById {
    type Value = person_private::Model;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = person_private::Entity::find()
            .filter(person_private::Column::PersonId.is_in(keys.iter().copied()))
            .all(&self.0)
            .await?;
        Ok(rows.into_iter().map(|row| (row.person_id, row)).collect())
    }
}

/// Positions of each person, oldest first.
pub struct PersonPositions(DatabaseConnection);

impl Loader<i32> for PersonPositions {
    type Value = Vec<person_position::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = person_position::Entity::find()
            .filter(person_position::Column::PersonId.is_in(keys.iter().copied()))
            .order_by_asc(person_position::Column::StartOn)
            .order_by_asc(person_position::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for row in rows {
            map.entry(row.person_id).or_default().push(row);
        }
        Ok(map)
    }
}

/// The children (sub-units) of each parent unit, in id order.
pub struct UnitChildren(DatabaseConnection);

impl Loader<i32> for UnitChildren {
    type Value = Vec<unit::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = unit::Entity::find()
            .filter(unit::Column::ParentId.is_in(keys.iter().copied()))
            .order_by_asc(unit::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<i32, Vec<unit::Model>> = HashMap::new();
        for row in rows {
            if let Some(parent) = row.parent_id {
                map.entry(parent).or_default().push(row);
            }
        }
        Ok(map)
    }
}

/// Rows of a table grouped by a key column, in id order (a nullable column: `$field?`;
/// rows without it belong to no group).
macro_rules! grouped_loader {
    ($name:ident, $module:ident, $column:ident, $field:ident?, $doc:literal) => {
        #[doc = $doc]
        pub struct $name(DatabaseConnection);

        impl Loader<i32> for $name {
            type Value = Vec<$module::Model>;
            type Error = AppError;

            async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
                let rows = $module::Entity::find()
                    .filter($module::Column::$column.is_in(keys.iter().copied()))
                    .order_by_asc($module::Column::Id)
                    .all(&self.0)
                    .await?;
                let mut map: HashMap<i32, Self::Value> = HashMap::new();
                for row in rows {
                    if let Some(key) = row.$field {
                        map.entry(key).or_default().push(row);
                    }
                }
                Ok(map)
            }
        }
    };
    ($name:ident, $module:ident, $column:ident, $field:ident, $doc:literal) => {
        #[doc = $doc]
        pub struct $name(DatabaseConnection);

        impl Loader<i32> for $name {
            type Value = Vec<$module::Model>;
            type Error = AppError;

            async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
                let rows = $module::Entity::find()
                    .filter($module::Column::$column.is_in(keys.iter().copied()))
                    .order_by_asc($module::Column::Id)
                    .all(&self.0)
                    .await?;
                let mut map: HashMap<i32, Self::Value> = HashMap::new();
                for row in rows {
                    map.entry(row.$field).or_default().push(row);
                }
                Ok(map)
            }
        }
    };
}

grouped_loader!(
    YearCriteria,
    criterion,
    ClusterYearId,
    cluster_year_id,
    "The covenant's criteria of each cluster year."
);
grouped_loader!(
    YearRanking,
    ranking_entry,
    ClusterYearId,
    cluster_year_id,
    "The ranking of each finalized cluster year."
);
grouped_loader!(
    YearMemberships,
    cluster_member,
    ClusterYearId,
    cluster_year_id,
    "The memberships of each cluster year."
);
grouped_loader!(
    YearSheets,
    score_sheet,
    ClusterYearId,
    cluster_year_id,
    "The score sheets of each cluster year."
);
grouped_loader!(
    SheetLines,
    score_line,
    ScoreSheetId,
    score_sheet_id,
    "The lines of each score sheet."
);
grouped_loader!(
    UnitStandings,
    ranking_entry,
    UnitId,
    unit_id,
    "The places of each unit in finalized rankings."
);

grouped_loader!(
    NominationHistory,
    nomination_event,
    NominationId,
    nomination_id,
    "The history events of each nomination, oldest first."
);
grouped_loader!(
    ConferenceTallies,
    conference_tally,
    ConferenceId,
    conference_id,
    "The tallies of each conference."
);
grouped_loader!(
    ClusterYears,
    cluster_year,
    ClusterId,
    cluster_id,
    "The years of each cluster."
);
grouped_loader!(
    UserSigningRights,
    signing_right,
    UserId,
    user_id,
    "The signing rights of each account."
);
grouped_loader!(
    DecisionAwards,
    award,
    DecisionId,
    decision_id?,
    "The awards each decision conferred, revoked or not (the viewer's scope is the resolver's)."
);
grouped_loader!(
    ConferenceAwards,
    award,
    ConferenceId,
    conference_id?,
    "The awards given at each conference (the viewer's scope is the resolver's)."
);
grouped_loader!(
    MovementRegistrations,
    movement_registration,
    MovementId,
    movement_id,
    "The registrations of each movement (the viewer's scope is the resolver's)."
);
grouped_loader!(
    DossierEvents,
    dossier_event,
    DossierId,
    dossier_id,
    "The steps of each dossier, oldest first."
);
grouped_loader!(
    DossierAttachments,
    attachment,
    DossierId,
    dossier_id?,
    "The files of each dossier, oldest first."
);

/// The awards of each unit as a collective (not revoked), oldest first.
pub struct UnitAwards(DatabaseConnection);

impl Loader<i32> for UnitAwards {
    type Value = Vec<entity::award::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = award::Entity::find()
            .filter(award::Column::RecipientUnitId.is_in(keys.iter().copied()))
            .filter(award::Column::RevokedAt.is_null())
            .order_by_asc(award::Column::Year)
            .order_by_asc(award::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<i32, Self::Value> = HashMap::new();
        for row in rows {
            if let Some(unit) = row.recipient_unit_id {
                map.entry(unit).or_default().push(row);
            }
        }
        Ok(map)
    }
}

/// Loads the rows of a table about persons or units (`person_id`, `unit_id`), grouped by
/// their subject, in the order given.
macro_rules! subject_loader {
    ($name:ident, $module:ident, $doc:literal, $($order:ident),+) => {
        #[doc = $doc]
        pub struct $name(DatabaseConnection);

        impl Loader<Subject> for $name {
            type Value = Vec<$module::Model>;
            type Error = AppError;

            async fn load(
                &self,
                keys: &[Subject],
            ) -> Result<HashMap<Subject, Self::Value>, Self::Error> {
                let (mut persons, mut units) = (Vec::new(), Vec::new());
                for key in keys {
                    match *key {
                        Subject::Person(id) => persons.push(id),
                        Subject::Unit(id) => units.push(id),
                    }
                }
                let rows = $module::Entity::find()
                    .filter(
                        Condition::any()
                            .add($module::Column::PersonId.is_in(persons))
                            .add($module::Column::UnitId.is_in(units)),
                    )
                    $(.order_by_asc($module::Column::$order))+
                    .all(&self.0)
                    .await?;
                let mut map: HashMap<Subject, Self::Value> = HashMap::new();
                for row in rows {
                    if let Some(subject) = Subject::of_row(row.person_id, row.unit_id) {
                        map.entry(subject).or_default().push(row);
                    }
                }
                Ok(map)
            }
        }
    };
}

subject_loader!(
    SubjectRatings,
    performance_rating,
    "The performance ratings of each person or unit, oldest year first.",
    Year,
    Id
);
subject_loader!(
    SubjectDisciplines,
    discipline,
    "The discipline records of each person or unit, oldest first.",
    StartOn,
    Id
);

/// Which side of a lineage link the key is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineageSide {
    /// Links whose successor is the key: the key's predecessors.
    Predecessors,
    /// Links whose predecessor is the key: the key's successors.
    Successors,
}

/// Lineage links of units (merge, split, rename, absorb), by unit and side.
pub struct UnitLineage(DatabaseConnection);

impl Loader<(i32, LineageSide)> for UnitLineage {
    type Value = Vec<unit_lineage::Model>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[(i32, LineageSide)],
    ) -> Result<HashMap<(i32, LineageSide), Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|(id, _)| *id).collect();
        let rows = unit_lineage::Entity::find()
            .filter(
                Condition::any()
                    .add(unit_lineage::Column::PredecessorId.is_in(ids.clone()))
                    .add(unit_lineage::Column::SuccessorId.is_in(ids)),
            )
            .order_by_asc(unit_lineage::Column::EffectiveOn)
            .order_by_asc(unit_lineage::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<(i32, LineageSide), Self::Value> = HashMap::new();
        for row in rows {
            map.entry((row.successor_id, LineageSide::Predecessors))
                .or_default()
                .push(row.clone());
            map.entry((row.predecessor_id, LineageSide::Successors))
                .or_default()
                .push(row);
        }
        Ok(map)
    }
}

/// Lineage links of provinces (the 2025 reorganisation), by province and side.
pub struct ProvinceLineage(DatabaseConnection);

impl Loader<(i32, LineageSide)> for ProvinceLineage {
    type Value = Vec<province_lineage::Model>;
    type Error = AppError;

    async fn load(
        &self,
        keys: &[(i32, LineageSide)],
    ) -> Result<HashMap<(i32, LineageSide), Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|(id, _)| *id).collect();
        let rows = province_lineage::Entity::find()
            .filter(
                Condition::any()
                    .add(province_lineage::Column::PredecessorId.is_in(ids.clone()))
                    .add(province_lineage::Column::SuccessorId.is_in(ids)),
            )
            .order_by_asc(province_lineage::Column::Id)
            .all(&self.0)
            .await?;
        let mut map: HashMap<(i32, LineageSide), Self::Value> = HashMap::new();
        for row in rows {
            map.entry((row.successor_id, LineageSide::Predecessors))
                .or_default()
                .push(row.clone());
            map.entry((row.predecessor_id, LineageSide::Successors))
                .or_default()
                .push(row);
        }
        Ok(map)
    }
}

type Cached<L> = DataLoader<L, HashMapCache>;

/// The loaders of one request (or of one subscription), shared by handle.
#[derive(Clone)]
pub struct Loaders(std::sync::Arc<LoaderSet>);

impl std::ops::Deref for Loaders {
    type Target = LoaderSet;

    fn deref(&self) -> &LoaderSet {
        &self.0
    }
}

/// The batch loaders, one per kind of nested field.
pub struct LoaderSet {
    reader: DatabaseConnection,
    in_scope: std::sync::Mutex<std::sync::Arc<InScope>>,
    pub unit: Cached<UnitById>,
    pub province: Cached<ProvinceById>,
    pub person: Cached<PersonById>,
    pub term: Cached<TermById>,
    pub award_type: Cached<AwardTypeById>,
    pub cluster: Cached<ClusterById>,
    pub cluster_year: Cached<ClusterYearById>,
    pub person_private: Cached<PersonPrivateById>,
    pub person_positions: Cached<PersonPositions>,
    pub unit_children: Cached<UnitChildren>,
    pub year_criteria: Cached<YearCriteria>,
    pub year_ranking: Cached<YearRanking>,
    pub year_memberships: Cached<YearMemberships>,
    pub year_sheets: Cached<YearSheets>,
    pub sheet_lines: Cached<SheetLines>,
    pub unit_standings: Cached<UnitStandings>,
    pub unit_awards: Cached<UnitAwards>,
    pub decision: Cached<DecisionById>,
    pub user: Cached<UserById>,
    pub nomination_history: Cached<NominationHistory>,
    pub conference_tallies: Cached<ConferenceTallies>,
    pub cluster_years: Cached<ClusterYears>,
    pub signing_rights: Cached<UserSigningRights>,
    pub decision_awards: Cached<DecisionAwards>,
    pub conference_awards: Cached<ConferenceAwards>,
    pub movement_registrations: Cached<MovementRegistrations>,
    pub dossier_events: Cached<DossierEvents>,
    pub dossier_attachments: Cached<DossierAttachments>,
    pub unit_lineage: Cached<UnitLineage>,
    pub province_lineage: Cached<ProvinceLineage>,
    pub ratings: Cached<SubjectRatings>,
    pub disciplines: Cached<SubjectDisciplines>,
}

fn cached<L, K>(loader: L) -> Cached<L>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    L: Loader<K>,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

impl Loaders {
    /// Loaders that read through `db`'s readers.
    pub fn new(db: &crate::db::Db) -> Self {
        let db = db.reader();
        Loaders(std::sync::Arc::new(LoaderSet {
            reader: db.clone(),
            in_scope: std::sync::Mutex::default(),
            unit: cached(UnitById(db.clone())),
            province: cached(ProvinceById(db.clone())),
            person: cached(PersonById(db.clone())),
            term: cached(TermById(db.clone())),
            award_type: cached(AwardTypeById(db.clone())),
            cluster: cached(ClusterById(db.clone())),
            cluster_year: cached(ClusterYearById(db.clone())),
            person_private: cached(PersonPrivateById(db.clone())),
            person_positions: cached(PersonPositions(db.clone())),
            unit_children: cached(UnitChildren(db.clone())),
            year_criteria: cached(YearCriteria(db.clone())),
            year_ranking: cached(YearRanking(db.clone())),
            year_memberships: cached(YearMemberships(db.clone())),
            year_sheets: cached(YearSheets(db.clone())),
            sheet_lines: cached(SheetLines(db.clone())),
            unit_standings: cached(UnitStandings(db.clone())),
            unit_awards: cached(UnitAwards(db.clone())),
            decision: cached(DecisionById(db.clone())),
            user: cached(UserById(db.clone())),
            nomination_history: cached(NominationHistory(db.clone())),
            conference_tallies: cached(ConferenceTallies(db.clone())),
            cluster_years: cached(ClusterYears(db.clone())),
            signing_rights: cached(UserSigningRights(db.clone())),
            decision_awards: cached(DecisionAwards(db.clone())),
            conference_awards: cached(ConferenceAwards(db.clone())),
            movement_registrations: cached(MovementRegistrations(db.clone())),
            dossier_events: cached(DossierEvents(db.clone())),
            dossier_attachments: cached(DossierAttachments(db.clone())),
            unit_lineage: cached(UnitLineage(db.clone())),
            province_lineage: cached(ProvinceLineage(db.clone())),
            ratings: cached(SubjectRatings(db.clone())),
            disciplines: cached(SubjectDisciplines(db.clone())),
        }))
    }
}

impl LoaderSet {
    fn in_scope_lock(&self) -> std::sync::MutexGuard<'_, std::sync::Arc<InScope>> {
        // Nothing is left half-done under the lock: a poisoned one is still consistent.
        self.in_scope
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The dossier `id`, if `viewer` (the request's viewer) may read it.
    pub async fn dossier_in_scope(
        &self,
        viewer: &crate::access::Viewer,
        id: i32,
    ) -> AppResult<Option<crate::access::Seen<entity::dossier::Model>>> {
        let cells = self.in_scope_lock().clone();
        let loader = in_scope(&cells.dossiers, async {
            let scope = crate::access::dossier_scope(&self.reader, viewer).await?;
            Ok(DossiersInScope {
                db: self.reader.clone(),
                scope,
            })
        })
        .await?;
        loader.load_one(id).await
    }

    /// The nominations of dossier `id` that `viewer` (the request's viewer) may read, oldest
    /// first.
    pub async fn dossier_nominations(
        &self,
        viewer: &crate::access::Viewer,
        id: i32,
    ) -> AppResult<Vec<crate::access::Seen<entity::nomination::Model>>> {
        let cells = self.in_scope_lock().clone();
        let loader = in_scope(&cells.dossier_nominations, async {
            let scope = crate::access::nomination_scope(&self.reader, viewer).await?;
            Ok(DossierNominations {
                db: self.reader.clone(),
                scope,
            })
        })
        .await?;
        Ok(loader.load_one(id).await?.unwrap_or_default())
    }
}

/// The loader of `cell`, made by `make` on first use; callers at the same time wait for it.
async fn in_scope<L: Loader<i32>>(
    cell: &tokio::sync::OnceCell<Cached<L>>,
    make: impl std::future::Future<Output = AppResult<L>>,
) -> AppResult<&Cached<L>> {
    cell.get_or_try_init(|| async { Ok(cached(make.await?)) })
        .await
}

impl LoaderSet {
    /// Forgets everything loaded: for long-lived contexts (a subscription), before each
    /// event, so that no event is resolved from what an earlier one loaded.
    pub fn clear(&self) {
        *self.in_scope_lock() = std::sync::Arc::default();
        self.unit.clear::<i32>();
        self.province.clear::<i32>();
        self.person.clear::<i32>();
        self.term.clear::<i32>();
        self.award_type.clear::<i32>();
        self.cluster.clear::<i32>();
        self.cluster_year.clear::<i32>();
        self.person_private.clear::<i32>();
        self.person_positions.clear::<i32>();
        self.unit_children.clear::<i32>();
        self.year_criteria.clear::<i32>();
        self.year_ranking.clear::<i32>();
        self.year_memberships.clear::<i32>();
        self.year_sheets.clear::<i32>();
        self.sheet_lines.clear::<i32>();
        self.unit_standings.clear::<i32>();
        self.unit_awards.clear::<i32>();
        self.decision.clear::<i32>();
        self.user.clear::<i32>();
        self.nomination_history.clear::<i32>();
        self.conference_tallies.clear::<i32>();
        self.cluster_years.clear::<i32>();
        self.signing_rights.clear::<i32>();
        self.decision_awards.clear::<i32>();
        self.conference_awards.clear::<i32>();
        self.movement_registrations.clear::<i32>();
        self.dossier_events.clear::<i32>();
        self.dossier_attachments.clear::<i32>();
        self.unit_lineage.clear::<(i32, LineageSide)>();
        self.province_lineage.clear::<(i32, LineageSide)>();
        self.ratings.clear::<Subject>();
        self.disciplines.clear::<Subject>();
    }
}

/// The target builder reads through the request's loaders: a page of rows shares their units
/// and lineage lookups.
impl crate::access::target::Lookup for Loaders {
    async fn unit(&self, id: i32) -> AppResult<Option<unit::Model>> {
        self.unit.load_one(id).await
    }

    async fn province_successors(&self, id: i32) -> AppResult<Vec<i32>> {
        Ok(self
            .province_lineage
            .load_one((id, LineageSide::Successors))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|link| link.successor_id)
            .collect())
    }
}
