//! LSP conformance through pytest-lsp: `tests/e2e/pytest_lsp/` drives the server with the
//! client capabilities captured from VS Code 1.65, Neovim 0.7 and 0.11 and Emacs 29 (shipped
//! with pytest-lsp), and every response is structured into the spec's types (lsprotocol); a
//! missing or ill-typed field fails.  See the test module's docstring for what else it checks.
//!
//! Python is `.tools/venv/bin/python` with pytest-lsp installed (`scripts/install-test-tools`),
//! else `$WORKPLAN_PYTEST_PYTHON`.  Without it the test is skipped, except under CI (`$CI`
//! set), where it fails.
//!
//!     scripts/install-test-tools && cargo test --test editor_conformance

mod editor_support;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use editor_support::{explicit_tool, finished, log_to, require, root, run_bounded, SERVER_BIN};

const TIMEOUT: Duration = Duration::from_secs(120);

fn find_python() -> Result<PathBuf, String> {
    let explicit = explicit_tool("WORKPLAN_PYTEST_PYTHON");
    let python = explicit.clone().unwrap_or_else(|| root().join(".tools/venv/bin/python"));
    let ok = Command::new(&python)
        .args(["-c", "import pytest_lsp, pytest"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    match (ok, explicit) {
        (true, _) => Ok(python),
        (false, Some(_)) => panic!("WORKPLAN_PYTEST_PYTHON={} cannot import pytest_lsp", python.display()),
        (false, None) => Err(format!("{} missing or without pytest-lsp", python.display())),
    }
}

#[test]
fn pytest_lsp_conformance_with_captured_client_capabilities() {
    let Some(python) = require(find_python(), "editor_conformance", |why| {
        format!("no pytest-lsp for the conformance test ({why}); run scripts/install-test-tools")
    }) else {
        return;
    };
    let root = root();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let log = tmp.path().join("pytest.log");
    let mut cmd = Command::new(&python);
    cmd.args(["-m", "pytest", "-q", "-rw", "-p", "no:cacheprovider", "--color=no"])
        .arg(root.join("tests/e2e/pytest_lsp"))
        .current_dir(root.join("tests/e2e/pytest_lsp"))
        .env("WORKPLAN_BIN", SERVER_BIN)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("XDG_CACHE_HOME", tmp.path().join("cache"))
        .stdin(Stdio::null());
    log_to(&mut cmd, &log);
    let (status, elapsed) = run_bounded(&mut cmd, TIMEOUT, "pytest", Duration::from_millis(50))
        .unwrap_or_else(|e| panic!("start {}: {e}", python.display()));
    let output = fs::read_to_string(&log).unwrap_or_default();
    eprintln!("editor_conformance: pytest ran in {:.1} s", elapsed.as_secs_f64());
    let summary = output
        .lines()
        .rev()
        .find(|l| l.contains("passed") || l.contains("failed") || l.contains("error"))
        .unwrap_or("");
    eprintln!("editor_conformance: {summary}");
    let s = finished(status, "pytest", TIMEOUT, || format!(":\n{output}"));
    assert!(s.success(), "pytest-lsp conformance tests failed ({s}):\n{output}");
}
