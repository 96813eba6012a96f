//! The language of messages: Vietnamese or English, as the request's `Accept-Language`
//! asks (Vietnamese when it names neither: the officers who read them are Vietnamese).
//! Codes never change with the language; only `message` does.
//!
//! A message is a [`Text`], written once in both languages where it is raised
//! ([`tr!`](crate::tr)); it is rendered when it leaves the server, in the language of the
//! request being served ([`scope`], [`current`]).

use std::{borrow::Cow, future::Future};

/// A language messages are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The language an `Accept-Language` header prefers among ours (RFC 9110 weights);
    /// Vietnamese when it names neither, or is absent or malformed.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::default();
        };
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = match tag.split('-').next().unwrap_or("") {
                "vi" => Lang::Vi,
                "en" => Lang::En,
                _ => continue,
            };
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, lang));
            }
        }
        best.map_or(Lang::default(), |(_, lang)| lang)
    }

    /// The `Content-Language` value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

tokio::task_local! {
    static LANG: Lang;
}

/// Runs `future` with `lang` as the language of every message rendered in it.
pub async fn scope<F: Future>(lang: Lang, future: F) -> F::Output {
    LANG.scope(lang, future).await
}

/// The language of the request being served (Vietnamese outside any).
pub fn current() -> Lang {
    LANG.try_with(|lang| *lang).unwrap_or_default()
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    en: Cow<'static, str>,
    vi: Option<Cow<'static, str>>,
}

impl Text {
    /// A message written in English and Vietnamese.
    pub fn new(en: impl Into<Cow<'static, str>>, vi: impl Into<Cow<'static, str>>) -> Text {
        Text {
            en: en.into(),
            vi: Some(vi.into()),
        }
    }

    /// The message in `lang` (a message written in English only stays English).
    pub fn render(&self, lang: Lang) -> &str {
        match (lang, &self.vi) {
            (Lang::Vi, Some(vi)) => vi,
            _ => &self.en,
        }
    }

    /// The message in the current request's language.
    pub fn localized(&self) -> &str {
        self.render(current())
    }

    /// Whether the message has its Vietnamese.
    pub fn is_translated(&self) -> bool {
        self.vi.is_some()
    }
}

/// A message in English only: what libraries and the transport say.
impl From<&'static str> for Text {
    fn from(en: &'static str) -> Text {
        Text {
            en: Cow::Borrowed(en),
            vi: None,
        }
    }
}

impl From<String> for Text {
    fn from(en: String) -> Text {
        Text {
            en: Cow::Owned(en),
            vi: None,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.localized())
    }
}

/// A message in English and Vietnamese: `tr!("No unit has code {code}.", "Không có đơn vị
/// mã {code}.")`, both formatted with the variables in scope.
#[macro_export]
macro_rules! tr {
    ($en:literal, $vi:literal $(,)?) => {
        $crate::i18n::Text::new(format!($en), format!($vi))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_of_ours() {
        assert_eq!(Lang::from_accept_language(None), Lang::Vi);
        assert_eq!(Lang::from_accept_language(Some("en")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::from_accept_language(Some("vi-VN,vi;q=0.9,en;q=0.8")),
            Lang::Vi
        );
        assert_eq!(Lang::from_accept_language(Some("fr, en;q=0.5")), Lang::En);
        assert_eq!(
            Lang::from_accept_language(Some("en;q=0.3, vi;q=0.7")),
            Lang::Vi
        );
        assert_eq!(Lang::from_accept_language(Some("fr, de")), Lang::Vi);
        assert_eq!(Lang::from_accept_language(Some("en;q=0")), Lang::Vi);
        assert_eq!(Lang::from_accept_language(Some(";;,,q=")), Lang::Vi);
    }

    #[tokio::test]
    async fn a_text_renders_in_the_language_of_its_scope() {
        let code = "HNA-X";
        let text = crate::tr!("No unit has code {code}.", "Không có đơn vị mã {code}.");
        assert_eq!(
            scope(Lang::En, async { text.to_string() }).await,
            "No unit has code HNA-X."
        );
        assert_eq!(
            scope(Lang::Vi, async { text.to_string() }).await,
            "Không có đơn vị mã HNA-X."
        );
        assert_eq!(
            text.to_string(),
            "Không có đơn vị mã HNA-X.",
            "Vietnamese outside a request"
        );
        let plain = Text::from("plain");
        assert_eq!(scope(Lang::Vi, async { plain.to_string() }).await, "plain");
        assert!(!plain.is_translated());
    }
}
