//! The category of an award's recipient, as the statutory forms count it (đối tượng khen
//! thưởng of biểu 0602.N and 0603.N/BNV-TĐKT): for a person, the level of leadership their
//! title shows, an entrepreneur, or one who works directly; for a unit, a collective, an
//! enterprise or a household.
//!
//! An award records its recipient's category on the day it is conferred. Given explicitly
//! (`recordAward`, the import's `Đối tượng` column) it is kept as given; otherwise it is read
//! from the person's title by [`of_title`]: a default for the forms, which the board corrects
//! by giving it.

use entity::enums::{RecipientCategory, UnitKind};

use super::eligibility::Recipient;

/// The category of `recipient` as it is now.
pub fn of(recipient: &Recipient) -> RecipientCategory {
    match recipient {
        Recipient::Person(p) => of_title(p.title.as_deref()),
        Recipient::Unit(u) => of_unit_kind(u.kind),
    }
}

/// The category of a unit of kind `kind`.
pub fn of_unit_kind(kind: UnitKind) -> RecipientCategory {
    match kind {
        UnitKind::Enterprise => RecipientCategory::Enterprise,
        UnitKind::Household => RecipientCategory::Household,
        _ => RecipientCategory::Collective,
    }
}

/// Titles of ministers and of a province's leaders (folded, see [`crate::text::search_key`]).
const SENIOR: [&str; 10] = [
    "bo truong",
    "thu truong",
    "tinh uy",
    "thanh uy",
    "chu tich uy ban nhan dan tinh",
    "chu tich ubnd tinh",
    "chu tich hoi dong nhan dan tinh",
    "chu tich hdnd tinh",
    "chu tich uy ban nhan dan thanh pho",
    "chu tich ubnd thanh pho",
];

/// Titles of entrepreneurs.
const ENTREPRENEUR: [&str; 6] = [
    "doanh nhan",
    "giam doc cong ty",
    "tong giam doc",
    "chu doanh nghiep",
    "chu tich hoi dong quan tri",
    "chu tich hdqt",
];

/// Titles of the leaders of a department, an agency or an association of the province.
const DEPARTMENT: [&str; 10] = [
    "giam doc so",
    "vu truong",
    "cuc truong",
    "truong ban",
    "chanh van phong",
    "chanh thanh tra",
    "chu tich hoi",
    "chu tich lien hiep",
    "chu tich lien doan",
    "giam doc dai",
];

/// Titles of the other leaders, from deputy head of a division up.
const OTHER_LEADER: [&str; 11] = [
    "truong phong",
    "pho phong",
    "hieu truong",
    "truong khoa",
    "giam doc",
    "chu tich",
    "bi thu",
    "truong tram",
    "doi truong",
    "to truong",
    "chanh an",
];

/// The category a person's title shows. Matched on the folded title, most senior first; a
/// deputy (phó) counts with the office they deputise. Folded, "viện trưởng" and "giáo viên
/// trường" read alike, so heads of institutes are left to be given. No title, or none of these, is one who
/// works directly.
pub fn of_title(title: Option<&str>) -> RecipientCategory {
    let Some(title) = title else {
        return RecipientCategory::DirectWorker;
    };
    let folded = crate::text::search_key(title);
    let has = |words: &[&str]| words.iter().any(|w| folded.contains(w));
    if has(&SENIOR) {
        RecipientCategory::SeniorLeader
    } else if has(&ENTREPRENEUR) {
        RecipientCategory::Entrepreneur
    } else if has(&DEPARTMENT) {
        RecipientCategory::DepartmentLeader
    } else if has(&OTHER_LEADER) {
        RecipientCategory::OtherLeader
    } else {
        RecipientCategory::DirectWorker
    }
}

/// The category of an award: the one it recorded, or else its recipient's as they are now.
pub fn of_award(
    recorded: Option<RecipientCategory>,
    person_title: Option<Option<&str>>,
    unit_kind: Option<UnitKind>,
) -> RecipientCategory {
    match (recorded, person_title, unit_kind) {
        (Some(category), _, _) => category,
        (None, Some(title), _) => of_title(title),
        (None, None, Some(kind)) => of_unit_kind(kind),
        (None, None, None) => RecipientCategory::Collective,
    }
}

/// Reads a category from a spreadsheet cell: its code (`DIRECT_WORKER`) or its Vietnamese
/// words, with or without diacritics.
pub fn parse(text: &str) -> Option<RecipientCategory> {
    use sea_orm::ActiveEnum;
    let upper = text.trim().to_uppercase().replace([' ', '-'], "_");
    if let Ok(category) = RecipientCategory::try_from_value(&upper) {
        return Some(category);
    }
    let folded = crate::text::search_key(text);
    let category = match folded.as_str() {
        "lanh dao cap bo" | "lanh dao cap tinh" | "lanh dao cap bo, cap tinh" => {
            RecipientCategory::SeniorLeader
        }
        "lanh dao cap vu" | "lanh dao cap so" | "lanh dao cap vu, so, nganh" => {
            RecipientCategory::DepartmentLeader
        }
        "doanh nhan" => RecipientCategory::Entrepreneur,
        "lanh dao khac" | "lanh dao cap phong" | "cac cap lanh dao khac" => {
            RecipientCategory::OtherLeader
        }
        "truc tiep" | "nguoi truc tiep" | "cong nhan" | "nong dan" | "nguoi lao dong" => {
            RecipientCategory::DirectWorker
        }
        "tap the" => RecipientCategory::Collective,
        "doanh nghiep" => RecipientCategory::Enterprise,
        "ho gia dinh" | "ho" => RecipientCategory::Household,
        _ => return None,
    };
    Some(category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecipientCategory::*;

    #[test]
    fn titles_read_as_the_forms_count_them() {
        let cases = [
            (Some("Chủ tịch UBND tỉnh"), SeniorLeader),
            (Some("Phó Bí thư Tỉnh ủy"), SeniorLeader),
            (Some("Thứ trưởng"), SeniorLeader),
            (Some("Giám đốc Sở Nội vụ"), DepartmentLeader),
            (
                Some("Phó Giám đốc Sở Khoa học và Công nghệ"),
                DepartmentLeader,
            ),
            (Some("Chủ tịch Hội Nông dân tỉnh"), DepartmentLeader),
            (Some("Tổng Giám đốc Công ty cổ phần Sông Đà"), Entrepreneur),
            (Some("Phó Trưởng phòng Tổ chức"), OtherLeader),
            (Some("Hiệu trưởng Trường THPT Đông Hà"), OtherLeader),
            (Some("Giáo viên Trường THPT Đông Hà"), DirectWorker),
            (Some("Chuyên viên"), DirectWorker),
            (None, DirectWorker),
        ];
        for (title, expected) in cases {
            assert_eq!(of_title(title), expected, "{title:?}");
        }
    }

    #[test]
    fn cells_name_a_category_by_code_or_words() {
        assert_eq!(parse("DIRECT_WORKER"), Some(DirectWorker));
        assert_eq!(parse("Hộ gia đình"), Some(Household));
        assert_eq!(parse("doanh nghiep"), Some(Enterprise));
        assert_eq!(parse("Lãnh đạo cấp sở"), Some(DepartmentLeader));
        assert_eq!(parse("người ngoài hành tinh"), None);
    }
}
