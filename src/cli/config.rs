//! Finding and reading `workplan.toml` for the command line: `--config FILE` for every draft,
//! else for each draft the nearest `workplan.toml` in its folder or one of the folders above
//! (stdin: above the current folder), as other linters do. A broken file stops the check of
//! the drafts under it with its line and column: checking them with the defaults would
//! report what the team turned off, and pass what it turned on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::{Config, ConfigError};

/// The configurations in force, read once per file.
pub struct Configs {
    explicit: Option<PathBuf>,
    /// Applied on top of every file's configuration (the command line's `--select`/`--ignore`).
    adjust: Box<dyn Fn(&mut Config)>,
    by_file: HashMap<PathBuf, Result<Arc<Config>, String>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    pub fn new(explicit: Option<&Path>, adjust: impl Fn(&mut Config) + 'static) -> Configs {
        Configs {
            explicit: explicit.map(Path::to_path_buf),
            adjust: Box::new(adjust),
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    /// The configuration for the draft at `path` (`-` for stdin), narrowed to its ignore
    /// entries; an error names the broken file, line and column.
    pub fn for_draft(&mut self, path: &str) -> Result<Arc<Config>, String> {
        let file = match &self.explicit {
            Some(p) => Some(p.clone()),
            None => {
                let dir = if path == "-" { PathBuf::from(".") } else { draft_dir(Path::new(path)) };
                self.nearest(&dir)
            }
        };
        let config = match file {
            None => {
                let mut c = Config::default();
                (self.adjust)(&mut c);
                Arc::new(c)
            }
            Some(file) => {
                let adjust = &self.adjust;
                self.by_file
                    .entry(file.clone())
                    .or_insert_with(|| {
                        read(&file).map(|mut c| {
                            adjust(&mut c);
                            Arc::new(c)
                        })
                    })
                    .clone()?
            }
        };
        Ok(Arc::new(config.for_file(path)))
    }

    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(found) = self.by_dir.get(&dir) {
            return found.clone();
        }
        let here = dir.join("workplan.toml");
        let found = if here.is_file() { Some(here) } else { dir.parent().and_then(|up| self.nearest(up)) };
        self.by_dir.insert(dir, found.clone());
        found
    }
}

fn draft_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads one `workplan.toml`; an error says where in it.
pub fn read(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
    Config::from_toml(&text).map_err(|e| {
        // A rule's bad name or setting: where its name is quoted as a key.
        let at = match &e {
            ConfigError::Syntax { span, .. } => span.as_ref().map(|s| s.start),
            ConfigError::UnknownRule(code) | ConfigError::BadSetting { code, .. } => text.find(&format!("\"{code}\"")),
            ConfigError::BadRangeStyle(_) => text.find("range-style"),
            ConfigError::BadTerm(_) => text.find("[[term]]"),
        };
        match at {
            Some(at) => {
                let (line, column) = line_column(&text, at);
                format!("{}:{line}:{column}: {e}", path.display())
            }
            None => format!("{}: {e}", path.display()),
        }
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}
