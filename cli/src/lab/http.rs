//! A small HTTP/1.1 server on std: one thread per connection, keep-alive,
//! Content-Length and chunked request bodies, and nothing added to a
//! response but what the handler put there (plus Content-Length).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Largest request head (request line + headers) accepted.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body read; more is answered with 413 and the connection closed.
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// Most connections served at once per listener.
const MAX_CONNECTIONS: usize = 256;
/// How long an idle keep-alive connection stays open.
const IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// One parsed request.
#[derive(Clone, Debug)]
pub struct Request {
    /// The method exactly as sent (`patch` stays lower-case).
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    /// Path part of the target, without the query.
    pub path: String,
    /// Query part after `?`, without the `?` ("" when none).
    pub query: String,
    /// Header lines in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// Number of body bytes received.
    pub body_len: usize,
    /// The body (kept up to [`MAX_BODY`]).
    pub body: Vec<u8>,
}

impl Request {
    /// First value of a header, name compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }
}

/// A response to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn push(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_string(), value.to_string()));
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Response {
        self.body = body.into();
        self
    }

    pub fn has(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Something that answers requests.
pub type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// A listener running its accept loop on a thread.
pub struct Server {
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn spawn(listener: TcpListener, handler: Arc<Handler>) -> io::Result<Server> {
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let active = Arc::new(AtomicUsize::new(0));
        let stop2 = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name(format!("lab-accept-{}", addr.port()))
            .spawn(move || accept_loop(listener, handler, stop2, active))?;
        Ok(Server {
            stop,
            addr,
            thread: Some(thread),
        })
    }

    /// Stop accepting and wait for the accept loop to end. Open keep-alive
    /// connections close after their current request or idle timeout.
    pub fn stop(&mut self) {
        if self.stop.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the blocking accept().
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(500));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn accept_loop(
    listener: TcpListener,
    handler: Arc<Handler>,
    stop: Arc<AtomicBool>,
    active: Arc<AtomicUsize>,
) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            drop(stream);
            continue;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let handler = Arc::clone(&handler);
        let stop = Arc::clone(&stop);
        let active2 = Arc::clone(&active);
        let spawned = thread::Builder::new()
            .name("lab-conn".into())
            .spawn(move || {
                let _ = serve_connection(stream, &*handler, &stop);
                active2.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Why a request could not be read.
enum ReadError {
    /// The peer closed or went idle before a request started: just close.
    Closed,
    /// A malformed or oversized request: answer this status and close.
    Bad(u16, &'static str),
    Io,
}

fn serve_connection(stream: TcpStream, handler: &Handler, stop: &AtomicBool) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        match read_request(&mut reader) {
            Ok((req, keep_alive)) => {
                let resp = handler(&req);
                let head_only = req.is("HEAD");
                write_response(&mut writer, &resp, head_only)?;
                if !keep_alive || stop.load(Ordering::SeqCst) {
                    return Ok(());
                }
            }
            Err(ReadError::Closed) | Err(ReadError::Io) => return Ok(()),
            Err(ReadError::Bad(status, msg)) => {
                let resp = Response::new(status)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("Connection", "close")
                    .body(format!("whycors lab: {msg}\n"));
                write_response(&mut writer, &resp, false)?;
                return Ok(());
            }
        }
    }
}

/// Read one line ending in LF, with a cap on the total head size.
fn read_line(reader: &mut impl BufRead, used: &mut usize) -> Result<Option<String>, ReadError> {
    let mut line = Vec::new();
    let limit = (MAX_HEAD.saturating_sub(*used) + 1) as u64;
    let n = reader
        .by_ref()
        .take(limit)
        .read_until(b'\n', &mut line)
        .map_err(|_| ReadError::Io)?;
    if n == 0 {
        return Ok(None);
    }
    *used += n;
    if *used > MAX_HEAD {
        return Err(ReadError::Bad(431, "request head too large"));
    }
    if line.last() != Some(&b'\n') {
        // EOF in the middle of a line.
        return Err(ReadError::Closed);
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    match String::from_utf8(line) {
        Ok(s) => Ok(Some(s)),
        Err(e) => Ok(Some(String::from_utf8_lossy(e.as_bytes()).into_owned())),
    }
}

fn read_request(reader: &mut impl BufRead) -> Result<(Request, bool), ReadError> {
    let mut used = 0usize;
    // Skip empty lines before a request line (RFC 9112 §2.2).
    let request_line = loop {
        match read_line(reader, &mut used)? {
            None => return Err(ReadError::Closed),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        return Err(ReadError::Bad(400, "malformed method"));
    }
    if !target.starts_with('/') && target != "*" {
        return Err(ReadError::Bad(400, "request target must be a path"));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(ReadError::Bad(505, "only HTTP/1.0 and HTTP/1.1")),
    };
    let mut headers = Vec::new();
    loop {
        let Some(line) = read_line(reader, &mut used)? else {
            return Err(ReadError::Closed);
        };
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            return Err(ReadError::Bad(400, "obsolete line folding"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad(400, "header line without a colon"));
        };
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(ReadError::Bad(400, "malformed header name"));
        }
        headers.push((
            name.to_string(),
            value.trim_matches([' ', '\t']).to_string(),
        ));
    }
    let get = |n: &str| {
        headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    let connection = get("connection").join(",").to_ascii_lowercase();
    let keep_alive = if http10 {
        connection.split(',').any(|t| t.trim() == "keep-alive")
    } else {
        !connection.split(',').any(|t| t.trim() == "close")
    };
    let chunked = get("transfer-encoding")
        .iter()
        .any(|v| v.to_ascii_lowercase().contains("chunked"));
    let lengths = get("content-length");
    let (body, body_len) = if chunked {
        read_chunked(reader)?
    } else if let Some(first) = lengths.first() {
        if lengths.iter().any(|l| l != first) {
            return Err(ReadError::Bad(400, "conflicting Content-Length"));
        }
        let n: usize = first
            .parse()
            .map_err(|_| ReadError::Bad(400, "malformed Content-Length"))?;
        if n > MAX_BODY {
            return Err(ReadError::Bad(413, "body too large for the lab"));
        }
        let mut body = vec![0u8; n];
        reader.read_exact(&mut body).map_err(|_| ReadError::Io)?;
        (body, n)
    } else {
        (Vec::new(), 0)
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.to_string(), String::new()),
    };
    Ok((
        Request {
            method: method.to_string(),
            target: target.to_string(),
            path,
            query,
            headers,
            body_len,
            body,
        },
        keep_alive,
    ))
}

fn read_chunked(reader: &mut impl BufRead) -> Result<(Vec<u8>, usize), ReadError> {
    let mut body = Vec::new();
    let mut used = 0usize;
    loop {
        let Some(line) = read_line(reader, &mut used)? else {
            return Err(ReadError::Io);
        };
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| ReadError::Bad(400, "malformed chunk size"))?;
        if size == 0 {
            // Trailer section up to the empty line.
            loop {
                match read_line(reader, &mut used)? {
                    None => return Err(ReadError::Io),
                    Some(l) if l.is_empty() => break,
                    Some(_) => {}
                }
            }
            let n = body.len();
            return Ok((body, n));
        }
        if body.len().saturating_add(size) > MAX_BODY {
            return Err(ReadError::Bad(413, "body too large for the lab"));
        }
        let start = body.len();
        body.resize(start + size, 0);
        let Some(chunk) = body.get_mut(start..) else {
            return Err(ReadError::Io);
        };
        reader.read_exact(chunk).map_err(|_| ReadError::Io)?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf).map_err(|_| ReadError::Io)?;
        if &crlf != b"\r\n" {
            return Err(ReadError::Bad(400, "chunk not followed by CRLF"));
        }
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn write_response(w: &mut impl Write, resp: &Response, head_only: bool) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + resp.body.len());
    out.extend_from_slice(
        format!(
            "HTTP/1.1 {} {}\r\n",
            resp.status,
            whycors::exchange::reason_phrase(resp.status)
        )
        .as_bytes(),
    );
    for (n, v) in &resp.headers {
        // Never let a value break the framing.
        let v: String = v.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let no_body = resp.status == 204 || resp.status == 304 || (100..200).contains(&resp.status);
    if !no_body && !resp.has("content-length") {
        out.extend_from_slice(format!("Content-Length: {}\r\n", resp.body.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    if !head_only && !no_body {
        out.extend_from_slice(&resp.body);
    }
    w.write_all(&out)?;
    w.flush()
}

/// RFC 9110 IMF-fixdate for a Unix time in seconds.
pub fn http_date(unix: u64) -> String {
    let days = unix / 86_400;
    let secs = unix % 86_400;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil from days (Howard Hinnant's algorithm), 1970-01-01 = day 0.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1).clamp(0, 11) as usize];
    format!("{weekday}, {d:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn parses_keep_alive_and_chunked() {
        let raw = b"POST /a?b=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n";
        let mut r = BufReader::new(&raw[..]);
        let Ok((req, ka)) = read_request(&mut r) else {
            panic!("first request should parse")
        };
        assert!(ka);
        assert_eq!(req.path, "/a");
        assert_eq!(req.query, "b=1");
        assert_eq!(req.body, b"abc");
        let Ok((req2, _)) = read_request(&mut r) else {
            panic!("second request should parse")
        };
        assert_eq!(req2.method, "GET");
        assert!(matches!(read_request(&mut r), Err(ReadError::Closed)));
    }

    #[test]
    fn rejects_garbage() {
        for raw in [
            &b"GET\r\n\r\n"[..],
            b"GET / HTTP/2\r\n\r\n",
            b"GET / HTTP/1.1\r\nbad header\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        ] {
            let mut r = BufReader::new(raw);
            assert!(
                matches!(read_request(&mut r), Err(ReadError::Bad(..))),
                "{raw:?}"
            );
        }
    }
}
