//! Reading the examples on the rule pages (`docs/rules/CODE.md`): shared by the test that
//! runs every example and the fix property tests, which build drafts from the wrong ones.

#![allow(dead_code)] // Each test binary uses its own subset of the helpers.

use std::path::{Path, PathBuf};

/// The text of section `heading` (`## 示例`) of a page, up to the next `## `.
pub fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let Some(start) = page.find(&format!("\n{heading}\n")) else { return "" };
    let body = &page[start + heading.len() + 2..];
    body.find("\n## ").map_or(body, |end| &body[..end])
}

/// The cells of a row of a Markdown table, split at the pipes that are not escaped: a
/// `\|` is a pipe inside a cell (an example that is itself a row of a task table).
pub fn cells(row: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        if c == '|' && !escaped {
            cells.push(row[start..i].trim());
            start = i + 1;
        }
        escaped = c == '\\';
    }
    cells.push(row[start..].trim());
    cells.into_iter().filter(|c| !c.is_empty()).collect()
}

/// The drafts written in a piece of Markdown: runs of code spans joined by `<br>`, with a
/// pipe escaped for the table they stand in (`\|`) unescaped.
pub fn drafts(markdown: &str) -> Vec<String> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut rest = markdown;
    let mut joined = false;
    while let Some(open) = rest.find('`') {
        let before = &rest[..open];
        let Some(close) = rest[open + 1..].find('`') else { break };
        let code = rest[open + 1..open + 1 + close].replace("\\|", "|");
        if joined && before.trim() == "<br>" {
            if let Some(last) = out.last_mut() {
                last.push(code);
            }
        } else {
            out.push(vec![code]);
        }
        joined = true;
        rest = &rest[open + close + 2..];
    }
    out.into_iter().map(|lines| lines.join("\n")).collect()
}

/// Every rule's page, sorted.
pub fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("docs/rules")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_stem().is_some_and(|s| s != "README"))
        .collect();
    pages.sort();
    pages
}

/// Every wrong example of every rule page's `## 示例` table, each a draft.
pub fn wrong_examples() -> Vec<String> {
    let mut out = Vec::new();
    for path in pages() {
        let page = std::fs::read_to_string(&path).expect("page");
        for row in section(&page, "## 示例").lines().filter(|l| l.starts_with('|') && l.contains('`')) {
            if let Some(wrong) = cells(row).first() {
                out.extend(drafts(wrong));
            }
        }
    }
    out
}
