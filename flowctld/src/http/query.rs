//! The query string of a request: `key=value` pairs, percent-decoded.

/// A request's query parameters, in their order.
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The parameters of `query` (the part after `?`, if any).
    pub fn parse(query: Option<&str>) -> Query {
        let pairs = query
            .unwrap_or("")
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, value)) => (decode(key), decode(value)),
                None => (decode(pair), String::new()),
            })
            .collect();
        Query(pairs)
    }

    /// The last value given for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for `key`.
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `key` as a flag: absent or `false`/`0` is false, `true`/`1` or a
    /// bare `key` is true; anything else is an error saying so.
    pub fn flag(&self, key: &str) -> Result<bool, String> {
        match self.get(key) {
            None | Some("false") | Some("0") => Ok(false),
            Some("") | Some("true") | Some("1") => Ok(true),
            Some(other) => Err(format!(
                "query parameter {key}={other}: expected true or false"
            )),
        }
    }

    /// `key` as a count (absent: 0).
    pub fn count(&self, key: &str) -> Result<u32, String> {
        match self.get(key) {
            None => Ok(0),
            Some(text) => text
                .parse()
                .map_err(|_| format!("query parameter {key}={text}: expected a whole number >= 0")),
        }
    }
}

/// Percent-decoding, with `+` as a space (HTML forms, curl `--data-urlencode`).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let digit = |at: usize| bytes.get(at).copied().and_then(hex);
                match (digit(i + 1), digit(i + 2)) {
                    (Some(high), Some(low)) => {
                        out.push(high << 4 | low);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pairs_and_flags() {
        let q = Query::parse(Some(
            "pipeline=a%20b&active&limit=3&env=A%3D1&env=B=2&x=%zz",
        ));
        assert_eq!(q.get("pipeline"), Some("a b"));
        assert_eq!(q.flag("active"), Ok(true));
        assert_eq!(q.flag("follow"), Ok(false));
        assert_eq!(q.count("limit"), Ok(3));
        assert_eq!(q.all("env").collect::<Vec<_>>(), ["A=1", "B=2"]);
        assert_eq!(q.get("x"), Some("%zz"));
        assert!(q.count("pipeline").is_err());
        assert_eq!(Query::parse(Some("a=%41")).get("a"), Some("A"));
        assert_eq!(Query::parse(Some("a=%4")).get("a"), Some("%4"));
    }
}
