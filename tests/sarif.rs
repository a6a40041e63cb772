//! `check --format sarif`: the log's structure, and Microsoft's own SARIF validator
//! (`sarif-multitool validate`, npm `@microsoft/sarif-multitool`) on it: any `error` it reports
//! fails the test; its warnings are advice and are printed.
//!
//! The validator is found as: `$WORKPLAN_SARIF_MULTITOOL`, else the self-contained binary
//! under `.tools/npm/` (installed by `scripts/install-test-tools`), else the npm launcher
//! `.tools/npm/node_modules/.bin/sarif-multitool`. Without one the validator test is skipped,
//! except under CI (`$CI` set), where it fails.
//!
//!     scripts/install-test-tools && cargo test --test sarif

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use workplan::cli::sarif;
use workplan::{Document, DocumentKind};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// Findings of several rules and levels: a gap (四 after 二), a wrong marker with a fix
/// (（二）、), full-width digits after CJK text (columns must count characters).
const DRAFT: &str = "一、甲\n二、乙\n四、丙\n（二）、建设\n增长１０％\n";

/// Another file, to show results from several artifacts in one run.
const OTHER: &str = "1.甲\n2．乙\n";

/// An absolute path with a space and Chinese characters: it must become a valid `file:` URI.
fn absolute_path() -> String {
    std::env::temp_dir().join("工作 草稿.txt").display().to_string()
}

fn log() -> Value {
    let draft = Document::new(DRAFT, DocumentKind::PlainText);
    let other = Document::new(OTHER, DocumentKind::PlainText);
    sarif::report(&[("drafts/计划.txt", &draft), ("other.txt", &other), (&absolute_path(), &other)])
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results array")
}

fn find<'a>(log: &'a Value, code: &str, line: u64) -> &'a Value {
    results(log)
        .iter()
        .find(|r| r["ruleId"] == code && r["locations"][0]["physicalLocation"]["region"]["startLine"] == line)
        .unwrap_or_else(|| panic!("no {code} result on line {line} in {:#}", log["runs"][0]["results"]))
}

fn region(r: &Value) -> (u64, u64, u64, u64) {
    let g = &r["locations"][0]["physicalLocation"]["region"];
    let n = |k: &str| g[k].as_u64().unwrap_or_else(|| panic!("region.{k} in {g}"));
    (n("startLine"), n("startColumn"), n("endLine"), n("endColumn"))
}

#[test]
fn one_run_with_every_rule_and_its_level() {
    let log = log();
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "workplan");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), workplan::analysis::RULES.len());
    for (rule, sarif) in workplan::analysis::RULES.iter().zip(rules) {
        assert_eq!(sarif["id"], rule.code);
        assert_eq!(sarif["shortDescription"]["text"], rule.summary);
        let full = sarif["fullDescription"]["text"].as_str().expect("fullDescription");
        assert!(full.contains(rule.standard), "{full}");
        let expected = match rule.severity {
            workplan::Severity::Error => "error",
            workplan::Severity::Warning => "warning",
            workplan::Severity::Information | workplan::Severity::Hint => "note",
        };
        assert_eq!(sarif["defaultConfiguration"]["level"], expected, "{}", rule.code);
    }
    // ruleIndex points at the rule of the same id.
    for r in results(&log) {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
}

#[test]
fn results_have_levels_character_columns_and_fixes() {
    let log = log();
    let gap = find(&log, "numbering.gap", 3);
    assert_eq!(gap["level"], "warning");
    assert!(gap["fixes"].is_null(), "a gap has no certain fix");
    let loc = &gap["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "drafts/%E8%AE%A1%E5%88%92.txt");
    assert_eq!(loc["contextRegion"]["snippet"]["text"], "四、丙");
    // The previous sibling is a related location.
    let related = gap["relatedLocations"].as_array().expect("the previous sibling");
    assert!(related.iter().any(|l| l["physicalLocation"]["region"]["startLine"] == 2), "{related:?}");

    let style = find(&log, "numbering.marker-style", 4);
    assert_eq!(style["level"], "warning");
    assert_eq!(region(style), (4, 1, 4, 5), "（二）、 is four characters (12 bytes)");
    assert_eq!(style["locations"][0]["physicalLocation"]["region"]["snippet"]["text"], "（二）、");
    let change = &style["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "drafts/%E8%AE%A1%E5%88%92.txt");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "（二）");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 1);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 5);

    // 增长 is two characters (six bytes): the digits start at column 3.
    let digits = find(&log, "unit.fullwidth-digit", 5);
    let (line, start, end_line, end) = region(digits);
    assert_eq!((line, start, end_line), (5, 3, 5));
    let snippet = digits["locations"][0]["physicalLocation"]["region"]["snippet"]["text"].as_str().expect("snippet");
    assert_eq!(end - start, snippet.chars().count() as u64, "{snippet}");
    assert!(snippet.starts_with("１０"), "{snippet}");

    // Information becomes a note, in the second file.
    let mixed = results(&log).iter().find(|r| r["ruleId"] == "numbering.mixed-style").expect("mixed-style");
    assert_eq!(mixed["level"], "note");
    assert_eq!(mixed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "other.txt");
    let absolute = results(&log).last().expect("a result in the absolute path");
    let uri = absolute["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
    assert!(uri.starts_with("file:///") && uri.ends_with("/%E5%B7%A5%E4%BD%9C%20%E8%8D%89%E7%A8%BF.txt"), "{uri}");
}

#[test]
fn a_clean_document_gives_an_empty_result_list() {
    let doc = Document::new("一、甲\n二、乙\n", DocumentKind::PlainText);
    let log = sarif::report(&[("clean.txt", &doc)]);
    assert_eq!(results(&log).len(), 0);
}

// --- Microsoft's validator -------------------------------------------------------------

/// `linux`, `darwin` or `win32`: the suffix of the npm package that carries the binary.
fn npm_platform() -> &'static str {
    match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    }
}

fn runs(validator: &Path) -> bool {
    Command::new(validator)
        .args(["validate", "--version"])
        .stdin(Stdio::null())
        .output()
        // It prints its banner on stderr.
        .is_ok_and(|o| o.status.success() && [o.stdout, o.stderr].concat().windows(15).any(|w| w == b"SARIF Multitool"))
}

/// Where the validator is, or why none was found.
fn find_validator() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("WORKPLAN_SARIF_MULTITOOL").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        // Explicitly asked for: it must work.
        assert!(runs(&p), "WORKPLAN_SARIF_MULTITOOL={} does not run as `validate --version`", p.display());
        return Ok(p);
    }
    let npm = Path::new(MANIFEST_DIR).join(".tools/npm/node_modules");
    let exe = if cfg!(windows) { "Sarif.Multitool.exe" } else { "Sarif.Multitool" };
    let candidates = [
        npm.join(format!("@microsoft/sarif-multitool-{}", npm_platform())).join(exe),
        npm.join(".bin/sarif-multitool"),
    ];
    let mut tried = Vec::new();
    for c in candidates {
        if runs(&c) {
            return Ok(c);
        }
        tried.push(format!("{} missing or not runnable", c.display()));
    }
    Err(tried.join("; "))
}

/// What the validator said about a file.
#[derive(Debug, Default)]
struct Verdict {
    errors: Vec<String>,
    /// Advice (`warning SARIF2005: … does not provide 'informationUri'`).
    warnings: Vec<String>,
}

/// Runs the validator on `file`. Reads both the console (`file(line,col): error CODE: …`) and
/// the SARIF log it writes, so an error is caught whichever of the two reports it.
fn validate(validator: &Path, file: &Path) -> Verdict {
    let out_log = file.with_extension("validation.sarif");
    let out = Command::new(validator)
        .arg("validate")
        .arg("--output")
        .arg(&out_log)
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("run sarif-multitool");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "sarif-multitool failed ({}):\n{stdout}\n{stderr}", out.status);
    let mut verdict = Verdict::default();
    for line in stdout.lines().chain(stderr.lines()) {
        if line.contains(": error ") {
            verdict.errors.push(line.to_string());
        } else if line.contains(": warning ") {
            verdict.warnings.push(line.to_string());
        }
    }
    let text = std::fs::read_to_string(&out_log).expect("the validator writes its own SARIF log");
    let validation: Value = serde_json::from_str(&text).expect("the validator's log is JSON");
    for run in validation["runs"].as_array().into_iter().flatten() {
        for r in run["results"].as_array().into_iter().flatten() {
            if r["level"] == "error" {
                verdict.errors.push(format!("{}: {}", r["ruleId"], r["message"]));
            }
        }
        for n in run["invocations"][0]["toolExecutionNotifications"].as_array().into_iter().flatten() {
            if n["level"] == "error" {
                verdict.errors.push(format!("tool: {}", n["message"]));
            }
        }
    }
    verdict
}

#[test]
fn microsofts_validator_accepts_the_log() {
    let validator = match find_validator() {
        Ok(p) => p,
        Err(why) => {
            let msg =
                format!("no SARIF validator ({why}); run scripts/install-test-tools or set WORKPLAN_SARIF_MULTITOOL");
            if std::env::var_os("CI").is_some() {
                panic!("{msg} — CI is set, so this is a failure, not a skip");
            }
            eprintln!("SKIPPED sarif validator: {msg}");
            return;
        }
    };
    let tmp = tempfile::tempdir().expect("temporary folder");

    let good = tmp.path().join("workplan.sarif");
    let log = log();
    std::fs::write(&good, serde_json::to_string_pretty(&log).expect("serialize")).expect("write the log");
    let verdict = validate(&validator, &good);
    for w in &verdict.warnings {
        eprintln!("sarif-multitool advice: {w}");
    }
    assert!(verdict.errors.is_empty(), "the validator rejects our SARIF:\n{}", verdict.errors.join("\n"));

    // The validator must be able to say no: a region starting at line 0 is a schema error.
    let mut broken = log;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let bad = tmp.path().join("broken.sarif");
    std::fs::write(&bad, serde_json::to_string_pretty(&broken).expect("serialize")).expect("write the log");
    assert!(!validate(&validator, &bad).errors.is_empty(), "the validator accepted a log with startLine 0");
}
