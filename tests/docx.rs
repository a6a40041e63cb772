//! Reading `.docx` drafts: a document written by another library (`docx-rs`) reads back as one
//! line per paragraph and is checked like a text draft; bad input of every kind is an error
//! with a reason, never a panic.

use std::io::{Cursor, Write};

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId,
    Paragraph, Run, Start, Table, TableCell, TableRow,
};
use proptest::prelude::*;
use workplan::cli::docx::{read_paragraphs, DocxError, WordText};
use workplan::{Document, DocumentKind};

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(paragraph(text))
}

fn pack(docx: Docx) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("docx-rs writes the document");
    out.into_inner()
}

/// The outline of `tests/fixtures/e2e/draft.txt` in miniature: a gap (四 after 二) and a
/// wrong marker (（二）、), then a table, a run with a tab and a line break, an empty
/// paragraph and text with XML special characters.
fn draft() -> Vec<u8> {
    pack(
        Docx::new()
            .add_paragraph(paragraph("一、甲"))
            .add_paragraph(paragraph("二、乙"))
            .add_paragraph(paragraph("四、丙"))
            .add_paragraph(paragraph("（二）、建设"))
            .add_table(Table::new(vec![TableRow::new(vec![cell("指标"), cell("增长10%")])]))
            .add_paragraph(Paragraph::new().add_run(
                Run::new().add_text("甲").add_tab().add_text("乙").add_break(BreakType::TextWrapping).add_text("丙"),
            ))
            .add_paragraph(Paragraph::new())
            .add_paragraph(paragraph("A & B <C>")),
    )
}

#[test]
fn paragraphs_and_table_cells_in_order() {
    let text = read_paragraphs(&draft()).expect("a valid .docx").text;
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        lines,
        ["一、甲", "二、乙", "四、丙", "（二）、建设", "指标", "增长10%", "甲\t乙 丙", "", "A & B <C>"],
        "{text:?}"
    );
}

#[test]
fn a_docx_draft_is_checked_like_a_text_draft() {
    let text = read_paragraphs(&draft()).expect("a valid .docx").text;
    let doc = Document::new(&text, DocumentKind::PlainText);
    let found: Vec<(usize, &str)> = doc.findings().iter().map(|d| (d.range.line, d.code.as_str())).collect();
    assert!(found.contains(&(2, "numbering.gap")), "{found:?}");
    assert!(found.contains(&(3, "numbering.marker-style")), "{found:?}");
}

/// A ZIP archive holding `files` (name, content), stored without compression.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        zip.start_file(*name, options).expect("start a zip entry");
        zip.write_all(content).expect("write a zip entry");
    }
    zip.finish().expect("finish the zip").into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

fn assert_not_docx(result: Result<WordText, DocxError>) {
    let err = result.expect_err("not a valid .docx");
    assert!(err.to_string().contains("不是有效的 .docx 文件"), "{err}");
}

#[test]
fn garbage_is_an_error() {
    assert!(matches!(read_paragraphs(b""), Err(DocxError::NotZip(_))));
    assert!(matches!(read_paragraphs(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Err(DocxError::NotZip(_))));
    // An old binary .doc (or an encrypted .docx) is an OLE compound file.
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    assert!(matches!(read_paragraphs(&ole), Err(DocxError::NotZip(_))));
    assert_not_docx(read_paragraphs("一、甲\n二、乙\n".as_bytes()));
}

#[test]
fn a_zip_without_the_document_part_is_an_error() {
    let zip = zip_of(&[("word/styles.xml", b"<w:styles/>")]);
    assert!(matches!(read_paragraphs(&zip), Err(DocxError::MissingDocument)));
    assert_not_docx(read_paragraphs(&zip));
}

#[test]
fn malformed_or_foreign_xml_is_an_error() {
    let cases: [&[u8]; 5] = [
        b"<w:document",
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>",
        b"<a><b></a></b>",
        b"\xff\xfe<\x00a\x00",
        b"<html><body><p>not word</p></body></html>",
    ];
    for xml in cases {
        let zip = zip_of(&[("word/document.xml", xml)]);
        assert_not_docx(read_paragraphs(&zip));
    }
}

#[test]
fn a_hand_made_document_part_reads() {
    let xml = document_xml(r#"<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>甲</w:t></w:r></w:p><w:p/>"#);
    let zip = zip_of(&[("word/document.xml", xml.as_bytes())]);
    assert_eq!(read_paragraphs(&zip).expect("valid").text, "一、甲\n");
}

#[test]
fn every_truncation_of_a_real_docx_is_an_error_not_a_panic() {
    let bytes = draft();
    for len in (0..bytes.len()).step_by(97) {
        assert!(read_paragraphs(&bytes[..len]).is_err(), "truncated at {len} of {}", bytes.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Corrupted archives (damaged headers, compressed data, CRCs) never panic.
    #[test]
    fn corrupted_docx_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = draft();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = read_paragraphs(&bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(read_paragraphs(&bytes).is_err());
    }
}

/// A ZIP bomb: a small archive whose body inflates to 40 MB is refused before it is read
/// whole, with the limit in the message.
#[test]
fn a_docx_bomb_is_refused_with_the_limit_named() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("start a zip entry");
    zip.write_all(document_xml("").split("</w:body>").next().unwrap_or_default().as_bytes()).expect("write");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..40 {
        zip.write_all(&spaces).expect("write");
    }
    zip.write_all(b"</w:body></w:document>").expect("write");
    let bomb = zip.finish().expect("finish the zip").into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let err = read_paragraphs(&bomb).expect_err("refused");
    assert!(matches!(err, DocxError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("32 MB"), "{err}");
}

/// A draft whose headings use Word's automatic numbering (一、 and （一）, chineseCounting), with
/// a heading numbered by hand (`四、`) after the automatic `一、二、`.
fn numbered_draft() -> Vec<u8> {
    let level = |ilvl, format: &str, text: &str| {
        Level::new(ilvl, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left"))
    };
    let heading = |text: &str, ilvl| paragraph(text).numbering(NumberingId::new(1), IndentLevel::new(ilvl));
    pack(
        Docx::new()
            .add_abstract_numbering(
                AbstractNumbering::new(1)
                    .add_level(level(0, "chineseCounting", "%1、"))
                    .add_level(level(1, "chineseCounting", "（%2）"))
                    .add_level(level(2, "decimal", "%3.")),
            )
            .add_numbering(Numbering::new(1, 1))
            .add_paragraph(paragraph("2026年工作要点"))
            .add_paragraph(heading("总体要求", 0))
            .add_paragraph(heading("指导思想", 1))
            .add_paragraph(heading("主要目标", 1))
            .add_paragraph(heading("重点任务", 0))
            .add_paragraph(paragraph("四、保障措施")),
    )
}

#[test]
fn automatic_numbering_is_read_as_word_shows_it() {
    let word = read_paragraphs(&numbered_draft()).expect("a valid .docx");
    assert_eq!(
        word.text.split('\n').collect::<Vec<_>>(),
        ["2026年工作要点", "一、总体要求", "（一）指导思想", "（二）主要目标", "二、重点任务", "四、保障措施"]
    );
    assert_eq!(word.automatic, [(1, "一、".len()), (2, "（一）".len()), (3, "（二）".len()), (4, "二、".len())]);
    let doc = Document::new(&word.text, DocumentKind::PlainText);
    let gaps: Vec<usize> = doc.findings().iter().filter(|d| d.code == "numbering.gap").map(|d| d.range.line).collect();
    assert_eq!(gaps, [5], "the hand-typed 四、 after the automatic 二、");
}

/// `workplan check --format json PATH`.
fn check_json(path: &std::path::Path) -> Vec<serde_json::Value> {
    let out = assert_cmd::Command::cargo_bin("workplan")
        .expect("binary")
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).expect("json")
}

/// On the command line: `check` reports the typed gap at its paragraph and says which labels
/// are Word's; `outline` shows the headings with their labels.
#[test]
fn check_and_outline_read_automatic_numbering() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("要点.docx");
    std::fs::write(&path, numbered_draft()).expect("write");
    let findings = check_json(&path);
    let gaps: Vec<u64> =
        findings.iter().filter(|f| f["code"] == "numbering.gap").filter_map(|f| f["line"].as_u64()).collect();
    assert_eq!(gaps, [6], "{findings:?}");
    let out = assert_cmd::Command::cargo_bin("workplan")
        .expect("binary")
        .args(["outline"])
        .arg(&path)
        .output()
        .expect("runs");
    let outline = String::from_utf8(out.stdout).expect("utf-8");
    for heading in ["一、总体要求", "（一）指导思想", "（二）主要目标", "二、重点任务", "四、保障措施"]
    {
        assert!(outline.contains(heading), "{heading} missing from {outline}");
    }
}

/// A wrong style in an automatic label cannot be fixed in the text: the finding says where
/// to change it, and offers no fix.
#[test]
fn a_finding_on_an_automatic_label_says_it_is_automatic() {
    let level =
        Level::new(0, Start::new(1), NumberFormat::new("chineseCounting"), LevelText::new("%1."), LevelJc::new("left"));
    let docx = pack(
        Docx::new()
            .add_abstract_numbering(AbstractNumbering::new(1).add_level(level))
            .add_numbering(Numbering::new(1, 1))
            .add_paragraph(paragraph("总体要求").numbering(NumberingId::new(1), IndentLevel::new(0))),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.docx");
    std::fs::write(&path, docx).expect("write");
    let findings = check_json(&path);
    let style = findings.iter().find(|f| f["code"] == "numbering.marker-style").expect("一. is flagged");
    assert!(style["message"].as_str().unwrap_or_default().contains("Word 自动编号"), "{style}");
    assert!(style["fix"].is_null());
}
