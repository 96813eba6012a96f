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

/// Kind of commendation (loại hình khen thưởng, Law 2022 Art. 8).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "entity::enums::CommendationKind")]
pub enum CommendationKind {
    /// For achievements in carrying out the tasks (công trạng, thường xuyên).
    Regular,
    /// For a themed emulation movement (chuyên đề): no basis for a proposal upward.
    Thematic,
    /// For a sudden, exceptional achievement (đột xuất): no basis for a proposal upward.
    Exceptional,
    /// For a lifetime's dedication (cống hiến).
    Dedication,
    /// For foreign affairs (đối ngoại).
    ForeignAffairs,
    /// For years of service (niên hạn).
    Tenure,
}

/// Category of an award's recipient, as the statutory forms count them (đối tượng khen
/// thưởng).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "entity::enums::RecipientCategory")]
pub enum RecipientCategory {
    /// Leader at ministry or province level and above (lãnh đạo cấp bộ, cấp tỉnh trở lên).
    SeniorLeader,
    /// Leader at department level (lãnh đạo cấp vụ, sở, ngành và tương đương).
    DepartmentLeader,
    /// Entrepreneur (doanh nhân).
    Entrepreneur,
    /// Other leaders, from deputy head of a division up (lãnh đạo khác từ phó phòng trở lên).
    OtherLeader,
    /// Who works, labours, studies or fights directly (người trực tiếp công tác, lao động).
    DirectWorker,
    /// A collective other than an enterprise or a household (tập thể).
    Collective,
    /// An enterprise (doanh nghiệp).
    Enterprise,
    /// A household (hộ gia đình).
    Household,
}

/// Who an award can be given to.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "super::rules::RecipientKind")]
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

/// Who an award or a nomination is for: a person or a unit.
#[derive(async_graphql::Union)]
pub enum Recipient {
    /// An individual.
    Person(crate::organisation::graphql::Person),
    /// A collective.
    Unit(crate::organisation::graphql::Unit),
}

/// The recipient of `person`/`unit` ids, as the viewer may see it.
pub async fn recipient(
    ctx: &Context<'_>,
    person: Option<i32>,
    unit: Option<i32>,
) -> AppResult<Option<Recipient>> {
    let loaders = crate::api::context::loaders(ctx)?;
    if let Some(id) = person {
        let viewer = crate::api::context::viewer(ctx)?;
        return Ok(loaders
            .person
            .load_one(id)
            .await?
            .and_then(|p| crate::access::see_person(viewer, p))
            .map(|p| Recipient::Person(crate::organisation::graphql::Person(p))));
    }
    if let Some(id) = unit {
        return Ok(loaders
            .unit
            .load_one(id)
            .await?
            .map(|u| Recipient::Unit(crate::organisation::graphql::Unit(u))));
    }
    Ok(None)
}

/// An award conferred (or recorded from history), possibly revoked, as `access` let the
/// viewer see it.
pub struct Award(pub crate::access::Seen<entity::award::Model>);

/// An award conferred by a decision (or recorded from the time before the system). A
/// revoked award is kept, marked revoked; it no longer counts for eligibility.
#[Object]
impl Award {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Award, self.0.id)
    }
    /// The kind of commendation.
    pub async fn kind(&self) -> CommendationKind {
        self.0.commendation_kind.into()
    }
    /// The recipient's category on the day of the award (as the statutory forms count it);
    /// null for an award recorded before the category was kept.
    async fn recipient_category(&self) -> Option<RecipientCategory> {
        self.0.recipient_category.map(Into::into)
    }
    /// The award type.
    async fn award_type(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        Ok(crate::api::context::loaders(ctx)?
            .award_type
            .load_one(self.0.award_type_id)
            .await?
            .map(AwardType))
    }
    /// The recipient (null for persons when the viewer may not see persons).
    async fn recipient(&self, ctx: &Context<'_>) -> AppResult<Option<Recipient>> {
        recipient(ctx, self.0.recipient_person_id, self.0.recipient_unit_id).await
    }
    /// The recipient's name on the day of the award (units change names; awards keep the
    /// name of their day).
    async fn recipient_name(&self) -> Option<String> {
        Some(self.0.recipient_name.clone())
    }
    /// The year the achievement belongs to.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The decision that conferred it, if recorded.
    async fn decision(&self, ctx: &Context<'_>) -> AppResult<Option<Decision>> {
        let Some(id) = self.0.decision_id else {
            return Ok(None);
        };
        Ok(crate::api::context::loaders(ctx)?
            .decision
            .load_one(id)
            .await?
            .map(Decision))
    }
    /// The reward money in VND (tiền thưởng), from the rates and the base salary in force on
    /// its decision's date; null without a decision or a known rate.
    async fn amount(&self) -> Option<i64> {
        self.0.amount
    }
    /// The Law's ground of its revocation.
    async fn revocation_ground(&self) -> Option<super::mutations::RevocationGround> {
        self.0.revocation_ground.map(Into::into)
    }
    /// The reward money to recover after its revocation, in VND.
    async fn amount_to_recover(&self) -> Option<i64> {
        self.0.amount_to_recover
    }
    /// Why it is to be reviewed: an award its eligibility used was revoked; null otherwise.
    async fn review_reason(&self) -> Option<&str> {
        self.0.review_reason.as_deref()
    }
    /// The later awards whose eligibility used this one (flagged for review when it is
    /// revoked), as the viewer may see them.
    async fn dependents(&self, ctx: &Context<'_>) -> AppResult<Vec<Award>> {
        let viewer = crate::api::context::viewer(ctx)?;
        Ok(super::records::dependents(db(ctx)?, &self.0)
            .await?
            .into_iter()
            .filter_map(|a| crate::access::see_award(viewer, a))
            .map(Award)
            .collect())
    }
    /// Whether it was revoked.
    async fn revoked(&self) -> bool {
        self.0.revoked_at.is_some()
    }
    /// The day it was revoked.
    async fn revoked_on(&self) -> Option<crate::api::scalars::Date> {
        self.0.revoked_at.map(crate::api::scalars::Date)
    }
    /// Why it was revoked.
    async fn revoked_reason(&self) -> Option<&str> {
        self.0.revoked_reason.as_deref()
    }
    /// The number of the decision that revoked it.
    async fn revoking_decision_number(&self) -> Option<&str> {
        self.0.revoking_decision_number.as_deref()
    }
}

/// A numbered award decision (quyết định khen thưởng), e.g. "163/QĐ-UBND".
pub struct Decision(pub entity::decision::Model);

/// A numbered award decision (quyết định khen thưởng), e.g. "163/QĐ-UBND".
#[Object]
impl Decision {
    /// Global ID.
    pub async fn id(&self) -> ID {
        crate::api::ids::global_id(NodeKind::Decision, self.0.id)
    }
    /// The number, unique per issuer, in the form `{n}/QĐ-{issuer}`.
    async fn number(&self) -> &str {
        &self.0.number
    }
    /// The day it was signed.
    async fn signed_on(&self) -> crate::api::scalars::Date {
        crate::api::scalars::Date(self.0.signed_on)
    }
    /// The body that issued it (e.g. the province's People's Committee, or a department).
    async fn issuer(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<crate::organisation::graphql::Unit>> {
        Ok(crate::api::context::loaders(ctx)?
            .unit
            .load_one(self.0.issuer_unit_id)
            .await?
            .map(crate::organisation::graphql::Unit))
    }
    /// Who signed it.
    async fn signer_name(&self) -> &str {
        &self.0.signer_name
    }
    /// The signer's title, e.g. "Chủ tịch UBND tỉnh".
    async fn signer_title(&self) -> &str {
        &self.0.signer_title
    }
    /// The reward money of every award it conferred, in VND.
    async fn total_amount(&self, ctx: &Context<'_>) -> AppResult<i64> {
        let awards = crate::api::context::loaders(ctx)?
            .decision_awards
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(awards.iter().filter_map(|a| a.amount).sum())
    }
    /// The awards it conferred (awards to persons only for viewers who may see persons).
    async fn awards(&self, ctx: &Context<'_>) -> AppResult<Vec<Award>> {
        let viewer = crate::api::context::viewer(ctx)?;
        let awards = crate::api::context::loaders(ctx)?
            .decision_awards
            .load_one(self.0.id)
            .await?
            .unwrap_or_default();
        Ok(awards
            .into_iter()
            .filter_map(|row| crate::access::see_award(viewer, row))
            .map(Award)
            .collect())
    }
}

/// What one check of an eligibility report found.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "super::rules::CheckStatus")]
pub enum CheckStatus {
    /// The check was made and is met.
    Passed,
    /// The check was made and is not met.
    Failed,
    /// The check could not be made: the facts it needs are not recorded, or are not shown to
    /// this viewer. It never counts as met.
    NotChecked,
}

/// What an eligibility report's checks add up to.
#[derive(async_graphql::Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "super::eligibility::Verdict")]
pub enum Verdict {
    /// Every check was made and is met.
    Eligible,
    /// A check was made and is not met.
    NotEligible,
    /// None failed, but some could not be made: the council judges what they could not.
    Incomplete,
}

/// One check of an eligibility report.
#[derive(async_graphql::SimpleObject)]
pub struct EligibilityCheck {
    /// The rule checked, e.g. `STREAK`.
    rule: String,
    /// Whether it was made and is met (`status` is `PASSED`).
    passed: bool,
    /// What the check found: passed, failed, or not checked.
    status: CheckStatus,
    /// What was found, in Vietnamese, e.g. "3 năm liên tục Chiến sĩ thi đua cơ sở: 2021, 2022, 2023".
    detail: String,
    /// What was found, in English.
    detail_en: String,
    /// The legal basis of the rule checked (law, article, clause), when it has one.
    source: Option<String>,
    /// The key of the rule version checked, e.g. `CSTDCS.2024.tieu-chuan`.
    rule_key: Option<String>,
    /// The version of that rule.
    rule_version: Option<i32>,
    /// The checks this one is made of (`ALL_OF`, `ANY_OF`), in the rule's order.
    parts: Vec<EligibilityCheck>,
}

/// Whether a recipient meets an award type's rules for a year, check by check.
#[derive(async_graphql::SimpleObject)]
pub struct EligibilityReport {
    /// What the checks add up to.
    verdict: Verdict,
    /// Whether the verdict is `ELIGIBLE` (kept for clients that predate `verdict`).
    eligible: bool,
    /// The checks, in the rules' order.
    checks: Vec<EligibilityCheck>,
}

impl EligibilityCheck {
    fn of(check: super::rules::Check) -> Self {
        EligibilityCheck {
            passed: check.passed(),
            status: check.status.into(),
            rule: check.rule,
            detail: check.detail,
            detail_en: check.detail_en,
            source: check.source,
            rule_key: check.rule_key,
            rule_version: check.rule_version,
            parts: check.parts.into_iter().map(EligibilityCheck::of).collect(),
        }
    }
}

impl EligibilityReport {
    /// The report as a nomination stored it (see [`super::workflow::stored_report`]).
    pub fn stored(stored: &serde_json::Value) -> Option<Self> {
        super::workflow::stored_report(stored).map(Into::into)
    }
}

impl From<super::eligibility::Report> for EligibilityReport {
    fn from(report: super::eligibility::Report) -> Self {
        EligibilityReport {
            verdict: report.verdict.into(),
            eligible: report.eligible(),
            checks: report
                .checks
                .into_iter()
                .map(EligibilityCheck::of)
                .collect(),
        }
    }
}

/// The recipient a global ID names: a person the viewer may see, or a unit.
pub async fn recipient_of(ctx: &Context<'_>, id: &ID) -> AppResult<super::eligibility::Recipient> {
    crate::api::inputs::recipient(db(ctx)?, crate::api::context::viewer(ctx)?, id).await
}

/// Filter of `awards`. All given conditions must hold.
#[derive(async_graphql::InputObject, Default)]
pub struct AwardFilter {
    /// Awards of this province.
    province_code: Option<String>,
    /// Awards to this unit or to its people.
    unit_code: Option<String>,
    /// Awards to this person (global ID).
    person_id: Option<ID>,
    /// Awards of this type.
    award_type_code: Option<String>,
    /// Awards of this year.
    year: Option<crate::api::scalars::Year>,
    /// Awards of this year or later.
    year_from: Option<crate::api::scalars::Year>,
    /// Awards of this year or earlier.
    year_to: Option<crate::api::scalars::Year>,
    /// Awards of this level.
    level: Option<AwardLevel>,
    /// Also revoked awards (left out by default).
    include_revoked: Option<bool>,
}

/// Filter of `decisions`.
#[derive(async_graphql::InputObject, Default)]
pub struct DecisionFilter {
    /// Decisions issued by this unit.
    issuer_code: Option<String>,
    /// Decisions of this province.
    province_code: Option<String>,
    /// Signed on or after this day.
    signed_from: Option<crate::api::scalars::Date>,
    /// Signed on or before this day.
    signed_to: Option<crate::api::scalars::Date>,
}

/// Root fields of awards and decisions.
#[derive(Default)]
pub struct AwardRecordsQuery;

fn subquery_ids(
    column: impl sea_orm::ColumnTrait,
    table: impl sea_orm::sea_query::IntoTableRef,
    code_column: impl sea_orm::ColumnTrait,
    code: String,
) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(column)
        .from(table)
        .and_where(code_column.eq(code))
        .to_owned()
}

#[Object]
impl AwardRecordsQuery {
    /// Awards, in order of recording; revoked ones only with `includeRevoked`. Awards to
    /// persons are left out for viewers who may not see persons.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn awards(
        &self,
        ctx: &Context<'_>,
        filter: Option<AwardFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<crate::api::paging::Conn<Award>> {
        use entity::{award, province, unit};
        let page = crate::api::paging::PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let viewer = crate::api::context::viewer(ctx)?;
        let scope = crate::access::award_scope(viewer);
        let mut select = award::Entity::find();
        if !f.include_revoked.unwrap_or(false) {
            select = select.filter(award::Column::RevokedAt.is_null());
        }
        if let Some(code) = f.province_code {
            select = select.filter(award::Column::ProvinceId.in_subquery(subquery_ids(
                province::Column::Id,
                province::Entity,
                province::Column::Code,
                text::nfc(&code),
            )));
        }
        if let Some(code) = f.unit_code {
            let units = subquery_ids(
                unit::Column::Id,
                unit::Entity,
                unit::Column::Code,
                text::nfc(&code),
            );
            let people = sea_orm::sea_query::Query::select()
                .column(entity::person::Column::Id)
                .from(entity::person::Entity)
                .and_where(entity::person::Column::UnitId.in_subquery(units.clone()))
                .to_owned();
            select = select.filter(
                sea_orm::Condition::any()
                    .add(award::Column::RecipientUnitId.in_subquery(units))
                    .add(award::Column::RecipientPersonId.in_subquery(people)),
            );
        }
        if let Some(id) = f.person_id {
            match crate::api::ids::parse_global_id(&id)? {
                (NodeKind::Person, row) => {
                    select = select.filter(award::Column::RecipientPersonId.eq(row))
                }
                _ => {
                    return Err(crate::error::AppError::bad_input(crate::tr!(
                        "`personId` is not a person's ID",
                        "`personId` không phải là ID của một cá nhân"
                    )))
                }
            }
        }
        if let Some(code) = f.award_type_code {
            select = select.filter(award::Column::AwardTypeId.in_subquery(subquery_ids(
                award_type::Column::Id,
                award_type::Entity,
                award_type::Column::Code,
                text::nfc(&code),
            )));
        }
        if let Some(level) = f.level {
            select = select.filter(
                award::Column::AwardTypeId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(award_type::Column::Id)
                        .from(award_type::Entity)
                        .and_where(award_type::Column::Level.eq(enums::AwardLevel::from(level)))
                        .to_owned(),
                ),
            );
        }
        if let Some(year) = f.year {
            select = select.filter(award::Column::Year.eq(year));
        }
        if let Some(year) = f.year_from {
            select = select.filter(award::Column::Year.gte(year));
        }
        if let Some(year) = f.year_to {
            select = select.filter(award::Column::Year.lte(year));
        }
        crate::api::paging::fetch_page(
            db(ctx)?,
            scope.apply(select),
            award::Column::Id,
            |a| a.id,
            Award,
            page,
        )
        .await
    }

    /// Award decisions, in order of recording.
    #[graphql(complexity = "crate::api::paging::complexity(first, last, child_complexity)")]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        filter: Option<DecisionFilter>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> AppResult<crate::api::paging::Conn<Decision>> {
        use entity::{decision, province, unit};
        let page = crate::api::paging::PageArgs::new(first, after, last, before).validate()?;
        let f = filter.unwrap_or_default();
        let mut select = decision::Entity::find();
        if let Some(code) = f.issuer_code {
            select = select.filter(decision::Column::IssuerUnitId.in_subquery(subquery_ids(
                unit::Column::Id,
                unit::Entity,
                unit::Column::Code,
                text::nfc(&code),
            )));
        }
        if let Some(code) = f.province_code {
            select = select.filter(decision::Column::ProvinceId.in_subquery(subquery_ids(
                province::Column::Id,
                province::Entity,
                province::Column::Code,
                text::nfc(&code),
            )));
        }
        if let Some(from) = f.signed_from {
            select = select.filter(decision::Column::SignedOn.gte(from.0));
        }
        if let Some(to) = f.signed_to {
            select = select.filter(decision::Column::SignedOn.lte(to.0));
        }
        crate::api::paging::fetch_page(
            db(ctx)?,
            select,
            decision::Column::Id,
            |d| d.id,
            Decision,
            page,
        )
        .await
    }

    /// Whether a person or unit meets the rules of an award type for a year, check by check,
    /// in Vietnamese and English.
    async fn eligibility(
        &self,
        ctx: &Context<'_>,
        award_type_code: String,
        recipient_id: ID,
        year: crate::api::scalars::Year,
    ) -> AppResult<EligibilityReport> {
        let db = db(ctx)?;
        let award_type = award_type::Entity::find()
            .filter(award_type::Column::Code.eq(text::nfc(&award_type_code)))
            .one(db)
            .await?
            .ok_or_else(|| {
                crate::error::AppError::not_found(crate::tr!("award type", "loại khen thưởng"))
            })?;
        let recipient = recipient_of(ctx, &recipient_id).await?;
        Ok(super::eligibility::report(
            db,
            crate::api::context::viewer(ctx)?,
            &award_type,
            &recipient,
            year.get(),
        )
        .await?
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_stored_before_verdicts_reads_as_it_said() {
        let old = serde_json::json!({ "eligible": false, "checks": [
            { "rule": "STREAK", "passed": false, "detail": "d", "detailEn": "e" },
            { "rule": "RECIPIENT_KIND", "passed": true, "detail": "d", "detailEn": "e" }
        ] });
        let report = EligibilityReport::stored(&old).unwrap();
        assert!(report.verdict == Verdict::NotEligible && !report.eligible);
        assert!(report.checks[0].status == CheckStatus::Failed);
        assert!(report.checks[1].status == CheckStatus::Passed);
        let new = serde_json::json!({ "verdict": "INCOMPLETE", "eligible": false, "checks": [
            { "rule": "MEMBERS_SHARE", "status": "NOT_CHECKED", "passed": false, "detail": "d", "detailEn": "e" }
        ] });
        let report = EligibilityReport::stored(&new).unwrap();
        assert!(report.verdict == Verdict::Incomplete);
        assert!(report.checks[0].status == CheckStatus::NotChecked);
    }
}
