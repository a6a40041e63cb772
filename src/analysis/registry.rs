//! Every rule as a value: code, default severity, what it checks, the standard it rests on.
//! `workplan rules`, configuration and the documentation links all read this table.

use serde::Serialize;

/// How much a finding matters: a rule's default, which the configuration may change. Kept
/// with the rules (findings refer to it; the registry needs nothing of findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line, in Chinese, for `workplan rules` and the documentation.
    pub summary: &'static str,
    /// The standard and clause the rule rests on.
    pub standard: &'static str,
    /// The rule's documentation page (Markdown, docs/rules/CODE.md, compiled in).
    pub doc: &'static str,
}

const GBT_9704: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.3.3";
const GBT_15835: &str = "GB/T 15835-2011 《出版物上数字用法》";
const GBT_15834: &str = "GB/T 15834-2011 《标点符号用法》";
const DATES: &str = "公历历法（日期、星期须真实存在且相符）";
const GBT_9704_DATE: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.3.5.4";
const GBT_9704_DOCNUM: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.2.5";
const GB_3102: &str = "GB 3100/3101/3102 《量和单位》";
const TARGETS: &str = "统计指标口径与公文写作惯例（目标数据前后一致）";
const HOUSE: &str = "公文写作惯例（序号与所列事项一致）";
const UNIFORM: &str = "编校惯例（同一符号全文写法统一）";
const LEDGER: &str = "任务分解惯例（每项任务明确牵头单位、责任单位与完成时限）";

pub const RULES: &[Rule] = &[
    Rule {
        code: "numbering.gap",
        severity: Severity::Warning,
        summary: "同级序号跳号、重复或倒退（一、二、四、）",
        standard: GBT_9704,
        doc: include_str!("../../docs/rules/numbering.gap.md"),
    },
    Rule {
        code: "numbering.marker-style",
        severity: Severity::Warning,
        summary: "序号标点不合规范（一. → 一、；（一）、 → （一）；1、 → 1.；(1) → （1））",
        standard: GBT_9704,
        doc: include_str!("../../docs/rules/numbering.marker-style.md"),
    },
    Rule {
        code: "numbering.mixed-style",
        severity: Severity::Information,
        summary: "同一层级序号混用两种写法（1. 与 1．）",
        standard: GBT_9704,
        doc: include_str!("../../docs/rules/numbering.mixed-style.md"),
    },
    Rule {
        code: "numbering.level-order",
        severity: Severity::Warning,
        summary: "层级颠倒：较高层级的序号出现在较低层级之下（（一）之下出现一、）",
        standard: GBT_9704,
        doc: include_str!("../../docs/rules/numbering.level-order.md"),
    },
    Rule {
        code: "enumeration.gap",
        severity: Severity::Warning,
        summary: "段内列举跳号或重复（一是、二是、四是）",
        standard: HOUSE,
        doc: include_str!("../../docs/rules/enumeration.gap.md"),
    },
    Rule {
        code: "count.announced",
        severity: Severity::Warning,
        summary: "预告的数目与其后列出的条目数不符（以下五个方面 → 实际四条）",
        standard: HOUSE,
        doc: include_str!("../../docs/rules/count.announced.md"),
    },
    Rule {
        code: "count.listed",
        severity: Severity::Warning,
        summary: "列举的事项数与所述数目不符（A、B、C、D三大产业）",
        standard: HOUSE,
        doc: include_str!("../../docs/rules/count.listed.md"),
    },
    Rule {
        code: "unit.fullwidth-digit",
        severity: Severity::Warning,
        summary: "数字用了全角（１０％ → 10%，３．５ → 3.5）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.fullwidth-digit.md"),
    },
    Rule {
        code: "unit.range-connector",
        severity: Severity::Information,
        summary: "数值范围用了连字符（1-2年 → 1~2年，2017-2019年 → 2017—2019年）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.range-connector.md"),
    },
    Rule {
        code: "unit.percent-range",
        severity: Severity::Warning,
        summary: "百分数范围前一个数缺百分号（10-20% → 10%~20%）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.percent-range.md"),
    },
    Rule {
        code: "unit.space",
        severity: Severity::Warning,
        summary: "数字与中文单位之间有空格（10 亿元 → 10亿元）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.space.md"),
    },
    Rule {
        code: "unit.symbol-case",
        severity: Severity::Warning,
        summary: "单位符号大小写错误（110KV → 110kV，30KW → 30kW）",
        standard: GB_3102,
        doc: include_str!("../../docs/rules/unit.symbol-case.md"),
    },
    Rule {
        code: "unit.mixed-symbol",
        severity: Severity::Information,
        summary: "同一计量单位混用中文名称与符号（平方米与㎡）",
        standard: GB_3102,
        doc: include_str!("../../docs/rules/unit.mixed-symbol.md"),
    },
    Rule {
        code: "unit.mixed-percent-sign",
        severity: Severity::Information,
        summary: "全文混用半角%与全角％（9.2％与7%）",
        standard: UNIFORM,
        doc: include_str!("../../docs/rules/unit.mixed-percent-sign.md"),
    },
    Rule {
        code: "unit.number-separator",
        severity: Severity::Warning,
        summary: "数字中间用了全角逗号分节（1，000 → 1000）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.number-separator.md"),
    },
    Rule {
        code: "unit.redundant-qualifier",
        severity: Severity::Warning,
        summary: "约数、界限说了两遍（约5亿元左右 → 约5亿元；超过2000家以上 → 超过2000家）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.redundant-qualifier.md"),
    },
    Rule {
        code: "unit.chinese-numeral",
        severity: Severity::Hint,
        summary: "计量计数用了汉字数字（二十三家 → 23家；百分之十 → 10%）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/unit.chinese-numeral.md"),
    },
    Rule {
        code: "punct.halfwidth",
        severity: Severity::Warning,
        summary: "中文之间用了半角标点（, : ; ( ) ? !）",
        standard: GBT_15834,
        doc: include_str!("../../docs/rules/punct.halfwidth.md"),
    },
    Rule {
        code: "punct.unpaired",
        severity: Severity::Warning,
        summary: "引号、书名号、括号在段内不成对或交叉（“十四五规划。 → “十四五”规划。）",
        standard: GBT_15834,
        doc: include_str!("../../docs/rules/punct.unpaired.md"),
    },
    Rule {
        code: "punct.doubled",
        severity: Severity::Warning,
        summary: "标点重复（，， → ，；。。 → 。）",
        standard: GBT_15834,
        doc: include_str!("../../docs/rules/punct.doubled.md"),
    },
    Rule {
        code: "punct.ellipsis",
        severity: Severity::Warning,
        summary: "省略号只写了一半或多写了一半（… → ……，……… → ……）",
        standard: GBT_15834,
        doc: include_str!("../../docs/rules/punct.ellipsis.md"),
    },
    Rule {
        code: "punct.quoted-list",
        severity: Severity::Hint,
        summary: "并列的引号、书名号之间用了顿号（“创新”、“协调” → “创新”“协调”）",
        standard: GBT_15834,
        doc: include_str!("../../docs/rules/punct.quoted-list.md"),
    },
    Rule {
        code: "date.impossible",
        severity: Severity::Warning,
        summary: "日期不存在（2026年4月31日，2026年13月）",
        standard: DATES,
        doc: include_str!("../../docs/rules/date.impossible.md"),
    },
    Rule {
        code: "date.weekday",
        severity: Severity::Warning,
        summary: "星期与日期不符（2026年4月8日（星期二），应为星期三）",
        standard: DATES,
        doc: include_str!("../../docs/rules/date.weekday.md"),
    },
    Rule {
        code: "date.chinese-zero",
        severity: Severity::Warning,
        summary: "汉字年份中的零写成了“零”（二零二六年 → 二〇二六年）",
        standard: GBT_15835,
        doc: include_str!("../../docs/rules/date.chinese-zero.md"),
    },
    Rule {
        code: "date.dateline",
        severity: Severity::Warning,
        summary: "成文日期写法不合规范（2026年01月05日、二〇二六年一月五日 → 2026年1月5日）",
        standard: GBT_9704_DATE,
        doc: include_str!("../../docs/rules/date.dateline.md"),
    },
    Rule {
        code: "date.deadline-past",
        severity: Severity::Information,
        summary: "工作安排中的完成时限早于计划年度（2026年工作要点中“于2025年11月底前完成”）",
        standard: DATES,
        doc: include_str!("../../docs/rules/date.deadline-past.md"),
    },
    Rule {
        code: "docnum.brackets",
        severity: Severity::Warning,
        summary: "发文字号的年份未用六角括号（苏政发[2024]5号 → 苏政发〔2024〕5号）",
        standard: GBT_9704_DOCNUM,
        doc: include_str!("../../docs/rules/docnum.brackets.md"),
    },
    Rule {
        code: "docnum.serial",
        severity: Severity::Warning,
        summary: "发文顺序号加了“第”或虚位（〔2024〕第05号 → 〔2024〕5号）",
        standard: GBT_9704_DOCNUM,
        doc: include_str!("../../docs/rules/docnum.serial.md"),
    },
    Rule {
        code: "docnum.citation-order",
        severity: Severity::Warning,
        summary: "引用公文先引了发文字号（苏政发〔2024〕5号《…》 → 《…》（苏政发〔2024〕5号））",
        standard: "公文写作惯例（引用公文应当先引标题，后引发文字号）",
        doc: include_str!("../../docs/rules/docnum.citation-order.md"),
    },
    Rule {
        code: "citation.conflict",
        severity: Severity::Warning,
        summary: "同一文件引用了两个发文字号，或同一发文字号对应两个标题",
        standard: "公文写作惯例（引用公文的标题和发文字号前后一致）",
        doc: include_str!("../../docs/rules/citation.conflict.md"),
    },
    Rule {
        code: "attachment.missing",
        severity: Severity::Warning,
        summary: "引用的附件不在附件说明中（附件说明列了2个附件，正文却写“详见附件3”）",
        standard: "GB/T 9704-2012 《党政机关公文格式》 §7.3.4",
        doc: include_str!("../../docs/rules/attachment.missing.md"),
    },
    Rule {
        code: "attachment.punctuation",
        severity: Severity::Warning,
        summary: "附件说明中的附件名称后加了标点（2.关于…的通知。 → 2.关于…的通知）",
        standard: "GB/T 9704-2012 《党政机关公文格式》 §7.3.4",
        doc: include_str!("../../docs/rules/attachment.punctuation.md"),
    },
    Rule {
        code: "attachment.title",
        severity: Severity::Hint,
        summary: "附件的标题与附件说明所列名称不一致（附件说明写“1.重点项目清单”，附件1的标题却是“重点项目计划清单”）",
        standard: "GB/T 9704-2012 《党政机关公文格式》 §8",
        doc: include_str!("../../docs/rules/attachment.title.md"),
    },
    Rule {
        code: "term.preferred",
        severity: Severity::Warning,
        summary: "不合本单位用语规范的写法（workplan.toml 的 [[term]]：规模上工业 → 规模以上工业）",
        standard: "本单位用语规范（workplan.toml 中的 [[term]] 条目）",
        doc: include_str!("../../docs/rules/term.preferred.md"),
    },
    Rule {
        code: "target.conflict",
        severity: Severity::Warning,
        summary: "同一指标、同一类型、同一年度的目标前后写法不一致（目标段新增企业2000家以上，正文新增企业1800家）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.conflict.md"),
    },
    Rule {
        code: "target.guarantee-above-aspiration",
        severity: Severity::Error,
        summary: "“确保”值高于“力争”值（确保增长20%、力争增长18%）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.guarantee-above-aspiration.md"),
    },
    Rule {
        code: "target.growth-arithmetic",
        severity: Severity::Warning,
        summary: "上年基数×（1+增速）与所写总量不符",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.growth-arithmetic.md"),
    },
    Rule {
        code: "target.part-exceeds-whole",
        severity: Severity::Warning,
        summary: "部分大于整体（工业增加值大于第二产业增加值）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.part-exceeds-whole.md"),
    },
    Rule {
        code: "target.percent-point",
        severity: Severity::Warning,
        summary: "百分比指标的变化写成了%（占比提高3% → 提高3个百分点）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.percent-point.md"),
    },
    Rule {
        code: "target.negative-growth",
        severity: Severity::Information,
        summary: "负增长写成“增长-N%”（增长-5% → 下降5%）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.negative-growth.md"),
    },
    Rule {
        code: "target.decrease-multiple",
        severity: Severity::Warning,
        summary: "减少用倍数表示（降低了四倍）",
        standard: TARGETS,
        doc: include_str!("../../docs/rules/target.decrease-multiple.md"),
    },
    Rule {
        code: "task.lead-missing",
        severity: Severity::Information,
        summary: "任务分解中某项任务没写牵头单位，而同级任务大多写了",
        standard: LEDGER,
        doc: include_str!("../../docs/rules/task.lead-missing.md"),
    },
    Rule {
        code: "task.deadline-invalid",
        severity: Severity::Information,
        summary: "完成时限的日期不存在（6月31日）或早于本计划年度（2026年计划中的2025年12月底）",
        standard: LEDGER,
        doc: include_str!("../../docs/rules/task.deadline-invalid.md"),
    },
    Rule {
        code: "task.unit-alias",
        severity: Severity::Information,
        summary: "任务分解中同一单位有两种写法（区发改局与区发展改革局）",
        standard: LEDGER,
        doc: include_str!("../../docs/rules/task.unit-alias.md"),
    },
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(r.code.contains('.'), "{}", r.code);
            assert!(RULES[..i].iter().all(|o| o.code != r.code), "duplicate {}", r.code);
        }
    }
}
