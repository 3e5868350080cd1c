//! The browsers' wording tables: Chrome sentences, Firefox keys and lines, Safari phrases.
use whycors::browser_text::*;
use whycors::verdict::CorsError;

const FETCH: ChromeCtx = ChromeCtx {
    initiator: Initiator::Fetch,
};
const XHR: ChromeCtx = ChromeCtx {
    initiator: Initiator::Xhr,
};

#[test]
fn every_error_has_a_chrome_sentence_that_parses_back() {
    for err in CorsError::ALL {
        // A sentence with two parameters (the address spaces) takes them as "first, second".
        let param = if chrome_template(err).matches("{}").count() == 2 {
            "P-1, P-2"
        } else {
            "P-1"
        };
        let s = chrome_reason(err, Some(param), &FETCH);
        assert!(!s.contains(", P-2"), "{err:?}: {s:?}");
        assert!(s.len() > 20, "{err:?}: {s:?}");
        assert!(s.ends_with('.'), "{err:?}: {s:?}");
        assert!(!s.contains("{}"), "{err:?}: {s:?}");
        let full = if chrome_has_preflight_prefix(err) {
            format!("{CHROME_PREFLIGHT_PREFIX}{s}")
        } else {
            s.clone()
        };
        let back = parse_chrome_reason(&full).unwrap_or_else(|| panic!("{err:?} does not parse"));
        // Retired names share their successor's sentence: they read back as the current name.
        assert_eq!(
            chrome_template(back.error),
            chrome_template(err),
            "{err:?} read back as {:?}",
            back.error
        );
        assert_eq!(
            chrome_has_preflight_prefix(back.error),
            chrome_has_preflight_prefix(err)
        );
        if chrome_template(err).contains("{}") && err != CorsError::CorsDisabledScheme {
            assert_eq!(back.failed_parameter.as_deref(), Some(param), "{err:?}");
        } else {
            assert_eq!(back.failed_parameter, None, "{err:?}");
        }
    }
    // The current names win over the retired ones.
    let back = parse_chrome_reason(&chrome_reason(
        CorsError::InsecurePrivateNetwork,
        None,
        &FETCH,
    ));
    assert_eq!(back.map(|b| b.error), Some(CorsError::InsecureLocalNetwork));
}

/// A sentence cut short past its value, its last clause left out as people paste it,
/// reads as the one reason it starts; a cut any two reasons share reads as none of them,
/// never as the wrong one.
#[test]
fn chrome_sentences_cut_short_read_as_the_one_they_start() {
    let acac = "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'";
    for cut in [
        acac.to_string(),
        format!("{acac}."),
        format!("{CHROME_PREFLIGHT_PREFIX}{acac}"),
    ] {
        let r = parse_chrome_reason(&cut).unwrap_or_else(|| panic!("{cut}"));
        let want = if cut.starts_with(CHROME_PREFLIGHT_PREFIX) {
            CorsError::PreflightInvalidAllowCredentials
        } else {
            CorsError::InvalidAllowCredentials
        };
        assert_eq!(r.error, want, "{cut}");
        assert_eq!(r.failed_parameter.as_deref(), Some(""));
    }
    let wildcard = "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode";
    assert_eq!(
        parse_chrome_reason(wildcard).map(|r| r.error),
        Some(CorsError::WildcardOriginNotAllowed)
    );
    // Every sentence cut anywhere in its last third: the same reason or none.
    let mut read = 0;
    for err in CorsError::ALL {
        let mut s = chrome_reason(err, Some("P-1"), &FETCH);
        if chrome_has_preflight_prefix(err) {
            s = format!("{CHROME_PREFLIGHT_PREFIX}{s}");
        }
        for (i, _) in s.char_indices().skip(s.chars().count() * 2 / 3) {
            let cut = &s[..i];
            if let Some(r) = parse_chrome_reason(cut) {
                assert_eq!(
                    chrome_template(r.error),
                    chrome_template(err),
                    "{err:?}: {cut}"
                );
                read += 1;
            }
        }
    }
    assert!(read > 100, "{read}");
    // Cut inside the hint Chromium appends: the sentence before it is whole.
    let cut = "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains multiple values 'https://a.example,http://localhost:3001', but only one is allowed. Have the server send the header with a v";
    let r = parse_chrome_reason(cut).expect("cut in the hint");
    assert_eq!(r.error, CorsError::PreflightMultipleAllowOriginValues);
    assert_eq!(
        r.failed_parameter.as_deref(),
        Some("https://a.example,http://localhost:3001")
    );
    // A start many reasons share is none of them.
    assert!(
        parse_chrome_reason("Response to preflight request doesn't pass access control check")
            .is_none()
    );
}

/// DevTools' source link copied along with the message (after spaces, in brackets, or
/// glued to its last period) is not part of Chromium's sentence: every sentence still
/// reads back, with its parameter; a sentence's own words are never taken for a link.
#[test]
fn chrome_sentences_read_back_with_a_source_link_copied_along() {
    for err in CorsError::ALL {
        let param = if chrome_template(err).matches("{}").count() == 2 {
            "P-1, P-2"
        } else {
            "P-1"
        };
        let s = chrome_reason(err, Some(param), &FETCH);
        let full = if chrome_has_preflight_prefix(err) {
            format!("{CHROME_PREFLIGHT_PREFIX}{s}")
        } else {
            s.clone()
        };
        for link in [
            "  app.js:45",
            "        dashboard:1",
            " VM1234:3:17",
            " [http://localhost:3000/]",
            " [http://localhost:3000/static/js/main.chunk.js:212]",
            "localhost/:1",
            "(index):1",
            "main.8f3a1c.js:2:4417",
        ] {
            let text = format!("{full}{link}");
            let back = parse_chrome_reason(&text)
                .unwrap_or_else(|| panic!("{err:?} with {link:?} does not parse: {text}"));
            assert_eq!(chrome_template(back.error), chrome_template(err), "{text}");
            if chrome_template(err).contains("{}") && err != CorsError::CorsDisabledScheme {
                assert_eq!(back.failed_parameter.as_deref(), Some(param), "{text}");
            }
        }
    }
    // Not a link: a number after a colon with nothing before it, or words.
    assert!(parse_chrome_reason(
        "No 'Access-Control-Allow-Origin' header is present on the requested resource. :12"
    )
    .is_none());
    assert!(parse_chrome_reason(
        "No 'Access-Control-Allow-Origin' header is present on the requested resource. see the docs"
    )
    .is_none());
}

#[test]
fn known_chrome_sentences() {
    assert_eq!(
        chrome_reason(CorsError::MissingAllowOriginHeader, None, &XHR),
        "No 'Access-Control-Allow-Origin' header is present on the requested resource."
    );
    assert_eq!(
        chrome_reason(CorsError::MissingAllowOriginHeader, None, &FETCH),
        "No 'Access-Control-Allow-Origin' header is present on the requested resource."
    );
    assert_eq!(
        chrome_reason(CorsError::AllowOriginMismatch, Some("https://a.example/"), &FETCH),
        "The 'Access-Control-Allow-Origin' header has a value 'https://a.example/' that is not equal to the supplied origin. Have the server send the header with a valid value."
    );
    assert_eq!(
        chrome_reason(CorsError::AllowOriginMismatch, Some("https://a.example/"), &XHR),
        "The 'Access-Control-Allow-Origin' header has a value 'https://a.example/' that is not equal to the supplied origin."
    );
    assert_eq!(
        chrome_reason(CorsError::WildcardOriginNotAllowed, Some("*"), &FETCH),
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
    );
    assert_eq!(
        chrome_reason(CorsError::WildcardOriginNotAllowed, Some("*"), &XHR),
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute."
    );
    assert_eq!(
        chrome_reason(CorsError::InvalidAllowCredentials, None, &FETCH),
        "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."
    );
    assert_eq!(
        chrome_reason(CorsError::PreflightInvalidStatus, None, &FETCH),
        "It does not have HTTP ok status."
    );
    assert_eq!(
        chrome_reason(CorsError::PreflightDisallowedRedirect, None, &FETCH),
        "Redirect is not allowed for a preflight request."
    );
    assert_eq!(
        chrome_reason(
            CorsError::MethodDisallowedByPreflightResponse,
            Some("patch"),
            &FETCH
        ),
        "Method patch is not allowed by Access-Control-Allow-Methods in preflight response."
    );
    assert_eq!(
        chrome_reason(CorsError::HeaderDisallowedByPreflightResponse, Some("authorization"), &FETCH),
        "Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response."
    );
    assert_eq!(
        chrome_reason(
            CorsError::InvalidAllowMethodsPreflightResponse,
            None,
            &FETCH
        ),
        "Cannot parse Access-Control-Allow-Methods response header field in preflight response."
    );
    assert_eq!(
        chrome_reason(CorsError::MultipleAllowOriginValues, Some("https://a.example, https://a.example"), &FETCH),
        "The 'Access-Control-Allow-Origin' header contains multiple values 'https://a.example, https://a.example', but only one is allowed. Have the server send the header with a valid value."
    );
    // The preflight variants say the same as the response ones.
    assert_eq!(
        chrome_reason(CorsError::PreflightAllowOriginMismatch, Some("x"), &FETCH),
        chrome_reason(CorsError::AllowOriginMismatch, Some("x"), &FETCH)
    );
}

#[test]
fn chrome_console_lines() {
    assert_eq!(
        chrome_console(
            CorsError::PreflightMissingAllowOriginHeader,
            None,
            "https://api.example.com/items",
            "https://app.example.com",
            None,
            Initiator::Fetch
        ),
        "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
    );
    assert_eq!(
        chrome_console(
            CorsError::AllowOriginMismatch,
            Some("https://login.example.net"),
            "https://login.example.net/sso",
            "https://app.example.com",
            Some("https://api.example.com/me"),
            Initiator::Xhr
        ),
        "Access to XMLHttpRequest at 'https://login.example.net/sso' (redirected from 'https://api.example.com/me') from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://login.example.net' that is not equal to the supplied origin."
    );
    // Method/header sentences carry no preflight prefix.
    let s = chrome_console(
        CorsError::HeaderDisallowedByPreflightResponse,
        Some("x-id"),
        "https://a.example/",
        "https://b.example",
        None,
        Initiator::Fetch,
    );
    assert!(s.ends_with("blocked by CORS policy: Request header field x-id is not allowed by Access-Control-Allow-Headers in preflight response."));
    // What the console reader sees comes back whole.
    let parsed = whycors::input::console::read(&s).unwrap();
    let o = parsed[0].observed.as_ref().unwrap();
    assert_eq!(
        o.cors_error.as_deref(),
        Some("HeaderDisallowedByPreflightResponse")
    );
    assert_eq!(o.failed_parameter.as_deref(), Some("x-id"));
}

#[test]
fn firefox_mapping_for_chromium_errors() {
    use CorsError::*;
    use FirefoxKey as F;
    let expect = [
        (WildcardOriginNotAllowed, F::CORSNotSupportingCredentials),
        (
            PreflightWildcardOriginNotAllowed,
            F::CORSNotSupportingCredentials,
        ),
        (MissingAllowOriginHeader, F::CORSMissingAllowOrigin2),
        (
            PreflightMissingAllowOriginHeader,
            F::CORSMissingAllowOrigin2,
        ),
        (
            MultipleAllowOriginValues,
            F::CORSMultipleAllowOriginNotAllowed,
        ),
        (
            PreflightMultipleAllowOriginValues,
            F::CORSMultipleAllowOriginNotAllowed,
        ),
        (InvalidAllowOriginValue, F::CORSAllowOriginNotMatchingOrigin),
        (
            PreflightInvalidAllowOriginValue,
            F::CORSAllowOriginNotMatchingOrigin,
        ),
        (AllowOriginMismatch, F::CORSAllowOriginNotMatchingOrigin),
        (
            PreflightAllowOriginMismatch,
            F::CORSAllowOriginNotMatchingOrigin,
        ),
        (InvalidAllowCredentials, F::CORSMissingAllowCredentials),
        (
            PreflightInvalidAllowCredentials,
            F::CORSMissingAllowCredentials,
        ),
        (CorsDisabledScheme, F::CORSRequestNotHttp),
        (PreflightInvalidStatus, F::CORSPreflightDidNotSucceed3),
        (
            PreflightDisallowedRedirect,
            F::CORSExternalRedirectNotAllowed,
        ),
        (
            InvalidAllowMethodsPreflightResponse,
            F::CORSInvalidAllowMethod,
        ),
        (
            InvalidAllowHeadersPreflightResponse,
            F::CORSInvalidAllowHeader,
        ),
        (MethodDisallowedByPreflightResponse, F::CORSMethodNotFound),
        (
            HeaderDisallowedByPreflightResponse,
            F::CORSMissingAllowHeaderFromPreflight2,
        ),
        (InvalidResponse, F::CORSDidNotSucceed2),
    ];
    for (err, key) in expect {
        assert_eq!(firefox_for(err), Some(key), "{err:?}");
    }
    // Firefox has no private/local network access checks.
    assert_eq!(firefox_for(PreflightMissingAllowExternal), None);
    assert_eq!(firefox_for(LocalNetworkAccessPermissionDenied), None);
    assert_eq!(firefox_for(DisallowedByMode), None);
}

#[test]
fn firefox_lines_and_keys() {
    assert_eq!(
        firefox_console(
            FirefoxKey::CORSMissingAllowOrigin2,
            "https://api.example.com/items",
            None,
            Some(429)
        ),
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 429."
    );
    assert_eq!(
        firefox_console(
            FirefoxKey::CORSAllowOriginNotMatchingOrigin,
            "https://a.example/x",
            Some("https://b.example"),
            Some(200)
        ),
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://b.example’)."
    );
    assert!(firefox_console(
        FirefoxKey::CORSAllowHeaderFromPreflightDeprecation,
        "https://a.example/",
        None,
        None
    )
    .starts_with("Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at https://a.example/ soon. (Reason: When the `Access-Control-Allow-Headers` is `*`"));
    for key in FirefoxKey::ALL {
        assert_eq!(FirefoxKey::from_name(key.name()), Some(key));
        let reason = key.reason_template().replace("{}", "v");
        let (back, param) = parse_firefox_reason(&reason).unwrap();
        assert_eq!(back, key);
        assert_eq!(param.is_some(), key.reason_template().contains("{}"));
    }
    // The old wording without a status code.
    assert_eq!(
        parse_firefox_reason("CORS preflight channel did not succeed").map(|r| r.0),
        Some(FirefoxKey::CORSPreflightDidNotSucceed3)
    );
    assert_eq!(
        chrome_for_firefox(FirefoxKey::CORSMissingAllowOrigin2),
        None
    );
    assert_eq!(
        chrome_for_firefox(FirefoxKey::CORSMethodNotFound),
        Some(CorsError::MethodDisallowedByPreflightResponse)
    );
}

#[test]
fn safari_phrases() {
    assert_eq!(
        parse_safari("Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 429"),
        Some(SafariMessage::OriginNotAllowed {
            origin: "https://app.example.com".into(),
            status: Some(429)
        })
    );
    assert_eq!(
        parse_safari("Preflight response is not successful. Status code: 403"),
        Some(SafariMessage::PreflightNotSuccessful { status: Some(403) })
    );
    assert_eq!(
        parse_safari("Fetch API cannot load https://a.example/x due to access control checks."),
        Some(SafariMessage::CannotLoad {
            url: "https://a.example/x".into(),
            api: "Fetch API".into()
        })
    );
    let m = parse_safari(
        "Request header field authorization is not allowed by Access-Control-Allow-Headers.",
    )
    .unwrap();
    assert_eq!(
        m.chrome_error(),
        Some((
            CorsError::HeaderDisallowedByPreflightResponse,
            Some("authorization".into())
        ))
    );
    assert_eq!(
        parse_safari(
            "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true."
        )
        .and_then(|m| m.chrome_error())
        .map(|e| e.0),
        Some(CorsError::WildcardOriginNotAllowed)
    );
    assert_eq!(parse_safari("Something else entirely."), None);
}

#[test]
fn safari_redirect_and_list_phrases() {
    // A redirect whose response failed the CORS check carries the check's words.
    let m = parse_safari("Cross-origin redirection to https://login.example/a denied by Cross-Origin Resource Sharing policy: Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.").unwrap();
    match &m {
        SafariMessage::RedirectDenied { target, inner, .. } => {
            assert_eq!(target, "https://login.example/a");
            assert_eq!(
                inner.as_deref(),
                Some(&SafariMessage::WildcardWithCredentials)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        m.chrome_error().map(|e| e.0),
        Some(CorsError::WildcardOriginNotAllowed)
    );
    let m = parse_safari("Cross-origin redirection to https://x.example/ denied by Cross-Origin Resource Sharing policy: Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 301").unwrap();
    assert_eq!(m.status(), Some(301));
    // Safari does not tell a missing header from another origin: no Chromium name.
    assert_eq!(m.chrome_error(), None);
    let m = parse_safari("Cross-origin redirection to ftp://files.example/a denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme").unwrap();
    assert_eq!(m.chrome_error(), None);
    assert_eq!(
        parse_safari("Header Access-Control-Allow-Methods has an invalid value: GET POST")
            .and_then(|m| m.chrome_error()),
        Some((
            CorsError::InvalidAllowMethodsPreflightResponse,
            Some("GET POST".into())
        ))
    );
    for (line, initiator) in [
        (
            "XMLHttpRequest cannot load https://a.example/x due to access control checks.",
            Some(Initiator::Xhr),
        ),
        (
            "EventSource cannot load https://a.example/x due to access control checks.",
            Some(Initiator::Other),
        ),
        (
            "Cannot load https://a.example/x due to access control checks.",
            None,
        ),
    ] {
        let m = parse_safari(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(m.initiator(), initiator, "{line}");
    }
}
