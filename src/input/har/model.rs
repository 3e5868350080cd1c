//! The HAR 1.2 shapes we read, borrowed from the input.
//!
//! [`super::scan`] fills them in one pass over the bytes. Strings borrow from the
//! input whenever JSON lets them (no escapes); a response body is kept as its raw
//! JSON text and only decoded when a finding needs it. Everything except `log` and
//! `log.entries` is optional: browsers leave out different parts.

use std::borrow::Cow;

/// A string that borrows from the input when it can.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A JSON string kept as it is written between its quotes (already checked), decoded on
/// demand: most response bodies of a big HAR are never looked at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct RawStr<'a> {
    pub raw: &'a str,
    /// Whether `raw` holds a backslash escape.
    pub escaped: bool,
}

impl<'a> RawStr<'a> {
    /// The string's value.
    pub fn get(&self) -> Cow<'a, str> {
        if self.escaped {
            Cow::Owned(super::scan::unescape(self.raw))
        } else {
            Cow::Borrowed(self.raw)
        }
    }
}

/// A field (errors inside it name it: see `scan`).
#[derive(Debug, Default)]
pub(super) struct Tagged<T>(pub T);

/// A JSON array field (null reads as empty).
#[derive(Debug)]
pub(super) struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

#[derive(Debug, Default)]
pub(super) struct Har<'a> {
    pub log: Tagged<Option<Log<'a>>>,
}

#[derive(Debug, Default)]
pub(super) struct Log<'a> {
    pub pages: List<Page<'a>>,
    pub entries: Option<List<Entry<'a>>>,
}

#[derive(Debug, Default)]
pub(super) struct Page<'a> {
    pub id: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(super) struct Entry<'a> {
    pub pageref: Option<Str<'a>>,
    /// `startedDateTime`.
    pub started: Option<Str<'a>>,
    pub request: Tagged<Option<Request<'a>>>,
    pub response: Tagged<Option<Response<'a>>>,
    /// `_resourceType`.
    pub resource_type: Option<Str<'a>>,
    /// `_initiator`.
    pub initiator: Option<Initiator<'a>>,
    /// Some tools put `_error` on the entry instead of the response.
    pub error: Option<Str<'a>>,
    /// `_whycors`.
    pub whycors: Tagged<Option<WhyCors<'a>>>,
}

#[derive(Debug, Default)]
pub(super) struct Request<'a> {
    pub method: Str<'a>,
    pub url: Str<'a>,
    pub headers: List<Header<'a>>,
    /// Only their number matters.
    pub cookies: List<()>,
    /// `postData`.
    pub post_data: Tagged<Option<PostData<'a>>>,
}

#[derive(Debug, Default)]
pub(super) struct Header<'a> {
    pub name: Str<'a>,
    pub value: Str<'a>,
}

#[derive(Debug, Default)]
pub(super) struct PostData<'a> {
    /// `mimeType`.
    pub mime_type: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(super) struct Response<'a> {
    pub status: Status,
    /// `statusText`.
    pub status_text: Option<Str<'a>>,
    /// `httpVersion`.
    pub http_version: Option<Str<'a>>,
    pub headers: List<Header<'a>>,
    pub content: Tagged<Option<Content<'a>>>,
    /// `redirectURL`.
    pub redirect_url: Option<Str<'a>>,
    /// `_error`.
    pub error: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(super) struct Content<'a> {
    pub text: Option<RawStr<'a>>,
    pub encoding: Option<Str<'a>>,
    /// `mimeType`.
    pub mime_type: Option<Str<'a>>,
}

#[derive(Debug, Default)]
pub(super) struct WhyCors<'a> {
    pub replay: Tagged<Option<ReplayModel<'a>>>,
}

#[derive(Debug, Default)]
pub(super) struct ReplayModel<'a> {
    pub preflight: Tagged<Option<Response<'a>>>,
    pub response: Tagged<Option<Response<'a>>>,
}

/// An HTTP status: a number (or a numeric string); anything out of range or
/// missing reads as 0 ("no status").
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Status(pub u16);

/// Chrome's `_initiator`: an object (`{"type": "script", "url"?, "stack"?}`) or a
/// plain URL string. We keep the URL that best names who started the request: the
/// object's non-empty `url`, else the first non-empty `stack.callFrames[].url`.
#[derive(Debug, Default)]
pub(super) struct Initiator<'a> {
    pub url: Option<Str<'a>>,
}
