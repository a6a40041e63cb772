//! End-to-end tests through a real editor client: headless Neovim runs
//! `tests/e2e/neovim/check.lua`, which starts `workplan lsp`, opens a draft, collects the
//! published diagnostics and the `textDocument/documentSymbol` outline, asks for a hover over
//! an indicator (when the server advertises hoverProvider), fixes one wrong marker in the
//! buffer and collects the diagnostics again.  These tests check what Neovim received.
//!
//! - `neovim_shows_diagnostics_and_outline`: Neovim 0.10+ (`vim.lsp.start`, `nvim -l`) on
//!   `tests/fixtures/e2e/draft.txt`.  Found as `$WORKPLAN_NVIM`, else `.tools/venv/bin/nvim`
//!   (installed by `scripts/install-test-tools`), else `nvim` on `PATH` if it is 0.10 or newer.
//! - `neovim_011_lsp_enable_config`, `neovim_011_plain_config`, `neovim_07_plain_config`: the
//!   same script on `tests/fixtures/e2e/targets.txt` (the draft plus a target conflict), with
//!   a hover, Neovim configured by the shipped files as a user would (`editors/neovim/lsp/
//!   workplan.lua` + `vim.lsp.enable`; `editors/neovim/lua/workplan.lua`, which uses
//!   `vim.lsp.start`, or `vim.lsp.start_client` on 0.7), through the Neovim above and through
//!   Neovim 0.7–0.9 (`-c luafile`): found as `$WORKPLAN_NVIM07`, else `nvim` on `PATH` or
//!   `/usr/bin/nvim` if it is 0.7–0.9 (Debian 12's `neovim` is 0.7.2; `scripts/install-test-tools`
//!   installs it with apt when run as root).
//!
//! Without the Neovim a test needs it is skipped, except under CI (`$CI` set), where it fails.
//!
//!     scripts/install-test-tools && cargo test --test editor_neovim

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const SERVER_BIN: &str = env!("CARGO_BIN_EXE_workplan");
const TIMEOUT: Duration = Duration::from_secs(60);

const GAP_MARKER: &str = "四、";
const BAD_MARKER: &str = "（二）、";

/// `NVIM v0.11.4` → (0, 11), from the first line of `nvim --version`.
fn nvim_version(nvim: &Path) -> Option<(u32, u32)> {
    let out = Command::new(nvim).arg("--version").stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text.lines().next()?.trim().strip_prefix("NVIM v")?;
    let mut parts = v.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

fn recent_enough(v: (u32, u32)) -> bool {
    v >= (0, 10)
}

/// Where Neovim is, or why none was found.
fn find_nvim() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("WORKPLAN_NVIM").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        // Explicitly asked for: it must work.
        match nvim_version(&p) {
            Some(v) if recent_enough(v) => return Ok(p),
            Some(v) => panic!("WORKPLAN_NVIM={} is Neovim {}.{}; 0.10 or newer is needed", p.display(), v.0, v.1),
            None => panic!("WORKPLAN_NVIM={} does not run as `nvim --version`", p.display()),
        }
    }
    let mut tried = Vec::new();
    let local = Path::new(MANIFEST_DIR).join(".tools/venv/bin/nvim");
    match nvim_version(&local) {
        Some(v) if recent_enough(v) => return Ok(local),
        Some(v) => tried.push(format!("{} is {}.{}", local.display(), v.0, v.1)),
        None => tried.push(format!("{} missing or not runnable", local.display())),
    }
    match nvim_version(Path::new("nvim")) {
        Some(v) if recent_enough(v) => return Ok(PathBuf::from("nvim")),
        Some(v) => tried.push(format!("`nvim` on PATH is {}.{} (0.10+ needed)", v.0, v.1)),
        None => tried.push("no `nvim` on PATH".to_string()),
    }
    Err(tried.join("; "))
}

/// Neovim 0.7–0.9 (no `nvim -l`, 0.7 has no `vim.lsp.start`), or why none was found.
fn find_old_nvim() -> Result<PathBuf, String> {
    let old = |v: (u32, u32)| ((0, 7)..(0, 10)).contains(&v);
    if let Some(p) = std::env::var_os("WORKPLAN_NVIM07").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        match nvim_version(&p) {
            Some(v) if old(v) => return Ok(p),
            Some(v) => panic!("WORKPLAN_NVIM07={} is Neovim {}.{}; 0.7–0.9 is wanted", p.display(), v.0, v.1),
            None => panic!("WORKPLAN_NVIM07={} does not run as `nvim --version`", p.display()),
        }
    }
    let mut tried = Vec::new();
    for candidate in ["nvim", "/usr/bin/nvim"] {
        match nvim_version(Path::new(candidate)) {
            Some(v) if old(v) => return Ok(PathBuf::from(candidate)),
            Some(v) => tried.push(format!("`{candidate}` is {}.{}", v.0, v.1)),
            None => tried.push(format!("no `{candidate}`")),
        }
    }
    Err(tried.join("; "))
}

/// Waits for the child at most `timeout`; kills it (and its process group: the server it
/// started) when the time is up.  Returns None on timeout.
fn wait_bounded(child: &mut std::process::Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(e) => panic!("waiting for nvim: {e}"),
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
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// 0-based index of the first line of `text` that starts with `prefix`.
fn line_starting_with(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("the fixture has no line starting with {prefix}"))
}

fn tail(path: &Path, max_bytes: usize) -> String {
    match fs::read(path) {
        Ok(bytes) => {
            let start = bytes.len().saturating_sub(max_bytes);
            String::from_utf8_lossy(&bytes[start..]).into_owned()
        }
        Err(e) => format!("<cannot read {}: {e}>", path.display()),
    }
}

/// (line, col, end_col, code) of every diagnostic in one of the script's lists.
fn findings(out: &Value, key: &str) -> Vec<(u64, u64, u64, String)> {
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

/// The diagnostics of one of the script's lists, one per line, for failure messages.
fn show(out: &Value, key: &str) -> String {
    let mut s = String::new();
    for d in out[key].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "  line {} bytes {}..{} {} (severity {}): {}\n",
            d["line"], d["col"], d["end_col"], d["code"], d["severity"], d["message"]
        ));
    }
    if s.is_empty() {
        s.push_str("  (none)\n");
    }
    s
}

fn name(sym: &Value) -> &str {
    sym["name"].as_str().unwrap_or("")
}

fn children(sym: &Value) -> Vec<&Value> {
    // Neovim re-encodes an empty `children: []` as `{}`; absent means no children.
    sym["children"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

fn outline(symbols: &[Value], depth: usize, buf: &mut String) {
    for s in symbols {
        buf.push_str(&format!("{}{}\n", "  ".repeat(depth), name(s)));
        if let Some(c) = s["children"].as_array() {
            outline(c, depth + 1, buf);
        }
    }
}

/// Skips the test (returns None) or, under CI, fails it, when no suitable Neovim was found.
fn require(found: Result<PathBuf, String>, what: &str, hint: &str) -> Option<PathBuf> {
    match found {
        Ok(p) => Some(p),
        Err(why) => {
            let msg = format!("no {what} for the editor end-to-end test ({why}); {hint}");
            if std::env::var_os("CI").is_some() {
                panic!("{msg} — CI is set, so this is a failure, not a skip");
            }
            eprintln!("SKIPPED editor_neovim: {msg}");
            None
        }
    }
}

/// How check.lua gets its arguments: `nvim -l SCRIPT ARGS…` (0.9+) or the environment and
/// `-c "luafile SCRIPT"` (0.7, 0.8).
#[derive(Clone, Copy, PartialEq)]
enum Launch {
    DashL,
    Luafile,
}

/// Runs check.lua through `nvim` on a copy of `fixture` (in a workspace folder of its own)
/// and returns its OUT_JSON, after checking that it reported no errors.
///
/// With `setup` (a file under tests/e2e/neovim/), check.lua configures Neovim with the shipped
/// `editors/neovim` files as a user would and waits for the client to attach; the workspace
/// then holds a `workplan.toml` (the configurations' root marker).
fn run_check(
    nvim: &Path,
    fixture: &str,
    draft_name: &str,
    hover: Option<&str>,
    launch: Launch,
    setup: Option<&str>,
) -> Value {
    let root = Path::new(MANIFEST_DIR);
    let script = root.join("tests/e2e/neovim/check.lua");
    let fixture = root.join(fixture);

    // The draft gets a folder of its own (the server's workspace root); Neovim's state, log
    // and config go to the temporary folder too.
    let tmp = tempfile::tempdir().expect("temporary folder");
    let work = tmp.path().join("workspace");
    fs::create_dir_all(&work).unwrap();
    let draft = work.join(draft_name);
    fs::copy(&fixture, &draft).expect("copy the fixture");
    if setup.is_some() {
        fs::write(work.join("workplan.toml"), "# this folder is a workplan workspace\n").unwrap();
    }
    let out_json = tmp.path().join("out.json");
    let nvim_stdout = tmp.path().join("nvim.stdout");
    let nvim_stderr = tmp.path().join("nvim.stderr");

    let mut cmd = Command::new(nvim);
    cmd.args(["--headless", "--clean", "-n", "-i", "NONE"]);
    match launch {
        Launch::DashL => {
            cmd.arg("-l").arg(&script).arg(SERVER_BIN).arg(&draft).arg(&out_json);
            if let Some(word) = hover {
                cmd.arg(word);
            }
        }
        Launch::Luafile => {
            cmd.arg("-c")
                .arg(format!("luafile {}", script.display()))
                .env("WORKPLAN_E2E_SERVER", SERVER_BIN)
                .env("WORKPLAN_E2E_DRAFT", &draft)
                .env("WORKPLAN_E2E_OUT", &out_json)
                .env("WORKPLAN_E2E_HOVER", hover.unwrap_or(""));
        }
    }
    if let Some(setup) = setup {
        cmd.env("WORKPLAN_E2E_SETUP", root.join("tests/e2e/neovim").join(setup));
    }
    cmd.current_dir(root)
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .env("XDG_CACHE_HOME", tmp.path().join("cache"))
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&nvim_stdout).unwrap())
        .stderr(fs::File::create(&nvim_stderr).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }

    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("start {}: {e}", nvim.display()));
    let status = wait_bounded(&mut child, TIMEOUT);
    let elapsed = started.elapsed();
    eprintln!("editor_neovim: {} ran in {:.1} s", nvim.display(), elapsed.as_secs_f64());

    // 0.7 keeps its LSP log under the cache folder, 0.8+ under the state folder.
    let lsp_log = [tmp.path().join("state/nvim/lsp.log"), tmp.path().join("cache/nvim/lsp.log")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| tmp.path().join("state/nvim/lsp.log"));
    let context = || {
        format!(
            "\n--- nvim stderr ---\n{}\n--- nvim stdout ---\n{}\n--- Neovim LSP log (server stderr), tail ---\n{}",
            tail(&nvim_stderr, 4000),
            tail(&nvim_stdout, 2000),
            tail(&lsp_log, 8000)
        )
    };

    let Some(status) = status else {
        panic!("nvim did not finish within {} s and was killed{}", TIMEOUT.as_secs(), context());
    };
    let raw = fs::read_to_string(&out_json)
        .unwrap_or_else(|e| panic!("nvim exited with {status} and wrote no OUT_JSON ({e}){}", context()));
    let out: Value =
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("OUT_JSON is not JSON ({e}): {raw}{}", context()));

    let errors = out["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.is_empty() && status.success(),
        "check.lua reported errors (nvim exit: {status}):\n  {}\nOUT_JSON: {raw}{}",
        errors.iter().map(|e| e.as_str().unwrap_or("?")).collect::<Vec<_>>().join("\n  "),
        context()
    );
    out
}

#[test]
fn neovim_shows_diagnostics_and_outline() {
    let Some(nvim) = require(find_nvim(), "Neovim 0.10+", "run scripts/install-test-tools or set WORKPLAN_NVIM") else {
        return;
    };
    let text = fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/fixtures/e2e/draft.txt"))
        .expect("read the fixture draft");
    let gap_line = line_starting_with(&text, GAP_MARKER) as u64;
    let marker_line = line_starting_with(&text, BAD_MARKER) as u64;
    let out = run_check(&nvim, "tests/fixtures/e2e/draft.txt", "draft.txt", None, Launch::DashL, None);

    // 1. Diagnostics on open: exactly the two planted findings, each on its marker.
    //    Neovim columns are byte offsets in the buffer, whatever encoding was negotiated.
    let expected = vec![
        (marker_line, 0, BAD_MARKER.len() as u64, "numbering.marker-style".to_string()),
        (gap_line, 0, GAP_MARKER.len() as u64, "numbering.gap".to_string()),
    ];
    let mut got = findings(&out, "diagnostics");
    got.sort();
    let mut want = expected.clone();
    want.sort();
    assert_eq!(
        got,
        want,
        "diagnostics on open (line, byte col, byte end_col, code); the fixture plants only these two \
         (position encoding {}). Neovim got:\n{}",
        out["position_encoding"],
        show(&out, "diagnostics")
    );

    // 2. The outline is hierarchical: 一、 二、 四、 at the top, （一） under 一、 with its 一是… items.
    let symbols = out["symbols"]
        .as_array()
        .unwrap_or_else(|| panic!("documentSymbol result is not an array: {}", out["symbols"]));
    let mut tree = String::new();
    outline(symbols, 0, &mut tree);
    assert!(
        symbols.iter().all(|s| s.get("location").is_none() && s.get("range").is_some()),
        "documentSymbol returned SymbolInformation (flat), not DocumentSymbol (hierarchical):\n{tree}"
    );
    let tops: Vec<&str> = symbols.iter().map(name).collect();
    assert!(
        tops.len() == 3 && tops[0].starts_with("一、") && tops[1].starts_with("二、") && tops[2].starts_with("四、"),
        "top-level symbols should be 一、…, 二、…, 四、… (titles carry their markers); got {tops:?}\n{tree}"
    );
    let first = children(&symbols[0]);
    let sub = first
        .iter()
        .find(|s| name(s).starts_with("（一）"))
        .unwrap_or_else(|| panic!("no （一） symbol under 一、:\n{tree}"));
    let items: Vec<&str> = children(sub).into_iter().map(name).collect();
    assert!(
        items.len() == 3
            && items[0].starts_with("一是")
            && items[1].starts_with("二是")
            && items[2].starts_with("三是"),
        "（一） should have the children 一是…, 二是…, 三是…; got {items:?}\n{tree}"
    );

    // 3. After the edit `（二）、` → `（二）`: the marker-style finding is gone, the gap stays.
    assert_eq!(out["edit"]["line"].as_u64(), Some(marker_line), "the script edited another line: {}", out["edit"]);
    let after = findings(&out, "diagnostics_after_edit");
    assert_eq!(
        after,
        vec![(gap_line, 0, GAP_MARKER.len() as u64, "numbering.gap".to_string())],
        "diagnostics after fixing {BAD_MARKER} on line {marker_line}: only the gap should remain.\n\
         Neovim got:\n{}publishes seen: {}",
        show(&out, "diagnostics_after_edit"),
        out["publishes"]
    );
}

/// What check.lua saw on `tests/fixtures/e2e/targets.txt` (draft.txt plus targets, one of
/// them in conflict), through any Neovim: the three planted findings, the outline, a hover over
/// 高新技术企业 listing both of its targets, and the marker finding gone after the edit.
fn check_targets_run(out: &Value) {
    let text =
        fs::read_to_string(Path::new(MANIFEST_DIR).join("tests/fixtures/e2e/targets.txt")).expect("read the fixture");
    let lines: Vec<&str> = text.lines().collect();
    let gap_line = line_starting_with(&text, GAP_MARKER) as u64;
    let marker_line = line_starting_with(&text, BAD_MARKER) as u64;
    let conflict_line = lines.iter().position(|l| l.contains("180家")).expect("the fixture states 180家") as u64;
    let version = out["nvim_version"].as_str().unwrap_or("?").to_string();

    // 1. Diagnostics on open: the three planted findings; the markers exactly, the conflict on 180家.
    let got = findings(out, "diagnostics");
    let mut codes: Vec<(u64, String)> = got.iter().map(|(l, _, _, c)| (*l, c.clone())).collect();
    codes.sort();
    let mut want = vec![
        (conflict_line, "target.conflict".to_string()),
        (marker_line, "numbering.marker-style".to_string()),
        (gap_line, "numbering.gap".to_string()),
    ];
    want.sort();
    assert_eq!(
        codes,
        want,
        "Neovim {version}: diagnostics on open (line, code). Neovim got:\n{}",
        show(out, "diagnostics")
    );
    for (line, col, end, code) in &got {
        let line_text = lines[*line as usize];
        let flagged = line_text.get(*col as usize..*end as usize).unwrap_or_else(|| {
            panic!("Neovim {version}: {code} range {col}..{end} is not on character boundaries of line {line}: {line_text}")
        });
        let expected = match code.as_str() {
            "numbering.marker-style" => BAD_MARKER,
            "numbering.gap" => GAP_MARKER,
            _ => "180",
        };
        assert!(
            flagged.contains(expected),
            "Neovim {version}: {code} on line {line} flags “{flagged}”, expected it to cover “{expected}” \
             (position encoding {})",
            out["position_encoding"]
        );
    }

    // 2. The outline: 一、 二、 四、 at the top, （一） under 一、 with 一是, 二是, 三是.
    let symbols = out["symbols"]
        .as_array()
        .unwrap_or_else(|| panic!("Neovim {version}: documentSymbol result is not an array: {}", out["symbols"]));
    let mut tree = String::new();
    outline(symbols, 0, &mut tree);
    let tops: Vec<&str> = symbols.iter().map(name).collect();
    assert!(
        tops.len() == 3 && tops[0].starts_with("一、") && tops[1].starts_with("二、") && tops[2].starts_with("四、"),
        "Neovim {version}: top-level symbols should be 一、…, 二、…, 四、…; got {tops:?}\n{tree}"
    );
    let sub = children(&symbols[0])
        .into_iter()
        .find(|s| name(s).starts_with("（一）"))
        .unwrap_or_else(|| panic!("Neovim {version}: no （一） symbol under 一、:\n{tree}"));
    let items: Vec<&str> = children(sub).into_iter().map(name).collect();
    assert!(
        items.len() == 3
            && items[0].starts_with("一是")
            && items[1].starts_with("二是")
            && items[2].starts_with("三是"),
        "Neovim {version}: （一） should have the children 一是…, 二是…, 三是…; got {items:?}\n{tree}"
    );

    // 3. The hover over the indicator lists both of its targets (when the server offers hovers).
    let hover = &out["hover"];
    if let Some(why) = hover["skipped"].as_str() {
        eprintln!("editor_neovim: Neovim {version}: hover not checked: {why}");
    } else {
        let text = hover["text"].as_str().unwrap_or_else(|| panic!("Neovim {version}: no hover text: {hover}"));
        assert_eq!(hover["kind"], "markdown", "Neovim {version}: hover contents should be Markdown: {hover}");
        for needle in ["高新技术企业", "200家以上", "180家"] {
            assert!(
                text.contains(needle),
                "Neovim {version}: the hover over 高新技术企业 should mention {needle}:\n{text}"
            );
        }
        if let Some(start) = hover["range"]["start"]["line"].as_u64() {
            assert_eq!(Some(start), hover["line"].as_u64(), "Neovim {version}: hover range on another line: {hover}");
        }
    }

    // 4. After `（二）、` → `（二）`: the marker finding is gone, the conflict and the gap stay.
    assert_eq!(
        out["edit"]["line"].as_u64(),
        Some(marker_line),
        "Neovim {version}: edited another line: {}",
        out["edit"]
    );
    let mut after: Vec<(u64, String)> =
        findings(out, "diagnostics_after_edit").into_iter().map(|(l, _, _, c)| (l, c)).collect();
    after.sort();
    let mut want_after = vec![(conflict_line, "target.conflict".to_string()), (gap_line, "numbering.gap".to_string())];
    want_after.sort();
    assert_eq!(
        after,
        want_after,
        "Neovim {version}: diagnostics after fixing {BAD_MARKER}. Neovim got:\n{}publishes seen: {}",
        show(out, "diagnostics_after_edit"),
        out["publishes"]
    );
}

/// Neovim 0.11 with the nvim-lspconfig-style `editors/neovim/lsp/workplan.lua` and
/// `vim.lsp.enable('workplan')`.
#[test]
fn neovim_011_lsp_enable_config() {
    let Some(nvim) = require(find_nvim(), "Neovim 0.10+", "run scripts/install-test-tools or set WORKPLAN_NVIM") else {
        return;
    };
    let out = run_check(
        &nvim,
        "tests/fixtures/e2e/targets.txt",
        "科技创新工作计划.txt",
        Some("高新技术企业"),
        Launch::DashL,
        Some("setup-lsp-enable.lua"),
    );
    check_targets_run(&out);
}

/// Neovim 0.11 with the plain `editors/neovim/lua/workplan.lua` (`vim.lsp.start`).
#[test]
fn neovim_011_plain_config() {
    let Some(nvim) = require(find_nvim(), "Neovim 0.10+", "run scripts/install-test-tools or set WORKPLAN_NVIM") else {
        return;
    };
    let out = run_check(
        &nvim,
        "tests/fixtures/e2e/targets.txt",
        "科技创新工作计划.txt",
        Some("高新技术企业"),
        Launch::DashL,
        Some("setup-plain.lua"),
    );
    check_targets_run(&out);
}

/// Neovim 0.7 (no `vim.lsp.start`, no `nvim -l`) with the plain `editors/neovim/lua/workplan.lua`
/// (`vim.lsp.start_client` + `vim.lsp.buf_attach_client`).
#[test]
fn neovim_07_plain_config() {
    let Some(nvim) = require(
        find_old_nvim(),
        "Neovim 0.7–0.9",
        "run scripts/install-test-tools as root (apt-get install neovim) or set WORKPLAN_NVIM07",
    ) else {
        return;
    };
    let out = run_check(
        &nvim,
        "tests/fixtures/e2e/targets.txt",
        "科技创新工作计划.txt",
        Some("高新技术企业"),
        Launch::Luafile,
        Some("setup-plain.lua"),
    );
    check_targets_run(&out);
}
