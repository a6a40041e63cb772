//! The rule registry is the one list of rules: the README's rule table, the rule pages'
//! index, the rule pages themselves and the VS Code extension's settings (schema and both
//! translations) must name exactly its rules, with its default severities. A rule added to
//! the registry but not documented, or documented but gone, fails here. What is wholly
//! derived from the registry — the rule pages' index and the settings schema — must be
//! exactly what `workplan rules --format markdown` / `--format vscode` prints (paste it).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use workplan::analysis::RULES;
use workplan::cli::rules::{render, RulesFormat};

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).expect(relative)
}

/// `code → severity` of the registry.
fn registry() -> BTreeMap<String, String> {
    RULES.iter().map(|r| (r.code.to_string(), r.severity.as_str().to_string())).collect()
}

/// `code → severity` of the rows of a Markdown table whose first cell names a rule, as
/// `` `code` `` or `[code](code.md)`, and whose second cell is its severity.
fn table_rows(markdown: &str) -> BTreeMap<String, String> {
    markdown
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let (first, second) = (cells.get(1)?, cells.get(2)?);
            let code = match first.strip_prefix('[') {
                Some(link) => link.split_once("](")?.0,
                None => first.strip_prefix('`')?.strip_suffix('`')?,
            };
            let a_code = code.contains('.') && code.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '-');
            a_code.then(|| (code.to_string(), second.to_string()))
        })
        .collect()
}

#[test]
fn the_readme_rule_table_lists_the_registry() {
    let readme = read("README.md");
    let start = readme.find("\n## Rules").expect("a Rules section");
    let section = &readme[start..];
    let end = section[1..].find("\n## ").map_or(section.len(), |e| e + 1);
    assert_eq!(table_rows(&section[..end]), registry());
}

#[test]
fn the_rule_pages_index_lists_the_registry() {
    let index = read("docs/rules/README.md");
    assert_eq!(table_rows(&index), registry());
    assert!(
        index.contains(&render(RulesFormat::Markdown)),
        "docs/rules/README.md: the rule table is not what `workplan rules --format markdown` prints"
    );
}

#[test]
fn every_rule_has_its_page_and_every_page_its_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs/rules")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".md").map(String::from))
        .filter(|name| name != "README")
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(pages, registry().into_keys().collect::<Vec<_>>());
    for rule in RULES {
        assert!(rule.doc.starts_with(&format!("# {} ", rule.code)), "{}: its page opens with its code", rule.code);
    }
}

#[test]
fn the_vscode_settings_name_every_rule_and_describe_it_in_both_languages() {
    let manifest: Value = serde_json::from_str(&read("editors/vscode/package.json")).expect("package.json");
    let rules = manifest
        .pointer("/contributes/configuration/properties/workplan.rules/properties")
        .and_then(Value::as_object)
        .expect("workplan.rules lists the rules");
    let registry = registry();
    let listed: std::collections::BTreeSet<&String> = rules.keys().collect();
    assert_eq!(listed, registry.keys().collect(), "the schema lists the registry's rules");
    let derived: Value = serde_json::from_str(&render(RulesFormat::Vscode)).expect("rules --format vscode is JSON");
    assert_eq!(
        &Value::Object(rules.clone()),
        &derived,
        "editors/vscode/package.json: workplan.rules.properties is not what `workplan rules --format vscode` prints"
    );
    for nls in ["editors/vscode/package.nls.json", "editors/vscode/package.nls.zh-cn.json"] {
        let strings: Value = serde_json::from_str(&read(nls)).expect(nls);
        for (code, severity) in &registry {
            let key = format!("config.rule.{code}");
            let text = strings[&key].as_str().unwrap_or_else(|| panic!("{nls}: no {key}"));
            assert!(text.contains(&format!("`{severity}`")), "{nls}: {key} gives the default severity {severity}");
        }
    }
}
