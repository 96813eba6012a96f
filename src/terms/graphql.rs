//! The GraphQL face of terms: `Term` and `terms(filter)`.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{enums, term, unit};
use sea_orm::{sea_query::Query, ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    api::{
        context::{db, loaders},
        ids::{global_id, NodeKind},
        paging::{fetch_page, Conn, PageArgs},
    },
    error::AppResult,
    organisation::graphql::{Province, Unit},
    text,
};

/// Kind of term.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::TermKind")]
pub enum TermKind {
    /// A five-year emulation period (giai đoạn), e.g. 2020–2025, closed by advanced-model
    /// conferences and a patriotic emulation congress.
    EmulationPeriod,
    /// The term of an association's executive committee (Ban Chấp hành, khóa), e.g. khóa IV.
    ExecutiveCommittee,
    /// A leadership term of a unit (nhiệm kỳ).
    Leadership,
}

/// A term or emulation period, in whole years.
pub struct Term(pub term::Model);

/// A term or emulation period, in whole years.
#[Object]
impl Term {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Term, self.0.id)
    }
    /// Kind of term.
    async fn kind(&self) -> TermKind {
        self.0.kind.into()
    }
    /// Name, e.g. "Khóa IV" or "Giai đoạn 2020–2025".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// First year of the term.
    async fn start_year(&self) -> i32 {
        self.0.start_year
    }
    /// Last year of the term.
    async fn end_year(&self) -> i32 {
        self.0.end_year
    }
    /// The unit whose term this is; null for periods that are not a unit's.
    async fn unit(&self, ctx: &Context<'_>) -> AppResult<Option<Unit>> {
        let Some(id) = self.0.unit_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.unit.load_one(id).await?.map(Unit))
    }
    /// The province whose period this is; null for national periods and units' terms.
    async fn province(&self, ctx: &Context<'_>) -> AppResult<Option<Province>> {
        let Some(id) = self.0.province_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(Province))
    }
}

/// Filter of `terms`. All given conditions must hold.
#[derive(InputObject, Default)]
pub struct TermFilter {
    /// Terms of this unit.
    unit_code: Option<String>,
    /// Kind of term.
    kind: Option<TermKind>,
    /// Terms that include this year.
    active_in: Option<crate::api::scalars::Year>,
}

/// Root fields of terms.
#[derive(Default)]
pub struct TermsQuery;

#[Object]
impl TermsQuery {
    /// Terms and emulation periods, in order of creation.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn terms(
        &self,
        ctx: &Context<'_>,
        filter: Option<TermFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<Conn<Term>> {
        let page = PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let mut select = term::Entity::find();
        if let Some(code) = f.unit_code {
            select = select.filter(
                term::Column::UnitId.in_subquery(
                    Query::select()
                        .column(unit::Column::Id)
                        .from(unit::Entity)
                        .and_where(unit::Column::Code.eq(text::nfc(&code)))
                        .to_owned(),
                ),
            );
        }
        if let Some(kind) = f.kind {
            select = select.filter(term::Column::Kind.eq(enums::TermKind::from(kind)));
        }
        if let Some(year) = f.active_in {
            select = select
                .filter(term::Column::StartYear.lte(year))
                .filter(term::Column::EndYear.gte(year));
        }
        fetch_page(db(ctx)?, select, term::Column::Id, |t| t.id, Term, page).await
    }
}
