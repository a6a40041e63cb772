//! The import graph of `src/` has no cycles: a module (a file) that names an item of
//! another through `crate::…`, `super::…` or `self::…` depends on it, and no chain of such
//! dependencies leads back to where it started.
//!
//! A cycle means two files that cannot be understood, tested or moved one without the other;
//! the layers (text → syntax → analysis → document → features → cli, lsp) stay layers only if
//! this holds. `mod child;` is not an import (a folder's `mod.rs` declares its files), and a
//! name a module only re-exports (`pub use diagnostic::Diagnostic;`) counts as an import of
//! the module that defines it, so `crate::analysis::Diagnostic` depends on
//! `analysis/diagnostic.rs`, not on `analysis/mod.rs`.
//!
//! The reading is lexical: comments, strings and character literals are skipped, and paths
//! are read with their `use` groups (`crate::a::{b, c::{D, E}}`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path inside the crate, `crate` itself as the empty path.
type ModPath = Vec<String>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// The source as tokens, comments and literals left out.
fn tokens(src: &str) -> Vec<Token> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_end(&chars, i).is_some() {
            i = raw_string_end(&chars, i).unwrap_or(chars.len());
            out.push(Token::Other);
        } else if c == 'b' && next == Some('"') {
            i = string_end(&chars, i + 1);
            out.push(Token::Other);
        } else if c == '"' {
            i = string_end(&chars, i);
            out.push(Token::Other);
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
            out.push(Token::Other);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // A raw identifier (r#type) is the identifier.
            out.push(Token::Ident(word.strip_prefix("r#").map(str::to_string).unwrap_or(word)));
        } else if c == ':' && next == Some(':') {
            out.push(Token::PathSep);
            i += 2;
        } else {
            out.push(match c {
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                ';' => Token::Semi,
                '*' => Token::Star,
                _ => Token::Other,
            });
            i += 1;
        }
    }
    out
}

/// Where a string starting at the `"` at `i` ends (the index past its closing quote).
fn string_end(chars: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

/// Where a raw string `r#"…"#` starting at `i` ends, if one starts there.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < chars.len() {
        if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(chars.len())
}

/// One path a file names: where it starts from, its segments, whether it is a `pub use`
/// (a re-export: the name is then an item of the module as well), and the module it was
/// written in (inline modules included).
#[derive(Debug, Clone)]
struct Named {
    in_module: ModPath,
    segments: Vec<String>,
    /// For a `pub use`, the name it exports (the last segment, or the `as` name).
    exported_as: Option<String>,
}

/// Every `crate::`, `super::` and `self::` path in a file, `use` trees expanded, and the
/// relative paths of `use` items (edition 2018: `use child::Item;`); with the inline modules
/// (`mod tests { … }`) each was written in.
fn named_paths(module: &ModPath, src: &str) -> (Vec<Named>, Vec<ModPath>) {
    let toks = tokens(src);
    let mut named = Vec::new();
    let mut inline_modules = Vec::new();
    // The inline modules open around the current token, with the brace depth each closes at.
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    let current = |stack: &[(String, usize)]| {
        let mut m = module.clone();
        m.extend(stack.iter().map(|(name, _)| name.clone()));
        m
    };
    while i < toks.len() {
        match &toks[i] {
            Token::Open => depth += 1,
            Token::Close => {
                if stack.last().is_some_and(|(_, d)| *d == depth) {
                    stack.pop();
                }
                depth -= 1;
            }
            Token::Ident(w) if w == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Open)) = (toks.get(i + 1), toks.get(i + 2)) {
                    stack.push((name.clone(), depth + 1));
                    let mut m = current(&stack);
                    inline_modules.push(std::mem::take(&mut m));
                }
            }
            Token::Ident(w) if w == "use" => {
                let public = i > 0 && is_pub_before(&toks, i);
                let mut leaves = Vec::new();
                let end = use_tree(&toks, i + 1, Vec::new(), &mut leaves);
                for (segments, alias) in leaves {
                    let exported_as = public.then(|| alias.clone()).flatten();
                    named.push(Named { in_module: current(&stack), segments, exported_as });
                }
                i = end;
                continue;
            }
            Token::Ident(w) if (w == "crate" || w == "super" || w == "self") => {
                let after_sep = i > 0 && toks[i - 1] == Token::PathSep;
                if !after_sep && toks.get(i + 1) == Some(&Token::PathSep) {
                    let mut segments = vec![w.clone()];
                    let mut j = i + 1;
                    while toks.get(j) == Some(&Token::PathSep) {
                        match toks.get(j + 1) {
                            Some(Token::Ident(s)) => {
                                segments.push(s.clone());
                                j += 2;
                            }
                            _ => break,
                        }
                    }
                    named.push(Named { in_module: current(&stack), segments, exported_as: None });
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (named, inline_modules)
}

/// Whether the `use` at `i` is public: `pub use`, `pub(crate) use`, `pub(super) use`.
fn is_pub_before(toks: &[Token], i: usize) -> bool {
    match toks.get(i.wrapping_sub(1)) {
        Some(Token::Ident(w)) if w == "pub" => true,
        // `pub(crate)`: the token before `use` is the closing parenthesis, read as Other.
        Some(Token::Other) => {
            matches!(toks.get(i.wrapping_sub(3)), Some(Token::Ident(w)) if w == "crate" || w == "super")
                && matches!(toks.get(i.wrapping_sub(5)), Some(Token::Ident(w)) if w == "pub")
        }
        _ => false,
    }
}

/// Reads a use tree from `i`, prefix `prefix`; pushes each leaf (its full path and the name
/// it is known by, `None` for a glob) and returns the index past the tree.
fn use_tree(
    toks: &[Token],
    mut i: usize,
    mut prefix: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    loop {
        match toks.get(i) {
            Some(Token::PathSep) => i += 1,
            Some(Token::Ident(w)) if w == "as" => {
                if let Some(Token::Ident(alias)) = toks.get(i + 1) {
                    let alias = (alias != "_").then(|| alias.clone());
                    leaves.push((prefix, alias));
                    return i + 2;
                }
                return i + 1;
            }
            Some(Token::Ident(w)) => {
                prefix.push(w.clone());
                i += 1;
                if toks.get(i) != Some(&Token::PathSep) && !matches!(toks.get(i), Some(Token::Ident(a)) if a == "as") {
                    let name = if w == "self" {
                        prefix.pop();
                        prefix.last().cloned()
                    } else {
                        Some(w.clone())
                    };
                    leaves.push((prefix, name));
                    return i;
                }
            }
            Some(Token::Star) => {
                leaves.push((prefix, None));
                return i + 1;
            }
            Some(Token::Open) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some(Token::Close) => return i + 1,
                        Some(Token::Comma) => i += 1,
                        None => return i,
                        // A token no tree starts with is passed over.
                        _ => i = use_tree(toks, i, prefix.clone(), leaves).max(i + 1),
                    }
                }
            }
            _ => return i,
        }
    }
}

/// The crate's modules: each file's module path.
fn modules(src: &Path) -> BTreeMap<ModPath, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).expect("under src/").with_extension("");
                let mut module: ModPath = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                    module.pop();
                }
                // main.rs is a crate of its own, reaching the library by its name.
                if relative == Path::new("main") {
                    continue;
                }
                out.insert(module, path);
            }
        }
    }
    out
}

struct Graph {
    /// File modules and the inline modules inside them, each with the file module it is in.
    owner: BTreeMap<ModPath, ModPath>,
    /// Per module (file or inline), what it re-exports: name → absolute path.
    exports: BTreeMap<ModPath, BTreeMap<String, ModPath>>,
}

impl Graph {
    /// An absolute path (from the crate root) for `segments` written in module `at`;
    /// `None` for a path into another crate.
    fn absolute(&self, at: &ModPath, segments: &[String]) -> Option<ModPath> {
        let mut base: ModPath = at.clone();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            // A relative path: an item or child module of the current module, or another crate.
            Some(first) => {
                let mut child = at.clone();
                child.push(first.to_string());
                let local =
                    self.owner.contains_key(&child) || self.exports.get(at).is_some_and(|e| e.contains_key(first));
                if !local {
                    return None;
                }
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file module an absolute path leads to, re-exports followed.
    fn target(&self, path: &ModPath, hops: usize) -> Option<ModPath> {
        let k = (0..=path.len()).rev().find(|&k| self.owner.contains_key(&path[..k]))?;
        let module = path[..k].to_vec();
        if let (Some(name), true) = (path.get(k), hops < 16) {
            if let Some(to) = self.exports.get(&module).and_then(|e| e.get(name)) {
                let mut to = to.clone();
                to.extend(path[k + 1..].iter().cloned());
                return self.target(&to, hops + 1);
            }
        }
        self.owner.get(&module).cloned()
    }
}

/// Each file module and the file modules it imports from.
fn import_graph() -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let files = modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut graph = Graph { owner: BTreeMap::new(), exports: BTreeMap::new() };
    let mut all_named = Vec::new();
    for (module, path) in &files {
        let src = std::fs::read_to_string(path).expect("a source file is readable");
        let (named, inline) = named_paths(module, &src);
        graph.owner.insert(module.clone(), module.clone());
        for m in inline {
            graph.owner.insert(m, module.clone());
        }
        all_named.push((module.clone(), named));
    }
    // Re-exports first (they may name each other), then every path through them.
    for (_, named) in &all_named {
        for n in named {
            if let Some(name) = &n.exported_as {
                if let Some(to) = graph.absolute(&n.in_module, &n.segments) {
                    graph.exports.entry(n.in_module.clone()).or_default().insert(name.clone(), to);
                }
            }
        }
    }
    let mut edges: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
    for (module, named) in &all_named {
        let from = edges.entry(module.clone()).or_default();
        for n in named {
            // A module that only passes a name on does not use it.
            if n.exported_as.is_some() {
                continue;
            }
            let target = graph.absolute(&n.in_module, &n.segments).and_then(|p| graph.target(&p, 0));
            if let Some(to) = target.filter(|to| to != module) {
                from.insert(to);
            }
        }
    }
    edges
}

/// A cycle in `edges`, as the modules along it (the first repeated at the end), if any.
fn find_cycle(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Option<Vec<ModPath>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        at: &ModPath,
        edges: &BTreeMap<ModPath, BTreeSet<ModPath>>,
        marks: &mut BTreeMap<ModPath, Mark>,
        path: &mut Vec<ModPath>,
    ) -> Option<Vec<ModPath>> {
        marks.insert(at.clone(), Mark::Open);
        path.push(at.clone());
        for next in edges.get(at).into_iter().flatten() {
            match marks.get(next) {
                Some(Mark::Open) => {
                    let from = path.iter().position(|m| m == next).unwrap_or(0);
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(next, edges, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks.insert(at.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for start in edges.keys() {
        if !marks.contains_key(start) {
            if let Some(cycle) = visit(start, edges, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

fn name(m: &ModPath) -> String {
    if m.is_empty() {
        "crate".to_string()
    } else {
        m.join("::")
    }
}

/// Cycles in `edges`, each found after the closing edge of those before was taken out, so
/// that one failure names every knot to untie.
fn cycles(mut edges: BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    let mut found = Vec::new();
    while let Some(cycle) = find_cycle(&edges) {
        if let [.., from, to] = &cycle[..] {
            edges.entry(from.clone()).or_default().remove(to);
        }
        found.push(cycle);
    }
    found
}

#[test]
fn the_modules_of_src_import_each_other_without_cycles() {
    let found = cycles(import_graph());
    let lines: Vec<String> = found.iter().map(|c| c.iter().map(name).collect::<Vec<_>>().join(" → ")).collect();
    assert!(lines.is_empty(), "import cycles in src/ (file = module):\n{}", lines.join("\n"));
}

/// The reader itself: groups, `super`, re-exports followed, `mod` declarations no edge.
#[test]
fn the_reader_sees_groups_super_and_reexports() {
    let m = |s: &str| -> ModPath { s.split("::").filter(|p| !p.is_empty()).map(str::to_string).collect() };
    let (named, inline) = named_paths(
        &m("lsp::server"),
        "//! crate::not::this\nuse crate::{a::{B, c::D}, e as f};\nmod child;\nfn x() { super::g::h(); let s = \"crate::no\"; }\n#[cfg(test)]\nmod tests { use super::*; }\n",
    );
    let paths: Vec<(String, String)> = named.iter().map(|n| (name(&n.in_module), n.segments.join("::"))).collect();
    assert_eq!(
        paths,
        vec![
            ("lsp::server", "crate::a::B"),
            ("lsp::server", "crate::a::c::D"),
            ("lsp::server", "crate::e"),
            ("lsp::server", "super::g::h"),
            ("lsp::server::tests", "super"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect::<Vec<_>>()
    );
    assert_eq!(inline, [m("lsp::server::tests")]);

    let mut owner = BTreeMap::new();
    for f in ["", "analysis", "analysis::diagnostic", "lsp", "lsp::server"] {
        owner.insert(m(f), m(f));
    }
    owner.insert(m("lsp::server::tests"), m("lsp::server"));
    let mut exports = BTreeMap::new();
    exports.insert(m("analysis"), BTreeMap::from([("Diagnostic".to_string(), m("analysis::diagnostic::Diagnostic"))]));
    let graph = Graph { owner, exports };
    let target = |at: &str, path: &str| {
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        graph.absolute(&m(at), &segments).and_then(|p| graph.target(&p, 0)).map(|t| name(&t))
    };
    assert_eq!(target("lsp::server", "crate::analysis::Diagnostic").as_deref(), Some("analysis::diagnostic"));
    assert_eq!(target("lsp::server", "super::Thing").as_deref(), Some("lsp"));
    assert_eq!(target("lsp::server::tests", "super::Thing").as_deref(), Some("lsp::server"));
    assert_eq!(target("lsp::server", "serde::Serialize"), None);

    let cyclic = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("c")])),
        (m("c"), BTreeSet::from([m("a")])),
    ]);
    let cycle = find_cycle(&cyclic).map(|c| c.iter().map(name).collect::<Vec<_>>());
    assert_eq!(cycle, Some(vec!["a".to_string(), "b".into(), "c".into(), "a".into()]));
}

/// The layers of DESIGN: the analysis core (text, syntax, analysis, document, features,
/// files) imports neither front end, and the language server does not import the CLI.
#[test]
fn the_core_and_the_server_do_not_import_the_front_ends_above_them() {
    let layer = |m: &ModPath| name(m).split("::").next().unwrap_or_default().to_string();
    let mut wrong = Vec::new();
    for (from, to) in import_graph() {
        let from_layer = layer(&from);
        for target in to {
            let to_layer = layer(&target);
            let core = !matches!(from_layer.as_str(), "cli" | "lsp" | "main");
            if (core && matches!(to_layer.as_str(), "cli" | "lsp")) || (from_layer == "lsp" && to_layer == "cli") {
                wrong.push(format!("{} → {}", name(&from), name(&target)));
            }
        }
    }
    assert!(wrong.is_empty(), "imports across layers:\n{}", wrong.join("\n"));
}
