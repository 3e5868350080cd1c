//! The browsers' words about a cookie they would not store or send — Chrome's DevTools
//! tooltips ("This Set-Cookie didn't specify a "SameSite" attribute, was defaulted to
//! "SameSite=Lax", and was blocked …"), its old console warning ("A cookie associated with a
//! cross-site resource … was set without the `SameSite` attribute"), Firefox's console
//! ("Cookie “x” has been rejected because it is in a cross-site context …") — pasted as if
//! they were a CORS failure. They are not: the request went through CORS, and the cookie
//! rules decided alone. What each means, and the setting that fixes it in the stack the
//! paste names.

use crate::exchange::Stack;

/// The cookie rule a browser applied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Rule {
    /// No SameSite: taken as Lax, and the response or request was cross-site.
    LaxByDefault,
    /// SameSite=Lax or Strict written, and the response or request was cross-site.
    LaxOrStrict,
    /// SameSite=None without Secure.
    NoneWithoutSecure,
    /// Secure, over http://.
    SecureOverHttp,
    /// A Domain attribute that is not the host or a parent of it.
    InvalidDomain,
    /// Third-party cookies blocked by the browser's settings.
    ThirdPartyBlocked,
}

/// The browsers' sentences (lower case, quotes and backticks as plain `"`), and the rule.
const SAID: [(&str, Rule); 16] = [
    (
        "didn't specify a \"samesite\" attribute",
        Rule::LaxByDefault,
    ),
    (
        "did not specify a \"samesite\" attribute",
        Rule::LaxByDefault,
    ),
    (
        "was set without the \"samesite\" attribute",
        Rule::LaxByDefault,
    ),
    (
        "had the \"samesite=none\" attribute but did not have the \"secure\" attribute",
        Rule::NoneWithoutSecure,
    ),
    (
        "had the \"samesite=none\" attribute but was not marked \"secure\"",
        Rule::NoneWithoutSecure,
    ),
    (
        "has the \"samesite=none\" attribute but is missing the \"secure\" attribute",
        Rule::NoneWithoutSecure,
    ),
    (
        "attribute set to \"none\" or an invalid value, without the \"secure\" attribute",
        Rule::NoneWithoutSecure,
    ),
    (
        "attribute but came from a cross-site response",
        Rule::LaxOrStrict,
    ),
    (
        "attribute and the request was made from a different site",
        Rule::LaxOrStrict,
    ),
    (
        "attribute but the request was cross-site",
        Rule::LaxOrStrict,
    ),
    (
        "is in a cross-site context and its \"samesite\" is \"lax\" or \"strict\"",
        Rule::LaxOrStrict,
    ),
    (
        "had the \"secure\" attribute but was not received over a secure connection",
        Rule::SecureOverHttp,
    ),
    (
        "domain attribute was invalid with regards to the current host url",
        Rule::InvalidDomain,
    ),
    ("has been rejected for invalid domain", Rule::InvalidDomain),
    (
        "cookie was blocked due to user preferences",
        Rule::ThirdPartyBlocked,
    ),
    (
        "is foreign and does not have the \"partitioned\" attribute",
        Rule::ThirdPartyBlocked,
    ),
];

/// A line's text as compared: lower case, every quote and backtick a plain `"`.
fn plain(l: &str) -> String {
    l.to_lowercase()
        .replace(
            [
                '`', '\u{201c}', '\u{201d}', '\u{201e}', '\u{2018}', '\u{2019}',
            ],
            "\"",
        )
        .replace("\"\"", "\"")
}

/// The cookie rule said in `input`, at its 1-based line, with what to do.
pub(super) fn explain(input: &str) -> Option<(usize, String)> {
    let lower = input.to_ascii_lowercase();
    if !lower.contains("cookie") {
        return None;
    }
    let (line, rule, text) = input.lines().enumerate().find_map(|(i, l)| {
        let p = plain(l);
        // Storing one (Chrome's Set-Cookie tooltips, Firefox's "rejected"), sending one
        // (Chrome's "This cookie was blocked …", "… when it was stored"), or either (the old
        // console warning).
        let set_attempt = if p.contains("set-cookie")
            || p.contains("attempt to set a cookie")
            || p.contains("has been rejected")
            || p.contains("rejected because")
        {
            Some(true)
        } else if p.contains("this cookie") || p.contains("when it was stored") {
            Some(false)
        } else {
            None
        };
        SAID.iter()
            .find(|(s, _)| p.contains(s))
            .map(|(_, r)| (i + 1, *r, (p.clone(), set_attempt)))
            .or_else(|| {
                // Chrome's user-preference block of setting one.
                (p.contains("set-cookie") && p.contains("blocked due to user preferences"))
                    .then_some((i + 1, Rule::ThirdPartyBlocked, (p.clone(), Some(true))))
            })
    })?;
    let (p, storing) = text;
    let scheme = p.contains("has a different scheme than the current site");
    let stacks = super::stack::named(input);
    let setting = cookie_setting(&stacks);
    let send = "the page's call must send credentials (fetch: credentials: 'include'; axios: withCredentials: true), and the API answer it with Access-Control-Allow-Credentials: true and the page's exact origin";
    let what = match storing {
        Some(true) => "refused to store the cookie this response set",
        Some(false) => "did not send the cookie with this request",
        None => "neither stores nor sends this cookie across sites",
    };
    let scheme_note = if scheme {
        " Here the page and the URL differ in scheme (http:// and https://), and for cookies that alone makes them different sites (schemeful same-site): serve both over https://."
    } else {
        ""
    };
    let body = match rule {
        Rule::LaxByDefault => format!(
            "the browser {what}, not a CORS failure: the cookie has no SameSite attribute, so it counts as SameSite=Lax, and the page is on another site than the API (a cross-site fetch, not a page navigation), where Lax cookies are neither stored nor sent.{scheme_note} Set the cookie with SameSite=None; Secure ({setting}), which needs the API on https:// (http://localhost counts as secure in Chrome); or put the page and the API on one site (subdomains of one registrable domain, same scheme) so the cookie is first-party. And {send}"
        ),
        Rule::LaxOrStrict => format!(
            "the browser {what}, not a CORS failure: the cookie's SameSite=Lax or Strict keeps it to requests from its own site, and the page is on another site than the API.{scheme_note} Set it with SameSite=None; Secure ({setting}) for a cross-site API, or serve the page and the API on one site (subdomains of one registrable domain, same scheme). And {send}"
        ),
        Rule::NoneWithoutSecure => format!(
            "the browser {what}, not a CORS failure: SameSite=None is only accepted with Secure. Add Secure ({setting}); the API must then be on https:// (or http://localhost in Chrome). Behind a proxy that ends TLS, the framework sets Secure only when it trusts X-Forwarded-Proto (Express: app.set('trust proxy', 1); Django: SECURE_PROXY_SSL_HEADER; ASP.NET Core: UseForwardedHeaders)"
        ),
        Rule::SecureOverHttp => "the browser refused to store the cookie, not a CORS failure: it is marked Secure and came over http://. Call the API over https:// (a Secure cookie over plain http is only accepted from localhost), or drop Secure in development only".to_string(),
        Rule::InvalidDomain => "the browser refused to store the cookie, not a CORS failure: its Domain attribute is not the responding host or a parent domain of it (a server cannot set cookies for another site). Give the API's own host, or the parent domain the page and the API share (Domain=example.com for api.example.com and app.example.com; Laravel Sanctum: SESSION_DOMAIN=.example.com; Django: SESSION_COOKIE_DOMAIN = '.example.com'), or leave Domain out for a host-only cookie. localhost and 127.0.0.1 are different hosts: call the API by the name the page uses".to_string(),
        Rule::ThirdPartyBlocked => format!(
            "the browser {what} because it blocks third-party cookies (the user's settings, Chrome's tracking protection, Safari's and Firefox's defaults), not a CORS failure: no response header changes that. Put the API on the page's own site (a subdomain of the page's registrable domain, or a path the page's host proxies) so its cookie is first-party; or send a token in the Authorization header instead of a cookie; a cookie with the Partitioned attribute (CHIPS) is kept per top-level site where the browser supports it"
        ),
    };
    Some((line, format!("a cookie rule, {body}")))
}

/// Where the stack the paste names sets SameSite=None and Secure.
fn cookie_setting(stacks: &[Stack]) -> &'static str {
    for s in stacks {
        let said = match s {
            Stack::Express => "express-session: cookie: { sameSite: 'none', secure: true }; res.cookie(name, value, { sameSite: 'none', secure: true })",
            Stack::Django => "Django: SESSION_COOKIE_SAMESITE = 'None', SESSION_COOKIE_SECURE = True, and CSRF_COOKIE_SAMESITE / CSRF_COOKIE_SECURE alike",
            Stack::Laravel => "Laravel: SESSION_SAME_SITE=none and SESSION_SECURE_COOKIE=true (config/session.php)",
            Stack::Rails => "Rails: config.session_store :cookie_store, key: '_app_session', same_site: :none, secure: true",
            Stack::AspNetCore => "ASP.NET Core: options.Cookie.SameSite = SameSiteMode.None; options.Cookie.SecurePolicy = CookieSecurePolicy.Always",
            Stack::Spring => "Spring Boot: server.servlet.session.cookie.same-site=none and server.servlet.session.cookie.secure=true",
            Stack::Flask => "Flask: SESSION_COOKIE_SAMESITE='None', SESSION_COOKIE_SECURE=True",
            Stack::FastApi => "FastAPI: response.set_cookie(..., samesite='none', secure=True); SessionMiddleware(same_site='none', https_only=True)",
            Stack::Go => "Go: http.Cookie{SameSite: http.SameSiteNoneMode, Secure: true}",
            Stack::Php => "PHP: session_set_cookie_params(['samesite' => 'None', 'secure' => true])",
            _ => continue,
        };
        return said;
    }
    "Set-Cookie: name=value; Path=/; Secure; HttpOnly; SameSite=None"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_from_each_browser() {
        let chrome_lax = "set-cookie: _s=abc; path=/; HttpOnly\n\nThis Set-Cookie didn't specify a \"SameSite\" attribute, was defaulted to \"SameSite=Lax\", and was blocked because it came from a cross-site response which was not the response to a top-level navigation. This response is considered cross-site because the URL has a different scheme than the current site.";
        let (line, text) = explain(chrome_lax).unwrap();
        assert_eq!(line, 3);
        assert!(text.contains("refused to store"), "{text}");
        assert!(text.contains("schemeful same-site"), "{text}");
        let old = "A cookie associated with a cross-site resource at http://api.example.com/ was set without the `SameSite` attribute. A future release of Chrome will only deliver cookies with cross-site requests if they are set with `SameSite=None` and `Secure`.";
        assert!(explain(old).unwrap().1.contains("counts as SameSite=Lax"));
        let firefox = "Cookie “connect.sid” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.";
        assert!(explain(firefox)
            .unwrap()
            .1
            .contains("SameSite=Lax or Strict"));
        let none = "This attempt to set a cookie via a Set-Cookie header was blocked because it had the \"SameSite=None\" attribute but did not have the \"Secure\" attribute, which is required in order to use \"SameSite=None\".\nWe use Express with express-session.";
        let t = explain(none).unwrap().1;
        assert!(
            t.contains("only accepted with Secure") && t.contains("express-session"),
            "{t}"
        );
        let domain = "This attempt to set a cookie via a Set-Cookie header was blocked because its Domain attribute was invalid with regards to the current host url.";
        assert!(explain(domain).unwrap().1.contains("Domain attribute"));
        let third = "This cookie was blocked due to user preferences.";
        assert!(explain(third).unwrap().1.contains("third-party cookies"));
        let django = "Django 4.2\nThis cookie was blocked because it had the \"SameSite=Lax\" attribute and the request was made from a different site and was not initiated by a top-level navigation.";
        let t = explain(django).unwrap().1;
        assert!(
            t.contains("did not send") && t.contains("SESSION_COOKIE_SAMESITE"),
            "{t}"
        );
        // Words about cookies without the browser's sentence: nothing.
        assert!(explain("my cookie is not sent with the CORS request").is_none());
    }
}
