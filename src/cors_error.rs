//! Chromium's names for a failed CORS check (DevTools protocol `Network.CorsError`): the
//! vocabulary the verdict answers in, and the one a console or DevTools copy is read in.

use serde::{Deserialize, Serialize};

/// Chromium's DevTools-protocol `Network.CorsError`, names exactly as Chromium sends them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CorsError {
    DisallowedByMode,
    InvalidResponse,
    WildcardOriginNotAllowed,
    MissingAllowOriginHeader,
    MultipleAllowOriginValues,
    InvalidAllowOriginValue,
    AllowOriginMismatch,
    InvalidAllowCredentials,
    CorsDisabledScheme,
    PreflightInvalidStatus,
    PreflightDisallowedRedirect,
    PreflightWildcardOriginNotAllowed,
    PreflightMissingAllowOriginHeader,
    PreflightMultipleAllowOriginValues,
    PreflightInvalidAllowOriginValue,
    PreflightAllowOriginMismatch,
    PreflightInvalidAllowCredentials,
    PreflightMissingAllowExternal,
    PreflightInvalidAllowExternal,
    InvalidAllowMethodsPreflightResponse,
    InvalidAllowHeadersPreflightResponse,
    MethodDisallowedByPreflightResponse,
    HeaderDisallowedByPreflightResponse,
    RedirectContainsCredentials,
    InsecureLocalNetwork,
    InvalidLocalNetworkAccess,
    NoCorsRedirectModeNotFollow,
    LocalNetworkAccessPermissionDenied,
    // Retired names older captures still carry.
    PreflightMissingAllowPrivateNetwork,
    PreflightInvalidAllowPrivateNetwork,
    UnexpectedPrivateNetworkAccess,
    PreflightMissingPrivateNetworkAccessId,
    PreflightMissingPrivateNetworkAccessName,
    PrivateNetworkAccessPermissionUnavailable,
    PrivateNetworkAccessPermissionDenied,
    InsecurePrivateNetwork,
    InvalidPrivateNetworkAccess,
}

impl CorsError {
    /// The name Chromium gives the same CORS-check failure on a preflight's response.
    pub fn at_preflight(self) -> CorsError {
        use CorsError::*;
        match self {
            WildcardOriginNotAllowed => PreflightWildcardOriginNotAllowed,
            MissingAllowOriginHeader => PreflightMissingAllowOriginHeader,
            MultipleAllowOriginValues => PreflightMultipleAllowOriginValues,
            InvalidAllowOriginValue => PreflightInvalidAllowOriginValue,
            AllowOriginMismatch => PreflightAllowOriginMismatch,
            InvalidAllowCredentials => PreflightInvalidAllowCredentials,
            other => other,
        }
    }

    pub const ALL: [CorsError; 37] = [
        CorsError::DisallowedByMode,
        CorsError::InvalidResponse,
        CorsError::WildcardOriginNotAllowed,
        CorsError::MissingAllowOriginHeader,
        CorsError::MultipleAllowOriginValues,
        CorsError::InvalidAllowOriginValue,
        CorsError::AllowOriginMismatch,
        CorsError::InvalidAllowCredentials,
        CorsError::CorsDisabledScheme,
        CorsError::PreflightInvalidStatus,
        CorsError::PreflightDisallowedRedirect,
        CorsError::PreflightWildcardOriginNotAllowed,
        CorsError::PreflightMissingAllowOriginHeader,
        CorsError::PreflightMultipleAllowOriginValues,
        CorsError::PreflightInvalidAllowOriginValue,
        CorsError::PreflightAllowOriginMismatch,
        CorsError::PreflightInvalidAllowCredentials,
        CorsError::PreflightMissingAllowExternal,
        CorsError::PreflightInvalidAllowExternal,
        CorsError::InvalidAllowMethodsPreflightResponse,
        CorsError::InvalidAllowHeadersPreflightResponse,
        CorsError::MethodDisallowedByPreflightResponse,
        CorsError::HeaderDisallowedByPreflightResponse,
        CorsError::RedirectContainsCredentials,
        CorsError::InsecureLocalNetwork,
        CorsError::InvalidLocalNetworkAccess,
        CorsError::NoCorsRedirectModeNotFollow,
        CorsError::LocalNetworkAccessPermissionDenied,
        CorsError::PreflightMissingAllowPrivateNetwork,
        CorsError::PreflightInvalidAllowPrivateNetwork,
        CorsError::UnexpectedPrivateNetworkAccess,
        CorsError::PreflightMissingPrivateNetworkAccessId,
        CorsError::PreflightMissingPrivateNetworkAccessName,
        CorsError::PrivateNetworkAccessPermissionUnavailable,
        CorsError::PrivateNetworkAccessPermissionDenied,
        CorsError::InsecurePrivateNetwork,
        CorsError::InvalidPrivateNetworkAccess,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CorsError::DisallowedByMode => "DisallowedByMode",
            CorsError::InvalidResponse => "InvalidResponse",
            CorsError::WildcardOriginNotAllowed => "WildcardOriginNotAllowed",
            CorsError::MissingAllowOriginHeader => "MissingAllowOriginHeader",
            CorsError::MultipleAllowOriginValues => "MultipleAllowOriginValues",
            CorsError::InvalidAllowOriginValue => "InvalidAllowOriginValue",
            CorsError::AllowOriginMismatch => "AllowOriginMismatch",
            CorsError::InvalidAllowCredentials => "InvalidAllowCredentials",
            CorsError::CorsDisabledScheme => "CorsDisabledScheme",
            CorsError::PreflightInvalidStatus => "PreflightInvalidStatus",
            CorsError::PreflightDisallowedRedirect => "PreflightDisallowedRedirect",
            CorsError::PreflightWildcardOriginNotAllowed => "PreflightWildcardOriginNotAllowed",
            CorsError::PreflightMissingAllowOriginHeader => "PreflightMissingAllowOriginHeader",
            CorsError::PreflightMultipleAllowOriginValues => "PreflightMultipleAllowOriginValues",
            CorsError::PreflightInvalidAllowOriginValue => "PreflightInvalidAllowOriginValue",
            CorsError::PreflightAllowOriginMismatch => "PreflightAllowOriginMismatch",
            CorsError::PreflightInvalidAllowCredentials => "PreflightInvalidAllowCredentials",
            CorsError::PreflightMissingAllowExternal => "PreflightMissingAllowExternal",
            CorsError::PreflightInvalidAllowExternal => "PreflightInvalidAllowExternal",
            CorsError::InvalidAllowMethodsPreflightResponse => {
                "InvalidAllowMethodsPreflightResponse"
            }
            CorsError::InvalidAllowHeadersPreflightResponse => {
                "InvalidAllowHeadersPreflightResponse"
            }
            CorsError::MethodDisallowedByPreflightResponse => "MethodDisallowedByPreflightResponse",
            CorsError::HeaderDisallowedByPreflightResponse => "HeaderDisallowedByPreflightResponse",
            CorsError::RedirectContainsCredentials => "RedirectContainsCredentials",
            CorsError::InsecureLocalNetwork => "InsecureLocalNetwork",
            CorsError::InvalidLocalNetworkAccess => "InvalidLocalNetworkAccess",
            CorsError::NoCorsRedirectModeNotFollow => "NoCorsRedirectModeNotFollow",
            CorsError::LocalNetworkAccessPermissionDenied => "LocalNetworkAccessPermissionDenied",
            CorsError::PreflightMissingAllowPrivateNetwork => "PreflightMissingAllowPrivateNetwork",
            CorsError::PreflightInvalidAllowPrivateNetwork => "PreflightInvalidAllowPrivateNetwork",
            CorsError::UnexpectedPrivateNetworkAccess => "UnexpectedPrivateNetworkAccess",
            CorsError::PreflightMissingPrivateNetworkAccessId => {
                "PreflightMissingPrivateNetworkAccessId"
            }
            CorsError::PreflightMissingPrivateNetworkAccessName => {
                "PreflightMissingPrivateNetworkAccessName"
            }
            CorsError::PrivateNetworkAccessPermissionUnavailable => {
                "PrivateNetworkAccessPermissionUnavailable"
            }
            CorsError::PrivateNetworkAccessPermissionDenied => {
                "PrivateNetworkAccessPermissionDenied"
            }
            CorsError::InsecurePrivateNetwork => "InsecurePrivateNetwork",
            CorsError::InvalidPrivateNetworkAccess => "InvalidPrivateNetworkAccess",
        }
    }

    /// Parse a name as Chromium sends it (also accepts the retired names).
    pub fn from_name(s: &str) -> Option<CorsError> {
        CorsError::ALL.into_iter().find(|e| e.name() == s)
    }

    /// Is this a failure of the CORS-preflight fetch?
    pub fn is_preflight(self) -> bool {
        use CorsError::*;
        matches!(
            self,
            PreflightInvalidStatus
                | PreflightDisallowedRedirect
                | PreflightWildcardOriginNotAllowed
                | PreflightMissingAllowOriginHeader
                | PreflightMultipleAllowOriginValues
                | PreflightInvalidAllowOriginValue
                | PreflightAllowOriginMismatch
                | PreflightInvalidAllowCredentials
                | PreflightMissingAllowExternal
                | PreflightInvalidAllowExternal
                | InvalidAllowMethodsPreflightResponse
                | InvalidAllowHeadersPreflightResponse
                | MethodDisallowedByPreflightResponse
                | HeaderDisallowedByPreflightResponse
                | PreflightMissingAllowPrivateNetwork
                | PreflightInvalidAllowPrivateNetwork
                | PreflightMissingPrivateNetworkAccessId
                | PreflightMissingPrivateNetworkAccessName
        )
    }
}
