//! The HAR 1.2 shapes we read, as borrowed serde structs.
//!
//! Strings borrow from the input whenever JSON lets them (no escapes), so a big
//! HAR costs little more than one pass of the JSON parser. Everything except
//! `log` and `log.entries` is optional: browsers leave out different parts.
//!
//! Errors carry the path of the field they happened in: [`List`] and
//! [`Tagged`] prefix a marker-delimited path to the error message, which
//! [`super::json_error`] decodes into `Place::field`.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Starts and ends the field path inside a tagged error message.
pub(super) const MARK: char = '\u{1}';

/// A string that borrows from the input when it can.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'a>, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(PhantomData))
    }
}

/// A name for a field, used in error paths.
pub(super) trait Label {
    const NAME: &'static str;
}

macro_rules! labels {
    ($($t:ident = $s:literal),* $(,)?) => {
        $(
            #[derive(Debug, Default)]
            pub(super) struct $t;
            impl Label for $t {
                const NAME: &'static str = $s;
            }
        )*
    };
}

labels! {
    LLog = "log",
    LEntries = "entries",
    LPages = "pages",
    LRequest = "request",
    LResponse = "response",
    LHeaders = "headers",
    LCookies = "cookies",
    LPostData = "postData",
    LContent = "content",
    LWhycors = "_whycors",
    LReplay = "replay",
    LPreflight = "preflight",
    LFrames = "callFrames",
}

/// Prefix `segment` to the field path of an error (or start one).
fn retag<E: de::Error>(inner: impl fmt::Display, segment: &str) -> E {
    let s = inner.to_string();
    if let Some(rest) = s.strip_prefix(MARK) {
        if let Some((path, msg)) = rest.split_once(MARK) {
            return E::custom(format!("{MARK}{segment}{path}{MARK}{msg}"));
        }
    }
    E::custom(format!("{MARK}{segment}{MARK}{s}"))
}

/// A field whose errors name it.
#[derive(Debug, Default)]
pub(super) struct Tagged<T, L>(pub T, PhantomData<L>);

impl<'de, T: Deserialize<'de>, L: Label> Deserialize<'de> for Tagged<T, L> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d)
            .map(|v| Tagged(v, PhantomData))
            .map_err(|e| retag(e, &format!(".{}", L::NAME)))
    }
}

/// A JSON array field (null reads as empty) whose errors name the field and index.
#[derive(Debug)]
pub(super) struct List<T, L>(pub Vec<T>, PhantomData<L>);

impl<T, L> Default for List<T, L> {
    fn default() -> Self {
        List(Vec::new(), PhantomData)
    }
}

impl<'de, T: Deserialize<'de>, L: Label> Deserialize<'de> for List<T, L> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
            fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                let mut i = 0usize;
                loop {
                    match seq.next_element::<T>() {
                        Ok(Some(v)) => out.push(v),
                        Ok(None) => return Ok(out),
                        Err(e) => return Err(retag(e, &format!("[{i}]"))),
                    }
                    i += 1;
                }
            }
        }
        d.deserialize_any(V(PhantomData))
            .map(|v| List(v, PhantomData))
            .map_err(|e| retag(e, &format!(".{}", L::NAME)))
    }
}

#[derive(Deserialize, Debug)]
#[serde(expecting = "a HAR object with a \"log\" field")]
pub(super) struct Har<'a> {
    #[serde(borrow, default)]
    pub log: Tagged<Option<Log<'a>>, LLog>,
}

#[derive(Deserialize, Debug)]
#[serde(expecting = "the HAR log object")]
pub(super) struct Log<'a> {
    #[serde(borrow, default)]
    pub pages: List<Page<'a>, LPages>,
    #[serde(borrow, default)]
    pub entries: Option<List<Entry<'a>, LEntries>>,
}

#[derive(Deserialize, Debug)]
pub(super) struct Page<'a> {
    #[serde(borrow, default)]
    pub id: Option<Str<'a>>,
    #[serde(borrow, default)]
    pub title: Option<Str<'a>>,
}

#[derive(Deserialize, Debug)]
pub(super) struct Entry<'a> {
    #[serde(borrow, default)]
    pub pageref: Option<Str<'a>>,
    #[serde(borrow, default, rename = "startedDateTime")]
    pub started: Option<Str<'a>>,
    #[serde(borrow, default)]
    pub request: Tagged<Option<Request<'a>>, LRequest>,
    #[serde(borrow, default)]
    pub response: Tagged<Option<Response<'a>>, LResponse>,
    #[serde(borrow, default, rename = "_resourceType")]
    pub resource_type: Option<Str<'a>>,
    #[serde(borrow, default, rename = "_initiator")]
    pub initiator: Option<Initiator<'a>>,
    /// Some tools put `_error` on the entry instead of the response.
    #[serde(borrow, default, rename = "_error")]
    pub error: Option<Str<'a>>,
    #[serde(borrow, default, rename = "_whycors")]
    pub whycors: Tagged<Option<WhyCors<'a>>, LWhycors>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct Request<'a> {
    #[serde(borrow, default)]
    pub method: Str<'a>,
    #[serde(borrow, default)]
    pub url: Str<'a>,
    #[serde(borrow, default)]
    pub headers: List<Header<'a>, LHeaders>,
    #[serde(default)]
    pub cookies: List<IgnoredAny, LCookies>,
    #[serde(borrow, default, rename = "postData")]
    pub post_data: Tagged<Option<PostData<'a>>, LPostData>,
}

#[derive(Deserialize, Debug)]
pub(super) struct Header<'a> {
    #[serde(borrow)]
    pub name: Str<'a>,
    #[serde(borrow)]
    pub value: Str<'a>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct PostData<'a> {
    #[serde(borrow, default, rename = "mimeType")]
    pub mime_type: Option<Str<'a>>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct Response<'a> {
    #[serde(default)]
    pub status: Status,
    #[serde(borrow, default, rename = "statusText")]
    pub status_text: Option<Str<'a>>,
    #[serde(borrow, default, rename = "httpVersion")]
    pub http_version: Option<Str<'a>>,
    #[serde(borrow, default)]
    pub headers: List<Header<'a>, LHeaders>,
    #[serde(borrow, default)]
    pub content: Tagged<Option<Content<'a>>, LContent>,
    #[serde(borrow, default, rename = "redirectURL")]
    pub redirect_url: Option<Str<'a>>,
    #[serde(borrow, default, rename = "_error")]
    pub error: Option<Str<'a>>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct Content<'a> {
    #[serde(borrow, default)]
    pub text: Option<Str<'a>>,
    #[serde(borrow, default)]
    pub encoding: Option<Str<'a>>,
    #[serde(borrow, default, rename = "mimeType")]
    pub mime_type: Option<Str<'a>>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct WhyCors<'a> {
    #[serde(borrow, default)]
    pub replay: Tagged<Option<ReplayModel<'a>>, LReplay>,
}

#[derive(Deserialize, Debug, Default)]
pub(super) struct ReplayModel<'a> {
    #[serde(borrow, default)]
    pub preflight: Tagged<Option<Response<'a>>, LPreflight>,
    #[serde(borrow, default)]
    pub response: Tagged<Option<Response<'a>>, LResponse>,
}

/// An HTTP status: a number (or a numeric string); anything out of range or
/// missing reads as 0 ("no status").
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Status(pub u16);

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Status;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an HTTP status number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Status, E> {
                Ok(Status(
                    u16::try_from(v).ok().filter(|s| *s <= 999).unwrap_or(0),
                ))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Status, E> {
                match u64::try_from(v) {
                    Ok(u) => self.visit_u64(u),
                    Err(_) => Ok(Status(0)),
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Status, E> {
                if v.is_finite() && (0.0..=999.0).contains(&v) && v.fract() == 0.0 {
                    Ok(Status(v as u16))
                } else {
                    Ok(Status(0))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Status, E> {
                Ok(Status(
                    v.trim()
                        .parse::<u16>()
                        .ok()
                        .filter(|s| *s <= 999)
                        .unwrap_or(0),
                ))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Status, E> {
                Ok(Status(0))
            }
        }
        d.deserialize_any(V)
    }
}

/// Chrome's `_initiator`: an object (`{"type": "script", "url"?, "stack"?}`) or a
/// plain URL string. We keep the URL that best names who started the request.
#[derive(Debug, Default)]
pub(super) struct Initiator<'a> {
    pub url: Option<Str<'a>>,
}

#[derive(Deserialize, Debug, Default)]
struct InitiatorObject<'a> {
    #[serde(borrow, default)]
    url: Option<Str<'a>>,
    #[serde(borrow, default)]
    stack: Option<Stack<'a>>,
}

#[derive(Deserialize, Debug, Default)]
struct Stack<'a> {
    #[serde(borrow, default, rename = "callFrames")]
    call_frames: List<Frame<'a>, LFrames>,
}

#[derive(Deserialize, Debug, Default)]
struct Frame<'a> {
    #[serde(borrow, default)]
    url: Option<Str<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Initiator<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Initiator<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an initiator object or URL")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Initiator<'a>, E> {
                Ok(Initiator {
                    url: Some(Str(Cow::Borrowed(v))),
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Initiator<'a>, E> {
                Ok(Initiator {
                    url: Some(Str(Cow::Owned(v.to_string()))),
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Initiator<'a>, E> {
                Ok(Initiator::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Initiator<'a>, E> {
                Ok(Initiator::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Initiator<'a>, E> {
                Ok(Initiator::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Initiator<'a>, E> {
                Ok(Initiator::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Initiator<'a>, E> {
                Ok(Initiator::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Initiator<'a>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Initiator::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Initiator<'a>, A::Error> {
                let obj = InitiatorObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let url = obj.url.filter(|u| !u.as_str().is_empty()).or_else(|| {
                    obj.stack.and_then(|s| {
                        s.call_frames
                            .0
                            .into_iter()
                            .filter_map(|f| f.url)
                            .find(|u| !u.as_str().is_empty())
                    })
                });
                Ok(Initiator { url })
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}
