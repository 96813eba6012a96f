//! String-valued enums of the domain model. Stored as `varchar(32)` holding the
//! SCREAMING_SNAKE_CASE value; serde uses the same spelling.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Kind of organisational unit (loại đơn vị).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UnitKind {
    /// Provincial department (sở, ban, ngành).
    #[sea_orm(string_value = "DEPARTMENT")]
    Department,
    /// State agency or public service body (cơ quan, đơn vị sự nghiệp).
    #[sea_orm(string_value = "AGENCY")]
    Agency,
    /// Association (hội).
    #[sea_orm(string_value = "ASSOCIATION")]
    Association,
    /// Union of associations, e.g. Liên hiệp các Hội Khoa học và Kỹ thuật (liên hiệp hội).
    #[sea_orm(string_value = "ASSOCIATION_UNION")]
    AssociationUnion,
    /// People's committee (Ủy ban nhân dân).
    #[sea_orm(string_value = "PEOPLES_COMMITTEE")]
    PeoplesCommittee,
    /// Subdivision of another unit (phòng, đơn vị trực thuộc).
    #[sea_orm(string_value = "SUBDIVISION")]
    Subdivision,
    /// Any other kind (khác).
    #[sea_orm(string_value = "OTHER")]
    Other,
    /// An enterprise (doanh nghiệp), awarded as a collective.
    #[sea_orm(string_value = "ENTERPRISE")]
    Enterprise,
    /// A household (hộ gia đình), awarded as a collective.
    #[sea_orm(string_value = "HOUSEHOLD")]
    Household,
}

/// How a unit or province came from another one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LineageKind {
    /// Several bodies merged into a new one (hợp nhất).
    #[sea_orm(string_value = "MERGE")]
    Merge,
    /// One body split into several (chia tách).
    #[sea_orm(string_value = "SPLIT")]
    Split,
    /// The body was renamed (đổi tên).
    #[sea_orm(string_value = "RENAME")]
    Rename,
    /// A body was absorbed into an existing one (sáp nhập).
    #[sea_orm(string_value = "ABSORB")]
    Absorb,
}

/// Kind of term or period (nhiệm kỳ / giai đoạn).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TermKind {
    /// Emulation period, e.g. 2020–2025 (giai đoạn thi đua).
    #[sea_orm(string_value = "EMULATION_PERIOD")]
    EmulationPeriod,
    /// Term of an executive committee, e.g. "Khóa IV" (nhiệm kỳ Ban Chấp hành).
    #[sea_orm(string_value = "EXECUTIVE_COMMITTEE")]
    ExecutiveCommittee,
    /// Leadership term (nhiệm kỳ lãnh đạo).
    #[sea_orm(string_value = "LEADERSHIP")]
    Leadership,
}

/// Cluster or bloc (cụm / khối thi đua).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterKind {
    /// Cluster, grouped by territory or similar function (cụm thi đua).
    #[sea_orm(string_value = "CLUSTER")]
    Cluster,
    /// Bloc, grouped by sector (khối thi đua).
    #[sea_orm(string_value = "BLOC")]
    Bloc,
}

/// Life cycle of one emulation year of a cluster.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterYearStatus {
    /// Members and criteria being set up (xây dựng kế hoạch).
    #[sea_orm(string_value = "PLANNING")]
    Planning,
    /// Covenant signed, year under way (đang triển khai).
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// Members fill in their score sheets (tự chấm điểm).
    #[sea_orm(string_value = "SCORING")]
    Scoring,
    /// Scores reviewed by the cluster (thẩm định, bình xét).
    #[sea_orm(string_value = "REVIEW")]
    Review,
    /// Ranking final (đã tổng kết).
    #[sea_orm(string_value = "FINALIZED")]
    Finalized,
}

/// Emulation title or form of commendation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AwardCategory {
    /// Emulation title (danh hiệu thi đua).
    #[sea_orm(string_value = "EMULATION_TITLE")]
    EmulationTitle,
    /// Form of commendation: merit, certificate, order (hình thức khen thưởng).
    #[sea_orm(string_value = "COMMENDATION")]
    Commendation,
}

/// Level of an award (cấp khen thưởng).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AwardLevel {
    /// Grassroots level (cấp cơ sở).
    #[sea_orm(string_value = "GRASSROOTS")]
    Grassroots,
    /// Provincial level (cấp tỉnh).
    #[sea_orm(string_value = "PROVINCIAL")]
    Provincial,
    /// National level (cấp Nhà nước).
    #[sea_orm(string_value = "NATIONAL")]
    National,
}

/// Who confers an award (thẩm quyền quyết định khen thưởng).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Conferrer {
    /// Head of the unit (thủ trưởng đơn vị).
    #[sea_orm(string_value = "UNIT_HEAD")]
    UnitHead,
    /// Chairman of the provincial people's committee (Chủ tịch UBND tỉnh).
    #[sea_orm(string_value = "PROVINCE_CHAIRMAN")]
    ProvinceChairman,
    /// Prime Minister (Thủ tướng Chính phủ).
    #[sea_orm(string_value = "PRIME_MINISTER")]
    PrimeMinister,
    /// President of the State (Chủ tịch nước).
    #[sea_orm(string_value = "PRESIDENT")]
    President,
    /// Any other authority (khác).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Workflow status of a nomination file (trạng thái hồ sơ đề nghị).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NominationStatus {
    /// Being prepared (dự thảo).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Submitted for review (đã trình).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Returned for changes (trả lại).
    #[sea_orm(string_value = "RETURNED")]
    Returned,
    /// Approved by the board (Hội đồng đã thông qua).
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Rejected (không được chấp thuận).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// A decision has been signed (đã có quyết định).
    #[sea_orm(string_value = "DECIDED")]
    Decided,
    /// Withdrawn by the proposer (rút hồ sơ).
    /// Approved by the province and sent upward to the central level (đã trình cấp trên).
    #[sea_orm(string_value = "PROPOSED_UPWARD")]
    ProposedUpward,
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Kind of emulation movement (loại phong trào thi đua).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MovementKind {
    /// Regular, continuing movement (thường xuyên).
    #[sea_orm(string_value = "REGULAR")]
    Regular,
    /// Thematic movement for a period or goal (theo chuyên đề / theo đợt).
    #[sea_orm(string_value = "THEMATIC")]
    Thematic,
}

/// Kind of conference.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConferenceKind {
    /// Conference of advanced models (Hội nghị điển hình tiên tiến).
    #[sea_orm(string_value = "ADVANCED_MODEL")]
    AdvancedModel,
    /// Patriotic emulation congress (Đại hội thi đua yêu nước).
    #[sea_orm(string_value = "CONGRESS")]
    Congress,
}

/// Status of a dossier (hồ sơ đề nghị khen thưởng).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DossierStatus {
    /// Being prepared by the proposing unit (dự thảo).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Submitted to the board (đã trình).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Returned to the proposing unit for completion (trả lại để hoàn thiện).
    #[sea_orm(string_value = "RETURNED")]
    Returned,
    /// Every nominee has its outcome: rewarded by a decision, rejected or withdrawn (đã
    /// quyết định). Nothing in it changes any more.
    #[sea_orm(string_value = "DECIDED")]
    Decided,
}

/// Why an award is revoked (shared/DOMAIN.md: the Law on Emulation and Commendation 2022,
/// chapter VII; the article has not been checked verbatim).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RevocationGround {
    /// False declaration of achievements (khai man thành tích).
    #[sea_orm(string_value = "FALSE_DECLARATION")]
    FalseDeclaration,
    /// Forged documents in the dossier (giả mạo hồ sơ).
    #[sea_orm(string_value = "FORGED_DOCUMENTS")]
    ForgedDocuments,
    /// Proposed or approved against the law (đề nghị, xét duyệt, quyết định trái pháp luật).
    #[sea_orm(string_value = "UNLAWFUL_APPROVAL")]
    UnlawfulApproval,
    /// Its standards found unmet afterwards (không đủ tiêu chuẩn).
    #[sea_orm(string_value = "STANDARDS_NOT_MET")]
    StandardsNotMet,
}

/// What an attached file is (thành phần hồ sơ).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AttachmentKind {
    /// The submission letter (tờ trình).
    #[sea_orm(string_value = "SUBMISSION_LETTER")]
    SubmissionLetter,
    /// A nominee's achievement report (báo cáo thành tích).
    #[sea_orm(string_value = "ACHIEVEMENT_REPORT")]
    AchievementReport,
    /// The minutes of a council's meeting (biên bản họp Hội đồng).
    #[sea_orm(string_value = "COUNCIL_MINUTES")]
    CouncilMinutes,
    /// The ballot count (biên bản kiểm phiếu).
    #[sea_orm(string_value = "BALLOT_COUNT")]
    BallotCount,
    /// A confirmation of an initiative's effect (xác nhận sáng kiến).
    #[sea_orm(string_value = "INITIATIVE_CONFIRMATION")]
    InitiativeConfirmation,
    /// Anything else.
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of commendation (loại hình khen thưởng, Law 2022 Art. 8).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CommendationKind {
    /// For achievements in carrying out the tasks (công trạng, thường xuyên).
    #[sea_orm(string_value = "REGULAR")]
    Regular,
    /// For a themed emulation movement (theo chuyên đề).
    #[sea_orm(string_value = "THEMATIC")]
    Thematic,
    /// For a sudden, exceptional achievement (đột xuất).
    #[sea_orm(string_value = "EXCEPTIONAL")]
    Exceptional,
    /// For a lifetime's dedication (quá trình cống hiến).
    #[sea_orm(string_value = "DEDICATION")]
    Dedication,
    /// For foreign affairs (đối ngoại).
    #[sea_orm(string_value = "FOREIGN_AFFAIRS")]
    ForeignAffairs,
    /// For years of service (niên hạn).
    #[sea_orm(string_value = "TENURE")]
    Tenure,
}

impl CommendationKind {
    /// Whether an award of this kind counts as a basis for a proposal upward (Law 2022: an
    /// exceptional or thematic achievement is rewarded as such, and is no merit upward).
    pub fn is_basis_upward(self) -> bool {
        !matches!(
            self,
            CommendationKind::Thematic | CommendationKind::Exceptional
        )
    }
}

/// Category of an award's recipient, as the statutory forms count them (đối tượng khen
/// thưởng, biểu 0602.N and 0603.N/BNV-TĐKT).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecipientCategory {
    /// Leader at ministry or province level and above (lãnh đạo cấp bộ, cấp tỉnh và tương
    /// đương trở lên).
    #[sea_orm(string_value = "SENIOR_LEADER")]
    SeniorLeader,
    /// Leader at department level (lãnh đạo cấp vụ, sở, ngành và tương đương).
    #[sea_orm(string_value = "DEPARTMENT_LEADER")]
    DepartmentLeader,
    /// Entrepreneur (doanh nhân).
    #[sea_orm(string_value = "ENTREPRENEUR")]
    Entrepreneur,
    /// Other leaders, from deputy head of a division up (các cấp lãnh đạo khác từ phó phòng
    /// trở lên).
    #[sea_orm(string_value = "OTHER_LEADER")]
    OtherLeader,
    /// Who works, labours, studies or fights directly (người trực tiếp công tác, lao động, học
    /// tập, chiến đấu và phục vụ chiến đấu: công nhân, nông dân…).
    #[sea_orm(string_value = "DIRECT_WORKER")]
    DirectWorker,
    /// A collective (tập thể) other than an enterprise or a household.
    #[sea_orm(string_value = "COLLECTIVE")]
    Collective,
    /// An enterprise (doanh nghiệp).
    #[sea_orm(string_value = "ENTERPRISE")]
    Enterprise,
    /// A household (hộ gia đình).
    #[sea_orm(string_value = "HOUSEHOLD")]
    Household,
}

impl RecipientCategory {
    /// Whether it is a category of individuals.
    pub fn is_individual(self) -> bool {
        !matches!(
            self,
            RecipientCategory::Collective
                | RecipientCategory::Enterprise
                | RecipientCategory::Household
        )
    }
}

/// What an initiative record is: an initiative (sáng kiến) or an accepted scientific research
/// project (đề tài nghiên cứu khoa học đã nghiệm thu).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InitiativeKind {
    /// An initiative recognised by a council (sáng kiến).
    #[sea_orm(string_value = "INITIATIVE")]
    Initiative,
    /// An accepted scientific research project (đề tài khoa học).
    #[sea_orm(string_value = "RESEARCH_PROJECT")]
    ResearchProject,
}

/// Scope in which an initiative is recognised (phạm vi ảnh hưởng của sáng kiến).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InitiativeScope {
    /// Within the unit (cấp cơ sở).
    #[sea_orm(string_value = "UNIT")]
    Unit,
    /// Province-wide (cấp tỉnh).
    #[sea_orm(string_value = "PROVINCIAL")]
    Provincial,
    /// Nation-wide (toàn quốc).
    #[sea_orm(string_value = "NATIONAL")]
    National,
}

/// Role of an application user (vai trò).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Administrator (quản trị hệ thống).
    #[sea_orm(string_value = "ADMIN")]
    Admin,
    /// Emulation and commendation board staff (Ban Thi đua – Khen thưởng).
    #[sea_orm(string_value = "BOARD")]
    Board,
    /// Officer in charge of emulation in a unit (cán bộ thi đua đơn vị).
    #[sea_orm(string_value = "UNIT_OFFICER")]
    UnitOfficer,
    /// Partner organisation with read access (đối tác).
    #[sea_orm(string_value = "PARTNER")]
    Partner,
}

/// Whether a conference tally counts awards given or proposals sent up.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TallyKind {
    /// Conferred at the conference (e.g. the director's Giấy khen).
    #[sea_orm(string_value = "GIVEN")]
    Given,
    /// Proposed to a higher level (e.g. for the Chairman's Bằng khen).
    #[sea_orm(string_value = "PROPOSED")]
    Proposed,
}

/// Yearly performance rating of a person or a unit (xếp loại chất lượng), from the
/// year's review of cadres, civil servants and public employees.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PerformanceRating {
    /// Completed the tasks with excellence (hoàn thành xuất sắc nhiệm vụ).
    #[sea_orm(string_value = "EXCELLENT")]
    Excellent,
    /// Completed the tasks well (hoàn thành tốt nhiệm vụ).
    #[sea_orm(string_value = "GOOD")]
    Good,
    /// Completed the tasks (hoàn thành nhiệm vụ).
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
    /// Did not complete the tasks (không hoàn thành nhiệm vụ).
    #[sea_orm(string_value = "NOT_COMPLETED")]
    NotCompleted,
}

/// Kind of a discipline record: a sanction in force, or a proceeding still pending, any of
/// which bars awards and proposals upward (Decree 152 Art. 4).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DisciplineKind {
    /// A disciplinary sanction (kỷ luật).
    #[sea_orm(string_value = "DISCIPLINE")]
    Discipline,
    /// An inspection or audit under way (đang bị thanh tra, kiểm tra).
    #[sea_orm(string_value = "INSPECTION")]
    Inspection,
    /// An investigation or review under way (đang bị điều tra, xem xét).
    #[sea_orm(string_value = "INVESTIGATION")]
    Investigation,
    /// A complaint or denunciation being settled (khiếu nại, tố cáo đang được giải quyết).
    #[sea_orm(string_value = "COMPLAINT")]
    Complaint,
}
