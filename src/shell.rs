//! Shell words for the commands whycors writes (the curl lines that reproduce a request,
//! the ones a missing piece of evidence asks for): every stage that writes one quotes
//! the same way.

/// `s` as one shell word: as it is when it has no character a shell reads, else in single
/// quotes.
pub(crate) fn quote(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b))
        && !s.is_empty()
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
