//! Firefox's CORS console messages in other languages (the translations in
//! src/browser_text/firefox_l10n/, Mozilla's, as Firefox 153 ESR's language packs hold them, and
//! an older Russian wording): each must give the finding the English message gives.
use whycors::browser_text::{firefox_console, FirefoxKey};
use whycors::exchange::InputKind;
use whycors::input::detect;
use whycors::{diagnose, Options};

mod common;
use common::{only, report};

const URL: &str = "https://api.example.com/v1/items";

/// (language, key, the translated line with its parameter filled as Firefox fills it).
fn lines() -> Vec<(&'static str, FirefoxKey, String)> {
    [
        ("de", FirefoxKey::CORSMissingAllowOrigin2, "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Kopfzeile ‘Access-Control-Allow-Origin’ fehlt). Statuscode: 429. [Weitere Informationen]"),
        ("de", FirefoxKey::CORSAllowOriginNotMatchingOrigin, "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Kopfzeile ‘Access-Control-Allow-Origin’ stimmt nicht mit ‘https://app.example.com’ überein)."),
        ("de", FirefoxKey::CORSPreflightDidNotSucceed3, "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Preflight-Antwort schlug fehl). Statuscode: 403."),
        ("fr", FirefoxKey::CORSMissingAllowOrigin2, "Blocage d’une requête multiorigines (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://api.example.com/v1/items. Raison : l’en-tête CORS « Access-Control-Allow-Origin » est manquant. Code d’état : 504."),
        ("fr", FirefoxKey::CORSMissingAllowHeaderFromPreflight2, "Blocage d’une requête multiorigine (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://api.example.com/v1/items. Raison : l’en-tête « authorization » n’est pas autorisé d’après l’en-tête « Access-Control-Allow-Headers » de la réponse de pré-vérification des requêtes CORS."),
        ("fr", FirefoxKey::CORSNotSupportingCredentials, "Blocage d’une requête multiorigine (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://api.example.com/v1/items. Raison : l’identification n’est pas prise en charge si la valeur de l’en-tête CORS « Access-Control-Allow-Origin » est « * »."),
        ("ru", FirefoxKey::CORSMissingAllowOrigin2, "Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удаленного ресурса на https://api.example.com/v1/items. (Причина: отсутствует заголовок CORS «Access-Control-Allow-Origin»). Код состояния: 403."),
        ("ru", FirefoxKey::CORSMethodNotFound, "Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удаленного ресурса на https://api.example.com/v1/items. (Причина: Не найден метод в заголовке CORS «Access-Control-Allow-Methods»)."),
        ("ru (Firefox 153)", FirefoxKey::CORSMissingAllowOrigin2, "Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удалённого ресурса на https://api.example.com/v1/items. (Причина: отсутствует заголовок CORS «Access-Control-Allow-Origin»). Код состояния: 429."),
        ("ja", FirefoxKey::CORSMissingAllowOrigin2, "クロスオリジン要求をブロックしました: 同一生成元ポリシーにより、https://api.example.com/v1/items にあるリモートリソースの読み込みは拒否されます (理由: CORS ヘッダー ‘Access-Control-Allow-Origin’ が足りない)。ステータスコード: 504 [詳細情報]"),
        ("ja", FirefoxKey::CORSMethodNotFound, "クロスオリジン要求をブロックしました: 同一生成元ポリシーにより、https://api.example.com/v1/items にあるリモートリソースの読み込みは拒否されます (理由: CORS ヘッダー ‘Access-Control-Allow-Methods’ にメソッドが見つからない)。"),
        ("zh-CN", FirefoxKey::CORSMissingAllowOrigin2, "已拦截跨源请求：同源策略禁止读取位于 https://api.example.com/v1/items 的远程资源。（原因：CORS 头缺少 'Access-Control-Allow-Origin'）。状态码：403。"),
        ("es-ES", FirefoxKey::CORSMissingAllowOrigin2, "Solicitud desde otro origen bloqueada: la política de mismo origen impide leer el recurso remoto en https://api.example.com/v1/items (razón: falta la cabecera CORS 'Access-Control-Allow-Origin'). Código de estado: 413."),
        ("pt-BR", FirefoxKey::CORSMissingAllowOrigin2, "Requisição cross-origin bloqueada: A diretiva Same Origin (mesma origem) não permite a leitura do recurso remoto em https://api.example.com/v1/items (motivo: falta cabeçalho 'Access-Control-Allow-Origin' no CORS). Código de status: 413."),
        ("pt-BR", FirefoxKey::CORSDidNotSucceed2, "Requisição cross-origin bloqueada: A diretiva Same Origin (mesma origem) não permite a leitura do recurso remoto em https://api.example.com/v1/items (motivo: falha na requisição CORS). Código de status: (null)."),
    ]
    .into_iter()
    .map(|(l, k, s)| (l, k, s.to_string()))
    .collect()
}

fn param(key: FirefoxKey) -> Option<&'static str> {
    match key {
        FirefoxKey::CORSAllowOriginNotMatchingOrigin => Some("https://app.example.com"),
        FirefoxKey::CORSMissingAllowHeaderFromPreflight2 => Some("authorization"),
        _ => None,
    }
}

fn status(line: &str) -> Option<u16> {
    ["429", "403", "504", "413"]
        .into_iter()
        .find(|s| line.contains(s))
        .and_then(|s| s.parse().ok())
}

#[test]
fn a_translated_message_gives_the_english_messages_finding() {
    for (lang, key, line) in lines() {
        assert_eq!(
            detect(&line),
            Some(InputKind::ConsoleError),
            "{lang}: {line}"
        );
        let english = firefox_console(key, URL, param(key), status(&line));
        let (mine, theirs) = (report(&line), report(&english));
        let (f, e) = (&mine.findings[0], &theirs.findings[0]);
        assert_eq!(
            f.browser.firefox.as_deref(),
            Some(key.name()),
            "{lang}: {line}"
        );
        assert_eq!(f.browser.cors_error, e.browser.cors_error, "{lang} {key:?}");
        assert_eq!(
            f.browser.failed_parameter, e.browser.failed_parameter,
            "{lang} {key:?}"
        );
        assert_eq!(f.request.url, URL, "{lang} {key:?}");
        assert_eq!(f.cause.kind, e.cause.kind, "{lang} {key:?}");
        assert_eq!(f.cause.status, e.cause.status, "{lang} {key:?}");
        assert_eq!(f.summary, e.summary, "{lang} {key:?}");
    }
}

/// Older Firefox versions ended these messages before "Status code: N." (a French paste of
/// a real site as users post it, and the others cut the same way): each reads as the English
/// message without a status does.
#[test]
fn a_translated_message_without_its_status_tail_reads() {
    let cut = [
        ("fr", FirefoxKey::CORSMissingAllowOrigin2, "Blocage d’une requête multiorigines (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://api.example.com/v1/items. Raison : l’en-tête CORS « Access-Control-Allow-Origin » est manquant."),
        ("de", FirefoxKey::CORSMissingAllowOrigin2, "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Kopfzeile 'Access-Control-Allow-Origin' fehlt)."),
        ("de", FirefoxKey::CORSPreflightDidNotSucceed3, "Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Preflight-Antwort schlug fehl)."),
        ("es-ES", FirefoxKey::CORSMissingAllowOrigin2, "Solicitud desde otro origen bloqueada: la política de mismo origen impide leer el recurso remoto en https://api.example.com/v1/items (razón: falta la cabecera CORS 'Access-Control-Allow-Origin')."),
        ("ru", FirefoxKey::CORSMissingAllowOrigin2, "Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удаленного ресурса на https://api.example.com/v1/items. (Причина: отсутствует заголовок CORS «Access-Control-Allow-Origin»)."),
        ("zh-CN", FirefoxKey::CORSMissingAllowOrigin2, "已拦截跨源请求：同源策略禁止读取位于 https://api.example.com/v1/items 的远程资源。（原因：CORS 头缺少 'Access-Control-Allow-Origin'）。"),
    ];
    for (lang, key, line) in cut {
        assert_eq!(
            detect(line),
            Some(InputKind::ConsoleError),
            "{lang}: {line}"
        );
        let english = firefox_console(key, URL, param(key), None);
        let (mine, theirs) = (report(line), report(&english));
        let (f, e) = (&mine.findings[0], &theirs.findings[0]);
        assert_eq!(f.browser.firefox.as_deref(), Some(key.name()), "{lang}");
        assert_eq!(f.request.url, URL, "{lang}");
        assert_eq!(f.cause.status, None, "{lang}");
        assert_eq!(f.cause.kind, e.cause.kind, "{lang}");
        assert_eq!(f.summary, e.summary, "{lang}");
    }
    // The status is still read when it is there, not lost to the shorter template.
    let (_, _, with) = &lines()[0];
    assert_eq!(report(with).findings[0].cause.status, Some(429));
}

/// A translated reason alone, its message's head left out as a person copies or quotes it,
/// gives the finding Firefox's English reason alone gives (no URL).
#[test]
fn a_translated_reason_alone_reads_as_the_english_one() {
    let alone = [
        ("de", FirefoxKey::CORSMissingAllowOrigin2, "(Grund: CORS-Kopfzeile „Access-Control-Allow-Origin“ fehlt).", "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing)."),
        ("fr", FirefoxKey::CORSAllowOriginNotMatchingOrigin, "J’ai ceci dans Firefox : Raison : l’en-tête CORS « Access-Control-Allow-Origin » ne correspond pas à « https://app.example.com ».", "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com’)."),
        ("ja", FirefoxKey::CORSMethodNotFound, "(理由: CORS ヘッダー ‘Access-Control-Allow-Methods’ にメソッドが見つからない)", "(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."),
        ("pl", FirefoxKey::CORSMissingAllowHeaderFromPreflight2, "(niedozwolony nagłówek „authorization” według nagłówka „Access-Control-Allow-Headers” w odpowiedzi „preflight” CORS).", "(Reason: header ‘authorization’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."),
        ("zh-CN", FirefoxKey::CORSNotSupportingCredentials, "（原因：凭据不支持，如果 CORS 头 ‘Access-Control-Allow-Origin’ 为 ‘*’）", "(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."),
    ];
    for (lang, key, line, english) in alone {
        assert_eq!(
            detect(line),
            Some(InputKind::ConsoleError),
            "{lang}: {line}"
        );
        let (mine, theirs) = (report(line), report(english));
        let (f, e) = (only(&mine), only(&theirs));
        assert_eq!(f.browser.firefox.as_deref(), Some(key.name()), "{lang}");
        assert!(f.browser.blocked, "{lang}");
        assert_eq!(f.request.url, e.request.url, "{lang}");
        assert_eq!(f.cause.kind, e.cause.kind, "{lang}");
        assert_eq!(f.summary, e.summary, "{lang}");
    }
    // The reason's word with words of one's own is no message.
    assert_ne!(
        detect("Grund: keine Ahnung, es geht einfach nicht."),
        Some(InputKind::ConsoleError)
    );
}

#[test]
fn the_pasted_words_are_kept_as_evidence() {
    let (_, _, line) = &lines()[0];
    let pasted = format!("09:41:07.112 {line}");
    let f = &report(&pasted).findings[0];
    assert!(
        f.evidence
            .iter()
            .any(|e| e.contains("Quellübergreifende (Cross-Origin) Anfrage blockiert")),
        "{:?}",
        f.evidence
    );
}

/// A translated message whose reason is another Firefox version's wording (or none, as
/// before Firefox 52): still a blocked request at its URL, its language named, the reason
/// quoted and said to be unread; no reason is made up.
#[test]
fn a_translated_message_with_an_unknown_reason_is_read_as_a_blocked_request() {
    let text = "12:00:01.250 GET https://api.example.com/v1/items\n\
                Запрос из постороннего источника заблокирован: Политика одного источника запрещает чтение удалённого ресурса на https://api.example.com/v1/items. (Причина: что-то новое).";
    let r = diagnose(text, &Options::default()).expect("read as a blocked request");
    let f = &r.findings[0];
    assert_eq!(f.request.url, "https://api.example.com/v1/items");
    assert!(f.browser.blocked);
    assert_eq!(f.browser.firefox, None);
    assert_eq!(f.cause.kind.as_str(), "unknown");
    assert!(f.summary.contains("Firefox (in ru)"), "{}", f.summary);
    assert!(
        f.evidence.iter().any(|e| e.contains("что-то новое")),
        "{:?}",
        f.evidence
    );
}

/// Firefox's Content-Security-Policy and mixed-content lines in other languages (not CORS, and
/// said so): the finding the English line gives.
#[test]
fn translated_csp_and_mixed_content_lines_give_the_english_findings() {
    let api = "http://api.localhost:8080/mode/rest-no-options";
    let csp_en = format!("Content-Security-Policy: The page’s settings blocked the loading of a resource (connect-src) at {api} because it violates the following directive: “connect-src 'self'”");
    let csp = [
        format!("Content-Security-Policy: Die Einstellungen der Seite haben das Laden einer Ressource (connect-src) auf {api} blockiert, da sie gegen folgende Direktive verstößt: \"connect-src 'self'\""),
        format!("Content-Security-Policy: ページの設定により {api} のリソース (connect-src) の読み込みをブロックしました。次のディレクティブに違反しています: “connect-src 'self'”"),
        format!("Content-Security-Policy: De instellingen van de pagina hebben het laden van een bron (connect-src) op {api} geblokkeerd, omdat deze in strijd is met de volgende instructie: ‘connect-src 'self'’"),
        format!("Content-Security-Policy : Les paramètres de la page ont empêché le chargement d’une ressource (connect-src) à l’adresse {api} car elle enfreint la directive suivante : « connect-src 'self' »"),
        format!("Content-Security-Policy：由于违反下列指令：“connect-src 'self'”，此页面的设置已阻止加载一项位于 {api} 的资源（connect-src）"),
        format!("Content-Security-Policy: Параметры страницы заблокировали загрузку ресурса (connect-src) на {api}, поскольку это нарушает следующую директиву: «connect-src 'self'»"),
    ];
    let mixed_url = "http://api.example.com/v1/items";
    let mixed_en = format!("Blocked loading mixed active content “{mixed_url}”");
    let mixed = [
        format!("Laden von gemischten aktiven Inhalten \"{mixed_url}\" wurde blockiert."),
        format!("混在アクティブコンテンツ “{mixed_url}” の読み込みをブロックしました"),
        format!("Заблокирована загрузка смешанного активного содержимого «{mixed_url}»"),
    ];
    for (english, translated) in [(&csp_en, &csp[..]), (&mixed_en, &mixed[..])] {
        let e = report(english);
        let e = &e.findings[0];
        for line in translated {
            assert_eq!(detect(line), Some(InputKind::ConsoleError), "{line}");
            let r = report(&format!("12:00:01.250 {line}"));
            assert_eq!(r.findings.len(), 1, "{line}");
            let f = &r.findings[0];
            assert_eq!(f.cause.kind, e.cause.kind, "{line}");
            assert_eq!(f.request.url, e.request.url, "{line}");
            assert_eq!(f.summary, e.summary, "{line}");
            assert!(
                f.evidence.iter().any(|x| x.contains(line.as_str())),
                "the pasted words are evidence: {:?}",
                f.evidence
            );
        }
    }
}

/// Older Firefox versions' wordings in German, Chinese (three), Portuguese (two), English and French, as real reports quote
/// them (the sources are named in the .properties files): each gives its key.
#[test]
fn older_translated_wordings_from_real_reports_read() {
    for (line, key) in [
        ("Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Preflight-Kanal war nicht erfolgreich).", FirefoxKey::CORSPreflightDidNotSucceed3),
        ("Quellübergreifende (Cross-Origin) Anfrage blockiert: Die Gleiche-Quelle-Regel verbietet das Lesen der externen Ressource auf https://api.example.com/v1/items. (Grund: CORS-Anschlag schlug fehl).", FirefoxKey::CORSDidNotSucceed2),
        ("已阻止跨源请求：同源策略禁止读取位于 https://api.example.com/v1/items 的远程资源。（原因：CORS 头缺少 'Access-Control-Allow-Origin'）。", FirefoxKey::CORSMissingAllowOrigin2),
        ("已拦截跨源请求：同源策略禁止读取位于 https://api.example.com/v1/items 的远程资源。（原因：CORS 预检通道未成功）", FirefoxKey::CORSPreflightDidNotSucceed3),
        ("Requisição cross-origin bloqueada: A política de mesma origem (Same Origin Policy) impede a leitura do recurso remoto em https://api.example.com/v1/items. (Motivo: a pré-conexão CORS falhou).", FirefoxKey::CORSPreflightDidNotSucceed3),
        ("Requisição cross-origin bloqueada: A política de mesma origem (Same Origin Policy) impede a leitura do recurso remoto em https://api.example.com/v1/items. (Motivo: o cabeçalho CORS 'Access-Control-Allow-Origin' não está presente).", FirefoxKey::CORSMissingAllowOrigin2),
        ("已封鎖跨來源請求: 同源政策不允許讀取 https://api.example.com/v1/items 的遠端資源。（原因: CORS 請求失敗）。", FirefoxKey::CORSDidNotSucceed2),
        ("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/items. (Reason: CORS request failed).", FirefoxKey::CORSDidNotSucceed2),
        ("Blocage d’une requête multiorigines (Cross-Origin Request) : la politique « Same Origin » ne permet pas de consulter la ressource distante située sur https://api.example.com/v1/items. Raison : la requête CORS n’utilise pas http.", FirefoxKey::CORSRequestNotHttp),
    ] {
        let r = report(line);
        let f = &r.findings[0];
        assert_eq!(f.browser.firefox.as_deref(), Some(key.name()), "{line}");
        assert_eq!(f.request.url, URL, "{line}");
    }
}

/// Two messages a copy ran together on one line (no line break between them, as pasted
/// from some consoles and chats): each is its own finding, in every language here and in
/// English, with its own URL and key.
#[test]
fn messages_run_together_on_one_line_read_as_two() {
    let all = lines();
    for (lang, key, line) in &all {
        let other = all
            .iter()
            .find(|(l, k, _)| l == lang && k != key)
            .map(|(_, k, s)| (*k, s.replace("/v1/items", "/v1/other")));
        let Some((key2, second)) = other else {
            continue;
        };
        let joined = format!("{}{second}", line.trim_end());
        let r = report(&joined);
        assert_eq!(r.findings.len(), 2, "{lang}: {joined}");
        assert_eq!(r.findings[0].request.url, URL, "{lang}");
        assert_eq!(
            r.findings[1].request.url, "https://api.example.com/v1/other",
            "{lang}"
        );
        assert_eq!(r.findings[0].browser.firefox.as_deref(), Some(key.name()));
        assert_eq!(r.findings[1].browser.firefox.as_deref(), Some(key2.name()));
    }
    let a = firefox_console(FirefoxKey::CORSMissingAllowOrigin2, URL, None, Some(403));
    let b = firefox_console(
        FirefoxKey::CORSDidNotSucceed2,
        "https://api.example.com/v1/other",
        None,
        None,
    );
    let r = report(&format!("{a}{b}"));
    assert_eq!(r.findings.len(), 2, "{a}{b}");
    assert_eq!(r.findings[0].cause.status, Some(403));
}

/// Dutch's opening holds a shorter variant of itself ("Origin-aanvraag geblokkeerd…" inside
/// "Cross-Origin-aanvraag geblokkeerd…"): one message, not two.
#[test]
fn an_opening_inside_another_is_one_message() {
    let nl = "Cross-Origin-aanvraag geblokkeerd: de Same Origin Policy staat het lezen van de externe bron op https://api.example.com/v1/items niet toe. (Reden: CORS-header ‘Access-Control-Allow-Origin’ ontbreekt). Statuscode: 204.";
    let r = report(nl);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].request.url, URL);
    assert_eq!(
        r.findings[0].browser.firefox.as_deref(),
        Some("CORSMissingAllowOrigin2")
    );
    let twice = format!("{nl}{}", nl.replace("/v1/items", "/v1/other"));
    assert_eq!(report(&twice).findings.len(), 2);
}

/// Firefox's warning (Authorization under `Access-Control-Allow-Headers: *`) beside the
/// preflight's headers: no block, the warning once (the warning alone:
/// tests/console_real.rs `firefox_authorization_wildcard_warning_is_no_block`).
#[test]
fn firefox_warning_for_authorization_under_a_wildcard_is_no_block() {
    let warning = "Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at https://api.example.com/items soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).\n";
    // With the preflight's headers, the same (and the warning once).
    let headers = "OPTIONS /items HTTP/1.1\nHost: api.example.com\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: authorization\n\nHTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: *\n";
    let r = report(&format!("{warning}\n{headers}"));
    let f = only(&r);
    assert!(!f.browser.blocked);
    assert_eq!(
        f.warnings
            .iter()
            .filter(|w| w.contains("Safari blocks this request"))
            .count(),
        1,
        "{:?}",
        f.warnings
    );
    // Firefox's block for a missing Allow-Origin stays a block.
    let r = report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 429.\n");
    assert!(only(&r).browser.blocked);
}
