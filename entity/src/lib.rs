//! SeaORM entities of thidua, the emulation and commendation (thi đua – khen thưởng)
//! system. One module per table; the schema itself is created by the `migration` crate.

pub mod app_user;
pub mod attachment;
pub mod audit_log;
pub mod award;
pub mod award_rule;
pub mod award_type;
pub mod base_salary;
pub mod cluster;
pub mod cluster_member;
pub mod cluster_year;
pub mod conference;
pub mod conference_tally;
pub mod council_agenda;
pub mod council_session;
pub mod council_vote;
pub mod criterion;
pub mod decision;
pub mod discipline;
pub mod dossier;
pub mod dossier_event;
pub mod enums;
pub mod initiative;
pub mod movement;
pub mod movement_registration;
pub mod nomination;
pub mod nomination_event;
pub mod performance_rating;
pub mod person;
pub mod person_position;
pub mod person_private;
pub mod province;
pub mod province_lineage;
pub mod province_policy;
pub mod ranking_entry;
pub mod reward_rate;
pub mod score_line;
pub mod score_sheet;
pub mod signing_right;
pub mod superseded_ranking_entry;
pub mod term;
pub mod unit;
pub mod unit_lineage;
pub mod upward_proposal;

pub use enums::*;

/// The entities under their table names in UpperCamelCase, plus the enums.
pub mod prelude {
    pub use super::app_user::Entity as AppUser;
    pub use super::attachment::Entity as Attachment;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::award::Entity as Award;
    pub use super::award_rule::Entity as AwardRule;
    pub use super::award_type::Entity as AwardType;
    pub use super::cluster::Entity as Cluster;
    pub use super::cluster_member::Entity as ClusterMember;
    pub use super::cluster_year::Entity as ClusterYear;
    pub use super::conference::Entity as Conference;
    pub use super::criterion::Entity as Criterion;
    pub use super::decision::Entity as Decision;
    pub use super::discipline::Entity as Discipline;
    pub use super::enums::*;
    pub use super::initiative::Entity as Initiative;
    pub use super::movement::Entity as Movement;
    pub use super::movement_registration::Entity as MovementRegistration;
    pub use super::nomination::Entity as Nomination;
    pub use super::nomination_event::Entity as NominationEvent;
    pub use super::performance_rating::Entity as PerformanceRating;
    pub use super::person::Entity as Person;
    pub use super::person_position::Entity as PersonPosition;
    pub use super::person_private::Entity as PersonPrivate;
    pub use super::province::Entity as Province;
    pub use super::province_lineage::Entity as ProvinceLineage;
    pub use super::province_policy::Entity as ProvincePolicy;
    pub use super::ranking_entry::Entity as RankingEntry;
    pub use super::score_line::Entity as ScoreLine;
    pub use super::score_sheet::Entity as ScoreSheet;
    pub use super::term::Entity as Term;
    pub use super::unit::Entity as Unit;
    pub use super::unit_lineage::Entity as UnitLineage;
}
