//! A stable key for each eligibility rule (`award_rule.rule_key`), so that the shipped rules
//! are matched to their rows by name instead of by their position in a list.
//!
//! Until now the rules were matched by award type, year and `sort_order`, where `sort_order`
//! was the rule's index in the shipped list: inserting a rule in the middle of the list made
//! every later rule miss its row and be inserted again. The backfill below gives the existing
//! rows their key by that same old matching, against the list as it was shipped before this
//! migration ([`SHIPPED`]), so that an existing database upgrades without duplicates.
//!
//! Keys are unique. Rows a province adds itself may leave the key empty (NULL; any number of
//! rows may) or carry a key of their own (the naming is documented next to the rules, in
//! `src/awards/rules.rs`).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The shipped rules as they stood before this migration: key, award type code, year the
/// rule applies from, and the `sort_order` the old loader gave it (its 1-based index in the
/// list). Frozen: later changes to the rules go to `src/awards/rules.rs`, not here.
const SHIPPED: &[(&str, &str, i32, i32)] = &[
    (
        "CSTDCS.2014.lao-dong-tien-tien",
        "CHIEN_SI_THI_DUA_CO_SO",
        2014,
        1,
    ),
    ("CSTDCS.2014.sang-kien", "CHIEN_SI_THI_DUA_CO_SO", 2014, 2),
    ("CSTDT.2014.cstdcs-3-nam", "CHIEN_SI_THI_DUA_TINH", 2014, 3),
    ("CSTDT.2014.sang-kien", "CHIEN_SI_THI_DUA_TINH", 2014, 4),
    (
        "CSTDTQ.2014.cstdt-2-lan",
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        2014,
        5,
    ),
    (
        "CSTDTQ.2014.sang-kien",
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        2014,
        6,
    ),
    (
        "BKCTT.2014.ca-nhan-cstdcs-2-nam",
        "BANG_KHEN_CHU_TICH_TINH",
        2014,
        7,
    ),
    (
        "TTLDXS.2014.thanh-vien-lao-dong-tien-tien",
        "TAP_THE_LAO_DONG_XUAT_SAC",
        2014,
        8,
    ),
    (
        "TTLDXS.2014.thanh-vien-cstdcs",
        "TAP_THE_LAO_DONG_XUAT_SAC",
        2014,
        9,
    ),
    ("CTDT.2014.dan-dau-cum", "CO_THI_DUA_TINH", 2014, 10),
];

const UNIQUE_KEY: &str = "uq_award_rule_rule_key";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AwardRule::Table)
                    .add_column(ColumnDef::new(AwardRule::RuleKey).string_len(96).null())
                    .to_owned(),
            )
            .await?;
        for &(key, award, applies_from, sort_order) in SHIPPED {
            manager
                .exec_stmt(backfill(key, award, applies_from, sort_order))
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_KEY)
                    .table(AwardRule::Table)
                    .col(AwardRule::RuleKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite refuses to drop an indexed column: the index goes first.
        manager
            .drop_index(
                Index::drop()
                    .name(UNIQUE_KEY)
                    .table(AwardRule::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AwardRule::Table)
                    .drop_column(AwardRule::RuleKey)
                    .to_owned(),
            )
            .await
    }
}

/// Gives `key` to the row the old loader matched for this rule: same award type, year and
/// `sort_order`. Should several rows match (a province's own row in the same place), only
/// the oldest gets the key, as the old loader would have found one of them and gone on.
fn backfill(key: &str, award: &str, applies_from: i32, sort_order: i32) -> UpdateStatement {
    let award_type = Query::select()
        .column(AwardType::Id)
        .from(AwardType::Table)
        .and_where(Expr::col(AwardType::Code).eq(award))
        .to_owned();
    let oldest = Query::select()
        .expr(Expr::col(AwardRule::Id).min())
        .from(AwardRule::Table)
        .and_where(Expr::col(AwardRule::AwardTypeId).in_subquery(award_type))
        .and_where(Expr::col(AwardRule::AppliesFrom).eq(applies_from))
        .and_where(Expr::col(AwardRule::SortOrder).eq(sort_order))
        .and_where(Expr::col(AwardRule::RuleKey).is_null())
        .to_owned();
    Query::update()
        .table(AwardRule::Table)
        .value(AwardRule::RuleKey, key)
        .and_where(Expr::col(AwardRule::Id).in_subquery(oldest))
        .to_owned()
}

#[derive(DeriveIden)]
enum AwardRule {
    Table,
    Id,
    AwardTypeId,
    AppliesFrom,
    SortOrder,
    RuleKey,
}

#[derive(DeriveIden)]
enum AwardType {
    Table,
    Id,
    Code,
}
