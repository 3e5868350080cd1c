//! A HAR reader written for speed: one pass over the bytes that fills the borrowed
//! [`model`](super::model) and skips everything whycors does not read.
//!
//! It checks the whole text against the JSON grammar (RFC 8259), values it skips
//! included, and reports the first mistake with its byte offset, the path of the
//! field it is in (`log.entries[3].request.headers[1]`) and a message in serde_json's
//! words. Nothing is allocated for the parts it skips; strings borrow from the input
//! unless they hold escapes; no recursion follows the input's nesting (skipped values
//! are walked with an explicit stack), so a deeply nested file cannot overflow it.
//! Escapes are decoded only in the strings that are kept; a lone UTF-16 surrogate
//! (`"\ud800"`, which JSON's grammar allows) decodes as U+FFFD.

use super::model::{
    Content, Entry, Har, Header, Initiator, List, Log, Page, PostData, RawStr, ReplayModel,
    Request, Response, Status, Str, Tagged, WhyCors,
};
use std::borrow::Cow;
use std::fmt::Write as _;

/// One step of the path to the field an error happened in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A mistake in the input: where (byte offset into the scanned text), in which field
/// and what. Boxed: results stay one pointer wide on the fast path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ScanError(Box<Mistake>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mistake {
    pub offset: usize,
    pub message: String,
    /// Innermost first (segments are added while the error travels outwards).
    path: Vec<Seg>,
}

impl std::ops::Deref for ScanError {
    type Target = Mistake;
    fn deref(&self) -> &Mistake {
        &self.0
    }
}

impl Mistake {
    /// The field path (`log.entries[0].request`), or `None` at the top level.
    pub fn field(&self) -> Option<String> {
        if self.path.is_empty() {
            return None;
        }
        let mut s = String::new();
        for seg in self.path.iter().rev() {
            match seg {
                Seg::Key(k) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Seg::Index(i) => {
                    let _ = write!(s, "[{i}]");
                }
            }
        }
        Some(s)
    }
}

impl ScanError {
    fn within(mut self, seg: Seg) -> Self {
        self.0.path.push(seg);
        self
    }
}

type R<T> = Result<T, ScanError>;

/// Add `key` to the path of an error coming out of `r`.
fn tag<T>(r: R<T>, key: &'static str) -> R<T> {
    r.map_err(|e| e.within(Seg::Key(key)))
}

/// Read a HAR text (without its byte order mark).
pub(super) fn read(text: &str) -> R<Har<'_>> {
    let mut p = P {
        s: text,
        b: text.as_bytes(),
        i: 0,
        scratch: Vec::new(),
    };
    p.ws();
    let har = p.har()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err("trailing characters"));
    }
    Ok(har)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first byte from `i` on that ends a plain run of string text: `"`, `\` or a
/// control character; `b.len()` when there is none. Eight bytes at a time.
fn string_stop(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = w ^ (ONES * u64::from(b'"'));
        let slash = w ^ (ONES * u64::from(b'\\'));
        // A byte is zero / below 0x20: exact for the lowest such byte.
        let hit = (quote.wrapping_sub(ONES) & !quote)
            | (slash.wrapping_sub(ONES) & !slash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let hit = hit & HIGHS;
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// The value of a JSON number with a fraction or an exponent (`200.0`, `2e2`) when it is
/// a whole number from 0 to 65535, worked out on its decimal digits (no float parsing:
/// its tables would weigh on the page's first load).
fn whole_decimal(n: &str) -> Option<u16> {
    if n.starts_with('-') {
        return None;
    }
    let (mantissa, exp) = match n.find(['e', 'E']) {
        Some(at) => (n.get(..at)?, n.get(at + 1..)?),
        None => (n, "0"),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    // A huge exponent is out of range either way.
    let exp: i64 = if exp.len() > 6 {
        if exp.starts_with('-') {
            -1_000_000
        } else {
            1_000_000
        }
    } else {
        exp.parse().ok()?
    };
    // The significant digits and how many of them stand before the decimal point.
    let digits = format!("{int}{frac}");
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let digits = digits.trim_start_matches('0').trim_end_matches('0');
    if digits.is_empty() {
        return Some(0);
    }
    let point = i64::try_from(int.len()).ok()? + exp - i64::try_from(lead).ok()?;
    let len = i64::try_from(digits.len()).ok()?;
    if point < len || point > 5 {
        return None;
    }
    let zeros = usize::try_from(point - len).ok()?;
    format!("{digits}{}", "0".repeat(zeros)).parse().ok()
}

fn hex_value(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        let d = (c as char).to_digit(16)?;
        v = v * 16 + d;
    }
    Some(v)
}

/// Decode the escapes of a JSON string's inside that [`P::string_end`] accepted.
/// Lone surrogates read as U+FFFD; nothing here can fail or panic.
pub(super) fn unescape(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < b.len() {
        let stop = b
            .get(i..)
            .and_then(|r| r.iter().position(|&c| c == b'\\'))
            .map_or(b.len(), |k| i + k);
        out.push_str(raw.get(i..stop).unwrap_or(""));
        i = stop;
        if i >= b.len() {
            break;
        }
        let c = b.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        match c {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let hi = b.get(i..i + 4).and_then(hex_value).unwrap_or(0xFFFD);
                i += 4;
                let ch = if (0xD800..0xDC00).contains(&hi) {
                    let lo = match (b.get(i), b.get(i + 1)) {
                        (Some(b'\\'), Some(b'u')) => b.get(i + 2..i + 6).and_then(hex_value),
                        _ => None,
                    };
                    match lo {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            i += 6;
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                        }
                        _ => None,
                    }
                } else {
                    char::from_u32(hi)
                };
                out.push(ch.unwrap_or('\u{FFFD}'));
            }
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

struct P<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// Reused while reading a header list.
    scratch: Vec<Header<'a>>,
}

/// Bit flags of the fields an object has had, to refuse duplicates as serde did.
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> bool {
        let fresh = self.0 & (1 << bit) == 0;
        self.0 |= 1 << bit;
        fresh
    }
}

impl<'a> P<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        // Most values follow a single character or none; indentation runs go on in `ws_run`.
        if let Some(b' ' | b'\n' | b'\r' | b'\t') = self.b.get(self.i) {
            self.ws_run();
        }
    }

    #[inline(never)]
    fn ws_run(&mut self) {
        let b = self.b;
        let mut i = self.i;
        loop {
            // Indentation (a third of a pretty-printed HAR): spaces eight bytes at a time.
            while let Some(chunk) = b.get(i..i + 8) {
                let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let other = w ^ (ONES * u64::from(b' '));
                if other != 0 {
                    i += (other.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            match b.get(i) {
                Some(b' ' | b'\n' | b'\r' | b'\t') => i += 1,
                _ => break,
            }
        }
        self.i = i;
    }

    #[cold]
    fn err_at(&self, offset: usize, message: impl Into<String>) -> ScanError {
        ScanError(Box::new(Mistake {
            offset,
            message: message.into(),
            path: Vec::new(),
        }))
    }

    fn err(&self, message: impl Into<String>) -> ScanError {
        self.err_at(self.i, message)
    }

    #[cold]
    fn eof(&self, what: &str) -> ScanError {
        self.err_at(
            self.b.len(),
            format!("EOF while parsing {what} (the file is truncated)"),
        )
    }

    /// At a `"`: the end of the string (index of its closing quote) and whether it
    /// holds escapes. Checks escapes and control characters.
    fn string_end(&self) -> R<(usize, bool)> {
        let mut j = self.i + 1;
        let mut escaped = false;
        loop {
            j = string_stop(self.b, j);
            match self.b.get(j) {
                None => return Err(self.eof("a string")),
                Some(b'"') => return Ok((j, escaped)),
                Some(b'\\') => {
                    escaped = true;
                    match self.b.get(j + 1) {
                        None => return Err(self.eof("a string")),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => j += 2,
                        Some(b'u') => {
                            for k in 0..4 {
                                match self.b.get(j + 2 + k) {
                                    None => return Err(self.eof("a string")),
                                    Some(c) if c.is_ascii_hexdigit() => {}
                                    Some(_) => {
                                        return Err(self.err_at(
                                            j + 2 + k,
                                            "invalid escape: \\u needs four hex digits",
                                        ))
                                    }
                                }
                            }
                            j += 6;
                        }
                        Some(_) => return Err(self.err_at(j + 1, "invalid escape")),
                    }
                }
                Some(_) => {
                    return Err(self.err_at(
                        j,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
            }
        }
    }

    /// At a `"`: the string's raw inside, checked; moves past it.
    fn raw_string(&mut self) -> R<RawStr<'a>> {
        let (end, escaped) = self.string_end()?;
        let raw = self.s.get(self.i + 1..end).unwrap_or("");
        self.i = end + 1;
        Ok(RawStr { raw, escaped })
    }

    /// At a `"`: the string's value; moves past it.
    fn string(&mut self) -> R<Cow<'a, str>> {
        Ok(self.raw_string()?.get())
    }

    fn literal(&mut self, word: &'static [u8]) -> R<()> {
        for (k, &c) in word.iter().enumerate() {
            match self.b.get(self.i + k) {
                None => return Err(self.eof("a value")),
                Some(&x) if x == c => {}
                Some(_) => return Err(self.err_at(self.i + k, "expected ident")),
            }
        }
        self.i += word.len();
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - from
    }

    /// At `-` or a digit: a number, checked; moves past it. Returns its text and
    /// whether it is an integer.
    fn number(&mut self) -> R<(&'a str, bool)> {
        let from = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            None => return Err(self.eof("a number")),
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.err("invalid number")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.i += 1;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    None => self.eof("a number"),
                    Some(_) => self.err("invalid number"),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(match self.peek() {
                    None => self.eof("a number"),
                    Some(_) => self.err("invalid number"),
                });
            }
        }
        Ok((self.s.get(from..self.i).unwrap_or("0"), integer))
    }

    /// Skip one value of any shape (checked), without recursion.
    fn skip(&mut self) -> R<()> {
        // Open containers: bit set = object. The first 64 levels live in `bits`.
        let mut bits: u64 = 0;
        let mut deeper: Vec<bool> = Vec::new();
        let mut depth = 0usize;
        'value: loop {
            self.ws();
            match self.peek() {
                None => return Err(self.eof("a value")),
                Some(b'{') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                    } else {
                        if depth < 64 {
                            bits |= 1 << depth;
                        } else {
                            deeper.push(true);
                        }
                        depth += 1;
                        self.key_colon()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                    } else {
                        if depth < 64 {
                            bits &= !(1 << depth);
                        } else {
                            deeper.push(false);
                        }
                        depth += 1;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let (end, _) = self.string_end()?;
                    self.i = end + 1;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(_) => return Err(self.err("expected value")),
            }
            // After a value: close containers until one goes on.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let top = depth - 1;
                let is_obj = if top < 64 {
                    bits & (1 << top) != 0
                } else {
                    deeper.last().copied().unwrap_or(false)
                };
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        if is_obj {
                            self.ws();
                            self.key_colon()?;
                        }
                        continue 'value;
                    }
                    Some(b'}') if is_obj => {}
                    Some(b']') if !is_obj => {}
                    None => return Err(self.eof(if is_obj { "an object" } else { "a list" })),
                    Some(_) => {
                        return Err(self.err(if is_obj {
                            "expected `,` or `}`"
                        } else {
                            "expected `,` or `]`"
                        }))
                    }
                }
                self.i += 1;
                if top >= 64 {
                    deeper.pop();
                }
                depth = top;
            }
        }
    }

    /// At a key (whitespace skipped): the key, then the colon and the whitespace before
    /// the value. Keys are matched by their value, escapes decoded.
    fn key_colon(&mut self) -> R<Cow<'a, str>> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.eof("an object")),
            Some(_) => return Err(self.err("key must be a string")),
        }
        let key = self.string()?;
        self.ws();
        match self.peek() {
            Some(b':') => self.i += 1,
            None => return Err(self.eof("an object")),
            Some(_) => return Err(self.err("expected `:`")),
        }
        self.ws();
        Ok(key)
    }

    /// At `{`: call `field` for each key (positioned at its value, which it must consume).
    fn object(&mut self, field: &mut dyn FnMut(&mut Self, &str) -> R<()>) -> R<()> {
        self.i += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            let key = self.key_colon()?;
            field(self, &key)?;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(self.eof("an object")),
                Some(_) => return Err(self.err("expected `,` or `}`")),
            }
        }
    }

    /// Describe the value here, in serde's words, for an "invalid type" message (moves
    /// past scalars).
    fn found(&mut self) -> R<String> {
        let what = match self.peek() {
            Some(b'{') => "map".to_string(),
            Some(b'[') => "sequence".to_string(),
            Some(b'"') => format!("string {:?}", self.string()?),
            Some(b'-' | b'0'..=b'9') => {
                let (n, integer) = self.number()?;
                if integer {
                    format!("integer `{n}`")
                } else {
                    format!("floating point `{n}`")
                }
            }
            Some(b't') => {
                self.literal(b"true")?;
                "boolean `true`".to_string()
            }
            Some(b'f') => {
                self.literal(b"false")?;
                "boolean `false`".to_string()
            }
            Some(b'n') => {
                self.literal(b"null")?;
                "null".to_string()
            }
            None => return Err(self.eof("a value")),
            Some(_) => return Err(self.err("expected value")),
        };
        Ok(what)
    }

    /// The error for a value of the wrong type here.
    #[cold]
    fn invalid(&mut self, expected: &str) -> ScanError {
        let at = self.i;
        match self.found() {
            Ok(what) => self.err_at(at, format!("invalid type: {what}, expected {expected}")),
            Err(e) => e,
        }
    }

    /// A value that must be a string.
    fn str(&mut self) -> R<Str<'a>> {
        if self.peek() == Some(b'"') {
            Ok(Str(self.string()?))
        } else {
            Err(self.invalid("a string"))
        }
    }

    /// A string or null.
    fn opt_str(&mut self) -> R<Option<Str<'a>>> {
        match self.peek() {
            Some(b'"') => Ok(Some(Str(self.string()?))),
            Some(b'n') => self.literal(b"null").map(|()| None),
            _ => Err(self.invalid("a string")),
        }
    }

    /// An object read by `read`, or null.
    fn opt_obj<T: Default>(
        &mut self,
        expected: &str,
        read: impl FnOnce(&mut Self, &mut T) -> R<()>,
    ) -> R<Option<T>> {
        match self.peek() {
            Some(b'{') => {
                let mut v = T::default();
                read(self, &mut v)?;
                Ok(Some(v))
            }
            Some(b'n') => self.literal(b"null").map(|()| None),
            _ => Err(self.invalid(expected)),
        }
    }

    /// An array whose items `item` reads (null reads as empty). Errors name the index.
    fn list<T>(&mut self, item: impl FnMut(&mut Self) -> R<T>) -> R<List<T>> {
        let mut out = Vec::new();
        self.list_into(&mut out, item)?;
        Ok(List(out))
    }

    /// A list of headers, allocated once at its final size.
    fn headers(&mut self) -> R<List<Header<'a>>> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let r = self.list_into(&mut scratch, P::header);
        // Exactly as long as the list: the scratch keeps the spare room for the next one.
        let mut out = Vec::with_capacity(scratch.len());
        out.append(&mut scratch);
        let out = List(out);
        self.scratch = scratch;
        r.map(|()| out)
    }

    /// [`P::list`] into `out`.
    fn list_into<T>(&mut self, out: &mut Vec<T>, mut item: impl FnMut(&mut Self) -> R<T>) -> R<()> {
        self.items(&mut |p| {
            out.push(item(p)?);
            Ok(())
        })
    }

    /// An array (or null): `each` reads one item. Errors inside an item name its index.
    fn items(&mut self, each: &mut dyn FnMut(&mut Self) -> R<()>) -> R<()> {
        match self.peek() {
            Some(b'[') => {}
            Some(b'n') => return self.literal(b"null"),
            _ => return Err(self.invalid("an array")),
        }
        self.i += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        let mut idx = 0;
        loop {
            match self.peek() {
                None => return Err(self.eof("a list").within(Seg::Index(idx))),
                Some(_) => each(self).map_err(|e| e.within(Seg::Index(idx)))?,
            }
            idx += 1;
            self.ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.ws();
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(self.eof("a list")),
                Some(_) => return Err(self.err("expected `,` or `]`")),
            }
        }
    }

    #[cold]
    fn dup(&self, at: usize, name: &str) -> ScanError {
        self.err_at(at, format!("duplicate field `{name}`"))
    }

    // ---- The HAR shapes ----

    fn har(&mut self) -> R<Har<'a>> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid("a HAR object with a \"log\" field"));
        }
        let mut har = Har::default();
        let mut seen = Seen(0);
        self.object(&mut |p, key| match key {
            "log" => {
                if !seen.first(0) {
                    return Err(p.dup(p.i, key));
                }
                har.log = Tagged(tag(p.opt_obj("the HAR log object", P::log), "log")?);
                Ok(())
            }
            _ => p.skip(),
        })?;
        Ok(har)
    }

    fn log(&mut self, log: &mut Log<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "pages" if seen.first(0) => {
                    log.pages = tag(p.list(P::page), "pages")?;
                }
                "entries" if seen.first(1) => {
                    log.entries = match p.peek() {
                        Some(b'n') => {
                            p.literal(b"null")?;
                            None
                        }
                        _ => Some(tag(p.list(P::entry), "entries")?),
                    };
                }
                "pages" | "entries" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })
    }

    fn page(&mut self) -> R<Page<'a>> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid("a page object"));
        }
        let mut page = Page::default();
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "id" if seen.first(0) => page.id = p.opt_str()?,
                "title" if seen.first(1) => page.title = p.opt_str()?,
                "id" | "title" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })?;
        Ok(page)
    }

    fn entry(&mut self) -> R<Entry<'a>> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid("an entry object"));
        }
        let mut e = Entry::default();
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            let bit = match key {
                "pageref" => 0,
                "startedDateTime" => 1,
                "request" => 2,
                "response" => 3,
                "_resourceType" => 4,
                "_initiator" => 5,
                "_error" => 6,
                "_whycors" => 7,
                _ => return p.skip(),
            };
            if !seen.first(bit) {
                return Err(p.dup(at, key));
            }
            match bit {
                0 => e.pageref = p.opt_str()?,
                1 => e.started = p.opt_str()?,
                2 => {
                    e.request = Tagged(tag(p.opt_obj("the request object", P::request), "request")?)
                }
                3 => {
                    e.response = Tagged(tag(
                        p.opt_obj("the response object", P::response),
                        "response",
                    )?)
                }
                4 => e.resource_type = p.opt_str()?,
                5 => e.initiator = tag(p.initiator(), "_initiator")?,
                6 => e.error = p.opt_str()?,
                _ => {
                    e.whycors = Tagged(tag(
                        p.opt_obj("the _whycors object", P::whycors),
                        "_whycors",
                    )?)
                }
            }
            Ok(())
        })?;
        Ok(e)
    }

    fn request(&mut self, r: &mut Request<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            let bit = match key {
                "method" => 0,
                "url" => 1,
                "headers" => 2,
                "cookies" => 3,
                "postData" => 4,
                _ => return p.skip(),
            };
            if !seen.first(bit) {
                return Err(p.dup(at, key));
            }
            match bit {
                0 => r.method = p.str()?,
                1 => r.url = p.str()?,
                2 => r.headers = tag(p.headers(), "headers")?,
                3 => r.cookies = tag(p.list(P::skip), "cookies")?,
                _ => {
                    r.post_data = Tagged(tag(
                        p.opt_obj("the postData object", P::post_data),
                        "postData",
                    )?)
                }
            }
            Ok(())
        })
    }

    fn header(&mut self) -> R<Header<'a>> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid("a header object"));
        }
        let mut name = None;
        let mut value = None;
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "name" if name.is_none() => name = Some(p.str()?),
                "value" if value.is_none() => value = Some(p.str()?),
                "name" | "value" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })?;
        // serde points just past the object.
        let end = self.i;
        match (name, value) {
            (Some(name), Some(value)) => Ok(Header { name, value }),
            (None, _) => Err(self.err_at(end, "missing field `name`")),
            (_, None) => Err(self.err_at(end, "missing field `value`")),
        }
    }

    fn post_data(&mut self, d: &mut PostData<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "mimeType" if seen.first(0) => d.mime_type = p.opt_str()?,
                "mimeType" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })
    }

    fn response(&mut self, r: &mut Response<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            let bit = match key {
                "status" => 0,
                "statusText" => 1,
                "httpVersion" => 2,
                "headers" => 3,
                "content" => 4,
                "redirectURL" => 5,
                "_error" => 6,
                // Playwright's recordHar: a failed request is `status: -1` with its net error here.
                "_failureText" => 7,
                _ => return p.skip(),
            };
            if !seen.first(bit) {
                return Err(p.dup(at, key));
            }
            match bit {
                0 => r.status = p.status()?,
                1 => r.status_text = p.opt_str()?,
                2 => r.http_version = p.opt_str()?,
                3 => r.headers = tag(p.headers(), "headers")?,
                4 => {
                    r.content = Tagged(tag(p.opt_obj("the content object", P::content), "content")?)
                }
                5 => r.redirect_url = p.opt_str()?,
                6 => r.error = p.opt_str()?.or(r.error.take()),
                _ => {
                    let failure = p.opt_str()?;
                    r.error = r.error.take().or(failure);
                }
            }
            Ok(())
        })
    }

    fn content(&mut self, c: &mut Content<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "text" if seen.first(0) => {
                    c.text = match p.peek() {
                        Some(b'"') => Some(p.raw_string()?),
                        Some(b'n') => p.literal(b"null").map(|()| None)?,
                        _ => return Err(p.invalid("a string")),
                    }
                }
                "encoding" if seen.first(1) => c.encoding = p.opt_str()?,
                "mimeType" if seen.first(2) => c.mime_type = p.opt_str()?,
                "text" | "encoding" | "mimeType" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })
    }

    fn whycors(&mut self, w: &mut WhyCors<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "replay" if seen.first(0) => {
                    w.replay = Tagged(tag(p.opt_obj("the replay object", P::replay), "replay")?)
                }
                "replay" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })
    }

    fn replay(&mut self, r: &mut ReplayModel<'a>) -> R<()> {
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "preflight" if seen.first(0) => {
                    r.preflight = Tagged(tag(
                        p.opt_obj("the response object", P::response),
                        "preflight",
                    )?)
                }
                "response" if seen.first(1) => {
                    r.response = Tagged(tag(
                        p.opt_obj("the response object", P::response),
                        "response",
                    )?)
                }
                "preflight" | "response" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })
    }

    /// A number, a numeric string or null; anything out of 0..=999 reads as 0.
    fn status(&mut self) -> R<Status> {
        let ok = |v: u16| Status(if v <= 999 { v } else { 0 });
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {
                let (n, integer) = self.number()?;
                if integer {
                    Ok(n.parse::<u16>().map_or(Status(0), ok))
                } else {
                    Ok(Status(whole_decimal(n).filter(|&v| v <= 999).unwrap_or(0)))
                }
            }
            Some(b'"') => {
                let s = self.string()?;
                Ok(s.trim().parse::<u16>().map_or(Status(0), ok))
            }
            Some(b'n') => self.literal(b"null").map(|()| Status(0)),
            _ => Err(self.invalid("an HTTP status number")),
        }
    }

    /// `_initiator`: an object or a URL string; other values read as no initiator.
    fn initiator(&mut self) -> R<Option<Initiator<'a>>> {
        match self.peek() {
            Some(b'"') => Ok(Some(Initiator {
                url: Some(Str(self.string()?)),
            })),
            Some(b'n') => self.literal(b"null").map(|()| None),
            Some(b'{') => {
                let mut url: Option<Str<'a>> = None;
                let mut frame_url: Option<Str<'a>> = None;
                let mut seen = Seen(0);
                self.object(&mut |p, key| {
                    let at = p.i;
                    match key {
                        "url" if seen.first(0) => url = p.opt_str()?,
                        "stack" if seen.first(1) => {
                            frame_url = tag(p.stack(), "stack")?;
                        }
                        "url" | "stack" => return Err(p.dup(at, key)),
                        _ => p.skip()?,
                    }
                    Ok(())
                })?;
                let url = url.filter(|u| !u.as_str().is_empty()).or(frame_url);
                Ok(Some(Initiator { url }))
            }
            _ => self.skip().map(|()| Some(Initiator::default())),
        }
    }

    /// `_initiator.stack`: the first non-empty `callFrames[].url`.
    fn stack(&mut self) -> R<Option<Str<'a>>> {
        match self.peek() {
            Some(b'{') => {}
            Some(b'n') => return self.literal(b"null").map(|()| None),
            _ => return Err(self.invalid("a stack object")),
        }
        let mut first = None;
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "callFrames" if seen.first(0) => {
                    let mut found = None;
                    tag(
                        p.list(|p| {
                            let u = p.frame()?;
                            if found.is_none() {
                                found = u.filter(|u| !u.as_str().is_empty());
                            }
                            Ok(())
                        }),
                        "callFrames",
                    )?;
                    first = found;
                }
                "callFrames" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })?;
        Ok(first)
    }

    /// One call frame: its `url`.
    fn frame(&mut self) -> R<Option<Str<'a>>> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid("a call frame object"));
        }
        let mut url = None;
        let mut seen = Seen(0);
        self.object(&mut |p, key| {
            let at = p.i;
            match key {
                "url" if seen.first(0) => url = p.opt_str()?,
                "url" => return Err(p.dup(at, key)),
                _ => p.skip()?,
            }
            Ok(())
        })?;
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ScanError {
        match read(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn string_stop_finds_the_first_stop() {
        let s = b"abcdefghijklmnop\"qrstuvwx";
        assert_eq!(string_stop(s, 0), 16);
        assert_eq!(string_stop(b"ab\\c", 0), 2);
        assert_eq!(string_stop(b"abcdefgh\x01", 0), 8);
        assert_eq!(
            string_stop("h\u{e9}llo w\u{f6}rld \u{1f600}\"".as_bytes(), 0),
            18
        );
        assert_eq!(string_stop(b"abc", 0), 3);
        for k in 0..20 {
            let mut v = vec![b'x'; 20];
            v[k] = b'"';
            assert_eq!(string_stop(&v, 0), k);
            v[k] = 0x1f;
            assert_eq!(string_stop(&v, 0), k);
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape(r#"a\"b\\c\/d\n\t"#), "a\"b\\c/d\n\t");
        assert_eq!(unescape(r"\u00e9\u20AC"), "\u{e9}\u{20ac}");
        assert_eq!(unescape(r"\ud83d\ude00!"), "\u{1f600}!");
        assert_eq!(unescape(r"\ud83d!"), "\u{fffd}!");
        assert_eq!(unescape(r"\ude00x"), "\u{fffd}x");
        assert_eq!(unescape(r"\ud83d\u0041"), "\u{fffd}A");
    }

    #[test]
    fn reads_the_fields_it_needs() {
        let har = read(
            r#"{"log":{"pages":[{"id":"p","title":"https://a.example/"}],"entries":[
              {"pageref":"p","startedDateTime":"2024-01-01T00:00:00Z","_resourceType":"fetch",
               "_initiator":{"type":"script","stack":{"callFrames":[{"url":""},{"url":"https://a.example/app.js"}]}},
               "request":{"method":"GET","url":"https://b.example/\u0078","headers":[{"name":"Origin","value":"https://a.example"}],"cookies":[{"name":"a"},{}],"postData":{"mimeType":"text/plain"}},
               "response":{"status":"429","headers":[],"content":{"text":"{\"m\":1}","mimeType":"application/json"},"timings":{"a":[1,2,{"b":null}]}}}
            ]}}"#,
        )
        .expect("valid");
        let log = har.log.0.expect("log");
        assert_eq!(log.pages.0.len(), 1);
        let entries = log.entries.expect("entries").0;
        let e = entries.first().expect("one entry");
        let req = e.request.0.as_ref().expect("request");
        assert_eq!(req.url.as_str(), "https://b.example/x");
        assert!(matches!(req.url.0, Cow::Owned(_)));
        assert!(matches!(req.method.0, Cow::Borrowed(_)));
        assert_eq!(req.cookies.0.len(), 2);
        assert_eq!(
            req.headers.0.first().map(|h| h.value.as_str()),
            Some("https://a.example")
        );
        let resp = e.response.0.as_ref().expect("response");
        assert_eq!(resp.status, Status(429));
        let text = resp.content.0.as_ref().and_then(|c| c.text.as_ref());
        assert_eq!(
            text.map(|t| t.get().into_owned()).as_deref(),
            Some("{\"m\":1}")
        );
        let init = e.initiator.as_ref().and_then(|i| i.url.as_ref());
        assert_eq!(init.map(Str::as_str), Some("https://a.example/app.js"));
    }

    #[test]
    fn whole_decimals_agree_with_floats() {
        let mut forms = Vec::new();
        for v in 0..1100u32 {
            forms.push(format!("{v}.0"));
            forms.push(format!("{v}.50"));
            forms.push(format!("{v}e0"));
            forms.push(format!("{}.{}e1", v / 10, v % 10));
            forms.push(format!("{v}00e-2"));
            forms.push(format!("{v}5e-1"));
            forms.push(format!("0.{v}E+3"));
            forms.push(format!("0.00{v}e5"));
        }
        for n in forms {
            let f: f64 = n.parse().expect("a number");
            let want = (f.fract() == 0.0 && (0.0..=65535.0).contains(&f)).then_some(f as u16);
            assert_eq!(whole_decimal(&n), want, "{n}");
        }
    }

    #[test]
    fn statuses() {
        for (v, s) in [
            ("200", 200),
            ("200.0", 200),
            ("2e2", 200),
            ("2.04E2", 204),
            ("20400e-2", 204),
            ("0.0", 0),
            ("204.5", 0),
            ("2e-1", 0),
            ("1e999999999", 0),
            ("9.99e2", 999),
            ("1e3", 0),
            ("-2e2", 0),
            ("-1", 0),
            ("1000", 0),
            ("99999999999999999999999", 0),
            ("\" 404 \"", 404),
            ("\"x\"", 0),
            ("null", 0),
        ] {
            let text = format!(r#"{{"log":{{"entries":[{{"response":{{"status":{v}}}}}]}}}}"#);
            let har = read(&text).expect("valid");
            let log = har.log.0.expect("log");
            let e = log.entries.expect("entries").0;
            let st = e
                .first()
                .and_then(|e| e.response.0.as_ref())
                .map(|r| r.status);
            assert_eq!(st, Some(Status(s)), "{v}");
        }
        let e = err(r#"{"log":{"entries":[{"response":{"status":true}}]}}"#);
        assert_eq!(e.field().as_deref(), Some("log.entries[0].response"));
        assert_eq!(
            e.message,
            "invalid type: boolean `true`, expected an HTTP status number"
        );
    }

    #[test]
    fn grammar_errors() {
        for (text, msg, at) in [
            (r#"{"log":{"entries":[]}} x"#, "trailing characters", 23),
            (
                r#"{"log":{"entries":[],"x":[01]}}"#,
                "expected `,` or `]`",
                27,
            ),
            (r#"{"log":{"entries":[],"x":1.}}"#, "invalid number", 27),
            (r#"{"log":{"entries":[],"x":-}}"#, "invalid number", 26),
            (r#"{"log":{"entries":[],"x":tru}}"#, "expected ident", 28),
            (r#"{"log":{"entries":[],"x":"\q"}}"#, "invalid escape", 27),
            (
                r#"{"log":{"entries":[],"x":"\u12G4"}}"#,
                "invalid escape",
                30,
            ),
            (
                "{\"log\":{\"entries\":[],\"x\":\"a\tb\"}}",
                "control character",
                27,
            ),
            (
                r#"{"log":{"entries":[],"x":[1 2]}}"#,
                "expected `,` or `]`",
                28,
            ),
            (r#"{"log":{"entries":[],"x":{"a" 1}}}"#, "expected `:`", 30),
            (
                r#"{"log":{"entries":[],"x":{1:1}}}"#,
                "key must be a string",
                26,
            ),
            (
                r#"{"log":{"entries":[],"entries":[]}}"#,
                "duplicate field `entries`",
                31,
            ),
            (r#"{"log":{"entries":[,]}}"#, "expected value", 19),
        ] {
            let e = err(text);
            assert!(e.message.starts_with(msg), "{text}: {e:?}");
            assert_eq!(e.offset, at, "{text}: {e:?}");
        }
        let e = err(r#"{"log":{"entries":[{"request":{"headers":[{"name":"a"}]}}]}}"#);
        assert_eq!(e.message, "missing field `value`");
        assert_eq!(
            e.field().as_deref(),
            Some("log.entries[0].request.headers[0]")
        );
        let e = err(r#"{"log":{"entries":[{"request":{"url":"#);
        assert!(e.message.contains("EOF"), "{e:?}");
        assert_eq!(e.field().as_deref(), Some("log.entries[0].request"));
    }

    #[test]
    fn skips_deep_values_without_recursion() {
        let deep = format!(
            r#"{{"log":{{"entries":[],"x":{}{}}}}}"#,
            r#"{"a":["#.repeat(50_000),
            "]}".repeat(50_000)
        );
        assert!(read(&deep).is_ok());
        let wrong = format!(
            r#"{{"log":{{"entries":[],"x":{}{}}}}}"#,
            "[{\"a\":".repeat(100),
            "]}".repeat(100)
        );
        assert!(read(&wrong).is_err());
    }
}
