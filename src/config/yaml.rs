//! A YAML 1.1 reader that builds the tree PyYAML's `yaml.safe_load` would build, keeping the byte
//! span of every node. saphyr-parser supplies the event stream (it is a YAML 1.2 parser, but the two
//! versions share their syntax for everything a repo config holds); this file supplies what PyYAML
//! adds on top: the YAML 1.1 resolution of plain scalars (`no` is a boolean, `1.10` a float, `1e3` a
//! string), the core tags, merge keys, and the errors PyYAML's reader, composer and constructor raise
//! (unprintable characters, duplicate anchors, unhashable keys, impossible dates, more than one
//! document). Duplicate keys are recorded, not rejected, because PyYAML silently keeps the last one.
//! Only this file knows which YAML parser the crate uses.

use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};

/// Collections nested deeper than this are refused. PyYAML's composer and constructor recurse once
/// per level and hit Python's recursion limit (1000 frames) a few hundred levels down, and
/// saphyr-parser refuses flow collections past 255 levels; nothing real comes close.
pub(crate) const MAX_DEPTH: usize = 256;

pub(crate) type NodeId = usize;

/// What PyYAML constructs for a node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(String),
    /// `datetime.date` (`2024-01-01`) or `datetime.datetime`.
    Timestamp,
    /// `!!binary`: Python `bytes`.
    Binary,
    /// A list (also `!!omap` and `!!pairs`, which PyYAML builds as lists of pairs).
    Seq(Vec<NodeId>),
    /// A dict: the pairs that remain after merge keys are applied and later duplicates have
    /// replaced earlier ones, in the order of first appearance.
    Map(Vec<(NodeId, NodeId)>),
    /// `!!set`: a Python set of the keys.
    Set(Vec<NodeId>),
}

/// A YAML integer. Python integers are unbounded; `value` is `None` past `i128`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Int {
    pub value: Option<i128>,
    /// The digits as written, without `_` (for integers past `i128`).
    pub digits: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub value: Value,
    /// Bytes of the node's content in the source, without its anchor or tag; quotes included.
    pub span: Range<usize>,
    /// A plain scalar without a tag, i.e. one whose type YAML guessed from its text.
    pub plain: bool,
    /// A `!!omap` or `!!pairs` list: PyYAML builds its single-pair mappings as `(key, value)`
    /// tuples.
    pub pairs: bool,
    /// `<<` and `=`: only meaningful as keys.
    special: Special,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Special {
    None,
    /// A plain `<<` or `!!merge`: a merge key.
    Merge,
    /// A plain `=`: YAML 1.1's value key, which PyYAML reads as the string `=` as a key only.
    ValueKey,
}

/// A key written twice in one mapping.
#[derive(Clone, Debug)]
pub(crate) struct Duplicate {
    /// The key as it reads (its string value, or the text as written for other keys).
    pub key: String,
    /// The path of the mapping holding it (`defaults.batch_feature_view`); empty at the top level.
    pub path: String,
    pub first: Range<usize>,
    pub second: Range<usize>,
}

#[derive(Debug)]
pub(crate) struct Document {
    pub nodes: Vec<Node>,
    /// `None` for a stream without a document (an empty file, or only comments).
    pub root: Option<NodeId>,
    pub duplicates: Vec<Duplicate>,
}

impl Document {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn value(&self, id: NodeId) -> &Value {
        &self.nodes[id].value
    }

    /// The node's text as written in `source`.
    pub fn source<'s>(&self, source: &'s str, id: NodeId) -> &'s str {
        source.get(self.nodes[id].span.clone()).unwrap_or("")
    }

    /// How a key reads in a message or a path: its string, or its text as written.
    pub fn key_text(&self, source: &str, id: NodeId) -> String {
        match &self.nodes[id].value {
            Value::Str(s) => s.clone(),
            _ => self.source(source, id).to_string(),
        }
    }
}

/// Why the text is not a YAML document PyYAML would load.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct YamlError {
    pub message: String,
    /// Bytes in the source the error points at.
    pub span: Range<usize>,
}

impl YamlError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        YamlError {
            message: message.into(),
            span,
        }
    }
}

/// Reads `text` as `yaml.safe_load` would.
pub(crate) fn parse(text: &str) -> Result<Document, YamlError> {
    check_printable(text)?;
    // saphyr-parser is not supposed to panic, but a panic must never escape to the user: treat one
    // as a parse failure at the start of the file.
    let built = std::panic::catch_unwind(|| {
        let mut builder = Builder::new(text);
        let result = builder.run();
        (result, builder)
    });
    let Ok((result, builder)) = built else {
        return Err(YamlError::new("the YAML parser failed on this file", 0..0));
    };
    // PyYAML's scanner also refuses tabs that saphyr (YAML 1.2) takes as separation; report the
    // first problem in the text, whichever check finds it.
    let limit = result.as_ref().err().map_or(text.len(), |e| e.span.start);
    if let Some(at) = first_stray_tab(text, &builder.protected, limit) {
        return Err(YamlError::new(
            "found character '\\t' that cannot start any token",
            at..at + 1,
        ));
    }
    result.map(|()| Document {
        nodes: builder.nodes,
        root: builder.root,
        duplicates: builder.duplicates,
    })
}

/// The first tab before `limit` that PyYAML's scanner stops on: its scanner skips only spaces
/// between tokens, so a tab is accepted only inside quoted and block scalars (`protected`, in
/// order) and inside comments.
fn first_stray_tab(text: &str, protected: &[Range<usize>], limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let mut ranges = protected.iter().peekable();
    let mut i = 0;
    while i < limit {
        while ranges.peek().is_some_and(|r| r.end <= i) {
            ranges.next();
        }
        if let Some(r) = ranges.peek() {
            if r.start <= i {
                i = r.end;
                continue;
            }
        }
        match bytes[i] {
            b'\t' => return Some(i),
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// PyYAML's reader refuses control characters and a few others before parsing starts.
fn check_printable(text: &str) -> Result<(), YamlError> {
    for (i, c) in text.char_indices() {
        let code = c as u32;
        let ok = matches!(c, '\t' | '\n' | '\r')
            || (0x20..=0x7E).contains(&code)
            || code == 0x85
            || (0xA0..=0xD7FF).contains(&code)
            || (0xE000..=0xFFFD).contains(&code)
            || code >= 0x10000;
        if !ok {
            return Err(YamlError::new(
                format!("unacceptable character #x{code:04x}: special characters are not allowed"),
                i..i + c.len_utf8(),
            ));
        }
    }
    Ok(())
}

/// Converts saphyr's character indices into byte offsets, with a checkpoint every 64 characters so
/// that any conversion walks at most 63 characters.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>,
}

impl<'a> Offsets<'a> {
    const STEP: usize = 64;

    fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            for (n, (byte, _)) in text.char_indices().enumerate() {
                if n % Self::STEP == 0 {
                    checkpoints.push(byte);
                }
            }
        }
        Offsets {
            text,
            ascii,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let slot = char_index / Self::STEP;
        let Some(&start) = self.checkpoints.get(slot) else {
            return self.text.len();
        };
        let rest = char_index % Self::STEP;
        self.text[start..]
            .char_indices()
            .nth(rest)
            .map_or(self.text.len(), |(b, _)| start + b)
    }
}

/// The tag a node carries, as far as PyYAML's SafeConstructor is concerned.
#[derive(Clone, Debug, PartialEq)]
enum TagKind {
    /// No tag: YAML resolves plain scalars by their text.
    None,
    /// The non-specific `!`: a string, a list or a dict by the node's kind.
    NonSpecific,
    /// `!!name` (`tag:yaml.org,2002:name`).
    Core(String),
    /// Anything else; `safe_load` cannot construct it.
    Other(String),
}

fn tag_kind(tag: Option<&Tag>) -> TagKind {
    let Some(tag) = tag else {
        return TagKind::None;
    };
    let full = format!("{}{}", tag.handle, tag.suffix);
    if full == "!" {
        return TagKind::NonSpecific;
    }
    match full.strip_prefix("tag:yaml.org,2002:") {
        Some(name) => TagKind::Core(name.to_string()),
        None => TagKind::Other(full),
    }
}

fn tag_display(tag: &TagKind) -> String {
    match tag {
        TagKind::None | TagKind::NonSpecific => "!".to_string(),
        TagKind::Core(name) => format!("tag:yaml.org,2002:{name}"),
        TagKind::Other(full) => full.clone(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum FrameKind {
    Seq,
    Map,
}

/// A collection whose end event has not come yet.
struct Frame {
    node: NodeId,
    kind: FrameKind,
    tag: TagKind,
    /// Children in order; for a mapping, keys and values alternate.
    items: Vec<NodeId>,
    path: String,
    /// Where the collection's content starts (after its anchor and tag).
    start: usize,
}

struct Builder<'a> {
    text: &'a str,
    offsets: Offsets<'a>,
    nodes: Vec<Node>,
    /// Collections whose end event has not come yet, by node (for recursive merges).
    open: Vec<bool>,
    stack: Vec<Frame>,
    /// saphyr's anchor ids to nodes.
    anchors: HashMap<usize, NodeId>,
    /// Anchor names to where they were defined (PyYAML refuses to redefine one).
    anchor_names: HashMap<String, usize>,
    duplicates: Vec<Duplicate>,
    root: Option<NodeId>,
    /// Quoted and block scalars, in order: where PyYAML accepts tabs.
    protected: Vec<Range<usize>>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            offsets: Offsets::new(text),
            nodes: Vec::new(),
            open: Vec::new(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            anchor_names: HashMap::new(),
            duplicates: Vec::new(),
            root: None,
            protected: Vec::new(),
        }
    }

    fn scan_error(&self, e: &ScanError) -> YamlError {
        let at = self.offsets.byte(e.marker().index());
        YamlError::new(e.info().to_string(), at..self.char_end(at))
    }

    /// The end of the character that starts at `at` (for one-character error spans).
    fn char_end(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(at, |c| at + c.len_utf8())
    }

    fn run(&mut self) -> Result<(), YamlError> {
        let mut parser = Parser::new_from_str(self.text);
        let mut documents = 0usize;
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(pair)) => pair,
                Some(Err(e)) => return Err(self.scan_error(&e)),
            };
            let kind = if matches!(event, Event::SequenceStart(..)) {
                FrameKind::Seq
            } else {
                FrameKind::Map
            };
            let start = self.offsets.byte(span.start.index());
            let end = self.offsets.byte(span.end.index()).max(start);
            match event {
                Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(YamlError::new(
                            "expected a single document in the stream, but found another document",
                            start..end.max(self.char_end(start)),
                        ));
                    }
                }
                Event::Alias(id) => {
                    let Some(&target) = self.anchors.get(&id) else {
                        return Err(YamlError::new("found undefined alias", start..end));
                    };
                    self.attach(target)?;
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let (name, content) = self.properties(start, end);
                    let tag = tag_kind(tag.as_deref());
                    // saphyr's span of a quoted scalar runs on over trailing blanks and comments.
                    let end = quoted_end(self.text, content, end, style).unwrap_or(end);
                    if style != ScalarStyle::Plain {
                        self.protected.push(content..end);
                    }
                    let node = self.scalar(&value, style, &tag, content..end)?;
                    self.register_anchor(anchor, name, node)?;
                    self.attach(node)?;
                }
                Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(YamlError::new(
                            format!("collections are nested more than {MAX_DEPTH} levels deep"),
                            start..end.max(self.char_end(start)),
                        ));
                    }
                    let (name, content) = self.properties(start, end);
                    let tag = tag_kind(tag.as_deref());
                    let node = self.push_node(Value::Null, content..content, false);
                    self.open[node] = true;
                    self.register_anchor(anchor, name, node)?;
                    let path = self.child_path();
                    self.stack.push(Frame {
                        node,
                        kind,
                        tag,
                        items: Vec::new(),
                        path,
                        start: content,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        return Err(YamlError::new("unbalanced collection end", start..end));
                    };
                    // A flow collection ends at its closing bracket; a block one at its last child.
                    let last_child = frame
                        .items
                        .last()
                        .map_or(frame.start, |&c| self.nodes[c].span.end);
                    let close = if end > start { end } else { last_child };
                    let node = frame.node;
                    self.nodes[node].span = frame.start..close.max(frame.start);
                    let value = match frame.kind {
                        FrameKind::Seq => self.finish_seq(&frame)?,
                        FrameKind::Map => self.finish_map(&frame)?,
                    };
                    self.nodes[node].value = value;
                    self.open[node] = false;
                    self.attach(node)?;
                }
            }
        }
        Ok(())
    }

    fn push_node(&mut self, value: Value, span: Range<usize>, plain: bool) -> NodeId {
        self.nodes.push(Node {
            value,
            span,
            plain,
            pairs: false,
            special: Special::None,
        });
        self.open.push(false);
        self.nodes.len() - 1
    }

    /// Adds a finished node to the collection being built, or makes it the document's root. `<<`
    /// and `=` can only be keys: anywhere else `safe_load` has no constructor for their tags.
    fn attach(&mut self, node: NodeId) -> Result<(), YamlError> {
        let is_key = self
            .stack
            .last()
            .is_some_and(|f| f.kind == FrameKind::Map && f.items.len() % 2 == 0);
        let tag = match self.nodes[node].special {
            Special::Merge => Some("merge"),
            Special::ValueKey => Some("value"),
            Special::None => None,
        };
        if let (Some(tag), false) = (tag, is_key) {
            return Err(YamlError::new(
                format!("could not determine a constructor for the tag 'tag:yaml.org,2002:{tag}'"),
                self.nodes[node].span.clone(),
            ));
        }
        match self.stack.last_mut() {
            Some(frame) => frame.items.push(node),
            None => self.root = Some(node),
        }
        Ok(())
    }

    /// The path of a collection that starts now, from the collection that will hold it.
    fn child_path(&self) -> String {
        let Some(parent) = self.stack.last() else {
            return String::new();
        };
        let segment = match parent.kind {
            FrameKind::Seq => return format!("{}[{}]", parent.path, parent.items.len()),
            FrameKind::Map if parent.items.len() % 2 == 1 => parent
                .items
                .last()
                .map(|&k| self.key_display(k))
                .unwrap_or_default(),
            FrameKind::Map => "?".to_string(),
        };
        if parent.path.is_empty() {
            segment
        } else {
            format!("{}.{}", parent.path, segment)
        }
    }

    fn key_display(&self, key: NodeId) -> String {
        match &self.nodes[key].value {
            Value::Str(s) => s.clone(),
            _ => self
                .text
                .get(self.nodes[key].span.clone())
                .unwrap_or("?")
                .to_string(),
        }
    }

    /// Splits an event's span into its anchor name and the offset where the content starts. saphyr
    /// reports a node's span from its first property (`&anchor`, `!tag`).
    fn properties(&self, start: usize, end: usize) -> (Option<(String, usize)>, usize) {
        let bytes = self.text.as_bytes();
        let mut i = start;
        let mut anchor = None;
        let end = end.min(bytes.len());
        loop {
            // Separation: spaces, tabs, line breaks and comments.
            while i < end {
                match bytes[i] {
                    b' ' | b'\t' | b'\r' | b'\n' => i += 1,
                    b'#' => {
                        while i < end && bytes[i] != b'\n' {
                            i += 1;
                        }
                    }
                    _ => break,
                }
            }
            if i >= end {
                return (anchor, start.max(i.min(end)));
            }
            match bytes[i] {
                b'&' => {
                    let from = i + 1;
                    i = from;
                    while i < end && !is_property_end(bytes[i]) {
                        i += 1;
                    }
                    anchor = self.text.get(from..i).map(|n| (n.to_string(), from - 1));
                }
                b'!' => {
                    if bytes.get(i + 1) == Some(&b'<') {
                        while i < end && bytes[i] != b'>' {
                            i += 1;
                        }
                        i = (i + 1).min(end);
                    } else {
                        while i < end && !is_property_end(bytes[i]) {
                            i += 1;
                        }
                    }
                }
                _ => return (anchor, i),
            }
        }
    }

    fn register_anchor(
        &mut self,
        id: usize,
        anchor: Option<(String, usize)>,
        node: NodeId,
    ) -> Result<(), YamlError> {
        if id == 0 {
            return Ok(());
        }
        self.anchors.insert(id, node);
        if let Some((name, at)) = anchor {
            if let Some(&first) = self.anchor_names.get(&name) {
                let line = self.text[..first.min(self.text.len())]
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .count()
                    + 1;
                return Err(YamlError::new(
                    format!("found duplicate anchor '{name}'; first occurrence on line {line}"),
                    at..at + name.len() + 1,
                ));
            }
            self.anchor_names.insert(name, at);
        }
        Ok(())
    }

    fn scalar(
        &mut self,
        raw: &str,
        style: ScalarStyle,
        tag: &TagKind,
        span: Range<usize>,
    ) -> Result<NodeId, YamlError> {
        let err = |message: String| YamlError::new(message, span.clone());
        let plain = style == ScalarStyle::Plain && *tag == TagKind::None;
        let mut special = Special::None;
        let value = match tag {
            TagKind::None if style == ScalarStyle::Plain => match resolve_plain(raw) {
                Resolved::Value(v) => v,
                Resolved::Invalid(msg) => return Err(err(msg)),
                Resolved::Merge => {
                    special = Special::Merge;
                    Value::Str("<<".to_string())
                }
                Resolved::ValueKey => {
                    special = Special::ValueKey;
                    Value::Str("=".to_string())
                }
            },
            TagKind::Core(name) if name == "merge" => {
                special = Special::Merge;
                Value::Str(raw.to_string())
            }
            TagKind::None | TagKind::NonSpecific => Value::Str(raw.to_string()),
            TagKind::Core(name) => construct_tagged(name, raw).map_err(err)?,
            TagKind::Other(full) => {
                return Err(err(format!(
                    "could not determine a constructor for the tag '{full}'"
                )))
            }
        };
        let id = self.push_node(value, span, plain);
        self.nodes[id].special = special;
        Ok(id)
    }

    fn finish_seq(&mut self, frame: &Frame) -> Result<Value, YamlError> {
        let span = self.nodes[frame.node].span.clone();
        match &frame.tag {
            TagKind::None | TagKind::NonSpecific => Ok(Value::Seq(frame.items.clone())),
            TagKind::Core(name) if name == "seq" => Ok(Value::Seq(frame.items.clone())),
            TagKind::Core(name) if name == "omap" || name == "pairs" => {
                for &item in &frame.items {
                    let single = matches!(&self.nodes[item].value, Value::Map(p) if p.len() == 1);
                    if !single {
                        return Err(YamlError::new(
                            format!(
                                "while constructing an ordered map, expected a single mapping item, but found {}",
                                kind_name(&self.nodes[item].value)
                            ),
                            self.nodes[item].span.clone(),
                        ));
                    }
                }
                self.nodes[frame.node].pairs = true;
                Ok(Value::Seq(frame.items.clone()))
            }
            TagKind::Core(name) if name == "map" || name == "set" => Err(YamlError::new(
                "expected a mapping node, but found sequence",
                span,
            )),
            TagKind::Core(name) if is_scalar_tag(name) => Err(YamlError::new(
                "expected a scalar node, but found sequence",
                span,
            )),
            other => Err(YamlError::new(
                format!(
                    "could not determine a constructor for the tag '{}'",
                    tag_display(other)
                ),
                span,
            )),
        }
    }

    fn finish_map(&mut self, frame: &Frame) -> Result<Value, YamlError> {
        let span = self.nodes[frame.node].span.clone();
        let is_set = match &frame.tag {
            TagKind::None | TagKind::NonSpecific => false,
            TagKind::Core(name) if name == "map" => false,
            TagKind::Core(name) if name == "set" => true,
            TagKind::Core(name) if name == "seq" || name == "omap" || name == "pairs" => {
                return Err(YamlError::new(
                    "expected a sequence node, but found mapping",
                    span,
                ))
            }
            TagKind::Core(name) if is_scalar_tag(name) => {
                return Err(YamlError::new(
                    "expected a scalar node, but found mapping",
                    span,
                ))
            }
            other => {
                return Err(YamlError::new(
                    format!(
                        "could not determine a constructor for the tag '{}'",
                        tag_display(other)
                    ),
                    span,
                ))
            }
        };

        // PyYAML's flatten_mapping: merged pairs come first (a later merge overrides an earlier
        // one; within a list of merges the first wins), then the mapping's own pairs.
        let mut merged: Vec<(NodeId, NodeId)> = Vec::new();
        let mut own: Vec<(NodeId, NodeId)> = Vec::new();
        let mut seen: HashMap<String, NodeId> = HashMap::new();
        for pair in frame.items.chunks(2) {
            let key = pair[0];
            // A mapping event always carries an even number of children.
            let value = pair.get(1).copied().unwrap_or(key);
            if self.nodes[key].special == Special::Merge {
                merged.extend(self.merge_source(value)?);
                continue;
            }
            match canonical_key(&self.nodes[key].value) {
                Err(kind) => {
                    return Err(YamlError::new(
                        format!("while constructing a mapping, found unhashable key ({kind})"),
                        self.nodes[key].span.clone(),
                    ))
                }
                Ok(Some(canon)) => {
                    if let Some(&first) = seen.get(&canon) {
                        self.duplicates.push(Duplicate {
                            key: self.key_display(key),
                            path: frame.path.clone(),
                            first: self.nodes[first].span.clone(),
                            second: self.nodes[key].span.clone(),
                        });
                    }
                    seen.insert(canon, key);
                }
                Ok(None) => {}
            }
            own.push((key, value));
        }
        let mut pairs: Vec<(NodeId, NodeId)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (key, value) in merged.into_iter().chain(own) {
            match canonical_key(&self.nodes[key].value) {
                Ok(Some(canon)) => match index.get(&canon) {
                    Some(&at) => pairs[at] = (key, value),
                    None => {
                        index.insert(canon, pairs.len());
                        pairs.push((key, value));
                    }
                },
                // NaN keys never equal one another; unhashable ones were refused above (merged
                // pairs come from mappings that were checked when they ended).
                _ => pairs.push((key, value)),
            }
        }
        if is_set {
            return Ok(Value::Set(pairs.into_iter().map(|(k, _)| k).collect()));
        }
        Ok(Value::Map(pairs))
    }

    /// The pairs a merge key's value contributes.
    fn merge_source(&self, value: NodeId) -> Result<Vec<(NodeId, NodeId)>, YamlError> {
        let mapping_pairs = |id: NodeId| -> Result<Vec<(NodeId, NodeId)>, YamlError> {
            if self.open.get(id).copied().unwrap_or(false) {
                return Err(YamlError::new(
                    "a merge key (<<) refers to a mapping that contains it",
                    self.nodes[id].span.clone(),
                ));
            }
            match &self.nodes[id].value {
                Value::Map(pairs) => Ok(pairs.clone()),
                other => Err(YamlError::new(
                    format!(
                        "while constructing a mapping, expected a mapping for merging, but found {}",
                        kind_name(other)
                    ),
                    self.nodes[id].span.clone(),
                )),
            }
        };
        if self.open.get(value).copied().unwrap_or(false) {
            return Err(YamlError::new(
                "a merge key (<<) refers to a collection that contains it",
                self.nodes[value].span.clone(),
            ));
        }
        match &self.nodes[value].value {
            Value::Map(_) => mapping_pairs(value),
            Value::Seq(items) => {
                let mut out = Vec::new();
                for &item in items.iter().rev() {
                    out.extend(mapping_pairs(item)?);
                }
                Ok(out)
            }
            other => Err(YamlError::new(
                format!(
                    "while constructing a mapping, expected a mapping or list of mappings for merging, but found {}",
                    kind_name(other)
                ),
                self.nodes[value].span.clone(),
            )),
        }
    }
}

/// The end of a quoted scalar starting at `start`: just after its closing quote.
fn quoted_end(text: &str, start: usize, limit: usize, style: ScalarStyle) -> Option<usize> {
    let quote = match style {
        ScalarStyle::DoubleQuoted => b'"',
        ScalarStyle::SingleQuoted => b'\'',
        _ => return None,
    };
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&quote) {
        return None;
    }
    let limit = limit.min(bytes.len());
    let mut i = start + 1;
    while i < limit {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn is_property_end(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
    )
}

fn is_scalar_tag(name: &str) -> bool {
    matches!(
        name,
        "str" | "int" | "float" | "bool" | "null" | "timestamp" | "binary"
    )
}

/// PyYAML's node kind names, as its errors print them.
fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Seq(_) => "sequence",
        Value::Map(_) | Value::Set(_) => "mapping",
        _ => "scalar",
    }
}

/// The identity a key has in a Python dict: `1`, `1.0` and `true` are the same key. `Ok(None)` for
/// NaN, which equals nothing; `Err` for keys Python cannot hash.
fn canonical_key(value: &Value) -> Result<Option<String>, &'static str> {
    Ok(Some(match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("n:{}", i32::from(*b)),
        Value::Int(i) => match i.value {
            Some(v) => format!("n:{v}"),
            None => format!("big:{}", i.digits),
        },
        Value::Float(f) => {
            if f.is_nan() {
                return Ok(None);
            }
            if f.fract() == 0.0 && f.abs() < 1e30 {
                format!("n:{}", *f as i128)
            } else {
                format!("f:{f:?}")
            }
        }
        Value::Str(s) => format!("s:{s}"),
        // Dates and bytes are hashable; two equal ones are rare enough to compare as written.
        Value::Timestamp | Value::Binary => return Ok(None),
        Value::Seq(_) => return Err("a list"),
        Value::Map(_) => return Err("a mapping"),
        Value::Set(_) => return Err("a set"),
    }))
}

/// What a plain scalar's text resolves to.
enum Resolved {
    Value(Value),
    /// The text matched a resolver but PyYAML's constructor fails on it (`0x_`, `2024-02-30`).
    Invalid(String),
    Merge,
    /// `=`: the YAML 1.1 value key.
    ValueKey,
}

/// PyYAML's implicit resolvers (YAML 1.1), in the order it tries them.
fn resolve_plain(s: &str) -> Resolved {
    if matches!(s, "" | "~" | "null" | "Null" | "NULL") {
        return Resolved::Value(Value::Null);
    }
    if let Some(b) = resolve_bool(s) {
        return Resolved::Value(Value::Bool(b));
    }
    if is_yaml_float(s) {
        return match construct_float(s) {
            Some(f) => Resolved::Value(Value::Float(f)),
            None => Resolved::Invalid(format!("could not convert string to float: '{s}'")),
        };
    }
    if is_yaml_int(s) {
        return match construct_int(s) {
            Ok(i) => Resolved::Value(Value::Int(i)),
            Err(e) => Resolved::Invalid(e),
        };
    }
    if s == "<<" {
        return Resolved::Merge;
    }
    if let Some(ts) = match_timestamp(s, true) {
        return match ts.check() {
            Ok(()) => Resolved::Value(Value::Timestamp),
            Err(e) => Resolved::Invalid(e),
        };
    }
    if s == "=" {
        return Resolved::ValueKey;
    }
    Resolved::Value(Value::Str(s.to_string()))
}

fn resolve_bool(s: &str) -> Option<bool> {
    match s {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// A scalar with an explicit core tag, as SafeConstructor builds it.
fn construct_tagged(name: &str, raw: &str) -> Result<Value, String> {
    match name {
        "str" => Ok(Value::Str(raw.to_string())),
        "null" => Ok(Value::Null),
        "bool" => match raw.to_lowercase().as_str() {
            "yes" | "true" | "on" => Ok(Value::Bool(true)),
            "no" | "false" | "off" => Ok(Value::Bool(false)),
            _ => Err(format!("'{raw}' is not a boolean (KeyError)")),
        },
        "int" => construct_int(raw).map(Value::Int),
        "float" => construct_float(raw)
            .map(Value::Float)
            .ok_or_else(|| format!("could not convert string to float: '{raw}'")),
        "timestamp" => match match_timestamp(raw, false) {
            Some(ts) => ts.check().map(|()| Value::Timestamp),
            None => Err(format!("'{raw}' is not a timestamp")),
        },
        "binary" => {
            let ok = raw
                .chars()
                .filter(|c| !c.is_whitespace())
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='));
            if ok {
                Ok(Value::Binary)
            } else {
                Err("failed to decode base64 data".to_string())
            }
        }
        "seq" | "omap" | "pairs" => Err("expected a sequence node, but found scalar".to_string()),
        "map" | "set" => Err("expected a mapping node, but found scalar".to_string()),
        other => Err(format!(
            "could not determine a constructor for the tag 'tag:yaml.org,2002:{other}'"
        )),
    }
}

// ---- PyYAML's int and float resolvers and constructors ----------------------------------------

fn strip_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

fn all_bytes(s: &str, f: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(f)
}

/// One or more `:` segments of one digit, or two with the first in 0-5 (`(?::[0-5]?[0-9])+`),
/// followed by what `rest_ok` accepts. Returns false when the pattern does not match.
fn sexagesimal_tail(s: &str, rest_ok: impl Fn(&str) -> bool) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        if i >= b.len() || !b[i].is_ascii_digit() {
            return false;
        }
        let first = b[i];
        i += 1;
        if i < b.len() && b[i].is_ascii_digit() && (b'0'..=b'5').contains(&first) {
            i += 1;
        }
        groups += 1;
    }
    groups > 0 && rest_ok(&s[i..])
}

/// `[0-9][0-9_]*` at the start: returns the rest, or None.
fn digits_then(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return None;
    }
    let n = 1 + b[1..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'_')
        .count();
    Some(&s[n..])
}

/// `(?:[eE][-+][0-9]+)?$`
fn optional_exponent_then_end(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() {
        return true;
    }
    b.len() >= 3
        && matches!(b[0], b'e' | b'E')
        && matches!(b[1], b'-' | b'+')
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// PyYAML's float regex (YAML 1.1): a dot is required, and an exponent needs a sign.
pub(crate) fn is_yaml_float(s: &str) -> bool {
    let (_, unsigned) = strip_sign(s);
    let signed = unsigned.len() != s.len();
    // [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    if let Some(rest) = digits_then(unsigned) {
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac
                .bytes()
                .take_while(|c| c.is_ascii_digit() || *c == b'_')
                .count();
            if optional_exponent_then_end(&frac[n..]) {
                return true;
            }
        }
        // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        if sexagesimal_tail(rest, |tail| {
            tail.strip_prefix('.')
                .is_some_and(|f| all_bytes(f, |c| c.is_ascii_digit() || c == b'_'))
        }) {
            return true;
        }
    }
    // \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?   (no sign)
    if !signed {
        if let Some(frac) = s.strip_prefix('.') {
            if let Some(rest) = digits_then(frac) {
                if optional_exponent_then_end(rest) {
                    return true;
                }
            }
        }
    }
    // [-+]?\.(?:inf|Inf|INF)
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    // \.(?:nan|NaN|NAN)
    matches!(s, ".nan" | ".NaN" | ".NAN")
}

/// PyYAML's int regex (YAML 1.1).
pub(crate) fn is_yaml_int(s: &str) -> bool {
    let (_, r) = strip_sign(s);
    if let Some(bin) = r.strip_prefix("0b") {
        return !bin.is_empty() && all_bytes(bin, |c| matches!(c, b'0' | b'1' | b'_'));
    }
    if let Some(hex) = r.strip_prefix("0x") {
        return !hex.is_empty() && all_bytes(hex, |c| c.is_ascii_hexdigit() || c == b'_');
    }
    if r == "0" {
        return true;
    }
    if let Some(oct) = r.strip_prefix('0') {
        return !oct.is_empty() && all_bytes(oct, |c| (b'0'..=b'7').contains(&c) || c == b'_');
    }
    match r.as_bytes().first() {
        Some(b'1'..=b'9') => {}
        _ => return false,
    }
    let Some(rest) = digits_then(r) else {
        return false;
    };
    rest.is_empty() || sexagesimal_tail(rest, str::is_empty)
}

/// SafeConstructor.construct_yaml_int, including its failures (`0x_` makes Python's `int()` raise).
fn construct_int(text: &str) -> Result<Int, String> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let invalid = || format!("invalid literal for int(): '{text}'");
    let (negative, body) = strip_sign(&cleaned);
    let body = body.trim();
    if body.is_empty() {
        return Err(invalid());
    }
    let parse = |digits: &str, radix: u32| -> Result<Option<i128>, String> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return Err(invalid());
        }
        Ok(i128::from_str_radix(digits, radix).ok())
    };
    let magnitude = if body == "0" {
        Some(0)
    } else if let Some(d) = body.strip_prefix("0b") {
        parse(d, 2)?
    } else if let Some(d) = body.strip_prefix("0x") {
        parse(d, 16)?
    } else if body.starts_with('0') {
        parse(body, 8)?
    } else if body.contains(':') {
        let mut total: Option<i128> = Some(0);
        for part in body.split(':') {
            let v = parse(part, 10)?;
            total = total
                .and_then(|t| t.checked_mul(60))
                .and_then(|t| v.and_then(|v| t.checked_add(v)));
        }
        total
    } else {
        parse(body, 10)?
    };
    let value = magnitude.map(|m| if negative { -m } else { m });
    Ok(Int {
        value,
        digits: cleaned,
    })
}

/// SafeConstructor.construct_yaml_float: `None` where Python's `float()` would raise.
fn construct_float(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_lowercase();
    let (negative, body) = strip_sign(&cleaned);
    let sign = if negative { -1.0 } else { 1.0 };
    if body == ".inf" {
        return Some(sign * f64::INFINITY);
    }
    if body == ".nan" {
        return Some(f64::NAN);
    }
    if body.contains(':') {
        let mut value = 0.0;
        let mut base = 1.0;
        let parts: Vec<&str> = body.split(':').collect();
        for part in parts.iter().rev() {
            value += python_float(part)? * base;
            base *= 60.0;
        }
        return Some(sign * value);
    }
    Some(sign * python_float(body)?)
}

/// Python's `float()` on ASCII text (surrounding whitespace allowed; `1.`, `.5`, `1.e5`, `inf`,
/// `nan`). Rust's parser takes the same forms once the text is known to hold only these characters.
fn python_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let (_, unsigned) = strip_sign(&lower);
    let word = matches!(unsigned, "inf" | "infinity" | "nan");
    let numeric = !unsigned.is_empty()
        && unsigned.bytes().any(|c| c.is_ascii_digit())
        && unsigned
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-'));
    if !word && !numeric {
        return None;
    }
    lower.parse::<f64>().ok()
}

/// Python's `repr(float)` (and `str(float)`): the shortest text that reads back to the same
/// number, fixed notation between 1e-4 and 1e16, `1e+16` style outside.
pub(crate) fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // `{:e}` gives the shortest round-trip digits: `1.1e0`, `1e16`, `1.5e-5`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= 0 {
            let int_len = exp + 1;
            if n <= int_len {
                format!("{}{}.0", digits, "0".repeat((int_len - n) as usize))
            } else {
                format!(
                    "{}.{}",
                    &digits[..int_len as usize],
                    &digits[int_len as usize..]
                )
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let mant = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

// ---- timestamps ---------------------------------------------------------------------------------

struct Timestamp {
    year: u32,
    month: u32,
    day: u32,
    time: Option<(u32, u32, u32)>,
    /// The zone offset in minutes.
    tz_minutes: Option<u32>,
}

impl Timestamp {
    /// Python's `date`/`datetime`/`timezone` constructors reject what the regex lets through.
    fn check(&self) -> Result<(), String> {
        if self.year == 0 {
            return Err(format!("year {} is out of range", self.year));
        }
        if !(1..=12).contains(&self.month) {
            return Err("month must be in 1..12".to_string());
        }
        let leap = (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
            || self.year.is_multiple_of(400);
        let days = match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=days).contains(&self.day) {
            return Err("day is out of range for month".to_string());
        }
        if let Some((h, m, s)) = self.time {
            if h > 23 {
                return Err("hour must be in 0..23".to_string());
            }
            if m > 59 {
                return Err("minute must be in 0..59".to_string());
            }
            if s > 59 {
                return Err("second must be in 0..59".to_string());
            }
        }
        if self.tz_minutes.is_some_and(|m| m >= 24 * 60) {
            return Err("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)".to_string());
        }
        Ok(())
    }
}

/// PyYAML's timestamp pattern. The resolver wants two-digit month and day in the date-only form
/// (`strict`); the constructor, used for `!!timestamp`, takes one or two everywhere.
fn match_timestamp(s: &str, strict: bool) -> Option<Timestamp> {
    let b = s.as_bytes();
    let mut i = 0;
    let take_digits = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i - start < min {
            return None;
        }
        s[start..*i].parse().ok()
    };
    let expect = |i: &mut usize, c: u8| -> Option<()> {
        if b.get(*i) == Some(&c) {
            *i += 1;
            Some(())
        } else {
            None
        }
    };
    let year = take_digits(&mut i, 4, 4)?;
    expect(&mut i, b'-')?;
    let month_start = i;
    let month = take_digits(&mut i, 1, 2)?;
    let month_len = i - month_start;
    expect(&mut i, b'-')?;
    let day_start = i;
    let day = take_digits(&mut i, 1, 2)?;
    let day_len = i - day_start;
    if i == b.len() {
        // The date-only form needs two-digit month and day.
        if !strict || (month_len == 2 && day_len == 2) {
            return Some(Timestamp {
                year,
                month,
                day,
                time: None,
                tz_minutes: None,
            });
        }
        return None;
    }
    // (?:[Tt]|[ \t]+)
    match b.get(i) {
        Some(b'T' | b't') => i += 1,
        Some(b' ' | b'\t') => {
            while matches!(b.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
        }
        _ => return None,
    }
    let hour = take_digits(&mut i, 1, 2)?;
    expect(&mut i, b':')?;
    let minute = take_digits(&mut i, 2, 2)?;
    expect(&mut i, b':')?;
    let second = take_digits(&mut i, 2, 2)?;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let mut tz_minutes = None;
    if i < b.len() {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        match b.get(i) {
            Some(b'Z') => i += 1,
            Some(b'+' | b'-') => {
                i += 1;
                let hours = take_digits(&mut i, 1, 2)?;
                let mut minutes = 0;
                if b.get(i) == Some(&b':') {
                    i += 1;
                    minutes = take_digits(&mut i, 2, 2)?;
                }
                tz_minutes = Some(hours * 60 + minutes);
            }
            _ => return None,
        }
    }
    if i != b.len() {
        return None;
    }
    Some(Timestamp {
        year,
        month,
        day,
        time: Some((hour, minute, second)),
        tz_minutes,
    })
}
