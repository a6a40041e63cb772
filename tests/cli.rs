//! The command line as a user runs it: exit codes, formats, folders, stdin.

use assert_cmd::Command;
use serde_json::Value;

fn workplan() -> Command {
    Command::cargo_bin("workplan").expect("binary built")
}

fn example() -> String {
    format!("{}/examples/2026-gaoxin-plan.txt", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_json_has_the_documented_shape() {
    let out = workplan().args(["check", "--format", "json", &example()]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("one JSON array");
    assert!(!findings.is_empty());
    for f in &findings {
        let keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, ["code", "column", "end_column", "end_line", "fix", "line", "message", "path", "severity"]);
    }
    // `（二）、` on line 9: columns count characters, 1-based; the fix is a list of edits.
    let style = findings
        .iter()
        .find(|f| f["code"] == "numbering.marker-style" && f["line"] == 9)
        .expect("marker-style on line 9");
    assert_eq!((style["column"].as_u64(), style["end_column"].as_u64()), (Some(1), Some(5)));
    assert_eq!(style["severity"], "warning");
    assert_eq!(style["fix"][0]["new_text"], "（二）");
    assert_eq!((style["fix"][0]["line"].as_u64(), style["fix"][0]["end_column"].as_u64()), (Some(9), Some(5)));
    let gap = findings.iter().find(|f| f["code"] == "numbering.gap").expect("gap");
    assert!(gap["fix"].is_null());
}

#[test]
fn check_human_shows_the_line_and_the_code() {
    let out = workplan().args(["check", &example()]).output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("警告[numbering.gap]"), "{text}");
    assert!(text.contains("四、坚持开放合作，提升园区能级"), "{text}");
    assert!(text.contains("2026-gaoxin-plan.txt:15:1"), "{text}");
}

#[test]
fn exit_codes_clean_findings_and_errors() {
    workplan().args(["check", "-"]).write_stdin("一、甲\n二、乙\n").assert().code(0);
    workplan().args(["check", "-"]).write_stdin("一、甲\n三、乙\n").assert().code(1);
    workplan().args(["check", "/nonexistent/draft.txt"]).assert().code(2);
    workplan().args(["check", "--format", "xml", "-"]).assert().code(2);
    workplan().args(["check", "-"]).write_stdin(vec![0x00, 0x01, 0x02, 0xff]).assert().code(2);
}

#[test]
fn information_findings_alone_exit_clean() {
    // numbering.mixed-style is information: reported, but not a failure.
    let out = workplan().args(["check", "--format", "json", "-"]).write_stdin("1.甲\n2．乙\n").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["severity"], "information");
}

#[test]
fn folders_are_searched_for_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "一、甲\n三、乙\n").expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/b.md"), "## 一、甲\n## 三、乙\n").expect("write");
    std::fs::write(dir.path().join("sub/c.docx.bak"), "一、甲\n三、乙\n").expect("write");
    let out = workplan().args(["check", "--format", "json"]).arg(dir.path()).output().expect("runs");
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    let paths: Vec<&str> = findings.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.txt") && paths[1].ends_with("b.md"), "{paths:?}");
}

#[test]
fn citations_are_compared_across_the_files_checked_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cite = |n: u32| format!("一、重点工作\n贯彻《关于加快发展的意见》（苏政发〔2024〕{n}号）。\n");
    std::fs::write(dir.path().join("a.txt"), cite(5)).expect("write");
    std::fs::write(dir.path().join("b.txt"), cite(6)).expect("write");
    std::fs::write(dir.path().join("c.txt"), cite(5)).expect("write");
    let out = workplan()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.txt", "b.txt"])
        .output()
        .expect("runs");
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(&str, &str)> =
        findings.iter().map(|f| (f["path"].as_str().unwrap_or(""), f["message"].as_str().unwrap_or(""))).collect();
    assert_eq!(
        got,
        [
            ("a.txt", "同一文件《关于加快发展的意见》在“b.txt”第2行引作“苏政发〔2024〕6号”，此处引作“苏政发〔2024〕5号”，请核对发文字号。"),
            ("b.txt", "同一文件《关于加快发展的意见》在“a.txt”第2行引作“苏政发〔2024〕5号”，此处引作“苏政发〔2024〕6号”，请核对发文字号。"),
        ]
    );
    assert_eq!(
        (findings[0]["line"].clone(), findings[0]["column"].clone()),
        (serde_json::json!(2), serde_json::json!(15))
    );
    // Files that agree, or one file alone, say nothing.
    for files in [&["a.txt", "c.txt"][..], &["b.txt"]] {
        let out =
            workplan().current_dir(dir.path()).args(["check", "--format", "json"]).args(files).output().expect("runs");
        assert_eq!(out.stdout, b"[]\n", "{files:?}");
    }
}

#[test]
fn targets_are_compared_with_last_years_outturns_of_the_same_issuer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("2025年总结.txt", "某某高新区2025年工作总结\n\n2025年，全区实现营业收入520亿元，高新技术企业达到320家。\n");
    write("2026年要点.txt", "某某高新区2026年工作要点\n\n全区营业收入达到500亿元，高新技术企业达到330家。\n");
    // Another body's report: its figures are not this zone's.
    write("市报告.txt", "某某市2025年工作总结\n\n2025年，全市实现营业收入5200亿元。\n");
    let check = |files: &[&str]| {
        let out =
            workplan().current_dir(dir.path()).args(["check", "--format", "json"]).args(files).output().expect("runs");
        let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
        findings
            .iter()
            .map(|f| format!("{}:{}:{} {}", f["path"], f["line"], f["column"], f["message"].as_str().unwrap_or("")))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        check(&["2025年总结.txt", "2026年要点.txt", "市报告.txt"]),
        ["\"2026年要点.txt\":3:9 “营业收入”2026年的目标“500亿元”低于2025年的实绩“520亿元”（“2025年总结.txt”第3行）：目标低于上年实绩即计划下降，请核对是否沿用了上年的目标或写错了年份。"]
    );
    assert_eq!(check(&["2026年要点.txt", "市报告.txt"]), Vec::<String>::new());
    assert_eq!(check(&["2026年要点.txt"]), Vec::<String>::new());
}

#[test]
fn bom_is_not_part_of_the_first_line() {
    let out =
        workplan().args(["check", "--format", "json", "-"]).write_stdin("\u{feff}一.甲\n").output().expect("runs");
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(findings[0]["column"], 1);
}

#[test]
fn outline_json_and_text() {
    let out = workplan().args(["outline", "--format", "json", &example()]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let tree: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(tree[0]["marker"], "一、");
    assert_eq!(tree[0]["title"], "坚持创新驱动，培育发展新动能");
    assert_eq!(tree[0]["level"], 1);
    assert_eq!(tree[0]["line"], 7);
    assert_eq!(tree[0]["children"][0]["children"][0]["marker"], "一是");
    let text = workplan().args(["outline", &example()]).output().expect("runs");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(text.contains("    7  一、坚持创新驱动，培育发展新动能\n"), "{text}");
    assert!(text.contains("    8    （一）壮大创新主体\n"), "{text}");
}

#[test]
fn rules_lists_every_rule() {
    let out = workplan().arg("rules").output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for code in [
        "numbering.gap",
        "numbering.marker-style",
        "numbering.mixed-style",
        "numbering.level-order",
        "enumeration.gap",
        "count.announced",
        "count.listed",
    ] {
        assert!(text.contains(code), "{code} missing from:\n{text}");
    }
}

#[test]
fn fix_rewrites_in_place_keeping_bom_and_crlf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.txt");
    let original = "\u{feff}一、总体要求\r\n（一）、加强党建。增长１０％。\r\n二、重点任务\r\n附:说明\r\n";
    std::fs::write(&path, original).expect("write");
    let out = workplan().args(["check", "--fix", "--format", "json"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let fixed = std::fs::read(&path).expect("read back");
    assert_eq!(
        String::from_utf8(fixed).expect("utf-8"),
        "\u{feff}一、总体要求\r\n（一）加强党建。增长10%。\r\n二、重点任务\r\n附：说明\r\n"
    );
    let remaining: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(remaining.is_empty(), "{remaining:?}");
    // Nothing left behind but the draft.
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Fixing again changes nothing.
    let before = std::fs::read(&path).expect("read");
    workplan().args(["check", "--fix"]).arg(&path).assert().code(0);
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn config_file_turns_rules_off_and_ignores_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("plan.txt"), "一、甲\n三、乙\n附:说明\n（二）、建设").expect("write");
    let config = dir.path().join("workplan.toml");
    std::fs::write(&config, "[rules]\n\"numbering.gap\" = \"off\"\n\n[[ignore]]\nfile = \"plan.txt\"\ncode = \"punct.halfwidth\"\ntext = \"附:说明\"\n").expect("write");
    let out =
        workplan().current_dir(dir.path()).args(["check", "--format", "json", "plan.txt"]).output().expect("runs");
    let codes: Vec<String> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .expect("json")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(codes, ["numbering.marker-style"]);
    // --config names a file explicitly; a broken one is a usage error with the reason.
    std::fs::write(&config, "[rules]\n\"no.such.rule\" = \"off\"\n").expect("write");
    let out =
        workplan().args(["check", "--config"]).arg(&config).arg(dir.path().join("plan.txt")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no.such.rule"));
}

#[test]
fn stdin_cannot_be_fixed_in_place_but_is_checked() {
    let out =
        workplan().args(["check", "--fix", "--format", "json", "-"]).write_stdin("一.甲\n").output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不能就地修正"));
}

/// A JSON-RPC message as the language server reads it from stdin.
fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;

/// LSP: `exit` after `shutdown` ends the server with code 0, `exit` without it with 1.
#[test]
fn the_language_server_exits_with_1_unless_shut_down_first() {
    let initialize = framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    let (shutdown, exit) = (framed(SHUTDOWN), framed(EXIT));
    for (input, code) in [(format!("{initialize}{shutdown}{exit}"), 0), (format!("{initialize}{exit}"), 1)] {
        workplan().arg("lsp").write_stdin(input).assert().code(code);
    }
}

/// `WORKPLAN_LOG=workplan=debug` (as the READMEs advise) logs the session to stderr: the
/// client, each draft opened with its size (and each publication, which this session, ended
/// in the batch that opens the draft, does not reach), and not every response whole, as
/// `debug` for every target does; by default only problems.
#[test]
fn the_language_server_logs_its_session_at_debug_level() {
    let initialize = framed(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"clientInfo":{"name":"试验客户端"}}}"#,
    );
    let open = framed(
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/a.txt","languageId":"plaintext","version":1,"text":"一、总体要求\n"}}}"#,
    );
    let input = format!(
        "{initialize}{}{open}{}{}",
        framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        framed(SHUTDOWN),
        framed(EXIT)
    );
    let logged = |level: Option<&str>| {
        let mut cmd = workplan();
        cmd.arg("lsp").write_stdin(input.clone());
        if let Some(level) = level {
            cmd.env("WORKPLAN_LOG", level);
        }
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let debug = logged(Some("workplan=debug"));
    assert!(debug.contains("试验客户端"), "{debug}");
    assert!(debug.contains("opened file:///tmp/a.txt: 19 bytes, 2 lines"), "{debug}");
    assert!(!debug.contains("\"result\""), "{debug}");
    assert!(logged(Some("debug")).contains("\"result\""));
    let quiet = logged(None);
    assert!(!quiet.contains("opened"), "{quiet}");
}
