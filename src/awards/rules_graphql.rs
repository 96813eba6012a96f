//! The GraphQL face of the rules and the provinces' policy: `awardRules`, `provincePolicy`,
//! `setAwardRule`, `retireAwardRule`, `setProvincePolicy`. Rules and policy are public
//! (they are law and published decisions); only a province's board changes its own, and
//! ADMIN the national rules.

use async_graphql::{Context, InputObject, Json, Object, SimpleObject};
use entity::{award_rule, award_type, province};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::graphql::{AwardType, RecipientKind};
use super::policy::{self, Policy};
use super::rulebook::{self, Version};
use crate::{
    api::{
        context::{db, loaders, run, viewer},
        scalars::{DateTime, Year},
        user_errors::{user_errors, UserError},
    },
    error::{AppError, AppResult},
    text,
};

/// A version of an eligibility rule (tiêu chuẩn): what it asks, the years it applies to and
/// its legal basis.
pub struct AwardRule(Version);

/// A version of an eligibility rule (tiêu chuẩn): what it asks, the years it applies to and
/// its legal basis.
#[Object]
impl AwardRule {
    /// The rule's key, e.g. `CSTDCS.2024.tieu-chuan`; a province's own version carries the
    /// province's code first (`CM/CSTDCS.2024.tieu-chuan`).
    async fn key(&self) -> &str {
        self.0.row.rule_key.as_deref().unwrap_or_default()
    }
    /// The version, from 1; every change is a new version.
    async fn version(&self) -> i32 {
        self.0.row.version
    }
    /// The award type it is a rule of.
    async fn award_type(&self, ctx: &Context<'_>) -> AppResult<Option<AwardType>> {
        Ok(loaders(ctx)?
            .award_type
            .load_one(self.0.row.award_type_id)
            .await?
            .map(AwardType))
    }
    /// The province whose own version this is; null for the national rule.
    async fn province_code(&self, ctx: &Context<'_>) -> AppResult<Option<String>> {
        let Some(id) = self.0.row.province_id else {
            return Ok(None);
        };
        Ok(loaders(ctx)?.province.load_one(id).await?.map(|p| p.code))
    }
    /// The first year it applies to.
    async fn applies_from(&self) -> i32 {
        self.0.row.applies_from
    }
    /// The last year it applies to; null while open.
    async fn applies_to(&self) -> Option<i32> {
        self.0.row.applies_to
    }
    /// The recipients it is for; null for all.
    async fn recipient_kind(&self) -> Option<RecipientKind> {
        self.0.recipient.map(Into::into)
    }
    /// The rule as data: `{"kind": "ALL_OF", "rules": [...]}` and the other kinds of
    /// `src/awards/rules.rs` (`HOLDS_IN_YEAR`, `STREAK`, `TIMES`, `INITIATIVE`, `RATING`,
    /// `LED_CLUSTER`, `MEMBERS_SHARE`, `MEMBERS_AT_LEAST`, `MEMBERS_RATED`, `NO_DISCIPLINE`,
    /// `JUDGED`).
    async fn rule(&self) -> Json<serde_json::Value> {
        Json(serde_json::to_value(&self.0.rule).unwrap_or_default())
    }
    /// What it asks, in Vietnamese.
    async fn description(&self) -> &str {
        &self.0.row.description
    }
    /// What it asks, in English.
    async fn description_en(&self) -> &str {
        &self.0.row.description_en
    }
    /// Its legal basis: law, article, clause; says so when it is an editable default.
    async fn source(&self) -> &str {
        &self.0.row.source
    }
    /// Whether this version retires the rule.
    async fn retired(&self) -> bool {
        self.0.row.retired
    }
    /// Why this version was made.
    async fn reason(&self) -> Option<&str> {
        self.0.row.reason.as_deref()
    }
    /// When this version was recorded.
    async fn recorded_at(&self) -> Option<DateTime> {
        self.0.row.recorded_at.map(DateTime)
    }
    /// Every version stored under this key, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> AppResult<Vec<AwardRule>> {
        let key = self.0.row.rule_key.clone().unwrap_or_default();
        let mut versions = Vec::new();
        for row in rulebook::versions(db(ctx)?, &key).await? {
            versions.push(AwardRule(version_of(row)?));
        }
        Ok(versions)
    }
}

fn version_of(row: award_rule::Model) -> AppResult<Version> {
    let (rule, recipient) = super::store::parsed_form(&row).map_err(|e| AppError::internal(&e))?;
    Ok(Version {
        row,
        rule,
        recipient,
    })
}

/// A province's policy on emulation and commendation, as in force (one version).
#[derive(SimpleObject)]
pub struct ProvincePolicy {
    /// The province's code.
    province_code: String,
    /// The version, from 1; 0 for the defaults, never set.
    version: i32,
    /// A collective's streak of titles crosses a merger: the predecessors' titles count for
    /// the successor (and the report says so).
    collective_streak_across_mergers: bool,
    /// Places of each cluster or bloc proposed for the provincial emulation flag.
    cluster_flag_quota: i32,
    /// Places after those proposed for the Chairman's certificate of merit.
    cluster_certificate_quota: i32,
    /// Percent of the council's members who must vote yes.
    council_vote_threshold: i32,
    /// Whether a provincial award is approved only with a recorded council vote reaching
    /// the threshold.
    council_vote_required: bool,
    /// The decision the policy rests on.
    source: String,
    /// Why this version was made.
    reason: Option<String>,
    /// When it was recorded; null for the defaults.
    recorded_at: Option<DateTime>,
}

impl ProvincePolicy {
    fn of(code: &str, p: Policy) -> Self {
        ProvincePolicy {
            province_code: code.to_owned(),
            version: p.version,
            collective_streak_across_mergers: p.collective_streak_across_mergers,
            cluster_flag_quota: p.cluster_flag_quota,
            cluster_certificate_quota: p.cluster_certificate_quota,
            council_vote_threshold: p.council_vote_threshold,
            council_vote_required: p.council_vote_required,
            source: p.source,
            reason: p.reason,
            recorded_at: p.recorded_at.map(DateTime),
        }
    }
}

/// Reads of the rules and the provinces' policy.
#[derive(Default)]
pub struct RulesQuery;

#[Object]
impl RulesQuery {
    /// The eligibility rules in force: nationally, or in a province (its own versions in
    /// place of the national ones they override); of one award type, and for one year, when
    /// given.
    async fn award_rules(
        &self,
        ctx: &Context<'_>,
        award_type_code: Option<String>,
        province_code: Option<String>,
        year: Option<Year>,
    ) -> AppResult<Vec<AwardRule>> {
        let db = db(ctx)?;
        let award_type = match award_type_code {
            Some(code) => Some(
                award_type::Entity::find()
                    .filter(award_type::Column::Code.eq(text::nfc(&code)))
                    .one(db)
                    .await?
                    .ok_or_else(|| {
                        AppError::not_found(crate::tr!("award type", "loại khen thưởng"))
                    })?
                    .id,
            ),
            None => None,
        };
        let province = match province_code {
            Some(code) => Some(find_province(ctx, &code).await?.id),
            None => None,
        };
        Ok(rulebook::in_force(db, award_type, province)
            .await?
            .into_iter()
            .filter(|v| year.is_none_or(|y| v.applies_in(y.get())))
            .map(AwardRule)
            .collect())
    }

    /// A province's policy in force (its defaults when it has set none).
    async fn province_policy(
        &self,
        ctx: &Context<'_>,
        province_code: String,
    ) -> AppResult<ProvincePolicy> {
        let p = find_province(ctx, &province_code).await?;
        let policy = policy::current(db(ctx)?, Some(p.id)).await?;
        Ok(ProvincePolicy::of(&p.code, policy))
    }
}

async fn find_province(ctx: &Context<'_>, code: &str) -> AppResult<province::Model> {
    province::Entity::find()
        .filter(province::Column::Code.eq(text::nfc(code.trim())))
        .one(db(ctx)?)
        .await?
        .ok_or_else(|| AppError::not_found(crate::tr!("province", "tỉnh")))
}

/// Input of `setAwardRule`.
#[derive(InputObject)]
pub struct SetAwardRuleInput {
    /// The rule to change: a national key (a province's change makes the province's own
    /// version of it), or a key under the province's code. Absent: a new rule, whose key is
    /// made from the award type and the first year.
    key: Option<String>,
    /// The award type.
    award_type_code: String,
    /// The province whose version this is; absent for the national rule (ADMIN only).
    province_code: Option<String>,
    /// The first year it applies to.
    applies_from: i32,
    /// The last year it applies to; absent while open.
    applies_to: Option<i32>,
    /// The recipients it is for; absent for all.
    recipient_kind: Option<RecipientKind>,
    /// The rule as data (see `AwardRule.rule`).
    rule: Json<serde_json::Value>,
    /// Its legal basis: law, article, clause, or the province's decision.
    source: String,
    /// Why it changes.
    reason: Option<String>,
}

/// Result of `setAwardRule` and `retireAwardRule`.
#[derive(SimpleObject, Default)]
pub struct AwardRulePayload {
    /// The version stored.
    rule: Option<AwardRule>,
    /// Why nothing was stored.
    user_errors: Vec<UserError>,
}

/// Input of `retireAwardRule`.
#[derive(InputObject)]
pub struct RetireAwardRuleInput {
    /// The rule's key.
    key: String,
    /// Retire it in this province only; absent: nationally (ADMIN only).
    province_code: Option<String>,
    /// Why.
    reason: String,
}

/// Input of `setProvincePolicy`: the fields given change, the others stay.
#[derive(InputObject)]
pub struct SetProvincePolicyInput {
    /// The province.
    province_code: String,
    /// Whether a collective's streak crosses a merger.
    collective_streak_across_mergers: Option<bool>,
    /// Places of each cluster proposed for the provincial flag.
    cluster_flag_quota: Option<i32>,
    /// Places after those proposed for the Chairman's certificate of merit.
    cluster_certificate_quota: Option<i32>,
    /// Percent of the council's members who must vote yes (50 to 100).
    council_vote_threshold: Option<i32>,
    /// Whether a provincial award is approved only with a recorded council vote reaching
    /// the threshold.
    council_vote_required: Option<bool>,
    /// The decision the policy rests on.
    source: String,
    /// Why it changes.
    reason: Option<String>,
}

/// Result of `setProvincePolicy`.
#[derive(SimpleObject, Default)]
pub struct SetProvincePolicyPayload {
    /// The policy as now in force.
    policy: Option<ProvincePolicy>,
    /// Why nothing was stored.
    user_errors: Vec<UserError>,
}

fn rule_payload(outcome: crate::error::Outcome<Version>) -> AwardRulePayload {
    match outcome {
        Ok(version) => AwardRulePayload {
            rule: Some(AwardRule(version)),
            user_errors: Vec::new(),
        },
        Err(problems) => AwardRulePayload {
            rule: None,
            user_errors: user_errors(problems),
        },
    }
}

/// Changes of the rules and the provinces' policy; each is a new version, audited.
#[derive(Default)]
pub struct RulesMutation;

#[Object]
impl RulesMutation {
    /// Stores a new version of an eligibility rule, or a new rule: a province's board for
    /// its province (its version then applies there in place of the national one), ADMIN for
    /// the national rules. Reports made before keep the version they used.
    async fn set_award_rule(
        &self,
        ctx: &Context<'_>,
        input: SetAwardRuleInput,
    ) -> AppResult<AwardRulePayload> {
        let viewer = viewer(ctx)?;
        let change = rulebook::RuleChange {
            key: input.key,
            award_type_code: input.award_type_code,
            province_code: input.province_code,
            applies_from: input.applies_from,
            applies_to: input.applies_to,
            recipient: input.recipient_kind.map(Into::into),
            rule: input.rule.0,
            source: input.source,
            reason: input.reason,
        };
        let outcome = run(ctx, async |work| rulebook::set(work, viewer, change).await).await?;
        Ok(rule_payload(outcome))
    }

    /// Retires a rule: in a province (for that province only), or nationally (ADMIN). The
    /// retirement is a new version; nothing is deleted.
    async fn retire_award_rule(
        &self,
        ctx: &Context<'_>,
        input: RetireAwardRuleInput,
    ) -> AppResult<AwardRulePayload> {
        let viewer = viewer(ctx)?;
        let retirement = rulebook::Retirement {
            key: input.key,
            province_code: input.province_code,
            reason: input.reason,
        };
        let outcome = run(ctx, async |work| {
            rulebook::retire(work, viewer, retirement).await
        })
        .await?;
        Ok(rule_payload(outcome))
    }

    /// Stores a new version of a province's policy: whether collective streaks cross
    /// mergers, the proposals each cluster sends, the council's vote threshold. The board of
    /// the province, or ADMIN.
    async fn set_province_policy(
        &self,
        ctx: &Context<'_>,
        input: SetProvincePolicyInput,
    ) -> AppResult<SetProvincePolicyPayload> {
        let viewer = viewer(ctx)?;
        let change = policy::PolicyChange {
            province_code: input.province_code,
            collective_streak_across_mergers: input.collective_streak_across_mergers,
            cluster_flag_quota: input.cluster_flag_quota,
            cluster_certificate_quota: input.cluster_certificate_quota,
            council_vote_threshold: input.council_vote_threshold,
            council_vote_required: input.council_vote_required,
            source: input.source,
            reason: input.reason,
        };
        let outcome = run(ctx, async |work| policy::set(work, viewer, change).await).await?;
        Ok(match outcome {
            Ok((p, policy)) => SetProvincePolicyPayload {
                policy: Some(ProvincePolicy::of(&p.code, policy)),
                user_errors: Vec::new(),
            },
            Err(problems) => SetProvincePolicyPayload {
                policy: None,
                user_errors: user_errors(problems),
            },
        })
    }
}
