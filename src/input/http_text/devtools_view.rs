//! DevTools' Headers view copied as text: what most people paste when they select the
//! Headers tab of a request in the Network panel and copy it.
//!
//! - Chrome and Edge: a "General" section (Request URL, Request Method, Status Code, Remote
//!   Address, Referrer Policy; sentence case since 2025: "Request method", "Status code"),
//!   then "Response Headers" and "Request Headers" (titles may carry a count, "(12)", and the
//!   "Raw" checkbox's label). Rows are sorted by name. Chromium 156's copy (mouse selection,
//!   Ctrl+C; tests/browser/devtools-copy.test.mjs) leaves the section titles out and puts each
//!   name and its value on two lines; with "Raw" ticked, a section is the raw start line and
//!   "Name: value" lines (CRLF ends). Older versions copied "Name: value" rows with titles.
//! - Firefox: "Request URL", "Request Method", "Remote Address", "Status", "Version",
//!   "Transferred", "Referrer Policy", … then "Response Headers (1.2 kB)" and
//!   "Request Headers (512 B)".
//! - Safari: "Summary" (URL, Status, Source, Address, Initiator), then "Request" starting
//!   with its request line and "Response" with its status line.
//! - Firefox's "Copy All" (right-click in a section): the section as tab-indented JSON,
//!   `{"Response Headers (312 B)": {"headers": [{"name": …, "value": …}]}}`, sorted by name.
//! - Chrome's DevTools in another language (it follows the browser's, or its own Language
//!   setting): the General labels and section titles are translated ([`LOCALIZED`]), the
//!   header names are not.
//!
//! Each copy becomes a request block and a response block with the lines they came from,
//! which the plain-text reader's pairing turns into exchanges (a preflight with its request,
//! a redirect with its hop).

use super::{
    assemble, clip, is_token, parse_request_line, parse_status_line, Block, BlockKind, Msg,
};
use crate::exchange::{reason_phrase, Exchange, InputKind, Known};
use crate::input::InputError;

const KIND: InputKind = InputKind::DevtoolsHeaders;

/// Which part of the Headers view a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Chrome's "General", Firefox's summary rows, Safari's "Summary"; also rows before any
    /// title (headers there are assigned by their names).
    General,
    Response,
    Request,
    /// Sections whose rows are not HTTP headers of this exchange (query parameters, form
    /// data, early hints, cookies).
    Skip,
}

/// A line without the copy's invisible debris: byte order mark, CR, no-break spaces.
fn clean(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}')
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace(['\u{200b}', '\u{200e}', '\u{200f}'], "")
        .trim()
        .to_string()
}

/// A section title: "Response Headers", "Response headers (12)", "Request Headers (1.2 kB)
/// Raw", "General", Safari's "Summary" / "Request" / "Response".
fn section_title(l: &str) -> Option<Part> {
    let mut t = l.trim().to_ascii_lowercase();
    // The "Raw" toggle's label, Chrome's old "view source" / "view parsed" / "view URL
    // encoded" links (several on one line).
    const LINKS: [&str; 6] = [
        "raw",
        "view source",
        "view parsed",
        "view url encoded",
        "view url-encoded",
        "view decoded",
    ];
    let raw_labels = LINKS
        .iter()
        .copied()
        .chain(LOCALIZED.iter().map(|l| l.raw))
        .chain(FIREFOX_LOCALIZED.iter().map(|l| l.raw));
    while let Some(r) = raw_labels.clone().find_map(|s| {
        strip_suffix_ci(&t, s).filter(|r| r.is_empty() || r.ends_with([' ', '\t', ')', '）']))
    }) {
        t = r.trim_end().to_string();
    }
    // A count or size in parentheses: "(12)", "(1.234 kB)", "（12）".
    if t.ends_with([')', '）']) {
        if let Some(open) = t.rfind(['(', '（']) {
            t = t[..open].trim_end().to_string();
        }
    }
    if let Some(p) = localized_title(&t).or_else(|| firefox_title(&t)) {
        return Some(p);
    }
    // A title retyped by hand: "response header", "Request headers:".
    let t = t.trim_end_matches([':', '：']).trim_end();
    match t {
        "general" | "summary" => Some(Part::General),
        "response headers" | "response header" | "response" => Some(Part::Response),
        "request headers" | "request header" | "request" => Some(Part::Request),
        "early hints headers"
        | "early hints response headers"
        | "request headers from upload stream"
        | "query string parameters"
        | "form data"
        | "request payload"
        | "payload"
        | "request cookies"
        | "response cookies" => Some(Part::Skip),
        _ => None,
    }
}

/// What a General/Summary row's label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Url,
    Method,
    Status,
    Version,
    /// Shown, not needed (Remote Address, Referrer Policy, Transferred …).
    Other,
}

/// Chrome DevTools' General labels and section titles in the languages most used after English,
/// as its locale files give them (`front_end/core/i18n/locales/*.json`, the keys
/// `panels/network/RequestHeadersView.ts | requestUrl` … `raw`; Chromium 156's own zh locale
/// is the one a test copies from, `tests/browser/devtools-copy.test.mjs` with
/// `DEVTOOLS_LANG=zh`).
struct Locale {
    url: &'static str,
    method: &'static str,
    status: &'static str,
    /// Remote address, referrer policy: shown, not needed.
    others: [&'static str; 2],
    general: &'static str,
    request_headers: &'static str,
    response_headers: &'static str,
    raw: &'static str,
}

const LOCALIZED: [Locale; 9] = [
    // zh (Chinese, simplified)
    Locale {
        url: "请求网址",
        method: "请求方法",
        status: "状态代码",
        others: ["远程地址", "引荐来源政策"],
        general: "常规",
        request_headers: "请求标头",
        response_headers: "响应标头",
        raw: "原始",
    },
    // zh-TW
    Locale {
        url: "要求網址",
        method: "要求方法",
        status: "狀態碼",
        others: ["遠端位址", "參照網址政策"],
        general: "一般",
        request_headers: "要求標頭",
        response_headers: "回應標頭",
        raw: "原始",
    },
    // ja
    Locale {
        url: "リクエスト URL",
        method: "リクエスト メソッド",
        status: "ステータス コード",
        others: ["リモート アドレス", "参照ポリシー"],
        general: "全般",
        request_headers: "リクエスト ヘッダー",
        response_headers: "レスポンス ヘッダー",
        raw: "Raw",
    },
    // ko
    Locale {
        url: "요청 URL",
        method: "요청 메서드",
        status: "상태 코드",
        others: ["원격 주소", "리퍼러 정책"],
        general: "일반",
        request_headers: "요청 헤더",
        response_headers: "응답 헤더",
        raw: "원본 헤더",
    },
    // de
    Locale {
        url: "Anfrage-URL",
        method: "Anfragemethode",
        status: "Statuscode",
        others: ["Remote-Adresse", "Richtlinien für Referrer-URL"],
        general: "Allgemein",
        request_headers: "Anfrageheader",
        response_headers: "Antwortheader",
        raw: "Rohdaten",
    },
    // fr
    Locale {
        url: "URL de requête",
        method: "Méthode de requête",
        status: "Code d'état",
        others: ["Adresse distante", "Règlement sur les URL de provenance"],
        general: "Général",
        request_headers: "En-têtes de requête",
        response_headers: "En-têtes de réponse",
        raw: "Brut",
    },
    // es
    Locale {
        url: "URL de solicitud",
        method: "Método de la solicitud",
        status: "Código de estado",
        others: ["Dirección remota", "Política de referencia"],
        general: "General",
        request_headers: "Encabezados de solicitud",
        response_headers: "Encabezados de respuesta",
        raw: "Sin procesar",
    },
    // pt (Brazil)
    Locale {
        url: "URL da solicitação",
        method: "Método da solicitação",
        status: "Código de status",
        others: ["Endereço remoto", "Política do referenciador"],
        general: "Geral",
        request_headers: "Cabeçalhos de solicitação",
        response_headers: "Cabeçalhos de resposta",
        raw: "Bruto",
    },
    // ru
    Locale {
        url: "URL запроса",
        method: "Метод запроса",
        status: "Код статуса",
        others: ["Удаленный адрес", "Правило для URL перехода"],
        general: "Общие",
        request_headers: "Заголовки запросов",
        response_headers: "Заголовки ответов",
        raw: "Исходные заголовки",
    },
];

/// Firefox DevTools' section titles and Headers-panel labels in the 21 languages whycors reads
/// Firefox's console in, as Firefox 153 ESR's language packs give them
/// (`devtools/client/netmonitor.properties`: `requestHeaders`, `responseHeaders`,
/// `requestHeadersFromUpload`, `netmonitor.headers.raw`, `.status`, `.version`, `.address`).
/// A "Copy All" is keyed by the section's title in the browser's language:
/// `{"Antwortkopfzeilen (341 B)": {"headers": […]}}`.
struct FirefoxLocale {
    request_headers: &'static str,
    response_headers: &'static str,
    /// "Request Headers From Upload Stream": not the request's own headers.
    from_upload: &'static str,
    raw: &'static str,
    status: &'static str,
    version: &'static str,
    address: &'static str,
}

const FIREFOX_LOCALIZED: [FirefoxLocale; 21] = [
    // de
    FirefoxLocale {
        request_headers: "Anfragekopfzeilen",
        response_headers: "Antwortkopfzeilen",
        from_upload: "Anfragekopfzeilen von abgehender Verbindung",
        raw: "Unformatiert",
        status: "Status",
        version: "Version",
        address: "Adresse",
    },
    // fr
    FirefoxLocale {
        request_headers: "En-têtes de la requête",
        response_headers: "En-têtes de la réponse",
        from_upload: "En-têtes de la requête du flux de téléchargement",
        raw: "Texte brut",
        status: "État",
        version: "Version",
        address: "Adresse",
    },
    // es-ES
    FirefoxLocale {
        request_headers: "Cabeceras de la petición",
        response_headers: "Cabeceras de la respuesta",
        from_upload: "Cabeceras de la petición del flujo de subida",
        raw: "Sin procesar",
        status: "Estado",
        version: "Versión",
        address: "Dirección",
    },
    // es-MX
    FirefoxLocale {
        request_headers: "Encabezados de la petición",
        response_headers: "Encabezados de la respuesta",
        from_upload: "Cabeceras de la petición del flujo de subida",
        raw: "Sin procesar",
        status: "Estado",
        version: "Versión",
        address: "Dirección",
    },
    // es-AR
    FirefoxLocale {
        request_headers: "Encabezados de solicitud",
        response_headers: "Encabezados de respuesta",
        from_upload: "Encabezados del pedido del envío",
        raw: "Bruto",
        status: "Estado",
        version: "Versión",
        address: "Dirección",
    },
    // ru
    FirefoxLocale {
        request_headers: "Заголовки запроса",
        response_headers: "Заголовки ответа",
        from_upload: "Заголовки запроса из потока выгрузки",
        raw: "Необработанные",
        status: "Состояние",
        version: "Версия",
        address: "Адрес",
    },
    // pl
    FirefoxLocale {
        request_headers: "Nagłówki żądania",
        response_headers: "Nagłówki odpowiedzi",
        from_upload: "Nagłówki żądania wysyłanego strumienia",
        raw: "Nieprzetworzone",
        status: "Stan",
        version: "Wersja",
        address: "Adres",
    },
    // pt-BR
    FirefoxLocale {
        request_headers: "Cabeçalhos da requisição",
        response_headers: "Cabeçalhos da resposta",
        from_upload: "Cabeçalhos da requisição a partir de stream de envio",
        raw: "Bruto",
        status: "Status",
        version: "Versão",
        address: "Endereço",
    },
    // it
    FirefoxLocale {
        request_headers: "Header richiesta",
        response_headers: "Header risposta",
        from_upload: "Header richiesta da flusso in upload",
        raw: "Non elaborati (raw)",
        status: "Stato",
        version: "Versione",
        address: "Indirizzo",
    },
    // ja
    FirefoxLocale {
        request_headers: "要求ヘッダー",
        response_headers: "応答ヘッダー",
        from_upload: "アップロードストリームからの要求ヘッダー",
        raw: "生ヘッダー",
        status: "ステータス",
        version: "バージョン",
        address: "アドレス",
    },
    // zh-CN
    FirefoxLocale {
        request_headers: "请求头",
        response_headers: "响应头",
        from_upload: "上传流的请求头",
        raw: "原始",
        status: "状态",
        version: "版本",
        address: "地址",
    },
    // zh-TW
    FirefoxLocale {
        request_headers: "請求標頭",
        response_headers: "回應標頭",
        from_upload: "上傳串流的請求標頭",
        raw: "原始",
        status: "狀態",
        version: "版本",
        address: "地址",
    },
    // nl
    FirefoxLocale {
        request_headers: "Aanvraagheaders",
        response_headers: "Antwoordheaders",
        from_upload: "Aanvraagheaders van uploadstream",
        raw: "Onbewerkt",
        status: "Status",
        version: "Versie",
        address: "Adres",
    },
    // uk
    FirefoxLocale {
        request_headers: "Заголовки запиту",
        response_headers: "Заголовки відповіді",
        from_upload: "Заголовки запиту з потоку вивантаження",
        raw: "Необроблений",
        status: "Стан",
        version: "Версія",
        address: "Адреса",
    },
    // tr
    FirefoxLocale {
        request_headers: "İstek üst bilgileri",
        response_headers: "Yanıt üst bilgisi",
        from_upload: "Yükleme akışından üst bilgileri iste",
        raw: "Ham",
        status: "Durum",
        version: "Sürüm",
        address: "Adres",
    },
    // cs
    FirefoxLocale {
        request_headers: "Hlavičky požadavku",
        response_headers: "Hlavičky odpovědi",
        from_upload: "Hlavičky požadavku z nahrávaného datového proudu",
        raw: "Nezpracované",
        status: "Stav",
        version: "Verze",
        address: "Adresa",
    },
    // hu
    FirefoxLocale {
        request_headers: "Kérés fejlécei",
        response_headers: "Válasz fejlécei",
        from_upload: "Fejlécek kérése a feltöltési adatfolyamból",
        raw: "Formázatlan",
        status: "Állapot",
        version: "Verzió",
        address: "Cím",
    },
    // id
    FirefoxLocale {
        request_headers: "Header permintaan",
        response_headers: "Header balasan",
        from_upload: "Header permintaan untuk stream pengunggahan",
        raw: "Mentah",
        status: "Status",
        version: "Versi",
        address: "Alamat",
    },
    // ko
    FirefoxLocale {
        request_headers: "요청 헤더",
        response_headers: "응답 헤더",
        from_upload: "업로드 스트림의 요청 헤더",
        raw: "원시",
        status: "상태",
        version: "버전",
        address: "주소",
    },
    // sv-SE
    FirefoxLocale {
        request_headers: "Begärans rubriker",
        response_headers: "Svarets rubriker",
        from_upload: "Begärans rubriker från uppladdningsströmmen",
        raw: "Råformat",
        status: "Status",
        version: "Version",
        address: "Adress",
    },
    // vi
    FirefoxLocale {
        request_headers: "Header yêu cầu",
        response_headers: "Phản hồi header",
        from_upload: "Yêu cầu header từ luồng tải lên",
        raw: "Raw",
        status: "Trạng thái",
        version: "Phiên bản",
        address: "Địa chỉ",
    },
];

/// A section title of Firefox in another language ([`FIREFOX_LOCALIZED`]).
fn firefox_title(t: &str) -> Option<Part> {
    FIREFOX_LOCALIZED.iter().find_map(|l| {
        if same_label(t, l.response_headers) {
            Some(Part::Response)
        } else if same_label(t, l.request_headers) {
            Some(Part::Request)
        } else if same_label(t, l.from_upload) {
            Some(Part::Skip)
        } else {
            None
        }
    })
}

/// Is `t` a section title of Firefox in another language, with its size ("Antwortkopfzeilen
/// (341 B)") and "Raw" toggle label or without?
fn translated_firefox_title(t: &str) -> bool {
    let mut k = t.trim();
    if let Some(r) = FIREFOX_LOCALIZED.iter().find_map(|l| {
        strip_suffix_ci(k, l.raw).filter(|r| r.is_empty() || r.ends_with([' ', '\t', ')', '）']))
    }) {
        k = r.trim_end();
    }
    if let Some(open) = k.rfind(['(', '（']).filter(|_| k.ends_with([')', '）'])) {
        k = k[..open].trim_end();
    }
    firefox_title(k).is_some()
}

/// A Headers-panel label of Firefox in another language ([`FIREFOX_LOCALIZED`]).
fn firefox_label(name: &str) -> Option<Label> {
    FIREFOX_LOCALIZED.iter().find_map(|l| {
        if same_label(name, l.status) {
            Some(Label::Status)
        } else if same_label(name, l.version) {
            Some(Label::Version)
        } else if same_label(name, l.address) {
            Some(Label::Other)
        } else {
            None
        }
    })
}

/// A label or title compared with the tables' (written as DevTools writes them): ASCII letters
/// in any case (English and Latin labels have changed case over the years), one kind of
/// apostrophe. (No Unicode case folding: its tables would cost the wasm more than it reads.)
fn same_label(text: &str, label: &str) -> bool {
    let t = text.trim();
    if t.contains('\u{2019}') {
        t.replace('\u{2019}', "'").eq_ignore_ascii_case(label)
    } else {
        t.eq_ignore_ascii_case(label)
    }
}

/// A translated General label ([`LOCALIZED`]).
fn localized_label(name: &str) -> Option<Label> {
    LOCALIZED.iter().find_map(|l| {
        if same_label(name, l.url) {
            Some(Label::Url)
        } else if same_label(name, l.method) {
            Some(Label::Method)
        } else if same_label(name, l.status) {
            Some(Label::Status)
        } else if l.others.iter().any(|o| same_label(name, o)) {
            Some(Label::Other)
        } else {
            None
        }
    })
}

/// A translated section title ([`LOCALIZED`]), without its count or "Raw" label.
fn localized_title(t: &str) -> Option<Part> {
    LOCALIZED.iter().find_map(|l| {
        if same_label(t, l.general) {
            Some(Part::General)
        } else if same_label(t, l.response_headers) {
            Some(Part::Response)
        } else if same_label(t, l.request_headers) {
            Some(Part::Request)
        } else {
            None
        }
    })
}

/// `t` without `suffix`, ASCII letters compared in any case.
fn strip_suffix_ci<'a>(t: &'a str, suffix: &str) -> Option<&'a str> {
    let i = t.len().checked_sub(suffix.len())?;
    (t.is_char_boundary(i) && t[i..].eq_ignore_ascii_case(suffix)).then(|| &t[..i])
}

fn general_label(name: &str) -> Option<Label> {
    localized_label(name)
        .or_else(|| english_label(name))
        .or_else(|| firefox_label(name))
}

fn english_label(name: &str) -> Option<Label> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "request url" | "url" => Label::Url,
        "request method" | "method" => Label::Method,
        "status code" | "status" => Label::Status,
        "version" => Label::Version,
        "remote address" | "address" | "referrer policy" | "transferred" | "request priority"
        | "dns resolution" | "blocking" | "source" | "initiator" | "protocol" => Label::Other,
        _ => return None,
    })
}

/// A header name as DevTools shows it: a token, or an HTTP/2 pseudo-header (":authority").
fn is_header_name(n: &str) -> bool {
    match n.strip_prefix(':') {
        Some(p) => is_token(p) && p.bytes().all(|b| b.is_ascii_lowercase()),
        None => is_token(n),
    }
}

/// UI text a copy drags along: the provisional-headers warning, links, button labels.
fn is_ui_text(l: &str) -> bool {
    let t = l.trim_start_matches(['⚠', '!', ' ']).to_ascii_lowercase();
    t.starts_with("provisional headers are shown")
        || t.starts_with("only provisional headers are available")
        || t.starts_with("caution: provisional headers are shown")
        || matches!(
            t.as_str(),
            "learn more"
                | "raw"
                | "view source"
                | "view parsed"
                | "view url encoded"
                | "view decoded"
                | "filter headers"
                | "resend"
                | "edit and resend"
                | "block"
                | "not-set"
        )
}

/// One row: a name (a header or a General label) and its value, with the row's line.
struct Row {
    line: usize,
    name: String,
    value: String,
}

/// Split a one-line row: "Name: value", "Name:⇥value", "Name⇥value", ":authority: host".
/// `Some((name, ""))` when the value is on the next line ("Name:" or "Name" alone).
fn split_row(l: &str, general: bool) -> Option<(String, String)> {
    // A property of a script's object literal (`url: "http://…",`, `type: "GET",`,
    // `headers: {`): code pasted beside the capture, no row of it.
    // Also `map: textureLoader.load(path),`, `side: DoubleSide,`, `depthWrite: false`: an
    // expression, a name or a literal before a comma, or a hyphenless key set to a boolean.
    let code = |n: &str, v: &str| {
        let v = v.trim();
        let expression = v.strip_suffix(',').is_some_and(|e| {
            e.ends_with(')')
                || e.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'$')
        });
        let key_literal = !n.contains('-')
            && matches!(
                v.trim_end_matches(','),
                "true" | "false" | "null" | "undefined"
            );
        v.ends_with("\",")
            || v.ends_with("',")
            || v.ends_with("`,")
            || v == "{"
            || v == "["
            || expression
            || key_literal
    };
    if l.split_once(':').is_some_and(|(n, v)| code(n, v)) {
        return None;
    }
    let label_ok = |n: &str| (general && general_label(n).is_some()) || is_header_name(n);
    // A translated label with a full-width colon ("状态代码：200").
    if let Some((n, v)) = l.split_once('：') {
        if general && localized_label(n).is_some() {
            return Some((n.trim().to_string(), v.trim().to_string()));
        }
    }
    if let Some((n, v)) = l.split_once('\t') {
        let n = n.trim().trim_end_matches(':').trim_end();
        if label_ok(n) {
            return Some((n.to_string(), v.trim().to_string()));
        }
    }
    let colon = if l.starts_with(':') {
        l.get(1..)?.find(':').map(|k| k + 1)
    } else {
        l.find(':')
    };
    if let Some(k) = colon {
        let (n, rest) = (l[..k].trim_end(), &l[k + 1..]);
        if label_ok(n) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return Some((n.to_string(), rest.trim().to_string()));
        }
        // Chrome before 2018 copied "Name:value" with no space ("Request URL:http://…",
        // "content-type:application/json"): a letter-led name, a value that is no URL's
        // "//" nor a bare port.
        let plain_name = n.starts_with(|c: char| c.is_ascii_alphabetic())
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b' ');
        // (A status code is all digits: "Status Code:522".)
        let status_row = general && general_label(n) == Some(Label::Status);
        if label_ok(n)
            && plain_name
            && !rest.starts_with("//")
            && (status_row || !rest.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some((n.to_string(), rest.trim().to_string()));
        }
        return None;
    }
    label_ok(l).then(|| (l.to_string(), String::new()))
}

/// Rows without section titles (Chrome's copy leaves the titles out): the response's headers
/// come first, then the request's. Chrome sorts each section by name, so a name that sorts
/// before the one above it, after two or more rows sorted so far, starts the request's.
#[derive(Default)]
struct Untitled {
    request: bool,
    prev: Option<String>,
    unsorted: bool,
    rows: usize,
}

impl Untitled {
    /// Does the untitled row `name` belong to the request? `unanswered`: the view has a URL
    /// and no Status code row (Chrome shows none for a request that got no response, one a
    /// failed preflight stopped), so its rows are the request's.
    fn is_request(&mut self, name: &str, unanswered: bool) -> bool {
        let lower = name.to_ascii_lowercase();
        let restart = self.rows >= 2
            && !self.unsorted
            && self.prev.as_deref().is_some_and(|p| lower.as_str() < p);
        self.rows += 1;
        if let Some(p) = self.prev.as_deref() {
            self.unsorted = self.unsorted || p > lower.as_str();
        }
        self.prev = Some(lower);
        self.request = self.request || restart || unanswered || super::request_only(name);
        self.request
    }
}

/// One request as the view shows it.
#[derive(Default)]
struct Copy {
    url: Option<(usize, String)>,
    method: Option<String>,
    status: Option<(usize, u16, String)>,
    version: Option<String>,
    request_line: Option<(usize, String, String, String)>,
    request_title: Option<usize>,
    response_title: Option<usize>,
    request: Vec<Row>,
    response: Vec<Row>,
    untitled: Untitled,
}

impl Copy {
    /// A header row of the request's section, or the response's.
    fn push(&mut self, to_request: bool, row: Row) {
        if to_request {
            self.request.push(row);
        } else {
            self.response.push(row);
        }
    }

    fn is_empty(&self) -> bool {
        self.url.is_none()
            && self.status.is_none()
            && self.request_line.is_none()
            && self.request.is_empty()
            && self.response.is_empty()
    }

    /// The request block, then the response block (the pairing expects that order; the
    /// view shows the response's headers first).
    fn into_msgs(self, msgs: &mut Vec<Msg>) {
        let req_line = self
            .url
            .as_ref()
            .map(|(l, _)| *l)
            .or(self.request_line.as_ref().map(|r| r.0))
            .or(self.request_title.filter(|_| !self.request.is_empty()))
            .or(self.request.first().map(|r| r.line))
            // "Request Method: OPTIONS" without its URL row still says which request it was.
            .or(self.method.as_ref().and(self.status.as_ref().map(|s| s.0)));
        if let Some(line) = req_line {
            let mut b = Block::new(line, BlockKind::Request);
            let url = self.url.as_ref().map(|(_, u)| u.clone());
            if let Some((_, m, t, v)) = &self.request_line {
                b.method = Some(m.clone());
                b.target = Some(t.clone());
                b.version = Some(v.clone());
            }
            if let Some(m) = &self.method {
                b.method = Some(m.clone());
            }
            // The full URL wins over a request line's path (Safari shows both).
            if let Some(u) = url {
                b.target = Some(u);
            }
            b.headers = self
                .request
                .into_iter()
                .map(|r| (r.name, r.value))
                .collect();
            msgs.push(Msg::Block(b));
        }
        let resp_line = self
            .status
            .as_ref()
            .map(|s| s.0)
            .or(self.response_title)
            .or(self.response.first().map(|r| r.line));
        if let Some(line) = resp_line {
            if self.status.is_none() && self.response.is_empty() {
                return;
            }
            let mut b = Block::new(line, BlockKind::Response);
            if let Some((_, code, text)) = self.status {
                b.status = Some(code);
                b.status_text = text;
            }
            b.version = self.version;
            b.headers = self
                .response
                .into_iter()
                .map(|r| (r.name, r.value))
                .collect();
            msgs.push(Msg::Block(b));
        }
    }
}

/// A Status Code row that says no response came: empty, or the words DevTools' Network list
/// shows in its Status column for such a request.
fn no_response_status(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    v.is_empty()
        || v == "cors error"
        || v == "(pending)"
        || v.starts_with("(failed)")
        || v.starts_with("(blocked")
        || v.starts_with("(canceled)")
}

/// "403 Forbidden", "200 OK (from disk cache)", "403" → (403, "Forbidden").
fn parse_status(line: usize, v: &str) -> Result<(u16, String), InputError> {
    let v = v.trim();
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    let code = (digits.len() == 3)
        .then(|| digits.parse::<u16>().ok())
        .flatten()
        .filter(|c| *c >= 100);
    let Some(code) = code else {
        return Err(InputError::at_line(
            KIND,
            line,
            format!("expected a 3-digit status code, found {:?}", clip(v)),
        ));
    };
    let mut text = v[3..].trim();
    // Where the response came from, in DevTools' language: "(from disk cache)",
    // "(vom Datenträgercache)", "（来自磁盘缓存）". No reason phrase has parentheses.
    if let Some(i) = text.find(['(', '（']) {
        text = text[..i].trim();
    }
    Ok((code, text.to_string()))
}

/// Chrome shows no Request Method row for a request that got no response (the one a
/// failed preflight stopped): when the copy holds that request's preflight, before or after it
/// (DevTools logs the request first), the method is the one the preflight asked for (its
/// Access-Control-Request-Method); the nearest preflight before it wins.
fn adopt_preflight_methods(msgs: &mut [Msg]) {
    let asked: Vec<(usize, String, String)> = msgs
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match m {
            Msg::Block(b)
                if b.kind == BlockKind::Request
                    && b.method
                        .as_deref()
                        .is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS")) =>
            {
                let acrm = b.header("access-control-request-method")?;
                Some((
                    i,
                    b.target.clone().unwrap_or_default(),
                    acrm.trim().to_string(),
                ))
            }
            _ => None,
        })
        .collect();
    for (i, m) in msgs.iter_mut().enumerate() {
        let Msg::Block(b) = m else { continue };
        if b.kind != BlockKind::Request
            || b.method.is_some()
            || b.pseudo(":method").is_some()
            || b.header("access-control-request-method").is_some()
        {
            continue;
        }
        let target = b.target.clone().unwrap_or_default();
        let same = |(_, u, _): &&(usize, String, String)| *u == target;
        let before = asked.iter().filter(|a| a.0 < i).rev().find(same);
        let after = asked.iter().filter(|a| a.0 > i).find(same);
        if let Some((_, _, method)) = before.or(after) {
            b.method = Some(method.clone());
        }
    }
}

/// Assemble the blocks into exchanges; a request whose copy names no method (Firefox's "Copy
/// All" of its headers, a view without its General rows) gets GET with the method unknown.
fn finish(msgs: Vec<Msg>) -> Vec<Exchange> {
    let unstated: Vec<String> = msgs
        .iter()
        .filter_map(|m| match m {
            Msg::Block(b)
                if b.kind == BlockKind::Request
                    && b.method.is_none()
                    && b.pseudo(":method").is_none()
                    && b.header("access-control-request-method").is_none() =>
            {
                Some(format!("line {}", b.line))
            }
            _ => None,
        })
        .collect();
    let mut out = assemble(msgs, KIND);
    for x in &mut out {
        if unstated.contains(&x.location) {
            x.request.method_known = Known::Unknown;
        }
    }
    out
}

/// Does the text look like a copy of DevTools' Headers view?
pub fn looks_like(t: &str) -> bool {
    // A CloudFormation/SAM template's keys (`StatusCode: 401` under GatewayResponses, German
    // DevTools' "Statuscode" in other capitals) are no DevTools rows.
    if t.contains("AWS::") || t.lines().any(|l| l.trim_end() == "Resources:") {
        return false;
    }
    t.lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .take(80)
        .any(|l| {
            let lower = l.to_ascii_lowercase();
            let url_row = ["request url", "request method", "status code"]
                .iter()
                .any(|label| {
                    lower
                        .strip_prefix(label)
                        .is_some_and(|r| r.is_empty() || r.starts_with([':', '\t', ' ']))
                });
            let headers_title = matches!(section_title(&l), Some(Part::Response | Part::Request))
                && (lower.contains("headers") || translated_firefox_title(&l));
            // The same rows in DevTools' other languages ("请求网址", "Anfrage-URL: …").
            let head = l.split([':', '：', '\t']).next().unwrap_or(&l);
            // (A script's camelCase key, `statusCode: 201,` in a Lambda's answer, is no row of
            // German DevTools' "Statuscode".)
            let camel = head.trim().starts_with(|c: char| c.is_ascii_lowercase())
                && head.contains(|c: char| c.is_ascii_uppercase());
            let localized_row = !camel
                && matches!(
                    localized_label(head),
                    Some(Label::Url | Label::Method | Label::Status)
                );
            // Safari's Summary names the URL in a "URL" row (not a script's `url: '…'`).
            let safari_url = lower.strip_prefix("url").is_some_and(|r| {
                r.strip_prefix([':', '\t']).is_some_and(|v| {
                    let v = v.trim_start();
                    v.is_empty() || v.starts_with("http://") || v.starts_with("https://")
                })
            });
            url_row || headers_title || safari_url || localized_row
        })
}

/// Is this Firefox's "Copy All" of a Headers section: tab-indented JSON whose key is the
/// section's title, `{"Response Headers (312 B)": {"headers": [{"name": …, "value": …}]}}`?
pub fn looks_like_firefox_json(t: &str) -> bool {
    let t = t.trim_start_matches('\u{feff}').trim_start();
    let Some(r) = t.strip_prefix('{').map(str::trim_start) else {
        return false;
    };
    let Some(r) = r.strip_prefix('"') else {
        return false;
    };
    let key = r.split('"').next().unwrap_or("");
    // English titles say "Headers"; a translated one is one of Firefox's own.
    let titled = key.to_ascii_lowercase().contains("headers") || translated_firefox_title(key);
    titled
        && matches!(
            section_title(key),
            Some(Part::Response | Part::Request | Part::Skip)
        )
}

/// The 1-based line where `needle` first appears in `input` (1 when it does not).
fn line_of(input: &str, needle: &str) -> usize {
    input.find(needle).map_or(1, |i| {
        input[..i].bytes().filter(|&b| b == b'\n').count() + 1
    })
}

/// Firefox's "Copy All" (see [`looks_like_firefox_json`]), one or several sections pasted one
/// after another; with "Raw" on, a section holds `{"RAW_HEADERS_ID": "HTTP/2 403 …"}`.
fn read_firefox_json(input: &str) -> Result<Vec<Exchange>, InputError> {
    let json_error = |e: serde_json::Error, what: &str| {
        InputError::new(
            Some(KIND),
            crate::input::Place {
                line: Some(e.line()),
                column: Some(e.column()),
                ..Default::default()
            },
            format!("{what}: {e}"),
        )
    };
    let mut msgs: Vec<Msg> = Vec::new();
    let mut cur = Copy::default();
    let body = input.trim_start_matches('\u{feff}');
    for value in serde_json::Deserializer::from_str(body).into_iter::<serde_json::Value>() {
        let value =
            value.map_err(|e| json_error(e, "Firefox's \"Copy All\" of a Headers section"))?;
        let Some(map) = value.as_object() else {
            return Err(InputError::at_line(
                KIND,
                1,
                "expected an object keyed by a Headers section's title",
            ));
        };
        for (key, section) in map {
            let line = line_of(body, &format!("\"{key}\""));
            let part = match section_title(key) {
                Some(p @ (Part::Response | Part::Request)) => p,
                Some(_) => continue,
                None => {
                    return Err(InputError::new(
                        Some(KIND),
                        crate::input::Place {
                            line: Some(line),
                            field: Some(key.clone()),
                            ..Default::default()
                        },
                        "expected a Headers section's title (\"Response Headers (…)\", \"Request Headers (…)\")",
                    ))
                }
            };
            let filled = match part {
                Part::Response => cur.status.is_some() || !cur.response.is_empty(),
                _ => cur.request_line.is_some() || !cur.request.is_empty(),
            };
            if filled {
                std::mem::take(&mut cur).into_msgs(&mut msgs);
            }
            match part {
                Part::Response => cur.response_title = Some(line),
                _ => cur.request_title = Some(line),
            }
            let field = |rest: &str| crate::input::Place {
                line: Some(line),
                field: Some(format!("{key}.{rest}")),
                ..Default::default()
            };
            if let Some(raw) = section.get("RAW_HEADERS_ID") {
                let Some(raw) = raw.as_str() else {
                    return Err(InputError::new(
                        Some(KIND),
                        field("RAW_HEADERS_ID"),
                        "expected the raw headers as a string",
                    ));
                };
                for l in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    if let Some((m, t, v)) = parse_request_line(l) {
                        cur.request_line =
                            Some((line, m.to_string(), t.to_string(), v.to_string()));
                    } else if let Some((v, Some(code), text)) = parse_status_line(l) {
                        cur.status = Some((line, code, text.to_string()));
                        cur.version = Some(v.to_string());
                    } else if let Some((n, v)) = split_row(l, false) {
                        let row = Row {
                            line,
                            name: n,
                            value: v,
                        };
                        cur.push(part == Part::Request, row);
                    }
                }
                continue;
            }
            let Some(list) = section.get("headers").and_then(|h| h.as_array()) else {
                return Err(InputError::new(
                    Some(KIND),
                    field("headers"),
                    "expected a list of {\"name\", \"value\"}",
                ));
            };
            for (i, h) in list.iter().enumerate() {
                let (Some(name), Some(value)) = (
                    h.get("name").and_then(|v| v.as_str()),
                    h.get("value").and_then(|v| v.as_str()),
                ) else {
                    return Err(InputError::new(
                        Some(KIND),
                        field(&format!("headers[{i}]")),
                        "expected {\"name\": string, \"value\": string}",
                    ));
                };
                let row = Row {
                    line,
                    name: name.to_string(),
                    value: value.to_string(),
                };
                cur.push(part == Part::Request, row);
            }
        }
    }
    cur.into_msgs(&mut msgs);
    if msgs.is_empty() {
        return Err(InputError::at_line(
            KIND,
            1,
            "no header in the copied Headers sections",
        ));
    }
    Ok(finish(msgs))
}

pub fn read(input: &str) -> Result<Vec<Exchange>, InputError> {
    if looks_like_firefox_json(input) {
        return read_firefox_json(input);
    }
    let lines: Vec<(usize, String)> = input
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, clean(l)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut msgs: Vec<Msg> = Vec::new();
    let mut cur = Copy::default();
    let mut part = Part::General;
    let mut i = 0;
    while let Some((line, l)) = lines.get(i) {
        let (line, l) = (*line, l.as_str());
        i += 1;
        if let Some(p) = section_title(l) {
            if p == Part::General && !cur.is_empty() {
                std::mem::take(&mut cur).into_msgs(&mut msgs);
            }
            match p {
                Part::Request => cur.request_title = cur.request_title.or(Some(line)),
                Part::Response => cur.response_title = cur.response_title.or(Some(line)),
                _ => {}
            }
            part = p;
            continue;
        }
        if is_ui_text(l) || part == Part::Skip {
            continue;
        }
        // Safari's sections start with the start line of the message.
        if let Some((m, t, v)) = parse_request_line(l) {
            cur.request_line = Some((line, m.to_string(), t.to_string(), v.to_string()));
            part = Part::Request;
            continue;
        }
        if let Some((v, status, text)) = parse_status_line(l) {
            let Some(code) = status else {
                return Err(InputError::at_line(
                    KIND,
                    line,
                    format!("expected a 3-digit status code after {v:?}"),
                ));
            };
            cur.status = Some((line, code, text.to_string()));
            cur.version = Some(v.to_string());
            part = Part::Response;
            continue;
        }
        // A selection started just after the "Request URL" label: the URL alone.
        if part == Part::General
            && cur.url.is_none()
            && cur.is_empty()
            && (l.starts_with("https://") || l.starts_with("http://"))
            && !l.contains(char::is_whitespace)
        {
            cur.url = Some((line, l.to_string()));
            continue;
        }
        // The next view's General rows after a section ("Request URL" after the raw request
        // headers of the view before): the labels of more than one word are no header names.
        if part != Part::General {
            let head = l.split([':', '：', '\t']).next().unwrap_or(l).trim();
            if head.contains(' ') && general_label(head).is_some()
                || localized_label(head).is_some()
            {
                part = Part::General;
            }
        }
        let Some((name, mut value)) = split_row(l, part == Part::General) else {
            // Prose or an icon's text the copy picked up: not a row.
            continue;
        };
        if value.is_empty() {
            // The grid layout copies the value on the next line (unless that line starts
            // the next section: an empty value).
            if let Some((_, next)) = lines.get(i) {
                // Nor when the next line is the next General row ("Status Code: " left
                // empty, then "Referrer Policy: …").
                let next_row = part == Part::General
                    && split_row(next, true).is_some_and(|(n, _)| general_label(&n).is_some());
                if section_title(next).is_none() && !next_row {
                    value = next.clone();
                    i += 1;
                }
            }
        }
        let label = if part == Part::General {
            general_label(&name)
        } else {
            None
        };
        match label {
            Some(Label::Url) => {
                if cur.url.is_some() {
                    std::mem::take(&mut cur).into_msgs(&mut msgs);
                }
                cur.url = Some((line, value));
            }
            Some(Label::Method) => cur.method = Some(value),
            // No response came: the row left empty, or the Network list's status
            // column's words for it ("CORS error", "(failed)", "(blocked:mixed-content)").
            Some(Label::Status) if no_response_status(&value) => {}
            Some(Label::Status) => {
                let (code, mut text) = parse_status(line, &value)?;
                // Firefox shows the reason phrase apart from the code.
                if text.is_empty() {
                    if let Some((_, next)) = lines.get(i) {
                        if !reason_phrase(code).is_empty()
                            && next.eq_ignore_ascii_case(reason_phrase(code))
                        {
                            text = next.clone();
                            i += 1;
                        }
                    }
                }
                cur.status = Some((line, code, text));
            }
            Some(Label::Version) => cur.version = Some(value),
            Some(Label::Other) => {}
            None => {
                let row = Row { line, name, value };
                let to_request = match part {
                    Part::Request => true,
                    Part::Response => false,
                    _ => {
                        let unanswered = cur.url.is_some() && cur.status.is_none();
                        cur.untitled.is_request(&row.name, unanswered)
                    }
                };
                cur.push(to_request, row);
            }
        }
    }
    cur.into_msgs(&mut msgs);
    adopt_preflight_methods(&mut msgs);
    if msgs.is_empty() {
        return Err(InputError::at_line(
            KIND,
            lines.first().map_or(1, |(l, _)| *l),
            "no Request URL, status or header rows found in the copied Headers view",
        ));
    }
    Ok(finish(msgs))
}
