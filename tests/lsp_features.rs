//! In-process LSP tests of what builds on the diagnostics: quick fixes, fix-all, formatting,
//! “ignore here”, rule documentation links, and configuration from workplan.toml and from
//! the client's settings (the file wins; a broken file is reported and the server serves on).

mod support;

use serde_json::{json, Value};
use support::{edit, full_text, Encoding, TestClient};

const DRAFT: &str = "一、总体要求\n（二）、建设平台。增长１０％。\n附:说明\n";

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// A client with a workspace folder at `root`, able to create files in workspace edits.
async fn client_in(root: &std::path::Path) -> TestClient {
    let mut c = TestClient::start();
    c.initialize_with(json!({
        "processId": null,
        "rootUri": file_uri(root),
        "workspaceFolders": [{ "uri": file_uri(root), "name": "plans" }],
        "capabilities": {
            "general": { "positionEncodings": ["utf-16"] },
            "textDocument": { "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true } },
            "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] } }
        }
    }))
    .await;
    c
}

/// A fresh workspace folder with `plan.txt` open: the folder (kept alive), the client,
/// the draft's URI and its first diagnostics.
async fn opened(text: &str) -> (tempfile::TempDir, TestClient, String, Vec<Value>) {
    opened_with_config(None, text).await
}

/// The same with a workplan.toml in the folder.
async fn opened_with_config(config: Option<&str>, text: &str) -> (tempfile::TempDir, TestClient, String, Vec<Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    if let Some(config) = config {
        std::fs::write(dir.path().join("workplan.toml"), config).expect("write");
    }
    let mut c = client_in(dir.path()).await;
    let u = file_uri(&dir.path().join("plan.txt"));
    c.open(&u, text, 1);
    let d = c.wait_diagnostics(&u, 1).await;
    (dir, c, u, d)
}

/// The “在 workplan.toml 中忽略此处” action among `actions`.
fn ignore_here(actions: &Value) -> &Value {
    actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("忽略此处")))
        .expect("ignore here")
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter_map(|d| d["code"].as_str()).collect()
}

fn whole_document() -> Value {
    json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_per_finding_and_fix_all() {
    let (_dir, mut c, u, diagnostics) = opened(DRAFT).await;
    assert_eq!(codes(&diagnostics), ["numbering.marker-style", "unit.fullwidth-digit", "punct.halfwidth"]);
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": u }, "range": diagnostics[0]["range"], "context": { "diagnostics": [diagnostics[0]] } }),
        )
        .await;
    let fix = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a quick fix");
    assert_eq!(fix["title"], "改为“（二）”");
    let edits = &fix["edit"]["changes"][&u];
    assert_eq!(edits[0]["newText"], "（二）");
    assert_eq!(edits[0]["range"], Encoding::Utf16.range_of(DRAFT, "（二）、", 0));
    assert_eq!(fix["diagnostics"][0]["code"], "numbering.marker-style");

    let all = c
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": u }, "range": whole_document(), "context": { "diagnostics": [], "only": ["source.fixAll.workplan"] } }),
        )
        .await;
    let all = all.as_array().expect("actions");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.workplan");
    assert_eq!(all[0]["edit"]["changes"][&u].as_array().map(Vec::len), Some(3));

    // Formatting applies the same safe fixes.
    let edits = c
        .call(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": u }, "options": { "tabSize": 4, "insertSpaces": true } }),
        )
        .await;
    let new_texts: Vec<&str> = edits.as_array().expect("edits").iter().filter_map(|e| e["newText"].as_str()).collect();
    assert_eq!(new_texts, ["（二）", "10%", "："]);
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_link_to_the_rule_documentation() {
    let (_dir, c, _u, d) = opened("一、甲\n三、乙\n").await;
    let href = d[0]["codeDescription"]["href"].as_str().expect("a documentation link");
    let path = href.strip_prefix("file://").expect("a local file");
    let page = std::fs::read_to_string(path).expect("the page exists");
    assert!(page.contains("numbering.gap") && page.contains("GB/T 9704"), "{page}");
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workplan_toml_configures_and_ignore_here_appends_to_it() {
    let (dir, mut c, u, diagnostics) =
        opened_with_config(Some("[rules]\n\"unit.fullwidth-digit\" = \"off\"\n"), DRAFT).await;
    assert_eq!(codes(&diagnostics), ["numbering.marker-style", "punct.halfwidth"]);

    let punct = diagnostics[1].clone();
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": u }, "range": punct["range"], "context": { "diagnostics": [punct] } }),
        )
        .await;
    let ignore = ignore_here(&actions);
    let config_uri = file_uri(&dir.path().join("workplan.toml"));
    let inserted = ignore["edit"]["changes"][&config_uri][0]["newText"].as_str().expect("an appended entry");
    assert!(
        inserted.contains("[[ignore]]")
            && inserted.contains("file = \"plan.txt\"")
            && inserted.contains("punct.halfwidth")
            && inserted.contains("附:说明"),
        "{inserted}"
    );

    // The editor applies the edit and saves: the finding goes away.
    let mut text = std::fs::read_to_string(dir.path().join("workplan.toml")).expect("read");
    text.push_str(inserted);
    std::fs::write(dir.path().join("workplan.toml"), &text).expect("write");
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] }));
    c.wait_codes(&u, 1, &["numbering.marker-style"]).await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ignore_here_creates_workplan_toml_when_there_is_none() {
    let (_dir, mut c, u, d) = opened("附:说明\n").await;
    let actions = c
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": u }, "range": d[0]["range"], "context": { "diagnostics": d } }),
        )
        .await;
    let ignore = ignore_here(&actions);
    let ops = ignore["edit"]["documentChanges"].as_array().expect("document changes");
    assert_eq!(ops[0]["kind"], "create");
    assert!(ops[1]["edits"][0]["newText"].as_str().is_some_and(|t| t.contains("[[ignore]]")));
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_workplan_toml_is_reported_and_the_defaults_apply() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("workplan.toml"), "[rules]\n\"unit.fullwidth-digit\" = \"loud\"\n").expect("write");
    let mut c = client_in(dir.path()).await;
    let config_uri = file_uri(&dir.path().join("workplan.toml"));
    let problem = c.wait_unversioned_diagnostics(&config_uri).await;
    assert_eq!(problem.len(), 1, "{problem:?}");
    assert!(problem[0]["message"].as_str().is_some_and(|m| m.contains("loud")), "{problem:?}");
    let u = file_uri(&dir.path().join("plan.txt"));
    c.open(&u, DRAFT, 1);
    assert_eq!(
        codes(&c.wait_diagnostics(&u, 1).await),
        ["numbering.marker-style", "unit.fullwidth-digit", "punct.halfwidth"]
    );

    // Opening the file in the editor and fixing it there takes effect at once.
    c.open_as(&config_uri, "toml", "[rules]\n\"unit.fullwidth-digit\" = \"loud\"\n", 1);
    let again = c.wait_unversioned_diagnostics(&config_uri).await;
    // The finding points at the setting's line.
    assert_eq!(again[0]["range"]["start"]["line"], 1, "{again:?}");
    c.change(&config_uri, 2, vec![full_text("[rules]\n\"unit.fullwidth-digit\" = \"off\"\n")]);
    assert_eq!(c.wait_unversioned_diagnostics(&config_uri).await, Vec::<Value>::new());
    c.wait_codes(&u, 1, &["numbering.marker-style", "punct.halfwidth"]).await;
    c.shutdown_and_exit().await;
}

/// A paragraph's own finding is published again from its JSON while its line stays as it
/// was; a new configuration can change what it says on a line that did not change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_configuration_rewrites_the_findings_of_lines_that_did_not_change() {
    let term = |right: &str| format!("[[term]]\nwrong = \"规模上工业\"\nright = \"{right}\"\n");
    let text = "规模上工业增加值增长6%。\n";
    let (dir, mut c, u, d) = opened_with_config(Some(&term("规模以上工业")), text).await;
    let said = |d: &[Value]| {
        d.iter().filter(|d| d["code"] == "term.preferred").map(|d| d["message"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(said(&d), [json!("按本单位用语规范，“规模上工业”应写作“规模以上工业”。")], "{d:?}");

    std::fs::write(dir.path().join("workplan.toml"), term("规上工业")).expect("write");
    let config_uri = file_uri(&dir.path().join("workplan.toml"));
    c.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] }));
    let again = c.wait_diagnostics(&u, 1).await;
    assert_eq!(said(&again), [json!("按本单位用语规范，“规模上工业”应写作“规上工业”。")], "{again:?}");
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_settings_apply_and_the_file_wins() {
    let (_dir, mut c, u, _) = opened_with_config(Some("[rules]\n\"punct.halfwidth\" = \"warning\"\n"), DRAFT).await;
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "workplan": { "rules": { "numbering.marker-style": "off", "punct.halfwidth": "off" } } } }),
    );
    c.wait_codes(&u, 1, &["unit.fullwidth-digit", "punct.halfwidth"]).await;
    c.change(&u, 2, vec![edit(Encoding::Utf16.range_of(DRAFT, "附", 0), "注")]);
    assert_eq!(codes(&c.wait_diagnostics(&u, 2).await), ["unit.fullwidth-digit", "punct.halfwidth"]);
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_get_only_the_diagnostic_fields_they_declare() {
    let mut c = TestClient::initialized(json!({ "general": { "positionEncodings": ["utf-16"] } })).await;
    let u = support::uri("bare.txt");
    c.open(&u, "一、甲\n三、乙\n", 1);
    let d = c.wait_diagnostics(&u, 1).await;
    assert_eq!(codes(&d), ["numbering.gap"]);
    assert!(d[0].get("codeDescription").is_none() && d[0].get("relatedInformation").is_none(), "{d:?}");
    c.shutdown_and_exit().await;
}
