//! The GraphQL face of the award catalogue: `AwardType`, `awardTypes`, `awardType(code)`.

use async_graphql::{Context, Enum, Object, ID};
use entity::{award_type, enums};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    api::{
        context::db,
        ids::{global_id, NodeKind},
    },
    error::AppResult,
    text,
};

/// Category of award (shared/DOMAIN.md).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::AwardCategory")]
pub enum AwardCategory {
    /// Emulation title (danh hiệu thi đua), e.g. Chiến sĩ thi đua cơ sở.
    EmulationTitle,
    /// Form of commendation (hình thức khen thưởng), e.g. Giấy khen, Bằng khen, orders.
    Commendation,
}

/// Level at which an award is conferred.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::AwardLevel")]
pub enum AwardLevel {
    /// Conferred within a unit by its head (cấp cơ sở).
    Grassroots,
    /// Conferred by the province (cấp tỉnh).
    Provincial,
    /// Conferred by the State, the Government or a ministry (cấp nhà nước, bộ, ngành).
    National,
}

/// Who confers an award.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::Conferrer")]
pub enum Conferrer {
    /// The head of the unit (Thủ trưởng đơn vị), e.g. a department's director.
    UnitHead,
    /// The Chairman of the province's People's Committee (Chủ tịch UBND tỉnh).
    ProvinceChairman,
    /// The Prime Minister (Thủ tướng Chính phủ).
    PrimeMinister,
    /// The President of the State (Chủ tịch nước).
    President,
    /// Another authority, e.g. a minister or the head of a national body.
    Other,
}

/// Who an award can be given to.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum RecipientKind {
    /// A person (cá nhân).
    Individual,
    /// A collective: a unit acting as recipient (tập thể).
    Collective,
}

/// A type of award of the catalogue. `code` is part of the public contract.
pub struct AwardType(pub award_type::Model);

/// A type of award of the catalogue. `code` is part of the public contract.
#[Object]
impl AwardType {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::AwardType, self.0.id)
    }
    /// Stable code, e.g. `CHIEN_SI_THI_DUA_TINH`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Official Vietnamese name, e.g. "Chiến sĩ thi đua cấp tỉnh".
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// English name.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }
    /// Emulation title or form of commendation.
    async fn category(&self) -> AwardCategory {
        self.0.category.into()
    }
    /// Level at which it is conferred.
    async fn level(&self) -> AwardLevel {
        self.0.level.into()
    }
    /// Who confers it.
    async fn conferrer(&self) -> Conferrer {
        self.0.conferrer.into()
    }
    /// Who it can be given to.
    async fn recipient_kinds(&self) -> Vec<RecipientKind> {
        let mut kinds = Vec::with_capacity(2);
        if self.0.for_individual {
            kinds.push(RecipientKind::Individual);
        }
        if self.0.for_collective {
            kinds.push(RecipientKind::Collective);
        }
        kinds
    }
}

/// Root fields of the award catalogue.
#[derive(Default)]
pub struct AwardsQuery;

#[Object]
impl AwardsQuery {
    /// The award catalogue in its official order, optionally narrowed.
    async fn award_types(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this category.")] category: Option<AwardCategory>,
        #[graphql(desc = "Only this level.")] level: Option<AwardLevel>,
        #[graphql(desc = "Only types that can be given to this kind of recipient.")]
        recipient_kind: Option<RecipientKind>,
    ) -> AppResult<Vec<AwardType>> {
        let mut select = award_type::Entity::find().order_by_asc(award_type::Column::SortOrder);
        if let Some(category) = category {
            select = select
                .filter(award_type::Column::Category.eq(enums::AwardCategory::from(category)));
        }
        if let Some(level) = level {
            select = select.filter(award_type::Column::Level.eq(enums::AwardLevel::from(level)));
        }
        select = match recipient_kind {
            Some(RecipientKind::Individual) => {
                select.filter(award_type::Column::ForIndividual.eq(true))
            }
            Some(RecipientKind::Collective) => {
                select.filter(award_type::Column::ForCollective.eq(true))
            }
            None => select,
        };
        Ok(select
            .all(db(ctx)?)
            .await?
            .into_iter()
            .map(AwardType)
            .collect())
    }

    /// The award type with this code.
    async fn award_type(&self, ctx: &Context<'_>, code: String) -> AppResult<Option<AwardType>> {
        Ok(award_type::Entity::find()
            .filter(award_type::Column::Code.eq(text::nfc(&code)))
            .one(db(ctx)?)
            .await?
            .map(AwardType))
    }
}
