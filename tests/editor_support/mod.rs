//! Shared harness of the real-editor end-to-end tests (`editor_neovim`, `editor_emacs`,
//! `editor_vscode`, `editor_conformance`): finding a tool (skipped locally, failed under CI
//! when it is missing), running it in a process group of its own with a time bound, reading
//! the OUT_JSON a check script writes, and the findings / outline / hover checks that the
//! Neovim and Emacs tests share.

#![allow(dead_code)] // Each test binary uses its own subset of the helpers.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
pub const SERVER_BIN: &str = env!("CARGO_BIN_EXE_workplan");

/// The fixtures' planted findings and the indicator hovered over.
pub const GAP_MARKER: &str = "四、";
pub const BAD_MARKER: &str = "（二）、";
pub const HOVER_WORD: &str = "高新技术企业";

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(MANIFEST_DIR)
}

/// The tool named by the environment variable `var`, when it is set and not empty.  A tool
/// asked for explicitly must work: callers panic rather than skip when it does not.
pub fn explicit_tool(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).filter(|p| !p.is_empty()).map(PathBuf::from)
}

/// The tool, or, when it was not found (`Err(why)`), None after skipping the test with
/// `message(why)` — or a panic under CI (`$CI` set), where a missing tool is a failure.
pub fn require<T>(found: Result<T, String>, test: &str, message: impl FnOnce(&str) -> String) -> Option<T> {
    match found {
        Ok(tool) => Some(tool),
        Err(why) => {
            let msg = message(&why);
            if std::env::var_os("CI").is_some() {
                panic!("{msg} — CI is set, so this is a failure, not a skip");
            }
            eprintln!("SKIPPED {test}: {msg}");
            None
        }
    }
}

/// Sends the command's stdout and stderr to the one file `log`.
pub fn log_to(cmd: &mut Command, log: &Path) {
    cmd.stdout(fs::File::create(log).unwrap()).stderr(Stdio::from(fs::File::options().append(true).open(log).unwrap()));
}

/// Sends the command's stdout and stderr to two files.
pub fn output_to(cmd: &mut Command, stdout: &Path, stderr: &Path) {
    cmd.stdout(fs::File::create(stdout).unwrap()).stderr(fs::File::create(stderr).unwrap());
}

/// Starts `cmd` in a process group of its own and waits for it with [`wait_bounded`]; returns
/// its status (None on timeout) and how long it ran.
pub fn run_bounded(
    cmd: &mut Command,
    timeout: Duration,
    what: &str,
    poll: Duration,
) -> std::io::Result<(Option<ExitStatus>, Duration)> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    let status = wait_bounded(&mut child, timeout, what, poll);
    Ok((status, started.elapsed()))
}

/// Waits for the child at most `timeout`, looking every `poll`; kills it (and its process
/// group: the server it started) when the time is up.  Returns None on timeout.
pub fn wait_bounded(child: &mut Child, timeout: Duration, what: &str, poll: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(e) => panic!("waiting for {what}: {e}"),
        }
        if start.elapsed() >= timeout {
            #[cfg(unix)]
            {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{}", child.id())])
                    .stderr(Stdio::null())
                    .status();
            }
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(poll);
    }
}

/// The status of a run, or a panic saying that `what` was killed at the timeout.
pub fn finished(status: Option<ExitStatus>, what: &str, timeout: Duration, context: impl Fn() -> String) -> ExitStatus {
    let Some(status) = status else {
        panic!("{what} did not finish within {} s and was killed{}", timeout.as_secs(), context());
    };
    status
}

/// The OUT_JSON that `script`, run by `what`, wrote to `out_json`, after checking that `what`
/// finished in time, that the file is JSON and that the script reported no errors.
pub fn read_out_json(
    status: Option<ExitStatus>,
    timeout: Duration,
    what: &str,
    script: &str,
    out_json: &Path,
    context: impl Fn() -> String,
) -> Value {
    let status = finished(status, what, timeout, &context);
    let raw = fs::read_to_string(out_json)
        .unwrap_or_else(|e| panic!("{what} exited with {status} and wrote no OUT_JSON ({e}){}", context()));
    let out: Value =
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("OUT_JSON is not JSON ({e}): {raw}{}", context()));

    let errors = out["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.is_empty() && status.success(),
        "{script} reported errors ({what} exit: {status}):\n  {}\nOUT_JSON: {raw}{}",
        errors.iter().map(|e| e.as_str().unwrap_or("?")).collect::<Vec<_>>().join("\n  "),
        context()
    );
    out
}

/// The last `max_bytes` of a file, for failure messages.
pub fn tail(path: &Path, max_bytes: usize) -> String {
    match fs::read(path) {
        Ok(bytes) => {
            let start = bytes.len().saturating_sub(max_bytes);
            String::from_utf8_lossy(&bytes[start..]).into_owned()
        }
        Err(e) => format!("<cannot read {}: {e}>", path.display()),
    }
}

/// (line, col, end_col, code) of every diagnostic in one of the script's lists.
pub fn findings(out: &Value, key: &str) -> Vec<(u64, u64, u64, String)> {
    out[key]
        .as_array()
        .unwrap_or_else(|| panic!("OUT_JSON has no array `{key}`"))
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(u64::MAX),
                d["col"].as_u64().unwrap_or(u64::MAX),
                d["end_col"].as_u64().unwrap_or(u64::MAX),
                d["code"].as_str().unwrap_or("<no code>").to_string(),
            )
        })
        .collect()
}

/// (line, code) of findings, sorted.
pub fn line_codes(findings: &[(u64, u64, u64, String)]) -> Vec<(u64, String)> {
    let mut codes: Vec<(u64, String)> = findings.iter().map(|(l, _, _, c)| (*l, c.clone())).collect();
    codes.sort();
    codes
}

/// Expected (line, code) pairs, sorted.
pub fn want_codes(pairs: &[(u64, &str)]) -> Vec<(u64, String)> {
    let mut want: Vec<(u64, String)> = pairs.iter().map(|(l, c)| (*l, c.to_string())).collect();
    want.sort();
    want
}

/// What the finding `code` must cover in its line of the targets fixture.
pub fn expected_cover(code: &str) -> &'static str {
    match code {
        "numbering.marker-style" => BAD_MARKER,
        "numbering.gap" => GAP_MARKER,
        _ => "180",
    }
}

/// The diagnostics of one of the script's lists, one `line(d)` each, for failure messages.
pub fn show_each(out: &Value, key: &str, line: impl Fn(&Value) -> String) -> String {
    let mut s = String::new();
    for d in out[key].as_array().into_iter().flatten() {
        s.push_str(&line(d));
    }
    if s.is_empty() {
        s.push_str("  (none)\n");
    }
    s
}

pub fn name(sym: &Value) -> &str {
    sym["name"].as_str().unwrap_or("")
}

pub fn children(sym: &Value) -> Vec<&Value> {
    // Neovim re-encodes an empty `children: []` as `{}`; absent means no children.
    sym["children"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

/// Whether the outline's top-level titles are 一、…, 二、…, 四、….
pub fn tops_as_planted(tops: &[&str]) -> bool {
    tops.len() == 3 && tops[0].starts_with("一、") && tops[1].starts_with("二、") && tops[2].starts_with("四、")
}

/// Whether the items under （一） are 一是…, 二是…, 三是….
pub fn items_as_planted(items: &[&str]) -> bool {
    items.len() == 3 && items[0].starts_with("一是") && items[1].starts_with("二是") && items[2].starts_with("三是")
}

/// Checks the hover over [`HOVER_WORD`] (Markdown, listing both of its targets) unless the
/// script skipped it, which is logged as `{label}: hover not checked: …`.  `who` prefixes the
/// failure messages.  Returns whether the hover was checked.
pub fn check_hover(hover: &Value, label: &str, who: &str) -> bool {
    if let Some(why) = hover["skipped"].as_str() {
        eprintln!("{label}: hover not checked: {why}");
        return false;
    }
    let text = hover["text"].as_str().unwrap_or_else(|| panic!("{who}: no hover text: {hover}"));
    assert_eq!(hover["kind"], "markdown", "{who}: hover contents should be Markdown: {hover}");
    for needle in [HOVER_WORD, "200家以上", "180家"] {
        assert!(text.contains(needle), "{who}: the hover over {HOVER_WORD} should mention {needle}:\n{text}");
    }
    true
}
