// Types of the whycors ES module and of the versioned report it returns (the JSON
// `whycors explain --json` prints). Report format version 1.

/** Options for {@link diagnose}; every field optional. Unknown fields are rejected. */
export interface DiagnoseOptions {
  /** The page's origin, for inputs that don't carry it (`--origin`). */
  origin?: string;
  /** The credentials mode, for inputs that don't say (`--credentials`). */
  credentials?: CredentialsMode;
  /** Response header names the page reads (`--reads ETag`). */
  reads?: string[];
  /** Redact secrets (Authorization, cookies, API keys, JWTs); default true. */
  redact?: boolean;
}

export type CredentialsMode = "omit" | "same-origin" | "include";

/** What an API allows, as its docs state it (the widget's attributes). */
export interface Policy {
  /** The API's base URL; requests without a URL go there. */
  url?: string;
  /** Allowed origins: serialized origins, `https://*.example.com` patterns, or "*". */
  origins?: string[];
  /** Access-Control-Allow-Methods. */
  methods?: string[];
  /** Access-Control-Allow-Headers. */
  headers?: string[];
  /** Access-Control-Expose-Headers. */
  exposeHeaders?: string[];
  /** Access-Control-Allow-Credentials: true. */
  credentials?: boolean;
  /** Access-Control-Max-Age, seconds. */
  maxAge?: number;
  /** The product in front of the API: a {@link GatewaySlug}, or "aws-rest" / "aws-http". */
  gateway?: GatewaySlug | "aws-rest" | "aws-http" | (string & {});
}

/** The request a reader wants to make, for {@link checkPolicy}. */
export interface PolicyRequest {
  /** The page's origin. Required. */
  origin: string;
  /** Default "GET". */
  method?: string;
  /** Default: the policy's url. */
  url?: string;
  /** "Name: value" or a bare name (Content-Type alone means application/json). */
  headers?: string[];
  /** Default "same-origin" (fetch's default). */
  credentials?: CredentialsMode;
  /** Response headers the script reads. */
  reads?: string[];
}

export type InputKind =
  | "har"
  | "http_text"
  | "curl_verbose"
  | "curl_command"
  | "fetch_command"
  | "powershell_command"
  | "devtools_headers"
  | "console_error";

export interface Report {
  version: 1;
  /** Which reader read the input; "policy" for {@link checkPolicy}. */
  input: InputKind | "policy";
  findings: Finding[];
  /** How many requests in the input were same-origin and left out. */
  same_origin_skipped: number;
  /**
   * Lines that look like a browser's CORS message but were not read, while others were:
   * what the findings leave out (secrets redacted unless `redact` is false). Absent when none.
   */
  unread?: Unread[];
}

export interface Unread {
  /** 1-based line of the input. */
  line: number;
  text: string;
  /** Why it was not read, when it is no browser's message ("the copy ends inside this line"). */
  reason?: string;
}

export interface Finding {
  request: RequestInfo;
  browser: BrowserInfo;
  cause: Cause;
  /** One plain sentence. */
  summary: string;
  evidence: string[];
  warnings: string[];
  /** Ready-to-paste fixes, most specific first (at most 8). */
  fixes: Fix[];
  /** curl commands that reproduce the preflight and the request. */
  reproduce: string[];
  /** What the browser hid from the page (gateway errors). */
  hidden: string | null;
  /** What the input lacks to be sure. */
  missing: string[];
  /** The verdict's steps, in order. */
  checks: Check[];
  /** Where in the input this request is (`log.entries[3]`, `line 12`, `policy`). */
  location: string;
}

export interface RequestInfo {
  method: string;
  /** "assumed" when the input does not name the method (a console message); "inferred"
   *  from a signed URL's operation; "described" when only the words pasted with it name it. */
  method_basis: "stated" | "inferred" | "described" | "assumed";
  url: string;
  origin: string | null;
  credentials: CredentialsMode;
  credentials_basis: "stated" | "inferred" | "described" | "assumed";
}

export interface BrowserInfo {
  blocked: boolean;
  /** Chromium's Network.CorsError name. */
  cors_error: CorsErrorName | null;
  /** Chromium's failedParameter ("" when none). */
  failed_parameter: string | null;
  /** Firefox's security.properties key. */
  firefox: string | null;
  /** The console message Chrome prints. */
  console: string | null;
  /** The console message Firefox prints. */
  firefox_console: string | null;
  basis: "computed" | "observed" | "incomplete";
}

export type CauseKind =
  | "ok"
  | "gateway_error"
  | "preflight_missing"
  | "preflight_failed"
  | "header_mismatch"
  | "response_missing_cors"
  | "redirect"
  | "header_not_exposed"
  | "network_error"
  | "content_security_policy"
  | "mixed_content"
  | "same_origin_mode"
  | "worker_script_origin"
  | "opaque_response"
  | "local_network_access"
  | "sign_in_request"
  | "cross_origin_resource_policy"
  | "cross_origin_embedder_policy"
  | "unknown";

export type Stage = "preflight" | "response";

export interface Cause {
  kind: CauseKind;
  stage: Stage | null;
  status: number | null;
  gateway: GatewaySlug | null;
  /** The gateway's own error name (THROTTLED, MISSING_AUTHENTICATION_TOKEN …). */
  gateway_response: string | null;
  /**
   * Where the API runs according to the URL's host alone (a platform's default
   * endpoint such as `*.execute-api.<region>.amazonaws.com`), when no response
   * fingerprints a product (`gateway` is then null). The summary's causes and the
   * fixes are that platform's.
   */
  platform: HostHint | null;
}

export type PlatformSlug =
  | "aws-api-gateway"
  | "aws-lambda-url"
  | "cloudfront"
  | "azure-apim"
  | "azure-app-service"
  | "cloudflare-workers"
  | "google-cloud-run"
  | "google-cloud-functions"
  | "google-api-gateway"
  | "vercel"
  | "netlify"
  | "heroku"
  | "aws-s3"
  | "azure-storage"
  | "google-cloud-storage"
  | "cloudflare-r2"
  | "backblaze-b2"
  | "digitalocean-spaces"
  | "wasabi"
  | "supabase-functions";

export interface HostHint {
  platform: PlatformSlug;
  /** The platform's name as people say it. */
  name: string;
  /** The URL's host the hint rests on. */
  host: string;
  /** The default-endpoint pattern it matched, e.g. "*.execute-api.*.amazonaws.com". */
  pattern: string;
  /** A default endpoint only that platform serves: always "certain" (custom domains give no hint). */
  certainty: "certain";
  basis: "url";
}

export interface Fix {
  /** Stable id of where the fix goes: "rest-api-console", "sam", "terraform", "nginx", "generic" … */
  target: string;
  title: string;
  text: string;
}

export interface Check {
  stage: Stage;
  passed: boolean;
  text: string;
}

export type GatewaySlug =
  | "aws-api-gateway-rest"
  | "aws-api-gateway-http"
  | "cloudfront"
  | "aws-waf"
  | "aws-alb"
  | "cloudflare"
  | "azure-apim"
  | "azure-front-door"
  | "google-cloud"
  | "kong"
  | "nginx"
  | "envoy"
  | "traefik"
  | "akamai"
  | "fastly"
  | "vercel"
  | "netlify"
  | "heroku"
  | "iis"
  | "kestrel"
  | "apache"
  | "spring"
  | "starlette"
  | "express"
  | "laravel"
  | "aws-s3"
  | "azure-storage"
  | "google-cloud-storage"
  | "cloudflare-r2"
  | "backblaze-b2"
  | "digitalocean-spaces"
  | "wasabi"
  | "minio";

/** Chromium's Network.CorsError names. */
export type CorsErrorName =
  | "DisallowedByMode"
  | "InvalidResponse"
  | "WildcardOriginNotAllowed"
  | "MissingAllowOriginHeader"
  | "MultipleAllowOriginValues"
  | "InvalidAllowOriginValue"
  | "AllowOriginMismatch"
  | "InvalidAllowCredentials"
  | "CorsDisabledScheme"
  | "PreflightInvalidStatus"
  | "PreflightDisallowedRedirect"
  | "PreflightWildcardOriginNotAllowed"
  | "PreflightMissingAllowOriginHeader"
  | "PreflightMultipleAllowOriginValues"
  | "PreflightInvalidAllowOriginValue"
  | "PreflightAllowOriginMismatch"
  | "PreflightInvalidAllowCredentials"
  | "PreflightMissingAllowExternal"
  | "PreflightInvalidAllowExternal"
  | "MethodDisallowedByPreflightResponse"
  | "HeaderDisallowedByPreflightResponse"
  | "RedirectContainsCredentials"
  | "InsecureLocalNetwork"
  | "InvalidLocalNetworkAccess"
  | "NoCorsRedirectModeNotFollow"
  | "LocalNetworkAccessPermissionDenied"
  | "PreflightMissingAllowPrivateNetwork"
  | "PreflightInvalidAllowPrivateNetwork"
  | "UnexpectedPrivateNetworkAccess"
  | "InsecurePrivateNetwork"
  | "InvalidPrivateNetworkAccess"
  | "InvalidAllowMethodsPreflightResponse"
  | "InvalidAllowHeadersPreflightResponse"
  | "PreflightMissingPrivateNetworkAccessId"
  | "PreflightMissingPrivateNetworkAccessName"
  | "PrivateNetworkAccessPermissionUnavailable"
  | "PrivateNetworkAccessPermissionDenied";

/** Thrown on unreadable input or options; names the place. */
export interface WhycorsInputError extends Error {
  name: "WhycorsInputError";
  kind: InputKind | null;
  line: number | null;
  column: number | null;
  offset: number | null;
  field: string | null;
}

/** Anything `init()` accepts instead of the default URL of whycors_bg.wasm. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response | BufferSource | WebAssembly.Module>;

/** Load the WebAssembly module (once). Call before anything else. */
export function init(wasm?: WasmSource): Promise<void>;
export default init;

/** Explain a capture; the same report as `whycors explain --json`. */
export function diagnose(input: string, options?: DiagnoseOptions): Report;

/** Will this request work against this policy? No network. */
export function checkPolicy(policy: Policy, request: PolicyRequest): Report;

/** The report format version this build writes. */
export function reportVersion(): number;
