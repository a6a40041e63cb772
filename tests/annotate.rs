//! `workplan check --annotate OUT.docx IN.docx`: findings as Word comments in a copy.
//!
//! A 工作要点 of our own, written as Word writes it (runs formatted differently in mid
//! sentence, a hyperlink), with a numbering gap and half-width commas: annotated, the copy reads
//! back to the same text; each comment covers exactly its finding's characters (or, in the
//! hyperlink, its paragraph) and says the finding; every other entry of the package is the
//! original's, byte for byte; and LibreOffice, converting the copy to ODF, shows the comments
//! at the same places.

mod editor_support;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use workplan::cli::docx::read_paragraphs;
use zip::ZipArchive;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// The body: a bold title; a heading whose middle is bold; a sentence in italics whose
/// half-width comma sits in the middle of a run; a heading 四、 after 二、 whose 四 is bold and
/// whose 、 begins the next run; a sentence partly in a hyperlink (its comma is not placed
/// exactly: the comment covers the paragraph); an empty paragraph.
const BODY: &str = concat!(
    r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>2026年高新区工作要点</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>坚持创新驱动</w:t></w:r><w:r><w:t>，提升产业能级</w:t></w:r></w:p>"#,
    r#"<w:p><w:r w:rsidR="00A1"><w:rPr><w:i/><w:color w:val="C00000"/></w:rPr><w:t>全年新增高新技术企业50家,研发投</w:t></w:r><w:r><w:t>入增长10%。</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t>二、优化营商环境</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:rPr><w:color w:val="1F4E79"/></w:rPr><w:t>深化改革，</w:t></w:r><w:r><w:t>提升服务效能。</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>四</w:t></w:r><w:r><w:t>、加强</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>组织保障</w:t></w:r></w:p>"#,
    r#"<w:p><w:hyperlink w:anchor="任务"><w:r><w:t>落实责任,确保</w:t></w:r></w:hyperlink><w:r><w:t>各项任务按期完成。</w:t></w:r></w:p>"#,
    r#"<w:p/>"#,
    r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#,
);

/// The paragraphs as the checker reads them, one per line.
const LINES: [&str; 8] = [
    "2026年高新区工作要点",
    "一、坚持创新驱动，提升产业能级",
    "全年新增高新技术企业50家,研发投入增长10%。",
    "二、优化营商环境",
    "深化改革，提升服务效能。",
    "四、加强组织保障",
    "落实责任,确保各项任务按期完成。",
    "",
];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>workplan tests</Application></Properties>"#;

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
    )
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

/// A package as Word lays it out: parts deflated, a picture stored, in Word's order.
fn package(document_xml: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let styles = styles();
    let parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("docProps/app.xml", APP.as_bytes()),
    ];
    for (name, content) in parts.iter().copied().chain(extra.iter().map(|(n, c)| (*n, c.as_bytes()))) {
        zip.start_file(name, deflated).expect("start a zip entry");
        zip.write_all(content).expect("write a zip entry");
    }
    zip.start_file("word/media/image1.png", stored).expect("start a zip entry");
    zip.write_all(b"\x89PNG\r\n\x1a\n not really a picture, only bytes to copy").expect("write");
    zip.finish().expect("finish the zip").into_inner()
}

fn fixture() -> Vec<u8> {
    package(&document(BODY), &[])
}

fn workplan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_workplan"))
}

/// `workplan check ARGS…`: exit code, stdout, stderr.
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = workplan().arg("check").args(args).output().expect("workplan runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn check_json(path: &Path) -> Vec<Value> {
    let (_, stdout, _) = run(&["--format".as_ref(), "json".as_ref(), path.as_os_str()]);
    serde_json::from_str(&stdout).expect("json")
}

/// Every entry of a package: name → (compression, CRC, raw compressed bytes, content).
fn entries(bytes: &[u8]) -> BTreeMap<String, (zip::CompressionMethod, u32, Vec<u8>, Vec<u8>)> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut raw = Vec::new();
        let (name, method, crc) = {
            let mut f = archive.by_index_raw(i).expect("entry");
            f.read_to_end(&mut raw).expect("raw bytes");
            (f.name().to_string(), f.compression(), f.crc32())
        };
        let mut content = Vec::new();
        archive.by_index(i).expect("entry").read_to_end(&mut content).expect("inflate");
        out.insert(name, (method, crc, raw, content));
    }
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    let (_, _, _, content) = entries(bytes).remove(name).unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(content).expect("utf-8")
}

/// What a comment covers in `document.xml`: the paragraph (0-based, counting the body's
/// paragraphs) where it starts and the text between its range's start and end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Covered {
    paragraph: usize,
    text: String,
    referenced: bool,
}

/// Walks `document.xml` (also proving it well-formed: quick-xml checks every end tag).
fn covered(xml: &str) -> BTreeMap<String, Covered> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    let mut found: BTreeMap<String, Covered> = BTreeMap::new();
    let (mut paragraph, mut in_text) = (0usize, false);
    let id = |e: &quick_xml::events::BytesStart<'_>| {
        e.try_get_attribute("w:id").expect("attr").map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match reader.read_event().expect("document.xml is well-formed") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => paragraph += 1,
            Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => paragraph += 1,
                b"w:commentRangeStart" => {
                    let id = id(&e).expect("an id");
                    assert!(!found.contains_key(&id), "id {id} used twice");
                    found.insert(id.clone(), Covered { paragraph, ..Covered::default() });
                    open.push(id);
                }
                b"w:commentRangeEnd" => {
                    let id = id(&e).expect("an id");
                    assert!(open.contains(&id), "end of {id} before its start");
                    open.retain(|o| *o != id);
                }
                b"w:commentReference" => {
                    found.get_mut(&id(&e).expect("an id")).expect("a reference after its range").referenced = true;
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.xml10_content().expect("text");
                for id in &open {
                    found.get_mut(id).expect("open").text.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "ranges never ended: {open:?}");
    found
}

/// The comments part: id → (author, initials, text).
fn comments(xml: &str) -> BTreeMap<String, (String, String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String, String, String)> = None;
    let attr = |e: &quick_xml::events::BytesStart<'_>, n: &str| {
        e.try_get_attribute(n)
            .expect("attr")
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
            .unwrap_or_default()
    };
    loop {
        match reader.read_event().expect("comments.xml is well-formed") {
            Event::Start(e) if e.name().as_ref() == b"w:comment" => {
                current = Some((attr(&e, "w:id"), attr(&e, "w:author"), attr(&e, "w:initials"), String::new()));
            }
            Event::Text(t) => {
                if let Some(c) = &mut current {
                    c.3.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::End(e) if e.name().as_ref() == b"w:comment" => {
                if let Some((id, author, initials, text)) = current.take() {
                    out.insert(id, (author, initials, text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The characters of `line` from 1-based column `from` up to `to` (exclusive), as the JSON
/// report counts them.
fn columns(line: &str, from: u64, to: u64) -> String {
    line.chars().skip(from as usize - 1).take((to - from) as usize).collect()
}

/// The fixture annotated into a temporary folder: (folder, input, output, findings).
fn annotated() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("2026年工作要点.docx");
    let output = dir.path().join("2026年工作要点-批注.docx");
    std::fs::write(&input, fixture()).expect("write");
    let findings = check_json(&input);
    let (code, stdout, stderr) = run(&["--annotate".as_ref(), output.as_os_str(), input.as_os_str()]);
    assert_eq!(code, 1, "warnings found: {stdout}{stderr}");
    assert!(stdout.contains(&format!("已写出带批注的副本 {}：3 条批注", output.display())), "{stdout}");
    assert!(stdout.contains("其中 1 条所在文字无法精确定位"), "{stdout}");
    (dir, input, output, findings)
}

/// The findings the fixture is built for, as `check` reports them.
#[test]
fn the_fixture_has_a_gap_and_two_half_width_commas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("a.docx");
    std::fs::write(&input, fixture()).expect("write");
    assert_eq!(read_paragraphs(&fixture()).expect("valid").text, LINES.join("\n"));
    let findings = check_json(&input);
    let found: Vec<(u64, &str)> =
        findings.iter().map(|f| (f["line"].as_u64().unwrap_or(0), f["code"].as_str().unwrap_or(""))).collect();
    assert_eq!(found, [(3, "punct.halfwidth"), (6, "numbering.gap"), (7, "punct.halfwidth")]);
}

#[test]
fn each_comment_covers_its_finding_and_says_it() {
    let (_dir, input, output, findings) = annotated();
    let before = std::fs::read(&input).expect("read");
    let after = std::fs::read(&output).expect("read");
    assert_eq!(before, fixture(), "the input is not touched");
    // The project's reader reads the same text from the copy.
    assert_eq!(read_paragraphs(&after).expect("valid").text, read_paragraphs(&before).expect("valid").text);

    let document = part(&after, "word/document.xml");
    let covered = covered(&document);
    let comments = comments(&part(&after, "word/comments.xml"));
    assert_eq!(covered.len(), findings.len(), "{covered:?}");
    assert_eq!(comments.len(), findings.len(), "{comments:?}");
    for (f, (id, c)) in findings.iter().zip(&covered) {
        let line = f["line"].as_u64().expect("line") as usize - 1;
        assert_eq!(c.paragraph, line, "comment {id} on the finding's paragraph: {f}");
        assert!(c.referenced, "comment {id} has its reference run");
        let span = columns(LINES[line], f["column"].as_u64().expect("col"), f["end_column"].as_u64().expect("col"));
        // The hyperlink's comma is not placed exactly: that comment covers its paragraph.
        let expected = if line == 6 { LINES[line].to_string() } else { span };
        assert_eq!(c.text, expected, "comment {id}: {f}");
        let (author, initials, text) = &comments[id];
        assert_eq!((author.as_str(), initials.as_str()), ("workplan", "WP"));
        assert_eq!(text, &format!("[{}] {}", f["code"].as_str().expect("code"), f["message"].as_str().expect("msg")));
    }
    assert_eq!(covered.values().map(|c| c.text.as_str()).collect::<Vec<_>>(), [",", "四、", LINES[6]]);

    // A run split at the comma: both parts keep its properties (and its start tag).
    let italic = r#"<w:r w:rsidR="00A1"><w:rPr><w:i/><w:color w:val="C00000"/></w:rPr>"#;
    assert!(
        document.contains(&format!(
            r#"{italic}<w:t xml:space="preserve">全年新增高新技术企业50家</w:t></w:r><w:commentRangeStart w:id="0"/>{italic}<w:t xml:space="preserve">,</w:t></w:r><w:commentRangeEnd w:id="0"/>"#
        )),
        "{document}"
    );
    assert!(document.contains(&format!(r#"{italic}<w:t xml:space="preserve">研发投</w:t></w:r>"#)), "{document}");
    // 四 is a run of its own: the range starts before it; 、 begins the next run, which splits.
    assert!(
        document.contains(r#"<w:commentRangeStart w:id="1"/><w:r><w:rPr><w:b/></w:rPr><w:t>四</w:t></w:r><w:r><w:t xml:space="preserve">、</w:t></w:r><w:commentRangeEnd w:id="1"/>"#),
        "{document}"
    );
    // Nothing else in the body changed: without the comment markers, and with the split runs
    // joined again, it is the original.
    let unmarked =
        regex::Regex::new(r#"<w:commentRange(Start|End) w:id="\d+"/>|<w:r><w:commentReference w:id="\d+"/></w:r>"#)
            .expect("regex")
            .replace_all(&document, "")
            .into_owned();
    let split = regex::Regex::new(
        r#"<w:t xml:space="preserve">([^<]*)</w:t></w:r><w:r[^>]*>(?:<w:rPr>.*?</w:rPr>)?<w:t xml:space="preserve">"#,
    )
    .expect("regex");
    let mut joined = unmarked;
    while split.is_match(&joined) {
        joined = split.replace_all(&joined, r#"<w:t xml:space="preserve">$1"#).into_owned();
    }
    let joined = joined.replace(r#"<w:t xml:space="preserve">"#, "<w:t>");
    assert_eq!(joined, self::document(BODY), "only markers and splits were added");
}

#[test]
fn every_other_entry_is_copied_byte_for_byte() {
    let (_dir, input, output, _) = annotated();
    let before = entries(&std::fs::read(&input).expect("read"));
    let after = entries(&std::fs::read(&output).expect("read"));
    let rewritten = ["word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"];
    for (name, entry) in &before {
        if !rewritten.contains(&name.as_str()) {
            assert_eq!(after.get(name), Some(entry), "{name} copied raw");
        }
    }
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(added, ["word/comments.xml"]);
    // Word's order kept: [Content_Types].xml first, the new part last.
    let names: Vec<String> = {
        let archive = ZipArchive::new(Cursor::new(std::fs::read(&output).expect("read"))).expect("zip");
        archive.file_names().map(str::to_string).collect()
    };
    assert_eq!(names.first().map(String::as_str), Some("[Content_Types].xml"));
    assert_eq!(names.last().map(String::as_str), Some("word/comments.xml"));
    let types = part(&std::fs::read(&output).expect("read"), "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#), "{types}");
    assert!(types.starts_with(&CONTENT_TYPES[..CONTENT_TYPES.len() - "</Types>".len()]), "{types}");
    let rels = part(&std::fs::read(&output).expect("read"), "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#), "{rels}");
}

/// Annotating the annotated copy keeps the first comments and gives the new ones unused ids.
#[test]
fn existing_comments_are_kept_and_their_ids_not_reused() {
    let (dir, _, first, _) = annotated();
    let second = dir.path().join("二次批注.docx");
    let (code, stdout, stderr) = run(&["--annotate".as_ref(), second.as_os_str(), first.as_os_str()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let bytes = std::fs::read(&second).expect("read");
    let comments = comments(&part(&bytes, "word/comments.xml"));
    assert_eq!(comments.keys().collect::<Vec<_>>(), ["0", "1", "2", "3", "4", "5"]);
    assert_eq!(comments["0"], comments["3"], "the same finding twice, the first kept");
    let covered = covered(&part(&bytes, "word/document.xml"));
    assert_eq!(covered["3"].text, ",");
    assert_eq!(covered["4"].text, "四、");
    // The relationship and the content type were there already: the parts are as they were.
    let first = std::fs::read(&first).expect("read");
    for name in ["word/_rels/document.xml.rels", "[Content_Types].xml"] {
        assert_eq!(part(&bytes, name), part(&first, name), "{name}");
    }
    assert_eq!(read_paragraphs(&bytes).expect("valid").text, LINES.join("\n"));
}

/// `--select` and `--ignore` choose the findings, so they choose the comments too.
#[test]
fn the_rule_selection_chooses_the_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("a.docx");
    let output = dir.path().join("b.docx");
    std::fs::write(&input, fixture()).expect("write");
    let (code, stdout, stderr) =
        run(&["--select".as_ref(), "numbering".as_ref(), "--annotate".as_ref(), output.as_os_str(), input.as_os_str()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let bytes = std::fs::read(&output).expect("read");
    let comments = comments(&part(&bytes, "word/comments.xml"));
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert!(comments["0"].2.starts_with("[numbering.gap] 序号跳号"), "{comments:?}");
}

/// Without findings the copy is the original's entries, every one raw, and `check` says so.
#[test]
fn a_clean_draft_is_still_copied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("a.docx");
    let output = dir.path().join("b.docx");
    std::fs::write(&input, package(&document(r#"<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"#), &[])).expect("write");
    let (code, stdout, stderr) = run(&["--annotate".as_ref(), output.as_os_str(), input.as_os_str()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("没有发现问题，已写出未加批注的副本"), "{stdout}");
    assert_eq!(entries(&std::fs::read(&input).expect("read")), entries(&std::fs::read(&output).expect("read")));
}

/// Errors: a clear Chinese reason on stderr, exit 2, and no file written.
#[test]
fn errors_are_said_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("要点.docx");
    std::fs::write(&good, fixture()).expect("write");
    let bad = dir.path().join("坏.docx");
    std::fs::write(&bad, "一、这不是 Word 文件\n").expect("write");
    let txt = dir.path().join("要点.txt");
    std::fs::write(&txt, "一、甲\n").expect("write");
    let out = dir.path().join("输出.docx");
    let linked = dir.path().join("链接.docx");
    std::fs::hard_link(&good, &linked).expect("hard link");
    let os = |p: &Path| p.as_os_str().to_owned();
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec!["--annotate".into(), os(&out), os(&bad)], "不是有效的 .docx 文件"),
        (vec!["--annotate".into(), os(&good), os(&good)], "同一个文件"),
        (vec!["--annotate".into(), dir.path().join(".").join("要点.docx").into(), os(&good)], "同一个文件"),
        (vec!["--annotate".into(), os(&linked), os(&good)], "同一个文件"),
        (vec!["--annotate".into(), os(&dir.path().join("没有这个文件夹").join("输出.docx")), os(&good)], "无法写出"),
        (vec!["--annotate".into(), os(&out), os(&txt)], "必须是 .docx 文件"),
        (vec!["--annotate".into(), os(&dir.path().join("输出.txt")), os(&good)], "应以 .docx 结尾"),
        (vec!["--annotate".into(), os(&out), os(&good), os(&good)], "只能用于一个 .docx 文件"),
        (vec!["--annotate".into(), os(&out), os(dir.path())], "只能用于一个 .docx 文件"),
        (vec!["--annotate".into(), os(&out), "--fix".into(), os(&good)], "不能与 --fix 同用"),
        (vec!["--annotate".into(), os(&out), os(&dir.path().join("没有.docx"))], "无法读取"),
    ];
    for (args, said) in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
    assert_eq!(std::fs::read(&good).expect("read"), fixture(), "the input is never written");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 4, "no temporary file left: {left:?}");
}

// --- LibreOffice --------------------------------------------------------------------------

/// LibreOffice's `soffice`: `$WORKPLAN_SOFFICE`, or on PATH.
fn soffice() -> Result<PathBuf, String> {
    if let Some(path) = editor_support::explicit_tool("WORKPLAN_SOFFICE") {
        return Ok(path);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("soffice"))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            "soffice not found on PATH (scripts/install-test-tools installs libreoffice-writer-nogui with apt)".into()
        })
}

/// An annotation as LibreOffice shows it in ODF: the paragraph it sits in, the text its
/// range covers, its author and its text.
#[derive(Debug, Clone, Default)]
struct OdfComment {
    paragraph: String,
    covered: String,
    author: String,
    text: String,
}

/// The annotations of an ODF `content.xml`, in order. Each `text:p` of the body is one
/// paragraph (its text without the annotations' own); an annotation's range runs from
/// `office:annotation` to the `office:annotation-end` of the same name (or is the point).
fn odf_comments(xml: &str) -> Vec<OdfComment> {
    let mut reader = Reader::from_str(xml);
    let mut found: Vec<OdfComment> = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut open_ranges: Vec<usize> = Vec::new();
    let mut in_paragraph: Vec<usize> = Vec::new();
    let (mut paragraph, mut in_annotation) = (String::new(), None::<usize>);
    // Inside an annotation: in its author (dc:creator) or in its text (text:p); not in its
    // date or initials.
    let (mut in_creator, mut in_text) = (false, 0usize);
    let name_of = |e: &quick_xml::events::BytesStart<'_>| {
        e.try_get_attribute("office:name").ok().flatten().map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    loop {
        match reader.read_event().expect("content.xml") {
            Event::Start(e) if e.name().as_ref() == b"office:annotation" => {
                found.push(OdfComment::default());
                let k = found.len() - 1;
                in_annotation = Some(k);
                in_paragraph.push(k);
                if let Some(name) = name_of(&e) {
                    names.push((name, k));
                    open_ranges.push(k);
                }
            }
            Event::End(e) if e.name().as_ref() == b"office:annotation" => in_annotation = None,
            Event::Empty(e) if e.name().as_ref() == b"office:annotation-end" => {
                if let Some(name) = name_of(&e) {
                    if let Some((_, k)) = names.iter().find(|(n, _)| *n == name) {
                        open_ranges.retain(|o| o != k);
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == b"dc:creator" => in_creator = true,
            Event::End(e) if e.name().as_ref() == b"dc:creator" => in_creator = false,
            Event::Start(e) if e.name().as_ref() == b"text:p" && in_annotation.is_some() => in_text += 1,
            Event::End(e) if e.name().as_ref() == b"text:p" && in_annotation.is_some() => in_text -= 1,
            Event::End(e) if e.name().as_ref() == b"text:p" => {
                for k in in_paragraph.drain(..) {
                    found[k].paragraph = paragraph.clone();
                }
                paragraph.clear();
            }
            Event::Text(t) => {
                let text = t.xml10_content().expect("text").into_owned();
                match in_annotation {
                    Some(k) if in_creator => found[k].author.push_str(&text),
                    Some(k) if in_text > 0 => found[k].text.push_str(&text),
                    Some(_) => {}
                    None => {
                        paragraph.push_str(&text);
                        for &k in &open_ranges {
                            found[k].covered.push_str(&text);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

/// `soffice --headless ARGS… INPUT` into a folder of its own, with a profile in `dir`; the
/// file it wrote (INPUT's name with extension `ext`).
fn convert(soffice: &Path, dir: &Path, input: &Path, args: &[&str], ext: &str) -> Vec<u8> {
    let converted = dir.join(format!("converted-{ext}"));
    let mut cmd = Command::new(soffice);
    cmd.arg(format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display()))
        .args(["--headless", "--norestore"])
        .args(args)
        .arg("--outdir")
        .arg(&converted)
        .arg(input);
    let log = dir.join(format!("soffice-{ext}.log"));
    editor_support::log_to(&mut cmd, &log);
    let what = format!("soffice {}", args.join(" "));
    let (status, took) =
        editor_support::run_bounded(&mut cmd, Duration::from_secs(180), &what, Duration::from_millis(200))
            .expect("soffice starts");
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.is_some_and(|s| s.success()), "{what} failed after {took:?}: {said}");
    let out = converted.join(input.with_extension(ext).file_name().expect("name"));
    std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}; {what} said: {said}", out.display()))
}

/// LibreOffice opens the annotated copy and shows each comment at its paragraph, over its
/// span, with its author and text (converted headless to ODF and read back).
#[test]
fn libreoffice_shows_the_comments_at_their_places() {
    let Some(soffice) = editor_support::require(soffice(), "libreoffice_shows_the_comments_at_their_places", |why| {
        format!("LibreOffice is needed to check the annotated copy: {why}")
    }) else {
        return;
    };
    let (dir, _, output, findings) = annotated();
    let odt = convert(&soffice, dir.path(), &output, &["--convert-to", "odt"], "odt");
    let found = odf_comments(&part(&odt, "content.xml"));
    assert_eq!(found.len(), findings.len(), "{found:?}");
    for (f, c) in findings.iter().zip(&found) {
        let line = f["line"].as_u64().expect("line") as usize - 1;
        assert_eq!(c.paragraph, LINES[line], "{c:?} for {f}");
        let span = columns(LINES[line], f["column"].as_u64().expect("col"), f["end_column"].as_u64().expect("col"));
        let expected = if line == 6 { LINES[line].to_string() } else { span };
        assert_eq!(c.covered, expected, "{c:?} for {f}");
        assert_eq!(c.author, "workplan", "{c:?}");
        assert_eq!(c.text, format!("[{}] {}", f["code"].as_str().expect("code"), f["message"].as_str().expect("msg")));
    }
}

/// A document written by another library (docx-rs, which leaves an empty comments part):
/// a finding on a label Word numbers by itself has no characters in the XML, so its comment
/// covers the paragraph and says the label is automatic; the other goes on its span.
#[test]
fn a_finding_on_an_automatic_label_covers_its_paragraph() {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Start,
    };
    let level =
        Level::new(0, Start::new(1), NumberFormat::new("chineseCounting"), LevelText::new("%1."), LevelJc::new("left"));
    let text = |t: &str| docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(t));
    let mut bytes = Cursor::new(Vec::new());
    Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(1).add_level(level))
        .add_numbering(Numbering::new(1, 1))
        .add_paragraph(text("总体要求").numbering(NumberingId::new(1), IndentLevel::new(0)))
        .add_paragraph(text("全年新增企业50家,研发投入增长10%。"))
        .build()
        .pack(&mut bytes)
        .expect("docx-rs writes the document");
    let dir = tempfile::tempdir().expect("tempdir");
    let (input, output) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
    std::fs::write(&input, bytes.into_inner()).expect("write");
    let findings = check_json(&input);
    let (code, stdout, stderr) = run(&["--annotate".as_ref(), output.as_os_str(), input.as_os_str()]);
    assert!(code == 1 || code == 0, "{stdout}{stderr}");
    let annotated = std::fs::read(&output).expect("read");
    let covered = covered(&part(&annotated, "word/document.xml"));
    // docx-rs writes a word/comments.xml that no relationship names: not the document's
    // comments, so it stays as it was and the comments go into a part of their own.
    let rels = part(&annotated, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"relationships/comments" Target="comments2.xml"/>"#), "{rels}");
    assert_eq!(part(&annotated, "word/comments.xml"), part(&std::fs::read(&input).expect("read"), "word/comments.xml"));
    let comments = comments(&part(&annotated, "word/comments2.xml"));
    let label = findings.iter().position(|f| f["code"] == "numbering.marker-style").expect("一. is flagged");
    let comma = findings.iter().position(|f| f["code"] == "punct.halfwidth").expect("the comma is flagged");
    let ids: Vec<&String> = covered.keys().collect();
    assert_eq!(covered[ids[label]].text, "总体要求", "the label is not in the XML: the paragraph is covered");
    assert!(comments[ids[label]].2.contains("Word 自动编号"), "{comments:?}");
    assert_eq!(covered[ids[comma]].text, ",");
    assert!(stdout.contains("其中 1 条所在文字无法精确定位"), "{stdout}");
    assert_eq!(read_paragraphs(&annotated).expect("valid").text, "一.总体要求\n全年新增企业50家,研发投入增长10%。");
}

/// A draft as another program writes it: LibreOffice saves the example plan as .docx (with
/// its own styles, empty runs and spacing), `--annotate` comments it, and LibreOffice reads
/// every comment back on the paragraph of its finding, over the finding's characters.
#[test]
fn a_draft_libreoffice_wrote_is_annotated_where_libreoffice_reads_it() {
    let Some(soffice) = editor_support::require(
        soffice(),
        "a_draft_libreoffice_wrote_is_annotated_where_libreoffice_reads_it",
        |why| format!("LibreOffice is needed to write and read the draft: {why}"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2026-gaoxin-plan.txt"))
        .expect("the example");
    let txt = dir.path().join("plan.txt");
    std::fs::write(&txt, &text).expect("write");
    let docx = convert(
        &soffice,
        dir.path(),
        &txt,
        &["--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "docx:MS Word 2007 XML"],
        "docx",
    );
    let input = dir.path().join("plan.docx");
    std::fs::write(&input, &docx).expect("write");
    let lines: Vec<String> =
        read_paragraphs(&docx).expect("LibreOffice's .docx reads").text.split('\n').map(str::to_string).collect();
    let findings = check_json(&input);
    assert!(findings.len() >= 5, "the example's findings: {findings:?}");
    let output = dir.path().join("plan-annotated.docx");
    let (_, stdout, stderr) = run(&["--annotate".as_ref(), output.as_os_str(), input.as_os_str()]);
    assert!(stdout.contains(&format!("{} 条批注。", findings.len())), "all on their spans: {stdout}{stderr}");
    let odt = convert(&soffice, dir.path(), &output, &["--convert-to", "odt"], "odt");
    let found = odf_comments(&part(&odt, "content.xml"));
    assert_eq!(found.len(), findings.len(), "{found:?}");
    for (f, c) in findings.iter().zip(&found) {
        let line = &lines[f["line"].as_u64().expect("line") as usize - 1];
        assert_eq!(&c.paragraph, line, "{c:?} for {f}");
        let span = columns(line, f["column"].as_u64().expect("col"), f["end_column"].as_u64().expect("col"));
        assert_eq!(c.covered, span, "{c:?} for {f}");
    }
}
