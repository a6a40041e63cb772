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

mod editor_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use editor_support::{
    check_hover, children, expected_cover, explicit_tool, findings, items_as_planted, line_codes, name, output_to,
    read_out_json, root, run_bounded, show_each, tail, tops_as_planted, want_codes, BAD_MARKER, GAP_MARKER, HOVER_WORD,
    SERVER_BIN,
};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The Neovim most tests need, and how to get it.
const NVIM: &str = "Neovim 0.10+";
const NVIM_HINT: &str = "run scripts/install-test-tools or set WORKPLAN_NVIM";

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
    if let Some(p) = explicit_tool("WORKPLAN_NVIM") {
        // Explicitly asked for: it must work.
        match nvim_version(&p) {
            Some(v) if recent_enough(v) => return Ok(p),
            Some(v) => panic!("WORKPLAN_NVIM={} is Neovim {}.{}; 0.10 or newer is needed", p.display(), v.0, v.1),
            None => panic!("WORKPLAN_NVIM={} does not run as `nvim --version`", p.display()),
        }
    }
    let mut tried = Vec::new();
    let local = root().join(".tools/venv/bin/nvim");
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
    if let Some(p) = explicit_tool("WORKPLAN_NVIM07") {
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

/// 0-based index of the first line of `text` that starts with `prefix`.
fn line_starting_with(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("the fixture has no line starting with {prefix}"))
}

/// The diagnostics of one of the script's lists, one per line, for failure messages.
fn show(out: &Value, key: &str) -> String {
    show_each(out, key, |d| {
        format!(
            "  line {} bytes {}..{} {} (severity {}): {}\n",
            d["line"], d["col"], d["end_col"], d["code"], d["severity"], d["message"]
        )
    })
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
    editor_support::require(found, "editor_neovim", |why| {
        format!("no {what} for the editor end-to-end test ({why}); {hint}")
    })
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
    let root = root();
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
        .stdin(Stdio::null());
    output_to(&mut cmd, &nvim_stdout, &nvim_stderr);

    let (status, elapsed) = run_bounded(&mut cmd, TIMEOUT, "nvim", Duration::from_millis(50))
        .unwrap_or_else(|e| panic!("start {}: {e}", nvim.display()));
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

    read_out_json(status, TIMEOUT, "nvim", "check.lua", &out_json, context)
}

#[test]
fn neovim_shows_diagnostics_and_outline() {
    let Some(nvim) = require(find_nvim(), NVIM, NVIM_HINT) else {
        return;
    };
    let text = fs::read_to_string(root().join("tests/fixtures/e2e/draft.txt")).expect("read the fixture draft");
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
        tops_as_planted(&tops),
        "top-level symbols should be 一、…, 二、…, 四、… (titles carry their markers); got {tops:?}\n{tree}"
    );
    let first = children(&symbols[0]);
    let sub = first
        .iter()
        .find(|s| name(s).starts_with("（一）"))
        .unwrap_or_else(|| panic!("no （一） symbol under 一、:\n{tree}"));
    let items: Vec<&str> = children(sub).into_iter().map(name).collect();
    assert!(items_as_planted(&items), "（一） should have the children 一是…, 二是…, 三是…; got {items:?}\n{tree}");

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
    let text = fs::read_to_string(root().join("tests/fixtures/e2e/targets.txt")).expect("read the fixture");
    let lines: Vec<&str> = text.lines().collect();
    let gap_line = line_starting_with(&text, GAP_MARKER) as u64;
    let marker_line = line_starting_with(&text, BAD_MARKER) as u64;
    let conflict_line = lines.iter().position(|l| l.contains("180家")).expect("the fixture states 180家") as u64;
    let version = out["nvim_version"].as_str().unwrap_or("?").to_string();

    // 1. Diagnostics on open: the three planted findings; the markers exactly, the conflict on 180家.
    let got = findings(out, "diagnostics");
    let codes = line_codes(&got);
    let want = want_codes(&[
        (conflict_line, "target.conflict"),
        (marker_line, "numbering.marker-style"),
        (gap_line, "numbering.gap"),
    ]);
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
        let expected = expected_cover(code);
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
        tops_as_planted(&tops),
        "Neovim {version}: top-level symbols should be 一、…, 二、…, 四、…; got {tops:?}\n{tree}"
    );
    let sub = children(&symbols[0])
        .into_iter()
        .find(|s| name(s).starts_with("（一）"))
        .unwrap_or_else(|| panic!("Neovim {version}: no （一） symbol under 一、:\n{tree}"));
    let items: Vec<&str> = children(sub).into_iter().map(name).collect();
    assert!(
        items_as_planted(&items),
        "Neovim {version}: （一） should have the children 一是…, 二是…, 三是…; got {items:?}\n{tree}"
    );

    // 3. The hover over the indicator lists both of its targets (when the server offers hovers).
    let hover = &out["hover"];
    if check_hover(hover, &format!("editor_neovim: Neovim {version}"), &format!("Neovim {version}")) {
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
    let after = line_codes(&findings(out, "diagnostics_after_edit"));
    let want_after = want_codes(&[(conflict_line, "target.conflict"), (gap_line, "numbering.gap")]);
    assert_eq!(
        after,
        want_after,
        "Neovim {version}: diagnostics after fixing {BAD_MARKER}. Neovim got:\n{}publishes seen: {}",
        show(out, "diagnostics_after_edit"),
        out["publishes"]
    );
}

/// Runs check.lua on `tests/fixtures/e2e/targets.txt` through the Neovim found, configured by
/// `setup`, and checks the run with [`check_targets_run`]; skipped (or failed under CI) without
/// that Neovim.
fn targets_run(found: Result<PathBuf, String>, what: &str, hint: &str, launch: Launch, setup: &str) {
    let Some(nvim) = require(found, what, hint) else {
        return;
    };
    let out = run_check(
        &nvim,
        "tests/fixtures/e2e/targets.txt",
        "科技创新工作计划.txt",
        Some(HOVER_WORD),
        launch,
        Some(setup),
    );
    check_targets_run(&out);
}

/// Neovim 0.11 with the nvim-lspconfig-style `editors/neovim/lsp/workplan.lua` and
/// `vim.lsp.enable('workplan')`.
#[test]
fn neovim_011_lsp_enable_config() {
    targets_run(find_nvim(), NVIM, NVIM_HINT, Launch::DashL, "setup-lsp-enable.lua");
}

/// Neovim 0.11 with the plain `editors/neovim/lua/workplan.lua` (`vim.lsp.start`).
#[test]
fn neovim_011_plain_config() {
    targets_run(find_nvim(), NVIM, NVIM_HINT, Launch::DashL, "setup-plain.lua");
}

/// Neovim 0.7 (no `vim.lsp.start`, no `nvim -l`) with the plain `editors/neovim/lua/workplan.lua`
/// (`vim.lsp.start_client` + `vim.lsp.buf_attach_client`).
#[test]
fn neovim_07_plain_config() {
    targets_run(
        find_old_nvim(),
        "Neovim 0.7–0.9",
        "run scripts/install-test-tools as root (apt-get install neovim) or set WORKPLAN_NVIM07",
        Launch::Luafile,
        "setup-plain.lua",
    );
}
