//! Emulation clusters and blocs (cụm, khối thi đua) and their yearly cycle: members, the
//! elected head (Cụm trưởng) and deputy (Cụm phó), the covenant (giao ước), scoring and
//! ranking.

pub mod cycle;
pub mod graphql;
pub mod live;
pub mod mutations;
pub mod reorganisation;
pub mod rules;
pub mod store;
