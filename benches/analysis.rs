//! `cargo bench --bench analysis`: the core on generated drafts of 30 KB, 1 MB and 10 MB
//! (see `drafts.rs` for the recipe).
//!
//! - `full_analysis`: `Document::new` (rope, one block parse per line, document-wide passes);
//!   throughput in bytes of text per second.
//! - `keystroke`: one CJK character typed in the middle of the draft and deleted again, both
//!   through `Document::apply_changes` with UTF-16 ranges, as `didChange` does. One sample is
//!   the pair: a single keystroke costs half.
//! - `reanalyze`: `apply_changes` with no change, i.e. only the document-wide passes a
//!   keystroke re-runs over the cached blocks (the part that grows with the document).
//! - `outline`: `features::symbols::document_symbols` on an analysed document.
//! - `hover`: `features::hover::indicator_hover` over the first indicator statement in the
//!   second half of the draft (this draft only, no other workspace drafts).
//!
//! - `long_line`: every per-line step on one line of 1 MB — the generated draft joined into
//!   one paragraph, and lines made to hurt (`中` then commas, `中(` repeated, `一是，二是，…`
//!   with no sentence end, `增长-3%` figures in one clause, `一是…三是` again and again, `确保…、力争…`
//!   tier words in one clause): `analysis` (parse and every rule), `outline`, `folding`,
//!   `targets` (the indicator table) and `excerpts` (the human report of every finding). Each
//!   must stay linear in the line: compare with the same step on the 1 MB draft above.
//!
//! Each benchmark also reports the allocations of one iteration (divan's `AllocProfiler`).
//!
//! `WORKPLAN_BENCH_DUMP=DIR` also writes the drafts to DIR (to compare with
//! `scripts/latency --write-draft`).

mod drafts;

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use workplan::cli::report::{human_finding, Style};
use workplan::document::{Change, Document};
use workplan::features::folding::folding_ranges;
use workplan::features::hover::{indicator_hover, target_at};
use workplan::features::symbols::document_symbols;
use workplan::features::targets_table::rows;
use workplan::syntax::DocumentKind;
use workplan::text::{PositionEncoding, TextPosition};

use drafts::{KB30, MB1, MB10};

const SIZES: [usize; 3] = [KB30, MB1, MB10];

/// Counts allocations, so each benchmark also reports how much it allocates per iteration
/// (a keystroke should not allocate in proportion to the document).
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    if let Some(dir) = std::env::var_os("WORKPLAN_BENCH_DUMP") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create the dump folder");
        for size in SIZES {
            let path = dir.join(format!("draft-{}.txt", drafts::size_name(size)));
            std::fs::write(&path, text(size)).expect("write a draft");
            eprintln!("wrote {} ({} bytes)", path.display(), text(size).len());
        }
    }
    divan::main();
}

/// The draft of `size` bytes, generated once per process.
fn text(size: usize) -> &'static str {
    static CELLS: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = SIZES.iter().position(|&s| s == size).expect("a benchmark size");
    CELLS[i].get_or_init(|| drafts::draft(size))
}

fn analysed(size: usize) -> Document {
    Document::new(text(size), DocumentKind::PlainText)
}

/// A position in the middle of a non-blank line near the middle of the document (UTF-16).
fn middle(doc: &Document) -> TextPosition {
    let mut line = doc.line_count() / 2;
    while doc.line(line).trim().is_empty() {
        line += 1;
    }
    let units = doc.line(line).encode_utf16().count();
    TextPosition::new(line, units / 2)
}

#[divan::bench(args = SIZES, max_time = 8)]
fn full_analysis(bencher: Bencher, size: usize) {
    let text = text(size);
    bencher.counter(BytesCount::new(text.len())).bench(|| Document::new(black_box(text), DocumentKind::PlainText));
}

#[divan::bench(args = SIZES, max_time = 5)]
fn keystroke(bencher: Bencher, size: usize) {
    let mut doc = analysed(size);
    let at = middle(&doc);
    let after = TextPosition::new(at.line, at.character + 1);
    let insert = [Change { range: Some((at, at)), text: "新".to_string() }];
    let delete = [Change { range: Some((at, after)), text: String::new() }];
    let before = doc.findings().len();
    bencher.bench_local(|| {
        doc.apply_changes(black_box(&insert), PositionEncoding::Utf16);
        doc.apply_changes(black_box(&delete), PositionEncoding::Utf16);
        doc.findings().len()
    });
    assert_eq!(doc.findings().len(), before, "insert + delete restores the document");
    assert_eq!(doc.text(), text(size));
}

#[divan::bench(args = SIZES, max_time = 5)]
fn reanalyze(bencher: Bencher, size: usize) {
    let mut doc = analysed(size);
    bencher.bench_local(|| {
        doc.apply_changes(&[], PositionEncoding::Utf16);
        doc.findings().len()
    });
}

#[divan::bench(args = SIZES, max_time = 5)]
fn outline(bencher: Bencher, size: usize) {
    let doc = analysed(size);
    bencher.bench(|| document_symbols(black_box(&doc)));
}

#[divan::bench(args = SIZES, max_time = 5)]
fn hover(bencher: Bencher, size: usize) {
    let doc = analysed(size);
    let half = doc.line_count() / 2;
    let t = doc.analysis().targets.iter().find(|t| t.line >= half).expect("an indicator statement in the second half");
    let (line, byte) = (t.line, t.statement.span.start());
    let link = |l: usize| format!("file:///draft.txt#L{}", l + 1);
    bencher.bench(|| {
        let target = target_at(black_box(&doc), line, byte).expect("the statement is found again");
        indicator_hover(&doc, target, &link, &[])
    });
}

/// Lines of 1 MB, by name (see the module's notes).
const LONG_LINES: [&str; 7] = ["draft", "commas", "parens", "items", "figures", "enumerations", "tiers"];

fn long_line(name: &str) -> &'static str {
    static CELLS: [OnceLock<String>; 7] = [const { OnceLock::new() }; 7];
    let i = LONG_LINES.iter().position(|&n| n == name).expect("a long line");
    CELLS[i].get_or_init(|| {
        let unit = match name {
            "draft" => return text(MB1).replace(['\n', '\r'], ""),
            "commas" => ",",
            "parens" => "中(",
            // A clause of figures without a break: each statement's area and each finding's
            // fix were looked up over the whole clause (quadratic, found by fuzzing).
            "figures" => "一般公共预算收入增长-3%",
            // Items and marks: every mark was tried on every item (quadratic).
            "enumerations" => "一是加强，二是推进，三是落实，",
            // Tier words and figures: every figure tried every tier word (quadratic).
            "tiers" => "确保增长7%、力争增长8%",
            _ => "，二是",
        };
        let mut line = String::from(if name == "items" { "一是" } else { "中" });
        while line.len() < MB1 {
            line.push_str(unit);
        }
        line
    })
}

mod long_line {
    use super::*;

    fn analysed(name: &str) -> Document {
        Document::new(long_line(name), DocumentKind::PlainText)
    }

    #[divan::bench(args = LONG_LINES, max_time = 5)]
    fn analysis(bencher: Bencher, name: &str) {
        let text = long_line(name);
        bencher.counter(BytesCount::new(text.len())).bench(|| Document::new(black_box(text), DocumentKind::PlainText));
    }

    #[divan::bench(args = LONG_LINES, max_time = 5)]
    fn outline(bencher: Bencher, name: &str) {
        let doc = analysed(name);
        bencher.bench(|| document_symbols(black_box(&doc)));
    }

    #[divan::bench(args = LONG_LINES, max_time = 5)]
    fn folding(bencher: Bencher, name: &str) {
        let doc = analysed(name);
        bencher.bench(|| folding_ranges(black_box(&doc)));
    }

    #[divan::bench(args = LONG_LINES, max_time = 5)]
    fn targets(bencher: Bencher, name: &str) {
        let doc = analysed(name);
        bencher.bench(|| rows("draft.txt", black_box(&doc)));
    }

    #[divan::bench(args = LONG_LINES, max_time = 5)]
    fn excerpts(bencher: Bencher, name: &str) {
        let doc = analysed(name);
        let findings = doc.findings();
        let style = Style { color: false };
        bencher.counter(divan::counter::ItemsCount::new(findings.len())).bench(|| {
            findings.iter().map(|d| human_finding("draft.txt", black_box(&doc), d, style).len()).sum::<usize>()
        });
    }
}
