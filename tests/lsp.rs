//! In-process language server tests: `workplan::lsp::serve` runs on a tokio task behind
//! in-memory pipes and `support::TestClient` speaks LSP to it (see `tests/support/mod.rs`).
//!
//! Covered: position-encoding negotiation and advertised capabilities; diagnostics published
//! on open (code, source, version, exact range, related information) in UTF-8, UTF-16 and
//! UTF-32 sessions, with astral-plane characters and emoji before the finding; incremental
//! and whole-text `didChange`; hierarchical document symbols; folding ranges; and bad input
//! (positions past the end or inside a surrogate pair, unopened and closed documents, empty
//! and 1 MB documents, malformed JSON-RPC, shutdown and exit) that must never stop the server.
//!
//! Expected ranges are computed from the draft text in the session's encoding
//! ([`Encoding::range_of`]), never hard-coded, except in `position_helpers_match_hand_counts`,
//! which pins the helpers themselves to hand-counted columns.

mod support;

use serde_json::{json, Value};
use support::{byte_of, edit, full_text, uri, Encoding, TestClient};

// ---- drafts -------------------------------------------------------------------------------

/// `numbering.gap` at `四、` (line 2), related to `二、` (line 1).
const GAP: &str = "一、甲方面\n二、乙方面\n四、丙方面\n";
/// `numbering.marker-style` over the whole `（二）、`.
const MARKER_STYLE: &str = "（二）、建设\n";
/// A run-in heading with 𠀀 (U+20000: 4 bytes, 2 UTF-16 units) before an `enumeration.gap` at `四是`.
const ASTRAL_ENUMERATION: &str = "（一）建设𠀀园区。一是甲；二是乙；四是丙。\n";
/// An emoji (U+1F680) before a repeated item: `enumeration.gap` at the second `二是`.
const EMOJI_ENUMERATION: &str = "（一）推进🚀行动。一是甲；二是乙；二是丙。\n";
/// 𠀀 before `第二：`, which `numbering.marker-style` wants written `第二，`.
const ASTRAL_ORDINAL: &str = "（一）建设𠀀园区。第一，甲；第二：乙。\n";

/// Sections at three depths, inline items, blank lines and body paragraphs.
const OUTLINE: &str = "\
一、甲方面
（一）建设𠀀园区。一是甲；二是乙；四是丙。
正文段落。

（二）加强管理
二、乙方面

三、丙方面
正文。
";

// ---- helpers ------------------------------------------------------------------------------

/// Runs one async check in a fresh session for each position encoding, as three tests
/// (`name::utf8`, `name::utf16`, `name::utf32`).
macro_rules! in_every_encoding {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn utf8() {
                super::$name(Encoding::Utf8).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn utf16() {
                super::$name(Encoding::Utf16).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn utf32() {
                super::$name(Encoding::Utf32).await
            }
        }
    )*};
}

in_every_encoding!(
    diagnostics_on_open,
    incremental_changes,
    a_burst_of_edits_publishes_the_final_text_as_a_fresh_analysis,
    document_symbols,
    folding_ranges
);

/// A position `{line, character}`.
fn pos(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// A range from `(line, character)` to `(line, character)`.
fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({ "start": pos(start.0, start.1), "end": pos(end.0, end.1) })
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("<no string code>")).collect()
}

/// Asserts the diagnostics are exactly one per expected `(code, range)`, in order, each
/// from `workplan` with a warning severity and a message.
fn assert_diagnostics(diagnostics: &[Value], expected: &[(&str, Value)], context: &str) {
    assert_eq!(
        diagnostics.len(),
        expected.len(),
        "{context}: expected codes {:?}, got {:?}\n{diagnostics:#?}",
        expected.iter().map(|e| e.0).collect::<Vec<_>>(),
        codes(diagnostics),
    );
    for (d, (code, range)) in diagnostics.iter().zip(expected) {
        assert_eq!(d["code"], json!(code), "{context}: code\n{d:#}");
        assert_eq!(d["source"], json!("workplan"), "{context}: source\n{d:#}");
        assert_eq!(&d["range"], range, "{context}: range of {code}\n{d:#}");
        assert_eq!(d["severity"], json!(2), "{context}: {code} is a warning\n{d:#}");
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "{context}: {code} has a message\n{d:#}");
    }
}

/// Asserts `d` carries exactly one related location: `range` in `uri`.
fn assert_related(d: &Value, uri: &str, range: Value, context: &str) {
    let related =
        d["relatedInformation"].as_array().unwrap_or_else(|| panic!("{context}: no relatedInformation\n{d:#}"));
    assert_eq!(related.len(), 1, "{context}: one related location\n{d:#}");
    assert_eq!(related[0]["location"], json!({ "uri": uri, "range": range }), "{context}: related location\n{d:#}");
    assert!(related[0]["message"].as_str().is_some_and(|m| !m.is_empty()), "{context}: related message\n{d:#}");
}

/// Replaces bytes `start..end` of the client's copy of the text and returns the matching
/// ranged content change, its range computed in `enc` on the text before the edit.
fn splice(text: &mut String, enc: Encoding, start: usize, end: usize, new_text: &str) -> Value {
    let change = edit(enc.range(text, start, end), new_text);
    text.replace_range(start..end, new_text);
    change
}

/// The byte offset where line `line` of `text` ends (before its `\n`).
fn end_of_line(text: &str, line: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + text[start..].find('\n').unwrap_or(text.len() - start)
}

/// The symbol tree as indented names, one line per symbol, depth-first.
fn symbol_names(symbols: &Value) -> Vec<String> {
    fn walk(symbols: &Value, depth: usize, out: &mut Vec<String>) {
        for s in symbols.as_array().unwrap_or_else(|| panic!("not a list of symbols: {symbols}")) {
            out.push(format!("{}{}", "  ".repeat(depth), s["name"].as_str().expect("a symbol name")));
            if let Some(children) = s.get("children").filter(|c| !c.is_null()) {
                walk(children, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(symbols, 0, &mut out);
    out
}

/// The first symbol (depth-first) named `name`.
fn find_symbol<'a>(symbols: &'a Value, name: &str) -> &'a Value {
    fn find<'a>(symbols: &'a Value, name: &str) -> Option<&'a Value> {
        symbols.as_array()?.iter().find_map(|s| {
            if s["name"] == name {
                Some(s)
            } else {
                s.get("children").and_then(|c| find(c, name))
            }
        })
    }
    find(symbols, name).unwrap_or_else(|| panic!("no symbol {name:?} in {symbols:#}"))
}

fn as_pair(p: &Value) -> (u64, u64) {
    (p["line"].as_u64().expect("line"), p["character"].as_u64().expect("character"))
}

/// Whether range `inner` lies within range `outer`.
fn contains(outer: &Value, inner: &Value) -> bool {
    as_pair(&outer["start"]) <= as_pair(&inner["start"]) && as_pair(&inner["end"]) <= as_pair(&outer["end"])
}

/// Every symbol's range contains its selectionRange, and its children's ranges.
fn assert_ranges_nest(symbols: &Value, parent: Option<&Value>) {
    for s in symbols.as_array().expect("a list of symbols") {
        assert!(contains(&s["range"], &s["selectionRange"]), "range contains selectionRange: {s:#}");
        assert!(as_pair(&s["range"]["start"]) <= as_pair(&s["range"]["end"]), "range is ordered: {s:#}");
        if let Some(p) = parent {
            assert!(contains(&p["range"], &s["range"]), "parent range contains the child's: {}", s["name"]);
        }
        if let Some(children) = s.get("children").filter(|c| !c.is_null()) {
            assert_ranges_nest(children, Some(s));
        }
    }
}

/// Folding ranges as sorted `(startLine, endLine)` pairs.
fn folds(ranges: &Value) -> Vec<(u64, u64)> {
    let mut pairs: Vec<(u64, u64)> = ranges
        .as_array()
        .unwrap_or_else(|| panic!("not a list of folding ranges: {ranges}"))
        .iter()
        .map(|r| (r["startLine"].as_u64().expect("startLine"), r["endLine"].as_u64().expect("endLine")))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Asserts the server still answers a request (here: symbols of an open document).
async fn assert_alive(c: &mut TestClient, uri: &str, context: &str) {
    let symbols = c.document_symbols(uri).await;
    assert!(symbols.is_array(), "{context}: documentSymbol still answered with a list, got {symbols}");
}

// ---- the helpers themselves ---------------------------------------------------------------

#[test]
fn position_helpers_match_hand_counts() {
    assert_eq!(Encoding::Utf16.range_of(GAP, "四、", 0), range((2, 0), (2, 2)));
    assert_eq!(Encoding::Utf8.range_of(GAP, "四、", 0), range((2, 0), (2, 6)));
    assert_eq!(Encoding::Utf16.range_of(MARKER_STYLE, "（二）、", 0), range((0, 0), (0, 4)));
    assert_eq!(Encoding::Utf16.len("𠀀"), 2);
    assert_eq!(Encoding::Utf8.len("𠀀"), 4);
    assert_eq!(Encoding::Utf32.len("𠀀"), 1);
    // `（一）建设𠀀园区。一是甲；二是乙；` is 17 chars, 18 UTF-16 units, 52 bytes.
    assert_eq!(Encoding::Utf16.range_of(ASTRAL_ENUMERATION, "四是", 0), range((0, 18), (0, 20)));
    assert_eq!(Encoding::Utf32.range_of(ASTRAL_ENUMERATION, "四是", 0), range((0, 17), (0, 19)));
    assert_eq!(Encoding::Utf8.range_of(ASTRAL_ENUMERATION, "四是", 0), range((0, 52), (0, 58)));
    assert_eq!(Encoding::Utf16.position("一\r\n二\r三", "一\r\n二\r".len()), pos(2, 0));
    assert_eq!(end_of_line(OUTLINE, 1), byte_of(OUTLINE, "\n正文段落", 0));
}

// ---- initialize ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiates_the_position_encoding() {
    let cases: [(Value, &str); 9] = [
        (json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }), "utf-8"),
        (json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }), "utf-8"),
        (json!({ "general": { "positionEncodings": ["utf-32", "utf-8"] } }), "utf-8"),
        (json!({ "general": { "positionEncodings": ["utf-16"] } }), "utf-16"),
        (json!({ "general": { "positionEncodings": ["utf-32", "utf-16"] } }), "utf-16"),
        (json!({ "general": { "positionEncodings": [] } }), "utf-16"),
        (json!({ "general": {} }), "utf-16"),
        (json!({}), "utf-16"),
        (json!({ "general": { "positionEncodings": ["utf-32"] } }), "utf-32"),
    ];
    for (capabilities, expected) in cases {
        let mut c = TestClient::start();
        let result = c.initialize(capabilities.clone()).await;
        assert_eq!(result["capabilities"]["positionEncoding"], json!(expected), "client capabilities {capabilities}");
        c.shutdown_and_exit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn advertises_incremental_sync_symbols_and_folding() {
    let mut c = TestClient::start();
    let result = c.initialize(json!({})).await;
    let caps = &result["capabilities"];
    let sync = &caps["textDocumentSync"];
    let change = if sync.is_number() { sync } else { &sync["change"] };
    assert_eq!(change, &json!(2), "incremental text sync: {sync}");
    if sync.is_object() {
        assert_eq!(sync["openClose"], json!(true), "open/close notifications wanted: {sync}");
    }
    for provider in ["documentSymbolProvider", "foldingRangeProvider"] {
        let p = &caps[provider];
        assert!(p == &json!(true) || p.is_object(), "{provider} advertised: {p}");
    }
    assert_eq!(result["serverInfo"]["name"], json!("workplan"));
    c.shutdown_and_exit().await;
}

// ---- diagnostics on open ------------------------------------------------------------------

async fn diagnostics_on_open(enc: Encoding) {
    let mut c = TestClient::with_encoding(enc).await;
    let ctx = |what: &str| format!("{what} ({})", enc.name());

    let u = uri("gap.txt");
    c.open(&u, GAP, 1);
    let diagnostics = c.wait_diagnostics(&u, 1).await;
    assert_diagnostics(&diagnostics, &[("numbering.gap", enc.range_of(GAP, "四、", 0))], &ctx("gap"));
    assert_related(&diagnostics[0], &u, enc.range_of(GAP, "二、", 0), &ctx("gap"));

    let u = uri("marker-style.txt");
    c.open(&u, MARKER_STYLE, 7);
    let diagnostics = c.wait_diagnostics(&u, 7).await;
    assert_diagnostics(
        &diagnostics,
        &[("numbering.marker-style", enc.range_of(MARKER_STYLE, "（二）、", 0))],
        &ctx("marker style"),
    );

    let u = uri("astral-enumeration.txt");
    c.open(&u, ASTRAL_ENUMERATION, 3);
    let diagnostics = c.wait_diagnostics(&u, 3).await;
    let gap = enc.range_of(ASTRAL_ENUMERATION, "四是", 0);
    assert_diagnostics(&diagnostics, &[("enumeration.gap", gap)], &ctx("enumeration gap after 𠀀"));
    assert_related(&diagnostics[0], &u, enc.range_of(ASTRAL_ENUMERATION, "二是", 0), &ctx("enumeration gap after 𠀀"));

    let u = uri("emoji-enumeration.txt");
    c.open(&u, EMOJI_ENUMERATION, 1);
    let diagnostics = c.wait_diagnostics(&u, 1).await;
    let repeat = enc.range_of(EMOJI_ENUMERATION, "二是", 1);
    assert_diagnostics(&diagnostics, &[("enumeration.gap", repeat)], &ctx("repeated item after an emoji"));
    assert_related(
        &diagnostics[0],
        &u,
        enc.range_of(EMOJI_ENUMERATION, "二是", 0),
        &ctx("repeated item after an emoji"),
    );

    let u = uri("astral-ordinal.txt");
    c.open(&u, ASTRAL_ORDINAL, 1);
    let diagnostics = c.wait_diagnostics(&u, 1).await;
    let colon = enc.range_of(ASTRAL_ORDINAL, "第二：", 0);
    assert_diagnostics(&diagnostics, &[("numbering.marker-style", colon)], &ctx("第二： after 𠀀"));

    // A clean draft still gets a (empty) publication for its version.
    let u = uri("clean.txt");
    c.open(&u, OUTLINE.replace("四是", "三是").as_str(), 2);
    assert_diagnostics(&c.wait_diagnostics(&u, 2).await, &[], &ctx("clean draft"));

    c.shutdown_and_exit().await;
}

// ---- didChange ----------------------------------------------------------------------------

async fn incremental_changes(enc: Encoding) {
    let mut c = TestClient::with_encoding(enc).await;
    let ctx = |what: &str| format!("{what} ({})", enc.name());
    let u = uri("incremental.txt");
    // The client's copy of the document, edited in step with the server's.
    let mut text = String::from("一、甲方面\n（一）建设𠀀园区。一是甲；二是乙；四是丙。\n二、乙方面\n四、丙𠀀方面\n");

    c.open(&u, &text, 1);
    let diagnostics = c.wait_diagnostics(&u, 1).await;
    assert_diagnostics(
        &diagnostics,
        &[("enumeration.gap", enc.range_of(&text, "四是", 0)), ("numbering.gap", enc.range_of(&text, "四、", 0))],
        &ctx("v1"),
    );

    // v2: `四是` → `三是`; the edit point is after 𠀀 on its line.
    let at = byte_of(&text, "四是", 0);
    let change = splice(&mut text, enc, at, at + "四".len(), "三");
    c.change(&u, 2, vec![change]);
    let diagnostics = c.wait_diagnostics(&u, 2).await;
    assert_diagnostics(
        &diagnostics,
        &[("numbering.gap", enc.range_of(&text, "四、", 0))],
        &ctx("v2: enumeration fixed"),
    );

    // v3: `四、` → `三、` on the last line clears the numbering gap.
    let at = byte_of(&text, "四、", 0);
    let change = splice(&mut text, enc, at, at + "四".len(), "三");
    c.change(&u, 3, vec![change]);
    assert_diagnostics(&c.wait_diagnostics(&u, 3).await, &[], &ctx("v3: numbering fixed"));

    // v4: a new line `五、戊` typed at the end of `三、丙𠀀方面` (after 𠀀).
    let at = end_of_line(&text, 3);
    let change = splice(&mut text, enc, at, at, "\n五、戊");
    c.change(&u, 4, vec![change]);
    let diagnostics = c.wait_diagnostics(&u, 4).await;
    assert_diagnostics(&diagnostics, &[("numbering.gap", enc.range_of(&text, "五、", 0))], &ctx("v4: 五、 after 三、"));
    assert_related(&diagnostics[0], &u, enc.range_of(&text, "三、", 0), &ctx("v4: 五、 after 三、"));

    // v5: two changes in one notification; the second one's range is only right once the
    // first has been applied (on the original text, line 4 would be `五、戊`).
    let at = end_of_line(&text, 3);
    let first = splice(&mut text, enc, at, at, "\n四、丁");
    let at = byte_of(&text, "丁", 0);
    let second = splice(&mut text, enc, at, at + "丁".len(), "丁𠀀方面");
    c.change(&u, 5, vec![first, second]);
    assert_diagnostics(&c.wait_diagnostics(&u, 5).await, &[], &ctx("v5: 四、 inserted"));
    assert_eq!(
        symbol_names(&c.document_symbols(&u).await),
        [
            "一、甲方面",
            "  （一）建设𠀀园区",
            "    一是甲",
            "    二是乙",
            "    三是丙",
            "二、乙方面",
            "三、丙𠀀方面",
            "四、丁𠀀方面",
            "五、戊"
        ],
        "{}",
        ctx("v5: the server's text matches the client's")
    );

    // v6: a whole-text change.
    text = GAP.to_string();
    c.change(&u, 6, vec![full_text(&text)]);
    assert_diagnostics(
        &c.wait_diagnostics(&u, 6).await,
        &[("numbering.gap", enc.range_of(&text, "四、", 0))],
        &ctx("v6: whole text"),
    );

    // v7: a whole-text change, then a ranged one relative to the new text.
    text = "一、甲\n".to_string();
    let whole = full_text(&text);
    let at = end_of_line(&text, 0);
    let ranged = splice(&mut text, enc, at, at, "\n三、丙𠀀");
    c.change(&u, 7, vec![whole, ranged]);
    let diagnostics = c.wait_diagnostics(&u, 7).await;
    assert_diagnostics(
        &diagnostics,
        &[("numbering.gap", enc.range_of(&text, "三、", 0))],
        &ctx("v7: whole then ranged"),
    );
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、甲", "三、丙𠀀"], "{}", ctx("v7 symbols"));

    // v8: a deletion spanning a line break (joins `一、甲` and `三、丙𠀀` into one line).
    let (start, end) = (byte_of(&text, "甲", 0) + "甲".len(), byte_of(&text, "丙", 0));
    let change = splice(&mut text, enc, start, end, "");
    c.change(&u, 8, vec![change]);
    assert_diagnostics(&c.wait_diagnostics(&u, 8).await, &[], &ctx("v8: lines joined"));
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、甲丙𠀀"], "{}", ctx("v8 symbols"));

    c.shutdown_and_exit().await;
}

/// The params of every publication for `u`, in arrival order, up to the one of version
/// `last`; each must carry a version.
async fn publications_until(c: &mut TestClient, u: &str, last: i64) -> Vec<Value> {
    let mut publications = Vec::new();
    loop {
        let n = c.next_notification(&format!("publishDiagnostics for {u} version {last}")).await;
        if n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == json!(u) {
            let version = n["params"]["version"].as_i64().expect("a versioned publication");
            publications.push(n["params"].clone());
            if version == last {
                return publications;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_changes_apply_in_order_and_publish_in_version_order() {
    // tower-lsp-server dispatches messages concurrently; changes sent without waiting must
    // still apply in order, and no publication may go back to an older version.
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("rapid.txt");
    let mut text = String::from("一、甲方面\n二、");
    c.open(&u, &text, 1);
    let typed = "建设𠀀园区。一是甲；二是乙；三是丙。";
    let last_version = 1 + typed.chars().count() as i64;
    for (i, ch) in typed.chars().enumerate() {
        let at = text.len();
        let change = splice(&mut text, Encoding::Utf16, at, at, ch.encode_utf8(&mut [0; 4]));
        c.change(&u, 2 + i as i64, vec![change]);
    }

    let publications = publications_until(&mut c, &u, last_version).await;
    for p in &publications {
        assert_eq!(p["diagnostics"], json!([]), "version {}", p["version"]);
    }
    let versions: Vec<i64> = publications.iter().filter_map(|p| p["version"].as_i64()).collect();
    // A round trip, so that a late publication of an older version would have arrived.
    assert_eq!(
        symbol_names(&c.document_symbols(&u).await),
        ["一、甲方面", "二、建设𠀀园区", "  一是甲", "  二是乙", "  三是丙"]
    );
    assert!(!c.has_pending_diagnostics(&u), "publications after the last version: {:#?}", c.pending_notifications());
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "versions published in increasing order: {versions:?}");
    c.shutdown_and_exit().await;
}

/// Where each line of `text` starts (lines break at `\n`, `\r\n` and a lone `\r`, as in LSP).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The diagnostics a fresh analysis of `text` gives, as the server should publish them to a
/// client that takes related information (`codeDescription` left out: it names a cache path).
fn fresh_diagnostics(text: &str, u: &str, enc: Encoding) -> Vec<Value> {
    let starts = line_starts(text);
    let range = |at: workplan::text::LineSpan| {
        let start = starts[at.line];
        enc.range(text, start + at.span.start(), start + at.span.end())
    };
    let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
    doc.findings()
        .iter()
        .map(|d| {
            let mut lsp = json!({
                "range": range(d.range),
                "severity": match d.severity {
                    workplan::Severity::Error => 1,
                    workplan::Severity::Warning => 2,
                    workplan::Severity::Information => 3,
                    workplan::Severity::Hint => 4,
                },
                "code": d.code,
                "source": "workplan",
                "message": d.message,
            });
            if !d.related.is_empty() {
                lsp["relatedInformation"] = d
                    .related
                    .iter()
                    .map(|r| json!({ "location": { "uri": u, "range": range(r.range) }, "message": r.message }))
                    .collect();
            }
            lsp
        })
        .collect()
}

/// Edits the draft at random (insertions with line breaks, astral characters and numbering
/// markers, deletions): first waiting for each version's diagnostics, which must be what a
/// fresh analysis of the text finds, at the right positions; then a few hundred edits sent
/// without waiting, after which publications must have come in increasing version order
/// and the last one must be the final version, equal to a fresh analysis of the final text.
async fn a_burst_of_edits_publishes_the_final_text_as_a_fresh_analysis(enc: Encoding) {
    let mut c = TestClient::with_encoding(enc).await;
    let u = uri("burst-fresh.txt");
    let mut text = format!(
        "{}（一）建设𠀀园区。一是甲；二是乙；四是丙。\n（二）推进🚀行动。第一，甲；第二：乙。新增 150 家。\n",
        include_str!("../examples/2026-gaoxin-plan.txt")
    );
    c.open(&u, &text, 1);
    c.wait_diagnostics(&u, 1).await;
    let typed = ["、", "一是", "\n", "𠀀", "🚀", "四、", "（二）", "", "150 家", "\n二是乙；", "六是丁。"];
    let mut seed = 0x5eed_u64;
    let mut random = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n.max(1)
    };
    let mut random_changes = |text: &mut String| {
        let mut changes = Vec::new();
        for _ in 0..1 + random(4) / 3 {
            let mut start = random(text.len() + 1);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let end =
                text[start..].char_indices().nth(random(4) / 3 * (1 + random(2))).map_or(start, |(i, _)| start + i);
            changes.push(splice(text, enc, start, end, typed[random(typed.len())]));
        }
        changes
    };
    // Typing, waiting for each version: publications reuse what they can of the last one.
    let typist = 40;
    for version in 2..2 + typist {
        let changes = random_changes(&mut text);
        c.change(&u, version, changes);
        let mut published = c.wait_diagnostics(&u, version).await;
        for d in &mut published {
            d.as_object_mut().and_then(|o| o.remove("codeDescription"));
        }
        assert_eq!(published, fresh_diagnostics(&text, &u, enc), "{} v{version}: the text is\n{text}", enc.name());
    }
    // A burst: no waiting.
    let edits = 300;
    for version in 2 + typist..2 + typist + edits {
        let changes = random_changes(&mut text);
        c.change(&u, version, changes);
    }
    let last = 1 + typist + edits;
    let publications = publications_until(&mut c, &u, last).await;
    let versions: Vec<i64> = publications.iter().filter_map(|p| p["version"].as_i64()).collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "versions published in increasing order: {versions:?}");
    let published = publications.last().expect("the last version's publication");
    let mut published = published["diagnostics"].as_array().expect("a diagnostics array").clone();
    for d in &mut published {
        let page = d.as_object_mut().and_then(|o| o.remove("codeDescription"));
        assert!(page.is_some_and(|p| p["href"].is_string()), "{} links its rule's page: {d}", enc.name());
    }
    let expected = fresh_diagnostics(&text, &u, enc);
    assert!(expected.len() > 5, "the edits left findings to compare: {expected:#?}");
    assert_eq!(published, expected, "{}: the final text is\n{text}", enc.name());
    // A round trip, so that a late publication would have arrived.
    c.document_symbols(&u).await;
    assert!(!c.has_pending_diagnostics(&u), "publications after the last version: {:#?}", c.pending_notifications());
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_right_after_an_edit_sees_the_edit() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("hover-after-edit.txt");
    let mut text = String::from("一、甲方面\n正文。\n");
    c.open(&u, &text, 1);
    c.wait_diagnostics(&u, 1).await;
    // No wait for the diagnostics of version 2: the hover must see the new statement.
    let at = byte_of(&text, "正文", 0);
    let change = splice(&mut text, Encoding::Utf16, at, at, "地区生产总值增长6.5%。");
    c.change(&u, 2, vec![change]);
    let hover = c
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": u }, "position": Encoding::Utf16.position_of(&text, "地区生产总值", 0) }),
        )
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(markdown.starts_with("**地区生产总值**"), "hover after the edit: {hover}");
    assert_eq!(hover["range"], Encoding::Utf16.range_of(&text, "地区生产总值", 0));
    // So do symbols: a heading typed and asked for at once.
    let end = text.len();
    let change = splice(&mut text, Encoding::Utf16, end, end, "二、乙方面\n");
    c.change(&u, 3, vec![change]);
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、甲方面", "二、乙方面"]);
    c.wait_diagnostics(&u, 3).await;
    c.shutdown_and_exit().await;
}

// ---- documentSymbol -----------------------------------------------------------------------

async fn document_symbols(enc: Encoding) {
    let mut c = TestClient::with_encoding(enc).await;
    let ctx = |what: &str| format!("{what} ({})", enc.name());
    let u = uri("outline.txt");
    c.open(&u, OUTLINE, 1);
    c.wait_diagnostics(&u, 1).await;

    let symbols = c.document_symbols(&u).await;
    assert_eq!(
        symbol_names(&symbols),
        [
            "一、甲方面",
            "  （一）建设𠀀园区",
            "    一是甲",
            "    二是乙",
            "    四是丙",
            "  （二）加强管理",
            "二、乙方面",
            "三、丙方面"
        ],
        "{}",
        ctx("hierarchy")
    );
    assert_ranges_nest(&symbols, None);

    // Whole lines from the heading to the section's last non-blank line; the selection is
    // the marker and the title.
    let line_end = |line: usize| enc.position(OUTLINE, end_of_line(OUTLINE, line));
    let whole_lines = |first: u32, last: usize| json!({ "start": pos(first, 0), "end": line_end(last) });

    let part = find_symbol(&symbols, "一、甲方面");
    assert_eq!(part["range"], whole_lines(0, 4), "{}", ctx("一、 range"));
    assert_eq!(part["selectionRange"], enc.range_of(OUTLINE, "一、甲方面", 0), "{}", ctx("一、 selection"));

    let section = find_symbol(&symbols, "（一）建设𠀀园区");
    assert_eq!(section["range"], whole_lines(1, 2), "{}", ctx("（一） range"));
    assert_eq!(section["selectionRange"], enc.range_of(OUTLINE, "（一）建设𠀀园区", 0), "{}", ctx("（一） selection"));

    // An inline item spans only its own words, so editors order the items of a paragraph.
    let item = find_symbol(&symbols, "四是丙");
    assert_eq!(item["range"], enc.range_of(OUTLINE, "四是丙", 0), "{}", ctx("四是丙 range"));
    assert_eq!(item["selectionRange"], enc.range_of(OUTLINE, "四是丙", 0), "{}", ctx("四是丙 selection"));

    let last = find_symbol(&symbols, "三、丙方面");
    assert_eq!(last["range"], whole_lines(7, 8), "{}", ctx("三、 range"));

    c.shutdown_and_exit().await;
}

// ---- foldingRange -------------------------------------------------------------------------

async fn folding_ranges(enc: Encoding) {
    let mut c = TestClient::with_encoding(enc).await;
    let u = uri("folding.txt");
    let mut text = OUTLINE.to_string();
    c.open(&u, &text, 1);
    c.wait_diagnostics(&u, 1).await;
    // 一、 lines 0–4, （一） lines 1–2, 三、 lines 7–8; （二） and 二、 are one line long.
    assert_eq!(folds(&c.folding_ranges(&u).await), [(0, 4), (1, 2), (7, 8)], "{}", enc.name());

    // A paragraph added under （二） extends it and its parent.
    let at = end_of_line(&text, 4);
    let change = splice(&mut text, enc, at, at, "\n补充𠀀说明。");
    c.change(&u, 2, vec![change]);
    c.wait_diagnostics(&u, 2).await;
    assert_eq!(folds(&c.folding_ranges(&u).await), [(0, 5), (1, 2), (4, 5), (8, 9)], "{} after an edit", enc.name());

    // Trailing blank lines are not folded into the last section; single lines never fold.
    let u = uri("folding-tail.txt");
    c.open(&u, "一、甲\n正文。\n\n\n二、乙\n\n", 1);
    c.wait_diagnostics(&u, 1).await;
    assert_eq!(folds(&c.folding_ranges(&u).await), [(0, 1)], "{} trailing blanks", enc.name());

    c.shutdown_and_exit().await;
}

// ---- didClose -----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_clears_diagnostics_and_forgets_the_document() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("closing.txt");
    c.open(&u, GAP, 1);
    assert_eq!(c.wait_diagnostics(&u, 1).await.len(), 1);

    c.close(&u);
    assert_eq!(c.wait_unversioned_diagnostics(&u).await, Vec::<Value>::new(), "empty diagnostics after didClose");

    // A change to the closed document is ignored; its symbols and folds are gone.
    c.change(&u, 2, vec![edit(range((0, 0), (0, 0)), "三、")]);
    assert_eq!(c.document_symbols(&u).await, Value::Null, "symbols of a closed document");
    assert_eq!(c.folding_ranges(&u).await, Value::Null, "folding ranges of a closed document");
    assert!(!c.has_pending_diagnostics(&u), "no diagnostics for a closed document: {:#?}", c.pending_notifications());

    // Reopening works as a fresh open.
    c.open(&u, MARKER_STYLE, 1);
    assert_eq!(codes(&c.wait_diagnostics(&u, 1).await), ["numbering.marker-style"]);

    c.shutdown_and_exit().await;
}

// ---- bad input ----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_positions_past_the_end() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("past-the-end.txt");
    c.open(&u, "一、甲", 1);
    c.wait_diagnostics(&u, 1).await;

    // A line past the end of the document: clamped to the end, the text still applied.
    c.change(&u, 2, vec![edit(range((999, 0), (999, 5)), "\n二、乙")]);
    c.wait_diagnostics(&u, 2).await;
    assert_alive(&mut c, &u, "line 999").await;
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、甲", "二、乙"], "line 999 clamped to the end");

    // A character past the end of its line means the end of the line (LSP).
    c.change(&u, 3, vec![edit(range((0, 999), (0, 999)), "方面")]);
    c.wait_diagnostics(&u, 3).await;
    assert_eq!(
        symbol_names(&c.document_symbols(&u).await),
        ["一、甲方面", "二、乙"],
        "character 999 is the end of line 0"
    );

    // A range from inside the document to a line past its end.
    c.change(&u, 4, vec![edit(range((1, 2), (500, 3)), "丙")]);
    c.wait_diagnostics(&u, 4).await;
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、甲方面", "二、丙"], "a range ending past the end");

    // A reversed range (end before start) and huge numbers.
    c.change(&u, 5, vec![edit(range((1, 3), (1, 2)), "")]);
    c.wait_diagnostics(&u, 5).await;
    assert_alive(&mut c, &u, "reversed range").await;
    c.change(&u, 6, vec![edit(range((u32::MAX, u32::MAX), (u32::MAX, u32::MAX)), "")]);
    c.wait_diagnostics(&u, 6).await;
    assert_alive(&mut c, &u, "u32::MAX positions").await;

    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_a_position_inside_a_surrogate_pair() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("surrogate.txt");
    let text = "一、建设𠀀园区\n";
    c.open(&u, text, 1);
    c.wait_diagnostics(&u, 1).await;
    let inside = Encoding::Utf16.len("一、建设") + 1; // between the two halves of 𠀀

    // An insertion between the halves lands before the character.
    c.change(&u, 2, vec![edit(range((0, inside), (0, inside)), "新")]);
    c.wait_diagnostics(&u, 2).await;
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、建设新𠀀园区"], "inserted before 𠀀");

    // A deletion from between the halves to after the character removes the character.
    let inside = Encoding::Utf16.len("一、建设新") + 1;
    c.change(&u, 3, vec![edit(range((0, inside), (0, inside + 1)), "")]);
    c.wait_diagnostics(&u, 3).await;
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、建设新园区"], "𠀀 deleted whole");
    c.shutdown_and_exit().await;

    // The same in a UTF-8 session: a byte inside 𠀀.
    let mut c = TestClient::with_encoding(Encoding::Utf8).await;
    c.open(&u, text, 1);
    c.wait_diagnostics(&u, 1).await;
    let inside = Encoding::Utf8.len("一、建设") + 2;
    c.change(&u, 2, vec![edit(range((0, inside), (0, inside)), "新")]);
    c.wait_diagnostics(&u, 2).await;
    assert_eq!(symbol_names(&c.document_symbols(&u).await), ["一、建设新𠀀园区"], "inserted before 𠀀 (utf-8)");
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_unopened_documents() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let never = uri("never-opened.txt");

    c.change(&never, 5, vec![edit(range((0, 0), (0, 0)), "一、甲")]);
    c.change(&never, 6, vec![full_text("一、甲\n三、丙")]);
    assert_eq!(c.document_symbols(&never).await, Value::Null, "symbols of a document never opened");
    assert_eq!(c.folding_ranges(&never).await, Value::Null, "folding ranges of a document never opened");
    c.close(&never);

    // The server still works for real documents.
    let u = uri("after-unopened.txt");
    c.open(&u, GAP, 1);
    assert_eq!(codes(&c.wait_diagnostics(&u, 1).await), ["numbering.gap"]);
    assert!(
        !c.has_pending_diagnostics(&never),
        "nothing published for a document never opened: {:#?}",
        c.pending_notifications()
    );
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_an_empty_document() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("empty.txt");
    c.open(&u, "", 1);
    assert_eq!(c.wait_diagnostics(&u, 1).await, Vec::<Value>::new());
    assert_eq!(c.document_symbols(&u).await, json!([]), "no symbols in an empty document");
    assert_eq!(c.folding_ranges(&u).await, json!([]), "no folds in an empty document");

    c.change(&u, 2, vec![edit(range((0, 0), (0, 0)), "一、甲\n三、丙")]);
    assert_eq!(codes(&c.wait_diagnostics(&u, 2).await), ["numbering.gap"]);

    // Deleting everything again.
    c.change(&u, 3, vec![edit(range((0, 0), (1, 3)), "")]);
    assert_eq!(c.wait_diagnostics(&u, 3).await, Vec::<Value>::new());
    assert_eq!(c.document_symbols(&u).await, json!([]), "no symbols once emptied");
    c.change(&u, 4, vec![full_text("")]);
    c.wait_diagnostics(&u, 4).await;
    assert_alive(&mut c, &u, "whole-text change to empty").await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_a_one_megabyte_line() {
    for enc in [Encoding::Utf16, Encoding::Utf8] {
        let mut c = TestClient::with_encoding(enc).await;
        let u = uri("huge.txt");
        let mut text = format!("一、甲方面\n三、{}\n", "甲".repeat(350_000));
        assert!(text.len() > 1_000_000);
        c.open(&u, &text, 1);
        let diagnostics = c.wait_diagnostics(&u, 1).await;
        assert_diagnostics(
            &diagnostics,
            &[("numbering.gap", enc.range_of(&text, "三、", 0))],
            &format!("1 MB line ({})", enc.name()),
        );

        // A keystroke at the end of the huge line, then one fixing the marker.
        let at = end_of_line(&text, 1);
        let change = splice(&mut text, enc, at, at, "。一是甲；三是丙。");
        c.change(&u, 2, vec![change]);
        let diagnostics = c.wait_diagnostics(&u, 2).await;
        assert_diagnostics(
            &diagnostics,
            &[("numbering.gap", enc.range_of(&text, "三、", 0)), ("enumeration.gap", enc.range_of(&text, "三是", 0))],
            &format!("1 MB line after typing at its end ({})", enc.name()),
        );
        let at = byte_of(&text, "三、", 0);
        let change = splice(&mut text, enc, at, at + "三".len(), "二");
        c.change(&u, 3, vec![change]);
        let diagnostics = c.wait_diagnostics(&u, 3).await;
        assert_eq!(codes(&diagnostics), ["enumeration.gap"], "1 MB line, marker fixed ({})", enc.name());

        let symbols = c.document_symbols(&u).await;
        let names = symbol_names(&symbols);
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(names[1].starts_with("二、甲甲"), "the long title is named: {}", names[1]);
        assert!(names[1].chars().count() < 100, "a 1 MB title is shortened in the outline");
        assert_ranges_nest(&symbols, None);
        c.shutdown_and_exit().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_malformed_requests_and_notifications() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("malformed.txt");
    c.open(&u, GAP, 1);
    c.wait_diagnostics(&u, 1).await;

    // An unknown method is an error, not a crash.
    let response = c.request("workplan/noSuchMethod", json!({})).await;
    assert_eq!(response["error"]["code"], json!(-32601), "method not found: {response}");

    // Notifications with params of the wrong shape are dropped.
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": 42 } }));
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": u }, "contentChanges": "一、" }));
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [{ "range": "here", "text": "x" }] }),
    );
    c.notify("workplan/noSuchNotification", json!([1, 2, 3]));
    assert_alive(&mut c, &u, "after malformed notifications").await;

    // A request with bad params gets an error response.
    let response = c.request("textDocument/documentSymbol", json!({ "textDocument": 7 })).await;
    assert!(response.get("error").is_some(), "invalid params: {response}");

    c.change(&u, 3, vec![full_text(MARKER_STYLE)]);
    assert_eq!(codes(&c.wait_diagnostics(&u, 3).await), ["numbering.marker-style"]);
    c.shutdown_and_exit().await;
}

/// Sends `bytes` (one broken frame), then checks the server answers a documentSymbol
/// request and still publishes diagnostics; returns the responses to no request.
async fn survives_a_broken_frame(bytes: Vec<u8>) -> Vec<Value> {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("broken-frame.txt");
    c.open(&u, GAP, 1);
    c.wait_diagnostics(&u, 1).await;

    c.send_raw(bytes);
    let id = c.send_request("textDocument/documentSymbol", json!({ "textDocument": { "uri": u } }));
    let response = c.response(id).await;
    assert!(response["result"].is_array(), "symbols after a broken frame: {response}");
    c.change(&u, 2, vec![full_text(MARKER_STYLE)]);
    assert_eq!(codes(&c.wait_diagnostics(&u, 2).await), ["numbering.marker-style"]);
    let stray = std::mem::take(&mut c.stray_responses);
    c.shutdown_and_exit().await;
    stray
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_a_frame_whose_body_is_not_json() {
    // docs/design.md: malformed JSON-RPC gets a clear error and the server keeps serving.
    let stray = survives_a_broken_frame(support::frame(b"{ this is not json")).await;
    let errors: Vec<_> = stray.iter().map(|r| (&r["id"], &r["error"]["code"])).collect();
    assert_eq!(errors, [(&Value::Null, &json!(-32700))], "one parse error (id null) for the broken frame");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_a_frame_that_is_not_a_jsonrpc_message() {
    let stray = survives_a_broken_frame(support::frame(br#"{"hello": "world"}"#)).await;
    assert_eq!(stray.len(), 1, "one error response for the broken frame: {stray:?}");
    assert!(stray[0]["error"].is_object(), "{stray:?}");
}

/// Opens `GAP` with a didOpen frame that carries `content_type` as its `Content-Type`
/// header, and checks the diagnostics arrive and the server still answers.
async fn open_with_content_type(content_type: &str) {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("content-type.txt");
    let body = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": u, "languageId": "plaintext", "version": 1, "text": GAP } },
    })
    .to_string();
    let mut bytes = format!("Content-Length: {}\r\nContent-Type: {content_type}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    c.send_raw(bytes);
    assert_eq!(codes(&c.wait_diagnostics(&u, 1).await), ["numbering.gap"], "didOpen sent with a Content-Type header");
    assert_alive(&mut c, &u, "after a Content-Type header").await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepts_a_content_type_header_with_charset() {
    open_with_content_type("application/vscode-jsonrpc; charset=utf-8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepts_a_content_type_header_without_charset() {
    // LSP: `Content-Type` defaults to `application/vscode-jsonrpc; charset=utf-8`; a header
    // naming the type alone is valid and means UTF-8.
    open_with_content_type("application/vscode-jsonrpc").await;
}

// ---- shutdown and exit --------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_then_exit_stops_the_server() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("shutdown.txt");
    c.open(&u, GAP, 1);
    c.wait_diagnostics(&u, 1).await;

    assert_eq!(c.call("shutdown", Value::Null).await, Value::Null);
    // After shutdown a request is answered with an error, not ignored.
    let response = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": u } })).await;
    assert!(response.get("error").is_some(), "a request after shutdown is an error: {response}");

    c.notify("exit", Value::Null);
    c.wait_server_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_stops_when_the_client_goes_away_without_exit() {
    // Closing the input without `exit` must end `serve` as well (the editor crashed).
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    c.open(&uri("abandoned.txt"), GAP, 1);
    c.wait_diagnostics(&uri("abandoned.txt"), 1).await;
    c.disconnect();
    c.wait_server_exit().await;
}

// ---- tasks: outline detail and hover --------------------------------------------------------

/// A 任务分解: each task's fields are its outline detail and its marker's hover; a task
/// without fields has neither (a prose plan keeps a quiet outline and hover).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_fields_in_the_outline_and_the_hover() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("tasks.txt");
    let text = "一、建设𠀀平台\n牵头单位：区科技局\n配合单位：区发改局、区财政局\n完成时限：2026年底\n二、培育企业（牵头单位：区经信局）\n三、优化生态\n";
    c.open(&u, text, 1);
    c.wait_diagnostics(&u, 1).await;
    let symbols = c.document_symbols(&u).await;
    let details: Vec<&Value> = symbols.as_array().expect("symbols").iter().map(|s| &s["detail"]).collect();
    assert_eq!(
        details,
        [&json!("牵头：区科技局；配合：区发改局、区财政局；时限：2026年底"), &json!("牵头：区经信局"), &Value::Null]
    );
    let hover_at = |needle: &str| json!({ "textDocument": { "uri": u }, "position": Encoding::Utf16.position_of(text, needle, 0) });
    let hover = c.call("textDocument/hover", hover_at("一、")).await;
    assert_eq!(
        hover["contents"]["value"],
        json!("**一、** 建设𠀀平台\n\n| 字段 | 内容 |\n|---|---|\n| 牵头单位 | 区科技局 |\n| 责任/配合单位 | 区发改局、区财政局 |\n| 完成时限 | 2026年底 |\n")
    );
    assert_eq!(hover["range"], Encoding::Utf16.range_of(text, "一、", 0));
    let hover = c.call("textDocument/hover", hover_at("三、")).await;
    assert_eq!(hover, Value::Null);
    c.shutdown_and_exit().await;
}

/// A 任务分解 written as a table: hovering a row shows its fields as for a numbered task, and
/// the outline lists the rows with their fields; the header row shows nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn task_table_rows_in_the_hover_and_the_outline() {
    let mut c = TestClient::with_encoding(Encoding::Utf16).await;
    let u = uri("table.md");
    let text = "一、推动科技创新\n\n| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n| 1 | 建设𠀀中试平台 | 区科技局 | 区财政局 | 2026年底 |\n| 2 | 培育高新技术企业 | 区经信局 |  | 2026年6月底 |\n| 3 | 引进高层次人才 | 区人社局 | 区科技局 | 长期坚持 |\n";
    c.open(&u, text, 1);
    c.wait_diagnostics(&u, 1).await;
    let hover_at = |needle: &str| json!({ "textDocument": { "uri": u }, "position": Encoding::Utf16.position_of(text, needle, 0) });
    let hover = c.call("textDocument/hover", hover_at("中试平台")).await;
    assert_eq!(
        hover["contents"]["value"],
        json!("**一、1** 建设𠀀中试平台\n\n| 字段 | 内容 |\n|---|---|\n| 牵头单位 | 区科技局 |\n| 责任/配合单位 | 区财政局 |\n| 完成时限 | 2026年底 |\n")
    );
    assert_eq!(hover["range"]["start"], json!({ "line": 4, "character": 0 }));
    let hover = c.call("textDocument/hover", hover_at("重点任务")).await;
    assert_eq!(hover, Value::Null);
    // The rows are items of the section the table sits in, their fields the detail.
    let symbols = c.document_symbols(&u).await;
    let rows: Vec<(&Value, &Value)> =
        symbols[0]["children"].as_array().expect("rows").iter().map(|s| (&s["name"], &s["detail"])).collect();
    assert_eq!(
        rows,
        [
            (&json!("1 建设𠀀中试平台"), &json!("牵头：区科技局；配合：区财政局；时限：2026年底")),
            (&json!("2 培育高新技术企业"), &json!("牵头：区经信局；时限：2026年6月底")),
            (&json!("3 引进高层次人才"), &json!("牵头：区人社局；配合：区科技局；时限：长期坚持")),
        ]
    );
    c.shutdown_and_exit().await;
}
