//! Firefox's CORS console messages in other languages. Firefox writes them in its own language
//! (`security.properties`, translated), so a German Firefox says "Quellübergreifende
//! (Cross-Origin) Anfrage blockiert: … (Grund: CORS-Kopfzeile 'Access-Control-Allow-Origin'
//! fehlt). Statuscode: 403." The CORS lines of the translations are kept as Mozilla's
//! localizers wrote them (`firefox_l10n/<lang>.properties`, from mozilla-l10n/firefox-l10n,
//! `<lang>/dom/chrome/security/security.properties`); each line is a whole message, `%1$S` the
//! URL, `%2$S` the status code or the key's parameter. Header names are never translated.

use super::FirefoxKey;

/// A language: its messages, and words every CORS message of it contains (a quick test
/// before the templates are tried).
struct Locale {
    lang: &'static str,
    markers: [&'static str; 2],
    messages: &'static str,
}

const LOCALES: [Locale; 4] = [
    Locale {
        lang: "de",
        markers: ["(Cross-Origin) Anfrage", "Gleiche-Quelle-Regel"],
        messages: include_str!("firefox_l10n/de.properties"),
    },
    Locale {
        lang: "fr",
        markers: ["multiorigine", "Same Origin"],
        messages: include_str!("firefox_l10n/fr.properties"),
    },
    Locale {
        lang: "ru",
        markers: ["из постороннего источника", "Политика одного источника"],
        messages: include_str!("firefox_l10n/ru.properties"),
    },
    Locale {
        lang: "pt-BR",
        markers: ["cross-origin", "mesma origem"],
        messages: include_str!("firefox_l10n/pt-BR.properties"),
    },
];

/// A translated Firefox CORS message read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Localized {
    /// Where the message starts in the line (a byte offset).
    pub start: usize,
    pub key: FirefoxKey,
    pub url: String,
    /// The key's parameter (the origin, header or token it names).
    pub param: Option<String>,
    /// "Statuscode: 403." (absent, or not a number: "(null)").
    pub status: Option<u16>,
    pub lang: &'static str,
}

/// One character for another, so that offsets in characters stay the same: the quotes and
/// spaces a translation, a console or a copy may each write their own way.
fn norm_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '`' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        c => c,
    }
}

fn norm(s: &str) -> String {
    s.chars().map(norm_char).collect()
}

/// Does `t` hold words of a translated Firefox CORS message?
pub fn mentions(t: &str) -> bool {
    LOCALES
        .iter()
        .any(|l| l.markers.iter().all(|m| t.contains(m)))
}

/// The translated Firefox CORS message in `line`, if there is one.
pub fn parse(line: &str) -> Option<Localized> {
    let locale = LOCALES
        .iter()
        .find(|l| l.markers.iter().all(|m| line.contains(m)))?;
    let text = norm(line);
    for entry in locale.messages.lines() {
        let Some((name, template)) = entry.split_once('=') else {
            continue;
        };
        let Some(key) = FirefoxKey::from_name(name.trim()) else {
            continue;
        };
        if let Some((start_chars, values)) = match_message(&norm(template.trim()), &text) {
            let start = line
                .char_indices()
                .nth(start_chars)
                .map_or(line.len(), |(i, _)| i);
            let url = values.first().cloned().unwrap_or_default();
            let second = values.get(1).cloned();
            let (param, status) = if key.has_status() {
                (None, second.and_then(|s| s.trim().parse::<u16>().ok()))
            } else {
                (second, None)
            };
            return Some(Localized {
                start,
                key,
                url,
                param,
                status,
                lang: locale.lang,
            });
        }
    }
    None
}

/// Match a template's literal parts in order, each placeholder taking the text up to the next
/// literal's first occurrence (the last one, when the template ends with it, the rest of the
/// line). The message's start in characters and the placeholders' values.
fn match_message(template: &str, text: &str) -> Option<(usize, Vec<String>)> {
    let mut literals: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some((i, p)) = ["%1$S", "%2$S"]
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, p)))
        .min()
    {
        literals.push(&rest[..i]);
        rest = &rest[i + p.len()..];
    }
    literals.push(rest);
    let first = literals.first()?;
    if first.is_empty() {
        return None;
    }
    let start = text.find(first)?;
    let mut pos = start + first.len();
    let mut values = Vec::new();
    for (k, lit) in literals.iter().enumerate().skip(1) {
        let last = k == literals.len() - 1;
        let end = if lit.is_empty() {
            if last {
                text.len()
            } else {
                return None;
            }
        } else {
            pos + text.get(pos..)?.find(lit)?
        };
        values.push(text.get(pos..end)?.trim().to_string());
        pos = end + lit.len();
    }
    Some((text.get(..start)?.chars().count(), values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_names_a_known_key_and_has_the_url() {
        for l in &LOCALES {
            let mut n = 0;
            for entry in l.messages.lines() {
                let (name, template) = entry.split_once('=').expect(entry);
                assert!(
                    FirefoxKey::from_name(name.trim()).is_some(),
                    "{}: {name}",
                    l.lang
                );
                assert!(template.contains("%1$S"), "{}: {name}", l.lang);
                assert!(
                    l.markers.iter().all(|m| template.contains(m)),
                    "{}: {name} lacks a marker",
                    l.lang
                );
                n += 1;
            }
            assert!(n >= 15, "{}: {n} messages", l.lang);
        }
    }

    #[test]
    fn each_message_is_read_back_from_itself() {
        for l in &LOCALES {
            for entry in l.messages.lines() {
                let (name, template) = entry.split_once('=').unwrap();
                let key = FirefoxKey::from_name(name.trim()).unwrap();
                let second = if key.has_status() { "502" } else { "X-Token" };
                let line = format!(
                    "12:00:01.250 {}",
                    template
                        .trim()
                        .replace("%1$S", "https://api.example.com/v1?a=1")
                        .replace("%2$S", second)
                );
                let got = parse(&line).unwrap_or_else(|| panic!("{}: {name}", l.lang));
                assert_eq!(got.key, key, "{}: {line}", l.lang);
                assert_eq!(
                    got.url, "https://api.example.com/v1?a=1",
                    "{}: {name}",
                    l.lang
                );
                assert_eq!(got.start, "12:00:01.250 ".len());
                if key.has_status() {
                    assert_eq!(got.status, Some(502), "{}: {name}", l.lang);
                } else if template.contains("%2$S") {
                    assert_eq!(got.param.as_deref(), Some("X-Token"), "{}: {name}", l.lang);
                }
            }
        }
    }
}
