//! Firefox's CORS console messages in other languages. Firefox writes them in its own language
//! (`security.properties`, translated), so a German Firefox says "Quellübergreifende
//! (Cross-Origin) Anfrage blockiert: … (Grund: CORS-Kopfzeile 'Access-Control-Allow-Origin'
//! fehlt). Statuscode: 403." The CORS lines of the translations are kept as Mozilla's
//! localizers wrote them (`firefox_l10n/<lang>.properties`, taken from the language packs of
//! Firefox 153 ESR that Debian ships as firefox-esr-l10n-<lang>; a language may add the wording
//! of older versions below); each line is a whole message, `%1$S` the URL, `%2$S` the status
//! code or the key's parameter. Header names are never translated. The browser test
//! `firefox-l10n.test.mjs` runs Firefox in these languages and reads back what it prints.

use super::FirefoxKey;

/// A language and its messages.
struct Locale {
    lang: &'static str,
    messages: &'static str,
}

macro_rules! locales {
    ($($lang:literal),* $(,)?) => {
        [$(Locale { lang: $lang, messages: include_str!(concat!("firefox_l10n/", $lang, ".properties")) }),*]
    };
}

/// 21 of the languages Firefox ships in, picked for how widely they are spoken and used on
/// the web (not from Mozilla's user counts), each named as its language pack names it.
const LOCALES: [Locale; 21] = locales![
    "de", "fr", "es-ES", "es-MX", "es-AR", "ru", "pl", "pt-BR", "it", "ja", "zh-CN", "zh-TW", "nl",
    "uk", "tr", "cs", "hu", "id", "ko", "sv-SE", "vi",
];

/// What a message says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Msg {
    /// A CORS message (`%1$S` the URL, `%2$S` the status or the key's parameter).
    Cors(FirefoxKey),
    /// `CSPGenericViolation`: `%1$S` the violated directive, `%2$S` the URL, `%3$S` the
    /// directive's name. Firefox puts "Content-Security-Policy" and a separator before it
    /// (`CSPMessagePrefix`: ": " in most languages, " : " in French, "：" in Chinese).
    Csp,
    /// `BlockMixedActiveContent`: `%1$S` the URL.
    Mixed,
}

impl Msg {
    fn from_name(name: &str) -> Option<Msg> {
        match name {
            "CSPGenericViolation" => Some(Msg::Csp),
            "BlockMixedActiveContent" => Some(Msg::Mixed),
            _ => FirefoxKey::from_name(name).map(Msg::Cors),
        }
    }

    /// The placeholder the URL takes.
    fn url_slot(self) -> usize {
        match self {
            Msg::Csp => 2,
            _ => 1,
        }
    }
}

/// The messages of a locale: (what it says, template), comments and unknown keys skipped.
fn entries(l: &Locale) -> impl Iterator<Item = (Msg, &'static str)> {
    l.messages.lines().filter_map(|entry| {
        if entry.starts_with('#') {
            return None;
        }
        let (name, template) = entry.split_once('=')?;
        Some((Msg::from_name(name.trim())?, template.trim()))
    })
}

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
/// spaces a translation, a console or a copy may each write their own way (a quote is a
/// quote: «…» retyped as '…' or "…" still reads).
fn norm_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '`' | '“' | '”' | '„' | '«' | '»' | '"' => '\'',
        '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
        c => c,
    }
}

fn norm(s: &str) -> String {
    s.chars().map(norm_char).collect()
}

/// A template as Firefox prints it: `.properties` escapes (`\u0020`) decoded, then
/// normalised like the line it is matched with.
fn template_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6).unwrap_or("");
        match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            Some(c) if hex.len() == 4 => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            _ => {
                out.push('\\');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    norm(out.trim())
}

/// One message of one language, ready to match: its template as Firefox prints it and the
/// words right before its URL (an index in [`Prepared::leads`]).
struct Template {
    lang: &'static str,
    msg: Msg,
    text: String,
    lead: usize,
}

/// Every language's templates, and the distinct words they start with (most messages of a
/// language share them), prepared once.
struct Prepared {
    templates: Vec<Template>,
    leads: Vec<String>,
    /// The last four characters of each lead (a quick test before the leads are compared).
    endings: std::collections::HashSet<String>,
}

fn prepared() -> &'static Prepared {
    static ALL: std::sync::OnceLock<Prepared> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut p = Prepared {
            templates: Vec::new(),
            leads: Vec::new(),
            endings: std::collections::HashSet::new(),
        };
        for l in &LOCALES {
            for (msg, raw) in entries(l) {
                let text = template_text(raw);
                let Some(i) = text.find(PLACEHOLDERS[msg.url_slot() - 1]) else {
                    continue;
                };
                // The words between the placeholder before the URL (if any) and the URL.
                let before = &text[..i];
                let from = PLACEHOLDERS
                    .iter()
                    .filter_map(|p| before.rfind(p).map(|j| j + p.len()))
                    .max()
                    .unwrap_or(0);
                let lead = lead_key(&before[from..]).trim_start();
                if lead.is_empty() {
                    continue;
                }
                let lead = match p.leads.iter().position(|x| x == lead) {
                    Some(n) => n,
                    None => {
                        p.endings.insert(ending(lead).to_string());
                        p.leads.push(lead.to_string());
                        p.leads.len() - 1
                    }
                };
                p.templates.push(Template {
                    lang: l.lang,
                    msg,
                    text,
                    lead,
                });
            }
        }
        p
    })
}

/// Where message openings stand in `line` (byte ranges, by start): each language's words
/// that open a CORS message before its URL ("已拦截跨源请求：同源策略禁止读取位于 …"), at
/// least a dozen characters of them. Openings that do not overlap are separate messages a
/// copy ran together.
pub fn message_starts(line: &str) -> Vec<(usize, usize)> {
    static OPENINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let openings = OPENINGS.get_or_init(|| {
        let p = prepared();
        let mut v: Vec<String> = p
            .templates
            .iter()
            .filter(|t| matches!(t.msg, Msg::Cors(_)))
            .filter_map(|t| {
                let lead = &p.leads[t.lead];
                t.text
                    .starts_with(lead.as_str())
                    .then(|| lead.clone())
                    .filter(|l| l.chars().count() >= 12)
            })
            .collect();
        v.sort();
        v.dedup();
        v
    });
    let text = norm(line);
    // `norm` maps one character to one: its byte offsets map back through char indices.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    // An ASCII line holds only the openings written in ASCII.
    let ascii = line.is_ascii();
    for o in openings.iter().filter(|o| !ascii || o.is_ascii()) {
        for (i, _) in text.match_indices(o.as_str()) {
            let nth = text[..i].chars().count();
            let chars = o.chars().count();
            let mut at = line.char_indices().skip(nth);
            if let Some((b, _)) = at.next() {
                let end = at
                    .nth(chars.saturating_sub(2))
                    .map_or(line.len(), |(e, _)| e);
                starts.push((b, end));
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// A template's placeholders, in their number's order.
const PLACEHOLDERS: [&str; 3] = ["%1$S", "%2$S", "%3$S"];

/// How many characters of a lead's end [`Prepared::endings`] keeps.
const ENDING: usize = 4;

/// The last [`ENDING`] characters of `s` (all of it when shorter).
fn ending(s: &str) -> &str {
    let start = s.char_indices().rev().nth(ENDING - 1).map_or(0, |(j, _)| j);
    &s[start..]
}

/// A lead as compared: without the spaces and quotes between it and the URL.
fn lead_key(s: &str) -> &str {
    s.trim_end_matches([' ', '"', '\''])
}

/// Which leads stand right before a URL in `t` (an index in [`Prepared::leads`] each): a
/// message's words before the URL are its lead, so only the text before each `scheme://` is
/// compared, never the whole text with every lead (a big paste stays one pass).
fn leads_before_urls(t: &str) -> Vec<bool> {
    let p = prepared();
    let mut present = vec![false; p.leads.len()];
    let longest = p.leads.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut from = 0;
    while let Some(i) = t.get(from..).and_then(|r| r.find("://")).map(|i| from + i) {
        from = i + 3;
        // Back over the scheme.
        let scheme_start = t[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            .last()
            .map_or(i, |(j, _)| j);
        let before = &t[..scheme_start];
        // A quick look first: the last characters before the URL (past spaces and quotes)
        // must end some lead.
        let near = before
            .char_indices()
            .rev()
            .nth(ENDING + 4)
            .map_or(0, |(j, _)| j);
        let near = norm(&before[near..]);
        let near = lead_key(&near);
        // A lead shorter than ENDING characters is its own ending: try the shorter ends too.
        let found = near
            .char_indices()
            .rev()
            .take(ENDING)
            .any(|(j, _)| p.endings.contains(&near[j..]));
        if !found {
            continue;
        }
        // The words before it, as many characters as the longest lead (plus the quotes and
        // spaces a message puts before its URL), normalised.
        let start = before
            .char_indices()
            .rev()
            .nth(longest + 4)
            .map_or(0, |(j, _)| j);
        let tail = norm(&before[start..]);
        let tail = lead_key(&tail);
        for (n, lead) in p.leads.iter().enumerate() {
            if tail.ends_with(lead.as_str()) {
                present[n] = true;
            }
        }
    }
    present
}

/// Does `t` hold the start of a translated Firefox CORS message?
pub fn mentions(t: &str) -> bool {
    language_of(t).is_some()
}

/// The language of the translated Firefox CORS message `t` starts, if it holds one (the first
/// language with those words, when several share them).
pub fn language_of(t: &str) -> Option<&'static str> {
    let present = leads_before_urls(t);
    let lead = present.iter().position(|&x| x)?;
    prepared()
        .templates
        .iter()
        .find(|x| x.lead == lead)
        .map(|x| x.lang)
}

/// The translated Firefox CORS message in `line`, if there is one.
pub fn parse(line: &str) -> Option<Localized> {
    let present = leads_before_urls(line);
    if !present.contains(&true) {
        return None;
    }
    let text = norm(line);
    let p = prepared();
    // Older Firefox versions ended their messages before the status ("… fehlt)." with no
    // "Statuscode: N."): when no whole message matches, the templates cut there.
    let whole = p.templates.iter().map(|t| (t, t.text.as_str()));
    let cut = p.templates.iter().filter_map(|t| match t.msg {
        Msg::Cors(key) if key.has_status() => Some((t, without_status(&t.text)?)),
        _ => None,
    });
    // Another version's translation may space its words otherwise ("üstbilgisi" for "üst
    // bilgisi"): compared without spaces when nothing matched as written.
    let spaceless = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text_spaceless = spaceless(&text);
    let candidates: Vec<(&Template, &str)> = whole.chain(cut).collect();
    for (t, template, loose) in candidates
        .iter()
        .map(|(t, tpl)| (*t, std::borrow::Cow::Borrowed(*tpl), false))
        .chain(
            candidates
                .iter()
                .map(|(t, tpl)| (*t, std::borrow::Cow::Owned(spaceless(tpl)), true)),
        )
    {
        let Msg::Cors(key) = t.msg else {
            continue;
        };
        if !present.get(t.lead).copied().unwrap_or(false) {
            continue;
        }
        let Some(m) = match_message(&template, if loose { &text_spaceless } else { &text }) else {
            continue;
        };
        // (Without spaces, the start counts the non-space characters before it.)
        let start_chars = if loose {
            line.chars()
                .enumerate()
                .filter(|(_, c)| !c.is_whitespace())
                .nth(m.start_chars)
                .map_or(line.chars().count(), |(i, _)| i)
        } else {
            m.start_chars
        };
        let start = line
            .char_indices()
            .nth(start_chars)
            .map_or(line.len(), |(i, _)| i);
        let [url, second, _] = m.values;
        let Some(url) = url else {
            continue;
        };
        let (param, status) = if key.has_status() {
            // A template may end with the status: whatever follows it on the line is not.
            let digits = |s: String| -> String {
                s.trim().chars().take_while(char::is_ascii_digit).collect()
            };
            (None, second.map(digits).and_then(|s| s.parse::<u16>().ok()))
        } else {
            (second, None)
        };
        return Some(Localized {
            start,
            key,
            url,
            param,
            status,
            lang: t.lang,
        });
    }
    None
}

/// A template with a status (`%2$S`) cut after the sentence before it: "… fehlt).
/// Statuscode: %2$S." → "… fehlt).".
fn without_status(template: &str) -> Option<&str> {
    let i = template.find(PLACEHOLDERS[1])?;
    let end = template[..i].rfind(['.', ')', '\u{ff09}', '\u{3002}'])?;
    let end = end + template[end..].chars().next()?.len_utf8();
    // The URL must stay in what is left.
    template[..end]
        .contains(PLACEHOLDERS[0])
        .then_some(&template[..end])
}

/// The reason of a translated CORS template: its words after the URL in parentheses (or,
/// in French and Italian, which write none, after the period), without the status sentence
/// ("Grund: CORS-Kopfzeile 'Access-Control-Allow-Origin' fehlt"; "Raison : échec de la
/// requête CORS"; Polish names no reason word: "brakujący nagłówek CORS …").
fn reason_of(text: &str, key: FirefoxKey) -> Option<&str> {
    let i = text.find(PLACEHOLDERS[0])? + PLACEHOLDERS[0].len();
    let mut reason = &text[i..];
    if key.has_status() {
        if let Some(j) = reason.find(PLACEHOLDERS[1]) {
            let head = &reason[..j];
            let end = head.rfind(['.', ')', '\u{ff09}', '\u{3002}'])?;
            reason = &head[..end];
        }
    }
    // The reason starts after the first parenthesis or end of sentence past the URL
    // (Japanese and Korean put words between them: "%1$S にあるリモートリソースの読み込みは
    // 拒否されます (理由: …"; Italian puts parentheses inside its reason).
    let open = reason
        .char_indices()
        .find(|&(j, c)| {
            matches!(c, '(' | '\u{ff08}' | '\u{3002}')
                || (c == '.' && reason[j + 1..].starts_with(' '))
        })
        .map(|(j, c)| j + c.len_utf8())?;
    let edges = [' ', '.', '(', ')', '\u{ff08}', '\u{ff09}', '\u{3002}'];
    let reason = reason[open..]
        .trim_start_matches(edges)
        .trim_end_matches(edges);
    (reason.chars().count() >= 12).then_some(reason)
}

/// A translated Firefox reason alone, its message's head left out ("(Grund: CORS-Kopfzeile
/// 'Access-Control-Allow-Origin' fehlt)."): the key and its parameter, no URL (`url` empty,
/// `start` where the reason's words start).
pub fn parse_reason(line: &str) -> Option<Localized> {
    // Each language's word for "reason" (before its colon): a line without one, "CORS" or
    // a CORS header's name is passed over.
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        for t in &prepared().templates {
            let Msg::Cors(key) = t.msg else {
                continue;
            };
            let Some(r) = reason_of(&t.text, key) else {
                continue;
            };
            // The word before the colon, if the reason starts with one.
            let colon = r
                .char_indices()
                .take(16)
                .find(|(_, c)| matches!(c, ':' | '\u{ff1a}'))
                .map_or(0, |(j, _)| j);
            let word = r[..colon].trim_end();
            if !word.is_empty() && !words.contains(&word) {
                words.push(word);
            }
        }
        words
    });
    if line.len() > 600
        || !(line.contains("CORS")
            || line.contains("Access-Control-")
            || words.iter().any(|w| line.contains(*w)))
    {
        return None;
    }
    let text = norm(line);
    // The longest reason that matches: one language's reason may start another's ("falta la
    // cabecera CORS 'Access-Control-Allow-Origin'" and "… no esta permitido").
    let mut best: Option<(usize, Localized)> = None;
    for t in &prepared().templates {
        let Msg::Cors(key) = t.msg else {
            continue;
        };
        let Some(reason) = reason_of(&t.text, key) else {
            continue;
        };
        if best.as_ref().is_some_and(|(len, _)| *len >= reason.len()) {
            continue;
        }
        let Some(m) = match_message(reason, &text) else {
            continue;
        };
        let start = line
            .char_indices()
            .nth(m.start_chars)
            .map_or(line.len(), |(i, _)| i);
        let [_, param, _] = m.values;
        best = Some((
            reason.len(),
            Localized {
                start,
                key,
                url: String::new(),
                param,
                status: None,
                lang: t.lang,
            },
        ));
    }
    best.map(|(_, l)| l)
}

/// A translated Firefox message about a request the page itself refused before any CORS
/// check: its Content-Security-Policy, or mixed content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Where the message starts in the line (a byte offset; for CSP, after
    /// "Content-Security-Policy: " or its French or Chinese form).
    pub start: usize,
    pub url: String,
    /// CSP: the violated directive, with its sources ("connect-src 'self'").
    pub directive: Option<String>,
    pub lang: &'static str,
}

/// The translated Content-Security-Policy refusal in `line`, if there is one.
pub fn parse_csp(line: &str) -> Option<Refused> {
    refusal(line, Msg::Csp)
}

/// The translated mixed-content refusal in `line`, if there is one.
pub fn parse_mixed(line: &str) -> Option<Refused> {
    refusal(line, Msg::Mixed)
}

fn refusal(line: &str, what: Msg) -> Option<Refused> {
    let present = leads_before_urls(line);
    if !present.contains(&true) {
        return None;
    }
    let text = norm(line);
    let p = prepared();
    for t in p.templates.iter().filter(|t| t.msg == what) {
        if !present.get(t.lead).copied().unwrap_or(false) {
            continue;
        }
        let Some(m) = match_message(&t.text, &text) else {
            continue;
        };
        let [first, second, _] = m.values;
        let (url, directive) = match what {
            Msg::Csp => (second?, first),
            _ => (first?, None),
        };
        if url.is_empty() || url.contains(char::is_whitespace) {
            continue;
        }
        let start = line
            .char_indices()
            .nth(m.start_chars)
            .map_or(line.len(), |(i, _)| i);
        return Some(Refused {
            start,
            url,
            directive,
            lang: t.lang,
        });
    }
    None
}

/// What a template matched: where the message starts (in characters) and the placeholders'
/// values, `%1$S` first.
struct Matched {
    start_chars: usize,
    values: [Option<String>; 3],
}

/// Match a template's literal parts in order, each placeholder taking the text up to the next
/// literal's first occurrence (the last one, when the template ends with it, the rest of the
/// line).
fn match_message(template: &str, text: &str) -> Option<Matched> {
    // The literals, and which placeholder follows each.
    let mut literals: Vec<(&str, Option<usize>)> = Vec::new();
    let mut rest = template;
    while let Some((i, n)) = PLACEHOLDERS
        .iter()
        .enumerate()
        .filter_map(|(n, p)| rest.find(p).map(|i| (i, n)))
        .min()
    {
        literals.push((&rest[..i], Some(n)));
        rest = &rest[i + 4..];
    }
    literals.push((rest, None));
    let (first, _) = *literals.first()?;
    if first.is_empty() {
        return None;
    }
    let start = text.find(first)?;
    let mut pos = start + first.len();
    let mut values: [Option<String>; 3] = [None, None, None];
    for k in 1..literals.len() {
        let (lit, _) = literals[k];
        let last = k == literals.len() - 1;
        let end = if lit.is_empty() {
            if last {
                text.len()
            } else {
                return None;
            }
        } else if last {
            // The message's last words: a value may hold them too (a directive's quotes).
            pos + text.get(pos..)?.rfind(lit)?
        } else {
            pos + text.get(pos..)?.find(lit)?
        };
        let value = text.get(pos..end)?.trim().to_string();
        if let Some(slot) = literals[k - 1].1.and_then(|n| values.get_mut(n)) {
            *slot = Some(value);
        }
        pos = end + lit.len();
    }
    Some(Matched {
        start_chars: text.get(..start)?.chars().count(),
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every translated reason, alone as a person copies it (in parentheses, or after its
    /// message's head was cut), reads back as its key (or one whose reason reads the same in
    /// that language) with its parameter; a reason's word alone does not.
    #[test]
    fn every_translated_reason_alone_reads_back() {
        let p = prepared();
        let mut read = 0;
        for t in &p.templates {
            let Msg::Cors(key) = t.msg else {
                continue;
            };
            let Some(reason) = reason_of(&t.text, key) else {
                continue;
            };
            let filled = reason.replace(PLACEHOLDERS[1], "x-api-key");
            for line in [
                format!("({filled})."),
                format!("  {filled}"),
                filled.clone(),
            ] {
                let got = parse_reason(&line).unwrap_or_else(|| panic!("{}: {line}", t.lang));
                let same = got.key == key
                    || p.templates.iter().any(|o| {
                        o.lang == t.lang
                            && o.msg == Msg::Cors(got.key)
                            && reason_of(&o.text, got.key) == Some(reason)
                    });
                assert!(same, "{}: {line}: {:?} for {key:?}", t.lang, got.key);
                if reason.contains(PLACEHOLDERS[1]) && got.key == key {
                    assert_eq!(got.param.as_deref(), Some("x-api-key"), "{line}");
                }
                assert!(got.url.is_empty());
            }
            read += 1;
        }
        // 21 languages, a dozen and more reasons each.
        assert!(read > 21 * 12, "{read}");
        assert!(parse_reason("Grund: ich weiß es nicht").is_none());
        assert!(parse_reason("(Raison : inconnue)").is_none());
    }

    #[test]
    fn every_line_names_a_known_key_and_has_the_url() {
        for l in &LOCALES {
            let mut n = 0;
            for entry in l
                .messages
                .lines()
                .filter(|e| !e.starts_with('#') && !e.is_empty())
            {
                let (name, template) = entry.split_once('=').expect(entry);
                let msg = Msg::from_name(name.trim());
                assert!(msg.is_some(), "{}: {name}", l.lang);
                assert!(template.contains("%1$S"), "{}: {name}", l.lang);
                if msg == Some(Msg::Csp) {
                    assert!(template.contains("%2$S") && template.contains("%3$S"));
                }
                n += 1;
            }
            assert!(n >= 17, "{}: {n} messages", l.lang);
        }
        assert_eq!(
            prepared().templates.len(),
            LOCALES.iter().map(|l| entries(l).count()).sum::<usize>()
        );
    }

    #[test]
    fn properties_escapes_are_decoded() {
        assert_eq!(template_text("a ‘b’.\\u0020"), "a 'b'.");
        assert_eq!(template_text("x\\u00e9y"), "xéy");
        assert_eq!(template_text("x\\uZZ"), "x\\uZZ");
    }

    #[test]
    fn each_message_is_read_back_from_itself() {
        for l in &LOCALES {
            for (msg, template) in entries(l) {
                let Msg::Cors(key) = msg else {
                    continue;
                };
                let second = if key.has_status() { "502" } else { "X-Token" };
                let line = format!(
                    "12:00:01.250 {} [Learn More]",
                    template
                        .replace("%1$S", "https://api.example.com/v1?a=1")
                        .replace("%2$S", second)
                );
                let got = parse(&line).unwrap_or_else(|| panic!("{}: {key:?}", l.lang));
                assert_eq!(got.key, key, "{}: {line}", l.lang);
                assert_eq!(
                    got.url, "https://api.example.com/v1?a=1",
                    "{}: {key:?}",
                    l.lang
                );
                assert_eq!(got.start, "12:00:01.250 ".len());
                // Older wordings quoted from reports may end before the status.
                if key.has_status() && template.contains("%2$S") {
                    assert_eq!(got.status, Some(502), "{}: {key:?}", l.lang);
                } else if template.contains("%2$S") {
                    assert_eq!(got.param.as_deref(), Some("X-Token"), "{}: {key:?}", l.lang);
                }
                assert!(mentions(&line), "{}: {key:?}", l.lang);
            }
        }
    }

    #[test]
    fn each_page_refusal_is_read_back_from_itself() {
        let mut n = 0;
        for l in &LOCALES {
            for (msg, template) in entries(l) {
                let filled = template
                    .replace("%1$S", "connect-src 'self' https://a.example")
                    .replace("%2$S", "https://api.example.com/v1?a=1")
                    .replace("%3$S", "connect-src");
                match msg {
                    Msg::Csp => {
                        let line = format!("Content-Security-Policy: {filled}");
                        let got = parse_csp(&line).unwrap_or_else(|| panic!("{}: {line}", l.lang));
                        assert_eq!(got.url, "https://api.example.com/v1?a=1", "{}", l.lang);
                        assert_eq!(
                            got.directive.as_deref(),
                            Some("connect-src 'self' https://a.example"),
                            "{}",
                            l.lang
                        );
                        assert_eq!(got.start, "Content-Security-Policy: ".len());
                        assert!(parse(&line).is_none() && parse_mixed(&line).is_none());
                        assert!(mentions(&line), "{}", l.lang);
                    }
                    Msg::Mixed => {
                        let line = template.replace("%1$S", "http://api.example.com/v1?a=1");
                        let got =
                            parse_mixed(&line).unwrap_or_else(|| panic!("{}: {line}", l.lang));
                        assert_eq!(got.url, "http://api.example.com/v1?a=1", "{}", l.lang);
                        assert_eq!(got.directive, None);
                        assert!(parse(&line).is_none() && parse_csp(&line).is_none());
                        assert!(mentions(&line), "{}", l.lang);
                    }
                    Msg::Cors(_) => continue,
                }
                n += 1;
            }
        }
        // Turkish's mixed-content message starts with its URL: left out (tr.properties).
        assert_eq!(n, 2 * LOCALES.len() - 1);
    }

    #[test]
    fn a_message_with_an_unknown_reason_still_names_its_language() {
        let line = "Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удалённого ресурса на https://api.example.com/v1. (Причина: что-то новое).";
        assert_eq!(parse(line), None);
        assert_eq!(language_of(line), Some("ru"));
        assert_eq!(language_of("クロスオリジン要求をブロックしました: 同一生成元ポリシーにより、https://a.example/ にあるリモートリソースの読み込みは拒否されます (理由: ?)"), Some("ja"));
    }

    #[test]
    fn other_lines_are_not_messages() {
        for t in [
            "GET https://api.example.com/v1 [HTTP/2 403  12ms]",
            "Access-Control-Allow-Origin: *",
            "CORS is fine here, see https://example.com/",
            "",
        ] {
            assert!(parse(t).is_none(), "{t}");
            assert!(!mentions(t), "{t}");
        }
    }
}
