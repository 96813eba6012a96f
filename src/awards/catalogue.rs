//! The award catalogue: every emulation title (danh hiệu thi đua) and form of commendation
//! (hình thức khen thưởng) the system knows, in its official order.
//!
//! Sources: the Law on Emulation and Commendation 06/2022/QH15 (Luật Thi đua, khen thưởng, in
//! force 1/1/2024): emulation titles of individuals and collectives (Chapter II), orders
//! (Art. 33), medals (Art. 54), State honorary titles (Art. 59), the Hồ Chí Minh Prize and the
//! State Prize, commemorative medals, certificates of merit and of commendation; and the
//! catalogue section of `shared/DOMAIN.md`, whose codes are part of the public API.
//!
//! Modelling choices:
//! - The law's single titles "Chiến sĩ thi đua bộ, ban, ngành, tỉnh" and "Cờ thi đua của bộ,
//!   ban, ngành, tỉnh", and the "Bằng khen cấp bộ, ban, ngành, tỉnh", are split into a provincial
//!   type (conferred by the province's Chairman) and a ministry-level type (conferred by a minister
//!   or the head of a central body: `Conferrer::Other`, level `National`).
//! - Orders, medals, State honorary titles and the two prizes are conferred by the President of
//!   the State: category `Commendation`, level `National`.
//! - The armed forces' equivalents of the emulation titles ("Chiến sĩ tiên tiến", "Đơn vị tiên
//!   tiến", "Đơn vị quyết thắng") and the titles of households are not part of this catalogue.
//! - Recipient kinds follow the law's "tặng cho cá nhân" / "tặng cho tập thể"; a province or a
//!   city awarded "Tỉnh Anh hùng" / "Thành phố Anh hùng" counts as a collective.

use entity::enums::{AwardCategory, AwardLevel, Conferrer};

/// One award type of the catalogue.
pub struct AwardTypeSpec {
    /// Stable code, part of the public API, e.g. "CHIEN_SI_THI_DUA_TINH".
    pub code: &'static str,
    /// Official Vietnamese name, e.g. "Chiến sĩ thi đua cấp tỉnh".
    pub name: &'static str,
    /// English name, e.g. "Provincial Emulation Fighter".
    pub name_en: &'static str,
    /// Emulation title or form of commendation.
    pub category: AwardCategory,
    /// Grassroots, provincial or national.
    pub level: AwardLevel,
    /// Who confers it.
    pub conferrer: Conferrer,
    /// May be given to individuals (cá nhân).
    pub for_individual: bool,
    /// May be given to collectives (tập thể).
    pub for_collective: bool,
}

use AwardCategory::{Commendation, EmulationTitle};
use AwardLevel::{Grassroots, National, Provincial};
use Conferrer::{Other, President, PrimeMinister, ProvinceChairman, UnitHead};

/// Shorthand for one catalogue entry.
#[allow(clippy::too_many_arguments)]
const fn spec(
    code: &'static str,
    name: &'static str,
    name_en: &'static str,
    category: AwardCategory,
    level: AwardLevel,
    conferrer: Conferrer,
    for_individual: bool,
    for_collective: bool,
) -> AwardTypeSpec {
    AwardTypeSpec {
        code,
        name,
        name_en,
        category,
        level,
        conferrer,
        for_individual,
        for_collective,
    }
}

/// Recipient kinds, for readability of the table below.
const IND: (bool, bool) = (true, false);
const COL: (bool, bool) = (false, true);
const BOTH: (bool, bool) = (true, true);

/// An emulation title.
const fn title(
    code: &'static str,
    name: &'static str,
    name_en: &'static str,
    level: AwardLevel,
    conferrer: Conferrer,
    recipients: (bool, bool),
) -> AwardTypeSpec {
    spec(
        code,
        name,
        name_en,
        EmulationTitle,
        level,
        conferrer,
        recipients.0,
        recipients.1,
    )
}

/// A form of commendation.
const fn commendation(
    code: &'static str,
    name: &'static str,
    name_en: &'static str,
    level: AwardLevel,
    conferrer: Conferrer,
    recipients: (bool, bool),
) -> AwardTypeSpec {
    spec(
        code,
        name,
        name_en,
        Commendation,
        level,
        conferrer,
        recipients.0,
        recipients.1,
    )
}

/// A State award conferred by the President (order, medal, honorary title, prize).
const fn state(
    code: &'static str,
    name: &'static str,
    name_en: &'static str,
    recipients: (bool, bool),
) -> AwardTypeSpec {
    commendation(code, name, name_en, National, President, recipients)
}

/// The catalogue, in its official order.
#[rustfmt::skip]
pub const CATALOGUE: &[AwardTypeSpec] = &[
    // Emulation titles for individuals (danh hiệu thi đua đối với cá nhân).
    title("LAO_DONG_TIEN_TIEN", "Lao động tiên tiến", "Advanced Worker", Grassroots, UnitHead, IND),
    title("CHIEN_SI_THI_DUA_CO_SO", "Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter", Grassroots, UnitHead, IND),
    title("CHIEN_SI_THI_DUA_TINH", "Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Fighter", Provincial, ProvinceChairman, IND),
    title("CHIEN_SI_THI_DUA_BO_NGANH", "Chiến sĩ thi đua cấp bộ, ban, ngành", "Ministerial Emulation Fighter", National, Other, IND),
    title("CHIEN_SI_THI_DUA_TOAN_QUOC", "Chiến sĩ thi đua toàn quốc", "National Emulation Fighter", National, PrimeMinister, IND),
    // Emulation titles for collectives (danh hiệu thi đua đối với tập thể).
    title("TAP_THE_LAO_DONG_TIEN_TIEN", "Tập thể lao động tiên tiến", "Advanced Labour Collective", Grassroots, UnitHead, COL),
    title("TAP_THE_LAO_DONG_XUAT_SAC", "Tập thể lao động xuất sắc", "Excellent Labour Collective", Provincial, ProvinceChairman, COL),
    title("CO_THI_DUA_TINH", "Cờ thi đua cấp tỉnh", "Provincial Emulation Flag", Provincial, ProvinceChairman, COL),
    title("CO_THI_DUA_BO_NGANH", "Cờ thi đua cấp bộ, ban, ngành", "Ministerial Emulation Flag", National, Other, COL),
    title("CO_THI_DUA_CHINH_PHU", "Cờ thi đua của Chính phủ", "Government Emulation Flag", National, PrimeMinister, COL),
    // Certificates of commendation and of merit (giấy khen, bằng khen).
    commendation("GIAY_KHEN", "Giấy khen", "Certificate of Commendation", Grassroots, UnitHead, BOTH),
    commendation("BANG_KHEN_CHU_TICH_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Certificate of Merit of the Provincial Chairman", Provincial, ProvinceChairman, BOTH),
    commendation("BANG_KHEN_BO_NGANH", "Bằng khen cấp bộ, ban, ngành", "Ministerial Certificate of Merit", National, Other, BOTH),
    commendation("BANG_KHEN_THU_TUONG", "Bằng khen của Thủ tướng Chính phủ", "Prime Minister's Certificate of Merit", National, PrimeMinister, BOTH),
    // Orders (huân chương, Law 2022 Art. 33).
    state("HUAN_CHUONG_SAO_VANG", "Huân chương Sao vàng", "Gold Star Order", BOTH),
    state("HUAN_CHUONG_HO_CHI_MINH", "Huân chương Hồ Chí Minh", "Ho Chi Minh Order", BOTH),
    state("HUAN_CHUONG_DOC_LAP_HANG_NHAT", "Huân chương Độc lập hạng Nhất", "Independence Order, First Class", BOTH),
    state("HUAN_CHUONG_DOC_LAP_HANG_NHI", "Huân chương Độc lập hạng Nhì", "Independence Order, Second Class", BOTH),
    state("HUAN_CHUONG_DOC_LAP_HANG_BA", "Huân chương Độc lập hạng Ba", "Independence Order, Third Class", BOTH),
    state("HUAN_CHUONG_QUAN_CONG_HANG_NHAT", "Huân chương Quân công hạng Nhất", "Military Exploit Order, First Class", BOTH),
    state("HUAN_CHUONG_QUAN_CONG_HANG_NHI", "Huân chương Quân công hạng Nhì", "Military Exploit Order, Second Class", BOTH),
    state("HUAN_CHUONG_QUAN_CONG_HANG_BA", "Huân chương Quân công hạng Ba", "Military Exploit Order, Third Class", BOTH),
    state("HUAN_CHUONG_LAO_DONG_HANG_NHAT", "Huân chương Lao động hạng Nhất", "Labour Order, First Class", BOTH),
    state("HUAN_CHUONG_LAO_DONG_HANG_NHI", "Huân chương Lao động hạng Nhì", "Labour Order, Second Class", BOTH),
    state("HUAN_CHUONG_LAO_DONG_HANG_BA", "Huân chương Lao động hạng Ba", "Labour Order, Third Class", BOTH),
    state("HUAN_CHUONG_BAO_VE_TO_QUOC_HANG_NHAT", "Huân chương Bảo vệ Tổ quốc hạng Nhất", "Fatherland Defence Order, First Class", BOTH),
    state("HUAN_CHUONG_BAO_VE_TO_QUOC_HANG_NHI", "Huân chương Bảo vệ Tổ quốc hạng Nhì", "Fatherland Defence Order, Second Class", BOTH),
    state("HUAN_CHUONG_BAO_VE_TO_QUOC_HANG_BA", "Huân chương Bảo vệ Tổ quốc hạng Ba", "Fatherland Defence Order, Third Class", BOTH),
    state("HUAN_CHUONG_CHIEN_CONG_HANG_NHAT", "Huân chương Chiến công hạng Nhất", "Feat of Arms Order, First Class", BOTH),
    state("HUAN_CHUONG_CHIEN_CONG_HANG_NHI", "Huân chương Chiến công hạng Nhì", "Feat of Arms Order, Second Class", BOTH),
    state("HUAN_CHUONG_CHIEN_CONG_HANG_BA", "Huân chương Chiến công hạng Ba", "Feat of Arms Order, Third Class", BOTH),
    state("HUAN_CHUONG_DAI_DOAN_KET_DAN_TOC", "Huân chương Đại đoàn kết dân tộc", "Great National Unity Order", IND),
    state("HUAN_CHUONG_DUNG_CAM", "Huân chương Dũng cảm", "Order of Courage", IND),
    state("HUAN_CHUONG_HUU_NGHI", "Huân chương Hữu nghị", "Friendship Order", BOTH),
    // Medals (huy chương, Law 2022 Art. 54).
    state("HUY_CHUONG_QUAN_KY_QUYET_THANG", "Huy chương Quân kỳ quyết thắng", "Determined-to-Win Army Flag Medal", IND),
    state("HUY_CHUONG_VI_AN_NINH_TO_QUOC", "Huy chương Vì an ninh Tổ quốc", "For the Fatherland's Security Medal", IND),
    state("HUY_CHUONG_CHIEN_SI_VE_VANG_HANG_NHAT", "Huy chương Chiến sĩ vẻ vang hạng Nhất", "Glorious Fighter Medal, First Class", IND),
    state("HUY_CHUONG_CHIEN_SI_VE_VANG_HANG_NHI", "Huy chương Chiến sĩ vẻ vang hạng Nhì", "Glorious Fighter Medal, Second Class", IND),
    state("HUY_CHUONG_CHIEN_SI_VE_VANG_HANG_BA", "Huy chương Chiến sĩ vẻ vang hạng Ba", "Glorious Fighter Medal, Third Class", IND),
    state("HUY_CHUONG_HUU_NGHI", "Huy chương Hữu nghị", "Friendship Medal", IND),
    // State honorary titles (danh hiệu vinh dự nhà nước, Law 2022 Art. 59).
    state("TINH_ANH_HUNG", "Tỉnh Anh hùng", "Heroic Province", COL),
    state("THANH_PHO_ANH_HUNG", "Thành phố Anh hùng", "Heroic City", COL),
    state("BA_ME_VIET_NAM_ANH_HUNG", "Bà mẹ Việt Nam anh hùng", "Heroic Vietnamese Mother", IND),
    state("ANH_HUNG_LUC_LUONG_VU_TRANG_NHAN_DAN", "Anh hùng Lực lượng vũ trang nhân dân", "Hero of the People's Armed Forces", BOTH),
    state("ANH_HUNG_LAO_DONG", "Anh hùng Lao động", "Labour Hero", BOTH),
    state("NHA_GIAO_NHAN_DAN", "Nhà giáo nhân dân", "People's Teacher", IND),
    state("NHA_GIAO_UU_TU", "Nhà giáo ưu tú", "Meritorious Teacher", IND),
    state("THAY_THUOC_NHAN_DAN", "Thầy thuốc nhân dân", "People's Physician", IND),
    state("THAY_THUOC_UU_TU", "Thầy thuốc ưu tú", "Meritorious Physician", IND),
    state("NGHE_SI_NHAN_DAN", "Nghệ sĩ nhân dân", "People's Artist", IND),
    state("NGHE_SI_UU_TU", "Nghệ sĩ ưu tú", "Meritorious Artist", IND),
    state("NGHE_NHAN_NHAN_DAN", "Nghệ nhân nhân dân", "People's Artisan", IND),
    state("NGHE_NHAN_UU_TU", "Nghệ nhân ưu tú", "Meritorious Artisan", IND),
    // Prizes (giải thưởng), given to the authors of works.
    state("GIAI_THUONG_HO_CHI_MINH", "Giải thưởng Hồ Chí Minh", "Ho Chi Minh Prize", IND),
    state("GIAI_THUONG_NHA_NUOC", "Giải thưởng Nhà nước", "State Prize", IND),
    // Commemorative medal of a ministry, sector or central body (kỷ niệm chương).
    commendation("KY_NIEM_CHUONG", "Kỷ niệm chương", "Commemorative Medal", National, Other, IND),
];

/// The catalogue entry with this code, if any.
pub fn find(code: &str) -> Option<&'static AwardTypeSpec> {
    CATALOGUE.iter().find(|spec| spec.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every code `shared/DOMAIN.md` names.
    const DOMAIN_CODES: &[&str] = &[
        "LAO_DONG_TIEN_TIEN",
        "CHIEN_SI_THI_DUA_CO_SO",
        "CHIEN_SI_THI_DUA_TINH",
        "CHIEN_SI_THI_DUA_TOAN_QUOC",
        "TAP_THE_LAO_DONG_TIEN_TIEN",
        "TAP_THE_LAO_DONG_XUAT_SAC",
        "CO_THI_DUA_TINH",
        "CO_THI_DUA_CHINH_PHU",
        "GIAY_KHEN",
        "BANG_KHEN_CHU_TICH_TINH",
        "BANG_KHEN_THU_TUONG",
        "HUAN_CHUONG_LAO_DONG_HANG_NHAT",
        "HUAN_CHUONG_LAO_DONG_HANG_NHI",
        "HUAN_CHUONG_LAO_DONG_HANG_BA",
        "KY_NIEM_CHUONG",
    ];

    fn is_code(code: &str) -> bool {
        let mut chars = code.chars();
        matches!(chars.next(), Some('A'..='Z'))
            && chars.all(|c| matches!(c, 'A'..='Z' | '0'..='9' | '_'))
    }

    #[test]
    fn every_domain_code_is_present() {
        for code in DOMAIN_CODES {
            assert!(find(code).is_some(), "missing {code}");
        }
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for spec in CATALOGUE {
            assert!(is_code(spec.code), "bad code {}", spec.code);
            assert!(spec.code.len() <= 64, "code too long: {}", spec.code);
            assert!(seen.insert(spec.code), "duplicate code {}", spec.code);
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names = HashSet::new();
        let mut names_en = HashSet::new();
        for spec in CATALOGUE {
            assert!(names.insert(spec.name), "duplicate name {}", spec.name);
            assert!(
                names_en.insert(spec.name_en),
                "duplicate English name {}",
                spec.name_en
            );
        }
    }

    #[test]
    fn every_spec_has_a_recipient_kind() {
        for spec in CATALOGUE {
            assert!(
                spec.for_individual || spec.for_collective,
                "{} has no recipient",
                spec.code
            );
        }
    }

    #[test]
    fn names_are_nfc_and_not_blank() {
        for spec in CATALOGUE {
            for text in [spec.name, spec.name_en] {
                assert!(!text.trim().is_empty(), "{} has a blank name", spec.code);
                assert_eq!(text, text.trim(), "{}: stray whitespace", spec.code);
                assert!(
                    unicode_normalization::is_nfc(text),
                    "{}: {text:?} is not NFC",
                    spec.code
                );
            }
            assert!(
                spec.name_en.is_ascii(),
                "{}: English name not ASCII",
                spec.code
            );
        }
    }

    #[test]
    fn conferrer_matches_level() {
        for spec in CATALOGUE {
            let ok = match spec.conferrer {
                UnitHead => spec.level == Grassroots,
                ProvinceChairman => spec.level == Provincial,
                PrimeMinister | President | Other => spec.level == National,
            };
            assert!(ok, "{}: conferrer and level disagree", spec.code);
            if spec.conferrer == President {
                assert_eq!(spec.category, Commendation, "{}", spec.code);
            }
        }
    }

    #[test]
    fn emulation_titles_come_first() {
        let first_commendation = CATALOGUE
            .iter()
            .position(|s| s.category == Commendation)
            .expect("commendations");
        assert!(CATALOGUE[..first_commendation]
            .iter()
            .all(|s| s.category == EmulationTitle));
        assert!(CATALOGUE[first_commendation..]
            .iter()
            .all(|s| s.category == Commendation));
        // Individuals' titles before collectives' titles.
        let titles = &CATALOGUE[..first_commendation];
        let first_collective = titles
            .iter()
            .position(|s| s.for_collective)
            .expect("collective titles");
        assert!(titles[..first_collective]
            .iter()
            .all(|s| s.for_individual && !s.for_collective));
        assert!(titles[first_collective..]
            .iter()
            .all(|s| s.for_collective && !s.for_individual));
    }

    #[test]
    fn recipient_kinds_of_known_types() {
        let kinds = |code: &str| {
            let spec = find(code).unwrap();
            (spec.for_individual, spec.for_collective)
        };
        assert_eq!(kinds("HUAN_CHUONG_LAO_DONG_HANG_BA"), BOTH);
        assert_eq!(kinds("CO_THI_DUA_TINH"), COL);
        assert_eq!(kinds("CO_THI_DUA_CHINH_PHU"), COL);
        assert_eq!(kinds("CHIEN_SI_THI_DUA_CO_SO"), IND);
        assert_eq!(kinds("CHIEN_SI_THI_DUA_TOAN_QUOC"), IND);
        assert_eq!(kinds("BA_ME_VIET_NAM_ANH_HUNG"), IND);
        assert_eq!(kinds("ANH_HUNG_LAO_DONG"), BOTH);
        assert_eq!(kinds("HUAN_CHUONG_HUU_NGHI"), BOTH);
        assert_eq!(kinds("GIAY_KHEN"), BOTH);
        assert!(find("NO_SUCH_AWARD").is_none());
    }
}
