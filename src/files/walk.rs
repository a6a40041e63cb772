//! Finding the drafts under a folder — one walker for `workplan check` and the language
//! server's workspace index.
//!
//! It skips what a drafter's folder carries besides drafts: whatever `.gitignore` (and
//! `.ignore`) excludes, even outside a Git repository; hidden files and folders (`.git/`,
//! `.tools/`); `node_modules/` and `target/`, which hold other people's text; and the `~$…` lock
//! files Word leaves beside an open document. Symbolic links are followed, a link back to a
//! folder above it is reported instead of walked, and each real file is listed once however
//! many links lead to it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// Folders that never hold the team's drafts, whether or not a `.gitignore` says so.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// How much of a folder a walk may go through. A command-line check walks all of what it
/// is given; the language server's index walks a workspace folder the client chose, which
/// may be `/` or a home folder when the client found no project: there it stops at a bound.
#[derive(Debug, Clone, Copy)]
pub struct WalkLimits {
    /// Files listed.
    pub files: usize,
    /// Entries (files and folders) looked at, listed or not.
    pub entries: usize,
    /// Folders below the root.
    pub depth: usize,
    pub time: std::time::Duration,
}

impl WalkLimits {
    pub const NONE: WalkLimits =
        WalkLimits { files: usize::MAX, entries: usize::MAX, depth: usize::MAX, time: std::time::Duration::MAX };
}

/// Bounds on the language server's workspace index: a workspace is a folder of drafts, not
/// a disk (clients that find no project send `/` or a home folder).
const WORKSPACE: WalkLimits =
    WalkLimits { files: 2000, entries: 50_000, depth: 12, time: std::time::Duration::from_secs(10) };
/// Larger files are not indexed.
const MAX_WORKSPACE_FILE_BYTES: u64 = 8 << 20;

/// Every text draft under a workspace folder, sorted, within the bounds of an index (said in
/// the log when reached), walked as `workplan check` walks a folder. A filesystem root is
/// not indexed at all: no drafts are kept there.
pub fn workspace_drafts(root: &Path) -> Vec<PathBuf> {
    if root.parent().is_none() {
        tracing::warn!("the workspace folder is {}: drafts of other folders are not indexed", root.display());
        return Vec::new();
    }
    let small_draft =
        |p: &Path| super::is_text_draft(p) && std::fs::metadata(p).is_ok_and(|m| m.len() <= MAX_WORKSPACE_FILE_BYTES);
    let (files, problems) = drafts_under(root, small_draft, &mut RealFiles::default(), WORKSPACE);
    for problem in problems.iter().filter(|p| matches!(p, WalkProblem::Bounded { .. })) {
        tracing::warn!("workspace index of {}: {problem}; {} drafts indexed", root.display(), files.len());
    }
    files
}

/// Something the walk could not go through; the rest of the folder is still walked.
#[derive(Debug)]
pub enum WalkProblem {
    /// The walk stopped at one of its [`WalkLimits`] (named here), with what it had found.
    Bounded {
        limit: &'static str,
    },
    /// A symbolic link back to a folder above it: walking it would never end.
    Loop {
        link: PathBuf,
    },
    Unreadable {
        path: String,
        message: String,
    },
}

impl std::fmt::Display for WalkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkProblem::Bounded { limit } => write!(f, "文件夹太大，已在{limit}处停止查找草稿"),
            WalkProblem::Loop { link } => write!(f, "{}: 符号链接指回它所在的上层文件夹，已跳过", link.display()),
            WalkProblem::Unreadable { path, message } if path.is_empty() => write!(f, "无法读取：{message}"),
            WalkProblem::Unreadable { path, message } => write!(f, "{path}: 无法读取：{message}"),
        }
    }
}

/// The real files already listed, by canonical path.
#[derive(Debug, Default)]
pub struct RealFiles(HashSet<PathBuf>);

impl RealFiles {
    /// Whether `path` names a file not listed before (a path that cannot be resolved counts
    /// as itself).
    pub fn first_time(&mut self, path: &Path) -> bool {
        self.0.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Every file under `root` that `wanted` accepts, sorted by path, each real file once (also
/// across calls sharing `seen`), as far as `limits` let the walk go.
pub fn drafts_under(
    root: &Path,
    wanted: impl Fn(&Path) -> bool,
    seen: &mut RealFiles,
    limits: WalkLimits,
) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let started = std::time::Instant::now();
    let walker = WalkBuilder::new(root)
        .max_depth((limits.depth != usize::MAX).then_some(limits.depth))
        .follow_links(true)
        .require_git(false)
        .hidden(true)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let lock_file = name.starts_with("~$");
            let skipped_dir = entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&name.as_ref());
            !lock_file && !skipped_dir
        })
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for (looked_at, entry) in walker.enumerate() {
        let limit = if files.len() >= limits.files {
            Some("文件数上限")
        } else if looked_at >= limits.entries {
            Some("条目数上限")
        } else if started.elapsed() >= limits.time {
            Some("时间上限")
        } else {
            None
        };
        if let Some(limit) = limit {
            problems.push(WalkProblem::Bounded { limit });
            break;
        }
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && wanted(path) && seen.first_time(path) {
                    files.push(path.to_path_buf());
                }
            }
            Err(e) => problems.push(problem(e)),
        }
    }
    (files, problems)
}

fn problem(error: ignore::Error) -> WalkProblem {
    match error {
        ignore::Error::Loop { child, .. } => WalkProblem::Loop { link: child },
        ignore::Error::WithPath { path, err } => match problem(*err) {
            WalkProblem::Unreadable { message, .. } => {
                WalkProblem::Unreadable { path: path.display().to_string(), message }
            }
            looped => looped,
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => problem(*err),
        other => WalkProblem::Unreadable { path: String::new(), message: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder holding a short draft at each of `paths`.
    fn drafts(paths: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in paths {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "一、甲").expect("write");
        }
        dir
    }

    fn names(root: &Path) -> Vec<String> {
        let (files, _) = drafts_under(
            root,
            |p| p.extension().is_some_and(|e| e == "txt"),
            &mut RealFiles::default(),
            WalkLimits::NONE,
        );
        files.iter().map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string()).collect()
    }

    #[test]
    fn skips_ignored_hidden_and_tool_folders() {
        let files =
            ["a.txt", "node_modules/x/b.txt", "target/c.txt", ".git/d.txt", "old/e.txt", "sub/f.txt", "~$g.txt"];
        let dir = drafts(&files);
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "old/\n").expect("write");
        assert_eq!(names(root), ["a.txt", "sub/f.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_each_file_is_listed_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "一、甲").expect("write");
        std::os::unix::fs::symlink(root, root.join("loop1")).expect("symlink");
        std::os::unix::fs::symlink(root, root.join("loop2")).expect("symlink");
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("b.txt")).expect("symlink");
        let (files, problems) = drafts_under(
            root,
            |p| p.extension().is_some_and(|e| e == "txt"),
            &mut RealFiles::default(),
            WalkLimits::NONE,
        );
        assert_eq!(files.len(), 1, "{files:?}");
        assert_eq!(problems.iter().filter(|p| matches!(p, WalkProblem::Loop { .. })).count(), 2, "{problems:?}");
    }

    /// The workspace index walks as `workplan check` does: no `node_modules/`, nothing
    /// `.gitignore` excludes, text drafts only.
    #[test]
    fn the_workspace_index_walks_as_the_command_line_does() {
        let dir = drafts(&["a.txt", "b.md", "c.docx", "node_modules/x/README.md", "old/d.txt"]);
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "old/\n").expect("write");
        let names: Vec<String> =
            workspace_drafts(root).iter().map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string()).collect();
        assert_eq!(names, ["a.txt", "b.md"]);
    }

    #[test]
    fn a_workspace_rooted_at_the_filesystem_root_is_not_indexed() {
        assert_eq!(workspace_drafts(Path::new("/")), Vec::<PathBuf>::new());
    }

    #[test]
    fn a_bounded_walk_stops_at_its_limit_and_says_so() {
        let dir = drafts(&["a.txt", "b.txt", "c.txt", "d.txt", "deep/1/2/e.txt"]);
        let root = dir.path();
        let txt = |p: &Path| p.extension().is_some_and(|e| e == "txt");
        let bounded = |limits| drafts_under(root, txt, &mut RealFiles::default(), limits);
        let (files, problems) = bounded(WalkLimits { files: 2, ..WalkLimits::NONE });
        assert_eq!(files.len(), 2);
        assert!(matches!(problems.as_slice(), [WalkProblem::Bounded { limit: "文件数上限" }]), "{problems:?}");
        let (files, problems) = bounded(WalkLimits { entries: 3, ..WalkLimits::NONE });
        assert_eq!(files.len(), 2, "the root and two files looked at");
        assert!(matches!(problems.as_slice(), [WalkProblem::Bounded { limit: "条目数上限" }]), "{problems:?}");
        // Too deep is not looked at, without a problem: the rest is all there.
        let (files, problems) = bounded(WalkLimits { depth: 2, ..WalkLimits::NONE });
        assert_eq!((files.len(), problems.len()), (4, 0));
        assert_eq!(bounded(WalkLimits::NONE).0.len(), 5);
    }
}
