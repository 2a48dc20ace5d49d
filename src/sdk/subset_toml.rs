//! A reader for the subset of TOML the bundled data files are written in (`data/releases.toml`,
//! `data/sdk_api.toml`): comments, table headers, and `key = value` where a value is a basic
//! string without escapes, `true` or `false`, or a list of such strings (lists may span lines).
//! Anything else is an error, and tests prove that each file reads as the `toml` crate reads it: a
//! general TOML parser took a good part of a small repository's run.

pub(super) enum Value<'a> {
    Str(&'a str),
    List(Vec<&'a str>),
    Bool(bool),
}

pub(super) struct Cursor<'a> {
    text: &'a str,
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Cursor { text, at: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or("")
    }

    pub(super) fn eat(&mut self, c: char) -> bool {
        let found = self.rest().starts_with(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    pub(super) fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// Spaces, line breaks and comments.
    pub(super) fn skip_blank(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with('#') {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    /// A bare key, or a quoted one.
    pub(super) fn key(&mut self) -> Result<&'a str, String> {
        if self.rest().starts_with('"') {
            return self.string();
        }
        let rest = self.rest();
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if end == 0 {
            return Err(format!("a key expected at byte {}", self.at));
        }
        self.at += end;
        Ok(&rest[..end])
    }

    pub(super) fn string(&mut self) -> Result<&'a str, String> {
        let at = self.at;
        let inner = self
            .rest()
            .strip_prefix('"')
            .ok_or_else(|| format!("a string expected at byte {at}"))?;
        let end = inner
            .find(['"', '\\', '\n'])
            .filter(|&end| inner[end..].starts_with('"'))
            .ok_or_else(|| format!("a string without escapes expected at byte {at}"))?;
        self.at += 1 + end + 1;
        Ok(&inner[..end])
    }

    /// A `key = value` line.
    pub(super) fn entry(&mut self) -> Result<(&'a str, Value<'a>), String> {
        let key = self.key()?;
        self.skip_spaces();
        if !self.eat('=') {
            return Err(format!("`=` expected after `{key}`"));
        }
        self.skip_spaces();
        Ok((key, self.value(key)?))
    }

    /// The value after `key = `.
    fn value(&mut self, key: &str) -> Result<Value<'a>, String> {
        for (word, value) in [("true", true), ("false", false)] {
            let rest = self.rest();
            if rest.starts_with(word)
                && !rest[word.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            {
                self.at += word.len();
                return Ok(Value::Bool(value));
            }
        }
        if !self.eat('[') {
            return Ok(Value::Str(self.string()?));
        }
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.eat(']') {
                break;
            }
            items.push(self.string()?);
            self.skip_blank();
            if !self.eat(',') {
                self.skip_blank();
                if !self.eat(']') {
                    return Err(format!("`,` or `]` expected in `{key}`"));
                }
                break;
            }
        }
        Ok(Value::List(items))
    }

    /// The dotted keys of a `[table]` header, the cursor at its `[`.
    pub(super) fn header(&mut self) -> Result<Vec<&'a str>, String> {
        let at = self.at;
        if !self.eat('[') {
            return Err(format!("a table header expected at byte {at}"));
        }
        let mut keys = Vec::new();
        loop {
            self.skip_spaces();
            keys.push(self.key()?);
            self.skip_spaces();
            if self.eat(']') {
                return Ok(keys);
            }
            if !self.eat('.') {
                return Err(format!("`.` or `]` expected in the header at byte {at}"));
            }
        }
    }
}
