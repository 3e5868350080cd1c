//! Sign-in redirects: a `Location` that goes to an identity provider's or an
//! authenticating proxy's login page. Such a redirect on a preflight means the API sits
//! behind sign-in that does not let OPTIONS through (a preflight never carries cookies or
//! tokens); on the request itself, that it carried no valid session.

/// What sent the browser to sign in, from the redirect's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// Cloudflare Access (Zero Trust): `<team>.cloudflareaccess.com`, `/cdn-cgi/access/login`.
    CloudflareAccess,
    /// oauth2-proxy: `/oauth2/start`, `/oauth2/sign_in`.
    Oauth2Proxy,
    /// Google sign-in in front of the app (Identity-Aware Proxy): `accounts.google.com`.
    GoogleIap,
    /// An AWS load balancer's authenticate action with Cognito: `*.amazoncognito.com`.
    AwsCognito,
    /// Azure App Service Authentication ("Easy Auth"): `/.auth/login/…`.
    AzureAppServiceAuth,
    /// Microsoft Entra ID: `login.microsoftonline.com`, `login.windows.net`, `*.b2clogin.com`.
    MicrosoftEntra,
    /// Okta, Auth0, Keycloak: the IdP's authorize endpoint.
    Okta,
    Auth0,
    Keycloak,
    /// Another login page (`/login`, `/signin`, `/sso`, an OAuth `authorize` endpoint).
    Other,
}

impl SignIn {
    pub fn name(self) -> &'static str {
        match self {
            SignIn::CloudflareAccess => "Cloudflare Access",
            SignIn::Oauth2Proxy => "oauth2-proxy",
            SignIn::GoogleIap => "Google",
            SignIn::AwsCognito => "Amazon Cognito (a load balancer's authenticate action)",
            SignIn::AzureAppServiceAuth => "Azure App Service Authentication",
            SignIn::MicrosoftEntra => "Microsoft Entra ID",
            SignIn::Okta => "Okta",
            SignIn::Auth0 => "Auth0",
            SignIn::Keycloak => "Keycloak",
            SignIn::Other => "a sign-in page",
        }
    }

    /// Whose sign-in a URL is, as a sentence names it: "Okta's sign-in", "a sign-in endpoint".
    pub fn whose(self) -> String {
        match self {
            SignIn::Other => "a sign-in endpoint".to_string(),
            named => format!("{}'s sign-in", named.name()),
        }
    }

    /// An authenticating proxy in front of the app (not an identity provider the app itself
    /// sends users to), judged with the redirect's `location`: Google's and Cognito's sign-in
    /// pages serve apps' own OAuth flows too, so only their proxies' callbacks (IAP's,
    /// a load balancer's `/oauth2/idpresponse`) say a proxy sent it.
    pub fn fronts_the_app(self, location: &str) -> bool {
        match self {
            SignIn::CloudflareAccess | SignIn::Oauth2Proxy | SignIn::AzureAppServiceAuth => true,
            SignIn::GoogleIap => {
                location.contains("iap.googleapis.com") || location.contains("_gcp_iap")
            }
            SignIn::AwsCognito => location.contains("idpresponse"),
            _ => false,
        }
    }

    /// The proxy's name when it fronts the app ([`SignIn::fronts_the_app`]).
    pub fn proxy_name(self) -> &'static str {
        match self {
            SignIn::GoogleIap => "Google's Identity-Aware Proxy",
            SignIn::AwsCognito => "the load balancer's Cognito sign-in",
            other => other.name(),
        }
    }

    /// How to let preflights through this product without signing in.
    pub fn preflight_bypass(self) -> &'static str {
        match self {
            SignIn::CloudflareAccess => "in the Access application's CORS settings, turn on \"Bypass OPTIONS requests to origin\" (and let the origin answer with the CORS headers)",
            SignIn::Oauth2Proxy => "start oauth2-proxy with --skip-auth-preflight=true",
            SignIn::GoogleIap => "turn on IAP's allow_http_options (gcloud iap settings set, access_settings.cors_settings.allow_http_options: true)",
            SignIn::AwsCognito => "add a load balancer listener rule, before the authenticating one, that forwards HTTP method OPTIONS without the authenticate action",
            SignIn::AzureAppServiceAuth => "let unauthenticated requests through (unauthenticatedClientAction: AllowAnonymous, or Return401 for API calls) and check sign-in in the app, which then answers OPTIONS itself",
            _ => "exempt OPTIONS from the sign-in check in whatever enforces it (the proxy, gateway or the app's auth middleware)",
        }
    }
}

/// The sign-in product a redirect to `location` goes to; `None` when it does not look like
/// a sign-in page.
pub fn sign_in(location: &str) -> Option<SignIn> {
    let l = location.trim();
    let (host, path) = match l.split_once("://") {
        Some((_, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let host = rest.get(..end).unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host);
            let host = host.split(':').next().unwrap_or(host);
            (host.to_ascii_lowercase(), rest.get(end..).unwrap_or(""))
        }
        None => (String::new(), l),
    };
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host_is = |h: &str| crate::fetch::origin::host_within(&host, h);
    Some(
        if host_is("cloudflareaccess.com") || path.starts_with("/cdn-cgi/access/login") {
            SignIn::CloudflareAccess
        } else if path.starts_with("/oauth2/start") || path.starts_with("/oauth2/sign_in") {
            SignIn::Oauth2Proxy
        } else if host == "accounts.google.com" {
            SignIn::GoogleIap
        } else if host_is("amazoncognito.com") {
            SignIn::AwsCognito
        } else if path.starts_with("/.auth/login") {
            SignIn::AzureAppServiceAuth
        } else if host == "login.microsoftonline.com"
            || host == "login.windows.net"
            || host_is("b2clogin.com")
        {
            SignIn::MicrosoftEntra
        } else if host_is("okta.com") || host_is("oktapreview.com") {
            SignIn::Okta
        } else if host_is("auth0.com") {
            SignIn::Auth0
        } else if path.contains("/protocol/openid-connect/auth") {
            SignIn::Keycloak
        } else if path.split('/').any(|seg| {
            matches!(
                seg,
                "login" | "signin" | "sign-in" | "sign_in" | "sso" | "saml" | "authorize" | "cas"
            )
        }) || path.ends_with("/login.php")
            || path.ends_with("/login.aspx")
        {
            SignIn::Other
        } else {
            return None;
        },
    )
}

/// A request URL that is itself a sign-in endpoint, by what an authorization request
/// carries (`response_type=`, `client_id=` with `redirect_uri=`, a SAML request), not by its
/// path alone: the product.
pub fn sign_in_request(url: &str) -> Option<SignIn> {
    let si = sign_in(url)?;
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let has = |k: &str| {
        query.split('&').any(|p| {
            p.len() > k.len() && p.get(..k.len()).is_some_and(|h| h.eq_ignore_ascii_case(k))
        })
    };
    (has("response_type=") || (has("client_id=") && has("redirect_uri=")) || has("SAMLRequest="))
        .then_some(si)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_requests_by_their_parameters() {
        assert_eq!(
            sign_in_request(
                "https://idp.example.com/oauth/authorize?client_id=a&response_type=code"
            ),
            Some(SignIn::Other)
        );
        assert_eq!(
            sign_in_request("https://api.example.com/login/status"),
            None
        );
        // A parameter name with other letters where the key's end would fall: no panic.
        assert_eq!(
            sign_in_request("https://idp.example.com/authorize?réponse_typ=x"),
            None
        );
    }

    #[test]
    fn products_and_non_sign_in_targets() {
        let cases = [
            (
                "https://team.cloudflareaccess.com/cdn-cgi/access/login/api.example.com?kid=1",
                Some(SignIn::CloudflareAccess),
            ),
            (
                "https://api.example.com/oauth2/start?rd=%2Fv1",
                Some(SignIn::Oauth2Proxy),
            ),
            (
                "https://accounts.google.com/o/oauth2/v2/auth?client_id=x",
                Some(SignIn::GoogleIap),
            ),
            (
                "https://auth.example.auth.eu-west-1.amazoncognito.com/oauth2/authorize?x=1",
                Some(SignIn::AwsCognito),
            ),
            (
                "https://app.azurewebsites.net/.auth/login/aad?post_login_redirect_uri=%2F",
                Some(SignIn::AzureAppServiceAuth),
            ),
            (
                "https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize?client_id=x",
                Some(SignIn::MicrosoftEntra),
            ),
            (
                "https://dev-1.okta.com/oauth2/default/v1/authorize?x",
                Some(SignIn::Okta),
            ),
            (
                "https://id.example.com/realms/main/protocol/openid-connect/auth?x",
                Some(SignIn::Keycloak),
            ),
            ("/login?next=%2Fapi%2Fme", Some(SignIn::Other)),
            ("https://id.example.com/sso/saml", Some(SignIn::Other)),
            ("https://api.example.com/v1/items/", None),
            ("https://api.example.com/loginhistory", None),
            ("http://example.com/blog/signing-in-with-passkeys", None),
        ];
        for (l, want) in cases {
            assert_eq!(sign_in(l), want, "{l}");
        }
    }
}
