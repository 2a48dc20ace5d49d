//! TEMPORARY STUB (replaced by the real module).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::sdk::SdkVersion;

pub struct ConfigValue {
    pub value: String,
    pub span: Span,
    pub valid: bool,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    BatchFeatureView,
    StreamFeatureView,
    FeatureTable,
    FeatureService,
    StreamSource,
}
#[derive(Default)]
pub struct SectionDefaults {
    pub runtime: Option<ConfigValue>,
    pub environment: Option<ConfigValue>,
    pub batch_compute: Option<ConfigValue>,
    pub stream_compute: Option<ConfigValue>,
}
pub struct RepoConfig {
    pub path: PathBuf,
    pub sections: BTreeMap<Section, SectionDefaults>,
}
impl RepoConfig {
    pub fn defaults(&self, s: Section) -> Option<&SectionDefaults> {
        self.sections.get(&s)
    }
}
pub fn load(path: &Path, _text: &str, _sdk: Option<&SdkVersion>) -> (Option<RepoConfig>, Vec<Diagnostic>) {
    (Some(RepoConfig { path: path.to_path_buf(), sections: BTreeMap::new() }), Vec::new())
}
