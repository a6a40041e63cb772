//! Benchmark drafts generated deterministically from the project's own fixtures.
//!
//! The recipe (mirrored byte for byte by `scripts/latency --write-draft`, so the latency
//! harness and the benchmarks measure the same texts):
//!
//! 1. Sources: `examples/*.txt`, then `tests/fixtures/**/*.txt`, each group sorted by its
//!    path relative to the crate root. CRLF is read as LF.
//! 2. Each source gives a title (its first non-blank line, trimmed) and a body (the lines
//!    after the title, without leading and trailing blank lines).
//! 3. The draft is the heading `某某高新区工作要点（性能基准稿，自动生成）`, a blank line, then
//!    parts `第{n}部分　{title}` (n = 1, 2, … in Chinese numerals, sources taken in turn),
//!    each followed by its source's body and a blank line, until the draft reaches the
//!    requested size in bytes (it ends at the first part boundary at or past it).
//!
//! The fixtures carry deliberate mistakes (numbering gaps, counts that disagree, `（二）、`),
//! so every part gives the analysis real findings to compute and publish, as a draft would.

#![allow(dead_code)] // each bench uses its own subset

use std::path::{Path, PathBuf};

pub const KB30: usize = 30 * 1024;
pub const MB1: usize = 1 << 20;
pub const MB10: usize = 10 << 20;

const HEADING: &str = "某某高新区工作要点（性能基准稿，自动生成）";

struct Source {
    title: String,
    body: String,
}

fn txt_files(root: &Path, dir: &Path, recursive: bool, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if recursive {
                txt_files(root, &path, true, out);
            }
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (dir, recursive) in [("examples", false), ("tests/fixtures", true)] {
        let mut group = Vec::new();
        txt_files(root, &root.join(dir), recursive, &mut group);
        group.sort();
        files.extend(group);
    }
    assert!(!files.is_empty(), "no fixtures found under examples/ or tests/fixtures/");
    files
        .into_iter()
        .map(|(_, path)| {
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8").replace("\r\n", "\n");
            let lines: Vec<&str> = text.split('\n').collect();
            let t = lines.iter().position(|l| !l.trim().is_empty()).expect("fixture has a title line");
            let mut body = &lines[t + 1..];
            while body.first().is_some_and(|l| l.trim().is_empty()) {
                body = &body[1..];
            }
            while body.last().is_some_and(|l| l.trim().is_empty()) {
                body = &body[..body.len() - 1];
            }
            Source { title: lines[t].trim().to_string(), body: body.join("\n") }
        })
        .collect()
}

/// `n` (1‥9999) in Chinese numerals as outlines write them: 十一, 一百零五, 一千零一十.
pub fn chinese(n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let n = (n - 1) % 9999 + 1;
    let mut s = String::new();
    let (mut started, mut zero) = (false, false);
    for (unit, name) in [(1000, '千'), (100, '百'), (10, '十')] {
        let d = n / unit % 10;
        if d > 0 {
            if zero {
                s.push('零');
                zero = false;
            }
            if !(unit == 10 && d == 1 && !started) {
                s.push(DIGITS[d]);
            }
            s.push(name);
            started = true;
        } else if started {
            zero = true;
        }
    }
    if n % 10 > 0 {
        if zero {
            s.push('零');
        }
        s.push(DIGITS[n % 10]);
    }
    s
}

/// A draft of at least `size` bytes (see the module documentation).
pub fn draft(size: usize) -> String {
    let sources = sources();
    let mut out = format!("{HEADING}\n\n");
    let mut n = 1;
    while out.len() < size {
        let s = &sources[(n - 1) % sources.len()];
        out.push_str(&format!("第{}部分　{}\n{}\n\n", chinese(n), s.title, s.body));
        n += 1;
    }
    out
}

pub fn size_name(size: usize) -> &'static str {
    match size {
        KB30 => "30KB",
        MB1 => "1MB",
        MB10 => "10MB",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numerals() {
        let cases = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (105, "一百零五"), (110, "一百一十")];
        for (n, s) in cases {
            assert_eq!(super::chinese(n), s);
        }
        assert_eq!(super::chinese(1010), "一千零一十");
        assert_eq!(super::chinese(9999), "九千九百九十九");
    }
}
