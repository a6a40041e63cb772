//! `--format xlsx` (issue 17): the workbooks of `targets`, `tasks` and `diff`, read back by a
//! spreadsheet reader (openpyxl, installed into .tools/venv by scripts/install-test-tools),
//! hold exactly the cells of the CSV of the same command — whole numbers as numbers — under
//! a bold header.

mod editor_support;

use std::process::Command;

use editor_support::{require, root, SERVER_BIN};
use serde_json::{json, Value};

const READ: &str = r#"
import json, sys, openpyxl
sheet = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in row] for row in sheet.iter_rows()]
print(json.dumps({"rows": rows, "bold": [c.font.b for c in sheet[1]], "frozen": sheet.freeze_panes}, ensure_ascii=False))
"#;

fn output(args: &[&str]) -> Vec<u8> {
    let out = Command::new(SERVER_BIN).args(args).current_dir(root()).output().expect("runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The CSV's cells, whole numbers as JSON numbers.
fn csv_cells(args: &[&str]) -> Vec<Vec<Value>> {
    let bytes = output(&[args, &["--format", "csv"]].concat());
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("record")
                .iter()
                .map(|c| match c.parse::<u64>() {
                    Ok(n) if !c.starts_with('0') || c == "0" => json!(n),
                    _ => json!(c),
                })
                .collect()
        })
        .collect()
}

#[test]
fn workbooks_hold_the_cells_of_the_csv() {
    let python = root().join(".tools/venv/bin/python");
    let found = if python.exists() { Ok(()) } else { Err(format!("no {}", python.display())) };
    let Some(()) =
        require(found, "xlsx", |why| format!("reading .xlsx needs openpyxl ({why}); run scripts/install-test-tools"))
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [&[&str]; 3] = [
        &["targets", "examples/2026-gaoxin-plan.txt"],
        &["tasks", "tests/fixtures/tasks/2026-gaoxin-tasks.txt"],
        &["diff", "tests/fixtures/diff/2026-plan-zhengqiu.txt", "tests/fixtures/diff/2026-plan-songshen.txt"],
    ];
    for args in cases {
        let file = dir.path().join(format!("{}.xlsx", args[0]));
        std::fs::write(&file, output(&[args, &["--format", "xlsx"]].concat())).expect("written");
        let read = Command::new(&python).arg("-c").arg(READ).arg(&file).output().expect("python runs");
        assert!(read.status.success(), "{args:?}: {}", String::from_utf8_lossy(&read.stderr));
        let book: Value = serde_json::from_slice(&read.stdout).expect("json");
        let rows: Vec<Vec<Value>> = serde_json::from_value(book["rows"].clone()).expect("rows");
        // openpyxl reads an empty cell as null, the CSV as "".
        let rows: Vec<Vec<Value>> = rows
            .into_iter()
            .map(|r| r.into_iter().map(|c| if c.is_null() { json!("") } else { c }).collect())
            .collect();
        let rows: Vec<Vec<Value>> = rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|c| c.as_f64().filter(|f| f.fract() == 0.0).map_or(c.clone(), |f| json!(f as u64)))
                    .collect()
            })
            .collect();
        assert_eq!(rows, csv_cells(args), "{args:?}");
        assert!(rows.len() > 5, "{args:?}: {} rows", rows.len());
        assert!(book["bold"].as_array().expect("bold").iter().all(|b| b == true), "{args:?}: {}", book["bold"]);
        assert_eq!(book["frozen"], "A2", "{args:?}");
        if args[0] == "tasks" {
            // One row as a person sees it opening the workbook; the line a number.
            assert_eq!(
                rows[2],
                [
                    json!("一、（一）"),
                    json!("加快建设高能级创新平台"),
                    json!("区科技局"),
                    json!("区发改局、区财政局"),
                    json!("2026年12月底"),
                    json!("tests/fixtures/tasks/2026-gaoxin-tasks.txt"),
                    json!(6)
                ]
            );
        }
    }
}
