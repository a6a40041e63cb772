//! punct.halfwidth (GB/T 15834).

use super::{findings, fix_of, one};

#[test]
fn each_halfwidth_mark_in_chinese_text_is_one_finding() {
    let got = findings("附:2023年主要指标完成情况,地区生产总值完成420亿元(增长6.5%)。");
    let covered: Vec<&str> = got.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(covered, [":", ",", "(", ")"]);
    assert!(got.iter().all(|f| f.0 == "punct.halfwidth" && f.1 == 0));
    assert_eq!(fix_of("发展目标:工业增加值"), ["："]);
    assert_eq!(fix_of("是否落实?请核实"), ["？"]);
    assert_eq!(fix_of("完成任务;推进改革"), ["；"]);
}

#[test]
fn latin_numbers_urls_markers_and_pinyin_stay_silent() {
    for text in [
        "营收1,000万元",
        "会议10:30开始",
        "Hello, world",
        "详见 https://example.org",
        "(一)着力加强党的建设",
        "高新區(qū)管委会",
        "f(x)的值",
    ] {
        assert!(findings(text).iter().all(|f| f.0 != "punct.halfwidth"), "{text}: {:?}", findings(text));
    }
}

#[test]
fn a_question_mark_ends_a_question() {
    assert_eq!(fix_of("靠什么推动发展?靠改革创新。"), ["？"]);
    assert_eq!(fix_of("怎么办?我们要迎难而上。"), ["？"]);
    assert_eq!(fix_of("这项工作是否落实?"), ["？"]);
}

#[test]
fn a_question_mark_inside_a_word_is_a_lost_character_and_gets_no_fix() {
    // Conversions that lose a character leave `?` in its place: `？` would not restore it.
    for (text, covered) in [("全省综合实力位居全国前1?名。", "?"), ("推进渠系、?河灌区建设。", "?")]
    {
        let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
        let found = doc.findings();
        let [d] = found.as_slice() else { panic!("{text}: {found:?}") };
        assert_eq!((d.code.as_str(), doc.span_text(d.range).as_str()), ("punct.halfwidth", covered), "{text}");
        assert!(d.fix.is_empty(), "{text}: {:?}", d.fix);
        assert!(d.message.contains("丢失的字符"), "{}", d.message);
    }
}

/// A paragraph typed with half-width punctuation is one fact: one finding from its first
/// to its last mark, whose one fix makes every mark full-width.
#[test]
fn a_paragraph_typed_with_halfwidth_marks_is_one_finding_with_one_fix() {
    let text = "一是壮大主导产业,做强生物医药(含医疗器械);二是推进项目建设,完成投资50亿元:确保年底投产。";
    let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
    let found = doc.findings();
    let [d] = found.as_slice() else { panic!("{found:?}") };
    assert_eq!(d.code, "punct.halfwidth");
    assert_eq!(doc.span_text(d.range), ",做强生物医药(含医疗器械);二是推进项目建设,完成投资50亿元:");
    assert!(d.message.starts_with("本段有6处半角标点“,”“(”“)”“;”“:”"), "{}", d.message);
    let fixes: Vec<&str> = d.fix.iter().map(|r| r.new_text.as_str()).collect();
    assert_eq!(fixes, ["，", "（", "）", "；", "，", "："]);
    // Each replacement covers its own mark only: the words between are not rewritten.
    assert!(d.fix.iter().all(|r| doc.span_text(r.range).chars().count() == 1));
}

#[test]
fn up_to_four_stray_marks_are_findings_of_their_own() {
    let covered = |text: &str| findings(text).into_iter().map(|f| f.2).collect::<Vec<_>>();
    assert_eq!(covered("做强生物医药,推进项目建设。"), [","]);
    assert_eq!(covered("一是做强生物医药;二是推进项目建设:三是优化营商环境,四是加强党建!"), [";", ":", ",", "!"]);
    assert_eq!(
        covered("一是做强生物医药;二是推进项目建设:三是优化营商环境,四是加强党建!五是防范风险,"),
        [";二是推进项目建设:三是优化营商环境,四是加强党建!五是防范风险,"]
    );
}

#[test]
fn a_lost_character_stays_a_finding_of_its_own_beside_the_paragraphs_one() {
    let got = findings("全省综合实力位居全国前1?名,经济总量,财政收入,居民收入,进出口总额均居前列,");
    let covered: Vec<&str> = got.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(covered, ["?", ",经济总量,财政收入,居民收入,进出口总额均居前列,"]);
}

#[test]
fn many_marks_on_one_line_are_looked_through_once() {
    // Each mark's neighbours are found without re-reading the run of marks before it.
    let line = format!("甲{}乙", ", ".repeat(100_000));
    let started = std::time::Instant::now();
    let doc = workplan::Document::new(&line, workplan::DocumentKind::PlainText);
    let found = doc.findings();
    let [d] = found.as_slice() else { panic!("{} findings", found.len()) };
    assert_eq!(d.fix.len(), 100_000);
    // Quadratic, this took minutes; linear, about a second in a debug build.
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}

#[test]
fn an_unclosed_or_stray_mark_in_a_paragraph_is_one_finding() {
    assert_eq!(findings("推进“十四五规划编制。"), one("punct.unpaired", 0, "“"));
    assert_eq!(findings("认真贯彻《关于加快发展的意见，推动落实。"), one("punct.unpaired", 0, "《"));
    assert_eq!(findings("推动转型，落实双碳目标”。"), one("punct.unpaired", 0, "”"));
    // Crossed pairs: one finding, at the mark that closes the outer pair first.
    assert_eq!(findings("深入学习《关于“加快发展》”的通知。"), one("punct.unpaired", 0, "》"));
}

#[test]
fn paired_marks_that_are_right_stay_silent() {
    for text in [
        "印发《关于印发〈工作规则〉的通知》。",
        "他说：“要坚持‘两个毫不动摇’。”",
        "“第一，坚持稳中求进。\n“第二，坚持创新驱动。\n“第三，坚持改革开放。”",
        "重点做好：1）招商引资；2）项目建设。",
        "China’s economy grew steadily.",
        "是否落实到位？难道不该行动吗？！",
        // Paragraphs broken by a web page or PDF: the break is not the drafter's.
        "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向\n揭榜\n挂帅”的简称，其中“企业找技术”聚焦产业。",
        "【字号：\n加大\n】",
        "地区生产总值完成420亿元(增长6.5%）。",
        // A quotation of whole sentences broken over paragraphs (a pasted text breaks anywhere).
        "他指出：“要坚持稳中求进。\n要加快发展。”",
    ] {
        let got: Vec<_> = findings(text).into_iter().filter(|f| f.0 == "punct.unpaired").collect();
        assert_eq!(got, vec![], "{text}");
    }
}

#[test]
fn a_doubled_mark_becomes_one() {
    assert_eq!(findings("全面完成年度任务，，推动发展。"), one("punct.doubled", 0, "，，"));
    assert_eq!(fix_of("全面完成年度任务，，推动发展。"), ["，"]);
    assert_eq!(fix_of("圆满完成任务。。"), ["。"]);
    for text in ["难道不该行动吗？！", "推进改革……取得成效。", "待补充。。。。。。"] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn quoted_items_in_a_row_take_no_dunhao() {
    let got = findings("坚持“创新”、“协调”、“绿色”发展。");
    assert_eq!(got, vec![one("punct.quoted-list", 0, "、")[0].clone(), one("punct.quoted-list", 0, "、")[0].clone()]);
    assert_eq!(fix_of("学习《民法典》、《安全生产法》。"), [""]);
    for text in [
        "贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。",
        "“百戏入皖”、“超级皖”美食争霸赛、“广德三件套”、徽州鱼灯等。",
        "“十四五”规划和“十五五”规划。",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn an_ellipsis_is_two_marks() {
    assert_eq!(findings("推进改革…取得成效。"), one("punct.ellipsis", 0, "…"));
    assert_eq!(fix_of("加强建设………"), ["……"]);
    for text in ["推进改革……取得成效。", "…………"] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn long_lines_of_marks_dates_and_numbers_stay_linear() {
    // Look-behinds and the search for a crossed pair read a bounded stretch, not the line.
    let line = format!(
        "{}{}{}{}{}。",
        "“".repeat(20_000),
        "》".repeat(20_000),
        "“甲”、“乙”".repeat(5_000),
        "2026年4月31日前".repeat(5_000),
        "苏政发[2024]05号".repeat(5_000)
    );
    let started = std::time::Instant::now();
    assert!(!findings(&line).is_empty());
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
