//! Reading one sentence clause by clause: each figure's subject (its own words, the noun a
//! count names after it, or the subject it continues), `分别`/`均` lists, values listed after
//! listed subjects, and the statement each figure makes.

use compact_str::CompactString;

use super::super::indicators::{looks_like_percent_level, lookup, simplify, UserIndicator};
use super::super::quantities::ascii_number;
use super::cues::SentenceCues;
use super::figures::{noun_after_figure, runs_into_noun, Figure};
use super::kinds::{comparison, growth_after, kind_of, Words};
use super::names;
use super::periods::SentencePeriods;
use super::statement::{Statement, TargetKind};
use crate::text::Span;

/// What a figure measures, carried from one figure to the next in a sentence.
#[derive(Debug, Clone, PartialEq)]
struct Subject {
    indicator: CompactString,
    name: Option<Span>,
    firm: bool,
    percent_level: bool,
}

/// The team's name for `name`, if it is one of their spellings.
fn users<'u>(name: &str, user: &'u [UserIndicator]) -> Option<&'u UserIndicator> {
    user.iter().find(|u| std::iter::once(&u.name).chain(&u.aliases).any(|s| simplify(s) == name))
}

/// The team's indicator whose spelling ends `words` (before the linking words), and where
/// it starts: their names win over the framing the reader would strip (`园区载体面积`).
fn users_ending<'u>(words: &str, user: &'u [UserIndicator]) -> Option<(usize, &'u UserIndicator)> {
    user.iter().find_map(|u| {
        std::iter::once(&u.name)
            .chain(&u.aliases)
            .map(|s| simplify(s))
            .filter(|s| !s.is_empty())
            .find_map(|s| words.ends_with(&*s).then(|| (words.len() - s.len(), u)))
    })
}

fn subject_named(indicator: CompactString, at: Span, count_verb: bool, user: &[UserIndicator]) -> Subject {
    if let Some(u) = users(&indicator, user) {
        return Subject { indicator: simplify(&u.name).into(), name: Some(at), firm: true, percent_level: u.percent };
    }
    let known = lookup(&indicator);
    let percent_level = known.is_some_and(|i| i.percent_level) || looks_like_percent_level(&indicator);
    Subject { indicator, name: Some(at), firm: known.is_some() || count_verb, percent_level }
}

/// Predicates a clause without figures may open with, its subject being the sentence's.
const GOES_ON_ABOUT_THE_SUBJECT: [&str; 7] = ["实现", "保持", "位居", "位列", "稳居", "跃居", "居于"];

/// What a share was of: the run's subject, of which the share was said
/// (`地区生产总值564亿元，占计划的100%，同比下降2%`), or the owner the share's own name states
/// (`采矿业增加值占比达96.05%，同比下降15.6%`). After a share named so, only a change compared
/// year on year (`同比`) is the owner's: `服务业增加值占比55%，提高3%` is the share's change,
/// written wrong.
struct ShareOwner {
    owner: Subject,
    clause_end: usize,
    year_on_year_only: bool,
}

/// The state of one sentence's reading.
pub(super) struct SentenceReader<'a> {
    text: &'a str,
    sentence: Span,
    cues: SentenceCues,
    periods: SentencePeriods,
    review: bool,
    user: &'a [UserIndicator],
    /// The subject figures continue (`地区生产总值67665亿元，增长5.5%`), and the kind of the
    /// last figure.
    run: Option<Subject>,
    /// The indicator a clause without figures opened with (`经济总量连续跨过3个万亿元大关，`):
    /// what a share after it is of.
    topic: Option<CompactString>,
    /// Whether the clause before this one opened with `topic`: only then is a bare figure of
    /// it (after a clause with figures of their own, the sentence has moved on).
    topic_just_opened: bool,
    /// The industry a clause without figures is about (`推动新能源汽车产业提质扩量，`): whose
    /// output a bare measure after it (`力争产量突破120万辆`) is.
    industry: Option<&'a str>,
    /// The products a clause without figures says the output of (`高新技术产品产量大幅增长，`):
    /// products named after it (`集成电路圆片增长19.2%`) are measured by it.
    output_of_products: bool,
    run_kind: Option<TargetKind>,
    /// What the last share was of, and where the share's clause ends: after that clause, a
    /// bare change in % is the owner's again, one in 个百分点 stays the share's (see
    /// [`ShareOwner`]).
    share_owner: Option<ShareOwner>,
    /// The subjects the last clause said a figure each of (`城乡常住居民人均可支配收入分别完成
    /// 44607元、16996元`): a clause of as many bare figures goes on about them in order
    /// (`，增长4.3%、7.6%`).
    shared: Vec<Subject>,
    previous_figure: Option<usize>,
    /// Where the sentence's breakdowns run (see [`breakdowns`]), in order.
    breakdowns: Vec<(usize, usize)>,
    out: Vec<Statement>,
}

/// Where a breakdown runs: from each `其中` to the end of its clauses (the next `；`, or the
/// sentence's end). Found once per sentence: searched back from each figure, a sentence of
/// many figures took time quadratic in its length.
fn breakdowns(text: &str, sentence: Span) -> Vec<(usize, usize)> {
    let s = &text[sentence.range()];
    if !s.contains('其') || !s.contains("其中") {
        return Vec::new();
    }
    let stops: Vec<usize> = s.match_indices(['；', ';']).map(|(i, _)| sentence.start() + i).collect();
    let starts = s.match_indices("其中").map(|(i, _)| sentence.start() + i);
    starts
        .map(|start| (start, stops.get(stops.partition_point(|&p| p < start)).copied().unwrap_or(sentence.end())))
        .collect()
}

impl<'a> SentenceReader<'a> {
    pub(super) fn new(
        text: &'a str,
        sentence: Span,
        cues: SentenceCues,
        periods: SentencePeriods,
        review: bool,
        user: &'a [UserIndicator],
    ) -> SentenceReader<'a> {
        SentenceReader {
            text,
            sentence,
            cues,
            periods,
            review,
            user,
            run: None,
            topic: None,
            topic_just_opened: false,
            industry: None,
            output_of_products: false,
            run_kind: None,
            share_owner: None,
            shared: Vec::new(),
            previous_figure: None,
            breakdowns: breakdowns(text, sentence),
            out: Vec::new(),
        }
    }

    /// The statements read.
    pub(super) fn into_statements(self) -> Vec<Statement> {
        self.out
    }

    /// A clause about something else ends the run of continued figures, and may say what
    /// the sentence is about.
    pub(super) fn read_clause_without_figures(&mut self, clause: Span) {
        let words = self.text[clause.range()].trim();
        if words.is_empty() {
            return;
        }
        self.industry = names::leading_industry(words).or(self.industry);
        self.output_of_products |= names::is_products_output(words);
        // A clause that opens with a predicate has no subject of its own: the sentence goes on
        // about the same one (`经济总量超过6万亿元，实现历史性晋位，年均增速5.7%`).
        if GOES_ON_ABOUT_THE_SUBJECT.iter().any(|verb| words.starts_with(verb)) {
            return;
        }
        self.run = None;
        self.share_owner = None;
        self.shared.clear();
        self.topic = names::leading_indicator(words);
        self.topic_just_opened = self.topic.is_some();
    }

    fn push(&mut self, subject: &Subject, f: &Figure<'_>, kind: TargetKind, linking: &str, flags: (bool, bool)) {
        let (over_span, base) = flags;
        let text = self.text;
        let q = f.q;
        let percent = q.percent().is_some();
        let unit = q.unit().map(|(_, u)| u);
        // Short strings, kept inline (`CompactString`): no allocation per figure.
        let sign = if f.sign_len > 0 { "-" } else { "" };
        let high = ascii_number(&text[q.number.range()]);
        // A range is written whole (`6%－6.5`, `1—2`); its value is its low end.
        let (number, lowest) = match f.low {
            Some(l) => {
                let low = ascii_number(&text[l.number.range()]);
                let joiner = text[l.span().end()..q.number.start()].trim();
                let low_percent = if l.percent().is_some() { "%" } else { "" };
                (
                    compact_str::format_compact!("{sign}{low}{low_percent}{joiner}{high}"),
                    compact_str::format_compact!("{sign}{low}"),
                )
            }
            None => {
                let number = compact_str::format_compact!("{sign}{high}");
                (number.clone(), number)
            }
        };
        let multiplier = q.multiplier().map_or(1.0, |m| m.1);
        // The standard spelling (`吨` for `噸`, `公里` for `km`): figures of one indicator
        // compare whatever spelling each draft uses.
        let written_unit = match unit {
            _ if percent => "%",
            // `低于每立方米19微克`: the concentration `19微克/立方米`.
            Some(u) if u.text == "微克" && text[..q.number.start()].ends_with("每立方米") => "微克/立方米",
            _ => unit.map_or("", |u| u.standard()),
        };
        let unit_text =
            compact_str::format_compact!("{}{}", q.multiplier().map_or("", |(s, _)| &text[s.range()]), written_unit);
        let value: f64 = lowest.parse().unwrap_or(0.0);
        // Multipliers are powers of ten: shift the decimal exponent so 313.9亿 is exactly
        // 3.139e10, not 313.9 × 1e8 = 31389999999.999996.
        let exponent = multiplier.log10().round() as i32;
        let base_value = compact_str::format_compact!("{lowest}e{exponent}").parse().unwrap_or(value * multiplier);
        let rate_change = ["增速", "增幅", "占比", "比重", "率", "依存度"].iter().any(|w| linking.contains(w));
        let k = self.breakdowns.partition_point(|&(start, _)| start < f.start);
        let breakdown = k > 0 && f.start < self.breakdowns[k - 1].1;
        self.out.push(Statement {
            indicator: names::coverage(
                names::network_length(&subject.indicator, kind == TargetKind::Level, unit.map(|u| u.dimension)),
                unit.is_some_and(|u| matches!(u.text, "人" | "人次")),
                percent,
            ),
            firm: subject.firm && f.low.is_none(),
            percent_level: subject.percent_level,
            name: subject.name,
            kind,
            cue: self.cues.at(f.start),
            qualifier: q.suffix().or(q.prefix()).or(q.more_than()).map(|s| s.text),
            number,
            unit: if f.rank { "位".into() } else { unit_text },
            base_value,
            base_unit: if percent { "%" } else { written_unit },
            span: Span::new(f.start, q.span().end()),
            sentence: self.sentence,
            period: self.periods.at(f.start, self.previous_figure),
            over_span: over_span || kind == TargetKind::AverageGrowth,
            steady: Words::of(linking).has(Words::STEADY),
            base,
            months_so_far: self.periods.months_so_far,
            review: self.review,
            rate_change,
            comparison: false,
            range: f.low.is_some(),
            negative: f.sign_len > 0,
            breakdown,
            area: None,
        });
        self.previous_figure = Some(f.start);
    }

    pub(super) fn read_clause(&mut self, clause: Span, figures: &[Figure<'_>]) {
        // `经济总量跨过两个万亿元大关、超过6万亿元`: two predicates of one subject, read as two
        // clauses (the figure is then of the indicator the first opened with).
        let before_figure = figures.first().map_or("", |f| &self.text[clause.start()..f.start.max(clause.start())]);
        let clause = match names::second_predicate(before_figure, &GOES_ON_ABOUT_THE_SUBJECT) {
            Some((joiner, second)) => {
                self.read_clause_without_figures(Span::new(clause.start(), clause.start() + joiner));
                Span::new(clause.start() + second, clause.end())
            }
            None => clause,
        };
        let shared = std::mem::take(&mut self.shared);
        if !self.distribute(clause, figures) && !self.read_shared(clause, figures, shared) {
            let first = self.out.len();
            self.read_figures(clause, figures);
            self.drop_list_sizes(first);
            self.pair_listed_values(first);
            self.split_listed_rates(first);
        }
        self.topic_just_opened = false;
    }

    /// `810个省重点项目完成投资10428.6亿元`: the number of projects on a list is the list's
    /// size; the money invested in them is the statement.
    fn drop_list_sizes(&mut self, first: usize) {
        let mut i = first;
        while i + 1 < self.out.len() {
            let (count, measure) = (&self.out[i], &self.out[i + 1]);
            let measured = count.name.is_some() && count.name.map(|n| n.start()) == measure.name.map(|n| n.start());
            if measured && count.indicator.ends_with("项目") {
                self.out.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// `二氧化硫、氮氧化物排放量要下降3%`: a rate after listed subjects is each one's rate,
    /// for rates do not add up to a total as counts do. Examples of a whole
    /// (`电动汽车、锂电池“新三样”`, `…等`) and shares of a whole (`…占…比重`) stay whole.
    fn split_listed_rates(&mut self, first: usize) {
        let text = self.text;
        let mut i = first;
        while i < self.out.len() {
            let s = &self.out[i];
            // `水泥、焦化行业70%以上产能`: a rate of what follows it is not the list's.
            let closes = text[s.span.end()..].chars().next().is_none_or(|c| "，。；、,;）)".contains(c));
            let listed = s.name.filter(|_| s.base_unit == "%" && closes).and_then(|at| {
                let name = &text[at.range()];
                let whole = name.contains(['等', '“', '占']);
                let items = names::listed_subjects(name, 1, false).filter(|items| items.len() > 1 && !whole)?;
                Some((at, items))
            });
            let Some((at, items)) = listed else {
                i += 1;
                continue;
            };
            let copies: Vec<Statement> = items
                .into_iter()
                .map(|(a, b, name)| {
                    let mut copy = self.out[i].clone();
                    copy.firm = lookup(&name).is_some();
                    copy.indicator = name;
                    copy.name = Some(Span::new(at.start() + a, at.start() + b));
                    copy
                })
                .collect();
            let n = copies.len();
            self.out.splice(i..=i, copies);
            i += n;
        }
    }

    /// `改造老旧供热、燃气、排水管网800公里、600公里、300公里`: values listed after listed
    /// subjects, one each, as with `分别`. Where the subjects cannot be told apart, the
    /// values are not restatements of one indicator either: none is firm.
    fn pair_listed_values(&mut self, first: usize) {
        let text = self.text;
        let mut i = first;
        while i < self.out.len() {
            let mut end = i + 1;
            while end < self.out.len() && self.out[end].name.is_none() && {
                let between = &text[self.out[end - 1].span.end()..self.out[end].span.start()];
                let between = ["以上", "左右", "以内", "以下"].iter().fold(between, |b, q| b.trim_start_matches(q));
                between.trim() == "、"
            } {
                end += 1;
            }
            if end - i > 1 {
                let written = self.out[i].name;
                let listed = written
                    .and_then(|n| names::listed_subjects(&text[n.range()], end - i, true))
                    .filter(|items| items.len() == end - i);
                for (k, s) in self.out[i..end].iter_mut().enumerate() {
                    match (&listed, written) {
                        (Some(items), Some(at)) => {
                            let (a, b, name) = &items[k];
                            s.indicator = name.clone();
                            s.name = Some(Span::new(at.start() + a, at.start() + b));
                            s.firm = lookup(name).is_some();
                        }
                        _ => s.firm = false,
                    }
                }
            }
            i = end;
        }
    }

    fn read_figures(&mut self, clause: Span, figures: &[Figure<'_>]) {
        let text = self.text;
        let mut cursor = clause.start();
        // The counting verb of the previous item, which a `、` list shares
        // (`新开工改造城镇老旧小区4402个、城中村5.1万户`).
        let mut counting_carried: Option<names::Counting> = None;
        // The noun a count named after itself, and where it ends.
        let mut noun_before: Option<(Subject, usize)> = None;
        // What the first item of the current `、` list measures.
        let mut list_head: Option<CompactString> = None;
        for f in figures {
            let segment_start = cursor.min(f.start);
            let segment = &text[segment_start..f.start];
            cursor = f.end;
            // `固定资产投资完成17亿元，超额完成年度任务2.1亿元，增长20.6%`: by how much the plan
            // was beaten is no level of the subject, which the sentence goes on about.
            if segment.trim_start().starts_with("超额") {
                continue;
            }
            let compared = comparison(segment);
            let read_to = compared.map_or(segment.len(), |(at, _)| at);
            let threshold_end = f.after_threshold.and_then(|end| end.checked_sub(segment_start));
            let mut reading =
                if f.rank { names::read_rank(segment) } else { names::read(&segment[..read_to], threshold_end) };
            if let Some((start, u)) = users_ending(&segment[..reading.linking_start.min(read_to)], self.user) {
                let end = reading.linking_start.min(read_to);
                reading.name = Some((start, end, simplify(&u.name).into()));
            }
            // An item of a `、` list, named before its figure or after it
            // (`新增2个国家先进制造业集群、19个国家中小企业特色产业集群`).
            let listed = names::skip_remark(segment).trim_start().starts_with('、')
                && (reading.name.is_some() || reading.bare && noun_after_figure(text, f, true).is_some());
            // A rate is not counted: it does not share the list's counting verb (`城镇新增就业
            // 1361万人、调查失业率稳定在5%左右`).
            let counting = match counting_carried {
                Some(carried)
                    if listed && reading.counting == names::Counting::default() && f.q.percent().is_none() =>
                {
                    carried
                }
                _ => reading.counting,
            };
            let count_verb = counting.new;
            // Without a subject of its own, every word of the segment links (`、达到54条`).
            let linking = if reading.bare { segment } else { &segment[reading.linking_start.min(segment.len())..] };
            let over_span = Words::of(segment).has(Words::OVER_SPAN);
            let after_noun = noun_after_figure(text, f, counting.new);
            let core = &segment[reading.core.0.min(segment.len())..reading.core.1.min(segment.len())];
            let measure_of_noun =
                noun_before.as_ref().filter(|(_, end)| *end == segment_start && names::is_measure(core));
            // The run's subject, if this figure is a share of it.
            let mut owner_of_share: Option<Subject> = None;
            // What the share before was of, if this figure is a change of it in %.
            let owner_before = reading.bare.then(|| self.owner_after_share(f, segment)).flatten().cloned();
            let subject = match &reading.name {
                // `810个省重点项目完成投资10428.6亿元`: the money of the things counted before.
                _ if measure_of_noun.is_some() => measure_of_noun.map(|(noun, _)| {
                    let whole = names::canonical(&format!("{}{}", noun.indicator, &segment[..reading.core.1]));
                    let from = noun.name.map_or(segment_start, |n| n.start());
                    subject_named(whole, Span::new(from, segment_start + reading.core.1), false, self.user)
                }),
                // `荆州、孝感、黄冈3个城市`: the count is of the noun after it; of a policy's
                // measures (`出台…20条措施`) it is the size of a document, not an indicator.
                Some(_) if runs_into_noun(text, f, after_noun) => after_noun
                    .map(|(start, end)| Span::new(f.end + start, f.end + end))
                    .filter(|at| !names::counts_no_indicator(&text[at.range()]))
                    .map(|at| subject_named(names::canonical(&text[at.range()]), at, false, self.user)),
                Some((start, end, name)) => {
                    let at = Span::new(segment_start + start, segment_start + end);
                    // What the sentence is about: the run's indicator (a share's owner), or the
                    // indicator a clause without figures opened with.
                    let about = self
                        .run
                        .as_ref()
                        .map(|r| r.indicator.split('占').next().unwrap_or_default())
                        .or(self.topic.as_deref());
                    match &self.run {
                        // `占全国比重由…`, `在北方地区占比由…`: a share of what the sentence is about.
                        _ if about.is_some() && names::share_of_an_area(name).is_some() => {
                            let about = about.unwrap_or_default();
                            let area = names::share_of_an_area(name).unwrap_or_default();
                            // `占全国国家级专精特新小巨人企业的1%`: of the whole country's.
                            // (spelt as written or otherwise: `国家级专精特新小巨人企业`)
                            let of_about = area.char_indices().find(|&(i, _)| names::canonical(&area[i..]) == about);
                            let area = of_about.map(|(i, _)| &area[..i]).filter(|a| !a.is_empty()).unwrap_or(area);
                            let whole = names::canonical(&format!("{about}占{area}比重"));
                            owner_of_share = self.run.clone();
                            Some(subject_named(whole, at, false, self.user))
                        }
                        // `总量突破90万亿元`: an aspect of what the sentence is about.
                        Some(run) if names::is_aspect(name) => {
                            Some(Subject { name: None, firm: run.firm && !name.contains('增'), ..run.clone() })
                        }
                        // `市场经营主体增量提质，总量突破1000万户`: an aspect of an indicator the
                        // reader cannot name is no statement of its own.
                        None if names::is_aspect(name) => {
                            self.topic.clone().map(|topic| subject_named(topic, at, false, self.user))
                        }
                        _ => {
                            let name = match (counting.renovation, reading.counting.renovation, self.industry) {
                                (Some(verb), None, _) => names::canonical(&format!("{name}{verb}")),
                                // `服务业支撑作用更加明显，增加值跨上3万亿元`.
                                (_, _, Some(industry)) if self.run.is_none() && names::is_output(name) => {
                                    names::output_of(industry, name)
                                }
                                // `高新技术产品产量大幅增长，集成电路圆片增长19.2%`.
                                _ if self.output_of_products && !count_verb && names::is_product(name) => {
                                    names::canonical(&format!("{name}产量"))
                                }
                                // `国家级数字领航企业18家、工业互联网平台46家`: the level is
                                // every listed item's.
                                _ if listed && names::has_own_level(name) => {
                                    list_head = None;
                                    name.clone()
                                }
                                _ => match (list_head.as_ref().filter(|_| listed), self.industry) {
                                    (Some(first), _) => names::with_list_qualifier(first, name),
                                    (None, Some(industry)) => names::of_industry(industry, name),
                                    (None, None) => name.clone(),
                                },
                            };
                            Some(subject_named(name, at, count_verb, self.user))
                        }
                    }
                }
                None if reading.bare && after_noun.is_some() && !f.rank => after_noun
                    .map(|(start, end)| Span::new(f.end + start, f.end + end))
                    .filter(|at| !names::counts_no_indicator(&text[at.range()]))
                    .map(|at| {
                        // `新培育6个国家级中小企业特色产业集群`: the count names its noun after it.
                        // Counted, but named by whatever noun follows: not firm enough to compare.
                        let noun = &text[at.range()];
                        let name = match (counting.renovation, self.industry) {
                            (Some(verb), _) => names::canonical(&format!("{noun}{verb}")),
                            (None, Some(industry)) => names::of_industry(industry, &names::canonical(noun)),
                            (None, None) => names::canonical(noun),
                        };
                        subject_named(name, at, false, self.user)
                    }),
                // `非化石能源发电装机达到1.39亿千瓦，占比由31%提升至54%`: the share of what
                // the run measures.
                None if names::is_bare_share(core) => self.run.as_ref().map(|run| {
                    owner_of_share = Some(run.clone());
                    let name = names::canonical(&format!("{}占比", run.indicator));
                    let at = Span::new(segment_start + reading.core.0, segment_start + reading.core.1);
                    Subject { percent_level: true, ..subject_named(name, at, false, self.user) }
                }),
                // `经济总量跨过两个万亿元大关，超过6万亿元`: a bare figure after a clause that
                // opened with an indicator is of it; named by no word of its own, not firm
                // enough to compare.
                None if reading.bare && self.run.is_none() && self.topic_just_opened && !f.rank => {
                    self.topic.clone().map(|topic| Subject {
                        name: None,
                        firm: false,
                        ..subject_named(topic, Span::new(f.start, f.start), false, self.user)
                    })
                }
                None if owner_before.is_some() => owner_before.map(|owner| Subject { name: None, ..owner }),
                None if reading.bare => self.run.clone().map(|mut s| {
                    s.name = None;
                    // `建成470万套、新开工630万套`: another count of the same thing.
                    s.firm &= !(counting.new || counting.stock || counting.built);
                    if f.rank {
                        s.indicator = names::rank_of(&s.indicator, core);
                        s.percent_level = false;
                    }
                    s
                }),
                None => None,
            };
            let named_owner = || {
                f.q.percent()?;
                let (owner, _) =
                    subject.as_ref()?.indicator.split_once('占').filter(|(o, _)| o.chars().count() >= 2)?;
                Some(subject_named(names::canonical(owner), Span::new(f.start, f.start), false, self.user))
            };
            self.share_owner = match owner_of_share {
                Some(owner) => Some(ShareOwner { owner, clause_end: clause.end(), year_on_year_only: false }),
                None => {
                    named_owner().map(|owner| ShareOwner { owner, clause_end: clause.end(), year_on_year_only: true })
                }
            };
            let Some(subject) = subject else {
                self.run = None;
                continue;
            };
            let noun_named = reading.name.is_none() && subject.name.is_some_and(|n| n.start() >= f.end);
            // `城镇新增就业`: a count of new things by its name; a count before its noun with no
            // verb (`10个国家大科学装置`) is a stock.
            let new_noun = noun_named && subject.indicator.starts_with('新');
            let linking_words = match f.q.percent() {
                Some(_) if growth_after(&text[f.end..]) => Words::of(linking).with(Words::GROWTH),
                _ => Words::of(linking),
            };
            let reached = linking_words.has(Words::REACHED);
            let built_new = counting.built && !reached && !linking.contains('超');
            let staged = names::projects_at_a_stage(segment, &subject.indicator);
            let count = (count_verb || built_new || staged || new_noun || names::is_activity(&subject.indicator))
                && !counting.stock;
            let mut kind = match compared {
                Some((_, true)) => TargetKind::Increase,
                Some((_, false)) => TargetKind::Decrease,
                None => kind_of(linking_words, count, f),
            };
            // A continued figure without a kind word of its own keeps the kind before it
            // (`确保达到20%、力争达到18%`), if both are percentages or neither; an amount
            // reached (`新增1700公里、突破7000公里`) is a level.
            if let (None, Some(before), TargetKind::Level | TargetKind::Share) = (subject.name, self.run_kind, kind) {
                let percent = f.q.percent().is_some();
                let percent_kind = matches!(before, TargetKind::Growth | TargetKind::Share | TargetKind::AverageGrowth);
                if !f.rank && percent == percent_kind && (percent || !reached) {
                    kind = before;
                }
            }
            if !listed {
                list_head = Some(subject.indicator.clone());
            }
            self.push(&subject, f, kind, linking, (over_span, reading.base));
            if let (Some(_), Some(last)) = (compared, self.out.last_mut()) {
                last.comparison = true;
            }
            counting_carried = Some(names::Counting { new: count, ..counting });
            if noun_named {
                cursor = subject.name.map_or(cursor, |n| n.end());
                cursor += names::status_len(&text[cursor..]);
                noun_before = Some((subject.clone(), cursor));
            }
            // A rank names a new indicator (`…排名`); the run stays with what was ranked.
            if !f.rank {
                self.run = Some(subject);
                self.run_kind = Some(kind);
            }
        }
    }

    /// What a share was of, for a change in % after the share's clause linked by `linking`.
    fn owner_after_share(&self, f: &Figure<'_>, linking: &str) -> Option<&Subject> {
        let after = |s: &&ShareOwner| {
            f.q.percent().is_some() && f.start >= s.clause_end && (!s.year_on_year_only || linking.contains("同比"))
        };
        self.share_owner.as_ref().filter(after).map(|s| &s.owner)
    }

    /// `A、B分别增长x%、y%` and `A、B均增长x%`: one subject per figure, or every subject for
    /// the one figure. `true` if the clause was read so.
    fn distribute(&mut self, clause: Span, figures: &[Figure<'_>]) -> bool {
        let text = self.text;
        let Some(first) = figures.first() else { return false };
        let head = &text[clause.start()..first.start];
        let Some((at, word)) = names::distributor(head) else { return false };
        // `比全省、全市增速分别高出2.6和4.1个百分点`: differences from other areas, read as such.
        if comparison(head).is_some() {
            return false;
        }
        let subjects = names::listed_subjects(&head[..at], figures.len(), word == "分别");
        let Some(subjects) = subjects else { return self.distribute_over_earlier(head, at, word, figures) };
        let linking = &head[at..];
        let subjects_end = subjects.iter().map(|s| s.1).max().unwrap_or(at).min(at);
        // `分别新增2个`: counts of new things.
        let mut counting = names::Counting::default();
        let after = &linking[word.len()..];
        let count = names::strip_count_verb(after, &mut counting).is_some() && counting.new;
        let over_span = Words::of(head).has(Words::OVER_SPAN);
        // `国家现代农业产业园、优势特色产业集群分别新增2个`: one figure, said of each.
        let pairs_each = word == "分别" && figures.len() > 1;
        let pairs: Vec<(usize, usize)> = if pairs_each {
            if subjects.len() != figures.len() {
                return false;
            }
            (0..figures.len()).map(|i| (i, i)).collect()
        } else {
            if figures.len() != 1 {
                return false;
            }
            (0..subjects.len()).map(|i| (i, 0)).collect()
        };
        // Aspects (`总量和增速`) are of what the sentence is about, and only ranks of them are
        // read so: decided before any figure is taken.
        let aspects = self.run.is_some() && subjects.iter().any(|(_, _, name)| names::is_aspect(name));
        if aspects && pairs.iter().any(|&(_, fi)| !figures[fi].rank) {
            return false;
        }
        for (s, fi) in pairs {
            let (start, end, ref name) = subjects[s];
            let subject = match self.run.as_ref().filter(|_| names::is_aspect(name)) {
                // `总量和增速均居全国第5位`: aspects of what the sentence is about.
                Some(run) => Subject {
                    indicator: names::rank_of(&run.indicator, name),
                    name: None,
                    firm: false,
                    percent_level: false,
                },
                None => {
                    let at = Span::new(clause.start() + start, clause.start() + end);
                    let name = if figures[fi].rank { format!("{name}排名").into() } else { name.clone() };
                    subject_named(name, at, false, self.user)
                }
            };
            let f = &figures[fi];
            // `人均可支配收入年均分别增长5.3%、7.1%`: the words between the subjects and the
            // figures link them, wherever the distributor sits.
            let kind = kind_of(Words::of(&head[subjects_end..]), count, f);
            self.push(&subject, f, kind, linking, (over_span, false));
            if pairs_each {
                self.shared.push(Subject { name: None, ..subject });
            }
        }
        // A clause of several subjects ends the run of one.
        self.run = None;
        true
    }

    /// `财政总收入15.68亿元，其中地方财政收入11.68亿元，分别下降7.78%、2.78%`: `分别` with no
    /// subjects of its own shares its verb among the sentence's subjects before it, the last
    /// as many as there are figures, in order. Where the sentence has fewer, the figures are
    /// of no subject the reader can tell, and none is read. `true` if the clause was read so.
    fn distribute_over_earlier(&mut self, head: &str, at: usize, word: &str, figures: &[Figure<'_>]) -> bool {
        if word != "分别" || figures.len() < 2 || !names::read(&head[..at], None).bare {
            return false;
        }
        let mut earlier: Vec<Subject> = Vec::new();
        // The last few statements only: a sentence of many figures stays linear.
        for s in self.out.iter().rev().take(4 * figures.len()).filter(|s| s.name.is_some()) {
            if earlier.len() == figures.len() {
                break;
            }
            if earlier.iter().all(|e| e.indicator != s.indicator) {
                let (firm, percent_level) = (s.firm, s.percent_level);
                earlier.push(Subject { indicator: s.indicator.clone(), name: None, firm, percent_level });
            }
        }
        if earlier.len() == figures.len() {
            earlier.reverse();
            self.push_each(&earlier, figures, &head[at..]);
        }
        self.run = None;
        true
    }

    /// One figure of `figures` for each of `subjects`, in order, all linked by `linking`.
    fn push_each(&mut self, subjects: &[Subject], figures: &[Figure<'_>], linking: &str) {
        let words = Words::of(linking);
        for (subject, f) in subjects.iter().zip(figures) {
            self.push(subject, f, kind_of(words, false, f), linking, (words.has(Words::OVER_SPAN), false));
        }
    }

    /// A clause of bare figures, as many as the subjects the clause before said a figure
    /// each of, goes on about those subjects in order. `true` if the clause was read so.
    fn read_shared(&mut self, clause: Span, figures: &[Figure<'_>], shared: Vec<Subject>) -> bool {
        let text = self.text;
        if shared.len() != figures.len() || figures.iter().any(|f| f.rank) {
            return false;
        }
        let mut cursor = clause.start();
        for f in figures {
            if !names::read(&text[cursor.min(f.start)..f.start], None).bare {
                return false;
            }
            cursor = f.end;
        }
        self.push_each(&shared, figures, &text[clause.start()..figures[0].start.max(clause.start())]);
        self.shared = shared;
        true
    }
}
