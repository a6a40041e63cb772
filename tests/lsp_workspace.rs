//! In-process LSP tests across drafts: hover over an indicator shows every target stated
//! for it (this draft and the other drafts of the workspace, newest first), references,
//! workspace symbols and the `workplan.targets` command.

mod support;

use serde_json::{json, Value};
use support::{Encoding, TestClient};

const OLDER: &str =
    "某某高新区2023年工作要点\n主要预期目标是：地区生产总值增长6%，固定资产投资增长8%。\n一、稳增长\n（一）抓投资。\n";
const NEWER: &str = "某某高新区2024年工作要点\n主要预期目标是：地区生产总值达到480亿元、增长7%左右，固定资产投资增长10%。\n一、稳增长\n（一）抓投资。固定资产投资增长12%，连接设备数达到5万台，推广“1万台”示范工程。\n";

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

struct Workspace {
    _dir: tempfile::TempDir,
    client: TestClient,
    older: String,
    newer: String,
}

/// Two drafts of consecutive years on disk; the newer one open in the editor.
async fn workspace() -> Workspace {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("2023-plan.txt"), OLDER).expect("write");
    std::fs::write(dir.path().join("2024-plan.txt"), NEWER).expect("write");
    let mut client = TestClient::start();
    client
        .initialize_with(json!({
            "processId": null,
            "rootUri": file_uri(dir.path()),
            "workspaceFolders": [{ "uri": file_uri(dir.path()), "name": "plans" }],
            "capabilities": { "general": { "positionEncodings": ["utf-16"] }, "window": { "workDoneProgress": true } }
        }))
        .await;
    let older = file_uri(&dir.path().join("2023-plan.txt"));
    let newer = file_uri(&dir.path().join("2024-plan.txt"));
    client.open(&newer, NEWER, 1);
    client.wait_diagnostics(&newer, 1).await;
    Workspace { _dir: dir, client, older, newer }
}

async fn hover_at(c: &mut TestClient, uri: &str, text: &str, needle: &str, nth: usize) -> Value {
    c.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": Encoding::Utf16.position_of(text, needle, nth) }),
    )
    .await
}

/// Hovers until the workspace index has been built (it is built in the background).
async fn hover_with_index(c: &mut TestClient, uri: &str, text: &str, needle: &str) -> String {
    for _ in 0..100 {
        let h = hover_at(c, uri, text, needle, 0).await;
        let value = h["contents"]["value"].as_str().unwrap_or_default().to_string();
        if value.contains("其他草稿") {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the hover never showed the other draft");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_this_and_last_years_targets() {
    let mut w = workspace().await;
    let markdown = hover_with_index(&mut w.client, &w.newer, NEWER, "地区生产总值").await;
    assert!(markdown.starts_with("**地区生产总值**"), "{markdown}");
    assert!(markdown.contains("| 2024年 | 总量 | 目标 | 480亿元 | 480亿元 |"), "{markdown}");
    assert!(markdown.contains("| 2024年 | 增速 | 目标 | 7%左右 |"), "{markdown}");
    assert!(markdown.contains("2023-plan.txt（2023年）"), "{markdown}");
    assert!(markdown.contains("| 2023年 | 增速 | 目标 | 6% |"), "{markdown}");
    assert!(markdown.contains(&format!("({}#L2)", w.older)), "{markdown}");
    // The hover range is the indicator name.
    let h = hover_at(&mut w.client, &w.newer, NEWER, "地区生产总值", 0).await;
    assert_eq!(h["range"], Encoding::Utf16.range_of(NEWER, "地区生产总值", 0));
    w.client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_over_a_value_shows_the_verdict_of_the_checks() {
    let mut w = workspace().await;
    // 固定资产投资 10% (goals) vs 12% (body): a conflict, shown on both statements' hovers.
    let h = hover_at(&mut w.client, &w.newer, NEWER, "12%", 0).await;
    let markdown = h["contents"]["value"].as_str().expect("markdown");
    assert!(markdown.starts_with("**固定资产投资**"), "{markdown}");
    assert!(markdown.contains("target.conflict"), "{markdown}");
    // An indicator outside the lexicon is a statement too.
    let h = hover_at(&mut w.client, &w.newer, NEWER, "5万台", 0).await;
    assert!(h["contents"]["value"].as_str().is_some_and(|m| m.starts_with("**连接设备数**")), "{h}");
    // A quantity that is not a statement (a quoted name) shows its value in base units.
    let h = hover_at(&mut w.client, &w.newer, NEWER, "1万台", 0).await;
    assert_eq!(h["contents"]["value"], "1万台 = 10000 台");
    // Plain text gives no hover.
    let h = hover_at(&mut w.client, &w.newer, NEWER, "稳增长", 0).await;
    assert!(h.is_null(), "{h}");
    w.client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_span_every_draft() {
    let mut w = workspace().await;
    hover_with_index(&mut w.client, &w.newer, NEWER, "固定资产投资").await;
    let refs = w
        .client
        .call(
            "textDocument/references",
            json!({
                "textDocument": { "uri": w.newer },
                "position": Encoding::Utf16.position_of(NEWER, "固定资产投资", 0),
                "context": { "includeDeclaration": true }
            }),
        )
        .await;
    let places: Vec<(String, u64)> = refs
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| (l["uri"].as_str().unwrap_or("").to_string(), l["range"]["start"]["line"].as_u64().unwrap_or(99)))
        .collect();
    assert_eq!(places, [(w.newer.clone(), 1), (w.newer.clone(), 3), (w.older.clone(), 1)]);
    w.client.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_and_the_targets_command() {
    let mut w = workspace().await;
    hover_with_index(&mut w.client, &w.newer, NEWER, "地区生产总值").await;
    let symbols = w.client.call("workspace/symbol", json!({ "query": "地区生产" })).await;
    let found: Vec<(&str, &str)> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| (s["name"].as_str().unwrap_or(""), s["location"]["uri"].as_str().unwrap_or("")))
        .collect();
    assert!(
        found.contains(&("地区生产总值", w.newer.as_str())) && found.contains(&("地区生产总值", w.older.as_str())),
        "{found:?}"
    );
    let headings = w.client.call("workspace/symbol", json!({ "query": "稳增长" })).await;
    assert_eq!(headings.as_array().map(Vec::len), Some(2), "{headings}");

    let table = w
        .client
        .call("workspace/executeCommand", json!({ "command": "workplan.targets", "arguments": [w.newer] }))
        .await;
    let rows = table.as_array().expect("rows");
    assert_eq!(rows.len(), 5, "{table}");
    let first = &rows[0];
    for key in [
        "path",
        "line",
        "column",
        "indicator",
        "kind",
        "modality",
        "qualifier",
        "value",
        "unit",
        "base_value",
        "base_unit",
        "period",
        "text",
    ] {
        assert!(first.get(key).is_some(), "{key} missing: {first}");
    }
    assert_eq!(
        (first["indicator"].as_str(), first["value"].as_str(), first["unit"].as_str()),
        (Some("地区生产总值"), Some("480"), Some("亿元"))
    );
    assert_eq!(first["base_value"], 4.8e10);
    assert_eq!(first["period"], "2024");
    let everything =
        w.client.call("workspace/executeCommand", json!({ "command": "workplan.targets", "arguments": [] })).await;
    assert_eq!(everything.as_array().map(Vec::len), Some(7));
    let unknown = w.client.request("workspace/executeCommand", json!({ "command": "no.such", "arguments": [] })).await;
    assert!(unknown["error"].is_object());
    w.client.shutdown_and_exit().await;
}

/// `workplan.diff OLDER NEWER`: the changes between last year's plan on disk and this
/// year's open one (its live text), in the `diff --format json` shape; bad arguments are an
/// error, not a crash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_diff_command_compares_a_draft_on_disk_with_the_open_one() {
    let mut w = workspace().await;
    let report = w
        .client
        .call("workspace/executeCommand", json!({ "command": "workplan.diff", "arguments": [w.older, w.newer] }))
        .await;
    assert_eq!(report["old"], json!(w.older));
    assert_eq!(report["new"], json!(w.newer));
    let changes: Vec<String> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let side = |s: &Value| format!("{}{}", s["label"].as_str().unwrap_or(""), s["text"].as_str().unwrap_or(""));
            format!(
                "{} {} {} → {}",
                c["subject"].as_str().unwrap_or(""),
                c["changes"],
                side(&c["old"]),
                side(&c["new"])
            )
        })
        .collect();
    // Last year's targets pair with this year's: a single year counts from each plan's year.
    assert_eq!(
        changes,
        [
            r#"target ["value"] 固定资产投资（增速，2023）目标8% → 固定资产投资（增速，2024）目标10%"#,
            r#"target ["value"] 地区生产总值（增速，2023）目标6% → 地区生产总值（增速，2024）目标7%左右"#,
            r#"target ["added"]  → 地区生产总值（总量，2024）目标480亿元"#,
            r#"target ["added"]  → 固定资产投资（增速，2024）目标12%"#,
            r#"target ["added"]  → 连接设备数（总量，2024）目标5万台"#,
        ],
        "{report}"
    );
    for args in [json!([]), json!([w.older]), json!([w.older, "file:///no/such/draft.txt"]), json!([1, 2])] {
        let response = w
            .client
            .request("workspace/executeCommand", json!({ "command": "workplan.diff", "arguments": args }))
            .await;
        assert!(response["error"].is_object(), "{args}: {response}");
    }
    w.client.shutdown_and_exit().await;
}

/// A client whose workspace is `root`, offering UTF-16 positions only.
async fn client_in(root: &std::path::Path) -> TestClient {
    let mut client = TestClient::start();
    client
        .initialize_with(json!({
            "processId": null,
            "rootUri": file_uri(root),
            "capabilities": { "general": { "positionEncodings": ["utf-16"] } }
        }))
        .await;
    client
}

/// `citation.conflict` across the workspace: a title cited with another number in a draft
/// on disk, then in a draft open in the editor (its live text wins over its file).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_title_cited_with_two_numbers_in_two_drafts_is_reported_in_each() {
    let cite = |n: u32| format!("一、重点工作\n贯彻《关于加快发展的意见》（苏政发〔2024〕{n}号）。\n");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), cite(5)).expect("write");
    std::fs::write(dir.path().join("b.txt"), cite(6)).expect("write");
    let mut client = client_in(dir.path()).await;
    let (a, b) = (file_uri(&dir.path().join("a.txt")), file_uri(&dir.path().join("b.txt")));
    client.open(&b, &cite(6), 1);
    // Once the index has read a.txt.
    client.wait_codes(&b, 1, &["citation.conflict"]).await;
    client.change(&b, 2, vec![support::full_text(&cite(5))]);
    client.wait_codes(&b, 2, &[]).await;
    // a.txt open with other text than on disk: b is compared with it.
    client.open(&a, &cite(7), 1);
    let found = client.wait_diagnostics(&a, 1).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "citation.conflict");
    assert_eq!(found[0]["range"], Encoding::Utf16.range_of(&cite(7), "苏政发〔2024〕7号", 0));
    assert_eq!(
        found[0]["message"],
        "同一文件《关于加快发展的意见》在“b.txt”第2行引作“苏政发〔2024〕5号”，此处引作“苏政发〔2024〕7号”，请核对发文字号。"
    );
    client.wait_codes(&b, 2, &["citation.conflict"]).await;
    client.shutdown_and_exit().await;
}

/// `target.below-last-actual` across the workspace: last year's report of the same zone on
/// disk, then open in the editor with another figure (its live text wins over its file);
/// another body's report says nothing of this zone's figures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_below_the_same_zones_last_outturn_is_reported() {
    let report = |n: u32| format!("某某高新区2025年工作总结\n\n2025年，全区实现营业收入{n}亿元。\n");
    const PLAN: &str = "某某高新区2026年工作要点\n\n全区营业收入达到500亿元。\n";
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("2025-report.txt"), report(520)).expect("write");
    std::fs::write(dir.path().join("city.txt"), "某某市2025年工作总结\n\n2025年，全市实现营业收入5200亿元。\n")
        .expect("write");
    let mut client = client_in(dir.path()).await;
    let (report_uri, plan) =
        (file_uri(&dir.path().join("2025-report.txt")), file_uri(&dir.path().join("2026-plan.txt")));
    client.open(&plan, PLAN, 1);
    // Once the index has read the report.
    client.wait_codes(&plan, 1, &["target.below-last-actual"]).await;
    client.change(&plan, 2, vec![support::full_text(&PLAN.replace("500", "560"))]);
    client.wait_codes(&plan, 2, &[]).await;
    // The report open with a higher outturn than on disk: the plan is compared with it.
    client.open(&report_uri, &report(580), 1);
    let found = client.wait_diagnostics(&plan, 2).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "target.below-last-actual");
    assert_eq!(found[0]["range"], Encoding::Utf16.range_of(PLAN.replace("500", "560").as_str(), "560亿元", 0));
    assert_eq!(
        found[0]["message"],
        "“营业收入”2026年的目标“560亿元”低于2025年的实绩“580亿元”（“2025-report.txt”第3行）：目标低于上年实绩即计划下降，请核对是否沿用了上年的目标或写错了年份。"
    );
    client.shutdown_and_exit().await;
}
