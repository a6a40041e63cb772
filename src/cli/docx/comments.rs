//! The comments part (`word/comments.xml`) and the two places that declare it: the
//! relationship from the document (`word/_rels/document.xml.rels`) and its content type
//! (`[Content_Types].xml`). Existing parts are extended in place, text inserted before their
//! root's end tag, so what they held stays as it was.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::attr;
use super::DocxError;

pub const CONTENT_TYPES_PART: &str = "[Content_Types].xml";
pub const DOCUMENT_RELS_PART: &str = "word/_rels/document.xml.rels";
const COMMENTS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/comments",
];
const WORDML: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES_NS: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// A comment to write: its id and its text.
pub struct Comment {
    pub id: i64,
    pub text: String,
}

/// The root element of a small part, and where its end tag is (text is inserted there).
struct Root {
    /// Its prefix with the colon, or empty.
    prefix: String,
    /// Written `<x/>`: the whole element, to be replaced.
    empty: Option<std::ops::Range<usize>>,
    /// Where `</x>` begins.
    end: usize,
}

/// Walks a part's elements: `each(element, depth)` for every element (depth 1 = the root);
/// returns the root.
fn walk(part: &str, xml: &str, mut each: impl FnMut(&BytesStart<'_>, usize)) -> Result<Root, DocxError> {
    let broken = || DocxError::Part { part: part.to_string() };
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut root: Option<Root> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|_| broken())?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_none() && depth == 0 => {
                let name = e.name();
                let prefix = match name.prefix() {
                    Some(p) => format!("{}:", String::from_utf8_lossy(p.as_ref())),
                    None => String::new(),
                };
                let empty = xml.as_bytes()[before..after].ends_with(b"/>");
                root = Some(Root { prefix, empty: empty.then_some(before..after), end: after });
                each(&e, 1);
                if !empty {
                    depth = 1;
                }
            }
            Event::Start(e) => {
                depth += 1;
                each(&e, depth);
            }
            Event::Empty(e) => each(&e, depth + 1),
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or_else(broken)?;
                if depth == 0 {
                    if let Some(r) = &mut root {
                        r.end = before;
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(broken());
    }
    root.ok_or_else(broken)
}

/// `xml` with `text` inserted at the end of its root element.
fn append(xml: &str, root: &Root, root_name: &str, text: &str) -> String {
    match &root.empty {
        Some(range) => {
            let open = xml[range.clone()].trim_end_matches("/>").trim_end();
            format!("{}{open}>{text}</{}{root_name}>{}", &xml[..range.start], root.prefix, &xml[range.end..])
        }
        None => format!("{}{text}{}", &xml[..root.end], &xml[root.end..]),
    }
}

/// The ids of the comments a comments part holds.
pub fn comment_ids(part: &str, xml: &str) -> Result<Vec<i64>, DocxError> {
    let mut ids = Vec::new();
    walk(part, xml, |e, depth| {
        if depth == 2 && e.local_name().as_ref() == b"comment" {
            ids.extend(attr(e, b"id").and_then(|id| id.trim().parse::<i64>().ok()));
        }
    })?;
    Ok(ids)
}

/// The ids that comment markers in a document part use (a marker may be left over from a
/// comment deleted by hand; a new comment must not take its id).
pub fn marker_ids(xml: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                if matches!(local.as_ref(), b"commentRangeStart" | b"commentRangeEnd" | b"commentReference") {
                    ids.extend(attr(&e, b"id").and_then(|id| id.trim().parse::<i64>().ok()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    ids
}

/// One `w:comment`: author workplan, initials WP, the text as one paragraph. No date, so that
/// annotating the same draft twice writes the same file.
fn comment_xml(prefix: &str, namespace: &str, c: &Comment) -> String {
    let text = quick_xml::escape::escape(c.text.as_str());
    // Attributes are qualified: under a default namespace, the comment declares a prefix.
    let (declare, a) =
        if prefix.is_empty() { (format!(r#" xmlns:w="{namespace}""#), "w:") } else { (String::new(), prefix) };
    format!(
        r#"<{prefix}comment{declare} {a}id="{}" {a}author="workplan" {a}initials="WP"><{prefix}p><{prefix}r><{prefix}t xml:space="preserve">{text}</{prefix}t></{prefix}r></{prefix}p></{prefix}comment>"#,
        c.id
    )
}

/// A new comments part holding `comments`.
pub fn new_comments(strict: bool, comments: &[Comment]) -> String {
    let body: String = comments.iter().map(|c| comment_xml("w:", WORDML[usize::from(strict)], c)).collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{}\">{body}</w:comments>",
        WORDML[usize::from(strict)]
    )
}

/// An existing comments part with `comments` added after the ones it has.
pub fn extend_comments(part: &str, xml: &str, comments: &[Comment], strict: bool) -> Result<String, DocxError> {
    let root = walk(part, xml, |_, _| {})?;
    let body: String = comments.iter().map(|c| comment_xml(&root.prefix, WORDML[usize::from(strict)], c)).collect();
    Ok(append(xml, &root, "comments", &body))
}

/// The comments part the document's relationships name, as a part name (`word/comments.xml`).
pub fn comments_target(rels: &str) -> Result<Option<String>, DocxError> {
    let mut target = None;
    walk(DOCUMENT_RELS_PART, rels, |e, depth| {
        if depth == 2 && e.local_name().as_ref() == b"Relationship" {
            let is_comments = attr(e, b"Type").is_some_and(|t| COMMENTS_REL.contains(&t.as_str()));
            let external = attr(e, b"TargetMode").is_some_and(|m| m == "External");
            if is_comments && !external && target.is_none() {
                target = attr(e, b"Target").map(|t| resolve(&t));
            }
        }
    })?;
    Ok(target)
}

/// A relationship target, relative to `word/` unless it starts with `/`, as a part name.
fn resolve(target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("word/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The document's relationships with one to the comments part `target` (relative to
/// `word/`) added, under an id not yet used; a missing relationships part is created.
pub fn add_comments_relationship(rels: Option<&str>, target: &str, strict: bool) -> Result<String, DocxError> {
    let kind = COMMENTS_REL[usize::from(strict)];
    let Some(rels) = rels else {
        return Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELS_NS}\"><Relationship Id=\"rId1\" Type=\"{kind}\" Target=\"{target}\"/></Relationships>"
        ));
    };
    let mut ids = Vec::new();
    let root = walk(DOCUMENT_RELS_PART, rels, |e, depth| {
        if depth == 2 {
            ids.extend(attr(e, b"Id"));
        }
    })?;
    let id = (1..).map(|n| format!("rId{n}")).find(|id| !ids.contains(id)).unwrap_or_default();
    let p = &root.prefix;
    let element = format!(r#"<{p}Relationship Id="{id}" Type="{kind}" Target="{target}"/>"#);
    Ok(append(rels, &root, "Relationships", &element))
}

/// The content types with an override for `part` (`word/comments.xml`) if it has none.
pub fn add_comments_content_type(types: Option<&str>, part: &str) -> Result<Option<String>, DocxError> {
    let name = format!("/{part}");
    let Some(types) = types else {
        return Ok(Some(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types xmlns=\"{TYPES_NS}\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"{name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/></Types>"
        )));
    };
    let mut present = false;
    let root = walk(CONTENT_TYPES_PART, types, |e, depth| {
        if depth == 2 && e.local_name().as_ref() == b"Override" {
            // Part names compare without regard to case (OPC).
            present |= attr(e, b"PartName").is_some_and(|n| n.eq_ignore_ascii_case(&name));
        }
    })?;
    if present {
        return Ok(None);
    }
    let p = &root.prefix;
    let element = format!(r#"<{p}Override PartName="{name}" ContentType="{COMMENTS_CONTENT_TYPE}"/>"#);
    Ok(Some(append(types, &root, "Types", &element)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_word_folder() {
        assert_eq!(resolve("comments.xml"), "word/comments.xml");
        assert_eq!(resolve("/word/c.xml"), "word/c.xml");
        assert_eq!(resolve("../custom/c.xml"), "custom/c.xml");
    }

    #[test]
    fn relationships_get_an_unused_id() {
        let rels = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="a" Target="b"/><Relationship Id="rId2" Type="a" Target="c"/></Relationships>"#;
        let out = add_comments_relationship(Some(rels), "comments.xml", false).expect("valid");
        assert!(out.contains(r#"Id="rId3""#), "{out}");
        assert!(out.ends_with("</Relationships>"), "{out}");
        assert_eq!(comments_target(&out).expect("valid").as_deref(), Some("word/comments.xml"));
    }

    #[test]
    fn an_empty_root_is_opened_to_take_the_comment() {
        let xml = format!(r#"<w:comments xmlns:w="{}"/>"#, WORDML[0]);
        let out = extend_comments("c", &xml, &[Comment { id: 3, text: "甲 & 乙".into() }], false).expect("valid");
        assert!(out.starts_with(r#"<w:comments xmlns:w=""#) && out.ends_with("</w:comments>"), "{out}");
        assert!(out.contains("甲 &amp; 乙"), "{out}");
        assert_eq!(comment_ids("c", &out).expect("valid"), [3]);
    }

    #[test]
    fn an_existing_override_is_kept() {
        let types = r#"<Types xmlns="x"><Override PartName="/word/comments.xml" ContentType="y"/></Types>"#;
        assert!(add_comments_content_type(Some(types), "word/comments.xml").expect("valid").is_none());
        let types = r#"<Types xmlns="x"></Types>"#;
        let out = add_comments_content_type(Some(types), "word/comments.xml").expect("valid").expect("added");
        assert!(out.contains(r#"<Override PartName="/word/comments.xml""#), "{out}");
    }
}
