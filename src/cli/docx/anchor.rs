//! Anchoring comments in `word/document.xml`: `w:commentRangeStart` where a finding's span
//! begins, `w:commentRangeEnd` and a run holding `w:commentReference` where it ends.
//!
//! The XML is not rebuilt: the original text is copied and only the markers are inserted, so
//! everything else stays as Word wrote it. A span that begins or ends inside a run splits the
//! run, each part keeping the run's properties (`w:rPr`), so the comment covers exactly the
//! span. Where the span cannot be taken back to the XML exactly (see `layout.rs`: fields,
//! hyperlinks, tracked changes, text boxes, an automatic label), the comment covers the whole
//! paragraph instead of a guess.

use std::ops::Range;

use super::layout::{Layout, ParagraphLayout, RunLayout};

/// A comment to anchor: on `line`, over the bytes `span` of the line's text.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub id: i64,
    pub line: usize,
    pub span: Range<usize>,
}

/// Where a comment was anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Exactly over its span.
    Span,
    /// Over the whole paragraph, since the span could not be placed exactly.
    Paragraph,
}

/// A place for a marker: between elements of a paragraph, or inside a run (which is split).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    At(usize),
    InRun { run: usize, at: usize },
}

/// A marker to insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    End(i64),
    Start(i64),
}

impl Marker {
    /// The marker in the paragraph's namespace prefix. WordprocessingML's attributes are
    /// qualified: where the document makes it the default namespace (no prefix), the marker
    /// declares a prefix for its `w:id`.
    fn xml(self, prefix: &str, namespace: &str) -> String {
        let (declare, a) =
            if prefix.is_empty() { (format!(r#" xmlns:w="{namespace}""#), "w:") } else { (String::new(), prefix) };
        match self {
            Marker::Start(id) => format!(r#"<{prefix}commentRangeStart{declare} {a}id="{id}"/>"#),
            // Word puts the reference in a run of its own right after the range's end.
            Marker::End(id) => format!(
                r#"<{prefix}commentRangeEnd{declare} {a}id="{id}"/><{prefix}r><{prefix}commentReference{declare} {a}id="{id}"/></{prefix}r>"#
            ),
        }
    }
}

/// The WordprocessingML namespace the document uses.
fn namespace(layout: &Layout) -> &'static str {
    if layout.strict {
        "http://purl.oclc.org/ooxml/wordprocessingml/main"
    } else {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    }
}

/// `xml` with the comments anchored, and where each one went (in the order given).
pub fn anchor(xml: &str, layout: &Layout, anchors: &[Anchor]) -> (String, Vec<Placement>) {
    let mut placements = Vec::with_capacity(anchors.len());
    // Per paragraph: its markers and where they go.
    let mut marks: Vec<Vec<(Cut, Marker, usize)>> = vec![Vec::new(); layout.paragraphs.len()];
    for a in anchors {
        let Some(line) = layout.lines.get(a.line) else {
            // The checker's lines are the reader's: a line the layout lacks cannot occur. If it
            // did, no comment is better than one on the wrong paragraph.
            placements.push(Placement::Paragraph);
            continue;
        };
        let Some(p) = layout.paragraphs.get(line.paragraph) else {
            placements.push(Placement::Paragraph);
            continue;
        };
        let exact = (line.own && p.plain)
            .then(|| Some((cut(layout, a.line, a.span.start)?, cut(layout, a.line, a.span.end)?)))
            .flatten();
        let (start, end, placement) = match exact {
            Some((start, end)) => (start, end, Placement::Span),
            None => (Cut::At(p.content.start), Cut::At(p.content.end), Placement::Paragraph),
        };
        placements.push(placement);
        let begins = cut_offset(start);
        marks[line.paragraph].push((start, Marker::Start(a.id), begins));
        marks[line.paragraph].push((end, Marker::End(a.id), begins));
    }
    // Edits on the XML, as (range replaced, text), in order and not overlapping.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (p, mut marks) in layout.paragraphs.iter().zip(marks) {
        if marks.is_empty() {
            continue;
        }
        // At one place, comments that end there close first, then comments open, then the
        // empty ones (a span of no characters) close.
        marks.sort_by_key(|&(cut, marker, begins)| {
            let at = cut_offset(cut);
            let rank = match marker {
                Marker::End(_) if begins < at => 0,
                Marker::Start(_) => 1,
                Marker::End(_) => 2,
            };
            let id = match marker {
                Marker::Start(id) | Marker::End(id) => id,
            };
            (at, rank, id)
        });
        let marks: Vec<(Cut, Marker)> = marks.into_iter().map(|(cut, marker, _)| (cut, marker)).collect();
        edits.extend(paragraph_edits(xml, p, &marks, namespace(layout)));
    }
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(xml.len() + edits.iter().map(|(_, t)| t.len()).sum::<usize>());
    let mut copied = 0;
    for (range, text) in edits {
        out.push_str(&xml[copied..range.start]);
        out.push_str(&text);
        copied = range.end;
    }
    out.push_str(&xml[copied..]);
    (out, placements)
}

/// Where in the XML byte `at` of a line is, for a marker: before the text that begins
/// there, or at the end of the paragraph's content. `None` where that is not a clean place:
/// in an automatic label, inside `&amp;` or a tab, outside a run of the paragraph's own.
fn cut(layout: &Layout, line: usize, at: usize) -> Option<Cut> {
    let line_layout = layout.lines.get(line)?;
    let p = layout.paragraphs.get(line_layout.paragraph)?;
    if at < line_layout.label {
        return None;
    }
    if at >= line_layout.len {
        return Some(Cut::At(p.content.end));
    }
    let pieces = &line_layout.pieces;
    let k = pieces.partition_point(|piece| piece.line.end <= at);
    let piece = pieces.get(k)?;
    if at < piece.line.start {
        // Between pieces, where the line has text the XML does not: cannot happen past the
        // label, since every character of a plain paragraph is some piece's.
        return None;
    }
    let run_index = piece.run?;
    let run = p.runs.get(run_index)?;
    let offset = at - piece.line.start;
    if offset > 0 && piece.atomic {
        return None;
    }
    let xml_at = piece.xml.start + offset;
    Some(place_in_run(run, run_index, xml_at))
}

/// A place inside a run, moved out of text elements and out of the run where it is at an
/// edge, so that a run is split only where the span really begins or ends inside it.
fn place_in_run(run: &RunLayout, index: usize, mut at: usize) -> Cut {
    for child in &run.children {
        if let Some((_, text)) = &child.text {
            if at == text.start {
                at = child.range.start;
            } else if at == text.end {
                at = child.range.end;
            }
        }
    }
    let first = run.children.first().map_or(run.content.start, |c| c.range.start);
    let last = run.children.last().map_or(run.content.end, |c| c.range.end);
    if at <= first {
        Cut::At(run.range.start)
    } else if at >= last {
        Cut::At(run.range.end)
    } else {
        Cut::InRun { run: index, at }
    }
}

fn cut_offset(cut: Cut) -> usize {
    match cut {
        Cut::At(at) => at,
        Cut::InRun { at, .. } => at,
    }
}

/// The edits that put `marks` (sorted) into paragraph `p`.
fn paragraph_edits(
    xml: &str,
    p: &ParagraphLayout,
    marks: &[(Cut, Marker)],
    namespace: &str,
) -> Vec<(Range<usize>, String)> {
    let prefix = p.prefix.as_str();
    if p.empty {
        // `<w:p/>` has nowhere to insert: it becomes `<w:p></w:p>` with the markers inside.
        let tag = &xml[p.range.clone()];
        let open = tag.trim_end_matches("/>").trim_end();
        let inner: String = marks.iter().map(|(_, m)| m.xml(prefix, namespace)).collect();
        return vec![(p.range.clone(), format!("{open}>{inner}</{prefix}p>"))];
    }
    let mut edits = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        match marks[i].0 {
            Cut::At(at) => {
                edits.push((at..at, marks[i].1.xml(prefix, namespace)));
                i += 1;
            }
            Cut::InRun { run, .. } => {
                // Every marker inside this run, in order.
                let mut inside = Vec::new();
                while let Some(&(Cut::InRun { run: r, at }, marker)) = marks.get(i) {
                    if r != run {
                        break;
                    }
                    inside.push((at, marker));
                    i += 1;
                }
                if let Some(r) = p.runs.get(run) {
                    edits.push((r.range.clone(), split_run(xml, r, &inside, prefix, namespace)));
                }
            }
        }
    }
    edits
}

/// The run split at each marker's place, the markers between the parts. Each part is the
/// run's start tag and properties, then the children (or the part of a `w:t`'s text) that lie
/// in it.
fn split_run(xml: &str, run: &RunLayout, marks: &[(usize, Marker)], prefix: &str, namespace: &str) -> String {
    let head = {
        let mut head = xml[run.start_tag.clone()].to_string();
        if let Some(props) = &run.properties {
            head.push_str(&xml[props.clone()]);
        }
        head
    };
    let close = &xml[run.content.end..run.range.end];
    let mut out = String::new();
    let mut from = run.content.start;
    let part = |from: usize, to: usize, out: &mut String| {
        let mut body = String::new();
        for child in &run.children {
            let (start, end) = (child.range.start, child.range.end);
            if start >= from && end <= to {
                body.push_str(&xml[start..end]);
            } else if let Some((name, text)) = &child.text {
                let (a, b) = (from.max(text.start), to.min(text.end));
                if a < b {
                    // A part of a text: spaces at its edges are kept only with xml:space.
                    body.push_str(&format!(r#"<{name} xml:space="preserve">{}</{name}>"#, &xml[a..b]));
                }
            }
        }
        if !body.is_empty() {
            out.push_str(&head);
            out.push_str(&body);
            out.push_str(close);
        }
    };
    for &(at, marker) in marks {
        part(from, at, &mut out);
        out.push_str(&marker.xml(prefix, namespace));
        from = at;
    }
    part(from, run.content.end, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::docx::layout::Recorder;
    use crate::cli::docx::numbering::Numbering;
    use crate::cli::docx::paragraphs;
    use quick_xml::events::Event;

    const NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn doc(body: &str) -> String {
        format!(r#"<w:document xmlns:w="{NS}"><w:body>{body}</w:body></w:document>"#)
    }

    /// Comments `0, 1, …` over the given (line, bytes of the line); the text reads the same
    /// from the result, which is well-formed.
    fn annotate(xml: &str, spans: &[(usize, Range<usize>)]) -> (String, Vec<Placement>) {
        let (text, layout) = paragraphs(xml, Numbering::default(), Some(Recorder::default())).expect("valid");
        let anchors: Vec<Anchor> = spans
            .iter()
            .enumerate()
            .map(|(i, (line, span))| Anchor { id: i as i64, line: *line, span: span.clone() })
            .collect();
        let (out, placed) = anchor(xml, &layout.expect("recorded"), &anchors);
        let (again, _) = paragraphs(&out, Numbering::default(), None).expect("still valid");
        assert_eq!(again.text, text.text, "{out}");
        (out, placed)
    }

    /// The text (`w:t`, `w:tab`) between the start and the end of comment `id`.
    fn covered(xml: &str, id: i64) -> String {
        let mut reader = quick_xml::Reader::from_str(xml);
        let (mut open, mut in_text, mut text) = (false, false, String::new());
        let is_id = |e: &quick_xml::events::BytesStart<'_>| {
            super::super::numbering::attr(e, b"id").is_some_and(|v| v == id.to_string())
        };
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Empty(e) if e.local_name().as_ref() == b"commentRangeStart" && is_id(&e) => open = true,
                Event::Empty(e) if e.local_name().as_ref() == b"commentRangeEnd" && is_id(&e) => open = false,
                Event::Empty(e) if open && e.local_name().as_ref() == b"tab" => text.push('\t'),
                Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
                Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
                Event::Text(t) if open && in_text => text.push_str(&t.xml10_content().expect("text")),
                Event::GeneralRef(r) if open && in_text => text
                    .push_str(quick_xml::escape::resolve_predefined_entity(&r.decode().expect("ref")).unwrap_or("?")),
                Event::Eof => break,
                _ => {}
            }
        }
        text
    }

    #[test]
    fn entities_and_tabs_are_covered_whole() {
        let xml = doc(r#"<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>甲&amp;乙</w:t><w:tab/><w:t>丙丁</w:t></w:r></w:p>"#);
        // "甲&乙\t丙丁": & is byte 3, 丙 ends at 11.
        let (out, placed) = annotate(&xml, &[(0, 3..11)]);
        assert_eq!(placed, [Placement::Span]);
        assert_eq!(covered(&out, 0), "&乙\t丙");
        assert!(
            out.contains(
                r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">甲</w:t></w:r><w:commentRangeStart w:id="0"/>"#
            ),
            "{out}"
        );
    }

    #[test]
    fn comments_in_one_run_nest_and_meet_in_order() {
        let xml = doc(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙丙丁</w:t></w:r></w:p>"#);
        let (out, placed) = annotate(&xml, &[(0, 3..6), (0, 6..9), (0, 3..9)]);
        assert_eq!(placed, [Placement::Span; 3]);
        assert_eq!([covered(&out, 0), covered(&out, 1), covered(&out, 2)], ["乙", "丙", "乙丙"]);
        // At 丙, the comment on 乙 closes before the one on 丙 opens.
        let (end0, start1) = (out.find(r#"commentRangeEnd w:id="0""#), out.find(r#"commentRangeStart w:id="1""#));
        assert!(end0 < start1, "{out}");
    }

    #[test]
    fn a_default_namespace_gets_qualified_ids() {
        let xml = format!(r#"<document xmlns="{NS}"><body><p><r><t>一、甲乙</t></r></p></body></document>"#);
        let (out, placed) = annotate(&xml, &[(0, 6..9)]);
        assert_eq!(placed, [Placement::Span]);
        assert!(out.contains(&format!(r#"<commentRangeStart xmlns:w="{NS}" w:id="0"/>"#)), "{out}");
        assert_eq!(covered(&out, 0), "甲");
    }

    #[test]
    fn an_empty_paragraph_is_opened() {
        let xml = doc(r#"<w:p/><w:p w:rsidR="1" />"#);
        let (out, placed) = annotate(&xml, &[(1, 0..0)]);
        assert_eq!(placed, [Placement::Span]);
        assert!(out.contains(r#"<w:p/><w:p w:rsidR="1"><w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#), "{out}");
    }

    #[test]
    fn text_boxes_and_tracked_changes_take_the_whole_paragraph() {
        let mc = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
        let xml = format!(
            r#"<w:document xmlns:w="{NS}" {mc}><w:body><w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><mc:AlternateContent>
                 <mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Choice>
                 <mc:Fallback><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></mc:Fallback>
               </mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>
               <w:p><w:ins w:id="9" w:author="甲"><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:t>内容</w:t></w:r></w:p></w:body></w:document>"#
        );
        // Lines: 框内 (in the text box), 正文, 新增内容.
        let (out, placed) = annotate(&xml, &[(0, 0..3), (1, 0..3), (2, 6..9)]);
        assert_eq!(placed, [Placement::Paragraph; 3]);
        // Both on the paragraph that holds the text box, after its properties.
        assert!(
            out.contains(
                r#"</w:pPr><w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/><w:r><mc:AlternateContent>"#
            ),
            "{out}"
        );
        assert_eq!(covered(&out, 2), "新增内容");
    }
}
