//! Writing a command's output to stdout, buffered. A reader that goes away before the end
//! (`workplan rules | head -1`) ends the output quietly: that is how pipes are used, not an
//! error of the command, and `print!` would panic on it.

use std::io::{self, BufWriter, Write};

/// Runs `write` on buffered stdout; a closed pipe counts as success.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// How a command that lists rows (`targets`, `tasks`, `diff`) prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// 按显示宽度对齐的表格
    Table,
    /// Markdown 表格
    Markdown,
    /// CSV（UTF-8，带 BOM，Excel 与 WPS 可直接打开）
    Csv,
    /// Excel 工作簿（.xlsx，写到标准输出，请重定向到文件）
    Xlsx,
    /// JSON（diff 为一个对象，其余为数组）
    Json,
}

/// Prints `rows` under `header` as a table for people, Markdown or CSV (for `Json`, which
/// has a shape of its own per command, the caller serialises its rows instead).
pub fn write_rows<const N: usize>(
    out: &mut dyn Write,
    format: ListFormat,
    header: [&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    match format {
        ListFormat::Csv => write_csv(out, header, rows),
        ListFormat::Xlsx => out.write_all(&xlsx(header, rows).map_err(io::Error::other)?),
        ListFormat::Markdown => {
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(N))?;
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            Ok(())
        }
        ListFormat::Table | ListFormat::Json => out.write_all(table(header, rows).as_bytes()),
    }
}

/// The byte order mark that tells Excel and WPS a CSV file is UTF-8: without it they read
/// the Chinese as the system's ANSI code page and show mojibake.
const UTF8_BOM: &str = "\u{feff}";

fn write_csv<const N: usize>(out: &mut dyn Write, header: [&str; N], rows: &[[String; N]]) -> io::Result<()> {
    out.write_all(UTF8_BOM.as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()
}

/// A workbook of one sheet: the header in bold and frozen, whole numbers (line numbers,
/// years) as numbers so that a spreadsheet sorts and sums them, the rest as text.
fn xlsx<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column(c), *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            match whole_number(value) {
                Some(n) => sheet.write_number(r, column(c), n)?,
                None => sheet.write_string(r, column(c), value)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    book.save_to_buffer()
}

fn column(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// `12`, `2026`; not `007` (an identifier), not `7.5%`.
fn whole_number(text: &str) -> Option<f64> {
    let plain = !text.is_empty() && text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit());
    (plain && (text == "0" || !text.starts_with('0'))).then(|| text.parse().ok()).flatten()
}

/// Columns padded by display width (a Chinese character takes two columns).
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    let header = header.map(String::from);
    let all: Vec<&[String; N]> = std::iter::once(&header).chain(rows).collect();
    let widths: Vec<usize> = (0..N).map(|i| all.iter().map(|r| width(&r[i])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in &all {
        let line: Vec<String> =
            r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c)))).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}
