//! What `check` prints for people: excerpts with the marker under the right characters on
//! long Chinese lines, the concise format, per-rule statistics, rule selection, colours only
//! where wanted, help that explains; and every command ends quietly when its reader goes.

mod shared_corpus;

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;
use shared_corpus::real_documents;
use unicode_width::UnicodeWidthChar;

/// The command with no colour asked for, whatever the environment running the tests says.
fn workplan() -> Command {
    let mut cmd = Command::cargo_bin("workplan").expect("binary built");
    cmd.env_remove("CLICOLOR_FORCE");
    cmd
}

fn example() -> String {
    format!("{}/examples/2026-gaoxin-plan.txt", env!("CARGO_MANIFEST_DIR"))
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("utf-8")
}

fn columns(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// For every finding of the real documents, the characters above the marker of its human
/// excerpt are those its JSON columns name (a prefix of them where a very long span is cut).
#[test]
fn every_excerpt_of_the_real_documents_marks_its_span() {
    let Some(files) = real_documents() else { return };
    let json: Vec<Value> =
        serde_json::from_str(&stdout_of(workplan().args(["check", "--format", "json"]).args(&files))).expect("json");
    let human = stdout_of(workplan().arg("check").args(&files));
    let blocks: Vec<&str> = human.split("\n\n").filter(|b| b.contains(" --> ") || b.contains("  --> ")).collect();
    assert_eq!(blocks.len(), json.len(), "one excerpt per finding");
    assert!(json.len() > 200, "{} findings", json.len());
    let texts: std::collections::HashMap<String, Vec<String>> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("read");
            (f.display().to_string(), text.lines().map(String::from).collect())
        })
        .collect();
    for (block, f) in blocks.iter().zip(&json) {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines.len(), 5, "{block}");
        let line_no = f["line"].as_u64().expect("line") as usize;
        let gutter = format!("{line_no} | ");
        let shown = lines[3].strip_prefix(&gutter).unwrap_or_else(|| panic!("gutter {gutter:?} in {block}"));
        let marker_line = &lines[4][gutter.len()..];
        let marker_at = marker_line.len() - marker_line.trim_start_matches(' ').len();
        let marker_width = marker_line[marker_at..].chars().take_while(|&c| c == '^').count();
        let mut col = 0;
        let under: String = shown
            .chars()
            .filter(|&c| {
                let here = col;
                col += columns(c);
                here >= marker_at && here < marker_at + marker_width
            })
            .collect();
        let source = &texts[f["path"].as_str().expect("path")][line_no - 1];
        let (start, end) =
            (f["column"].as_u64().expect("col") as usize - 1, f["end_column"].as_u64().expect("end") as usize - 1);
        let expected: String =
            source.chars().skip(start).take(end - start).map(|c| if c.is_control() { ' ' } else { c }).collect();
        if expected.is_empty() {
            assert_eq!(marker_width, 1, "{block}");
        } else if under != expected {
            assert!(
                shown.ends_with("...") && expected.starts_with(&under) && !under.is_empty(),
                "{block}\nwant {expected:?}\ngot {under:?}"
            );
        }
        assert!(shown.chars().map(columns).sum::<usize>() <= 110, "{block}");
    }
}

#[test]
fn concise_statistics_and_selection() {
    let concise = stdout_of(workplan().args(["check", "--format", "concise", &example()]));
    assert!(
        concise.lines().any(|l| l.ends_with(
            "2026-gaoxin-plan.txt:15:1: numbering.gap 序号跳号：上一个同级序号是“二、”，此处“四、”应为“三、”。"
        ) || l.contains("2026-gaoxin-plan.txt:15:1: numbering.gap ")),
        "{concise}"
    );
    assert!(concise.contains("其中 3 处可用 --fix 自动修正"), "{concise}");

    let stats = stdout_of(workplan().args(["check", "--statistics", &example()]));
    let marker = stats.lines().find(|l| l.contains("numbering.marker-style")).expect("a row per rule");
    assert!(marker.trim_start().starts_with("3 ") && marker.contains("可修正 3"), "{stats}");
    assert!(!stats.contains("-->"), "statistics instead of each finding: {stats}");

    let codes = |args: &[&str]| -> Vec<String> {
        let out = stdout_of(workplan().args(["check", "--format", "json"]).args(args).arg(example()));
        let v: Vec<Value> = serde_json::from_str(&out).expect("json");
        v.iter().map(|f| f["code"].as_str().unwrap_or_default().to_string()).collect()
    };
    assert!(codes(&["--select", "numbering"]).iter().all(|c| c.starts_with("numbering.")));
    assert!(codes(&["--select", "numbering"]).iter().any(|c| c == "numbering.gap"));
    let ignored = codes(&["--ignore", "numbering.marker-style,count"]);
    assert!(!ignored.iter().any(|c| c == "numbering.marker-style" || c.starts_with("count.")), "{ignored:?}");
    assert!(ignored.iter().any(|c| c == "numbering.gap"));
    let out = workplan().args(["check", "--ignore", "punctuation", &example()]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("punctuation"));
}

#[test]
fn labels_are_chinese_and_a_deletion_says_so() {
    let out = stdout_of(workplan().args(["check", "-"]).write_stdin("全年新增5 万台设备。\n"));
    assert!(out.contains("警告[unit.space]"), "{out}");
    assert!(out.contains("可删除多余空格"), "{out}");
    for english in ["warning", "help:", "info:", "note:"] {
        assert!(!out.contains(english), "{english} in {out}");
    }
}

#[test]
fn colour_only_where_wanted() {
    let painted = stdout_of(workplan().args(["check", &example()]).env("CLICOLOR_FORCE", "1").env_remove("NO_COLOR"));
    assert!(painted.contains('\x1b'), "{painted}");
    let plain = stdout_of(workplan().args(["check", &example()]).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1"));
    assert!(!plain.contains('\x1b'), "{plain}");
    assert!(!stdout_of(workplan().args(["check", &example()])).contains('\x1b'), "not a terminal");
}

#[test]
fn help_explains_exit_codes_config_and_a_missing_path() {
    let help = stdout_of(workplan().args(["check", "--help"]));
    for needed in ["退出码", "workplan.toml", "--select", "--ignore", "--statistics", "concise", "GB18030"] {
        assert!(help.contains(needed), "{needed} missing from {help}");
    }
    let out = workplan().arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("请给出要检查的草稿或文件夹"));
}

/// `workplan rules | head -1` and the like: the reader goes away, the command ends quietly.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let big = tempfile::tempdir().expect("tempdir");
    let draft = big.path().join("big.txt");
    let text = std::fs::read_to_string(example()).expect("example").repeat(200);
    std::fs::write(&draft, text).expect("write");
    let draft = draft.display().to_string();
    for args in
        [vec!["rules"], vec!["outline", &draft], vec!["targets", &draft], vec!["tasks", &draft], vec!["check", &draft]]
    {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("workplan"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
        let status = child.wait().expect("waits");
        assert_ne!(status.code(), Some(101), "{args:?} panicked: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

/// A paragraph-long sentence with thousands of figures: each row of the indicator table
/// quotes the stretch around its own figure, not the whole line (which cost the line's
/// length per row: gigabytes for one long line).
#[test]
fn target_rows_of_a_long_line_quote_their_own_stretch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    let line: String = (0..3000).map(|i| format!("地区生产总值达到{}亿元，", 1000 + i)).collect();
    std::fs::write(&path, format!("2027年，{line}\n")).expect("written");
    let out = stdout_of(workplan().args(["targets", "--format", "json"]).arg(&path));
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.len(), 3000);
    for row in &rows {
        let text = row["text"].as_str().expect("text");
        assert!(text.chars().count() <= 402, "{} characters", text.chars().count());
        let figure = format!("达到{}亿元", row["value"].as_str().expect("value"));
        assert!(text.contains(&figure), "{figure} not in {text}");
    }
}

/// `targets` and `tasks` write CSV with a UTF-8 byte order mark, so that Excel and WPS open
/// the Chinese right; the header follows it, then one record per row.
#[test]
fn csv_opens_with_a_byte_order_mark() {
    let fixture = format!("{}/tests/fixtures/tasks/2026-gaoxin-tasks.txt", env!("CARGO_MANIFEST_DIR"));
    for (command, file, header) in [
        ("targets", example(), "指标,期间,类型,口径,数值,文件,行"),
        ("tasks", fixture, "序号,任务,牵头单位,责任/配合单位,完成时限,文件,行"),
    ] {
        let out = stdout_of(workplan().args([command, "--format", "csv"]).arg(&file));
        let body = out.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("{command}: no BOM"));
        let mut lines = body.lines();
        assert_eq!(lines.next(), Some(header), "{command}");
        assert!(lines.count() > 5, "{command}");
    }
}

/// The task ledger of the fixture, as people see it and as machines read it.
#[test]
fn tasks_table_and_json() {
    let run = |format: &str| {
        stdout_of(workplan().current_dir(env!("CARGO_MANIFEST_DIR")).args([
            "tasks",
            "--format",
            format,
            "tests/fixtures/tasks/2026-gaoxin-tasks.txt",
        ]))
    };
    insta::assert_snapshot!("tasks_table", run("table"));
    insta::assert_snapshot!("tasks_markdown", run("markdown"));
    let rows: Vec<Value> = serde_json::from_str(&run("json")).expect("json");
    assert_eq!(rows.len(), 17);
    assert_eq!(
        rows[1],
        serde_json::json!({
            "path": "tests/fixtures/tasks/2026-gaoxin-tasks.txt",
            "line": 6,
            "number": "一、（一）",
            "title": "加快建设高能级创新平台",
            "lead": ["区科技局"],
            "others": ["区发改局", "区财政局"],
            "deadline": "2026年12月底"
        })
    );
}
