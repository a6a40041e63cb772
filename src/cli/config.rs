//! Finding and reading `workplan.toml` for the command line: `--config FILE`, else the
//! nearest `workplan.toml` in the current folder or one of its parents.

use std::path::{Path, PathBuf};

use crate::analysis::Config;

/// The configuration in force, and the file it came from (if any).
pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), String> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|dir| find_upwards(&dir)),
    };
    let Some(path) = path else { return Ok((Config::default(), None)) };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
    let config = Config::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((config, Some(path)))
}

fn find_upwards(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join("workplan.toml")).find(|p| p.is_file())
}
