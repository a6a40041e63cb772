//! Every rule as a value: its typed id, code, default severity, what it checks, the standard
//! it rests on, whether its fix needs the document to confirm it. Findings, configuration,
//! output, `workplan rules` (and the lists derived from it) and the documentation links all
//! read this table. Adding a rule: docs/design.md.

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

/// A rule's entry: everything about it that is not how it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    /// The code findings, configuration and output name it by (`family.name`).
    pub code: &'static str,
    pub severity: Severity,
    /// One line, in Chinese, for `workplan rules` and the documentation.
    pub summary: &'static str,
    /// The standard and clause the rule rests on.
    pub standard: &'static str,
    /// The rule's documentation page (Markdown, docs/rules/CODE.md, compiled in).
    pub doc: &'static str,
    /// Whether the fix its findings carry is certain from the line alone.
    pub fix: FixCertainty,
}

impl Rule {
    /// The family: the part of the code before the dot (`unit` of `unit.space`).
    pub fn family(&self) -> &'static str {
        self.code.split_once('.').map_or(self.code, |(family, _)| family)
    }
}

/// How sure a rule's fix is when the rule writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixCertainty {
    /// Certain wherever the finding is shown (or the rule has no fix).
    Certain,
    /// Written on the line, but certain only where the document's indicator statements do
    /// not say otherwise: `target.negative-growth` rewrites `增长-3%` as `下降3%`, which is
    /// wrong where the indicator changes in 个百分点. The analysis drops the fix there
    /// ([`crate::analysis::targets::fix_confirmed`]).
    ConfirmedByStatements,
}

/// A user's code (configuration, `--select`) that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

/// The registry: one entry per rule, in the order `workplan rules` lists them. An entry is
/// `Variant: "code", default severity, standard, "summary"` and, if its fix needs the
/// document to confirm it, `fix: ConfirmedByStatements`; its page is
/// `docs/rules/CODE.md`. The macro makes [`RuleId`] (one variant per entry) and [`RULES`].
macro_rules! rules {
    ($($id:ident: $code:literal, $severity:ident, $standard:expr, $summary:literal $(, fix: $fix:ident)?;)*) => {
        /// A rule, as findings and configuration refer to it. Written out (JSON, SARIF, LSP)
        /// as its code; ordered by its code.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $($id,)*
        }

        pub const RULES: &[Rule] = &[
            $(Rule {
                id: RuleId::$id,
                code: $code,
                severity: Severity::$severity,
                summary: $summary,
                standard: $standard,
                doc: include_str!(concat!("../../docs/rules/", $code, ".md")),
                fix: fix_certainty!($($fix)?),
            },)*
        ];
    };
}

macro_rules! fix_certainty {
    () => {
        FixCertainty::Certain
    };
    ($fix:ident) => {
        FixCertainty::$fix
    };
}

const GBT_9704: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.3.3";
const GBT_15835: &str = "GB/T 15835-2011 《出版物上数字用法》";
const GBT_15834: &str = "GB/T 15834-2011 《标点符号用法》";
const DATES: &str = "公历历法（日期、星期须真实存在且相符）";
const GBT_9704_DATE: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.3.5.4";
const GBT_9704_DOCNUM: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.2.5";
const GBT_9704_ATTACHMENT: &str = "GB/T 9704-2012 《党政机关公文格式》 §7.3.4";
const GB_3102: &str = "GB 3100/3101/3102 《量和单位》";
const TARGETS: &str = "统计指标口径与公文写作惯例（目标数据前后一致）";
const HOUSE: &str = "公文写作惯例（序号与所列事项一致）";
const UNIFORM: &str = "编校惯例（同一符号全文写法统一）";
const LEDGER: &str = "任务分解惯例（每项任务明确牵头单位、责任单位与完成时限）";

rules! {
    NumberingGap: "numbering.gap", Warning, GBT_9704,
        "同级序号跳号、重复或倒退（一、二、四、）";
    NumberingMarkerStyle: "numbering.marker-style", Warning, GBT_9704,
        "序号标点不合规范（一. → 一、；（一）、 → （一）；1、 → 1.；(1) → （1））";
    NumberingMixedStyle: "numbering.mixed-style", Information, GBT_9704,
        "同一层级序号混用两种写法（1. 与 1．）";
    NumberingLevelOrder: "numbering.level-order", Warning, GBT_9704,
        "层级颠倒：较高层级的序号出现在较低层级之下（（一）之下出现一、）";
    EnumerationGap: "enumeration.gap", Warning, HOUSE,
        "段内列举跳号或重复（一是、二是、四是）";
    CountAnnounced: "count.announced", Warning, HOUSE,
        "预告的数目与其后列出的条目数不符（以下五个方面 → 实际四条）";
    CountListed: "count.listed", Warning, HOUSE,
        "列举的事项数与所述数目不符（A、B、C、D三大产业）";
    UnitFullwidthDigit: "unit.fullwidth-digit", Warning, GBT_15835,
        "数字用了全角（１０％ → 10%，３．５ → 3.5）";
    UnitRangeConnector: "unit.range-connector", Information, GBT_15835,
        "数值范围用了连字符（1-2年 → 1~2年，2017-2019年 → 2017—2019年）";
    UnitPercentRange: "unit.percent-range", Warning, GBT_15835,
        "百分数范围前一个数缺百分号（10-20% → 10%~20%）";
    UnitSpace: "unit.space", Warning, GBT_15835,
        "数字与中文单位之间有空格（10 亿元 → 10亿元）";
    UnitSymbolCase: "unit.symbol-case", Warning, GB_3102,
        "单位符号大小写错误（110KV → 110kV，30KW → 30kW）";
    UnitMixedSymbol: "unit.mixed-symbol", Information, GB_3102,
        "同一计量单位混用中文名称与符号（平方米与㎡）";
    UnitMixedPercentSign: "unit.mixed-percent-sign", Information, UNIFORM,
        "全文混用半角%与全角％（9.2％与7%）";
    UnitNumberSeparator: "unit.number-separator", Warning, GBT_15835,
        "数字中间用了全角逗号分节（1，000 → 1000）";
    UnitRedundantQualifier: "unit.redundant-qualifier", Warning, GBT_15835,
        "约数、界限说了两遍（约5亿元左右 → 约5亿元；超过2000家以上 → 超过2000家）";
    UnitChineseNumeral: "unit.chinese-numeral", Hint, GBT_15835,
        "计量计数用了汉字数字（二十三家 → 23家；百分之十 → 10%）";
    PunctHalfwidth: "punct.halfwidth", Warning, GBT_15834,
        "中文之间用了半角标点（, : ; ( ) ? !）";
    PunctUnpaired: "punct.unpaired", Warning, GBT_15834,
        "引号、书名号、括号在段内不成对或交叉（“十四五规划。 → “十四五”规划。）";
    PunctDoubled: "punct.doubled", Warning, GBT_15834,
        "标点重复（，， → ，；。。 → 。）";
    PunctEllipsis: "punct.ellipsis", Warning, GBT_15834,
        "省略号只写了一半或多写了一半（… → ……，……… → ……）";
    PunctQuotedList: "punct.quoted-list", Hint, GBT_15834,
        "并列的引号、书名号之间用了顿号（“创新”、“协调” → “创新”“协调”）";
    DateImpossible: "date.impossible", Warning, DATES,
        "日期不存在（2026年4月31日，2026年13月）";
    DateWeekday: "date.weekday", Warning, DATES,
        "星期与日期不符（2026年4月8日（星期二），应为星期三）";
    DateChineseZero: "date.chinese-zero", Warning, GBT_15835,
        "汉字年份中的零写成了“零”（二零二六年 → 二〇二六年）";
    DateDateline: "date.dateline", Warning, GBT_9704_DATE,
        "成文日期写法不合规范（2026年01月05日、二〇二六年一月五日 → 2026年1月5日）";
    DateDeadlinePast: "date.deadline-past", Information, DATES,
        "工作安排中的完成时限早于计划年度（2026年工作要点中“于2025年11月底前完成”）";
    DocnumBrackets: "docnum.brackets", Warning, GBT_9704_DOCNUM,
        "发文字号的年份未用六角括号（苏政发[2024]5号 → 苏政发〔2024〕5号）";
    DocnumSerial: "docnum.serial", Warning, GBT_9704_DOCNUM,
        "发文顺序号加了“第”或虚位（〔2024〕第05号 → 〔2024〕5号）";
    DocnumCitationOrder: "docnum.citation-order", Warning, "公文写作惯例（引用公文应当先引标题，后引发文字号）",
        "引用公文先引了发文字号（苏政发〔2024〕5号《…》 → 《…》（苏政发〔2024〕5号））";
    CitationConflict: "citation.conflict", Warning, "公文写作惯例（引用公文的标题和发文字号前后一致）",
        "同一文件引用了两个发文字号，或同一发文字号对应两个标题";
    AttachmentMissing: "attachment.missing", Warning, GBT_9704_ATTACHMENT,
        "引用的附件不在附件说明中（附件说明列了2个附件，正文却写“详见附件3”）";
    AttachmentPunctuation: "attachment.punctuation", Warning, GBT_9704_ATTACHMENT,
        "附件说明中的附件名称后加了标点（2.关于…的通知。 → 2.关于…的通知）";
    AttachmentTitle: "attachment.title", Hint, "GB/T 9704-2012 《党政机关公文格式》 §8",
        "附件的标题与附件说明所列名称不一致（附件说明写“1.重点项目清单”，附件1的标题却是“重点项目计划清单”）";
    TermPreferred: "term.preferred", Warning, "本单位用语规范（workplan.toml 中的 [[term]] 条目）",
        "不合本单位用语规范的写法（workplan.toml 的 [[term]]：规模上工业 → 规模以上工业）";
    TargetConflict: "target.conflict", Warning, TARGETS,
        "同一指标、同一类型、同一年度的目标前后写法不一致（目标段新增企业2000家以上，正文新增企业1800家）";
    TargetGuaranteeAboveAspiration: "target.guarantee-above-aspiration", Error, TARGETS,
        "“确保”值高于“力争”值（确保增长20%、力争增长18%）";
    TargetGrowthArithmetic: "target.growth-arithmetic", Warning, TARGETS,
        "上年基数×（1+增速）与所写总量不符";
    TargetPartExceedsWhole: "target.part-exceeds-whole", Warning, TARGETS,
        "部分大于整体（工业增加值大于第二产业增加值）";
    TargetPercentPoint: "target.percent-point", Warning, TARGETS,
        "百分比指标的变化写成了%（占比提高3% → 提高3个百分点）";
    TargetBelowLastActual: "target.below-last-actual", Information, TARGETS,
        "目标低于上年实绩（上年营业收入520亿元，今年目标500亿元）";
    TargetNegativeGrowth: "target.negative-growth", Information, TARGETS,
        "负增长写成“增长-N%”（增长-5% → 下降5%）", fix: ConfirmedByStatements;
    TargetDecreaseMultiple: "target.decrease-multiple", Warning, TARGETS,
        "减少用倍数表示（降低了四倍）";
    TaskLeadMissing: "task.lead-missing", Information, LEDGER,
        "任务分解中某项任务没写牵头单位，而同级任务大多写了";
    TaskDeadlineInvalid: "task.deadline-invalid", Information, LEDGER,
        "完成时限的日期不存在（6月31日）或早于本计划年度（2026年计划中的2025年12月底）";
    TaskUnitAlias: "task.unit-alias", Information, LEDGER,
        "任务分解中同一单位有两种写法（区发改局与区发展改革局）";
}

impl RuleId {
    /// Its registry entry.
    pub fn rule(self) -> &'static Rule {
        // The macro lists the entries in the order of the variants.
        &RULES[self as usize]
    }

    /// Its code (`unit.space`): what output and configuration name it by.
    pub fn as_str(self) -> &'static str {
        self.rule().code
    }

    /// The rule a user's code names: the one way configuration turns a code into a rule.
    pub fn parse(code: &str) -> Result<RuleId, UnknownRule> {
        RULES.iter().find(|r| r.code == code).map(|r| r.id).ok_or_else(|| UnknownRule(code.to_string()))
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::fmt::Debug for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
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

    #[test]
    fn each_id_is_its_entry() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.id as usize, i);
            assert_eq!(r.id.rule(), r);
            assert_eq!(RuleId::parse(r.code), Ok(r.id));
        }
        assert_eq!(RuleId::parse("no.such"), Err(UnknownRule("no.such".into())));
    }
}
