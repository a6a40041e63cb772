//! Chinese and Arabic numerals as they appear in markers and counts.
//!
//! Only the small whole numbers of outlines and counts are needed (一 … 九百九十九, 两/兩,
//! 〇/零); anything larger or malformed is “not a numeral”, which keeps markers precise.

/// The value of a Chinese numeral digit, including the colloquial 两/兩 and 〇/零.
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Parses a whole Chinese numeral such as `十`, `十四`, `二十`, `九十九`, `一百零五`, `一千二百`.
pub fn parse_chinese(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        match c {
            '千' | '百' | '十' => {
                let unit = match c {
                    '千' => 1000,
                    '百' => 100,
                    _ => 10,
                };
                if unit >= last_unit {
                    return None;
                }
                // 十 alone at the start means 一十; 百 needs its digit.
                let d = match pending.take() {
                    Some(d) if d > 0 => d,
                    None if unit == 10 && total == 0 => 1,
                    _ => return None,
                };
                total += d * unit;
                last_unit = unit;
            }
            _ => {
                let d = digit_value(c)?;
                if pending.is_some() && d != 0 {
                    // two digits in a row (e.g. 二三) is not a number we accept,
                    // except after 零 inside 一百零五.
                    if pending != Some(0) {
                        return None;
                    }
                }
                pending = Some(d);
            }
        }
    }
    if let Some(d) = pending {
        total += d;
    }
    (total > 0).then_some(total)
}

/// The longest numeral at the start of `s`: `(value, byte length)`.
pub fn leading_chinese(s: &str) -> Option<(u32, usize)> {
    let len: usize = s.chars().take_while(|&c| is_numeral_char(c)).map(char::len_utf8).sum();
    // Shrink until the prefix parses (e.g. `一二` is not a numeral, `一` is).
    let mut end = len;
    while end > 0 {
        if let Some(v) = parse_chinese(&s[..end]) {
            return Some((v, end));
        }
        end -= s[..end].chars().next_back().map_or(1, char::len_utf8);
    }
    None
}

/// ASCII digits at the start of `s` (at most `max_digits` of them): `(value, byte length)`.
pub fn leading_arabic(s: &str, max_digits: usize) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max_digits {
        return None;
    }
    s[..len].parse().ok().map(|v| (v, len))
}

/// Like [`leading_arabic`], for full-width digits (`１２`); the length is in bytes.
pub fn leading_full_width(s: &str, max_digits: usize) -> Option<(u32, usize)> {
    let digits = s.chars().take_while(|c| ('０'..='９').contains(c)).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    let value = s.chars().take(digits).fold(0, |v, c| v * 10 + (c as u32 - '０' as u32));
    Some((value, digits * '０'.len_utf8()))
}

/// The Chinese numeral for `n` (1 ≤ n ≤ 99), as written in markers: 一, 十, 十一, 二十一.
pub fn to_chinese(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => {
            let rest = if n % 10 == 0 { "" } else { D[(n % 10) as usize] };
            format!("{}十{}", D[(n / 10) as usize], rest)
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_outline_numerals() {
        for (s, v) in
            [("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("九十九", 99), ("两", 2), ("兩", 2), ("一百零五", 105)]
        {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        for s in ["", "二三", "十十", "零", "百", "一一"] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
    }

    #[test]
    fn leading_numeral_stops_at_the_longest_valid_prefix() {
        assert_eq!(leading_chinese("十四五规划"), Some((14, 6)));
        assert_eq!(leading_chinese("一是"), Some((1, 3)));
        assert_eq!(leading_chinese("二三事"), Some((2, 3)));
        assert_eq!(leading_chinese("是"), None);
    }

    #[test]
    fn round_trips_to_chinese() {
        for n in 1..=99 {
            assert_eq!(parse_chinese(&to_chinese(n)), Some(n));
        }
    }

    #[test]
    fn arabic_prefix_is_bounded() {
        assert_eq!(leading_arabic("12.", 2), Some((12, 2)));
        assert_eq!(leading_arabic("2021年", 2), None);
        assert_eq!(leading_arabic("x1", 2), None);
    }
}
