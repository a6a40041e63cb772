//! `workplan check --annotate OUT.docx IN.docx`: the findings `check` reports, written as Word
//! comments (批注) into a copy of the Word file, for drafters who review in Word or WPS.
//!
//! The input is never written: the copy goes to another name, atomically (a sibling
//! temporary file renamed into place), so a failure leaves no half-written file.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::docx::annotate::{annotate, Note};
use crate::analysis::Diagnostic;
use crate::files::has_extension;

/// Whether `--annotate OUT` can be done with these arguments; the reason in Chinese if not.
pub fn validate(out: &Path, paths: &[PathBuf], fix: bool) -> Result<(), String> {
    if fix {
        return Err("--annotate 不能与 --fix 同用：Word 文件只检查、不修正，批注写在副本中".into());
    }
    let input = match paths {
        [one] if one.as_os_str() != "-" && !one.is_dir() => one,
        _ => {
            return Err(
                "--annotate 只能用于一个 .docx 文件，例如 workplan check --annotate 批注稿.docx 原稿.docx".into()
            )
        }
    };
    if !has_extension(input, &["docx"]) {
        return Err(format!("--annotate 的输入必须是 .docx 文件：{}", input.display()));
    }
    if !has_extension(out, &["docx"]) {
        return Err(format!("--annotate 的输出文件名应以 .docx 结尾：{}", out.display()));
    }
    if out.is_dir() {
        return Err(format!("--annotate 的输出 {} 是一个文件夹，请给出文件名", out.display()));
    }
    if same_file(input, out) {
        return Err(format!(
            "--annotate 的输出与输入是同一个文件（{}）：批注写在副本中，请另给一个文件名，例如 原稿-批注.docx",
            out.display()
        ));
    }
    Ok(())
}

/// Whether `out` names the file `input` is (the same path, a link to it, another spelling).
fn same_file(input: &Path, out: &Path) -> bool {
    #[cfg(unix)]
    {
        // A hard link is the same file under another name.
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(input), std::fs::metadata(out)) {
            if (a.dev(), a.ino()) == (b.dev(), b.ino()) {
                return true;
            }
        }
    }
    let Ok(input) = input.canonicalize() else { return false };
    if let Ok(out) = out.canonicalize() {
        return out == input;
    }
    // Not there yet: its folder and name.
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (folder.canonicalize(), out.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name) == input,
        _ => false,
    }
}

/// Writes the copy of `input` with `findings` (on the text `checked` that was checked) as
/// comments to `out`; says what it wrote, or why it could not.
pub fn write(out: &Path, input: &Path, checked: &str, findings: &[Diagnostic]) -> Result<String, String> {
    let bytes = std::fs::read(input).map_err(|e| format!("{}: 无法读取：{e}", input.display()))?;
    let notes: Vec<Note> = findings
        .iter()
        .map(|d| Note { line: d.range.line, span: d.range.span.range(), text: format!("[{}] {}", d.code, d.message) })
        .collect();
    let annotated = annotate(&bytes, &notes).map_err(|e| format!("{}: {e}", input.display()))?;
    if annotated.text.text != checked {
        return Err(format!("{}: 文件在检查期间被改动，未写出批注副本，请重新运行", input.display()));
    }
    write_new(out, &annotated.bytes).map_err(|e| format!("无法写出 {}：{e}", out.display()))?;
    let out = out.display();
    Ok(if findings.is_empty() {
        format!("没有发现问题，已写出未加批注的副本 {out}。")
    } else if annotated.on_paragraph == 0 {
        format!("已写出带批注的副本 {out}：{} 条批注。", findings.len())
    } else {
        format!(
            "已写出带批注的副本 {out}：{} 条批注，其中 {} 条所在文字无法精确定位（域、超链接、修订、文本框或自动编号中），批注在整段上。",
            findings.len(),
            annotated.on_paragraph
        )
    })
}

/// Writes a sibling temporary file and renames it to `path`.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.workplan-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
