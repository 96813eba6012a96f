//! Awards: the catalogue of emulation titles and forms of commendation (danh hiệu thi đua,
//! hình thức khen thưởng) of the Law on Emulation and Commendation 2022.

pub mod catalogue;
pub mod category;
pub mod checks;
pub mod competence;
pub mod document;
pub mod eligibility;
pub mod graphql;
pub mod law;
pub mod live;
pub mod money;
pub mod money_graphql;
pub mod mutations;
pub mod nominations;
pub mod policy;
pub mod records;
pub mod rulebook;
pub mod rules;
pub mod rules_graphql;
pub mod statistics;
pub mod store;
pub mod upward;
pub mod workflow;
