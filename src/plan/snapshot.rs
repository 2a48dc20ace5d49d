//! A plan base read from a snapshot: the document `check --format json` writes
//! (`tecton-preflight/check/v1`). A snapshot records each object's kind, name, place, `online`,
//! `offline`, compute, runtime and environment, so a plan against it compares those fields only.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::base::BaseError;
use super::PlanObject;
use crate::model::{Compute, Kind, Origin};

/// The fields a snapshot records, and so the only ones a plan against it compares.
pub const FIELDS: &[&str] = &[
    "tecton_materialization_runtime",
    "environment",
    "online",
    "offline",
];

#[derive(Deserialize)]
struct Document {
    schema: String,
    roots: Vec<Root>,
}

#[derive(Deserialize)]
struct Root {
    path: String,
    objects: Vec<Object>,
}

#[derive(Deserialize)]
struct Object {
    kind: Kind,
    name: Option<String>,
    file: String,
    line: usize,
    online: Option<bool>,
    offline: Option<bool>,
    materialized: Option<bool>,
    compute: Compute,
    runtime: Option<Setting>,
    environment: Option<Setting>,
}

#[derive(Deserialize)]
struct Setting {
    value: String,
    origin: Origin,
}

/// The snapshot's roots (their paths as written) and objects. Object files are made relative to
/// their root, as the plan compares them.
pub fn read(text: &str) -> Result<Vec<(String, Vec<PlanObject>)>, BaseError> {
    let document: Document = serde_json::from_str(text).map_err(|e| {
        BaseError(format!(
            "the snapshot is not a `check --format json` document: {e}"
        ))
    })?;
    if document.schema != crate::report::CHECK_SCHEMA {
        return Err(BaseError(format!(
            "the snapshot's schema is `{}`; this version reads `{}`",
            document.schema,
            crate::report::CHECK_SCHEMA
        )));
    }
    let mut roots = Vec::new();
    for root in document.roots {
        let prefix = if root.path == "." {
            String::new()
        } else {
            format!("{}/", root.path)
        };
        let objects = root
            .objects
            .into_iter()
            .filter_map(|o| {
                let name = o.name?;
                let mut fields = BTreeMap::new();
                if let Some(r) = o.runtime {
                    fields.insert(
                        "tecton_materialization_runtime".to_string(),
                        (r.value, Some(r.origin)),
                    );
                }
                if let Some(e) = o.environment {
                    fields.insert("environment".to_string(), (e.value, Some(e.origin)));
                }
                if o.kind.is_materializable() {
                    for (key, value) in [("online", o.online), ("offline", o.offline)] {
                        let text = match value {
                            Some(true) => "True",
                            Some(false) => "False",
                            None => "<unknown>",
                        };
                        fields.insert(key.to_string(), (text.to_string(), None));
                    }
                }
                Some(PlanObject {
                    kind: o.kind,
                    name,
                    file: o.file.strip_prefix(&prefix).unwrap_or(&o.file).to_string(),
                    line: o.line,
                    materialized: o.materialized,
                    compute: o.compute,
                    fields,
                    refs: Vec::new(),
                })
            })
            .collect();
        roots.push((root.path, objects));
    }
    Ok(roots)
}
