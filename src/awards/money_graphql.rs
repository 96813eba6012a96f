//! The GraphQL face of reward money: `rewardRates(on)`, `setRewardRate`, `setBaseSalary`.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use entity::{award_type, base_salary, reward_rate};
use sea_orm::EntityTrait;

use super::graphql::{AwardType, RecipientKind};
use crate::{
    access::{self, Action},
    api::{
        context::{db, run, viewer},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    error::{AppResult, Outcome},
};

fn kind_name(kind: RecipientKind) -> &'static str {
    match kind {
        RecipientKind::Individual => "INDIVIDUAL",
        RecipientKind::Collective => "COLLECTIVE",
    }
}

fn kind_of(name: &str) -> RecipientKind {
    if name == "COLLECTIVE" {
        RecipientKind::Collective
    } else {
        RecipientKind::Individual
    }
}

/// The base salary (mức lương cơ sở) from a day on.
#[derive(SimpleObject)]
pub struct BaseSalary {
    /// VND per month.
    amount: i64,
    /// The first day it applies.
    applies_from: Date,
    /// Its legal source.
    source: String,
}

impl From<base_salary::Model> for BaseSalary {
    fn from(row: base_salary::Model) -> Self {
        BaseSalary {
            amount: row.amount,
            applies_from: Date(row.applies_from),
            source: row.source,
        }
    }
}

/// A multiplier of the base salary for an award type and a kind of recipient.
pub struct RewardRate {
    row: reward_rate::Model,
    award_type: Option<award_type::Model>,
    base: Option<i64>,
}

/// A multiplier of the base salary for an award type and a kind of recipient.
#[Object]
impl RewardRate {
    /// The award type.
    async fn award_type(&self) -> Option<AwardType> {
        self.award_type.clone().map(AwardType)
    }
    /// Individuals or collectives.
    async fn recipient_kind(&self) -> RecipientKind {
        kind_of(&self.row.recipient_kind)
    }
    /// The multiplier, e.g. 1.5.
    async fn multiplier(&self) -> f64 {
        f64::from(self.row.multiplier_milli) / 1000.0
    }
    /// The amount in VND on the day asked for (rounded up to the ten thousand đồng); null
    /// when no base salary was in force.
    async fn amount(&self) -> Option<i64> {
        self.base
            .map(|base| super::money::amount(self.row.multiplier_milli, base))
    }
    /// The first day it applies.
    async fn applies_from(&self) -> Date {
        Date(self.row.applies_from)
    }
    /// Its legal source, and whether it was checked against the text.
    async fn source(&self) -> &str {
        &self.row.source
    }
}

/// The reward money in force on a day.
#[derive(SimpleObject)]
pub struct RewardRates {
    /// The day.
    on: Date,
    /// The base salary in force.
    base_salary: Option<BaseSalary>,
    /// The multipliers in force, by award type and kind of recipient.
    rates: Vec<RewardRate>,
}

/// Reads of reward money.
#[derive(Default)]
pub struct MoneyQuery;

#[Object]
impl MoneyQuery {
    /// The base salary and the multipliers in force on `on` (public, as the law is).
    async fn reward_rates(&self, ctx: &Context<'_>, on: Date) -> AppResult<RewardRates> {
        let db = db(ctx)?;
        let base = super::money::base_salary_on(db, on.0).await?;
        let types = award_type::Entity::find().all(db).await?;
        let mut rates: Vec<RewardRate> = super::money::rates_on(db, on.0)
            .await?
            .into_iter()
            .map(|row| RewardRate {
                award_type: types.iter().find(|t| t.id == row.award_type_id).cloned(),
                base: base.as_ref().map(|b| b.amount),
                row,
            })
            .collect();
        rates.sort_by_key(|r| {
            (
                r.award_type.as_ref().map_or(i32::MAX, |t| t.sort_order),
                r.row.recipient_kind.clone(),
            )
        });
        Ok(RewardRates {
            on,
            base_salary: base.map(Into::into),
            rates,
        })
    }
}

/// Input of `setRewardRate`.
#[derive(InputObject)]
pub struct SetRewardRateInput {
    /// The award type.
    award_type_code: String,
    /// Individuals or collectives.
    recipient_kind: RecipientKind,
    /// The multiplier of the base salary, e.g. 1.5 (to the thousandth).
    multiplier: f64,
    /// The first day it applies (decisions signed from then on).
    applies_from: Date,
    /// Its legal source.
    source: String,
}

/// Input of `setBaseSalary`.
#[derive(InputObject)]
pub struct SetBaseSalaryInput {
    /// VND per month.
    amount: i64,
    /// The first day it applies.
    applies_from: Date,
    /// Its legal source.
    source: String,
}

/// Result of `setRewardRate`.
#[derive(SimpleObject, Default)]
pub struct SetRewardRatePayload {
    /// The rate as recorded.
    rate: Option<RewardRate>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Result of `setBaseSalary`.
#[derive(SimpleObject, Default)]
pub struct SetBaseSalaryPayload {
    /// The base salary as recorded.
    base_salary: Option<BaseSalary>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Writes of reward money (ADMIN).
#[derive(Default)]
pub struct MoneyMutation;

#[Object]
impl MoneyMutation {
    /// Records a multiplier from a day on (a new version; nothing is edited).
    async fn set_reward_rate(
        &self,
        ctx: &Context<'_>,
        input: SetRewardRateInput,
    ) -> AppResult<SetRewardRatePayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageRewardRates)?;
        let milli = (input.multiplier * 1000.0).round();
        let milli = if milli.is_finite() && milli.abs() < 1e9 {
            milli as i32
        } else {
            0
        };
        let outcome: Outcome<reward_rate::Model> = run(ctx, async |work| {
            super::money::set_rate(
                work,
                viewer,
                &input.award_type_code,
                kind_name(input.recipient_kind),
                milli,
                input.applies_from.0,
                &input.source,
            )
            .await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => {
                let db = db(ctx)?;
                let award_type = award_type::Entity::find_by_id(row.award_type_id)
                    .one(db)
                    .await?;
                let base = super::money::base_salary_on(db, row.applies_from)
                    .await?
                    .map(|b| b.amount);
                SetRewardRatePayload {
                    rate: Some(RewardRate {
                        row,
                        award_type,
                        base,
                    }),
                    user_errors: Vec::new(),
                }
            }
            Err(problems) => SetRewardRatePayload {
                rate: None,
                user_errors: user_errors(problems),
            },
        })
    }

    /// Records the base salary from a day on.
    async fn set_base_salary(
        &self,
        ctx: &Context<'_>,
        input: SetBaseSalaryInput,
    ) -> AppResult<SetBaseSalaryPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::ManageRewardRates)?;
        let outcome = run(ctx, async |work| {
            super::money::set_base_salary(
                work,
                viewer,
                input.amount,
                input.applies_from.0,
                &input.source,
            )
            .await
        })
        .await?;
        Ok(match outcome {
            Ok(row) => SetBaseSalaryPayload {
                base_salary: Some(row.into()),
                user_errors: Vec::new(),
            },
            Err(problems) => SetBaseSalaryPayload {
                base_salary: None,
                user_errors: user_errors(problems),
            },
        })
    }
}
