//! Demo data: provinces, units, people, terms and emulation clusters taken from the five
//! articles in `shared/seeds/`, plus the 2025 reorganisation that `shared/DOMAIN.md` describes.
//! Pure data, no database code; the demo loader inserts it in list order.
//!
//! # Where each fact comes from
//!
//! - Seed 000 (sokhcn.camau.gov.vn, 07/09/2025): on 29/8/2025 the Sở Khoa học và Công nghệ
//!   tỉnh Cà Mau held its first advanced-model conference for the period 2020–2025. Huỳnh Hùng
//!   Dũng, Phó Giám đốc Sở, opened it (the photo captions misspell him "Hùng Hùng Dũng"); Châu
//!   Hồng Vinh, Chánh Văn phòng Sở, presented the report; the director gave Giấy khen to 3
//!   collectives and 29 individuals and proposed Bằng khen of the province's Chairman for 3
//!   collectives and 6 individuals. The conference took place after 1/7/2025, so the Sở of the
//!   article is the merged one (`CM-SKHCN-2025`); its Văn phòng and both persons are placed there.
//! - Seed 001 (Sở KH&CN tỉnh Tiền Giang, author Bảo Sơn of the Văn phòng Sở): on 10/8/2020 the
//!   Sở held its advanced-model conference for the period 2015–2020, under Kế hoạch số
//!   204/KH-UBND of the UBND tỉnh and Hướng dẫn số 140/HD-SNV of the Sở Nội vụ; Giám đốc Sở
//!   Dương Văn Bon launched the 2020–2025 emulation.
//! - Seed 002 (author Nguyễn Như Thuỷ, left out: the article gives no title): on 05/01/2021 "Cụm
//!   II – Các cơ quan quản lý chuyên ngành" (7 members) reviewed 2020 at the Sở KH&CN, opened by
//!   its director Nguyễn Thị Hà; ranking 2020: Sở Công Thương 1st, Sở KH&CN 2nd, Sở Xây dựng 3rd;
//!   Sở Tài nguyên và Môi trường was elected head and Sở Giao thông vận tải deputy for 2021.
//! - Seed 003 (Liên hiệp Hội tỉnh Sóc Trăng, 26/12/2024): on 24/12/2024 the Liên hiệp các Hội
//!   Khoa học và Kỹ thuật tỉnh Sóc Trăng reviewed 2024: Chủ tịch Trịnh Công Lý, Phó Chủ tịch Hồ
//!   Quang Cua and Trần Minh Thành; Bùi Minh Châu, Phó Giám đốc Sở KH&CN, and a representative of
//!   the Sở Nội vụ attended; it worked with the Hội Khoa học Lịch sử tỉnh; it was head (Cụm
//!   trưởng) of "Cụm thi đua số 9" of the national union in 2024 and led its emulation that year;
//!   its congress for khóa IV, 2025–2030, was planned for 2025.
//! - Seed 004 (author Huyền Trân): on 30/03/2022 the "Khối thi đua các sở, ngành Khoa học – Văn
//!   hóa – Xã hội" (8 members) signed its 2022 covenant (8 criteria) at the Sở KH&CN, whose
//!   director Nguyễn Công Danh spoke; Sở KH&CN was Khối trưởng and Sở Lao động – Thương binh và
//!   Xã hội Khối phó for 2022.
//! - DOMAIN.md and Nghị quyết số 202/2025/QH15: on 1/7/2025 Bạc Liêu joined Cà Mau, Tiền Giang
//!   joined Đồng Tháp, Sóc Trăng and Hậu Giang joined Cần Thơ, Nam Định and Hà Nam joined Ninh
//!   Bình; Sở KH&CN absorbed Sở TT&TT, Sở Nội vụ absorbed labour, Sở Nông nghiệp và Môi trường
//!   replaced Sở NN&PTNT and Sở TN&MT, transport went to Sở Xây dựng.
//!
//! # Demo assumptions (not stated in the articles)
//!
//! - Seeds 002 and 004 do not name their province. Cụm II is placed in Hà Nam (`HA_NAM`) and the
//!   KH-VH-XH bloc in Hậu Giang (`HAU_GIANG`). Their members are named after that choice and
//!   keep the article's wording (e.g. "Sở Văn hóa và Thể thao"), even where the real department
//!   of that province was named otherwise.
//! - Cụm II's head in 2020 is inferred: the 2020 review was held at the Sở KH&CN and opened by its
//!   director. Its deputy for 2020 is not known.
//! - Of Cụm thi đua số 9 only the Sóc Trăng union is known, so it is the only member of 2024.
//! - Persons carry the title they had on the day of their article.
//!
//! # The 2025 reorganisation and the code convention
//!
//! - Provinces: the absorbed province ends on 2025-06-30 and is succeeded (ABSORB, effective
//!   2025-07-01) by the province whose name continues, which keeps its code and has no end date.
//!   The People's Committees follow their provinces the same way.
//! - Departments: the real reform took two steps (departments consolidated in early 2025 under
//!   Nghị định số 45/2025/NĐ-CP, then the provinces merged on 1/7/2025); the demo keeps one step.
//!   Every pre-merger unit ends on 2025-06-30, and each merged department is a new unit from
//!   2025-07-01 in the continuing province, succeeding every predecessor listed here (MERGE for
//!   departments of the same field, ABSORB for Sở TT&TT and Sở LĐ-TB&XH, whose fields were taken
//!   over). Units whose successor is not modelled simply end on 2025-06-30. Associations are left
//!   without an end date: what became of them is not in the articles.
//! - Unit codes: province prefix (`CM` Cà Mau, `BL` Bạc Liêu, `TG` Tiền Giang, `DT` Đồng Tháp,
//!   `ST` Sóc Trăng, `HG` Hậu Giang, `CT` Cần Thơ, `HNA` Hà Nam, `NB` Ninh Bình), a dash and an
//!   ASCII abbreviation of the name (`SKHCN` Sở Khoa học và Công nghệ, `UBND` Ủy ban nhân dân…).
//!   Pre-merger units keep the plain code; a unit created by the 2025 mergers gets the suffix
//!   `-2025` (`CM-SKHCN-2025`); a sub-unit is its parent's code plus its own abbreviation
//!   (`TG-SKHCN-VP`). Bodies outside any province have no prefix (`VUSTA`).

use entity::enums::{ClusterKind, LineageKind, TermKind, UnitKind};

/// A province (tỉnh, thành phố trực thuộc trung ương). Dates are "YYYY-MM-DD".
pub struct ProvinceSeed {
    pub code: &'static str,
    pub name: &'static str,
    pub valid_from: Option<&'static str>,
    pub valid_to: Option<&'static str>,
}

/// One succession between provinces or units, by code.
pub struct Succession {
    pub kind: LineageKind,
    pub predecessor: &'static str,
    pub successor: &'static str,
    /// "YYYY-MM-DD", the first day of the successor's role.
    pub effective_on: &'static str,
    pub legal_basis: &'static str,
}

/// A unit (đơn vị, cơ quan). `province` and `parent` are codes.
pub struct UnitSeed {
    pub code: &'static str,
    pub kind: UnitKind,
    pub name: &'static str,
    pub short_name: Option<&'static str>,
    pub province: Option<&'static str>,
    pub parent: Option<&'static str>,
    pub valid_from: Option<&'static str>,
    pub valid_to: Option<&'static str>,
}

/// A person named in an article, with the title they had on its day.
pub struct PersonSeed {
    pub unit: &'static str,
    pub full_name: &'static str,
    pub title: &'static str,
}

/// A term or emulation period.
pub struct TermSeed {
    pub kind: TermKind,
    pub name: &'static str,
    pub unit: Option<&'static str>,
    pub province: Option<&'static str>,
    pub start_year: i32,
    pub end_year: i32,
}

/// An emulation cluster or bloc (cụm, khối thi đua).
pub struct ClusterSeed {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: ClusterKind,
    pub province: Option<&'static str>,
    pub organiser_unit: Option<&'static str>,
    pub organiser_name: Option<&'static str>,
}

/// One year of a cluster: members, head (Cụm/Khối trưởng) and deputy (Cụm/Khối phó), by code.
pub struct ClusterYearSeed {
    pub cluster: &'static str,
    pub year: i32,
    pub members: &'static [&'static str],
    pub head: Option<&'static str>,
    pub deputy: Option<&'static str>,
}

/// Last day of the provinces and units that the 2025 reorganisation ended.
const END_2025: Option<&str> = Some("2025-06-30");
/// First day of the provinces and units that the 2025 reorganisation created.
const START_2025: &str = "2025-07-01";
/// Legal basis of the 2025 reorganisation.
const NQ_202: &str =
    "Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh";

const fn province(
    code: &'static str,
    name: &'static str,
    valid_to: Option<&'static str>,
) -> ProvinceSeed {
    ProvinceSeed {
        code,
        name,
        valid_from: None,
        valid_to,
    }
}

/// The provinces of the seeds and their 2025 partners.
pub const PROVINCES: &[ProvinceSeed] = &[
    province("CA_MAU", "Cà Mau", None),
    province("BAC_LIEU", "Bạc Liêu", END_2025),
    province("TIEN_GIANG", "Tiền Giang", END_2025),
    province("DONG_THAP", "Đồng Tháp", None),
    province("SOC_TRANG", "Sóc Trăng", END_2025),
    province("HAU_GIANG", "Hậu Giang", END_2025),
    province("CAN_THO", "Cần Thơ", None),
    province("NAM_DINH", "Nam Định", END_2025),
    province("HA_NAM", "Hà Nam", END_2025),
    province("NINH_BINH", "Ninh Bình", None),
];

const fn succession(
    kind: LineageKind,
    predecessor: &'static str,
    successor: &'static str,
) -> Succession {
    Succession {
        kind,
        predecessor,
        successor,
        effective_on: START_2025,
        legal_basis: NQ_202,
    }
}

const fn absorb(predecessor: &'static str, successor: &'static str) -> Succession {
    succession(LineageKind::Absorb, predecessor, successor)
}

const fn merge(predecessor: &'static str, successor: &'static str) -> Succession {
    succession(LineageKind::Merge, predecessor, successor)
}

/// The 2025 reorganisation of the provinces, modelled as absorption into the continuing name.
pub const PROVINCE_SUCCESSIONS: &[Succession] = &[
    absorb("BAC_LIEU", "CA_MAU"),
    absorb("TIEN_GIANG", "DONG_THAP"),
    absorb("SOC_TRANG", "CAN_THO"),
    absorb("HAU_GIANG", "CAN_THO"),
    absorb("NAM_DINH", "NINH_BINH"),
    absorb("HA_NAM", "NINH_BINH"),
];

/// A unit that existed before the 2025 reorganisation and ended with it.
const fn old(
    code: &'static str,
    kind: UnitKind,
    name: &'static str,
    short_name: &'static str,
    province: &'static str,
) -> UnitSeed {
    UnitSeed {
        code,
        kind,
        name,
        short_name: Some(short_name),
        province: Some(province),
        parent: None,
        valid_from: None,
        valid_to: END_2025,
    }
}

/// A unit that continues across the 2025 reorganisation (or whose fate is unknown).
const fn lasting(
    code: &'static str,
    kind: UnitKind,
    name: &'static str,
    short_name: &'static str,
    province: Option<&'static str>,
) -> UnitSeed {
    UnitSeed {
        code,
        kind,
        name,
        short_name: Some(short_name),
        province,
        parent: None,
        valid_from: None,
        valid_to: None,
    }
}

/// A department created by the 2025 mergers.
const fn new_2025(
    code: &'static str,
    name: &'static str,
    short_name: &'static str,
    province: &'static str,
) -> UnitSeed {
    UnitSeed {
        code,
        kind: UnitKind::Department,
        name,
        short_name: Some(short_name),
        province: Some(province),
        parent: None,
        valid_from: Some(START_2025),
        valid_to: None,
    }
}

use UnitKind::{Agency, Association, AssociationUnion, Department, PeoplesCommittee, Subdivision};

/// Units, parents before children and predecessors before successors.
#[rustfmt::skip]
pub const UNITS: &[UnitSeed] = &[
    // National body (seed 003).
    lasting("VUSTA", AssociationUnion, "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "Liên hiệp Hội Việt Nam", None),

    // Cà Mau and Bạc Liêu (seed 000).
    lasting("CM-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Cà Mau", "UBND tỉnh Cà Mau", Some("CA_MAU")),
    old("CM-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Cà Mau", "Sở KH&CN", "CA_MAU"),
    old("BL-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Bạc Liêu", "Sở KH&CN", "BAC_LIEU"),
    new_2025("CM-SKHCN-2025", "Sở Khoa học và Công nghệ tỉnh Cà Mau", "Sở KH&CN", "CA_MAU"),
    UnitSeed {
        code: "CM-SKHCN-2025-VP",
        kind: Subdivision,
        name: "Văn phòng Sở Khoa học và Công nghệ tỉnh Cà Mau",
        short_name: Some("Văn phòng Sở"),
        province: Some("CA_MAU"),
        parent: Some("CM-SKHCN-2025"),
        valid_from: Some(START_2025),
        valid_to: None,
    },

    // Tiền Giang and Đồng Tháp (seed 001).
    old("TG-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Tiền Giang", "UBND tỉnh Tiền Giang", "TIEN_GIANG"),
    old("TG-SNV", Department, "Sở Nội vụ tỉnh Tiền Giang", "Sở Nội vụ", "TIEN_GIANG"),
    old("TG-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Tiền Giang", "Sở KH&CN", "TIEN_GIANG"),
    UnitSeed {
        code: "TG-SKHCN-VP",
        kind: Subdivision,
        name: "Văn phòng Sở Khoa học và Công nghệ tỉnh Tiền Giang",
        short_name: Some("Văn phòng Sở"),
        province: Some("TIEN_GIANG"),
        parent: Some("TG-SKHCN"),
        valid_from: None,
        valid_to: END_2025,
    },
    lasting("DT-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Đồng Tháp", "UBND tỉnh Đồng Tháp", Some("DONG_THAP")),
    old("DT-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "Sở KH&CN", "DONG_THAP"),
    new_2025("DT-SKHCN-2025", "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "Sở KH&CN", "DONG_THAP"),

    // Sóc Trăng (seed 003).
    old("ST-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Sóc Trăng", "UBND tỉnh Sóc Trăng", "SOC_TRANG"),
    old("ST-SNV", Department, "Sở Nội vụ tỉnh Sóc Trăng", "Sở Nội vụ", "SOC_TRANG"),
    old("ST-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Sóc Trăng", "Sở KH&CN", "SOC_TRANG"),
    lasting("ST-LHH", AssociationUnion, "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Sóc Trăng", "Liên hiệp Hội", Some("SOC_TRANG")),
    lasting("ST-HKHLS", Association, "Hội Khoa học Lịch sử tỉnh Sóc Trăng", "Hội Khoa học Lịch sử", Some("SOC_TRANG")),

    // Hậu Giang: the KH-VH-XH bloc (seed 004) and the Sở Nội vụ that took over labour.
    old("HG-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Hậu Giang", "UBND tỉnh Hậu Giang", "HAU_GIANG"),
    old("HG-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Hậu Giang", "Sở KH&CN", "HAU_GIANG"),
    old("HG-SLDTBXH", Department, "Sở Lao động – Thương binh và Xã hội tỉnh Hậu Giang", "Sở LĐ-TB&XH", "HAU_GIANG"),
    old("HG-BDT", Agency, "Ban Dân tộc tỉnh Hậu Giang", "Ban Dân tộc", "HAU_GIANG"),
    old("HG-DPTTH", Agency, "Đài Phát thanh và Truyền hình tỉnh Hậu Giang", "Đài PT-TH", "HAU_GIANG"),
    old("HG-SGDDT", Department, "Sở Giáo dục và Đào tạo tỉnh Hậu Giang", "Sở GD&ĐT", "HAU_GIANG"),
    old("HG-STTTT", Department, "Sở Thông tin và Truyền thông tỉnh Hậu Giang", "Sở TT&TT", "HAU_GIANG"),
    old("HG-SVHTT", Department, "Sở Văn hóa và Thể thao tỉnh Hậu Giang", "Sở VH&TT", "HAU_GIANG"),
    old("HG-SYT", Department, "Sở Y tế tỉnh Hậu Giang", "Sở Y tế", "HAU_GIANG"),
    old("HG-SNV", Department, "Sở Nội vụ tỉnh Hậu Giang", "Sở Nội vụ", "HAU_GIANG"),

    // Cần Thơ, where Sóc Trăng's and Hậu Giang's departments went.
    lasting("CT-UBND", PeoplesCommittee, "Ủy ban nhân dân thành phố Cần Thơ", "UBND thành phố Cần Thơ", Some("CAN_THO")),
    old("CT-SKHCN", Department, "Sở Khoa học và Công nghệ thành phố Cần Thơ", "Sở KH&CN", "CAN_THO"),
    new_2025("CT-SKHCN-2025", "Sở Khoa học và Công nghệ thành phố Cần Thơ", "Sở KH&CN", "CAN_THO"),
    new_2025("CT-SNV-2025", "Sở Nội vụ thành phố Cần Thơ", "Sở Nội vụ", "CAN_THO"),

    // Hà Nam: Cụm II (seed 002).
    old("HNA-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Hà Nam", "UBND tỉnh Hà Nam", "HA_NAM"),
    old("HNA-SKHCN", Department, "Sở Khoa học và Công nghệ tỉnh Hà Nam", "Sở KH&CN", "HA_NAM"),
    old("HNA-STNMT", Department, "Sở Tài nguyên và Môi trường tỉnh Hà Nam", "Sở TN&MT", "HA_NAM"),
    old("HNA-SGTVT", Department, "Sở Giao thông vận tải tỉnh Hà Nam", "Sở GTVT", "HA_NAM"),
    old("HNA-SXD", Department, "Sở Xây dựng tỉnh Hà Nam", "Sở Xây dựng", "HA_NAM"),
    old("HNA-SNNPTNT", Department, "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Nam", "Sở NN&PTNT", "HA_NAM"),
    old("HNA-SCT", Department, "Sở Công Thương tỉnh Hà Nam", "Sở Công Thương", "HA_NAM"),
    old("HNA-TTR", Agency, "Thanh tra tỉnh Hà Nam", "Thanh tra tỉnh", "HA_NAM"),

    // Ninh Bình, where Hà Nam's departments went.
    lasting("NB-UBND", PeoplesCommittee, "Ủy ban nhân dân tỉnh Ninh Bình", "UBND tỉnh Ninh Bình", Some("NINH_BINH")),
    new_2025("NB-SKHCN-2025", "Sở Khoa học và Công nghệ tỉnh Ninh Bình", "Sở KH&CN", "NINH_BINH"),
    new_2025("NB-SNNMT-2025", "Sở Nông nghiệp và Môi trường tỉnh Ninh Bình", "Sở NN&MT", "NINH_BINH"),
    new_2025("NB-SXD-2025", "Sở Xây dựng tỉnh Ninh Bình", "Sở Xây dựng", "NINH_BINH"),
];

/// The 2025 reorganisation of the units above, all effective 2025-07-01.
pub const UNIT_SUCCESSIONS: &[Succession] = &[
    // People's Committees follow their provinces.
    absorb("TG-UBND", "DT-UBND"),
    absorb("ST-UBND", "CT-UBND"),
    absorb("HG-UBND", "CT-UBND"),
    absorb("HNA-UBND", "NB-UBND"),
    // Cà Mau: the two Sở KH&CN.
    merge("CM-SKHCN", "CM-SKHCN-2025"),
    merge("BL-SKHCN", "CM-SKHCN-2025"),
    // Đồng Tháp: the two Sở KH&CN.
    merge("TG-SKHCN", "DT-SKHCN-2025"),
    merge("DT-SKHCN", "DT-SKHCN-2025"),
    // Cần Thơ: three Sở KH&CN, and Hậu Giang's Sở TT&TT taken over by science and technology.
    merge("CT-SKHCN", "CT-SKHCN-2025"),
    merge("ST-SKHCN", "CT-SKHCN-2025"),
    merge("HG-SKHCN", "CT-SKHCN-2025"),
    absorb("HG-STTTT", "CT-SKHCN-2025"),
    // Cần Thơ: two Sở Nội vụ, and Hậu Giang's Sở LĐ-TB&XH taken over by home affairs.
    merge("ST-SNV", "CT-SNV-2025"),
    merge("HG-SNV", "CT-SNV-2025"),
    absorb("HG-SLDTBXH", "CT-SNV-2025"),
    // Ninh Bình: Hà Nam's departments of Cụm II whose reform DOMAIN.md names.
    merge("HNA-SKHCN", "NB-SKHCN-2025"),
    merge("HNA-SNNPTNT", "NB-SNNMT-2025"),
    merge("HNA-STNMT", "NB-SNNMT-2025"),
    merge("HNA-SXD", "NB-SXD-2025"),
    merge("HNA-SGTVT", "NB-SXD-2025"),
];

/// The unit of the demo data that has `code`.
pub fn unit_seed(code: &str) -> Option<&'static UnitSeed> {
    UNITS.iter().find(|u| u.code == code)
}

/// Whether the unit `code` is closed in the demo data.
pub fn unit_closes(code: &str) -> bool {
    unit_seed(code).is_some_and(|u| u.valid_to.is_some())
}

/// Whether the demo plays `s` through `reorganizeUnits`, whose rules refuse two kinds of link
/// the articles have; those are written directly:
/// - a MERGE takes two or more predecessors, but Hà Nam's Sở KH&CN alone became Ninh Bình's
///   (the new unit is then written directly too);
/// - an ABSORB needs a successor in force before its day, refusing one that "only begins on"
///   it, but Cần Thơ's Sở KH&CN and Sở Nội vụ, created by mergers on 2025-07-01, took over two
///   Hậu Giang departments that same day.
pub fn reorganisation_plays(s: &Succession) -> bool {
    match s.kind {
        LineageKind::Merge => {
            UNIT_SUCCESSIONS
                .iter()
                .filter(|m| m.kind == LineageKind::Merge && m.successor == s.successor)
                .count()
                >= 2
        }
        LineageKind::Absorb => unit_seed(s.successor)
            .is_some_and(|u| u.valid_from.is_none_or(|from| from < s.effective_on)),
        LineageKind::Split | LineageKind::Rename => false,
    }
}

/// Whether a reorganisation that the demo plays closes the unit `code`.
pub fn closed_by_reorganisation(code: &str) -> bool {
    UNIT_SUCCESSIONS
        .iter()
        .any(|s| s.predecessor == code && reorganisation_plays(s))
}

/// People named in the articles, with their title on the article's day.
pub const PERSONS: &[PersonSeed] = &[
    // Seed 000 (29/8/2025).
    PersonSeed {
        unit: "CM-SKHCN-2025",
        full_name: "Huỳnh Hùng Dũng",
        title: "Phó Giám đốc Sở",
    },
    PersonSeed {
        unit: "CM-SKHCN-2025-VP",
        full_name: "Châu Hồng Vinh",
        title: "Chánh Văn phòng Sở",
    },
    // Seed 001 (10/8/2020).
    PersonSeed {
        unit: "TG-SKHCN",
        full_name: "Dương Văn Bon",
        title: "Giám đốc Sở",
    },
    // Seed 002 (05/01/2021).
    PersonSeed {
        unit: "HNA-SKHCN",
        full_name: "Nguyễn Thị Hà",
        title: "Giám đốc Sở",
    },
    // Seed 003 (24/12/2024).
    PersonSeed {
        unit: "ST-LHH",
        full_name: "Trịnh Công Lý",
        title: "Chủ tịch",
    },
    PersonSeed {
        unit: "ST-LHH",
        full_name: "Hồ Quang Cua",
        title: "Phó Chủ tịch",
    },
    PersonSeed {
        unit: "ST-LHH",
        full_name: "Trần Minh Thành",
        title: "Phó Chủ tịch",
    },
    PersonSeed {
        unit: "ST-SKHCN",
        full_name: "Bùi Minh Châu",
        title: "Phó Giám đốc Sở",
    },
    // Seed 004 (30/03/2022).
    PersonSeed {
        unit: "HG-SKHCN",
        full_name: "Nguyễn Công Danh",
        title: "Giám đốc Sở",
    },
];

/// Emulation periods (national) and the Sóc Trăng union's executive committee term.
pub const TERMS: &[TermSeed] = &[
    TermSeed {
        kind: TermKind::EmulationPeriod,
        name: "Giai đoạn 2015–2020",
        unit: None,
        province: None,
        start_year: 2015,
        end_year: 2020,
    },
    TermSeed {
        kind: TermKind::EmulationPeriod,
        name: "Giai đoạn 2020–2025",
        unit: None,
        province: None,
        start_year: 2020,
        end_year: 2025,
    },
    TermSeed {
        kind: TermKind::ExecutiveCommittee,
        name: "Khóa IV",
        unit: Some("ST-LHH"),
        province: None,
        start_year: 2025,
        end_year: 2030,
    },
];

/// Emulation clusters and blocs.
pub const CLUSTERS: &[ClusterSeed] = &[
    ClusterSeed {
        code: "HNA-CUM-II",
        name: "Cụm II – Các cơ quan quản lý chuyên ngành",
        kind: ClusterKind::Cluster,
        province: Some("HA_NAM"),
        organiser_unit: Some("HNA-UBND"),
        organiser_name: None,
    },
    ClusterSeed {
        code: "HG-KHOI-KHVHXH",
        name: "Khối thi đua các sở, ngành Khoa học – Văn hóa – Xã hội",
        kind: ClusterKind::Bloc,
        province: Some("HAU_GIANG"),
        organiser_unit: Some("HG-UBND"),
        organiser_name: None,
    },
    ClusterSeed {
        code: "VUSTA-CUM-9",
        name: "Cụm thi đua số 9",
        kind: ClusterKind::Cluster,
        province: None,
        organiser_unit: Some("VUSTA"),
        organiser_name: None,
    },
];

/// The 7 members of Cụm II (seed 002), in the article's order.
const CUM_II_MEMBERS: &[&str] = &[
    "HNA-SKHCN",
    "HNA-STNMT",
    "HNA-SGTVT",
    "HNA-SXD",
    "HNA-SNNPTNT",
    "HNA-SCT",
    "HNA-TTR",
];

/// The 8 members of the KH-VH-XH bloc (seed 004), in the article's order.
const KHOI_KHVHXH_MEMBERS: &[&str] = &[
    "HG-SKHCN",
    "HG-SLDTBXH",
    "HG-BDT",
    "HG-DPTTH",
    "HG-SGDDT",
    "HG-STTTT",
    "HG-SVHTT",
    "HG-SYT",
];

/// Cluster years with their members, head and deputy.
pub const CLUSTER_YEARS: &[ClusterYearSeed] = &[
    // 2020: head inferred (the review was hosted and opened by the Sở KH&CN); deputy unknown.
    ClusterYearSeed {
        cluster: "HNA-CUM-II",
        year: 2020,
        members: CUM_II_MEMBERS,
        head: Some("HNA-SKHCN"),
        deputy: None,
    },
    // 2021: elected at the 2020 review.
    ClusterYearSeed {
        cluster: "HNA-CUM-II",
        year: 2021,
        members: CUM_II_MEMBERS,
        head: Some("HNA-STNMT"),
        deputy: Some("HNA-SGTVT"),
    },
    ClusterYearSeed {
        cluster: "HG-KHOI-KHVHXH",
        year: 2022,
        members: KHOI_KHVHXH_MEMBERS,
        head: Some("HG-SKHCN"),
        deputy: Some("HG-SLDTBXH"),
    },
    // 2024: only the head is known.
    ClusterYearSeed {
        cluster: "VUSTA-CUM-9",
        year: 2024,
        members: &["ST-LHH"],
        head: Some("ST-LHH"),
        deputy: None,
    },
];

/// A covenant (giao ước thi đua): when it was signed and its numbered criteria
/// (code, title, maximum points).
pub struct CovenantSeed {
    pub cluster: &'static str,
    pub year: i32,
    pub signed_on: &'static str,
    pub criteria: &'static [(&'static str, &'static str, f64)],
}

/// Cụm II's criteria. The article does not list them: these five, and their points, are a
/// demo assumption in the usual shape of a cluster covenant.
const CUM_II_CRITERIA: &[(&str, &str, f64)] = &[
    (
        "TC1",
        "Thực hiện nhiệm vụ chính trị, chuyên môn được giao",
        40.0,
    ),
    ("TC2", "Tổ chức, triển khai các phong trào thi đua", 20.0),
    (
        "TC3",
        "Công tác khen thưởng và nhân rộng điển hình tiên tiến",
        15.0,
    ),
    (
        "TC4",
        "Xây dựng tổ chức Đảng, chính quyền, đoàn thể vững mạnh",
        15.0,
    ),
    ("TC5", "Tham gia hoạt động của Cụm thi đua", 10.0),
];

/// The covenants. Seed 002: the 2021 covenant was signed at the 2020 review on 05/01/2021
/// (the 2020 covenant's date is an assumption). Seed 004: the bloc's 2022 covenant of 8
/// contents was signed on 30/03/2022; the contents are the article's, their points are an
/// assumption.
pub const COVENANTS: &[CovenantSeed] = &[
    CovenantSeed { cluster: "HNA-CUM-II", year: 2020, signed_on: "2020-01-10", criteria: CUM_II_CRITERIA },
    CovenantSeed { cluster: "HNA-CUM-II", year: 2021, signed_on: "2021-01-05", criteria: CUM_II_CRITERIA },
    CovenantSeed {
        cluster: "HG-KHOI-KHVHXH",
        year: 2022,
        signed_on: "2022-03-30",
        criteria: &[
            ("ND1", "Phấn đấu hoàn thành đạt và vượt chỉ tiêu, kế hoạch phát triển kinh tế - xã hội năm 2022", 20.0),
            ("ND2", "Quán triệt, thực hiện tốt chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước về công tác thi đua, khen thưởng", 15.0),
            ("ND3", "Triển khai và đẩy mạnh thực hiện phong trào thi đua đã được Thủ tướng Chính phủ và UBND tỉnh phát động", 15.0),
            ("ND4", "Đẩy mạnh phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn hoá”, các phong trào thi đua yêu nước trên các lĩnh vực KH-VH-XH", 10.0),
            ("ND5", "Tăng cường kiện toàn tổ chức bộ máy tinh gọn, hoạt động hiệu quả", 10.0),
            ("ND6", "Nâng cao chất lượng công tác xây dựng tổ chức Đảng", 10.0),
            ("ND7", "Tiếp tục kiện toàn hội đồng thi đua - khen thưởng", 10.0),
            ("ND8", "Duy trì và nâng cao hiệu quả hoạt động của Khối thi đua", 10.0),
        ],
    },
];

/// A member's self-assessment: points per criterion, in the covenant's order.
pub struct SelfAssessmentSeed {
    pub unit: &'static str,
    pub points: &'static [f64],
}

/// Cụm II's 2020 self-assessments. The points are an assumption; what is the article's is
/// the outcome: Sở Công Thương 1st, Sở KH&CN 2nd, Sở Xây dựng 3rd.
pub const CUM_II_2020_SELF: &[SelfAssessmentSeed] = &[
    SelfAssessmentSeed {
        unit: "HNA-SKHCN",
        points: &[38.5, 19.0, 14.0, 14.5, 9.5],
    },
    SelfAssessmentSeed {
        unit: "HNA-STNMT",
        points: &[38.0, 18.0, 14.0, 14.0, 9.0],
    },
    SelfAssessmentSeed {
        unit: "HNA-SGTVT",
        points: &[37.5, 18.0, 13.5, 13.5, 9.0],
    },
    SelfAssessmentSeed {
        unit: "HNA-SXD",
        points: &[38.0, 18.5, 14.0, 14.0, 9.5],
    },
    SelfAssessmentSeed {
        unit: "HNA-SNNPTNT",
        points: &[37.5, 18.0, 14.0, 13.5, 9.0],
    },
    SelfAssessmentSeed {
        unit: "HNA-SCT",
        points: &[39.0, 19.0, 14.5, 14.5, 9.5],
    },
    SelfAssessmentSeed {
        unit: "HNA-TTR",
        points: &[37.0, 17.5, 13.5, 13.5, 9.0],
    },
];

/// The 2020 head's review of Cụm II (an assumption that keeps the article's order).
pub struct ReviewSeed {
    pub unit: &'static str,
    pub lines: &'static [(&'static str, f64)],
    pub bonus: Option<(f64, &'static str)>,
    pub penalty: Option<(f64, &'static str)>,
}

pub const CUM_II_2020_REVIEW: &[ReviewSeed] = &[
    ReviewSeed {
        unit: "HNA-STNMT",
        lines: &[("TC1", 37.5)],
        bonus: None,
        penalty: None,
    },
    ReviewSeed {
        unit: "HNA-SXD",
        lines: &[],
        bonus: Some((0.5, "Đăng cai tổ chức hội nghị chuyên đề của Cụm")),
        penalty: None,
    },
    ReviewSeed {
        unit: "HNA-TTR",
        lines: &[],
        bonus: None,
        penalty: Some((0.5, "Gửi báo cáo tổng kết chậm so với thời hạn của Cụm")),
    },
];

/// The decision on Cụm II's 2020 proposals. The articles do not give it: its number, date
/// and signer are demo assumptions (the number is the example of shared/DOMAIN.md).
pub struct DecisionSeed {
    pub number: &'static str,
    pub issuer: &'static str,
    pub signed_on: &'static str,
    pub signer_name: &'static str,
    pub signer_title: &'static str,
    pub approval: &'static str,
}

pub const CUM_II_2020_DECISION: DecisionSeed = DecisionSeed {
    number: "163/QĐ-UBND",
    issuer: "HNA-UBND",
    signed_on: "2021-01-28",
    signer_name: "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam",
    signer_title: "Chủ tịch UBND tỉnh",
    approval: "Hội đồng Thi đua – Khen thưởng tỉnh thống nhất đề nghị của Cụm II",
};

/// A conference of the articles, with the counts of awards given and proposals sent up
/// (award code, collectives, individuals).
pub struct ConferenceSeed {
    pub host: &'static str,
    pub name: &'static str,
    pub held_on: &'static str,
    /// The emulation period it closes, by its name in [`TERMS`].
    pub period: &'static str,
    pub given: &'static [(&'static str, i32, i32)],
    pub proposed: &'static [(&'static str, i32, i32)],
    pub summary: &'static str,
}

/// Seed 000 (29/8/2025, Sở KH&CN Cà Mau) and seed 001 (10/8/2020, Sở KH&CN Tiền Giang).
pub const CONFERENCES: &[ConferenceSeed] = &[
    ConferenceSeed {
        host: "TG-SKHCN",
        name: "Hội nghị điển hình tiên tiến trong phong trào thi đua giai đoạn 2015 – 2020",
        held_on: "2020-08-10",
        period: "Giai đoạn 2015–2020",
        given: &[("GIAY_KHEN", 2, 14)],
        proposed: &[],
        summary: "Giám đốc Sở Khoa học và Công nghệ tặng Giấy khen cho 02 tập thể và 14 cá nhân điển hình tiên tiến, phát động phong trào thi đua giai đoạn 2020 – 2025.",
    },
    ConferenceSeed {
        host: "CM-SKHCN-2025",
        name: "Hội nghị điển hình tiên tiến lần thứ I, giai đoạn 2020 – 2025",
        held_on: "2025-08-29",
        period: "Giai đoạn 2020–2025",
        given: &[("GIAY_KHEN", 3, 29)],
        proposed: &[("BANG_KHEN_CHU_TICH_TINH", 3, 6)],
        summary: "Giám đốc Sở KH&CN tặng Giấy khen cho 03 tập thể và 29 cá nhân; đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể và 06 cá nhân có thành tích xuất sắc giai đoạn 2020 – 2025.",
    },
];

/// A dossier of the articles: one submission letter of a unit for many nominees.
pub struct DossierSeed {
    pub proposing_unit: &'static str,
    pub title: &'static str,
    pub year: i32,
}

/// Seed 000: the director of Sở KH&CN Cà Mau proposed, in one letter, that the Chairman of
/// the province's People's Committee give Bằng khen to 3 collectives and 6 individuals. The
/// article names neither them nor the letter's number, date and signer, so the demo holds the
/// dossier as a DRAFT with none of them: the unit fills it in.
pub const DOSSIERS: &[DossierSeed] = &[DossierSeed {
    proposing_unit: "CM-SKHCN-2025",
    title: "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 03 tập thể và 06 cá nhân có thành tích xuất sắc trong phong trào thi đua giai đoạn 2020 – 2025",
    year: 2025,
}];

/// A movement of the articles.
pub struct MovementSeed {
    pub launching_unit: &'static str,
    pub name: &'static str,
    pub start_on: &'static str,
    pub end_on: &'static str,
}

/// Seed 001: at the 2020 conference the director launched the emulation of 2020–2025.
pub const MOVEMENTS: &[MovementSeed] = &[MovementSeed {
    launching_unit: "TG-SKHCN",
    name: "Phong trào thi đua yêu nước giai đoạn 2020 – 2025 của Sở Khoa học và Công nghệ",
    start_on: "2020-08-10",
    end_on: "2025-12-31",
}];

/// A demo account (development only: its password is published in the README).
pub struct DemoUser {
    pub username: &'static str,
    pub role: entity::enums::Role,
    pub unit: Option<&'static str>,
    pub province: Option<&'static str>,
    /// The bodies it issues decisions for (`canSign`): the board for its People's
    /// Committee, a department's officer for its director.
    pub signs_for: &'static [&'static str],
}

/// The password of every demo account. Demo accounts are refused outside development.
pub const DEMO_PASSWORD: &str = "thidua-demo-2025";

/// One account per role, and the officers of Cụm II's heads of 2020 and 2021 and of its
/// 2021 deputy.
pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        username: "admin",
        role: entity::enums::Role::Admin,
        unit: None,
        province: None,
        signs_for: &[],
    },
    DemoUser {
        username: "board.hanam",
        role: entity::enums::Role::Board,
        unit: None,
        province: Some("HA_NAM"),
        signs_for: &["HNA-UBND"],
    },
    DemoUser {
        username: "board.camau",
        role: entity::enums::Role::Board,
        unit: None,
        province: Some("CA_MAU"),
        signs_for: &["CM-UBND"],
    },
    // Sở KH&CN Hà Nam: head of Cụm II in 2020.
    DemoUser {
        username: "officer.hna-skhcn",
        role: entity::enums::Role::UnitOfficer,
        unit: Some("HNA-SKHCN"),
        province: None,
        signs_for: &[],
    },
    // Sở TN&MT Hà Nam: head of Cụm II in 2021.
    DemoUser {
        username: "officer.hna-stnmt",
        role: entity::enums::Role::UnitOfficer,
        unit: Some("HNA-STNMT"),
        province: None,
        signs_for: &[],
    },
    // Sở GTVT Hà Nam: deputy of Cụm II in 2021.
    DemoUser {
        username: "officer.hna-sgtvt",
        role: entity::enums::Role::UnitOfficer,
        unit: Some("HNA-SGTVT"),
        province: None,
        signs_for: &[],
    },
    // Sở KH&CN Cà Mau (seed 000).
    DemoUser {
        username: "officer.cm-skhcn",
        role: entity::enums::Role::UnitOfficer,
        unit: Some("CM-SKHCN-2025"),
        province: None,
        signs_for: &["CM-SKHCN-2025"],
    },
    DemoUser {
        username: "partner.demo",
        role: entity::enums::Role::Partner,
        unit: None,
        province: None,
        signs_for: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// `^[A-Z0-9][A-Z0-9-]*$`, at most 32 characters.
    fn is_unit_code(code: &str) -> bool {
        let mut chars = code.chars();
        code.len() <= 32
            && matches!(chars.next(), Some('A'..='Z' | '0'..='9'))
            && chars.all(|c| matches!(c, 'A'..='Z' | '0'..='9' | '-'))
    }

    /// `^[A-Z][A-Z0-9_]*$`, at most 32 characters.
    fn is_province_code(code: &str) -> bool {
        let mut chars = code.chars();
        code.len() <= 32
            && matches!(chars.next(), Some('A'..='Z'))
            && chars.all(|c| matches!(c, 'A'..='Z' | '0'..='9' | '_'))
    }

    /// A real calendar date written "YYYY-MM-DD".
    fn is_date(text: &str) -> bool {
        let parts: Vec<&str> = text.split('-').collect();
        if parts.len() != 3
            || parts[0].len() != 4
            || parts[1].len() != 2
            || parts[2].len() != 2
            || !text.chars().all(|c| c.is_ascii_digit() || c == '-')
        {
            return false;
        }
        let (y, m, d): (u32, u32, u32) = (
            parts[0].parse().unwrap(),
            parts[1].parse().unwrap(),
            parts[2].parse().unwrap(),
        );
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&d)
    }

    fn check_span(what: &str, from: Option<&str>, to: Option<&str>) {
        for date in from.iter().chain(to.iter()) {
            assert!(is_date(date), "{what}: bad date {date}");
        }
        if let (Some(from), Some(to)) = (from, to) {
            assert!(from <= to, "{what}: valid_from after valid_to");
        }
    }

    /// Position of each code in its list, checking that codes are unique.
    fn positions<'a>(codes: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
        let mut map = HashMap::new();
        for (i, code) in codes.enumerate() {
            assert!(map.insert(code, i).is_none(), "duplicate code {code}");
        }
        map
    }

    fn province_positions() -> HashMap<&'static str, usize> {
        positions(PROVINCES.iter().map(|p| p.code))
    }

    fn unit_positions() -> HashMap<&'static str, usize> {
        positions(UNITS.iter().map(|u| u.code))
    }

    fn unit(code: &str) -> &'static UnitSeed {
        UNITS
            .iter()
            .find(|u| u.code == code)
            .unwrap_or_else(|| panic!("no unit {code}"))
    }

    /// Whether the unit exists at some time during `year`.
    fn active_in(unit: &UnitSeed, year: i32) -> bool {
        let first = format!("{year}-01-01");
        let last = format!("{year}-12-31");
        unit.valid_from.is_none_or(|from| from <= last.as_str())
            && unit.valid_to.is_none_or(|to| to >= first.as_str())
    }

    fn check_successions(
        list: &[Succession],
        position: &HashMap<&str, usize>,
        ordered: bool,
        span: impl Fn(&str) -> (Option<&'static str>, Option<&'static str>),
    ) {
        let mut pairs = HashSet::new();
        for s in list {
            let what = format!("{} -> {}", s.predecessor, s.successor);
            let p = *position
                .get(s.predecessor)
                .unwrap_or_else(|| panic!("{what}: unknown predecessor"));
            let q = *position
                .get(s.successor)
                .unwrap_or_else(|| panic!("{what}: unknown successor"));
            assert_ne!(p, q, "{what}: succeeds itself");
            assert!(
                !ordered || p < q,
                "{what}: predecessor must come before successor"
            );
            assert!(
                pairs.insert((s.predecessor, s.successor)),
                "{what}: duplicate"
            );
            assert!(is_date(s.effective_on), "{what}: bad date");
            assert!(!s.legal_basis.trim().is_empty(), "{what}: no legal basis");
            let (_, pred_to) = span(s.predecessor);
            let pred_to = pred_to.unwrap_or_else(|| panic!("{what}: predecessor has no end"));
            assert!(
                pred_to < s.effective_on,
                "{what}: predecessor ends too late"
            );
            let (succ_from, succ_to) = span(s.successor);
            assert!(
                succ_from.is_none_or(|from| from == s.effective_on),
                "{what}: successor starts on another day"
            );
            assert!(
                succ_to.is_none_or(|to| to >= s.effective_on),
                "{what}: successor ended before"
            );
        }
    }

    #[test]
    fn provinces_are_well_formed() {
        province_positions();
        for p in PROVINCES {
            assert!(is_province_code(p.code), "bad province code {}", p.code);
            check_span(p.code, p.valid_from, p.valid_to);
        }
    }

    #[test]
    fn province_successions_refer_to_known_provinces() {
        let position = province_positions();
        check_successions(PROVINCE_SUCCESSIONS, &position, false, |code| {
            let p = PROVINCES.iter().find(|p| p.code == code).unwrap();
            (p.valid_from, p.valid_to)
        });
        // Every absorbed province is succeeded, every continuing one is not.
        for p in PROVINCES {
            let succeeded = PROVINCE_SUCCESSIONS.iter().any(|s| s.predecessor == p.code);
            assert_eq!(succeeded, p.valid_to.is_some(), "{}", p.code);
        }
    }

    #[test]
    fn units_are_well_formed_and_ordered() {
        let provinces = province_positions();
        let position = unit_positions();
        for (i, u) in UNITS.iter().enumerate() {
            assert!(is_unit_code(u.code), "bad unit code {}", u.code);
            check_span(u.code, u.valid_from, u.valid_to);
            if let Some(p) = u.province {
                assert!(
                    provinces.contains_key(p),
                    "{}: unknown province {p}",
                    u.code
                );
            }
            assert_eq!(
                u.kind == UnitKind::Subdivision,
                u.parent.is_some(),
                "{}: parent",
                u.code
            );
            if let Some(parent) = u.parent {
                let j = *position
                    .get(parent)
                    .unwrap_or_else(|| panic!("{}: unknown parent", u.code));
                assert!(j < i, "{}: parent must come first", u.code);
                let parent = &UNITS[j];
                assert_eq!(
                    parent.province, u.province,
                    "{}: parent in another province",
                    u.code
                );
                assert!(
                    parent.valid_from <= u.valid_from,
                    "{}: starts before its parent",
                    u.code
                );
                match (parent.valid_to, u.valid_to) {
                    (None, _) => {}
                    (Some(p), Some(c)) => assert!(c <= p, "{}: outlives its parent", u.code),
                    (Some(_), None) => panic!("{}: outlives its parent", u.code),
                }
            }
        }
    }

    /// The demo plays these through `reorganizeUnits`, which closes each predecessor on the
    /// day before and dates a merger's new unit from the day, under the first predecessor's
    /// parent: the rows it writes are then the ones listed here.
    #[test]
    fn the_reorganisations_the_demo_plays_write_the_units_as_listed() {
        let played: Vec<&Succession> = UNIT_SUCCESSIONS
            .iter()
            .filter(|s| reorganisation_plays(s))
            .collect();
        assert_eq!(played.len(), UNIT_SUCCESSIONS.len() - 3);
        for s in played {
            let what = format!("{} -> {}", s.predecessor, s.successor);
            let day: chrono::NaiveDate = s.effective_on.parse().unwrap();
            let last = day.pred_opt().unwrap().to_string();
            assert_eq!(unit(s.predecessor).valid_to, Some(last.as_str()), "{what}");
            if s.kind != LineageKind::Merge {
                continue;
            }
            let merged: Vec<&Succession> = UNIT_SUCCESSIONS
                .iter()
                .filter(|m| m.kind == LineageKind::Merge && m.successor == s.successor)
                .collect();
            assert!(merged.len() >= 2, "{what}: a merger of one");
            assert!(merged
                .iter()
                .all(|m| m.effective_on == s.effective_on && m.legal_basis == s.legal_basis));
            let new = unit(s.successor);
            assert_eq!(new.valid_from, Some(s.effective_on), "{what}");
            assert_eq!(new.valid_to, None, "{what}");
            assert_eq!(new.parent, unit(merged[0].predecessor).parent, "{what}");
        }
        assert!(!reorganisation_plays(&merge("HNA-SKHCN", "NB-SKHCN-2025")));
        assert!(!reorganisation_plays(&absorb("HG-STTTT", "CT-SKHCN-2025")));
        assert!(!reorganisation_plays(&absorb("HG-SLDTBXH", "CT-SNV-2025")));
    }

    #[test]
    fn unit_successions_refer_to_known_units() {
        let position = unit_positions();
        check_successions(UNIT_SUCCESSIONS, &position, true, |code| {
            let u = unit(code);
            (u.valid_from, u.valid_to)
        });
        // Every unit created in 2025 has predecessors.
        for u in UNITS
            .iter()
            .filter(|u| u.valid_from == Some(START_2025) && u.parent.is_none())
        {
            assert!(
                UNIT_SUCCESSIONS.iter().any(|s| s.successor == u.code),
                "{}",
                u.code
            );
        }
    }

    #[test]
    fn persons_terms_and_clusters_refer_to_known_codes() {
        let provinces = province_positions();
        let units = unit_positions();
        for p in PERSONS {
            assert!(
                units.contains_key(p.unit),
                "{}: unknown unit {}",
                p.full_name,
                p.unit
            );
            assert!(!p.full_name.trim().is_empty() && !p.title.trim().is_empty());
        }
        for t in TERMS {
            assert!(t.start_year <= t.end_year, "{}", t.name);
            assert!(t.unit.is_none_or(|u| units.contains_key(u)), "{}", t.name);
            assert!(
                t.province.is_none_or(|p| provinces.contains_key(p)),
                "{}",
                t.name
            );
        }
        positions(CLUSTERS.iter().map(|c| c.code));
        for c in CLUSTERS {
            assert!(is_unit_code(c.code), "bad cluster code {}", c.code);
            assert!(
                c.province.is_none_or(|p| provinces.contains_key(p)),
                "{}",
                c.code
            );
            assert!(
                c.organiser_unit.is_none_or(|u| units.contains_key(u)),
                "{}",
                c.code
            );
            if let (Some(organiser), Some(province)) = (c.organiser_unit, c.province) {
                assert_eq!(unit(organiser).province, Some(province), "{}", c.code);
            }
        }
    }

    #[test]
    fn cluster_years_are_consistent() {
        let clusters = positions(CLUSTERS.iter().map(|c| c.code));
        let units = unit_positions();
        let mut years = HashSet::new();
        for y in CLUSTER_YEARS {
            let what = format!("{} {}", y.cluster, y.year);
            assert!(clusters.contains_key(y.cluster), "{what}: unknown cluster");
            assert!(years.insert((y.cluster, y.year)), "{what}: duplicate");
            let cluster = CLUSTERS.iter().find(|c| c.code == y.cluster).unwrap();
            let mut members = HashSet::new();
            for m in y.members {
                assert!(units.contains_key(m), "{what}: unknown member {m}");
                assert!(members.insert(*m), "{what}: duplicate member {m}");
                assert!(
                    active_in(unit(m), y.year),
                    "{what}: {m} does not exist that year"
                );
                if let Some(province) = cluster.province {
                    assert_eq!(
                        unit(m).province,
                        Some(province),
                        "{what}: {m} in another province"
                    );
                }
            }
            for role in [y.head, y.deputy].into_iter().flatten() {
                assert!(
                    members.contains(role),
                    "{what}: {role} leads but is not a member"
                );
            }
            if let (Some(head), Some(deputy)) = (y.head, y.deputy) {
                assert_ne!(head, deputy, "{what}");
            }
        }
    }

    #[test]
    fn cluster_years_match_the_articles() {
        let year = |cluster: &str, year: i32| {
            CLUSTER_YEARS
                .iter()
                .find(|y| y.cluster == cluster && y.year == year)
                .unwrap_or_else(|| panic!("no {cluster} {year}"))
        };
        assert_eq!(year("HNA-CUM-II", 2020).members.len(), 7);
        let cum_2021 = year("HNA-CUM-II", 2021);
        assert_eq!(cum_2021.members.len(), 7);
        assert_eq!(cum_2021.head, Some("HNA-STNMT"));
        assert_eq!(cum_2021.deputy, Some("HNA-SGTVT"));
        let khoi = year("HG-KHOI-KHVHXH", 2022);
        assert_eq!(khoi.members.len(), 8);
        assert_eq!(khoi.head, Some("HG-SKHCN"));
        assert_eq!(khoi.deputy, Some("HG-SLDTBXH"));
        assert_eq!(year("VUSTA-CUM-9", 2024).head, Some("ST-LHH"));
    }

    #[test]
    fn all_text_is_nfc() {
        let mut texts: Vec<&str> = Vec::new();
        for p in PROVINCES {
            texts.push(p.name);
        }
        for s in PROVINCE_SUCCESSIONS.iter().chain(UNIT_SUCCESSIONS) {
            texts.push(s.legal_basis);
        }
        for u in UNITS {
            texts.push(u.name);
            texts.extend(u.short_name);
        }
        for p in PERSONS {
            texts.push(p.full_name);
            texts.push(p.title);
        }
        for t in TERMS {
            texts.push(t.name);
        }
        for c in CLUSTERS {
            texts.push(c.name);
            texts.extend(c.organiser_name);
        }
        for text in texts {
            assert!(!text.trim().is_empty(), "blank text");
            assert_eq!(text, text.trim(), "stray whitespace in {text:?}");
            assert!(!text.contains("  "), "double space in {text:?}");
            assert!(unicode_normalization::is_nfc(text), "{text:?} is not NFC");
        }
    }
}
