//! The GraphQL face of the organisation: `Province`, `Unit`, `Person` and their root fields.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::Utc;
use entity::{enums, person, province, province_lineage, unit, unit_lineage};

use super::store::{self, PersonCriteria, UnitCriteria};
use crate::{
    access,
    api::{
        context::{db, loaders, viewer},
        ids::{global_id, NodeKind},
        loaders::LineageSide,
        paging::{fetch_page, Conn, PageArgs},
        scalars::Date,
    },
    error::AppResult,
    performance::{
        graphql::{Discipline, PerformanceRatingRecord},
        Subject,
    },
    text,
};

/// Kind of unit (đơn vị, cơ quan).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::UnitKind")]
pub enum UnitKind {
    /// Department of the province (Sở), e.g. Sở Khoa học và Công nghệ.
    Department,
    /// Agency (ban, ngành, Thanh tra tỉnh, Đài Phát thanh và Truyền hình).
    Agency,
    /// Association (Hội).
    Association,
    /// Union of associations (Liên hiệp các hội).
    AssociationUnion,
    /// People's committee (UBND tỉnh / xã).
    PeoplesCommittee,
    /// Sub-unit of another unit (phòng, đơn vị thuộc Sở); it has a parent.
    Subdivision,
    /// Any other public body.
    Other,
    /// An enterprise (doanh nghiệp), awarded as a collective.
    Enterprise,
    /// A household (hộ gia đình), awarded as a collective.
    Household,
}

/// How one body succeeded another.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::LineageKind")]
pub enum LineageKind {
    /// Several bodies merged into a new one (sáp nhập, hợp nhất).
    Merge,
    /// One body was split into several.
    Split,
    /// The body continues under a new name (đổi tên).
    Rename,
    /// The body was absorbed into another that continues.
    Absorb,
}

/// A province or centrally governed city (tỉnh / thành phố).
pub struct Province(pub province::Model);

/// A province or centrally governed city (tỉnh / thành phố).
#[Object]
impl Province {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Province, self.0.id)
    }
    /// Stable business code, e.g. `CA_MAU`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. "Cà Mau".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// First day in force, when known.
    async fn valid_from(&self) -> Option<Date> {
        self.0.valid_from.map(Date)
    }
    /// Last day in force; null while the province exists.
    async fn valid_to(&self) -> Option<Date> {
        self.0.valid_to.map(Date)
    }
    /// Whether the province is in force today.
    async fn active(&self) -> bool {
        super::in_force_on(self.0.valid_from, self.0.valid_to, Utc::now().date_naive())
    }
    /// Whether it is a province of the demo data (`seed --demo`), not of a real
    /// installation.
    async fn demo(&self) -> bool {
        self.0.demo
    }
    /// The provinces this one succeeded (e.g. those absorbed into it on 1/7/2025).
    async fn predecessors(&self, ctx: &Context<'_>) -> AppResult<Vec<ProvinceLineageLink>> {
        province_links(ctx, self.0.id, LineageSide::Predecessors).await
    }
    /// The provinces that succeeded this one.
    async fn successors(&self, ctx: &Context<'_>) -> AppResult<Vec<ProvinceLineageLink>> {
        province_links(ctx, self.0.id, LineageSide::Successors).await
    }
}

async fn province_links(
    ctx: &Context<'_>,
    id: i32,
    side: LineageSide,
) -> AppResult<Vec<ProvinceLineageLink>> {
    let loaders = loaders(ctx)?;
    let links = loaders
        .province_lineage
        .load_one((id, side))
        .await?
        .unwrap_or_default();
    let other = |l: &province_lineage::Model| match side {
        LineageSide::Predecessors => l.predecessor_id,
        LineageSide::Successors => l.successor_id,
    };
    let provinces = loaders.province.load_many(links.iter().map(other)).await?;
    Ok(links
        .iter()
        .filter_map(|l| {
            provinces.get(&other(l)).map(|p| ProvinceLineageLink {
                kind: l.kind.into(),
                effective_on: Date(l.effective_on),
                legal_basis: l.legal_basis.clone(),
                province: Province(p.clone()),
            })
        })
        .collect())
}

/// One link of a province's lineage, seen from one side.
#[derive(SimpleObject)]
pub struct ProvinceLineageLink {
    /// How the succession happened.
    kind: LineageKind,
    /// The day the succession took effect.
    effective_on: Date,
    /// The legal basis, e.g. the National Assembly's resolution.
    legal_basis: String,
    /// The province on the other side of the link.
    province: Province,
}

/// A unit: any public body that competes, nominates or is a recipient (đơn vị, cơ quan).
pub struct Unit(pub unit::Model);

/// A unit: any public body that competes, nominates or is a recipient (đơn vị, cơ quan).
#[Object]
impl Unit {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Unit, self.0.id)
    }
    /// Stable business code, e.g. `CM-SKHCN`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Kind of body.
    async fn kind(&self) -> UnitKind {
        self.0.kind.into()
    }
    /// Full Vietnamese name, e.g. "Sở Khoa học và Công nghệ tỉnh Cà Mau".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Short name in common use, e.g. "Sở KH&CN".
    async fn short_name(&self) -> Option<&str> {
        self.0.short_name.as_deref()
    }
    /// First day in force, when known.
    async fn valid_from(&self) -> Option<Date> {
        self.0.valid_from.map(Date)
    }
    /// Last day in force; null while the unit exists. Closed units are kept with their
    /// names of the day; their successors are in `successors`.
    async fn valid_to(&self) -> Option<Date> {
        self.0.valid_to.map(Date)
    }
    /// Whether the unit is in force today.
    async fn active(&self) -> bool {
        super::in_force_on(self.0.valid_from, self.0.valid_to, Utc::now().date_naive())
    }
    /// The province the unit belongs to; null for bodies outside any province (e.g. a
    /// national union of associations).
    async fn province(&self, ctx: &Context<'_>) -> AppResult<Option<Province>> {
        let Some(id) = self.0.province_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(Province))
    }
    /// The unit this one belongs to (for sub-units).
    async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The sub-units of this unit, in order of creation.
    async fn children(&self, ctx: &Context<'_>) -> AppResult<Vec<Unit>> {
        let rows = loaders(ctx)?.unit_children.load_one(self.0.id).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Unit).collect())
    }
    /// The units this one succeeded (merged, renamed or absorbed into it), oldest first.
    async fn predecessors(&self, ctx: &Context<'_>) -> AppResult<Vec<UnitLineageLink>> {
        unit_links(ctx, self.0.id, LineageSide::Predecessors).await
    }
    /// The units that succeeded this one.
    async fn successors(&self, ctx: &Context<'_>) -> AppResult<Vec<UnitLineageLink>> {
        unit_links(ctx, self.0.id, LineageSide::Successors).await
    }
    /// The awards the unit received as a collective, oldest first (revoked ones left out).
    async fn awards(&self, ctx: &Context<'_>) -> AppResult<Vec<crate::awards::graphql::Award>> {
        let rows = loaders(ctx)?.unit_awards.load_one(self.0.id).await?;
        let viewer = viewer(ctx)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| access::see_award(viewer, a))
            .map(crate::awards::graphql::Award)
            .collect())
    }
    /// The unit's yearly performance ratings (xếp loại chất lượng), oldest year first.
    /// Readable by whoever may read the private fields of the unit's people (its officers,
    /// the board of its province).
    async fn ratings(&self, ctx: &Context<'_>) -> AppResult<Option<Vec<PerformanceRatingRecord>>> {
        self.authorize_private(ctx).await?;
        let rows = loaders(ctx)?
            .ratings
            .load_one(Subject::Unit(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(PerformanceRatingRecord)
                .collect(),
        ))
    }
    /// Discipline, inspections, investigations and complaints concerning the unit, oldest
    /// first. Readable as `ratings`.
    async fn disciplines(&self, ctx: &Context<'_>) -> AppResult<Option<Vec<Discipline>>> {
        self.authorize_private(ctx).await?;
        let rows = loaders(ctx)?
            .disciplines
            .load_one(Subject::Unit(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(Discipline)
                .collect(),
        ))
    }
    /// The unit's place in every finalized cluster year, oldest first.
    async fn standings(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Vec<crate::clusters::graphql::Standing>> {
        let loaders = loaders(ctx)?;
        let rows = loaders
            .unit_standings
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        let years = loaders
            .cluster_year
            .load_many(rows.iter().map(|r| r.cluster_year_id))
            .await?;
        let mut rows: Vec<entity::ranking_entry::Model> = rows
            .into_iter()
            .filter(|r| years.contains_key(&r.cluster_year_id))
            .collect();
        rows.sort_by_key(|r| (years[&r.cluster_year_id].year, r.cluster_year_id));
        Ok(rows
            .into_iter()
            .map(crate::clusters::graphql::Standing)
            .collect())
    }
    /// The unit's name as of `date`: its own while in force; before it began, the name of
    /// the unit it was renamed from (following RENAME links back); null when the body did
    /// not exist under one name then (before a merger or split, or after it closed).
    async fn name_on(&self, ctx: &Context<'_>, date: Date) -> AppResult<Option<String>> {
        let loaders = loaders(ctx)?;
        let mut current = self.0.clone();
        for _ in 0..64 {
            if super::in_force_on(current.valid_from, current.valid_to, date.0) {
                return Ok(Some(current.name));
            }
            if current.valid_from.is_none_or(|from| date.0 >= from) {
                return Ok(None);
            }
            let links = loaders
                .unit_lineage
                .load_one((current.id, LineageSide::Predecessors))
                .await?
                .unwrap_or_default();
            let renamed_from = match links.as_slice() {
                [only] if only.kind == enums::LineageKind::Rename => only.predecessor_id,
                _ => return Ok(None),
            };
            match loaders.unit.load_one(renamed_from).await? {
                Some(previous) => current = previous,
                None => return Ok(None),
            }
        }
        Ok(None)
    }
}

impl Unit {
    /// `FORBIDDEN` for a viewer who may not read the private fields of the unit's people.
    async fn authorize_private(&self, ctx: &Context<'_>) -> AppResult<()> {
        let target = access::target::of_unit(loaders(ctx)?, &self.0).await?;
        access::authorize(viewer(ctx)?, access::Action::ReadPersonPrivate, &target)
    }
}

async fn unit_links(
    ctx: &Context<'_>,
    id: i32,
    side: LineageSide,
) -> AppResult<Vec<UnitLineageLink>> {
    let loaders = loaders(ctx)?;
    let links = loaders
        .unit_lineage
        .load_one((id, side))
        .await?
        .unwrap_or_default();
    let other = |l: &unit_lineage::Model| match side {
        LineageSide::Predecessors => l.predecessor_id,
        LineageSide::Successors => l.successor_id,
    };
    let units = loaders.unit.load_many(links.iter().map(other)).await?;
    Ok(links
        .iter()
        .filter_map(|l| {
            units.get(&other(l)).map(|u| UnitLineageLink {
                kind: l.kind.into(),
                effective_on: Date(l.effective_on),
                legal_basis: l.legal_basis.clone(),
                unit: Unit(u.clone()),
            })
        })
        .collect())
}

/// One link of a unit's lineage, seen from one side.
#[derive(SimpleObject)]
pub struct UnitLineageLink {
    /// How the succession happened.
    kind: LineageKind,
    /// The day the succession took effect.
    effective_on: Date,
    /// The legal basis (decision or resolution).
    legal_basis: String,
    /// The unit on the other side of the link.
    unit: Unit,
}

/// A person (cá nhân): public fields only; private ones are kept apart. Only a row that
/// `access` let the viewer see makes one.
pub struct Person(pub access::Seen<person::Model>);

/// A person (cá nhân): public fields only; private ones are kept apart.
#[Object]
impl Person {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Person, self.0.id)
    }
    /// Full name, e.g. "Huỳnh Hùng Dũng".
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }
    /// Job title, e.g. "Phó Giám đốc Sở".
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }
    /// The unit the person works in now.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?.unit.load_one(self.0.unit_id).await?.map(Unit))
    }
    /// Positions held (chức vụ), oldest first.
    async fn positions(&self, ctx: &Context<'_>) -> AppResult<Vec<Position>> {
        let rows = loaders(ctx)?.person_positions.load_one(self.0.id).await?;
        Ok(rows.unwrap_or_default().into_iter().map(Position).collect())
    }
    /// Birth date. Private: officers of the person's unit, the board of its province.
    async fn birth_date(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        Ok(self
            .private(ctx)
            .await?
            .and_then(|p| p.birth_date)
            .map(Date))
    }
    /// Telephone. Private: officers of the person's unit, the board of its province.
    async fn phone(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.private(ctx).await?.and_then(|p| p.phone))
    }
    /// E-mail. Private: officers of the person's unit, the board of its province.
    async fn email(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.private(ctx).await?.and_then(|p| p.email))
    }
    /// Address. Private: officers of the person's unit, the board of its province.
    async fn address(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        Ok(self.private(ctx).await?.and_then(|p| p.address))
    }
    /// The day the person was recruited (ngày tuyển dụng). Private: officers of the
    /// person's unit, the board of its province.
    async fn recruited_on(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        Ok(self
            .private(ctx)
            .await?
            .and_then(|p| p.recruited_on)
            .map(Date))
    }
    /// The yearly performance ratings (xếp loại chất lượng), oldest year first. Private:
    /// officers of the person's unit, the board of its province.
    async fn ratings(&self, ctx: &Context<'_>) -> AppResult<Option<Vec<PerformanceRatingRecord>>> {
        self.authorize_private(ctx).await?;
        let rows = loaders(ctx)?
            .ratings
            .load_one(Subject::Person(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(PerformanceRatingRecord)
                .collect(),
        ))
    }
    /// Discipline, inspections, investigations and complaints, oldest first. Private:
    /// officers of the person's unit, the board of its province.
    async fn disciplines(&self, ctx: &Context<'_>) -> AppResult<Option<Vec<Discipline>>> {
        self.authorize_private(ctx).await?;
        let rows = loaders(ctx)?
            .disciplines
            .load_one(Subject::Person(self.0.id))
            .await?;
        Ok(Some(
            rows.unwrap_or_default()
                .into_iter()
                .map(Discipline)
                .collect(),
        ))
    }
}

impl Person {
    /// `FORBIDDEN` for a viewer who may not read the private fields.
    async fn authorize_private(&self, ctx: &Context<'_>) -> AppResult<()> {
        let viewer = viewer(ctx)?;
        let target = unit_target(ctx, self.0.unit_id).await?;
        access::authorize(viewer, access::Action::ReadPersonPrivate, &target)
    }

    /// The private fields, or `FORBIDDEN` for a viewer who may not read them.
    async fn private(&self, ctx: &Context<'_>) -> AppResult<Option<entity::person_private::Model>> {
        self.authorize_private(ctx).await?;
        loaders(ctx)?.person_private.load_one(self.0.id).await
    }
}

/// The authorization target of a unit, through the request's loaders.
pub async fn unit_target(ctx: &Context<'_>, unit_id: i32) -> AppResult<access::Target> {
    access::target::of_unit_id(loaders(ctx)?, unit_id).await
}

/// A position a person holds or held (chức vụ).
pub struct Position(pub entity::person_position::Model);

/// A position a person holds or held (chức vụ), e.g. Phó Chủ tịch of an association in khóa IV.
#[Object]
impl Position {
    /// Title, e.g. "Phó Giám đốc Sở".
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The unit of the position.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        Ok(loaders(ctx)?.unit.load_one(self.0.unit_id).await?.map(Unit))
    }
    /// The term it belongs to, if any.
    async fn term(&self, ctx: &Context<'_>) -> AppResult<Option<crate::terms::graphql::Term>> {
        let Some(id) = self.0.term_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?
            .term
            .load_one(id)
            .await?
            .map(crate::terms::graphql::Term))
    }
    /// First day.
    async fn start_on(&self) -> Option<Date> {
        self.0.start_on.map(Date)
    }
    /// Last day; null while held.
    async fn end_on(&self) -> Option<Date> {
        self.0.end_on.map(Date)
    }
}

/// Filter of `units`. All given conditions must hold.
#[derive(InputObject, Default)]
pub struct UnitFilter {
    /// Text found in the name, short name or code, ignoring case and Vietnamese diacritics
    /// ("so khoa hoc" finds "Sở Khoa học và Công nghệ").
    search: Option<String>,
    /// Kind of unit.
    kind: Option<UnitKind>,
    /// Units of this province.
    province_code: Option<String>,
    /// Sub-units of this unit.
    parent_code: Option<String>,
    /// Members of this cluster or bloc (in `year` when given, in any year otherwise).
    cluster_code: Option<String>,
    /// Units in force at some time in this year; with `clusterCode`, members in this year.
    year: Option<crate::api::scalars::Year>,
    /// Only units in force today (`true`) or only closed ones (`false`).
    active: Option<bool>,
}

/// Filter of `persons`.
#[derive(InputObject, Default)]
pub struct PersonFilter {
    /// Text found in the full name, ignoring case and Vietnamese diacritics.
    search: Option<String>,
    /// Persons of this unit.
    unit_code: Option<String>,
}

/// Root fields of the organisation.
#[derive(Default)]
pub struct OrganisationQuery;

#[Object]
impl OrganisationQuery {
    /// All provinces, including those closed by reorganisation (with their successors).
    async fn provinces(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only provinces in force today (`true`) or only closed ones (`false`).")]
        active: Option<bool>,
    ) -> AppResult<Vec<Province>> {
        let today = Utc::now().date_naive();
        let rows = store::provinces(db(ctx)?, active.map(|a| (a, today))).await?;
        Ok(rows.into_iter().map(Province).collect())
    }

    /// The province with this code.
    async fn province(&self, ctx: &Context<'_>, code: String) -> AppResult<Option<Province>> {
        let code = text::nfc(&code);
        Ok(store::province_by_code(db(ctx)?, &code)
            .await?
            .map(Province))
    }

    /// The unit with this code, whether in force or closed.
    async fn unit(&self, ctx: &Context<'_>, code: String) -> AppResult<Option<Unit>> {
        let code = text::nfc(&code);
        Ok(store::unit_by_code(db(ctx)?, &code).await?.map(Unit))
    }

    /// Units, in order of creation.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn units(
        &self,
        ctx: &Context<'_>,
        filter: Option<UnitFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Unit>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let criteria = UnitCriteria {
            search: f.search,
            kind: f.kind.map(Into::into),
            province_code: f.province_code.map(|c| text::nfc(&c)),
            parent_code: f.parent_code.map(|c| text::nfc(&c)),
            cluster_code: f.cluster_code.map(|c| text::nfc(&c)),
            year: f.year.map(crate::api::scalars::Year::get),
            active_on: f.active.map(|a| (a, Utc::now().date_naive())),
        };
        fetch_page(
            db(ctx)?,
            store::units(&criteria),
            unit::Column::Id,
            |u| u.id,
            Unit,
            page,
        )
        .await
    }

    /// Persons, in order of creation. Signed-in viewers only: the public sees none.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn persons(
        &self,
        ctx: &Context<'_>,
        filter: Option<PersonFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Person>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let criteria = PersonCriteria {
            search: f.search,
            unit_code: f.unit_code.map(|c| text::nfc(&c)),
        };
        let scope = access::person_scope(viewer(ctx)?);
        fetch_page(
            db(ctx)?,
            scope.apply(store::persons(&criteria)),
            person::Column::Id,
            |p| p.id,
            Person,
            page,
        )
        .await
    }
}
