//! Our own drafts in the style of published reports and speeches (`tests/fixtures/reports/`):
//! counts inside names, lists joined by 和, quoted lists of pairs, restarted and nested
//! inline lists, `第一、二产业` in body text, announced parts of a speech, `％` and `%`, and
//! appendices with glossaries whose entries start with digits. Each draft gives exactly the
//! findings its `.expected` file lists (line, code, the characters covered), and its outline
//! is pinned as a snapshot.

use std::path::{Path, PathBuf};

use workplan::cli::outline::OutlineNode;
use workplan::features::symbols::document_symbols;
use workplan::{Document, DocumentKind};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "expected the report fixtures in {}", dir.display());
    v
}

fn load(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    Document::new(&text, DocumentKind::PlainText)
}

/// `(1-based line, code, covered text)` per line of the `.expected` file beside `draft`.
fn expected(draft: &Path) -> Vec<(usize, String, String)> {
    let path = draft.with_extension("expected");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(3, '\t');
            let line = parts.next().and_then(|n| n.trim().parse().ok()).expect("a line number");
            let code = parts.next().expect("a code").trim().to_string();
            let covered = parts.next().expect("the covered text").to_string();
            (line, code, covered)
        })
        .collect()
}

#[test]
fn each_fixture_gives_exactly_its_expected_findings() {
    for draft in fixtures() {
        let doc = load(&draft);
        let mut got: Vec<(usize, String, String)> =
            doc.findings().iter().map(|d| (d.range.line + 1, d.code.to_string(), doc.span_text(d.range))).collect();
        let mut want = expected(&draft);
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", draft.display());
    }
}

#[test]
fn outlines_of_the_fixtures() {
    for draft in fixtures() {
        let doc = load(&draft);
        let outline: Vec<OutlineNode> = document_symbols(&doc).iter().map(OutlineNode::from).collect();
        let name = draft.file_stem().and_then(|s| s.to_str()).unwrap_or("draft").to_string();
        insta::assert_json_snapshot!(format!("outline_{name}"), outline);
    }
}

/// What the snapshots show, said outright: a glossary is a part of its own at the root,
/// with its entries (digit-led ones too) under it, and `第一、…` body text is nowhere.
#[test]
fn glossaries_are_parts_and_ordinals_in_body_text_are_not_sections() {
    use workplan::features::symbols::Symbol;
    fn names(symbols: &[Symbol], out: &mut Vec<String>) {
        for s in symbols {
            out.push(s.name.clone());
            names(&s.children, out);
        }
    }
    for draft in fixtures() {
        let symbols = document_symbols(&load(&draft));
        let mut all = Vec::new();
        names(&symbols, &mut all);
        assert!(all.iter().all(|n| !n.starts_with("第一、")), "{}: {all:?}", draft.display());
        let glossary = symbols.iter().find(|s| s.name.contains("名词")).expect("a glossary part at the root");
        assert!(glossary.children.len() >= 3, "{}: {:?}", draft.display(), glossary.children);
        assert!(glossary.children.iter().all(|c| c.marker.ends_with('.')), "{}", draft.display());
    }
}
