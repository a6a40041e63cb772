//! Every example on a rule's page (`docs/rules/CODE.md`) runs as a test: each wrong example
//! of the `## 示例` table gives a finding of the page's rule and its right version none;
//! every example in the bullets under `## 不会报告的写法` gives none. An example is a code span; code spans
//! joined by `<br>` are the lines of one draft (a first line starting with `#` makes it
//! Markdown); drafts joined by `<br>另一份草稿：<br>` are the drafts of one workspace, checked
//! together as `workplan check` checks the files it is given. A page whose `## 检查什么`
//! shows a `workplan.toml` runs its examples with it.

mod rule_examples;

use rule_examples::{cells, drafts, pages, section};
use std::sync::Arc;

use workplan::{Config, Document, DocumentKind};

fn codes(draft: &str, config: &Arc<Config>) -> Vec<&'static str> {
    let kind = if draft.starts_with('#') { DocumentKind::Markdown } else { DocumentKind::PlainText };
    Document::with_config(draft, kind, config.clone()).findings().iter().map(|d| d.code.as_str()).collect()
}

/// What joins the drafts of one workspace in an example.
const ANOTHER_DRAFT: &str = "<br>另一份草稿：<br>";

/// The codes found in each example of a piece of Markdown: a draft's own, or every draft's
/// of a workspace.
fn examples(markdown: &str, config: &Arc<Config>) -> Vec<(String, Vec<&'static str>)> {
    if !markdown.contains(ANOTHER_DRAFT) {
        return drafts(markdown)
            .into_iter()
            .map(|d| {
                let found = codes(&d, config);
                (d, found)
            })
            .collect();
    }
    let texts = drafts(markdown);
    let mut docs: Vec<Document> =
        texts.iter().map(|t| Document::with_config(t, DocumentKind::PlainText, config.clone())).collect();
    let names: Vec<String> = (1..=docs.len()).map(|k| format!("草稿{k}.txt")).collect();
    let mut named: Vec<(&str, &mut Document)> = names.iter().map(String::as_str).zip(docs.iter_mut()).collect();
    workplan::features::workspace::compare_drafts(&mut named);
    let found = docs.iter().flat_map(|d| d.findings()).map(|d| d.code.as_str()).collect();
    vec![(texts.join("\n另一份草稿：\n"), found)]
}

/// The configuration a page's examples run with: the `toml` block of its `## 检查什么`
/// section (a rule that reads the office's own settings, such as `[[term]]`), else the defaults.
fn page_config(page: &str) -> Arc<Config> {
    let what = section(page, "## 检查什么");
    let Some(start) = what.find("```toml\n") else { return Arc::default() };
    let body = &what[start + "```toml\n".len()..];
    let toml = &body[..body.find("```").unwrap_or(body.len())];
    Arc::new(Config::from_toml(toml).expect("the page's workplan.toml"))
}

#[test]
fn every_example_on_the_rule_pages_runs() {
    let pages = pages();
    assert!(pages.len() >= 24, "{} pages", pages.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in pages {
        let code = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let page = std::fs::read_to_string(&path).expect("page");
        let config = page_config(&page);
        for row in section(&page, "## 示例").lines().filter(|l| l.starts_with('|') && l.contains('`')) {
            let cells = cells(row);
            let (Some(wrong), Some(right)) = (cells.first(), cells.get(1)) else { continue };
            for (draft, found) in examples(wrong, &config) {
                if !found.contains(&code.as_str()) {
                    failures.push(format!("{code}: the wrong example gives no finding: {draft:?}"));
                }
                checked += 1;
            }
            for (draft, found) in examples(right, &config) {
                if found.contains(&code.as_str()) {
                    failures.push(format!("{code}: the right example gives a finding: {draft:?}"));
                }
                checked += 1;
            }
        }
        let silent = section(&page, "## 不会报告的写法");
        for (draft, found) in silent.lines().filter(|l| l.starts_with("- ")).flat_map(|l| examples(l, &config)) {
            if found.contains(&code.as_str()) {
                failures.push(format!("{code}: a look-alike gives a finding: {draft:?}"));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {checked} examples:\n{}", failures.len(), failures.join("\n"));
}
