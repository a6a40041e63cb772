//! End-to-end test through Emacs + Eglot in batch mode: `tests/e2e/emacs/check.el` loads the
//! shipped setup `editors/emacs/workplan-eglot.el` (pointed at the binary under test), visits a
//! copy of `tests/fixtures/e2e/targets.txt`, and records what Flymake shows, the
//! `textDocument/documentSymbol` outline, a hover over 高新技术企业 and the diagnostics after
//! fixing the wrong marker `（二）、` in the buffer, with `eglot-workspace-configuration` raising
//! numbering.gap to an error (the settings round trip).  This test checks what Emacs received.
//!
//! Emacs is `$WORKPLAN_EMACS`, else `emacs` on `PATH`; it must be able to `(require 'eglot)`
//! (Emacs 29+, or Debian 12's `emacs-nox elpa-eglot`, which `scripts/install-test-tools`
//! installs with apt when run as root).  Without it the test is skipped, except under CI
//! (`$CI` set), where it fails.
//!
//!     scripts/install-test-tools && cargo test --test editor_emacs

mod editor_support;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use editor_support::{
    check_hover, children, expected_cover, explicit_tool, findings, items_as_planted, line_codes, name, output_to,
    read_out_json, require, root, run_bounded, show_each, tail, tops_as_planted, want_codes, BAD_MARKER, GAP_MARKER,
    HOVER_WORD, SERVER_BIN,
};

const TIMEOUT: Duration = Duration::from_secs(60);

/// Emacs with Eglot, or why there is none.
fn find_emacs() -> Result<PathBuf, String> {
    let explicit = explicit_tool("WORKPLAN_EMACS");
    let emacs = explicit.clone().unwrap_or_else(|| PathBuf::from("emacs"));
    let probe = Command::new(&emacs)
        .args(["--batch", "--eval", "(progn (require 'eglot) (princ emacs-version))"])
        .stdin(Stdio::null())
        .output();
    match probe {
        Ok(out) if out.status.success() => Ok(emacs),
        Ok(out) => {
            let why = format!(
                "{} cannot load eglot: {}",
                emacs.display(),
                String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
            );
            if explicit.is_some() {
                panic!("WORKPLAN_EMACS: {why}");
            }
            Err(why)
        }
        Err(e) => {
            if explicit.is_some() {
                panic!("WORKPLAN_EMACS={} does not run: {e}", emacs.display());
            }
            Err(format!("no `emacs` on PATH ({e})"))
        }
    }
}

fn show(out: &Value, key: &str) -> String {
    show_each(out, key, |d| {
        format!("  line {} chars {}..{} {}: {}\n", d["line"], d["col"], d["end_col"], d["code"], d["text"])
    })
}

#[test]
fn emacs_eglot_shows_diagnostics_outline_hover() {
    let Some(emacs) = require(find_emacs(), "editor_emacs", |why| {
        format!(
            "no Emacs with Eglot for the editor end-to-end test ({why}); run scripts/install-test-tools as root \
             (apt-get install emacs-nox elpa-eglot) or set WORKPLAN_EMACS"
        )
    }) else {
        return;
    };

    let root = root();
    let fixture = root.join("tests/fixtures/e2e/targets.txt");
    let text = fs::read_to_string(&fixture).expect("read the fixture");
    let lines: Vec<&str> = text.lines().collect();
    let line_of = |pred: &dyn Fn(&str) -> bool| lines.iter().position(|l| pred(l)).expect("fixture line") as u64;
    let gap_line = line_of(&|l| l.starts_with(GAP_MARKER));
    let marker_line = line_of(&|l| l.starts_with(BAD_MARKER));
    let conflict_line = line_of(&|l| l.contains("180家"));

    let tmp = tempfile::tempdir().expect("temporary folder");
    let work = tmp.path().join("workspace");
    fs::create_dir_all(&work).unwrap();
    let draft = work.join("科技创新工作计划.txt");
    fs::copy(&fixture, &draft).expect("copy the fixture");
    let out_json = tmp.path().join("out.json");
    let stdout = tmp.path().join("emacs.stdout");
    let stderr = tmp.path().join("emacs.stderr");

    let mut cmd = Command::new(&emacs);
    cmd.args(["--batch", "-l"])
        .arg(root.join("tests/e2e/emacs/check.el"))
        .current_dir(&work)
        .env("HOME", tmp.path().join("home"))
        .env("XDG_CACHE_HOME", tmp.path().join("cache"))
        .env("WORKPLAN_E2E_SERVER", SERVER_BIN)
        .env("WORKPLAN_E2E_DRAFT", &draft)
        .env("WORKPLAN_E2E_OUT", &out_json)
        .env("WORKPLAN_E2E_HOVER", HOVER_WORD)
        .env("WORKPLAN_E2E_CONFIG_DIR", root.join("editors/emacs"))
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null());
    output_to(&mut cmd, &stdout, &stderr);
    let (status, elapsed) = run_bounded(&mut cmd, TIMEOUT, "emacs", Duration::from_millis(50))
        .unwrap_or_else(|e| panic!("start {}: {e}", emacs.display()));
    eprintln!("editor_emacs: {} ran in {:.1} s", emacs.display(), elapsed.as_secs_f64());
    let context =
        || format!("\n--- emacs stderr ---\n{}\n--- emacs stdout ---\n{}", tail(&stderr, 6000), tail(&stdout, 2000));

    let out = read_out_json(status, TIMEOUT, "emacs", "check.el", &out_json, context);
    let who = format!("Emacs {} + Eglot {}", out["emacs_version"], out["eglot_version"]);

    // 1. Flymake shows the three planted findings, each on what it flags.
    let got = findings(&out, "diagnostics");
    let codes = line_codes(&got);
    let want = want_codes(&[
        (conflict_line, "target.conflict"),
        (marker_line, "numbering.marker-style"),
        (gap_line, "numbering.gap"),
    ]);
    assert_eq!(codes, want, "{who}: Flymake diagnostics on open (line, code):\n{}", show(&out, "diagnostics"));
    for (line, col, end, code) in &got {
        let flagged: String = lines[*line as usize].chars().skip(*col as usize).take((*end - *col) as usize).collect();
        let expected = expected_cover(code);
        assert!(flagged.contains(expected), "{who}: {code} flags “{flagged}”, expected it to cover “{expected}”");
    }

    // 1b. The settings reached the server: check.el raises numbering.gap to an error through
    //     `eglot-workspace-configuration`; the other findings keep their default (warning).
    for d in out["diagnostics"].as_array().into_iter().flatten() {
        let want = if d["code"] == "numbering.gap" { "eglot-error" } else { "eglot-warning" };
        assert_eq!(d["type"], want, "{who}: Flymake type of {} (settings: numbering.gap = error)", d["code"]);
    }

    // 2. The outline.
    let symbols = out["symbols"]
        .as_array()
        .unwrap_or_else(|| panic!("{who}: documentSymbol is not an array: {}", out["symbols"]));
    let tops: Vec<&str> = symbols.iter().map(name).collect();
    assert!(tops_as_planted(&tops), "{who}: top-level symbols should be 一、…, 二、…, 四、…; got {tops:?}");
    let sub = children(&symbols[0])
        .into_iter()
        .find(|s| name(s).starts_with("（一）"))
        .unwrap_or_else(|| panic!("{who}: no （一） under 一、"));
    let items: Vec<&str> = children(sub).into_iter().map(name).collect();
    assert!(items_as_planted(&items), "{who}: （一） should have the children 一是…, 二是…, 三是…; got {items:?}");

    // 3. The hover lists both targets of the indicator (when the server offers hovers).
    check_hover(&out["hover"], "editor_emacs", &who);

    // 4. After `（二）、` → `（二）` in the buffer: the marker finding is gone, the others stay.
    assert_eq!(out["edit"]["line"].as_u64(), Some(marker_line), "{who}: edited another line: {}", out["edit"]);
    let after = line_codes(&findings(&out, "diagnostics_after_edit"));
    let want_after = want_codes(&[(conflict_line, "target.conflict"), (gap_line, "numbering.gap")]);
    assert_eq!(
        after,
        want_after,
        "{who}: Flymake diagnostics after fixing {BAD_MARKER}:\n{}publishes: {}",
        show(&out, "diagnostics_after_edit"),
        out["publishes"]
    );
}
