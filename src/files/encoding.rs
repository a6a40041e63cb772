//! A draft's bytes as text, and the text back as bytes in the same encoding.
//!
//! Drafts come as UTF-8 (with or without a BOM), as UTF-16 with a BOM (Notepad's “Unicode”),
//! and — the default “ANSI” of Notepad and many office systems on Chinese Windows — as GBK /
//! GB18030, or Big5 from Taiwan and Hong Kong. A BOM decides; text that is not UTF-8 is given
//! to a detector (chardetng, Firefox's) and read only if it is one of the Chinese encodings
//! and decodes without a single malformed byte, so a binary file is never read as text.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// How a draft was encoded, so that `--fix` writes it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK and its superset GB18030.
    Gb18030,
    Big5,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Big5 => "Big5",
        }
    }
}

/// A draft's text, without its byte-order mark, and how to write it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub bom: bool,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("看来是二进制文件，不是文本草稿")]
    Binary,
    #[error("无法识别文本编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5；按 UTF-8 第 {offset} 字节起无法解码），请另存为 UTF-8 后再检查")]
    Unknown { offset: usize },
    #[error("按 {} 编码解码时遇到无效字节，请另存为 UTF-8 后再检查", .0.name())]
    Malformed(TextEncoding),
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("修正后的文字有 {} 编码无法表示的字符", .0.name())]
pub struct Unencodable(pub TextEncoding);

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
const UTF16LE_BOM: &[u8] = b"\xff\xfe";
const UTF16BE_BOM: &[u8] = b"\xfe\xff";

/// Takes the bytes: a UTF-8 draft (nearly every one) becomes its text without a copy.
pub fn decode(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
        if memchr::memchr(0, &bytes).is_some() {
            return Err(DecodeError::Binary);
        }
        let text = utf8(bytes).map_err(|(offset, _)| DecodeError::Unknown { offset: offset + UTF8_BOM.len() })?;
        return Ok(Decoded { text, encoding: TextEncoding::Utf8, bom: true });
    }
    for (bom, encoding, with) in
        [(UTF16LE_BOM, TextEncoding::Utf16Le, UTF_16LE), (UTF16BE_BOM, TextEncoding::Utf16Be, UTF_16BE)]
    {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = strict(with, rest).ok_or(DecodeError::Malformed(encoding))?;
            if text.contains('\0') {
                return Err(DecodeError::Binary);
            }
            return Ok(Decoded { text, encoding, bom: true });
        }
    }
    // `memchr` reads the draft 32 bytes at a time; `<[u8]>::contains`, 16.
    if memchr::memchr(0, &bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    let (offset, bytes) = match utf8(bytes) {
        Ok(text) => return Ok(Decoded { text, encoding: TextEncoding::Utf8, bom: false }),
        Err(not_utf8) => not_utf8,
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (encoding, with) = if guess == GBK || guess == GB18030 {
        // The GBK decoder is GB18030's: four-byte sequences read too.
        (TextEncoding::Gb18030, GB18030)
    } else if guess == BIG5 {
        (TextEncoding::Big5, BIG5)
    } else {
        return Err(DecodeError::Unknown { offset });
    };
    let text = strict(with, &bytes).ok_or(DecodeError::Malformed(encoding))?;
    Ok(Decoded { text, encoding, bom: false })
}

/// The bytes as text if they are UTF-8; else where they stop being UTF-8, and the bytes.
///
/// simdutf8 checks Chinese text ten times as fast as `std::str::from_utf8` (which takes a
/// byte at a time outside ASCII: 4 ms for 10 MB, before anything else can start).
fn utf8(bytes: Vec<u8>) -> Result<String, (usize, Vec<u8>)> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    let offset = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    Err((offset, bytes))
}

/// The text, or `None` at the first malformed byte (never a replacement character).
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
}

/// `text` in `encoding`, with the BOM if the draft had one.
pub fn encode(text: &str, encoding: TextEncoding, bom: bool) -> Result<Vec<u8>, Unencodable> {
    let mut out = Vec::with_capacity(text.len() + 3);
    match encoding {
        TextEncoding::Utf8 => {
            if bom {
                out.extend_from_slice(UTF8_BOM);
            }
            out.extend_from_slice(text.as_bytes());
        }
        // encoding_rs encodes into UTF-16 as UTF-8 (the Web's rule), so these are written here.
        TextEncoding::Utf16Le => {
            out.extend_from_slice(UTF16LE_BOM);
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        }
        TextEncoding::Utf16Be => {
            out.extend_from_slice(UTF16BE_BOM);
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        }
        // GBK's two-byte forms where they exist (as the draft was most likely written; `€` is
        // 0x80 there), GB18030's four-byte forms only for what GBK lacks.
        TextEncoding::Gb18030 => match GBK.encode(text) {
            (bytes, _, false) => out.extend_from_slice(&bytes),
            _ => out.extend_from_slice(&GB18030.encode(text).0),
        },
        TextEncoding::Big5 => match BIG5.encode(text) {
            (bytes, _, false) => out.extend_from_slice(&bytes),
            _ => return Err(Unencodable(encoding)),
        },
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str =
        "一、2026年工作安排\n（一）加快建设科技创新高地。规上工业增加值增长10%左右，确保完成固定资产投资120亿元。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(DRAFT.as_bytes().to_vec()).expect("utf-8");
        assert_eq!((plain.encoding, plain.bom), (TextEncoding::Utf8, false));
        let with_bom = [UTF8_BOM, DRAFT.as_bytes()].concat();
        let d = decode(with_bom.clone()).expect("utf-8");
        assert_eq!((d.text.as_str(), d.bom), (DRAFT, true));
        assert_eq!(encode(&d.text, d.encoding, d.bom).expect("encodes"), with_bom);
    }

    #[test]
    fn gb18030_is_detected_and_written_back_the_same() {
        let (bytes, _, _) = GBK.encode(DRAFT);
        let d = decode(bytes.to_vec()).expect("gbk");
        assert_eq!((d.text.as_str(), d.encoding), (DRAFT, TextEncoding::Gb18030));
        assert_eq!(encode(&d.text, d.encoding, d.bom).expect("encodes"), bytes.as_ref());
        // A character outside GBK takes GB18030's four bytes, and reads back.
        let rare = format!("{DRAFT}𠀀");
        let bytes = encode(&rare, TextEncoding::Gb18030, false).expect("encodes");
        assert_eq!(decode(bytes).expect("gb18030").text, rare);
    }

    #[test]
    fn utf16_with_a_bom_is_text() {
        for encoding in [TextEncoding::Utf16Le, TextEncoding::Utf16Be] {
            let bytes = encode(DRAFT, encoding, true).expect("encodes");
            let d = decode(bytes).expect("utf-16");
            assert_eq!((d.text.as_str(), d.encoding, d.bom), (DRAFT, encoding, true));
        }
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00\xff\xfe".to_vec()), Err(DecodeError::Binary));
        assert!(decode(vec![0xff, 0xfe, 0x00, 0xd8]).is_err());
        assert!(decode((0..=255u8).cycle().take(4096).filter(|b| *b != 0).collect()).is_err());
    }
}
