//! Awards' writes that stand on their own: `recordAward` (history from before the system),
//! `revokeAward`, `recordInitiative`. Each authorizes through `access`, checks the rules,
//! and writes with its audit record in one transaction.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::Utc;
use entity::{award, award_type, decision, enums, initiative, person, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::{
    checks::{award_problems, decision_number, recipient_ids},
    eligibility::Recipient,
    graphql::{recipient_of, Award},
};
use crate::{
    access::{self, Action, Target},
    api::{
        context::viewer,
        ids::{parse_global_id, NodeKind},
        scalars::Date,
        user_errors::{user_errors, UserError},
    },
    audit::{self, AuditEntry},
    error::{AppError, AppResult, UserErrorCode, UserProblem},
    organisation::{rules as names, store as organisation},
    text,
};

/// The unit whose target an award's recipient falls under: the unit, or the person's unit.
async fn recipient_unit(
    txn: &DatabaseTransaction,
    recipient: &Recipient,
) -> AppResult<unit::Model> {
    let id = match recipient {
        Recipient::Unit(u) => return Ok(u.clone()),
        Recipient::Person(p) => p.unit_id,
    };
    unit::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::internal(&std::io::Error::other("person without unit")))
}

/// A decision given with a recorded award.
#[derive(InputObject)]
pub struct DecisionInput {
    /// Its number, `{n}/QĐ-{issuer}`.
    number: String,
    /// The unit that issued it (e.g. the People's Committee).
    issuer_code: String,
    /// The day it was signed.
    signed_on: Date,
    /// Who signed it.
    signer_name: String,
    /// The signer's title.
    signer_title: String,
}

/// Input of `recordAward`.
#[derive(InputObject)]
pub struct RecordAwardInput {
    /// The award type.
    award_type_code: String,
    /// The person or unit (global ID).
    recipient_id: ID,
    /// The year of the achievement.
    year: i32,
    /// The decision that conferred it, if known.
    decision: Option<DecisionInput>,
}

/// Result of `recordAward`.
#[derive(SimpleObject, Default)]
pub struct RecordAwardPayload {
    /// The recorded award.
    award: Option<Award>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

/// Input of `revokeAward`.
#[derive(InputObject)]
pub struct RevokeAwardInput {
    /// The award (global ID).
    award_id: ID,
    /// Why it is revoked.
    reason: String,
    /// The day it is revoked.
    revoked_on: Date,
    /// The number of the revoking decision.
    revoking_decision_number: String,
}

/// Result of `revokeAward`.
#[derive(SimpleObject, Default)]
pub struct RevokeAwardPayload {
    /// The award, marked revoked.
    award: Option<Award>,
    /// Why nothing was changed.
    user_errors: Vec<UserError>,
}

/// The scope an initiative is recognised at.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "enums::InitiativeScope")]
pub enum InitiativeScope {
    /// Recognised by the unit's council (cấp cơ sở).
    Unit,
    /// Recognised at the province's level (cấp tỉnh).
    Provincial,
    /// Recognised nationally (toàn quốc).
    National,
}

/// An initiative (sáng kiến) of a person, recognised at a scope.
pub struct Initiative(pub initiative::Model);

/// An initiative (sáng kiến) of a person, recognised at a scope by a decision.
#[Object]
impl Initiative {
    /// Its title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The scope it was recognised at.
    async fn scope(&self) -> InitiativeScope {
        self.0.scope.into()
    }
    /// The year it was recognised.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// The number of the recognising decision.
    async fn recognised_by(&self) -> Option<&str> {
        self.0.recognised_by.as_deref()
    }
    /// The day it was recognised.
    async fn recognised_on(&self) -> Option<Date> {
        self.0.recognised_on.map(Date)
    }
}

/// Input of `recordInitiative`.
#[derive(InputObject)]
pub struct RecordInitiativeInput {
    /// The person (global ID).
    person_id: ID,
    /// Its title.
    title: String,
    /// The scope it was recognised at.
    scope: InitiativeScope,
    /// The year it was recognised.
    year: i32,
    /// The number of the recognising decision.
    recognised_by: Option<String>,
    /// The day it was recognised.
    recognised_on: Option<Date>,
}

/// Result of `recordInitiative`.
#[derive(SimpleObject, Default)]
pub struct RecordInitiativePayload {
    /// The recorded initiative.
    initiative: Option<Initiative>,
    /// Why nothing was recorded.
    user_errors: Vec<UserError>,
}

async fn find_or_create_decision(
    txn: &DatabaseTransaction,
    input: DecisionInput,
    problems: &mut Vec<UserProblem>,
) -> AppResult<Option<decision::Model>> {
    let number = text::nfc(&input.number);
    problems.extend(decision_number(&["decision", "number"], &number));
    let Some(issuer) = organisation::find_unit(txn, &text::nfc(&input.issuer_code)).await? else {
        problems.push(UserProblem::new(
            &["decision", "issuerCode"],
            format!("No unit has code {}.", input.issuer_code),
            UserErrorCode::NotFound,
        ));
        return Ok(None);
    };
    if !problems.is_empty() {
        return Ok(None);
    }
    if let Some(existing) = decision::Entity::find()
        .filter(decision::Column::IssuerUnitId.eq(issuer.id))
        .filter(decision::Column::Number.eq(number.as_str()))
        .one(txn)
        .await?
    {
        return Ok(Some(existing));
    }
    Ok(Some(
        decision::ActiveModel {
            number: Set(number),
            issuer_unit_id: Set(issuer.id),
            signed_on: Set(input.signed_on.0),
            signer_name: Set(text::nfc(&input.signer_name)),
            signer_title: Set(text::nfc(&input.signer_title)),
            province_id: Set(issuer.province_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?,
    ))
}

/// Mutations of awards.
#[derive(Default)]
pub struct AwardsMutation;

#[Object]
impl AwardsMutation {
    /// Records an award decided before the system (the board of the recipient's province),
    /// with the same duplicate checks as a decision.
    async fn record_award(
        &self,
        ctx: &Context<'_>,
        input: RecordAwardInput,
    ) -> AppResult<RecordAwardPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::RecordAwardHistory)?;
        let recipient = recipient_of(ctx, &input.recipient_id).await?;
        let txn = crate::api::context::write(ctx).await?;
        let Some(award_type) = award_type::Entity::find()
            .filter(award_type::Column::Code.eq(text::nfc(&input.award_type_code)))
            .one(&txn)
            .await?
        else {
            return Ok(RecordAwardPayload {
                user_errors: user_errors(vec![UserProblem::new(
                    &["awardTypeCode"],
                    format!("No award type has code {}.", input.award_type_code),
                    UserErrorCode::NotFound,
                )]),
                ..Default::default()
            });
        };
        let home = recipient_unit(&txn, &recipient).await?;
        access::authorize(
            viewer,
            Action::RecordAwardHistory,
            &organisation::unit_target(&txn, &home).await?,
        )?;
        let mut problems = award_problems(&txn, &award_type, &recipient, input.year).await?;
        let decision = match input.decision {
            Some(d) => find_or_create_decision(&txn, d, &mut problems).await?,
            None => None,
        };
        if !problems.is_empty() {
            return Ok(RecordAwardPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            });
        }
        let (person, unit, name) = recipient_ids(&recipient);
        let row = award::ActiveModel {
            award_type_id: Set(award_type.id),
            recipient_person_id: Set(person),
            recipient_unit_id: Set(unit),
            recipient_name: Set(name),
            year: Set(input.year),
            decision_id: Set(decision.as_ref().map(|d| d.id)),
            province_id: Set(home.province_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(&txn, viewer, AuditEntry {
            action: "recordAward",
            object_type: "Award",
            object_id: row.id.to_string(),
            province_id: row.province_id,
            before: None,
            after: Some(json!({ "awardType": award_type.code, "recipient": row.recipient_name, "year": row.year, "decision": decision.map(|d| d.number) })),
        })
        .await?;
        txn.commit().await?;
        Ok(RecordAwardPayload {
            award: access::see_award(viewer, row).map(Award),
            user_errors: Vec::new(),
        })
    }

    /// Revokes an award (the board): it is kept, marked revoked with reason, date and
    /// revoking decision, left out of `awards` unless `includeRevoked`, and no longer counts
    /// for eligibility.
    async fn revoke_award(
        &self,
        ctx: &Context<'_>,
        input: RevokeAwardInput,
    ) -> AppResult<RevokeAwardPayload> {
        let viewer = viewer(ctx)?;
        access::require_some(viewer, Action::RevokeAward)?;
        let id = match parse_global_id(&input.award_id)? {
            (NodeKind::Award, id) => id,
            _ => return Err(AppError::bad_input("`awardId` is not an award's ID")),
        };
        let txn = crate::api::context::write(ctx).await?;
        let Some(current) = award::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(RevokeAwardPayload {
                user_errors: user_errors(vec![UserProblem::new(
                    &["awardId"],
                    "No such award.",
                    UserErrorCode::NotFound,
                )]),
                ..Default::default()
            });
        };
        let home = match (current.recipient_unit_id, current.recipient_person_id) {
            (Some(u), _) => unit::Entity::find_by_id(u).one(&txn).await?,
            (None, Some(p)) => match person::Entity::find_by_id(p).one(&txn).await? {
                Some(p) => unit::Entity::find_by_id(p.unit_id).one(&txn).await?,
                None => None,
            },
            (None, None) => None,
        };
        let target = match &home {
            Some(unit) => organisation::unit_target(&txn, unit).await?,
            None => Target {
                province_ids: organisation::province_line(&txn, current.province_id).await?,
                ..Target::none()
            },
        };
        access::authorize(viewer, Action::RevokeAward, &target)?;
        let mut problems = Vec::new();
        if current.revoked_at.is_some() {
            problems.push(UserProblem::new(
                &["awardId"],
                "The award is revoked already.",
                UserErrorCode::WrongState,
            ));
        }
        if input.reason.trim().is_empty() {
            problems.push(UserProblem::new(
                &["reason"],
                "A revocation needs a reason.",
                UserErrorCode::Required,
            ));
        }
        let number = text::nfc(&input.revoking_decision_number);
        problems.extend(decision_number(&["revokingDecisionNumber"], &number));
        if !problems.is_empty() {
            return Ok(RevokeAwardPayload {
                user_errors: user_errors(problems),
                ..Default::default()
            });
        }
        let mut row: award::ActiveModel = current.clone().into();
        row.revoked_at = Set(Some(input.revoked_on.0));
        row.revoked_reason = Set(Some(text::nfc(&input.reason)));
        row.revoking_decision_number = Set(Some(number.clone()));
        let row = row.update(&txn).await?;
        audit::record(&txn, viewer, AuditEntry {
            action: "revokeAward",
            object_type: "Award",
            object_id: row.id.to_string(),
            province_id: row.province_id,
            before: Some(json!({ "revoked": false })),
            after: Some(json!({ "revoked": true, "revokedOn": row.revoked_at, "reason": row.revoked_reason, "decision": number })),
        })
        .await?;
        txn.commit().await?;
        Ok(RevokeAwardPayload {
            award: access::see_award(viewer, row).map(Award),
            user_errors: Vec::new(),
        })
    }

    /// Records a person's initiative: at unit scope by the unit's officers or the board, at
    /// provincial or national scope by the board.
    async fn record_initiative(
        &self,
        ctx: &Context<'_>,
        input: RecordInitiativeInput,
    ) -> AppResult<RecordInitiativePayload> {
        let viewer = viewer(ctx)?;
        let action = if input.scope == InitiativeScope::Unit {
            Action::WriteOrganisation
        } else {
            Action::RecordAwardHistory
        };
        access::require_some(viewer, action)?;
        let person_id = match parse_global_id(&input.person_id)? {
            (NodeKind::Person, id) => id,
            _ => return Err(AppError::bad_input("`personId` is not a person's ID")),
        };
        let txn = crate::api::context::write(ctx).await?;
        let Some(person) = person::Entity::find_by_id(person_id).one(&txn).await? else {
            return Ok(RecordInitiativePayload {
                user_errors: user_errors(vec![UserProblem::new(
                    &["personId"],
                    "No such person.",
                    UserErrorCode::NotFound,
                )]),
                ..Default::default()
            });
        };
        let home = recipient_unit(&txn, &Recipient::Person(person.clone())).await?;
        access::authorize(
            viewer,
            action,
            &organisation::unit_target(&txn, &home).await?,
        )?;
        let title = text::nfc(&input.title);
        let mut problems: Vec<UserProblem> = names::name("title", &title).into_iter().collect();
        problems.extend(names::year("year", input.year));
        if let Some(number) = &input.recognised_by {
            problems.extend(decision_number(&["recognisedBy"], &text::nfc(number)));
        }
        if !problems.is_empty() {
            return Ok(RecordInitiativePayload {
                user_errors: user_errors(problems),
                ..Default::default()
            });
        }
        let row = initiative::ActiveModel {
            title: Set(title),
            person_id: Set(person.id),
            scope: Set(input.scope.into()),
            year: Set(input.year),
            recognised_by: Set(input.recognised_by.map(|n| text::nfc(&n))),
            recognised_on: Set(input.recognised_on.map(|d| d.0)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            viewer,
            AuditEntry {
                action: "recordInitiative",
                object_type: "Person",
                object_id: person.id.to_string(),
                province_id: home.province_id,
                before: None,
                after: Some(json!({ "title": row.title, "scope": row.scope, "year": row.year })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(RecordInitiativePayload {
            initiative: Some(Initiative(row)),
            user_errors: Vec::new(),
        })
    }
}
