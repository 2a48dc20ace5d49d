//! The syntax facts the migration rules need, read from one file without interpreting it: every
//! `from M import ...` and `import M` with the place of each imported name, and every call keyword and name
//! reference with what it resolves to through the file's own imports (`from tecton import X as Y`,
//! `import tecton as t`). Spans are byte offsets into the text as given, so that an edit at them
//! keeps every other byte of the file.

use std::collections::HashMap;
use std::path::Path;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostic::Span;

/// One `from M import a, b as c` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFrom {
    /// The module as written (`tecton`, `tecton.framework.transformation`); empty for `from . import`.
    pub module: String,
    /// The number of leading dots (0 for an absolute import).
    pub level: u32,
    /// The module's name as written (empty span for `from . import`).
    pub module_span: Span,
    pub names: Vec<ImportedName>,
    /// The whole statement.
    pub span: Span,
}

/// One `import a.b, c as d` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleImport {
    /// Each module as written (`tecton.v09_compat`), with its `as` name.
    pub names: Vec<ImportedName>,
    /// The whole statement.
    pub span: Span,
}

/// One name of an `import` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedName {
    pub name: String,
    pub asname: Option<String>,
    /// The imported name itself (not the `as` part).
    pub span: Span,
}

/// A keyword argument of a call (or of a decorator call).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// The callee, qualified through the file's imports (`tecton.FeatureService`), or as written
    /// when it is not an imported name.
    pub callee: String,
    pub name: String,
    pub name_span: Span,
    pub value_span: Span,
    /// The value when it is a name or a dotted name (`tsg`, `tecton.AggregationMode.CONTINUOUS`),
    /// as written.
    pub value_name: Option<String>,
}

/// A name or attribute chain in an expression (`AggregationMode`, `tecton.RiftClusterConfig`),
/// qualified through the file's imports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    pub qualified: String,
    /// Each identifier of the chain as written, with its place (`t`, `AggregationMode`).
    pub segments: Vec<(String, Span)>,
}

/// A call with its positional arguments' count, for rules about calling conventions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub callee: String,
    pub positional: usize,
    /// Whether the call spreads `**kwargs` (then any keyword may be among them).
    pub spread: bool,
    pub span: Span,
}

/// An argument's value as the rewrites read it: literals, names, lists and calls, with the place
/// of each part; anything else is `Other` (its text is still at the span).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A plain string literal (one part, not an f-string or bytes), unescaped.
    Str(String),
    /// An integer literal, or a negated one.
    Int(i64),
    /// A name or attribute chain, qualified through the file's imports.
    Name(String),
    List(Vec<Arg>),
    Call(Box<CallTree>),
    Other,
}

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    pub span: Span,
    pub value: Value,
}

/// A keyword argument with its value read as a [`Value`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeywordArg {
    pub name: String,
    pub name_span: Span,
    pub value: Arg,
}

/// A call with every argument read as a [`Value`], for rewrites that restructure a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallTree {
    pub callee: String,
    /// The callee as written (`Entity`, `v09_compat.Entity`).
    pub func_span: Span,
    pub args: Vec<Arg>,
    pub keywords: Vec<KeywordArg>,
    /// Whether the call spreads `*args` or `**kwargs`.
    pub spread: bool,
    /// The whole call, from the callee to the closing parenthesis.
    pub span: Span,
    /// For `name = Call(...)` at module level, the name.
    pub assigned_to: Option<String>,
}

/// What [`scan`] finds in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileSyntax {
    pub imports: Vec<ImportFrom>,
    pub module_imports: Vec<ModuleImport>,
    pub keywords: Vec<Keyword>,
    pub names: Vec<NameRef>,
    pub calls: Vec<Call>,
    /// Every call, read as a tree (a nested call appears in its parent and on its own).
    pub call_trees: Vec<CallTree>,
}

/// Scans `text` (the file at `path`). `None` when it does not parse: such a file is already a
/// TP001 finding, and no migration can be placed in it.
pub fn scan(path: &Path, text: &str) -> Option<FileSyntax> {
    if super::guard::check_nesting(text).is_some() {
        return None;
    }
    let suite: Vec<Stmt> = ruff_python_parser::parse_module(text)
        .ok()?
        .into_suite()
        .into_iter()
        .collect();
    let mut scanner = Scanner {
        path,
        aliases: HashMap::new(),
        out: FileSyntax::default(),
    };
    // Imports first, so that a call above a late import still resolves as Python would at run time
    // for module-level definitions.
    for stmt in &suite {
        scanner.collect_imports(stmt);
    }
    for stmt in &suite {
        scanner.visit_stmt(stmt);
        // Module-level `name = Call(...)`: the tree of that call learns its name.
        if let Stmt::Assign(assign) = stmt {
            if let ([Expr::Name(target)], Expr::Call(call)) =
                (assign.targets.as_slice(), assign.value.as_ref())
            {
                let at = scanner.span(call.range());
                if let Some(tree) = scanner.out.call_trees.iter_mut().find(|t| t.span == at) {
                    tree.assigned_to = Some(target.id.as_str().to_owned());
                }
            }
        }
    }
    Some(scanner.out)
}

struct Scanner<'p> {
    path: &'p Path,
    /// Local name -> qualified name (`FS` -> `tecton.FeatureService`, `t` -> `tecton`).
    aliases: HashMap<String, String>,
    out: FileSyntax,
}

impl Scanner<'_> {
    fn span(&self, range: TextRange) -> Span {
        Span::new(self.path, range.start().to_usize(), range.end().to_usize())
    }

    fn collect_imports(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::ImportFrom(import) => {
                let module = import
                    .module
                    .as_ref()
                    .map(|m| m.id.as_str().to_owned())
                    .unwrap_or_default();
                let module_span = match &import.module {
                    Some(m) => self.span(m.range),
                    None => self.span(TextRange::empty(import.range.start())),
                };
                let mut names = Vec::new();
                for alias in &import.names {
                    let name = alias.name.id.as_str().to_owned();
                    let asname = alias.asname.as_ref().map(|a| a.id.as_str().to_owned());
                    if import.level == 0 && name != "*" {
                        let local = asname.clone().unwrap_or_else(|| name.clone());
                        self.aliases.insert(local, format!("{module}.{name}"));
                    }
                    names.push(ImportedName {
                        name,
                        asname,
                        span: self.span(alias.name.range),
                    });
                }
                self.out.imports.push(ImportFrom {
                    module,
                    level: import.level,
                    module_span,
                    names,
                    span: self.span(import.range),
                });
            }
            Stmt::Import(import) => {
                let mut names = Vec::new();
                for alias in &import.names {
                    let name = alias.name.id.as_str().to_owned();
                    names.push(ImportedName {
                        name: name.clone(),
                        asname: alias.asname.as_ref().map(|a| a.id.as_str().to_owned()),
                        span: self.span(alias.name.range),
                    });
                    match &alias.asname {
                        Some(asname) => {
                            self.aliases.insert(asname.id.as_str().to_owned(), name);
                        }
                        None => {
                            let head = name.split('.').next().unwrap_or(&name).to_string();
                            self.aliases.insert(head.clone(), head);
                        }
                    }
                }
                self.out.module_imports.push(ModuleImport {
                    names,
                    span: self.span(import.range),
                });
            }
            Stmt::If(stmt) => {
                for inner in stmt
                    .body
                    .iter()
                    .chain(stmt.elif_else_clauses.iter().flat_map(|c| c.body.iter()))
                {
                    self.collect_imports(inner);
                }
            }
            Stmt::Try(stmt) => {
                for inner in stmt.body.iter().chain(stmt.orelse.iter()) {
                    self.collect_imports(inner);
                }
            }
            _ => {}
        }
    }

    /// The dotted text of a name or attribute chain, qualified through the imports.
    fn qualify(&self, expr: &Expr) -> Option<String> {
        let dotted = dotted(expr)?;
        let (head, rest) = match dotted.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (dotted.as_str(), None),
        };
        let head = self
            .aliases
            .get(head)
            .cloned()
            .unwrap_or_else(|| head.to_string());
        Some(match rest {
            Some(rest) => format!("{head}.{rest}"),
            None => head,
        })
    }
}

impl Scanner<'_> {
    fn arg(&self, expr: &Expr) -> Arg {
        let value = match expr {
            Expr::StringLiteral(lit) if lit.value.as_slice().len() == 1 => {
                Value::Str(lit.value.to_str().to_string())
            }
            Expr::NumberLiteral(num) => match &num.value {
                ruff_python_ast::Number::Int(i) => i.as_i64().map_or(Value::Other, Value::Int),
                _ => Value::Other,
            },
            Expr::UnaryOp(op) if op.op == ruff_python_ast::UnaryOp::USub => {
                match self.arg(&op.operand).value {
                    Value::Int(i) => i.checked_neg().map_or(Value::Other, Value::Int),
                    _ => Value::Other,
                }
            }
            Expr::Name(_) | Expr::Attribute(_) => {
                self.qualify(expr).map_or(Value::Other, Value::Name)
            }
            Expr::List(list) => Value::List(list.elts.iter().map(|e| self.arg(e)).collect()),
            Expr::Call(call) => Value::Call(Box::new(self.call_tree(call))),
            _ => Value::Other,
        };
        Arg {
            span: self.span(expr.range()),
            value,
        }
    }

    fn call_tree(&self, call: &ruff_python_ast::ExprCall) -> CallTree {
        let mut keywords = Vec::new();
        let mut spread = false;
        for keyword in &call.arguments.keywords {
            match &keyword.arg {
                Some(arg) => keywords.push(KeywordArg {
                    name: arg.id.as_str().to_owned(),
                    name_span: self.span(arg.range),
                    value: self.arg(&keyword.value),
                }),
                None => spread = true,
            }
        }
        spread |= call.arguments.args.iter().any(|a| a.is_starred_expr());
        CallTree {
            callee: self
                .qualify(&call.func)
                .unwrap_or_else(|| "<expression>".to_string()),
            func_span: self.span(call.func.range()),
            args: call.arguments.args.iter().map(|a| self.arg(a)).collect(),
            keywords,
            spread,
            span: self.span(call.range()),
            assigned_to: None,
        }
    }

    fn segments(&self, expr: &Expr, out: &mut Vec<(String, Span)>) {
        match expr {
            Expr::Name(name) => out.push((name.id.as_str().to_owned(), self.span(name.range))),
            Expr::Attribute(attr) => {
                self.segments(&attr.value, out);
                out.push((attr.attr.id.as_str().to_owned(), self.span(attr.attr.range)));
            }
            _ => {}
        }
    }
}

/// `a.b.c` for a chain of names and attributes.
fn dotted(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str().to_owned()),
        Expr::Attribute(attr) => Some(format!("{}.{}", dotted(&attr.value)?, attr.attr.id)),
        _ => None,
    }
}

impl<'a> Visitor<'a> for Scanner<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Call(call) => {
                let callee = self
                    .qualify(&call.func)
                    .unwrap_or_else(|| "<expression>".to_string());
                for keyword in &call.arguments.keywords {
                    let Some(arg) = &keyword.arg else { continue };
                    self.out.keywords.push(Keyword {
                        callee: callee.clone(),
                        name: arg.id.as_str().to_owned(),
                        name_span: self.span(arg.range),
                        value_span: self.span(keyword.value.range()),
                        value_name: dotted(&keyword.value),
                    });
                }
                let tree = self.call_tree(call);
                self.out.call_trees.push(tree);
                self.out.calls.push(Call {
                    callee,
                    positional: call.arguments.args.len(),
                    spread: call.arguments.keywords.iter().any(|k| k.arg.is_none()),
                    span: self.span(call.range()),
                });
                visitor::walk_expr(self, expr);
            }
            Expr::Name(_) | Expr::Attribute(_) => {
                if let Some(qualified) = self.qualify(expr) {
                    let mut segments = Vec::new();
                    self.segments(expr, &mut segments);
                    self.out.names.push(NameRef {
                        qualified,
                        segments,
                    });
                }
                // The inner parts of a chain are not names of their own.
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The offsets where a line of `text` ends outside any string and without a `\` continuation (the
/// end of its code or of its trailing comment, before the line break): there, and only there, a
/// `# ...` comment can be appended without changing what the file means. `None` when the file
/// does not parse.
pub fn comment_ends(text: &str) -> Option<Vec<usize>> {
    use ruff_python_ast::token::TokenKind;
    if super::guard::check_nesting(text).is_some() {
        return None;
    }
    let parsed = ruff_python_parser::parse_module(text).ok()?;
    Some(
        parsed
            .tokens()
            .iter()
            .filter(|t| matches!(t.kind(), TokenKind::Newline | TokenKind::NonLogicalNewline))
            .map(|t| t.start().to_usize())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_fit_after_code_not_in_strings_or_continuations() {
        let text = "x = (1,  # one\n     2)\ny = 1 + \\\n    2\nz = \"\"\"a\nb\"\"\"\r\nw = 3";
        let ends = comment_ends(text).expect("parses");
        let at = |needle: &str| text.find(needle).expect("in text") + needle.len();
        // After a comment inside brackets, after the closing bracket, after `2`, after the
        // string's end (before `\r\n`), and at the end of a file without a final newline.
        let expected = vec![
            at("# one"),
            at("2)"),
            at("\\\n    2"),
            at("b\"\"\""),
            text.len(),
        ];
        assert_eq!(ends, expected);
        assert_eq!(comment_ends("x = (\n"), None);
    }

    #[test]
    fn imports_keywords_and_names_are_qualified() {
        let text = "import tecton as t\nfrom tecton import FeatureService as FS, AggregationMode\n\
                    fs = FS(name='x', on_demand_environment='e')\n\
                    @t.stream_feature_view(aggregation_mode=AggregationMode.CONTINUOUS)\ndef f(): pass\n";
        let syntax = scan(Path::new("m.py"), text).expect("parses");
        assert_eq!(syntax.imports.len(), 1);
        assert_eq!(syntax.imports[0].module, "tecton");
        let names: Vec<&str> = syntax.imports[0]
            .names
            .iter()
            .map(|n| &text[n.span.start()..n.span.end()])
            .collect();
        assert_eq!(names, ["FeatureService", "AggregationMode"]);
        let keywords: Vec<(&str, &str, &str)> = syntax
            .keywords
            .iter()
            .map(|k| {
                (
                    k.callee.as_str(),
                    k.name.as_str(),
                    &text[k.value_span.start()..k.value_span.end()],
                )
            })
            .collect();
        assert_eq!(
            keywords,
            [
                ("tecton.FeatureService", "name", "'x'"),
                ("tecton.FeatureService", "on_demand_environment", "'e'"),
                (
                    "tecton.stream_feature_view",
                    "aggregation_mode",
                    "AggregationMode.CONTINUOUS"
                ),
            ]
        );
        assert!(syntax
            .names
            .iter()
            .any(|n| n.qualified == "tecton.AggregationMode.CONTINUOUS"
                && n.segments
                    .iter()
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    == ["AggregationMode", "CONTINUOUS"]));
    }

    #[test]
    fn calls_are_read_as_trees_with_the_place_of_every_part() {
        let text = "from tecton.v09_compat import Aggregation as Agg, Entity\n\
                    user = Entity(name='user', join_keys=['user_id'])\n\
                    x = f(aggregations=[Agg(column=\"c\", time_window=timedelta(days=-3))], *rest)\n";
        let syntax = scan(Path::new("m.py"), text).expect("parses");
        let at = |span: &Span| &text[span.start()..span.end()];
        let entity = &syntax.call_trees[0];
        assert_eq!(entity.callee, "tecton.v09_compat.Entity");
        assert_eq!(entity.assigned_to.as_deref(), Some("user"));
        assert_eq!(at(&entity.func_span), "Entity");
        let keys = &entity.keywords[1];
        assert_eq!(
            (keys.name.as_str(), at(&keys.value.span)),
            ("join_keys", "['user_id']")
        );
        let Value::List(items) = &keys.value.value else {
            panic!("a list")
        };
        assert_eq!(items[0].value, Value::Str("user_id".into()));
        assert_eq!(at(&items[0].span), "'user_id'");
        let outer = syntax
            .call_trees
            .iter()
            .find(|t| t.callee == "f")
            .expect("f");
        assert!(outer.spread, "`*rest` spreads");
        assert_eq!(outer.assigned_to.as_deref(), Some("x"));
        let Value::List(aggregations) = &outer.keywords[0].value.value else {
            panic!("a list")
        };
        let Value::Call(agg) = &aggregations[0].value else {
            panic!("a call")
        };
        assert_eq!(agg.callee, "tecton.v09_compat.Aggregation");
        let Value::Call(window) = &agg.keywords[1].value.value else {
            panic!("a call")
        };
        assert_eq!(window.keywords[0].value.value, Value::Int(-3));
        // The nested call is also a tree of its own, not assigned.
        assert!(syntax
            .call_trees
            .iter()
            .any(|t| t.callee == "tecton.v09_compat.Aggregation" && t.assigned_to.is_none()));
    }

    #[test]
    fn a_file_that_does_not_parse_has_no_syntax() {
        assert_eq!(scan(Path::new("m.py"), "def (:\n"), None);
    }
}
