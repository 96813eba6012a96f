//! Text as the domain stores and searches it.
//!
//! Every name enters the database in Unicode NFC, whatever form the client sent
//! (Vietnamese keyboards and copy-paste from PDFs often produce NFD). Search compares a
//! folded form kept beside each name: lower case, no diacritics, `đ` as `d`, single spaces,
//! so that "so khoa hoc", "SỞ KHOA HỌC" and the NFD form all find "Sở Khoa học và Công nghệ".

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The NFC form of `text`, trimmed.
pub fn nfc(text: &str) -> String {
    text.trim().nfc().collect()
}

/// The folded form used for diacritic- and case-insensitive search.
pub fn search_key(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut last_was_space = true;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_was_space {
                folded.push(' ');
            }
            last_was_space = true;
            continue;
        }
        folded.extend(c.to_lowercase());
        last_was_space = false;
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// A `LIKE` pattern that finds `query` anywhere in a search key. `%`, `_` and `\` in the
/// query match themselves (the caller's statement uses `ESCAPE '\'`).
pub fn contains_pattern(query: &str) -> String {
    let key = search_key(query);
    let mut pattern = String::with_capacity(key.len() + 2);
    pattern.push('%');
    for c in key.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: &str = "Sở Khoa học và Công nghệ";

    #[test]
    fn nfd_input_is_stored_as_nfc() {
        let nfd: String = NAME.nfd().collect();
        assert_ne!(nfd, NAME);
        assert_eq!(nfc(&nfd), NAME);
    }

    #[test]
    fn search_key_ignores_case_and_diacritics() {
        let expected = "so khoa hoc va cong nghe";
        assert_eq!(search_key(NAME), expected);
        assert_eq!(search_key("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), expected);
        assert_eq!(search_key(&NAME.nfd().collect::<String>()), expected);
        assert_eq!(search_key("  Sở   Khoa học\tvà Công nghệ "), expected);
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(search_key("Đồng Tháp"), "dong thap");
        assert_eq!(search_key("Đài Phát thanh"), "dai phat thanh");
    }

    #[test]
    fn like_wildcards_in_queries_are_escaped() {
        assert_eq!(contains_pattern("50%_x"), "%50\\%\\_x%");
        assert_eq!(contains_pattern("Sở KH"), "%so kh%");
    }
}
